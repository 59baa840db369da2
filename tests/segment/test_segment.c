/* test_segment.c - section bounds, headings and bodies from line streams
 *
 * Each case sets a small filing by hand (lines.h) the way a reader of a
 * real PDF would deliver it and checks what rsk_segment() makes of it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lines.h"
#include "segment.h"

#include <string.h>

static const char *const headings[] = {
  "We face intense competition, which could reduce our revenue and margins.",
  "Our products may contain defects that could harm our reputation.",
  "We depend on a small number of suppliers for key components.",
  "Export controls may restrict the sale of our products abroad.",
  "Changes in privacy laws could increase our costs of compliance.",
  "Our stock price may be volatile and may decline significantly.",
};

static const rsk_risk_factor *risk(const rsk_filing *f, guint i)
{
  assert_true(i < f->risks->len);
  return &g_array_index(f->risks, rsk_risk_factor, i);
}

static gboolean has_flag(const rsk_filing *f, const char *prefix)
{
  for (guint i = 0; i < f->flags->len; i++)
    if (g_str_has_prefix(f->flags->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

/* Cover and contents page, an Item 1 page with a cross-reference. */
static void front_matter(tl_pen *pen)
{
  tl_line(pen, FALSE, TL_BOLD, "FORM 10-K", -1);
  tl_gap(pen);
  tl_line(pen, FALSE, TL_BOLD, "TABLE OF CONTENTS", -1);
  tl_line(pen, TRUE, TL_ROMAN, "Item 1. Business . . . . . . . . . . . . . . . . . . . . 3", -1);
  tl_line(pen, TRUE, TL_ROMAN, "Item 1A. Risk Factors . . . . . . . . . . . . . . . . . 4", -1);
  tl_line(pen, TRUE, TL_ROMAN, "Item 1B. Unresolved Staff Comments . . . . . . . . . . 9", -1);
  tl_page_break(pen);
  tl_line(pen, FALSE, TL_BOLD, "Item 1. Business", -1);
  tl_line(pen, TRUE, TL_ROMAN, "We design chips. For a discussion of the risks we face, see", -1);
  tl_line(pen, FALSE, TL_ROMAN, "Item 1A. Risk Factors of this report.", -1);
  tl_gap(pen);
  tl_page_break(pen);
}

static void back_matter(tl_pen *pen)
{
  tl_line(pen, FALSE, TL_BOLD, "Item 1B. Unresolved Staff Comments", -1);
  tl_line(pen, FALSE, TL_ROMAN, "None.", -1);
  tl_gap(pen);
  tl_line(pen, FALSE, TL_BOLD, "Item 2. Properties", -1);
  tl_para(pen, TL_ROMAN, "Our headquarters are in California and", 3);
}

/* A 10-K whose six risk headings are in HEADING_STYLE, under two
 * sub-sections in SUB_STYLE. */
static rsk_filing *standard_10k(int heading_style, int sub_style)
{
  tl_pen pen;
  tl_begin(&pen, "example_10k.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_para(&pen, TL_ROMAN, "Investing in our stock involves risk and", 2);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    if (i == 0 || i == 3) {
      tl_line(&pen, FALSE, sub_style,
              i == 0 ? "Risks Related to Our Business" : "Risks Related to Regulation", -1);
      tl_gap(&pen);
    }
    tl_line(&pen, FALSE, heading_style, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "As a result", 3);
    if (i == 2)
      tl_page_break(&pen);
  }
  back_matter(&pen);
  return pen.filing;
}

static void section_is_found_past_contents_and_cross_reference(void **state)
{
  (void)state;
  rsk_filing *f = standard_10k(TL_BOLD_ITALIC, TL_BOLD);
  rsk_segment(f);
  assert_int_equal(f->risk_first_page, 3);
  assert_int_equal(f->risk_last_page, 4);
  assert_int_equal(f->risks->len, G_N_ELEMENTS(headings));
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    assert_string_equal(risk(f, i)->heading, headings[i]);
    assert_int_equal(risk(f, i)->ordinal, (int)i + 1);
  }
  assert_int_equal(risk(f, 0)->page_start, 3);
  assert_int_equal(risk(f, 3)->page_start, 4);
  assert_int_equal(f->flags->len, 0);
  rsk_filing_free(f);
}

