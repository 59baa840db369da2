/* prefilter.c - literals a pattern cannot match without, found in one scan
 *
 * Classifying runs every rule's pattern over every risk factor, and most
 * patterns match nothing in most risk factors: a rule about the Cyberspace
 * Administration cannot match a text that never says "cyberspace", yet
 * PCRE2 has to look at every byte to find that out, once per pattern. So
 * each pattern is read once, at load time, for the literals that any match
 * of it must contain (the way RE2's prefilter does): "regulat\w+\W+(?:\bAI\b
 * |machine\W+learning)" needs "regulat" and either "ai" as a word or both
 * "machine" and "learning". One automaton over all the taxonomy's
 * literals (literals.c) finds which of them occur in a text in one pass,
 * and a pattern whose needs are not met is not run there. Results are the same
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
/* Needs: exact sets and trees                                         */

/* Everything the reading of one pattern makes lives in the parser's pools
 * (strings in a chunk, trees and sets in arrays, by index) and goes at
 * once when it is done: patterns expand to some 50,000 characters in all,
 * and a malloc and a free per piece cost more than the reading itself. */

typedef enum { TREE_LITERAL, TREE_AND, TREE_OR } tree_kind;

#define NONE G_MAXUINT

/* What a match needs: a literal, or all (AND) or one (OR) of its kids. */
typedef struct {
  tree_kind kind;
  const char *text;          /* TREE_LITERAL: with BOUNDARY marks */
  guint first, last;         /* TREE_AND, TREE_OR: kids, linked by NEXT */
  guint next;                /* the next kid of the same parent */
} tree;

/* The few strings a piece of pattern can match. */
typedef struct {
  guint n;
  const char *s[MAX_EXACT];
} exact_set;

/* What a piece of pattern needs: the exact set EXACT or, when EXACT is
 * NONE, the tree TREE (NONE: nothing). */
typedef struct {
  guint exact, tree;
} need;

/* The pools, kept from one pattern to the next. */
struct rsk_prefilter_reader {
  rsk_literals *literals;
  GStringChunk *strings;
  GArray *trees;             /* tree */
  GArray *sets;              /* exact_set */
  GArray *branches;          /* need: a stack, for alternations */
  GString *scratch;          /* for one string at a time */
};

typedef struct {
  const char *p;
  gboolean whole_text;
  gboolean failed;           /* syntax not understood here */
  GStringChunk *strings;
  GArray *trees;
  GArray *sets;
  GArray *branches;
  GString *scratch;
} parser;

#define TREE(ps, i) (&g_array_index((ps)->trees, tree, (i)))
#define SET(ps, i) (&g_array_index((ps)->sets, exact_set, (i)))

static need need_nothing(void)
{
  return (need){NONE, NONE};
}

static guint set_new(parser *ps)
{
  g_array_set_size(ps->sets, ps->sets->len + 1);
  SET(ps, ps->sets->len - 1)->n = 0;
  return ps->sets->len - 1;
}

/* Adds S (kept by the caller, or in the chunk) to SET unless there;
 * FALSE when the set is full. */
static gboolean set_add(parser *ps, guint set, const char *s)
{
  exact_set *e = SET(ps, set);
  for (guint i = 0; i < e->n; i++)
    if (strcmp(e->s[i], s) == 0)
      return TRUE;
  if (e->n == MAX_EXACT)
    return FALSE;
  e->s[e->n++] = s;
  return TRUE;
}

static need need_string(parser *ps, const char *s, gsize len)
{
  need n = {set_new(ps), NONE};
  set_add(ps, n.exact, g_string_chunk_insert_len(ps->strings, s, (gssize)len));
  return n;
}

/* Every string of A followed by every string of B (at most MAX_EXACT in
 * all); two boundary marks that meet are one. */
static guint exact_product(parser *ps, guint a, guint b)
{
  guint out = set_new(ps);
  GString *joined = ps->scratch;
  for (guint i = 0; i < SET(ps, a)->n; i++)
    for (guint j = 0; j < SET(ps, b)->n; j++) {
      const char *x = SET(ps, a)->s[i], *y = SET(ps, b)->s[j];
      g_string_assign(joined, x);
      if (joined->len && x[joined->len - 1] == BOUNDARY && y[0] == BOUNDARY)
        y++;
      g_string_append(joined, y);
      set_add(ps, out, g_string_chunk_insert_len(ps->strings, joined->str,
                                                 (gssize)joined->len));
    }
  return out;
}

