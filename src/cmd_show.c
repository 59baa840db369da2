/* cmd_show.c - riskscope show: one stored filing's risk factors and tags
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "export.h"
#include "export_text.h"
#include "read.h"

#include <string.h>

enum { WRAP = 78 };

static void pages(GString *out, int first, int last)
{
  if (first == last)
    g_string_append_printf(out, "p. %d", first);
  else
    g_string_append_printf(out, "pp. %d–%d", first, last);
}

static void show_header(GString *s, const rsk_analysis *a)
{
  const rsk_filing_info *info = &a->info;

  g_string_append_printf(s, "%s  (id %" G_GINT64_FORMAT ")\n", info->name,
                         info->id);
  g_string_append_printf(s, "  Company       %s\n", info->company);
  if (info->company_zh && strcmp(info->company_zh, info->company) != 0)
    g_string_append_printf(s, "  Chinese name  %s\n", info->company_zh);
  if (info->ticker)
    g_string_append_printf(s, "  Ticker        %s\n", info->ticker);
  if (info->stock_code)
    g_string_append_printf(s, "  Stock code    %s\n", info->stock_code);
  if (info->cik)
    g_string_append_printf(s, "  CIK           %s\n", info->cik);
  g_string_append_printf(s, "  Type          %s, %d pages", info->doc_type,
                         info->pages);
  if (info->period_end)
    g_string_append_printf(s, ", period ended %s", info->period_end);
  if (info->document_date)
    g_string_append_printf(s, ", dated %s", info->document_date);
  g_string_append(s, "\n  Risk section  ");
  if (info->risk_first_page > 0) {
    pages(s, info->risk_first_page, info->risk_last_page);
    g_string_append_printf(s, ", %d risk factors\n", info->risk_count);
  } else {
    g_string_append(s, "not found\n");
  }
  g_string_append_printf(s, "  Taxonomy      %s %s\n", info->taxonomy_name,
                         info->taxonomy_version);
  g_string_append_printf(s, "  Analyzed      %s\n", info->analyzed_at);
  g_string_append_printf(s, "  sha256        %s\n", info->sha256);
  g_string_append_printf(s, "  Path          %s\n", info->path);
  if (info->title)
    g_string_append_printf(s, "  Title         %s\n", info->title);
  if (info->flags && info->flags->len) {
    g_string_append(s, "\n");
    for (guint i = 0; i < info->flags->len; i++)
      g_string_append_printf(s, "  !! SANITY FLAG: %s\n",
                             (const char *)g_ptr_array_index(info->flags, i));
  }
  g_string_append(s, "\n");
}

static void show_risk(GString *s, const rsk_analysis *a,
                      const rsk_analysis_risk *risk, gboolean full,
                      gboolean why)
{
  char score[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf(s, "%3d. ", risk->ordinal);
  pages(s, risk->page_start, risk->page_end);
  if (*risk->section)
    g_string_append_printf(s, " · %s", risk->section);
  g_string_append_c(s, '\n');
  rsk_text_wrap(s, risk->heading, 5, WRAP);

  GString *line = g_string_new("tags: ");
  if (risk->n_tags == 0)
    g_string_append(line, "none");
  for (guint j = 0; j < risk->n_tags; j++) {
    const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
    g_string_append_printf(line, "%s%s(%c %s)", j ? ", " : "", tag->category,
                           tag->strength, rsk_format_score(score, tag->score));
  }
  rsk_text_wrap(s, line->str, 5, WRAP);
  if (risk->n_regulations) {
    g_string_assign(line, "regulations: ");
    for (guint k = 0; k < risk->n_regulations; k++)
      g_string_append_printf(line, "%s%s", k ? ", " : "",
                             rsk_analysis_regulation_of(a, risk, k));
    rsk_text_wrap(s, line->str, 5, WRAP);
  }
  for (guint j = 0; why && j < risk->n_tags; j++) {
    const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
    g_string_append_printf(s, "     why %s:\n", tag->category);
    for (guint k = 0; k < tag->n_evidence; k++) {
      const rsk_analysis_evidence *e = rsk_analysis_evidence_of(a, tag, k);
      g_autofree char *marked = rsk_analysis_evidence_marked(risk, e, "\xc2\xab", "\xc2\xbb");
      g_string_printf(line, "p. %d, %s, rule %s", e->page,
                      e->in_heading ? "heading" : "body", e->pattern);
      if (e->count > 1)
        g_string_append_printf(line, ", %u matches", e->count);
      g_string_append_printf(line, ": \"%s\"", marked);
      /* A sentence can run over a line break: one quote all the same. */
      rsk_text_wrap_joined(s, line->str, 7, WRAP);
    }
    if (tag->sentences > tag->n_evidence)
      g_string_append_printf(s, "       (and %u more sentence%s)\n",
                             tag->sentences - tag->n_evidence,
                             tag->sentences - tag->n_evidence == 1 ? "" : "s");
  }
  if (full) {
    g_string_append_c(s, '\n');
    rsk_text_wrap(s, risk->body, 5, WRAP);
  }
  g_string_append_c(s, '\n');
  g_string_free(line, TRUE);
}

int rsk_cmd_show(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *format = NULL;
  gboolean full = FALSE, why = FALSE;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)", "PATH"},
    {"full", 0, 0, G_OPTION_ARG_NONE, &full, "Also print each risk factor's body", NULL},
    {"why", 0, 0, G_OPTION_ARG_NONE, &why, "Show each tag's evidence: page, rule, sentence", NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };

  if (!rsk_cli_parse(out, "show", "FILING",
                     "Show one stored filing: its header, sanity flags and "
                     "risk factors with tags.\nFILING is an id from "
                     "\"riskscope list\", a file name or a sha256 prefix.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc != 2) {
    rsk_cli_error(out, "show: give exactly one FILING");
    return RSK_EXIT_USAGE;
  }
  if (!rsk_cli_text_or_json(out, "show", format))
    return RSK_EXIT_USAGE;

  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  gint64 id = store ? rsk_read_resolve_filing(store, argv[1], &error) : 0;
  rsk_analysis *a = id ? rsk_analysis_load(store, id, &error) : NULL;
  if (!a) {
    rsk_cli_error(out, "%s", error->message);
    rsk_store_close(store);
    return RSK_EXIT_FAILURE;
  }
  if (format && strcmp(format, "json") == 0) {
    cJSON *obj = rsk_export_filing_json(a, why);
    if (!full) {
      cJSON *risk;
      cJSON_ArrayForEach(risk, cJSON_GetObjectItem(obj, "risk_factors"))
          cJSON_DeleteItemFromObject(risk, "body");
    }
    char *text = rsk_export_json_text(obj, TRUE);
    fputs(text, out->out);
    fputc('\n', out->out);
    g_free(text);
    cJSON_Delete(obj);
  } else {
    GString *s = g_string_new(NULL);
    show_header(s, a);
    for (guint i = 0; i < a->risks->len; i++)
      show_risk(s, a, rsk_analysis_risk_at(a, i), full, why);
    rsk_cli_write(out->out, s->str);
    g_string_free(s, TRUE);
  }
  rsk_analysis_free(a);
  rsk_store_close(store);
  return RSK_EXIT_OK;
}
