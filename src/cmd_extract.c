/* cmd_extract.c - riskscope extract: print a filing's lines with their fonts
 *
 * A debugging and development tool: it shows exactly what the later
 * stages see (page, position, size, style, font, normalised text), with
 * running headers and page numbers hidden unless --all, for a PDF or an
 * EDGAR HTML filing alike (an HTML page's printed number, when it shows
 * one, heads the page's lines).
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include "document.h"
#include "export.h"
#include "read_watchdog.h"
#include "rsk_error.h"
#include "segment.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One page number of a range: digits only, 1 to INT_MAX (a long that
 * became an int would wrap 4294967297 round to page 1). */
static gboolean parse_page_number(const char *p, const char **end, int *page)
{
  if (!g_ascii_isdigit(*p))
    return FALSE;
  errno = 0;
  char *stop = NULL;
  gint64 n = g_ascii_strtoll(p, &stop, 10);
  if (errno == ERANGE || n < 1 || n > G_MAXINT)
    return FALSE;
  *end = stop;
  *page = (int)n;
  return TRUE;
}

static gboolean parse_pages(const char *spec, int *first, int *last)
{
  const char *end = NULL;
  int a = 0, b = 0;
  if (!parse_page_number(spec, &end, &a))
    return FALSE;
  b = a;
  if (*end == '-') {
    const char *rest = end + 1;
    if (*rest == '\0') {
      b = 0;
      end = rest;
    } else if (!parse_page_number(rest, &end, &b) || b < a) {
      return FALSE;
    }
  }
  if (*end != '\0')
    return FALSE;
  *first = a;
  *last = b;
  return TRUE;
}

static void style_flags(guint style, char out[4])
{
  out[0] = (style & RSK_STYLE_BOLD) ? 'B' : '-';
  out[1] = (style & RSK_STYLE_ITALIC) ? 'I' : '-';
  out[2] = (style & RSK_STYLE_UNDERLINE) ? 'U' : '-';
  out[3] = '\0';
}

/* The number printed on PAGE, or NULL. */
static const char *folio_of(const rsk_filing *filing, int page)
{
  return page >= 1 && (guint)page <= filing->page_labels->len
             ? g_ptr_array_index(filing->page_labels, page - 1) : NULL;
}

/* The --roles column: H heading, h its further lines, S sub-section, s its
 * further lines, . body inside the section, - outside it, ~ left out by
 * the segmenter (furniture, page numbers). */
static char verdict_mark(guint8 v)
{
  static const char marks[] = {
    [RSK_SEG_OUTSIDE] = '-', [RSK_SEG_SKIPPED] = '~', [RSK_SEG_BODY] = '.',
    [RSK_SEG_HEADING] = 'H', [RSK_SEG_HEADING_MORE] = 'h',
    [RSK_SEG_SUBSECTION] = 'S', [RSK_SEG_SUBSECTION_MORE] = 's',
  };
  return v < sizeof marks ? marks[v] : '?';
}

static const char *verdict_name(guint8 v)
{
  static const char *const names[] = {
    [RSK_SEG_OUTSIDE] = "outside", [RSK_SEG_SKIPPED] = "skipped",
    [RSK_SEG_BODY] = "body", [RSK_SEG_HEADING] = "heading",
    [RSK_SEG_HEADING_MORE] = "heading", [RSK_SEG_SUBSECTION] = "subsection",
    [RSK_SEG_SUBSECTION_MORE] = "subsection",
  };
  return v < G_N_ELEMENTS(names) ? names[v] : "unknown";
}

static void print_header(rsk_out *out, const rsk_filing *filing, const guint8 *verdicts)
{
  rsk_cli_print(out->out, "# %s: %d pages, %s, company %s, producer %s\n",
          filing->name, filing->page_count, filing->doc_type,
          filing->company ? filing->company : "(unknown)",
          filing->producer ? filing->producer : "(none)");
  if (filing->company_zh || filing->ticker || filing->cik || filing->stock_code)
    rsk_cli_print(out->out, "# %s%s%s%s%s%s%s%s\n",
            filing->company_zh ? "chinese name " : "",
            filing->company_zh ? filing->company_zh : "",
            filing->ticker ? "  ticker " : "", filing->ticker ? filing->ticker : "",
            filing->cik ? "  cik " : "", filing->cik ? filing->cik : "",
            filing->stock_code ? "  stock code " : "",
            filing->stock_code ? filing->stock_code : "");
  if (filing->period_end || filing->document_date)
    rsk_cli_print(out->out, "# period ended %s, dated %s\n",
            filing->period_end ? filing->period_end : "(unknown)",
            filing->document_date ? filing->document_date : "(unknown)");
  if (verdicts) {
    if (filing->risk_first_page)
      rsk_cli_print(out->out, "# risk factors on pages %d-%d: %u found\n", filing->risk_first_page,
              filing->risk_last_page, filing->risks->len);
    for (guint i = 0; i < filing->flags->len; i++)
      rsk_cli_print(out->out, "# flag: %s\n", (const char *)g_ptr_array_index(filing->flags, i));
  }
}

