/* html_reader.c - read an EDGAR HTML document as styled lines
 *
 * libxml2's HTML parser reads the document as a stream of SAX events (no
 * tree is built: a 3 MB inline-XBRL 10-K costs a few megabytes, not a
 * DOM), in recovery mode, so EDGAR's HTML 3.2 with unclosed <P> and <TD>,
 * XHTML and inline XBRL all come out as balanced start and end events. We
 * keep a stack of open elements with what each says about its text
 * (html_css.h: tags such as <b> and <font size=2> first, then the style
 * attribute), and gather text into blocks: a block element (div, p, li,
 * h1-h6, pre, ...) or a line break ends one. Hidden subtrees (display:none,
 * the inline-XBRL header, head, script, style) give no text.
 *
 * Tables are layout as often as data in EDGAR: a risk factor's bullet sits
 * in one cell and its text in the next, "Item 1A." and "Risk Factors" in
 * two cells of one row, and some filings put the whole document in one
 * cell. So the cells of a row are collected first. A row with at most one
 * cell holding text is not a table to the reader: its blocks pass on as
 * they are. A row of several cells becomes one block, the cells side by
 * side with a space between, as the printed row reads. Rows whose cells
 * are mostly figures are marked as such (table_row).
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_reader.h"

#include "html_css.h"
#include "html_layout.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* --------------------------------------------------------------- tags */

enum {
  TAG_OTHER = 0,   /* inline, no meaning of its own */
  TAG_SPAN,
  TAG_BOLD,        /* b, strong */
  TAG_ITALIC,      /* i, em, cite, var, dfn */
  TAG_UNDERLINE,   /* u, ins */
  TAG_FONT,
  TAG_SMALL,       /* small, sup, sub */
  TAG_BIG,
  TAG_BR,
  TAG_HR,
  TAG_P,
  TAG_BLOCK,       /* div, section, center, ... */
  TAG_CENTER,
  TAG_HEADING,     /* h1..h6 */
  TAG_PRE,
  TAG_LIST,        /* ul, ol, dl, dir, menu */
  TAG_INDENTED,    /* blockquote, dd */
  TAG_LI,
  TAG_ADDRESS,
  TAG_TABLE,
  TAG_TR,
  TAG_CELL,        /* td, th */
  TAG_CAPTION,
  TAG_HIDDEN,      /* head, script, style, ix:header, ... */
  TAG_TITLE,
  TAG_PAGE,        /* <PAGE> of a plain-text filing */
};

typedef struct {
  const char *name;
  int tag;
} tag_name;

static const tag_name tag_names[] = {
    {"span", TAG_SPAN},       {"b", TAG_BOLD},          {"strong", TAG_BOLD},
    {"i", TAG_ITALIC},        {"em", TAG_ITALIC},       {"cite", TAG_ITALIC},
    {"var", TAG_ITALIC},      {"dfn", TAG_ITALIC},      {"u", TAG_UNDERLINE},
    {"ins", TAG_UNDERLINE},   {"font", TAG_FONT},       {"small", TAG_SMALL},
    {"sup", TAG_SMALL},       {"sub", TAG_SMALL},       {"big", TAG_BIG},
    {"br", TAG_BR},           {"hr", TAG_HR},           {"p", TAG_P},
    {"div", TAG_BLOCK},       {"section", TAG_BLOCK},   {"article", TAG_BLOCK},
    {"header", TAG_BLOCK},    {"footer", TAG_BLOCK},    {"nav", TAG_BLOCK},
    {"main", TAG_BLOCK},      {"aside", TAG_BLOCK},     {"figure", TAG_BLOCK},
    {"figcaption", TAG_BLOCK}, {"form", TAG_BLOCK},     {"fieldset", TAG_BLOCK},
    {"dt", TAG_BLOCK},        {"body", TAG_BLOCK},      {"html", TAG_BLOCK},
    {"center", TAG_CENTER},   {"h1", TAG_HEADING},      {"h2", TAG_HEADING},
    {"h3", TAG_HEADING},      {"h4", TAG_HEADING},      {"h5", TAG_HEADING},
    {"h6", TAG_HEADING},      {"pre", TAG_PRE},         {"xmp", TAG_PRE},
    {"listing", TAG_PRE},     {"plaintext", TAG_PRE},   {"ul", TAG_LIST},
    {"ol", TAG_LIST},         {"dl", TAG_LIST},         {"dir", TAG_LIST},
    {"menu", TAG_LIST},       {"blockquote", TAG_INDENTED}, {"dd", TAG_INDENTED},
    {"li", TAG_LI},           {"address", TAG_ADDRESS}, {"table", TAG_TABLE},
    {"tr", TAG_TR},           {"td", TAG_CELL},         {"th", TAG_CELL},
    {"caption", TAG_CAPTION}, {"head", TAG_HIDDEN},     {"script", TAG_HIDDEN},
    {"style", TAG_HIDDEN},    {"noscript", TAG_HIDDEN}, {"template", TAG_HIDDEN},
    {"ix:header", TAG_HIDDEN}, {"select", TAG_HIDDEN},  {"textarea", TAG_HIDDEN},
    {"object", TAG_HIDDEN},   {"title", TAG_TITLE},     {"page", TAG_PAGE},
};

