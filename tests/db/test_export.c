/* test_export.c - JSONL, CSV and text layout of stored analyses
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "export.h"
#include "export_text.h"
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stores a one-risk filing whose heading is HEADING (and body BODY, when
 * not NULL), pages 11 and 12 printed as "9" and "10", with ticker "ACME",
 * CIK and Chinese name when IDENTIFIED; returns it loaded. */
static rsk_analysis *stored_as(const char *heading, const char *body,
                               gboolean identified, rsk_store **store)
{
  g_autofree char *path = fixture_db_path("x.db");
  g_autoptr(GError) error = NULL;
  fixture *fx = fixture_new("x.pdf", "x", 1);
  gint64 id = 0;
  if (heading)
    g_array_index(fx->filing->risks, rsk_risk_factor, 0).heading =
        rsk_filing_intern(fx->filing, heading);
  if (identified) {
    fx->filing->ticker = g_strdup("ACME");
    fx->filing->cik = g_strdup("0000012345");
    fx->filing->company_zh = g_strdup("艾克米人工智能有限公司");
  }
  if (body)
    g_array_index(fx->filing->risks, rsk_risk_factor, 0).body =
        rsk_filing_intern(fx->filing, body);
  g_ptr_array_set_size(fx->filing->page_labels, 12);
  g_ptr_array_index(fx->filing->page_labels, 10) = g_strdup("9");
  g_ptr_array_index(fx->filing->page_labels, 11) = g_strdup("10");
  *store = rsk_store_open(path, FALSE, &error);
  assert_true(fixture_put(*store, fx, &id, &error));
  fixture_free(fx);
  rsk_analysis *a = rsk_analysis_load(*store, id, &error);
  assert_non_null(a);
  return a;
}

static rsk_analysis *stored(const char *heading, rsk_store **store)
{
  return stored_as(heading, NULL, FALSE, store);
}

typedef void (*render_fn)(const rsk_analysis *a, FILE *out);

static char *render(render_fn fn, const rsk_analysis *a)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  fn(a, out);
  fclose(out);
  return text;
}

static void csv_per_risk(const rsk_analysis *a, FILE *out)
{
  rsk_export_csv_header(RSK_EXPORT_PER_RISK, out);
  rsk_export_csv(a, RSK_EXPORT_PER_RISK, FALSE, FALSE, out);
}

static void csv_per_tag(const rsk_analysis *a, FILE *out)
{
  rsk_export_csv_header(RSK_EXPORT_PER_TAG, out);
  rsk_export_csv(a, RSK_EXPORT_PER_TAG, FALSE, FALSE, out);
}

static void csv_per_evidence(const rsk_analysis *a, FILE *out)
{
  rsk_export_csv_header(RSK_EXPORT_PER_EVIDENCE, out);
  rsk_export_csv(a, RSK_EXPORT_PER_EVIDENCE, FALSE, FALSE, out);
}

static void csv_full_body(const rsk_analysis *a, FILE *out)
{
  rsk_export_csv(a, RSK_EXPORT_PER_RISK, TRUE, FALSE, out);
}

#define SENTENCE "The AI Act and artificial intelligence laws govern personal data."

