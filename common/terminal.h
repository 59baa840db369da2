/* terminal.h - text from documents made safe to print on a terminal
 *
 * Company names, titles, producers, headings and file names come from
 * documents and file systems: an ESC or BEL in them would reach the
 * terminal as a command (colours, window titles, cursor moves). Every text
 * output prints such text through these functions, which show what a
 * terminal would act on as a visible escape instead:
 *
 *   C0 controls and DEL        \n \t \r, else \x1b
 *   C1 controls (U+0080-009F)  \u009b
 *   bidirectional overrides    \u202e (U+202A-202E, U+2066-2069)
 *   bytes that are not UTF-8   \xff
 *
 * An escape is one unit: fitting text to a width never cuts one in half.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* Appends TEXT to OUT made safe; KEEP_NEWLINES leaves '\n' as it is (for
 * paragraphs), else it shows as "\n" like the other controls. */
void rsk_terminal_append(GString *out, const char *text, gboolean keep_newlines);

/* TEXT made safe, '\n' included, as a new string (g_free); "" for NULL. */
char *rsk_terminal_text(const char *text);

/* Terminal columns TEXT takes once made safe: wide (CJK) characters count
 * two, combining marks and zero-width characters none, an escape its
 * length. */
int rsk_terminal_width(const char *text);

/* Appends as much of TEXT made safe as fits in WIDTH columns, whole
 * characters and whole escapes only; returns the columns used. *CUT (may be
 * NULL) is set when something was left out. */
int rsk_terminal_append_fit(GString *out, const char *text, int width,
                            gboolean *cut);
