/* diff_format.c - a diff of two filings as text or JSON
 *
 * SPDX-License-Identifier: MIT
 */
#include "diff_format.h"

#include "escape.h"
#include "export_text.h"
#include "redline.h"

#include <string.h>

static void count_into(GArray *cats, const rsk_diff_item *items, guint n,
                       gboolean side_b)
{
  for (guint i = 0; i < n; i++) {
    for (guint k = 0; k < items[i].n_categories; k++) {
      const char *id = items[i].categories[k];
      rsk_diff_category *found = NULL;
      for (guint q = 0; q < cats->len && !found; q++) {
        rsk_diff_category *c = &g_array_index(cats, rsk_diff_category, q);
        if (strcmp(c->category, id) == 0)
          found = c;
      }
      if (!found) {
        rsk_diff_category c = {id, 0, 0};
        g_array_append_val(cats, c);
        found = &g_array_index(cats, rsk_diff_category, cats->len - 1);
      }
      if (side_b)
        found->b++;
      else
        found->a++;
    }
  }
}

GArray *rsk_diff_categories(const rsk_diff_item *a, guint n_a,
                            const rsk_diff_item *b, guint n_b)
{
  GArray *cats = g_array_new(FALSE, FALSE, sizeof(rsk_diff_category));
  count_into(cats, a, n_a, FALSE);
  count_into(cats, b, n_b, TRUE);
  return cats;
}

/* --- Text ------------------------------------------------------------ */

typedef struct {
  GString *out;
  const rsk_diff_text_options *o;
  int width;
} text_ctx;

static void append_pages(GString *out, const rsk_diff_item *item)
{
  if (item->page_end > item->page_start)
    g_string_append_printf(out, "p. %d-%d", item->page_start, item->page_end);
  else
    g_string_append_printf(out, "p. %d", item->page_start);
}

static void append_list(GString *out, const GPtrArray *ids)
{
  for (guint k = 0; k < ids->len; k++) {
    if (k)
      g_string_append(out, ", ");
    g_string_append(out, g_ptr_array_index(ids, k));
  }
}

/* "EU-AIACT (EU AI Act), US-AI-EO (AI Executive Order)". */
static void append_regulations(GString *out, const text_ctx *t,
                               const char *const *ids, guint n)
{
  for (guint k = 0; k < n; k++) {
    const char *name = t->o->regulation_names
                           ? g_hash_table_lookup(t->o->regulation_names, ids[k])
                           : NULL;
    g_string_append_printf(out, "%s%s", k ? ", " : "", ids[k]);
    if (name)
      g_string_append_printf(out, " (%s)", name);
  }
}

/* Wraps LINE with its first line at FIRST columns and the rest at REST. */
static void emit(const text_ctx *t, const char *line, int first, int rest)
{
  rsk_text_wrap_hanging(t->out, line, first, rest, t->width);
}

static const rsk_diff_evidence *evidence_for(const rsk_diff_item *item,
                                             const char *category)
{
  for (guint k = 0; item->evidence && k < item->n_categories; k++)
    if (strcmp(item->categories[k], category) == 0)
      return &item->evidence[k];
  return NULL;
}

/* Under a list of tags that moved, each one's first evidence:
 * "+ data.privacy (P): "GDPR and the CCPA" p. 31". */
static void text_evidence(const text_ctx *t, char sign, const GPtrArray *ids,
                          const rsk_diff_item *item)
{
  for (guint k = 0; item && k < ids->len; k++) {
    const rsk_diff_evidence *ev = evidence_for(item, g_ptr_array_index(ids, k));
    if (!ev || !ev->text)
      continue;
    g_autofree char *quote = g_strdup(ev->text);
    for (char *p = quote; *p; p++)
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    g_autofree char *line = g_strdup_printf(
        "%c %s (%c): \"%s\" p. %d", sign,
        (const char *)g_ptr_array_index(ids, k), ev->strength ? ev->strength : '?',
        quote, ev->page);
    emit(t, line, 8, 12);
  }
}

