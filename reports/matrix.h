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
 * up the same way (share: tagged words over all rows' words).
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

typedef struct {
  guint count;
  guint words;        /* words of the risk factors counted */
  double score;
} rsk_matrix_cell;

typedef struct {
  char *label;        /* the company, or "company (filing)" */
  char *company;
  char *filing;       /* the filing's base name */
  gint64 filing_id;   /* 0 when not from a database */
  guint risks;        /* risk factors of the filing */
  guint words;        /* words of all its risk factors */
  rsk_matrix_cell total;
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
 * N_TAGS CATEGORIES with SCORES (a category repeated counts once). */
void rsk_matrix_add_risk(rsk_matrix *matrix, guint row, guint words,
                         const char *const *categories, const double *scores,
                         guint n_tags);

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
