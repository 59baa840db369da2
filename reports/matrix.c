/* matrix.c - the company x category matrix behind compare and the heat map
 *
 * SPDX-License-Identifier: MIT
 */
#include "matrix.h"

#include <stdlib.h>
#include <string.h>

rsk_matrix *rsk_matrix_new(void)
{
  rsk_matrix *m = g_new0(rsk_matrix, 1);
  m->rows = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_row));
  m->columns = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_column));
  m->cells = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_cell));
  return m;
}

void rsk_matrix_free(rsk_matrix *m)
{
  if (!m)
    return;
  for (guint i = 0; i < m->rows->len; i++) {
    rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
    g_free(r->label);
    g_free(r->company);
    g_free(r->filing);
    g_strfreev(r->flags);
  }
  for (guint j = 0; j < m->columns->len; j++) {
    rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    g_free(c->id);
    g_free(c->label);
  }
  g_array_free(m->rows, TRUE);
  g_array_free(m->columns, TRUE);
  g_array_free(m->cells, TRUE);
  g_free(m);
}

static int find_column(const rsk_matrix *m, const char *id)
{
  for (guint j = 0; j < m->columns->len; j++)
    if (strcmp(g_array_index(m->columns, rsk_matrix_column, j).id, id) == 0)
      return (int)j;
  return -1;
}

/* Rebuilds the cell array for NEW_COLS columns, column j of the new layout
 * taking old column FROM[j] (-1: a new, empty column). */
static void relayout(rsk_matrix *m, guint new_cols, const int *from)
{
  guint old_cols = m->columns->len;
  GArray *cells = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_cell));

  g_array_set_size(cells, m->rows->len * new_cols);
  for (guint i = 0; i < m->rows->len; i++)
    for (guint j = 0; j < new_cols; j++)
      if (from[j] >= 0)
        g_array_index(cells, rsk_matrix_cell, i * new_cols + j) =
            g_array_index(m->cells, rsk_matrix_cell, i * old_cols + from[j]);
  g_array_free(m->cells, TRUE);
  m->cells = cells;
}

guint rsk_matrix_add_column(rsk_matrix *m, const char *id, const char *label)
{
  int found = find_column(m, id);
  if (found >= 0)
    return (guint)found;

  guint n = m->columns->len;
  int *from = g_new(int, n + 1);
  for (guint j = 0; j < n; j++)
    from[j] = (int)j;
  from[n] = -1;
  relayout(m, n + 1, from);
  g_free(from);

  rsk_matrix_column c = {g_strdup(id), g_strdup(label && *label ? label : id),
                         {0}};
  g_array_append_val(m->columns, c);
  return n;
}

guint rsk_matrix_add_row(rsk_matrix *m, const char *label, const char *company,
                         const char *filing, gint64 filing_id)
{
  rsk_matrix_row r = {
    .label = g_strdup(label),
    .company = g_strdup(company ? company : label),
    .filing = g_strdup(filing ? filing : ""),
    .filing_id = filing_id,
  };
  g_array_append_val(m->rows, r);
  g_array_set_size(m->cells, m->rows->len * m->columns->len);
  return m->rows->len - 1;
}

static rsk_matrix_cell *cell_at(rsk_matrix *m, guint row, guint column)
{
  return &g_array_index(m->cells, rsk_matrix_cell,
                        row * m->columns->len + column);
}

const rsk_matrix_cell *rsk_matrix_cell_at(const rsk_matrix *m, guint row,
                                          guint column)
{
  return &g_array_index(m->cells, rsk_matrix_cell,
                        row * m->columns->len + column);
}

static void cell_add(rsk_matrix_cell *c, guint words, double score,
                     gboolean primary)
{
  c->count++;
  c->words += words;
  c->score += score;
  if (primary) {
    c->primary++;
    c->primary_words += words;
  }
}

static void cell_sum(rsk_matrix_cell *into, const rsk_matrix_cell *c)
{
  into->count += c->count;
  into->words += c->words;
  into->score += c->score;
  into->primary += c->primary;
  into->primary_words += c->primary_words;
}

