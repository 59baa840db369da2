/* test_common.c - text normalisation and similarity
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "text.h"

static void assert_normalized(const char *in, const char *expected)
{
  char *got = rsk_text_normalize(in, -1);
  assert_string_equal(got, expected);
  g_free(got);
}

static void ligatures_spaces_and_quotes_are_normalised(void **state)
{
  (void)state;
  assert_normalized("\xef\xac\x81nancial \xef\xac\x82ow", "financial flow");
  assert_normalized("a\xc2\xa0\xc2\xa0 b\t\tc ", "a b c");
  assert_normalized("\xe2\x80\x9c" "AI\xe2\x80\x9d\xe2\x80\x99" "s", "\"AI\"'s");
  assert_normalized("soft\xc2\xadhyphen", "softhyphen");
  assert_normalized("bad \xff byte", "bad \xef\xbf\xbd byte");
}

static void line_end_hyphenation_is_joined_only_between_lower_case(void **state)
{
  (void)state;
  GString *buf = g_string_new("new regu-");
  rsk_text_append_line(buf, "lations apply to third-");
  rsk_text_append_line(buf, "Party vendors");
  assert_string_equal(buf->str, "new regulations apply to third- Party vendors");
  g_string_free(buf, TRUE);
}

static void keys_keep_only_letters_and_digits(void **state)
{
  (void)state;
  char *key = rsk_text_key("We May Be Subject to U.S. Export Controls (EAR), 2023.");
  assert_string_equal(key, "wemaybesubjecttousexportcontrolsear2023");
  g_free(key);
}

static void similarity_is_one_minus_relative_edit_distance(void **state)
{
  (void)state;
  assert_float_equal(rsk_similarity_ratio("abcd", "abcd"), 1.0, 1e-9);
  assert_float_equal(rsk_similarity_ratio("abcd", "abce"), 0.75, 1e-9);
  assert_float_equal(rsk_similarity_ratio("", ""), 1.0, 1e-9);
  assert_float_equal(rsk_similarity_ratio("abc", ""), 0.0, 1e-9);
}

static void words_and_capitals_are_counted(void **state)
{
  (void)state;
  assert_int_equal(rsk_text_word_count("Risks Relating to the [REDACTED], 2026"), 6);
  assert_true(rsk_text_is_upper("RISKS RELATING TO DOING BUSINESS IN CHINA"));
  assert_false(rsk_text_is_upper("Risks Relating"));
  assert_false(rsk_text_is_upper("– 45 –"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(ligatures_spaces_and_quotes_are_normalised),
    cmocka_unit_test(line_end_hyphenation_is_joined_only_between_lower_case),
    cmocka_unit_test(keys_keep_only_letters_and_digits),
    cmocka_unit_test(similarity_is_one_minus_relative_edit_distance),
    cmocka_unit_test(words_and_capitals_are_counted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
