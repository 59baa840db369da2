/* html.c - the self-contained HTML report: page, styles, heat map, writing
 *
 * SPDX-License-Identifier: MIT
 */
#include "html_private.h"

#include "escape.h"
#include "heatmap.h"
#include "output_file.h"
#include "rsk_error.h"

#include <string.h>

static const char css[] =
  ":root{--ink:#1f2933;--muted:#5f6b7a;--line:#e3e7ec;--accent:#1d4f91;"
  "--bg:#f7f8fa;--card:#fff;--mark:#fff1b8}\n"
  "*{box-sizing:border-box}\n"
  "html{-webkit-text-size-adjust:100%}\n"
  "body{margin:0;background:var(--bg);color:var(--ink);"
  "font:15px/1.55 -apple-system,BlinkMacSystemFont,\"Segoe UI\",\"Helvetica Neue\","
  "\"Liberation Sans\",\"DejaVu Sans\",Arial,sans-serif}\n"
  "main{max-width:1120px;margin:0 auto;padding:32px 28px 64px}\n"
  "header.top{border-bottom:1px solid var(--line);padding-bottom:18px;"
  "margin-bottom:26px}\n"
  "h1{font-size:28px;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em}\n"
  "h2{font-size:22px;margin:0 0 4px;letter-spacing:-.01em}\n"
  "h3{font-size:16px;margin:28px 0 10px;color:var(--accent);"
  "text-transform:uppercase;letter-spacing:.04em}\n"
  "h4{font-size:15.5px;margin:0 0 4px;line-height:1.4}\n"
  "p{margin:0 0 10px}\n"
  "a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}\n"
  ".sub,.meta,.where{color:var(--muted);font-size:13.5px}\n"
  ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;"
  "padding:22px 24px;margin:0 0 26px;box-shadow:0 1px 2px rgba(16,24,40,.04)}\n"
  ".scroll{overflow-x:auto}\n"
  "svg.heatmap{display:block;max-width:100%;height:auto;"
  "font-family:inherit;font-size:12px}\n"
  "svg .col{fill:#33404f;font-size:12px}\n"
  "svg .col.total{text-anchor:middle;font-weight:600}\n"
  "svg .row{fill:#1f2933;font-size:13px;font-weight:600;text-anchor:end}\n"
  "svg a:hover .row{fill:var(--accent);text-decoration:underline}\n"
  "svg .cell{stroke:#fff;stroke-width:1}\n"
  "svg .cell:hover{stroke:#111;stroke-width:1.5}\n"
  "svg .v{fill:#1f2933;font-size:11px;text-anchor:middle;pointer-events:none}\n"
  "svg .v.dark{fill:#fff}\n"
  "svg .total{fill:#1f2933;font-size:12px;font-weight:600;text-anchor:middle}\n"
  "svg .legend-title{fill:var(--muted);font-size:12px}\n"
  "svg .tick{fill:var(--muted);font-size:11px;text-anchor:middle}\n"
  "svg .tick.start{text-anchor:start}\n"
  "svg .row.flagged{fill:#9b1c1c}\n"
  "svg .v.s{fill:#5f6b7a;font-style:italic}\n"
  "svg.trend{display:block;max-width:100%;height:auto;font-family:inherit}\n"
  "svg.trend .grid{stroke:#e3e7ec}\n"
  "svg.trend .axis{fill:var(--muted);font-size:11px;text-anchor:end}\n"
  "svg.trend .axis.x{text-anchor:middle}\n"
  "svg.trend .key{fill:#1f2933;font-size:11.5px}\n"
  "ol.legend{columns:2;font-size:13px;color:#3b4654;margin:10px 0 0;"
  "padding-left:22px}\n"
  "ol.legend code{font-size:11.5px}\n"
  ".flags{background:#fdf2f2;border:1px solid #f5c2c2;color:#7a1c1c;"
  "border-radius:6px;padding:8px 12px;margin:10px 0;font-size:13.5px}\n"
  ".flags ul{margin:4px 0 0;padding-left:18px}\n"
  ".flag{color:#9b1c1c;font-weight:700}\n"
  ".redline{font-size:13.5px;color:#333f4d;border-left:3px solid var(--line);"
  "padding-left:10px;margin:6px 0}\n"
  "del{background:#fde8e8;color:#9b1c1c}\n"
  "ins{background:#e3f5e9;color:#1e6b3a;text-decoration:none}\n"
  ".moves{font-size:13px;margin:4px 0}\n"
  ".note{color:var(--muted);font-size:13px;margin-top:8px}\n"
  "nav.toc ol{columns:2;margin:6px 0 0;padding-left:20px}\n"
  "nav.toc li{margin:2px 0}\n"
  ".chips{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0 4px;padding:0;"
  "list-style:none}\n"
  ".chip{display:inline-block;border-radius:999px;padding:2px 10px;"
  "font-size:12.5px;background:#e8f0fb;color:#173e72;border:1px solid #cfdcf0}\n"
  ".chip b{font-weight:600}\n"
  ".chip.S{background:#f2f4f7;color:#344054;border-color:#dfe3e8}\n"
  "article.risk{border-top:1px solid var(--line);padding:16px 0 8px}\n"
  "article.risk:first-of-type{border-top:0}\n"
  ".ord{color:var(--muted);font-weight:500;margin-right:6px}\n"
  "ul.tags{list-style:none;padding:0;margin:8px 0}\n"
  "ul.tags>li{margin:0 0 8px}\n"
  ".score{color:var(--muted);font-size:12.5px;margin-left:6px}\n"
  "ul.evidence{margin:4px 0 0;padding-left:18px;font-size:13.5px;color:#3b4654}\n"
  "ul.evidence li{margin:2px 0}\n"
  "q{quotes:\"\\201C\" \"\\201D\"}\n"
  "mark{background:var(--mark);padding:0 1px;border-radius:2px}\n"
  ".page{color:var(--muted);white-space:nowrap;font-size:12.5px}\n"
  ".regs{font-size:13px;color:var(--muted)}\n"
  ".regs code,code{font:12.5px/1.4 ui-monospace,\"DejaVu Sans Mono\",monospace;"
  "background:#f2f4f7;border-radius:4px;padding:0 4px}\n"
  "details{margin:6px 0}\n"
  "details>summary{cursor:pointer;color:var(--accent);font-size:13.5px}\n"
  "details .body p{font-size:14px;color:#333f4d}\n"
  "table{border-collapse:collapse;width:100%;font-size:13.5px}\n"
  "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);"
  "vertical-align:top}\n"
  "th{color:var(--muted);font-weight:600;font-size:12.5px;text-transform:uppercase;"
  "letter-spacing:.03em}\n"
  "td.num,th.num{text-align:right;white-space:nowrap}\n"
  ".kind{font-size:11.5px;font-weight:700;border-radius:4px;padding:1px 6px;"
  "text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}\n"
  ".kind.added{background:#e3f5e9;color:#1e6b3a}\n"
  ".kind.removed{background:#fde8e8;color:#9b1c1c}\n"
  ".kind.reworded{background:#eef2ff;color:#3730a3}\n"
  ".kind.changed{background:#fff4e0;color:#8a4b00}\n"
  ".was{color:var(--muted);text-decoration:line-through}\n"
  "table.diff td:first-child{width:130px}\n"
  "table.diff td:last-child{min-width:170px}\n"
  ".gain{color:#1e6b3a}.lose{color:#9b1c1c}\n"
  "footer{color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);"
  "padding-top:14px;margin-top:30px}\n"
  "@media print{body{background:#fff}.card{box-shadow:none;border:0;padding:0}"
  "details{display:none}}\n";

