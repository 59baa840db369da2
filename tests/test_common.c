/* test_common.c - text normalisation and similarity
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sha256.h"
#include "text.h"

#include <string.h>

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

/* The digest resume and shards key on: FIPS 180-2's vectors, and GLib's
 * own SHA-256 over a text longer than one block, whichever library the
 * build hashes with. */
static void sha256_is_the_standard_digest(void **state)
{
  (void)state;
  char hex[65];
  rsk_sha256_hex("abc", 3, hex);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  rsk_sha256_hex("", 0, hex);
  assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  GString *long_text = g_string_new(NULL);
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(long_text, "risk factor %d; ", i);
  g_autofree char *expected =
      g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)long_text->str, long_text->len);
  rsk_sha256_hex(long_text->str, long_text->len, hex);
  assert_string_equal(hex, expected);
  guint8 digest[32];
  rsk_sha256_digest(long_text->str, long_text->len, digest);
  for (int i = 0; i < 32; i++)
    assert_int_equal(digest[i], g_ascii_xdigit_value(expected[2 * i]) << 4 |
                                    g_ascii_xdigit_value(expected[2 * i + 1]));
  g_string_free(long_text, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(ligatures_spaces_and_quotes_are_normalised),
    cmocka_unit_test(line_end_hyphenation_is_joined_only_between_lower_case),
    cmocka_unit_test(keys_keep_only_letters_and_digits),
    cmocka_unit_test(similarity_is_one_minus_relative_edit_distance),
    cmocka_unit_test(words_and_capitals_are_counted),
    cmocka_unit_test(sha256_is_the_standard_digest),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
