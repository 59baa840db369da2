/* issuer.h - whose filing this is: the issuer's name, in English and, for
 * Hong Kong documents, in Chinese
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

/* Sets FILING's company, company_source and company_zh from its styled
 * lines and title metadata (issuer.c describes the sources, best first);
 * company falls back on the file name, so it is never NULL afterwards.
 * Called by rsk_filing_guess_identity(). */
void rsk_filing_guess_issuer(rsk_filing *filing);

/* The sanity flag a name from SOURCE deserves ("company_from_file_name",
 * "company_from_running_header"), or NULL for a trusted source. */
const char *rsk_company_source_flag(rsk_company_source source);

/* TRUE when TEXT can be a company's name as a cover prints it: letters
 * (an upper-case one unless Chinese), no sentence punctuation, no check
 * boxes, not a date, a file number, a cover phrase ("Commission File
 * Number", "For the transition period from", 招股章程) or an exchange or
 * regulator ("The Nasdaq Stock Market LLC", "Hong Kong Exchanges and
 * Clearing Limited", 香港聯合交易所有限公司). */
gboolean rsk_issuer_looks_like_name(const char *text);

/* TRUE when TEXT ends in a legal form or what names end with: "Inc.",
 * "Corporation", "Co., Ltd.", "plc", "L.P.", "Holdings", 有限公司, 集團, ... */
gboolean rsk_issuer_has_legal_form(const char *text);
