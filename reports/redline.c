/* redline.c - a word-level redline of two versions of a text
 *
 * The difference is the shortest edit script of Myers' O(ND) algorithm,
 * run twice. First on sentences, so that a rewritten sentence shows as
 * one deletion and one insertion rather than as the few common words
 * ("the", "our", "could") it happens to share with its replacement, and so
 * that the second run stays small; then on the words of each run of
 * changed sentences. Each run keeps the trace of its furthest points per
 * edit count, D^2 integers in all, so a run that would need more than
 * MAX_EDITS edits stops and shows its whole stretch as deleted and
 * inserted: text that different is better read whole anyway.
 *
 * A short unchanged stretch between two changes (a word or two, shorter
 * than either change) is folded into them, the "semantic cleanup" of
 * diff-match-patch: "[-may-]{+will+} not [-be able to-]{+fully+}" reads
 * better as one change.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redline.h"

#include "escape.h"
#include "export_text.h"

#include <string.h>

#define MAX_EDITS 1500
#define FOLD_WORDS 3
/* A hunk shows a deleted or inserted run of more words than RUN_MAX by its
 * first RUN_HEAD and last RUN_TAIL words: a rewritten page is read in the
 * whole text, not in a hunk. */
#define RUN_MAX 60
#define RUN_HEAD 30
#define RUN_TAIL 12

typedef struct {
  guint start, end;   /* the word: bytes [start, end) */
  guint next;         /* where the next word starts (or the text's end) */
  guint id;           /* interned word */
} token;

typedef enum { OP_SAME, OP_DEL, OP_INS } op;

typedef struct {
  gboolean same;
  guint a0, a1, b0, b1;   /* token ranges in A and B */
} segment;

struct rsk_redline {
  const char *a, *b;
  GArray *ta, *tb;        /* token */
  GArray *segments;       /* segment, alternating same and changed */
};

/* --- Tokens ---------------------------------------------------------- */

static guint intern(GHashTable *ids, const char *text, gsize len)
{
  g_autofree char *key = g_strndup(text, len);
  gpointer found = g_hash_table_lookup(ids, key);
  if (found)
    return GPOINTER_TO_UINT(found);
  guint id = g_hash_table_size(ids) + 1;
  g_hash_table_insert(ids, g_steal_pointer(&key), GUINT_TO_POINTER(id));
  return id;
}

static GArray *tokenize(const char *text, GHashTable *ids)
{
  GArray *tokens = g_array_new(FALSE, FALSE, sizeof(token));
  gsize len = text ? strlen(text) : 0;
  gsize p = 0;

  while (p < len) {
    while (p < len && g_ascii_isspace(text[p]))
      p++;
    if (p >= len)
      break;
    gsize start = p;
    while (p < len && !g_ascii_isspace(text[p]))
      p++;
    token t = {(guint)start, (guint)p, 0, intern(ids, text + start, p - start)};
    g_array_append_val(tokens, t);
  }
  for (guint i = 0; i < tokens->len; i++)
    g_array_index(tokens, token, i).next =
        i + 1 < tokens->len ? g_array_index(tokens, token, i + 1).start
                            : (guint)len;
  return tokens;
}

/* Sentences: runs of tokens ending after ". ", "? ", "! ", "; " or a line
 * break. Returns the index of each sentence's first token, and one past
 * the last, in BOUNDS; the sentences' interned keys in IDS_OUT. */
static void sentences(const char *text, const GArray *tokens, GHashTable *ids,
                      GArray *bounds, GArray *ids_out)
{
  GString *key = g_string_new(NULL);
  guint first = 0;

  for (guint i = 0; i < tokens->len; i++) {
    const token *t = &g_array_index(tokens, token, i);
    char last = text[t->end - 1];
    gboolean newline = memchr(text + t->end, '\n', t->next - t->end) != NULL;
    g_string_append_printf(key, "%u,", t->id);
    if (i + 1 == tokens->len || newline || strchr(".?!;", last)) {
      guint id = intern(ids, key->str, key->len);
      g_array_append_val(bounds, first);
      g_array_append_val(ids_out, id);
      g_string_truncate(key, 0);
      first = i + 1;
    }
  }
  g_array_append_val(bounds, first);
  g_string_free(key, TRUE);
}

