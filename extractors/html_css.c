/* html_css.c - the inline CSS and presentational attributes an EDGAR
 * filing styles its text with
 *
 * EDGAR's HTML is written by filing agents' converters, and nearly all of
 * it styles text inline: Workiva and Toppan Merrill give every span its
 * font-family, font-size, font-weight (400/700 or normal/bold) and colour;
 * older filings use <b>, <i>, <font size=2> and the "font:" shorthand.
 * Only the properties that change what the segmenter sees are read: weight,
 * slant, underline, size, colour and family for the text; display,
 * visibility and white-space for what is text at all; margins, padding,
 * text-indent and text-align for where a block sits; and the page-break
 * properties. Values are parsed as a browser would, ignoring what it would
 * ignore, so that a filing reads the way its Chromium print looks.
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_css.h"

#include "filing.h"

#include <stdlib.h>
#include <string.h>

/* The default font size of a browser: 16px. */
#define MEDIUM_POINTS 12.0f

static gboolean is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Trims white space from [*s, *e). */
static void trim(const char **s, const char **e)
{
  while (*s < *e && is_space(**s))
    (*s)++;
  while (*e > *s && is_space((*e)[-1]))
    (*e)--;
}

static gboolean word_is(const char *s, gsize len, const char *word)
{
  return strlen(word) == len && g_ascii_strncasecmp(s, word, len) == 0;
}

/* A CSS length at S (LEN bytes) in points; percentages and em count
 * against EM (the font size they are relative to). FALSE when S is no
 * length. Unitless numbers are pixels, as in quirks mode. */
static gboolean parse_length(const char *s, gsize len, float em, float *points)
{
  char buf[32];
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *end = NULL;
  double v = g_ascii_strtod(buf, &end);
  if (end == buf)
    return FALSE;
  const char *unit = end;
  double factor;
  if (!*unit || g_ascii_strcasecmp(unit, "px") == 0)
    factor = 0.75;
  else if (g_ascii_strcasecmp(unit, "pt") == 0)
    factor = 1;
  else if (g_ascii_strcasecmp(unit, "em") == 0)
    factor = em;
  else if (g_ascii_strcasecmp(unit, "rem") == 0)
    factor = MEDIUM_POINTS;
  else if (g_ascii_strcasecmp(unit, "%") == 0)
    factor = em / 100;
  else if (g_ascii_strcasecmp(unit, "in") == 0)
    factor = 72;
  else if (g_ascii_strcasecmp(unit, "cm") == 0)
    factor = 72 / 2.54;
  else if (g_ascii_strcasecmp(unit, "mm") == 0)
    factor = 72 / 25.4;
  else if (g_ascii_strcasecmp(unit, "pc") == 0)
    factor = 12;
  else if (g_ascii_strcasecmp(unit, "ex") == 0 || g_ascii_strcasecmp(unit, "ch") == 0)
    factor = em / 2;
  else
    return FALSE;
  v *= factor;
  if (!(v > -10000 && v < 10000))   /* also NaN */
    return FALSE;
  *points = (float)v;
  return TRUE;
}

static gboolean parse_font_size(const char *s, gsize len, float parent, float *points)
{
  static const struct {
    const char *name;
    float points;
  } keywords[] = {
      {"xx-small", 7}, {"x-small", 7.5f}, {"small", 10}, {"medium", 12},
      {"large", 13.5f}, {"x-large", 18}, {"xx-large", 24}, {"xxx-large", 36},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(keywords); i++)
    if (word_is(s, len, keywords[i].name)) {
      *points = keywords[i].points;
      return TRUE;
    }
  if (word_is(s, len, "smaller")) {
    *points = parent / 1.2f;
    return TRUE;
  }
  if (word_is(s, len, "larger")) {
    *points = parent * 1.2f;
    return TRUE;
  }
  float v;
  if (!parse_length(s, len, parent, &v) || v < 0 || v > 500)
    return FALSE;
  *points = v;
  return TRUE;
}

/* font-weight: TRUE when VALUE is a weight; *BOLD says which. */
static gboolean parse_weight(const char *s, gsize len, gboolean *bold)
{
  if (word_is(s, len, "bold") || word_is(s, len, "bolder")) {
    *bold = TRUE;
    return TRUE;
  }
  if (word_is(s, len, "normal") || word_is(s, len, "lighter")) {
    *bold = FALSE;
    return TRUE;
  }
  if (len == 3 && g_ascii_isdigit(s[0]) && s[1] == '0' && s[2] == '0') {
    *bold = s[0] >= '6';
    return TRUE;
  }
  return FALSE;
}

