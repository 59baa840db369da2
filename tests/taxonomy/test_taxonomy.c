/* test_taxonomy.c - the taxonomy loader, the checker and the classifier
 *
 * Most cases are one line: classify_case(taxonomy, heading, body, expected),
 * where EXPECTED lists every tag the classifier must give, in taxonomy
 * order, as "category=P" or "category=S" separated by spaces ("" = none).
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "classifier.h"
#include "taxonomy.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdio.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static void classify_case(const rsk_taxonomy *tax, const char *heading, const char *body,
                          const char *expected)
{
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(tax ? tax : builtin, heading, body, &result);
  g_autofree char *got = tags_string(&result);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "heading: %s\nbody: %s\nexpected: \"%s\"\ngot:      \"%s\"\n", heading,
            body, expected, got);
  assert_string_equal(got, expected);
  rsk_classification_clear(&result);
}

/* The regulation ids RESULT cites, space-separated. */
static char *cited(const char *heading, const char *body)
{
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(builtin, heading, body, &result);
  g_ptr_array_add(result.regulations, NULL);
  char *s = g_strjoinv(" ", (char **)result.regulations->pdata);
  rsk_classification_clear(&result);
  return s;
}

static rsk_taxonomy *load_string(const char *json, GError **error)
{
  return rsk_taxonomy_load_data(json, strlen(json), "test.json", error);
}

/* ------------------------------------------------------------------ */

static void builtin_taxonomy_has_the_thirteen_labeling_categories(void **state)
{
  (void)state;
  static const char *const ids[] = {
    "ai.regulation_general", "ai.content_control", "ai.filing_assessment",
    "ai.training_data_ip", "ai.labeling_transparency", "ai.minors_dependence",
    "ai.output_risk", "data.privacy", "data.security_transfer", "trade.export_controls",
    "trade.sanctions_lists", "trade.investment_restrictions", "listing.china_oversight",
  };
  assert_int_equal(rsk_taxonomy_n_categories(builtin), G_N_ELEMENTS(ids));
  for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
    assert_string_equal(rsk_taxonomy_category_id(builtin, i), ids[i]);
    assert_true(rsk_taxonomy_category_n_rules(builtin, i) > 0);
  }
  assert_string_equal(rsk_taxonomy_name(builtin), "ai-regulation");
  assert_true(strlen(rsk_taxonomy_version(builtin)) > 0);
}

static void regulations_registry_has_thirty_entries_with_unique_ids(void **state)
{
  (void)state;
  guint n = rsk_taxonomy_n_regulations(builtin);
  assert_true(n >= 30);
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++) {
    const rsk_regulation_info *r = rsk_taxonomy_regulation(builtin, i);
    assert_false(g_hash_table_contains(seen, r->id));
    g_hash_table_add(seen, (gpointer)r->id);
    assert_true(strlen(r->name) > 0);
    for (const char *const *c = r->categories; *c; c++)
      assert_true(rsk_taxonomy_find_category(builtin, *c) >= 0);
  }
  const rsk_regulation_info *genai = rsk_taxonomy_find_regulation(builtin, "CN-GENAI");
  assert_non_null(genai);
  assert_string_equal(genai->name_zh, "生成式人工智能服务管理暂行办法");
  assert_non_null(rsk_taxonomy_find_regulation(builtin, "US-EAR-AC"));
  assert_non_null(rsk_taxonomy_find_regulation(builtin, "EU-AIACT"));
  assert_null(rsk_taxonomy_find_regulation(builtin, "XX-NONE"));
}

static void plain_business_risk_gets_no_tag(void **state)
{
  (void)state;
  classify_case(NULL, "Competition could adversely impact our market share.",
                "We compete with large companies in AI and invest heavily in AI research. "
                "If we fail to innovate, our results could suffer.", "");
}

/* LABELING.md: a word in a list is a mention, which is not tagged. */
static void subject_named_only_in_a_list_is_a_mention(void **state)
{
  (void)state;
  classify_case(NULL, "We are subject to many laws.",
                "We are subject to laws in areas including taxes, import and export "
                "requirements, data privacy requirements, employment, advertising, "
                "and the responsible use of AI.", "");
}