void rsk_matrix_add_risk_full(rsk_matrix *m, guint row, guint words,
                              const char *const *categories,
                              const double *scores, const char *strengths,
                              guint n_tags)
{
  rsk_matrix_row *r;
  gboolean tagged = FALSE, primary = FALSE, ai = FALSE, ai_primary = FALSE;
  double score_sum = 0, ai_score = 0;

  g_return_if_fail(row < m->rows->len);
  /* Make sure every column exists first: adding one moves the cells. */
  for (guint k = 0; k < n_tags; k++)
    rsk_matrix_add_column(m, categories[k], NULL);

  r = &g_array_index(m->rows, rsk_matrix_row, row);
  r->risks++;
  r->words += words;
  m->words += words;
  for (guint k = 0; k < n_tags; k++) {
    gboolean seen = FALSE, p = !strengths || strengths[k] == 'P';
    for (guint q = 0; q < k && !seen; q++)
      seen = strcmp(categories[q], categories[k]) == 0;
    if (seen)
      continue;
    guint j = (guint)find_column(m, categories[k]);
    double s = scores ? scores[k] : 0;
    cell_add(cell_at(m, row, j), words, s, p);
    cell_add(&g_array_index(m->columns, rsk_matrix_column, j).total, words, s,
             p);
    score_sum += s;
    tagged = TRUE;
    primary |= p;
    if (g_str_has_prefix(categories[k], RSK_MATRIX_AI_PREFIX)) {
      ai = TRUE;
      ai_primary |= p;
      ai_score += s;
    }
  }
  if (tagged) {
    cell_add(&r->total, words, score_sum, primary);
    cell_add(&m->total, words, score_sum, primary);
  }
  if (ai) {
    cell_add(&r->ai_total, words, ai_score, ai_primary);
    cell_add(&m->ai_total, words, ai_score, ai_primary);
  }
}

void rsk_matrix_add_risk(rsk_matrix *m, guint row, guint words,
                         const char *const *categories, const double *scores,
                         guint n_tags)
{
  rsk_matrix_add_risk_full(m, row, words, categories, scores, NULL, n_tags);
}

void rsk_matrix_set_flags(rsk_matrix *m, guint row, const char *const *flags,
                          guint n)
{
  g_return_if_fail(row < m->rows->len);
  rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, row);
  g_clear_pointer(&r->flags, g_strfreev);
  if (n == 0)
    return;
  r->flags = g_new0(char *, n + 1);
  for (guint k = 0; k < n; k++)
    r->flags[k] = g_strdup(flags[k]);
}

gboolean rsk_matrix_has_ai(const rsk_matrix *m)
{
  for (guint j = 0; j < m->columns->len; j++)
    if (g_str_has_prefix(g_array_index(m->columns, rsk_matrix_column, j).id,
                         RSK_MATRIX_AI_PREFIX))
      return TRUE;
  return FALSE;
}

/* --- Ranking --------------------------------------------------------- */

typedef struct {
  guint row;
  double value;
} row_key;

static int cmp_row_key(gconstpointer p, gconstpointer q)
{
  const row_key *x = p, *y = q;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

static double key_value(const rsk_matrix *m, guint i, int key,
                        rsk_measure measure)
{
  const rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, i);
  const rsk_matrix_cell *c = key == RSK_MATRIX_BY_TOTAL ? &r->total
                           : key == RSK_MATRIX_BY_AI    ? &r->ai_total
                           : rsk_matrix_cell_at(m, i, (guint)key);
  return rsk_matrix_value(c, r->words, measure);
}

void rsk_matrix_rank_rows(rsk_matrix *m, int key, rsk_measure measure,
                          guint top)
{
  guint n = m->rows->len, n_cols = m->columns->len;
  guint keep = top && top < n ? top : n;
  row_key *keys = g_new(row_key, n + 1);
  GArray *rows = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_row));
  GArray *cells = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_cell));

  g_return_if_fail(key >= RSK_MATRIX_BY_AI && key < (int)n_cols);
  for (guint i = 0; i < n; i++)
    keys[i] = (row_key){i, key_value(m, i, key, measure)};
  qsort(keys, n, sizeof *keys, cmp_row_key);

  /* Rebuild rows and cells in the new order; totals from the rows kept. */
  for (guint j = 0; j < n_cols; j++)
    memset(&g_array_index(m->columns, rsk_matrix_column, j).total, 0,
           sizeof(rsk_matrix_cell));
  memset(&m->total, 0, sizeof m->total);
  memset(&m->ai_total, 0, sizeof m->ai_total);
  m->words = 0;
  for (guint k = 0; k < n; k++) {
    rsk_matrix_row *r = &g_array_index(m->rows, rsk_matrix_row, keys[k].row);
    if (k >= keep) {
      g_free(r->label);
      g_free(r->company);
      g_free(r->filing);
      g_strfreev(r->flags);
      continue;
    }
    g_array_append_val(rows, *r);
    for (guint j = 0; j < n_cols; j++) {
      const rsk_matrix_cell *c = rsk_matrix_cell_at(m, keys[k].row, j);
      g_array_append_val(cells, *c);
      cell_sum(&g_array_index(m->columns, rsk_matrix_column, j).total, c);
    }
    cell_sum(&m->total, &r->total);
    cell_sum(&m->ai_total, &r->ai_total);
    m->words += r->words;
  }
  g_array_free(m->rows, TRUE);
  g_array_free(m->cells, TRUE);
  m->rows = rows;
  m->cells = cells;
  g_free(keys);
}

