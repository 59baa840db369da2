/* fixture.h - hand-built filings and temporary databases for the db tests
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "read.h"
#include "store.h"

#include <glib.h>

/* A filing with its classification results, as analyze would hand it. */
typedef struct {
  rsk_filing *filing;
  rsk_classification *results;  /* one per risk */
  const char *company;
  const char *taxonomy_version;
} fixture;

/* A filing NAME whose sha256 is that of SEED, with N_RISKS risk factors:
 * risk i (1-based) has heading "Risk i heading", body "Body of risk i.",
 * pages 10+i..11+i ("risk i." on the second: page marks {0, 10+i} and
 * {8, 11+i}), section "Section A" (i <= 2) or "Section B", two tags
 * (ai.regulation_general P 0.9 with two evidence, data.privacy S 0.5 with
 * one) and regulations {"EU-AI-ACT", "US-EAR"}. Company "Acme AI",
 * taxonomy version "1.0". Free with fixture_free(). */
fixture *fixture_new(const char *name, const char *seed, int n_risks);
void fixture_free(fixture *fx);

/* Stores FX with rsk_store_put_filing(). */
gboolean fixture_put(rsk_store *store, const fixture *fx, gint64 *id,
                     GError **error);

/* A fresh temporary directory's "NAME" path; the directory is removed by
 * fixture_cleanup_paths(). */
char *fixture_db_path(const char *name);
void fixture_cleanup_paths(void);

/* A CMocka group teardown that calls fixture_cleanup_paths(). */
int fixture_teardown(void **state);

/* Runs SQL on the database at PATH with a plain connection; returns the
 * first column of the first row as an integer (0 when none). */
gint64 fixture_sql_int(const char *path, const char *sql);

/* Same, the first column as newly allocated text (NULL when none). */
char *fixture_sql_text(const char *path, const char *sql);