static void heading_about_export_controls_is_primary(void **state)
{
  (void)state;
  classify_case(NULL, "We are subject to export controls that could harm our business.",
                "The U.S. government requires a license to export our A100 and H100 GPUs to "
                "China.", "trade.export_controls=P");
}

static void one_specific_sentence_is_secondary(void **state)
{
  (void)state;
  classify_case(NULL, "Our international operations expose us to risks.",
                "We sell in many countries and face currency risk. We may be unable to obtain "
                "export licenses for shipments to Russia and may lose export privileges. "
                "Political events may disrupt our supply chain.",
                "trade.export_controls=S");
}

static void paragraph_devoted_to_a_subject_is_primary(void **state)
{
  (void)state;
  classify_case(NULL, "Government regulation could harm our business.",
                "We face many regulations.\n"
                "The GDPR imposes fines of up to 4% of revenue. Privacy laws in U.S. states "
                "such as the CCPA impose new obligations on the processing of personal data. "
                "Data protection authorities have opened investigations.\n"
                "Tax laws may change.",
                "data.privacy=P");
}

/* ------------------------------------------------------------------ */
/* Trap words of DOMAIN.md: the false positive, then the true use.     */

static void trap_algorithm(void **state)
{
  (void)state;
  classify_case(NULL, "Market risk", "We rely on algorithmic trading and pricing algorithms "
                "to manage our treasury portfolio.", "");
  classify_case(NULL, "Regulation", "We must complete algorithm filing with the CAC within "
                "ten working days after launching a service with public opinion attributes.",
                "ai.filing_assessment=S");
}

static void trap_export(void **state)
{
  (void)state;
  classify_case(NULL, "Sales", "Our export sales grew 12% and we received export tax rebates; "
                "users can export generated videos to other apps.", "");
  classify_case(NULL, "Trade", "New export controls issued by BIS under the Export "
                "Administration Regulations restrict sales of advanced computing chips to China.",
                "trade.export_controls=S");
}

static void trap_filing(void **state)
{
  (void)state;
  classify_case(NULL, "Reporting", "Our SEC filings, tax filings and filings with the "
                "Registrar of Companies may be delayed.", "");
  classify_case(NULL, "Launch", "Our large language model must complete large model filing "
                "and a security assessment before we can offer it to the public.",
                "ai.filing_assessment=S");
}

static void trap_registration(void **state)
{
  (void)state;
  classify_case(NULL, "Shares", "Trademark registration, business registration and the "
                "registration of our shares with the share registrar may take time.", "");
  classify_case(NULL, "Launch", "Applications that call a filed model must complete "
                "registration of the generative AI service with the provincial CAC.",
                "ai.filing_assessment=S");
}

static void trap_label(void **state)
{
  (void)state;
  classify_case(NULL, "Products", "Our hardware is subject to testing and labeling "
                "requirements, and we sell white label products with food labels.", "");
  classify_case(NULL, "Labels", "We must label AI-generated content and add watermarks to "
                "images our models generate.", "ai.labeling_transparency=S");
}

static void trap_model(void **state)
{
  (void)state;
  classify_case(NULL, "Strategy", "Our business model and financial models may not predict "
                "demand; a subscription model may fail.", "");
  classify_case(NULL, "AI", "Our large language models may generate inaccurate or biased "
                "outputs, exposing us to liability.", "ai.output_risk=S");
}

static void trap_minor(void **state)
{
  (void)state;
  classify_case(NULL, "Operations", "We made minor changes to our systems; minority "
                "shareholders and minor defects are not material.", "");
  classify_case(NULL, "Users", "We must offer a minors mode and guardian consent under the "
                "rules protecting minors online.", "ai.minors_dependence=S");
}

static void trap_dependence(void **state)
{
  (void)state;
  classify_case(NULL, "Suppliers", "Our dependence on key customers and reliance on "
                "third-party cloud providers expose us to concentration risk.", "");
  classify_case(NULL, "Companion", "Users of our AI companion app may develop emotional "
                "dependence, and regulators require interventions.", "ai.minors_dependence=S");
}