static guint tree_new(parser *ps, tree_kind kind, const char *text)
{
  tree t = {.kind = kind, .text = text, .first = NONE, .last = NONE, .next = NONE};
  g_array_append_val(ps->trees, t);
  return ps->trees->len - 1;
}

static void tree_adopt(parser *ps, guint parent, guint kid)
{
  tree *p = TREE(ps, parent);
  if (p->last == NONE)
    p->first = kid;
  else
    TREE(ps, p->last)->next = kid;
  p->last = kid;
}

/* A and B under one KIND; NONE needs nothing. */
static guint tree_combine(parser *ps, tree_kind kind, guint a, guint b)
{
  if (a == NONE || b == NONE)
    return kind == TREE_AND ? (a == NONE ? b : a) : NONE;   /* an OR of nothing */
  if (TREE(ps, a)->kind != kind) {
    guint t = tree_new(ps, kind, NULL);
    tree_adopt(ps, t, a);
    a = t;
  }
  if (TREE(ps, b)->kind == kind) {   /* B's kids join A's */
    if (TREE(ps, b)->first != NONE) {
      tree_adopt(ps, a, TREE(ps, b)->first);
      TREE(ps, a)->last = TREE(ps, b)->last;
    }
  } else {
    tree_adopt(ps, a, b);
  }
  return a;
}

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

/* The tree an exact set needs: one of its strings. */
static guint exact_tree(parser *ps, guint set)
{
  guint n = SET(ps, set)->n;
  if (n == 0)
    return NONE;
  for (guint i = 0; i < n; i++)
    if (!usable(ps, SET(ps, set)->s[i]))
      return NONE;
  guint t = NONE;
  for (guint i = 0; i < n; i++) {
    guint leaf = tree_new(ps, TREE_LITERAL, SET(ps, set)->s[i]);
    t = t == NONE ? leaf : tree_combine(ps, TREE_OR, t, leaf);
  }
  return t;
}

static guint need_tree(parser *ps, need n)
{
  return n.exact != NONE ? exact_tree(ps, n.exact) : n.tree;
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
    return need_string(ps, &lower, 1);
  }
  gunichar u = g_utf8_get_char_validated(ps->p, -1);
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return fail(ps);
  const char *start = ps->p;
  ps->p = g_utf8_next_char(ps->p);
  if (is_caseless_cjk(u))
    return need_string(ps, start, (gsize)(ps->p - start));
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
    return need_string(ps, (const char[]){BOUNDARY}, 1);
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
  guint members = set_new(ps);
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
        simple = set_add(ps, members, g_string_chunk_insert_len(ps->strings, &lower, 1)) &&
                 simple;
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
      if (one.exact != NONE && SET(ps, one.exact)->n == 1)
        simple = set_add(ps, members, SET(ps, one.exact)->s[0]) && simple;
      else
        simple = FALSE;
    }
  }
  if (*ps->p != ']')
    return fail(ps);
  ps->p++;
  guint n = SET(ps, members)->n;
  if (simple && n > 0 && n <= 4)
    return (need){members, NONE};
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
  if (ps->failed || *ps->p != ')')
    return fail(ps);
  ps->p++;
  return counts ? inner : need_nothing();
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

/* N repeated MIN to MAX times. */
static need repeat(parser *ps, need n, int min, int max)
{
  if (min == 1 && max == 1)
    return n;
  if (min == 0) {
    if (max == 1 && n.exact != NONE && set_add(ps, n.exact, ""))
      return n;
    return need_nothing();
  }
  if (n.exact != NONE && max == min) {
    gsize size = 1;
    for (int i = 0; i < min && size <= MAX_EXACT; i++)
      size *= SET(ps, n.exact)->n;
    if (size <= MAX_EXACT) {
      guint all = n.exact;
      for (int i = 1; i < min; i++)
        all = exact_product(ps, all, n.exact);
      return (need){all, NONE};
    }
  }
  /* At least once: whatever one copy needs. */
  return (need){NONE, need_tree(ps, n)};
}