static GHashTable *tag_table;

static void init_tags(void)
{
  static gsize done = 0;
  if (!g_once_init_enter(&done))
    return;
  tag_table = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize i = 0; i < G_N_ELEMENTS(tag_names); i++)
    g_hash_table_insert(tag_table, (gpointer)tag_names[i].name,
                        GINT_TO_POINTER(tag_names[i].tag + 1));
  xmlInitParser();
  g_once_init_leave(&done, 1);
}

static int tag_of(const char *name)
{
  int v = GPOINTER_TO_INT(g_hash_table_lookup(tag_table, name));
  if (v)
    return v - 1;
  /* Case differs only in XHTML written in capitals. */
  char lower[16];
  gsize n = strlen(name);
  if (n >= sizeof lower)
    return TAG_OTHER;
  for (gsize i = 0; i <= n; i++)
    lower[i] = g_ascii_tolower(name[i]);
  v = GPOINTER_TO_INT(g_hash_table_lookup(tag_table, lower));
  return v ? v - 1 : TAG_OTHER;
}

static gboolean is_block_tag(int tag)
{
  switch (tag) {
  case TAG_P: case TAG_BLOCK: case TAG_CENTER: case TAG_HEADING: case TAG_PRE:
  case TAG_LIST: case TAG_INDENTED: case TAG_LI: case TAG_ADDRESS: case TAG_HR:
  case TAG_TABLE: case TAG_TR: case TAG_CELL: case TAG_CAPTION:
    return TRUE;
  default:
    return FALSE;
  }
}

/* ------------------------------------------------------------- walker */

typedef struct {
  int tag;
  rsk_css css;             /* css.font is not used: see font */
  const char *font;        /* interned family */
  float indent;            /* left edge of blocks inside it */
  gboolean block;
  int list;                /* LIST_*: what marks the items of a list */
  int items;               /* items of an ordered list so far */
} elem;

enum { LIST_NONE, LIST_BULLETS, LIST_ORDERED, LIST_PLAIN };

typedef enum { ITEM_BLOCK, ITEM_MARGIN, ITEM_SPACE, ITEM_BREAK } item_kind;

typedef struct {
  item_kind kind;
  float points;            /* MARGIN, SPACE */
  gboolean css;            /* BREAK */
  gboolean row;            /* BLOCK: the cells of a row side by side */
  rsk_html_block *block;   /* BLOCK, owned */
} item;

typedef struct {
  GPtrArray *cells;        /* GArray of item, the open row's cells */
  gboolean in_cell;
  GArray *out;             /* item: what the finished rows give */
  guint rows, figure_rows; /* rows of several cells; of them, figures */
} table_ctx;

/* A style attribute's effect on one state (apply_style_cached). */
typedef struct {
  char *style;
  rsk_css before, after;
  const char *font;        /* interned, or NULL: the style sets none */
} style_memo;

typedef struct {
  rsk_filing *filing;
  rsk_html_pages *pages;
  GArray *stack;           /* elem */
  rsk_html_block *block;   /* the block being gathered */
  float margin, space;     /* vertical room owed to the next block */
  GPtrArray *tables;       /* table_ctx *, innermost last */
  gboolean plain;
  GString *title;
  char *prefix;            /* a list item's marker, before its text */
  style_memo memo[256];
} walker;

static elem *top(walker *w)
{
  return &g_array_index(w->stack, elem, w->stack->len - 1);
}

