/* diff_format.c - a diff of two filings as text or JSON
 *
 * SPDX-License-Identifier: MIT
 */
#include "diff_format.h"

#include "escape.h"

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

static void append_item_tags(GString *out, const rsk_diff_item *item)
{
  for (guint k = 0; k < item->n_categories; k++) {
    if (k)
      g_string_append(out, ", ");
    g_string_append(out, item->categories[k]);
  }
}

static void text_tag_moves(GString *out, const rsk_diff_entry *e)
{
  if (e->tags_gained->len == 0 && e->tags_lost->len == 0)
    return;
  g_string_append(out, "      tags:");
  if (e->tags_gained->len) {
    g_string_append(out, " gained ");
    append_list(out, e->tags_gained);
  }
  if (e->tags_lost->len) {
    g_string_append(out, e->tags_gained->len ? "; lost " : " lost ");
    append_list(out, e->tags_lost);
  }
  g_string_append_c(out, '\n');
}

static void text_single(GString *out, const rsk_diff_item *item, char mark,
                        const char *tag_word)
{
  g_string_append_printf(out, "  %c #%d (", mark, item->ordinal);
  append_pages(out, item);
  g_string_append_printf(out, ") %s\n", item->heading);
  if (item->n_categories) {
    g_string_append_printf(out, "      tags %s: ", tag_word);
    append_item_tags(out, item);
    g_string_append_c(out, '\n');
  }
}

static void text_pair(GString *out, const rsk_diff_entry *e,
                      const rsk_diff_item *x, const rsk_diff_item *y)
{
  g_string_append_printf(out, "  ~ #%d -> #%d (", x->ordinal, y->ordinal);
  append_pages(out, y);
  g_string_append(out, ")");
  if (e->kind == RSK_DIFF_CHANGED)
    g_string_append_printf(out, " body %.0f%% changed",
                           (1 - e->body_similarity) * 100);
  g_string_append_c(out, '\n');
  if (e->heading_changed) {
    g_string_append_printf(out, "      was: %s\n", x->heading);
    g_string_append_printf(out, "      now: %s\n", y->heading);
  } else {
    g_string_append_printf(out, "      %s\n", y->heading);
  }
  text_tag_moves(out, e);
}

void rsk_diff_write_text(GString *out, const rsk_diff *d,
                         const rsk_diff_item *a, guint n_a, const char *name_a,
                         const rsk_diff_item *b, guint n_b, const char *name_b)
{
  static const struct { rsk_diff_kind kind; const char *title; } groups[] = {
    {RSK_DIFF_ADDED, "Added"},
    {RSK_DIFF_REMOVED, "Removed"},
    {RSK_DIFF_REWORDED, "Reworded (heading changed, body within threshold)"},
    {RSK_DIFF_CHANGED, "Materially changed"},
  };

  g_string_append_printf(out, "%s (%u risk factors) -> %s (%u risk factors)\n",
                         name_a, n_a, name_b, n_b);
  g_string_append_printf(out,
      "%u added, %u removed, %u reworded, %u materially changed"
      " (body changed by more than %.0f%%), %u unchanged\n",
      d->counts[RSK_DIFF_ADDED], d->counts[RSK_DIFF_REMOVED],
      d->counts[RSK_DIFF_REWORDED], d->counts[RSK_DIFF_CHANGED],
      d->threshold * 100, d->counts[RSK_DIFF_UNCHANGED]);

  for (guint g = 0; g < G_N_ELEMENTS(groups); g++) {
    if (d->counts[groups[g].kind] == 0)
      continue;
    g_string_append_printf(out, "\n%s (%u)\n", groups[g].title,
                           d->counts[groups[g].kind]);
    for (guint i = 0; i < d->entries->len; i++) {
      const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
      if (e->kind != groups[g].kind)
        continue;
      if (e->kind == RSK_DIFF_ADDED)
        text_single(out, &b[e->b], '+', "gained");
      else if (e->kind == RSK_DIFF_REMOVED)
        text_single(out, &a[e->a], '-', "lost");
      else
        text_pair(out, e, &a[e->a], &b[e->b]);
    }
  }

  /* Tags that moved on pairs that are otherwise unchanged. */
  gboolean header = FALSE;
  for (guint i = 0; i < d->entries->len; i++) {
    const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
    if (e->kind != RSK_DIFF_UNCHANGED ||
        (e->tags_gained->len == 0 && e->tags_lost->len == 0))
      continue;
    if (!header)
      g_string_append(out, "\nUnchanged text, tags moved\n");
    header = TRUE;
    g_string_append_printf(out, "  = #%d -> #%d %s\n", a[e->a].ordinal,
                           b[e->b].ordinal, b[e->b].heading);
    text_tag_moves(out, e);
  }

  GArray *cats = rsk_diff_categories(a, n_a, b, n_b);
  header = FALSE;
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

static void json_item(GString *out, const rsk_diff_item *item)
{
  g_string_append_printf(out, "{\"ordinal\": %d, \"heading\": ", item->ordinal);
  rsk_escape_json(out, item->heading);
  g_string_append_printf(out, ", \"page_start\": %d, \"page_end\": %d,"
                         " \"tags\": ", item->page_start, item->page_end);
  json_strings(out, item->categories, item->n_categories);
  g_string_append_c(out, '}');
}

static void json_kind(GString *out, const rsk_diff *d, rsk_diff_kind kind,
                      const rsk_diff_item *a, const rsk_diff_item *b)
{
  gboolean first = TRUE;

  g_string_append_printf(out, ",\n \"%s\": [", rsk_diff_kind_name(kind));
  for (guint i = 0; i < d->entries->len; i++) {
    const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
    if (e->kind != kind)
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
          " \"match_score\": %.4f, \"tags_gained\": ",
          e->heading_similarity, e->body_similarity, e->match_score);
      json_strings(out, (const char *const *)e->tags_gained->pdata,
                   e->tags_gained->len);
      g_string_append(out, ", \"tags_lost\": ");
      json_strings(out, (const char *const *)e->tags_lost->pdata,
                   e->tags_lost->len);
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
