/* taxonomy.c - load a taxonomy file (cJSON) and compile its patterns (PCRE2)
 *
 * The file format (ai-regulation.json is the reference):
 *
 *   {"name", "version", "description",
 *    "settings": {engine knobs, all optional},
 *    "macros": {"AI": "(?:\\bAI\\b|artificial intelligence)", ...},
 *    "categories": [{"id", "label", "description",
 *                    "rules": [{"id", "pattern", "weight", "where": ["heading","body"],
 *                               "requires": [...], "unless": [...], "near": N,
 *                               "list_weight": W}]}],
 *    "regulations": [{"id", "name", "name_zh", "short", "aliases", "authority",
 *                     "date", "jurisdiction", "categories": [...], "weight",
 *                     "patterns": ["regex" or {rule without weight}]}]}
 *
 * "{{NAME}}" in any pattern is replaced by the macro NAME in a non-capturing
 * group before compiling. Patterns are UTF-8 and caseless unless a rule says
 * "case": true.
 *
 * Loading validates everything and collects every problem (not only the
 * first), so "riskscope taxonomy check" can list them all. It takes time
 * linear in the file: ids are checked for repeats and macros looked up
 * through hash tables, never by scanning what came before (a 100,000-rule
 * file would otherwise take minutes). Each message names
 * the file, the category or regulation, the pattern and, for a regex error,
 * the offset in it. Unknown fields are errors: a misspelt "requries" would
 * otherwise silently disable a guard.
 *
 * SPDX-License-Identifier: MIT
 */
#include "taxonomy_private.h"
#include "hanzi_fold.h"
#include "pattern_cache.h"
#include "rsk_error.h"

#include <cjson/cJSON.h>
#include <string.h>

extern const char rsk_taxonomy_default_json[];
extern const unsigned long rsk_taxonomy_default_json_len;

#define BUILTIN_ORIGIN "built-in ai-regulation.json"
#define MAX_ERRORS 100

typedef struct {
  const char *origin;
  GPtrArray *errors;          /* char * */
  GPtrArray *warnings;        /* char *, handed to the taxonomy */
  GHashTable *macros;         /* name -> value, borrowed from the document */
  gboolean validate_only;     /* taxonomy check: no JIT, nothing is matched */
  rsk_prefilter_reader *filters;   /* into the taxonomy's literals */
  rsk_pattern_cache *cache;   /* compiled patterns of earlier runs, or NULL */
  guint n_patterns;           /* compiled so far */
} loader;

static void add_error(loader *ld, const char *format, ...) G_GNUC_PRINTF(2, 3);
static void add_warning(loader *ld, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Adds "ORIGIN: message" to TO (when collected), up to MAX_ERRORS. */
static void add_message(GPtrArray *to, const char *origin, const char *format,
                        va_list args) G_GNUC_PRINTF(3, 0);

static void add_message(GPtrArray *to, const char *origin, const char *format,
                        va_list args)
{
  if (!to || to->len >= MAX_ERRORS)
    return;
  g_autofree char *msg = g_strdup_vprintf(format, args);
  g_ptr_array_add(to, g_strdup_printf("%s: %s", origin, msg));
}

static void add_warning(loader *ld, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  add_message(ld->warnings, ld->origin, format, args);
  va_end(args);
}

static void add_error(loader *ld, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  add_message(ld->errors, ld->origin, format, args);
  va_end(args);
}


/* ------------------------------------------------------------------ */
/* Freeing                                                             */

static void regex_clear(rsk_regex *re)
{
  g_clear_pointer(&re->code, pcre2_code_free);
  g_clear_pointer(&re->filter, rsk_prefilter_free);
  g_clear_pointer(&re->source, g_free);
}

static void regex_free(gpointer p)
{
  rsk_regex *re = p;
  if (!re)
    return;
  regex_clear(re);
  g_free(re);
}

void rsk_rule_free(rsk_rule *rule)
{
  if (!rule)
    return;
  g_free(rule->id);
  regex_clear(&rule->main);
  g_clear_pointer(&rule->requires, g_ptr_array_unref);
  g_clear_pointer(&rule->unless, g_ptr_array_unref);
  g_free(rule);
}

static void category_free(gpointer p)
{
  rsk_category *cat = p;
  if (!cat)
    return;
  g_free(cat->id);
  g_free(cat->label);
  g_free(cat->description);
  g_clear_pointer(&cat->rules, g_ptr_array_unref);
  g_free(cat);
}

static void regulation_free(gpointer p)
{
  rsk_regulation *reg = p;
  if (!reg)
    return;
  g_free((char *)reg->info.id);
  g_free((char *)reg->info.name);
  g_free((char *)reg->info.name_zh);
  g_free((char *)reg->info.short_name);
  g_free((char *)reg->info.authority);
  g_free((char *)reg->info.date);
  g_free((char *)reg->info.jurisdiction);
  g_strfreev((char **)reg->info.aliases);
  g_strfreev((char **)reg->info.categories);
  g_clear_pointer(&reg->rules, g_ptr_array_unref);
  g_clear_pointer(&reg->category_index, g_array_unref);
  g_free(reg);
}

void rsk_taxonomy_free(rsk_taxonomy *taxonomy)
{
  if (!taxonomy)
    return;
  g_free(taxonomy->origin);
  g_free(taxonomy->name);
  g_free(taxonomy->version);
  g_free(taxonomy->description);
  g_clear_pointer(&taxonomy->categories, g_ptr_array_unref);
  g_clear_pointer(&taxonomy->regulations, g_ptr_array_unref);
  g_clear_pointer(&taxonomy->category_ids, g_hash_table_unref);
  g_clear_pointer(&taxonomy->regulation_ids, g_hash_table_unref);
  g_clear_pointer(&taxonomy->warnings, g_ptr_array_unref);
  g_clear_pointer(&taxonomy->match_context, pcre2_match_context_free);
  g_clear_pointer(&taxonomy->literals, rsk_literals_free);
  g_free(taxonomy);
}

/* ------------------------------------------------------------------ */
/* Field helpers                                                       */

static gboolean check_keys(loader *ld, const cJSON *obj, const char *where,
                           const char *const *known)
{
  gboolean ok = TRUE;
  for (const cJSON *it = obj->child; it; it = it->next) {
    gboolean found = FALSE;
    for (const char *const *k = known; *k; k++)
      found = found || g_strcmp0(it->string, *k) == 0;
    if (!found) {
      add_error(ld, "%sunknown field \"%s\"", where, it->string ? it->string : "");
      ok = FALSE;
    }
  }
  return ok;
}

/* Returns a copy of string field KEY; "" when absent and optional. */
static char *get_string(loader *ld, const cJSON *obj, const char *key,
                        gboolean required, const char *where)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!item) {
    if (required)
      add_error(ld, "%smissing \"%s\"", where, key);
    return g_strdup("");
  }
  if (!cJSON_IsString(item)) {
    add_error(ld, "%s\"%s\" must be a string", where, key);
    return g_strdup("");
  }
  return g_strdup(item->valuestring);
}

