/* fuzz_segment.c - libFuzzer target: rsk_segment on a synthetic line stream
 *
 * Decodes the input into the lines and spans of a filing (line_stream.h)
 * and segments it. rsk_segment never fails, so every input must give a
 * filing whose risk factors keep the contract of filing.h: ordinals in
 * order, pages inside the document and the section, page marks inside the
 * mark array with the first one at offset 0 and offsets inside the body,
 * valid UTF-8 everywhere. A broken contract aborts, as a crash would.
 *
 * SPDX-License-Identifier: MIT
 */
#include "line_stream.h"
#include "segment.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "fuzz_segment: contract broken: %s\n", #cond);     \
      abort();                                                             \
    }                                                                      \
  } while (0)

static void check_filing(const rsk_filing *f)
{
  if (f->risks->len == 0)
    return;
  CHECK(f->risk_first_page >= 1 && f->risk_first_page <= f->risk_last_page);
  CHECK(f->risk_last_page <= f->page_count);
  for (guint i = 0; i < f->risks->len; i++) {
    const rsk_risk_factor *r = &g_array_index(f->risks, rsk_risk_factor, i);
    CHECK(r->ordinal == (int)i + 1);
    CHECK(r->heading && g_utf8_validate(r->heading, -1, NULL));
    CHECK(r->body && g_utf8_validate(r->body, -1, NULL));
    CHECK(r->section && g_utf8_validate(r->section, -1, NULL));
    CHECK(r->page_start >= 1 && r->page_start <= r->page_end);
    CHECK(r->page_end <= f->page_count);
    CHECK(r->page_start >= f->risk_first_page && r->page_end <= f->risk_last_page);
    CHECK(r->word_count >= 0);
    CHECK((guint64)r->first_mark + r->n_marks <= f->page_marks->len);
    size_t body_len = strlen(r->body);
    for (guint m = 0; m < r->n_marks; m++) {
      const rsk_page_mark *mark =
          &g_array_index(f->page_marks, rsk_page_mark, r->first_mark + m);
      CHECK(mark->offset <= body_len);
      CHECK(mark->page >= r->page_start && mark->page <= r->page_end);
      if (m == 0)
        CHECK(mark->offset == 0);
    }
    int p = rsk_risk_page_at(f, r, (guint)body_len);
    CHECK(p >= r->page_start && p <= r->page_end);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  rsk_filing *filing = rsk_filing_new("fuzz.pdf");
  rsk_fuzz_lines_decode(filing, data, size);
  rsk_segment(filing);
  check_filing(filing);
  rsk_filing_free(filing);
  return 0;
}
