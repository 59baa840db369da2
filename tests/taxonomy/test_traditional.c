/* test_traditional.c - traditional-script Chinese tags like simplified
 *
 * Hong Kong prints the Chinese version of a listing document in
 * traditional characters; the taxonomy's Chinese patterns are simplified.
 * The classifier folds the text (hanzi_fold.c) before matching and reports
 * evidence from the original. Each twin case is one call:
 * expect_twins(simplified heading, body, traditional heading, body,
 * category, regulation) - both tag the same categories with the same
 * strengths and cite the same regulations, CATEGORY and REGULATION among
 * them, and every piece of the traditional twin's evidence is its text as
 * printed, at the offsets reported.
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "classifier.h"
#include "hanzi_fold.h"
#include "taxonomy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

extern const char rsk_taxonomy_default_json[];
extern const unsigned long rsk_taxonomy_default_json_len;

/* ------------------------------------------------------------ table */

static void fold_table_is_sorted_without_duplicate_keys(void **state)
{
  (void)state;
  gsize n = 0;
  const rsk_hanzi_pair *table = rsk_hanzi_table(&n);
  assert_true(n > 1000);
  for (gsize i = 1; i < n; i++) {
    if (table[i - 1].traditional >= table[i].traditional)
      print_message("not sorted at %zu: U+%04X U+%04X\n", i, table[i - 1].traditional,
                    table[i].traditional);
    assert_true(table[i - 1].traditional < table[i].traditional);
  }
}

static void every_fold_pair_is_three_bytes_on_both_sides(void **state)
{
  (void)state;
  gsize n = 0;
  const rsk_hanzi_pair *table = rsk_hanzi_table(&n);
  for (gsize i = 0; i < n; i++) {
    char t[8], s[8];
    int tl = g_unichar_to_utf8(table[i].traditional, t);
    int sl = g_unichar_to_utf8(table[i].simplified, s);
    if (tl != 3 || sl != 3)
      print_message("pair %zu: U+%04X (%d bytes) -> U+%04X (%d bytes)\n", i,
                    table[i].traditional, tl, table[i].simplified, sl);
    assert_int_equal(tl, 3);
    assert_int_equal(sl, 3);
    assert_true(table[i].traditional != table[i].simplified);
    /* Folding is idempotent: a simplified form is never folded again. */
    assert_int_equal(rsk_hanzi_simplify(table[i].simplified), table[i].simplified);
    assert_int_equal(rsk_hanzi_simplify(table[i].traditional), table[i].simplified);
  }
}

static void folding_keeps_the_length_and_every_other_byte(void **state)
{
  (void)state;
  const char *text = "Risk: 《個人信息保護法》 – 監管 (PIPL) 😀 內容";
  gsize len = strlen(text);
  g_autofree char *folded = rsk_hanzi_fold(text, len);
  assert_non_null(folded);
  assert_int_equal(strlen(folded), len);
  assert_string_equal(folded, "Risk: 《个人信息保护法》 – 监管 (PIPL) 😀 内容");
  assert_null(rsk_hanzi_fold("Export controls and the Entity List", 35));
  assert_null(rsk_hanzi_fold("《个人信息保护法》及监管", strlen("《个人信息保护法》及监管")));
  assert_null(rsk_hanzi_fold("", 0));
  /* A truncated sequence at the end is left as it is. */
  const char cut[] = {'a', (char)0xE8, (char)0xAD};
  assert_null(rsk_hanzi_fold(cut, sizeof cut));
}

static void the_taxonomy_is_written_in_simplified_characters(void **state)
{
  (void)state;
  g_autofree char *folded =
      rsk_hanzi_fold(rsk_taxonomy_default_json, rsk_taxonomy_default_json_len);
  if (folded) {
    for (gsize i = 0; i < rsk_taxonomy_default_json_len; i++) {
      if (folded[i] != rsk_taxonomy_default_json[i]) {
        print_message("traditional character at byte %zu: %.12s\n", i,
                      rsk_taxonomy_default_json + (i > 3 ? i - 3 : 0));
        break;
      }
    }
  }
  assert_null(folded);
}

/* ------------------------------------------------------------ twins */

static gboolean cites(const rsk_classification *result, const char *regulation)
{
  for (guint i = 0; i < result->regulations->len; i++) {
    if (strcmp(g_ptr_array_index(result->regulations, i), regulation) == 0)
      return TRUE;
  }
  return FALSE;
}

/* Every evidence of RESULT is the text at its offsets in HEADING or BODY;
 * returns how many of them are in traditional characters. */
