/* write.c - store one filing's analysis in one transaction
 *
 * Every row goes through a statement prepared once per store. A filing is
 * written inside BEGIN IMMEDIATE ... COMMIT: its earlier analysis (same
 * sha256 and taxonomy version) is deleted first, its rows go by cascade,
 * and any failure rolls the whole filing back, so a reader (or a process
 * killed mid-way) never sees half a filing. Messages name the statement
 * and the row: "DB PATH: insert risk factor 12: <sqlite message>".
 *
 * SPDX-License-Identifier: MIT
 */
#include "store_private.h"

#include "companies.h"
#include "rsk_error.h"

#include <cjson/cJSON.h>
#include <string.h>

static const char *const stmt_sql[RSK_STMT_COUNT] = {
  /* Of two spellings of one company the one not in capitals only, then
   * the smaller in byte order: a rule of the spellings alone, so that the
   * name does not depend on which filing came first (merge gives the same
   * database whatever order the shards come in). */
  [RSK_STMT_COMPANY_UPSERT] =
      "INSERT INTO companies(name, key) VALUES (?1, ?2) ON CONFLICT(key) "
      "DO UPDATE SET name = CASE WHEN (excluded.name = upper(excluded.name), "
      "excluded.name) < (name = upper(name), name) THEN excluded.name "
      "ELSE name END RETURNING id",
  [RSK_STMT_FILING_FIND] =
      "SELECT id, analyzed_at, path FROM filings "
      "WHERE sha256 = ?1 AND taxonomy_version = ?2",
  [RSK_STMT_FILING_DELETE] = "DELETE FROM filings WHERE id = ?1",
  [RSK_STMT_FILING_INSERT] =
      "INSERT INTO filings(company_id, path, name, sha256, pages, title, "
      "producer, doc_type, period_end, analyzed_at, taxonomy_name, "
      "taxonomy_version, risk_first_page, risk_last_page, flags, id, "
      "company_zh, ticker, cik, stock_code, document_date) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "?15, ?16, ?17, ?18, ?19, ?20, ?21)",
  [RSK_STMT_SECTION_INSERT] =
      "INSERT INTO sections(filing_id, ordinal, title, page_start, page_end) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
  [RSK_STMT_SECTION_EXTEND] =
      "UPDATE sections SET page_end = max(page_end, ?2) WHERE id = ?1",
  [RSK_STMT_RISK_INSERT] =
      "INSERT INTO risk_factors(filing_id, ordinal, section_id, section, "
      "heading, body, page_start, page_end, word_count) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [RSK_STMT_TAG_INSERT] =
      "INSERT INTO tags(risk_factor_id, category, score, strength, sentences) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
  [RSK_STMT_EVIDENCE_INSERT] =
      "INSERT INTO evidence(tag_id, page, in_heading, offset, length, text, "
      "pattern, weight, sentence_offset, sentence_length, count) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  /* A regulation cited twice is one citation, not an error. */
  [RSK_STMT_REGULATION_INSERT] =
      "INSERT OR IGNORE INTO regulations_cited(risk_factor_id, regulation_id) "
      "VALUES (?1, ?2)",
  /* Two marks at one offset (a heading alone at the foot of a page): the
   * later one is where the body's text was printed. */
  [RSK_STMT_PAGE_INSERT] =
      "INSERT INTO risk_factor_pages(risk_factor_id, offset, page) "
      "VALUES (?1, ?2, ?3) ON CONFLICT(risk_factor_id, offset) "
      "DO UPDATE SET page = excluded.page",
  /* The last mark at or before the offset; page_start without marks
   * (stored before schema version 2); no row for an unknown id. */
  [RSK_STMT_PAGE_AT] =
      "SELECT coalesce((SELECT p.page FROM risk_factor_pages p "
      "WHERE p.risk_factor_id = r.id AND p.offset <= ?2 "
      "ORDER BY p.offset DESC LIMIT 1), r.page_start) "
      "FROM risk_factors r WHERE r.id = ?1",
  [RSK_STMT_PAGE_LABEL_INSERT] =
      "INSERT OR REPLACE INTO page_labels(filing_id, page, label) "
      "VALUES (?1, ?2, ?3)",
  /* The first analysis with a taxonomy version stored its categories; a
   * file edited without a new version keeps the first one's. */
  [RSK_STMT_CATEGORY_INSERT] =
      "INSERT OR IGNORE INTO taxonomy_categories(taxonomy_name, "
      "taxonomy_version, ordinal, id, label) VALUES (?1, ?2, ?3, ?4, ?5)",
};

