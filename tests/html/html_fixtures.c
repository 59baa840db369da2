/* html_fixtures.c - generated EDGAR-style HTML filings with known truth
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_fixtures.h"

#include <glib/gstdio.h>
#include <string.h>

/* The headings as a reader must give them. Heading 0 is written with a
 * soft hyphen and a non-breaking space, heading 4 with a curly quote
 * entity, so normalisation is part of what the tests check. */
static const char *const headings[] = {
    "We face intense competition, and if we do not compete effectively our revenue could decline.",
    "Our products may contain defects that harm our reputation and expose us to liability claims.",
    "We depend on a small number of suppliers for components that we cannot easily replace.",
    "Changes in export controls could prevent us from selling products to customers abroad.",
    "Laws on artificial intelligence may restrict how we train and deploy our models.",
    "A breach of our information systems could disrupt operations and expose personal data.",
    "We may not be able to protect our intellectual property rights in every jurisdiction.",
    "Our results of operations fluctuate from quarter to quarter and are hard to predict.",
    "We may need additional capital, which may not be available on acceptable terms.",
    "The loss of key personnel could harm our ability to execute our business strategy.",
    "Natural disasters and public health crises could disrupt our facilities and suppliers.",
    "The market price of our common stock has been volatile and may continue to be volatile.",
};

static const char *const heading_html[] = {
    "We face intense compe&shy;tition, and if we do not compete effectively our&nbsp;revenue "
    "could decline.",
    NULL, NULL, NULL,
    /* The straight quote the reader must give is a normalised &#8217;:
     * none here, but an entity for a letter is decoded. */
    "Laws on &#97;rtificial intelligence may restrict how we train and deploy our models.",
};

const char *html_fixture_heading(int i)
{
  g_assert(i >= 0 && i < (int)G_N_ELEMENTS(headings));
  return headings[i];
}

int html_fixture_risk_page(int i)
{
  return i < 2 ? 3 : 2 + i;
}

static const char *const body_sentences[] = {
    "Our business depends on customers who buy our robots for warehouses and factories, and "
    "the demand of those customers changes with the economy and with their own plans.",
    "If we fail to anticipate these changes, our revenue and margins could decline and we could "
    "be left with inventory that we cannot sell at the prices we expected.",
    "We invest heavily in research and development, and these investments may not produce new "
    "products that customers want or may take longer than we planned to do so.",
};

static void open_style(GString *s, html_heading_look look, gboolean heading)
{
  switch (look) {
  case HTML_BOLD_CSS:
  case HTML_BOLD_CSS_INKS:
    g_string_append_printf(s, "<div style=\"margin-top:6pt;margin-bottom:6pt\"><span style=\""
                              "color:#000000;font-family:'Arial',sans-serif;font-size:10pt;"
                              "font-weight:%s\">",
                           heading ? "700" : "400");
    break;
  case HTML_BOLD_TAG:
    g_string_append(s, heading ? "<p><font size=\"2\" face=\"Times New Roman\"><b>"
                               : "<p><font size=\"2\" face=\"Times New Roman\">");
    break;
  case HTML_ITALIC_SPAN:
    g_string_append(s, heading ? "<p style=\"margin:0 0 6pt 0\"><span style=\"font-size:10pt;"
                                 "font-style:italic;font-weight:bold\">"
                               : "<p style=\"margin:0 0 6pt 0\"><span style=\"font-size:10pt\">");
    break;
  }
}

static void close_style(GString *s, html_heading_look look, gboolean heading)
{
  switch (look) {
  case HTML_BOLD_CSS:
  case HTML_BOLD_CSS_INKS:
    g_string_append(s, "</span></div>\n");
    break;
  case HTML_BOLD_TAG:
    g_string_append(s, heading ? "</b></font></p>\n" : "</font></p>\n");
    break;
  case HTML_ITALIC_SPAN:
    g_string_append(s, "</span></p>\n");
    break;
  }
}

static void para(GString *s, html_heading_look look, gboolean heading, const char *html)
{
  open_style(s, look, heading);
  g_string_append(s, html);
  close_style(s, look, heading);
}