static void trap_companion(void **state)
{
  (void)state;
  classify_case(NULL, "Diagnostics", "Our companion diagnostics and companion animal "
                "products need approvals.", "");
  classify_case(NULL, "Chatbots", "Laws on companion chatbots require reminders to minors "
                "every three hours.", "ai.regulation_general=S ai.minors_dependence=S");
}

static void trap_ethics(void **state)
{
  (void)state;
  classify_case(NULL, "Conduct", "Employees who breach our code of business conduct and "
                "ethics may be dismissed; we have a whistle-blowing policy.", "");
  classify_case(NULL, "Ethics", "Our AI research must pass science and technology ethics "
                "review by an ethics committee.", "ai.output_risk=S");
}

static void trap_core_values(void **state)
{
  (void)state;
  classify_case(NULL, "People", "Integrity and customer focus are our core values.", "");
  classify_case(NULL, "Content", "Generated content must adhere to core socialist values.",
                "ai.content_control=S");
}

static void trap_content(void **state)
{
  (void)state;
  classify_case(NULL, "Prospectus", "The contents of this prospectus and local content in our "
                "products are described elsewhere.", "");
  classify_case(NULL, "Moderation", "Laws require us to remove illegal content quickly, and "
                "failures may lead to fines.", "ai.content_control=S");
}

static void trap_entity_list(void **state)
{
  (void)state;
  classify_case(NULL, "Structure", "The list of entities in our group is set out in the notes.",
                "");
  classify_case(NULL, "Sanctions", "In January 2025 the U.S. Department of Commerce added "
                "our subsidiary to the Entity List.", "trade.sanctions_lists=S");
}

static void trap_bis(void **state)
{
  (void)state;
  classify_case(NULL, "Banks", "The BIS, the Bank for International Settlements, publishes "
                "capital standards for banks.", "");
  classify_case(NULL, "Exports", "BIS may deny our applications for export licenses.",
                "trade.export_controls=S");
}

static void trap_cac(void **state)
{
  (void)state;
  classify_case(NULL, "Market", "The CAC 40 index fell 3% and our French listing declined.", "");
  g_autofree char *ids = cited("Content", "The CAC may order us to remove illegal and "
                               "harmful information.");
  assert_string_equal(ids, "CN-CAC");
}

static void trap_h20(void **state)
{
  (void)state;
  classify_case(NULL, "Utilities", "Our plant discharges H20 vapour and uses H20 for cooling.",
                "");
  classify_case(NULL, "Chips", "The U.S. government now requires a license for NVIDIA H20 "
                "GPUs shipped to China.", "trade.export_controls=S");
}

static void trap_frontier(void **state)
{
  (void)state;
  classify_case(NULL, "Markets", "We expand into frontier markets such as Vietnam.", "");
  classify_case(NULL, "Safety", "The Transparency in Frontier Artificial Intelligence Act "
                "requires us to publish a frontier AI safety framework.",
                "ai.regulation_general=S ai.output_risk=S");
}

static void trap_sanctions(void **state)
{
  (void)state;
  classify_case(NULL, "Contracts", "Breaches may lead to administrative sanctions, debarment "
                "and suspension from government contracts.", "");
  classify_case(NULL, "Lists", "OFAC may add our customers to the SDN List.",
                "trade.sanctions_lists=S");
}

static void trap_cross_border(void **state)
{
  (void)state;
  classify_case(NULL, "Payments", "Our cross-border e-commerce and cross-border payments "
                "business depends on logistics partners.", "");
  classify_case(NULL, "Data", "Cross-border transfers of personal data require a CAC "
                "security assessment under the outbound data rules.",
                "data.security_transfer=S");
}

static void trap_diffusion(void **state)
{
  (void)state;
  classify_case(NULL, "Technology", "Our video product is built on diffusion models.", "");
  classify_case(NULL, "Exports", "The AI Diffusion Rule would impose licence requirements on "
                "exports of advanced chips.", "ai.regulation_general=S trade.export_controls=S");
}

/* Held-out prospectus false positives: the word is there, the subject is not. */
static void trap_information_protection_law_heading_is_privacy_not_content(void **state)
{
  (void)state;
  classify_case(NULL, "We are subject to the Personal Information Protection Law and other "
                "laws on personal information.", "", "data.privacy=P");
}