static double get_number(loader *ld, const cJSON *obj, const char *key,
                         double fallback, const char *where)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!item)
    return fallback;
  if (!cJSON_IsNumber(item)) {
    add_error(ld, "%s\"%s\" must be a number", where, key);
    return fallback;
  }
  return item->valuedouble;
}

/* A NULL-terminated copy of an array of strings (absent: empty). */
static char **get_strv(loader *ld, const cJSON *obj, const char *key, const char *where)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
  GPtrArray *out = g_ptr_array_new();
  if (arr && !cJSON_IsArray(arr)) {
    add_error(ld, "%s\"%s\" must be an array of strings", where, key);
    arr = NULL;
  }
  for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next) {
    if (cJSON_IsString(it))
      g_ptr_array_add(out, g_strdup(it->valuestring));
    else
      add_error(ld, "%s\"%s\" must be an array of strings", where, key);
  }
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Patterns                                                            */

/* Replaces {{NAME}} by (?:macro). Returns NULL (and reports) on an unknown
 * macro. */
static char *expand_macros(loader *ld, const char *source, const char *where)
{
  if (!strstr(source, "{{"))
    return g_strdup(source);
  GString *out = g_string_new(NULL);
  const char *p = source;
  while (*p) {
    const char *open = strstr(p, "{{");
    const char *close = open ? strstr(open + 2, "}}") : NULL;
    if (!open || !close) {
      g_string_append(out, p);
      break;
    }
    g_string_append_len(out, p, open - p);
    g_autofree char *name = g_strndup(open + 2, close - open - 2);
    const char *m = ld->macros ? g_hash_table_lookup(ld->macros, name) : NULL;
    if (!m) {
      add_error(ld, "%sunknown macro \"{{%s}}\" at offset %d", where, name,
                (int)(open - source));
      g_string_free(out, TRUE);
      return NULL;
    }
    g_string_append_printf(out, "(?:%s)", m);
    p = close + 2;
  }
  return g_string_free(out, FALSE);
}

/* Texts no sensible pattern matches all of: a pattern that does matches
 * any text (".*", "\\w*", "a|"), and tags every risk factor. */
static const char *const probes[] = {"", "zq", "0", "~", "\xe4\xb8\x80"};

/* Warns (when checking) about a pattern that matches the empty string or
 * every probe: its rule would fire everywhere (or, as an "unless",
 * nowhere). TRUE when it matches the empty text. */
