/* classifier.c - tag a risk factor with the categories of a taxonomy
 *
 * How a tag is decided (LABELING.md defines P, S and M):
 *
 * 1. Every rule of every category is matched against the heading and the
 *    body (where the rule allows), one sentence at a time: a match never
 *    runs across a sentence boundary. A match survives when one of its
 *    "requires" patterns matches near it and none of its "unless" patterns
 *    does; "near" is the sentence, or a byte window inside it when the rule
 *    gives one. A match that is only one item of an enumeration ("laws
 *    relating to privacy, tax, export and labour") counts with the rule's
 *    smaller list_weight, and the items of one enumeration do not add up:
 *    a word in a list is a mention, not evidence. A sentence that points
 *    elsewhere ("See '... — <another heading>'") is no evidence either. A
 *    bare acronym ("VIE", "AI") counts only with its sense: the context its
 *    rule requires, a spelt-out match of the same category in its sentence,
 *    or as the name of a registered regulation ("GDPR").
 * 2. A citation of a named regulation (the registry) is evidence, with the
 *    regulation's weight, for each category the regulation lists, and the
 *    regulation id is recorded for the risk factor.
 * 3. Per category, each rule counts once per unit (the heading, a sentence),
 *    with its best weight there. Then:
 *      P  when the heading carries heading_p, or one paragraph carries
 *         paragraph_p with evidence in at least two sentences and in more
 *         than paragraph_density of them, or in exactly that share when
 *         its first sentence is one of them (a paragraph devoted to the
 *         subject; a one-sentence paragraph is a bullet, i.e. a sentence;
 *         a sentence that only names the subject in a list does not count
 *         unless the next sentence takes it up);
 *      S  when one sentence carries sentence_s (one specific statement, or
 *         two weaker signals together), or the heading carries
 *         sentence_s / heading_factor;
 *      no tag otherwise (a lone generic word is an M, which is not emitted).
 *    The score is 1 - exp(-total / score_scale), where total adds the
 *    heading weight times heading_factor and each sentence's weight (capped
 *    at 2 so one repetitive sentence cannot dominate).
 * 4. Every tag keeps its evidence: the strongest few sentences that carried
 *    it, each with its match marked (page, offsets, text, rule id) and how
 *    often the same match recurs (evidence.c), so "riskscope show --why"
 *    can say which rule fired where and a reader can judge it.
 *
 * Chinese text is matched in simplified characters, the script the
 * taxonomy's patterns are written in: the heading and body are folded
 * (hanzi_fold.c) into copies of the same length and offsets, the patterns
 * run on the copies, and evidence text is cut from the original at the
 * same offsets, so a traditional-script filing shows 《個人信息保護法》 as
 * printed.
 *
 * Nothing here knows a category id: everything comes from the taxonomy.
 *
 * Thread safety: the taxonomy is read-only while classifying; match data is
 * made per call; the match context (limits) is shared read-only, which
 * PCRE2 allows. A match that exceeds the limits is abandoned, counted, and
 * warned about once per rule.
 *
 * SPDX-License-Identifier: MIT
 */
#include "classifier.h"
#include "evidence.h"
#include "hanzi_fold.h"
#include "taxonomy_private.h"
#include "units.h"

#include <math.h>
#include <string.h>


typedef struct {
  guint category;
  const rsk_rule *rule;
  gboolean in_heading;
  gboolean in_list;     /* one item of an enumeration: a mention */
  gboolean acronym;     /* the match is a bare acronym ("VIE", "AI") */
  gboolean registry;    /* a named regulation's pattern */
  guint offset, length;
  guint sentence;       /* in the heading's or the body's units */
  double weight;
} hit;