static sqlite3_stmt *stmt_get(rsk_store *store, rsk_stmt_id id,
                              GError **error)
{
  if (!store->stmts[id] &&
      sqlite3_prepare_v3(store->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                         &store->stmts[id], NULL) != SQLITE_OK) {
    rsk_store_fail(store, error, "prepare \"%s\"", stmt_sql[id]);
    return NULL;
  }
  return store->stmts[id];
}

sqlite3_stmt *rsk_store_stmt(rsk_store *store, rsk_stmt_id id, GError **error)
{
  return stmt_get(store, id, error);
}

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
  if (text)
    sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(stmt, index);
}

/* Steps STMT to its end (or its first RETURNING row, stored in *RETURNED),
 * then resets it. */
static int stmt_run(sqlite3_stmt *stmt, gint64 *returned)
{
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    if (returned)
      *returned = sqlite3_column_int64(stmt, 0);
    rc = SQLITE_DONE;
  }
  /* sqlite3_reset repeats the step's error; keep the step's. */
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return rc;
}

gboolean rsk_store_find(rsk_store *store, const char *sha256,
                        const char *taxonomy_version, gint64 *id,
                        char **analyzed_at, char **path, GError **error)
{
  sqlite3_stmt *stmt = stmt_get(store, RSK_STMT_FILING_FIND, error);
  if (!stmt)
    return FALSE;
  *id = 0;
  if (analyzed_at)
    *analyzed_at = NULL;
  if (path)
    *path = NULL;
  bind_text(stmt, 1, sha256);
  bind_text(stmt, 2, taxonomy_version);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(stmt, 0);
    if (analyzed_at)
      *analyzed_at = g_strdup((const char *)sqlite3_column_text(stmt, 1));
    if (path)
      *path = g_strdup((const char *)sqlite3_column_text(stmt, 2));
    rc = SQLITE_DONE;
  }
  if (rc != SQLITE_DONE)
    rsk_store_fail(store, error, "find filing %.12s", sha256);
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return rc == SQLITE_DONE;
}

static char *flags_json(const GPtrArray *flags)
{
  cJSON *array = cJSON_CreateArray();
  for (guint i = 0; flags && i < flags->len; i++)
    cJSON_AddItemToArray(array,
                         cJSON_CreateString(g_ptr_array_index(flags, i)));
  char *printed = cJSON_PrintUnformatted(array);
  char *json = g_strdup(printed);
  cJSON_free(printed);
  cJSON_Delete(array);
  return json;
}

gboolean rsk_store_write_filing(rsk_store *store, const rsk_filing_info *info,
                                gint64 *filing_id, GError **error)
{
  gint64 company_id = 0, old_id = 0;
  sqlite3_stmt *stmt;

  g_clear_pointer(&store->section_title, g_free);
  store->section_id = 0;
  store->section_ordinal = 0;

  if (!(stmt = stmt_get(store, RSK_STMT_COMPANY_UPSERT, error)))
    return FALSE;
  g_autofree char *company_key = rsk_company_key(info->company);
  bind_text(stmt, 1, info->company);
  bind_text(stmt, 2, company_key);
  if (stmt_run(stmt, &company_id) != SQLITE_DONE)
    return rsk_store_fail(store, error, "insert company \"%s\"",
                          info->company);

  if (!rsk_store_find(store, info->sha256, info->taxonomy_version, &old_id,
                      NULL, NULL, error))
    return FALSE;
  if (old_id) {
    if (!(stmt = stmt_get(store, RSK_STMT_FILING_DELETE, error)))
      return FALSE;
    sqlite3_bind_int64(stmt, 1, old_id);
    if (stmt_run(stmt, NULL) != SQLITE_DONE)
      return rsk_store_fail(store, error,
                            "delete earlier analysis %" G_GINT64_FORMAT,
                            old_id);
  }

  if (!(stmt = stmt_get(store, RSK_STMT_FILING_INSERT, error)))
    return FALSE;
  g_autofree char *flags = flags_json(info->flags);
  sqlite3_bind_int64(stmt, 1, company_id);
  bind_text(stmt, 2, info->path);
  bind_text(stmt, 3, info->name);
  bind_text(stmt, 4, info->sha256);
  sqlite3_bind_int(stmt, 5, info->pages);
  bind_text(stmt, 6, info->title);
  bind_text(stmt, 7, info->producer);
  bind_text(stmt, 8, info->doc_type);
  bind_text(stmt, 9, info->period_end);
  bind_text(stmt, 10, info->analyzed_at);
  bind_text(stmt, 11, info->taxonomy_name);
  bind_text(stmt, 12, info->taxonomy_version);
  sqlite3_bind_int(stmt, 13, info->risk_first_page);
  sqlite3_bind_int(stmt, 14, info->risk_last_page);
  bind_text(stmt, 15, flags);
  bind_text(stmt, 21, info->document_date);
  /* A replaced analysis keeps its id, so "show 3" still means that file;
   * NULL lets SQLite pick a new one. */
  if (old_id)
    sqlite3_bind_int64(stmt, 16, old_id);
  bind_text(stmt, 17, info->company_zh);
  bind_text(stmt, 18, info->ticker);
  bind_text(stmt, 19, info->cik);
  bind_text(stmt, 20, info->stock_code);
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error, "insert filing %s", info->name);
  *filing_id = sqlite3_last_insert_rowid(store->db);
  return TRUE;
}

