/* test_pattern_cache.c - compiled patterns kept between runs
 *
 * Each case loads a taxonomy of its own (a fresh random id in its
 * description gives it a cache file of its own) and checks where its
 * patterns came from, and that the tags are the same either way.
 * $XDG_CACHE_HOME points into the build tree (tests/meson.build).
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"
#include "pattern_cache.h"
#include "taxonomy_private.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#define N_PATTERNS 4

/* A taxonomy of N_PATTERNS patterns; EXPORT_PATTERN is the first one's. */
static char *taxonomy_json(const char *id, const char *export_pattern)
{
  return g_strdup_printf(
      "{\"name\": \"t\", \"version\": \"1\", \"description\": \"%s\","
      " \"categories\": ["
      "  {\"id\": \"trade\", \"rules\": ["
      "    {\"id\": \"export\", \"pattern\": \"%s\", \"requires\": \"chips?|semiconductors?\"}]},"
      "  {\"id\": \"privacy\", \"rules\": ["
      "    {\"id\": \"personal\", \"pattern\": \"personal\\\\W+data\", \"unless\": \"not\\\\W+subject\"}]}]}",
      id, export_pattern);
}

static rsk_taxonomy *load(const char *json, guint *cached)
{
  GError *error = NULL;
  rsk_taxonomy *tax = rsk_taxonomy_load_data(json, strlen(json), "test.json", &error);
  assert_null(error);
  *cached = tax->patterns_cached;
  return tax;
}

static char *tags_of(const rsk_taxonomy *tax)
{
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(tax, "Export controls", "Export controls on chips bind us. Laws on "
                    "personal data apply to us too.", &result);
  char *s = tags_string(&result);
  rsk_classification_clear(&result);
  return s;
}

static char *fresh_id(void)
{
  return g_strdup_printf("case %u-%u", g_random_int(), g_random_int());
}

static void patterns_come_from_the_cache_the_second_time(void **state)
{
  (void)state;
  g_autofree char *id = fresh_id();
  g_autofree char *json = taxonomy_json(id, "export\\\\W+controls?");
  guint cached = 0;
  rsk_taxonomy *cold = load(json, &cached);
  assert_int_equal(cached, 0);
  g_autofree char *path = rsk_pattern_cache_path(json, strlen(json));
  assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
  rsk_taxonomy *warm = load(json, &cached);
  assert_int_equal(cached, N_PATTERNS);
  g_autofree char *cold_tags = tags_of(cold);
  g_autofree char *warm_tags = tags_of(warm);
  assert_string_equal(cold_tags, "trade=S privacy=S");
  assert_string_equal(warm_tags, cold_tags);
  rsk_taxonomy_free(cold);
  rsk_taxonomy_free(warm);
  g_unlink(path);
}

static void a_damaged_file_is_compiled_afresh_and_rewritten(void **state)
{
  (void)state;
  g_autofree char *id = fresh_id();
  g_autofree char *json = taxonomy_json(id, "export\\\\W+controls?");
  guint cached = 0;
  rsk_taxonomy_free(load(json, &cached));
  g_autofree char *path = rsk_pattern_cache_path(json, strlen(json));
  g_autofree char *bytes = NULL;
  gsize size = 0;
  assert_true(g_file_get_contents(path, &bytes, &size, NULL));
  bytes[size / 2] ^= 0x20;   /* one bit, in the middle of the codes */
  assert_true(g_file_set_contents(path, bytes, (gssize)size, NULL));
  rsk_taxonomy *tax = load(json, &cached);
  assert_int_equal(cached, 0);
  g_autofree char *tags = tags_of(tax);
  assert_string_equal(tags, "trade=S privacy=S");
  rsk_taxonomy_free(tax);
  rsk_taxonomy_free(load(json, &cached));   /* rewritten: whole again */
  assert_int_equal(cached, N_PATTERNS);
  g_unlink(path);
}

static void a_pattern_not_in_the_file_is_not_taken_from_it(void **state)
{
  (void)state;
  /* Taxonomy B's file holds A's patterns (as after a hash collision):
   * B's own first pattern must be compiled, the three alike taken. */
  g_autofree char *id = fresh_id();
  g_autofree char *a = taxonomy_json(id, "export\\\\W+controls?");
  g_autofree char *b = taxonomy_json(id, "export\\\\W+licen[cs]es?");
  guint cached = 0;
  rsk_taxonomy_free(load(a, &cached));
  g_autofree char *path_a = rsk_pattern_cache_path(a, strlen(a));
  g_autofree char *path_b = rsk_pattern_cache_path(b, strlen(b));
  assert_string_not_equal(path_a, path_b);
  g_autofree char *bytes = NULL;
  gsize size = 0;
  assert_true(g_file_get_contents(path_a, &bytes, &size, NULL));
  assert_true(g_file_set_contents(path_b, bytes, (gssize)size, NULL));
  rsk_taxonomy *tax = load(b, &cached);
  assert_int_equal(cached, N_PATTERNS - 1);
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(tax, "", "Export licences for chips are needed.", &result);
  g_autofree char *tags = tags_string(&result);
  rsk_classification_clear(&result);
  assert_non_null(strstr(tags, "trade"));
  rsk_taxonomy_free(tax);
  g_unlink(path_a);
  g_unlink(path_b);
}

static void the_builtin_taxonomy_tags_alike_from_the_cache(void **state)
{
  (void)state;
  /* BUILTIN was loaded by the group setup, perhaps from the cache; load it
   * again (now surely from the cache) and compare on a text with tags. */
  guint cached = 0;
  GError *error = NULL;
  rsk_taxonomy *again = rsk_taxonomy_load(NULL, &error);
  assert_null(error);
  cached = again->patterns_cached;
  assert_true(cached > 300);
  const char *body = "We are subject to the PRC Personal Information Protection Law and "
                     "export controls on advanced chips to China under the EAR.";
  rsk_classification x, y;
  rsk_classification_init(&x);
  rsk_classification_init(&y);
  rsk_classify_text(builtin, "Export controls", body, &x);
  rsk_classify_text(again, "Export controls", body, &y);
  g_autofree char *tx = tags_and_regulations_string(&x);
  g_autofree char *ty = tags_and_regulations_string(&y);
  assert_string_equal(tx, ty);
  assert_non_null(strstr(tx, "trade.export_controls"));
  rsk_classification_clear(&x);
  rsk_classification_clear(&y);
  rsk_taxonomy_free(again);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(patterns_come_from_the_cache_the_second_time),
    cmocka_unit_test(a_damaged_file_is_compiled_afresh_and_rewritten),
    cmocka_unit_test(a_pattern_not_in_the_file_is_not_taken_from_it),
    cmocka_unit_test(the_builtin_taxonomy_tags_alike_from_the_cache),
  };
  return cmocka_run_group_tests(tests, builtin_setup, builtin_teardown);
}