const char *rsk_html_category_label(const rsk_matrix *m, const char *id)
{
  for (guint j = 0; m && j < m->columns->len; j++) {
    const rsk_matrix_column *c = &g_array_index(m->columns, rsk_matrix_column, j);
    if (strcmp(c->id, id) == 0)
      return c->label;
  }
  return id;
}

/* "ai-regulation 1.2.0", each distinct one, comma-separated. */
static void append_taxonomies(GString *out, const rsk_html_report *r)
{
  GPtrArray *seen = g_ptr_array_new_with_free_func(g_free);

  for (guint i = 0; i < r->n_companies; i++) {
    const rsk_filing_info *info = &r->companies[i].latest->info;
    g_autofree char *name = g_strdup_printf("%s %s", info->taxonomy_name,
                                            info->taxonomy_version);
    gboolean dup = FALSE;
    for (guint k = 0; k < seen->len && !dup; k++)
      dup = strcmp(g_ptr_array_index(seen, k), name) == 0;
    if (!dup)
      g_ptr_array_add(seen, g_steal_pointer(&name));
  }
  for (guint k = 0; k < seen->len; k++) {
    if (k)
      g_string_append(out, ", ");
    g_string_append(out, "<code>");
    rsk_escape_html(out, g_ptr_array_index(seen, k));
    g_string_append(out, "</code>");
  }
  if (seen->len == 0)
    g_string_append(out, "none");
  g_ptr_array_unref(seen);
}

