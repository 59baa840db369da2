/* prefilter.c - literals a pattern cannot match without, found in one scan
 *
 * Classifying runs every rule's pattern over every risk factor, and most
 * patterns match nothing in most risk factors: a rule about the Cyberspace
 * Administration cannot match a text that never says "cyberspace", yet
 * PCRE2 has to look at every byte to find that out, once per pattern. So
 * each pattern is read once, at load time, for the literals that any match
 * of it must contain (the way RE2's prefilter does): "regulat\w+\W+(?:\bAI\b
 * |machine\W+learning)" needs "regulat" and either "ai" as a word or both
 * "machine" and "learning". One Aho-Corasick automaton over all the
 * taxonomy's literals finds which of them occur in a text in one pass, and
 * a pattern whose needs are not met is not run there. Results are the same
 * as running it: all this ever concludes is "this pattern cannot match".
 *
 * What a piece of a pattern needs is either an exact set (the few strings
 * it can match: "laws?" gives {law, laws}) or a tree of ANDs and ORs over
 * literals. Concatenation multiplies exact sets while they stay small,
 * alternation joins them, and anything else (\w, most classes, x{0,3},
 * lookarounds) needs nothing. A \b inside an exact string is kept as a
 * mark, so "\bAI\b" becomes the literal "ai" with a word boundary on both
 * sides, which the scan checks against the text's own neighbours. That
 * holds only for patterns matched over the whole text: requires and
 * unless run over a window whose end is not the text's, so for them the
 * marks are dropped. Literals compare caselessly (ASCII folded to lower
 * case; the CJK characters accepted have no case), which can only find
 * more. Syntax not understood here gives up: that pattern always runs.
 *
 * SPDX-License-Identifier: MIT
 */
#include "prefilter.h"

#include <string.h>

#define MAX_EXACT 16      /* strings in an exact set before it becomes a tree */
#define MIN_LITERAL 3     /* bytes: shorter literals are found everywhere */
#define BOUNDARY '\x01'   /* a \b inside an exact string */
#define UNBOUNDED (-1)

/* ------------------------------------------------------------------ */
/* Literals and the automaton                                          */

typedef struct {
  char *text;                /* lower case, no marks */
  guint len;
  gboolean before, after;    /* a word boundary must precede, follow it */
} literal;

/* The automaton keeps a full row of transitions for the root only. Any
 * other state keeps the few transitions where it differs from the root's
 * row, sorted by class: its trie edges and those of the states along its
 * failure chain. A dense table would take states x classes (3 MB for the
 * built-in taxonomy), to be built and paged in by every run. */
struct rsk_literals {
  GArray *items;             /* literal */
  GHashTable *ids;           /* "<flags><text>" → id + 1 */
  /* The automaton, once compiled. */
  guint8 class_of[256];      /* byte → input class; 0 = in no literal */
  guint n_classes;
  guint n_states;
  guint32 *root;             /* [class] → state */
  guint32 *edge_first;       /* [state]: its transitions, edge_first[state] */
  guint8 *edge_count;        /*   .. + edge_count[state] */
  guint8 *edge_class;        /* sorted by class within a state */
  guint32 *edge_to;
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
  g_free(lits->edge_first);
  g_free(lits->edge_count);
  g_free(lits->edge_class);
  g_free(lits->edge_to);
  g_free(lits->out_first);
  g_free(lits->out);
  g_free(lits);
}

gsize rsk_literals_set_size(const rsk_literals *lits)
{
  return (lits->items->len + 7) / 8;
}

