/* test_heldout.c - held-out checks on Hong Kong-prospectus-style risk factors
 *
 * The taxonomy was tuned on six U.S. 10-Ks and one fictional prospectus.
 * These paragraphs were written separately, from DOMAIN.md (the regimes,
 * their names in English and Chinese, and the ambiguous words), in the way
 * Hong Kong prospectuses of Chinese AI companies word their risk factors.
 * Each case states the tags that must appear (with their LABELING.md
 * strength) and the tags that must not: the second list is where the trap
 * words ("filing", "security assessment", "content", "registration") live.
 *
 * Each case is one call: expect_tags(section, heading, body, must, must_not).
 * MUST is "category=P category=S ..."; MUST_NOT is "category category ...".
 * Tags outside both lists are not checked (a risk factor may carry more).
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "classifier.h"
#include "taxonomy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static const char CHINA[] = "RISKS RELATING TO DOING BUSINESS IN CHINA";
static const char BUSINESS[] = "RISKS RELATING TO OUR BUSINESS AND INDUSTRY";

/* Classifies one risk factor (SECTION is context only, LABELING.md) and
 * checks MUST and MUST_NOT; on failure prints what the classifier gave. */
static void expect_tags(const char *section, const char *heading, const char *body,
                        const char *must, const char *must_not)
{
  rsk_risk_factor risk = {
    .ordinal = 1, .section = section, .heading = heading,
    .body = body, .page_start = 1, .page_end = 1,
  };
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify(builtin, NULL, &risk, &result);
  g_autofree char *got = tags_string(&result);
  gboolean ok = TRUE;

  g_auto(GStrv) wanted = g_strsplit(must, " ", -1);
  for (char **w = wanted; *w; w++) {
    if (!**w)
      continue;
    g_auto(GStrv) kv = g_strsplit(*w, "=", 2);
    const rsk_tag *tag = rsk_classification_find(&result, kv[0]);
    if (!tag || (kv[1] && tag->strength != kv[1][0])) {
      fprintf(stderr, "missing or wrong strength: %s\n", *w);
      ok = FALSE;
    }
  }
  g_auto(GStrv) banned = g_strsplit(must_not, " ", -1);
  for (char **b = banned; *b; b++) {
    if (**b && rsk_classification_find(&result, *b)) {
      fprintf(stderr, "unexpected tag: %s\n", *b);
      ok = FALSE;
    }
  }
  if (!ok)
    fprintf(stderr, "heading: %s\ngot: \"%s\"\n", heading, got);
  rsk_classification_clear(&result);
  assert_true(ok);
}

/* ------------------------------------------------------------------ */

static void csrc_filing_under_trial_measures_is_listing_oversight_not_ai_filing(void **state)
{
  (void)state;
  expect_tags(CHINA,
    "We are required to complete filing procedures with the China Securities Regulatory "
    "Commission in connection with the Global Offering, and we cannot assure you that we "
    "will be able to maintain such filing or obtain other approvals for future offerings.",
    "On February 17, 2023, the CSRC promulgated the Trial Administrative Measures of "
    "Overseas Securities Offering and Listing by Domestic Companies, effective March 31, "
    "2023. Under the Trial Measures, a domestic company that seeks to offer or list "
    "securities overseas, directly or indirectly, shall complete filing procedures with "
    "the CSRC within three working days after its application for listing is submitted. "
    "Our PRC Legal Adviser has advised that we are required to file with the CSRC.\n"
    "We submitted the filing report on the application for the full circulation of our "
    "Unlisted Shares. If we fail to complete the filing, or if the filing is rescinded, "
    "we may be subject to warnings and fines, and our ability to raise funds outside "
    "mainland China could be restricted.",
    "listing.china_oversight=P",
    "ai.filing_assessment data.security_transfer data.privacy trade.sanctions_lists");
}

