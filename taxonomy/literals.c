/* literals.c - a set of literals, found all at once in a text
 *
 * The prefilter (prefilter.c) reduces each pattern to literals its matches
 * must contain; the classifier asks which of them a heading or a body
 * holds. One Aho-Corasick automaton over all of them answers in one pass
 * over the text, whatever their number. Literals are lower case: the scan
 * folds ASCII letters (the CJK characters a literal may hold have no
 * case). A literal may want a word boundary (PCRE2's \b, ASCII words)
 * before or after it, checked against the text's own neighbours.
 *
 * SPDX-License-Identifier: MIT
 */
#include "literals.h"

#include <string.h>

typedef struct {
  char *text;                /* lower case, no marks */
  guint len;
  gboolean before, after;    /* a word boundary must precede, follow it */
} literal;

/* The automaton is the trie of the literals with failure links (the
 * classic Aho-Corasick form), its edges sorted by class under each state,
 * and a full row of transitions for the root only. A dense table of
 * states x classes would take 3 MB for the built-in taxonomy, to be built
 * and paged in by every run; a scan follows failure links instead. */
struct rsk_literals {
  GArray *items;             /* literal */
  GHashTable *ids;           /* "<flags><text>" → id + 1 */
  /* The automaton, once compiled. */
  guint8 class_of[256];      /* byte → input class; 0 = in no literal */
  guint n_classes;
  guint n_states;
  guint32 *root;             /* [class] → state */
  guint32 *kids_first;       /* [state .. state + 1): its edges */
  guint8 *kid_class;         /* sorted by class within a state */
  guint32 *kid;
  guint32 *fail;             /* [state] → its longest proper suffix's state */
  guint32 *out_first;        /* [state .. state + 1): range of out */
  guint32 *out;              /* literal ids ending at a state */
};

static void literal_clear(gpointer p)
{
  g_free(((literal *)p)->text);
}

rsk_literals *rsk_literals_new(void)
{
  rsk_literals *lits = g_new0(rsk_literals, 1);
  lits->items = g_array_new(FALSE, FALSE, sizeof(literal));
  g_array_set_clear_func(lits->items, literal_clear);
  lits->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return lits;
}

void rsk_literals_free(rsk_literals *lits)
{
  if (!lits)
    return;
  g_array_unref(lits->items);
  g_hash_table_unref(lits->ids);
  g_free(lits->root);
  g_free(lits->kids_first);
  g_free(lits->kid_class);
  g_free(lits->kid);
  g_free(lits->fail);
  g_free(lits->out_first);
  g_free(lits->out);
  g_free(lits);
}

gsize rsk_literals_set_size(const rsk_literals *lits)
{
  return (lits->items->len + 7) / 8;
}

guint rsk_literals_add(rsk_literals *lits, const char *text, gsize len, gboolean before,
                       gboolean after)
{
  g_return_val_if_fail(lits->root == NULL && len > 0, 0);
  GString *key = g_string_sized_new(len + 2);
  g_string_append_c(key, before ? 'b' : '-');
  g_string_append_c(key, after ? 'b' : '-');
  g_string_append_len(key, text, (gssize)len);
  gpointer id = g_hash_table_lookup(lits->ids, key->str);
  if (id) {
    g_string_free(key, TRUE);
    return GPOINTER_TO_UINT(id) - 1;
  }
  literal lit = {.text = g_strndup(text, len), .len = (guint)len, .before = before,
                 .after = after};
  g_array_append_val(lits->items, lit);
  g_hash_table_insert(lits->ids, g_string_free(key, FALSE), GUINT_TO_POINTER(lits->items->len));
  return lits->items->len - 1;
}

gboolean rsk_literals_compiled(const rsk_literals *lits)
{
  return lits->root != NULL;
}

typedef struct {
  guint32 from, to;
  guint8 cls;
} trie_edge;

static int compare_edges(const void *pa, const void *pb)
{
  const trie_edge *a = pa, *b = pb;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  return (int)a->cls - (int)b->cls;
}

