/* read.c - load stored filings and analyses into the read model
 *
 * One analysis takes six queries (filing, risks, tags, evidence,
 * regulations, page marks), each ordered by risk ordinal and row id, so each risk's
 * tags and each tag's evidence arrive contiguous and the flat arrays of
 * read.h fill in one pass.
 *
 * SPDX-License-Identifier: MIT
 */
#include "store_private.h"

#include "form_type.h"
#include "rsk_error.h"

#include <cjson/cJSON.h>
#include <string.h>

#define FILING_COLUMNS                                                        \
  "SELECT f.id, f.name, f.path, f.sha256, c.name, f.doc_type, f.title, "     \
  "f.producer, f.period_end, f.analyzed_at, f.taxonomy_name, "               \
  "f.taxonomy_version, f.pages, f.risk_first_page, f.risk_last_page, "       \
  "f.flags, (SELECT count(*) FROM risk_factors r WHERE r.filing_id = f.id), " \
  "f.company_id, c.key, f.company_zh, f.ticker, f.cik, f.stock_code, "          \
  "f.document_date "                                                          \
  "FROM filings f JOIN companies c ON c.id = f.company_id "


static const char *column_text(sqlite3_stmt *stmt, int column,
                               GStringChunk *strings)
{
  const char *text = (const char *)sqlite3_column_text(stmt, column);
  return text ? g_string_chunk_insert_const(strings, text) : NULL;
}

/* Never NULL: for NOT NULL columns, in case of a damaged row. */
static const char *column_text0(sqlite3_stmt *stmt, int column,
                                GStringChunk *strings)
{
  const char *text = column_text(stmt, column, strings);
  return text ? text : "";
}

static GPtrArray *parse_flags(const char *json, GStringChunk *strings)
{
  GPtrArray *flags = g_ptr_array_new();
  cJSON *array = json ? cJSON_Parse(json) : NULL;
  const cJSON *item;
  cJSON_ArrayForEach(item, array)
  {
    if (cJSON_IsString(item))
      g_ptr_array_add(flags,
                      g_string_chunk_insert_const(strings, item->valuestring));
  }
  cJSON_Delete(array);
  return flags;
}

static void info_from_row(sqlite3_stmt *stmt, GStringChunk *strings,
                          rsk_filing_info *info)
{
  info->id = sqlite3_column_int64(stmt, 0);
  info->name = column_text0(stmt, 1, strings);
  info->path = column_text0(stmt, 2, strings);
  info->sha256 = column_text0(stmt, 3, strings);
  info->company = column_text0(stmt, 4, strings);
  info->doc_type = column_text0(stmt, 5, strings);
  info->title = column_text(stmt, 6, strings);
  info->producer = column_text(stmt, 7, strings);
  info->period_end = column_text(stmt, 8, strings);
  info->analyzed_at = column_text0(stmt, 9, strings);
  info->taxonomy_name = column_text0(stmt, 10, strings);
  info->taxonomy_version = column_text0(stmt, 11, strings);
  info->pages = sqlite3_column_int(stmt, 12);
  info->risk_first_page = sqlite3_column_int(stmt, 13);
  info->risk_last_page = sqlite3_column_int(stmt, 14);
  info->flags =
      parse_flags((const char *)sqlite3_column_text(stmt, 15), strings);
  info->risk_count = sqlite3_column_int(stmt, 16);
  info->company_id = sqlite3_column_int64(stmt, 17);
  info->company_key = column_text0(stmt, 18, strings);
  info->company_zh = column_text(stmt, 19, strings);
  info->ticker = column_text(stmt, 20, strings);
  info->cik = column_text(stmt, 21, strings);
  info->stock_code = column_text(stmt, 22, strings);
  info->document_date = column_text(stmt, 23, strings);
}

static sqlite3_stmt *prepare(rsk_store *store, const char *sql,
                             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    rsk_store_fail(store, error, "prepare \"%.60s...\"", sql);
    return NULL;
  }
  return stmt;
}

static void filing_list_clear_info(gpointer data)
{
  rsk_filing_info *info = data;
  g_clear_pointer(&info->flags, g_ptr_array_unref);
}

