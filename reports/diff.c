/* diff.c - match the risk factors of two filings and say what changed
 *
 * Pairing. Filings reorder, split and reword their risk factors, so the
 * pairing ignores position. Each item becomes two TF-IDF vectors (heading
 * and body words, with document frequencies counted over both filings, so
 * boiler-plate words like "business" and "could" weigh little), and a pair
 * scores 0.7 * body cosine + 0.3 * heading cosine. An item with an empty
 * body scores on its heading alone. Pairs below RSK_DIFF_MIN_MATCH are not
 * the same risk, unless their headings have the same words: a body
 * rewritten from scratch under the same heading is still that risk. The assignment is greedy, best score first, one to one:
 * with scores this far apart (a kept risk scores 0.6 to 1, two unrelated
 * ones 0.05 to 0.25) greedy gives the optimal assignment in practice, at a
 * fraction of the Hungarian method's cost and code.
 *
 * Sorting a pair. The body change is 1 - the Dice coefficient of the word
 * bigram multisets: one edited word in a 300-word body changes about 0.7%,
 * a new 60-word paragraph about 17%, a moved paragraph almost nothing.
 * Beyond the threshold the pair is "changed"; else a heading whose key
 * (letters and digits, lower-cased) differs makes it "reworded".
 *
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"

#include "text.h"

#include <math.h>
#include <string.h>

#define RSK_DIFF_MIN_MATCH 0.32
#define RSK_DIFF_BODY_WEIGHT 0.7

/* A sparse vector: term hashes in increasing order with their weights. */
typedef struct {
  guint32 *terms;
  double *weights;
  guint n;
} vec;

typedef struct {
  GArray *heading_terms;   /* guint32, sorted, unique */
  GArray *body_terms;
  GArray *heading_counts;  /* guint, parallel to heading_terms */
  GArray *body_counts;
  vec heading, body;
} item_terms;

/* --- Words ----------------------------------------------------------- */

/* Appends the hash of every word of TEXT to OUT, in order. */
static void word_hashes(const char *text, GArray *out)
{
  GString *word = g_string_new(NULL);
  const char *p = text ? text : "";

  for (;;) {
    gunichar c = g_utf8_get_char(p);
    if (c && g_unichar_isalnum(c)) {
      g_string_append_unichar(word, g_unichar_tolower(c));
    } else if (word->len) {
      guint32 h = g_str_hash(word->str);
      g_array_append_val(out, h);
      g_string_truncate(word, 0);
    }
    if (!c)
      break;
    p = g_utf8_next_char(p);
  }
  g_string_free(word, TRUE);
}

static int cmp_u32(gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return (x > y) - (x < y);
}

static int cmp_u64(gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return (x > y) - (x < y);
}

/* Sorted multiset of the word bigrams of TEXT (a lone word counts as one). */
static GArray *bigrams(const char *text)
{
  GArray *words = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(guint64));

  word_hashes(text, words);
  for (guint i = 0; i + 1 < words->len; i++) {
    guint64 pair = ((guint64)g_array_index(words, guint32, i) << 32) |
                   g_array_index(words, guint32, i + 1);
    g_array_append_val(pairs, pair);
  }
  if (words->len == 1) {
    guint64 one = g_array_index(words, guint32, 0);
    g_array_append_val(pairs, one);
  }
  g_array_sort(pairs, cmp_u64);
  g_array_free(words, TRUE);
  return pairs;
}

double rsk_diff_bigram_similarity(const char *a, const char *b)
{
  GArray *x = bigrams(a), *y = bigrams(b);
  guint i = 0, j = 0, common = 0;
  double sim;

  while (i < x->len && j < y->len) {
    guint64 u = g_array_index(x, guint64, i), v = g_array_index(y, guint64, j);
    if (u == v) {
      common++;
      i++;
      j++;
    } else if (u < v) {
      i++;
    } else {
      j++;
    }
  }
  sim = x->len + y->len ? 2.0 * common / (x->len + y->len) : 1.0;
  g_array_free(x, TRUE);
  g_array_free(y, TRUE);
  return sim;
}