static gboolean warn_matches_anything(loader *ld, const rsk_regex *re,
                                      const char *where)
{
  if (!ld->validate_only || !re->code)
    return FALSE;
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
  guint hits = 0;
  gboolean empty = FALSE;
  for (guint k = 0; k < G_N_ELEMENTS(probes); k++) {
    int rc = pcre2_match(re->code, (PCRE2_SPTR)probes[k], strlen(probes[k]),
                         0, 0, md, NULL);
    if (rc >= 0) {
      hits++;
      empty |= k == 0;
    }
  }
  pcre2_match_data_free(md);
  if (empty)
    add_warning(ld, "%swarning: \"%s\" matches the empty string, so it "
                "matches any text", where, re->source);
  else if (hits == G_N_ELEMENTS(probes) - 1)
    add_warning(ld, "%swarning: \"%s\" matches any text", where,
                re->source);
  return empty;
}

/* TRUE when RE matches somewhere in TEXT without consuming a character. */
static gboolean empty_match_in(const pcre2_code *re, const char *text,
                               pcre2_match_data *md, pcre2_match_context *mc)
{
  PCRE2_SIZE len = strlen(text), start = 0;
  while (start <= len) {
    if (pcre2_match(re, (PCRE2_SPTR)text, len, start, 0, md, mc) < 0)
      return FALSE;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[0] == ov[1])
      return TRUE;
    start = ov[1];
  }
  return FALSE;
}

/* A pattern that can match without consuming a character: "a*", "\\b" or
 * "x|" (PCRE2's lower bound on a subject that matches is 0), or a lookahead
 * alone, "(?=AI)", which needs text to match but takes none of it: that
 * one shows by matching the pattern against its own words and a sentence
 * of filing prose. Only taxonomy check runs this (see validate_only). */
static gboolean can_match_empty(const rsk_regex *re)
{
  static const char prose[] =
      "We may be subject to new AI laws, export controls and data rules "
      "that could harm our business.";
  guint32 min_length = 1;
  if (pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &min_length) == 0 &&
      min_length == 0)
    return TRUE;
  pcre2_match_data *md = pcre2_match_data_create(1, NULL);
  pcre2_match_context *mc = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(mc, 100000);
  gboolean empty = empty_match_in(re->code, re->source, md, mc) ||
                   empty_match_in(re->code, prose, md, mc);
  pcre2_match_context_free(mc);
  pcre2_match_data_free(md);
  return empty;
}

/* The classifier never takes an empty match as evidence, so a pattern that
 * can match the empty string matches less than its author thinks. */
static void warn_if_empty_match(loader *ld, const rsk_regex *re, const char *where)
{
  if (ld->validate_only && re->code && can_match_empty(re))
    add_warning(ld, "%swarning: \"%s\" can match the empty string; empty matches "
                "are never evidence: make it match at least one character",
                where, re->source);
}

/* WHOLE_TEXT: the pattern is matched over a whole heading or body, not over
 * a window of one (as requires and unless are); see prefilter.h. */
static gboolean compile_regex(loader *ld, rsk_regex *re, const char *source,
                              gboolean caseless, gboolean jit, gboolean whole_text,
                              const char *where)
{
  re->source = g_strdup(source);
  g_autofree char *expanded = expand_macros(ld, source, where);
  if (!expanded)
    return FALSE;
  gboolean macro = strcmp(expanded, source) != 0;
  /* Text is matched folded to simplified characters (hanzi_fold.h): a
   * traditional character in a pattern is folded too, or it could never
   * match. The length is unchanged, and so are error offsets. */
  g_autofree char *folded = rsk_hanzi_fold(expanded, strlen(expanded));
  if (folded) {
    g_free(expanded);
    expanded = g_steal_pointer(&folded);
  }
  int code = 0;
  PCRE2_SIZE offset = 0;
  guint32 options = PCRE2_UTF | (caseless ? PCRE2_CASELESS : 0);
  /* The cache matches a code by this text and these options only: were a
   * compile context ever passed below, its settings would have to join
   * them (pattern_cache.c). */
  re->code = rsk_pattern_cache_take(ld->cache, ld->n_patterns++, expanded, options);
  if (!re->code)
    re->code = pcre2_compile((PCRE2_SPTR)expanded, PCRE2_ZERO_TERMINATED, options,
                             &code, &offset, NULL);
  if (re->code)
    rsk_pattern_cache_add(ld->cache, expanded, options, re->code);
  if (!re->code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    add_error(ld, "%s%s at offset %d%s", where, (const char *)msg, (int)offset,
              macro ? " (after expanding {{macros}})" : "");
    return FALSE;
  }
  /* JIT is an optimisation: when it is unavailable (no JIT support on this
   * CPU, or SELinux forbids executable memory) pcre2_match() interprets.
   * The classifier compiles it before the pattern's first match: a run
   * uses only the patterns whose literals its texts contain. */
  re->jit = jit;
  if (ld->filters)
    re->filter = rsk_prefilter_read(ld->filters, expanded, whole_text);
  /* A pattern over a whole text (a rule's own) that matches the empty
   * text is warned about once, above; one that merely can is warned here. */
  if (!warn_matches_anything(ld, re, where) && whole_text)
    warn_if_empty_match(ld, re, where);
  return TRUE;
}

