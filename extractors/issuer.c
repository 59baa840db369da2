/* issuer.c - whose filing this is: the issuer's name from the cover
 *
 * The cover prints the name at labelled places, tried in this order:
 * - US forms: above the caption "(Exact name of registrant as specified in
 *   its charter)"; when several registrants file one report, their names
 *   are stacked there, or fill the column "Exact Name of Registrant as
 *   Specified In Its Charter" of a table, and the first is the parent's.
 * - Hong Kong documents: above "(incorporated in the Cayman Islands with
 *   limited liability)" or its Chinese form "（於開曼群島註冊成立的有限公司）",
 *   often with the Chinese name beside the English one; an application
 *   proof repeats it in "Application Proof of ..." / "...的申請版本".
 * - Covers with no label: the most prominent cover line that ends in a
 *   legal form ("3M COMPANY", "MICROSOFT CORPORATION").
 * What sits near those places is not always a name: a word of the line
 * above when the name itself is a logo ("to" of "For the transition period
 * from ... to"), a file number ("1-2348"), the exchange's disclaimer ("Hong
 * Kong Exchanges and Clearing Limited take no responsibility ..."). So a
 * candidate must look like a name (rsk_issuer_looks_like_name), and when
 * the cover gives none the other sources follow in order of trust: the
 * title metadata ("Form 10-K for Foot Locker INC filed 03/27/2023", "10-K -
 * 02/08/2023 - 3M Company"), the signatures page (the name above
 * "(Registrant)"), a running header, and last the file name. The source is
 * kept, so the weak ones can be flagged.
 *
 * SPDX-License-Identifier: MIT
 */
#include "issuer.h"

#include "cover_lines.h"
#include "text.h"

#include <math.h>
#include <string.h>

/* --- What a name looks like ----------------------------------------- */

static gboolean is_han(gunichar c)
{
  return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

/* TRUE when most of TEXT's letters are Chinese. */
static gboolean is_chinese(const char *text)
{
  int han = 0, other = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (is_han(c))
      han++;
    else if (g_unichar_isalpha(c))
      other++;
  }
  return han >= 2 && han > other;
}

/* TRUE when WORD occurs in LOWER between non-letters. */
static gboolean has_word(const char *lower, const char *word)
{
  gsize len = strlen(word);
  for (const char *p = strstr(lower, word); p; p = strstr(p + 1, word)) {
    gboolean start = p == lower || !g_ascii_isalpha(p[-1]);
    if (start && !g_ascii_isalpha(p[len]))
      return TRUE;
  }
  return FALSE;
}

gboolean rsk_issuer_has_legal_form(const char *text)
{
  static const char *const chinese[] = {"公司", "集團", "集团", "控股"};
  static const char *const forms[] = {
      "inc", "incorporated", "corp", "corporation", "company", "co", "ltd",
      "limited", "plc", "llc", "l.l.c", "lp", "l.p", "llp", "partnership",
      "n.v", "nv", "s.a", "sa", "ag", "se", "holdings", "group", "trust",
      "bancorp",
  };
  g_autofree char *t = g_strstrip(g_strdup(text));
  gsize len = strlen(t);
  while (len > 0 && strchr(".,;) ", t[len - 1]))
    t[--len] = '\0';
  /* A legal form alone is no name: something must come before it. */
  for (gsize k = 0; k < G_N_ELEMENTS(chinese); k++)
    if (g_str_has_suffix(t, chinese[k]) && len > strlen(chinese[k]) + 3)
      return TRUE;
  const char *word = t + len;
  while (word > t && (g_ascii_isalpha(word[-1]) || word[-1] == '.'))
    word--;
  if (word == t || !strchr(" ,", word[-1]))
    return FALSE;  /* "Co" of "TelCo" is no legal form */
  g_autofree char *lower = g_ascii_strdown(word, -1);
  for (gsize k = 0; k < G_N_ELEMENTS(forms); k++)
    if (strcmp(lower, forms[k]) == 0)
      return TRUE;
  return FALSE;
}

/* Exchanges, clearing houses and regulators: on every cover, never the
 * issuer. */
