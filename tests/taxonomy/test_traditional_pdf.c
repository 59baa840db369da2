/* test_traditional_pdf.c - a traditional-script Chinese PDF tags like its
 * simplified twin
 *
 * The fixture 星维智能 (fixtures/xingwei_zh.c) prints its risk factors in
 * simplified characters in both scripts' layouts. Here the same risk
 * factors are written in traditional characters, as a Hong Kong Chinese
 * version prints them (with Hong Kong's 晶片 for 芯片), set in the
 * traditional layout (風險因素), extracted, segmented and tagged; every risk
 * factor must get the tags and regulations of its simplified twin in the
 * simplified document, and evidence is the text as printed. Skips without
 * the CJK font (fonts-wqy-microhei).
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "classifier.h"
#include "fixtures.h"
#include "hanzi_fold.h"
#include "document.h"
#include "segment.h"
#include "taxonomy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *const t_history[] = {
  "我們於2019年成立，自2023年起才開始大規模商業化我們的大模型產品。由於經營歷史有限，投資者可能"
  "難以評估我們的未來表現。",
  "人工智能行業技術迭代迅速。如果我們未能及時推出具有競爭力的新模型，我們的收入及市場份額可能下降。",
  NULL,
};

static const char *const t_output[] = {
  "大模型可能產生幻覺，生成不準確或具有誤導性的內容，亦可能被用戶濫用以生成違法和不良信息。儘管我們"
  "已建立內容審核機制，我們無法保證能夠及時識別及刪除所有違法內容。",
  "任何該等事件均可能導致監管處罰、用戶流失及聲譽受損。",
  NULL,
};

static const char *const t_training[] = {
  "我們的訓練數據包括公開可得的網絡數據、獲授權的數據及合成數據。如果訓練數據的來源被認定為不合法，"
  "或權利人主張我們的訓練活動侵犯其著作權，我們可能需要支付賠償、刪除相關數據或重新訓練模型。",
  NULL,
};

static const char *const t_compute[] = {
  "我們訓練及運行大模型依賴高性能圖形處理器等算力資源。美國商務部自2022年10月起對向中國出口先進"
  "計算晶片實施出口管制，並將多家中國實體列入實體清單。",
  "如果我們無法以合理成本獲得足夠算力，我們的模型研發及服務可能受到延誤。",
  NULL,
};

static const char *const t_genai[] = {
  "根據《生成式人工智能服務管理暫行辦法》，提供具有輿論屬性或者社會動員能力的生成式人工智能服務的，"
  "應當按照國家有關規定開展安全評估，並履行算法備案手續。我們的主要模型已完成大模型備案，但新上線的"
  "模型及功能仍須完成備案或登記。",
  "如果我們未能及時完成備案，我們可能被責令暫停提供相關服務。",
  NULL,
};

static const char *const t_algorithm[] = {
  "《互聯網信息服務算法推薦管理規定》要求算法推薦服務提供者落實算法安全主體責任，向用戶告知算法推薦"
  "服務的基本原理，並提供關閉算法推薦服務的選項。具有輿論屬性或者社會動員能力的算法推薦服務提供者"
  "應當履行算法備案手續。",
  "違反該等規定可能導致警告、通報批評及罰款。",
  NULL,
};

static const char *const t_labels[] = {
  "《人工智能生成合成內容標識辦法》自2025年9月1日起施行，要求服務提供者對文本、音頻、圖片及視頻等"
  "生成合成內容添加顯式標識，並在文件元數據中添加隱式標識。",
  "落實該等要求需要我們修改產品並增加成本，且可能降低用戶體驗。",
  NULL,
};

static const char *const t_privacy[] = {
  "《個人信息保護法》規定處理個人信息應當取得個人同意，處理敏感個人信息應當取得單獨同意，並對個人"
  "信息出境設定了安全評估、標準合同等條件。《數據安全法》建立了數據分類分級保護制度，要求重要數據"
  "處理者開展風險評估。",
  "違反該等法律可能被處以最高人民幣五千萬元或上一年度營業額百分之五的罰款。",
  NULL,
};

static const char *const t_csrc[] = {
  "中國證監會於2023年2月發佈《境內企業境外發行證券和上市管理試行辦法》，自2023年3月31日起施行。根據"
  "該辦法，我們須於提交[編纂]申請後三個工作日內向中國證監會備案。",
  "我們無法保證能夠及時完成備案。如未能完成備案，[編纂]可能被延遲或無法進行。",
  NULL,
};

static const char *const t_market[] = {
  "於[編纂]前，我們的H股並無公開市場。我們無法保證H股於[編纂]後將形成或維持活躍的交易市場，H股的"
  "市價可能大幅波動。",
  NULL,
};

/* The labels are those of the simplified fixture. */
static const rsk_fx_risk t_business[] = {
  {"我們的經營歷史有限，且所處行業發展迅速，難以評估我們的業務及前景。", "", t_history},
  {"我們的模型可能生成不準確、有害或違法的內容，可能損害我們的聲譽並使我們承擔法律責任。",
   "ai.output_risk:P ai.content_control:S", t_output},
  {"我們用於訓練模型的數據可能涉及知識產權侵權或數據來源不合法的指控。",
   "ai.training_data_ip:P", t_training},
  {"我們依賴有限數量的供應商提供算力，而美國出口管制可能限制我們獲得先進晶片。",
   "trade.export_controls:P trade.sanctions_lists:S", t_compute},
};

