/* matrix_format.h - the company x category matrix as text, CSV, JSON, Markdown
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "matrix.h"

#include <glib.h>

typedef enum {
  RSK_FORMAT_TEXT,
  RSK_FORMAT_CSV,
  RSK_FORMAT_JSON,
  RSK_FORMAT_MD,
  RSK_FORMAT_CSV_RAW,  /* CSV with cells that look like formulas left as
                          they are (compare --csv-raw); no name parses to it */
} rsk_format;

/* Parses "text", "csv", "json" or "md" (also "markdown"); FALSE otherwise. */
gboolean rsk_format_parse(const char *name, rsk_format *format);

/* Appends MATRIX under MEASURE to OUT in FORMAT. The text form fits WIDTH
 * columns (80 for a terminal) where it can: category headers are cut to
 * short codes explained in a legend below the table, long company names
 * are cut with "~". Zero cells print as "-" in text and Markdown. */
void rsk_matrix_write(GString *out, const rsk_matrix *matrix,
                      rsk_measure measure, rsk_format format, guint width);

/* Short codes of the columns, unique, at most MAX_LEN characters where
 * possible: the start of the category id's last part ("ai.content_control"
 * -> "con"), longer when two collide, numbers "c1", "c2"... as a last
 * resort. Returns a NULL-terminated array; free with g_strfreev(). */
char **rsk_matrix_column_codes(const rsk_matrix *matrix, guint max_len);

/* JSON pieces shared with the trend: column J as '{"id": ..., "label":
 * ...' (left open for more fields), and ROW's flags as an array. */
void rsk_matrix_json_column(GString *out, const rsk_matrix *matrix, guint j);
void rsk_matrix_json_flags(GString *out, const rsk_matrix_row *row);

/* The text of one value as the text and Markdown tables print it: count
 * "12", share "34" (per cent; "<1" under half a per cent), score "1.5" or
 * "12"; zero is "-". Newly allocated. */
char *rsk_matrix_format_value(double value, rsk_measure measure);
