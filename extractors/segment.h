/* segment.h - find the Risk Factors section and split it into risk factors
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

/* Finds the Risk Factors section among FILING's lines (skipping furniture
 * lines), its sub-section headings and its risk factors, and fills
 * filing->risk_first_page, risk_last_page, risks, page_marks and the
 * sanity flags. Never fails: a filing with no section gets no risks and the
 * flag "no_risk_section", or "risk_section_not_applicable: page N" when
 * its section title on page N is followed by "Not applicable". */
void rsk_segment(rsk_filing *filing);

/* What rsk_segment_explain() says each line of a filing was. */
typedef enum {
  RSK_SEG_OUTSIDE = 0,     /* not in the Risk Factors section */
  RSK_SEG_SKIPPED,         /* furniture, or a line the view leaves out */
  RSK_SEG_BODY,            /* body text inside the section */
  RSK_SEG_HEADING,         /* first line of a risk-factor heading */
  RSK_SEG_HEADING_MORE,
  RSK_SEG_SUBSECTION,      /* first line of a sub-section heading */
  RSK_SEG_SUBSECTION_MORE,
} rsk_seg_verdict;

/* rsk_segment(), and what each of FILING's lines turned out to be: a new
 * array of filing->lines->len rsk_seg_verdict values (free with g_free()),
 * so a user can see why a heading was or was not taken. */
guint8 *rsk_segment_explain(rsk_filing *filing);
