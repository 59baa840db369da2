/* similarity.c - edit-distance similarity of short strings
 *
 * SPDX-License-Identifier: MIT
 */
#include "text.h"

#include <string.h>

double rsk_similarity_ratio(const char *a, const char *b)
{
  glong la = 0, lb = 0;
  gunichar *ua = g_utf8_to_ucs4_fast(a, -1, &la);
  gunichar *ub = g_utf8_to_ucs4_fast(b, -1, &lb);
  double ratio;

  if (la == 0 && lb == 0) {
    ratio = 1.0;
  } else {
    /* Two rows of the Levenshtein table are enough for the distance. */
    guint *prev = g_new(guint, lb + 1), *cur = g_new(guint, lb + 1);
    for (glong j = 0; j <= lb; j++)
      prev[j] = (guint)j;
    for (glong i = 1; i <= la; i++) {
      cur[0] = (guint)i;
      for (glong j = 1; j <= lb; j++) {
        guint sub = prev[j - 1] + (ua[i - 1] != ub[j - 1]);
        guint del = prev[j] + 1, ins = cur[j - 1] + 1;
        cur[j] = MIN(sub, MIN(del, ins));
      }
      guint *t = prev; prev = cur; cur = t;
    }
    ratio = 1.0 - (double)prev[lb] / (double)MAX(la, lb);
    g_free(prev);
    g_free(cur);
  }
  g_free(ua);
  g_free(ub);
  return ratio;
}