static void jsonl_has_the_contract_fields_in_order(void **state)
{
  (void)state;
  rsk_store *store = NULL;
  rsk_analysis *a = stored_as(NULL, NULL, TRUE, &store);
  char *text = render(rsk_export_jsonl, a);
  g_autofree char *expected = g_strdup_printf(
      "{\"filing\":\"x.pdf\",\"sha256\":\"%s\",\"company\":\"Acme AI\","
      "\"ordinal\":1,\"section\":\"Section A\",\"heading\":\"Risk 1 heading\","
      "\"body\":\"Body of risk 1. The AI Act and artificial intelligence laws "
      "govern personal data.\",\"page_start\":11,\"page_end\":12,"
      "\"tags\":[{\"category\":\"ai.regulation_general\",\"score\":0.9,"
      "\"strength\":\"P\",\"evidence\":[{\"page\":11,\"text\":\"AI Act\","
      "\"sentence\":\"%s\",\"match\":[4,10],\"count\":1,\"page_label\":\"9\"},"
      "{\"page\":12,\"text\":\"artificial intelligence laws\","
      "\"sentence\":\"%s\",\"match\":[15,43],\"count\":3,\"page_label\":\"10\"}],"
      "\"sentences\":4},"
      "{\"category\":\"data.privacy\",\"score\":0.5,\"strength\":\"S\","
      "\"evidence\":[{\"page\":11,\"text\":\"personal data\","
      "\"sentence\":\"%s\",\"match\":[51,64],\"count\":1,\"page_label\":\"9\"}],"
      "\"sentences\":1}],"
      "\"regulations\":[\"EU-AI-ACT\",\"US-EAR\"],"
      "\"filing_id\":1,\"doc_type\":\"10-K\",\"period_end\":null,"
      "\"document_date\":null,\"taxonomy_version\":\"1.0\","
      "\"word_count\":7,\"company_zh\":\"艾克米人工智能有限公司\","
      "\"ticker\":\"ACME\",\"cik\":\"0000012345\",\"stock_code\":null,"
      "\"page_start_label\":\"9\",\"page_end_label\":\"10\","
      "\"flags\":[\"few_risk_factors: 1\"]}\n",
      a->info.sha256, SENTENCE, SENTENCE, SENTENCE);
  assert_string_equal(text, expected);

  /* The sentence and the match's offsets in it agree (in characters). */
  cJSON *parsed = cJSON_Parse(text);
  const cJSON *ev = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
      cJSON_GetObjectItem(parsed, "tags"), 0), "evidence"), 1);
  const char *sentence = cJSON_GetObjectItem(ev, "sentence")->valuestring;
  const cJSON *match = cJSON_GetObjectItem(ev, "match");
  int from = cJSON_GetArrayItem(match, 0)->valueint, to = cJSON_GetArrayItem(match, 1)->valueint;
  assert_memory_equal(sentence + from, cJSON_GetObjectItem(ev, "text")->valuestring,
                      (size_t)(to - from));
  cJSON_Delete(parsed);

  /* The same, stated as the contract's key order. */
  static const char *const contract[] = {
    "filing", "sha256", "company", "ordinal", "section", "heading", "body",
    "page_start", "page_end", "tags", "regulations",
  };
  cJSON *obj = cJSON_Parse(text);
  const cJSON *item = obj->child;
  for (size_t i = 0; i < G_N_ELEMENTS(contract); i++, item = item->next)
    assert_string_equal(item->string, contract[i]);
  cJSON_Delete(obj);
  free(text);
  rsk_analysis_free(a);
  rsk_store_close(store);
}

/* The CSV cell of a body is cut to a spreadsheet's limit, visibly, and
 * kept whole with --full-body; characters count as UTF-16 units. */
static void csv_cells_fit_a_spreadsheet_unless_full_body(void **state)
{
  (void)state;
  rsk_store *store = NULL;
  GString *body = g_string_new(NULL);
  while (body->len < 150000)
    g_string_append(body, "Export rules \xe6\x9b\xb4 change \xf0\x9f\x93\x88 often. ");
  rsk_analysis *a = stored_as(NULL, body->str, FALSE, &store);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  csv_per_risk(a, out);
  fclose(out);
  glong chars = g_utf8_strlen(body->str, -1);
  g_autofree char *marker = g_strdup_printf(
      " [... cut: %ld characters in all; riskscope export --full-body keeps"
      " them]", chars);

  gsize cell = (gsize)(strstr(text, "Export rules") - text);
  const char *cut = strstr(text + cell, marker);
  assert_non_null(cut);
  gsize end = (gsize)(cut - text) + strlen(marker);
  /* The cell with its marker within 32,767 UTF-16 code units. */
  g_autofree char *whole = g_strndup(text + cell, end - cell);
  glong units = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16(whole, -1, NULL, &units, NULL);
  assert_true(units <= RSK_CSV_CELL_MAX);
  assert_true(units > RSK_CSV_CELL_MAX - 8);
  free(text);

  text = render(csv_full_body, a);
  assert_non_null(strstr(text, body->str));
  assert_null(strstr(text, "[... cut:"));
  free(text);
  g_string_free(body, TRUE);
  rsk_analysis_free(a);
  rsk_store_close(store);
}

