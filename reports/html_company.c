/* html_company.c - one company's section of the HTML report
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_private.h"

#include "diff_format.h"
#include "escape.h"
#include "redline.h"
#include "trend_svg.h"

#include <string.h>

#define EVIDENCE_SHOWN 3
#define CONTEXT_BYTES 90

static void append_pages(GString *out, int first, int last)
{
  if (last > first)
    g_string_append_printf(out, "pp.\xc2\xa0%d\xe2\x80\x93%d", first, last);
  else
    g_string_append_printf(out, "p.\xc2\xa0%d", first);
}

/* Moves P back (or forward) to the start of a UTF-8 character. */
static gsize char_start(const char *text, gsize p)
{
  while (p > 0 && ((unsigned char)text[p] & 0xc0) == 0x80)
    p--;
  return p;
}

/* TRUE when EV's offsets fit TEXT on character boundaries. */
static gboolean evidence_fits(const char *text, const rsk_analysis_evidence *ev)
{
  gsize len = text ? strlen(text) : 0;
  gsize start = ev->offset, end = (gsize)ev->offset + ev->length;

  return text && end <= len && start < end && char_start(text, start) == start &&
         char_start(text, end) == end &&
         g_utf8_validate(text + start, (gssize)(end - start), NULL);
}

/* Appends one quote of TEXT around the N matches EVS (sorted by offset,
 * all fitting TEXT), each match marked, cut at word boundaries: evidence
 * stored without its sentence. */
static void append_quote(GString *out, const char *text,
                         const rsk_analysis_evidence *const *evs, guint n)
{
  gsize len = strlen(text);
  gsize start = evs[0]->offset, end = start;

  for (guint k = 0; k < n; k++)
    end = MAX(end, (gsize)evs[k]->offset + evs[k]->length);
  gsize from = start > CONTEXT_BYTES ? char_start(text, start - CONTEXT_BYTES) : 0;
  gsize to = end + CONTEXT_BYTES < len ? char_start(text, end + CONTEXT_BYTES)
                                       : len;
  /* Cut at word boundaries, so the quote does not start mid-word. */
  if (from > 0) {
    const char *sp = memchr(text + from, ' ', start - from);
    if (sp)
      from = (gsize)(sp - text) + 1;
  }
  for (gsize k = to; to < len && k > end; k--) {
    if (text[k] == ' ') {
      to = k;
      break;
    }
  }

  g_string_append(out, "<q>");
  if (from > 0)
    g_string_append(out, "\xe2\x80\xa6");
  gsize at = from;
  for (guint k = 0; k < n; k++) {
    gsize s = evs[k]->offset, e = s + evs[k]->length;
    if (e <= at)
      continue;  /* inside the previous mark */
    if (s < at)
      s = at;
    g_autofree char *before = g_strndup(text + at, s - at);
    g_autofree char *match = g_strndup(text + s, e - s);
    rsk_escape_html(out, before);
    g_string_append(out, "<mark>");
    rsk_escape_html(out, match);
    g_string_append(out, "</mark>");
    at = e;
  }
  g_autofree char *after = g_strndup(text + at, to - at);
  rsk_escape_html(out, after);
  if (to < len)
    g_string_append(out, "\xe2\x80\xa6");
  g_string_append(out, "</q>");
}

/* Appends EV's sentence as a quote with its match marked. */
static void append_sentence(GString *out, const char *text, gsize ss, gsize se, gsize ms,
                            gsize me)
{
  g_autofree char *before = g_strndup(text + ss, ms - ss);
  g_autofree char *match = g_strndup(text + ms, me - ms);
  g_autofree char *after = g_strndup(text + me, se - me);
  g_string_append(out, "<q>");
  rsk_escape_html(out, before);
  g_string_append(out, "<mark>");
  rsk_escape_html(out, match);
  g_string_append(out, "</mark>");
  rsk_escape_html(out, after);
  g_string_append(out, "</q>");
}

/* Appends the evidence of TAG as a list of quotes: the sentences stored
 * for it, strongest first, each with its match marked and how many
 * matches it stands for. Evidence stored before schema version 3 has no
 * sentence: it is quoted with some words around the match. */
