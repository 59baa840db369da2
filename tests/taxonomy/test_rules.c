/* test_rules.c - the rules of taxonomy 1.1.0 and later, and the paragraph and sentence
 * units they rely on
 *
 * Each rule is tested twice in one line each: the way other filings phrase
 * the subject is tagged, and a near miss with the same words is not.
 * assert_tags(heading, body, expected) lists every tag the classifier
 * must give, in taxonomy order, as "category=P" or "category=S" ("" = none).
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "classifier.h"
#include "taxonomy.h"
#include "units.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const char *const risk = "Our business faces risks.";

/* ------------------------------------------------------------------ */
/* ai.regulation_general                                               */

static void legal_frameworks_on_ai_are_ai_regulation(void **state)
{
  (void)state;
  assert_tags(risk, "Several countries are considering legal frameworks on artificial "
                "intelligence, and the European Commission has proposed one.",
                "ai.regulation_general=S");
  assert_tags(risk, "We build deep learning frameworks for developers, and our legal "
                "department reviews the licences of the code we ship.", "");
}

/* ------------------------------------------------------------------ */
/* ai.content_control                                                  */

static void hosting_safe_harbors_and_their_repeal_are_content_control(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nSafe harbors have been provided to those who "
                "hosted content provided by others. There is an increasing demand for "
                "repealing the safe harbors for hosted content by legislation. Loss of the "
                "safe harbors for user content may require limiting some of our services.",
                "ai.content_control=P");
  /* The context a rule requires must be in the match's own sentence: "these
   * safe harbors" two sentences on does not know what they protect. */
  assert_tags(risk, "We sell software.\nSafe harbors have been provided to those who "
                "hosted content provided by others. There is an increasing demand for "
                "repealing these safe harbors by legislation. Loss of these safe harbors may "
                "require limiting some of our services.",
                "ai.content_control=S");
  assert_tags(risk, "We rely on the safe harbor for forward-looking statements, and "
                "reforms of the tax safe harbor rules may change our tax rate.", "");
}

/* ------------------------------------------------------------------ */
/* ai.training_data_ip                                                 */

static void liability_of_platforms_for_user_content_is_content_control(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nThe laws relating to the liability of online "
                "services companies for information disseminated through their services "
                "are subject to frequent challenges. We may have to adopt costly new "
                "measures to reduce our exposure to this liability.",
                "ai.content_control=S");
  assert_tags(risk, "We sell software.\nThe liability of our directors for information "
                "disseminated in our annual report is limited by our charter.", "");
}

static void telling_users_they_talk_to_a_machine_is_transparency(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nThe new rules require us to tell users at the start "
                "of each session that they are speaking with a machine.",
                "ai.labeling_transparency=S");
  assert_tags(risk, "We sell software.\nWe must mark every synthetic image as machine-made.",
                "ai.labeling_transparency=S");
  assert_tags(risk, "We sell software.\nOur sales staff tell users how to get the most "
                "out of the machines they buy from us.", "");
}

static void a_regulators_safety_assessment_is_not_output_harm(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nOur generative AI models must pass a safety "
                "assessment by the Cyberspace Administration before launch.",
                "ai.filing_assessment=S");
  assert_tags(risk, "We sell software.\nOur AI models may fail safety tests and produce "
                "harmful output.", "ai.output_risk=S");
  assert_tags(risk, "We sell software.\nThe authorities require a safety assessment of "
                "our chemical plant every year.", "");
}

static void control_through_contracts_is_an_ownership_restriction(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nWe control our operating entity in China through "
                "contracts rather than equity ownership, because foreign ownership of such "
                "businesses is restricted.", "trade.investment_restrictions=S");
  assert_tags(risk, "We sell software.\nWe hold our customers through contracts with "
                "renewal terms.", "");
}

static void models_registered_with_authorities_are_filings(void **state)
{
  (void)state;
  assert_tags(risk, "We sell software.\nRegulators asked us to confirm whether our large "
                "language models had been registered before we offered them to the public.",
                "ai.filing_assessment=S");
  assert_tags(risk, "We sell software.\nOur trademark for the models has been registered "
                "in ten countries.", "");
}

static void creators_rights_over_ai_training_are_training_data_ip(void **state)
{
  (void)state;
  assert_tags(risk, "Generative AI may require us to provide attribution or remuneration "
                "to content creators and to give creatives control over the use of their "
                "work in the development of AI.",
                "ai.training_data_ip=S");
  assert_tags(risk, "We pay royalties to content creators and artists who sell their "
                "work on our marketplace.", "");
}

/* ------------------------------------------------------------------ */
/* data.privacy                                                        */

static void laws_limiting_use_of_personal_information_are_privacy(void **state)
{
  (void)state;
  assert_tags(risk, "Industry-specific laws may impact our ability to collect, use, "
                "transfer and share personal and other information.",
                "data.privacy=S");
  assert_tags(risk, "New regulations may increase our liability. We collect personal "
                "information to serve our customers.", "");
}

static void telemarketing_consent_laws_are_privacy(void **state)
{
  (void)state;
  assert_tags(risk, "We face class actions alleging that text messages sent without prior "
                "consent violated the Telephone Consumer Protection Act.",
                "data.privacy=S");
  assert_tags(risk, "Our consumer protection team answers telephone calls from customers.",
                "");
}

/* ------------------------------------------------------------------ */
/* data.security_transfer                                              */

static void data_kept_in_country_is_localisation(void **state)
{
  (void)state;
  assert_tags(risk, "Some countries have passed legislation that requires data to remain "
                "localized in country, so that companies must store data in jurisdictions "
                "not of their choosing.",
                "data.security_transfer=S");
  assert_tags(risk, "We offer localized services in many countries, and our data centers "
                "are localized near customers.", "");
}

