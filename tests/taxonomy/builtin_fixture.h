/* builtin_fixture.h - the built-in taxonomy and tag strings for taxonomy tests
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef RSK_TESTS_BUILTIN_FIXTURE_H
#define RSK_TESTS_BUILTIN_FIXTURE_H

#include "classifier.h"
#include "taxonomy.h"

/* The built-in taxonomy, loaded by builtin_setup() and freed by
 * builtin_teardown() (a CMocka group setup/teardown pair). */
extern rsk_taxonomy *builtin;

int builtin_setup(void **state);
int builtin_teardown(void **state);

/* "cat=P cat2=S" for RESULT's tags, in order. Free with g_free(). */
char *tags_string(const rsk_classification *result);

/* tags_string(), then " |" and " REG" for each regulation RESULT cites.
 * Free with g_free(). */
char *tags_and_regulations_string(const rsk_classification *result);

/* Tags HEADING and BODY with the built-in taxonomy and asserts the whole
 * result: every tag, in taxonomy order, as "category=P category=S" ("" =
 * none). On a mismatch the inputs are printed first. */
void assert_tags(const char *heading, const char *body, const char *expected);

/* Asserts that HEADING and BODY get no tag of CATEGORY. */
void assert_no_tag(const char *heading, const char *body, const char *category);

#endif