/* Filings matching WHERE (SQL with ?1 bound to TEXT and ?2 to NUMBER). */
static rsk_filing_list *query_filings(rsk_store *store, const char *where,
                                      const char *text, gint64 number,
                                      GError **error)
{
  g_autofree char *sql = g_strconcat(FILING_COLUMNS, where ? "WHERE " : "",
                                     where ? where : "", " ORDER BY f.id",
                                     NULL);
  sqlite3_stmt *stmt = prepare(store, sql, error);
  if (!stmt)
    return NULL;
  if (sqlite3_bind_parameter_count(stmt) >= 1)
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count(stmt) >= 2)
    sqlite3_bind_int64(stmt, 2, number);

  rsk_filing_list *list = g_new0(rsk_filing_list, 1);
  list->strings = g_string_chunk_new(4096);
  list->filings = g_array_new(FALSE, TRUE, sizeof(rsk_filing_info));
  g_array_set_clear_func(list->filings, filing_list_clear_info);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rsk_filing_info info = {0};
    info_from_row(stmt, list->strings, &info);
    g_array_append_val(list->filings, info);
  }
  if (rc != SQLITE_DONE) {
    rsk_store_fail(store, error, "read filings");
    g_clear_pointer(&list, rsk_filing_list_free);
  }
  sqlite3_finalize(stmt);
  return list;
}

const char *rsk_filing_info_date(const rsk_filing_info *info)
{
  return info->document_date ? info->document_date : info->period_end;
}

int rsk_filing_info_cmp_newer(const rsk_filing_info *x, const rsk_filing_info *y)
{
  const char *dx = rsk_filing_info_date(x), *dy = rsk_filing_info_date(y);
  int c;
  if (dx && !dy)
    return -1;
  if (!dx && dy)
    return 1;
  if (dx && (c = strcmp(dx, dy)) != 0)
    return -c;
  if ((c = strcmp(x->analyzed_at, y->analyzed_at)) != 0)
    return -c;
  return x->id > y->id ? -1 : x->id < y->id;
}

gboolean rsk_filing_info_of_forms(const rsk_filing_info *info, const char *forms)
{
  return forms ? rsk_form_in_list(info->doc_type, forms) : rsk_form_is_primary(info->doc_type);
}

rsk_filing_list *rsk_read_filings_of(rsk_store *store, rsk_read_flags flags,
                                     const char *forms, GError **error)
{
  rsk_filing_list *list = query_filings(store, NULL, NULL, 0, error);
  if (!list)
    return NULL;
  gboolean latest = (flags & RSK_READ_LATEST_PER_COMPANY) != 0;
  GArray *all = list->filings;
  /* Company name -> index of its newest filing so far. */
  GHashTable *newest = g_hash_table_new(g_str_hash, g_str_equal);
  gboolean *keep = g_new0(gboolean, all->len + 1);
  for (guint i = 0; i < all->len; i++) {
    const rsk_filing_info *info = &g_array_index(all, rsk_filing_info, i);
    if (latest ? !rsk_filing_info_of_forms(info, forms)
               : forms && !rsk_form_in_list(info->doc_type, forms))
      continue;
    if (!latest) {
      keep[i] = TRUE;
      continue;
    }
    gpointer found;
    if (g_hash_table_lookup_extended(newest, info->company, NULL, &found)) {
      guint k = GPOINTER_TO_UINT(found);
      if (rsk_filing_info_cmp_newer(info, &g_array_index(all, rsk_filing_info, k)) >= 0)
        continue;
      keep[k] = FALSE;
    }
    keep[i] = TRUE;
    g_hash_table_insert(newest, (gpointer)info->company, GUINT_TO_POINTER(i));
  }
  for (guint i = all->len; i-- > 0;)
    if (!keep[i])
      g_array_remove_index(all, i);
  g_free(keep);
  g_hash_table_unref(newest);
  return list;
}

rsk_filing_list *rsk_read_filings(rsk_store *store, rsk_read_flags flags,
                                  GError **error)
{
  return rsk_read_filings_of(store, flags, NULL, error);
}

void rsk_filing_list_free(rsk_filing_list *list)
{
  if (!list)
    return;
  g_array_unref(list->filings);
  g_string_chunk_free(list->strings);
  g_free(list);
}

gboolean rsk_read_foreach_filing(rsk_store *store, rsk_read_flags flags,
                                 rsk_filing_fn fn, gpointer user_data,
                                 GError **error)
{
  rsk_filing_list *list = rsk_read_filings(store, flags, error);
  if (!list)
    return FALSE;
  for (guint i = 0; i < list->filings->len; i++) {
    if (!fn(&g_array_index(list->filings, rsk_filing_info, i), user_data))
      break;
  }
  rsk_filing_list_free(list);
  return TRUE;
}