/* --- TF-IDF vectors -------------------------------------------------- */

/* Sorts TEXT's word hashes into unique TERMS with their COUNTS. */
static void term_counts(const char *text, GArray **terms, GArray **counts)
{
  GArray *words = g_array_new(FALSE, FALSE, sizeof(guint32));

  *terms = g_array_new(FALSE, FALSE, sizeof(guint32));
  *counts = g_array_new(FALSE, FALSE, sizeof(guint));
  word_hashes(text, words);
  g_array_sort(words, cmp_u32);
  for (guint i = 0; i < words->len; i++) {
    guint32 h = g_array_index(words, guint32, i);
    if ((*terms)->len && g_array_index(*terms, guint32, (*terms)->len - 1) == h) {
      g_array_index(*counts, guint, (*counts)->len - 1)++;
    } else {
      guint one = 1;
      g_array_append_val(*terms, h);
      g_array_append_val(*counts, one);
    }
  }
  g_array_free(words, TRUE);
}

static void count_df(GHashTable *df, const GArray *terms)
{
  for (guint i = 0; i < terms->len; i++) {
    gpointer key = GUINT_TO_POINTER(g_array_index(terms, guint32, i));
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(df, key));
    g_hash_table_insert(df, key, GUINT_TO_POINTER(n + 1));
  }
}

/* Unit-length vector of (1 + log tf) * idf over TERMS. */
static vec make_vec(const GArray *terms, const GArray *counts, GHashTable *df,
                    guint n_docs)
{
  vec v = {g_new(guint32, terms->len + 1), g_new(double, terms->len + 1),
           terms->len};
  double norm = 0;

  for (guint i = 0; i < terms->len; i++) {
    guint32 t = g_array_index(terms, guint32, i);
    guint d = GPOINTER_TO_UINT(g_hash_table_lookup(df, GUINT_TO_POINTER(t)));
    double idf = log((1.0 + n_docs) / (1.0 + d)) + 1.0;
    double w = (1.0 + log(g_array_index(counts, guint, i))) * idf;
    v.terms[i] = t;
    v.weights[i] = w;
    norm += w * w;
  }
  norm = sqrt(norm);
  for (guint i = 0; i < v.n && norm > 0; i++)
    v.weights[i] /= norm;
  return v;
}

static double cosine(const vec *x, const vec *y)
{
  guint i = 0, j = 0;
  double dot = 0;

  while (i < x->n && j < y->n) {
    if (x->terms[i] == y->terms[j])
      dot += x->weights[i++] * y->weights[j++];
    else if (x->terms[i] < y->terms[j])
      i++;
    else
      j++;
  }
  return dot;
}

static item_terms *prepare(const rsk_diff_item *items, guint n, GHashTable *df)
{
  item_terms *t = g_new0(item_terms, n + 1);

  for (guint i = 0; i < n; i++) {
    term_counts(items[i].heading, &t[i].heading_terms, &t[i].heading_counts);
    term_counts(items[i].body, &t[i].body_terms, &t[i].body_counts);
    count_df(df, t[i].heading_terms);
    count_df(df, t[i].body_terms);
  }
  return t;
}

static void weigh(item_terms *t, guint n, GHashTable *df, guint n_docs)
{
  for (guint i = 0; i < n; i++) {
    t[i].heading = make_vec(t[i].heading_terms, t[i].heading_counts, df, n_docs);
    t[i].body = make_vec(t[i].body_terms, t[i].body_counts, df, n_docs);
  }
}

static void terms_free(item_terms *t, guint n)
{
  for (guint i = 0; i < n; i++) {
    g_array_free(t[i].heading_terms, TRUE);
    g_array_free(t[i].body_terms, TRUE);
    g_array_free(t[i].heading_counts, TRUE);
    g_array_free(t[i].body_counts, TRUE);
    g_free(t[i].heading.terms);
    g_free(t[i].heading.weights);
    g_free(t[i].body.terms);
    g_free(t[i].body.weights);
  }
  g_free(t);
}

