/* identifiers.c - ticker, SEC CIK and HKEX stock code from the cover
 *
 * Where covers print them:
 * - Ticker: a 10-K, 10-Q or 20-F cover lists the securities registered
 *   under Section 12(b) in a table with a "Trading Symbol(s)" column (the
 *   header sometimes on two lines, "Trading" over "Symbol(s)", or as a
 *   caption under the row: "(Title of each class) (Trading symbol) ...").
 *   The first row is the common stock. Its cells may come as lines of
 *   their own ("NVDA") or run together with the others ("Common stock, no
 *   par value PCG"), so the row's words are read left to right and the
 *   first one shaped like a ticker that is no word of the table ("NYSE",
 *   "COMMON") is it. Failing a table, a cover sentence "... listed on
 *   Nasdaq under the symbol "NTES."".
 * - CIK: "Central Index Key: 0000320193" or "CIK: 320193" on a cover or in
 *   an EDGAR header, or in the title metadata; kept as ten digits.
 * - Stock code: "Stock Code: 9999" or 股份代號：9999 on a Hong Kong cover,
 *   or a label "Stock Code" with the number further along its row.
 *
 * SPDX-License-Identifier: MIT
 */
#include "identifiers.h"

#include "cover_lines.h"

#include <stdlib.h>
#include <string.h>

/* Words of the securities table that have a ticker's shape. */
static const char *const table_words[] = {
    "NYSE", "NASDAQ", "LLC", "INC", "THE", "ARCA", "AMEX", "CBOE", "LSE",
    "SIX", "ADS", "ADSS", "ADR", "USD", "NONE", "NA", "PLC", "LTD", "CO",
    "CORP", "COMMON", "STOCK", "SHARE", "SHARES", "CLASS", "SERIES", "PAR",
    "VALUE", "PER", "NOTES", "NOTE", "DUE", "AND", "OF", "ON", "OR", "GLOBAL",
    "SELECT", "MARKET", "EXCHANGE", "NEW", "YORK", "ORDINARY", "DEPOSITARY",
    "AMERICAN", "EACH", "ONE", "PREFERRED", "WARRANTS", "UNITS", "RIGHTS",
    "NO", "A", "TITLE", "NAME", "SYMBOL",
};

gboolean rsk_is_ticker(const char *text)
{
  gsize n = 0;
  while (g_ascii_isupper(text[n]))
    n++;
  if (n < 1 || n > 5)
    return FALSE;
  const char *rest = text + n;
  if (*rest == '.' || *rest == '-') {
    gsize k = 1;
    while (g_ascii_isupper(rest[k]) || g_ascii_isdigit(rest[k]))
      k++;
    if (k < 2 || k > 4)
      return FALSE;
    rest += k;
  }
  if (*rest)
    return FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS(table_words); k++)
    if (strcmp(text, table_words[k]) == 0)
      return FALSE;
  return TRUE;
}

char *rsk_stock_code_normalize(const char *digits)
{
  gsize n = strspn(digits, "0123456789");
  if (n < 1 || n > 5 || digits[n])
    return NULL;
  while (n > 4 && *digits == '0') {
    digits++;
    n--;
  }
  return g_strdup_printf("%0*d", 4, atoi(digits));
}

/* --- Tickers --------------------------------------------------------- */

typedef struct {
  const rsk_line *lines;
  guint first, end;   /* the page's lines: [first, end) */
} page_lines;

static page_lines page_of(const rsk_filing *filing, guint i)
{
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  page_lines p = {.lines = lines, .first = i, .end = i};
  while (p.first > 0 && lines[p.first - 1].page == lines[i].page)
    p.first--;
  while (p.end < filing->lines->len && lines[p.end].page == lines[i].page)
    p.end++;
  return p;
}

/* TRUE when LINES[I] (LOWER: its text in ASCII lower case) heads the
 * trading-symbol column: "Trading Symbol(s)", or "Symbol(s)" under a line
 * ending in "Trading". */
static gboolean is_symbol_header(const page_lines *p, guint i, const char *lower)
{
  const rsk_line *l = &p->lines[i];
  if (strstr(lower, "trading symbol"))
    return TRUE;
  if (!g_str_has_prefix(lower, "symbol") && !g_str_has_prefix(lower, "(symbol"))
    return FALSE;
  for (guint j = p->first; j < p->end; j++) {
    const rsk_line *t = &p->lines[j];
    if (j != i && g_str_has_suffix(t->text, "Trading") &&
        rsk_line_above(t, l, j < i) && rsk_lines_overlap_x(t, l, 4) &&
        rsk_lines_gap(t, l) < MAX(l->font_size, 6.0f))
      return TRUE;
  }
  return FALSE;
}

