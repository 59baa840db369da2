/* page_labels.c - the printed page label (folio) of each PDF page
 *
 * Analysts cite a filing by its printed page numbers ("page 29"), which
 * differ from the PDF page index by the cover, the table of contents and
 * front matter. A PDF that carries page labels (/PageLabels) says so
 * itself; Poppler reports the page index for a PDF without them, so labels
 * that are all just the index count as none. Failing labels, the page
 * number printed in the margin is the folio: the furniture pass has
 * already found it (a page-number line marked RSK_LINE_FURNITURE), and the
 * bottom-most one of a page wins, as a folio sits in the footer more often
 * than a running header carries a number.
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

#include "lines.h"

#include <stdlib.h>
#include <string.h>

const char *rsk_filing_page_label(const rsk_filing *filing, int page)
{
  if (!filing->page_labels || page < 1 ||
      (guint)page > filing->page_labels->len)
    return NULL;
  return g_ptr_array_index(filing->page_labels, page - 1);
}

/* TRUE when LABEL is nothing but the decimal PAGE index. */
static gboolean is_index(const char *label, int page)
{
  char buf[16];
  g_snprintf(buf, sizeof buf, "%d", page);
  return strcmp(label, buf) == 0;
}

static void use_pdf_labels(rsk_filing *filing, char **labels, int n)
{
  for (int i = 0; i < n; i++) {
    const char *l = labels[i];
    g_ptr_array_add(filing->page_labels, l && *l ? g_strdup(l) : NULL);
  }
}

static void use_printed_numbers(rsk_filing *filing)
{
  g_ptr_array_set_size(filing->page_labels, filing->page_count);
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    if (!(line->flags & RSK_LINE_FURNITURE) || line->page < 1 ||
        line->page > filing->page_count)
      continue;
    char *number = rsk_page_number_of(line->text);
    if (!number)
      continue;
    /* Lines come in reading order: a later one is lower on the page. */
    char **slot = (char **)&g_ptr_array_index(filing->page_labels,
                                              line->page - 1);
    g_free(*slot);
    *slot = number;
  }
}

void rsk_filing_set_page_labels(rsk_filing *filing, char **pdf_labels,
                                int n_pages)
{
  gboolean real = FALSE;
  for (int i = 0; pdf_labels && i < n_pages && !real; i++)
    real = pdf_labels[i] && *pdf_labels[i] && !is_index(pdf_labels[i], i + 1);
  g_ptr_array_set_size(filing->page_labels, 0);
  if (real)
    use_pdf_labels(filing, pdf_labels, n_pages);
  else
    use_printed_numbers(filing);
}
