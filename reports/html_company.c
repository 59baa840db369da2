/* html_company.c - one company's section of the HTML report
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_private.h"

#include "escape.h"

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

static void append_item_cell(GString *out, const rsk_diff_item *item)
{
  g_string_append_printf(out, "<span class=\"ord\">#%d</span>", item->ordinal);
  rsk_escape_html(out, item->heading);
  g_string_append(out, " <span class=\"page\">");
  append_pages(out, item->page_start, item->page_end);
  g_string_append(out, "</span>");
}

static void append_ids(GString *out, const rsk_html_report *r,
                       const char *cls, const char *sign,
                       const char *const *ids, guint n)
{
  for (guint k = 0; k < n; k++) {
    g_string_append_printf(out, "<span class=\"%s\">%s", cls, sign);
    rsk_escape_html(out, rsk_html_category_label(r->matrix, ids[k]));
    g_string_append(out, "</span> ");
  }
}

static void append_diff(GString *out, const rsk_html_report *r,
                        const rsk_html_company *c)
{
  const rsk_diff *d = c->diff;
  const rsk_diff_item *a = c->previous_items->items, *b = c->latest_items->items;
  static const rsk_diff_kind order[] = {RSK_DIFF_ADDED, RSK_DIFF_REMOVED,
                                        RSK_DIFF_CHANGED, RSK_DIFF_REWORDED};

  g_string_append(out, "<h3>Changes since the previous filing</h3>\n<p class=\"sub\">");
  rsk_escape_html(out, c->previous->info.name);
  g_string_append(out, " \xe2\x86\x92 ");
  rsk_escape_html(out, c->latest->info.name);
  g_string_append_printf(out,
      ": %u added, %u removed, %u materially changed (body changed by more"
      " than %.0f%%), %u reworded, %u unchanged.</p>\n",
      d->counts[RSK_DIFF_ADDED], d->counts[RSK_DIFF_REMOVED],
      d->counts[RSK_DIFF_CHANGED], d->threshold * 100,
      d->counts[RSK_DIFF_REWORDED], d->counts[RSK_DIFF_UNCHANGED]);
  if (d->counts[RSK_DIFF_ADDED] + d->counts[RSK_DIFF_REMOVED] +
      d->counts[RSK_DIFF_CHANGED] + d->counts[RSK_DIFF_REWORDED] == 0)
    return;
  g_string_append(out, "<table class=\"diff\">\n<thead><tr><th>Change</th>"
                       "<th>Risk factor</th><th>Tags</th></tr></thead>\n<tbody>\n");
  for (guint o = 0; o < G_N_ELEMENTS(order); o++) {
    for (guint i = 0; i < d->entries->len; i++) {
      const rsk_diff_entry *e = &g_array_index(d->entries, rsk_diff_entry, i);
      if (e->kind != order[o])
        continue;
      g_string_append_printf(out, "<tr><td><span class=\"kind %s\">%s</span>",
                             rsk_diff_kind_name(e->kind),
                             rsk_diff_kind_name(e->kind));
      if (e->kind == RSK_DIFF_CHANGED)
        g_string_append_printf(out, "<div class=\"meta\">%.0f%% of the body"
                               " changed</div>", (1 - e->body_similarity) * 100);
      g_string_append(out, "</td><td>");
      if (e->kind == RSK_DIFF_REMOVED) {
        append_item_cell(out, &a[e->a]);
      } else if (e->kind == RSK_DIFF_ADDED) {
        append_item_cell(out, &b[e->b]);
      } else {
        if (e->heading_changed) {
          g_string_append(out, "<div class=\"was\">");
          rsk_escape_html(out, a[e->a].heading);
          g_string_append(out, "</div>");
        }
        append_item_cell(out, &b[e->b]);
      }
      g_string_append(out, "</td><td>");
      append_ids(out, r, "gain", "+",
                 (const char *const *)e->tags_gained->pdata, e->tags_gained->len);
      append_ids(out, r, "lose", "\xe2\x88\x92",
                 (const char *const *)e->tags_lost->pdata, e->tags_lost->len);
      g_string_append(out, "</td></tr>\n");
    }
  }
  g_string_append(out, "</tbody></table>\n");
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
  append_summary(out, r, index);

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
