/* test_html.c - the HTML reader: styles, pages, hidden text, tables,
 * SGML submissions, identity, and segmentation on generated filings
 *
 * Every case writes the HTML it reads, so each states exactly what it
 * checks; the generated 10-Ks (html_fixtures.c) know their headings,
 * pages and folios.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "document.h"
#include "html_fixtures.h"
#include "rsk_error.h"
#include "segment.h"

#include <glib/gstdio.h>
#include <string.h>

static char *tmp_dir;

static int setup(void **state)
{
  (void)state;
  tmp_dir = g_dir_make_tmp("rsk-html-XXXXXX", NULL);
  return tmp_dir ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  GDir *d = g_dir_open(tmp_dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *p = g_build_filename(tmp_dir, name, NULL);
    g_unlink(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(tmp_dir);
  g_free(tmp_dir);
  return 0;
}

/* Reads DATA (LEN bytes, -1: a string) written as NAME; fails the test on
 * an error. */
static rsk_filing *read_data(const char *name, const char *data, gssize len)
{
  g_autofree char *path = html_fixture_write(tmp_dir, name, data, len);
  g_autoptr(GError) error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  if (!doc)
    fail_msg("%s: %s", name, error->message);
  rsk_filing *filing = rsk_filing_new(path);
  assert_true(rsk_document_read(doc, 1, 0, 1, filing, &error));
  rsk_document_free(doc);
  return filing;
}

static rsk_filing *read_html(const char *html)
{
  return read_data("case.htm", html, -1);
}

/* The error opening DATA written as NAME. */
static GError *open_error(const char *name, const char *data, gssize len)
{
  g_autofree char *path = html_fixture_write(tmp_dir, name, data, len);
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  assert_null(doc);
  assert_non_null(error);
  assert_non_null(strstr(error->message, path));
  return error;
}

/* The first content line holding TEXT, or NULL. */
static const rsk_line *line_with(const rsk_filing *f, const char *text)
{
  for (guint i = 0; i < f->lines->len; i++) {
    const rsk_line *l = &g_array_index(f->lines, rsk_line, i);
    if (strstr(l->text, text))
      return l;
  }
  return NULL;
}

static const rsk_line *must_find(const rsk_filing *f, const char *text)
{
  const rsk_line *l = line_with(f, text);
  if (!l)
    fail_msg("no line holds \"%s\"", text);
  return l;
}

/* The style of the span of L that holds TEXT. */
static guint style_of(const rsk_filing *f, const rsk_line *l, const char *text)
{
  const char *at = strstr(l->text, text);
  assert_non_null(at);
  guint offset = (guint)(at - l->text);
  for (guint k = 0; k < l->n_spans; k++) {
    const rsk_span *s = &g_array_index(f->spans, rsk_span, l->first_span + k);
    if (s->offset <= offset && offset < s->offset + s->length)
      return s->style;
  }
  fail_msg("no span holds \"%s\"", text);
  return 0;
}

static const rsk_span *span_of(const rsk_filing *f, const rsk_line *l, const char *text)
{
  guint offset = (guint)(strstr(l->text, text) - l->text);
  for (guint k = 0; k < l->n_spans; k++) {
    const rsk_span *s = &g_array_index(f->spans, rsk_span, l->first_span + k);
    if (s->offset <= offset && offset < s->offset + s->length)
      return s;
  }
  return NULL;
}

/* ------------------------------------------------------------- styles */

static void css_weights_by_number_and_name_give_bold(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><div><span style=\"font-weight:700\">seven hundred</span> "
      "<span style=\"font-weight:400\">four hundred</span> "
      "<span style=\"font-weight: bold !important\">by name</span> "
      "<span style=\"FONT-WEIGHT:600\">semibold</span> "
      "<span style=\"font-weight:300\">light</span></div></body></html>");
  const rsk_line *l = must_find(f, "seven hundred");
  assert_true(style_of(f, l, "seven hundred") & RSK_STYLE_BOLD);
  assert_false(style_of(f, l, "four hundred") & RSK_STYLE_BOLD);
  assert_true(style_of(f, l, "by name") & RSK_STYLE_BOLD);
  assert_true(style_of(f, l, "semibold") & RSK_STYLE_BOLD);
  assert_false(style_of(f, l, "light") & RSK_STYLE_BOLD);
  rsk_filing_free(f);
}

