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