static void text_tag_moves(const text_ctx *t, const rsk_diff_entry *e,
                           const rsk_diff_item *x, const rsk_diff_item *y)
{
  GString *line = g_string_new(NULL);
  if (e->regulations_gained->len) {
    g_string_assign(line, "regulations gained: ");
    append_regulations(line, t, (const char *const *)e->regulations_gained->pdata,
                       e->regulations_gained->len);
    emit(t, line->str, 6, 8);
  }
  if (e->regulations_lost->len) {
    g_string_assign(line, "regulations lost: ");
    append_regulations(line, t, (const char *const *)e->regulations_lost->pdata,
                       e->regulations_lost->len);
    emit(t, line->str, 6, 8);
  }
  if (e->tags_gained->len || e->tags_lost->len) {
    g_string_assign(line, "tags:");
    if (e->tags_gained->len) {
      g_string_append(line, " gained ");
      append_list(line, e->tags_gained);
    }
    if (e->tags_lost->len) {
      g_string_append(line, e->tags_gained->len ? "; lost " : " lost ");
      append_list(line, e->tags_lost);
    }
    emit(t, line->str, 6, 8);
    text_evidence(t, '+', e->tags_gained, y);
    text_evidence(t, '-', e->tags_lost, x);
  }
  g_string_free(line, TRUE);
}

static void text_redline(const text_ctx *t, const rsk_diff_item *x,
                         const rsk_diff_item *y)
{
  if (!t->o->redline)
    return;
  rsk_redline *r = rsk_redline_compute(x->body, y->body);
  guint n = rsk_redline_n_changes(r);
  if (n) {
    g_string_append_printf(t->out,
        "      redline: %u change%s, %u word%s struck, %u put in\n", n,
        n == 1 ? "" : "s", rsk_redline_words_deleted(r),
        rsk_redline_words_deleted(r) == 1 ? "" : "s",
        rsk_redline_words_inserted(r));
    guint left = rsk_redline_write_text(t->out, r, t->o->context ? t->o->context : 6,
                                        t->o->max_hunks, 8, t->width);
    if (left)
      g_string_append_printf(t->out, "        ... and %u more change%s"
                             " (--full shows every change)\n", left,
                             left == 1 ? "" : "s");
  }
  rsk_redline_free(r);
}

static void text_single(const text_ctx *t, const rsk_diff_entry *e,
                        const rsk_diff_item *item, char mark)
{
  GString *line = g_string_new(NULL);
  gboolean added = mark == '+';
  g_string_printf(line, "%c #%d (", mark, item->ordinal);
  append_pages(line, item);
  g_string_append_printf(line, ") %s", item->heading);
  emit(t, line->str, 2, 6);
  if (item->n_categories) {
    g_string_printf(line, "tags %s: ", added ? "gained" : "lost");
    for (guint k = 0; k < item->n_categories; k++)
      g_string_append_printf(line, "%s%s", k ? ", " : "", item->categories[k]);
    emit(t, line->str, 6, 8);
    text_evidence(t, mark, added ? e->tags_gained : e->tags_lost, item);
  }
  if (item->n_regulations) {
    g_string_assign(line, added ? "regulations: " : "regulations lost: ");
    append_regulations(line, t, item->regulations, item->n_regulations);
    emit(t, line->str, 6, 8);
  }
  g_string_free(line, TRUE);
}

static void text_pair(const text_ctx *t, const rsk_diff_entry *e,
                      const rsk_diff_item *x, const rsk_diff_item *y)
{
  GString *line = g_string_new(NULL);
  g_string_append_printf(t->out, "  %c #%d -> #%d (",
                         e->kind == RSK_DIFF_UNCHANGED ? '=' : '~', x->ordinal,
                         y->ordinal);
  append_pages(t->out, y);
  g_string_append(t->out, ")");
  if (e->kind == RSK_DIFF_CHANGED)
    g_string_append_printf(t->out, " body %.0f%% changed",
                           (1 - e->body_similarity) * 100);
  g_string_append_c(t->out, '\n');
  if (e->heading_changed) {
    g_string_printf(line, "was: %s", x->heading);
    emit(t, line->str, 6, 11);
    g_string_printf(line, "now: %s", y->heading);
    emit(t, line->str, 6, 11);
  } else {
    emit(t, y->heading, 6, 6);
  }
  text_tag_moves(t, e, x, y);
  text_redline(t, x, y);
  g_string_free(line, TRUE);
}

gboolean rsk_diff_entry_edited(const rsk_diff_entry *e, const rsk_diff_item *a,
                               const rsk_diff_item *b)
{
  if (e->kind != RSK_DIFF_UNCHANGED)
    return FALSE;
  if (e->tags_gained->len || e->tags_lost->len || e->regulations_gained->len ||
      e->regulations_lost->len)
    return TRUE;
  rsk_redline *r = rsk_redline_compute(a[e->a].body, b[e->b].body);
  gboolean edited = rsk_redline_n_changes(r) > 0;
  rsk_redline_free(r);
  return edited;
}