static guint check_evidence(const rsk_classification *result, const char *heading,
                            const char *body)
{
  guint traditional = 0;
  for (guint i = 0; i < result->tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, i);
    for (guint k = 0; k < tag->evidence->len; k++) {
      const rsk_evidence *ev = &g_array_index(tag->evidence, rsk_evidence, k);
      const char *text = ev->in_heading ? heading : body;
      assert_true(ev->offset + strlen(ev->text) <= strlen(text));
      assert_memory_equal(text + ev->offset, ev->text, strlen(ev->text));
      assert_true(g_utf8_validate(ev->text, -1, NULL));
      g_autofree char *folded = rsk_hanzi_fold(ev->text, strlen(ev->text));
      traditional += folded ? 1 : 0;
    }
  }
  return traditional;
}

static void classify(const char *heading, const char *body, rsk_classification *result)
{
  rsk_classification_init(result);
  rsk_classify_text(builtin, heading, body, result);
}

static void expect_twins(const char *s_heading, const char *s_body, const char *t_heading,
                         const char *t_body, const char *category, const char *regulation)
{
  /* The simplified twin is simplified throughout; the traditional one
   * folds to text of the same length. */
  assert_null(rsk_hanzi_fold(s_heading, strlen(s_heading)));
  assert_null(rsk_hanzi_fold(s_body, strlen(s_body)));
  g_autofree char *folded = rsk_hanzi_fold(t_heading, strlen(t_heading));
  assert_non_null(folded);
  assert_int_equal(strlen(folded), strlen(t_heading));

  rsk_classification simple, trad;
  classify(s_heading, s_body, &simple);
  classify(t_heading, t_body, &trad);
  g_autofree char *s_tags = tags_and_regulations_string(&simple);
  g_autofree char *t_tags = tags_and_regulations_string(&trad);
  print_message("  simplified:  %s\n  traditional: %s\n", s_tags, t_tags);
  assert_string_equal(t_tags, s_tags);
  assert_non_null(rsk_classification_find(&trad, category));
  if (regulation)
    assert_true(cites(&trad, regulation));
  assert_true(check_evidence(&trad, t_heading, t_body) > 0);
  check_evidence(&simple, s_heading, s_body);
  rsk_classification_clear(&simple);
  rsk_classification_clear(&trad);
}

/* The evidence in RESULT whose text is TEXT, or NULL. */
static const rsk_evidence *evidence_with_text(const rsk_classification *result,
                                              const char *text)
{
  for (guint i = 0; i < result->tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, i);
    for (guint k = 0; k < tag->evidence->len; k++) {
      const rsk_evidence *ev = &g_array_index(tag->evidence, rsk_evidence, k);
      if (strcmp(ev->text, text) == 0)
        return ev;
    }
  }
  return NULL;
}

static void generative_ai_measures_in_traditional_script_are_cited(void **state)
{
  (void)state;
  expect_twins(
      "我们须遵守《生成式人工智能服务管理暂行办法》，未能履行安全评估及备案义务可能导致我们的服务"
      "被暂停。",
      "根据《生成式人工智能服务管理暂行办法》，提供具有舆论属性或者社会动员能力的生成式人工智能服务"
      "的，应当按照国家有关规定开展安全评估，并履行算法备案手续。我们的主要模型已完成大模型备案，但新"
      "上线的模型及功能仍须完成备案或登记。\n如果我们未能及时完成备案，我们可能被责令暂停提供相关服务。",
      "我們須遵守《生成式人工智能服務管理暫行辦法》，未能履行安全評估及備案義務可能導致我們的服務"
      "被暫停。",
      "根據《生成式人工智能服務管理暫行辦法》，提供具有輿論屬性或者社會動員能力的生成式人工智能服務"
      "的，應當按照國家有關規定開展安全評估，並履行算法備案手續。我們的主要模型已完成大模型備案，但新"
      "上線的模型及功能仍須完成備案或登記。\n如果我們未能及時完成備案，我們可能被責令暫停提供相關服務。",
      "ai.filing_assessment", "CN-GENAI");
}

static void evidence_is_the_traditional_text_at_its_offsets(void **state)
{
  (void)state;
  const char *heading = "我們須遵守《生成式人工智能服務管理暫行辦法》";
  const char *body = "我們的算法須向國家互聯網信息辦公室備案。";
  rsk_classification result;
  classify(heading, body, &result);
  assert_true(cites(&result, "CN-GENAI"));
  assert_true(cites(&result, "CN-CAC"));
  const rsk_evidence *ev = evidence_with_text(&result, "生成式人工智能服務管理暫行辦法");
  assert_non_null(ev);
  assert_true(ev->in_heading);
  assert_int_equal(ev->offset, strlen("我們須遵守《"));
  assert_int_equal(ev->length, strlen(ev->text));
  ev = evidence_with_text(&result, "算法須向國家互聯網信息辦公室備案");
  assert_non_null(ev);
  assert_false(ev->in_heading);
  assert_int_equal(ev->offset, strlen("我們的"));
  assert_int_equal(ev->length, strlen(ev->text));
  rsk_classification_clear(&result);
}

