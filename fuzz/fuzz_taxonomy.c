/* fuzz_taxonomy.c - libFuzzer target: the taxonomy loader on arbitrary bytes
 *
 * Loads the input as taxonomy JSON text. A load may fail (most inputs are
 * not a taxonomy) but must never crash, leak or read outside the buffer;
 * a load that succeeds must answer every accessor. Then checks it the way
 * `taxonomy check` does, from a file: no JIT, and each pattern tried for
 * empty matches (patterns from the fuzzer, run under the match limits).
 *
 * SPDX-License-Identifier: MIT
 */
#include "input_file.h"
#include "taxonomy.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What `taxonomy check FILE` does with DATA. */
static void check_as_file(const uint8_t *data, size_t size)
{
  const char *path = rsk_fuzz_input_file("fuzz_taxonomy.json", data, size);
  GPtrArray *errors = NULL;
  rsk_taxonomy *taxonomy = rsk_taxonomy_load_checked(path, &errors);
  g_assert((taxonomy != NULL) == (errors->len == 0));
  if (taxonomy)
    g_assert(rsk_taxonomy_warnings(taxonomy) != NULL);
  rsk_taxonomy_free(taxonomy);
  g_ptr_array_unref(errors);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* An exact-size copy with no NUL after it, so reading past LEN is caught. */
  char *json = malloc(size ? size : 1);
  if (size)
    memcpy(json, data, size);
  GError *error = NULL;
  rsk_taxonomy *taxonomy = rsk_taxonomy_load_data(json, size, "fuzz.json", &error);
  if (taxonomy) {
    g_assert(rsk_taxonomy_name(taxonomy) != NULL);
    g_assert(rsk_taxonomy_version(taxonomy) != NULL);
    for (guint i = 0; i < rsk_taxonomy_n_categories(taxonomy); i++) {
      const char *id = rsk_taxonomy_category_id(taxonomy, i);
      g_assert(id != NULL);
      g_assert(rsk_taxonomy_category_label(taxonomy, i) != NULL);
      g_assert(rsk_taxonomy_find_category(taxonomy, id) >= 0);
    }
    for (guint i = 0; i < rsk_taxonomy_n_regulations(taxonomy); i++) {
      const rsk_regulation_info *reg = rsk_taxonomy_regulation(taxonomy, i);
      g_assert(reg != NULL && reg->id != NULL);
      g_assert(rsk_taxonomy_find_regulation(taxonomy, reg->id) != NULL);
    }
    rsk_taxonomy_free(taxonomy);
  } else {
    g_assert(error != NULL && error->message != NULL);
    g_error_free(error);
  }
  free(json);
  check_as_file(data, size);
  return 0;
}