static void sub_sections_are_kept_as_the_section_of_their_risks(void **state)
{
  (void)state;
  rsk_filing *f = standard_10k(TL_BOLD_ITALIC, TL_BOLD);
  rsk_segment(f);
  assert_string_equal(risk(f, 0)->section, "Risks Related to Our Business");
  assert_string_equal(risk(f, 2)->section, "Risks Related to Our Business");
  assert_string_equal(risk(f, 3)->section, "Risks Related to Regulation");
  assert_string_equal(risk(f, 5)->section, "Risks Related to Regulation");
  rsk_filing_free(f);
}

static void bold_headings_with_capital_sub_sections_are_found(void **state)
{
  (void)state;
  /* Microsoft's convention: bold headings, sub-sections in roman capitals. */
  tl_pen pen;
  tl_begin(&pen, "caps.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "ITEM 1A. RISK FACTORS", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_ROMAN, "STRATEGIC AND COMPETITIVE RISKS", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    tl_line(&pen, FALSE, TL_BOLD, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings));
  assert_string_equal(risk(pen.filing, 4)->section, "STRATEGIC AND COMPETITIVE RISKS");
  rsk_filing_free(pen.filing);
}

static void run_in_heading_is_cut_from_the_body_by_its_spans(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "runin.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    tl_line(&pen, TRUE, TL_BOLD_ITALIC, "We may be unsuccessful in developing and selling new products and",
            -1);
    tl_line(&pen, TRUE, TL_BOLD_ITALIC, "services.", TL_ROMAN, " Rapid technological advances and intense",
            -1);
    tl_line(&pen, FALSE, TL_ROMAN, "competition characterize our industries.", -1);
    tl_gap(&pen);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  assert_string_equal(risk(pen.filing, 1)->heading,
                      "We may be unsuccessful in developing and selling new products and services.");
  assert_string_equal(risk(pen.filing, 1)->body,
                      "Rapid technological advances and intense competition characterize our "
                      "industries.");
  rsk_filing_free(pen.filing);
}

static void full_stop_printed_in_roman_stays_with_the_heading(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "stop.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    tl_line(&pen, TRUE, TL_BOLD, "Our global operations subject us to potential liabilities", TL_ROMAN,
            ". Operating in many countries exposes", -1);
    tl_line(&pen, FALSE, TL_ROMAN, "us to risk.", -1);
    tl_gap(&pen);
    tl_para(&pen, TL_ROMAN, "Moreover", 3);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  assert_string_equal(risk(pen.filing, 0)->heading,
                      "Our global operations subject us to potential liabilities.");
  assert_true(g_str_has_prefix(risk(pen.filing, 0)->body,
                               "Operating in many countries exposes us to risk.\nMoreover"));
  rsk_filing_free(pen.filing);
}

static void heading_broken_across_a_page_is_one_heading(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "split.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    if (i == 2) {
      tl_line(&pen, TRUE, TL_BOLD_ITALIC, "Our ability to train and deploy our models depends on access to", -1);
      tl_page_break(&pen);
      tl_line(&pen, FALSE, TL_BOLD_ITALIC, "advanced chips and export licences.", -1);
    } else {
      tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    }
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  const rsk_risk_factor *r = risk(pen.filing, 2);
  assert_string_equal(r->heading, "Our ability to train and deploy our models depends on access to "
                                  "advanced chips and export licences.");
  assert_int_equal(r->page_start, 3);
  assert_int_equal(r->page_end, 4);
  /* The body was printed on page 4 only: a second mark at offset 0. */
  assert_int_equal(rsk_risk_page_at(pen.filing, r, 0), 4);
  /* The heading's second line, and every word in it, is on page 4. */
  const char *second = strstr(r->heading, "advanced chips");
  assert_int_equal(r->heading_break, (guint)(second - r->heading));
  assert_int_equal(rsk_risk_heading_page_at(r, 0), 3);
  assert_int_equal(rsk_risk_heading_page_at(r, r->heading_break - 1), 3);
  assert_int_equal(rsk_risk_heading_page_at(r, r->heading_break), 4);
  /* A heading on one page has no break. */
  assert_int_equal(risk(pen.filing, 1)->heading_break, 0);
  rsk_filing_free(pen.filing);
}

