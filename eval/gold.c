/* gold.c - read a gold JSON Lines file (LABELING.md, "Gold files")
 *
 * SPDX-License-Identifier: MIT
 */
#include "evalset.h"

#include "rsk_error.h"

#include <cjson/cJSON.h>
#include <string.h>

static gboolean fail(GError **error, const char *origin, int line,
                     const char *what)
{
  g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE, "%s: line %d: %s", origin,
              line, what);
  return FALSE;
}

static const char *string_field(const cJSON *object, const char *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static gboolean int_field(const cJSON *object, const char *name, int *value)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
  if (!cJSON_IsNumber(item))
    return FALSE;
  *value = item->valueint;
  return TRUE;
}

/* Adds the item on one JSON line to SET. */
static gboolean parse_line(rsk_eval_set *set, const char *text, gsize len,
                           const char *origin, int line, GError **error)
{
  cJSON *json = cJSON_ParseWithLength(text, len);
  if (!json)
    return fail(error, origin, line, "not valid JSON");

  gboolean ok = FALSE;
  int ordinal = 0, page = 0;
  const char *doc = string_field(json, "doc");
  const char *heading = string_field(json, "heading");
  const char *section = string_field(json, "section");
  const cJSON *labels = cJSON_GetObjectItemCaseSensitive(json, "labels");
  GArray *found = g_array_new(FALSE, TRUE, sizeof(rsk_eval_label));

  if (!cJSON_IsObject(json)) {
    fail(error, origin, line, "not a JSON object");
    goto out;
  }
  if (!doc || !heading) {
    fail(error, origin, line, "\"doc\" and \"heading\" must be strings");
    goto out;
  }
  if (!int_field(json, "ordinal", &ordinal) || !int_field(json, "page", &page)) {
    fail(error, origin, line, "\"ordinal\" and \"page\" must be numbers");
    goto out;
  }
  if (labels && !cJSON_IsObject(labels)) {
    fail(error, origin, line, "\"labels\" must be an object");
    goto out;
  }
  if (*set->doc == '\0') {
    g_free(set->doc);
    set->doc = g_strdup(doc);
  } else if (strcmp(set->doc, doc) != 0) {
    g_autofree char *what = g_strdup_printf(
        "\"doc\" is \"%s\" but earlier lines name \"%s\"", doc, set->doc);
    fail(error, origin, line, what);
    goto out;
  }
  const cJSON *label;
  cJSON_ArrayForEach(label, labels) {
    const char *s = cJSON_IsString(label) ? label->valuestring : "";
    if (strcmp(s, "P") != 0 && strcmp(s, "S") != 0 && strcmp(s, "M") != 0) {
      g_autofree char *what = g_strdup_printf(
          "label \"%s\" must be \"P\", \"S\" or \"M\"", label->string);
      fail(error, origin, line, what);
      goto out;
    }
    rsk_eval_label l = {.category = label->string, .strength = s[0]};
    g_array_append_val(found, l);
  }
  rsk_eval_set_add(set, ordinal, page, section, heading,
                   (const rsk_eval_label *)found->data, found->len);
  /* No "labels" key: a line for segmentation only. */
  g_array_index(set->items, rsk_eval_item, set->items->len - 1).unlabelled = labels == NULL;
  ok = TRUE;
out:
  g_array_unref(found);
  cJSON_Delete(json);
  return ok;
}

rsk_eval_set *rsk_eval_gold_parse(const char *text, gsize len,
                                  const char *origin, GError **error)
{
  rsk_eval_set *set = rsk_eval_set_new(origin, "");
  const char *end = text + len;
  int line = 0;
  for (const char *p = text; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    line++;
    const char *q = p;
    while (q < stop && g_ascii_isspace(*q))
      q++;
    if (q < stop && !parse_line(set, q, (gsize)(stop - q), origin, line, error)) {
      rsk_eval_set_free(set);
      return NULL;
    }
    p = nl ? nl + 1 : end;
  }
  if (set->items->len == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_USAGE, "%s: no risk factors", origin);
    rsk_eval_set_free(set);
    return NULL;
  }
  return set;
}

rsk_eval_set *rsk_eval_gold_load(const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) io = NULL;
  if (!g_file_get_contents(path, &text, &len, &io)) {
    rsk_error_set_io(error, path, io);
    return NULL;
  }
  return rsk_eval_gold_parse(text, len, path, error);
}
