/* search_match.h - where a search snippet's first match lies in the body
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* The byte offset in BODY of the first marked term of SNIPPET (an FTS5
 * snippet of BODY with RSK_SEARCH_MARK_START/END around its matches and
 * "…" where it was cut), or -1 when SNIPPET has no mark (the match is in
 * the heading only) or cannot be found in BODY. Newlines, returns and tabs
 * count as spaces on both sides. Never fails. */
gssize rsk_search_match_offset(const char *body, const char *snippet);
