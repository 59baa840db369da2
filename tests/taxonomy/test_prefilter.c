/* test_prefilter.c - the literal prefilter never skips a pattern that matches
 *
 * Cases are one line: filter_case(pattern, text, expected), where EXPECTED
 * is "run" (the pattern may match: it must be run) or "skip" (it cannot);
 * each "skip" is checked against PCRE2 too, so a case cannot claim a skip
 * that would lose a match. Then every pattern of the built-in taxonomy runs
 * over generated texts made of the taxonomy's own words: wherever PCRE2
 * finds a match, over the whole text or over a window of it, the
 * prefilter must have said "run".
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "prefilter.h"
#include "taxonomy_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static pcre2_code *compile(const char *pattern)
{
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_CASELESS, &code, &offset, NULL);
  assert_non_null(re);
  return re;
}

static gboolean pcre2_finds(const pcre2_code *re, const char *text, gsize start, gsize end)
{
  pcre2_match_data *md = pcre2_match_data_create(1, NULL);
  int rc = pcre2_match(re, (PCRE2_SPTR)text, end, start, 0, md, NULL);
  pcre2_match_data_free(md);
  return rc >= 0;
}

/* What the prefilter of PATTERN says about TEXT: "run" or "skip". */
static const char *verdict(const char *pattern, gboolean whole_text, const char *text)
{
  rsk_literals *lits = rsk_literals_new();
  rsk_prefilter *filter = rsk_prefilter_new(lits, pattern, whole_text);
  rsk_literals_compile(lits);
  g_autofree guint8 *found = g_malloc0(MAX(rsk_literals_set_size(lits), 1));
  gboolean judged = rsk_literals_scan(lits, text, strlen(text), found);
  gboolean may = !judged || rsk_prefilter_may_match(filter, found);
  rsk_prefilter_free(filter);
  rsk_literals_free(lits);
  return may ? "run" : "skip";
}

static void filter_case_in(const char *pattern, gboolean whole_text, const char *text,
                           const char *expected)
{
  const char *got = verdict(pattern, whole_text, text);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "pattern: %s\ntext: %s\nexpected %s, got %s\n", pattern, text,
            expected, got);
  assert_string_equal(got, expected);
  if (strcmp(got, "skip") == 0) {
    pcre2_code *re = compile(pattern);
    assert_false(pcre2_finds(re, text, 0, strlen(text)));
    pcre2_code_free(re);
  }
}

static void filter_case(const char *pattern, const char *text, const char *expected)
{
  filter_case_in(pattern, TRUE, text, expected);
}

/* ------------------------------------------------------------------ */

static void a_missing_literal_skips_the_pattern(void **state)
{
  (void)state;
  filter_case("Cyberspace\\W+Administration", "The Cyberspace Administration said", "run");
  filter_case("Cyberspace\\W+Administration", "The cyber security administration", "skip");
  filter_case("export\\W+controls?", "EXPORT CONTROL rules", "run");
  filter_case("export\\W+controls?", "exports rose", "skip");
}

static void every_literal_of_a_sequence_is_needed(void **state)
{
  (void)state;
  filter_case("regulat\\w+\\W+(?:\\w+\\W+){0,3}artificial\\W+intelligence",
              "regulations on artificial intelligence", "run");
  filter_case("regulat\\w+\\W+(?:\\w+\\W+){0,3}artificial\\W+intelligence",
              "artificial intelligence is new", "skip");
  filter_case("regulat\\w+\\W+(?:\\w+\\W+){0,3}artificial\\W+intelligence",
              "regulations on artificial sweeteners", "skip");
}

static void one_branch_of_an_alternation_is_enough(void **state)
{
  (void)state;
  filter_case("(?:laws?|legislation|regulations?)\\W+on\\W+chips", "legislation on chips", "run");
  filter_case("(?:laws?|legislation|regulations?)\\W+on\\W+chips", "lawsuits on chips", "run");
  filter_case("(?:laws?|legislation|regulations?)\\W+on\\W+chips", "rules on chips", "skip");
  /* A branch that needs nothing makes the whole needs nothing. */
  filter_case("chips|\\w+ing", "nothing here", "run");
}

static void word_boundaries_are_checked_on_the_text(void **state)
{
  (void)state;
  filter_case("\\bCAC\\b", "the CAC said", "run");
  filter_case("\\bCAC\\b", "CAC", "run");
  filter_case("\\bCAC\\b", "cacao prices", "skip");
  filter_case("\\bA\\.?I\\.?\\b", "uses A.I. tools", "run");
  filter_case("\\bA\\.?I\\.?\\b", "uses AI tools", "run");
  filter_case("\\bA\\.?I\\.?\\b", "said it would maintain", "skip");
  /* A window's end is not the text's: no boundary may be assumed there. */
  filter_case_in("\\bCAC\\b", FALSE, "cacao prices", "run");
  filter_case_in("Cyberspace", FALSE, "no such word", "skip");
}