GHashTable *rsk_read_stored_sha256s(rsk_store *store,
                                    const char *taxonomy_version,
                                    GError **error)
{
  sqlite3_stmt *stmt = prepare(
      store, "SELECT sha256 FROM filings WHERE taxonomy_version = ?1", error);
  if (!stmt)
    return NULL;
  sqlite3_bind_text(stmt, 1, taxonomy_version, -1, SQLITE_STATIC);
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          NULL);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    g_hash_table_add(set, g_strdup((const char *)sqlite3_column_text(stmt, 0)));
  if (rc != SQLITE_DONE) {
    rsk_store_fail(store, error, "read stored sha256s");
    g_clear_pointer(&set, g_hash_table_unref);
  }
  sqlite3_finalize(stmt);
  return set;
}

static gboolean is_all(const char *text, gboolean (*pred)(gchar))
{
  for (const char *p = text; *p; p++) {
    if (!pred(*p))
      return FALSE;
  }
  return *text != '\0';
}

static gboolean ascii_digit(gchar c) { return g_ascii_isdigit(c); }
static gboolean ascii_xdigit(gchar c) { return g_ascii_isxdigit(c); }

/* Takes LIST: 0 and an error unless it holds exactly one filing. */
static gint64 one_of(rsk_store *store, rsk_filing_list *list, const char *arg,
                     const char *kind, GError **error)
{
  gint64 id = 0;
  if (list->filings->len == 1) {
    id = g_array_index(list->filings, rsk_filing_info, 0).id;
  } else if (list->filings->len > 1) {
    GString *msg = g_string_new(NULL);
    g_string_printf(msg,
                    "DB %s: FILING \"%s\" is ambiguous: %u filings have "
                    "this %s; give one of their ids:",
                    store->path, arg, list->filings->len, kind);
    for (guint i = 0; i < list->filings->len; i++) {
      const rsk_filing_info *info =
          &g_array_index(list->filings, rsk_filing_info, i);
      g_string_append_printf(
          msg, "\n  %" G_GINT64_FORMAT "  %s  %s  sha256 %.12s  taxonomy %s  "
               "analyzed %s",
          info->id, info->name, info->company, info->sha256,
          info->taxonomy_version, info->analyzed_at);
    }
    g_set_error_literal(error, RSK_ERROR, RSK_ERROR_USAGE, msg->str);
    g_string_free(msg, TRUE);
  }
  rsk_filing_list_free(list);
  return id;
}

/* Looks ARG up as the filings matching WHERE with ?1 bound to TEXT. TRUE
 * when that settles it: one filing (its id in *ID), or an error (a failed
 * query, *ID 0; several filings, *ID 0 and a list of them). */
static gboolean resolve_where(rsk_store *store, const char *where,
                              const char *text, const char *arg,
                              const char *kind, gint64 *id, GError **error)
{
  GError *local = NULL;
  rsk_filing_list *list = query_filings(store, where, text, 0, error);
  *id = 0;
  if (!list)
    return TRUE;
  if ((*id = one_of(store, list, arg, kind, &local)) || local) {
    if (local)
      g_propagate_error(error, local);
    return TRUE;
  }
  return FALSE;
}