static void append_evidence_list(GString *out, const rsk_analysis *a,
                                 const rsk_analysis_risk *risk,
                                 const rsk_analysis_tag *tag)
{
  guint shown = 0;

  g_string_append(out, "<ul class=\"evidence\">\n");
  for (guint k = 0; k < tag->n_evidence && shown < EVIDENCE_SHOWN; k++, shown++) {
    const rsk_analysis_evidence *ev = rsk_analysis_evidence_of(a, tag, k);
    const char *plain = ev->in_heading ? risk->heading : risk->body;
    gsize ss, se, ms, me;
    const char *text = rsk_analysis_evidence_sentence(risk, ev, &ss, &se, &ms, &me);
    g_string_append(out, "<li>");
    if (text) {
      append_sentence(out, text, ss, se, ms, me);
    } else if (evidence_fits(plain, ev)) {
      append_quote(out, plain, &ev, 1);
    } else {
      g_string_append(out, "<q><mark>");
      rsk_escape_html(out, ev->text);
      g_string_append(out, "</mark></q>");
    }
    g_string_append_printf(out, " <span class=\"page\">%sp.\xc2\xa0%d", ev->in_heading
                           ? "heading, " : "", ev->page);
    if (ev->count > 1)
      g_string_append_printf(out, ", %u\xc2\xa0matches", ev->count);
    g_string_append(out, "</span></li>\n");
  }
  guint total = MAX(tag->sentences, tag->n_evidence);
  if (total > shown)
    g_string_append_printf(out, "<li class=\"meta\">and %u more sentence%s</li>\n",
                           total - shown, total - shown == 1 ? "" : "s");
  g_string_append(out, "</ul>\n");
}

static void append_tag(GString *out, const rsk_html_report *r,
                       const rsk_analysis *a, const rsk_analysis_risk *risk,
                       const rsk_analysis_tag *tag)
{
  char strength[2] = {tag->strength ? tag->strength : 'S', 0};

  g_string_append(out, "<li><span class=\"chip ");
  rsk_escape_html(out, strength);
  g_string_append(out, "\" title=\"");
  rsk_escape_html(out, tag->category);
  g_string_append(out, "\">");
  rsk_escape_html(out, rsk_html_category_label(r->matrix, tag->category));
  g_string_append_printf(out, "</span><span class=\"score\">%s \xc2\xb7"
                         " score %.2f</span>\n",
                         tag->strength == 'P' ? "primary" :
                         tag->strength == 'M' ? "mention" : "secondary",
                         tag->score);
  if (tag->n_evidence)
    append_evidence_list(out, a, risk, tag);
  g_string_append(out, "</li>\n");
}

static void append_body(GString *out, const char *body)
{
  char **paras = g_strsplit(body, "\n", -1);
  g_string_append(out, "<details><summary>Full text</summary><div class=\"body\">\n");
  for (guint k = 0; paras[k]; k++) {
    if (!*g_strstrip(paras[k]))
      continue;
    g_string_append(out, "<p>");
    rsk_escape_html(out, paras[k]);
    g_string_append(out, "</p>\n");
  }
  g_string_append(out, "</div></details>\n");
  g_strfreev(paras);
}

static void append_risk(GString *out, const rsk_html_report *r,
                        const rsk_analysis *a, const rsk_analysis_risk *risk)
{
  g_string_append_printf(out, "<article class=\"risk\">\n<h4><span class=\"ord\">"
                         "#%d</span>", risk->ordinal);
  rsk_escape_html(out, risk->heading);
  g_string_append(out, "</h4>\n<p class=\"where\">");
  if (risk->section && *risk->section) {
    rsk_escape_html(out, risk->section);
    g_string_append(out, " \xc2\xb7 ");
  }
  append_pages(out, risk->page_start, risk->page_end);
  g_string_append_printf(out, " \xc2\xb7 %d words</p>\n<ul class=\"tags\">\n",
                         risk->word_count);
  for (guint j = 0; j < risk->n_tags; j++)
    append_tag(out, r, a, risk, rsk_analysis_tag_of(a, risk, j));
  g_string_append(out, "</ul>\n");
  if (risk->n_regulations) {
    g_string_append(out, "<p class=\"regs\">Regulations cited: ");
    for (guint k = 0; k < risk->n_regulations; k++) {
      g_string_append(out, k ? ", <code>" : "<code>");
      rsk_escape_html(out, rsk_analysis_regulation_of(a, risk, k));
      g_string_append(out, "</code>");
    }
    g_string_append(out, "</p>\n");
  }
  append_body(out, risk->body);
  g_string_append(out, "</article>\n");
}

