/* pdf.h - open a PDF with Poppler and read its pages as styled lines
 *
 * Callers open filings with document.h, which sniffs the format and comes
 * here for PDFs.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"

#include <glib.h>

typedef struct rsk_pdf_document rsk_pdf_document;

/* Opens the PDF at PATH (PASSWORD may be NULL). Fails with RSK_ERROR_IO,
 * RSK_ERROR_PDF or RSK_ERROR_ENCRYPTED and a message that names the file.
 * Free with rsk_pdf_document_free(). */
rsk_pdf_document *rsk_pdf_document_open(const char *path,
                                        const char *password, GError **error);
void rsk_pdf_document_free(rsk_pdf_document *doc);

int rsk_pdf_document_page_count(const rsk_pdf_document *doc);

/* Reads pages FIRST..LAST (1-based, inclusive; LAST 0 = last page) into
 * FILING: appends their lines and spans in reading order, fills the
 * filing's metadata (sha256, page count, title, producer), marks running
 * headers, footers and page numbers with RSK_LINE_FURNITURE. JOBS worker
 * threads each open their own PopplerDocument (0 = number of cores). Fails
 * with RSK_ERROR_NO_TEXT when the pages hold no usable text. */
gboolean rsk_pdf_document_read(rsk_pdf_document *doc, int first, int last,
                               int jobs, rsk_filing *filing, GError **error);
