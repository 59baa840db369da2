/* html_css.h - the inline CSS and presentational attributes an EDGAR
 * filing styles its text with (inside extractors/)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* What one element says about its text and its box. A field that the
 * element does not set keeps the value it had (the parent's, for the
 * inherited ones), so the caller starts from a copy of the parent's. */
typedef struct {
  guint style;           /* rsk_style bits */
  float size;            /* points */
  guint32 color;         /* 0xRRGGBB */
  const char *font;      /* first family of font-family; borrowed */
  gsize font_len;
  gboolean hidden;       /* display:none or visibility:hidden */
  gboolean pre;          /* white-space: pre, pre-wrap, pre-line */
  gboolean block;        /* display:block, list-item, table... */
  gboolean inline_box;   /* display:inline or inline-block */
  gboolean floated;      /* float:left or float:right */
  int align;             /* RSK_CSS_ALIGN_* (text-align) */
  float margin_left;     /* margin-left + padding-left, points */
  float text_indent;
  float margin_top, margin_bottom;   /* points; -1: not set */
  gboolean gap_left;     /* inline padding or margin: a visual space */
  gboolean gap_right;
  gboolean break_before; /* page-break-before:always, break-before:page */
  gboolean break_after;
} rsk_css;

enum { RSK_CSS_ALIGN_LEFT, RSK_CSS_ALIGN_CENTER, RSK_CSS_ALIGN_RIGHT };

/* Applies the declarations of a style attribute ("font-weight:700;
 * color:#76b900") to CSS. Unknown properties and malformed values are
 * ignored, as a browser ignores them. */
void rsk_css_apply_style(rsk_css *css, const char *style);

/* A CSS colour ("#76b900", "#fff", "rgb(0, 0, 255)", "navy") as 0xRRGGBB;
 * FALSE when VALUE is none of those. */
gboolean rsk_css_parse_color(const char *value, gsize len, guint32 *color);

/* The size in points of <font size=VALUE> ("1".."7", "+1", "-2"),
 * relative sizes counted from 3; FALSE when VALUE is no size. */
gboolean rsk_css_font_tag_size(const char *value, float *points);