static void append_meta(GString *out, const rsk_filing_info *info, guint words)
{
  g_string_append(out, "<p class=\"meta\">");
  rsk_escape_html(out, info->name);
  g_string_append(out, " \xc2\xb7 ");
  rsk_escape_html(out, info->doc_type);
  if (info->period_end) {
    g_string_append(out, " \xc2\xb7 period ended ");
    rsk_escape_html(out, info->period_end);
  }
  if (info->document_date) {
    g_string_append(out, " \xc2\xb7 dated ");
    rsk_escape_html(out, info->document_date);
  }
  g_string_append_printf(out, " \xc2\xb7 %d pages", info->pages);
  if (info->risk_first_page > 0) {
    g_string_append(out, " \xc2\xb7 Risk Factors ");
    append_pages(out, info->risk_first_page, info->risk_last_page);
  }
  g_string_append_printf(out, " \xc2\xb7 %d risk factors, %u words"
                         " \xc2\xb7 taxonomy ", info->risk_count, words);
  rsk_escape_html(out, info->taxonomy_name);
  g_string_append_c(out, ' ');
  rsk_escape_html(out, info->taxonomy_version);
  g_string_append(out, "</p>\n");
  if (info->title && *info->title) {
    g_string_append(out, "<p class=\"meta\">Title: ");
    rsk_escape_html(out, info->title);
    g_string_append(out, "</p>\n");
  }
}

/* Chips with the company's counts per category, in matrix order. */
static void append_summary(GString *out, const rsk_html_report *r, guint row)
{
  const rsk_matrix *m = r->matrix;
  gboolean any = FALSE;

  g_string_append(out, "<ul class=\"chips\">\n");
  for (guint j = 0; m && row < m->rows->len && j < m->columns->len; j++) {
    const rsk_matrix_cell *cell = rsk_matrix_cell_at(m, row, j);
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    if (!cell->count)
      continue;
    any = TRUE;
    g_string_append(out, "<li class=\"chip\" title=\"");
    rsk_escape_html(out, c->id);
    g_string_append(out, "\">");
    rsk_escape_html(out, c->label);
    g_string_append_printf(out, " <b>%u</b></li>\n", cell->count);
  }
  if (!any)
    g_string_append(out, "<li class=\"meta\">No AI-regulation category tagged.</li>\n");
  g_string_append(out, "</ul>\n");
}

/* --- Changes since the previous filing ------------------------------- */

#define HUNKS_SHOWN 8

static void append_item_cell(GString *out, const rsk_diff_item *item)
{
  g_string_append_printf(out, "<span class=\"ord\">#%d</span>", item->ordinal);
  rsk_escape_html(out, item->heading);
  g_string_append(out, " <span class=\"page\">");
  append_pages(out, item->page_start, item->page_end);
  g_string_append(out, "</span>");
}

static const rsk_diff_evidence *evidence_for(const rsk_diff_item *item,
                                             const char *category)
{
  for (guint k = 0; item && item->evidence && k < item->n_categories; k++)
    if (strcmp(item->categories[k], category) == 0)
      return &item->evidence[k];
  return NULL;
}

/* Each tag of IDS as a chip with the quote that made it, from ITEM. */
static void append_tag_moves(GString *out, const rsk_html_report *r,
                             const char *cls, const char *sign,
                             const GPtrArray *ids, const rsk_diff_item *item)
{
  for (guint k = 0; k < ids->len; k++) {
    const char *id = g_ptr_array_index(ids, k);
    const rsk_diff_evidence *ev = evidence_for(item, id);
    g_string_append_printf(out, "<div class=\"moves\"><span class=\"%s\">%s",
                           cls, sign);
    rsk_escape_html(out, rsk_html_category_label(r->matrix, id));
    g_string_append(out, "</span>");
    if (ev && ev->text) {
      g_string_append(out, " <q>");
      rsk_escape_html(out, ev->text);
      g_string_append_printf(out, "</q> <span class=\"page\">p.\xc2\xa0%d</span>",
                             ev->page);
    }
    g_string_append(out, "</div>\n");
  }
}

static void append_regulation_moves(GString *out, const rsk_html_report *r,
                                    const char *cls, const char *what,
                                    const GPtrArray *ids)
{
  if (!ids->len)
    return;
  g_string_append_printf(out, "<div class=\"moves\"><span class=\"%s\">%s:"
                         "</span> ", cls, what);
  for (guint k = 0; k < ids->len; k++) {
    const char *id = g_ptr_array_index(ids, k);
    const char *name = r->regulation_names
                           ? g_hash_table_lookup(r->regulation_names, id) : NULL;
    g_string_append(out, k ? ", <code>" : "<code>");
    rsk_escape_html(out, id);
    g_string_append(out, "</code>");
    if (name) {
      g_string_append(out, " (");
      rsk_escape_html(out, name);
      g_string_append(out, ")");
    }
  }
  g_string_append(out, "</div>\n");
}

