/* cmd_export.c - riskscope export: the stored risk factors as a dataset
 *
 * Filings are loaded and written one at a time, so memory stays bounded by
 * the largest filing, not the database. --output is written as
 * output_file.h says: a file through a temporary one renamed over it only
 * when everything was written (a reader never sees a half-written export),
 * a device or FIFO straight into.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "companies.h"
#include "export.h"
#include "output_file.h"
#include "read.h"
#include "rsk_error.h"
#include "select.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { FMT_JSONL, FMT_JSON, FMT_CSV, FMT_MD } export_format;

typedef struct {
  export_format format;
  rsk_export_per per;
  gboolean full_body;       /* CSV cells whole, past a spreadsheet's limit */
  gboolean csv_raw;         /* --csv-raw */
  FILE *out;
  guint written;  /* filings so far */
} export_job;

static void export_one(export_job *job, const rsk_analysis *a)
{
  switch (job->format) {
  case FMT_JSONL:
    rsk_export_jsonl(a, job->out);
    break;
  case FMT_JSON: {
    cJSON *obj = rsk_export_filing_json(a, FALSE);
    char *text = rsk_export_json_text(obj, TRUE);
    fputs(job->written ? ",\n" : "", job->out);
    fputs(text, job->out);
    g_free(text);
    cJSON_Delete(obj);
    break;
  }
  case FMT_CSV:
    rsk_export_csv(a, job->per, job->full_body, job->csv_raw, job->out);
    break;
  case FMT_MD:
    rsk_export_md(a, job->out);
    break;
  }
  job->written++;
}

/* TRUE when ID is among COMPANIES (NULL: any). */
static gboolean among(const GArray *companies, gint64 id)
{
  for (guint k = 0; companies && k < companies->len; k++)
    if (g_array_index(companies, gint64, k) == id)
      return TRUE;
  return companies == NULL;
}

static gboolean export_all(rsk_store *store, const char *filing,
                           const char *const *companies, export_job *job,
                           GError **error)
{
  g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));

  if (filing) {
    gint64 id = rsk_read_resolve_filing(store, filing, error);
    if (!id)
      return FALSE;
    g_array_append_val(ids, id);
  } else {
    rsk_filing_list *list = rsk_read_filings(store, RSK_READ_ALL, error);
    if (!list)
      return FALSE;
    g_autoptr(GArray) wanted =
        companies ? rsk_match_companies(list, companies, error) : NULL;
    if (companies && !wanted) {
      rsk_filing_list_free(list);
      return FALSE;
    }
    for (guint i = 0; i < list->filings->len; i++) {
      const rsk_filing_info *info =
          &g_array_index(list->filings, rsk_filing_info, i);
      if (among(wanted, info->company_id))
        g_array_append_val(ids, info->id);
    }
    rsk_filing_list_free(list);
  }

  if (job->format == FMT_CSV)
    rsk_export_csv_header(job->per, job->out);
  else if (job->format == FMT_JSON)
    fputs("[\n", job->out);
  else if (job->format == FMT_MD)
    fputs("# Risk factors\n\n", job->out);
  for (guint i = 0; i < ids->len; i++) {
    rsk_analysis *a =
        rsk_analysis_load(store, g_array_index(ids, gint64, i), error);
    if (!a)
      return FALSE;
    export_one(job, a);
    rsk_analysis_free(a);
  }
  if (job->format == FMT_JSON)
    fputs(job->written ? "\n]\n" : "]\n", job->out);
  return TRUE;
}

static const char description[] =
    "Write the stored risk factors as a dataset, ordered by filing id and\n"
    "ordinal.\n"
    "\n"
    "  jsonl  one JSON object per risk factor: filing, sha256, company,\n"
    "         ordinal, section, heading, body, page_start, page_end,\n"
    "         tags [{category, score, strength,\n"
    "                evidence [{page, text, sentence, match, count,\n"
    "                           page_label}]}],\n"
    "         regulations []; then filing_id, doc_type, period_end,\n"
    "         document_date, taxonomy_version, word_count, company_zh,\n"
    "         ticker, cik, stock_code, page_start_label, page_end_label,\n"
    "         flags\n"
    "  json   an array of filings, each with its fields (flags among\n"
    "         them) and risk_factors\n"
    "  md     a Markdown table per filing\n"
    "  csv    see below\n"
    "\n";

