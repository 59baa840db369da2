/* export_md.c - stored analyses as Markdown: one table per filing
 *
 * SPDX-License-Identifier: MIT
 */
#include "export.h"

#include "escape.h"
#include "export_text.h"

#include <string.h>

static void pages(GString *out, int first, int last)
{
  if (first == last)
    g_string_append_printf(out, "%d", first);
  else
    g_string_append_printf(out, "%d–%d", first, last);
}

void rsk_export_md(const rsk_analysis *a, FILE *out)
{
  const rsk_filing_info *info = &a->info;
  GString *md = g_string_new("## ");

  rsk_escape_md(md, info->name);
  g_string_append(md, ": ");
  rsk_escape_md(md, info->company);
  g_string_append_printf(md, " (%s, %d pages)\n\n", info->doc_type,
                         info->pages);
  g_string_append_printf(md, "sha256 `%s`, taxonomy %s %s, ", info->sha256,
                         info->taxonomy_name, info->taxonomy_version);
  if (info->risk_first_page > 0) {
    g_string_append(md, "risk factors on pages ");
    pages(md, info->risk_first_page, info->risk_last_page);
  } else {
    g_string_append(md, "no risk factors section found");
  }
  g_string_append_printf(md, ", analyzed %s.\n\n", info->analyzed_at);
  if (info->flags && info->flags->len) {
    g_string_append(md, "**Sanity flags:** ");
    for (guint i = 0; i < info->flags->len; i++) {
      if (i)
        g_string_append(md, "; ");
      rsk_escape_md(md, g_ptr_array_index(info->flags, i));
    }
    g_string_append(md, "\n\n");
  }
  g_string_append(md, "| # | Pages | Section | Heading | Tags | Regulations |\n"
                      "|--:|---|---|---|---|---|\n");
  for (guint i = 0; i < a->risks->len; i++) {
    const rsk_analysis_risk *risk = rsk_analysis_risk_at(a, i);
    g_string_append_printf(md, "| %d | ", risk->ordinal);
    pages(md, risk->page_start, risk->page_end);
    g_string_append(md, " | ");
    rsk_escape_md(md, risk->section);
    g_string_append(md, " | ");
    rsk_escape_md(md, risk->heading);
    g_string_append(md, " | ");
    for (guint j = 0; j < risk->n_tags; j++) {
      const rsk_analysis_tag *tag = rsk_analysis_tag_of(a, risk, j);
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf(md, "%s`%s` %c %s", j ? "<br>" : "",
                             tag->category, tag->strength,
                             rsk_format_score(score, tag->score));
    }
    g_string_append(md, " | ");
    for (guint k = 0; k < risk->n_regulations; k++) {
      if (k)
        g_string_append(md, ", ");
      rsk_escape_md(md, rsk_analysis_regulation_of(a, risk, k));
    }
    g_string_append(md, " |\n");
  }
  g_string_append_c(md, '\n');
  fwrite(md->str, 1, md->len, out);
  g_string_free(md, TRUE);
}