/* The changes of a pair's body: the hunks, and the whole text marked. */
static void append_redline(GString *out, const rsk_diff_item *x,
                           const rsk_diff_item *y)
{
  rsk_redline *rl = rsk_redline_compute(x->body, y->body);
  guint n = rsk_redline_n_changes(rl);
  if (n) {
    g_string_append_printf(out,
        "<tr class=\"redline-row\"><td></td><td colspan=\"2\">"
        "<div class=\"redline\"><div class=\"meta\">Redline: %u change%s,"
        " %u word%s struck, %u put in</div>\n", n, n == 1 ? "" : "s",
        rsk_redline_words_deleted(rl),
        rsk_redline_words_deleted(rl) == 1 ? "" : "s",
        rsk_redline_words_inserted(rl));
    guint left = rsk_redline_write_html_hunks(out, rl, 8, HUNKS_SHOWN);
    if (left)
      g_string_append_printf(out, "<p class=\"meta\">and %u more change%s in"
                             " the whole text below</p>\n", left,
                             left == 1 ? "" : "s");
    g_string_append(out, "<details><summary>Whole text with the changes"
                         " marked</summary>\n");
    rsk_redline_write_html(out, rl);
    g_string_append(out, "</details></div></td></tr>\n");
  }
  rsk_redline_free(rl);
}

static void append_entry(GString *out, const rsk_html_report *r,
                         const rsk_diff_entry *e, const rsk_diff_item *a,
                         const rsk_diff_item *b)
{
  const rsk_diff_item *x = e->a >= 0 ? &a[e->a] : NULL;
  const rsk_diff_item *y = e->b >= 0 ? &b[e->b] : NULL;
  const char *kind = e->kind == RSK_DIFF_UNCHANGED ? "edited"
                                                   : rsk_diff_kind_name(e->kind);

  g_string_append_printf(out, "<tr><td><span class=\"kind %s\">%s</span>",
                         e->kind == RSK_DIFF_UNCHANGED ? "reworded" : kind,
                         kind);
  if (e->kind == RSK_DIFF_CHANGED)
    g_string_append_printf(out, "<div class=\"meta\">%.0f%% of the body"
                           " changed</div>", (1 - e->body_similarity) * 100);
  g_string_append(out, "</td><td>");
  if (x && y && e->heading_changed) {
    rsk_redline *h = rsk_redline_compute(x->heading, y->heading);
    g_string_append_printf(out, "<span class=\"ord\">#%d</span>", y->ordinal);
    rsk_redline_write_inline(out, h, TRUE);
    g_string_append(out, " <span class=\"page\">");
    append_pages(out, y->page_start, y->page_end);
    g_string_append(out, "</span>");
    rsk_redline_free(h);
  } else {
    append_item_cell(out, y ? y : x);
  }
  g_string_append(out, "</td><td>");
  append_regulation_moves(out, r, "gain", "named now", e->regulations_gained);
  append_regulation_moves(out, r, "lose", "no longer named", e->regulations_lost);
  append_tag_moves(out, r, "gain", "+", e->tags_gained, y);
  append_tag_moves(out, r, "lose", "\xe2\x88\x92", e->tags_lost, x);
  g_string_append(out, "</td></tr>\n");
  if (x && y)
    append_redline(out, x, y);
}

