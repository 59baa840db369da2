/* cmd_export.c - riskscope export: the stored risk factors as a dataset
 *
 * Filings are loaded and written one at a time, so memory stays bounded by
 * the largest filing, not the database. --output goes to a temporary file
 * beside PATH that is renamed over it only when everything was written: a
 * reader never sees a half-written export.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "companies.h"
#include "export.h"
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
    char *text = cJSON_Print(obj);
    fputs(job->written ? ",\n" : "", job->out);
    fputs(text, job->out);
    cJSON_free(text);
    cJSON_Delete(obj);
    break;
  }
  case FMT_CSV:
    rsk_export_csv(a, job->per, job->full_body, job->out);
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

/* Opens a temporary file beside PATH; sets *TMP_PATH. */
static FILE *open_temp(const char *path, char **tmp_path, GError **error)
{
  *tmp_path = g_strdup_printf("%s.XXXXXX", path);
  int fd = g_mkstemp(*tmp_path);
  if (fd < 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                g_strerror(errno));
    g_clear_pointer(tmp_path, g_free);
    return NULL;
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  return fdopen(fd, "w");
}

/* Flushes and closes OUT; renames TMP_PATH over PATH when all went well. */
static gboolean finish_temp(FILE *out, const char *tmp_path, const char *path,
                            gboolean ok, GError **error)
{
  if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0) {
    if (ok)
      g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                  g_strerror(errno));
    ok = FALSE;
  }
  if (fclose(out) != 0 && ok) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                g_strerror(errno));
    ok = FALSE;
  }
  if (ok && g_rename(tmp_path, path) != 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path,
                g_strerror(errno));
    ok = FALSE;
  }
  if (!ok)
    g_unlink(tmp_path);
  return ok;
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
                  *filing = NULL, *tmp_path = NULL, *companies = NULL;
  g_autoptr(GError) error = NULL;
  export_job job = {.format = FMT_JSONL, .per = RSK_EXPORT_PER_RISK};
  const GOptionEntry entries[] = {
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "jsonl (default), json, csv or md", "FORMAT"},
    {"per", 0, 0, G_OPTION_ARG_STRING, &per, "CSV rows: risk (default), tag or evidence", "UNIT"},
    {"full-body", 0, 0, G_OPTION_ARG_NONE, &job.full_body, "CSV: keep cells over 32,767 characters whole", NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to PATH (atomically), not stdout", "PATH"},
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
  job.out = output ? open_temp(output, &tmp_path, &error) : out->out;
  gboolean ok = job.out && export_all(store, filing, (const char *const *)company_list, &job, &error);
  if (output && job.out) {
    ok = finish_temp(job.out, tmp_path, output, ok, ok ? &error : NULL);
  } else if (job.out && (fflush(job.out) != 0 || ferror(job.out))) {
    if (ok)
      g_set_error(&error, RSK_ERROR, RSK_ERROR_IO, "standard output: %s",
                  g_strerror(errno));
    ok = FALSE;
  }
  rsk_store_close(store);
  if (!ok) {
    rsk_cli_error(out, "%s", error->message);
    return RSK_EXIT_FAILURE;
  }
  if (output && out->verbosity > 0)
    fprintf(out->err, "riskscope: wrote %u filing%s to %s\n", job.written,
            job.written == 1 ? "" : "s",
            output);
  return RSK_EXIT_OK;
}