static void free_items(GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    rsk_html_block_free(g_array_index(items, item, i).block);
  g_array_unref(items);
}

static void table_ctx_free(table_ctx *t)
{
  for (guint i = 0; i < t->cells->len; i++)
    free_items(g_ptr_array_index(t->cells, i));
  g_ptr_array_unref(t->cells);
  free_items(t->out);
  g_free(t);
}

/* Lays BLOCK out below what came before, with the room owed to it. */
static void layout_block(walker *w, const rsk_html_block *block)
{
  rsk_html_pages_add_block(w->pages, block, w->margin + w->space);
  w->margin = w->space = 0;
}

/* Sends IT to the document or, DEPTH tables deep, to the innermost open
 * cell. Takes IT's block. */
static void emit_at(walker *w, guint depth, item it)
{
  if (depth > 0) {
    table_ctx *t = g_ptr_array_index(w->tables, depth - 1);
    if (!t->in_cell || t->cells->len == 0) {
      g_ptr_array_add(t->cells, g_array_new(FALSE, FALSE, sizeof(item)));
      t->in_cell = TRUE;
    }
    g_array_append_val((GArray *)g_ptr_array_index(t->cells, t->cells->len - 1), it);
    return;
  }
  switch (it.kind) {
  case ITEM_BLOCK:
    layout_block(w, it.block);
    rsk_html_block_free(it.block);
    break;
  case ITEM_MARGIN:
    w->margin = MAX(w->margin, it.points);   /* margins collapse */
    break;
  case ITEM_SPACE:
    w->space += it.points;
    break;
  case ITEM_BREAK:
    rsk_html_pages_add_break(w->pages, it.css);
    w->margin = w->space = 0;
    break;
  }
}

static void emit(walker *w, item it)
{
  emit_at(w, w->tables->len, it);
}

/* Ends the block being gathered. An empty one with a non-breaking space
 * still takes a line, as an empty paragraph does on the page. */
static void flush(walker *w)
{
  rsk_html_block *b = w->block;
  if (rsk_html_block_has_text(b) && w->tables->len == 0) {
    /* Outside tables a block is laid out at once and its buffers reused. */
    layout_block(w, b);
    rsk_html_block_reset(b);
  } else if (rsk_html_block_has_text(b)) {
    emit(w, (item){.kind = ITEM_BLOCK, .block = b});
    w->block = rsk_html_block_new();
  } else if (b->blank_line) {
    emit(w, (item){.kind = ITEM_SPACE, .points = top(w)->css.size * 1.2f});
    rsk_html_block_reset(b);
  } else {
    rsk_html_block_reset(b);
  }
}

static gboolean mostly_figures(const rsk_html_block *b)
{
  guint letters = 0, digits = 0;
  for (const char *p = b->text->str; *p; p++) {
    letters += g_ascii_isalpha(*p) != 0;
    digits += g_ascii_isdigit(*p) != 0;
  }
  return digits > 0 && digits * 2 >= letters;
}

/* The open row of the innermost table is complete: keep what it gives
 * until the table ends. */
static void finish_row(walker *w)
{
  table_ctx *t = g_ptr_array_index(w->tables, w->tables->len - 1);
  guint filled = 0;
  for (guint c = 0; c < t->cells->len; c++) {
    GArray *items = g_ptr_array_index(t->cells, c);
    for (guint i = 0; i < items->len; i++)
      if (g_array_index(items, item, i).kind == ITEM_BLOCK) {
        filled++;
        break;
      }
  }
  if (filled <= 1) {
    for (guint c = 0; c < t->cells->len; c++) {
      GArray *items = g_ptr_array_index(t->cells, c);
      g_array_append_vals(t->out, items->data, items->len);
      g_array_set_size(items, 0);
    }
  } else {
    rsk_html_block *row = rsk_html_block_new();
    float margin = 0;
    guint breaks = 0;
    gboolean css = FALSE;
    for (guint c = 0; c < t->cells->len; c++) {
      GArray *items = g_ptr_array_index(t->cells, c);
      for (guint i = 0; i < items->len; i++) {
        const item *it = &g_array_index(items, item, i);
        if (it->kind == ITEM_BLOCK) {
          rsk_html_block_add_space(row);
          rsk_html_block_append(row, it->block);
        } else if (it->kind == ITEM_MARGIN && !rsk_html_block_has_text(row)) {
          margin = MAX(margin, it->points);
        } else if (it->kind == ITEM_BREAK) {
          breaks++;
          css |= it->css;
        }
      }
    }
    t->rows++;
    t->figure_rows += mostly_figures(row);
    item it = {.kind = ITEM_MARGIN, .points = margin};
    if (margin > 0)
      g_array_append_val(t->out, it);
    it = (item){.kind = ITEM_BLOCK, .block = row, .row = TRUE};
    g_array_append_val(t->out, it);
    /* A page break inside a row of cells falls after the row. */
    it = (item){.kind = ITEM_BREAK, .css = css};
    if (breaks)
      g_array_append_val(t->out, it);
  }
  for (guint c = 0; c < t->cells->len; c++)
    free_items(g_ptr_array_index(t->cells, c));
  g_ptr_array_set_size(t->cells, 0);
  t->in_cell = FALSE;
}

