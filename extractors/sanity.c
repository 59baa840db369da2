/* sanity.c - flags for results that look wrong, raised without gold
 *
 * The segmenter cannot know when it is wrong, but some outcomes are rarely
 * right, and the user is better told than left to trust them. Each flag is
 * a string stored with the filing ("empty_body: ordinal 22"); compare and
 * the report leave flagged filings out unless asked.
 *
 * - few_risk_factors: fewer than five; section_over_half_document;
 * - empty_body, huge_body: a heading with nothing under it, or one whose
 *   body holds several risk factors' worth of words;
 * - suspected_merge: a paragraph inside a body that starts with a whole
 *   sentence printed in the heading style, followed by body text — a
 *   heading the splitter did not take, so two risk factors run together;
 * - summary_mismatch: the section's own summary (bullets under "Summary of
 *   Risk Factors" before the first heading) lists more risks than were
 *   found. Summaries often list fewer (they summarise), never many more.
 * section_bounds.c raises section_overrun itself.
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_private.h"

#include "text.h"

#include <string.h>

#define FEW_RISK_FACTORS 5
#define HUGE_BODY_WORDS 5000
/* Words a stray heading must have to count: shorter bold sentences in a
 * body are emphasis. */
#define MERGE_MIN_WORDS 8

static const rsk_seg_line *line_at(const rsk_seg_doc *doc, guint i)
{
  return &g_array_index(doc->lines, rsk_seg_line, i);
}

/* The lead class most heading lines are printed in, or G_MAXUINT. */
static guint heading_lead_class(const rsk_seg_doc *doc)
{
  GHashTable *counts = g_hash_table_new(g_direct_hash, g_direct_equal);
  guint best = G_MAXUINT;
  int best_n = 0;
  for (guint i = doc->first; i < doc->last; i++) {
    const rsk_seg_line *l = line_at(doc, i);
    if (l->role != RSK_ROLE_HEADING)
      continue;
    gpointer key = GUINT_TO_POINTER(l->lead_class + 1);
    int n = GPOINTER_TO_INT(g_hash_table_lookup(counts, key)) + 1;
    g_hash_table_insert(counts, key, GINT_TO_POINTER(n));
    if (n > best_n) {
      best_n = n;
      best = l->lead_class;
    }
  }
  g_hash_table_unref(counts);
  return best;
}

/* TRUE when class C looks like class H: same weight, slant and colour, a
 * size within a point and a half (a heading printed a little larger, or
 * in another font's name, is still one to a reader). */
static gboolean looks_like(const rsk_seg_doc *doc, guint c, guint h)
{
  if (c >= doc->classes->len || h >= doc->classes->len)
    return FALSE;
  const rsk_seg_class *x = &g_array_index(doc->classes, rsk_seg_class, c);
  const rsk_seg_class *y = &g_array_index(doc->classes, rsk_seg_class, h);
  return c == h || (x->style == y->style && x->color == y->color &&
                    ABS(x->half_points - y->half_points) <= 3 && c != doc->body_class);
}

/* The first suspected merge: a body paragraph opening with a whole line
 * that looks like the headings, the paragraph's styled run a sentence of
 * some length, and body text after it. */