static void csv_quotes_commas_quotes_and_line_breaks(void **state)
{
  (void)state;
  rsk_store *store = NULL;
  rsk_analysis *a = stored("He said \"AI\", then\nleft", &store);
  char *text = render(csv_per_risk, a);
  g_autofree char *expected = g_strdup_printf(
      "filing_id,filing,sha256,company,doc_type,period_end,document_date,"
      "taxonomy_version,ordinal,section,heading,page_start,page_end,word_count,"
      "tags,regulations,body,page_start_label,page_end_label,flags,"
      "ticker,stock_code,cik,company_zh\r\n"
      "1,x.pdf,%s,Acme AI,10-K,,,1.0,1,Section A,"
      "\"He said \"\"AI\"\", then\nleft\",11,12,7,"
      "ai.regulation_general:P;data.privacy:S,EU-AI-ACT;US-EAR,"
      "Body of risk 1. " SENTENCE ",9,10,few_risk_factors: 1,,,,\r\n",
      a->info.sha256);
  assert_string_equal(text, expected);
  free(text);

  text = render(csv_per_tag, a);
  g_autofree char *per_tag = g_strdup_printf(
      "filing_id,filing,sha256,company,doc_type,period_end,document_date,"
      "taxonomy_version,ordinal,section,heading,page_start,page_end,category,"
      "strength,score,evidence_pages,evidence,evidence_sentences,"
      "evidence_page_labels,flags,ticker,stock_code,cik,company_zh\r\n"
      "1,x.pdf,%s,Acme AI,10-K,,,1.0,1,Section A,"
      "\"He said \"\"AI\"\", then\nleft\",11,12,ai.regulation_general,P,0.9,"
      "11;12,AI Act | artificial intelligence laws,"
      "The \xc2\xab" "AI Act\xc2\xbb and artificial intelligence laws govern personal data. | "
      "The AI Act and \xc2\xab" "artificial intelligence laws\xc2\xbb govern personal data. [x3]"
      ",9;10,few_risk_factors: 1,,,,\r\n"
      "1,x.pdf,%s,Acme AI,10-K,,,1.0,1,Section A,"
      "\"He said \"\"AI\"\", then\nleft\",11,12,data.privacy,S,0.5,"
      "11,personal data,"
      "The AI Act and artificial intelligence laws govern \xc2\xab" "personal data\xc2\xbb."
      ",9,few_risk_factors: 1,,,,\r\n",
      a->info.sha256, a->info.sha256);
  assert_string_equal(text, per_tag);
  free(text);

  /* One row per evidence match, each with its page and printed label. */
  text = render(csv_per_evidence, a);
  char **rows = g_strsplit(text, "\r\n", -1);
  assert_int_equal(g_strv_length(rows), 5);  /* header, 3 matches, "" */
  assert_true(g_str_has_suffix(rows[0], "category,strength,score,page,"
                                        "page_label,in_heading,rule,text,sentence,"
                                        "count,flags,ticker,stock_code,cik,company_zh"));
  assert_true(g_str_has_suffix(rows[2], ",ai.regulation_general,P,0.9,12,10,0,"
                                        "ai.laws,artificial intelligence laws,"
                                        "The AI Act and \xc2\xab" "artificial intelligence "
                                        "laws\xc2\xbb govern personal data.,3,"
                                        "few_risk_factors: 1,,,,"));
  g_strfreev(rows);
  free(text);
  rsk_analysis_free(a);
  rsk_store_close(store);
}

static void assert_fit(const char *text, int width, gboolean right,
                       const char *expected)
{
  GString *out = g_string_new(NULL);
  rsk_text_fit(out, text, width, right);
  assert_string_equal(out->str, expected);
  assert_int_equal(rsk_text_width(out->str), width);
  g_string_free(out, TRUE);
}

static void columns_are_cut_with_an_ellipsis_and_padded(void **state)
{
  (void)state;
  assert_fit("abcdef", 4, FALSE, "abc…");
  assert_fit("ab", 4, FALSE, "ab  ");
  assert_fit("12", 4, TRUE, "  12");
  /* Chinese characters take two columns each. */
  assert_fit("智谱华章科技", 5, FALSE, "智谱…");
  assert_fit("智谱华章科技", 6, FALSE, "智谱… ");
}