gint64 rsk_read_resolve_filing(rsk_store *store, const char *arg,
                               GError **error)
{
  rsk_filing_list *list;
  gint64 id;

  if (!arg || !*arg) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE,
                "an empty FILING: give an id, a file name or a sha256 prefix");
    return 0;
  }
  if (is_all(arg, ascii_digit) && strlen(arg) < 19) {
    if (!(list = query_filings(store, "f.id = ?2", NULL,
                               g_ascii_strtoll(arg, NULL, 10), error)))
      return 0;
    if ((id = one_of(store, list, arg, "id", error)))
      return id;
  }
  if (resolve_where(store, "f.name = ?1", arg, arg, "file name", &id, error))
    return id;
  if (is_all(arg, ascii_xdigit) && strlen(arg) >= 4 && strlen(arg) <= 64) {
    g_autofree char *prefix = g_ascii_strdown(arg, -1);
    if (resolve_where(store, "substr(f.sha256, 1, length(?1)) = ?1", prefix,
                      arg, "sha256 prefix", &id, error))
      return id;
  }
  /* The path given to analyze, then the base name of a path. */
  if (resolve_where(store, "f.path = ?1", arg, arg, "path", &id, error))
    return id;
  g_autofree char *base = g_path_get_basename(arg);
  if (strcmp(base, arg) != 0 && strcmp(base, G_DIR_SEPARATOR_S) != 0 &&
      strcmp(base, ".") != 0 &&
      resolve_where(store, "f.name = ?1", base, arg, "file name", &id, error))
    return id;
  /* Last, a convenience: a unique start of a file name ("nvidia"). */
  if (resolve_where(store, "substr(lower(f.name), 1, length(?1)) = lower(?1)",
                    arg, arg, "file name start", &id, error))
    return id;
  g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
              "DB %s: no stored filing has the id, file name, path or sha256 "
              "prefix \"%s\"%s; see riskscope list",
              store->path, arg,
              is_all(arg, ascii_xdigit) && !is_all(arg, ascii_digit) &&
                      strlen(arg) < 4
                  ? " (a sha256 prefix needs at least 4 hex digits)"
                  : "");
  return 0;
}

/* --- One analysis ----------------------------------------------------- */

void rsk_analysis_free(rsk_analysis *analysis)
{
  if (!analysis)
    return;
  g_clear_pointer(&analysis->info.flags, g_ptr_array_unref);
  g_array_unref(analysis->risks);
  g_array_unref(analysis->tags);
  g_array_unref(analysis->evidence);
  g_ptr_array_unref(analysis->regulations);
  /* NULL in an analysis built by hand before page marks existed. */
  g_clear_pointer(&analysis->page_marks, g_array_unref);
  g_clear_pointer(&analysis->page_labels, g_ptr_array_unref);
  g_string_chunk_free(analysis->strings);
  g_free(analysis);
}

static gint64 *int64_key(gint64 value)
{
  gint64 *key = g_new(gint64, 1);
  *key = value;
  return key;
}

/* SQL with ?1 bound to A's filing id. */
static sqlite3_stmt *prepare_for_filing(rsk_store *store, const char *sql,
                                        const rsk_analysis *a, GError **error)
{
  sqlite3_stmt *stmt = prepare(store, sql, error);
  if (stmt)
    sqlite3_bind_int64(stmt, 1, a->info.id);
  return stmt;
}

/* Finalizes STMT, whose last step returned RC; an error naming WHAT
 * ("risk factors") unless RC is SQLITE_DONE. */
static gboolean finish_for_filing(rsk_store *store, sqlite3_stmt *stmt, int rc,
                                  const char *what, const rsk_analysis *a,
                                  GError **error)
{
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE)
    return rsk_store_fail(store, error, "read %s of filing %" G_GINT64_FORMAT,
                          what, a->info.id);
  return TRUE;
}

static gboolean load_risks(rsk_store *store, rsk_analysis *a,
                           GHashTable *risk_index, GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store,
      "SELECT id, ordinal, section, heading, body, page_start, page_end, "
      "word_count FROM risk_factors WHERE filing_id = ?1 ORDER BY ordinal, id",
      a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rsk_analysis_risk risk = {
      .id = sqlite3_column_int64(stmt, 0),
      .ordinal = sqlite3_column_int(stmt, 1),
      .section = column_text0(stmt, 2, a->strings),
      .heading = column_text0(stmt, 3, a->strings),
      .page_start = sqlite3_column_int(stmt, 5),
      .page_end = sqlite3_column_int(stmt, 6),
      .word_count = sqlite3_column_int(stmt, 7),
    };
    /* Bodies are long and unique: skip the dedup table. */
    const char *body = (const char *)sqlite3_column_text(stmt, 4);
    risk.body = g_string_chunk_insert(a->strings, body ? body : "");
    g_hash_table_insert(risk_index, int64_key(risk.id),
                        GUINT_TO_POINTER(a->risks->len + 1));
    g_array_append_val(a->risks, risk);
  }
  return finish_for_filing(store, stmt, rc, "risk factors", a, error);
}

static rsk_analysis_risk *risk_by_id(rsk_analysis *a, GHashTable *risk_index,
                                     gint64 id)
{
  guint index = GPOINTER_TO_UINT(g_hash_table_lookup(risk_index, &id));
  return index ? &g_array_index(a->risks, rsk_analysis_risk, index - 1) : NULL;
}