static void flag_merges(rsk_seg_doc *doc)
{
  guint hclass = heading_lead_class(doc);
  /* Headings in the body's own style (told apart by their shape,
   * headings.c) make every body paragraph look like one. */
  if (hclass == G_MAXUINT || hclass == doc->body_class)
    return;
  int ordinal = 0;
  for (guint i = doc->first; i < doc->last; i++) {
    const rsk_seg_line *l = line_at(doc, i);
    if (l->role == RSK_ROLE_HEADING)
      ordinal++;
    if (ordinal == 0 || l->role != RSK_ROLE_BODY || !l->para_start || l->bullet ||
        !looks_like(doc, l->lead_class, hclass) || !l->whole)
      continue;
    guint run_class = l->lead_class;
    /* The styled run: this line and the whole lines after it. */
    GString *run = g_string_new(NULL);
    gboolean body_after = FALSE;
    for (guint j = i; j < doc->last; j++) {
      const rsk_seg_line *m = line_at(doc, j);
      if (j > i && (m->para_start || m->lead_class != run_class || m->role != RSK_ROLE_BODY)) {
        body_after = m->role == RSK_ROLE_BODY && m->lead_class == doc->body_class;
        break;
      }
      if (!m->whole) {
        /* Body text follows on the same line. */
        g_autofree char *part = g_strndup(m->line->text, m->lead_end);
        rsk_seg_append_line(run, part);
        body_after = TRUE;
        break;
      }
      rsk_seg_append_line(run, m->line->text);
    }
    if (body_after && rsk_seg_ends_sentence(run->str) &&
        rsk_seg_word_count(run->str) >= MERGE_MIN_WORDS) {
      rsk_filing_flag(doc->filing,
                      "suspected_merge: ordinal %d (page %d) holds a paragraph in the "
                      "heading style: \"%.60s\"",
                      ordinal, l->line->page, run->str);
      g_string_free(run, TRUE);
      return;
    }
    g_string_free(run, TRUE);
  }
}

/* TRUE when TEXT titles a summary of the risk factors. */
static gboolean names_summary(const char *text)
{
  g_autofree char *key = rsk_text_key(text);
  return strcmp(key, "summary") == 0 || strcmp(key, "summaryofriskfactors") == 0 ||
         strcmp(key, "riskfactorsummary") == 0 || strcmp(key, "riskfactorssummary") == 0 ||
         strcmp(key, "summaryriskfactors") == 0 || strcmp(key, "summaryofprincipalrisks") == 0 ||
         strcmp(key, "summaryofmaterialrisks") == 0;
}

/* Counts the bullets of the summary before the first heading. */
static void flag_summary_mismatch(rsk_seg_doc *doc)
{
  gboolean in_summary = FALSE;
  guint bullets = 0;
  for (guint i = doc->first; i < doc->last; i++) {
    const rsk_seg_line *l = line_at(doc, i);
    if (l->role == RSK_ROLE_HEADING)
      break;
    if (!in_summary) {
      in_summary = l->para_start && rsk_seg_word_count(l->line->text) <= 6 &&
                   names_summary(l->line->text);
      continue;
    }
    bullets += l->bullet && l->para_start;
  }
  guint found = doc->filing->risks->len;
  /* One bullet may restate a risk as two: one short is no sign. */
  if (bullets >= FEW_RISK_FACTORS && found + 2 <= bullets && found * 100 < bullets * 95)
    rsk_filing_flag(doc->filing,
                    "summary_mismatch: the section's summary lists %u risks, %u found", bullets,
                    found);
}

void rsk_seg_check(rsk_seg_doc *doc)
{
  rsk_filing *filing = doc->filing;
  guint n = filing->risks->len;
  if (n < FEW_RISK_FACTORS)
    rsk_filing_flag(filing, "few_risk_factors: %u", n);
  int pages = filing->page_count;
  if (pages <= 0 && filing->lines->len > 0)
    pages = g_array_index(filing->lines, rsk_line, filing->lines->len - 1).page;
  if (pages > 4 && (filing->risk_last_page - filing->risk_first_page + 1) * 2 > pages)
    rsk_filing_flag(filing, "section_over_half_document");
  for (guint i = 0; i < n; i++) {
    const rsk_risk_factor *r = &g_array_index(filing->risks, rsk_risk_factor, i);
    if (!r->body || !*r->body)
      rsk_filing_flag(filing, "empty_body: ordinal %d", r->ordinal);
    else if (r->word_count > HUGE_BODY_WORDS)
      rsk_filing_flag(filing, "huge_body: ordinal %d", r->ordinal);
  }
  flag_merges(doc);
  flag_summary_mismatch(doc);
}