static double match_score(const item_terms *x, const item_terms *y)
{
  double h = cosine(&x->heading, &y->heading);
  if (x->body.n == 0 || y->body.n == 0)
    return h;
  return RSK_DIFF_BODY_WEIGHT * cosine(&x->body, &y->body) +
         (1 - RSK_DIFF_BODY_WEIGHT) * h;
}

/* --- Assignment ------------------------------------------------------ */

typedef struct {
  double score;
  guint a, b;
} candidate;

static int cmp_candidate(gconstpointer p, gconstpointer q)
{
  const candidate *x = p, *y = q;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  /* Ties go to the pair closest in position, then to the earliest. */
  gint64 dx = ABS((gint64)x->a - (gint64)x->b);
  gint64 dy = ABS((gint64)y->a - (gint64)y->b);
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return x->a != y->a ? (x->a < y->a ? -1 : 1) : (x->b < y->b ? -1 : 1);
}

static gboolean has_category(const rsk_diff_item *item, const char *id)
{
  for (guint i = 0; i < item->n_categories; i++)
    if (strcmp(item->categories[i], id) == 0)
      return TRUE;
  return FALSE;
}

/* Categories of FROM that TO lacks, into OUT (borrowed). */
static void categories_minus(const rsk_diff_item *from, const rsk_diff_item *to,
                             GPtrArray *out)
{
  for (guint i = 0; i < from->n_categories; i++)
    if (!to || !has_category(to, from->categories[i]))
      g_ptr_array_add(out, (gpointer)from->categories[i]);
}

static gboolean cites(const rsk_diff_item *item, const char *id)
{
  for (guint i = 0; i < item->n_regulations; i++)
    if (strcmp(item->regulations[i], id) == 0)
      return TRUE;
  return FALSE;
}

/* Regulations FROM cites that TO does not, into OUT (borrowed). */
static void regulations_minus(const rsk_diff_item *from,
                              const rsk_diff_item *to, GPtrArray *out)
{
  for (guint i = 0; i < from->n_regulations; i++)
    if (!to || !cites(to, from->regulations[i]))
      g_ptr_array_add(out, (gpointer)from->regulations[i]);
}

/* A new entry for items A and B of X and Y (NULL when absent), with the
 * tags and regulations gained and lost. */
static rsk_diff_entry new_entry(rsk_diff_kind kind, int a, int b,
                                const rsk_diff_item *x, const rsk_diff_item *y)
{
  rsk_diff_entry e = {.kind = kind, .a = a, .b = b};
  e.tags_gained = g_ptr_array_new();
  e.tags_lost = g_ptr_array_new();
  e.regulations_gained = g_ptr_array_new();
  e.regulations_lost = g_ptr_array_new();
  if (y)
    categories_minus(y, x, e.tags_gained);
  if (x)
    categories_minus(x, y, e.tags_lost);
  if (y)
    regulations_minus(y, x, e.regulations_gained);
  if (x)
    regulations_minus(x, y, e.regulations_lost);
  return e;
}

static void classify_pair(rsk_diff_entry *e, const rsk_diff_item *x,
                          const rsk_diff_item *y, double threshold)
{
  g_autofree char *hx = rsk_text_key(x->heading ? x->heading : "");
  g_autofree char *hy = rsk_text_key(y->heading ? y->heading : "");

  e->heading_changed = strcmp(hx, hy) != 0;
  e->heading_similarity = e->heading_changed ? rsk_similarity_ratio(hx, hy) : 1;
  e->body_similarity = rsk_diff_bigram_similarity(x->body, y->body);
  if (1.0 - e->body_similarity > threshold)
    e->kind = RSK_DIFF_CHANGED;
  else if (e->heading_changed)
    e->kind = RSK_DIFF_REWORDED;
  else
    e->kind = RSK_DIFF_UNCHANGED;
}