static void print_text(rsk_out *out, const rsk_filing *filing, gboolean all,
                       const guint8 *verdicts)
{
  print_header(out, filing, verdicts);
  int page = 0;
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    gboolean furniture = (line->flags & RSK_LINE_FURNITURE) != 0;
    if (furniture && !all)
      continue;
    if (line->page != page) {
      page = line->page;
      if (folio_of(filing, page))
        rsk_cli_print(out->out, "# page %d prints \"%s\"\n", page, folio_of(filing, page));
    }
    char flags[4];
    style_flags(line->style, flags);
    rsk_cli_print(out->out, "p%-3d y=%6.1f %5.1f %s%c ", line->page, line->y0,
                  line->font_size, flags, furniture ? 'F' : ' ');
    if (verdicts)
      fprintf(out->out, "%c ", verdict_mark(verdicts[i]));
    rsk_cli_print(out->out, "%-24.24s %s\n", line->font, line->text);
  }
}

static void add_style(cJSON *obj, guint style, float size, guint32 color,
                      const char *font)
{
  char hex[8];
  g_snprintf(hex, sizeof hex, "#%06x", color & 0xFFFFFF);
  cJSON_AddStringToObject(obj, "font", font);
  cJSON_AddNumberToObject(obj, "size", (int)(size * 100 + 0.5) / 100.0);
  cJSON_AddStringToObject(obj, "color", hex);
  cJSON_AddBoolToObject(obj, "bold", (style & RSK_STYLE_BOLD) != 0);
  cJSON_AddBoolToObject(obj, "italic", (style & RSK_STYLE_ITALIC) != 0);
  cJSON_AddBoolToObject(obj, "underline", (style & RSK_STYLE_UNDERLINE) != 0);
}

static double round1(float v)
{
  return (double)(long)(v * 10 + (v < 0 ? -0.5f : 0.5f)) / 10.0;
}

static void print_jsonl(rsk_out *out, const rsk_filing *filing, gboolean all,
                        const guint8 *verdicts)
{
  for (guint i = 0; i < filing->lines->len; i++) {
    const rsk_line *line = &g_array_index(filing->lines, rsk_line, i);
    gboolean furniture = (line->flags & RSK_LINE_FURNITURE) != 0;
    if (furniture && !all)
      continue;
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddNumberToObject(obj, "page", line->page);
    if (folio_of(filing, line->page))
      cJSON_AddStringToObject(obj, "folio", folio_of(filing, line->page));
    cJSON_AddNumberToObject(obj, "x0", round1(line->x0));
    cJSON_AddNumberToObject(obj, "y0", round1(line->y0));
    cJSON_AddNumberToObject(obj, "x1", round1(line->x1));
    cJSON_AddNumberToObject(obj, "y1", round1(line->y1));
    add_style(obj, line->style, line->font_size, line->color, line->font);
    cJSON_AddBoolToObject(obj, "furniture", furniture);
    if (verdicts)
      cJSON_AddStringToObject(obj, "role", verdict_name(verdicts[i]));
    cJSON_AddStringToObject(obj, "text", line->text);
    cJSON *spans = cJSON_AddArrayToObject(obj, "spans");
    for (guint k = 0; k < line->n_spans; k++) {
      const rsk_span *span =
          &g_array_index(filing->spans, rsk_span, line->first_span + k);
      cJSON *s = cJSON_CreateObject();
      char *text = g_strndup(line->text + span->offset, span->length);
      cJSON_AddNumberToObject(s, "offset", span->offset);
      cJSON_AddNumberToObject(s, "length", span->length);
      add_style(s, span->style, span->font_size, span->color, span->font);
      cJSON_AddStringToObject(s, "text", text);
      g_free(text);
      cJSON_AddItemToArray(spans, s);
    }
    char *json = rsk_export_json_text(obj, FALSE);
    fputs(json, out->out);
    fputc('\n', out->out);
    g_free(json);
    cJSON_Delete(obj);
  }
}

typedef struct {
  rsk_out *out;
  const char *path, *password;
  int first, last, jobs;
  gboolean all, roles, jsonl;
} extract_job;

/* Reads and prints; run under the read watchdog (read_watchdog.h), so a
 * page over the memory or time limit is left out with a warning. */
