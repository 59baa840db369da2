/* fuzz_pdf.c - libFuzzer target: open and read arbitrary bytes as a PDF
 *
 * Writes the input to a temporary file (Poppler reads from a path, as
 * riskscope does), opens it with rsk_document_open, reads every page with
 * one worker (jobs = 1, so a crash is reproducible) and segments what was
 * read. Errors are expected; crashes, leaks and hangs are not.
 *
 * SPDX-License-Identifier: MIT
 */
#include "document.h"
#include "input_file.h"
#include "segment.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *input_path = rsk_fuzz_input_file("fuzz_pdf.pdf", data, size);

  GError *error = NULL;
  rsk_document *doc = rsk_document_open(input_path, NULL, &error);
  if (!doc) {
    g_assert(error != NULL);
    g_error_free(error);
    return 0;
  }
  rsk_filing *filing = rsk_filing_new(input_path);
  if (rsk_document_read(doc, 1, 0, 1, filing, &error))
    rsk_segment(filing);
  else
    g_clear_error(&error);
  rsk_filing_free(filing);
  rsk_document_free(doc);
  return 0;
}