/* --- Myers ----------------------------------------------------------- */

static void append_ops(GArray *ops, op o, guint n)
{
  for (guint i = 0; i < n; i++)
    g_array_append_val(ops, o);
}

/* Appends to OPS the shortest edit script from A (N ids) to B (M ids):
 * one op per token, in order. Falls back to all deleted, all inserted past
 * MAX_EDITS edits. */
static void myers(const guint *a, guint n, const guint *b, guint m, GArray *ops)
{
  guint limit = MIN(n + m, MAX_EDITS);
  int off = (int)limit + 1;
  int *v = g_new0(int, 2 * (gsize)limit + 3);
  GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
  int found = -1;

  for (int d = 0; d <= (int)limit && found < 0; d++) {
    for (int k = -d; k <= d; k += 2) {
      int x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1])
                  ? v[off + k + 1]
                  : v[off + k - 1] + 1;
      int y = x - k;
      while (x < (int)n && y < (int)m && a[x] == b[y])
        x++, y++;
      v[off + k] = x;
      if (x >= (int)n && y >= (int)m) {
        found = d;
        break;
      }
    }
    g_ptr_array_add(trace, g_memdup2(v + off - d, sizeof(int) * (2 * (gsize)d + 1)));
  }
  if (found < 0) {
    append_ops(ops, OP_DEL, n);
    append_ops(ops, OP_INS, m);
    g_ptr_array_unref(trace);
    g_free(v);
    return;
  }

  /* Walk back from (n, m), collecting ops in reverse. */
  GArray *rev = g_array_new(FALSE, FALSE, sizeof(op));
  int x = (int)n, y = (int)m;
  for (int d = found; d > 0; d--) {
    const int *prev = g_ptr_array_index(trace, d - 1);  /* [-(d-1), d-1] */
    int k = x - y;
#define PREV(kk) prev[(kk) + (d - 1)]
    gboolean down = k == -d || (k != d && PREV(k - 1) < PREV(k + 1));
    int pk = down ? k + 1 : k - 1;
    int px = PREV(pk), py = px - pk;
#undef PREV
    int sx = down ? px : px + 1;   /* after the edit, before the snake */
    for (; x > sx; x--, y--)
      append_ops(rev, OP_SAME, 1);
    append_ops(rev, down ? OP_INS : OP_DEL, 1);
    x = px;
    y = py;
  }
  for (; x > 0; x--)
    append_ops(rev, OP_SAME, 1);
  for (guint i = rev->len; i > 0; i--)
    g_array_append_val(ops, g_array_index(rev, op, i - 1));
  g_array_unref(rev);
  g_ptr_array_unref(trace);
  g_free(v);
}

static GArray *ids_of(const GArray *tokens, guint from, guint to)
{
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = from; i < to; i++)
    g_array_append_val(ids, g_array_index(tokens, token, i).id);
  return ids;
}

/* The word-level ops from A's tokens to B's, through sentences. */
static GArray *word_ops(const rsk_redline *r, GHashTable *ids)
{
  GArray *ops = g_array_new(FALSE, FALSE, sizeof(op));
  GArray *sa = g_array_new(FALSE, FALSE, sizeof(guint)),
         *sb = g_array_new(FALSE, FALSE, sizeof(guint));
  GArray *ka = g_array_new(FALSE, FALSE, sizeof(guint)),
         *kb = g_array_new(FALSE, FALSE, sizeof(guint));
  GArray *sops = g_array_new(FALSE, FALSE, sizeof(op));

  sentences(r->a, r->ta, ids, sa, ka);
  sentences(r->b, r->tb, ids, sb, kb);
  myers((const guint *)(void *)ka->data, ka->len,
        (const guint *)(void *)kb->data, kb->len, sops);
  guint i = 0, j = 0;  /* sentence indexes in A and B */
  for (guint k = 0; k < sops->len;) {
    op o = g_array_index(sops, op, k);
    if (o == OP_SAME) {
      append_ops(ops, OP_SAME, g_array_index(sb, guint, j + 1) -
                                   g_array_index(sb, guint, j));
      i++, j++, k++;
      continue;
    }
    /* A run of changed sentences: their words, compared word by word. */
    guint i0 = i, j0 = j;
    for (; k < sops->len && g_array_index(sops, op, k) != OP_SAME; k++) {
      if (g_array_index(sops, op, k) == OP_DEL)
        i++;
      else
        j++;
    }
    GArray *wa = ids_of(r->ta, g_array_index(sa, guint, i0),
                        g_array_index(sa, guint, i));
    GArray *wb = ids_of(r->tb, g_array_index(sb, guint, j0),
                        g_array_index(sb, guint, j));
    myers((const guint *)(void *)wa->data, wa->len,
          (const guint *)(void *)wb->data, wb->len, ops);
    g_array_unref(wa);
    g_array_unref(wb);
  }
  g_array_unref(sa);
  g_array_unref(sb);
  g_array_unref(ka);
  g_array_unref(kb);
  g_array_unref(sops);
  return ops;
}

