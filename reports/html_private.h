/* html_private.h - parts of the HTML report shared between its files
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "html.h"

/* The label of category ID from the matrix columns, or ID. */
const char *rsk_html_category_label(const rsk_matrix *matrix, const char *id);

/* Appends one company's section (anchor "company-INDEX1"). */
void rsk_html_company_section(GString *out, const rsk_html_report *report,
                              guint index);
