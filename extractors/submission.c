/* submission.c - the main document of an EDGAR SGML submission
 *
 * A full-submission .txt is what EDGAR keeps of a filing: an SGML header
 * (<SEC-HEADER> with "CONFORMED SUBMISSION TYPE: 10-K" and the filer's
 * details) and one <DOCUMENT> block per file of the submission, each with
 * <TYPE>, <SEQUENCE>, <FILENAME>, <DESCRIPTION> lines and the file itself
 * between <TEXT> and </TEXT>: the filing's main document first, then
 * exhibits (EX-21, EX-31.1, ...), graphics (uuencoded) and XBRL files. The
 * tags are SGML: a line each, the value after the tag, no closing tag for
 * the header fields. Some collections keep one <DOCUMENT> block of that
 * kind as a file of its own, which reads the same way.
 *
 * SPDX-License-Identifier: MIT
 */
#include "submission.h"

#include <string.h>

/* The first occurrence of NEEDLE (ASCII, any case) in [P, END). */
static const char *find_ci(const char *p, const char *end, const char *needle)
{
  gsize n = strlen(needle);
  char first = g_ascii_tolower(needle[0]);
  for (; p + n <= end; p++)
    if (g_ascii_tolower(*p) == first && g_ascii_strncasecmp(p, needle, n) == 0)
      return p;
  return NULL;
}

/* The rest of the line after P, trimmed; a new string. */
static char *line_value(const char *p, const char *end)
{
  const char *e = p;
  while (e < end && *e != '\n' && *e != '\r' && *e != '<')
    e++;
  char *value = g_strndup(p, (gsize)(e - p));
  return g_strstrip(value);
}

static gboolean starts_submission(const char *p, const char *end)
{
  static const char *const openings[] = {"<SEC-DOCUMENT>", "<SEC-HEADER>",
                                         "<IMS-DOCUMENT>", "<DOCUMENT>",
                                         "<IMS-HEADER>"};
  while (p < end && g_ascii_isspace(*p))
    p++;
  for (gsize i = 0; i < G_N_ELEMENTS(openings); i++) {
    gsize n = strlen(openings[i]);
    if ((gsize)(end - p) >= n && g_ascii_strncasecmp(p, openings[i], n) == 0)
      return TRUE;
  }
  return FALSE;
}

typedef struct {
  const char *start, *end;     /* the block */
  char *type;
} doc_block;

static gboolean looks_like_html(const char *p, gsize len)
{
  const char *end = p + MIN(len, (gsize)65536);
  static const char *const tags[] = {"<html", "<body", "<div", "<p>", "<p ",
                                     "<table", "<font", "<br", "<?xml"};
  for (gsize i = 0; i < G_N_ELEMENTS(tags); i++)
    if (find_ci(p, end, tags[i]))
      return TRUE;
  return FALSE;
}

gboolean rsk_submission_main(const char *data, gsize len, rsk_submission *out)
{
  memset(out, 0, sizeof *out);
  const char *end = data + len;
  if (!starts_submission(data, end))
    return FALSE;

  const char *first_doc = find_ci(data, end, "<DOCUMENT>");
  if (!first_doc)
    return FALSE;
  const char *conformed = find_ci(data, first_doc, "CONFORMED SUBMISSION TYPE:");
  char *form = conformed ? line_value(conformed + strlen("CONFORMED SUBMISSION TYPE:"),
                                      first_doc)
                         : NULL;

  GArray *docs = g_array_new(FALSE, FALSE, sizeof(doc_block));
  for (const char *p = first_doc; p;) {
    const char *body = p + strlen("<DOCUMENT>");
    const char *close = find_ci(body, end, "</DOCUMENT>");
    const char *next = find_ci(body, close ? close : end, "<DOCUMENT>");
    const char *block_end = next ? next : close ? close : end;
    doc_block d = {.start = body, .end = block_end};
    const char *text = find_ci(body, block_end, "<TEXT>");
    const char *type = find_ci(body, text ? text : block_end, "<TYPE>");
    d.type = type ? line_value(type + strlen("<TYPE>"), block_end) : g_strdup("");
    g_array_append_val(docs, d);
    p = next ? next : close ? find_ci(close, end, "<DOCUMENT>") : NULL;
  }
  out->documents = (int)docs->len;

  const doc_block *main = &g_array_index(docs, doc_block, 0);
  if (!form || !*form) {
    g_free(form);
    form = g_strdup(main->type);
  }
  for (guint i = 0; i < docs->len; i++) {
    const doc_block *d = &g_array_index(docs, doc_block, i);
    if (g_ascii_strcasecmp(d->type, form) == 0) {
      main = d;
      break;
    }
  }
  const char *text = find_ci(main->start, main->end, "<TEXT>");
  const char *text_start = text ? text + strlen("<TEXT>") : main->start;
  const char *text_end = text ? find_ci(text_start, main->end, "</TEXT>") : NULL;
  out->truncated = !text_end || main->end == end;
  if (!text_end)
    text_end = main->end;
  out->text = text_start;
  out->len = (gsize)(text_end - text_start);
  out->html = looks_like_html(out->text, out->len);
  out->form = *form ? form : NULL;
  if (!out->form)
    g_free(form);
  for (guint i = 0; i < docs->len; i++)
    g_free(g_array_index(docs, doc_block, i).type);
  g_array_unref(docs);
  return TRUE;
}
