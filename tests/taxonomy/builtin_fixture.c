/* builtin_fixture.c - the built-in taxonomy and tag strings for taxonomy tests
 *
 * SPDX-License-Identifier: MIT
 */
#include "builtin_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

rsk_taxonomy *builtin;

int builtin_setup(void **state)
{
  (void)state;
  GError *error = NULL;
  builtin = rsk_taxonomy_load(NULL, &error);
  if (!builtin) {
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return -1;
  }
  return 0;
}

int builtin_teardown(void **state)
{
  (void)state;
  rsk_taxonomy_free(builtin);
  return 0;
}

static GString *append_tags(GString *s, const rsk_classification *result)
{
  for (guint i = 0; i < result->tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, i);
    g_string_append_printf(s, "%s%s=%c", s->len ? " " : "", tag->category, tag->strength);
  }
  return s;
}

char *tags_string(const rsk_classification *result)
{
  return g_string_free(append_tags(g_string_new(NULL), result), FALSE);
}

char *tags_and_regulations_string(const rsk_classification *result)
{
  GString *s = append_tags(g_string_new(NULL), result);
  g_string_append(s, " |");
  for (guint i = 0; i < result->regulations->len; i++)
    g_string_append_printf(s, " %s", (const char *)g_ptr_array_index(result->regulations, i));
  return g_string_free(s, FALSE);
}

static char *classify(const char *heading, const char *body)
{
  rsk_classification result;
  rsk_classification_init(&result);
  rsk_classify_text(builtin, heading, body, &result);
  char *got = tags_string(&result);
  rsk_classification_clear(&result);
  return got;
}

void assert_tags(const char *heading, const char *body, const char *expected)
{
  g_autofree char *got = classify(heading, body);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "heading: %s\nbody: %s\nexpected: \"%s\"\ngot:      \"%s\"\n", heading,
            body, expected, got);
  assert_string_equal(got, expected);
}

void assert_no_tag(const char *heading, const char *body, const char *category)
{
  g_autofree char *got = classify(heading, body);
  g_autofree char *word = g_strconcat(category, "=", NULL);
  if (strstr(got, word))
    fprintf(stderr, "heading: %s\nbody: %s\nunexpected %s in \"%s\"\n", heading, body,
            category, got);
  assert_null(strstr(got, word));
}
