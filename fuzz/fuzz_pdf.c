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
#include "segment.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *input_path;

static void remove_input(void)
{
  if (input_path)
    g_unlink(input_path);
  g_free(input_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!input_path) {
    input_path = g_strdup_printf("%s/fuzz_pdf.%d.pdf", g_get_tmp_dir(), (int)getpid());
    atexit(remove_input);
  }
  FILE *f = fopen(input_path, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);

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