static guint literal_id(rsk_literals *lits, const char *text, guint len, gboolean before,
                        gboolean after)
{
  g_autofree char *core = g_strndup(text, len);
  char *key = g_strdup_printf("%c%c%s", before ? 'b' : '-', after ? 'b' : '-', core);
  gpointer id = g_hash_table_lookup(lits->ids, key);
  if (id) {
    g_free(key);
    return GPOINTER_TO_UINT(id) - 1;
  }
  literal lit = {.text = g_steal_pointer(&core), .len = len, .before = before,
                 .after = after};
  g_array_append_val(lits->items, lit);
  g_hash_table_insert(lits->ids, key, GUINT_TO_POINTER(lits->items->len));
  return lits->items->len - 1;
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

/* The state after STATE on class C. */
static guint32 step(const rsk_literals *lits, guint32 state, guint c)
{
  const guint8 *cls = lits->edge_class + lits->edge_first[state];
  for (guint k = 0; k < lits->edge_count[state] && cls[k] <= c; k++)
    if (cls[k] == c)
      return lits->edge_to[lits->edge_first[state] + k];
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
  GArray *edges = g_array_new(FALSE, FALSE, sizeof(trie_edge));
  guint32 *ends = g_new(guint32, n_lits);   /* literal → its state */
  guint32 n_states = 1;
  for (guint i = 0; i < n_lits; i++) {
    const literal *l = &g_array_index(lits->items, literal, i);
    guint32 state = 0;
    for (guint k = 0; k < l->len; k++) {
      guint8 c = lits->class_of[(guchar)l->text[k]];
      gpointer key = GUINT_TO_POINTER(state << 8 | c);
      gpointer to = g_hash_table_lookup(child, key);
      if (to) {
        state = GPOINTER_TO_UINT(to);
        continue;
      }
      trie_edge e = {.from = state, .to = n_states++, .cls = c};
      g_array_append_val(edges, e);
      g_hash_table_insert(child, key, GUINT_TO_POINTER(e.to));
      state = e.to;
    }
    ends[i] = state;
  }
  g_hash_table_unref(child);
  qsort(edges->data, edges->len, sizeof(trie_edge), compare_edges);
  guint32 *kids_first = g_new0(guint32, n_states + 1);   /* edges by parent */
  for (guint k = 0; k < edges->len; k++)
    kids_first[g_array_index(edges, trie_edge, k).from + 1]++;
  for (guint s = 0; s < n_states; s++)
    kids_first[s + 1] += kids_first[s];

  /* Breadth first: a state's transitions are its trie edges, then those of
   * its failure state (nearer the root, so done) on other classes. */
  lits->n_states = n_states;
  lits->root = g_new0(guint32, lits->n_classes);
  lits->edge_first = g_new0(guint32, n_states);
  lits->edge_count = g_new0(guint8, n_states);
  GArray *cls = g_array_new(FALSE, FALSE, sizeof(guint8));
  GArray *to = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 *fail = g_new0(guint32, n_states);
  guint32 *order = g_new0(guint32, n_states);
  guint head = 0, tail = 0;
  for (guint32 k = kids_first[0]; k < kids_first[1]; k++) {
    const trie_edge *e = &g_array_index(edges, trie_edge, k);
    lits->root[e->cls] = e->to;
    order[tail++] = e->to;
  }
  while (head < tail) {
    guint32 s = order[head++];
    guint32 f = fail[s];
    guint32 kid = kids_first[s], kid_end = kids_first[s + 1];
    guint32 inherit = lits->edge_first[f], inherit_end = inherit + lits->edge_count[f];
    lits->edge_first[s] = cls->len;
    while (kid < kid_end || inherit < inherit_end) {   /* a merge by class */
      const trie_edge *e = kid < kid_end ? &g_array_index(edges, trie_edge, kid) : NULL;
      guint8 ic = inherit < inherit_end ? g_array_index(cls, guint8, inherit) : 0;
      if (e && (inherit == inherit_end || e->cls <= ic)) {
        if (inherit < inherit_end && e->cls == ic)
          inherit++;
        g_array_append_val(cls, e->cls);
        g_array_append_val(to, e->to);
        kid++;
      } else {
        guint32 it = g_array_index(to, guint32, inherit++);   /* before TO grows */
        g_array_append_val(cls, ic);
        g_array_append_val(to, it);
      }
    }
    guint count = cls->len - lits->edge_first[s];
    if (count > G_MAXUINT8) {   /* not with any real taxonomy: no prefilter */
      g_clear_pointer(&lits->root, g_free);
      break;
    }
    lits->edge_count[s] = (guint8)count;
    lits->edge_class = (guint8 *)(void *)cls->data;   /* step() reads them */
    lits->edge_to = (guint32 *)(void *)to->data;
    for (guint32 k = kids_first[s]; k < kid_end; k++) {
      const trie_edge *e = &g_array_index(edges, trie_edge, k);
      fail[e->to] = step(lits, f, e->cls);
      order[tail++] = e->to;
    }
  }
  lits->edge_class = (guint8 *)(void *)g_array_free(cls, FALSE);
  lits->edge_to = (guint32 *)(void *)g_array_free(to, FALSE);
  g_array_unref(edges);
  g_free(kids_first);

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
  g_free(fail);
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

/* ------------------------------------------------------------------ */
/* Needs: exact sets and trees                                         */

typedef enum { TREE_LITERAL, TREE_AND, TREE_OR } tree_kind;

/* What a match needs. A NULL tree needs nothing. */
typedef struct tree {
  tree_kind kind;
  char *text;                /* TREE_LITERAL: with BOUNDARY marks */
  GPtrArray *kids;           /* TREE_AND, TREE_OR: tree * */
} tree;

/* What a piece of pattern needs: EXACT (char *, the strings it can match)
 * or, when EXACT is NULL, the tree MATCH. */
typedef struct {
  GPtrArray *exact;
  tree *match;
} need;

static void tree_free(gpointer p)
{
  tree *t = p;
  if (!t)
    return;
  g_free(t->text);
  if (t->kids)
    g_ptr_array_unref(t->kids);
  g_free(t);
}

static void need_clear(need *n)
{
  g_clear_pointer(&n->exact, g_ptr_array_unref);
  g_clear_pointer(&n->match, tree_free);
}

static need need_nothing(void)
{
  return (need){NULL, NULL};
}

static GPtrArray *exact_new(void)
{
  return g_ptr_array_new_with_free_func(g_free);
}

static need need_string(const char *s, gsize len)
{
  need n = {exact_new(), NULL};
  g_ptr_array_add(n.exact, g_strndup(s, len));
  return n;
}

static void exact_add(GPtrArray *set, char *s)
{
  for (guint i = 0; i < set->len; i++)
    if (strcmp(set->pdata[i], s) == 0) {
      g_free(s);
      return;
    }
  g_ptr_array_add(set, s);
}

/* Every string of A followed by every string of B; two boundary marks
 * that meet are one. */
static GPtrArray *exact_product(const GPtrArray *a, const GPtrArray *b)
{
  GPtrArray *out = exact_new();
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++) {
      const char *x = a->pdata[i], *y = b->pdata[j];
      gsize lx = strlen(x);
      if (lx && x[lx - 1] == BOUNDARY && y[0] == BOUNDARY)
        y++;
      exact_add(out, g_strconcat(x, y, NULL));
    }
  return out;
}

static tree *tree_combine(tree_kind kind, tree *a, tree *b)
{
  if (!a || !b) {
    if (kind == TREE_AND)
      return a ? a : b;
    tree_free(a);   /* one side needs nothing: so does the OR */
    tree_free(b);
    return NULL;
  }
  if (a->kind != kind) {
    tree *t = g_new0(tree, 1);
    t->kind = kind;
    t->kids = g_ptr_array_new_with_free_func(tree_free);
    g_ptr_array_add(t->kids, a);
    a = t;
  }
  if (b->kind == kind) {
    for (guint i = 0; i < b->kids->len; i++)
      g_ptr_array_add(a->kids, g_steal_pointer(&b->kids->pdata[i]));
    tree_free(b);
  } else {
    g_ptr_array_add(a->kids, b);
  }
  return a;
}

typedef struct {
  const char *p;
  gboolean whole_text;
  gboolean failed;           /* syntax not understood here */
} parser;

/* A string of an exact set worth searching for: long enough, with at
 * least one boundary on each side when short. */
static gboolean usable(const parser *ps, const char *s)
{
  gsize len = strlen(s), core = 0;
  for (gsize i = 0; i < len; i++)
    core += s[i] != BOUNDARY;
  gboolean bounded = ps->whole_text && len > 0 && s[0] == BOUNDARY && s[len - 1] == BOUNDARY;
  return core >= MIN_LITERAL || (core >= 2 && bounded);
}

/* The tree an exact set needs: one of its strings. Consumes SET. */
static tree *exact_tree(const parser *ps, GPtrArray *set)
{
  tree *t = NULL;
  gboolean all = set->len > 0;
  for (guint i = 0; i < set->len && all; i++)
    all = usable(ps, set->pdata[i]);
  for (guint i = 0; i < set->len && all; i++) {
    tree *leaf = g_new0(tree, 1);
    leaf->kind = TREE_LITERAL;
    leaf->text = g_steal_pointer(&set->pdata[i]);
    t = t ? tree_combine(TREE_OR, t, leaf) : leaf;
  }
  g_ptr_array_unref(set);
  return t;
}

/* N as a tree. Consumes N. */
static tree *need_tree(const parser *ps, need n)
{
  return n.exact ? exact_tree(ps, n.exact) : n.match;
}

/* ------------------------------------------------------------------ */
/* Reading the pattern                                                 */

static need parse_alternation(parser *ps);

/* CJK characters have no case: they compare as bytes. */
static gboolean is_caseless_cjk(gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static need fail(parser *ps)
{
  ps->failed = TRUE;
  return need_nothing();
}

/* One character of the pattern as a literal: ASCII in lower case, a CJK
 * character as itself, anything else needs nothing. */
static need parse_char(parser *ps)
{
  guchar c = (guchar)*ps->p;
  if (c < 0x80) {
    ps->p++;
    char lower = g_ascii_tolower((char)c);
    return need_string(&lower, 1);
  }
  gunichar u = g_utf8_get_char_validated(ps->p, -1);
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return fail(ps);
  const char *start = ps->p;
  ps->p = g_utf8_next_char(ps->p);
  if (is_caseless_cjk(u))
    return need_string(start, (gsize)(ps->p - start));
  return need_nothing();
}

/* Skips "{...}" after \p, \x and the like. */
static gboolean skip_braces(parser *ps)
{
  if (*ps->p != '{')
    return TRUE;
  const char *close = strchr(ps->p, '}');
  if (!close)
    return FALSE;
  ps->p = close + 1;
  return TRUE;
}

static need parse_escape(parser *ps)
{
  ps->p++;   /* the backslash */
  char c = *ps->p;
  if (!c)
    return fail(ps);
  if ((guchar)c >= 0x80)
    return parse_char(ps);
  if (!g_ascii_isalnum(c))
    return parse_char(ps);   /* \. \- \( ... stand for themselves */
  ps->p++;
  switch (c) {
  case 'b':
    return need_string((const char[]){BOUNDARY}, 1);
  case 'B': case 'w': case 'W': case 's': case 'S': case 'd': case 'D':
  case 'h': case 'H': case 'v': case 'V': case 'R': case 'X': case 'A':
  case 'z': case 'Z': case 'G': case 'K': case 't': case 'n': case 'r':
  case 'f': case 'e': case 'a':
    return need_nothing();
  case 'N':
    return *ps->p == '{' ? fail(ps) : need_nothing();
  case 'p': case 'P':
    if (*ps->p == '{')
      return skip_braces(ps) ? need_nothing() : fail(ps);
    if (!*ps->p)
      return fail(ps);
    ps->p++;
    return need_nothing();
  case 'x':
    if (*ps->p == '{')
      return skip_braces(ps) ? need_nothing() : fail(ps);
    for (int i = 0; i < 2 && g_ascii_isxdigit(*ps->p); i++)
      ps->p++;
    return need_nothing();
  default:   /* back references, \Q...\E, \c, \o, \g, \k, ... */
    return fail(ps);
  }
}

/* [...]: a few plain characters are an exact set; anything else (ranges,
 * negation, \w, POSIX classes) needs nothing. */
static need parse_class(parser *ps)
{
  ps->p++;   /* '[' */
  gboolean simple = TRUE;
  if (*ps->p == '^') {
    simple = FALSE;
    ps->p++;
  }
  GPtrArray *members = exact_new();
  gboolean first = TRUE;   /* a ']' or '-' first stands for itself */
  while (*ps->p && (*ps->p != ']' || first)) {
    const char *p = ps->p;
    gboolean at_start = first;
    first = FALSE;
    if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
      char close[3] = {p[1], ']', '\0'};
      const char *end = strstr(p + 2, close);
      if (!end)
        break;
      ps->p = end + 2;
      simple = FALSE;
    } else if (p[0] == '\\') {
      char c = p[1];
      if (!c)
        break;
      if ((guchar)c < 0x80 && !g_ascii_isalnum(c)) {
        char lower = g_ascii_tolower(c);
        exact_add(members, g_strndup(&lower, 1));
        ps->p += 2;
      } else if (strchr("wWsSdDhHvVtnrfeab", c)) {
        ps->p += 2;
        simple = FALSE;
      } else if (c == 'p' || c == 'P' || c == 'x') {
        ps->p += 2;
        simple = FALSE;
        if (!skip_braces(ps))
          break;
      } else {
        break;
      }
    } else if (p[0] == '-' && p[1] != ']' && !at_start) {
      ps->p++;   /* a range */
      simple = FALSE;
    } else {
      need one = parse_char(ps);
      if (ps->failed)
        break;
      if (one.exact && one.exact->len == 1)
        exact_add(members, g_strdup(one.exact->pdata[0]));
      else
        simple = FALSE;
      need_clear(&one);
    }
  }
  if (*ps->p != ']') {
    g_ptr_array_unref(members);
    return fail(ps);
  }
  ps->p++;
  if (simple && members->len > 0 && members->len <= 4)
    return (need){members, NULL};
  g_ptr_array_unref(members);
  return need_nothing();
}

/* After "(": the group's need, or nothing for lookarounds and options. */
static need parse_group(parser *ps)
{
  ps->p++;   /* '(' */
  gboolean counts = TRUE;   /* the group's content is part of the match */
  if (*ps->p == '*')
    return fail(ps);        /* verbs */
  if (*ps->p == '?') {
    const char *p = ++ps->p;
    if (*p == ':' || *p == '>' || *p == '|') {
      ps->p++;
    } else if (*p == '=' || *p == '!') {
      ps->p++;
      counts = FALSE;
    } else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
      ps->p += 2;
      counts = FALSE;
    } else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
      const char *end = strchr(p + 1, *p == '\'' ? '\'' : '>');   /* a named group */
      if (!end)
        return fail(ps);
      ps->p = end + 1;
    } else if (*p == '#') {
      const char *end = strchr(p, ')');
      if (!end)
        return fail(ps);
      ps->p = end + 1;
      return need_nothing();
    } else {
      /* Options: (?i) (?-i) (?i:...). Extended mode changes what every
       * character means: give up. */
      while (g_ascii_isalpha(*ps->p) || *ps->p == '-' || *ps->p == '^') {
        if (*ps->p == 'x')
          return fail(ps);
        ps->p++;
      }
      if (*ps->p == ')') {
        ps->p++;
        return need_nothing();
      }
      if (*ps->p != ':')
        return fail(ps);
      ps->p++;
    }
  }
  need inner = parse_alternation(ps);
  if (ps->failed || *ps->p != ')') {
    need_clear(&inner);
    return fail(ps);
  }
  ps->p++;
  if (!counts) {
    need_clear(&inner);
    return need_nothing();
  }
  return inner;
}