/* --- Segments -------------------------------------------------------- */

static guint seg_size(const segment *s)
{
  return (s->a1 - s->a0) + (s->b1 - s->b0);
}

static GArray *segments_of(const GArray *ops)
{
  GArray *segs = g_array_new(FALSE, FALSE, sizeof(segment));
  guint a = 0, b = 0;
  for (guint k = 0; k < ops->len;) {
    gboolean same = g_array_index(ops, op, k) == OP_SAME;
    segment s = {same, a, a, b, b};
    for (; k < ops->len && (g_array_index(ops, op, k) == OP_SAME) == same; k++) {
      op o = g_array_index(ops, op, k);
      if (o != OP_INS)
        a++;
      if (o != OP_DEL)
        b++;
    }
    s.a1 = a;
    s.b1 = b;
    g_array_append_val(segs, s);
  }
  return segs;
}

/* Folds short unchanged stretches between two changes into them. */
static void fold_short_runs(GArray *segs)
{
  for (guint k = 1; k + 1 < segs->len;) {
    segment *s = &g_array_index(segs, segment, k);
    segment *before = s - 1, *after = s + 1;
    guint words = s->b1 - s->b0;
    if (s->same && words <= FOLD_WORDS && words < seg_size(before) &&
        words < seg_size(after)) {
      before->a1 = after->a1;
      before->b1 = after->b1;
      g_array_remove_range(segs, k, 2);
      k = k > 1 ? k - 1 : 1;
    } else {
      k++;
    }
  }
}

rsk_redline *rsk_redline_compute(const char *a, const char *b)
{
  rsk_redline *r = g_new0(rsk_redline, 1);
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  r->a = a ? a : "";
  r->b = b ? b : "";
  r->ta = tokenize(r->a, ids);
  r->tb = tokenize(r->b, ids);
  GArray *ops = word_ops(r, ids);
  r->segments = segments_of(ops);
  fold_short_runs(r->segments);
  g_array_unref(ops);
  g_hash_table_unref(ids);
  return r;
}

void rsk_redline_free(rsk_redline *r)
{
  if (!r)
    return;
  g_array_unref(r->ta);
  g_array_unref(r->tb);
  g_array_unref(r->segments);
  g_free(r);
}

guint rsk_redline_n_changes(const rsk_redline *r)
{
  guint n = 0;
  for (guint k = 0; k < r->segments->len; k++)
    n += !g_array_index(r->segments, segment, k).same;
  return n;
}

static guint count_words(const rsk_redline *r, gboolean deleted)
{
  guint n = 0;
  for (guint k = 0; k < r->segments->len; k++) {
    const segment *s = &g_array_index(r->segments, segment, k);
    if (!s->same)
      n += deleted ? s->a1 - s->a0 : s->b1 - s->b0;
  }
  return n;
}

guint rsk_redline_words_deleted(const rsk_redline *r)
{
  return count_words(r, TRUE);
}

guint rsk_redline_words_inserted(const rsk_redline *r)
{
  return count_words(r, FALSE);
}

/* --- Text ------------------------------------------------------------ */

/* How hunks are written: as text with wdiff's markers, or as HTML. */
typedef struct {
  gboolean html;
  GString *hunk;
  gboolean whole;     /* long runs kept whole (a heading) */
} writer;

