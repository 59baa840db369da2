/* metadata.c - what a filing is and whose: the one call every reader makes
 *
 * The cover says it all, read in three parts: the form, the period it
 * reports on and the document's own date (cover.c); the issuer's name, in
 * English and for Hong Kong documents in Chinese (issuer.c); its ticker,
 * CIK and stock code (identifiers.c). The form comes first because the
 * issuer's rules depend on it (a Hong Kong cover names its company
 * differently from a 10-K's).
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

#include "identifiers.h"
#include "issuer.h"

void rsk_filing_guess_identity(rsk_filing *filing)
{
  rsk_filing_guess_form_and_dates(filing);
  rsk_filing_guess_issuer(filing);
  rsk_filing_guess_identifiers(filing);
}