static gboolean is_exchange(const char *lower)
{
  static const char *const names[] = {
      "stock exchange", "exchanges and clearing", "securities clearing",
      "stock market", "select market", "futures commission",
      "香港交易及結算所", "香港交易及结算所", "香港聯合交易所", "香港联合交易所",
      "證券及期貨事務監察委員會", "证券及期货事务监察委员会", "中央結算", "中央结算",
  };
  for (gsize k = 0; k < G_N_ELEMENTS(names); k++)
    if (strstr(lower, names[k]))
      return TRUE;
  return has_word(lower, "nyse") || has_word(lower, "nasdaq") ||
         has_word(lower, "hkex") || has_word(lower, "sehk");
}

/* Phrases of the cover around the name, which no name contains. */
static gboolean is_cover_phrase(const char *lower)
{
  static const char *const phrases[] = {
      "commission file", "file number", "file no", "transition period",
      "securities and exchange", "exchange act", "securities act",
      "fiscal year", "year ended", "period ended", "quarterly period",
      "annual report", "quarterly report", "form 10-", "form 20-", "form 40-",
      "form s-", "form f-", "mark one", "identification", "jurisdiction",
      "incorporated in", "incorporation", "registrant", "principal executive",
      "telephone", "title of each class", "trading symbol", "check mark",
      "table of contents", "washington, d.c", "global offering", "prospectus",
      "application proof", "information pack", "sponsor", "bookrunner",
      "underwriter", "coordinator", "redacted", "responsibility",
      "this document", "stock code", "par value", "common stock", "notes due",
      "pursuant to", "招股章程", "申請版本", "申请版本", "聆訊後資料集",
      "聆讯后资料集", "全球發售", "全球发售", "股份代號", "股份代号", "保薦人",
      "保荐人", "編纂", "编纂", "註冊成立", "注册成立", "本文件", "警告",
  };
  static const char *const lines[] = {
      "united states", "or", "and", "none", "warning", "important",
  };
  for (gsize k = 0; k < G_N_ELEMENTS(phrases); k++)
    if (strstr(lower, phrases[k]))
      return TRUE;
  for (gsize k = 0; k < G_N_ELEMENTS(lines); k++)
    if (strcmp(lower, lines[k]) == 0)
      return TRUE;
  return FALSE;
}

gboolean rsk_issuer_looks_like_name(const char *text)
{
  gsize len = strlen(text);
  if (len < 2 || len > 160 || text[0] == '(' || text[0] == '[' ||
      g_str_has_prefix(text, "（"))
    return FALSE;
  int han = 0, letters = 0, upper = 0, digits = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    GUnicodeType type = g_unichar_type(c);
    if (c < 0x80 && strchr(":;?!|$%=@_#*", (int)c))
      return FALSE;
    if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1A ||
        c == 0x3001 || c == 0xFF01 || c == 0xFF1F || c == 0xFFFD)
      return FALSE;  /* ，。；：、！？ and undecodable glyphs */
    if (c >= 0x80 && (type == G_UNICODE_OTHER_SYMBOL ||
                      type == G_UNICODE_MATH_SYMBOL ||
                      type == G_UNICODE_PRIVATE_USE))
      return FALSE;  /* ☒ ☐ and symbol fonts */
    if (is_han(c))
      han++;
    else if (g_unichar_isalpha(c))
      letters++;
    if (g_unichar_isupper(c))
      upper++;
    if (g_unichar_isdigit(c))
      digits++;
  }
  if (han + letters < 2 || (han == 0 && upper == 0) || digits > han + letters ||
      rsk_text_word_count(text) > 14)
    return FALSE;
  g_autofree char *lower = g_utf8_strdown(text, -1);
  g_strstrip(lower);
  gsize n = strlen(lower);
  while (n > 0 && strchr(".,", lower[n - 1]))
    lower[--n] = '\0';
  if (is_cover_phrase(lower) || is_exchange(lower))
    return FALSE;
  g_autofree char *date = rsk_filing_parse_date(text);
  return date == NULL;
}

