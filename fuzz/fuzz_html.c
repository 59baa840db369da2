/* fuzz_html.c - libFuzzer target: read arbitrary bytes as an EDGAR filing
 *
 * Hands the input to rsk_document_open_data as a file's bytes would be
 * (sniffing, an SGML submission's main document, libxml2's HTML parser,
 * CSS, layout, pages, furniture, cover dates), reads the document and
 * segments what was read. Errors are expected; crashes, leaks, hangs and
 * undefined behaviour are not.
 *
 * SPDX-License-Identifier: MIT
 */
#include "document.h"
#include "segment.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GError *error = NULL;
  rsk_document *doc = rsk_document_open_data("fuzz.htm", (const char *)data, size, &error);
  if (!doc) {
    g_assert(error != NULL);
    g_error_free(error);
    return 0;
  }
  rsk_filing *filing = rsk_filing_new("fuzz.htm");
  int pages = rsk_document_page_count(doc);
  g_assert(pages >= 1);
  if (rsk_document_read(doc, 1, 0, 1, filing, &error)) {
    for (guint i = 0; i < filing->lines->len; i++) {
      const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
      g_assert(line->page >= 1 && line->page <= pages);
      g_assert(g_utf8_validate(line->text, -1, NULL));
    }
    rsk_segment(filing);
  } else {
    g_clear_error(&error);
  }
  rsk_filing_free(filing);
  rsk_document_free(doc);
  return 0;
}
