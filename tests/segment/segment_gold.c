/* segment_gold.c - read and segment a PDF, score its headings against gold
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_gold.h"

#include "evalset.h"
#include "document.h"
#include "segment.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

rsk_filing *segment_file(const char *path)
{
  g_autoptr(GError) error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  assert_non_null(doc);
  rsk_filing *filing = rsk_filing_new(path);
  assert_true(rsk_document_read(doc, 1, 0, 2, filing, &error));
  rsk_document_free(doc);
  rsk_segment(filing);
  return filing;
}

void score_headings(const rsk_filing *filing, const char *gold_path,
                    rsk_eval_heading_counts *counts)
{
  g_autoptr(GError) error = NULL;
  rsk_eval_set *gold = rsk_eval_gold_load(gold_path, &error);
  assert_non_null(gold);
  rsk_eval_set *pred = rsk_eval_set_new(filing->name, filing->name);
  for (guint i = 0; i < filing->risks->len; i++) {
    const rsk_risk_factor *r = &g_array_index(filing->risks, rsk_risk_factor, i);
    rsk_eval_set_add(pred, r->ordinal, r->page_start, r->section, r->heading, NULL, 0);
  }
  int *match = g_new(int, gold->items->len);
  const rsk_eval_item *g = (const rsk_eval_item *)gold->items->data;
  const rsk_eval_item *p = (const rsk_eval_item *)pred->items->data;
  rsk_eval_match(g, gold->items->len, p, pred->items->len, match);
  rsk_eval_count_headings(g, gold->items->len, p, pred->items->len, match, counts);
  g_free(match);
  rsk_eval_set_free(pred);
  rsk_eval_set_free(gold);
}

int release_font_caches(void **state)
{
  (void)state;
  cairo_debug_reset_static_data();
  FcFini();
  return 0;
}