static gboolean load_tags(rsk_store *store, rsk_analysis *a,
                          GHashTable *risk_index, GHashTable *tag_index,
                          GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store,
      "SELECT t.id, t.risk_factor_id, t.category, t.score, t.strength, "
      "t.sentences "
      "FROM tags t JOIN risk_factors r ON r.id = t.risk_factor_id "
      "WHERE r.filing_id = ?1 ORDER BY r.ordinal, r.id, t.id",
      a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    gint64 tag_id = sqlite3_column_int64(stmt, 0);
    rsk_analysis_risk *risk =
        risk_by_id(a, risk_index, sqlite3_column_int64(stmt, 1));
    const char *strength = (const char *)sqlite3_column_text(stmt, 4);
    rsk_analysis_tag tag = {
      .category = column_text0(stmt, 2, a->strings),
      .score = sqlite3_column_double(stmt, 3),
      .strength = strength && *strength ? *strength : '?',
      .first_evidence = a->evidence->len,
      .sentences = (guint)MAX(sqlite3_column_int(stmt, 5), 0),
    };
    if (!risk)
      continue;
    if (risk->n_tags == 0)
      risk->first_tag = a->tags->len;
    risk->n_tags++;
    g_hash_table_insert(tag_index, int64_key(tag_id),
                        GUINT_TO_POINTER(a->tags->len + 1));
    g_array_append_val(a->tags, tag);
  }
  return finish_for_filing(store, stmt, rc, "tags", a, error);
}

static gboolean load_evidence(rsk_store *store, rsk_analysis *a,
                              GHashTable *tag_index, GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store,
      "SELECT e.tag_id, e.page, e.in_heading, e.offset, e.length, e.text, "
      "e.pattern, e.weight, e.sentence_offset, e.sentence_length, e.count "
      "FROM evidence e "
      "JOIN tags t ON t.id = e.tag_id "
      "JOIN risk_factors r ON r.id = t.risk_factor_id "
      "WHERE r.filing_id = ?1 ORDER BY r.ordinal, r.id, t.id, e.id",
      a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    gint64 tag_id = sqlite3_column_int64(stmt, 0);
    guint index = GPOINTER_TO_UINT(g_hash_table_lookup(tag_index, &tag_id));
    if (!index)
      continue;
    rsk_analysis_tag *tag = &g_array_index(a->tags, rsk_analysis_tag, index - 1);
    rsk_analysis_evidence ev = {
      .page = sqlite3_column_int(stmt, 1),
      .in_heading = sqlite3_column_int(stmt, 2) != 0,
      .offset = (guint)sqlite3_column_int64(stmt, 3),
      .length = (guint)sqlite3_column_int64(stmt, 4),
      .text = column_text0(stmt, 5, a->strings),
      .pattern = column_text0(stmt, 6, a->strings),
      .weight = sqlite3_column_double(stmt, 7),
      .has_sentence = sqlite3_column_type(stmt, 8) != SQLITE_NULL &&
                      sqlite3_column_type(stmt, 9) != SQLITE_NULL,
      .sentence_offset = (guint)MAX(sqlite3_column_int64(stmt, 8), 0),
      .sentence_length = (guint)MAX(sqlite3_column_int64(stmt, 9), 0),
      .count = (guint)MAX(sqlite3_column_int(stmt, 10), 1),
    };
    if (tag->n_evidence == 0)
      tag->first_evidence = a->evidence->len;
    tag->n_evidence++;
    g_array_append_val(a->evidence, ev);
  }
  return finish_for_filing(store, stmt, rc, "evidence", a, error);
}

/* TRUE when [START, END) lies in TEXT (LEN bytes) on character starts. */
static gboolean span_fits(const char *text, gsize len, gsize start, gsize end)
{
  return start <= end && end <= len &&
         (start == len || ((unsigned char)text[start] & 0xC0) != 0x80) &&
         (end == len || ((unsigned char)text[end] & 0xC0) != 0x80);
}

