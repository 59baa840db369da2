/* make_report_fixtures.c - writes the PDFs the report tests analyse
 *
 * Usage: make_report_fixtures DIR
 * Writes DIR/sinoverse_application_proof.pdf and DIR/sinoverse_prospectus.pdf
 * (rsk_fixture_prospectus_pair: known differences) and
 * DIR/acme_escaping_10k.pdf (rsk_fixture_escaping: <script>, &, quotes,
 * </svg> in headings, bodies and the company name).
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixtures.h"
#include "pdfgen.h"

#include <stdio.h>

int main(int argc, char **argv)
{
  GError *error = NULL;
  rsk_fx_pair pair;

  if (argc != 2) {
    fprintf(stderr, "usage: make_report_fixtures DIR\n");
    return 2;
  }
  g_autofree char *proof = g_build_filename(argv[1],
      "sinoverse_application_proof.pdf", NULL);
  g_autofree char *final = g_build_filename(argv[1], "sinoverse_prospectus.pdf",
                                            NULL);
  g_autofree char *escaping = g_build_filename(argv[1], "acme_escaping_10k.pdf",
                                               NULL);
  if (!rsk_fixture_prospectus_pair(proof, final, &pair, &error)) {
    fprintf(stderr, "make_report_fixtures: %s\n", error->message);
    return 1;
  }
  rsk_fx_pair_clear(&pair);
  rsk_fx_truth *truth = rsk_fixture_escaping(escaping, &error);
  if (!truth) {
    fprintf(stderr, "make_report_fixtures: %s\n", error->message);
    return 1;
  }
  rsk_fx_truth_free(truth);
  rsk_pdf_shutdown();  /* cairo's and fontconfig's caches, for LeakSanitizer */
  return 0;
}