static void set_style_bit(rsk_css *css, guint bit, gboolean on)
{
  if (on)
    css->style |= bit;
  else
    css->style &= ~bit;
}

static void set_family(rsk_css *css, const char *s, const char *e)
{
  const char *comma = memchr(s, ',', (gsize)(e - s));
  if (comma)
    e = comma;
  trim(&s, &e);
  while (s < e && (*s == '\'' || *s == '"'))
    s++;
  while (e > s && (e[-1] == '\'' || e[-1] == '"'))
    e--;
  trim(&s, &e);
  if (s < e) {
    css->font = s;
    css->font_len = (gsize)(e - s);
  }
}

/* "font: italic bold 10pt/12pt Times New Roman, serif". Like a browser,
 * the shorthand resets slant and weight it does not name to normal. */
static void apply_font_shorthand(rsk_css *css, const char *s, const char *e)
{
  gboolean bold = FALSE, italic = FALSE;
  const char *p = s;
  while (p < e) {
    while (p < e && is_space(*p))
      p++;
    const char *t = p;
    while (p < e && !is_space(*p))
      p++;
    gsize len = (gsize)(p - t);
    if (len == 0)
      break;
    gboolean weight;
    if (word_is(t, len, "italic") || word_is(t, len, "oblique")) {
      italic = TRUE;
    } else if (parse_weight(t, len, &weight)) {
      bold = weight && !word_is(t, len, "normal") ? TRUE : bold;
    } else if (word_is(t, len, "small-caps")) {
      /* no effect on what we read */
    } else {
      /* The size, with an optional "/line-height"; the family follows. */
      const char *slash = memchr(t, '/', len);
      float size;
      if (!parse_font_size(t, slash ? (gsize)(slash - t) : len, css->size, &size))
        return;  /* not a valid shorthand: a browser drops it whole */
      css->size = size;
      set_style_bit(css, RSK_STYLE_BOLD, bold);
      set_style_bit(css, RSK_STYLE_ITALIC, italic);
      if (p < e)
        set_family(css, p, e);
      return;
    }
  }
}

/* margin or padding shorthand: 1 to 4 lengths, top right bottom left. */
static void apply_box_shorthand(rsk_css *css, const char *s, const char *e,
                                gboolean margin)
{
  float v[4];
  int n = 0;
  const char *p = s;
  while (p < e && n < 4) {
    while (p < e && is_space(*p))
      p++;
    const char *t = p;
    while (p < e && !is_space(*p))
      p++;
    if (p == t)
      break;
    if (word_is(t, (gsize)(p - t), "auto"))
      v[n++] = 0;
    else if (!parse_length(t, (gsize)(p - t), css->size, &v[n++]))
      return;
  }
  if (n == 0)
    return;
  float top = v[0], right = n > 1 ? v[1] : v[0], bottom = n > 2 ? v[2] : v[0];
  float left = n > 3 ? v[3] : right;
  css->margin_left += left;
  css->gap_left |= left > 0.5f;
  css->gap_right |= right > 0.5f;
  if (margin) {
    css->margin_top = top;
    css->margin_bottom = bottom;
  }
}

typedef enum {
  P_NONE, P_FONT_WEIGHT, P_FONT_STYLE, P_TEXT_DECORATION, P_FONT_SIZE,
  P_FONT_FAMILY, P_FONT, P_COLOR, P_DISPLAY, P_FLOAT, P_VISIBILITY,
  P_WHITE_SPACE, P_TEXT_ALIGN, P_TEXT_INDENT, P_LEFT, P_RIGHT, P_MARGIN_TOP,
  P_MARGIN_BOTTOM, P_MARGIN, P_PADDING, P_BREAK_BEFORE_ALWAYS,
  P_BREAK_BEFORE_PAGE, P_BREAK_AFTER_ALWAYS, P_BREAK_AFTER_PAGE,
} property;