static void trap_listed_companies_are_not_a_sanctions_list(void **state)
{
  (void)state;
  classify_case(NULL, "Share price", "The share prices of listed technology companies in "
                "Hong Kong have been volatile.", "");
}

static void trap_concern_about_inappropriate_content_is_not_a_content_duty(void **state)
{
  (void)state;
  classify_case(NULL, "Companion", "Regulators have raised concerns about the exposure of "
                "minors to inappropriate content in companion apps.",
                "ai.minors_dependence=S");
  classify_case(NULL, "Platforms", "Regulations make platforms responsible for removing "
                "harmful content generated by users.", "ai.content_control=S");
}

static void trap_harmful_content_in_training_corpora_is_not_output(void **state)
{
  (void)state;
  classify_case(NULL, "Standard", "The national standard sets a maximum proportion of illegal "
                "and harmful content in training corpora for generative AI models.", "");
}

static void trap_activities_is_not_a_privacy_act(void **state)
{
  (void)state;
  classify_case(NULL, "Ethics", "Scholars have proposed rules requiring enterprises engaged in "
                "research involving personal information or activities with ethical risks to "
                "set up committees.", "");
}

static void trap_security_assessment_for_outbound_data_is_not_ai_filing(void **state)
{
  (void)state;
  classify_case(NULL, "Data", "A data processor must pass a security assessment organised by "
                "the CAC before the outbound transfer of personal information of one million "
                "individuals.", "data.security_transfer=S");
}

/* ------------------------------------------------------------------ */
/* Chinese                                                             */

static void chinese_genai_measures_are_cited_and_tagged(void **state)
{
  (void)state;
  const char *body = "根据《生成式人工智能服务管理暂行办法》，具有舆论属性或者社会动员能力的"
                     "生成式人工智能服务应当开展安全评估并履行算法备案手续。";
  classify_case(NULL, "我们须遵守人工智能相关法规", body,
                "ai.regulation_general=P ai.filing_assessment=S");
  g_autofree char *ids = cited("", body);
  assert_string_equal(ids, "CN-GENAI");
}

static void chinese_patterns_cover_other_regimes(void **state)
{
  (void)state;
  classify_case(NULL, "", "我们需向中国证监会完成境外上市备案。", "listing.china_oversight=S");
  classify_case(NULL, "", "我们被列入美国商务部实体清单。", "trade.sanctions_lists=S");
  classify_case(NULL, "", "数据出境须通过网络安全审查及出境安全评估。",
                "data.security_transfer=S");
  classify_case(NULL, "", "我们须对人工智能生成合成内容添加显式标识和隐式标识。",
                "ai.labeling_transparency=S");
  classify_case(NULL, "", "我们须为未成年人提供未成年人模式并落实防沉迷要求。",
                "ai.minors_dependence=S");
  classify_case(NULL, "", "生成内容须坚持社会主义核心价值观，不得含有违法和不良信息。",
                "ai.content_control=S");
}

/* ------------------------------------------------------------------ */
/* Custom taxonomy, evidence, checker, limits, threads                 */

static const char custom_json[] =
  "{\"name\": \"weather\", \"version\": \"2\", \"macros\": {\"RAIN\": \"rain|storms?\"},"
  " \"categories\": ["
  "  {\"id\": \"climate.physical\", \"label\": \"Physical climate risk\", \"rules\": ["
  "    {\"id\": \"flood\", \"pattern\": \"\\\\bflood\\\\w*\", \"weight\": 1.0},"
  "    {\"id\": \"weather\", \"pattern\": \"{{RAIN}}\", \"weight\": 0.5}]},"
  "  {\"id\": \"climate.transition\", \"rules\": ["
  "    {\"id\": \"carbon-tax\", \"pattern\": \"carbon\\\\W+tax\", \"where\": [\"body\"],"
  "     \"requires\": [\"law|regulat\"], \"unless\": [\"repeal\"]}]}],"
  " \"regulations\": [{\"id\": \"EU-CBAM\", \"name\": \"Carbon Border Adjustment Mechanism\","
  "   \"categories\": [\"climate.transition\"], \"patterns\": [\"\\\\bCBAM\\\\b\"]}]}";