/* The sections row for RISK: a new one when its sub-section heading differs
 * from the last risk factor's, else the last one, stretched to its pages. */
static gboolean section_for(rsk_store *store, gint64 filing_id,
                            const rsk_analysis_risk *risk, gint64 *section_id,
                            GError **error)
{
  sqlite3_stmt *stmt;

  *section_id = 0;
  if (!risk->section || !*risk->section) {
    g_clear_pointer(&store->section_title, g_free);
    return TRUE;
  }
  if (store->section_title && strcmp(store->section_title, risk->section) == 0) {
    if (!(stmt = stmt_get(store, RSK_STMT_SECTION_EXTEND, error)))
      return FALSE;
    sqlite3_bind_int64(stmt, 1, store->section_id);
    sqlite3_bind_int(stmt, 2, risk->page_end);
    if (stmt_run(stmt, NULL) != SQLITE_DONE)
      return rsk_store_fail(store, error, "update section %d",
                            store->section_ordinal);
    *section_id = store->section_id;
    return TRUE;
  }
  if (!(stmt = stmt_get(store, RSK_STMT_SECTION_INSERT, error)))
    return FALSE;
  store->section_ordinal++;
  sqlite3_bind_int64(stmt, 1, filing_id);
  sqlite3_bind_int(stmt, 2, store->section_ordinal);
  bind_text(stmt, 3, risk->section);
  sqlite3_bind_int(stmt, 4, risk->page_start);
  sqlite3_bind_int(stmt, 5, risk->page_end);
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error, "insert section %d",
                          store->section_ordinal);
  store->section_id = sqlite3_last_insert_rowid(store->db);
  g_free(store->section_title);
  store->section_title = g_strdup(risk->section);
  *section_id = store->section_id;
  return TRUE;
}

gboolean rsk_store_write_risk(rsk_store *store, gint64 filing_id,
                              const rsk_analysis_risk *risk, gint64 *risk_id,
                              GError **error)
{
  gint64 section_id = 0;
  sqlite3_stmt *stmt;

  if (!section_for(store, filing_id, risk, &section_id, error))
    return FALSE;
  if (!(stmt = stmt_get(store, RSK_STMT_RISK_INSERT, error)))
    return FALSE;
  sqlite3_bind_int64(stmt, 1, filing_id);
  sqlite3_bind_int(stmt, 2, risk->ordinal);
  if (section_id)
    sqlite3_bind_int64(stmt, 3, section_id);
  bind_text(stmt, 4, risk->section ? risk->section : "");
  bind_text(stmt, 5, risk->heading);
  bind_text(stmt, 6, risk->body);
  sqlite3_bind_int(stmt, 7, risk->page_start);
  sqlite3_bind_int(stmt, 8, risk->page_end);
  sqlite3_bind_int(stmt, 9, risk->word_count);
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error, "insert risk factor %d",
                          risk->ordinal);
  *risk_id = sqlite3_last_insert_rowid(store->db);
  return TRUE;
}

