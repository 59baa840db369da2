/* identifiers.h - the codes a filing is looked up by: ticker, SEC CIK and
 * HKEX stock code, as its cover prints them
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

/* Sets FILING's ticker, cik and stock_code from the lines of its cover
 * pages (identifiers.c says where), each NULL when the cover does not
 * print it. Called by rsk_filing_guess_identity(). */
void rsk_filing_guess_identifiers(rsk_filing *filing);

/* TRUE when TEXT has the shape of a ticker: one to five capitals with an
 * optional class or series part ("NVDA", "BRK.B", "PCG-PA"), and is not
 * a word of the cover's securities table ("NYSE", "LLC", "COMMON"). */
gboolean rsk_is_ticker(const char *text);

/* DIGITS (a stock code as printed: "9999", "00700", "700") with at least
 * four digits and no more leading zeros ("9999", "0700", "0700"); NULL
 * when DIGITS is not one to five digits. Free with g_free(). */
char *rsk_stock_code_normalize(const char *digits);
