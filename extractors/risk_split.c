/* risk_split.c - turn the section's line roles into risk factors
 *
 * Each heading opens a risk factor that collects every line up to the next
 * heading or sub-section heading. Lines of one paragraph are joined with
 * rsk_seg_append_line() (hyphenation repaired, Chinese joined without spaces); a line that starts a
 * paragraph starts a new one after "\n". Each page change inside the body
 * adds a page mark at the byte where that page's text begins.
 *
 * SPDX-License-Identifier: MIT
 */
#include "segment_private.h"

#include "text.h"

#include <string.h>

typedef struct {
  rsk_seg_doc *doc;
  const char *section;       /* interned */
  GString *subsection;       /* sub-section heading being read */
  gboolean in_subsection;
  gboolean open;             /* a risk factor is being read */
  GString *heading;
  gsize heading_break;       /* where the heading's next page starts, or 0 */
  int heading_break_page;
  GString *body;
  int page_start, page_end, body_page;
  guint first_mark;
  gboolean heading_open;     /* heading lines may still follow */
} splitter;

static void add_mark(splitter *s, guint offset, int page)
{
  rsk_page_mark mark = {.offset = offset, .page = page};
  g_array_append_val(s->doc->filing->page_marks, mark);
}

/* Where a heading's text starts after a bullet ("* ", "• ") or a list
 * number ("1. ", "12) ", "(a) ", "(iv) "): some filings bullet or number
 * their risk factors, and the mark is not part of what the risk says (nor
 * stable between drafts). */
static const char *after_list_number(const char *heading)
{
  static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x96\xaa",
                                        "\xe2\x96\xa0", "\xef\x82\xb7", "*"};
  for (size_t i = 0; i < G_N_ELEMENTS(bullets); i++) {
    if (g_str_has_prefix(heading, bullets[i])) {
      const char *p = heading + strlen(bullets[i]);
      if (*p != ' ')
        continue;
      while (*p == ' ')
        p++;
      return *p ? p : heading;
    }
  }
  const char *p = heading;
  gboolean paren = *p == '(';
  if (paren)
    p++;
  const char *start = p;
  if (g_ascii_isdigit(*p)) {
    while (g_ascii_isdigit(*p))
      p++;
  } else if (paren) {
    while (g_ascii_islower(*p))
      p++;
  }
  size_t n = (size_t)(p - start);
  if (n == 0 || n > (paren ? 4u : 3u))
    return heading;
  if (paren ? *p != ')' : (*p != '.' && *p != ')'))
    return heading;
  p++;
  if (*p != ' ')
    return heading;
  while (*p == ' ')
    p++;
  return *p ? p : heading;
}

static void close_risk(splitter *s)
{
  if (!s->open)
    return;
  rsk_filing *filing = s->doc->filing;
  g_strstrip(s->heading->str);
  s->heading->len = strlen(s->heading->str);
  while (s->body->len > 0 && (s->body->str[s->body->len - 1] == '\n' ||
                              s->body->str[s->body->len - 1] == ' '))
    g_string_truncate(s->body, s->body->len - 1);
  const char *heading = after_list_number(s->heading->str);
  gsize number_len = (gsize)(heading - s->heading->str);
  rsk_risk_factor risk = {
    .ordinal = (int)filing->risks->len + 1,
    .section = s->section,
    .heading = rsk_filing_intern(filing, heading),
    .body = rsk_filing_intern(filing, s->body->str),
    .page_start = s->page_start,
    .page_end = s->page_end,
    .word_count = rsk_seg_word_count(heading) +
                  rsk_seg_word_count(s->body->str),
    .first_mark = s->first_mark,
    .n_marks = filing->page_marks->len - s->first_mark,
  };
  if (s->heading_break > number_len && s->heading_break < s->heading->len) {
    risk.heading_break = (guint)(s->heading_break - number_len);
    risk.heading_break_page = s->heading_break_page;
  }
  /* Marks past the trimmed end point at nothing: drop them. */
  while (risk.n_marks > 1 &&
         g_array_index(filing->page_marks, rsk_page_mark,
                       risk.first_mark + risk.n_marks - 1).offset >= s->body->len) {
    g_array_set_size(filing->page_marks, filing->page_marks->len - 1);
    risk.n_marks--;
  }
  g_array_append_val(filing->risks, risk);
  s->open = FALSE;
}