/* A copy of TEXT without surrounding space and trailing ",;:". */
static char *clean_name(const char *text)
{
  char *name = g_strstrip(g_strdup(text));
  gsize len = strlen(name);
  while (len > 0 && strchr(",;:", name[len - 1]))
    name[--len] = '\0';
  return name;
}

/* --- The cover ------------------------------------------------------- */

typedef struct {
  const rsk_line *lines;
  guint n;
  char *company;       /* the name in Latin letters, or NULL */
  char *company_zh;    /* in Chinese, or NULL */
} found;

/* Keeps TEXT as the Chinese or the other name, whichever is still
 * missing; takes TEXT. */
static void keep(found *f, char *text)
{
  char **slot = is_chinese(text) ? &f->company_zh : &f->company;
  if (*slot || !*text)
    g_free(text);
  else
    *slot = text;
}

/* The name lines printed just above LINES[I] in its column, top first:
 * none when the nearest line there is no name or stands far above. */
static GPtrArray *block_above(const found *f, guint i)
{
  const rsk_line *caption = &f->lines[i], *below = caption;
  GPtrArray *block = g_ptr_array_new();
  int looked = 0;

  for (guint j = i; j-- > 0 && f->lines[j].page == caption->page && looked < 8;) {
    const rsk_line *l = &f->lines[j];
    if ((l->flags & RSK_LINE_FURNITURE) || !rsk_line_above(l, below, TRUE) ||
        !rsk_lines_overlap_x(l, caption, 24))
      continue;  /* beside the caption: another column of its row */
    looked++;
    /* "Commission File Number: 1-13087" may sit between name and caption */
    if (block->len == 0 && rsk_contains_ci(l->text, "commission file"))
      continue;
    float size = MAX(MAX(l->font_size, caption->font_size), 6.0f);
    if (rsk_lines_gap(l, below) > (block->len ? 1.2f : 3.0f) * size ||
        !rsk_issuer_looks_like_name(l->text))
      break;
    /* One name's lines share a size; its Chinese form may differ. */
    const rsk_line *prev = block->len ? g_ptr_array_index(block, block->len - 1) : NULL;
    if (prev && is_chinese(prev->text) == is_chinese(l->text) &&
        fabsf(l->font_size - prev->font_size) > 1.0f)
      break;
    g_ptr_array_add(block, (gpointer)l);
    below = l;
    if (block->len == 4)
      break;
  }
  for (guint a = 0, b = block->len; b-- > a + 1; a++) {
    gpointer t = block->pdata[a];
    block->pdata[a] = block->pdata[b];
    block->pdata[b] = t;
  }
  return block;
}

/* Keeps the names of BLOCK (block_above): its Chinese line, and of the
 * others the first name when it ends in a legal form (the first of several
 * registrants), else the lines joined up to the one that does (a name
 * wrapped over lines). TRUE when a name was kept. */
static gboolean keep_block(found *f, GPtrArray *block)
{
  GPtrArray *latin = g_ptr_array_new();
  gboolean kept = FALSE;
  for (guint k = 0; k < block->len; k++) {
    const rsk_line *l = g_ptr_array_index(block, k);
    if (is_chinese(l->text)) {
      kept |= f->company_zh == NULL;
      keep(f, clean_name(l->text));
    } else {
      g_ptr_array_add(latin, (gpointer)l->text);
    }
  }
  if (latin->len > 0 && !f->company) {
    GString *name = g_string_new(g_ptr_array_index(latin, 0));
    gboolean whole = rsk_issuer_has_legal_form(name->str);
    for (guint k = 1; k < latin->len && !whole; k++) {
      g_string_append_printf(name, " %s", (const char *)latin->pdata[k]);
      whole = rsk_issuer_has_legal_form(name->str);
    }
    if (!whole && rsk_text_word_count(name->str) > 8)
      g_string_assign(name, g_ptr_array_index(latin, 0));
    keep(f, clean_name(name->str));
    g_string_free(name, TRUE);
    kept = TRUE;
  }
  g_ptr_array_unref(latin);
  g_ptr_array_unref(block);
  return kept;
}

