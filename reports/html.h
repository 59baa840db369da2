/* html.h - the self-contained HTML report
 *
 * One file, no external assets, no script, no network: inline CSS, the
 * heat map as inline SVG, one section per company with its tagged risk
 * factors and the evidence behind each tag (quoted, with its page), and
 * what changed since the company's previous filing when there is one.
 * Every string that came from a filing is escaped.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "diff.h"
#include "load.h"
#include "matrix.h"
#include "read.h"

#include <glib.h>

typedef struct {
  const rsk_analysis *latest;
  const rsk_analysis *previous;      /* NULL when only one filing */
  const rsk_diff *diff;              /* previous -> latest, or NULL */
  const rsk_diff_items *previous_items;
  const rsk_diff_items *latest_items;
  const rsk_matrix *trend;           /* the company's filings of the
                                        latest's form, oldest first, when it
                                        has two or more; else NULL */
  const char *form;                  /* that form ("10-K"), or NULL */
} rsk_html_company;

typedef struct {
  const char *title;                 /* NULL: "AI-regulation risk report" */
  const char *generated_at;          /* shown as is; NULL: not shown */
  const char *tool_version;          /* NULL: not shown */
  const rsk_matrix *matrix;          /* row i is companies[i] */
  const rsk_html_company *companies;
  guint n_companies;
  guint n_stored;                    /* filings in the database */
  guint n_flagged_out;               /* flagged filings left out */
  guint n_excluded;                  /* filings left out by --exclude */
  GHashTable *regulation_names;      /* regulation id -> short name, or
                                        NULL */
} rsk_html_report;

/* Returns the report as a newly allocated string (g_free()). */
char *rsk_html_render(const rsk_html_report *report);

/* Renders REPORT and writes it to PATH as output_file.h says: a file
 * atomically (a reader never sees half a report), a device or FIFO
 * straight into. FALSE with RSK_ERROR_IO naming PATH when it cannot be
 * written. */
gboolean rsk_html_write(const rsk_html_report *report, const char *path,
                        GError **error);
