/* units.h - split a risk factor's body into paragraphs and sentences
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef struct {
  guint start, end;     /* bytes [start, end) of the body */
  guint paragraph;      /* index of its paragraph */
} rsk_unit;

typedef struct {
  GArray *paragraphs;   /* rsk_unit, paragraph == own index */
  GArray *sentences;    /* rsk_unit, in text order, covering each paragraph */
} rsk_units;

/* Splits BODY of LEN bytes: paragraphs at "\n", sentences after . ? ! (not
 * after "U.S." or "Inc.", unless the next word opens sentences: "U.S. In"),
 * after 。！？； and before bullets. Free with
 * rsk_units_clear(). */
void rsk_units_split(rsk_units *units, const char *body, guint len);
void rsk_units_clear(rsk_units *units);

/* Index of the sentence holding byte OFFSET. */
guint rsk_units_sentence_at(const rsk_units *units, guint offset);

/* TRUE when the sentence [START, END) of TEXT points elsewhere ("See
 * '— Risks related to ... — <another risk factor's heading>'", "Please
 * refer to ..."): it quotes, it does not say. */
gboolean rsk_units_is_pointer(const char *text, guint start, guint end);

/* Where the item (cut at "," ";" ":" and their full-width forms) of the
 * sentence [SS, SE) that holds byte OFFSET starts, after its spaces. */
guint rsk_units_item_start(const char *text, guint ss, guint se, guint offset);

/* TRUE when [START, END) of TEXT is one item of an enumeration inside the
 * sentence [SS, SE): "laws relating to privacy, tax, export and labour".
 * Such a word names a subject in passing (LABELING.md's "M"). A match
 * over several items counts as the item it ends in. */
gboolean rsk_units_in_list(const char *text, guint ss, guint se, guint start, guint end);