static need parse_atom(parser *ps)
{
  switch (*ps->p) {
  case '(':
    return parse_group(ps);
  case '[':
    return parse_class(ps);
  case '\\':
    return parse_escape(ps);
  case '.': case '^': case '$':
    ps->p++;
    return need_nothing();
  case '*': case '+': case '?': case '{':
    return fail(ps);
  default:
    return parse_char(ps);
  }
}

/* The number at *P (capped: big counts all behave alike here). */
static int read_count(const char **p)
{
  char *end = NULL;
  guint64 n = g_ascii_strtoull(*p, &end, 10);
  *p = end;
  return (int)MIN(n, 1000);
}

/* Reads a quantifier, if any, into MIN and MAX (UNBOUNDED for none). */
static void parse_quantifier(parser *ps, int *min, int *max)
{
  *min = *max = 1;
  switch (*ps->p) {
  case '?': *min = 0; *max = 1; ps->p++; break;
  case '*': *min = 0; *max = UNBOUNDED; ps->p++; break;
  case '+': *min = 1; *max = UNBOUNDED; ps->p++; break;
  case '{': {
    const char *p = ps->p + 1;
    if (!g_ascii_isdigit(*p)) {
      ps->failed = TRUE;
      return;
    }
    *min = read_count(&p);
    *max = *min;
    if (*p == ',') {
      p++;
      *max = g_ascii_isdigit(*p) ? read_count(&p) : UNBOUNDED;
    }
    if (*p != '}') {
      ps->failed = TRUE;
      return;
    }
    ps->p = p + 1;
    break;
  }
  default:
    return;
  }
  if (*ps->p == '?' || *ps->p == '+')   /* lazy, possessive */
    ps->p++;
  if (*ps->p && strchr("?*+{", *ps->p))
    ps->failed = TRUE;
}

