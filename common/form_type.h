/* form_type.h - the kinds of filing riskscope reads, by the names it
 * stores ("10-K", "20-F", "424B", "HK prospectus", ...)
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* The stored doc_type of an EDGAR form type ("10-K405" and "10-K/A" give
 * "10-K", "424B5" gives "424B", "S-1/A" gives "S-1"); a new string,
 * "unknown" for a form riskscope does not read. */
char *rsk_form_of_edgar_type(const char *form);

/* TRUE when DOC_TYPE is an annual report or a prospectus (or unknown):
 * the filings a company's latest is chosen from. A 10-Q's risk factors
 * update the annual report's, so it is compared only when asked for. */
gboolean rsk_form_is_primary(const char *doc_type);

/* TRUE when DOC_TYPE is one of FORMS, a comma-separated list of stored
 * doc_types compared without regard to case ("10-K,20-F"). */
gboolean rsk_form_in_list(const char *doc_type, const char *forms);