static void tags_and_css_give_bold_italic_and_underline(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><p><b>btag</b> <strong>strongtag</strong> <i>itag</i> <em>emtag</em> "
      "<u>utag</u> <span style=\"font-style:italic\">cssitalic</span> "
      "<span style=\"text-decoration:underline\">cssunder</span> "
      "<b><span style=\"font:10pt Times New Roman\">shorthand</span></b> plain</p>"
      "</body></html>");
  const rsk_line *l = must_find(f, "btag");
  assert_int_equal(style_of(f, l, "btag"), RSK_STYLE_BOLD);
  assert_int_equal(style_of(f, l, "strongtag"), RSK_STYLE_BOLD);
  assert_int_equal(style_of(f, l, "itag"), RSK_STYLE_ITALIC);
  assert_int_equal(style_of(f, l, "emtag"), RSK_STYLE_ITALIC);
  assert_int_equal(style_of(f, l, "utag"), RSK_STYLE_UNDERLINE);
  assert_int_equal(style_of(f, l, "cssitalic"), RSK_STYLE_ITALIC);
  assert_int_equal(style_of(f, l, "cssunder"), RSK_STYLE_UNDERLINE);
  /* The font shorthand resets the weight it does not name, as in a
   * browser. */
  assert_int_equal(style_of(f, l, "shorthand"), 0);
  assert_float_equal(span_of(f, l, "shorthand")->font_size, 10.0, 0.01);
  assert_int_equal(style_of(f, l, "plain"), 0);
  rsk_filing_free(f);
}

static void size_colour_and_family_come_from_css_and_font_tags(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><div style=\"font-size:10pt\"><span style=\"font-size:12px;"
      "color:#76b900;font-family:'NVIDIA Sans',sans-serif\">green</span> "
      "<span style=\"font-size:150%;color:rgb(0, 0, 255)\">blue</span> "
      "<font size=\"5\" color=\"red\" face=\"Arial, Helvetica\">red</font></div>"
      "</body></html>");
  const rsk_line *l = must_find(f, "green");
  const rsk_span *green = span_of(f, l, "green"), *blue = span_of(f, l, "blue");
  const rsk_span *red = span_of(f, l, "red");
  assert_float_equal(green->font_size, 9.0, 0.01);
  assert_int_equal(green->color, 0x76b900);
  assert_string_equal(green->font, "NVIDIA Sans");
  assert_float_equal(blue->font_size, 15.0, 0.01);
  assert_int_equal(blue->color, 0x0000ff);
  assert_float_equal(red->font_size, 18.0, 0.01);
  assert_int_equal(red->color, 0xff0000);
  assert_string_equal(red->font, "Arial");
  rsk_filing_free(f);
}

/* -------------------------------------------------- what is not text */

static void hidden_xbrl_header_scripts_and_styles_are_not_text(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><head><title>acme-20241231</title><style>.x { color: red }</style>"
      "<script>var secret = 'script text';</script></head><body>"
      "<div style=\"display:none\"><ix:header><ix:hidden>hidden facts</ix:hidden>"
      "</ix:header></div><ix:header>bare header</ix:header>"
      "<p style=\"visibility:hidden\">invisible</p><p hidden>attribute hidden</p>"
      "<p>visible <ix:nonNumeric name=\"dei:EntityRegistrantName\">Acme</ix:nonNumeric> "
      "text</p><noscript>noscript text</noscript></body></html>");
  const char *absent[] = {"hidden facts", "bare header", "script text", "color: red",
                          "invisible", "attribute hidden", "acme-20241231", "noscript"};
  for (gsize i = 0; i < G_N_ELEMENTS(absent); i++)
    if (line_with(f, absent[i]))
      fail_msg("\"%s\" was read as text", absent[i]);
  /* Inline XBRL tags around visible text are text. */
  must_find(f, "visible Acme text");
  assert_string_equal(f->title, "acme-20241231");
  rsk_filing_free(f);
}

