/* score.c - heading matching and precision/recall counting for eval
 *
 * Matching is an alignment, like a diff: both lists are in document order,
 * so a pairing may not cross itself. A dynamic programme over the
 * N_GOLD x N_PRED grid keeps, for each prefix pair, the largest number of
 * matching pairs (ties broken by the summed similarity ratio). The ratio is
 * only computed when the two keys' lengths allow it to reach the threshold:
 * an edit distance is at least the difference of lengths.
 *
 * SPDX-License-Identifier: MIT
 */
#include "score.h"

#include "text.h"

#include <string.h>

typedef struct {
  int pairs;
  double ratio;
  char move;               /* 'd' diagonal (pair), 'u' skip gold, 'l' skip pred */
} cell;

static double pair_ratio(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  size_t longer = MAX(la, lb), shorter = MIN(la, lb);
  if (longer == 0)
    return 1.0;
  if ((double)shorter / (double)longer < RSK_EVAL_HEADING_RATIO)
    return 0.0;
  return rsk_similarity_ratio(a, b);
}

static gboolean better(int pairs, double ratio, const cell *than)
{
  return pairs > than->pairs || (pairs == than->pairs && ratio > than->ratio + 1e-12);
}

void rsk_eval_match(const rsk_eval_item *gold, guint n_gold,
                    const rsk_eval_item *pred, guint n_pred, int *match)
{
  for (guint i = 0; i < n_gold; i++)
    match[i] = -1;
  if (n_gold == 0 || n_pred == 0)
    return;

  char **gkeys = g_new0(char *, n_gold);
  char **pkeys = g_new0(char *, n_pred);
  for (guint i = 0; i < n_gold; i++)
    gkeys[i] = rsk_text_key(gold[i].heading ? gold[i].heading : "");
  for (guint j = 0; j < n_pred; j++)
    pkeys[j] = rsk_text_key(pred[j].heading ? pred[j].heading : "");

  guint w = n_pred + 1;
  cell *grid = g_new0(cell, (gsize)(n_gold + 1) * w);
  for (guint i = 1; i <= n_gold; i++) {
    for (guint j = 1; j <= n_pred; j++) {
      cell *c = &grid[i * w + j];
      const cell *up = &grid[(i - 1) * w + j];
      const cell *left = &grid[i * w + j - 1];
      *c = *up;
      c->move = 'u';
      if (better(left->pairs, left->ratio, c)) {
        *c = *left;
        c->move = 'l';
      }
      double r = pair_ratio(gkeys[i - 1], pkeys[j - 1]);
      if (r >= RSK_EVAL_HEADING_RATIO) {
        const cell *diag = &grid[(i - 1) * w + j - 1];
        if (better(diag->pairs + 1, diag->ratio + r, c)) {
          c->pairs = diag->pairs + 1;
          c->ratio = diag->ratio + r;
          c->move = 'd';
        }
      }
    }
  }
  for (guint i = n_gold, j = n_pred; i > 0 && j > 0;) {
    char move = grid[i * w + j].move;
    if (move == 'd') {
      match[i - 1] = (int)(j - 1);
      i--;
      j--;
    } else if (move == 'l') {
      j--;
    } else {
      i--;
    }
  }
  g_free(grid);
  for (guint i = 0; i < n_gold; i++)
    g_free(gkeys[i]);
  for (guint j = 0; j < n_pred; j++)
    g_free(pkeys[j]);
  g_free(gkeys);
  g_free(pkeys);
}

void rsk_eval_count_headings(const rsk_eval_item *gold, guint n_gold,
                             const rsk_eval_item *pred, guint n_pred,
                             const int *match, rsk_eval_heading_counts *counts)
{
  memset(counts, 0, sizeof *counts);
  counts->n_gold = (int)n_gold;
  counts->n_pred = (int)n_pred;
  for (guint i = 0; i < n_gold; i++) {
    if (match[i] < 0 || (guint)match[i] >= n_pred)
      continue;
    counts->n_matched++;
    if (pred[match[i]].page == gold[i].page)
      counts->n_page_ok++;
  }
}

void rsk_eval_heading_counts_add(rsk_eval_heading_counts *a,
                                 const rsk_eval_heading_counts *b)
{
  a->n_gold += b->n_gold;
  a->n_pred += b->n_pred;
  a->n_matched += b->n_matched;
  a->n_page_ok += b->n_page_ok;
}

static double ratio_or(int num, int den, double if_empty)
{
  return den > 0 ? (double)num / den : if_empty;
}

double rsk_eval_precision(const rsk_eval_heading_counts *c)
{
  return ratio_or(c->n_matched, c->n_pred, c->n_gold == 0 ? 1.0 : 0.0);
}

