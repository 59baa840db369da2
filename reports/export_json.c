/* export_json.c - stored analyses as JSON objects and JSONL lines
 *
 * SPDX-License-Identifier: MIT
 */
#include "export.h"

#include <math.h>

/* Scores are stored as doubles; four decimals are what a reader needs and
 * keep "0.94" from printing as 0.93999999999999995. */
static double round4(double value)
{
  return isfinite(value) ? round(value * 10000.0) / 10000.0 : 0.0;
}

static cJSON *string_or_null(const char *text)
{
  return text ? cJSON_CreateString(text) : cJSON_CreateNull();
}

/* "sentence": the sentence shown for E, and "match": [start, end) of the
 * matched text in it, in characters (Unicode code points, as JSON readers
 * index strings). Absent for evidence stored before schema version 3. */
static void add_sentence(cJSON *ev, const rsk_analysis_risk *risk,
                         const rsk_analysis_evidence *e)
{
  gsize ss, se, ms, me;
  const char *text = rsk_analysis_evidence_sentence(risk, e, &ss, &se, &ms, &me);
  if (!text)
    return;
  g_autofree char *sentence = g_strndup(text + ss, se - ss);
  g_strdelimit(sentence, "\n", ' ');
  cJSON_AddStringToObject(ev, "sentence", sentence);
  cJSON *match = cJSON_AddArrayToObject(ev, "match");
  glong from = g_utf8_pointer_to_offset(text + ss, text + ms);
  glong to = g_utf8_pointer_to_offset(text + ss, text + me);
  cJSON_AddItemToArray(match, cJSON_CreateNumber((double)from));
  cJSON_AddItemToArray(match, cJSON_CreateNumber((double)to));
}

static cJSON *flags_json(const rsk_filing_info *info)
{
  cJSON *flags = cJSON_CreateArray();
  for (guint i = 0; info->flags && i < info->flags->len; i++)
    cJSON_AddItemToArray(flags,
                         cJSON_CreateString(g_ptr_array_index(info->flags, i)));
  return flags;
}

/* The printed folios of the risk factor's first and last pages. */
static void add_labels(cJSON *obj, const rsk_analysis *a,
                       const rsk_analysis_risk *risk)
{
  cJSON_AddItemToObject(obj, "page_start_label",
                        string_or_null(rsk_analysis_page_label(a, risk->page_start)));
  cJSON_AddItemToObject(obj, "page_end_label",
                        string_or_null(rsk_analysis_page_label(a, risk->page_end)));
}

static cJSON *tags_json(const rsk_analysis *a, const rsk_analysis_risk *risk,
                        gboolean why)
{
  cJSON *tags = cJSON_CreateArray();
  for (guint j = 0; j < risk->n_tags; j++) {
    const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
    cJSON *obj = cJSON_CreateObject();
    char strength[2] = {tag->strength, '\0'};
    cJSON_AddStringToObject(obj, "category", tag->category);
    cJSON_AddNumberToObject(obj, "score", round4(tag->score));
    cJSON_AddStringToObject(obj, "strength", strength);
    cJSON *evidence = cJSON_AddArrayToObject(obj, "evidence");
    for (guint k = 0; k < tag->n_evidence; k++) {
      const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, tag, k);
      cJSON *ev = cJSON_CreateObject();
      cJSON_AddNumberToObject(ev, "page", e->page);
      cJSON_AddStringToObject(ev, "text", e->text);
      add_sentence(ev, risk, e);
      cJSON_AddNumberToObject(ev, "count", e->count);
      cJSON_AddItemToObject(ev, "page_label",
                            string_or_null(rsk_analysis_page_label(a, e->page)));
      if (why) {
        cJSON_AddBoolToObject(ev, "in_heading", e->in_heading);
        cJSON_AddStringToObject(ev, "pattern", e->pattern);
        cJSON_AddNumberToObject(ev, "weight", round4(e->weight));
      }
      cJSON_AddItemToArray(evidence, ev);
    }
    if (tag->sentences)
      cJSON_AddNumberToObject(obj, "sentences", tag->sentences);
    cJSON_AddItemToArray(tags, obj);
  }
  return tags;
}

static cJSON *regulations_json(const rsk_analysis *a,
                               const rsk_analysis_risk *risk)
{
  cJSON *regs = cJSON_CreateArray();
  for (guint k = 0; k < risk->n_regulations; k++)
    cJSON_AddItemToArray(
        regs, cJSON_CreateString(rsk_analysis_regulation_of(a, risk, k)));
  return regs;
}

/* Who the filing is from beyond its company's name; null when unknown. */
static void add_identity(cJSON *obj, const rsk_filing_info *info)
{
  cJSON_AddItemToObject(obj, "company_zh", string_or_null(info->company_zh));
  cJSON_AddItemToObject(obj, "ticker", string_or_null(info->ticker));
  cJSON_AddItemToObject(obj, "cik", string_or_null(info->cik));
  cJSON_AddItemToObject(obj, "stock_code", string_or_null(info->stock_code));
}

