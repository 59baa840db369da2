/* submission.h - the main document of an EDGAR SGML submission
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef struct {
  const char *text;        /* inside DATA: the document's <TEXT> */
  gsize len;
  char *form;              /* the submission's form type ("10-K",
                              "424B5"), or NULL; free with g_free() */
  gboolean html;           /* the text is HTML (else plain text) */
  gboolean truncated;      /* the text or the document never ends */
  int documents;           /* <DOCUMENT> blocks seen */
} rsk_submission;

/* When DATA (LEN bytes) is an EDGAR submission in SGML form (a full
 * submission .txt with its <SEC-HEADER> and <DOCUMENT> blocks, or one
 * <DOCUMENT> block saved on its own), fills OUT with its main document:
 * the first whose <TYPE> is the submission's form type (CONFORMED
 * SUBMISSION TYPE), else the first, never an exhibit after it. Returns
 * FALSE when DATA is not such a submission or holds no document. */
gboolean rsk_submission_main(const char *data, gsize len, rsk_submission *out);