static void algorithm_filing_with_the_cac_in_traditional_script_is_tagged(void **state)
{
  (void)state;
  expect_twins("我们的算法须向国家互联网信息办公室备案。",
               "如未能及时完成备案，我们可能被责令暂停相关服务。",
               "我們的算法須向國家互聯網信息辦公室備案。",
               "如未能及時完成備案，我們可能被責令暫停相關服務。",
               "ai.filing_assessment", "CN-CAC");
}

static void taiwan_and_hong_kong_word_for_algorithm_is_matched(void **state)
{
  (void)state;
  expect_twins("我们的演算法须向国家互联网信息办公室备案。",
               "如未能及时完成演算法备案，我们可能被责令暂停相关服务。",
               "我們的演算法須向國家互聯網信息辦公室備案。",
               "如未能及時完成演算法備案，我們可能被責令暫停相關服務。",
               "ai.filing_assessment", "CN-CAC");
}

static void personal_information_protection_law_in_traditional_script_is_cited(void **state)
{
  (void)state;
  expect_twins("我们须遵守《个人信息保护法》，任何违规均可能导致重大处罚。",
               "《个人信息保护法》规定处理个人信息应当取得个人同意，处理敏感个人信息应当取得单独同意。",
               "我們須遵守《個人信息保護法》，任何違規均可能導致重大處罰。",
               "《個人信息保護法》規定處理個人信息應當取得個人同意，處理敏感個人信息應當取得單獨同意。",
               "data.privacy", "CN-PIPL");
}

static void hong_kong_personal_data_is_privacy(void **state)
{
  (void)state;
  expect_twins("我们收集及处理大量个人资料，须遵守有关个人资料保护的法律法规。",
               "香港《个人资料（私隐）条例》规定资料使用者须采取切实可行的步骤保障个人资料，违反规定可被"
               "处以罚款。",
               "我們收集及處理大量個人資料，須遵守有關個人資料保護的法律法規。",
               "香港《個人資料（私隱）條例》規定資料使用者須採取切實可行的步驟保障個人資料，違反規定可被"
               "處以罰款。",
               "data.privacy", "HK-PDPO");
  expect_twins("我们可能因泄露用户的个人资料而承担责任。", "",
               "我們可能因洩露用戶的個人資料而承擔責任。", "", "data.privacy", NULL);
}

static void overseas_listing_trial_measures_in_traditional_script_are_cited(void **state)
{
  (void)state;
  expect_twins(
      "根据《境内企业境外发行证券和上市管理试行办法》，[编纂]须向中国证监会备案。",
      "中国证监会于2023年2月发布《境内企业境外发行证券和上市管理试行办法》，自2023年3月31日起施行。"
      "根据该办法，我们须于提交[编纂]申请后三个工作日内向中国证监会备案。\n我们无法保证能够及时完成"
      "备案。如未能完成备案，[编纂]可能被延迟或无法进行。",
      "根據《境內企業境外發行證券和上市管理試行辦法》，[編纂]須向中國證監會備案。",
      "中國證監會於2023年2月發佈《境內企業境外發行證券和上市管理試行辦法》，自2023年3月31日起施行。"
      "根據該辦法，我們須於提交[編纂]申請後三個工作日內向中國證監會備案。\n我們無法保證能夠及時完成"
      "備案。如未能完成備案，[編纂]可能被延遲或無法進行。",
      "listing.china_oversight", "CN-CSRC-FILING");
}

static void hong_kong_sfc_is_not_the_csrc(void **state)
{
  (void)state;
  rsk_classification result;
  classify("聯交所及證監會可能不批准[編纂]，或要求我們修訂本文件。",
           "香港證監會可能就本文件提出意見，[編纂]可能因此延遲。", &result);
  assert_null(rsk_classification_find(&result, "listing.china_oversight"));
  rsk_classification_clear(&result);
  classify("我們須於提交[編纂]申請後三個工作日內向證監會備案。", "", &result);
  assert_non_null(rsk_classification_find(&result, "listing.china_oversight"));
  rsk_classification_clear(&result);
}