#define PROP(name, id) {name, sizeof name - 1, id}
static const struct {
  const char *name;
  gsize len;
  property id;
} properties[] = {
    PROP("font-weight", P_FONT_WEIGHT),
    PROP("font-style", P_FONT_STYLE),
    PROP("text-decoration", P_TEXT_DECORATION),
    PROP("text-decoration-line", P_TEXT_DECORATION),
    PROP("font-size", P_FONT_SIZE),
    PROP("font-family", P_FONT_FAMILY),
    PROP("font", P_FONT),
    PROP("color", P_COLOR),
    PROP("display", P_DISPLAY),
    PROP("float", P_FLOAT),
    PROP("visibility", P_VISIBILITY),
    PROP("white-space", P_WHITE_SPACE),
    PROP("text-align", P_TEXT_ALIGN),
    PROP("text-indent", P_TEXT_INDENT),
    PROP("margin-left", P_LEFT),
    PROP("padding-left", P_LEFT),
    PROP("margin-right", P_RIGHT),
    PROP("padding-right", P_RIGHT),
    PROP("margin-top", P_MARGIN_TOP),
    PROP("margin-bottom", P_MARGIN_BOTTOM),
    PROP("margin", P_MARGIN),
    PROP("padding", P_PADDING),
    PROP("page-break-before", P_BREAK_BEFORE_ALWAYS),
    PROP("break-before", P_BREAK_BEFORE_PAGE),
    PROP("page-break-after", P_BREAK_AFTER_ALWAYS),
    PROP("break-after", P_BREAK_AFTER_PAGE),
};

/* Filings give every span a long style attribute, so the property is
 * found by its length first. */
static property property_of(const char *name, gsize len)
{
  for (gsize i = 0; i < G_N_ELEMENTS(properties); i++)
    if (properties[i].len == len && g_ascii_strncasecmp(name, properties[i].name, len) == 0)
      return properties[i].id;
  return P_NONE;
}

static void apply_declaration(rsk_css *css, property prop, const char *v, const char *ve)
{
  gsize len = (gsize)(ve - v);
  float f;
  gboolean b;
  guint32 color;

  switch (prop) {
  case P_FONT_WEIGHT:
    if (parse_weight(v, len, &b))
      set_style_bit(css, RSK_STYLE_BOLD, b);
    break;
  case P_FONT_STYLE:
    if (word_is(v, len, "italic") || word_is(v, len, "oblique"))
      css->style |= RSK_STYLE_ITALIC;
    else if (word_is(v, len, "normal"))
      css->style &= ~(guint)RSK_STYLE_ITALIC;
    break;
  case P_TEXT_DECORATION:
    /* Decorations are drawn through to descendants: "none" on a child
     * does not take its parent's underline away. */
    if (g_strstr_len(v, (gssize)len, "underline"))
      css->style |= RSK_STYLE_UNDERLINE;
    break;
  case P_FONT_SIZE:
    if (parse_font_size(v, len, css->size, &f))
      css->size = f;
    break;
  case P_FONT_FAMILY:
    set_family(css, v, ve);
    break;
  case P_FONT:
    apply_font_shorthand(css, v, ve);
    break;
  case P_COLOR:
    if (rsk_css_parse_color(v, len, &color))
      css->color = color;
    break;
  case P_DISPLAY:
    if (word_is(v, len, "none"))
      css->hidden = TRUE;
    else if (word_is(v, len, "inline") || word_is(v, len, "inline-block") ||
             word_is(v, len, "inline-flex") || word_is(v, len, "contents"))
      css->inline_box = TRUE, css->block = FALSE;
    else
      css->block = TRUE, css->inline_box = FALSE;
    break;
  case P_FLOAT:
    css->floated = word_is(v, len, "left") || word_is(v, len, "right");
    break;
  case P_VISIBILITY:
    if (word_is(v, len, "hidden") || word_is(v, len, "collapse"))
      css->hidden = TRUE;
    break;
  case P_WHITE_SPACE:
    css->pre = len >= 3 && g_ascii_strncasecmp(v, "pre", 3) == 0;
    break;
  case P_TEXT_ALIGN:
    if (word_is(v, len, "center"))
      css->align = RSK_CSS_ALIGN_CENTER;
    else if (word_is(v, len, "right") || word_is(v, len, "end"))
      css->align = RSK_CSS_ALIGN_RIGHT;
    else
      css->align = RSK_CSS_ALIGN_LEFT;
    break;
  case P_TEXT_INDENT:
    if (parse_length(v, len, css->size, &f))
      css->text_indent = f;
    break;
  case P_LEFT:
    if (parse_length(v, len, css->size, &f)) {
      css->margin_left += f;
      css->gap_left |= f > 0.5f;
    }
    break;
  case P_RIGHT:
    if (parse_length(v, len, css->size, &f))
      css->gap_right |= f > 0.5f;
    break;
  case P_MARGIN_TOP:
    if (parse_length(v, len, css->size, &f))
      css->margin_top = f;
    break;
  case P_MARGIN_BOTTOM:
    if (parse_length(v, len, css->size, &f))
      css->margin_bottom = f;
    break;
  case P_MARGIN:
  case P_PADDING:
    apply_box_shorthand(css, v, ve, prop == P_MARGIN);
    break;
  case P_BREAK_BEFORE_ALWAYS:
    css->break_before |= word_is(v, len, "always");
    break;
  case P_BREAK_BEFORE_PAGE:
    css->break_before |= word_is(v, len, "page");
    break;
  case P_BREAK_AFTER_ALWAYS:
    css->break_after |= word_is(v, len, "always");
    break;
  case P_BREAK_AFTER_PAGE:
    css->break_after |= word_is(v, len, "page");
    break;
  case P_NONE:
    break;
  }
}