#define NO_STATE G_MAXUINT32

/* STATE's trie edge on class C, or NO_STATE. */
static guint32 edge(const rsk_literals *lits, guint32 state, guint c)
{
  for (guint32 k = lits->kids_first[state]; k < lits->kids_first[state + 1]; k++)
    if (lits->kid_class[k] >= c)
      return lits->kid_class[k] == c ? lits->kid[k] : NO_STATE;
  return NO_STATE;
}

/* The state after STATE on class C. */
static guint32 step(const rsk_literals *lits, guint32 state, guint c)
{
  if (c == 0)
    return 0;
  while (state != 0) {
    guint32 to = edge(lits, state, c);
    if (to != NO_STATE)
      return to;
    state = lits->fail[state];
  }
  return lits->root[c];
}

void rsk_literals_compile(rsk_literals *lits)
{
  g_return_if_fail(lits->root == NULL);
  guint n_lits = lits->items->len;
  if (n_lits == 0)
    return;
  /* Input classes: one per byte that occurs in a literal, upper-case ASCII
   * sharing its lower-case letter's. */
  memset(lits->class_of, 0, sizeof lits->class_of);
  lits->n_classes = 1;
  gsize total_len = 0;
  for (guint i = 0; i < n_lits; i++) {
    const literal *l = &g_array_index(lits->items, literal, i);
    total_len += l->len;
    for (guint k = 0; k < l->len; k++) {
      guchar b = (guchar)l->text[k];
      if (!lits->class_of[b] && lits->n_classes < 256)
        lits->class_of[b] = (guint8)lits->n_classes++;
    }
  }
  /* Far beyond any real taxonomy: then no scan, every pattern runs. */
  if (lits->n_classes >= 256 || total_len >= (1u << 24))
    return;
  for (int c = 'A'; c <= 'Z'; c++)
    lits->class_of[c] = lits->class_of[c | 0x20];

  /* The trie: its edges, found again by (state << 8 | class), which is
   * never 0 (class 0 is in no literal) and fits a guint (states < 2^24). */
  GHashTable *child = g_hash_table_new(g_direct_hash, g_direct_equal);
  trie_edge *edges = g_new(trie_edge, total_len);
  guint32 *ends = g_new(guint32, n_lits);   /* literal → its state */
  guint32 n_states = 1;
  for (guint i = 0; i < n_lits; i++) {
    const literal *l = &g_array_index(lits->items, literal, i);
    guint32 state = 0;
    for (guint k = 0; k < l->len; k++) {
      guint8 c = lits->class_of[(guchar)l->text[k]];
      gpointer key = GUINT_TO_POINTER(state << 8 | c);
      gpointer to = g_hash_table_lookup(child, key);
      if (!to) {
        edges[n_states - 1] = (trie_edge){.from = state, .to = n_states, .cls = c};
        to = GUINT_TO_POINTER(n_states++);
        g_hash_table_insert(child, key, to);
      }
      state = GPOINTER_TO_UINT(to);
    }
    ends[i] = state;
  }
  g_hash_table_unref(child);
  guint n_edges = n_states - 1;   /* one into every state but the root */
  qsort(edges, n_edges, sizeof(trie_edge), compare_edges);
  lits->n_states = n_states;
  lits->kids_first = g_new0(guint32, n_states + 1);
  lits->kid_class = g_new(guint8, MAX(n_edges, 1));
  lits->kid = g_new(guint32, MAX(n_edges, 1));
  for (guint k = 0; k < n_edges; k++) {
    lits->kids_first[edges[k].from + 1]++;
    lits->kid_class[k] = edges[k].cls;
    lits->kid[k] = edges[k].to;
  }
  for (guint s = 0; s < n_states; s++)
    lits->kids_first[s + 1] += lits->kids_first[s];
  g_free(edges);

  /* Failure links, breadth first: a state's follows from its parent's,
   * which is nearer the root and so done. */
  lits->root = g_new0(guint32, lits->n_classes);
  lits->fail = g_new0(guint32, n_states);
  guint32 *order = g_new(guint32, n_states);
  guint head = 0, tail = 0;
  for (guint32 k = lits->kids_first[0]; k < lits->kids_first[1]; k++) {
    lits->root[lits->kid_class[k]] = lits->kid[k];
    order[tail++] = lits->kid[k];
  }
  while (head < tail) {
    guint32 s = order[head++];
    for (guint32 k = lits->kids_first[s]; k < lits->kids_first[s + 1]; k++) {
      guint32 t = lits->kid[k];
      lits->fail[t] = step(lits, lits->fail[s], lits->kid_class[k]);
      order[tail++] = t;
    }
  }
  guint32 *fail = lits->fail;

  /* Outputs: a state's own literals, then its failure state's (complete
   * by then). OWN chains the literals ending at a state: FIRST_OWN[state],
   * then OWN[literal], to G_MAXUINT32. */
  guint32 *first_own = g_new(guint32, n_states);
  guint32 *own = g_new(guint32, n_lits);
  guint32 *count = g_new0(guint32, n_states);
  memset(first_own, 0xff, n_states * sizeof(guint32));
  for (guint i = n_lits; i-- > 0;) {
    own[i] = first_own[ends[i]];
    first_own[ends[i]] = i;
    count[ends[i]]++;
  }
  for (guint k = 0; k < tail; k++)
    count[order[k]] += count[fail[order[k]]];
  lits->out_first = g_new(guint32, n_states + 1);
  guint32 total = 0;
  for (guint s = 0; s < n_states; s++) {
    lits->out_first[s] = total;
    total += count[s];
  }
  lits->out_first[n_states] = total;
  lits->out = g_new(guint32, MAX(total, 1));
  for (guint k = 0; k < tail; k++) {
    guint32 s = order[k], at = lits->out_first[s];
    for (guint32 i = first_own[s]; i != G_MAXUINT32; i = own[i])
      lits->out[at++] = i;
    memcpy(lits->out + at, lits->out + lits->out_first[fail[s]],
           count[fail[s]] * sizeof(guint32));
  }
  g_free(count);
  g_free(own);
  g_free(first_own);
  g_free(order);
  g_free(ends);
}

