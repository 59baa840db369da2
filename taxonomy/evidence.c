/* evidence.c - choose the sentences that show why a tag was given
 *
 * A reader judges a tag from sentences, not from fragments: "AI" or
 * "contractual arrangements" says nothing until one sees what the filing
 * says about it. So each piece of evidence is a match shown in its
 * sentence. A risk factor that names its VIEs thirteen times would list
 * thirteen sentences saying the same thing, so matches of the same rule
 * and the same words are one item, with a count, shown in the strongest
 * sentence that holds them. Items are ordered by the weight their sentence
 * carried in scoring (the heading's counts heading_factor times), and only
 * the first RSK_EVIDENCE_MAX are kept: the strongest reasons, not all.
 * A sentence is shown once: the next item takes its next best sentence.
 *
 * SPDX-License-Identifier: MIT
 */
#include "evidence.h"
#include "classifier.h"

#include <string.h>

/* Longest sentence shown whole; a longer one is cut to a window of words
 * around the match. */
#define SENTENCE_MAX 480
#define MATCH_TEXT_MAX 240

typedef struct {
  char *key;                 /* rule and folded match text */
  GArray *members;           /* guint: candidate indexes */
  guint best;                /* the representative candidate */
} group;

static void group_free(gpointer p)
{
  group *g = p;
  g_free(g->key);
  g_array_unref(g->members);
  g_free(g);
}

/* Candidate A is stronger evidence than B. */
static gboolean stronger(const rsk_evidence_candidate *a, const rsk_evidence_candidate *b)
{
  if (a->unit_weight != b->unit_weight)
    return a->unit_weight > b->unit_weight;
  if (a->weight != b->weight)
    return a->weight > b->weight;
  if (a->in_heading != b->in_heading)
    return a->in_heading;
  return a->offset < b->offset;
}

static gboolean same_sentence(const rsk_evidence_candidate *a, const rsk_evidence_candidate *b)
{
  return a->in_heading == b->in_heading && a->sentence_start == b->sentence_start;
}

static guint utf8_back(const char *text, guint p)
{
  while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
    p--;
  return p;
}

/* The sentence of C, without its surrounding spaces, cut to a window of
 * whole words around the match when it is long. */
static void sentence_window(const char *text, const rsk_evidence_candidate *c, guint *start,
                            guint *end)
{
  guint s = c->sentence_start, e = c->sentence_end;
  while (s < c->offset && (text[s] == ' ' || text[s] == '\n'))
    s++;
  while (e > c->offset + c->length && (text[e - 1] == ' ' || text[e - 1] == '\n'))
    e--;
  if (e - s > SENTENCE_MAX) {
    guint side = c->length < SENTENCE_MAX ? (SENTENCE_MAX - c->length) / 2 : 0;
    guint ws = c->offset > s + side ? utf8_back(text, c->offset - side) : s;
    guint me = c->offset + c->length;
    guint we = me + side < e ? utf8_back(text, me + side) : e;
    while (ws > s && ws < c->offset && text[ws - 1] != ' ')
      ws++;   /* start at a word */
    while (we < e && we > me && text[we] != ' ')
      we--;   /* end at a word */
    s = ws;
    e = we;
  }
  *start = s;
  *end = e;
}

static char *match_text(const char *text, guint offset, guint length)
{
  if (length > MATCH_TEXT_MAX)
    length = utf8_back(text, offset + MATCH_TEXT_MAX) - offset;
  return g_strndup(text + offset, length);
}

static int compare_groups(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const rsk_evidence_candidate *c = data;
  const group *a = *(const group *const *)pa, *b = *(const group *const *)pb;
  const rsk_evidence_candidate *x = &c[a->best], *y = &c[b->best];
  if (stronger(x, y) != stronger(y, x))
    return stronger(x, y) ? -1 : 1;
  return (b->members->len > a->members->len) - (b->members->len < a->members->len);
}

guint rsk_evidence_pick(const rsk_evidence_candidate *c, guint n, const char *heading,
                        const char *body, GArray *out)
{
  /* Group by rule and words, folded: "VIEs" and "VIEs", not "VIE". */
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func(group_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new(g_str_hash, g_str_equal);
  guint sentences = 0;
  for (guint i = 0; i < n; i++) {
    const char *text = c[i].in_heading ? heading : body;
    g_autofree char *words = g_utf8_casefold(text + c[i].offset, c[i].length);
    g_autofree char *key = g_strconcat(c[i].rule, "\x1f", words, NULL);
    group *g = g_hash_table_lookup(by_key, key);
    if (!g) {
      g = g_new0(group, 1);
      g->key = g_steal_pointer(&key);
      g->members = g_array_new(FALSE, FALSE, sizeof(guint));
      g->best = i;
      g_ptr_array_add(groups, g);
      g_hash_table_insert(by_key, g->key, g);
    }
    g_array_append_val(g->members, i);
    if (stronger(&c[i], &c[g->best]))
      g->best = i;
    gboolean seen = FALSE;
    for (guint j = 0; j < i && !seen; j++)
      seen = same_sentence(&c[i], &c[j]);
    sentences += seen ? 0 : 1;
  }
  g_ptr_array_sort_with_data(groups, compare_groups, (gpointer)c);

  /* Each group in its best sentence not yet shown. */
  g_autoptr(GArray) shown = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint k = 0; k < groups->len && out->len < RSK_EVIDENCE_MAX; k++) {
    const group *g = g_ptr_array_index(groups, k);
    const rsk_evidence_candidate *pick = NULL;
    for (guint m = 0; m < g->members->len; m++) {
      const rsk_evidence_candidate *cand = &c[g_array_index(g->members, guint, m)];
      gboolean used = FALSE;
      for (guint u = 0; u < shown->len && !used; u++)
        used = same_sentence(cand, &c[g_array_index(shown, guint, u)]);
      if (!used && (!pick || stronger(cand, pick)))
        pick = cand;
    }
    if (!pick)
      continue;
    guint index = (guint)(pick - c);
    g_array_append_val(shown, index);
    const char *text = pick->in_heading ? heading : body;
    guint ss, se;
    sentence_window(text, pick, &ss, &se);
    rsk_evidence ev = {
      .page = pick->page,
      .in_heading = pick->in_heading,
      .offset = pick->offset,
      .length = pick->length,
      .sentence_offset = ss,
      .sentence_length = se - ss,
      .count = g->members->len,
      .text = match_text(text, pick->offset, pick->length),
      .pattern = g_strdup(pick->rule),
      .weight = pick->weight,
    };
    g_array_append_val(out, ev);
  }
  return sentences;
}