/* Ends page N (1-based) and opens the next, as PAGES says. */
static void page_break(GString *s, html_page_style pages, int n)
{
  if (n > 1)
    g_string_append_printf(s, "<div style=\"text-align:center\"><span style=\"font-size:9pt\">"
                              "%d</span></div>\n", n - 1);
  switch (pages) {
  case HTML_PAGES_CSS_AFTER:
    g_string_append(s, "<hr style=\"page-break-after:always\"/>\n");
    /* A second break with no text between counts as one. */
    if (n == 2)
      g_string_append(s, "<div style=\"page-break-before:always\"></div>\n");
    break;
  case HTML_PAGES_CSS_BEFORE:
    g_string_append(s, "</div>\n<div style=\"break-before:page\">\n");
    break;
  case HTML_PAGES_HR:
    g_string_append(s, "<hr>\n");
    if (n == 2)
      g_string_append(s, "<hr noshade>\n");
    break;
  }
  g_string_append(s, "<div><a href=\"#toc\" style=\"color:#0000ff;text-decoration:underline;"
                     "font-size:8pt\">Table of Contents</a></div>\n");
}

static void cover(GString *s, html_page_style pages)
{
  g_string_append(s,
      "<div style=\"text-align:center\"><span style=\"font-weight:700\">UNITED STATES<br/>"
      "SECURITIES AND EXCHANGE COMMISSION</span></div>\n");
  /* A rule on the cover breaks a page only where no CSS break exists. */
  if (pages != HTML_PAGES_HR)
    g_string_append(s, "<hr style=\"width:30%\"/>\n");
  g_string_append(s,
      "<div style=\"text-align:center\"><span style=\"font-size:13pt;font-weight:bold\">"
      "FORM 10-K</span></div>\n"
      "<div style=\"text-align:center\">ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE "
      "SECURITIES EXCHANGE ACT OF 1934</div>\n"
      "<div style=\"text-align:center\">For the fiscal year ended December&nbsp;31, 2024</div>\n"
      "<div style=\"text-align:center\"><span style=\"font-size:13pt;font-weight:700\">"
      "ACME ROBOTICS, INC.</span></div>\n"
      "<div style=\"text-align:center\"><span style=\"font-size:7pt\">(Exact name of "
      "registrant as specified in its charter)</span></div>\n"
      "<div>As of February 14, 2025, 100,000,000 shares of common stock were outstanding.</div>\n");
}

static void contents(GString *s)
{
  g_string_append(s,
      "<div id=\"toc\" style=\"text-align:center;font-weight:bold\">TABLE OF CONTENTS</div>\n"
      "<table>\n"
      "<tr><td>Item 1A.</td><td>Risk Factors</td><td>3</td></tr>\n"
      "<tr><td>Item 1B.</td><td>Unresolved Staff Comments</td><td>9</td></tr>\n"
      "<tr><td>Item 7.</td><td>Management's Discussion and Analysis</td><td>10</td></tr>\n"
      "</table>\n");
}

/* A bold-headed table of figures, whose header row reads like a
 * sentence: it must stay body text. */
static void figures(GString *s)
{
  g_string_append(s,
      "<table style=\"width:100%\">\n"
      "<tr><td><b>Net revenue by fiscal year, in millions of dollars, as reported.</b></td>"
      "<td><b>2024</b></td><td><b>2023</b></td></tr>\n"
      "<tr><td>Products</td><td>1,234</td><td>1,100</td></tr>\n"
      "<tr><td>Services</td><td>567</td><td>540</td></tr>\n"
      "<tr><td><b>Total</b></td><td><b>1,801</b></td><td><b>1,640</b></td></tr>\n"
      "</table>\n");
}

static void risk(GString *s, html_heading_look look, int i)
{
  const char *h = i < (int)G_N_ELEMENTS(heading_html) && heading_html[i] ? heading_html[i]
                                                                          : headings[i];
  if (look == HTML_BOLD_CSS_INKS && i % 3 == 1)
    g_string_append_printf(s, "<div style=\"margin-top:6pt;margin-bottom:6pt\"><span style=\""
                              "color:#212529;font-family:'Arial',sans-serif;font-size:10pt;"
                              "font-weight:700\">%s</span></div>\n", h);
  else
    para(s, look, TRUE, h);
  para(s, look, FALSE, body_sentences[i % 3]);
  if (i == 3)
    figures(s);
  para(s, look, FALSE, body_sentences[(i + 1) % 3]);
}