/* Characters that are not plain in a pattern, and those that make the
 * one before them not plain (a quantifier follows it). */
static const guint8 special[128] = {
  ['\0'] = 1, ['\\'] = 1, ['^'] = 1, ['$'] = 1, ['.'] = 1, ['['] = 1, ['|'] = 1,
  ['('] = 1, [')'] = 1, ['?'] = 3, ['*'] = 3, ['+'] = 3, ['{'] = 3,
};
#define SPECIAL 1
#define QUANTIFIER 2

/* Appends to OUT, in lower case, the plain ASCII characters at the parser
 * (escaped punctuation included) up to one that a quantifier follows or
 * that is not plain; returns how many. Most of a pattern is such runs:
 * reading them here spares an exact set per character. */
static guint read_plain(parser *ps, GString *out)
{
  guint n = 0;
  for (;;) {
    const char *p = ps->p;
    guchar c = (guchar)*p;
    if (c == '\\' && p[1] && (guchar)p[1] < 0x80 && !g_ascii_isalnum(p[1]))
      c = (guchar)*++p;
    else if (c >= 0x80 || (special[c] & SPECIAL))
      break;
    if ((guchar)p[1] < 0x80 && (special[(guchar)p[1]] & QUANTIFIER))
      break;
    g_string_append_c(out, g_ascii_tolower((char)c));
    ps->p = p + 1;
    n++;
  }
  return n;
}

/* A sequence up to '|', ')' or the end: runs of exact pieces multiplied
 * together while small, everything ANDed. */
static need parse_concat(parser *ps)
{
  guint run = NONE;          /* the exact run being built */
  guint all = NONE;          /* the tree of what came before it */
  gboolean any_tree = FALSE;
  GString *plain = ps->scratch;   /* free again once need_string() copied it */
  while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->failed) {
    need item;
    g_string_truncate(plain, 0);
    if (read_plain(ps, plain)) {
      item = need_string(ps, plain->str, plain->len);
    } else {
      item = parse_atom(ps);
      int min, max;
      if (!ps->failed)
        parse_quantifier(ps, &min, &max);
      if (ps->failed)
        break;
      item = repeat(ps, item, min, max);
    }
    if (item.exact != NONE &&
        (run == NONE || SET(ps, run)->n * SET(ps, item.exact)->n <= MAX_EXACT)) {
      run = run == NONE ? item.exact : exact_product(ps, run, item.exact);
      continue;
    }
    if (run != NONE)
      all = tree_combine(ps, TREE_AND, all, exact_tree(ps, run));
    any_tree = TRUE;
    run = item.exact;
    if (item.exact == NONE)
      all = tree_combine(ps, TREE_AND, all, item.tree);
  }
  if (ps->failed)
    return need_nothing();
  if (!any_tree) {
    if (run == NONE) {   /* an empty branch matches "" */
      run = set_new(ps);
      set_add(ps, run, "");
    }
    return (need){run, NONE};
  }
  if (run != NONE)
    all = tree_combine(ps, TREE_AND, all, exact_tree(ps, run));
  return (need){NONE, all};
}