static void open_risk(splitter *s, int page)
{
  close_risk(s);
  s->open = TRUE;
  g_string_truncate(s->heading, 0);
  s->heading_break = 0;
  g_string_truncate(s->body, 0);
  s->page_start = s->page_end = s->body_page = page;
  s->first_mark = s->doc->filing->page_marks->len;
  add_mark(s, 0, page);
}

/* Appends body TEXT printed on PAGE; NEW_PARA starts a paragraph. */
static void add_body(splitter *s, const char *text, int page, gboolean new_para)
{
  while (*text == ' ')
    text++;
  if (!*text)
    return;
  if (page != s->body_page) {
    /* When the body starts on a later page than the heading, a second mark
     * at offset 0 follows the first (offset 0 = page_start). */
    add_mark(s, s->body->len > 0 ? (guint)s->body->len + 1 : 0, page);
    s->body_page = page;
  }
  if (new_para && s->body->len > 0)
    g_string_append_c(s->body, '\n');
  if (s->body->len > 0 && s->body->str[s->body->len - 1] == '\n')
    g_string_append(s->body, text);
  else
    rsk_seg_append_line(s->body, text);
  s->page_end = MAX(s->page_end, page);
}

static void finish_subsection(splitter *s)
{
  if (!s->in_subsection)
    return;
  g_strstrip(s->subsection->str);
  s->section = rsk_filing_intern(s->doc->filing, s->subsection->str);
  s->in_subsection = FALSE;
}

void rsk_seg_split(rsk_seg_doc *doc)
{
  splitter s = {
    .doc = doc,
    .section = rsk_filing_intern(doc->filing, ""),
    .subsection = g_string_new(NULL),
    .heading = g_string_new(NULL),
    .body = g_string_new(NULL),
  };
  for (guint i = doc->first; i < doc->last; i++) {
    const rsk_seg_line *l = &g_array_index(doc->lines, rsk_seg_line, i);
    const char *text = l->line->text;
    int page = l->line->page;
    switch (l->role) {
    case RSK_ROLE_SUBSECTION:
      close_risk(&s);
      g_string_truncate(s.subsection, 0);
      s.in_subsection = TRUE;
      /* fall through */
    case RSK_ROLE_SUBSECTION_MORE:
      rsk_seg_append_line(s.subsection, text);
      break;
    case RSK_ROLE_HEADING:
      finish_subsection(&s);
      open_risk(&s, page);
      /* fall through */
    case RSK_ROLE_HEADING_MORE: {
      g_autofree char *part = g_strndup(text, l->split);
      rsk_seg_append_line(s.heading, part);
      if (page != s.page_start && s.heading_break == 0) {
        /* The line just appended is the first printed on the next page. */
        gsize added = strlen(g_strchug(part));
        s.heading_break = s.heading->len >= added ? s.heading->len - added : 0;
        s.heading_break_page = page;
      }
      s.page_end = MAX(s.page_end, page);
      if (l->split < l->text_len)
        add_body(&s, text + l->split, page, TRUE);
      break;
    }
    case RSK_ROLE_BODY:
      /* A repeated "RISK FACTORS" title is a running header, never text. */
      if (l->text_len < 40 && rsk_seg_is_section_title(text))
        break;
      finish_subsection(&s);
      if (s.open)
        add_body(&s, text, page, l->para_start);
      break;
    }
  }
  close_risk(&s);
  g_string_free(s.subsection, TRUE);
  g_string_free(s.heading, TRUE);
  g_string_free(s.body, TRUE);
}