typedef struct {
  const rsk_taxonomy *tax;
  const rsk_filing *filing;
  const rsk_risk_factor *risk;
  const char *heading;    /* matched: folded to simplified characters */
  guint heading_len;
  const char *body;
  guint body_len;
  const char *heading_shown;  /* as printed, same offsets: evidence text */
  const char *body_shown;
  rsk_units heading_units;
  rsk_units units;        /* the body's */
  /* The taxonomy's literals found in the heading and the body (prefilter.h):
   * a pattern whose literals are missing is not run. NULL: not known. */
  const guint8 *heading_found;
  const guint8 *body_found;
  pcre2_match_data *md;
  GArray *hits;          /* hit */
  GPtrArray *cited;      /* const char *: regulation ids (borrowed) */
} run;

/* ------------------------------------------------------------------ */
/* Matching                                                            */

/* RE's code, JIT-compiled the first time it runs (by whichever thread gets
 * there first; the others wait). Every pattern that runs is JIT-compiled
 * before its first match, as if the whole taxonomy had been at load time,
 * so JIT and interpreter never mix (their match limits differ). */
static const pcre2_code *code_of(const rsk_regex *re)
{
  if (re->jit) {
    gsize *once = (gsize *)&re->jit_once;
    if (g_once_init_enter(once)) {
      (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
      g_once_init_leave(once, 1);
    }
  }
  return re->code;
}

/* Runs RE over TEXT[start, end) with OPTIONS. Returns 1 on a match
 * (offsets in OUT), 0 on none, -1 when a limit stopped it. */
static int match_at(run *r, const rsk_rule *rule, const rsk_regex *re, const char *text,
                    guint start, guint end, guint32 options, guint *mstart, guint *mend)
{
  int rc = pcre2_match(code_of(re), (PCRE2_SPTR)text, end, start, PCRE2_NO_UTF_CHECK | options,
                       r->md, r->tax->match_context);
  if (rc >= 0) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    *mstart = (guint)ov[0];
    *mend = (guint)ov[1];
    return 1;
  }
  if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
    return 0;
  /* Limits, JIT stack or any other failure: give up on this pattern here. */
  rsk_taxonomy *tax = (rsk_taxonomy *)r->tax;
  g_atomic_int_inc(&tax->limit_hits);
  if (rule && g_atomic_int_compare_and_exchange(&((rsk_rule *)rule)->limit_warned, 0, 1)) {
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(rc, msg, sizeof msg);
    g_warning("%s: rule \"%s\": %s (pattern \"%s\", %u bytes of text); "
              "the pattern is skipped there",
              tax->origin, rule->id, (const char *)msg, rule->main.source, end - start);
  }
  return -1;
}

/* Any of PATTERNS matches in TEXT[start, end)? FOUND: the literals of
 * TEXT, or NULL. */
static gboolean any_matches(run *r, const rsk_rule *rule, const GPtrArray *patterns,
                            const char *text, const guint8 *found, guint start, guint end)
{
  for (guint i = 0; i < patterns->len; i++) {
    const rsk_regex *re = g_ptr_array_index(patterns, i);
    guint a, b;
    if (found && !rsk_prefilter_may_match(re->filter, found))
      continue;
    if (match_at(r, rule, re, text, start, end, 0, &a, &b) == 1)
      return TRUE;
  }
  return FALSE;
}

/* The context window of a match: the rule's byte window clipped to the
 * sentence [us, ue), or the sentence itself. Windows are moved to
 * character boundaries. */
static void context_window(const char *text, const rsk_rule *rule, guint us, guint ue,
                           guint ms, guint me, guint *ws, guint *we)
{
  if (rule->near == 0) {
    *ws = us;
    *we = ue;
    return;
  }
  *ws = ms > us + rule->near ? ms - rule->near : us;
  *we = me + rule->near < ue ? me + rule->near : ue;
  while (*ws > us && ((unsigned char)text[*ws] & 0xC0) == 0x80)
    (*ws)--;
  while (*we < ue && ((unsigned char)text[*we] & 0xC0) == 0x80)
    (*we)++;
}

/* TEXT[start, end) is one bare acronym: two to eight capitals, maybe
 * dotted ("A.I."), maybe a plural "s" ("VIEs"), and nothing else. */
