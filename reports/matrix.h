/* matrix.h - the company x category matrix behind compare and the heat map
 *
 * Rows are filings (usually each company's latest), columns are taxonomy
 * categories. Each cell holds three measures of the risk factors of that
 * filing tagged with that category:
 *
 *   count  how many risk factors
 *   share  their words / all words of the filing's risk factors
 *   score  the sum of their tag scores
 *
 * Row totals count each risk factor once, however many tags it has (count:
 * risk factors with any tag; share: their words over all words; score: the
 * sum of every tag score). Column totals and the grand total add the rows
 * up the same way (share: tagged words over all rows' words). The AI total
 * is the same over the categories of the AI group only, those whose id
 * starts with RSK_MATRIX_AI_PREFIX: "any tag" also counts general privacy
 * and export-control categories, which say nothing about AI.
 *
 * A cell also counts apart the risk factors whose tag is primary (P): a
 * passing secondary mention in a long risk factor must not weigh like a
 * risk factor about the category.
 *
 * The matrix is built from plain values so it can be tested without a
 * database; reports/load.h fills one from the read model.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef enum {
  RSK_MEASURE_COUNT,
  RSK_MEASURE_SHARE,
  RSK_MEASURE_SCORE,
} rsk_measure;

/* The category id prefix of the AI group of a taxonomy ("ai.content_
 * control", "ai.output_risk"): the taxonomy's ids name their group. */
#define RSK_MATRIX_AI_PREFIX "ai."

typedef struct {
  guint count;
  guint words;        /* words of the risk factors counted */
  double score;
  guint primary;      /* of COUNT, those whose tag is primary (P) */
  guint primary_words;
} rsk_matrix_cell;

typedef struct {
  char *label;        /* the company, or "company (filing)" */
  char *company;
  char *filing;       /* the filing's base name */
  gint64 filing_id;   /* 0 when not from a database */
  guint risks;        /* risk factors of the filing */
  guint words;        /* words of all its risk factors */
  rsk_matrix_cell total;
  rsk_matrix_cell ai_total;  /* risk factors with a tag of the AI group */
  char **flags;       /* the filing's sanity flags, NULL-terminated; NULL
                         when it has none */
} rsk_matrix_row;

typedef struct {
  char *id;
  char *label;        /* the taxonomy's label, or the id */
  rsk_matrix_cell total;
} rsk_matrix_column;

typedef struct {
  GArray *rows;       /* rsk_matrix_row */
  GArray *columns;    /* rsk_matrix_column */
  GArray *cells;      /* rsk_matrix_cell, rows x columns, row-major */
  rsk_matrix_cell total;
  rsk_matrix_cell ai_total;
  guint words;        /* words of all rows */
} rsk_matrix;

rsk_matrix *rsk_matrix_new(void);
void rsk_matrix_free(rsk_matrix *matrix);

/* Adds column ID (LABEL may be NULL) if it is not there yet, at the end;
 * returns its index. Add every column before the first risk factor, in the
 * order they should print (rsk_matrix_add_risk adds unknown ones too). */
guint rsk_matrix_add_column(rsk_matrix *matrix, const char *id,
                            const char *label);

/* Adds a row and returns its index. */
guint rsk_matrix_add_row(rsk_matrix *matrix, const char *label,
                         const char *company, const char *filing,
                         gint64 filing_id);

/* Counts one risk factor of WORDS words in row ROW, tagged with the
 * N_TAGS CATEGORIES with SCORES (a category repeated counts once) and
 * STRENGTHS ('P', 'S' or 'M' each; NULL: all primary). */
void rsk_matrix_add_risk_full(rsk_matrix *matrix, guint row, guint words,
                              const char *const *categories,
                              const double *scores, const char *strengths,
                              guint n_tags);
/* The same with every tag primary. */
void rsk_matrix_add_risk(rsk_matrix *matrix, guint row, guint words,
                         const char *const *categories, const double *scores,
                         guint n_tags);

/* Sets ROW's sanity flags (N of them; none clears them). */
void rsk_matrix_set_flags(rsk_matrix *matrix, guint row,
                          const char *const *flags, guint n);

/* TRUE when some column belongs to the AI group (RSK_MATRIX_AI_PREFIX). */
gboolean rsk_matrix_has_ai(const rsk_matrix *matrix);

/* What rows are ranked by: a column (0, 1, ...), the row total or the AI
 * total. */
#define RSK_MATRIX_BY_TOTAL (-1)
#define RSK_MATRIX_BY_AI (-2)

/* Orders the rows by KEY under MEASURE, largest first, ties in their
 * present order; then keeps the first TOP of them (0: all). Column totals
 * and the grand total then add up the rows kept. */
void rsk_matrix_rank_rows(rsk_matrix *matrix, int key, rsk_measure measure,
                          guint top);

/* The column KEY names: a category id, or the part after its group prefix
 * ("export_controls" for "trade.export_controls") when that is unique;
 * RSK_MATRIX_BY_TOTAL for "total", RSK_MATRIX_BY_AI for "ai". Returns
 * FALSE when it names nothing or several. */
gboolean rsk_matrix_parse_key(const rsk_matrix *matrix, const char *name,
                              int *key);

/* Sorts the columns: ORDER's ids first, in its order (may be NULL), then
 * the others alphabetically. */
void rsk_matrix_order_columns(rsk_matrix *matrix, const char *const *order,
                              guint n_order);

const rsk_matrix_cell *rsk_matrix_cell_at(const rsk_matrix *matrix, guint row,
                                          guint column);

/* The value of CELL under MEASURE, for a row or column of WORDS words. */
double rsk_matrix_value(const rsk_matrix_cell *cell, guint words,
                        rsk_measure measure);

/* Parses "count", "share" or "score"; FALSE otherwise. */
gboolean rsk_measure_parse(const char *name, rsk_measure *measure);
const char *rsk_measure_name(rsk_measure measure);