static const rsk_fx_risk t_china[] = {
  {"我們須遵守《生成式人工智能服務管理暫行辦法》，未能履行安全評估及備案義務可能導致我們的服務被暫停。",
   "ai.filing_assessment:P ai.regulation_general:S", t_genai},
  {"《互聯網信息服務算法推薦管理規定》對我們的算法推薦服務施加了多項義務。",
   "ai.filing_assessment:P ai.regulation_general:S", t_algorithm},
  {"根據《人工智能生成合成內容標識辦法》，我們須對生成內容添加顯式標識及隱式標識。",
   "ai.labeling_transparency:P", t_labels},
  {"我們須遵守《個人信息保護法》及《數據安全法》，任何違規均可能導致重大處罰。",
   "data.privacy:P data.security_transfer:S", t_privacy},
  {"根據《境內企業境外發行證券和上市管理試行辦法》，[編纂]須向中國證監會備案。",
   "listing.china_oversight:P", t_csrc},
};

static const rsk_fx_risk t_offering[] = {
  {"我們的H股過往並無公開市場，H股的流動性及市價可能波動。", "", t_market},
};

static const rsk_fx_group t_groups[] = {
  {"與我們的業務及行業有關的風險", t_business, G_N_ELEMENTS(t_business)},
  {"與在中國開展業務有關的風險", t_china, G_N_ELEMENTS(t_china)},
  {"與[編纂]有關的風險", t_offering, G_N_ELEMENTS(t_offering)},
};

static const char *const t_overview[] = {
  "我們是中國領先的生成式人工智能公司，提供通用大模型及基於大模型的應用。",
  NULL,
};

static const char *const t_intro[] = {
  "閣下在投資[編纂]前，應審慎考慮本文件所載的所有資料，包括下文所述的風險及不確定因素。",
  NULL,
};

static const rsk_fx_doc traditional_doc = {
  .layout = RSK_FX_HK_HANT,
  .company = "星維智能科技股份有限公司",
  .doc_name = "xingwei_ap_hant_risks.pdf",
  .incorporation = "（於中華人民共和國註冊成立的股份有限公司）",
  .overview = t_overview,
  .risk_intro = t_intro,
  .groups = t_groups,
  .n_groups = G_N_ELEMENTS(t_groups),
};

static int setup(void **state)
{
  (void)state;
  builtin = rsk_taxonomy_load(NULL, NULL);
  return builtin ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  rsk_taxonomy_free(builtin);
  cairo_debug_reset_static_data();
  FcFini();
  return 0;
}