/* N repeated MIN to MAX times. Consumes N. */
static need repeat(const parser *ps, need n, int min, int max)
{
  if (min == 1 && max == 1)
    return n;
  if (min == 0) {
    if (max == 1 && n.exact && n.exact->len < MAX_EXACT) {
      exact_add(n.exact, g_strdup(""));
      return n;
    }
    need_clear(&n);
    return need_nothing();
  }
  if (n.exact && max == min) {
    gsize size = 1;
    for (int i = 0; i < min && size <= MAX_EXACT; i++)
      size *= n.exact->len;
    if (size <= MAX_EXACT) {
      GPtrArray *all = g_ptr_array_ref(n.exact);
      for (int i = 1; i < min; i++) {
        GPtrArray *more = exact_product(all, n.exact);
        g_ptr_array_unref(all);
        all = more;
      }
      g_ptr_array_unref(n.exact);
      return (need){all, NULL};
    }
  }
  /* At least once: whatever one copy needs. */
  return (need){NULL, need_tree(ps, n)};
}

/* Appends to OUT, in lower case, the plain ASCII characters at the parser
 * (escaped punctuation included) up to one that a quantifier follows or
 * that is not plain; returns how many. Most of a pattern is such runs:
 * reading them here spares an exact set per character. */
static guint read_plain(parser *ps, GString *out)
{
  guint n = 0;
  for (;;) {
    const char *p = ps->p;
    char c = *p;
    if (c == '\\' && p[1] && (guchar)p[1] < 0x80 && !g_ascii_isalnum(p[1]))
      c = *++p;
    else if (!c || (guchar)c >= 0x80 || strchr("\\^$.[|()?*+{", c))
      break;
    if (p[1] && strchr("?*+{", p[1]))
      break;
    g_string_append_c(out, g_ascii_tolower(c));
    ps->p = p + 1;
    n++;
  }
  return n;
}