static void append_diff(GString *out, const rsk_html_report *r,
                        const rsk_html_company *c)
{
  const rsk_diff *d = c->diff;
  const rsk_diff_item *a = c->previous_items->items, *b = c->latest_items->items;
  static const rsk_diff_kind order[] = {RSK_DIFF_ADDED, RSK_DIFF_REMOVED,
                                        RSK_DIFF_CHANGED, RSK_DIFF_REWORDED,
                                        RSK_DIFF_UNCHANGED};
  guint edited = 0;

  for (guint i = 0; i < d->entries->len; i++)
    edited += rsk_diff_entry_edited(&g_array_index(d->entries, rsk_diff_entry, i),
                                    a, b);
  g_string_append(out, "<h3>Changes since the previous ");
  rsk_escape_html(out, c->previous->info.doc_type);
  g_string_append(out, "</h3>\n<p class=\"sub\">");
  rsk_escape_html(out, c->previous->info.name);
  g_string_append(out, " \xe2\x86\x92 ");
  rsk_escape_html(out, c->latest->info.name);
  g_string_append_printf(out,
      ": %u added, %u removed, %u materially changed (body changed by more"
      " than %.0f%%), %u reworded, %u unchanged (%u of them edited).</p>\n",
      d->counts[RSK_DIFF_ADDED], d->counts[RSK_DIFF_REMOVED],
      d->counts[RSK_DIFF_CHANGED], d->threshold * 100,
      d->counts[RSK_DIFF_REWORDED], d->counts[RSK_DIFF_UNCHANGED], edited);
  if (d->counts[RSK_DIFF_ADDED] + d->counts[RSK_DIFF_REMOVED] +
      d->counts[RSK_DIFF_CHANGED] + d->counts[RSK_DIFF_REWORDED] + edited == 0)
    return;
  g_string_append(out, "<table class=\"diff\">\n<thead><tr><th>Change</th>"
                       "<th>Risk factor</th><th>Regulations and tags</th>"
                       "</tr></thead>\n<tbody>\n");
  for (guint o = 0; o < G_N_ELEMENTS(order); o++) {
    for (guint i = 0; i < d->entries->len; i++) {
      const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
      if (e->kind != order[o] ||
          (e->kind == RSK_DIFF_UNCHANGED && !rsk_diff_entry_edited(e, a, b)))
        continue;
      append_entry(out, r, e, a, b);
    }
  }
  g_string_append(out, "</tbody></table>\n");
}

static void append_flags(GString *out, const rsk_filing_info *info)
{
  if (!info->flags || !info->flags->len)
    return;
  g_string_append(out, "<div class=\"flags\"><span class=\"flag\">\xe2\x9a\xa0"
                       " Sanity flags</span>: the segmentation of this filing"
                       " looks doubtful; its numbers may mislead.<ul>\n");
  for (guint k = 0; k < info->flags->len; k++) {
    g_string_append(out, "<li>");
    rsk_escape_html(out, g_ptr_array_index(info->flags, k));
    g_string_append(out, "</li>\n");
  }
  g_string_append(out, "</ul></div>\n");
}

static void append_trend(GString *out, const rsk_html_company *c)
{
  if (!c->trend || c->trend->rows->len < 2)
    return;
  g_string_append_printf(out, "<h3>Over its %u ", c->trend->rows->len);
  rsk_escape_html(out, c->form ? c->form : c->latest->info.doc_type);
  g_string_append(out, " filings</h3>\n<p class=\"sub\">Share of the risk"
                       " section in risk factors with the tag, filing by"
                       " filing, oldest first; hover a point for the"
                       " counts.</p>\n<div class=\"scroll\">\n");
  rsk_trend_write_svg(out, c->trend);
  g_string_append(out, "</div>\n");
}

void rsk_html_company_section(GString *out, const rsk_html_report *r,
                              guint index)
{
  const rsk_html_company *c = &r->companies[index];
  const rsk_analysis *a = c->latest;
  guint words = 0, tagged = 0;

  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    words += (guint)MAX(risk->word_count, 0);
    tagged += risk->n_tags > 0;
  }
  g_string_append_printf(out, "<section class=\"card company\" id=\"company-%u\">\n"
                         "<h2>", index + 1);
  rsk_escape_html(out, a->info.company);
  g_string_append(out, "</h2>\n");
  append_meta(out, &a->info, words);
  append_flags(out, &a->info);
  append_summary(out, r, index);
  append_trend(out, c);

  g_string_append_printf(out, "<h3>Tagged risk factors (%u of %u)</h3>\n",
                         tagged, a->risks->len);
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    if (risk->n_tags)
      append_risk(out, r, a, risk);
  }
  if (tagged < a->risks->len) {
    g_string_append_printf(out, "<details class=\"untagged\"><summary>%u risk"
                           " factor%s without AI-regulation tags</summary><ol>\n",
                           a->risks->len - tagged,
                           a->risks->len - tagged == 1 ? "" : "s");
    for (guint i = 0; i < a->risks->len; i++) {
      const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
      if (risk->n_tags)
        continue;
      g_string_append_printf(out, "<li value=\"%d\">", risk->ordinal);
      rsk_escape_html(out, risk->heading);
      g_string_append(out, " <span class=\"page\">");
      append_pages(out, risk->page_start, risk->page_end);
      g_string_append(out, "</span></li>\n");
    }
    g_string_append(out, "</ol></details>\n");
  }
  if (c->previous && c->diff && c->previous_items && c->latest_items)
    append_diff(out, r, c);
  g_string_append(out, "</section>\n");
}
