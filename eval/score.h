/* score.h - score predicted risk factors and tags against gold ones
 *
 * Pure functions over plain structs: no files, no database. The gold and
 * the predicted side of one filing are both lists of rsk_eval_item in
 * document order; rsk_eval_match() pairs them by heading, the other
 * functions count what the pairing shows.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Two headings match when their keys (rsk_text_key) agree on at least this
 * share of characters (LABELING.md, "Gold files"). */
#define RSK_EVAL_HEADING_RATIO 0.90

typedef struct {
  const char *category;    /* taxonomy category id */
  char strength;           /* 'P', 'S' or 'M' */
} rsk_eval_label;

/* One risk factor, gold or predicted. Strings and labels are borrowed. */
typedef struct {
  int ordinal;
  int page;                /* page where the heading starts */
  const char *section;
  const char *heading;
  const rsk_eval_label *labels;
  guint n_labels;
  gboolean unlabelled;     /* gold without a "labels" key: scored for
                              segmentation only, never for tags ("labels":
                              {} still means "no categories") */
} rsk_eval_item;

/* Pairs GOLD with PRED one to one and in order, keeping the order of both
 * lists and maximising the number of pairs whose heading keys have a
 * similarity ratio of at least RSK_EVAL_HEADING_RATIO (ties go to the
 * pairing with the higher summed ratio). Fills MATCH[i] (N_GOLD entries)
 * with the index in PRED paired with GOLD[i], or -1. */
void rsk_eval_match(const rsk_eval_item *gold, guint n_gold,
                    const rsk_eval_item *pred, guint n_pred, int *match);

typedef struct {
  int n_gold;
  int n_pred;
  int n_matched;
  int n_page_ok;           /* matched pairs with the same page */
} rsk_eval_heading_counts;

/* Counts for one filing from a MATCH made by rsk_eval_match(). */
void rsk_eval_count_headings(const rsk_eval_item *gold, guint n_gold,
                             const rsk_eval_item *pred, guint n_pred,
                             const int *match, rsk_eval_heading_counts *counts);

/* Adds B into A (for totals over several filings). */
void rsk_eval_heading_counts_add(rsk_eval_heading_counts *a,
                                 const rsk_eval_heading_counts *b);

/* Ratios of COUNTS; a ratio with nothing to divide by is 1 when there was
 * nothing to find or to claim (0 gold and 0 predicted), else 0. */
double rsk_eval_precision(const rsk_eval_heading_counts *counts);
double rsk_eval_recall(const rsk_eval_heading_counts *counts);
double rsk_eval_f1(const rsk_eval_heading_counts *counts);
double rsk_eval_page_accuracy(const rsk_eval_heading_counts *counts);

/* Tag counts of one category, by LABELING.md "Scoring":
 * precision over predicted tags on matched risk factors: correct when gold
 * says P or S, wrong when gold has nothing, ignored when gold says M;
 * recall over every gold P label (and every P or S label) of the filing,
 * found only when the risk factor was matched and the category predicted. */
typedef struct {
  char *category;          /* owned */
  int pred_correct;
  int pred_wrong;
  int pred_ignored;
  int gold_p, found_p;
  int gold_ps, found_ps;
} rsk_eval_tag_row;

typedef struct {
  GArray *rows;            /* rsk_eval_tag_row, in order of first sight */
  int unlabelled;          /* gold risk factors left out: no labels */
} rsk_eval_tag_table;

rsk_eval_tag_table *rsk_eval_tag_table_new(void);
void rsk_eval_tag_table_free(rsk_eval_tag_table *table);

/* The row of CATEGORY, added (zeroed) when missing. */
rsk_eval_tag_row *rsk_eval_tag_table_row(rsk_eval_tag_table *table,
                                         const char *category);

/* Adds one filing's tag counts into TABLE. Unlabelled gold items count
 * neither way (nor do the tags predicted on their match); they are
 * counted in TABLE->unlabelled. */
void rsk_eval_count_tags(const rsk_eval_item *gold, guint n_gold,
                         const rsk_eval_item *pred, guint n_pred,
                         const int *match, rsk_eval_tag_table *table);

/* Sums every row of TABLE into TOTAL (its category is left NULL). */
void rsk_eval_tag_table_total(const rsk_eval_tag_table *table,
                              rsk_eval_tag_row *total);

/* Ratios of one row; 0 when there is nothing to divide by. */
double rsk_eval_tag_precision(const rsk_eval_tag_row *row);
double rsk_eval_tag_recall_p(const rsk_eval_tag_row *row);
double rsk_eval_tag_recall_ps(const rsk_eval_tag_row *row);
