/* fixture.c - hand-built filings and temporary databases for the db tests
 *
 * SPDX-License-Identifier: MIT
 */
#include "fixture.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static GPtrArray *temp_dirs;

/* Evidence for TEXT, found in the second sentence of BODY ("Body of risk
 * N. The AI Act ..."), standing for COUNT matches. */
static rsk_evidence evidence(int page, const char *body, const char *text,
                             const char *pattern, guint count)
{
  const char *second = strstr(body, ". ") + 2;
  return (rsk_evidence){
    .page = page,
    .in_heading = FALSE,
    .offset = (guint)(strstr(body, text) - body),
    .length = (guint)strlen(text),
    .sentence_offset = (guint)(second - body),
    .sentence_length = (guint)strlen(second),
    .count = count,
    .text = g_strdup(text),
    .pattern = g_strdup(pattern),
    .weight = 0.75,
  };
}

static rsk_tag tag(const char *category, double score, char strength, guint sentences)
{
  return (rsk_tag){
    .category = g_strdup(category),
    .score = score,
    .strength = strength,
    .evidence = g_array_new(FALSE, TRUE, sizeof(rsk_evidence)),
    .sentences = sentences,
  };
}

fixture *fixture_new(const char *name, const char *seed, int n_risks)
{
  fixture *fx = g_new0(fixture, 1);
  g_autofree char *path = g_strconcat("/data/", name, NULL);
  g_autofree char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, seed, -1);
  rsk_filing *f = rsk_filing_new(path);

  g_strlcpy(f->sha256, sha, sizeof f->sha256);
  f->page_count = 40;
  f->title = g_strdup("Annual report");
  f->producer = NULL;
  g_free(f->doc_type);
  f->doc_type = g_strdup("10-K");
  f->risk_first_page = 11;
  f->risk_last_page = 11 + n_risks;
  rsk_filing_flag(f, "few_risk_factors: %d", n_risks);

  fx->results = g_new0(rsk_classification, n_risks > 0 ? n_risks : 1);
  for (int i = 1; i <= n_risks; i++) {
    g_autofree char *heading = g_strdup_printf("Risk %d heading", i);
    g_autofree char *body = g_strdup_printf("Body of risk %d. The AI Act and artificial "
                                            "intelligence laws govern personal data.", i);
    rsk_risk_factor risk = {
      .ordinal = i,
      .section = rsk_filing_intern(f, i <= 2 ? "Section A" : "Section B"),
      .heading = rsk_filing_intern(f, heading),
      .body = rsk_filing_intern(f, body),
      .page_start = 10 + i,
      .page_end = 11 + i,
      .word_count = 7,
      .first_mark = f->page_marks->len,
      .n_marks = 2,
    };
    g_array_append_val(f->risks, risk);
    rsk_page_mark marks[2] = {{0, 10 + i}, {8, 11 + i}};
    g_array_append_vals(f->page_marks, marks, 2);

    rsk_classification *c = &fx->results[i - 1];
    c->tags = g_array_new(FALSE, TRUE, sizeof(rsk_tag));
    rsk_tag t1 = tag("ai.regulation_general", 0.9, 'P', 4);
    rsk_evidence e1 = evidence(10 + i, body, "AI Act", "ai.act", 1);
    rsk_evidence e2 = evidence(11 + i, body, "artificial intelligence laws", "ai.laws", 3);
    g_array_append_val(t1.evidence, e1);
    g_array_append_val(t1.evidence, e2);
    g_array_append_val(c->tags, t1);
    rsk_tag t2 = tag("data.privacy", 0.5, 'S', 1);
    rsk_evidence e3 = evidence(10 + i, body, "personal data", "privacy.pd", 1);
    g_array_append_val(t2.evidence, e3);
    g_array_append_val(c->tags, t2);
    c->regulations = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(c->regulations, g_strdup("EU-AI-ACT"));
    g_ptr_array_add(c->regulations, g_strdup("US-EAR"));
  }
  fx->filing = f;
  fx->company = "Acme AI";
  fx->taxonomy_version = "1.0";
  return fx;
}

void fixture_free(fixture *fx)
{
  if (!fx)
    return;
  for (guint i = 0; i < fx->filing->risks->len; i++) {
    rsk_classification *c = &fx->results[i];
    for (guint j = 0; c->tags && j < c->tags->len; j++) {
      rsk_tag *t = &g_array_index(c->tags, rsk_tag, j);
      for (guint k = 0; k < t->evidence->len; k++) {
        rsk_evidence *e = &g_array_index(t->evidence, rsk_evidence, k);
        g_free(e->text);
        g_free(e->pattern);
      }
      g_array_unref(t->evidence);
      g_free(t->category);
    }
    if (c->tags)
      g_array_unref(c->tags);
    if (c->regulations)
      g_ptr_array_unref(c->regulations);
  }
  g_free(fx->results);
  rsk_filing_free(fx->filing);
  g_free(fx);
}

gboolean fixture_put(rsk_store *store, const fixture *fx, gint64 *id,
                     GError **error)
{
  rsk_store_analysis analysis = {
    .filing = fx->filing,
    .company = fx->company,
    .results = fx->results,
    .taxonomy_name = "ai-regulation",
    .taxonomy_version = fx->taxonomy_version,
  };
  return rsk_store_put_filing(store, &analysis, id, error);
}

char *fixture_db_path(const char *name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp("rsk-db-XXXXXX", &error);
  g_assert_no_error(error);
  if (!temp_dirs)
    temp_dirs = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(temp_dirs, dir);
  return g_build_filename(dir, name, NULL);
}

void fixture_cleanup_paths(void)
{
  for (guint i = 0; temp_dirs && i < temp_dirs->len; i++) {
    const char *dir = g_ptr_array_index(temp_dirs, i);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *entry;
    while (d && (entry = g_dir_read_name(d))) {
      g_autofree char *p = g_build_filename(dir, entry, NULL);
      g_unlink(p);
    }
    if (d)
      g_dir_close(d);
    g_rmdir(dir);
  }
  g_clear_pointer(&temp_dirs, g_ptr_array_unref);
}

int fixture_teardown(void **state)
{
  (void)state;
  fixture_cleanup_paths();
  return 0;
}

gint64 fixture_sql_int(const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout(db, 30000);
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error("%s: %s", sql, sqlite3_errmsg(db));
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64(stmt, 0);
  else if (rc != SQLITE_DONE)
    g_error("%s: %s", sql, sqlite3_errmsg(db));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

char *fixture_sql_text(const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout(db, 30000);
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error("%s: %s", sql, sqlite3_errmsg(db));
  if (sqlite3_step(stmt) == SQLITE_ROW)
    value = g_strdup((const char *)sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}