static void chinese_csrc_filing_is_listing_oversight_not_ai_filing(void **state)
{
  (void)state;
  expect_tags("与在中国开展业务有关的风险",
    "本次全球发售须向中国证监会备案，我们无法保证能够及时完成备案。",
    "根据《境内企业境外发行证券和上市管理试行办法》，境内企业直接或间接境外发行上市的，"
    "应当在境外提交上市申请文件后三个工作日内向中国证监会备案。"
    "我们已就H股全流通提交备案申请。如我们未能及时完成备案或备案被撤销，"
    "我们可能被责令改正、给予警告并处以罚款，本次全球发售可能被推迟或无法完成。",
    "listing.china_oversight=P", "ai.filing_assessment data.security_transfer");
}

static void chinese_algorithm_filing_risk_is_primary_ai_filing(void **state)
{
  (void)state;
  expect_tags("与我们的业务及行业有关的风险",
    "我们的算法推荐服务及深度合成服务须履行算法备案手续，如未能及时完成或变更备案，"
    "我们可能受到处罚。",
    "根据《互联网信息服务算法推荐管理规定》，具有舆论属性或者社会动员能力的算法推荐服务"
    "提供者应当在提供服务之日起十个工作日内通过互联网信息服务算法备案系统履行备案手续。"
    "备案信息发生变更的，应当在变更之日起十个工作日内办理变更手续。\n"
    "截至最后实际可行日期，我们已就个性化推荐算法及三项深度合成算法完成备案。"
    "如国家网信办认为我们的算法未按规定备案，我们可能被警告、通报批评、责令限期改正，"
    "并可能被责令暂停信息更新。",
    "ai.filing_assessment=P ai.regulation_general",
    "listing.china_oversight data.security_transfer trade.export_controls");
}

static void large_model_filing_and_security_assessment_gate_the_launch(void **state)
{
  (void)state;
  expect_tags(BUSINESS,
    "If we fail to complete the large model filing and security assessment required for "
    "our generative AI services in a timely manner, we may be unable to launch new models.",
    "Under the Interim Measures for the Management of Generative Artificial Intelligence "
    "Services, providers of generative AI services with public opinion attributes or "
    "social mobilization capacity must conduct a security assessment and complete "
    "algorithm filing with the Cyberspace Administration of China. Applications that "
    "call a model which has been filed through an API must complete registration with "
    "the provincial cyberspace authority. Each filing is reviewed against the Basic "
    "Security Requirements for Generative Artificial Intelligence Services, and the "
    "review has typically taken three to six months.\n"
    "We display the filing number of each model in our products as required.",
    "ai.filing_assessment=P ai.regulation_general",
    "listing.china_oversight data.security_transfer trade.investment_restrictions");
}

static void companion_ai_under_human_like_interactive_measures(void **state)
{
  (void)state;
  expect_tags(BUSINESS,
    "Our AI companion products are subject to the interim measures on anthropomorphic "
    "interactive AI services, and compliance may reduce user engagement.",
    "In April 2026, the CAC and four other authorities issued the Interim Measures for the "
    "Administration of Human-like Interactive Artificial Intelligence Services, effective "
    "July 15, 2026. Providers must prominently notify users that they are interacting "
    "with artificial intelligence and not a natural person, remind users to stop after "
    "two hours of continuous use, and identify signs of over-dependence or addiction.\n"
    "Where a user expresses an intention of self-harm, providers must intervene and "
    "contact the user's guardian or emergency contact. Providers must offer a minors "
    "mode and obtain guardian consent, and may not offer virtual relative services to "
    "minors or elderly users.\n"
    "Providers must also complete algorithm filing and conduct a security assessment when "
    "a service reaches one million registered users.",
    "ai.minors_dependence=P ai.regulation_general ai.labeling_transparency=S "
    "ai.filing_assessment=S",
    "listing.china_oversight data.security_transfer trade.export_controls");
}