/* The name in a table row whose cells came as one line ("1-31415
 * HARBORLIGHT ENERGY CORPORATION California 94-3234914"): past the cells
 * without letters, up to the last word that is a legal form; NULL when
 * none is. */
static char *name_in_row(const char *text)
{
  g_auto(GStrv) words = g_strsplit(text, " ", -1);
  GString *name = g_string_new(NULL);
  char *best = NULL;
  for (guint k = 0; words[k]; k++) {
    gboolean letters = FALSE;
    for (const char *p = words[k]; *p && !letters; p = g_utf8_next_char(p))
      letters = g_unichar_isalpha(g_utf8_get_char(p));
    if (name->len == 0 && !letters)
      continue;
    g_string_append_printf(name, "%s%s", name->len ? " " : "", words[k]);
    if (rsk_issuer_has_legal_form(name->str) &&
        rsk_issuer_looks_like_name(name->str)) {
      g_free(best);
      best = clean_name(name->str);
    }
  }
  g_string_free(name, TRUE);
  return best;
}

/* The first name in the column under header LINES[I] ("Exact Name of
 * Registrant as Specified In Its Charter" over "PG&E CORPORATION" and
 * "PACIFIC GAS AND ELECTRIC COMPANY"), or NULL. */
static char *cell_below(const found *f, guint i)
{
  const rsk_line *header = &f->lines[i];
  int skipped = 0;
  for (guint j = i + 1; j < f->n && j < i + 24 && f->lines[j].page == header->page;
       j++) {
    const rsk_line *l = &f->lines[j];
    if ((l->flags & RSK_LINE_FURNITURE) || !rsk_line_above(header, l, TRUE) ||
        !rsk_lines_overlap_x(l, header, 6))
      continue;
    if (rsk_contains_ci(l->text, "charter") ||
        rsk_contains_ci(l->text, "specified in"))
      continue;  /* the header's second line */
    /* A line reaching out of the column is a whole row run together. */
    gboolean row = rsk_line_placed(l) && rsk_line_placed(header) &&
                   (l->x0 < header->x0 - 12 || l->x1 > header->x1 + 60);
    if (row || !g_ascii_isalpha(l->text[0]))
      return name_in_row(l->text);
    if (rsk_issuer_looks_like_name(l->text))
      return clean_name(l->text);
    /* Placed lines show the column: its first cell is no name. Without
     * positions a row's other cells come first. */
    if (rsk_line_placed(l) || ++skipped > 8)
      return NULL;
  }
  return NULL;
}

static gboolean is_registrant_label(const char *lower)
{
  return strstr(lower, "exact name") && strstr(lower, "registrant");
}

static gboolean is_incorporation_caption(const char *text, const char *lower)
{
  if (text[0] != '(' && !g_str_has_prefix(text, "（"))
    return FALSE;
  return strstr(lower, "incorporated in") || strstr(lower, "incorporated under") ||
         strstr(text, "註冊成立") || strstr(text, "注册成立");
}

/* "Application Proof of X", "Post Hearing Information Pack of X",
 * "X的申請版本": X, or NULL. */
static char *proof_name(const char *text)
{
  static const char *const prefixes[] = {
      "application proof of ", "post hearing information pack of ",
      "post-hearing information pack of ",
  };
  static const char *const suffixes[] = {
      "的申請版本", "的申请版本", "的聆訊後資料集", "的聆讯后资料集",
  };
  for (gsize k = 0; k < G_N_ELEMENTS(prefixes); k++) {
    gsize len = strlen(prefixes[k]);
    if (g_ascii_strncasecmp(text, prefixes[k], len) == 0)
      return clean_name(text + len);
  }
  for (gsize k = 0; k < G_N_ELEMENTS(suffixes); k++)
    if (g_str_has_suffix(text, suffixes[k]))
      return g_strndup(text, strlen(text) - strlen(suffixes[k]));
  return NULL;
}

/* Names from the labelled places of the cover pages; an application
 * proof's own title only where the cover's caption gives none, so a proof
 * and its final prospectus spell the name alike. */