void rsk_diff_write_text_with(GString *out, const rsk_diff *d,
                              const rsk_diff_item *a, guint n_a,
                              const char *name_a, const rsk_diff_item *b,
                              guint n_b, const char *name_b,
                              const rsk_diff_text_options *o)
{
  static const struct { rsk_diff_kind kind; const char *title; } groups[] = {
    {RSK_DIFF_ADDED, "Added"},
    {RSK_DIFF_REMOVED, "Removed"},
    {RSK_DIFF_REWORDED, "Reworded (heading changed, body within threshold)"},
    {RSK_DIFF_CHANGED, "Materially changed"},
    {RSK_DIFF_UNCHANGED, "Edited (heading unchanged, body within threshold)"},
  };
  text_ctx t = {out, o, o->width > 0 ? o->width : 80};
  gboolean *edited = g_new0(gboolean, d->entries->len + 1);
  guint n_edited = 0;

  for (guint i = 0; i < d->entries->len; i++) {
    const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
    edited[i] = rsk_diff_entry_edited(e, a, b);
    n_edited += edited[i];
  }
  g_autofree char *head = g_strdup_printf(
      "%s (%u risk factors) -> %s (%u risk factors)", name_a, n_a, name_b, n_b);
  emit(&t, head, 0, 4);
  g_autofree char *summary = g_strdup_printf(
      "%u added, %u removed, %u reworded, %u materially changed"
      " (body changed by more than %.0f%%), %u unchanged",
      d->counts[RSK_DIFF_ADDED], d->counts[RSK_DIFF_REMOVED],
      d->counts[RSK_DIFF_REWORDED], d->counts[RSK_DIFF_CHANGED],
      d->threshold * 100, d->counts[RSK_DIFF_UNCHANGED]);
  if (n_edited) {
    char *more = g_strdup_printf("%s, %u of them edited", summary, n_edited);
    g_free(summary);
    summary = more;
  }
  emit(&t, summary, 0, 0);

  for (guint g = 0; g < G_N_ELEMENTS(groups); g++) {
    guint count = groups[g].kind == RSK_DIFF_UNCHANGED
                      ? n_edited : d->counts[groups[g].kind];
    if (count == 0)
      continue;
    g_string_append_printf(out, "\n%s (%u)\n", groups[g].title, count);
    for (guint i = 0; i < d->entries->len; i++) {
      const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
      if (e->kind != groups[g].kind ||
          (e->kind == RSK_DIFF_UNCHANGED && !edited[i]))
        continue;
      if (e->kind == RSK_DIFF_ADDED)
        text_single(&t, e, &b[e->b], '+');
      else if (e->kind == RSK_DIFF_REMOVED)
        text_single(&t, e, &a[e->a], '-');
      else
        text_pair(&t, e, &a[e->a], &b[e->b]);
    }
  }
  g_free(edited);

  GArray *cats = rsk_diff_categories(a, n_a, b, n_b);
  gboolean header = FALSE;
  for (guint q = 0; q < cats->len; q++) {
    const rsk_diff_category *c = &g_array_index(cats, rsk_diff_category, q);
    if (c->a == c->b)
      continue;
    if (!header)
      g_string_append(out, "\nRisk factors per category\n");
    header = TRUE;
    g_string_append_printf(out, "  %-34s %3u -> %3u (%+d)\n", c->category,
                           c->a, c->b, (int)c->b - (int)c->a);
  }
  g_array_unref(cats);
}

void rsk_diff_write_text(GString *out, const rsk_diff *d,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b)
{
  const rsk_diff_text_options o = {.width = 80};
  rsk_diff_write_text_with(out, d, a, n_a, name_a, b, n_b, name_b, &o);
}

/* --- JSON ------------------------------------------------------------ */

static void json_strings(GString *out, const char *const *ids, guint n)
{
  g_string_append_c(out, '[');
  for (guint k = 0; k < n; k++) {
    if (k)
      g_string_append(out, ", ");
    rsk_escape_json(out, ids[k]);
  }
  g_string_append_c(out, ']');
}

static void json_ids(GString *out, const char *key, const GPtrArray *ids)
{
  g_string_append_printf(out, ", \"%s\": ", key);
  json_strings(out, (const char *const *)ids->pdata, ids->len);
}

static void json_item(GString *out, const rsk_diff_item *item)
{
  g_string_append_printf(out, "{\"ordinal\": %d, \"heading\": ", item->ordinal);
  rsk_escape_json(out, item->heading);
  g_string_append_printf(out, ", \"page_start\": %d, \"page_end\": %d,"
                         " \"tags\": ", item->page_start, item->page_end);
  json_strings(out, item->categories, item->n_categories);
  g_string_append(out, ", \"regulations\": ");
  json_strings(out, item->regulations, item->n_regulations);
  g_string_append_c(out, '}');
}

