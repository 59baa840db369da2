/* document.h - open a filing, whatever it was stored as, and read it as
 * styled lines
 *
 * The one entry point for every input format: the format is sniffed from
 * the file's first bytes, not from its name, and the PDF reader (pdf.h) or
 * the HTML reader (html_reader.h; EDGAR HTML, inline XBRL and SGML submissions)
 * fills the same rsk_filing. Everything after the readers is shared.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

typedef struct rsk_document rsk_document;

typedef enum {
  RSK_INPUT_PDF,
  RSK_INPUT_HTML,         /* an HTML or inline-XBRL document */
  RSK_INPUT_SUBMISSION,   /* an EDGAR SGML submission (.txt) */
} rsk_input_format;

/* Opens the filing at PATH (PASSWORD: for encrypted PDFs, may be NULL).
 * An HTML filing is read whole here. Fails with RSK_ERROR_IO (missing,
 * unreadable, a directory, an empty file), RSK_ERROR_FORMAT (binary data
 * or text that is neither PDF nor HTML), RSK_ERROR_PDF,
 * RSK_ERROR_ENCRYPTED or RSK_ERROR_NO_TEXT (HTML that shows no text), with
 * a message that names the file. Free with rsk_document_free(). */
rsk_document *rsk_document_open(const char *path, const char *password,
                                GError **error);
void rsk_document_free(rsk_document *doc);

/* Opens an HTML filing or SGML submission held in memory: DATA, LEN bytes
 * (copied as needed; the caller keeps it). PATH names it in messages and
 * in the filing. Fails as rsk_document_open() does; a PDF is refused
 * (RSK_ERROR_FORMAT): Poppler reads PDFs from files. */
rsk_document *rsk_document_open_data(const char *path, const char *data, gsize len,
                                     GError **error);

rsk_input_format rsk_document_format(const rsk_document *doc);
int rsk_document_page_count(const rsk_document *doc);

/* Reads pages FIRST..LAST (1-based, inclusive; LAST 0 = last page) into
 * FILING: its lines and spans in reading order with furniture marked, its
 * metadata (sha256, page count, title, producer, page labels) and identity
 * (rsk_filing_guess_identity). JOBS: worker threads for a PDF (0 = number
 * of cores). Fails with RSK_ERROR_USAGE for a range outside the document
 * or RSK_ERROR_NO_TEXT when the pages hold no usable text. */
gboolean rsk_document_read(rsk_document *doc, int first, int last, int jobs,
                           rsk_filing *filing, GError **error);