/* Ids are written in commands and exports: lower case, digits, '_', '.',
 * '-', starting with a letter ("ai.output_risk", "heading-ai-rules"). */
static gboolean good_id(const char *id)
{
  if (!g_ascii_islower(id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && !strchr("_.-", *p))
      return FALSE;
  return TRUE;
}

static void warn_bad_id(loader *ld, const char *where, const char *what,
                        const char *id)
{
  if (*id && !good_id(id))
    add_warning(ld, "%swarning: %s id \"%s\" is not of the form "
                "^[a-z][a-z0-9_.-]*$", where, what, id);
}

static const char *const rule_keys[] = {"id", "pattern", "weight", "where", "requires",
                                        "unless", "near", "list_weight", "case",
                                        "comment", NULL};

/* Parses one rule (an object, or for regulations also a bare string).
 * WHERE_PREFIX names the owner ("category \"x\": "); N is 1-based. */
static rsk_rule *parse_rule(loader *ld, const rsk_settings *settings, const cJSON *json,
                            const char *where_prefix, guint n, double default_weight)
{
  /* Messages name the rule by its id when it has one. */
  const cJSON *id = cJSON_IsObject(json) ? cJSON_GetObjectItemCaseSensitive(json, "id")
                                         : NULL;
  g_autofree char *where =
      cJSON_IsString(id) && *id->valuestring
          ? g_strdup_printf("%srule \"%s\" (pattern %u): ", where_prefix,
                            id->valuestring, n)
          : g_strdup_printf("%spattern %u: ", where_prefix, n);
  rsk_rule *rule = g_new0(rsk_rule, 1);
  rule->requires = g_ptr_array_new_with_free_func(regex_free);
  rule->unless = g_ptr_array_new_with_free_func(regex_free);
  rule->where = RSK_WHERE_HEADING | RSK_WHERE_BODY;
  rule->weight = default_weight;
  gboolean ok = TRUE;

  if (cJSON_IsString(json)) {
    rule->id = g_strdup_printf("p%u", n);
    ok = compile_regex(ld, &rule->main, json->valuestring, TRUE, settings->jit, TRUE,
                       where);
    rule->list_weight = rule->weight;
    if (!ok) {
      rsk_rule_free(rule);
      return NULL;
    }
    return rule;
  }
  if (!cJSON_IsObject(json)) {
    add_error(ld, "%smust be an object or a string", where);
    rsk_rule_free(rule);
    return NULL;
  }
  ok = check_keys(ld, json, where, rule_keys);
  rule->id = get_string(ld, json, "id", FALSE, where);
  warn_bad_id(ld, where, "rule", rule->id);
  if (!*rule->id) {
    g_free(rule->id);
    rule->id = g_strdup_printf("p%u", n);
  }
  const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(json, "pattern");
  gboolean caseless = !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(json, "case"));
  if (!pattern) {
    add_error(ld, "%smissing \"pattern\"", where);
    ok = FALSE;
  } else if (!cJSON_IsString(pattern) || !*pattern->valuestring) {
    add_error(ld, "%s\"pattern\" must be a non-empty string", where);
    ok = FALSE;
  } else {
    ok = compile_regex(ld, &rule->main, pattern->valuestring, caseless, settings->jit,
                       TRUE, where) && ok;
  }
  rule->weight = get_number(ld, json, "weight", default_weight, where);
  if (rule->weight < 0) {
    add_error(ld, "%s\"weight\" must not be negative", where);
    ok = FALSE;
  }
  rule->list_weight = get_number(ld, json, "list_weight",
                                 rule->weight * settings->list_factor, where);
  double near = get_number(ld, json, "near", 0, where);
  if (near >= 0 && near <= 100000) {
    rule->near = (guint)near;
  } else {
    add_error(ld, "%s\"near\" must be between 0 and 100000", where);
    ok = FALSE;
  }

  const cJSON *w = cJSON_GetObjectItemCaseSensitive(json, "where");
  if (w) {
    rule->where = 0;
    if (!cJSON_IsArray(w))
      add_error(ld, "%s\"where\" must be an array", where), ok = FALSE;
    for (const cJSON *it = w ? w->child : NULL; it; it = it->next) {
      if (cJSON_IsString(it) && strcmp(it->valuestring, "heading") == 0)
        rule->where |= RSK_WHERE_HEADING;
      else if (cJSON_IsString(it) && strcmp(it->valuestring, "body") == 0)
        rule->where |= RSK_WHERE_BODY;
      else
        add_error(ld, "%s\"where\" items must be \"heading\" or \"body\"", where), ok = FALSE;
    }
    if (ok && rule->where == 0)
      add_error(ld, "%s\"where\" is empty", where), ok = FALSE;
  }

  static const char *const lists[] = {"requires", "unless"};
  for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(json, lists[l]);
    if (!arr)
      continue;
    if (cJSON_IsString(arr)) {   /* one pattern needs no array */
      rsk_regex *re = g_new0(rsk_regex, 1);
      g_autofree char *sub = g_strdup_printf("%s%s 1: ", where, lists[l]);
      ok = compile_regex(ld, re, arr->valuestring, caseless, settings->jit, FALSE,
                         sub) && ok;
      g_ptr_array_add(l == 0 ? rule->requires : rule->unless, re);
      continue;
    }
    if (!cJSON_IsArray(arr)) {
      add_error(ld, "%s\"%s\" must be an array of patterns", where, lists[l]);
      ok = FALSE;
      continue;
    }
    guint k = 0;
    for (const cJSON *it = arr->child; it; it = it->next) {
      k++;
      g_autofree char *sub = g_strdup_printf("%s%s %u: ", where, lists[l], k);
      if (!cJSON_IsString(it)) {
        add_error(ld, "%smust be a string", sub);
        ok = FALSE;
        continue;
      }
      rsk_regex *re = g_new0(rsk_regex, 1);
      ok = compile_regex(ld, re, it->valuestring, caseless, settings->jit, FALSE,
                         sub) && ok;
      g_ptr_array_add(l == 0 ? rule->requires : rule->unless, re);
    }
  }
  if (!ok) {
    rsk_rule_free(rule);
    return NULL;
  }
  return rule;
}