/* A sequence up to '|', ')' or the end: runs of exact pieces multiplied
 * together while small, everything ANDed. */
static need parse_concat(parser *ps)
{
  GPtrArray *run = NULL;
  tree *all = NULL;
  gboolean any_tree = FALSE;
  GString *plain = g_string_new(NULL);
  while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->failed) {
    need item;
    g_string_truncate(plain, 0);
    if (read_plain(ps, plain)) {
      item = need_string(plain->str, plain->len);
    } else {
      item = parse_atom(ps);
      int min, max;
      if (!ps->failed)
        parse_quantifier(ps, &min, &max);
      if (ps->failed) {
        need_clear(&item);
        break;
      }
      item = repeat(ps, item, min, max);
    }
    if (item.exact && (!run || run->len * item.exact->len <= MAX_EXACT)) {
      if (run) {
        GPtrArray *joined = exact_product(run, item.exact);
        g_ptr_array_unref(run);
        g_ptr_array_unref(item.exact);
        run = joined;
      } else {
        run = item.exact;
      }
      continue;
    }
    if (run)
      all = tree_combine(TREE_AND, all, exact_tree(ps, g_steal_pointer(&run)));
    any_tree = TRUE;
    if (item.exact)
      run = item.exact;
    else
      all = tree_combine(TREE_AND, all, item.match);
  }
  g_string_free(plain, TRUE);
  if (ps->failed) {
    if (run)
      g_ptr_array_unref(run);
    tree_free(all);
    return need_nothing();
  }
  if (!any_tree) {
    if (!run) {   /* an empty branch matches "" */
      run = exact_new();
      g_ptr_array_add(run, g_strdup(""));
    }
    return (need){run, NULL};
  }
  if (run)
    all = tree_combine(TREE_AND, all, exact_tree(ps, run));
  return (need){NULL, all};
}

