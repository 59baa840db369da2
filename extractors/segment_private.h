/* segment_private.h - what the segmentation steps hand each other
 *
 * The segmenter works on a view of the filing's content lines (furniture
 * skipped) annotated with the measurements every step needs. segment.c
 * builds the view, section_bounds.c finds the section, headings.c decides
 * each line's role, risk_split.c turns roles into risk factors.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

/* What a line is to the splitter. */
typedef enum {
  RSK_ROLE_BODY = 0,
  RSK_ROLE_HEADING,        /* first line of a risk-factor heading */
  RSK_ROLE_HEADING_MORE,   /* a further line of the same heading */
  RSK_ROLE_SUBSECTION,     /* first line of a sub-section heading */
  RSK_ROLE_SUBSECTION_MORE,
} rsk_seg_role;

typedef struct {
  const rsk_line *line;
  guint text_len;
  guint lead_class;        /* style class of the line's first letters */
  guint lead_end;          /* byte where that style's run ends (text_len:
                              the whole line is in it) */
  gboolean whole;          /* every letter of the line is in lead_class */
  gboolean bullet;         /* starts with a bullet or list marker */
  gboolean numbered;       /* ... a list marker: "(a) ", "(iv) " */
  gboolean upper;          /* all capitals */
  gboolean para_start;     /* starts a paragraph (gap, indent, bullet,
                              previous line ended short) */
  rsk_seg_role role;
  guint split;             /* HEADING(_MORE) lines: bytes of heading text;
                              the rest of the line is body (run-in) */
} rsk_seg_line;

/* One style: font, weight/slant bits, colour and size (half points). */
typedef struct {
  const char *font;
  guint style;
  guint32 color;
  int half_points;
  guint chars;             /* letters printed in it inside the section */
} rsk_seg_class;

typedef struct {
  rsk_filing *filing;
  GArray *lines;           /* rsk_seg_line, content lines in reading order */
  GArray *classes;         /* rsk_seg_class */
  guint first, last;       /* the section: lines[first..last) */
  guint body_class;        /* the class holding most section letters */
  float line_spacing;      /* usual baseline distance of body lines */
  float body_size;
  float *left, *right;     /* text column edges, by page number */
  gboolean *furniture;     /* by index in filing->lines: flagged by the
                              reader, or found repeated here */
} rsk_seg_doc;

/* section_bounds.c: finds the Risk Factors section among DOC's lines; sets
 * doc->first (the line after the section title) and doc->last. FALSE when
 * no section title followed by text was found. */
gboolean rsk_seg_find_section(rsk_seg_doc *doc);

/* section_bounds.c: when no section was found, the page of a section
 * title whose text says the item does not apply ("Item 1A. Risk Factors
 * - Not applicable."), or 0. */
int rsk_seg_find_not_applicable(rsk_seg_doc *doc);

/* TRUE when TEXT is a title of the section itself ("Item 1A. Risk
 * Factors", "RISK FACTORS", "Summary of Risk Factors"), not a risk. */
gboolean rsk_seg_is_section_title(const char *text);

/* headings.c: measures styles and paragraphs inside the section and sets
 * every line's role. */
void rsk_seg_find_headings(rsk_seg_doc *doc);

/* risk_split.c: appends the risk factors to doc->filing. */
void rsk_seg_split(rsk_seg_doc *doc);

/* sanity.c: raises the filing's sanity flags once the risk factors are
 * split (few or empty or huge risk factors, a section over half the
 * document, headings merged into a body, fewer risks than the filing's own
 * summary lists). */
void rsk_seg_check(rsk_seg_doc *doc);

/* segment.c helpers shared by the steps. */
/* TRUE when line I is full: the first word of line I + 1 would not have
 * fitted after it, so I + 1 continues I's paragraph if nothing else says
 * otherwise. */
gboolean rsk_seg_line_is_full(const rsk_seg_doc *doc, guint i);
guint rsk_seg_class_of(rsk_seg_doc *doc, const rsk_span *span);
/* TRUE when TEXT ends a sentence: ".", "!", "?", ";", ":" or their full-width
 * forms ("。"), closing quotes and brackets aside. */
gboolean rsk_seg_ends_sentence(const char *text);
/* TRUE for characters of scripts written without spaces (CJK). */
gboolean rsk_seg_is_wide(gunichar c);
/* Words of TEXT, a run of Chinese characters counting one word per two
 * characters, so that thresholds in words hold for both. */
int rsk_seg_word_count(const char *text);
/* rsk_text_append_line(), but Chinese lines join without a space. */
void rsk_seg_append_line(GString *buf, const char *line);
/* TRUE when TEXT starts with a capital or a letter without case (Chinese):
 * as a sentence may start. */
gboolean rsk_seg_starts_like_sentence(const char *text);
/* TRUE when TEXT has letters and none of them has a case (Chinese): it may
 * be a title, as capitals may. */
gboolean rsk_seg_caseless(const char *text);
/* TRUE when most letters of TEXT are Chinese (a Latin "H" or "AI" among
 * them aside). */
gboolean rsk_seg_mostly_wide(const char *text);
/* TRUE when TEXT starts with a list marker in brackets: "(a)", "(iv)". */
gboolean rsk_seg_starts_with_list_number(const char *text);