/* The innermost table is complete: its rows go to where the table sits,
 * the rows of cells marked as figures when most of them are. */
static void close_table(walker *w)
{
  table_ctx *t = g_ptr_array_index(w->tables, w->tables->len - 1);
  if (t->cells->len)
    finish_row(w);
  gboolean figures = t->figure_rows > 0 && t->figure_rows * 2 >= t->rows;
  guint depth = w->tables->len - 1;
  for (guint i = 0; i < t->out->len; i++) {
    item it = g_array_index(t->out, item, i);
    if (it.kind == ITEM_BLOCK && it.row)
      it.block->table_row = figures;
    emit_at(w, depth, it);
  }
  g_array_set_size(t->out, 0);
  g_ptr_array_remove_index(w->tables, w->tables->len - 1);
  table_ctx_free(t);
}

static table_ctx *open_table(walker *w)
{
  return w->tables->len ? g_ptr_array_index(w->tables, w->tables->len - 1) : NULL;
}

/* ----------------------------------------------------- element events */

static const char *attr(const xmlChar **attrs, const char *name)
{
  for (const xmlChar **a = attrs; a && a[0]; a += 2)
    if (g_ascii_strcasecmp((const char *)a[0], name) == 0)
      return a[1] ? (const char *)a[1] : "";
  return NULL;
}

static const char *intern_family(walker *w, const char *s, gsize len)
{
  char buf[64];
  len = MIN(len, sizeof buf - 1);
  memcpy(buf, s, len);
  buf[len] = '\0';
  return g_string_chunk_insert_const(w->filing->strings, buf);
}

/* TRUE when A and B say the same about text and box (font aside). */
static gboolean css_equal(const rsk_css *a, const rsk_css *b)
{
  return a->style == b->style && a->size == b->size && a->color == b->color &&
         a->hidden == b->hidden && a->pre == b->pre && a->block == b->block &&
         a->inline_box == b->inline_box && a->floated == b->floated && a->align == b->align &&
         a->margin_left == b->margin_left && a->text_indent == b->text_indent &&
         a->margin_top == b->margin_top && a->margin_bottom == b->margin_bottom &&
         a->gap_left == b->gap_left && a->gap_right == b->gap_right &&
         a->break_before == b->break_before && a->break_after == b->break_after;
}

/* Applies the style attribute STYLE to E. Filings repeat a few style
 * strings on thousands of spans ("color:#000000;font-family:'Times New
 * Roman';font-size:10pt;font-weight:400"), so the result of a string on a
 * given state is remembered in a small direct-mapped cache. */
static void apply_style_cached(walker *w, elem *e, const char *style)
{
  guint h = g_str_hash(style) ^ ((guint)(e->css.size * 64) * 2654435761u) ^ e->css.style;
  style_memo *m = &w->memo[h % G_N_ELEMENTS(w->memo)];
  if (m->style && strcmp(m->style, style) == 0 && css_equal(&m->before, &e->css)) {
    e->css = m->after;
    if (m->font)
      e->font = m->font;
    return;
  }
  g_free(m->style);
  m->style = g_strdup(style);
  m->before = e->css;
  e->css.font = NULL;
  rsk_css_apply_style(&e->css, style);
  m->font = e->css.font ? intern_family(w, e->css.font, e->css.font_len) : NULL;
  if (m->font)
    e->font = m->font;
  e->css.font = NULL;
  m->after = e->css;
}