static gint by_x(gconstpointer a, gconstpointer b)
{
  const rsk_line *x = *(const rsk_line *const *)a, *y = *(const rsk_line *const *)b;
  return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* The lines of the row nearest to REF below it (UP: above it) on its page,
 * left to right; empty when there is none. Lines without positions are
 * rows of their own, in reading order. */
static GPtrArray *next_row(const page_lines *p, guint ref, gboolean up,
                           guint *row_line)
{
  const rsk_line *r = &p->lines[ref];
  GPtrArray *row = g_ptr_array_new();
  guint best = G_MAXUINT;
  for (guint j = p->first; j < p->end; j++) {
    const rsk_line *l = &p->lines[j];
    if (j == ref || (l->flags & RSK_LINE_FURNITURE) || rsk_lines_same_row(l, r))
      continue;
    gboolean ok = up ? rsk_line_above(l, r, j < ref) : rsk_line_above(r, l, ref < j);
    if (!ok)
      continue;
    if (!rsk_line_placed(l) || !rsk_line_placed(r)) {
      /* reading order: the next line after (or before) REF */
      if (best == G_MAXUINT || (up ? j > best : j < best))
        best = j;
      continue;
    }
    if (best == G_MAXUINT || (up ? l->y0 > p->lines[best].y0 : l->y0 < p->lines[best].y0))
      best = j;
  }
  if (best == G_MAXUINT)
    return row;
  *row_line = best;
  const rsk_line *b = &p->lines[best];
  for (guint j = p->first; j < p->end; j++)
    if (j == best || (!(p->lines[j].flags & RSK_LINE_FURNITURE) &&
                      rsk_lines_same_row(&p->lines[j], b)))
      g_ptr_array_add(row, (gpointer)&p->lines[j]);
  g_ptr_array_sort(row, by_x);
  return row;
}

/* The first word of TEXT shaped like a ticker, skipping the letter of
 * "Class B" or "Series A"; NULL when none. */
static char *ticker_word(const char *text)
{
  g_auto(GStrv) words = g_strsplit_set(text, " \t", -1);
  gboolean after_class = FALSE;
  for (guint k = 0; words[k]; k++) {
    char *w = words[k];
    gsize len = strlen(w);
    while (len > 0 && strchr("(),;:\"'*", w[len - 1]))
      w[--len] = '\0';
    while (*w && strchr("(\"'", *w))
      w++;
    gboolean skip = after_class;
    after_class = g_ascii_strcasecmp(w, "class") == 0 ||
                  g_ascii_strcasecmp(w, "series") == 0;
    if (!skip && rsk_is_ticker(w))
      return g_strdup(w);
  }
  return NULL;
}

/* The ticker in ROW (left to right) under or over HEADER: a line of its
 * own in the header's column first, else the first ticker word. */
static char *ticker_in_row(const GPtrArray *row, const rsk_line *header)
{
  for (guint k = 0; k < row->len; k++) {
    const rsk_line *l = g_ptr_array_index(row, k);
    if (rsk_lines_overlap_x(l, header, 4) && rsk_is_ticker(l->text))
      return g_strdup(l->text);
  }
  for (guint k = 0; k < row->len; k++) {
    char *word = ticker_word(((const rsk_line *)g_ptr_array_index(row, k))->text);
    if (word)
      return word;
  }
  return NULL;
}

/* The ticker of the first row of the table headed at LINES[I], UP: the
 * row above it. */
static char *ticker_in_rows(const page_lines *p, guint i, gboolean up)
{
  const rsk_line *header = &p->lines[i];
  guint ref = i;
  char *ticker = NULL;
  /* A row of cells without positions is several "rows"; a few do. */
  for (int rows = 0; rows < 4 && !ticker; rows++) {
    guint at = ref;
    GPtrArray *row = next_row(p, ref, up, &at);
    gboolean end = row->len == 0;
    for (guint k = 0; k < row->len && !end; k++) {
      const char *text = ((const rsk_line *)g_ptr_array_index(row, k))->text;
      end = rsk_contains_ci(text, "12(g)") || rsk_contains_ci(text, "check mark");
    }
    if (!end)
      ticker = ticker_in_row(row, header);
    g_ptr_array_unref(row);
    if (end || rsk_line_placed(header))
      break;
    ref = at;
  }
  return ticker;
}

/* The ticker of the first row of the table headed at LINES[I]: below the
 * header, or for a caption "(Trading symbol)" above it or else below. */
static char *ticker_in_table(const page_lines *p, guint i)
{
  char *ticker = NULL;
  if (p->lines[i].text[0] == '(')
    ticker = ticker_in_rows(p, i, TRUE);
  return ticker ? ticker : ticker_in_rows(p, i, FALSE);
}

/* "listed ... under the symbol "NTES."" in TEXT (LOWER: the same in ASCII
 * lower case, so offsets agree): the ticker, or NULL. */
static char *ticker_in_sentence(const char *text, const char *lower)
{
  static const char *const phrases[] = {
      "under the symbol ", "under the trading symbol ", "under the ticker symbol ",
  };
  for (gsize k = 0; k < G_N_ELEMENTS(phrases); k++) {
    const char *at = strstr(lower, phrases[k]);
    if (!at)
      continue;
    const char *p = text + (at - lower) + strlen(phrases[k]);
    while (*p == '"' || *p == '\'')
      p++;
    gsize n = 0;
    while (g_ascii_isupper(p[n]) || ((p[n] == '.' || p[n] == '-') && g_ascii_isupper(p[n + 1])))
      n++;
    g_autofree char *word = g_strndup(p, n);
    if (rsk_is_ticker(word))
      return g_steal_pointer(&word);
  }
  return NULL;
}

/* --- CIK and stock code ---------------------------------------------- */

/* The number after LABEL (lower case) in LOWER (a text in ASCII lower
 * case: every label is ASCII or has no case): past spaces and ":", "#",
 * "No." or "Number"; its digits (MIN_DIGITS to MAX_DIGITS), or NULL. */
static char *number_after(const char *lower, const char *label, gsize min_digits,
                          gsize max_digits)
{
  const char *at = strstr(lower, label);
  if (!at || (at > lower && g_ascii_isalpha(at[-1])))
    return NULL;
  const char *p = at + strlen(label);
  for (;;) {
    while (*p == ' ' || *p == ':' || *p == '#' || *p == '.')
      p++;
    if (g_str_has_prefix(p, "\xef\xbc\x9a"))  /* "：" */
      p += 3;
    else if (g_str_has_prefix(p, "number"))
      p += 6;
    else if (g_str_has_prefix(p, "no"))
      p += 2;
    else
      break;
  }
  gsize n = strspn(p, "0123456789");
  if (n < min_digits || n > max_digits)
    return NULL;
  return g_strndup(p, n);
}

/* LOWER: the text in ASCII lower case. */
static char *cik_in(const char *lower)
{
  char *digits = number_after(lower, "central index key", 1, 10);
  if (!digits)
    digits = number_after(lower, "cik", 1, 10);
  if (!digits)
    return NULL;
  char *cik = g_strdup_printf("%010" G_GINT64_MODIFIER "d",
                              g_ascii_strtoll(digits, NULL, 10));
  g_free(digits);
  return cik;
}

static const char *const stock_code_labels[] = {"stock code", "股份代號", "股份代号"};

/* The stock code on LINES[I] (LOWER: its text in ASCII lower case):
 * "Stock Code: 9999", or a "Stock Code" label whose number stands further
 * along its row. */
static char *stock_code_at(const page_lines *p, guint i, const char *lower)
{
  const rsk_line *l = &p->lines[i];
  /* The line without trailing spaces and colons, for a label ending it. */
  gsize len = strlen(lower);
  while (len > 0 && strchr(": \t\n", lower[len - 1]))
    len--;
  for (gsize k = 0; k < G_N_ELEMENTS(stock_code_labels); k++) {
    g_autofree char *digits = number_after(lower, stock_code_labels[k], 1, 5);
    if (digits)
      return rsk_stock_code_normalize(digits);
    gsize label_len = strlen(stock_code_labels[k]);
    if (len < label_len || memcmp(lower + len - label_len, stock_code_labels[k], label_len) ||
        !rsk_line_placed(l))
      continue;
    const rsk_line *best = NULL;
    for (guint j = p->first; j < p->end; j++) {
      const rsk_line *c = &p->lines[j];
      const char *t = c->text;
      while (*t == ':' || *t == ' ')
        t++;
      if (j != i && c->x0 >= l->x1 && rsk_lines_same_row(c, l) && *t &&
          strspn(t, "0123456789") == strlen(t) && (!best || c->x0 < best->x0))
        best = c;
    }
    if (best) {
      const char *t = best->text;
      while (*t == ':' || *t == ' ')
        t++;
      return rsk_stock_code_normalize(t);
    }
  }
  return NULL;
}

void rsk_filing_guess_identifiers(rsk_filing *filing)
{
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  char *ticker = NULL, *said = NULL, *cik = NULL, *code = NULL;

  /* Page by page: finding a line's page anew for each line is quadratic
   * in a page's lines, and an HTML filing without breaks is one page. */
  guint i = 0;
  /* Once all three are found, later lines change nothing ("said" counts
   * only without a ticker). */
  while (i < filing->lines->len && lines[i].page <= RSK_COVER_PAGES &&
         !(ticker && cik && code)) {
    page_lines p = page_of(filing, i);
    for (; i < p.end; i++) {
      if (lines[i].flags & RSK_LINE_FURNITURE)
        continue;
      /* Lowered once for every search below (each line of a cover is
       * searched for five labels and three phrases). */
      g_autofree char *lower = g_ascii_strdown(lines[i].text, -1);
      if (!ticker && is_symbol_header(&p, i, lower))
        ticker = ticker_in_table(&p, i);
      if (!said)
        said = ticker_in_sentence(lines[i].text, lower);
      if (!cik)
        cik = cik_in(lower);
      if (!code)
        code = stock_code_at(&p, i, lower);
    }
  }
  if (!cik && filing->title) {
    g_autofree char *lower = g_ascii_strdown(filing->title, -1);
    cik = cik_in(lower);
  }
  if (!ticker) {
    ticker = said;
    said = NULL;
  }
  g_free(said);
  g_free(filing->ticker);
  filing->ticker = ticker;
  g_free(filing->cik);
  filing->cik = cik;
  g_free(filing->stock_code);
  filing->stock_code = code;
}
