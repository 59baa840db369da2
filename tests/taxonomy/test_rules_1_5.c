/* test_rules_1_5.c - the wording classes added in taxonomy 1.5.0, mostly
 * secondary mentions that one sentence makes specific
 *
 * As in test_rules.c, each class is tested with a sentence worded the way
 * filings word it, which must tag, and a near miss with the same words out
 * of their sense, which must not. assert_tags() lists every tag expected
 * ("" = none); assert_no_tag() checks one category only, where another
 * category rightly fires on the near miss.
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const char *const risk = "Our business faces risks.";

/* ------------------------------------------------------------------ */
/* ai.training_data_ip                                                 */

static void work_made_with_ai_that_copyright_may_not_protect(void **state)
{
  (void)state;
  assert_tags(risk, "If we use generative AI in the creation of our source code, we may not "
                "be able to rely on copyright to protect it.", "ai.training_data_ip=S");
  assert_tags(risk, "We use generative AI to create marketing copy, and our lawyers review it "
                "for accuracy.", "");
}

static void models_a_regulator_orders_deleted_or_disgorged(void **state)
{
  (void)state;
  assert_tags(risk, "The FTC has required other companies to delete algorithms developed with "
                "data obtained in violation of the law.", "ai.training_data_ip=S");
  assert_tags(risk, "The SEC may require us to disgorge profits, and we may retire models we no "
                "longer need.", "");
}

static void what_a_model_is_trained_on_under_a_licence(void **state)
{
  (void)state;
  assert_tags(risk, "Our AI is trained on data sets that may include software subject to open "
                "source licenses.", "ai.training_data_ip=S");
  assert_tags(risk, "Our AI is trained on public data sets, and our staff are trained on its "
                "use.", "");
}

static void outputs_of_models_under_licence_terms(void **state)
{
  (void)state;
  assert_tags(risk, "The outputs of our AI models may be subject to open source license "
                "restrictions.", "ai.training_data_ip=S");
  assert_tags(risk, "The outputs of our AI models depend on the quality of the prompts users "
                "write.", "");
}

static void ip_law_on_ai_is_unsettled(void **state)
{
  (void)state;
  assert_tags(risk, "The intellectual property rights surrounding AI have not been fully "
                "addressed by courts or legislators.", "ai.training_data_ip=S");
  assert_tags(risk, "We hold patents surrounding AI that we filed in ten countries.", "");
}

static void ownership_of_what_ai_helped_create(void **state)
{
  (void)state;
  assert_tags(risk, "We may be unable to defend ownership rights in intellectual property created "
                "with the assistance of AI tools.", "ai.training_data_ip=S");
  /* A list item "AI-generated content" does not reach "copyright" across
   * the other items. */
  assert_no_tag(risk, "Proposals would impose obligations on platforms for AI-generated content, "
                  "counterfeit goods and copyright-infringing material.", "ai.training_data_ip");
}

/* ------------------------------------------------------------------ */
/* ai.labeling_transparency                                            */

static void laws_requiring_training_data_sources_disclosed(void **state)
{
  (void)state;
  assert_tags(risk, "New state laws require companies to disclose the sources of training data "
                "used for AI systems.",
                "ai.regulation_general=S ai.training_data_ip=S ai.labeling_transparency=S");
  assert_tags(risk, "Our engineers document the sources of training data so that models can be "
                "retrained.", "");
}

/* ------------------------------------------------------------------ */
/* ai.output_risk                                                      */

static void others_using_ai_to_make_harmful_content(void **state)
{
  (void)state;
  /* Inside a run of qualities ("misleading, deceptive or ...") the match
   * still ends in a long item, so it is not a mention. */
  assert_tags(risk, "Our brands may be harmed by uses of our products, particularly our AI "
                "offerings, in ways out of our control, such as to create or disseminate content "
                "that is deemed to be misleading, deceptive or intended to manipulate, or for "
                "illicit, objectionable or illegal ends.", "ai.output_risk=S");
  assert_tags(risk, "Customers make uses of our AI tools to generate images for their marketing "
                "campaigns.", "");
}