static void from_labels(found *f)
{
  found proof = {0};
  for (guint i = 0; i < f->n && f->lines[i].page <= RSK_COVER_PAGES; i++) {
    const rsk_line *l = &f->lines[i];
    if (l->flags & RSK_LINE_FURNITURE)
      continue;
    g_autofree char *lower = g_utf8_strdown(l->text, -1);
    if (!f->company && is_registrant_label(lower)) {
      if (!keep_block(f, block_above(f, i)) && l->text[0] != '(') {
        char *cell = cell_below(f, i);
        if (cell)
          keep(f, cell);
      }
    } else if ((!f->company || !f->company_zh) &&
               is_incorporation_caption(l->text, lower)) {
      keep_block(f, block_above(f, i));
    } else {
      char *name = proof_name(l->text);
      if (name && rsk_issuer_looks_like_name(name))
        keep(&proof, name);
      else
        g_free(name);
    }
  }
  if (proof.company)
    keep(f, proof.company);
  if (proof.company_zh)
    keep(f, proof.company_zh);
}

/* TRUE when TEXT heads the banks of an offering ("Joint Sponsors",
 * "Joint Book-Running Managers", 獨家保薦人): their names follow. */
static gboolean heads_the_banks(const char *text)
{
  static const char *const heads[] = {
      "sponsor", "bookrunner", "book-running", "underwriter", "coordinator",
      "managers", "保薦人", "保荐人", "協調人", "协调人", "賬簿管理人", "账簿管理人",
  };
  g_autofree char *lower = g_utf8_strdown(text, -1);
  for (gsize k = 0; k < G_N_ELEMENTS(heads); k++)
    if (strstr(lower, heads[k]))
      return TRUE;
  return FALSE;
}

/* Covers without labels: of the lines of the cover page and the next that
 * end in a legal form, the one in the largest type, per script; the banks
 * named below "Sole Sponsor" and the like are not the issuer. */
static void from_prominence(found *f, int cover)
{
  const rsk_line *best[2] = {NULL, NULL};  /* Latin, Chinese */
  int banks_page = 0;
  for (guint i = 0; i < f->n && f->lines[i].page <= cover + 1; i++) {
    const rsk_line *l = &f->lines[i];
    if (l->page < cover || l->page == banks_page || (l->flags & RSK_LINE_FURNITURE))
      continue;
    if (heads_the_banks(l->text)) {
      banks_page = l->page;
      continue;
    }
    if (!rsk_issuer_has_legal_form(l->text) || !rsk_issuer_looks_like_name(l->text))
      continue;
    int script = is_chinese(l->text);
    if (!best[script] || l->font_size > best[script]->font_size + 0.1f)
      best[script] = l;
  }
  for (int s = 0; s < 2; s++)
    if (best[s])
      keep(f, clean_name(best[s]->text));
}

/* --- Other sources --------------------------------------------------- */

/* The name in the title metadata: "Form 10-K for X filed 03/27/2023" (as
 * EDGAR titles its PDFs), or the last part of a title split at " - " or
 * " | " that ends in a legal form ("10-K - 02/08/2023 - 3M Company",
 * "... | Advanced Micro Devices, Inc. (AMD)"); NULL for file and accession
 * names ("nvda-20240128", "0000950170-23-028914") and other titles. */
static char *name_from_title(const char *title)
{
  if (!title)
    return NULL;
  g_autofree char *t = rsk_text_normalize(title, -1);
  const char *for_ = strstr(t, " for ");
  if (g_str_has_prefix(t, "Form ") && for_) {
    const char *end = strstr(for_ + 5, " filed");
    char *name = g_strndup(for_ + 5, end ? (gsize)(end - for_ - 5) : strlen(for_ + 5));
    if (rsk_issuer_looks_like_name(g_strstrip(name)))
      return name;
    g_free(name);
    return NULL;
  }
  g_auto(GStrv) parts = g_regex_split_simple(" [-|\xe2\x80\x93\xe2\x80\x94] ", t, 0, 0);
  for (guint k = g_strv_length(parts); k-- > 0;) {
    char *part = g_strstrip(parts[k]);
    char *paren = strrchr(part, '(');
    if (paren && paren > part && g_str_has_suffix(part, ")"))
      *paren = '\0';  /* "(AMD)" */
    g_strstrip(part);
    if (rsk_issuer_has_legal_form(part) && rsk_issuer_looks_like_name(part))
      return clean_name(part);
  }
  return NULL;
}