gboolean rsk_store_write_tag(rsk_store *store, gint64 risk_id, int ordinal,
                             guint tag_number, const rsk_analysis_tag *tag,
                             gint64 *tag_id, GError **error)
{
  sqlite3_stmt *stmt = stmt_get(store, RSK_STMT_TAG_INSERT, error);
  if (!stmt)
    return FALSE;
  char strength[2] = {tag->strength, '\0'};
  sqlite3_bind_int64(stmt, 1, risk_id);
  bind_text(stmt, 2, tag->category);
  sqlite3_bind_double(stmt, 3, tag->score);
  bind_text(stmt, 4, strength);
  if (tag->sentences)
    sqlite3_bind_int(stmt, 5, (int)tag->sentences);
  else
    sqlite3_bind_null(stmt, 5);   /* unknown: a copy of an older row */
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error, "insert tag %u (%s) of risk factor %d",
                          tag_number,
                          tag->category ? tag->category : "(null)", ordinal);
  *tag_id = sqlite3_last_insert_rowid(store->db);
  return TRUE;
}

gboolean rsk_store_write_evidence(rsk_store *store, gint64 tag_id,
                                  int ordinal, guint tag_number,
                                  guint evidence_number,
                                  const rsk_analysis_evidence *evidence,
                                  GError **error)
{
  sqlite3_stmt *stmt = stmt_get(store, RSK_STMT_EVIDENCE_INSERT, error);
  if (!stmt)
    return FALSE;
  sqlite3_bind_int64(stmt, 1, tag_id);
  sqlite3_bind_int(stmt, 2, evidence->page);
  sqlite3_bind_int(stmt, 3, evidence->in_heading ? 1 : 0);
  sqlite3_bind_int64(stmt, 4, evidence->offset);
  sqlite3_bind_int64(stmt, 5, evidence->length);
  bind_text(stmt, 6, evidence->text ? evidence->text : "");
  bind_text(stmt, 7, evidence->pattern ? evidence->pattern : "");
  sqlite3_bind_double(stmt, 8, evidence->weight);
  if (evidence->has_sentence) {
    sqlite3_bind_int64(stmt, 9, evidence->sentence_offset);
    sqlite3_bind_int64(stmt, 10, evidence->sentence_length);
  } else {
    sqlite3_bind_null(stmt, 9);
    sqlite3_bind_null(stmt, 10);
  }
  sqlite3_bind_int(stmt, 11, (int)MAX(evidence->count, 1));
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error,
                          "insert evidence %u of tag %u of risk factor %d",
                          evidence_number, tag_number, ordinal);
  return TRUE;
}

gboolean rsk_store_write_regulation(rsk_store *store, gint64 risk_id,
                                    int ordinal, const char *regulation,
                                    GError **error)
{
  sqlite3_stmt *stmt = stmt_get(store, RSK_STMT_REGULATION_INSERT, error);
  if (!stmt)
    return FALSE;
  sqlite3_bind_int64(stmt, 1, risk_id);
  bind_text(stmt, 2, regulation);
  if (stmt_run(stmt, NULL) != SQLITE_DONE)
    return rsk_store_fail(store, error,
                          "insert regulation %s of risk factor %d",
                          regulation ? regulation : "(null)", ordinal);
  return TRUE;
}

gboolean rsk_store_write_pages(rsk_store *store, gint64 risk_id, int ordinal,
                               const rsk_page_mark *marks, guint n_marks,
                               GError **error)
{
  if (n_marks == 0)
    return TRUE;
  sqlite3_stmt *stmt = stmt_get(store, RSK_STMT_PAGE_INSERT, error);
  if (!stmt)
    return FALSE;
  for (guint i = 0; i < n_marks; i++) {
    sqlite3_bind_int64(stmt, 1, risk_id);
    sqlite3_bind_int64(stmt, 2, marks[i].offset);
    sqlite3_bind_int(stmt, 3, marks[i].page);
    if (stmt_run(stmt, NULL) != SQLITE_DONE)
      return rsk_store_fail(store, error,
                            "insert page %d (body offset %u) of risk factor %d",
                            marks[i].page, marks[i].offset, ordinal);
  }
  return TRUE;
}

gboolean rsk_store_write_page_labels(rsk_store *store, gint64 filing_id,
                                     const char *const *labels, guint n,
                                     GError **error)
{
  sqlite3_stmt *stmt = NULL;
  for (guint i = 0; i < n; i++) {
    if (!labels[i] || !*labels[i])
      continue;
    if (!stmt && !(stmt = stmt_get(store, RSK_STMT_PAGE_LABEL_INSERT, error)))
      return FALSE;
    sqlite3_bind_int64(stmt, 1, filing_id);
    sqlite3_bind_int(stmt, 2, (int)i + 1);
    bind_text(stmt, 3, labels[i]);
    if (stmt_run(stmt, NULL) != SQLITE_DONE)
      return rsk_store_fail(store, error, "insert the label of page %u", i + 1);
  }
  return TRUE;
}

