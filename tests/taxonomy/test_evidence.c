/* test_evidence.c - the evidence a tag keeps: sentences a reader can judge
 *
 * Each piece of evidence is the whole sentence with its match marked, not
 * the matched fragment; the same match repeated is one piece with a count;
 * a tag keeps a few pieces, the strongest sentence first.
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "evidence.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static rsk_classification result;

static const rsk_tag *tag_of(const char *heading, const char *body, const char *category)
{
  rsk_classification_clear(&result);
  rsk_classification_init(&result);
  rsk_classify_text(builtin, heading, body, &result);
  const rsk_tag *tag = rsk_classification_find(&result, category);
  assert_non_null(tag);
  return tag;
}

static const rsk_evidence *evidence_at(const rsk_tag *tag, guint k)
{
  assert_true(k < tag->evidence->len);
  return &g_array_index(tag->evidence, rsk_evidence, k);
}

/* The sentence of EV in TEXT. Free with g_free(). */
static char *sentence_of(const char *text, const rsk_evidence *ev)
{
  assert_true(ev->sentence_offset <= ev->offset);
  assert_true(ev->offset + ev->length <= ev->sentence_offset + ev->sentence_length);
  return g_strndup(text + ev->sentence_offset, ev->sentence_length);
}

static void evidence_is_the_whole_sentence_around_the_match(void **state)
{
  (void)state;
  const char *body = "We sell software. New laws regulating AI may increase our costs. "
                     "We compete with large firms.";
  const rsk_tag *tag = tag_of("Our business faces risks.", body, "ai.regulation_general");
  const rsk_evidence *ev = evidence_at(tag, 0);
  g_autofree char *sentence = sentence_of(body, ev);
  assert_string_equal(sentence, "New laws regulating AI may increase our costs.");
  assert_int_equal(tag->evidence->len, 1);
  assert_int_equal(tag->sentences, 1);
}

static void the_same_match_repeated_is_one_piece_with_a_count(void **state)
{
  (void)state;
  const char *body =
      "Foreign ownership of internet businesses in China is restricted, so we operate "
      "through contractual arrangements with our VIEs. Our VIEs hold the licences, and "
      "our contractual arrangements with the VIEs give us effective control. The VIEs "
      "are owned by our founder under contractual arrangements.";
  const rsk_tag *tag = tag_of("Our business faces risks.", body,
                              "trade.investment_restrictions");
  guint vie = 0, total = 0;
  for (guint k = 0; k < tag->evidence->len; k++) {
    const rsk_evidence *ev = evidence_at(tag, k);
    total += ev->count;
    if (strcmp(ev->pattern, "vie") == 0) {
      vie++;
      assert_true(ev->count >= 2);
    }
  }
  assert_int_equal(vie, 1);   /* not one line per "VIEs" */
  assert_true(total >= 5);
  /* No sentence is shown twice. */
  for (guint i = 0; i < tag->evidence->len; i++)
    for (guint j = i + 1; j < tag->evidence->len; j++)
      assert_int_not_equal(evidence_at(tag, i)->sentence_offset,
                           evidence_at(tag, j)->sentence_offset);
}

static void a_few_sentences_are_kept_the_strongest_first(void **state)
{
  (void)state;
  GString *body = g_string_new("We sell software.");
  for (int i = 0; i < 8; i++)
    g_string_append_printf(body, " Privacy law %d restricts how we use personal data.", i);
  g_string_append(body, " The GDPR and the CCPA impose fines and privacy laws require "
                        "consent to process personal data.");
  const rsk_tag *tag = tag_of("Privacy laws may harm our business.", body->str,
                              "data.privacy");
  assert_int_equal(tag->evidence->len, RSK_EVIDENCE_MAX);
  assert_true(tag->sentences > RSK_EVIDENCE_MAX);
  /* The heading first: it counts heading_factor times. */
  assert_true(evidence_at(tag, 0)->in_heading);
  /* Then the sentence that carries most: several rules at once. */
  const rsk_evidence *second = evidence_at(tag, 1);
  g_autofree char *sentence = sentence_of(body->str, second);
  assert_non_null(strstr(sentence, "GDPR"));
  g_string_free(body, TRUE);
}

static void a_long_sentence_is_cut_to_whole_words_around_the_match(void **state)
{
  (void)state;
  GString *body = g_string_new("We face");
  for (int i = 0; i < 60; i++)
    g_string_append(body, " many varied");
  g_string_append(body, " risks, and privacy laws restrict how we use personal data,");
  for (int i = 0; i < 60; i++)
    g_string_append(body, " among other things");
  g_string_append_c(body, '.');
  const rsk_tag *tag = tag_of("Our business faces risks.", body->str, "data.privacy");
  const rsk_evidence *ev = evidence_at(tag, 0);
  assert_true(ev->sentence_length <= 480);
  assert_true(ev->sentence_length > 200);
  assert_int_equal(body->str[ev->sentence_offset - 1], ' ');
  guint end = ev->sentence_offset + ev->sentence_length;
  assert_true(body->str[end] == ' ' || body->str[end] == '.' || body->str[end] == '\0');
  g_string_free(body, TRUE);
}

static int teardown(void **state)
{
  rsk_classification_clear(&result);
  return builtin_teardown(state);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(evidence_is_the_whole_sentence_around_the_match),
    cmocka_unit_test(the_same_match_repeated_is_one_piece_with_a_count),
    cmocka_unit_test(a_few_sentences_are_kept_the_strongest_first),
    cmocka_unit_test(a_long_sentence_is_cut_to_whole_words_around_the_match),
  };
  return cmocka_run_group_tests(tests, builtin_setup, teardown);
}