/* ------------------------------------------------------------------ */
/* Sections of the document                                            */

static void parse_settings(loader *ld, const cJSON *root, rsk_settings *s)
{
  *s = (rsk_settings){
    .heading_factor = 2.0,
    .heading_p = 1.0,
    .sentence_s = 1.0,
    .paragraph_p = 2.0,
    .paragraph_density = 0.5,
    .score_scale = 2.0,
    .list_factor = 0.4,
    .match_limit = 2000000,
    .depth_limit = 5000,
    .jit = TRUE,
  };
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "settings");
  if (!obj)
    return;
  if (!cJSON_IsObject(obj)) {
    add_error(ld, "\"settings\" must be an object");
    return;
  }
  static const char *const keys[] = {"heading_factor", "heading_p", "sentence_s",
                                     "paragraph_p", "paragraph_density", "score_scale",
                                     "list_factor", "match_limit", "depth_limit", "jit",
                                     "comment", NULL};
  check_keys(ld, obj, "settings: ", keys);
  const char *w = "settings: ";
  s->heading_factor = get_number(ld, obj, "heading_factor", s->heading_factor, w);
  s->heading_p = get_number(ld, obj, "heading_p", s->heading_p, w);
  s->sentence_s = get_number(ld, obj, "sentence_s", s->sentence_s, w);
  s->paragraph_p = get_number(ld, obj, "paragraph_p", s->paragraph_p, w);
  s->paragraph_density = get_number(ld, obj, "paragraph_density", s->paragraph_density, w);
  s->score_scale = get_number(ld, obj, "score_scale", s->score_scale, w);
  s->list_factor = get_number(ld, obj, "list_factor", s->list_factor, w);
  double ml = get_number(ld, obj, "match_limit", s->match_limit, w);
  double dl = get_number(ld, obj, "depth_limit", s->depth_limit, w);
  if (ml < 1 || ml > 4e9 || dl < 1 || dl > 4e9)
    add_error(ld, "settings: limits must be between 1 and 4e9");
  else
    s->match_limit = (guint32)ml, s->depth_limit = (guint32)dl;
  const cJSON *jit = cJSON_GetObjectItemCaseSensitive(obj, "jit");
  if (jit)
    s->jit = cJSON_IsTrue(jit);
  if (s->score_scale <= 0)
    add_error(ld, "settings: \"score_scale\" must be positive"), s->score_scale = 2.0;
}

