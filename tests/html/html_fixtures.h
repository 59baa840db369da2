/* html_fixtures.h - generated EDGAR-style HTML filings with known truth
 *
 * Each generator writes the mechanism it is named for and nothing else
 * that could make a test pass by accident: the caller knows exactly which
 * headings, pages and folios the file holds.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* How a generated 10-K prints its risk-factor headings and its pages. */
typedef enum {
  HTML_BOLD_CSS,           /* <span style="font-weight:700"> (Workiva) */
  HTML_BOLD_TAG,           /* <b> inside <p> (older filings) */
  HTML_ITALIC_SPAN,        /* <span style="font-style:italic;font-weight:bold"> */
  HTML_BOLD_CSS_INKS,      /* HTML_BOLD_CSS, every third heading in a near-black
                              ink (#212529, as some editors write "black") */
} html_heading_look;

typedef enum {
  HTML_PAGES_CSS_AFTER,    /* <hr style="page-break-after:always"> */
  HTML_PAGES_CSS_BEFORE,   /* <div style="break-before:page"> */
  HTML_PAGES_HR,           /* plain <hr>, no CSS break anywhere */
} html_page_style;

/* The headings the generated 10-K holds, in order (N_RISKS of them). */
const char *html_fixture_heading(int i);

/* A 10-K of N_RISKS risk factors (1..12) in LOOK, paged with PAGES: a
 * cover (FORM 10-K, fiscal year ended December 31, 2024, the registrant's
 * name), a contents table, Item 1A with one sub-section, each risk on a
 * page of its own after the first two, a bold table of figures inside the
 * section, Item 1B, and a signatures page dated February 20, 2025. Every
 * page but the cover carries a "Table of Contents" header and its printed
 * number as a footer: page N of the document prints N - 1. Free with
 * g_free(). */
char *html_fixture_10k(html_heading_look look, html_page_style pages, int n_risks);

/* The page on which risk I (0-based) of html_fixture_10k's document starts. */
int html_fixture_risk_page(int i);

/* An EDGAR full-submission text file: the SGML header (CONFORMED SUBMISSION
 * TYPE: 10-K), then an exhibit first when EXHIBIT_FIRST, the main
 * document (MAIN_HTML, <TYPE>10-K) and a graphic. */
char *html_fixture_submission(const char *main_html, gboolean exhibit_first);

/* Writes LEN bytes of DATA (-1: a string) to DIR/NAME; returns the path. */
char *html_fixture_write(const char *dir, const char *name, const char *data, gssize len);