/* Appends words FROM..TO of TEXT's TOKENS, one space between them. */
static void append_words(GString *out, const char *text, const GArray *tokens,
                         guint from, guint to, gboolean html)
{
  for (guint i = from; i < to; i++) {
    const token *t = &g_array_index(tokens, token, i);
    if (i > from)
      g_string_append_c(out, ' ');
    if (html) {
      g_autofree char *word = g_strndup(text + t->start, t->end - t->start);
      rsk_escape_html(out, word);
    } else {
      g_string_append_len(out, text + t->start, t->end - t->start);
    }
  }
}

static void space(GString *out)
{
  if (out->len && out->str[out->len - 1] != ' ')
    g_string_append_c(out, ' ');
}

static void put_same(writer *w, const rsk_redline *r, guint from, guint to)
{
  if (from >= to)
    return;
  space(w->hunk);
  append_words(w->hunk, r->b, r->tb, from, to, w->html);
}

/* Words FROM..TO of a deleted or inserted run, a long one shortened. */
static void put_run(writer *w, const char *text, const GArray *tokens,
                    guint from, guint to)
{
  if (to - from <= RUN_MAX || w->whole) {
    append_words(w->hunk, text, tokens, from, to, w->html);
    return;
  }
  append_words(w->hunk, text, tokens, from, from + RUN_HEAD, w->html);
  g_string_append_printf(w->hunk, " \xe2\x80\xa6 %u more words \xe2\x80\xa6 ",
                         to - from - RUN_HEAD - RUN_TAIL);
  append_words(w->hunk, text, tokens, to - RUN_TAIL, to, w->html);
}

static void put_change(writer *w, const rsk_redline *r, const segment *s)
{
  if (s->a1 > s->a0) {
    space(w->hunk);
    g_string_append(w->hunk, w->html ? "<del>" : "[-");
    put_run(w, r->a, r->ta, s->a0, s->a1);
    g_string_append(w->hunk, w->html ? "</del>" : "-]");
  }
  if (s->b1 > s->b0) {
    space(w->hunk);
    g_string_append(w->hunk, w->html ? "<ins>" : "{+");
    put_run(w, r->b, r->tb, s->b0, s->b1);
    g_string_append(w->hunk, w->html ? "</ins>" : "+}");
  }
}

static void put_ellipsis(writer *w)
{
  space(w->hunk);
  g_string_append(w->hunk, "…");
}

/* Calls EMIT with each hunk in W->hunk; returns the hunks past MAX_HUNKS. */
static guint walk_hunks(const rsk_redline *r, writer *w, guint context,
                        guint max_hunks,
                        void (*emit)(const char *hunk, gpointer data),
                        gpointer data)
{
  guint shown = 0, left_out = 0, n = r->segments->len;

  for (guint k = 0; k < n; k++) {
    const segment *s = &g_array_index(r->segments, segment, k);
    if (s->same)
      continue;
    if (max_hunks && shown >= max_hunks) {
      left_out++;
      /* Count the rest of this would-be hunk as one. */
      while (k + 2 < n &&
             g_array_index(r->segments, segment, k + 1).b1 -
                     g_array_index(r->segments, segment, k + 1).b0 <=
                 2 * context)
        k += 2;
      continue;
    }
    /* Leading context. */
    if (k > 0) {
      const segment *p = s - 1;
      guint from = p->b1 - MIN(context, p->b1 - p->b0);
      if (from > p->b0)
        put_ellipsis(w);
      put_same(w, r, from, p->b1);
    }
    put_change(w, r, s);
    /* Joined changes and trailing context. */
    while (k + 1 < n) {
      const segment *q = &g_array_index(r->segments, segment, k + 1);
      guint words = q->b1 - q->b0;
      if (k + 2 < n && words <= 2 * context) {
        put_same(w, r, q->b0, q->b1);
        put_change(w, r, &g_array_index(r->segments, segment, k + 2));
        k += 2;
        continue;
      }
      put_same(w, r, q->b0, q->b0 + MIN(context, words));
      if (words > context)
        put_ellipsis(w);
      break;
    }
    emit(w->hunk->str, data);
    g_string_truncate(w->hunk, 0);
    shown++;
  }
  return left_out;
}

typedef struct {
  GString *out;
  int indent, width;
} text_sink;

