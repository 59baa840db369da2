/* filing.h - the plain values that flow out of the extractors
 *
 * A rsk_filing owns everything extracted from one filing (a PDF or an
 * EDGAR HTML document, document.h): its lines with their fonts, the Risk Factors section bounds and the risk factors. Every string
 * below is borrowed from the filing's string chunk and stays valid until
 * rsk_filing_free(). Later stages (taxonomy, db) read these structs; they
 * never see a Poppler handle.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>

typedef enum {
  RSK_STYLE_BOLD = 1 << 0,
  RSK_STYLE_ITALIC = 1 << 1,
  RSK_STYLE_UNDERLINE = 1 << 2,
} rsk_style;

/* A run of characters of one font inside a line. */
typedef struct {
  guint offset;        /* byte offset in the line's text */
  guint length;        /* bytes */
  guint style;         /* rsk_style bits */
  float font_size;     /* points */
  guint32 color;       /* 0xRRGGBB */
  const char *font;    /* font name, subset prefix ("BAAAAA+") removed */
} rsk_span;

typedef enum {
  RSK_LINE_FURNITURE = 1 << 0, /* running header/footer or page number */
  RSK_LINE_FIGURES = 1 << 1,   /* a row of a table of figures: never a
                                  heading (set by the HTML reader) */
} rsk_line_flags;

/* One printed line, in reading order. Coordinates are PDF points with the
 * origin at the top left of the page; for HTML, where the lines its print
 * would show are laid out by html_layout.c, approximately so. */
typedef struct {
  int page;            /* 1-based page: the PDF page index, or the HTML
                          page as README.md "Pages of an HTML filing"
                          defines it */
  float x0, y0, x1, y1;
  const char *text;    /* normalised UTF-8 (text.h), no trailing newline */
  guint first_span;    /* index into rsk_filing.spans */
  guint n_spans;
  guint style;         /* style bits shared by most of the line's letters */
  float font_size;     /* size of most of the line's letters */
  guint32 color;       /* colour of most of the line's letters */
  const char *font;    /* font of most of the line's letters */
  guint flags;         /* rsk_line_flags */
} rsk_line;

/* Where a page starts inside a risk factor's body: text at byte OFFSET and
 * after it was printed on PAGE (until the next mark). */
typedef struct {
  guint offset;
  int page;
} rsk_page_mark;

typedef struct {
  int ordinal;             /* 1-based position in the section */
  const char *section;     /* sub-section heading above it, or "" */
  const char *heading;     /* hyphenation joined, white space collapsed */
  const char *body;        /* paragraphs separated by "\n" */
  int page_start, page_end;
  int word_count;          /* heading + body */
  guint first_mark;        /* index into rsk_filing.page_marks */
  guint n_marks;           /* first mark is at offset 0 of the body */
  guint heading_break;     /* a heading broken across pages: the byte
                              offset in it where the next page's text
                              starts (0 when printed on one page) */
  int heading_break_page;  /* that next page */
} rsk_risk_factor;

/* Where rsk_filing.company was read, best first. The last two are weak
 * guesses: rsk_company_source_flag() names a sanity flag for them. */
typedef enum {
  RSK_COMPANY_COVER,       /* the cover's name line or registrant table */
  RSK_COMPANY_TITLE,       /* the title metadata ("Form 10-K for X filed") */
  RSK_COMPANY_SIGNATURES,  /* the signatures page, above "(Registrant)" */
  RSK_COMPANY_HEADER,      /* a running header or footer */
  RSK_COMPANY_FILE_NAME,   /* the file's name ("nvidia_10k.pdf" -> nvidia) */
} rsk_company_source;