static void optional_and_repeated_pieces(void **state)
{
  (void)state;
  filter_case("data(?:\\W+centers?)?", "data", "run");
  filter_case("licen[cs]es?", "licences granted", "run");
  filter_case("licen[cs]es?", "licorice", "skip");
  filter_case("(?:ab){2}cd", "xxababcd", "run");
  filter_case("(?:ab){2}cd", "abcd", "skip");
  filter_case("(?:foo|)barbaz", "barbaz", "run");
  filter_case("U\\.S\\.\\W+exports?", "U.S. export rules", "run");
  filter_case("U\\.S\\.\\W+exports?", "US export rules", "skip");
  /* Lookarounds need nothing, whatever they say. */
  filter_case("export(?=\\W+controls)", "export sales", "run");
  filter_case("(?<!no\\W)sanctions", "sanctions", "run");
}

static void chinese_literals_match_as_bytes(void **state)
{
  (void)state;
  filter_case("网[络路]安全法", "根据《网路安全法》", "run");
  filter_case("网[络路]安全法", "数据安全", "skip");
}

static void characters_that_match_letters_caselessly_disable_the_scan(void **state)
{
  (void)state;
  /* U+212A KELVIN SIGN and U+017F LONG S match 'k' and 's' caselessly. */
  filter_case("kelvin", "\xe2\x84\xaa" "elvin", "run");
  filter_case("sanctions", "\xc5\xbf" "anctions", "run");
  pcre2_code *re = compile("sanctions");
  assert_true(pcre2_finds(re, "\xc5\xbf" "anctions", 0, 10));
  pcre2_code_free(re);
}

static void syntax_not_understood_always_runs(void **state)
{
  (void)state;
  filter_case("\\Qabc.def\\E", "nothing", "run");
  filter_case("(?x) a b c", "nothing", "run");
  filter_case("(abc)\\1", "nothing", "run");
  filter_case("(*UTF)abcdef", "nothing", "run");
  filter_case("a{,3}bcdef", "nothing", "run");
}

static void literals_inside_others_are_found(void **state)
{
  (void)state;
  /* Aho-Corasick failure links: "bcd" ends inside "abcd", "ab" starts one
   * over, "cdx" overlaps the end of another. */
  rsk_literals *lits = rsk_literals_new();
  rsk_prefilter *abcd = rsk_prefilter_new(lits, "abcde", TRUE);
  rsk_prefilter *bcd = rsk_prefilter_new(lits, "bcd", TRUE);
  rsk_prefilter *cdx = rsk_prefilter_new(lits, "cdx", TRUE);
  rsk_prefilter *zzz = rsk_prefilter_new(lits, "zzz", TRUE);
  rsk_literals_compile(lits);
  const char *text = "xxabcdxx";
  g_autofree guint8 *found = g_malloc0(rsk_literals_set_size(lits));
  assert_true(rsk_literals_scan(lits, text, strlen(text), found));
  assert_false(rsk_prefilter_may_match(abcd, found));
  assert_true(rsk_prefilter_may_match(bcd, found));
  assert_true(rsk_prefilter_may_match(cdx, found));
  assert_false(rsk_prefilter_may_match(zzz, found));
  rsk_prefilter_free(abcd);
  rsk_prefilter_free(bcd);
  rsk_prefilter_free(cdx);
  rsk_prefilter_free(zzz);
  rsk_literals_free(lits);
}

/* ------------------------------------------------------------------ */
/* The built-in taxonomy over generated texts                          */

typedef struct {
  guint runs, matches, skips;
} tally;

/* Checks RE over TEXT (whole, or the window [ws, we)) against its filter. */
static void check_regex(const rsk_regex *re, gboolean whole_text, const char *text,
                        gsize len, const guint8 *found, tally *t)
{
  gboolean may = rsk_prefilter_may_match(re->filter, found);
  t->runs++;
  t->skips += !may;
  gsize ws = 0, we = len;
  if (!whole_text) {
    ws = len / 4;
    we = len - len / 4;
    while (ws > 0 && ((guchar)text[ws] & 0xC0) == 0x80)
      ws--;
    while (we < len && ((guchar)text[we] & 0xC0) == 0x80)
      we++;
  }
  if (pcre2_finds(re->code, text, ws, we)) {
    t->matches++;
    if (!may)
      fprintf(stderr, "skipped a match: %s\ntext: %s\n", re->source, text);
    assert_true(may);
  }
}