static void emit_text(const char *hunk, gpointer data)
{
  text_sink *t = data;
  if (t->width > 0) {
    rsk_text_wrap(t->out, hunk, t->indent, t->width);
    return;
  }
  for (int i = 0; i < t->indent; i++)
    g_string_append_c(t->out, ' ');
  g_string_append(t->out, hunk);
  g_string_append_c(t->out, '\n');
}

static void emit_html(const char *hunk, gpointer data)
{
  g_string_append_printf(data, "<p class=\"hunk\">%s</p>\n", hunk);
}

guint rsk_redline_write_text(GString *out, const rsk_redline *r, guint context,
                             guint max_hunks, int indent, int width)
{
  writer w = {FALSE, g_string_new(NULL), FALSE};
  text_sink sink = {out, indent, width};
  guint left = walk_hunks(r, &w, context, max_hunks, emit_text, &sink);
  g_string_free(w.hunk, TRUE);
  return left;
}

guint rsk_redline_write_html_hunks(GString *out, const rsk_redline *r,
                                   guint context, guint max_hunks)
{
  writer w = {TRUE, g_string_new(NULL), FALSE};
  guint left = walk_hunks(r, &w, context, max_hunks, emit_html, out);
  g_string_free(w.hunk, TRUE);
  return left;
}

void rsk_redline_write_inline(GString *out, const rsk_redline *r,
                              gboolean html)
{
  writer w = {html, out, TRUE};
  gsize start = out->len;
  for (guint k = 0; k < r->segments->len; k++) {
    const segment *s = &g_array_index(r->segments, segment, k);
    if (!s->same)
      put_change(&w, r, s);
    else if (out->len > start)
      put_same(&w, r, s->b0, s->b1);
    else
      append_words(out, r->b, r->tb, s->b0, s->b1, html);
  }
}

/* --- HTML ------------------------------------------------------------ */

/* Appends bytes FROM..TO of TEXT escaped, line breaks as paragraph
 * breaks when PARAGRAPHS, else as spaces. */
static void html_text(GString *out, const char *text, guint from, guint to,
                      gboolean paragraphs)
{
  g_autofree char *part = g_strndup(text + from, to - from);
  char **lines = g_strsplit(part, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    if (i)
      g_string_append(out, paragraphs ? "</p>\n<p>" : " ");
    rsk_escape_html(out, lines[i]);
  }
  g_strfreev(lines);
}

/* The bytes of tokens FROM..TO of TOKENS: from the first word's start to
 * the last one's end; WITH_SPACE adds the white space after it. */
static void token_span(const GArray *tokens, guint from, guint to,
                       gboolean with_space, guint *start, guint *end)
{
  const token *f = &g_array_index(tokens, token, from);
  const token *l = &g_array_index(tokens, token, to - 1);
  *start = f->start;
  *end = with_space ? l->next : l->end;
}

void rsk_redline_write_html(GString *out, const rsk_redline *r)
{
  guint start, end;

  g_string_append(out, "<p>");
  for (guint k = 0; k < r->segments->len; k++) {
    const segment *s = &g_array_index(r->segments, segment, k);
    if (s->same) {
      token_span(r->tb, s->b0, s->b1, TRUE, &start, &end);
      html_text(out, r->b, start, end, TRUE);
      continue;
    }
    if (s->a1 > s->a0) {
      token_span(r->ta, s->a0, s->a1, FALSE, &start, &end);
      g_string_append(out, "<del>");
      html_text(out, r->a, start, end, FALSE);
      g_string_append(out, "</del>");
    }
    if (s->b1 > s->b0) {
      token_span(r->tb, s->b0, s->b1, FALSE, &start, &end);
      g_string_append(out, s->a1 > s->a0 ? " <ins>" : "<ins>");
      html_text(out, r->b, start, end, FALSE);
      g_string_append(out, "</ins>");
      token_span(r->tb, s->b0, s->b1, TRUE, &start, &end);
      const token *l = &g_array_index(r->tb, token, s->b1 - 1);
      html_text(out, r->b, l->end, end, TRUE);
    } else {
      g_string_append_c(out, ' ');
    }
  }
  g_string_append(out, "</p>\n");
}