static gboolean is_bare_acronym(const char *text, guint start, guint end)
{
  guint caps = 0;
  if (end > start + 1 && text[end - 1] == 's')
    end--;
  for (guint i = start; i < end; i++) {
    if (g_ascii_isupper(text[i]))
      caps++;
    else if (text[i] != '.' || i == start)
      return FALSE;
  }
  return caps >= 2 && caps <= 8;
}

static guint next_char(const char *text, guint pos, guint len)
{
  pos++;
  while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
    pos++;
  return pos;
}

/* Records the match [ms, me) of RULE in sentence SENTENCE (of UNITS) when
 * its context allows, for each of CATEGORIES (N of them). */
static void consider_match(run *r, const rsk_rule *rule, const guint *categories, guint n,
                           gboolean heading, const char *cited_id, const rsk_units *units,
                           guint sentence, guint ms, guint me)
{
  const char *text = heading ? r->heading : r->body;
  const rsk_unit *s = &g_array_index(units->sentences, rsk_unit, sentence);
  if (!heading && rsk_units_is_pointer(text, s->start, s->end))
    return;   /* a cross-reference quotes another risk factor's heading */
  if (!heading) {
    /* A leftmost match can start items early: "currency regulations, laws
     * and regulations regarding consumer and data protection". When the
     * rule also matches from the start of the item it ends in, that is the
     * phrase, and it is one item of the list. */
    guint is = rsk_units_item_start(text, s->start, s->end, me > ms ? me - 1 : ms);
    guint a, b;
    if (is > ms && match_at(r, rule, &rule->main, text, is, s->end, PCRE2_NOTEMPTY, &a, &b) == 1 && a < me)
      ms = a, me = b;
  }
  guint ws, we;
  context_window(text, rule, s->start, s->end, ms, me, &ws, &we);
  const guint8 *found = heading ? r->heading_found : r->body_found;
  if (rule->requires->len && !any_matches(r, rule, rule->requires, text, found, ws, we))
    return;
  if (rule->unless->len && any_matches(r, rule, rule->unless, text, found, ws, we))
    return;

  gboolean in_list = !heading && rsk_units_in_list(text, s->start, s->end, ms, me);
  if (cited_id) {
    gboolean seen = FALSE;
    for (guint i = 0; i < r->cited->len && !seen; i++)
      seen = strcmp(g_ptr_array_index(r->cited, i), cited_id) == 0;
    if (!seen)
      g_ptr_array_add(r->cited, (gpointer)cited_id);
  }
  for (guint c = 0; c < n; c++) {
    hit h = {.category = categories[c], .rule = rule, .in_heading = heading,
             .in_list = in_list, .acronym = is_bare_acronym(text, ms, me),
             .registry = cited_id != NULL, .offset = ms, .length = me - ms,
             .sentence = sentence, .weight = in_list ? rule->list_weight : rule->weight};
    g_array_append_val(r->hits, h);
  }
}

/* Matches RULE over the heading or the body, one sentence at a time: a
 * match never runs across a sentence boundary, so "... personal
 * information. In many cases, these laws" is not one phrase. A search of
 * the whole text finds the next sentence worth trying; the search is then
 * repeated inside that sentence alone. */
static void match_rule(run *r, const rsk_rule *rule, const guint *categories, guint n,
                       gboolean heading, const char *cited_id)
{
  const char *text = heading ? r->heading : r->body;
  guint len = heading ? r->heading_len : r->body_len;
  const rsk_units *units = heading ? &r->heading_units : &r->units;
  const guint8 *found = heading ? r->heading_found : r->body_found;
  if (found && !rsk_prefilter_may_match(rule->main.filter, found))
    return;
  guint pos = 0;
  while (pos < len) {
    guint ms, me;
    /* Evidence is never empty: a pattern that can match nothing ("a*",
     * "(?=AI)") only counts where it matches something. */
    if (match_at(r, rule, &rule->main, text, pos, len, PCRE2_NOTEMPTY, &ms,
                 &me) != 1)
      break;
    guint first = ms;
    guint sentence = rsk_units_sentence_at(units, ms);
    const rsk_unit *s = &g_array_index(units->sentences, rsk_unit, sentence);
    guint spos = MAX(pos, s->start);
    while (spos < s->end &&
           match_at(r, rule, &rule->main, text, spos, s->end, PCRE2_NOTEMPTY, &ms, &me) == 1) {
      spos = me > ms ? me : next_char(text, ms, len);
      consider_match(r, rule, categories, n, heading, cited_id, units, sentence, ms, me);
    }
    pos = MAX(s->end, next_char(text, first, len));
  }
}

