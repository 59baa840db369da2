/* make_long.c - write an N-page Hong Kong-layout filing for the benchmark
 *
 *   make_long PATH N
 *
 * The SinoVerse prospectus of fixtures/ padded to N pages: the same risk
 * factors, with the back sections repeated, so analyze's memory can be
 * measured against the page count (bench/run.sh --long).
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
  if (argc != 3 || atoi(argv[2]) < 1) {
    fprintf(stderr, "usage: make_long PATH PAGES\n");
    return 2;
  }
  GError *error = NULL;
  rsk_fx_truth *truth = rsk_fixture_long_hk(argv[1], atoi(argv[2]), &error);
  if (!truth) {
    fprintf(stderr, "make_long: %s\n", error->message);
    g_error_free(error);
    return 1;
  }
  printf("%s: %d pages, risk factors on pages %d-%d\n", argv[1], truth->page_count,
         truth->risk_first_page, truth->risk_last_page);
  rsk_fx_truth_free(truth);
  return 0;
}
