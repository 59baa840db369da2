/* filing.c - the owner of everything extracted from one filing
 *
 * SPDX-License-Identifier: MIT
 */
#include "filing.h"

rsk_filing *rsk_filing_new(const char *path)
{
  rsk_filing *filing = g_new0(rsk_filing, 1);
  filing->path = g_strdup(path);
  filing->name = g_path_get_basename(path);
  filing->doc_type = g_strdup("unknown");
  filing->strings = g_string_chunk_new(64 * 1024);
  filing->lines = g_array_new(FALSE, TRUE, sizeof(rsk_line));
  filing->spans = g_array_new(FALSE, TRUE, sizeof(rsk_span));
  filing->risks = g_array_new(FALSE, TRUE, sizeof(rsk_risk_factor));
  filing->page_marks = g_array_new(FALSE, TRUE, sizeof(rsk_page_mark));
  filing->flags = g_ptr_array_new_with_free_func(g_free);
  filing->page_labels = g_ptr_array_new_with_free_func(g_free);
  return filing;
}

void rsk_filing_free(rsk_filing *filing)
{
  if (!filing)
    return;
  g_free(filing->path);
  g_free(filing->name);
  g_free(filing->title);
  g_free(filing->producer);
  g_free(filing->company);
  g_free(filing->company_zh);
  g_free(filing->ticker);
  g_free(filing->cik);
  g_free(filing->stock_code);
  g_free(filing->doc_type);
  g_free(filing->period_end);
  g_free(filing->document_date);
  g_string_chunk_free(filing->strings);
  g_array_unref(filing->lines);
  g_array_unref(filing->spans);
  g_array_unref(filing->risks);
  g_array_unref(filing->page_marks);
  g_ptr_array_unref(filing->flags);
  g_ptr_array_unref(filing->page_labels);
  g_free(filing);
}

const char *rsk_filing_intern(rsk_filing *filing, const char *text)
{
  return g_string_chunk_insert_const(filing->strings, text ? text : "");
}

int rsk_risk_page_at(const rsk_filing *filing, const rsk_risk_factor *risk,
                     guint offset)
{
  int page = risk->page_start;
  for (guint i = 0; i < risk->n_marks; i++) {
    const rsk_page_mark *mark =
        &g_array_index(filing->page_marks, rsk_page_mark, risk->first_mark + i);
    if (mark->offset > offset)
      break;
    page = mark->page;
  }
  return page;
}

int rsk_risk_heading_page_at(const rsk_risk_factor *risk, guint offset)
{
  if (risk->heading_break > 0 && offset >= risk->heading_break)
    return risk->heading_break_page;
  return risk->page_start;
}

void rsk_filing_flag(rsk_filing *filing, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_ptr_array_add(filing->flags, g_strdup_vprintf(format, args));
  va_end(args);
}
