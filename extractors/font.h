/* font.h - what a PDF font's name says about its weight and slant
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* The font name without a subset prefix: "BAAAAA+Arial-BoldMT" gives a
 * pointer to "Arial-BoldMT" inside NAME. NULL gives "". */
const char *rsk_font_base_name(const char *name);

/* RSK_STYLE_BOLD and/or RSK_STYLE_ITALIC as the font NAME spells them:
 * Bold, Black, Heavy, Semibold, Demi → bold; Italic, Oblique → italic;
 * also the short suffixes of ",Bold", "-Bd", "-It", "-BdIt". */
guint rsk_font_style(const char *name);