static void bold_bullet_labels_and_italic_terms_are_not_headings(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "labels.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "We are subject to many laws.", 2);
    tl_line(&pen, TRUE, TL_ROMAN, "\xe2\x80\xa2 ", TL_BOLD, "Data privacy:", TL_ROMAN,
            " laws on personal data apply to our services in many countries", -1);
    tl_line(&pen, FALSE, TL_ROMAN, "and regions.", -1);
    tl_gap(&pen);
    tl_line(&pen, TRUE, TL_ITALIC, "Epic Games v. Google", TL_ROMAN,
            " is one of the cases that could change how we operate", -1);
    tl_line(&pen, FALSE, TL_ROMAN, "our store.", -1);
    tl_gap(&pen);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  assert_non_null(strstr(risk(pen.filing, 0)->body, "Data privacy: laws on personal data"));
  assert_non_null(strstr(risk(pen.filing, 0)->body, "Epic Games v. Google is one"));
  rsk_filing_free(pen.filing);
}

static void summary_bullets_before_the_risks_are_not_risk_factors(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "summary.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Summary of Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    g_autofree char *bullet = g_strdup_printf("\xe2\x80\xa2 %s", headings[i]);
    tl_line(&pen, FALSE, TL_ROMAN, bullet, -1);
  }
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings));
  assert_string_equal(risk(pen.filing, 0)->heading, headings[0]);
  assert_null(strstr(risk(pen.filing, 0)->body, "\xe2\x80\xa2"));
  rsk_filing_free(pen.filing);
}

static void headings_in_colour_only_are_found(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "colour.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    pen.color = 0x1f4e79;
    tl_line(&pen, FALSE, TL_ROMAN, headings[i], -1);
    pen.color = 0;
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings));
  assert_string_equal(risk(pen.filing, 5)->heading, headings[5]);
  rsk_filing_free(pen.filing);
}

static void bodies_keep_paragraphs_join_hyphens_and_mark_pages(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "body.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    if (i == 1) {
      tl_line(&pen, TRUE, TL_ROMAN, "New rules on chips and regu-", -1);
      tl_line(&pen, FALSE, TL_ROMAN, "lation of models apply.", -1);
      tl_gap(&pen);
      tl_line(&pen, TRUE, TL_ROMAN, "A second paragraph starts here and runs on to the end of the", -1);
      tl_page_break(&pen);
      tl_line(&pen, FALSE, TL_ROMAN, "page and beyond.", -1);
      tl_gap(&pen);
    } else {
      tl_para(&pen, TL_ROMAN, "As a result", 2);
    }
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  const rsk_risk_factor *r = risk(pen.filing, 1);
  assert_string_equal(r->body, "New rules on chips and regulation of models apply.\n"
                               "A second paragraph starts here and runs on to the end of the "
                               "page and beyond.");
  assert_int_equal(r->page_start, 3);
  assert_int_equal(r->page_end, 4);
  assert_int_equal(r->n_marks, 2);
  const rsk_page_mark *first = &g_array_index(pen.filing->page_marks, rsk_page_mark, r->first_mark);
  assert_int_equal(first->offset, 0);
  assert_int_equal(first->page, 3);
  guint at = (guint)(strstr(r->body, "page and beyond") - r->body);
  assert_int_equal(rsk_risk_page_at(pen.filing, r, at), 4);
  assert_int_equal(rsk_risk_page_at(pen.filing, r, 0), 3);
  assert_null(strstr(r->body, "Annual Report"));
  assert_int_equal(r->word_count, 10 + 9 + 16);
  rsk_filing_free(pen.filing);
}

static void filing_without_a_section_is_flagged(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "none.pdf");
  front_matter(&pen);
  tl_para(&pen, TL_ROMAN, "This report has no risk section", 4);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 0);
  assert_int_equal(pen.filing->risk_first_page, 0);
  assert_true(has_flag(pen.filing, "no_risk_section"));
  rsk_filing_free(pen.filing);
}