static need parse_alternation(parser *ps)
{
  need first = parse_concat(ps);
  if (*ps->p != '|' || ps->failed)
    return first;
  GArray *branches = g_array_new(FALSE, FALSE, sizeof(need));
  g_array_append_val(branches, first);
  while (*ps->p == '|' && !ps->failed) {
    ps->p++;
    need next = parse_concat(ps);
    g_array_append_val(branches, next);
  }
  guint total = 0;
  gboolean exact = TRUE;
  for (guint i = 0; i < branches->len; i++) {
    need *b = &g_array_index(branches, need, i);
    exact = exact && b->exact;
    total += b->exact ? b->exact->len : 0;
  }
  need out = need_nothing();
  if (exact && total <= MAX_EXACT) {
    out.exact = exact_new();
    for (guint i = 0; i < branches->len; i++) {
      GPtrArray *set = g_array_index(branches, need, i).exact;
      for (guint k = 0; k < set->len; k++)
        exact_add(out.exact, g_steal_pointer(&set->pdata[k]));
      g_ptr_array_unref(set);
    }
  } else {
    gboolean nothing = FALSE;   /* some branch needs nothing */
    for (guint i = 0; i < branches->len; i++) {
      tree *t = need_tree(ps, g_array_index(branches, need, i));
      if (!t || nothing) {
        nothing = TRUE;
        tree_free(t);
        g_clear_pointer(&out.match, tree_free);
        continue;
      }
      out.match = out.match ? tree_combine(TREE_OR, out.match, t) : t;
    }
  }
  g_array_unref(branches);
  return out;
}