static int run_extract(gpointer data)
{
  const extract_job *job = data;
  rsk_out *out = job->out;
  int status = RSK_EXIT_OK, last = job->last;
  GError *error = NULL;
  rsk_filing *filing = rsk_filing_new(job->path);
  rsk_watchdog_reading(0);
  rsk_document *doc = rsk_document_open(job->path, job->password, &error);
  if (doc && last > rsk_document_page_count(doc))
    last = rsk_document_page_count(doc);
  if (doc && job->first > rsk_document_page_count(doc)) {
    g_set_error(&error, RSK_ERROR, RSK_ERROR_USAGE,
                "%s: page %d is past the last page (%d)", job->path, job->first,
                rsk_document_page_count(doc));
  } else if (doc) {
    rsk_document_read(doc, job->first, last, job->jobs, filing, &error);
  }
  rsk_watchdog_reading(-1);
  for (guint i = 0; i < filing->flags->len; i++)
    rsk_cli_print(out->err, "riskscope: %s: warning: %s\n", filing->name,
                  (const char *)filing->flags->pdata[i]);
  if (error) {
    rsk_cli_error(out, "%s", error->message);
    status = g_error_matches(error, RSK_ERROR, RSK_ERROR_USAGE)
                 ? RSK_EXIT_USAGE : RSK_EXIT_FAILURE;
    g_error_free(error);
  } else {
    g_autofree guint8 *verdicts = job->roles ? rsk_segment_explain(filing) : NULL;
    if (job->jsonl)
      print_jsonl(out, filing, job->all, verdicts);
    else
      print_text(out, filing, job->all, verdicts);
  }
  rsk_document_free(doc);
  rsk_filing_free(filing);
  return status;
}

int rsk_cmd_extract(int argc, char **argv, rsk_out *out)
{
  char *pages = NULL, *format = NULL, *password = NULL;
  gboolean all = FALSE, roles = FALSE;
  int jobs = 0;
  const GOptionEntry entries[] = {
      {"pages", 'p', 0, G_OPTION_ARG_STRING, &pages,
       "Only pages A to B (1-based; \"A\", \"A-B\" or \"A-\")", "A-B"},
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
       "Output format: text (default) or jsonl", "FORMAT"},
      {"password", 0, 0, G_OPTION_ARG_STRING, &password,
       "Password of an encrypted PDF", "PW"},
      {"all", 'a', 0, G_OPTION_ARG_NONE, &all,
       "Also print headers, footers, page numbers (marked F)",
       NULL},
      {"roles", 'r', 0, G_OPTION_ARG_NONE, &roles,
       "Also show what the segmenter made of each line",
       NULL},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
       "Worker threads (default: number of cores)", "N"},
      {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  int status = RSK_EXIT_USAGE;
  int first = 1, last = 0;

  if (!rsk_cli_parse(out, "extract", "FILE",
                     "Prints each line of a filing (PDF or EDGAR HTML) with its "
                     "page, position,\nfont size, style (B bold, I italic, U "
                     "underlined, F furniture) and font. With\n--roles, what the "
                     "segmenter made of it: H heading (h: its further lines),\n"
                     "S sub-section (s), . body, - outside the section, ~ left "
                     "out. Segment the\nwhole file (no --pages) to see the "
                     "section as analyze does.",
                     entries, &argc, &argv))
    goto done;
  if (argc != 2) {
    rsk_cli_error(out, "extract: expected one FILE, got %d", argc - 1);
    fprintf(out->err, "try \"riskscope extract --help\"\n");
    goto done;
  }
  if (format && strcmp(format, "text") != 0 && strcmp(format, "jsonl") != 0) {
    rsk_cli_error(out, "extract: unknown format \"%s\" (text or jsonl)",
                  format);
    goto done;
  }
  if (pages && !parse_pages(pages, &first, &last)) {
    rsk_cli_error(out, "extract: bad page range \"%s\" (A, A-B or A-, pages "
                  "1 to %d)", pages, G_MAXINT);
    goto done;
  }
  if (jobs < 0) {
    rsk_cli_error(out, "extract: --jobs must be 0 or more");
    goto done;
  }

  extract_job job = {.out = out, .path = argv[1], .password = password,
                     .first = first, .last = last, .jobs = jobs, .all = all,
                     .roles = roles,
                     .jsonl = format && strcmp(format, "jsonl") == 0};
  rsk_watchdog_limits limits = {
    .max_memory = (guint64)RSK_WATCHDOG_MAX_MEMORY_MB << 20,
    .max_page_seconds = RSK_WATCHDOG_MAX_PAGE_SECONDS,
  };
  status = rsk_watchdog_run(&limits, 1, run_extract, &job);
done:
  g_free(pages);
  g_free(format);
  g_free(password);
  return status;
}