gboolean rsk_store_write_categories(rsk_store *store, const char *name,
                                    const char *version,
                                    const char *const *ids,
                                    const char *const *labels, guint n,
                                    GError **error)
{
  sqlite3_stmt *stmt = n ? stmt_get(store, RSK_STMT_CATEGORY_INSERT, error)
                         : NULL;
  if (n && !stmt)
    return FALSE;
  for (guint i = 0; i < n; i++) {
    bind_text(stmt, 1, name);
    bind_text(stmt, 2, version);
    sqlite3_bind_int(stmt, 3, (int)i + 1);
    bind_text(stmt, 4, ids[i]);
    bind_text(stmt, 5, labels[i] && *labels[i] ? labels[i] : ids[i]);
    if (stmt_run(stmt, NULL) != SQLITE_DONE)
      return rsk_store_fail(store, error, "insert category %s of taxonomy %s %s",
                            ids[i], name, version);
  }
  return TRUE;
}

/* The categories of TAXONOMY (may be NULL) stored for INFO's version. */
static gboolean write_taxonomy(rsk_store *store, const rsk_taxonomy *taxonomy,
                               const rsk_filing_info *info, GError **error)
{
  guint n = taxonomy ? rsk_taxonomy_n_categories(taxonomy) : 0;
  const char **ids = g_new0(const char *, n + 1);
  const char **labels = g_new0(const char *, n + 1);
  for (guint i = 0; i < n; i++) {
    ids[i] = rsk_taxonomy_category_id(taxonomy, i);
    labels[i] = rsk_taxonomy_category_label(taxonomy, i);
  }
  gboolean ok = rsk_store_write_categories(store, info->taxonomy_name,
                                           info->taxonomy_version, ids, labels,
                                           n, error);
  g_free(ids);
  g_free(labels);
  return ok;
}

static char *now_utc(void)
{
  GDateTime *now = g_date_time_new_now_utc();
  char *base = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");
  char *text = g_strdup_printf("%s.%03dZ", base,
                               g_date_time_get_microsecond(now) / 1000);
  g_free(base);
  g_date_time_unref(now);
  return text;
}

static gboolean write_classification(rsk_store *store, gint64 risk_id,
                                     int ordinal,
                                     const rsk_classification *result,
                                     GError **error)
{
  for (guint j = 0; result->tags && j < result->tags->len; j++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, j);
    rsk_analysis_tag row = {
      .category = tag->category,
      .score = tag->score,
      .strength = tag->strength,
      .sentences = tag->sentences,
    };
    gint64 tag_id = 0;
    if (!rsk_store_write_tag(store, risk_id, ordinal, j + 1, &row, &tag_id,
                             error))
      return FALSE;
    for (guint k = 0; tag->evidence && k < tag->evidence->len; k++) {
      const rsk_evidence *e = &g_array_index(tag->evidence, rsk_evidence, k);
      rsk_analysis_evidence ev = {
        .page = e->page,
        .in_heading = e->in_heading,
        .offset = e->offset,
        .length = e->length,
        .has_sentence = TRUE,
        .sentence_offset = e->sentence_offset,
        .sentence_length = e->sentence_length,
        .count = e->count,
        .text = e->text,
        .pattern = e->pattern,
        .weight = e->weight,
      };
      if (!rsk_store_write_evidence(store, tag_id, ordinal, j + 1, k + 1, &ev,
                                    error))
        return FALSE;
    }
  }
  for (guint k = 0; result->regulations && k < result->regulations->len; k++) {
    if (!rsk_store_write_regulation(store, risk_id, ordinal,
                                    g_ptr_array_index(result->regulations, k),
                                    error))
      return FALSE;
  }
  return TRUE;
}