/* The name above "(Registrant)" on the signatures page, or NULL. */
static const rsk_line *signed_name(const found *f)
{
  for (guint i = 0; i < f->n; i++) {
    const rsk_line *caption = &f->lines[i];
    if (g_ascii_strcasecmp(caption->text, "(Registrant)") != 0 &&
        g_ascii_strcasecmp(caption->text, "(Registrants)") != 0)
      continue;
    for (guint j = i; j-- > 0 && f->lines[j].page == caption->page;) {
      const rsk_line *l = &f->lines[j];
      if (!rsk_line_above(l, caption, TRUE) ||
          !rsk_lines_overlap_x(l, caption, 24))
        continue;
      if (rsk_lines_gap(l, caption) <= 3.0f * MAX(caption->font_size, 6.0f) &&
          rsk_issuer_looks_like_name(l->text))
        return l;
      break;
    }
  }
  return NULL;
}

/* The name a running header or footer repeats on three pages or more
 * ("Acme Holdings Limited", "Acme Inc. | 2024 Form 10-K | 23"), or NULL. */
static char *header_name(const found *f)
{
  GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  char *best = NULL;
  guint best_count = 2;
  for (guint i = 0; i < f->n; i++) {
    if (!(f->lines[i].flags & RSK_LINE_FURNITURE))
      continue;
    char *text = g_strdup(f->lines[i].text);
    char *bar = strstr(text, " | ");
    if (bar)
      *bar = '\0';
    g_strstrip(text);
    if (!rsk_issuer_has_legal_form(text) || !rsk_issuer_looks_like_name(text)) {
      g_free(text);
      continue;
    }
    guint count = GPOINTER_TO_UINT(g_hash_table_lookup(counts, text)) + 1;
    if (count > best_count) {
      best_count = count;
      g_free(best);
      best = clean_name(text);
    }
    g_hash_table_insert(counts, text, GUINT_TO_POINTER(count));
  }
  g_hash_table_unref(counts);
  return best;
}

/* "nvidia_10k_fy2024.pdf" -> "nvidia". */
static char *file_name_company(const char *name)
{
  size_t n = strcspn(name, "_.");
  return g_strndup(name, n ? n : strlen(name));
}

void rsk_filing_guess_issuer(rsk_filing *filing)
{
  found f = {.lines = (const rsk_line *)(void *)filing->lines->data,
             .n = filing->lines->len};
  rsk_company_source source = RSK_COMPANY_COVER;
  char *name;

  from_labels(&f);
  if (!f.company || !f.company_zh)
    from_prominence(&f, rsk_cover_page(filing));
  if (!f.company && (name = name_from_title(filing->title))) {
    f.company = name;
    source = RSK_COMPANY_TITLE;
  }
  if (!f.company && f.company_zh)
    f.company = g_strdup(f.company_zh);
  const rsk_line *signer = f.company ? NULL : signed_name(&f);
  if (signer) {
    f.company = clean_name(signer->text);
    source = RSK_COMPANY_SIGNATURES;
  }
  if (!f.company && (name = header_name(&f))) {
    f.company = name;
    source = RSK_COMPANY_HEADER;
  }
  if (!f.company) {
    f.company = file_name_company(filing->name);
    source = RSK_COMPANY_FILE_NAME;
  }
  g_free(filing->company);
  filing->company = f.company;
  filing->company_source = source;
  g_free(filing->company_zh);
  filing->company_zh = f.company_zh;
}

const char *rsk_company_source_flag(rsk_company_source source)
{
  switch (source) {
  case RSK_COMPANY_HEADER:
    return "company_from_running_header";
  case RSK_COMPANY_FILE_NAME:
    return "company_from_file_name";
  default:
    return NULL;
  }
}
