/* text.c - Unicode clean-up shared by extraction, matching and reports
 *
 * SPDX-License-Identifier: MIT
 */
#include "text.h"

#include <string.h>

/* Ligatures and presentation forms that PDF producers emit as one glyph. */
static const char *ligature_expansion(gunichar c)
{
  switch (c) {
  case 0xFB00: return "ff";
  case 0xFB01: return "fi";
  case 0xFB02: return "fl";
  case 0xFB03: return "ffi";
  case 0xFB04: return "ffl";
  case 0xFB05: return "st";
  case 0xFB06: return "st";
  case 0x2018: case 0x2019: case 0x201A: case 0x201B:
  case 0x2032: case 0x00B4: return "'";
  case 0x201C: case 0x201D: case 0x201E: case 0x201F:
  case 0x2033: return "\"";
  case 0x2022: case 0x25AA: case 0x25CF: case 0x25E6: case 0xF0B7:
  case 0x2023: case 0x2043: case 0x25A0: return "\xe2\x80\xa2"; /* bullet */
  case 0x2026: return "...";
  default: return NULL;
  }
}

gboolean rsk_text_is_space(gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v' || c == 0x00A0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

static gboolean is_dropped(gunichar c)
{
  return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D ||
         c == 0x2060 || c == 0xFEFF || (c < 0x20) || (c >= 0x7F && c < 0xA0);
}

char *rsk_text_normalize(const char *text, gssize len)
{
  if (len < 0)
    len = (gssize)strlen(text);
  GString *out = g_string_sized_new((gsize)len + 1);
  const char *p = text, *end = text + len;
  gboolean pending_space = FALSE;

  while (p < end) {
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
      c = 0xFFFD;
      p++;
    } else {
      p = g_utf8_next_char(p);
    }
    if (rsk_text_is_space(c)) {
      pending_space = out->len > 0;
      continue;
    }
    if (is_dropped(c))
      continue;
    if (pending_space) {
      g_string_append_c(out, ' ');
      pending_space = FALSE;
    }
    const char *expansion = ligature_expansion(c);
    if (expansion)
      g_string_append(out, expansion);
    else
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

void rsk_text_append_line(GString *buf, const char *line)
{
  while (*line == ' ')
    line++;
  if (*line == '\0')
    return;
  if (buf->len == 0) {
    g_string_append(buf, line);
    return;
  }
  while (buf->len > 0 && buf->str[buf->len - 1] == ' ')
    g_string_truncate(buf, buf->len - 1);
  /* Join "regu-" + "lation", but keep "third-" + "Party" and "-" alone. */
  if (buf->len >= 2 && buf->str[buf->len - 1] == '-' &&
      g_ascii_islower(buf->str[buf->len - 2]) && g_ascii_islower(line[0])) {
    g_string_truncate(buf, buf->len - 1);
    g_string_append(buf, line);
    return;
  }
  g_string_append_c(buf, ' ');
  g_string_append(buf, line);
}

/* The character at *P, moving P past it. ASCII, nearly all of a filing's
 * text, skips GLib's UTF-8 decoding (which gives the same answer). */
static gunichar next_char(const char **p)
{
  gunichar c = (guchar)**p;
  if (c < 0x80) {
    (*p)++;
    return c;
  }
  c = g_utf8_get_char(*p);
  *p = g_utf8_next_char(*p);
  return c;
}

static gboolean is_alnum(gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum((char)c) : g_unichar_isalnum(c);
}

char *rsk_text_key(const char *text)
{
  GString *out = g_string_sized_new(strlen(text));
  for (const char *p = text; *p;) {
    gunichar c = next_char(&p);
    if (c < 0x80) {
      if (g_ascii_isalnum((char)c))
        g_string_append_c(out, g_ascii_tolower((char)c));
    } else if (g_unichar_isalnum(c)) {
      g_string_append_unichar(out, g_unichar_tolower(c));
    }
  }
  return g_string_free(out, FALSE);
}

int rsk_text_word_count(const char *text)
{
  int words = 0;
  gboolean in_word = FALSE;
  for (const char *p = text; *p;) {
    gboolean alnum = is_alnum(next_char(&p));
    if (alnum && !in_word)
      words++;
    in_word = alnum;
  }
  return words;
}

gboolean rsk_text_is_upper(const char *text)
{
  int letters = 0;
  for (const char *p = text; *p;) {
    gunichar c = next_char(&p);
    if (c < 0x80 ? g_ascii_islower((char)c) : g_unichar_islower(c))
      return FALSE;
    if (c < 0x80 ? g_ascii_isupper((char)c) : g_unichar_isupper(c))
      letters++;
  }
  return letters >= 2;
}