typedef struct {
  char *path;              /* as given by the user */
  char *name;              /* base name of path */
  char sha256[65];
  int page_count;
  char *title;             /* document metadata, or NULL */
  char *producer;          /* PDF producer, or NULL */
  char *company;           /* the issuer's name, never NULL once the
                              identity is guessed (issuer.h) */
  rsk_company_source company_source;
  char *company_zh;        /* its Chinese name (Hong Kong), or NULL */
  char *ticker;            /* "NVDA" from the cover, or NULL */
  char *cik;               /* SEC CIK, 10 digits, or NULL */
  char *stock_code;        /* HKEX stock code, at least 4 digits, or NULL */
  char *doc_type;          /* "10-K", "10-Q", "20-F", "S-1", "F-1", "424B",
                              "HK prospectus", or "unknown" */
  GStringChunk *strings;   /* owns every const char * below */
  GArray *lines;           /* rsk_line, reading order, all pages */
  GArray *spans;           /* rsk_span, referenced by lines */
  int risk_first_page;     /* 0 when no section was found */
  int risk_last_page;
  GArray *risks;           /* rsk_risk_factor */
  GArray *page_marks;      /* rsk_page_mark, referenced by risks */
  GPtrArray *flags;        /* char *: sanity flags ("few_risk_factors: 3") */
  char *period_end;        /* YYYY-MM-DD: the end of the period the cover
                              reports on ("fiscal year ended ..."), or NULL
                              (a prospectus has none) */
  char *document_date;     /* YYYY-MM-DD: the date of the document itself
                              (a prospectus's date, the signature date of
                              a report), or NULL */
  GPtrArray *page_labels;  /* char * or NULL, [page - 1]: the printed page
                              label (folio) where known: a PDF's own page
                              labels or the number printed in its margin, an
                              HTML page's printed number; may be shorter than
                              page_count */
} rsk_filing;

/* Returns a new empty filing for PATH; free with rsk_filing_free(). */
rsk_filing *rsk_filing_new(const char *path);
void rsk_filing_free(rsk_filing *filing);

/* Copies TEXT into the filing's string chunk; returns the copy. */
const char *rsk_filing_intern(rsk_filing *filing, const char *text);

/* The page on which byte OFFSET of RISK's body was printed. */
int rsk_risk_page_at(const rsk_filing *filing, const rsk_risk_factor *risk,
                     guint offset);

/* Sets FILING's doc_type, period_end and document_date (cover.c), then its
 * issuer (issuer.h) and identifiers (identifiers.h), from the lines of its
 * first pages. Called by every reader once the lines are in. */
void rsk_filing_guess_identity(rsk_filing *filing);

/* Sets FILING's doc_type, period_end and document_date from its lines
 * (cover.c); doc_type stays as it was when no cover names a form. */
void rsk_filing_guess_form_and_dates(rsk_filing *filing);

/* The first calendar date in TEXT, "September 30, 2023", "Sept. 30, 2023",
 * "30 December 2025" or "DECEMBER 31 2024", as a new "YYYY-MM-DD" string;
 * NULL when TEXT holds no valid date (years 1900-2199). */
char *rsk_filing_parse_date(const char *text);

/* The page on which byte OFFSET of RISK's heading was printed. */
int rsk_risk_heading_page_at(const rsk_risk_factor *risk, guint offset);

/* The printed label of PAGE (1-based), or NULL when unknown. */
const char *rsk_filing_page_label(const rsk_filing *filing, int page);

/* Sets FILING's page labels from PDF_LABELS (N_PAGES of them, [page - 1],
 * any may be NULL): the PDF's own labels when at least one of them is not
 * simply its page index (Poppler gives the index when a PDF has none),
 * else the page numbers printed in the margins, taken from the lines
 * marked as furniture. Called by rsk_document_read(). */
void rsk_filing_set_page_labels(rsk_filing *filing, char **pdf_labels,
                                int n_pages);

/* Adds a sanity flag ("no_risk_section", "few_risk_factors: 3", ...). */
void rsk_filing_flag(rsk_filing *filing, const char *format, ...)
    G_GNUC_PRINTF(2, 3);