static void parse_categories(loader *ld, rsk_taxonomy *tax, const cJSON *root)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "categories");
  if (!arr) {
    add_error(ld, "missing \"categories\"");
    return;
  }
  if (!cJSON_IsArray(arr)) {
    add_error(ld, "\"categories\" must be an array");
    return;
  }
  static const char *const keys[] = {"id", "label", "description", "rules", "comment", NULL};
  guint n = 0;
  for (const cJSON *c = arr->child; c; c = c->next) {
    n++;
    g_autofree char *where = g_strdup_printf("category %u: ", n);
    if (!cJSON_IsObject(c)) {
      add_error(ld, "%smust be an object", where);
      continue;
    }
    rsk_category *cat = g_new0(rsk_category, 1);
    cat->rules = g_ptr_array_new_with_free_func((GDestroyNotify)rsk_rule_free);
    cat->id = get_string(ld, c, "id", TRUE, where);
    if (*cat->id) {
      g_free(where);
      where = g_strdup_printf("category \"%s\": ", cat->id);
    }
    check_keys(ld, c, where, keys);
    warn_bad_id(ld, where, "category", cat->id);
    cat->label = get_string(ld, c, "label", FALSE, where);
    cat->description = get_string(ld, c, "description", FALSE, where);
    if (*cat->id && g_hash_table_contains(tax->category_ids, cat->id))
      add_error(ld, "%sduplicate category id", where);
    else if (*cat->id)
      g_hash_table_insert(tax->category_ids, cat->id,
                          GUINT_TO_POINTER(tax->categories->len + 1));
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(c, "rules");
    if (!rules)
      add_error(ld, "%smissing \"rules\"", where);
    else if (!cJSON_IsArray(rules))
      add_error(ld, "%s\"rules\" must be an array", where);
    guint k = 0;
    GHashTable *rule_ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (const cJSON *r = rules && cJSON_IsArray(rules) ? rules->child : NULL; r; r = r->next) {
      k++;
      rsk_rule *rule = parse_rule(ld, &tax->settings, r, where, k, 1.0);
      if (!rule)
        continue;
      if (!g_hash_table_add(rule_ids, rule->id))
        add_error(ld, "%spattern %u: duplicate rule id \"%s\"", where, k, rule->id);
      g_ptr_array_add(cat->rules, rule);
    }
    g_hash_table_unref(rule_ids);
    g_ptr_array_add(tax->categories, cat);
  }
  if (n == 0)
    add_warning(ld, "warning: no categories: nothing can be tagged");
}

static void parse_regulations(loader *ld, rsk_taxonomy *tax, const cJSON *root)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "regulations");
  if (!arr)
    return;   /* a taxonomy without a registry is fine */
  if (!cJSON_IsArray(arr)) {
    add_error(ld, "\"regulations\" must be an array");
    return;
  }
  static const char *const keys[] = {"id", "name", "name_zh", "short", "aliases",
                                     "authority", "date", "jurisdiction", "categories",
                                     "weight", "patterns", "comment", NULL};
  guint n = 0;
  for (const cJSON *c = arr->child; c; c = c->next) {
    n++;
    g_autofree char *where = g_strdup_printf("regulation %u: ", n);
    if (!cJSON_IsObject(c)) {
      add_error(ld, "%smust be an object", where);
      continue;
    }
    rsk_regulation *reg = g_new0(rsk_regulation, 1);
    reg->rules = g_ptr_array_new_with_free_func((GDestroyNotify)rsk_rule_free);
    reg->category_index = g_array_new(FALSE, FALSE, sizeof(guint));
    reg->info.id = get_string(ld, c, "id", TRUE, where);
    if (*reg->info.id) {
      g_free(where);
      where = g_strdup_printf("regulation \"%s\": ", reg->info.id);
    }
    check_keys(ld, c, where, keys);
    reg->info.name = get_string(ld, c, "name", TRUE, where);
    reg->info.name_zh = get_string(ld, c, "name_zh", FALSE, where);
    reg->info.short_name = get_string(ld, c, "short", FALSE, where);
    reg->info.authority = get_string(ld, c, "authority", FALSE, where);
    reg->info.date = get_string(ld, c, "date", FALSE, where);
    reg->info.jurisdiction = get_string(ld, c, "jurisdiction", FALSE, where);
    reg->info.aliases = (const char *const *)get_strv(ld, c, "aliases", where);
    reg->info.categories = (const char *const *)get_strv(ld, c, "categories", where);
    reg->weight = get_number(ld, c, "weight", 1.0, where);
    if (*reg->info.id && g_hash_table_contains(tax->regulation_ids, reg->info.id))
      add_error(ld, "%sduplicate regulation id", where);
    else if (*reg->info.id)
      g_hash_table_insert(tax->regulation_ids, (gpointer)reg->info.id, reg);
    for (const char *const *id = reg->info.categories; *id; id++) {
      int index = rsk_taxonomy_find_category(tax, *id);
      if (index < 0) {
        add_error(ld, "%sunknown category \"%s\"", where, *id);
        continue;
      }
      guint u = (guint)index;
      g_array_append_val(reg->category_index, u);
    }
    const cJSON *pats = cJSON_GetObjectItemCaseSensitive(c, "patterns");
    if (!pats)
      add_error(ld, "%smissing \"patterns\"", where);
    else if (!cJSON_IsArray(pats))
      add_error(ld, "%s\"patterns\" must be an array", where);
    guint k = 0;
    for (const cJSON *p = pats && cJSON_IsArray(pats) ? pats->child : NULL; p; p = p->next) {
      rsk_rule *rule = parse_rule(ld, &tax->settings, p, where, ++k, reg->weight);
      if (rule) {
        /* A named law counts in a list too: "GDPR, CCPA and PIPL" is S. */
        if (!cJSON_IsObject(p) || !cJSON_GetObjectItemCaseSensitive(p, "list_weight"))
          rule->list_weight = rule->weight;
        g_free(rule->id);
        rule->id = g_strdup_printf("%s#%u", reg->info.id, k);
        g_ptr_array_add(reg->rules, rule);
      }
    }
    g_ptr_array_add(tax->regulations, reg);
  }
}

