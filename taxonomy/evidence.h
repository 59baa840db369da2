/* evidence.h - choose the sentences that show why a tag was given
 *
 * Only taxonomy/ includes this file.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

/* One surviving match of a category, in the sentence that holds it. */
typedef struct {
  gboolean in_heading;
  guint sentence_start, sentence_end;  /* bytes of the heading or body */
  guint offset, length;                /* the match, inside the sentence */
  double weight;                       /* of the match */
  double unit_weight;                  /* of its sentence, as scored */
  const char *rule;                    /* rule id (borrowed) */
  int page;                            /* where the match was printed */
} rsk_evidence_candidate;

/* At most this many sentences are kept per tag. */
#define RSK_EVIDENCE_MAX 3

/* Picks the evidence of one tag from CANDIDATES (N of them) into OUT, an
 * array of rsk_evidence (classifier.h) with a clear function: matches of
 * the same rule and words ("VIEs" thirteen times) are one item with their
 * count, shown in their strongest sentence; items come strongest sentence
 * first, each sentence at most once, RSK_EVIDENCE_MAX of them. HEADING and
 * BODY are the texts as printed (the offsets are theirs). Returns how many
 * sentences carried evidence in all. */
guint rsk_evidence_pick(const rsk_evidence_candidate *candidates, guint n,
                        const char *heading, const char *body, GArray *out);