const char *rsk_analysis_evidence_sentence(const rsk_analysis_risk *risk,
                                           const rsk_analysis_evidence *ev,
                                           gsize *start, gsize *end,
                                           gsize *match_start,
                                           gsize *match_end)
{
  const char *text = ev->in_heading ? risk->heading : risk->body;
  if (!ev->has_sentence || !text)
    return NULL;
  gsize len = strlen(text);
  gsize ss = ev->sentence_offset, se = ss + ev->sentence_length;
  gsize ms = ev->offset, me = ms + ev->length;
  if (!span_fits(text, len, ss, se) || !span_fits(text, len, ms, me) ||
      ms < ss || me > se || !g_utf8_validate(text + ss, (gssize)(se - ss), NULL))
    return NULL;
  *start = ss;
  *end = se;
  *match_start = ms;
  *match_end = me;
  return text;
}

char *rsk_analysis_evidence_marked(const rsk_analysis_risk *risk,
                                   const rsk_analysis_evidence *ev,
                                   const char *open, const char *close)
{
  gsize ss, se, ms, me;
  const char *text = rsk_analysis_evidence_sentence(risk, ev, &ss, &se, &ms, &me);
  if (!text)
    return g_strconcat(open, ev->text, close, NULL);
  GString *out = g_string_new(NULL);
  g_string_append_len(out, text + ss, (gssize)(ms - ss));
  g_string_append(out, open);
  g_string_append_len(out, text + ms, (gssize)(me - ms));
  g_string_append(out, close);
  g_string_append_len(out, text + me, (gssize)(se - me));
  /* Paragraph breaks inside a shown sentence (a window) read as spaces. */
  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\n')
      out->str[i] = ' ';
  return g_string_free(out, FALSE);
}

static gboolean load_regulations(rsk_store *store, rsk_analysis *a,
                                 GHashTable *risk_index, GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store,
      "SELECT g.risk_factor_id, g.regulation_id FROM regulations_cited g "
      "JOIN risk_factors r ON r.id = g.risk_factor_id "
      "WHERE r.filing_id = ?1 ORDER BY r.ordinal, r.id, g.regulation_id",
      a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rsk_analysis_risk *risk =
        risk_by_id(a, risk_index, sqlite3_column_int64(stmt, 0));
    if (!risk)
      continue;
    if (risk->n_regulations == 0)
      risk->first_regulation = a->regulations->len;
    risk->n_regulations++;
    g_ptr_array_add(a->regulations,
                    (gpointer)column_text0(stmt, 1, a->strings));
  }
  return finish_for_filing(store, stmt, rc, "regulations", a, error);
}

static gboolean load_page_marks(rsk_store *store, rsk_analysis *a,
                                GHashTable *risk_index, GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store,
      "SELECT p.risk_factor_id, p.offset, p.page FROM risk_factor_pages p "
      "JOIN risk_factors r ON r.id = p.risk_factor_id "
      "WHERE r.filing_id = ?1 ORDER BY r.ordinal, r.id, p.offset",
      a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rsk_analysis_risk *risk =
        risk_by_id(a, risk_index, sqlite3_column_int64(stmt, 0));
    if (!risk)
      continue;
    rsk_page_mark mark = {
      .offset = (guint)sqlite3_column_int64(stmt, 1),
      .page = sqlite3_column_int(stmt, 2),
    };
    if (risk->n_marks == 0)
      risk->first_mark = a->page_marks->len;
    risk->n_marks++;
    g_array_append_val(a->page_marks, mark);
  }
  return finish_for_filing(store, stmt, rc, "page marks", a, error);
}

static gboolean load_page_labels(rsk_store *store, rsk_analysis *a,
                                 GError **error)
{
  sqlite3_stmt *stmt = prepare_for_filing(
      store, "SELECT page, label FROM page_labels WHERE filing_id = ?1 "
             "ORDER BY page", a, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    int page = sqlite3_column_int(stmt, 0);
    if (page < 1 || page > MAX(a->info.pages, 1) * 4)
      continue;  /* a damaged row must not make the array huge */
    if ((guint)page > a->page_labels->len)
      g_ptr_array_set_size(a->page_labels, (guint)page);
    g_ptr_array_index(a->page_labels, page - 1) =
        (gpointer)column_text0(stmt, 1, a->strings);
  }
  return finish_for_filing(store, stmt, rc, "page labels", a, error);
}

const char *rsk_analysis_page_label(const rsk_analysis *a, int page)
{
  if (!a->page_labels || page < 1 || (guint)page > a->page_labels->len)
    return NULL;
  return g_ptr_array_index(a->page_labels, page - 1);
}