static void entities_spaces_soft_hyphens_and_zero_widths_are_normalised(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><p>Item&nbsp;1A.&#160;&#160;&#160;Risk&#8239;Factors</p>"
      "<p>regu&shy;lation and zero&#8203;width&#xFEFF; here</p>"
      "<p>the company&#8217;s &#8220;quoted&#8221; terms &amp; more</p>"
      "<p><b>Risk</b>s joined, <b>Risk</b> <i>apart</i></p></body></html>");
  must_find(f, "Item 1A. Risk Factors");
  must_find(f, "regulation and zerowidth here");
  must_find(f, "the company's \"quoted\" terms & more");
  /* Tags alone do not add a space; white space between them does. */
  must_find(f, "Risks joined, Risk apart");
  rsk_filing_free(f);
}

/* ------------------------------------------------------------- blocks */

static void blocks_and_breaks_make_lines_and_paragraphs(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><div>first block</div><div>second block</div>"
      "<p>line one<br>line two</p><ul><li>bullet item</li></ul>"
      "<ol><li>numbered item</li></ol>"
      "<div style=\"float:left;width:10pt\">&#8226;</div><div style=\"margin-left:20pt\">"
      "floated bullet text</div></body></html>");
  const rsk_line *a = must_find(f, "first block"), *b = must_find(f, "second block");
  assert_string_equal(a->text, "first block");
  /* A new block is a new paragraph: a gap above it. */
  assert_true(b->y0 - a->y0 > 1.3f * 1.2f * a->font_size);
  assert_string_equal(must_find(f, "line one")->text, "line one");
  assert_string_equal(must_find(f, "line two")->text, "line two");
  assert_string_equal(must_find(f, "bullet item")->text, "\xe2\x80\xa2 bullet item");
  assert_string_equal(must_find(f, "numbered item")->text, "1. numbered item");
  assert_string_equal(must_find(f, "floated bullet")->text, "\xe2\x80\xa2 floated bullet text");
  rsk_filing_free(f);
}

static void long_blocks_wrap_into_full_lines_and_a_short_last_one(void **state)
{
  (void)state;
  GString *html = g_string_new("<html><body><p style=\"font-size:10pt\">");
  for (int i = 0; i < 60; i++)
    g_string_append(html, "word ");
  g_string_append(html, "end.</p></body></html>");
  rsk_filing *f = read_html(html->str);
  g_string_free(html, TRUE);
  assert_true(f->lines->len >= 3);
  const rsk_line *first = &g_array_index(f->lines, rsk_line, 0);
  const rsk_line *last = &g_array_index(f->lines, rsk_line, f->lines->len - 1);
  assert_true(first->x1 > 500);
  assert_true(last->x1 < first->x1);
  assert_true(g_str_has_suffix(last->text, "end."));
  rsk_filing_free(f);
}

static void table_cells_sit_side_by_side_and_figures_are_flagged(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body>"
      "<table><tr><td>&#8226;</td><td>a bullet in one cell, its text in the next</td></tr>"
      "<tr><td>Item 1A.</td><td>Risk Factors</td></tr></table>"
      "<table><tr><td><div>a layout table of one cell</div><div>holding two blocks</div>"
      "</td></tr></table>"
      "<table><tr><td><b>Fiscal year totals in millions</b></td><td><b>2024</b></td>"
      "<td><b>2023</b></td></tr><tr><td>Revenue</td><td>$ 1,234</td><td>$ 1,100</td></tr>"
      "<tr><td>Net income</td><td>456</td><td>398</td></tr></table>"
      "</body></html>");
  const rsk_line *bullet = must_find(f, "a bullet in one cell");
  assert_string_equal(bullet->text, "\xe2\x80\xa2 a bullet in one cell, its text in the next");
  assert_false(bullet->flags & RSK_LINE_FIGURES);
  assert_string_equal(must_find(f, "Item 1A.")->text, "Item 1A. Risk Factors");
  assert_string_equal(must_find(f, "layout table")->text, "a layout table of one cell");
  assert_string_equal(must_find(f, "holding two")->text, "holding two blocks");
  /* A table of figures: every row flagged, its header too. */
  const rsk_line *header = must_find(f, "Fiscal year totals");
  assert_string_equal(header->text, "Fiscal year totals in millions 2024 2023");
  assert_true(header->flags & RSK_LINE_FIGURES);
  assert_true(must_find(f, "Revenue $ 1,234 $ 1,100")->flags & RSK_LINE_FIGURES);
  rsk_filing_free(f);
}