static void text_is_wrapped_at_word_boundaries(void **state)
{
  (void)state;
  GString *out = g_string_new(NULL);
  rsk_text_wrap(out, "one two three four\nfive", 2, 12);
  assert_string_equal(out->str, "  one two\n  three four\n  five\n");
  g_string_free(out, TRUE);
}

/* Runs the built riskscope with ARGV; returns its standard output. */
static char *run_cli(const char *const *args, int *status)
{
  const char *exe = g_getenv("RISKSCOPE_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  char *out = NULL;
  g_autofree char *err = NULL;
  g_ptr_array_add(argv, (gpointer)exe);
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add(argv, (gpointer)*a);
  g_ptr_array_add(argv, NULL);
  assert_true(g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
                           NULL, NULL, &out, &err, status, NULL));
  return out;
}

static void list_fits_80_columns_and_show_flags_the_filing(void **state)
{
  (void)state;
  if (!g_getenv("RISKSCOPE_EXE")) {
    print_message("SKIP: RISKSCOPE_EXE absent\n");
    skip();
  }
  g_autofree char *path = fixture_db_path("cli.db");
  g_autoptr(GError) error = NULL;
  rsk_store *store = rsk_store_open(path, FALSE, &error);
  fixture *fx = fixture_new("a_very_long_file_name_for_the_list_table.pdf", "cli", 2);
  fx->company = "北京智谱华章科技股份有限公司";
  assert_true(fixture_put(store, fx, NULL, &error));
  fixture_free(fx);
  rsk_store_close(store);

  int status = -1;
  const char *list[] = {"list", "--db", path, NULL};
  /* An 80-column terminal: everything fits, long names are cut. */
  g_setenv("COLUMNS", "80", TRUE);
  g_autofree char *out = run_cli(list, &status);
  g_unsetenv("COLUMNS");
  assert_int_equal(status, 0);
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  assert_true(g_strv_length(lines) >= 3);
  for (char **l = lines; *l; l++)
    assert_true(rsk_text_width(*l) <= 80);
  assert_non_null(strstr(lines[1], "a_very_long_file_name…"));
  assert_non_null(strstr(lines[1], "北京智谱华章科… "));
  /* A pipe with no width: names whole, so they can be used as FILING. */
  g_autofree char *piped = run_cli(list, &status);
  assert_int_equal(status, 0);
  assert_non_null(strstr(piped, "a_very_long_file_name_for_the_list_table.pdf "));
  assert_non_null(strstr(piped, "北京智谱华章科技股份有限公司 "));

  const char *show[] = {"show", "a_very", "--db", path, "--why", NULL};
  g_autofree char *shown = run_cli(show, &status);
  assert_int_equal(status, 0);
  assert_non_null(strstr(shown, "!! SANITY FLAG: few_risk_factors: 2"));
  assert_non_null(strstr(shown, "tags: ai.regulation_general(P 0.90), data.privacy(S 0.50)"));
  assert_non_null(strstr(shown, "p. 12, body, rule ai.laws, 3 matches: \"The AI Act and"));
  assert_non_null(strstr(shown, "\xc2\xab" "artificial"));
  assert_non_null(strstr(shown, "laws\xc2\xbb govern"));
  assert_non_null(strstr(shown, "(and 2 more sentences)"));

  const char *bad[] = {"show", "nothing.pdf", "--db", path, NULL};
  g_autofree char *none = run_cli(bad, &status);
  assert_true(g_spawn_check_wait_status(status, NULL) == FALSE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(jsonl_has_the_contract_fields_in_order),
    cmocka_unit_test(csv_quotes_commas_quotes_and_line_breaks),
    cmocka_unit_test(csv_cells_fit_a_spreadsheet_unless_full_body),
    cmocka_unit_test(columns_are_cut_with_an_ellipsis_and_padded),
    cmocka_unit_test(text_is_wrapped_at_word_boundaries),
    cmocka_unit_test(list_fits_80_columns_and_show_flags_the_filing),
  };
  return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