gboolean rsk_store_put_filing(rsk_store *store,
                              const rsk_store_analysis *analysis,
                              gint64 *filing_id, GError **error)
{
  const rsk_filing *filing = analysis->filing;
  g_autofree char *analyzed_at = now_utc();
  gint64 id = 0;

  g_return_val_if_fail(store && filing && analysis->company, FALSE);
  if (filing->risks->len > 0 && !analysis->results) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_DB,
                "DB %s: %s: no classification results", store->path,
                filing->name);
    return FALSE;
  }
  rsk_filing_info info = {
    .name = filing->name,
    .path = filing->path,
    .sha256 = filing->sha256,
    .company = analysis->company,
    .company_zh = filing->company_zh,
    .ticker = analysis->ticker ? analysis->ticker : filing->ticker,
    .cik = filing->cik,
    .stock_code = filing->stock_code,
    .doc_type = filing->doc_type ? filing->doc_type : "unknown",
    .title = filing->title,
    .producer = filing->producer,
    .period_end = analysis->period_end,
    .document_date = analysis->document_date,
    .analyzed_at = analyzed_at,
    .taxonomy_name = analysis->taxonomy_name ? analysis->taxonomy_name : "",
    .taxonomy_version =
        analysis->taxonomy_version ? analysis->taxonomy_version : "",
    .pages = filing->page_count,
    .risk_first_page = filing->risk_first_page,
    .risk_last_page = filing->risk_last_page,
    .flags = filing->flags,
  };

  if (!rsk_store_begin(store, error))
    goto fail;
  if (!rsk_store_write_filing(store, &info, &id, error) ||
      !rsk_store_write_page_labels(
          store, id, (const char *const *)filing->page_labels->pdata,
          filing->page_labels->len, error) ||
      !write_taxonomy(store, analysis->taxonomy, &info, error))
    goto fail;
  for (guint i = 0; i < filing->risks->len; i++) {
    const rsk_risk_factor *risk =
        &g_array_index(filing->risks, rsk_risk_factor, i);
    rsk_analysis_risk row = {
      .ordinal = risk->ordinal,
      .section = risk->section,
      .heading = risk->heading,
      .body = risk->body,
      .page_start = risk->page_start,
      .page_end = risk->page_end,
      .word_count = risk->word_count,
    };
    gint64 risk_id = 0;
    const rsk_page_mark *marks =
        risk->n_marks ? &g_array_index(filing->page_marks, rsk_page_mark,
                                       risk->first_mark)
                      : NULL;
    if (!rsk_store_write_risk(store, id, &row, &risk_id, error) ||
        !rsk_store_write_pages(store, risk_id, risk->ordinal, marks,
                               risk->n_marks, error) ||
        !write_classification(store, risk_id, risk->ordinal,
                              &analysis->results[i], error))
      goto fail;
  }
  if (!rsk_store_commit(store, error))
    goto fail;
  if (filing_id)
    *filing_id = id;
  return TRUE;

fail:
  rsk_store_rollback(store);
  return FALSE;
}

gboolean rsk_store_write_analysis(rsk_store *store,
                                  const rsk_analysis *analysis,
                                  gint64 *filing_id, GError **error)
{
  gint64 id = 0;

  if (!rsk_store_write_filing(store, &analysis->info, &id, error))
    return FALSE;
  if (analysis->page_labels &&
      !rsk_store_write_page_labels(
          store, id, (const char *const *)analysis->page_labels->pdata,
          analysis->page_labels->len, error))
    return FALSE;
  for (guint i = 0; i < analysis->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(analysis, i);
    gint64 risk_id = 0;
    if (!rsk_store_write_risk(store, id, risk, &risk_id, error) ||
        !rsk_store_write_pages(store, risk_id, risk->ordinal,
                               rsk_analysis_marks_of(analysis, risk),
                               risk->n_marks, error))
      return FALSE;
    for (guint j = 0; j < risk->n_tags; j++) {
      const rsk_analysis_tag *tag = rsk_analysis_tag_of(analysis, risk, j);
      gint64 tag_id = 0;
      if (!rsk_store_write_tag(store, risk_id, risk->ordinal, j + 1, tag,
                               &tag_id, error))
        return FALSE;
      for (guint k = 0; k < tag->n_evidence; k++) {
        if (!rsk_store_write_evidence(store, tag_id, risk->ordinal, j + 1,
                                      k + 1,
                                      rsk_analysis_evidence_of(analysis, tag, k),
                                      error))
          return FALSE;
      }
    }
    for (guint k = 0; k < risk->n_regulations; k++) {
      if (!rsk_store_write_regulation(store, risk_id, risk->ordinal,
                                      rsk_analysis_regulation_of(analysis, risk,
                                                                 k),
                                      error))
        return FALSE;
    }
  }
  *filing_id = id;
  return TRUE;
}