static void few_risk_factors_and_empty_bodies_are_flagged(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "few.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_para(&pen, TL_ROMAN, "Investing in our stock involves risk and", 4);
  tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[0], -1);
  tl_para(&pen, TL_ROMAN, "As a result", 2);
  tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[1], -1);
  tl_para(&pen, TL_ROMAN, "As a result", 2);
  tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[2], -1);
  tl_gap(&pen);
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 3);
  assert_true(has_flag(pen.filing, "few_risk_factors: 3"));
  assert_true(has_flag(pen.filing, "empty_body: ordinal 3"));
  rsk_filing_free(pen.filing);
}

static void segmenting_twice_gives_the_same_result(void **state)
{
  (void)state;
  rsk_filing *f = standard_10k(TL_BOLD_ITALIC, TL_BOLD);
  rsk_segment(f);
  guint n = f->risks->len, marks = f->page_marks->len;
  g_ptr_array_set_size(f->flags, 0);
  rsk_segment(f);
  assert_int_equal(f->risks->len, n);
  assert_int_equal(f->page_marks->len, marks);
  rsk_filing_free(f);
}

static void hong_kong_section_titled_by_its_running_header_is_found(void **state)
{
  (void)state;
  /* The title is the page's running header (flagged as furniture on every
   * page); a SUMMARY with a "RISK FACTORS" paragraph comes first and
   * REGULATORY OVERVIEW after. */
  tl_pen pen;
  tl_begin(&pen, "hk.pdf");
  tl_line(&pen, FALSE, TL_BOLD, "SUMMARY", -1);
  tl_gap(&pen);
  tl_para(&pen, TL_ROMAN, "We are a leading provider of models and", 3);
  tl_line(&pen, FALSE, TL_BOLD, "RISK FACTORS", -1);
  tl_gap(&pen);
  tl_para(&pen, TL_ROMAN, "Our business faces risks set out in the section", 2);
  for (int p = 0; p < 3; p++) {
    pen.page++;
    pen.y = 30;
    tl_furniture(&pen, "RISK FACTORS");
    pen.y = 72;
    if (p == 0) {
      tl_para(&pen, TL_ROMAN, "An investment in our H Shares involves risks and", 2);
      tl_line(&pen, FALSE, TL_BOLD, "RISKS RELATING TO OUR BUSINESS AND INDUSTRY", -1);
      tl_gap(&pen);
    }
    for (int k = 0; k < 2; k++) {
      tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[p * 2 + k], -1);
      tl_para(&pen, TL_ROMAN, "As a result", 3);
    }
    pen.y = 760;
    g_autofree char *number = g_strdup_printf("\xe2\x80\x93 %d \xe2\x80\x93", p + 20);
    tl_furniture(&pen, number);
  }
  pen.page++;
  pen.y = 30;
  tl_furniture(&pen, "REGULATORY OVERVIEW");
  pen.y = 72;
  tl_para(&pen, TL_ROMAN, "The PRC regulates generative AI services and", 3);
  pen.filing->page_count = pen.page;
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risk_first_page, 2);
  assert_int_equal(pen.filing->risk_last_page, 4);
  assert_int_equal(pen.filing->risks->len, 6);
  assert_string_equal(risk(pen.filing, 0)->section, "RISKS RELATING TO OUR BUSINESS AND INDUSTRY");
  assert_int_equal(risk(pen.filing, 5)->page_start, 4);
  assert_null(strstr(risk(pen.filing, 5)->body, "PRC regulates"));
  rsk_filing_free(pen.filing);
}

static void unflagged_running_headers_and_page_numbers_stay_out_of_bodies(void **state)
{
  (void)state;
  rsk_filing *f = standard_10k(TL_BOLD_ITALIC, TL_BOLD);
  for (guint i = 0; i < f->lines->len; i++)
    g_array_index(f->lines, rsk_line, i).flags = 0;
  rsk_segment(f);
  assert_int_equal(f->risks->len, G_N_ELEMENTS(headings));
  for (guint i = 0; i < f->risks->len; i++)
    assert_null(strstr(risk(f, i)->body, "Annual Report"));
  assert_string_equal(risk(f, 2)->body + strlen(risk(f, 2)->body) - 10, "condition.");
  rsk_filing_free(f);
}

