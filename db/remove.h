/* remove.h - delete stored filings whole
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "store.h"

#include <glib.h>

/* What rsk_store_remove_filing() deleted. */
typedef struct {
  char *name;                /* the filing's file name */
  char *company;
  char *taxonomy;            /* "ai-regulation 1.3.0" */
  guint risk_factors, tags, evidence, regulations, page_marks, page_labels;
  gboolean company_removed;  /* it was the company's last filing */
} rsk_removed;

/* Deletes filing ID with every row that hangs off it (risk factors, their
 * full-text index entries, tags, evidence, regulations, page marks and
 * labels) in one transaction, and its company when no filing of it is
 * left. Fills *WHAT (clear it with rsk_removed_clear()). Fails with
 * RSK_ERROR_NOT_FOUND when there is no such filing, or RSK_ERROR_DB;
 * nothing is deleted then. */
gboolean rsk_store_remove_filing(rsk_store *store, gint64 id,
                                 rsk_removed *what, GError **error);
void rsk_removed_clear(rsk_removed *what);