static void preformatted_text_keeps_its_lines(void **state)
{
  (void)state;
  /* An old filing: plain text with <html><body> around it, no <pre>. */
  GString *html = g_string_new("<html><body><div>\n                 FORM 20-F\n\n");
  for (int i = 0; i < 120; i++)
    g_string_append_printf(html, "Line %d of a plain text filing\n", i);
  g_string_append(html, "</div></body></html>\n");
  rsk_filing *f = read_html(html->str);
  g_string_free(html, TRUE);
  const rsk_line *title = must_find(f, "FORM 20-F");
  assert_true(title->x0 > 100);  /* indented by its spaces */
  assert_string_equal(must_find(f, "Line 7 ")->text, "Line 7 of a plain text filing");
  assert_string_equal(f->doc_type, "20-F");
  rsk_filing_free(f);
}

/* -------------------------------------------------------------- pages */

static void css_breaks_before_and_after_make_pages(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><div style=\"page-break-before:always\"></div>"
      "<div>page one</div><hr/>"
      "<div style=\"page-break-after:always\">still page one</div>"
      "<div style=\"break-after:page\"></div><div style=\"break-before:page\"></div>"
      "<div>page two</div>"
      "<div style=\"break-before:page\">page three</div>"
      "<div style=\"page-break-before:auto\">still three</div></body></html>");
  /* The leading break has no text before it, the three between "still
   * page one" and "page two" none between them; the <hr> does not break
   * a document that has CSS breaks. */
  assert_int_equal(must_find(f, "page one")->page, 1);
  assert_int_equal(must_find(f, "still page one")->page, 1);
  assert_int_equal(must_find(f, "page two")->page, 2);
  assert_int_equal(must_find(f, "page three")->page, 3);
  assert_int_equal(must_find(f, "still three")->page, 3);
  assert_int_equal(f->page_count, 3);
  rsk_filing_free(f);
}

static void rules_make_pages_only_without_css_breaks(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><p>page one</p><hr><hr size=\"2\"><p>page two</p><hr>"
      "<p>page three</p><hr></body></html>");
  assert_int_equal(must_find(f, "page one")->page, 1);
  assert_int_equal(must_find(f, "page two")->page, 2);
  assert_int_equal(must_find(f, "page three")->page, 3);
  assert_int_equal(f->page_count, 3);
  rsk_filing_free(f);
}

static void generated_10k_pages_folios_and_furniture(void **state)
{
  (void)state;
  html_page_style styles[] = {HTML_PAGES_CSS_AFTER, HTML_PAGES_CSS_BEFORE, HTML_PAGES_HR};
  for (gsize k = 0; k < G_N_ELEMENTS(styles); k++) {
    g_autofree char *html = html_fixture_10k(HTML_BOLD_CSS, styles[k], 6);
    rsk_filing *f = read_html(html);
    assert_int_equal(f->page_count, 6 + 2);
    for (int i = 0; i < 6; i++)
      assert_int_equal(must_find(f, html_fixture_heading(i))->page,
                       html_fixture_risk_page(i));
    /* Page N prints N - 1; headers and footers are furniture. */
    assert_null(g_ptr_array_index(f->page_labels, 0));
    for (int p = 2; p <= f->page_count; p++) {
      g_autofree char *printed = g_strdup_printf("%d", p - 1);
      assert_string_equal(g_ptr_array_index(f->page_labels, p - 1), printed);
    }
    for (guint i = 0; i < f->lines->len; i++) {
      const rsk_line *l = &g_array_index(f->lines, rsk_line, i);
      gboolean furniture = strcmp(l->text, "Table of Contents") == 0 ||
                           (g_ascii_isdigit(l->text[0]) && strlen(l->text) <= 2);
      if (furniture != ((l->flags & RSK_LINE_FURNITURE) != 0))
        fail_msg("page style %d: \"%s\" on page %d %s furniture", (int)k, l->text, l->page,
                 furniture ? "is not" : "is wrongly");
    }
    rsk_filing_free(f);
  }
}

/* ---------------------------------------------------------- identity */