static void custom_taxonomy_works_without_code_change(void **state)
{
  (void)state;
  GError *error = NULL;
  rsk_taxonomy *tax = load_string(custom_json, &error);
  assert_non_null(tax);
  assert_int_equal(rsk_taxonomy_n_categories(tax), 2);
  assert_string_equal(rsk_taxonomy_category_id(tax, 1), "climate.transition");
  classify_case(tax, "Floods could damage our plants.", "Heavy rain is likely.",
                "climate.physical=P");
  classify_case(tax, "Costs", "A new carbon tax law would raise costs. Storms and rain.",
                "climate.transition=S");
  classify_case(tax, "Costs", "The carbon tax law may see a repeal.", "");
  classify_case(tax, "Costs", "The CBAM applies to our exports.", "climate.transition=S");
  classify_case(tax, "Carbon tax", "Nothing else.", "");   /* body-only rule */
  classify_case(tax, "AI", "Export controls on GPUs and the GDPR.", "");
  rsk_taxonomy_free(tax);
}

static void evidence_names_rule_page_and_text(void **state)
{
  (void)state;
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(builtin, "We are subject to export controls.",
                    "Intro.\nWe need licenses under the Export Administration Regulations.",
                    &result);
  const rsk_tag *tag = rsk_classification_find(&result, "trade.export_controls");
  assert_non_null(tag);
  assert_true(tag->score > 0 && tag->score <= 1);
  assert_true(tag->evidence->len >= 2);
  const rsk_evidence *first = &g_array_index(tag->evidence, rsk_evidence, 0);
  assert_true(first->in_heading);
  assert_string_equal(first->text, "export controls");
  assert_string_equal(first->pattern, "export-controls");
  assert_int_equal(first->page, 1);
  gboolean body_seen = FALSE;
  for (guint i = 0; i < tag->evidence->len; i++) {
    const rsk_evidence *ev = &g_array_index(tag->evidence, rsk_evidence, i);
    if (!ev->in_heading && ev->offset == 34) {
      /* Two rules match here (the category's "ear" and the registry's
       * US-EAR-AC); the evidence keeps one of them. */
      body_seen = TRUE;
      assert_string_equal(ev->text, "Export Administration Regulations");
      assert_true(strcmp(ev->pattern, "ear") == 0 || strcmp(ev->pattern, "US-EAR-AC#1") == 0);
    }
  }
  assert_true(body_seen);
  g_autofree char *ids = NULL;
  g_ptr_array_add(result.regulations, NULL);
  ids = g_strjoinv(" ", (char **)result.regulations->pdata);
  assert_string_equal(ids, "US-EAR-AC");
  rsk_classification_clear(&result);
}

static void expect_error(const char *json, const char *message)
{
  GError *error = NULL;
  rsk_taxonomy *tax = load_string(json, &error);
  assert_null(tax);
  assert_non_null(error);
  if (!strstr(error->message, message))
    fprintf(stderr, "expected \"%s\" in:\n%s\n", message, error->message);
  assert_non_null(strstr(error->message, message));
  g_error_free(error);
}

static void check_reports_bad_regex_with_category_pattern_and_offset(void **state)
{
  (void)state;
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"id\": \"x\", \"rules\": ["
               "{\"pattern\": \"a\"}, {\"pattern\": \"b\"}, {\"pattern\": \"(export|ear\"}]}]}",
               "test.json: category \"x\": pattern 3: missing closing parenthesis at offset 11");
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"id\": \"x\", \"rules\": ["
               "{\"pattern\": \"a\", \"unless\": [\"[z\"]}]}]}",
               "test.json: category \"x\": pattern 1: unless 1: missing terminating ] for "
               "character class at offset 2");
}

static void check_reports_json_syntax_error_with_line_and_column(void **state)
{
  (void)state;
  expect_error("{\"name\": \"t\",\n \"version\": \"1\",\n \"categories\": [,]}",
               "test.json: JSON syntax error at line 3, column 17");
}

