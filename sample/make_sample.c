/* make_sample.c - write the bundled sample prospectus and its gold labels
 *
 * Usage: make_sample OUT.pdf OUT.gold.jsonl
 * Writes the fictional SinoVerse application proof (HK layout, about 50
 * pages) that the README's first command analyses, and its gold file in
 * the LABELING.md format.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "fixtures.h"
#include "pdfgen.h"

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: make_sample OUT.pdf OUT.gold.jsonl\n");
    return 2;
  }
  rsk_fx_options o;
  rsk_fx_options_init(&o);
  o.min_pages = 52;
  GError *error = NULL;
  rsk_fx_truth *truth = rsk_fx_generate(&rsk_sinoverse_doc, &o, argv[1], &error);
  if (!truth || !rsk_fx_truth_write_gold(truth, argv[2], &error)) {
    fprintf(stderr, "make_sample: %s\n", error->message);
    g_error_free(error);
    rsk_fx_truth_free(truth);
    rsk_pdf_shutdown();
    return 1;
  }
  rsk_fx_truth_free(truth);
  rsk_pdf_shutdown();
  return 0;
}