static void output_that_is_inaccurate_or_defamatory(void **state)
{
  (void)state;
  assert_tags(risk, "Generative AI may produce content that is inaccurate or defamatory.",
                "ai.output_risk=S");
  assert_tags(risk, "Our newsletters contain content that is inaccurate at times, and our editors "
                "correct it.", "");
}

/* ------------------------------------------------------------------ */
/* ai.minors_dependence                                                */

static void limits_by_law_on_serving_users_under_an_age(void **state)
{
  (void)state;
  assert_tags(risk, "New laws may limit our ability to deliver ads to users under the age of 18.",
                "ai.minors_dependence=S");
  assert_tags(risk, "Gaming regulations prohibit persons under the age of 18 from entering our "
                "casinos.", "");
}

static void minors_data_under_an_order(void **state)
{
  (void)state;
  assert_tags(risk, "Regulators have sought a prohibition on our use of minors' data for "
                "commercial purposes.", "ai.minors_dependence=S");
  assert_tags(risk, "Regulations allow parents to open accounts for minors at our bank branches.",
                "");
}

static void youth_social_media_laws_and_wellbeing_claims(void **state)
{
  (void)state;
  assert_tags(risk, "New youth social media laws require us to verify ages and limit features.",
                "ai.minors_dependence=S");
  assert_tags(risk, "We have seen an increase in claims brought by younger users related to "
                "well-being issues.", "ai.minors_dependence=S");
  assert_tags(risk, "Younger users enjoy our products, and their well-being is important to us.",
                "");
}

/* ------------------------------------------------------------------ */
/* ai.content_control                                                  */

static void ordered_to_change_what_games_show(void **state)
{
  (void)state;
  assert_tags(risk, "Our games may be subject to further review by the authorities, and we may be "
                "required to modify the content of our games.", "ai.content_control=S");
  assert_tags(risk, "New food labelling regulations may require us to change the content of our "
                "products.", "");
}

/* ------------------------------------------------------------------ */
/* data.security_transfer                                              */

static void a_law_restricting_cross_border_transfer_in_a_list(void **state)
{
  (void)state;
  /* Transfer is the last of three items; the law is in the same match. */
  assert_tags(risk, "New laws restricting the collection, processing, or cross-border transfer of "
                "data could affect our ability to sell services.", "data.security_transfer=S");
  assert_tags(risk, "Our logistics business depends on the cross-border transfer of goods, and "
                "delays could harm it.", "");
}

static void duties_to_report_cybersecurity_incidents(void **state)
{
  (void)state;
  assert_tags(risk, "SEC rules require us to disclose material cybersecurity incidents on Form "
                "8-K within four business days.", "data.security_transfer=S");
  /* Telling affected people is breach notification: privacy law. */
  assert_tags(risk, "Laws require us to notify affected individuals of cybersecurity incidents "
                "involving their personal data.", "data.privacy=S");
}

static void rules_for_safeguarding_classified_information(void **state)
{
  (void)state;
  assert_tags(risk, "We must comply with legal obligations regarding the safeguarding of "
                "classified information under our government contracts.",
                "data.security_transfer=S");
  assert_tags(risk, "Our classified ads business must comply with advertising rules.", "");
}

/* ------------------------------------------------------------------ */
/* trade.*, listing.*                                                  */

static void bars_on_dealing_with_particular_parties(void **state)
{
  (void)state;
  assert_tags(risk, "The U.S. government has taken action to limit the ability of domestic "
                "companies to engage in commerce with certain foreign entities.",
                "trade.sanctions_lists=S");
  assert_tags(risk, "Our credit agreement limits transactions with certain persons who own more "
                "than 10% of our stock.", "");
  /* The verb before a determiner is not the "restricted entities" noun. */
  assert_tags(risk, "Some European regulators have restricted some companies from processing "
                "records.", "");
}