double rsk_eval_recall(const rsk_eval_heading_counts *c)
{
  return ratio_or(c->n_matched, c->n_gold, c->n_pred == 0 ? 1.0 : 0.0);
}

double rsk_eval_f1(const rsk_eval_heading_counts *c)
{
  double p = rsk_eval_precision(c), r = rsk_eval_recall(c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double rsk_eval_page_accuracy(const rsk_eval_heading_counts *c)
{
  return ratio_or(c->n_page_ok, c->n_matched, c->n_gold == 0 ? 1.0 : 0.0);
}

/* ---------------------------------------------------------------- tags */

rsk_eval_tag_table *rsk_eval_tag_table_new(void)
{
  rsk_eval_tag_table *table = g_new0(rsk_eval_tag_table, 1);
  table->rows = g_array_new(FALSE, TRUE, sizeof(rsk_eval_tag_row));
  return table;
}

void rsk_eval_tag_table_free(rsk_eval_tag_table *table)
{
  if (!table)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    g_free(g_array_index(table->rows, rsk_eval_tag_row, i).category);
  g_array_unref(table->rows);
  g_free(table);
}

rsk_eval_tag_row *rsk_eval_tag_table_row(rsk_eval_tag_table *table,
                                         const char *category)
{
  for (guint i = 0; i < table->rows->len; i++) {
    rsk_eval_tag_row *row = &g_array_index(table->rows, rsk_eval_tag_row, i);
    if (strcmp(row->category, category) == 0)
      return row;
  }
  rsk_eval_tag_row row = {.category = g_strdup(category)};
  g_array_append_val(table->rows, row);
  return &g_array_index(table->rows, rsk_eval_tag_row, table->rows->len - 1);
}

/* The strength ITEM gives CATEGORY, or 0 when it has no such label. */
static char strength_of(const rsk_eval_item *item, const char *category)
{
  for (guint k = 0; k < item->n_labels; k++)
    if (strcmp(item->labels[k].category, category) == 0)
      return item->labels[k].strength;
  return 0;
}

void rsk_eval_count_tags(const rsk_eval_item *gold, guint n_gold,
                         const rsk_eval_item *pred, guint n_pred,
                         const int *match, rsk_eval_tag_table *table)
{
  for (guint i = 0; i < n_gold; i++) {
    if (gold[i].unlabelled) {
      table->unlabelled++;
      continue;
    }
    const rsk_eval_item *p =
        match[i] >= 0 && (guint)match[i] < n_pred ? &pred[match[i]] : NULL;
    /* Recall side: every gold P or S label. */
    for (guint k = 0; k < gold[i].n_labels; k++) {
      const rsk_eval_label *label = &gold[i].labels[k];
      if (label->strength != 'P' && label->strength != 'S')
        continue;
      rsk_eval_tag_row *row = rsk_eval_tag_table_row(table, label->category);
      gboolean found = p && strength_of(p, label->category) != 0;
      row->gold_ps++;
      row->found_ps += found;
      if (label->strength == 'P') {
        row->gold_p++;
        row->found_p += found;
      }
    }
    /* Precision side: every predicted tag of a matched risk factor. */
    if (!p)
      continue;
    for (guint k = 0; k < p->n_labels; k++) {
      rsk_eval_tag_row *row = rsk_eval_tag_table_row(table, p->labels[k].category);
      char truth = strength_of(&gold[i], p->labels[k].category);
      if (truth == 'P' || truth == 'S')
        row->pred_correct++;
      else if (truth == 'M')
        row->pred_ignored++;
      else
        row->pred_wrong++;
    }
  }
}

void rsk_eval_tag_table_total(const rsk_eval_tag_table *table,
                              rsk_eval_tag_row *total)
{
  memset(total, 0, sizeof *total);
  for (guint i = 0; i < table->rows->len; i++) {
    const rsk_eval_tag_row *row = &g_array_index(table->rows, rsk_eval_tag_row, i);
    total->pred_correct += row->pred_correct;
    total->pred_wrong += row->pred_wrong;
    total->pred_ignored += row->pred_ignored;
    total->gold_p += row->gold_p;
    total->found_p += row->found_p;
    total->gold_ps += row->gold_ps;
    total->found_ps += row->found_ps;
  }
}

double rsk_eval_tag_precision(const rsk_eval_tag_row *row)
{
  return ratio_or(row->pred_correct, row->pred_correct + row->pred_wrong, 0.0);
}

double rsk_eval_tag_recall_p(const rsk_eval_tag_row *row)
{
  return ratio_or(row->found_p, row->gold_p, 0.0);
}

double rsk_eval_tag_recall_ps(const rsk_eval_tag_row *row)
{
  return ratio_or(row->found_ps, row->gold_ps, 0.0);
}