static void check_reports_missing_fields(void **state)
{
  (void)state;
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"rules\": []}]}",
               "test.json: category 1: missing \"id\"");
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"id\": \"x\", \"rules\": ["
               "{\"weight\": 1}]}]}",
               "test.json: category \"x\": pattern 1: missing \"pattern\"");
  expect_error("{\"name\": \"t\", \"categories\": []}", "test.json: missing \"version\"");
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"id\": \"x\", \"rules\": ["
               "{\"pattern\": \"a\", \"requries\": [\"b\"]}]}]}",
               "category \"x\": pattern 1: unknown field \"requries\"");
  expect_error("{\"name\": \"t\", \"version\": \"1\", \"categories\": [{\"id\": \"x\", \"rules\": []}],"
               " \"regulations\": [{\"id\": \"R\", \"name\": \"n\", \"categories\": [\"y\"],"
               " \"patterns\": [\"r\"]}]}",
               "regulation \"R\": unknown category \"y\"");
}

static void check_lists_every_problem_of_a_file(void **state)
{
  (void)state;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp("taxonomy-XXXXXX.json", &path, NULL);
  assert_true(fd >= 0);
  close(fd);
  const char *json = "{\"name\": \"t\", \"version\": \"1\", \"categories\": ["
                     "{\"id\": \"a\", \"rules\": [{\"pattern\": \"(\"}]},"
                     "{\"id\": \"b\", \"rules\": [{\"pattern\": \"[\"}]}]}";
  assert_true(g_file_set_contents(path, json, -1, NULL));
  rsk_taxonomy *broken = NULL;
  g_autoptr(GPtrArray) errors = rsk_taxonomy_check(path, NULL, &broken);
  assert_int_equal(errors->len, 2);
  assert_null(broken);
  assert_non_null(strstr(g_ptr_array_index(errors, 0), "category \"a\": pattern 1:"));
  assert_non_null(strstr(g_ptr_array_index(errors, 1), "category \"b\": pattern 1:"));
  g_autoptr(GPtrArray) warnings = NULL;
  rsk_taxonomy *loaded = NULL;
  g_autoptr(GPtrArray) none = rsk_taxonomy_check(NULL, &warnings, &loaded);
  assert_int_equal(none->len, 0);
  assert_int_equal(warnings->len, 0);
  /* What the check loaded is the taxonomy itself, ready to list. */
  assert_non_null(loaded);
  assert_true(rsk_taxonomy_n_categories(loaded) > 0);
  rsk_taxonomy_free(loaded);
  g_unlink(path);
}

/* Writes JSON to a temporary file and checks it; returns the errors and
 * sets *WARNINGS. */
static GPtrArray *check_json(const char *json, GPtrArray **warnings)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp("taxonomy-XXXXXX.json", &path, NULL);
  assert_true(fd >= 0);
  close(fd);
  assert_true(g_file_set_contents(path, json, -1, NULL));
  GPtrArray *errors = rsk_taxonomy_check(path, warnings, NULL);
  g_unlink(path);
  return errors;
}

static gboolean any_contains(const GPtrArray *messages, const char *text)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr(g_ptr_array_index(messages, i), text))
      return TRUE;
  return FALSE;
}

static void check_names_the_rule_and_warns_about_useless_patterns(void **state)
{
  (void)state;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) errors = check_json(
      "{\"name\": \"t\", \"version\": \"1\", \"categories\": ["
      " {\"id\": \"Bad Id\", \"rules\": ["
      "  {\"id\": \"everything\", \"pattern\": \".*\"},"
      "  {\"id\": \"any-char\", \"pattern\": \".\"},"
      "  {\"id\": \"fine\", \"pattern\": \"\\\\bexport\\\\b\","
      "   \"unless\": [\"x*\"]},"
      "  {\"id\": \"broken\", \"pattern\": \"(a\"}]},"
      " {\"id\": \"good.one\", \"rules\": [{\"pattern\": \"chips\"}]}]}",
      &warnings);
  assert_int_equal(errors->len, 1);
  assert_true(any_contains(errors, "category \"Bad Id\": rule \"broken\" "
                                   "(pattern 4): missing closing parenthesis"));
  assert_true(any_contains(warnings, "category id \"Bad Id\" is not of the "
                                     "form ^[a-z][a-z0-9_.-]*$"));
  assert_true(any_contains(warnings, "rule \"everything\" (pattern 1): "
                                     "warning: \".*\" matches the empty string"));
  assert_true(any_contains(warnings, "rule \"any-char\" (pattern 2): "
                                     "warning: \".\" matches any text"));
  assert_true(any_contains(warnings, "rule \"fine\" (pattern 3): unless 1: "
                                     "warning: \"x*\" matches the empty"));
  /* A sensible pattern and good ids: no warning about them. */
  assert_false(any_contains(warnings, "export"));
  assert_false(any_contains(warnings, "good.one"));
  assert_int_equal(warnings->len, 4);

  g_autoptr(GPtrArray) none_warnings = NULL;
  g_autoptr(GPtrArray) none = check_json(
      "{\"name\": \"t\", \"version\": \"1\", \"categories\": []}",
      &none_warnings);
  assert_int_equal(none->len, 0);
  assert_true(any_contains(none_warnings, "warning: no categories"));
}