void rsk_css_apply_style(rsk_css *css, const char *style)
{
  if (!style)
    return;
  const char *p = style;
  while (*p) {
    const char *decl = p;
    char quote = 0;
    /* A semicolon inside a quoted family name does not end the
     * declaration. */
    while (*p && (quote || *p != ';')) {
      if (quote && *p == quote)
        quote = 0;
      else if (!quote && (*p == '\'' || *p == '"'))
        quote = *p;
      p++;
    }
    const char *end = p;
    if (*p)
      p++;
    const char *colon = memchr(decl, ':', (gsize)(end - decl));
    if (!colon)
      continue;
    const char *ns = decl, *ne = colon, *vs = colon + 1, *ve = end;
    trim(&ns, &ne);
    trim(&vs, &ve);
    /* "!important" changes nothing for inline styles. */
    const char *bang = memchr(vs, '!', (gsize)(ve - vs));
    if (bang) {
      ve = bang;
      trim(&vs, &ve);
    }
    if (ns < ne && vs < ve)
      apply_declaration(css, property_of(ns, (gsize)(ne - ns)), vs, ve);
  }
}

static int hex_value(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c = g_ascii_tolower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

gboolean rsk_css_parse_color(const char *value, gsize len, guint32 *color)
{
  static const struct {
    const char *name;
    guint32 rgb;
  } names[] = {
      {"black", 0x000000},  {"white", 0xffffff}, {"red", 0xff0000},
      {"green", 0x008000},  {"blue", 0x0000ff},  {"navy", 0x000080},
      {"gray", 0x808080},   {"grey", 0x808080},  {"maroon", 0x800000},
      {"purple", 0x800080}, {"teal", 0x008080},  {"olive", 0x808000},
      {"silver", 0xc0c0c0}, {"lime", 0x00ff00},  {"aqua", 0x00ffff},
      {"fuchsia", 0xff00ff}, {"yellow", 0xffff00}, {"orange", 0xffa500},
      {"darkblue", 0x00008b}, {"darkred", 0x8b0000}, {"darkgreen", 0x006400},
  };
  const char *s = value, *e = value + len;
  trim(&s, &e);
  len = (gsize)(e - s);
  if (len > 0 && s[0] == '#') {
    guint32 v = 0;
    if (len != 4 && len != 7)
      return FALSE;
    for (gsize i = 1; i < len; i++) {
      int h = hex_value(s[i]);
      if (h < 0)
        return FALSE;
      v = len == 4 ? (v << 8) | (guint32)(h * 17) : (v << 4) | (guint32)h;
    }
    *color = v;
    return TRUE;
  }
  if (len > 4 && g_ascii_strncasecmp(s, "rgb", 3) == 0) {
    const char *p = memchr(s, '(', len);
    if (!p)
      return FALSE;
    p++;
    guint32 v = 0;
    for (int k = 0; k < 3; k++) {
      while (p < e && (is_space(*p) || *p == ','))
        p++;
      char *end = NULL;
      long c = strtol(p, &end, 10);
      if (end == p || end > e)
        return FALSE;
      p = end;
      if (p < e && *p == '%') {
        c = c * 255 / 100;
        p++;
      }
      v = (v << 8) | (guint32)CLAMP(c, 0, 255);
    }
    *color = v;
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (word_is(s, len, names[i].name)) {
      *color = names[i].rgb;
      return TRUE;
    }
  return FALSE;
}

gboolean rsk_css_font_tag_size(const char *value, float *points)
{
  static const float sizes[] = {7.5f, 10, 12, 13.5f, 18, 24, 36};
  if (!value)
    return FALSE;
  while (is_space(*value))
    value++;
  gboolean relative = *value == '+' || *value == '-';
  char *end = NULL;
  long n = strtol(value, &end, 10);
  if (end == value)
    return FALSE;
  /* Clamped first: "+99999999999999999999" is LONG_MAX. */
  n = CLAMP(n, -10, 10);
  if (relative)
    n += 3;
  n = CLAMP(n, 1, 7);
  *points = sizes[n - 1];
  return TRUE;
}