static void check_rules(const GPtrArray *rules, const char *text, const guint8 *found,
                        tally *t)
{
  gsize len = strlen(text);
  for (guint k = 0; k < rules->len; k++) {
    const rsk_rule *rule = g_ptr_array_index(rules, k);
    check_regex(&rule->main, TRUE, text, len, found, t);
    for (guint i = 0; i < rule->requires->len; i++)
      check_regex(g_ptr_array_index(rule->requires, i), FALSE, text, len, found, t);
    for (guint i = 0; i < rule->unless->len; i++)
      check_regex(g_ptr_array_index(rule->unless, i), FALSE, text, len, found, t);
  }
}

/* The words of the taxonomy's patterns: runs of letters and of CJK. */
static GPtrArray *pattern_words(const rsk_taxonomy *tax)
{
  GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
  GRegex *word = g_regex_new("[A-Za-z]{2,}|[\\x{4e00}-\\x{9fff}]+", 0, 0, NULL);
  for (guint c = 0; c < tax->categories->len; c++) {
    const rsk_category *cat = g_ptr_array_index(tax->categories, c);
    for (guint k = 0; k < cat->rules->len; k++) {
      const rsk_rule *rule = g_ptr_array_index(cat->rules, k);
      GMatchInfo *mi = NULL;
      g_regex_match(word, rule->main.source, 0, &mi);
      for (; g_match_info_matches(mi); g_match_info_next(mi, NULL))
        g_ptr_array_add(words, g_match_info_fetch(mi, 0));
      g_match_info_free(mi);
    }
  }
  g_regex_unref(word);
  return words;
}

static void builtin_patterns_are_never_skipped_where_they_match(void **state)
{
  (void)state;
  g_autoptr(GPtrArray) words = pattern_words(builtin);
  assert_true(words->len > 100);
  static const char *const glue[] = {" ", " ", " ", ", ", ". ", "-", " the ", " of ",
                                     "\n", " AI ", " (", ") ", "; ", " \xe2\x80\x9c"};
  GRand *rand = g_rand_new_with_seed(12);
  gsize set_size = rsk_literals_set_size(builtin->literals);
  tally t = {0};
  for (int n = 0; n < 400; n++) {
    GString *text = g_string_new(NULL);
    int count = g_rand_int_range(rand, 3, 40);
    for (int i = 0; i < count; i++) {
      const char *w = g_ptr_array_index(words, g_rand_int_range(rand, 0, (gint32)words->len));
      switch (g_rand_int_range(rand, 0, 4)) {
      case 0: {
        g_autofree char *up = g_utf8_strup(w, -1);
        g_string_append(text, up);
        break;
      }
      case 1:   /* a word glued to the next, or cut short */
        g_string_append_len(text, w, (gssize)strlen(w) / 2 + 1);
        break;
      default:
        g_string_append(text, w);
      }
      g_string_append(text, glue[g_rand_int_range(rand, 0, G_N_ELEMENTS(glue))]);
    }
    g_autofree guint8 *found = g_malloc0(set_size);
    assert_true(rsk_literals_scan(builtin->literals, text->str, text->len, found));
    for (guint c = 0; c < builtin->categories->len; c++)
      check_rules(((rsk_category *)g_ptr_array_index(builtin->categories, c))->rules,
                  text->str, found, &t);
    for (guint g = 0; g < builtin->regulations->len; g++)
      check_rules(((rsk_regulation *)g_ptr_array_index(builtin->regulations, g))->rules,
                  text->str, found, &t);
    g_string_free(text, TRUE);
  }
  g_rand_free(rand);
  print_message("%u pattern runs, %u matches, %u skipped\n", t.runs, t.matches, t.skips);
  /* The texts must exercise both sides: many matches, many skips. */
  assert_true(t.matches > 1000);
  assert_true(t.skips > t.runs / 4);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(a_missing_literal_skips_the_pattern),
    cmocka_unit_test(every_literal_of_a_sequence_is_needed),
    cmocka_unit_test(one_branch_of_an_alternation_is_enough),
    cmocka_unit_test(word_boundaries_are_checked_on_the_text),
    cmocka_unit_test(optional_and_repeated_pieces),
    cmocka_unit_test(chinese_literals_match_as_bytes),
    cmocka_unit_test(characters_that_match_letters_caselessly_disable_the_scan),
    cmocka_unit_test(syntax_not_understood_always_runs),
    cmocka_unit_test(literals_inside_others_are_found),
    cmocka_unit_test(builtin_patterns_are_never_skipped_where_they_match),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