static void form_period_and_document_date_come_from_the_cover(void **state)
{
  (void)state;
  g_autofree char *html = html_fixture_10k(HTML_BOLD_TAG, HTML_PAGES_CSS_AFTER, 5);
  rsk_filing *f = read_html(html);
  /* Not the hidden header's "10-Q". */
  assert_string_equal(f->doc_type, "10-K");
  assert_string_equal(f->period_end, "2024-12-31");
  assert_string_equal(f->document_date, "2025-02-20");
  assert_string_equal(f->company, "ACME ROBOTICS, INC.");
  rsk_filing_free(f);

  f = read_html("<html><body><p>Filed Pursuant to Rule 424(b)(4)<br>Registration No. "
                "333-282241</p><p>PROSPECTUS</p><p>Acme Therapeutics, Inc.</p>"
                "<p>For the year ended December 31, 2023 our revenue grew.</p>"
                "<p>The date of this prospectus is October 10, 2024.</p></body></html>");
  assert_string_equal(f->doc_type, "424B");
  assert_null(f->period_end);
  assert_string_equal(f->document_date, "2024-10-10");
  rsk_filing_free(f);
}

/* -------------------------------------------------------- submissions */

static void full_submission_reads_the_main_document_not_exhibits(void **state)
{
  (void)state;
  g_autofree char *main_html = html_fixture_10k(HTML_BOLD_CSS, HTML_PAGES_CSS_AFTER, 6);
  for (int exhibit_first = 0; exhibit_first <= 1; exhibit_first++) {
    g_autofree char *txt = html_fixture_submission(main_html, exhibit_first);
    rsk_filing *f = read_data("0000000000-25-000001.txt", txt, -1);
    assert_null(line_with(f, "SUBSIDIARIES"));
    assert_null(line_with(f, "exhibit is not the filing"));
    assert_null(line_with(f, "begin 644"));
    assert_null(line_with(f, "CONFORMED"));
    must_find(f, html_fixture_heading(5));
    assert_string_equal(f->doc_type, "10-K");
    rsk_segment(f);
    assert_int_equal(f->risks->len, 6);
    rsk_filing_free(f);
  }
}

static void a_lone_sgml_document_block_is_read(void **state)
{
  (void)state;
  rsk_filing *f = read_data("supplement.htm",
                            "<DOCUMENT>\n<TYPE>424B5\n<SEQUENCE>1\n<TEXT>\n<html><body>"
                            "<p>Filed Pursuant to Rule 424(b)(5)</p><p>the supplement</p>"
                            "</body></html>\n</TEXT>\n</DOCUMENT>\n", -1);
  must_find(f, "the supplement");
  assert_null(line_with(f, "424B5"));
  assert_string_equal(f->doc_type, "424B");
  rsk_filing_free(f);
}

/* ------------------------------------------------------- segmentation */

static void generated_10k_gives_its_risk_factors_in_every_look(void **state)
{
  (void)state;
  html_heading_look looks[] = {HTML_BOLD_CSS, HTML_BOLD_TAG, HTML_ITALIC_SPAN,
                               HTML_BOLD_CSS_INKS};
  html_page_style pages[] = {HTML_PAGES_CSS_AFTER, HTML_PAGES_CSS_BEFORE, HTML_PAGES_HR,
                             HTML_PAGES_CSS_AFTER};
  for (gsize k = 0; k < G_N_ELEMENTS(looks); k++) {
    g_autofree char *html = html_fixture_10k(looks[k], pages[k], 8);
    rsk_filing *f = read_html(html);
    rsk_segment(f);
    if (f->risks->len != 8)
      fail_msg("look %d: %u risk factors, not 8", (int)k, f->risks->len);
    for (int i = 0; i < 8; i++) {
      const rsk_risk_factor *r = &g_array_index(f->risks, rsk_risk_factor, i);
      assert_string_equal(r->heading, html_fixture_heading(i));
      assert_string_equal(r->section, "Risks Related to Our Business");
      assert_int_equal(r->page_start, html_fixture_risk_page(i));
    }
    /* The bold table of figures stayed in risk 4's body. */
    const rsk_risk_factor *r4 = &g_array_index(f->risks, rsk_risk_factor, 3);
    assert_non_null(strstr(r4->body, "Products 1,234 1,100"));
    assert_non_null(strstr(r4->body, "Net revenue by fiscal year"));
    assert_int_equal(f->risk_first_page, 3);
    assert_int_equal(f->risk_last_page, 2 + 7);
    rsk_filing_free(f);
  }
}