static void bullets_read_as_a_column_of_their_own_start_paragraphs(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "bullets.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < 5; i++) {
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    tl_line(&pen, FALSE, TL_ROMAN, "We may be harmed by:", -1);
    float y = pen.y;
    /* The reader delivers the bullet column first, then the items. */
    for (int k = 0; k < 2; k++) {
      guint b = tl_line(&pen, FALSE, TL_ROMAN, "\xe2\x80\xa2", -1);
      rsk_line *line = &g_array_index(pen.filing->lines, rsk_line, b);
      line->x0 = 80;
      line->x1 = 84;
    }
    pen.y = y;
    for (int k = 0; k < 2; k++) {
      guint t = tl_line(&pen, FALSE, TL_ROMAN, k ? "shortages of parts;" : "delays in shipping; and", -1);
      g_array_index(pen.filing->lines, rsk_line, t).x0 = 90;
    }
    tl_gap(&pen);
    tl_para(&pen, TL_ROMAN, "Any of these", 3);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 5);
  assert_true(g_str_has_prefix(risk(pen.filing, 0)->body,
                               "We may be harmed by:\ndelays in shipping; and\nshortages of parts;\n"
                               "Any of these"));
  rsk_filing_free(pen.filing);
}

static void title_case_summary_groups_are_not_risk_factors(void **state)
{
  (void)state;
  /* A 10-Q's summary: bold group titles over plain bullets, then the
   * risks under the same bold titles with bold headings. */
  tl_pen pen;
  tl_begin(&pen, "tenq.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Operational and Execution Risks", -1);
  tl_line(&pen, FALSE, TL_ROMAN, "\xe2\x80\xa2 Security breaches could harm us.", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Risks Related to Owning Our Common Stock", -1);
  tl_line(&pen, FALSE, TL_ROMAN, "\xe2\x80\xa2 Our stock price may be volatile.", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Operational and Execution Risks", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    tl_line(&pen, FALSE, TL_BOLD, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings));
  assert_string_equal(risk(pen.filing, 0)->heading, headings[0]);
  assert_string_equal(risk(pen.filing, 0)->section, "Operational and Execution Risks");
  rsk_filing_free(pen.filing);
}

/* A heading printed a point and a half larger than the others stays in
 * the body above it (it is not in the heading style), and the filing says
 * so rather than silently losing a risk factor. */
static void a_heading_left_in_a_body_is_flagged_as_a_merge(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "merge.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    if (i == 4)
      pen.size = 11.5;
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    pen.size = 10;
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings) - 1);
  assert_true(has_flag(pen.filing, "suspected_merge: ordinal 4 "));
  rsk_filing_free(pen.filing);
}

/* Eight risks in the summary, but three headings printed like the body:
 * five found, and the filing is flagged. */
static void fewer_risks_than_the_summary_lists_are_flagged(void **state)
{
  (void)state;
  static const char *const more[] = {
    "We may be unable to protect our intellectual property rights.",
    "Our indebtedness could limit our ability to operate our business.",
  };
  tl_pen pen;
  tl_begin(&pen, "summary_mismatch.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Summary of Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings) + G_N_ELEMENTS(more); i++) {
    const char *h = i < G_N_ELEMENTS(headings) ? headings[i] : more[i - G_N_ELEMENTS(headings)];
    g_autofree char *bullet = g_strdup_printf("\xe2\x80\xa2 %s", h);
    tl_line(&pen, FALSE, TL_ROMAN, bullet, -1);
  }
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings) + G_N_ELEMENTS(more); i++) {
    const char *h = i < G_N_ELEMENTS(headings) ? headings[i] : more[i - G_N_ELEMENTS(headings)];
    tl_line(&pen, FALSE, i % 3 == 2 ? TL_ROMAN : TL_BOLD_ITALIC, h, -1);
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, 6);
  assert_true(has_flag(pen.filing, "summary_mismatch: the section's summary lists 8 risks, 6 found"));
  rsk_filing_free(pen.filing);
}

