/* companies.h - one company under its many spellings, and the company a
 * user means by --companies
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "read.h"

#include <glib.h>

/* The companies.key of NAME: its words lower-cased, legal-form words
 * dropped, so "ADVANCED MICRO DEVICES, INC." and "Advanced Micro Devices
 * Inc" are one company. A name of legal-form words only keeps them all.
 * Free with g_free(). */
char *rsk_company_key(const char *name);

/* The stored companies that ARGS name, as company ids (gint64) in the order
 * given, each once. Each ARG is matched against the companies of LIST's
 * filings: first exactly, ignoring case, on the name, its key
 * (rsk_company_key), the Chinese name, a ticker, or a stock code or CIK
 * (as a number: "700" is "0700"); failing that, as the unique start of a
 * name, key or Chinese name ("advanced micro", "kraft"). A name with commas
 * ("Advanced Micro Devices, Inc.") may arrive split at them: the longest
 * run of ARGS that joined again matches exactly wins. Fails with
 * RSK_ERROR_NOT_FOUND ("no stored company matches \"X\" (stored: ...)") or
 * RSK_ERROR_USAGE when ARG is ambiguous ("company \"X\" is ambiguous: it
 * matches \"A\" (AAA), \"B\"; ..."). Free with g_array_unref(). */
GArray *rsk_match_companies(const rsk_filing_list *list,
                            const char *const *args, GError **error);
