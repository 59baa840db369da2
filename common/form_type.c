/* form_type.c - the kinds of filing riskscope reads
 *
 * SPDX-License-Identifier: MIT
 */
#include "form_type.h"

#include <string.h>

char *rsk_form_of_edgar_type(const char *form)
{
  static const struct {
    const char *prefix;
    const char *type;
  } forms[] = {
      {"10-K", "10-K"}, {"10-Q", "10-Q"}, {"20-F", "20-F"}, {"S-1", "S-1"},
      {"F-1", "F-1"},   {"424B", "424B"},
  };
  if (!form)
    return g_strdup("unknown");
  while (g_ascii_isspace(*form))
    form++;
  for (gsize i = 0; i < G_N_ELEMENTS(forms); i++) {
    gsize n = strlen(forms[i].prefix);
    /* "10-K", "10-K405", "10-KSB", "10-K/A"; not "10-KT" alone. */
    if (g_ascii_strncasecmp(form, forms[i].prefix, n) == 0 &&
        (form[n] == '\0' || form[n] == '/' || g_ascii_isalnum(form[n])))
      return g_strdup(forms[i].type);
  }
  return g_strdup("unknown");
}

gboolean rsk_form_is_primary(const char *doc_type)
{
  return !doc_type || g_ascii_strcasecmp(doc_type, "10-Q") != 0;
}

gboolean rsk_form_in_list(const char *doc_type, const char *forms)
{
  if (!forms)
    return TRUE;
  gboolean found = FALSE;
  char **parts = g_strsplit(forms, ",", -1);
  for (guint i = 0; parts[i] && !found; i++)
    found = g_ascii_strcasecmp(g_strstrip(parts[i]), doc_type ? doc_type : "") == 0;
  g_strfreev(parts);
  return found;
}