/* "3 companies, their latest filings compared; 2 earlier filings for what
 * changed; 7 filings stored, of which 1 flagged and 1 excluded left out":
 * each number counts filings, as the database holds them. */
static void write_counts(GString *out, const rsk_html_report *r)
{
  guint previous = 0, shown = r->n_companies;
  for (guint i = 0; i < r->n_companies; i++)
    previous += r->companies[i].previous != NULL;

  g_string_append_printf(out, "%u compan%s (%u latest filing%s compared)",
                         r->n_companies, r->n_companies == 1 ? "y" : "ies",
                         shown, shown == 1 ? "" : "s");
  if (previous)
    g_string_append_printf(out, " \xc2\xb7 %u earlier filing%s for what changed",
                           previous, previous == 1 ? "" : "s");
  if (r->n_stored)
    g_string_append_printf(out, " \xc2\xb7 %u filing%s stored", r->n_stored,
                           r->n_stored == 1 ? "" : "s");
  if (r->n_flagged_out)
    g_string_append_printf(out, ", %u with sanity flags left out",
                           r->n_flagged_out);
  if (r->n_excluded)
    g_string_append_printf(out, ", %u excluded", r->n_excluded);
}

static void write_header(GString *out, const rsk_html_report *r,
                         const char *title)
{
  g_string_append(out, "<header class=\"top\">\n<h1>");
  rsk_escape_html(out, title);
  g_string_append(out, "</h1>\n<p class=\"sub\">");
  write_counts(out, r);
  g_string_append(out, " \xc2\xb7 taxonomy ");
  append_taxonomies(out, r);
  if (r->generated_at) {
    g_string_append(out, " \xc2\xb7 generated ");
    rsk_escape_html(out, r->generated_at);
  }
  g_string_append(out, "</p>\n</header>\n");
}

static gboolean flagged_rows(const rsk_matrix *m)
{
  for (guint i = 0; i < m->rows->len; i++)
    if (g_array_index(m->rows, rsk_matrix_row, i).flags)
      return TRUE;
  return FALSE;
}