/* Generates DOC in DIR, reads and segments it. */
static rsk_filing *generate_and_segment(const rsk_fx_doc *doc, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename(dir, doc->doc_name, NULL);
  rsk_fx_options options;
  rsk_fx_options_init(&options);
  options.split_heading = FALSE;
  rsk_fx_truth *truth = rsk_fx_generate(doc, &options, path, &error);
  assert_non_null(truth);
  rsk_document *pdf = rsk_document_open(path, NULL, &error);
  assert_non_null(pdf);
  rsk_filing *filing = rsk_filing_new(path);
  assert_true(rsk_document_read(pdf, 1, 0, 2, filing, &error));
  rsk_document_free(pdf);
  rsk_segment(filing);
  assert_int_equal(filing->risks->len, truth->risks->len);
  rsk_fx_truth_free(truth);
  g_unlink(path);
  return filing;
}

/* Checks that every evidence of RESULT is RISK's text at its offsets;
 * returns how many are in traditional characters. */
static guint check_evidence(const rsk_risk_factor *risk, const rsk_classification *result)
{
  guint traditional = 0;
  for (guint i = 0; i < result->tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, i);
    for (guint k = 0; k < tag->evidence->len; k++) {
      const rsk_evidence *ev = &g_array_index(tag->evidence, rsk_evidence, k);
      const char *text = ev->in_heading ? risk->heading : risk->body;
      gsize n = strlen(ev->text);
      assert_true(ev->offset + n <= strlen(text));
      assert_memory_equal(text + ev->offset, ev->text, n);
      g_autofree char *folded = rsk_hanzi_fold(ev->text, n);
      traditional += folded ? 1 : 0;
    }
  }
  return traditional;
}

static void traditional_risk_factors_tag_like_their_simplified_twins(void **state)
{
  (void)state;
  if (!rsk_fx_cjk_font_available()) {
    print_message("SKIP: no CJK font (install fonts-wqy-microhei)\n");
    skip();
  }
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("rsk-traditional-XXXXXX", &error);
  assert_non_null(dir);
  rsk_filing *simple = generate_and_segment(&rsk_xingwei_hans_doc, dir);
  rsk_filing *trad = generate_and_segment(&traditional_doc, dir);
  g_rmdir(dir);
  assert_int_equal(trad->risks->len, simple->risks->len);

  guint tagged = 0, traditional_evidence = 0;
  for (guint i = 0; i < trad->risks->len; i++) {
    const rsk_risk_factor *s = &g_array_index(simple->risks, rsk_risk_factor, i);
    const rsk_risk_factor *t = &g_array_index(trad->risks, rsk_risk_factor, i);
    g_autofree char *folded = rsk_hanzi_fold(t->heading, strlen(t->heading));
    assert_non_null(folded);   /* printed in traditional characters */
    rsk_classification rs, rt;
    rsk_classification_init(&rs);
    rsk_classification_init(&rt);
    rsk_classify(builtin, simple, s, &rs);
    rsk_classify(builtin, trad, t, &rt);
    g_autofree char *s_tags = tags_and_regulations_string(&rs);
    g_autofree char *t_tags = tags_and_regulations_string(&rt);
    print_message("#%u %s\n  simplified:  %s\n  traditional: %s\n", t->ordinal, t->heading,
                  s_tags, t_tags);
    assert_string_equal(t_tags, s_tags);
    tagged += rt.tags->len ? 1 : 0;
    traditional_evidence += check_evidence(t, &rt);
    rsk_classification_clear(&rs);
    rsk_classification_clear(&rt);
  }
  assert_int_equal(tagged, 8);   /* all but the history and the market risks */
  assert_true(traditional_evidence >= 8);
  rsk_filing_free(simple);
  rsk_filing_free(trad);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(traditional_risk_factors_tag_like_their_simplified_twins),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