static void entity_list_and_chips_in_traditional_script_are_tagged(void **state)
{
  (void)state;
  /* 晶片 is Hong Kong's word for 芯片. */
  expect_twins("我们依赖有限数量的供应商提供算力，而美国出口管制可能限制我们获得先进芯片。",
               "我们训练及运行大模型依赖高性能图形处理器等算力资源。美国商务部自2022年10月起对向中国"
               "出口先进计算芯片实施出口管制，并将多家中国实体列入实体清单。",
               "我們依賴有限數量的供應商提供算力，而美國出口管制可能限制我們獲得先進晶片。",
               "我們訓練及運行大模型依賴高性能圖形處理器等算力資源。美國商務部自2022年10月起對向中國"
               "出口先進計算晶片實施出口管制，並將多家中國實體列入實體清單。",
               "trade.sanctions_lists", "US-ENTITY-LIST");
}

static void labeling_measures_in_traditional_script_are_cited(void **state)
{
  (void)state;
  expect_twins("根据《人工智能生成合成内容标识办法》，我们须对生成内容添加显式标识及隐式标识。",
               "《人工智能生成合成内容标识办法》自2025年9月1日起施行，要求服务提供者对文本、音频、图片"
               "及视频等生成合成内容添加显式标识，并在文件元数据中添加隐式标识。",
               "根據《人工智能生成合成內容標識辦法》，我們須對生成內容添加顯式標識及隱式標識。",
               "《人工智能生成合成內容標識辦法》自2025年9月1日起施行，要求服務提供者對文本、音頻、圖片"
               "及視頻等生成合成內容添加顯式標識，並在文件元數據中添加隱式標識。",
               "ai.labeling_transparency", "CN-LABEL");
}

static void minors_rules_in_traditional_script_are_cited(void **state)
{
  (void)state;
  expect_twins("我们的产品须遵守《未成年人网络保护条例》，并设置未成年人模式及防沉迷措施。", "",
               "我們的產品須遵守《未成年人網絡保護條例》，並設置未成年人模式及防沉迷措施。", "",
               "ai.minors_dependence", "CN-MINORS");
}

static void data_security_and_cybersecurity_review_in_traditional_script_are_cited(void **state)
{
  (void)state;
  expect_twins("我们须遵守《数据安全法》及《网络安全审查办法》，赴境外上市前可能须申报网络安全审查。",
               "《数据安全法》建立了数据分类分级保护制度，要求重要数据处理者开展风险评估。",
               "我們須遵守《數據安全法》及《網絡安全審查辦法》，赴境外上市前可能須申報網絡安全審查。",
               "《數據安全法》建立了數據分類分級保護制度，要求重要數據處理者開展風險評估。",
               "data.security_transfer", "CN-CSR");
}

static void content_control_and_output_risk_in_traditional_script_are_tagged(void **state)
{
  (void)state;
  expect_twins("我们的模型可能生成不准确、有害或违法的内容，可能损害我们的声誉并使我们承担法律责任。",
               "大模型可能产生幻觉，生成不准确或具有误导性的内容，亦可能被用户滥用以生成违法和不良信息。"
               "尽管我们已建立内容审核机制，我们无法保证能够及时识别及删除所有违法内容。",
               "我們的模型可能生成不準確、有害或違法的內容，可能損害我們的聲譽並使我們承擔法律責任。",
               "大模型可能產生幻覺，生成不準確或具有誤導性的內容，亦可能被用戶濫用以生成違法和不良信息。"
               "儘管我們已建立內容審核機制，我們無法保證能夠及時識別及刪除所有違法內容。",
               "ai.content_control", NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(fold_table_is_sorted_without_duplicate_keys),
    cmocka_unit_test(every_fold_pair_is_three_bytes_on_both_sides),
    cmocka_unit_test(folding_keeps_the_length_and_every_other_byte),
    cmocka_unit_test(the_taxonomy_is_written_in_simplified_characters),
    cmocka_unit_test(generative_ai_measures_in_traditional_script_are_cited),
    cmocka_unit_test(evidence_is_the_traditional_text_at_its_offsets),
    cmocka_unit_test(algorithm_filing_with_the_cac_in_traditional_script_is_tagged),
    cmocka_unit_test(taiwan_and_hong_kong_word_for_algorithm_is_matched),
    cmocka_unit_test(personal_information_protection_law_in_traditional_script_is_cited),
    cmocka_unit_test(hong_kong_personal_data_is_privacy),
    cmocka_unit_test(overseas_listing_trial_measures_in_traditional_script_are_cited),
    cmocka_unit_test(hong_kong_sfc_is_not_the_csrc),
    cmocka_unit_test(entity_list_and_chips_in_traditional_script_are_tagged),
    cmocka_unit_test(labeling_measures_in_traditional_script_are_cited),
    cmocka_unit_test(minors_rules_in_traditional_script_are_cited),
    cmocka_unit_test(data_security_and_cybersecurity_review_in_traditional_script_are_cited),
    cmocka_unit_test(content_control_and_output_risk_in_traditional_script_are_tagged),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