/* The same summary with every heading found raises nothing. */
static void a_summary_that_agrees_raises_no_flag(void **state)
{
  (void)state;
  tl_pen pen;
  tl_begin(&pen, "summary_agrees.pdf");
  front_matter(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Item 1A. Risk Factors", -1);
  tl_gap(&pen);
  tl_line(&pen, FALSE, TL_BOLD, "Summary of Risk Factors", -1);
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    g_autofree char *bullet = g_strdup_printf("\xe2\x80\xa2 %s", headings[i]);
    tl_line(&pen, FALSE, TL_ROMAN, bullet, -1);
  }
  tl_gap(&pen);
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    tl_line(&pen, FALSE, TL_BOLD_ITALIC, headings[i], -1);
    tl_para(&pen, TL_ROMAN, "As a result", 2);
  }
  back_matter(&pen);
  rsk_segment(pen.filing);
  assert_int_equal(pen.filing->risks->len, G_N_ELEMENTS(headings));
  assert_int_equal(pen.filing->flags->len, 0);
  rsk_filing_free(pen.filing);
}

/* What extract --roles shows: each line's part in the result. */
static void every_line_is_explained(void **state)
{
  (void)state;
  rsk_filing *f = standard_10k(TL_BOLD_ITALIC, TL_BOLD);
  g_autofree guint8 *v = rsk_segment_explain(f);
  int headings_seen = 0, subsections = 0, body = 0;
  for (guint i = 0; i < f->lines->len; i++) {
    const rsk_line *line = &g_array_index(f->lines, rsk_line, i);
    if (line->flags & RSK_LINE_FURNITURE)
      assert_int_equal(v[i], RSK_SEG_SKIPPED);
    else if (line->page < f->risk_first_page)
      assert_int_equal(v[i], RSK_SEG_OUTSIDE);
    headings_seen += v[i] == RSK_SEG_HEADING;
    subsections += v[i] == RSK_SEG_SUBSECTION;
    body += v[i] == RSK_SEG_BODY;
    if (v[i] == RSK_SEG_HEADING)
      assert_non_null(strstr(headings[headings_seen - 1], line->text));
  }
  assert_int_equal(headings_seen, (int)f->risks->len);
  assert_int_equal(subsections, 2);
  assert_true(body > 0);
  rsk_filing_free(f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(section_is_found_past_contents_and_cross_reference),
    cmocka_unit_test(sub_sections_are_kept_as_the_section_of_their_risks),
    cmocka_unit_test(bold_headings_with_capital_sub_sections_are_found),
    cmocka_unit_test(run_in_heading_is_cut_from_the_body_by_its_spans),
    cmocka_unit_test(full_stop_printed_in_roman_stays_with_the_heading),
    cmocka_unit_test(heading_broken_across_a_page_is_one_heading),
    cmocka_unit_test(bold_bullet_labels_and_italic_terms_are_not_headings),
    cmocka_unit_test(summary_bullets_before_the_risks_are_not_risk_factors),
    cmocka_unit_test(headings_in_colour_only_are_found),
    cmocka_unit_test(bodies_keep_paragraphs_join_hyphens_and_mark_pages),
    cmocka_unit_test(filing_without_a_section_is_flagged),
    cmocka_unit_test(few_risk_factors_and_empty_bodies_are_flagged),
    cmocka_unit_test(segmenting_twice_gives_the_same_result),
    cmocka_unit_test(hong_kong_section_titled_by_its_running_header_is_found),
    cmocka_unit_test(unflagged_running_headers_and_page_numbers_stay_out_of_bodies),
    cmocka_unit_test(bullets_read_as_a_column_of_their_own_start_paragraphs),
    cmocka_unit_test(title_case_summary_groups_are_not_risk_factors),
    cmocka_unit_test(a_heading_left_in_a_body_is_flagged_as_a_merge),
    cmocka_unit_test(fewer_risks_than_the_summary_lists_are_flagged),
    cmocka_unit_test(a_summary_that_agrees_raises_no_flag),
    cmocka_unit_test(every_line_is_explained),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