static need parse_alternation(parser *ps)
{
  need first = parse_concat(ps);
  if (*ps->p != '|' || ps->failed)
    return first;
  /* The branches go on a stack shared with the alternations inside them. */
  GArray *stack = ps->branches;
  guint base = stack->len;
  g_array_append_val(stack, first);
  while (*ps->p == '|' && !ps->failed) {
    ps->p++;
    need next = parse_concat(ps);
    g_array_append_val(stack, next);
  }
  guint total = 0;
  gboolean exact = TRUE;
  for (guint i = base; i < stack->len; i++) {
    need *b = &g_array_index(stack, need, i);
    exact = exact && b->exact != NONE;
    total += b->exact != NONE ? SET(ps, b->exact)->n : 0;
  }
  need out = need_nothing();
  if (exact && total <= MAX_EXACT) {
    out.exact = set_new(ps);
    for (guint i = base; i < stack->len; i++) {
      guint set = g_array_index(stack, need, i).exact;
      for (guint k = 0; k < SET(ps, set)->n; k++)
        set_add(ps, out.exact, SET(ps, set)->s[k]);
    }
  } else {
    for (guint i = base; i < stack->len; i++) {
      guint t = need_tree(ps, g_array_index(stack, need, i));
      if (t == NONE) {   /* a branch that needs nothing: so does the OR */
        out.tree = NONE;
        break;
      }
      out.tree = i == base ? t : tree_combine(ps, TREE_OR, out.tree, t);
    }
  }
  g_array_set_size(stack, base);
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

/* The literal of tree leaf TEXT (with marks), added to LITS if new; KEY
 * is scratch space. */
static guint32 literal_of(rsk_literals *lits, const parser *ps, const char *text, GString *key)
{
  gsize len = strlen(text);
  gboolean before = ps->whole_text && text[0] == BOUNDARY;
  gboolean after = ps->whole_text && text[len - 1] == BOUNDARY;
  g_string_truncate(key, 0);
  for (gsize i = 0; i < len; i++)
    if (text[i] != BOUNDARY)
      g_string_append_c(key, text[i]);
  return rsk_literals_add(lits, key->str, key->len, before, after);
}

static void flatten(rsk_literals *lits, const parser *ps, guint t, GArray *nodes, GString *key)
{
  guint at = nodes->len;
  const tree *node = TREE(ps, t);
  filter_node out = {.kind = node->kind};
  if (node->kind == TREE_LITERAL)
    out.literal = literal_of(lits, ps, node->text, key);
  g_array_append_val(nodes, out);
  guint n = 0;
  for (guint k = node->first; node->kind != TREE_LITERAL && k != NONE; k = TREE(ps, k)->next) {
    flatten(lits, ps, k, nodes, key);
    n++;
  }
  g_array_index(nodes, filter_node, at).n_kids = n;
  g_array_index(nodes, filter_node, at).size = nodes->len - at;
}

rsk_prefilter_reader *rsk_prefilter_reader_new(rsk_literals *literals)
{
  rsk_prefilter_reader *reader = g_new0(rsk_prefilter_reader, 1);
  reader->literals = literals;
  reader->strings = g_string_chunk_new(4096);
  reader->trees = g_array_new(FALSE, FALSE, sizeof(tree));
  reader->sets = g_array_new(FALSE, FALSE, sizeof(exact_set));
  reader->branches = g_array_new(FALSE, FALSE, sizeof(need));
  reader->scratch = g_string_new(NULL);
  return reader;
}

void rsk_prefilter_reader_free(rsk_prefilter_reader *reader)
{
  if (!reader)
    return;
  g_string_chunk_free(reader->strings);
  g_array_unref(reader->trees);
  g_array_unref(reader->sets);
  g_array_unref(reader->branches);
  g_string_free(reader->scratch, TRUE);
  g_free(reader);
}

rsk_prefilter *rsk_prefilter_read(rsk_prefilter_reader *reader, const char *pattern,
                                  gboolean whole_text)
{
  g_return_val_if_fail(reader != NULL && pattern != NULL, NULL);
  g_return_val_if_fail(!rsk_literals_compiled(reader->literals), NULL);
  parser ps = {.p = pattern, .whole_text = whole_text, .strings = reader->strings,
               .trees = reader->trees, .sets = reader->sets,
               .branches = reader->branches, .scratch = reader->scratch};
  need n = parse_alternation(&ps);
  if (*ps.p)   /* a ')' too many */
    ps.failed = TRUE;
  guint t = ps.failed ? NONE : need_tree(&ps, n);
  rsk_prefilter *filter = NULL;
  if (t != NONE) {
    filter = g_new0(rsk_prefilter, 1);
    filter->nodes = g_array_new(FALSE, FALSE, sizeof(filter_node));
    flatten(reader->literals, &ps, t, filter->nodes, reader->scratch);
  }
  g_string_chunk_clear(reader->strings);
  g_array_set_size(reader->trees, 0);
  g_array_set_size(reader->sets, 0);
  g_array_set_size(reader->branches, 0);
  return filter;
}

rsk_prefilter *rsk_prefilter_new(rsk_literals *literals, const char *pattern,
                                 gboolean whole_text)
{
  rsk_prefilter_reader *reader = rsk_prefilter_reader_new(literals);
  rsk_prefilter *filter = rsk_prefilter_read(reader, pattern, whole_text);
  rsk_prefilter_reader_free(reader);
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
