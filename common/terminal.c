/* terminal.c - text from documents made safe to print on a terminal
 *
 * SPDX-License-Identifier: MIT
 */
#include "terminal.h"

#include <string.h>

/* One unit of output: a character as it is, or the escape that shows it. */
typedef struct {
  const char *next;   /* where the following unit starts in the input */
  char escape[8];     /* "" when the character is printed as it is */
  int width;          /* columns */
} unit;

static gboolean is_bidi_control(gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int char_width(gunichar c)
{
  if (g_unichar_iszerowidth(c) || g_unichar_ismark(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

static void next_unit(const char *p, gboolean keep_newlines, unit *u)
{
  guchar b = (guchar)*p;
  u->escape[0] = '\0';
  if (b < 0x80) {
    u->next = p + 1;
    u->width = 1;
    if (b == '\n' && keep_newlines)
      return;
    if (b == '\n' || b == '\t' || b == '\r')
      g_snprintf(u->escape, sizeof u->escape, "\\%c",
                 b == '\n' ? 'n' : b == '\t' ? 't' : 'r');
    else if (b < 0x20 || b == 0x7F)
      g_snprintf(u->escape, sizeof u->escape, "\\x%02x", b);
    u->width = u->escape[0] ? (int)strlen(u->escape) : 1;
    return;
  }
  gunichar c = g_utf8_get_char_validated(p, -1);
  if (c == (gunichar)-1 || c == (gunichar)-2) {
    g_snprintf(u->escape, sizeof u->escape, "\\x%02x", b);
    u->next = p + 1;
    u->width = 4;
    return;
  }
  u->next = g_utf8_next_char(p);
  if ((c >= 0x80 && c < 0xA0) || is_bidi_control(c)) {
    g_snprintf(u->escape, sizeof u->escape, "\\u%04x", c);
    u->width = 6;
  } else {
    u->width = char_width(c);
  }
}

static gboolean needs_escape(const char *text)
{
  for (const guchar *p = (const guchar *)text; *p; p++)
    if (*p < 0x20 || *p >= 0x7F)
      return TRUE;
  return FALSE;
}

void rsk_terminal_append(GString *out, const char *text, gboolean keep_newlines)
{
  if (!text)
    return;
  if (!needs_escape(text)) {
    g_string_append(out, text);
    return;
  }
  unit u;
  for (const char *p = text; *p; p = u.next) {
    next_unit(p, keep_newlines, &u);
    if (u.escape[0])
      g_string_append(out, u.escape);
    else
      g_string_append_len(out, p, u.next - p);
  }
}

char *rsk_terminal_text(const char *text)
{
  GString *out = g_string_new(NULL);
  rsk_terminal_append(out, text, FALSE);
  return g_string_free(out, FALSE);
}

int rsk_terminal_width(const char *text)
{
  int width = 0;
  unit u;
  for (const char *p = text ? text : ""; *p; p = u.next) {
    next_unit(p, FALSE, &u);
    width += u.width;
  }
  return width;
}

int rsk_terminal_append_fit(GString *out, const char *text, int width,
                            gboolean *cut)
{
  int used = 0;
  unit u;
  const char *p = text ? text : "";
  for (; *p; p = u.next) {
    next_unit(p, FALSE, &u);
    if (used + u.width > width)
      break;
    if (u.escape[0])
      g_string_append(out, u.escape);
    else
      g_string_append_len(out, p, u.next - p);
    used += u.width;
  }
  if (cut)
    *cut = *p != '\0';
  return used;
}