/* A plain-text 20-F as EDGAR took them around 2000, wrapped in one <div>:
 * no type style anywhere, a heading is a short unpunctuated paragraph
 * between paragraphs of prose. */
static const char *const plain_headings[] = {
    "Changes in interest rates may significantly affect profitability",
    "A decline in the securities markets may adversely affect sales of new savings and "
    "investment products",
    "Foreign currency fluctuations may affect profitability",
    "Liquidity risk of certain investment assets",
    "Competitive factors may adversely affect market share",
};

static char *plain_text_20f(void)
{
  GString *s = g_string_new("<html><body><div>\n\n                     FORM 20-F\n\n"
                            "                     ACME HOLDINGS N.V.\n\n");
  /* Enough lines of plain text for the reader to take the file as
   * preformatted, as it takes such filings (html_reader.c). */
  for (int i = 0; i < 40; i++)
    g_string_append_printf(s, "Item 2.%d. Offer statistics and expected timetable: not applicable\n\n",
                           i + 1);
  g_string_append(s, "Item 3. Key Information\n\nRisk factors\n- ------------\n\n"
                     "The risk factors are described in more detail below.\n\n");
  for (gsize i = 0; i < G_N_ELEMENTS(plain_headings); i++) {
    const char *h = plain_headings[i];
    /* The second heading runs over two lines, as a typist broke it. */
    if (i == 1)
      g_string_append(s, "A decline in the securities markets may adversely affect sales\n"
                         "of new savings and investment products");
    else
      g_string_append(s, h);
    g_string_append(s, "\n\nIn periods of change the company may have to sell invested assets at a\n"
                       "time when their prices are low, which may result in realized investment\n"
                       "losses and a decrease in net income for the year.\n\n"
                       "Such losses could have a material adverse effect on the business, results\n"
                       "of operations and financial condition of the company.\n\n");
  }
  g_string_append(s, "Item 4. Information on the Company\n\nThe company sells life insurance.\n"
                     "</div></body></html>\n");
  return g_string_free(s, FALSE);
}

static void plain_text_filing_gives_headings_by_their_shape(void **state)
{
  (void)state;
  g_autofree char *html = plain_text_20f();
  rsk_filing *f = read_html(html);
  rsk_segment(f);
  assert_int_equal(f->risks->len, G_N_ELEMENTS(plain_headings));
  for (guint i = 0; i < f->risks->len; i++) {
    const rsk_risk_factor *r = &g_array_index(f->risks, rsk_risk_factor, i);
    assert_string_equal(r->heading, plain_headings[i]);
    assert_non_null(strstr(r->body, "material adverse effect"));
  }
  for (guint i = 0; f->flags && i < f->flags->len; i++)
    fail_msg("unexpected flag %s", (const char *)f->flags->pdata[i]);
  rsk_filing_free(f);
}

/* An HTML document with COVER, then TITLE and five bold risk headings
 * with bodies, then NEXT_TITLE and a paragraph of the next section. */
static char *sectioned(const char *cover, const char *title, const char *next_title)
{
  GString *s = g_string_new("<html><body>");
  g_string_append_printf(s, "%s<hr style=\"page-break-after:always\">"
                            "<p style=\"text-align:center\"><b>%s</b></p>", cover, title);
  for (int i = 0; i < 5; i++)
    g_string_append_printf(s, "<p><b>%s</b></p><p>Body text of this risk factor, long enough "
                              "to be a paragraph of a real filing that explains the risk.</p>",
                           html_fixture_heading(i));
  g_string_append_printf(s, "<p style=\"text-align:center\"><b>%s</b></p><p><b>We expect to use "
                            "the net proceeds for general corporate purposes.</b></p><p>This "
                            "paragraph belongs to the next section, not to a risk factor.</p>"
                            "</body></html>", next_title);
  return g_string_free(s, FALSE);
}

