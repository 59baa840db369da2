/* diff.h - match the risk factors of two filings and say what changed
 *
 * The matcher works on plain items (heading, body, categories), so it can
 * be tested without a database. It pairs each risk factor of the old filing
 * with at most one of the new filing by text similarity, whatever their
 * order, then sorts every pair and every leftover into one kind:
 *
 *   removed    only in A
 *   added      only in B
 *   reworded   same risk, heading changed, body within the threshold
 *   changed    body changed beyond the threshold (heading may have too)
 *   unchanged  neither (the body may still have small edits)
 *
 * Each entry also lists the tags and the named regulations its risk
 * factor gained and lost (an added one gains all of its own, a removed
 * one loses them).
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* The evidence shown for a tag that moved: its strength and its first
 * quoted match. */
typedef struct {
  char strength;                  /* 'P', 'S' or 'M' */
  const char *text;               /* the matched text, or NULL */
  int page;
} rsk_diff_evidence;

/* One risk factor as the matcher sees it. Strings are borrowed. */
typedef struct {
  const char *heading;
  const char *body;
  const char *const *categories;  /* tag category ids; may be NULL */
  guint n_categories;
  int ordinal;                    /* shown in output, 1-based */
  int page_start, page_end;
  const char *const *regulations; /* regulation ids cited; may be NULL */
  guint n_regulations;
  const rsk_diff_evidence *evidence;  /* parallel to categories; may be
                                         NULL */
} rsk_diff_item;

typedef enum {
  RSK_DIFF_UNCHANGED,
  RSK_DIFF_REWORDED,
  RSK_DIFF_CHANGED,
  RSK_DIFF_REMOVED,
  RSK_DIFF_ADDED,
} rsk_diff_kind;

typedef struct {
  rsk_diff_kind kind;
  int a, b;                  /* item indexes in A and B; -1 when absent */
  double match_score;        /* 0..1, how sure the pairing is; 0 if unpaired */
  double heading_similarity; /* 0..1 (pairs only) */
  double body_similarity;    /* 0..1, word-bigram Dice (pairs only) */
  gboolean heading_changed;
  GPtrArray *tags_gained;    /* const char *, borrowed from B's items */
  GPtrArray *tags_lost;      /* const char *, borrowed from A's items */
  GPtrArray *regulations_gained;  /* const char *: regulation ids B's item
                                     cites and A's does not */
  GPtrArray *regulations_lost;
} rsk_diff_entry;

typedef struct {
  double threshold;          /* body change (1 - similarity) that counts as
                                material */
  GArray *entries;           /* rsk_diff_entry: removed and changed/reworded/
                                unchanged in A's order, added in B's order */
  guint counts[RSK_DIFF_ADDED + 1];
} rsk_diff;

/* Default material-change threshold: more than this share of the body's
 * word pairs differ. */
#define RSK_DIFF_DEFAULT_THRESHOLD 0.15

/* Compares A (N_A items, the older filing) with B (N_B items). THRESHOLD
 * is the body change, 0..1, beyond which a pair counts as materially
 * changed. Never fails. Free with rsk_diff_free(); the result borrows the
 * category strings of A and B. */
rsk_diff *rsk_diff_compute(const rsk_diff_item *a, guint n_a,
                           const rsk_diff_item *b, guint n_b,
                           double threshold);
void rsk_diff_free(rsk_diff *diff);

/* "removed", "added", "reworded", "changed", "unchanged". */
const char *rsk_diff_kind_name(rsk_diff_kind kind);

/* How much of two texts is the same, 0..1: the Dice coefficient of their
 * word-pair multisets (words are runs of letters or digits, lower-cased),
 * so moved paragraphs cost little and each edited word costs about two
 * pairs. Two texts without words are identical (1). */
double rsk_diff_bigram_similarity(const char *a, const char *b);