static void match_everything(run *r)
{
  const rsk_taxonomy *tax = r->tax;
  for (guint c = 0; c < tax->categories->len; c++) {
    const rsk_category *cat = g_ptr_array_index(tax->categories, c);
    for (guint k = 0; k < cat->rules->len; k++) {
      const rsk_rule *rule = g_ptr_array_index(cat->rules, k);
      if ((rule->where & RSK_WHERE_HEADING) && r->heading_len)
        match_rule(r, rule, &c, 1, TRUE, NULL);
      if ((rule->where & RSK_WHERE_BODY) && r->body_len)
        match_rule(r, rule, &c, 1, FALSE, NULL);
    }
  }
  for (guint g = 0; g < tax->regulations->len; g++) {
    const rsk_regulation *reg = g_ptr_array_index(tax->regulations, g);
    const guint *cats = (const guint *)(void *)reg->category_index->data;
    guint n = reg->category_index->len;
    for (guint k = 0; k < reg->rules->len; k++) {
      const rsk_rule *rule = g_ptr_array_index(reg->rules, k);
      if ((rule->where & RSK_WHERE_HEADING) && r->heading_len)
        match_rule(r, rule, cats, n, TRUE, reg->info.id);
      if ((rule->where & RSK_WHERE_BODY) && r->body_len)
        match_rule(r, rule, cats, n, FALSE, reg->info.id);
    }
  }
}

/* A bare acronym ("VIE", "WFOE", "AI") names a thing, not what is said
 * about it: alone it is no evidence. It counts when its rule required
 * context and found it, when it cites a named regulation ("GDPR"), or
 * when another, spelt-out match of the same category shares its sentence
 * ("contractual arrangements with our VIEs"). */
static void drop_lone_acronyms(run *r)
{
  for (guint i = 0; i < r->hits->len; i++) {
    hit *h = &g_array_index(r->hits, hit, i);
    if (!h->acronym || h->registry || h->rule->requires->len || h->weight <= 0)
      continue;
    gboolean supported = FALSE;
    for (guint j = 0; j < r->hits->len && !supported; j++) {
      const hit *o = &g_array_index(r->hits, hit, j);
      supported = !o->acronym && o->weight > 0 && o->category == h->category &&
                  o->in_heading == h->in_heading && o->sentence == h->sentence;
    }
    if (!supported)
      h->weight = 0;
  }
}

/* ------------------------------------------------------------------ */
/* Scoring                                                             */

/* Sum over distinct rules of their best weight, for the hits H[0..n) that
 * pass KEEP. */
static double distinct_sum(const hit *const *h, guint n)
{
  double sum = 0;
  for (guint i = 0; i < n; i++) {
    gboolean first = TRUE;
    double best = h[i]->weight;
    for (guint j = 0; j < n; j++) {
      if (h[j]->rule != h[i]->rule)
        continue;
      if (j < i) {
        first = FALSE;
        break;
      }
      best = MAX(best, h[j]->weight);
    }
    if (first)
      sum += best;
  }
  return sum;
}

/* The weight of one unit (the heading or a sentence) from its hits H[0..n):
 * items of one enumeration do not add up ("laws relating to privacy, data
 * protection, consumer protection, ..." names privacy in passing however
 * many of its words match), other hits add per distinct rule. */
static double unit_weight(const hit *const *h, guint n, gboolean *mention_only)
{
  gboolean all_listed = TRUE;
  double top = 0;
  for (guint i = 0; i < n; i++) {
    all_listed = all_listed && h[i]->in_list;
    top = MAX(top, h[i]->weight);
  }
  if (mention_only)
    *mention_only = n > 0 && all_listed;
  return n && all_listed ? top : distinct_sum(h, n);
}