char *html_fixture_10k(html_heading_look look, html_page_style pages, int n_risks)
{
  g_assert(n_risks >= 1 && n_risks <= (int)G_N_ELEMENTS(headings));
  GString *s = g_string_new(
      "<?xml version='1.0' encoding='ASCII'?>\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\">"
      "<head><title>acme-20241231</title><style>p { margin: 0 }</style>"
      "<script>document.write('not text');</script></head>\n<body>\n"
      "<div style=\"display:none\"><ix:header><ix:hidden>"
      "<ix:nonNumeric name=\"dei:DocumentType\">10-Q</ix:nonNumeric>"
      "</ix:hidden></ix:header></div>\n");
  if (pages == HTML_PAGES_CSS_BEFORE)
    g_string_append(s, "<div>\n");
  cover(s, pages);
  page_break(s, pages, 1);
  contents(s);
  page_break(s, pages, 2);
  para(s, look, TRUE, "Item 1A. Risk Factors");
  para(s, look, FALSE, "Investing in our common stock involves a high degree of risk. You "
                       "should consider the risks described below before you decide to "
                       "invest.");
  para(s, look, TRUE, "Risks Related to Our Business");
  int page = 3;
  for (int i = 0; i < n_risks; i++) {
    if (i >= 2)
      page_break(s, pages, page++);
    risk(s, look, i);
  }
  page_break(s, pages, page++);
  para(s, look, TRUE, "Item 1B. Unresolved Staff Comments");
  para(s, look, FALSE, "None.");
  para(s, look, TRUE, "SIGNATURES");
  para(s, look, FALSE, "Pursuant to the requirements of the Securities Exchange Act of 1934, "
                       "the registrant has duly caused this report to be signed.");
  para(s, look, FALSE, "Date: February 20, 2025");
  g_string_append_printf(s, "<div style=\"text-align:center\"><span style=\"font-size:9pt\">"
                            "%d</span></div>\n", page - 1);
  if (pages == HTML_PAGES_CSS_BEFORE)
    g_string_append(s, "</div>\n");
  g_string_append(s, "</body></html>\n");
  return g_string_free(s, FALSE);
}

char *html_fixture_submission(const char *main_html, gboolean exhibit_first)
{
  static const char exhibit[] =
      "<DOCUMENT>\n<TYPE>EX-21\n<SEQUENCE>2\n<FILENAME>ex21.htm\n<DESCRIPTION>SUBSIDIARIES\n"
      "<TEXT>\n<html><body><p>EXHIBIT 21 SUBSIDIARIES OF THE REGISTRANT</p>"
      "<p><b>Item 1A. Risk Factors</b></p><p><b>An exhibit is not the filing and must not "
      "be read as one.</b></p></body></html>\n</TEXT>\n</DOCUMENT>\n";
  GString *s = g_string_new(
      "<SEC-DOCUMENT>0000000000-25-000001.txt : 20250220\n"
      "<SEC-HEADER>0000000000-25-000001.hdr.sgml : 20250220\n"
      "ACCESSION NUMBER:\t\t0000000000-25-000001\n"
      "CONFORMED SUBMISSION TYPE:\t10-K\n"
      "PUBLIC DOCUMENT COUNT:\t\t3\n"
      "FILER:\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME ROBOTICS, INC.\n"
      "</SEC-HEADER>\n");
  if (exhibit_first)
    g_string_append(s, exhibit);
  g_string_append_printf(s, "<DOCUMENT>\n<TYPE>10-K\n<SEQUENCE>1\n<FILENAME>acme-20241231.htm\n"
                            "<DESCRIPTION>10-K\n<TEXT>\n%s</TEXT>\n</DOCUMENT>\n",
                         main_html);
  if (!exhibit_first)
    g_string_append(s, exhibit);
  g_string_append(s, "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>logo.jpg\n<TEXT>\n"
                     "begin 644 logo.jpg\n"
                     "M_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``,\"`@,\"`@,#`P,$`P,$!0@%!00$\n"
                     "end\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n");
  return g_string_free(s, FALSE);
}

char *html_fixture_write(const char *dir, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(path, data, len, NULL));
  return path;
}