int rsk_cmd_export(int argc, char **argv, rsk_out *out)
{
  g_autofree char *db = NULL, *format = NULL, *per = NULL, *output = NULL,
                  *filing = NULL, *companies = NULL;
  g_autoptr(GError) error = NULL;
  export_job job = {.format = FMT_JSONL, .per = RSK_EXPORT_PER_RISK};
  const GOptionEntry entries[] = {
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "jsonl (default), json, csv or md", "FORMAT"},
    {"per", 0, 0, G_OPTION_ARG_STRING, &per, "CSV rows: risk (default), tag or evidence", "UNIT"},
    {"full-body", 0, 0, G_OPTION_ARG_NONE, &job.full_body, "CSV: keep cells over 32,767 characters whole", NULL},
    {"csv-raw", 0, 0, G_OPTION_ARG_NONE, &job.csv_raw, "CSV: keep cells starting with = + - @ as they are", NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to PATH (a file atomically), not stdout", "PATH"},
    {"filing", 0, 0, G_OPTION_ARG_STRING, &filing, "Only this filing (id, name or sha256)", "FILING"},
    {"companies", 0, 0, G_OPTION_ARG_STRING, &companies, "Only these: names, tickers, stock codes", "A,B,..."},
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database (default riskscope.db)", "PATH"},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  g_autofree char *help = g_strconcat(description, rsk_export_csv_help, NULL);

  if (!rsk_cli_parse(out, "export", "", help, entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (argc > 1) {
    rsk_cli_error(out, "export: unexpected argument \"%s\"", argv[1]);
    return RSK_EXIT_USAGE;
  }
  if (!format || strcmp(format, "jsonl") == 0)
    job.format = FMT_JSONL;
  else if (strcmp(format, "json") == 0)
    job.format = FMT_JSON;
  else if (strcmp(format, "csv") == 0)
    job.format = FMT_CSV;
  else if (strcmp(format, "md") == 0)
    job.format = FMT_MD;
  else {
    rsk_cli_error(out, "export: --format must be jsonl, json, csv or md, "
                  "not \"%s\"", format);
    return RSK_EXIT_USAGE;
  }
  if (per && strcmp(per, "tag") == 0)
    job.per = RSK_EXPORT_PER_TAG;
  else if (per && strcmp(per, "evidence") == 0)
    job.per = RSK_EXPORT_PER_EVIDENCE;
  else if (per && strcmp(per, "risk") != 0) {
    rsk_cli_error(out, "export: --per must be risk, tag or evidence, not "
                  "\"%s\"", per);
    return RSK_EXIT_USAGE;
  }
  if (job.csv_raw && job.format != FMT_CSV) {
    rsk_cli_error(out, "export: --csv-raw applies to --format csv only");
    return RSK_EXIT_USAGE;
  }
  if (job.per != RSK_EXPORT_PER_RISK && job.format != FMT_CSV) {
    rsk_cli_error(out, "export: --per %s applies to --format csv only", per);
    return RSK_EXIT_USAGE;
  }
  if (job.full_body && job.format != FMT_CSV) {
    rsk_cli_error(out, "export: --full-body applies to --format csv only "
                  "(the other formats always keep the whole text)");
    return RSK_EXIT_USAGE;
  }

  if (filing && companies) {
    rsk_cli_error(out, "export: give --filing or --companies, not both");
    return RSK_EXIT_USAGE;
  }
  g_auto(GStrv) company_list = rsk_split_list(companies);

  if (output && rsk_cli_output_is_database(out, "export", output, rsk_cli_db_path(db)))
    return RSK_EXIT_USAGE;
  rsk_store *store = rsk_store_open(rsk_cli_db_path(db), TRUE, &error);
  if (!store) {
    rsk_cli_error(out, "%s", error->message);
    return RSK_EXIT_FAILURE;
  }
  rsk_output *file = output ? rsk_output_open(output, &error) : NULL;
  job.out = file ? rsk_output_stream(file) : output ? NULL : out->out;
  gboolean ok = job.out && export_all(store, filing, (const char *const *)company_list, &job, &error);
  /* Standard output is checked as the process exits (main.c). */
  if (file)
    ok = rsk_output_close(file, ok, ok ? &error : NULL);
  rsk_store_close(store);
  if (!ok) {
    rsk_cli_error(out, "%s", error->message);
    return RSK_EXIT_FAILURE;
  }
  if (output && out->verbosity > 0)
    rsk_cli_print(out->err, "riskscope: wrote %u filing%s to %s\n", job.written,
            job.written == 1 ? "" : "s",
            output);
  return RSK_EXIT_OK;
}