/* A word character for PCRE2's \b without UCP: ASCII letters, digits, '_'
 * (the bytes of other characters are all >= 0x80). */
static gboolean is_word(guchar b)
{
  return g_ascii_isalnum(b) || b == '_';
}

gboolean rsk_literals_scan(const rsk_literals *lits, const char *text, gsize len,
                           guint8 *found)
{
  if (!lits->root)
    return FALSE;
  const guchar *t = (const guchar *)text;
  guint32 s = 0;
  for (gsize i = 0; i < len; i++) {
    guchar b = t[i];
    /* U+017F and U+212A match 's' and 'k' caselessly (the only characters
     * that match an ASCII letter, checked against PCRE2 for all of
     * Unicode): a literal search cannot see them. */
    if (G_UNLIKELY(b == 0xC5 || b == 0xE2) &&
        ((b == 0xC5 && i + 1 < len && t[i + 1] == 0xBF) ||
         (b == 0xE2 && i + 2 < len && t[i + 1] == 0x84 && t[i + 2] == 0xAA)))
      return FALSE;
    s = step(lits, s, lits->class_of[b]);
    for (guint32 k = lits->out_first[s]; k < lits->out_first[s + 1]; k++) {
      guint32 id = lits->out[k];
      const literal *l = &g_array_index(lits->items, literal, id);
      gsize start = i + 1 - l->len;
      if (l->before && (start > 0 && is_word(t[start - 1])) == is_word(t[start]))
        continue;
      if (l->after && (i + 1 < len && is_word(t[i + 1])) == is_word(t[i]))
        continue;
      found[id / 8] |= (guint8)(1u << (id % 8));
    }
  }
  return TRUE;
}
