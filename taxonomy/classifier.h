/* classifier.h - tag a risk factor with taxonomy categories and regulations
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"
#include "taxonomy.h"

#include <glib.h>

/* One piece of evidence: a match, shown in the sentence that holds it. */
typedef struct {
  int page;                /* PDF page of the match */
  gboolean in_heading;     /* matched in the heading, else in the body */
  guint offset, length;    /* the match: bytes in the heading or body */
  guint sentence_offset;   /* the sentence around it, same text: bytes; */
  guint sentence_length;   /* a long one is cut to a window at words */
  guint count;             /* matches of the same rule and words, this one
                              included */
  char *text;              /* the matched text (owned) */
  char *pattern;           /* pattern id or source, for --why (owned) */
  double weight;           /* of the match */
} rsk_evidence;

typedef struct {
  char *category;          /* category id (owned) */
  double score;            /* 0..1 */
  char strength;           /* 'P' or 'S' (LABELING.md) */
  GArray *evidence;        /* rsk_evidence, owned: strongest sentence first,
                              at most a few */
  guint sentences;         /* sentences that carried evidence, shown or not */
} rsk_tag;

typedef struct {
  GArray *tags;            /* rsk_tag, in taxonomy order */
  GPtrArray *regulations;  /* char *: regulation ids cited, sorted */
} rsk_classification;

void rsk_classification_init(rsk_classification *result);
void rsk_classification_clear(rsk_classification *result);

/* Tags RISK (of FILING, for page look-ups) into RESULT, which must have been
 * initialised; previous contents are cleared. Never fails. Safe to call from
 * several threads on one taxonomy. */
void rsk_classify(const rsk_taxonomy *taxonomy, const rsk_filing *filing,
                  const rsk_risk_factor *risk, rsk_classification *result);

/* Added by the taxonomy stage ------------------------------------------ */

/* rsk_classify() accepts FILING == NULL: every page is then RISK->page_start.
 * This tags a bare HEADING and BODY ("\n" between paragraphs), page 1. */
void rsk_classify_text(const rsk_taxonomy *taxonomy, const char *heading, const char *body,
                       rsk_classification *result);

/* The tag of CATEGORY in RESULT, or NULL. */
const rsk_tag *rsk_classification_find(const rsk_classification *result, const char *category);
