/* font.c - what a PDF font's name says about its weight and slant
 *
 * Font names are free text, but producers follow a few conventions:
 * PostScript names ("TimesNewRomanPS-BoldItalicMT", "Helvetica-BoldOblique"),
 * Windows names with a comma ("Arial,Bold", "Calibri,BoldItalic"), and
 * subset prefixes of six capitals and a plus ("BAAAAA+"). We look for weight
 * and slant words anywhere in the lower-cased name, and for the short
 * abbreviations ("Bd", "It") only as the whole style part after the last
 * '-' or ',', where they cannot be a piece of a family name.
 *
 * SPDX-License-Identifier: MIT
 */
#include "font.h"

#include "filing.h"

#include <string.h>

const char *rsk_font_base_name(const char *name)
{
  if (!name)
    return "";
  const char *plus = strchr(name, '+');
  if (plus && plus - name == 6) {
    for (const char *p = name; p < plus; p++)
      if (!g_ascii_isupper(*p))
        return name;
    return plus + 1;
  }
  return name;
}

static gboolean style_part_is(const char *part, const char *const *words)
{
  for (; *words; words++)
    if (g_ascii_strcasecmp(part, *words) == 0)
      return TRUE;
  return FALSE;
}

guint rsk_font_style(const char *name)
{
  const char *base = rsk_font_base_name(name);
  char *lower = g_ascii_strdown(base, -1);
  guint style = 0;

  if (strstr(lower, "bold") || strstr(lower, "black") ||
      strstr(lower, "heavy") || strstr(lower, "demi"))
    style |= RSK_STYLE_BOLD;
  if (strstr(lower, "italic") || strstr(lower, "oblique") ||
      strstr(lower, "slanted"))
    style |= RSK_STYLE_ITALIC;

  const char *sep = strrchr(lower, '-');
  const char *comma = strrchr(lower, ',');
  if (comma && (!sep || comma > sep))
    sep = comma;
  if (sep) {
    static const char *const bold[] = {"bd", "b", "bdmt", "sb", "db", NULL};
    static const char *const italic[] = {"it", "i", "itmt", "obl", NULL};
    static const char *const both[] = {"bdit", "bi", "bditmt", "bdobl",
                                       "sbit", NULL};
    const char *part = sep + 1;
    if (style_part_is(part, bold))
      style |= RSK_STYLE_BOLD;
    if (style_part_is(part, italic))
      style |= RSK_STYLE_ITALIC;
    if (style_part_is(part, both))
      style |= RSK_STYLE_BOLD | RSK_STYLE_ITALIC;
  }
  g_free(lower);
  return style;
}