static void catastrophic_pattern_hits_the_limit_and_classifier_moves_on(void **state)
{
  (void)state;
  const char *json =
    "{\"name\": \"t\", \"version\": \"1\", \"settings\": {\"match_limit\": 100000},"
    " \"categories\": ["
    "  {\"id\": \"evil\", \"rules\": [{\"id\": \"nested\", \"pattern\": \"(a+)+$\"}]},"
    "  {\"id\": \"good\", \"rules\": [{\"id\": \"b\", \"pattern\": \"\\\\bbbb\\\\b\"}]}]}";
  GError *error = NULL;
  rsk_taxonomy *tax = load_string(json, &error);
  assert_non_null(tax);
  GString *body = g_string_new("bbb ");
  for (int i = 0; i < 5000; i++)
    g_string_append_c(body, 'a');
  g_string_append(body, "b");
  gint64 start = g_get_monotonic_time();
  classify_case(tax, "", body->str, "good=S");
  classify_case(tax, "", body->str, "good=S");   /* warned once, still no hang */
  assert_true(g_get_monotonic_time() - start < 20 * G_USEC_PER_SEC);
  assert_true(rsk_taxonomy_limit_hits(tax) >= 2);
  g_string_free(body, TRUE);
  rsk_taxonomy_free(tax);
}

static gpointer classify_many(gpointer data)
{
  const char *body = data;
  for (int i = 0; i < 20; i++) {
    rsk_classification result;
    rsk_classification_init(&result);
    rsk_classify_text(builtin, "We are subject to export controls.", body, &result);
    g_autofree char *got = tags_string(&result);
    rsk_classification_clear(&result);
    if (strcmp(got, "data.privacy=S trade.export_controls=P") != 0)
      return g_strdup(got);
  }
  return NULL;
}

static void classifier_is_safe_from_several_threads(void **state)
{
  (void)state;
  const char *body = "BIS requires licenses for GPUs sold to China. The GDPR applies.";
  GThread *threads[6];
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++)
    threads[i] = g_thread_new("classify", classify_many, (gpointer)body);
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++) {
    g_autofree char *failure = g_thread_join(threads[i]);
    assert_null(failure);
  }
}

static void invalid_utf8_and_empty_input_do_not_crash(void **state)
{
  (void)state;
  classify_case(NULL, "", "", "");
  classify_case(NULL, "\xff\xfe export controls", "bad \xc3 bytes", "trade.export_controls=P");
}

/* Patterns that can match nothing: a lookahead alone, a starred atom, an
 * empty alternative. Their empty matches must never become evidence (a
 * zero-length quote behind a tag); where they can match something, that is
 * the evidence. */