static void apply_tag(walker *w, elem *e, const char *name, const xmlChar **attrs)
{
  rsk_css *css = &e->css;
  float parent_size = css->size;
  switch (e->tag) {
  case TAG_BOLD:
    css->style |= RSK_STYLE_BOLD;
    break;
  case TAG_ITALIC:
  case TAG_ADDRESS:
    css->style |= RSK_STYLE_ITALIC;
    break;
  case TAG_UNDERLINE:
    css->style |= RSK_STYLE_UNDERLINE;
    break;
  case TAG_SMALL:
    css->size = parent_size / 1.2f;
    break;
  case TAG_BIG:
    css->size = parent_size * 1.2f;
    break;
  case TAG_CENTER:
    css->align = RSK_CSS_ALIGN_CENTER;
    break;
  case TAG_HEADING: {
    static const float scale[] = {2.0f, 1.5f, 1.17f, 1.0f, 0.83f, 0.67f};
    int level = CLAMP(name[1] - '1', 0, 5);
    css->style |= RSK_STYLE_BOLD;
    css->size = parent_size * scale[level];
    css->margin_top = css->margin_bottom = css->size * 0.8f;
    break;
  }
  case TAG_P:
    css->margin_top = css->margin_bottom = parent_size;
    break;
  case TAG_PRE:
    css->pre = TRUE;
    break;
  case TAG_LIST:
  case TAG_INDENTED:
    css->margin_left = 30;
    break;
  case TAG_CELL:
    if (g_ascii_tolower(name[1]) == 'h')
      css->style |= RSK_STYLE_BOLD;
    break;
  case TAG_FONT: {
    float size;
    guint32 color;
    const char *v;
    if (rsk_css_font_tag_size(attr(attrs, "size"), &size))
      css->size = size;
    if ((v = attr(attrs, "color")) && rsk_css_parse_color(v, strlen(v), &color))
      css->color = color;
    if ((v = attr(attrs, "face")) && *v)
      e->font = intern_family(w, v, strcspn(v, ","));
    break;
  }
  default:
    break;
  }
  const char *align = attr(attrs, "align");
  if (align && (e->tag == TAG_P || e->tag == TAG_BLOCK || e->tag == TAG_HEADING ||
                e->tag == TAG_CELL || e->tag == TAG_TR)) {
    if (g_ascii_strcasecmp(align, "center") == 0)
      css->align = RSK_CSS_ALIGN_CENTER;
    else if (g_ascii_strcasecmp(align, "right") == 0)
      css->align = RSK_CSS_ALIGN_RIGHT;
    else
      css->align = RSK_CSS_ALIGN_LEFT;
  }
  if (attr(attrs, "hidden"))
    css->hidden = TRUE;
  const char *style = attr(attrs, "style");
  if (style && e->tag == TAG_LIST && strstr(style, "list-style") && strstr(style, "none"))
    e->list = LIST_PLAIN;
  if (style)
    apply_style_cached(w, e, style);
}

/* A new element's state: the inherited part of its parent's, box
 * properties reset. */
static elem child_of(const elem *parent, int tag)
{
  elem e = *parent;
  e.tag = tag;
  e.block = is_block_tag(tag);
  e.list = LIST_NONE;
  e.items = 0;
  e.css.block = e.css.inline_box = FALSE;
  e.css.margin_left = 0;
  e.css.margin_top = e.css.margin_bottom = -1;
  e.css.gap_left = e.css.gap_right = FALSE;
  e.css.break_before = e.css.break_after = FALSE;
  return e;
}

static void start_table_part(walker *w, const elem *e)
{
  table_ctx *t = open_table(w);
  flush(w);
  switch (e->tag) {
  case TAG_TABLE:
    t = g_new0(table_ctx, 1);
    t->cells = g_ptr_array_new();
    t->out = g_array_new(FALSE, FALSE, sizeof(item));
    g_ptr_array_add(w->tables, t);
    break;
  case TAG_TR:
  case TAG_CAPTION:
    if (t && t->cells->len)
      finish_row(w);
    break;
  case TAG_CELL:
    if (t) {
      g_ptr_array_add(t->cells, g_array_new(FALSE, FALSE, sizeof(item)));
      t->in_cell = TRUE;
    }
    break;
  default:
    break;
  }
}