static void write_heatmap(GString *out, const rsk_html_report *r)
{
  g_string_append(out,
      "<section class=\"card\" id=\"heatmap\">\n"
      "<h2>Where each company discloses AI-regulation risk</h2>\n"
      "<p class=\"sub\">Each cell: the share of the company's risk-factor"
      " words that sit in risk factors where the category is primary"
      " (latest filing); the strip at its foot, where it is only secondary"
      " or mentioned. Hover a cell for counts and scores; click a company"
      " for its risk factors.</p>\n<div class=\"scroll\">\n");
  rsk_heatmap_write_svg(out, r->matrix, TRUE);
  g_string_append(out,
      "</div>\n<p class=\"note\">\"Any tag\": share of the risk section in"
      " risk factors with at least one category; \"AI tags\": with at least"
      " one of the AI categories (ids starting <code>" RSK_MATRIX_AI_PREFIX
      "</code>), which leaves out general privacy, data and trade rules. A"
      " risk factor tagged with several categories counts in each.");
  if (flagged_rows(r->matrix))
    g_string_append(out, " <span class=\"flag\">\xe2\x9a\xa0</span>: the"
                         " filing raised sanity flags (see its section); its"
                         " numbers may mislead.");
  g_string_append(out, "</p>\n<h3>Categories, in the taxonomy's order</h3>\n"
                       "<ol class=\"legend\">\n");
  for (guint j = 0; j < r->matrix->columns->len; j++) {
    const rsk_matrix_column *c =
        &g_array_index(r->matrix->columns, rsk_matrix_column, j);
    g_string_append(out, "<li>");
    rsk_escape_html(out, c->label);
    g_string_append(out, " <code>");
    rsk_escape_html(out, c->id);
    g_string_append(out, "</code></li>\n");
  }
  g_string_append(out, "</ol>\n</section>\n");
}

static void write_toc(GString *out, const rsk_html_report *r)
{
  g_string_append(out, "<nav class=\"card toc\"><h2>Companies</h2><ol>\n");
  for (guint i = 0; i < r->n_companies; i++) {
    const rsk_filing_info *info = &r->companies[i].latest->info;
    g_string_append_printf(out, "<li><a href=\"#company-%u\">", i + 1);
    rsk_escape_html(out, info->company);
    g_string_append(out, "</a> ");
    if (info->flags && info->flags->len)
      g_string_append(out, "<span class=\"flag\" title=\"sanity flags\">"
                           "\xe2\x9a\xa0</span> ");
    g_string_append(out, "<span class=\"meta\">");
    rsk_escape_html(out, info->name);
    g_string_append(out, "</span></li>\n");
  }
  g_string_append(out, "</ol></nav>\n");
}

char *rsk_html_render(const rsk_html_report *r)
{
  GString *out = g_string_sized_new(256 * 1024);
  const char *title = r->title ? r->title : "AI-regulation risk report";

  g_string_append(out,
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
      " style-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"generator\" content=\"riskscope\">\n<title>");
  rsk_escape_html(out, title);
  g_string_append_printf(out, "</title>\n<style>\n%s</style>\n</head>\n"
                         "<body>\n<main>\n", css);
  write_header(out, r, title);
  if (r->n_companies == 0) {
    g_string_append(out, "<p>No filings are stored yet: run"
                         " <code>riskscope analyze FILE...</code> first.</p>\n");
  } else {
    write_heatmap(out, r);
    write_toc(out, r);
    for (guint i = 0; i < r->n_companies; i++)
      rsk_html_company_section(out, r, i);
  }
  g_string_append(out, "<footer>Made by riskscope");
  if (r->tool_version) {
    g_string_append_c(out, ' ');
    rsk_escape_html(out, r->tool_version);
  }
  g_string_append(out, " from its database, without re-reading the filings."
                       " Taxonomy ");
  append_taxonomies(out, r);
  g_string_append(out, ". Tags are machine-made: check the quoted evidence"
                       " and pages before relying on them.</footer>\n"
                       "</main>\n</body>\n</html>\n");
  return g_string_free(out, FALSE);
}

gboolean rsk_html_write(const rsk_html_report *r, const char *path,
                        GError **error)
{
  g_autofree char *html = rsk_html_render(r);
  GError *local = NULL;

  /* A file atomically, a device or FIFO straight into (output_file.h). */
  rsk_output *out = rsk_output_open(path, &local);
  if (out)
    fputs(html, rsk_output_stream(out));
  if (!out || !rsk_output_close(out, TRUE, &local)) {
    g_propagate_error(error, local);
    return FALSE;
  }
  return TRUE;
}