rsk_diff *rsk_diff_compute(const rsk_diff_item *a, guint n_a,
                           const rsk_diff_item *b, guint n_b, double threshold)
{
  rsk_diff *diff = g_new0(rsk_diff, 1);
  GHashTable *df = g_hash_table_new(g_direct_hash, g_direct_equal);
  item_terms *ta = prepare(a, n_a, df), *tb = prepare(b, n_b, df);
  GArray *cands = g_array_new(FALSE, FALSE, sizeof(candidate));
  int *a_to_b = g_new(int, n_a + 1), *b_to_a = g_new(int, n_b + 1);
  double *a_score = g_new0(double, n_a + 1);

  diff->threshold = threshold;
  diff->entries = g_array_new(FALSE, FALSE, sizeof(rsk_diff_entry));
  weigh(ta, n_a, df, n_a + n_b);
  weigh(tb, n_b, df, n_a + n_b);

  for (guint i = 0; i < n_a; i++) {
    for (guint j = 0; j < n_b; j++) {
      candidate c = {match_score(&ta[i], &tb[j]), i, j};
      /* The same heading is the same risk, however rewritten its body. */
      gboolean same_heading = ta[i].heading.n > 0 &&
                              cosine(&ta[i].heading, &tb[j].heading) > 0.999;
      if (c.score >= RSK_DIFF_MIN_MATCH || same_heading)
        g_array_append_val(cands, c);
    }
  }
  g_array_sort(cands, cmp_candidate);
  for (guint i = 0; i < n_a; i++)
    a_to_b[i] = -1;
  for (guint j = 0; j < n_b; j++)
    b_to_a[j] = -1;
  for (guint k = 0; k < cands->len; k++) {
    const candidate *c = &g_array_index(cands, candidate, k);
    if (a_to_b[c->a] < 0 && b_to_a[c->b] < 0) {
      a_to_b[c->a] = (int)c->b;
      b_to_a[c->b] = (int)c->a;
      a_score[c->a] = c->score;
    }
  }

  for (guint i = 0; i < n_a; i++) {
    rsk_diff_entry e;
    if (a_to_b[i] < 0) {
      e = new_entry(RSK_DIFF_REMOVED, (int)i, -1, &a[i], NULL);
    } else {
      e = new_entry(RSK_DIFF_UNCHANGED, (int)i, a_to_b[i], &a[i],
                    &b[a_to_b[i]]);
      e.match_score = MIN(a_score[i], 1.0);
      classify_pair(&e, &a[i], &b[a_to_b[i]], threshold);
    }
    diff->counts[e.kind]++;
    g_array_append_val(diff->entries, e);
  }
  for (guint j = 0; j < n_b; j++) {
    if (b_to_a[j] >= 0)
      continue;
    rsk_diff_entry e = new_entry(RSK_DIFF_ADDED, -1, (int)j, NULL, &b[j]);
    diff->counts[e.kind]++;
    g_array_append_val(diff->entries, e);
  }

  g_free(a_score);
  g_free(a_to_b);
  g_free(b_to_a);
  g_array_free(cands, TRUE);
  terms_free(ta, n_a);
  terms_free(tb, n_b);
  g_hash_table_destroy(df);
  return diff;
}

void rsk_diff_free(rsk_diff *diff)
{
  if (!diff)
    return;
  for (guint i = 0; i < diff->entries->len; i++) {
    rsk_diff_entry *e = &g_array_index(diff->entries, rsk_diff_entry, i);
    g_ptr_array_free(e->tags_gained, TRUE);
    g_ptr_array_free(e->tags_lost, TRUE);
    g_ptr_array_free(e->regulations_gained, TRUE);
    g_ptr_array_free(e->regulations_lost, TRUE);
  }
  g_array_free(diff->entries, TRUE);
  g_free(diff);
}

const char *rsk_diff_kind_name(rsk_diff_kind kind)
{
  switch (kind) {
  case RSK_DIFF_UNCHANGED: return "unchanged";
  case RSK_DIFF_REWORDED: return "reworded";
  case RSK_DIFF_CHANGED: return "changed";
  case RSK_DIFF_REMOVED: return "removed";
  case RSK_DIFF_ADDED: return "added";
  }
  return "?";
}