static void a_20f_item_3d_and_a_prospectus_section_end_at_the_next_title(void **state)
{
  (void)state;
  static const struct {
    const char *cover, *title, *next, *form;
  } cases[] = {
      {"<p><b>FORM 20-F</b></p><p>For the fiscal year ended December 31, 2024</p>",
       "D. Risk Factors", "ITEM 4. INFORMATION ON THE COMPANY", "20-F"},
      {"<p><b>FORM 20-F</b></p><p>For the fiscal year ended December 31, 2024</p>",
       "Item 3.D Risk Factors", "Item 4. Information on the Company", "20-F"},
      {"<p>Filed Pursuant to Rule 424(b)(4)</p><p>PROSPECTUS</p>", "RISK FACTORS",
       "USE OF PROCEEDS", "424B"},
      {"<p><b>FORM S-1</b></p><p>REGISTRATION STATEMENT</p>", "RISK FACTORS",
       "SPECIAL NOTE REGARDING FORWARD-LOOKING STATEMENTS", "S-1"},
      {"<p><b>FORM F-1</b></p><p>REGISTRATION STATEMENT</p>", "Risk Factors", "Dividend Policy",
       "F-1"},
  };
  for (gsize k = 0; k < G_N_ELEMENTS(cases); k++) {
    g_autofree char *html = sectioned(cases[k].cover, cases[k].title, cases[k].next);
    rsk_filing *f = read_html(html);
    assert_string_equal(f->doc_type, cases[k].form);
    rsk_segment(f);
    if (f->risks->len != 5)
      fail_msg("%s: %u risk factors, not 5", cases[k].title, f->risks->len);
    const rsk_risk_factor *last = &g_array_index(f->risks, rsk_risk_factor, 4);
    assert_string_equal(last->heading, html_fixture_heading(4));
    assert_null(strstr(last->body, "next section"));
    assert_int_equal(f->risk_first_page, 2);
    rsk_filing_free(f);
  }
}

static void not_applicable_and_missing_sections_are_told_apart(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<html><body><p><b>FORM 10-K</b></p><p><b>ITEM 1A: RISK FACTORS</b></p>"
      "<p>&#160;</p><p>NOT APPLICABLE</p><hr style=\"page-break-after:always\">"
      "<p><b>ITEM 1B: UNRESOLVED STAFF COMMENTS</b></p><p>None.</p></body></html>");
  rsk_segment(f);
  assert_int_equal(f->risks->len, 0);
  assert_int_equal(f->flags->len, 1);
  assert_string_equal(g_ptr_array_index(f->flags, 0), "risk_section_not_applicable: page 1");
  rsk_filing_free(f);

  f = read_html("<html><body><p><b>FORM 10-K</b></p><p><b>Item 1. Business</b></p>"
                "<p>We make robots and sell them to factories around the world.</p>"
                "</body></html>");
  rsk_segment(f);
  assert_string_equal(g_ptr_array_index(f->flags, 0), "no_risk_section");
  rsk_filing_free(f);
}

/* ---------------------------------------------------------- bad input */

static void bad_files_give_one_clear_error_each(void **state)
{
  (void)state;
  GError *e = open_error("empty.htm", "", 0);
  assert_true(g_error_matches(e, RSK_ERROR, RSK_ERROR_IO));
  assert_non_null(strstr(e->message, "empty file"));
  g_error_free(e);

  static const char binary[] = "<html>\x00\x01\x02\x03\xff\xfe binary\x00\x00";
  e = open_error("binary.htm", binary, sizeof binary);
  assert_true(g_error_matches(e, RSK_ERROR, RSK_ERROR_FORMAT));
  assert_non_null(strstr(e->message, "binary data"));
  g_error_free(e);

  e = open_error("notes.htm", "just notes, no markup\n", -1);
  assert_true(g_error_matches(e, RSK_ERROR, RSK_ERROR_FORMAT));
  g_error_free(e);

  e = open_error("blank.htm", "<html><body><p>&nbsp;</p><script>x()</script></body></html>", -1);
  assert_true(g_error_matches(e, RSK_ERROR, RSK_ERROR_NO_TEXT));
  assert_non_null(strstr(e->message, "shows no text"));
  g_error_free(e);
}

static void truncated_html_is_read_and_flagged(void **state)
{
  (void)state;
  g_autofree char *html = html_fixture_10k(HTML_BOLD_CSS, HTML_PAGES_CSS_AFTER, 8);
  /* Cut in the middle of risk 7, inside a tag. */
  const char *cut = strstr(html, html_fixture_heading(6));
  assert_non_null(cut);
  gsize len = (gsize)(cut - html) + 30;
  rsk_filing *f = read_data("truncated.htm", html, (gssize)len);
  assert_string_equal(g_ptr_array_index(f->flags, 0),
                      "truncated: the HTML ends before its closing tags");
  rsk_segment(f);
  assert_true(f->risks->len >= 6);
  assert_string_equal(g_array_index(f->risks, rsk_risk_factor, 5).heading,
                      html_fixture_heading(5));
  rsk_filing_free(f);
}