/* The hits of HITS (a category's) with weight in unit SENTENCE of the
 * heading or the body, into UNIT. */
static void unit_hits(const GPtrArray *hits, gboolean heading, guint sentence, GPtrArray *unit)
{
  g_ptr_array_set_size(unit, 0);
  for (guint i = 0; i < hits->len; i++) {
    const hit *h = g_ptr_array_index(hits, i);
    if (h->in_heading == heading && h->sentence == sentence && h->weight > 0)
      g_ptr_array_add(unit, (gpointer)h);
  }
}

static int compare_hits(gconstpointer a, gconstpointer b)
{
  const hit *x = *(const hit *const *)a, *y = *(const hit *const *)b;
  if (x->in_heading != y->in_heading)
    return x->in_heading ? -1 : 1;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return x->length > y->length ? -1 : x->length < y->length;   /* longest first */
}

/* Hands the category's surviving hits, with their sentences and the weight
 * those carried, to rsk_evidence_pick(). */
static void add_evidence(run *r, rsk_tag *tag, GPtrArray *hits)
{
  const rsk_settings *set = &r->tax->settings;
  g_ptr_array_sort(hits, compare_hits);
  g_autoptr(GArray) cands = g_array_new(FALSE, FALSE, sizeof(rsk_evidence_candidate));
  g_autoptr(GPtrArray) unit = g_ptr_array_new();
  const hit *last = NULL;
  for (guint i = 0; i < hits->len; i++) {
    const hit *h = g_ptr_array_index(hits, i);
    if (h->weight <= 0)
      continue;
    if (last && h->offset == last->offset && h->in_heading == last->in_heading)
      continue;   /* one place matched by two rules: keep the heavier, longer */
    last = h;
    const rsk_units *units = h->in_heading ? &r->heading_units : &r->units;
    const rsk_unit *s = &g_array_index(units->sentences, rsk_unit, h->sentence);
    unit_hits(hits, h->in_heading, h->sentence, unit);
    double w = unit_weight((const hit *const *)unit->pdata, unit->len, NULL);
    int page = h->in_heading ? rsk_risk_heading_page_at(r->risk, h->offset)
                             : r->risk->page_start;
    if (!h->in_heading && r->filing)
      page = rsk_risk_page_at(r->filing, r->risk, h->offset);
    rsk_evidence_candidate c = {
      .in_heading = h->in_heading,
      .sentence_start = s->start,
      .sentence_end = s->end,
      .offset = h->offset,
      .length = h->length,
      .weight = h->weight,
      .unit_weight = h->in_heading ? w * set->heading_factor : w,
      .rule = h->rule->id,
      .page = page,
    };
    g_array_append_val(cands, c);
  }
  tag->sentences = rsk_evidence_pick((const rsk_evidence_candidate *)(void *)cands->data,
                                     cands->len, r->heading_shown, r->body_shown,
                                     tag->evidence);
}

static void evidence_clear(gpointer p)
{
  rsk_evidence *ev = p;
  g_clear_pointer(&ev->text, g_free);
  g_clear_pointer(&ev->pattern, g_free);
}

static void tag_clear(gpointer p)
{
  rsk_tag *tag = p;
  g_clear_pointer(&tag->category, g_free);
  g_clear_pointer(&tag->evidence, g_array_unref);
}