gboolean rsk_read_taxonomy_categories(rsk_store *store, const char *name,
                                      const char *version, char ***ids,
                                      char ***labels, GError **error)
{
  GPtrArray *i_out = g_ptr_array_new(), *l_out = g_ptr_array_new();
  sqlite3_stmt *stmt = prepare(store,
      "SELECT id, label FROM taxonomy_categories WHERE taxonomy_name = ?1 "
      "AND taxonomy_version = ?2 ORDER BY ordinal, id", error);
  int rc = SQLITE_DONE;
  if (stmt) {
    sqlite3_bind_text(stmt, 1, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, version ? version : "", -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const char *id = (const char *)sqlite3_column_text(stmt, 0);
      const char *label = (const char *)sqlite3_column_text(stmt, 1);
      g_ptr_array_add(i_out, g_strdup(id ? id : ""));
      g_ptr_array_add(l_out, g_strdup(label ? label : ""));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
      rsk_store_fail(store, error, "read the categories of taxonomy %s %s",
                     name, version);
  }
  g_ptr_array_add(i_out, NULL);
  g_ptr_array_add(l_out, NULL);
  *ids = (char **)g_ptr_array_free(i_out, FALSE);
  *labels = (char **)g_ptr_array_free(l_out, FALSE);
  if (stmt && rc == SQLITE_DONE)
    return TRUE;
  g_clear_pointer(ids, g_strfreev);
  g_clear_pointer(labels, g_strfreev);
  return FALSE;
}

int rsk_analysis_page_at(const rsk_analysis *a, const rsk_analysis_risk *risk,
                         guint offset)
{
  const rsk_page_mark *marks = rsk_analysis_marks_of(a, risk);
  int page = risk->page_start;
  for (guint i = 0; i < risk->n_marks && marks[i].offset <= offset; i++)
    page = marks[i].page;
  return page;
}

int rsk_read_page_at(rsk_store *store, gint64 risk_id, guint offset,
                     GError **error)
{
  sqlite3_stmt *stmt = rsk_store_stmt(store, RSK_STMT_PAGE_AT, error);
  int page = 0;

  if (!stmt)
    return 0;
  sqlite3_bind_int64(stmt, 1, risk_id);
  sqlite3_bind_int64(stmt, 2, offset);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    page = sqlite3_column_int(stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                "DB %s: no risk factor with id %" G_GINT64_FORMAT, store->path,
                risk_id);
  else
    rsk_store_fail(store, error,
                   "read the page of body offset %u of risk factor %"
                   G_GINT64_FORMAT, offset, risk_id);
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return page;
}

rsk_analysis *rsk_analysis_load(rsk_store *store, gint64 filing_id,
                                GError **error)
{
  sqlite3_stmt *stmt = prepare(store, FILING_COLUMNS "WHERE f.id = ?1", error);
  if (!stmt)
    return NULL;
  rsk_analysis *a = g_new0(rsk_analysis, 1);
  a->strings = g_string_chunk_new(64 * 1024);
  a->risks = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_risk));
  a->tags = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_tag));
  a->evidence = g_array_new(FALSE, TRUE, sizeof(rsk_analysis_evidence));
  a->regulations = g_ptr_array_new();
  a->page_marks = g_array_new(FALSE, TRUE, sizeof(rsk_page_mark));
  a->page_labels = g_ptr_array_new();

  sqlite3_bind_int64(stmt, 1, filing_id);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    info_from_row(stmt, a->strings, &a->info);
  else if (rc == SQLITE_DONE)
    g_set_error(error, RSK_ERROR, RSK_ERROR_NOT_FOUND,
                "DB %s: no filing with id %" G_GINT64_FORMAT, store->path,
                filing_id);
  else
    rsk_store_fail(store, error, "read filing %" G_GINT64_FORMAT, filing_id);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW) {
    rsk_analysis_free(a);
    return NULL;
  }

  GHashTable *risk_index =
      g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *tag_index =
      g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean ok = load_risks(store, a, risk_index, error) &&
                load_tags(store, a, risk_index, tag_index, error) &&
                load_evidence(store, a, tag_index, error) &&
                load_regulations(store, a, risk_index, error) &&
                load_page_marks(store, a, risk_index, error) &&
                load_page_labels(store, a, error);
  g_hash_table_unref(risk_index);
  g_hash_table_unref(tag_index);
  if (!ok)
    g_clear_pointer(&a, rsk_analysis_free);
  return a;
}