static void end_table_part(walker *w, const elem *e)
{
  table_ctx *t = open_table(w);
  flush(w);
  if (!t)
    return;
  switch (e->tag) {
  case TAG_TABLE:
    close_table(w);
    break;
  case TAG_TR:
  case TAG_CAPTION:
    if (t->cells->len)
      finish_row(w);
    break;
  case TAG_CELL:
    t->in_cell = FALSE;
    break;
  default:
    break;
  }
}

static gboolean is_table_part(int tag)
{
  return tag == TAG_TABLE || tag == TAG_TR || tag == TAG_CELL || tag == TAG_CAPTION;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **attrs)
{
  walker *w = ctx;
  const char *name = (const char *)xname;
  const elem *parent = top(w);
  elem e = child_of(parent, tag_of(name));
  if (parent->css.hidden || e.tag == TAG_HIDDEN || e.tag == TAG_TITLE) {
    e.css.hidden = TRUE;
    g_array_append_val(w->stack, e);
    return;
  }
  apply_tag(w, &e, name, attrs);
  if (e.css.hidden) {
    g_array_append_val(w->stack, e);
    return;
  }
  if (e.css.block)
    e.block = TRUE;
  else if (e.css.inline_box && !is_table_part(e.tag))
    e.block = FALSE;
  e.indent = parent->indent + e.css.margin_left;

  if (is_table_part(e.tag)) {
    start_table_part(w, &e);
  } else if (e.block) {
    flush(w);
    if (e.tag == TAG_HR)
      emit(w, (item){.kind = ITEM_BREAK, .css = FALSE});
    if (e.tag == TAG_LI) {
      elem *list = top(w);
      g_free(w->prefix);
      w->prefix = NULL;
      if (list->list == LIST_ORDERED)
        w->prefix = g_strdup_printf("%d.", ++list->items);
      else if (list->list != LIST_PLAIN)
        w->prefix = g_strdup("\xe2\x80\xa2");
    }
  } else if (e.tag == TAG_PAGE && w->plain) {
    flush(w);
    emit(w, (item){.kind = ITEM_BREAK, .css = TRUE});
  }
  if (e.tag == TAG_LIST && e.list != LIST_PLAIN)
    e.list = g_ascii_tolower(name[0]) == 'o' ? LIST_ORDERED : LIST_BULLETS;
  if (e.css.margin_top > 0)
    emit(w, (item){.kind = ITEM_MARGIN, .points = e.css.margin_top});
  if (e.css.break_before) {
    flush(w);
    emit(w, (item){.kind = ITEM_BREAK, .css = TRUE});
  }
  if (!e.block && e.css.gap_left)
    rsk_html_block_add_space(w->block);
  if (e.tag == TAG_BR)
    rsk_html_block_add_break(w->block);
  g_array_append_val(w->stack, e);
}

/* TRUE when BLOCK holds a list marker: "•", "(a)", "1.". */
static gboolean is_marker(const rsk_html_block *b)
{
  return rsk_html_block_has_text(b) && b->text->len <= 6 && !strchr(b->text->str, ' ');
}

/* Ends the innermost open element. */
static void close_top(walker *w)
{
  elem e = *top(w);
  g_array_set_size(w->stack, w->stack->len - 1);
  if (e.css.hidden)
    return;
  if (is_table_part(e.tag)) {
    end_table_part(w, &e);
  } else if (e.block) {
    if (e.css.floated && is_marker(w->block)) {
      /* A bullet floated left of the next block: it prints on that
       * block's first line. */
      g_free(w->prefix);
      w->prefix = g_strdup(w->block->text->str);
      rsk_html_block_reset(w->block);
    } else {
      flush(w);
    }
    if (e.tag == TAG_LI)
      g_clear_pointer(&w->prefix, g_free);
  } else if (e.css.gap_right) {
    rsk_html_block_add_space(w->block);
  }
  if (e.css.margin_bottom > 0)
    emit(w, (item){.kind = ITEM_MARGIN, .points = e.css.margin_bottom});
  if (e.css.break_after) {
    flush(w);
    emit(w, (item){.kind = ITEM_BREAK, .css = TRUE});
  }
}