/* Parses JSON into a taxonomy, collecting problems into LD->errors. Returns
 * the taxonomy even when there were errors (the caller frees it). */
static rsk_taxonomy *parse(loader *ld, const char *json, gsize len)
{
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
  if (!root) {
    /* Line and column of the byte where cJSON gave up. */
    gsize at = end && end >= json && end <= json + len ? (gsize)(end - json) : 0;
    int line = 1, column = 1;
    for (gsize i = 0; i < at; i++) {
      if (json[i] == '\n')
        line++, column = 1;
      else if (((unsigned char)json[i] & 0xC0) != 0x80)
        column++;
    }
    add_error(ld, "JSON syntax error at line %d, column %d", line, column);
    return NULL;
  }
  rsk_taxonomy *tax = g_new0(rsk_taxonomy, 1);
  tax->origin = g_strdup(ld->origin);
  tax->categories = g_ptr_array_new_with_free_func(category_free);
  tax->regulations = g_ptr_array_new_with_free_func(regulation_free);
  /* Keys are the ids the categories and regulations own. */
  tax->category_ids = g_hash_table_new(g_str_hash, g_str_equal);
  tax->regulation_ids = g_hash_table_new(g_str_hash, g_str_equal);
  tax->warnings = g_ptr_array_new_with_free_func(g_free);
  if (!cJSON_IsObject(root)) {
    add_error(ld, "the top level must be a JSON object");
    cJSON_Delete(root);
    return tax;
  }
  static const char *const keys[] = {"name", "version", "description", "settings",
                                     "macros", "categories", "regulations", "comment",
                                     NULL};
  check_keys(ld, root, "", keys);
  tax->name = get_string(ld, root, "name", TRUE, "");
  tax->version = get_string(ld, root, "version", TRUE, "");
  tax->description = get_string(ld, root, "description", FALSE, "");
  const cJSON *macros = cJSON_GetObjectItemCaseSensitive(root, "macros");
  if (macros && !cJSON_IsObject(macros)) {
    add_error(ld, "\"macros\" must be an object");
    macros = NULL;
  }
  ld->macros = g_hash_table_new(g_str_hash, g_str_equal);
  for (const cJSON *m = macros ? macros->child : NULL; m; m = m->next)
    if (m->string && cJSON_IsString(m) && !g_hash_table_contains(ld->macros, m->string))
      g_hash_table_insert(ld->macros, m->string, m->valuestring);  /* first wins */
  parse_settings(ld, root, &tax->settings);
  /* JIT compiling costs more than validating, and PCRE2's JIT allocator
   * grows worse than linearly over tens of thousands of patterns. */
  if (ld->validate_only)
    tax->settings.jit = FALSE;
  tax->literals = rsk_literals_new();
  ld->filters = rsk_prefilter_reader_new(tax->literals);
  parse_categories(ld, tax, root);
  parse_regulations(ld, tax, root);
  g_clear_pointer(&ld->filters, rsk_prefilter_reader_free);
  rsk_literals_compile(tax->literals);

  tax->match_context = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(tax->match_context, tax->settings.match_limit);
  pcre2_set_depth_limit(tax->match_context, tax->settings.depth_limit);
  g_clear_pointer(&ld->macros, g_hash_table_unref);
  cJSON_Delete(root);
  return tax;
}

static GPtrArray *run_parse(const char *json, gsize len, const char *origin,
                            gboolean validate_only, rsk_taxonomy **out)
{
  loader ld = {.origin = origin, .errors = g_ptr_array_new_with_free_func(g_free),
               .warnings = g_ptr_array_new_with_free_func(g_free),
               .validate_only = validate_only,
               /* taxonomy check compiles without JIT and keeps no cache */
               .cache = validate_only ? NULL : rsk_pattern_cache_open(json, len)};
  rsk_taxonomy *tax = parse(&ld, json, len);
  if (ld.errors->len == 0)
    rsk_pattern_cache_save(ld.cache);
  if (tax) {
    tax->patterns_cached = rsk_pattern_cache_hits(ld.cache);
    g_ptr_array_unref(tax->warnings);
    tax->warnings = g_steal_pointer(&ld.warnings);
  }
  g_clear_pointer(&ld.warnings, g_ptr_array_unref);
  rsk_pattern_cache_free(ld.cache);
  if (out)
    *out = tax;
  else
    rsk_taxonomy_free(tax);
  return ld.errors;
}