static void a_foreign_government_barring_its_firms_from_dealing_with_us(void **state)
{
  (void)state;
  assert_tags(risk, "Foreign governments may retaliate by prohibiting domestic companies from "
                "doing business with us.", "trade.sanctions_lists=S");
  assert_tags(risk, "Our exclusivity agreements prohibit competing companies from doing business "
                "with us.", "");
}

static void regulators_finding_an_owner_unsuitable(void **state)
{
  (void)state;
  assert_tags(risk, "If the gaming regulators were to find an investor unsuitable, the investor "
                "may be required to dispose of its interest.", "trade.investment_restrictions=S");
  assert_tags(risk, "In a squeeze-out merger, holders may be required to sell their shares, "
                "subject to shareholder approval.", "");
}

static void documents_for_overseas_regulators_need_approval(void **state)
{
  (void)state;
  assert_tags(risk, "Without approval of the PRC government, no entity in China may provide "
                "documents relating to securities business to overseas regulators.",
                "listing.china_oversight=S");
  assert_tags(risk, "We provide documents to overseas regulators when they ask, as the law of "
                "Delaware requires.", "");
}

/* ------------------------------------------------------------------ */
/* ai.regulation_general, ai.output_risk: words out of their sense     */

static void ai_products_sold_abroad_under_trade_rules_are_not_ai_rules(void **state)
{
  (void)state;
  assert_no_tag(risk, "Tariffs, sanctions and other regulatory limitations may restrict our ability "
                  "to provide our AI software to customers in certain international markets.",
                  "ai.regulation_general");
  assert_tags(risk, "New laws regulating artificial intelligence may increase our costs.",
                "ai.regulation_general=S");
}

static void an_executive_orders_title_is_not_an_ethics_duty(void **state)
{
  (void)state;
  assert_no_tag(risk, "The Executive Order on the Safe, Secure, and Trustworthy Development and Use "
                  "of Artificial Intelligence sets out a framework for agencies.", "ai.output_risk");
  assert_tags(risk, "Our artificial intelligence products raise ethical concerns that regulators "
                "may act on.", "ai.output_risk=S");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(work_made_with_ai_that_copyright_may_not_protect),
    cmocka_unit_test(models_a_regulator_orders_deleted_or_disgorged),
    cmocka_unit_test(what_a_model_is_trained_on_under_a_licence),
    cmocka_unit_test(outputs_of_models_under_licence_terms),
    cmocka_unit_test(ip_law_on_ai_is_unsettled),
    cmocka_unit_test(ownership_of_what_ai_helped_create),
    cmocka_unit_test(laws_requiring_training_data_sources_disclosed),
    cmocka_unit_test(others_using_ai_to_make_harmful_content),
    cmocka_unit_test(output_that_is_inaccurate_or_defamatory),
    cmocka_unit_test(limits_by_law_on_serving_users_under_an_age),
    cmocka_unit_test(minors_data_under_an_order),
    cmocka_unit_test(youth_social_media_laws_and_wellbeing_claims),
    cmocka_unit_test(ordered_to_change_what_games_show),
    cmocka_unit_test(a_law_restricting_cross_border_transfer_in_a_list),
    cmocka_unit_test(duties_to_report_cybersecurity_incidents),
    cmocka_unit_test(rules_for_safeguarding_classified_information),
    cmocka_unit_test(bars_on_dealing_with_particular_parties),
    cmocka_unit_test(a_foreign_government_barring_its_firms_from_dealing_with_us),
    cmocka_unit_test(regulators_finding_an_owner_unsuitable),
    cmocka_unit_test(documents_for_overseas_regulators_need_approval),
    cmocka_unit_test(ai_products_sold_abroad_under_trade_rules_are_not_ai_rules),
    cmocka_unit_test(an_executive_orders_title_is_not_an_ethics_duty),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