static void on_end(void *ctx, const xmlChar *xname)
{
  walker *w = ctx;
  int tag = tag_of((const char *)xname);
  /* The parser balances its events; find the element anyway, so a stray
   * end cannot pop the root. */
  guint i = w->stack->len;
  while (i > 1 && g_array_index(w->stack, elem, i - 1).tag != tag)
    i--;
  while (i > 1 && w->stack->len >= i)
    close_top(w);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
  walker *w = ctx;
  const elem *e = top(w);
  if (e->tag == TAG_TITLE) {
    if (w->title->len < 512)
      g_string_append_len(w->title, (const char *)ch, len);
    return;
  }
  if (e->css.hidden || len <= 0)
    return;
  rsk_html_style style = {.style = e->css.style, .size = e->css.size,
                          .color = e->css.color, .font = e->font};
  rsk_html_block *b = w->block;
  gboolean had_text = rsk_html_block_has_text(b);
  if (w->prefix && !had_text) {
    /* The marker goes with the item's first visible text. */
    g_autofree char *visible = rsk_text_normalize((const char *)ch, len);
    if (!*visible)
      return;
    rsk_html_style plain = style;
    plain.style &= ~(guint)(RSK_STYLE_BOLD | RSK_STYLE_ITALIC | RSK_STYLE_UNDERLINE);
    rsk_html_block_add_text(b, w->prefix, strlen(w->prefix), &plain, FALSE);
    rsk_html_block_add_space(b);
    g_clear_pointer(&w->prefix, g_free);
  }
  rsk_html_block_add_text(b, (const char *)ch, (gsize)len, &style,
                          w->plain || e->css.pre);
  if (!had_text && rsk_html_block_has_text(b)) {
    b->indent = e->indent;
    b->text_indent = e->css.text_indent;
    b->align = e->css.align;
  }
}

/* ----------------------------------------------------------- entry */

gboolean rsk_html_looks_preformatted(const char *data, gsize len)
{
  guint newlines = 0, blocks = 0;
  /* The opening of the document tells. */
  len = MIN(len, (gsize)256 * 1024);
  for (gsize i = 0; i < len; i++) {
    if (data[i] == '\n') {
      newlines++;
    } else if (data[i] == '<' && i + 3 < len) {
      char a = g_ascii_tolower(data[i + 1]), b = g_ascii_tolower(data[i + 2]);
      char c = data[i + 3];
      gboolean end2 = b == ' ' || b == '>' || b == '/';
      if ((a == 'p' && end2) || (a == 'l' && b == 'i') || (a == 't' && b == 'r') ||
          (a == 'b' && b == 'r') || (a == 'h' && g_ascii_isdigit(b)) ||
          (a == 'd' && b == 'i' && g_ascii_tolower(c) == 'v'))
        blocks++;
    }
  }
  return newlines >= 100 && blocks * 50 < newlines;
}

guint rsk_html_read(const char *data, gsize len, gboolean plain, rsk_filing *filing)
{
  init_tags();
  if (len == 0 || len > G_MAXINT)
    return 0;
  walker w = {
      .filing = filing,
      .pages = rsk_html_pages_new(filing),
      .stack = g_array_new(FALSE, FALSE, sizeof(elem)),
      .block = rsk_html_block_new(),
      .tables = g_ptr_array_new(),
      .plain = plain,
      .title = g_string_new(NULL),
  };
  /* The root: a browser's defaults. */
  elem root = {.tag = TAG_BLOCK, .block = TRUE,
               .font = g_string_chunk_insert_const(filing->strings, "Times New Roman")};
  root.css.size = 12;
  root.css.margin_top = root.css.margin_bottom = -1;
  g_array_append_val(w.stack, root);

  htmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(data, (int)len);
  if (ctxt) {
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = &w;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                 HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
  }
  /* A truncated document leaves elements open. */
  while (w.stack->len > 1)
    close_top(&w);
  flush(&w);
  while (w.tables->len)
    close_table(&w);
  guint letters = rsk_html_pages_finish(w.pages);

  g_strstrip(w.title->str);
  g_free(filing->title);
  filing->title = *w.title->str ? rsk_text_normalize(w.title->str, -1) : NULL;
  g_string_free(w.title, TRUE);
  g_free(w.prefix);
  for (gsize i = 0; i < G_N_ELEMENTS(w.memo); i++)
    g_free(w.memo[i].style);
  rsk_html_block_free(w.block);
  g_array_unref(w.stack);
  g_ptr_array_unref(w.tables);
  return letters;
}