gboolean rsk_matrix_parse_key(const rsk_matrix *m, const char *name, int *key)
{
  int found = -1;
  guint hits = 0;

  if (!name || !*name)
    return FALSE;
  if (g_ascii_strcasecmp(name, "total") == 0) {
    *key = RSK_MATRIX_BY_TOTAL;
    return TRUE;
  }
  if (g_ascii_strcasecmp(name, "ai") == 0) {
    *key = RSK_MATRIX_BY_AI;
    return TRUE;
  }
  for (guint j = 0; j < m->columns->len; j++) {
    const char *id = g_array_index(m->columns, rsk_matrix_column, j).id;
    const char *dot = strchr(id, '.');
    if (strcmp(id, name) == 0) {
      *key = (int)j;
      return TRUE;
    }
    if (dot && strcmp(dot + 1, name) == 0) {
      found = (int)j;
      hits++;
    }
  }
  if (hits != 1)
    return FALSE;
  *key = found;
  return TRUE;
}

typedef struct {
  guint old;
  int rank;          /* position in ORDER, or G_MAXINT */
  const char *id;
} col_key;

static int cmp_col_key(gconstpointer p, gconstpointer q)
{
  const col_key *x = p, *y = q;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp(x->id, y->id);
}

void rsk_matrix_order_columns(rsk_matrix *m, const char *const *order,
                              guint n_order)
{
  guint n = m->columns->len;
  col_key *keys = g_new(col_key, n + 1);
  int *from = g_new(int, n + 1);
  GArray *columns = g_array_new(FALSE, TRUE, sizeof(rsk_matrix_column));

  for (guint j = 0; j < n; j++) {
    const char *id = g_array_index(m->columns, rsk_matrix_column, j).id;
    keys[j] = (col_key){j, G_MAXINT, id};
    for (guint k = 0; k < n_order; k++) {
      if (strcmp(order[k], id) == 0) {
        keys[j].rank = (int)k;
        break;
      }
    }
  }
  qsort(keys, n, sizeof *keys, cmp_col_key);
  for (guint j = 0; j < n; j++) {
    from[j] = (int)keys[j].old;
    g_array_append_val(columns,
                       g_array_index(m->columns, rsk_matrix_column, keys[j].old));
  }
  relayout(m, n, from);
  g_array_free(m->columns, TRUE);
  m->columns = columns;
  g_free(from);
  g_free(keys);
}

double rsk_matrix_value(const rsk_matrix_cell *cell, guint words,
                        rsk_measure measure)
{
  switch (measure) {
  case RSK_MEASURE_COUNT: return cell->count;
  case RSK_MEASURE_SHARE: return words ? (double)cell->words / words : 0;
  case RSK_MEASURE_SCORE: return cell->score;
  }
  return 0;
}

gboolean rsk_measure_parse(const char *name, rsk_measure *measure)
{
  static const char *const names[] = {"count", "share", "score"};
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    if (name && strcmp(name, names[i]) == 0) {
      *measure = (rsk_measure)i;
      return TRUE;
    }
  }
  return FALSE;
}

const char *rsk_measure_name(rsk_measure measure)
{
  switch (measure) {
  case RSK_MEASURE_COUNT: return "count";
  case RSK_MEASURE_SHARE: return "share";
  case RSK_MEASURE_SCORE: return "score";
  }
  return "?";
}
