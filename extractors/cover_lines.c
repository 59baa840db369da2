/* cover_lines.c - the cover pages of a filing and where its lines sit on them
 *
 * SPDX-License-Identifier: MIT
 */
#include "cover_lines.h"

#include <string.h>

gboolean rsk_contains_ci(const char *text, const char *needle)
{
  g_autofree char *lower = g_utf8_strdown(text, -1);
  return strstr(lower, needle) != NULL;
}

gboolean rsk_line_placed(const rsk_line *line)
{
  return line->x1 > line->x0 || line->y1 > line->y0;
}

gboolean rsk_lines_overlap_x(const rsk_line *a, const rsk_line *b,
                             float slack)
{
  if (!rsk_line_placed(a) || !rsk_line_placed(b))
    return TRUE;
  return a->x0 < b->x1 + slack && b->x0 < a->x1 + slack;
}

gboolean rsk_line_above(const rsk_line *a, const rsk_line *b, gboolean before)
{
  if (a->page != b->page)
    return FALSE;
  if (!rsk_line_placed(a) || !rsk_line_placed(b))
    return before;
  return (a->y0 + a->y1) / 2 < b->y0;
}

gboolean rsk_lines_same_row(const rsk_line *a, const rsk_line *b)
{
  if (a->page != b->page || !rsk_line_placed(a) || !rsk_line_placed(b))
    return FALSE;
  float overlap = MIN(a->y1, b->y1) - MAX(a->y0, b->y0);
  float smaller = MIN(a->y1 - a->y0, b->y1 - b->y0);
  return overlap > smaller / 2;
}

float rsk_lines_gap(const rsk_line *above, const rsk_line *below)
{
  if (!rsk_line_placed(above) || !rsk_line_placed(below))
    return 0;
  return below->y0 - above->y1;
}

int rsk_cover_page(const rsk_filing *filing)
{
  static const char *const marks[] = {
      "securities and exchange commission", "commission file",
      "exact name of registrant", "stock code", "hong kong exchanges and clearing",
      "global offering", "application proof", "information pack",
      "股份代號", "股份代号", "香港交易及結算所", "香港交易及结算所",
      "全球發售", "全球发售", "申請版本", "申请版本", "招股章程",
  };
  const rsk_line *lines = (const rsk_line *)(void *)filing->lines->data;
  for (guint i = 0; i < filing->lines->len; i++) {
    if (lines[i].page > RSK_COVER_PAGES)
      break;
    g_autofree char *lower = g_utf8_strdown(lines[i].text, -1);
    for (gsize k = 0; k < G_N_ELEMENTS(marks); k++)
      if (strstr(lower, marks[k]))
        return lines[i].page;
  }
  return 1;
}