static void data_crossing_international_borders_is_transfer(void **state)
{
  (void)state;
  assert_tags(risk, "Changes in laws governing the free flow of data across international "
                "borders could harm our business.",
                "data.security_transfer=S");
  assert_tags(risk, "Laws on customs duties apply when we ship products across "
                "international borders.", "");
}

static void cybersecurity_executive_order_is_a_security_regime(void **state)
{
  (void)state;
  assert_tags(risk, "A cybersecurity Executive Order released in May 2021 may heighten "
                "incident reporting standards for public sector contracts.",
                "data.security_transfer=S");
  assert_tags(risk, "An Executive Order on tariffs may raise the cost of our components.",
                "");
}

/* ------------------------------------------------------------------ */
/* trade.*                                                             */

static void screening_and_restrictions_of_foreign_investment_are_investment_restrictions(
  void **state)
{
  (void)state;
  assert_tags(risk, "We acquire companies.\nOur acquisitions may be impaired by increased "
                "global scrutiny of foreign investments. Several countries have adopted "
                "restrictions of varying kinds on transactions involving foreign investments. "
                "Governments may tighten rules of this nature.",
                "trade.investment_restrictions=P");
  assert_tags(risk, "Delays caused by the pandemic slowed our foreign investments in new "
                "offices.", "");
}

static void governmental_sanctions_heading_is_about_sanctions(void **state)
{
  (void)state;
  assert_tags("We are subject to governmental sanctions and export controls.", "",
                "trade.export_controls=P trade.sanctions_lists=P");
  assert_tags("We may face governmental sanctions for violations of environmental laws.",
                "", "");
}

/* ------------------------------------------------------------------ */
/* Paragraphs and sentences                                            */

/* Half of a paragraph's sentences make it devoted to a subject only when
 * the paragraph opens with it. */
static void half_a_paragraph_is_primary_only_when_it_opens_with_the_subject(void **state)
{
  (void)state;
  assert_tags(risk, "We may not realize the benefits of our joint venture. Its future "
                "payments are uncertain. In 2019 the BIS added the joint venture to the "
                "Entity List. We comply with U.S. law on the Entity List designation.",
                "trade.sanctions_lists=S");
  assert_tags(risk, "In 2019 the BIS added our joint venture to the Entity List. We comply "
                "with U.S. law on the Entity List designation. Its future payments are "
                "uncertain. We may not realize the benefits of the joint venture.",
                "trade.sanctions_lists=P");
}

static guint count_sentences(const char *text)
{
  rsk_units units;
  rsk_units_split(&units, text, (guint)strlen(text));
  guint n = units.sentences->len;
  rsk_units_clear(&units);
  return n;
}

static void us_ends_a_sentence_only_before_a_word_that_opens_one(void **state)
{
  (void)state;
  assert_int_equal(count_sentences("The EU-U.S. Data Privacy Framework may be challenged."), 1);
  assert_int_equal(count_sentences("The U.S. Department of Commerce added us."), 1);
  assert_int_equal(count_sentences("We transfer data to the U.S. In the EU, rules differ."), 2);
  assert_int_equal(count_sentences("We are Acme Inc. The company grew."), 2);
  assert_int_equal(count_sentences("We follow rules, e.g. The GDPR."), 1);
}

static void abbreviations_do_not_end_sentences(void **state)
{
  (void)state;
  assert_int_equal(count_sentences("In Epic Games v. Google the jury found against us."), 1);
  assert_int_equal(count_sentences("SAFE Circular No. 37 requires registration."), 1);
  assert_int_equal(count_sentences("On Dec. 31, 2023 the rule took effect."), 1);
  assert_int_equal(count_sentences("Under 15 U.S.C. 78m we report, e.g. Form 10-K."), 1);
  assert_int_equal(count_sentences("Acme Inc. may sue us under Pub. L. No. 116-222."), 1);
  assert_int_equal(count_sentences("The court cited Smith et al. The appeal failed."), 2);
  assert_int_equal(count_sentences("We sell in the U.S. The EU differs."), 2);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(legal_frameworks_on_ai_are_ai_regulation),
    cmocka_unit_test(hosting_safe_harbors_and_their_repeal_are_content_control),
    cmocka_unit_test(liability_of_platforms_for_user_content_is_content_control),
    cmocka_unit_test(telling_users_they_talk_to_a_machine_is_transparency),
    cmocka_unit_test(a_regulators_safety_assessment_is_not_output_harm),
    cmocka_unit_test(control_through_contracts_is_an_ownership_restriction),
    cmocka_unit_test(models_registered_with_authorities_are_filings),
    cmocka_unit_test(creators_rights_over_ai_training_are_training_data_ip),
    cmocka_unit_test(laws_limiting_use_of_personal_information_are_privacy),
    cmocka_unit_test(telemarketing_consent_laws_are_privacy),
    cmocka_unit_test(data_kept_in_country_is_localisation),
    cmocka_unit_test(data_crossing_international_borders_is_transfer),
    cmocka_unit_test(cybersecurity_executive_order_is_a_security_regime),
    cmocka_unit_test(screening_and_restrictions_of_foreign_investment_are_investment_restrictions),
    cmocka_unit_test(governmental_sanctions_heading_is_about_sanctions),
    cmocka_unit_test(half_a_paragraph_is_primary_only_when_it_opens_with_the_subject),
    cmocka_unit_test(us_ends_a_sentence_only_before_a_word_that_opens_one),
    cmocka_unit_test(abbreviations_do_not_end_sentences),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