static void malformed_markup_is_read_as_a_browser_would(void **state)
{
  (void)state;
  rsk_filing *f = read_html(
      "<HTML><BODY><P ALIGN=center><B>unclosed bold<P>next paragraph"
      "<TABLE><TR><TD>cell one<TD>cell two<TR><TD>row two</TABLE>"
      "</I></SPAN></DIV><p>after stray ends</p><div><span>open at the end");
  must_find(f, "unclosed bold");
  must_find(f, "next paragraph");
  assert_string_equal(must_find(f, "cell one")->text, "cell one cell two");
  must_find(f, "row two");
  must_find(f, "after stray ends");
  must_find(f, "open at the end");
  rsk_filing_free(f);
}

static void a_page_range_reads_those_pages_with_the_whole_identity(void **state)
{
  (void)state;
  g_autofree char *html = html_fixture_10k(HTML_BOLD_CSS, HTML_PAGES_CSS_AFTER, 6);
  g_autofree char *path = html_fixture_write(tmp_dir, "range.htm", html, -1);
  g_autoptr(GError) error = NULL;
  rsk_document *doc = rsk_document_open(path, NULL, &error);
  assert_non_null(doc);
  assert_int_equal(rsk_document_format(doc), RSK_INPUT_HTML);
  assert_int_equal(rsk_document_page_count(doc), 8);
  rsk_filing *f = rsk_filing_new(path);
  assert_true(rsk_document_read(doc, 4, 5, 1, f, &error));
  for (guint i = 0; i < f->lines->len; i++) {
    int p = g_array_index(f->lines, rsk_line, i).page;
    assert_true(p == 4 || p == 5);
  }
  assert_string_equal(f->doc_type, "10-K");
  assert_string_equal(f->period_end, "2024-12-31");
  assert_int_equal(f->page_count, 8);
  assert_false(rsk_document_read(doc, 9, 9, 1, f, &error));
  assert_true(g_error_matches(error, RSK_ERROR, RSK_ERROR_USAGE));
  rsk_filing_free(f);
  rsk_document_free(doc);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(css_weights_by_number_and_name_give_bold),
      cmocka_unit_test(tags_and_css_give_bold_italic_and_underline),
      cmocka_unit_test(size_colour_and_family_come_from_css_and_font_tags),
      cmocka_unit_test(hidden_xbrl_header_scripts_and_styles_are_not_text),
      cmocka_unit_test(entities_spaces_soft_hyphens_and_zero_widths_are_normalised),
      cmocka_unit_test(blocks_and_breaks_make_lines_and_paragraphs),
      cmocka_unit_test(long_blocks_wrap_into_full_lines_and_a_short_last_one),
      cmocka_unit_test(table_cells_sit_side_by_side_and_figures_are_flagged),
      cmocka_unit_test(preformatted_text_keeps_its_lines),
      cmocka_unit_test(css_breaks_before_and_after_make_pages),
      cmocka_unit_test(rules_make_pages_only_without_css_breaks),
      cmocka_unit_test(generated_10k_pages_folios_and_furniture),
      cmocka_unit_test(form_period_and_document_date_come_from_the_cover),
      cmocka_unit_test(full_submission_reads_the_main_document_not_exhibits),
      cmocka_unit_test(a_lone_sgml_document_block_is_read),
      cmocka_unit_test(generated_10k_gives_its_risk_factors_in_every_look),
      cmocka_unit_test(plain_text_filing_gives_headings_by_their_shape),
      cmocka_unit_test(a_20f_item_3d_and_a_prospectus_section_end_at_the_next_title),
      cmocka_unit_test(not_applicable_and_missing_sections_are_told_apart),
      cmocka_unit_test(bad_files_give_one_clear_error_each),
      cmocka_unit_test(truncated_html_is_read_and_flagged),
      cmocka_unit_test(malformed_markup_is_read_as_a_browser_would),
      cmocka_unit_test(a_page_range_reads_those_pages_with_the_whole_identity),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