/* Decides the tag of category C from its hits, or adds nothing. */
static void score_category(run *r, guint c, GPtrArray *hits, rsk_classification *result)
{
  const rsk_settings *set = &r->tax->settings;
  guint n_sent = r->units.sentences ? r->units.sentences->len : 0;
  guint n_para = r->units.paragraphs ? r->units.paragraphs->len : 0;

  g_autoptr(GPtrArray) unit = g_ptr_array_new();
  for (guint i = 0; i < hits->len; i++) {
    const hit *h = g_ptr_array_index(hits, i);
    if (h->in_heading && h->weight > 0)
      g_ptr_array_add(unit, (gpointer)h);
  }
  /* The heading is one unit, whatever its sentences. */
  double heading = distinct_sum((const hit *const *)unit->pdata, unit->len);

  /* Per sentence, then per paragraph. Hits are few: quadratic is fine. */
  double total = heading * set->heading_factor;
  double best_sentence = 0;
  g_autofree double *sent_w = g_new0(double, MAX(n_sent, 1));
  g_autofree gboolean *mention = g_new0(gboolean, MAX(n_sent, 1));
  for (guint s = 0; s < n_sent; s++) {
    unit_hits(hits, FALSE, s, unit);
    if (unit->len == 0)
      continue;
    gboolean listed = FALSE;
    sent_w[s] = unit_weight((const hit *const *)unit->pdata, unit->len, &listed);
    mention[s] = listed && sent_w[s] < set->sentence_s;
    best_sentence = MAX(best_sentence, sent_w[s]);
    total += MIN(sent_w[s], 2.0);
  }
  if (total <= 0)
    return;

  gboolean primary = heading >= set->heading_p;
  for (guint p = 0; p < n_para && !primary; p++) {
    guint with = 0, all = 0;
    gboolean opens = FALSE;   /* the paragraph's first sentence has evidence */
    g_ptr_array_set_size(unit, 0);
    for (guint s = 0; s < n_sent; s++) {
      const rsk_unit *u = &g_array_index(r->units.sentences, rsk_unit, s);
      if (u->paragraph != p)
        continue;
      /* A subject named in a list and taken up by the next sentence ("...
       * and scrutiny of foreign investments. For example, ...") is not
       * passing: it counts toward the paragraph. */
      gboolean taken_up = s + 1 < n_sent &&
                          g_array_index(r->units.sentences, rsk_unit, s + 1).paragraph == p &&
                          sent_w[s + 1] > 0 && !mention[s + 1];
      gboolean evidence = sent_w[s] > 0 && (!mention[s] || taken_up);
      if (all++ == 0)
        opens = evidence;
      with += evidence ? 1 : 0;
    }
    if (with == 0)
      continue;
    for (guint i = 0; i < hits->len; i++) {
      const hit *h = g_ptr_array_index(hits, i);
      if (!h->in_heading &&
          g_array_index(r->units.sentences, rsk_unit, h->sentence).paragraph == p)
        g_ptr_array_add(unit, (gpointer)h);
    }
    double para = distinct_sum((const hit *const *)unit->pdata, unit->len);
    /* A one-sentence paragraph is a bullet: a sentence (LABELING.md). At
     * exactly the density, the paragraph must open with its subject: two
     * closing sentences of four about another topic are an aside. */
    double need = set->paragraph_density * all;
    primary = with >= 2 && para >= set->paragraph_p &&
              ((double)with > need || ((double)with >= need && opens));
  }
  gboolean secondary = best_sentence >= set->sentence_s ||
                       heading * set->heading_factor >= set->sentence_s;
  if (!primary && !secondary)
    return;

  const rsk_category *cat = g_ptr_array_index(r->tax->categories, c);
  rsk_tag tag = {
    .category = g_strdup(cat->id),
    .score = 1.0 - exp(-total / set->score_scale),
    .strength = primary ? 'P' : 'S',
    .evidence = g_array_new(FALSE, FALSE, sizeof(rsk_evidence)),
  };
  g_array_set_clear_func(tag.evidence, evidence_clear);
  add_evidence(r, &tag, hits);
  g_array_append_val(result->tags, tag);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

void rsk_classification_init(rsk_classification *result)
{
  result->tags = g_array_new(FALSE, FALSE, sizeof(rsk_tag));
  g_array_set_clear_func(result->tags, tag_clear);
  result->regulations = g_ptr_array_new_with_free_func(g_free);
}

void rsk_classification_clear(rsk_classification *result)
{
  if (!result)
    return;
  g_clear_pointer(&result->tags, g_array_unref);
  g_clear_pointer(&result->regulations, g_ptr_array_unref);
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* TEXT as valid UTF-8: TEXT itself, or a repaired copy stored in *OWNED. */
static const char *valid_utf8(const char *text, char **owned)
{
  *owned = NULL;
  if (!text)
    return "";
  if (g_utf8_validate(text, -1, NULL))
    return text;
  *owned = g_utf8_make_valid(text, -1);
  return *owned;
}

void rsk_classify(const rsk_taxonomy *taxonomy, const rsk_filing *filing,
                  const rsk_risk_factor *risk, rsk_classification *result)
{
  rsk_classification_clear(result);
  rsk_classification_init(result);
  if (!taxonomy || !risk)
    return;

  g_autofree char *heading_copy = NULL, *body_copy = NULL;
  run r = {.tax = taxonomy, .filing = filing, .risk = risk};
  r.heading = valid_utf8(risk->heading, &heading_copy);
  r.body = valid_utf8(risk->body, &body_copy);
  r.heading_len = (guint)strlen(r.heading);
  r.body_len = (guint)strlen(r.body);
  r.heading_shown = r.heading;
  r.body_shown = r.body;
  g_autofree char *heading_folded = rsk_hanzi_fold(r.heading, r.heading_len);
  g_autofree char *body_folded = rsk_hanzi_fold(r.body, r.body_len);
  if (heading_folded)
    r.heading = heading_folded;
  if (body_folded)
    r.body = body_folded;
  rsk_units_split(&r.heading_units, r.heading, r.heading_len);
  rsk_units_split(&r.units, r.body, r.body_len);
  gsize set_size = MAX(rsk_literals_set_size(taxonomy->literals), 1);
  g_autofree guint8 *heading_found = g_malloc0(set_size);
  g_autofree guint8 *body_found = g_malloc0(set_size);
  if (rsk_literals_scan(taxonomy->literals, r.heading, r.heading_len, heading_found))
    r.heading_found = heading_found;
  if (rsk_literals_scan(taxonomy->literals, r.body, r.body_len, body_found))
    r.body_found = body_found;
  r.md = pcre2_match_data_create(1, NULL);
  r.hits = g_array_new(FALSE, FALSE, sizeof(hit));
  r.cited = g_ptr_array_new();

  match_everything(&r);
  drop_lone_acronyms(&r);

  g_autoptr(GPtrArray) per = g_ptr_array_new();
  for (guint c = 0; c < taxonomy->categories->len; c++) {
    g_ptr_array_set_size(per, 0);
    for (guint i = 0; i < r.hits->len; i++) {
      hit *h = &g_array_index(r.hits, hit, i);
      if (h->category == c)
        g_ptr_array_add(per, h);
    }
    if (per->len)
      score_category(&r, c, per, result);
  }
  for (guint i = 0; i < r.cited->len; i++)
    g_ptr_array_add(result->regulations, g_strdup(g_ptr_array_index(r.cited, i)));
  g_ptr_array_sort(result->regulations, compare_strings);

  g_ptr_array_unref(r.cited);
  g_array_unref(r.hits);
  pcre2_match_data_free(r.md);
  rsk_units_clear(&r.heading_units);
  rsk_units_clear(&r.units);
}

void rsk_classify_text(const rsk_taxonomy *taxonomy, const char *heading, const char *body,
                       rsk_classification *result)
{
  rsk_risk_factor risk = {
    .ordinal = 1,
    .section = "",
    .heading = heading ? heading : "",
    .body = body ? body : "",
    .page_start = 1,
    .page_end = 1,
  };
  rsk_classify(taxonomy, NULL, &risk, result);
}

const rsk_tag *rsk_classification_find(const rsk_classification *result, const char *category)
{
  for (guint i = 0; result->tags && i < result->tags->len; i++) {
    const rsk_tag *tag = &g_array_index(result->tags, rsk_tag, i);
    if (strcmp(tag->category, category) == 0)
      return tag;
  }
  return NULL;
}