/* ------------------------------------------------------------------ */
/* The filter: a tree laid out flat                                    */

typedef struct {
  tree_kind kind;
  guint32 literal;           /* TREE_LITERAL */
  guint32 n_kids;            /* the kids follow, each with its subtree */
  guint32 size;              /* nodes in this subtree, itself included */
} filter_node;

struct rsk_prefilter {
  GArray *nodes;             /* filter_node, in prefix order */
};

static void flatten(rsk_literals *lits, const parser *ps, const tree *t, GArray *nodes)
{
  guint at = nodes->len;
  filter_node node = {.kind = t->kind};
  g_array_append_val(nodes, node);
  if (t->kind == TREE_LITERAL) {
    const char *s = t->text;
    gsize len = strlen(s);
    gboolean before = ps->whole_text && s[0] == BOUNDARY;
    gboolean after = ps->whole_text && s[len - 1] == BOUNDARY;
    GString *core = g_string_new(NULL);
    for (gsize i = 0; i < len; i++)
      if (s[i] != BOUNDARY)
        g_string_append_c(core, s[i]);
    guint32 id = literal_id(lits, core->str, (guint)core->len, before, after);
    g_string_free(core, TRUE);
    g_array_index(nodes, filter_node, at).literal = id;
  } else {
    for (guint i = 0; i < t->kids->len; i++)
      flatten(lits, ps, t->kids->pdata[i], nodes);
    g_array_index(nodes, filter_node, at).n_kids = t->kids->len;
  }
  g_array_index(nodes, filter_node, at).size = nodes->len - at;
}

rsk_prefilter *rsk_prefilter_new(rsk_literals *lits, const char *pattern,
                                 gboolean whole_text)
{
  g_return_val_if_fail(lits != NULL && lits->root == NULL && pattern != NULL, NULL);
  parser ps = {.p = pattern, .whole_text = whole_text};
  need n = parse_alternation(&ps);
  if (*ps.p)   /* a ')' too many */
    ps.failed = TRUE;
  tree *t = need_tree(&ps, n);
  if (ps.failed || !t) {
    tree_free(t);
    return NULL;
  }
  rsk_prefilter *filter = g_new0(rsk_prefilter, 1);
  filter->nodes = g_array_new(FALSE, FALSE, sizeof(filter_node));
  flatten(lits, &ps, t, filter->nodes);
  tree_free(t);
  return filter;
}

void rsk_prefilter_free(rsk_prefilter *filter)
{
  if (!filter)
    return;
  g_array_unref(filter->nodes);
  g_free(filter);
}

static gboolean eval(const filter_node *node, const guint8 *found)
{
  if (node->kind == TREE_LITERAL)
    return (found[node->literal / 8] >> (node->literal % 8)) & 1;
  const filter_node *kid = node + 1;
  for (guint32 i = 0; i < node->n_kids; i++, kid += kid->size) {
    gboolean yes = eval(kid, found);
    if (node->kind == TREE_AND && !yes)
      return FALSE;
    if (node->kind == TREE_OR && yes)
      return TRUE;
  }
  return node->kind == TREE_AND;
}

gboolean rsk_prefilter_may_match(const rsk_prefilter *filter, const guint8 *found)
{
  if (!filter)
    return TRUE;
  return eval(&g_array_index(filter->nodes, filter_node, 0), found);
}