static void json_redline(GString *out, const rsk_diff_item *x,
                         const rsk_diff_item *y)
{
  rsk_redline *r = rsk_redline_compute(x->body, y->body);
  GString *hunks = g_string_new(NULL);
  rsk_redline_write_text(hunks, r, 6, 0, 0, 0);
  g_string_append_printf(out, ", \"redline\": {\"changes\": %u,"
                         " \"words_deleted\": %u, \"words_inserted\": %u,"
                         " \"hunks\": [", rsk_redline_n_changes(r),
                         rsk_redline_words_deleted(r),
                         rsk_redline_words_inserted(r));
  char **lines = g_strsplit(hunks->str, "\n", -1);
  for (guint k = 0; lines[k] && *lines[k]; k++) {
    if (k)
      g_string_append(out, ", ");
    rsk_escape_json(out, lines[k]);
  }
  g_string_append(out, "]}");
  g_strfreev(lines);
  g_string_free(hunks, TRUE);
  rsk_redline_free(r);
}

static void json_kind(GString *out, const rsk_diff *d, rsk_diff_kind kind,
                      const rsk_diff_item *a, const rsk_diff_item *b)
{
  gboolean first = TRUE;

  g_string_append_printf(out, ",\n \"%s\": [", kind == RSK_DIFF_UNCHANGED
                                                   ? "edited"
                                                   : rsk_diff_kind_name(kind));
  for (guint i = 0; i < d->entries->len; i++) {
    const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
    if (e->kind != kind ||
        (kind == RSK_DIFF_UNCHANGED && !rsk_diff_entry_edited(e, a, b)))
      continue;
    g_string_append(out, first ? "\n  " : ",\n  ");
    first = FALSE;
    if (kind == RSK_DIFF_ADDED) {
      json_item(out, &b[e->b]);
    } else if (kind == RSK_DIFF_REMOVED) {
      json_item(out, &a[e->a]);
    } else {
      g_string_append(out, "{\"a\": ");
      json_item(out, &a[e->a]);
      g_string_append(out, ", \"b\": ");
      json_item(out, &b[e->b]);
      g_string_append_printf(out,
          ", \"heading_similarity\": %.4f, \"body_similarity\": %.4f,"
          " \"match_score\": %.4f",
          e->heading_similarity, e->body_similarity, e->match_score);
      json_ids(out, "tags_gained", e->tags_gained);
      json_ids(out, "tags_lost", e->tags_lost);
      json_ids(out, "regulations_gained", e->regulations_gained);
      json_ids(out, "regulations_lost", e->regulations_lost);
      json_redline(out, &a[e->a], &b[e->b]);
      g_string_append_c(out, '}');
    }
  }
  g_string_append(out, first ? "]" : "\n ]");
}

void rsk_diff_write_json(GString *out, const rsk_diff *d,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b)
{
  g_string_append(out, "{\"a\": {\"filing\": ");
  rsk_escape_json(out, name_a);
  g_string_append_printf(out, ", \"risk_factors\": %u},\n \"b\": {\"filing\": ",
                         n_a);
  rsk_escape_json(out, name_b);
  g_string_append_printf(out, ", \"risk_factors\": %u},\n \"threshold\": %.4f,"
                         "\n \"summary\": {", n_b, d->threshold);
  for (int k = 0; k <= RSK_DIFF_ADDED; k++)
    g_string_append_printf(out, "%s\"%s\": %u", k ? ", " : "",
                           rsk_diff_kind_name((rsk_diff_kind)k), d->counts[k]);
  g_string_append_c(out, '}');
  json_kind(out, d, RSK_DIFF_ADDED, a, b);
  json_kind(out, d, RSK_DIFF_REMOVED, a, b);
  json_kind(out, d, RSK_DIFF_REWORDED, a, b);
  json_kind(out, d, RSK_DIFF_CHANGED, a, b);
  json_kind(out, d, RSK_DIFF_UNCHANGED, a, b);

  GArray *cats = rsk_diff_categories(a, n_a, b, n_b);
  gboolean first = TRUE;
  g_string_append(out, ",\n \"categories\": [");
  for (guint q = 0; q < cats->len; q++) {
    const rsk_diff_category *c = &g_array_index(cats, rsk_diff_category, q);
    if (c->a == c->b)
      continue;
    g_string_append(out, first ? "\n  {\"category\": " : ",\n  {\"category\": ");
    first = FALSE;
    rsk_escape_json(out, c->category);
    g_string_append_printf(out, ", \"a\": %u, \"b\": %u}", c->a, c->b);
  }
  g_string_append(out, first ? "]}\n" : "\n ]}\n");
  g_array_unref(cats);
}