/* The risk's own fields, in contract order, into OBJ. */
static void add_risk_fields(cJSON *obj, const rsk_analysis *a,
                            const rsk_analysis_risk *risk, gboolean why)
{
  cJSON_AddNumberToObject(obj, "ordinal", risk->ordinal);
  cJSON_AddStringToObject(obj, "section", risk->section);
  cJSON_AddStringToObject(obj, "heading", risk->heading);
  cJSON_AddStringToObject(obj, "body", risk->body);
  cJSON_AddNumberToObject(obj, "page_start", risk->page_start);
  cJSON_AddNumberToObject(obj, "page_end", risk->page_end);
  cJSON_AddItemToObject(obj, "tags", tags_json(a, risk, why));
  cJSON_AddItemToObject(obj, "regulations", regulations_json(a, risk));
}

cJSON *rsk_export_risk_json(const rsk_analysis *a,
                            const rsk_analysis_risk *risk)
{
  cJSON *obj = cJSON_CreateObject();
  cJSON_AddStringToObject(obj, "filing", a->info.name);
  cJSON_AddStringToObject(obj, "sha256", a->info.sha256);
  cJSON_AddStringToObject(obj, "company", a->info.company);
  add_risk_fields(obj, a, risk, FALSE);
  cJSON_AddNumberToObject(obj, "filing_id", (double)a->info.id);
  cJSON_AddStringToObject(obj, "doc_type", a->info.doc_type);
  cJSON_AddItemToObject(obj, "period_end", string_or_null(a->info.period_end));
  cJSON_AddItemToObject(obj, "document_date", string_or_null(a->info.document_date));
  cJSON_AddStringToObject(obj, "taxonomy_version", a->info.taxonomy_version);
  cJSON_AddNumberToObject(obj, "word_count", risk->word_count);
  add_identity(obj, &a->info);
  add_labels(obj, a, risk);
  cJSON_AddItemToObject(obj, "flags", flags_json(&a->info));
  return obj;
}

cJSON *rsk_export_info_json(const rsk_filing_info *info)
{
  cJSON *obj = cJSON_CreateObject();
  cJSON_AddNumberToObject(obj, "id", (double)info->id);
  cJSON_AddStringToObject(obj, "filing", info->name);
  cJSON_AddStringToObject(obj, "path", info->path);
  cJSON_AddStringToObject(obj, "sha256", info->sha256);
  cJSON_AddStringToObject(obj, "company", info->company);
  cJSON_AddStringToObject(obj, "doc_type", info->doc_type);
  cJSON_AddItemToObject(obj, "title", string_or_null(info->title));
  cJSON_AddItemToObject(obj, "producer", string_or_null(info->producer));
  cJSON_AddItemToObject(obj, "period_end", string_or_null(info->period_end));
  cJSON_AddItemToObject(obj, "document_date", string_or_null(info->document_date));
  cJSON_AddNumberToObject(obj, "pages", info->pages);
  cJSON_AddNumberToObject(obj, "risk_first_page", info->risk_first_page);
  cJSON_AddNumberToObject(obj, "risk_last_page", info->risk_last_page);
  cJSON_AddNumberToObject(obj, "risk_count", info->risk_count);
  cJSON_AddStringToObject(obj, "analyzed_at", info->analyzed_at);
  cJSON_AddStringToObject(obj, "taxonomy_name", info->taxonomy_name);
  cJSON_AddStringToObject(obj, "taxonomy_version", info->taxonomy_version);
  cJSON_AddItemToObject(obj, "flags", flags_json(info));
  add_identity(obj, info);
  return obj;
}

cJSON *rsk_export_filing_json(const rsk_analysis *a, gboolean why)
{
  cJSON *obj = rsk_export_info_json(&a->info);
  cJSON *risks = cJSON_AddArrayToObject(obj, "risk_factors");
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    cJSON *r = cJSON_CreateObject();
    add_risk_fields(r, a, risk, why);
    cJSON_AddNumberToObject(r, "word_count", risk->word_count);
    add_labels(r, a, risk);
    cJSON_AddItemToArray(risks, r);
  }
  return obj;
}

char *rsk_export_json_text(const cJSON *item, gboolean formatted)
{
  char *printed = formatted ? cJSON_Print(item) : cJSON_PrintUnformatted(item);
  /* cJSON copies string bytes as they are; outside strings everything it
   * prints is ASCII, so mending the whole text mends the strings only. */
  char *valid = g_utf8_make_valid(printed ? printed : "null", -1);
  cJSON_free(printed);
  return valid;
}

void rsk_export_jsonl(const rsk_analysis *a, FILE *out)
{
  for (guint i = 0; i < a->risks->len; i++) {
    cJSON *obj = rsk_export_risk_json(a, rsk_analysis_risk_at(a, i));
    char *line = rsk_export_json_text(obj, FALSE);
    fputs(line, out);
    fputc('\n', out);
    g_free(line);
    cJSON_Delete(obj);
  }
}