static void empty_matches_are_never_evidence(void **state)
{
  (void)state;
  static const char json[] =
    "{\"name\": \"t\", \"version\": \"1\", \"categories\": ["
    " {\"id\": \"ahead\", \"rules\": [{\"pattern\": \"(?=AI\\\\b)\", \"weight\": 5}]},"
    " {\"id\": \"starred\", \"rules\": [{\"pattern\": \"z*\", \"weight\": 5}]},"
    " {\"id\": \"either\", \"rules\": [{\"pattern\": \"\\\\bregulated\\\\b|\", \"weight\": 5}]}]}";
  GError *error = NULL;
  rsk_taxonomy *tax = load_string(json, &error);
  assert_non_null(tax);
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(tax, "AI rules", "AI systems are regulated. We use AI.", &result);
  for (guint i = 0; i < result.tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result.tags, rsk_tag, i);
    for (guint k = 0; k < tag->evidence->len; k++) {
      const rsk_evidence *e = &g_array_index(tag->evidence, rsk_evidence, k);
      if (e->length == 0 || !*e->text)
        fprintf(stderr, "%s: empty evidence at offset %u\n", tag->category, e->offset);
      assert_true(e->length > 0 && *e->text);
    }
  }
  assert_null(rsk_classification_find(&result, "ahead"));
  assert_null(rsk_classification_find(&result, "starred"));
  const rsk_tag *either = rsk_classification_find(&result, "either");
  assert_non_null(either);
  /* (Not "AI": a lone acronym makes no tag of its own.) */
  assert_string_equal(g_array_index(either->evidence, rsk_evidence, 0).text, "regulated");
  rsk_classification_clear(&result);
  rsk_taxonomy_free(tax);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(builtin_taxonomy_has_the_thirteen_labeling_categories),
    cmocka_unit_test(regulations_registry_has_thirty_entries_with_unique_ids),
    cmocka_unit_test(plain_business_risk_gets_no_tag),
    cmocka_unit_test(subject_named_only_in_a_list_is_a_mention),
    cmocka_unit_test(heading_about_export_controls_is_primary),
    cmocka_unit_test(one_specific_sentence_is_secondary),
    cmocka_unit_test(paragraph_devoted_to_a_subject_is_primary),
    cmocka_unit_test(trap_algorithm),
    cmocka_unit_test(trap_export),
    cmocka_unit_test(trap_filing),
    cmocka_unit_test(trap_registration),
    cmocka_unit_test(trap_label),
    cmocka_unit_test(trap_model),
    cmocka_unit_test(trap_minor),
    cmocka_unit_test(trap_dependence),
    cmocka_unit_test(trap_companion),
    cmocka_unit_test(trap_ethics),
    cmocka_unit_test(trap_core_values),
    cmocka_unit_test(trap_content),
    cmocka_unit_test(trap_entity_list),
    cmocka_unit_test(trap_bis),
    cmocka_unit_test(trap_cac),
    cmocka_unit_test(trap_h20),
    cmocka_unit_test(trap_frontier),
    cmocka_unit_test(trap_sanctions),
    cmocka_unit_test(trap_cross_border),
    cmocka_unit_test(trap_diffusion),
    cmocka_unit_test(trap_information_protection_law_heading_is_privacy_not_content),
    cmocka_unit_test(trap_listed_companies_are_not_a_sanctions_list),
    cmocka_unit_test(trap_concern_about_inappropriate_content_is_not_a_content_duty),
    cmocka_unit_test(trap_harmful_content_in_training_corpora_is_not_output),
    cmocka_unit_test(trap_activities_is_not_a_privacy_act),
    cmocka_unit_test(trap_security_assessment_for_outbound_data_is_not_ai_filing),
    cmocka_unit_test(chinese_genai_measures_are_cited_and_tagged),
    cmocka_unit_test(chinese_patterns_cover_other_regimes),
    cmocka_unit_test(custom_taxonomy_works_without_code_change),
    cmocka_unit_test(evidence_names_rule_page_and_text),
    cmocka_unit_test(check_reports_bad_regex_with_category_pattern_and_offset),
    cmocka_unit_test(check_reports_json_syntax_error_with_line_and_column),
    cmocka_unit_test(check_reports_missing_fields),
    cmocka_unit_test(check_lists_every_problem_of_a_file),
    cmocka_unit_test(check_names_the_rule_and_warns_about_useless_patterns),
    cmocka_unit_test(catastrophic_pattern_hits_the_limit_and_classifier_moves_on),
    cmocka_unit_test(classifier_is_safe_from_several_threads),
    cmocka_unit_test(invalid_utf8_and_empty_input_do_not_crash),
    cmocka_unit_test(empty_matches_are_never_evidence),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