rsk_taxonomy *rsk_taxonomy_load_data(const char *json, gsize len, const char *origin,
                                     GError **error)
{
  rsk_taxonomy *tax = NULL;
  g_autoptr(GPtrArray) errors = run_parse(json, len, origin, FALSE, &tax);
  if (errors->len == 0)
    return tax;
  rsk_taxonomy_free(tax);
  g_ptr_array_add(errors, NULL);
  g_autofree char *joined = g_strjoinv("\n", (char **)errors->pdata);
  g_set_error_literal(error, RSK_ERROR, RSK_ERROR_TAXONOMY, joined);
  return NULL;
}

/* Reads PATH or the built-in text. */
static gboolean read_source(const char *path, char **contents, gsize *len,
                            const char **origin, GError **error)
{
  if (!path) {
    *contents = g_memdup2(rsk_taxonomy_default_json, rsk_taxonomy_default_json_len + 1);
    *len = rsk_taxonomy_default_json_len;
    *origin = BUILTIN_ORIGIN;
    return TRUE;
  }
  *origin = path;
  g_autoptr(GError) io = NULL;
  if (!g_file_get_contents(path, contents, len, &io)) {
    rsk_error_set_io(error, path, io);
    return FALSE;
  }
  return TRUE;
}

rsk_taxonomy *rsk_taxonomy_load(const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *origin = NULL;
  if (!read_source(path, &contents, &len, &origin, error))
    return NULL;
  return rsk_taxonomy_load_data(contents, len, origin, error);
}

GPtrArray *rsk_taxonomy_check(const char *path, GPtrArray **warnings, rsk_taxonomy **taxonomy)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *origin = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *errors = NULL;
  rsk_taxonomy *tax = NULL;
  if (!read_source(path, &contents, &len, &origin, &error)) {
    errors = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(errors, g_strdup(error->message));
  } else {
    errors = run_parse(contents, len, origin, TRUE, &tax);
  }
  if (warnings)
    *warnings = tax ? g_ptr_array_ref(tax->warnings) : g_ptr_array_new_with_free_func(g_free);
  if (taxonomy && errors->len == 0)
    *taxonomy = g_steal_pointer(&tax);
  rsk_taxonomy_free(tax);
  return errors;
}

rsk_taxonomy *rsk_taxonomy_load_checked(const char *path, GPtrArray **errors)
{
  rsk_taxonomy *tax = NULL;
  *errors = rsk_taxonomy_check(path, NULL, &tax);
  return tax;
}

const GPtrArray *rsk_taxonomy_warnings(const rsk_taxonomy *t)
{
  return t->warnings;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

const char *rsk_taxonomy_name(const rsk_taxonomy *t) { return t->name; }
const char *rsk_taxonomy_version(const rsk_taxonomy *t) { return t->version; }
const char *rsk_taxonomy_origin(const rsk_taxonomy *t) { return t->origin; }
guint rsk_taxonomy_n_categories(const rsk_taxonomy *t) { return t->categories->len; }

static const rsk_category *category_at(const rsk_taxonomy *t, guint i)
{
  g_return_val_if_fail(i < t->categories->len, NULL);
  return g_ptr_array_index(t->categories, i);
}

const char *rsk_taxonomy_category_id(const rsk_taxonomy *t, guint i)
{
  const rsk_category *c = category_at(t, i);
  return c ? c->id : "";
}

const char *rsk_taxonomy_category_label(const rsk_taxonomy *t, guint i)
{
  const rsk_category *c = category_at(t, i);
  return c ? c->label : "";
}

guint rsk_taxonomy_category_n_rules(const rsk_taxonomy *t, guint i)
{
  const rsk_category *c = category_at(t, i);
  return c ? c->rules->len : 0;
}

int rsk_taxonomy_find_category(const rsk_taxonomy *t, const char *id)
{
  gpointer index = id ? g_hash_table_lookup(t->category_ids, id) : NULL;
  return index ? (int)GPOINTER_TO_UINT(index) - 1 : -1;
}

guint rsk_taxonomy_n_regulations(const rsk_taxonomy *t) { return t->regulations->len; }

const rsk_regulation_info *rsk_taxonomy_regulation(const rsk_taxonomy *t, guint i)
{
  g_return_val_if_fail(i < t->regulations->len, NULL);
  const rsk_regulation *r = g_ptr_array_index(t->regulations, i);
  return &r->info;
}

const rsk_regulation_info *rsk_taxonomy_find_regulation(const rsk_taxonomy *t, const char *id)
{
  const rsk_regulation *r = id ? g_hash_table_lookup(t->regulation_ids, id) : NULL;
  return r ? &r->info : NULL;
}

guint rsk_taxonomy_limit_hits(const rsk_taxonomy *t)
{
  return (guint)g_atomic_int_get(&((rsk_taxonomy *)t)->limit_hits);
}