static void chinese_content_gatekeeper_risk_is_content_control(void **state)
{
  (void)state;
  expect_tags("与我们的业务及行业有关的风险",
    "我们须对用户输入及模型生成的内容进行审核，如未能有效防范违法和不良信息，"
    "我们可能受到处罚甚至被暂停服务。",
    "根据《生成式人工智能服务管理暂行办法》，生成式人工智能服务提供者应当依法承担网络信息内容"
    "生产者责任，提供和使用生成式人工智能服务应当坚持社会主义核心价值观。"
    "提供者发现违法内容的，应当及时采取停止生成、停止传输、消除等处置措施，"
    "并向有关主管部门报告。\n"
    "我们已建立内容安全团队及关键词库，但由于生成内容的数量巨大，我们无法保证能够识别"
    "并删除所有违法信息。",
    "ai.content_control=P", "data.security_transfer listing.china_oversight");
}

static void outbound_data_security_assessment_is_data_transfer_not_ai_filing(void **state)
{
  (void)state;
  expect_tags(CHINA,
    "PRC rules on outbound data transfer may restrict our use of overseas cloud computing "
    "resources and our ability to serve users outside mainland China.",
    "Under the Measures on Security Assessment of Outbound Data Transfer and the "
    "Provisions on Promoting and Regulating Cross-Border Data Flows, a data processor "
    "that provides important data, or personal information of more than one million "
    "individuals, to recipients outside the PRC must apply to the Cyberspace "
    "Administration of China for a security assessment. Smaller transfers require a "
    "standard contract or a personal information protection certification.\n"
    "Our research teams in Singapore use logs generated by our services in China. If the "
    "CAC considers such use an outbound transfer of important data, we may have to "
    "suspend it and restructure our operations.",
    "data.security_transfer=P",
    "ai.filing_assessment listing.china_oversight trade.export_controls");
}

static void cybersecurity_law_content_duty_is_not_data_security(void **state)
{
  (void)state;
  expect_tags(BUSINESS,
    "We may be held liable for information posted on our platforms.",
    "Our users publish prompts, images and videos on our community platform. Under the "
    "Cybersecurity Law, a network operator that discovers prohibited information must "
    "stop its transmission, remove it, keep records and report to the authorities. "
    "The amendment to the Cybersecurity Law effective January 1, 2026 raises the fines "
    "for failing to handle prohibited information.",
    "ai.content_control=S", "data.security_transfer ai.filing_assessment");
}

static void regulatory_overview_paragraph_with_trap_words_gets_no_tag(void **state)
{
  (void)state;
  expect_tags("REGULATORY OVERVIEW",
    "Regulations on Foreign Exchange and Dividend Distribution",
    "Under the Company Law, a company must complete its registration with the competent "
    "branch of SAMR, and changes in its registered capital require a filing. Our PRC "
    "subsidiaries file annual tax filings with the local tax bureau and make minor "
    "changes to their business scope from time to time.\n"
    "Overseas direct investment by a PRC enterprise requires an ODI filing with the NDRC "
    "and MOFCOM and registration with a bank under SAFE rules. Our listed company "
    "peers in Hong Kong follow a similar business model. The contents of this document "
    "are subject to the Companies (Winding Up and Miscellaneous Provisions) Ordinance.",
    "",
    "ai.filing_assessment ai.content_control ai.minors_dependence trade.sanctions_lists "
    "trade.investment_restrictions listing.china_oversight data.security_transfer "
    "ai.regulation_general");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(csrc_filing_under_trial_measures_is_listing_oversight_not_ai_filing),
    cmocka_unit_test(chinese_csrc_filing_is_listing_oversight_not_ai_filing),
    cmocka_unit_test(chinese_algorithm_filing_risk_is_primary_ai_filing),
    cmocka_unit_test(large_model_filing_and_security_assessment_gate_the_launch),
    cmocka_unit_test(companion_ai_under_human_like_interactive_measures),
    cmocka_unit_test(chinese_content_gatekeeper_risk_is_content_control),
    cmocka_unit_test(outbound_data_security_assessment_is_data_transfer_not_ai_filing),
    cmocka_unit_test(cybersecurity_law_content_duty_is_not_data_security),
    cmocka_unit_test(regulatory_overview_paragraph_with_trap_words_gets_no_tag),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
