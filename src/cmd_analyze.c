/* cmd_analyze.c - riskscope analyze: extract, segment, tag and store filings
 *
 * Each filing goes through the stages in turn; the pages of one filing are
 * spread over worker threads by the extractor. Storing runs on a thread of
 * its own fed by a short queue, so the next filing's extraction overlaps the
 * previous one's SQLite transaction. A filing that fails at any stage is
 * reported on one line and the batch goes on; nothing of it is stored.
 *
 * SPDX-License-Identifier: MIT
 */
#include "classifier.h"
#include "cli.h"
#include "pdf.h"
#include "rsk_error.h"
#include "segment.h"
#include "store.h"
#include "taxonomy.h"

#include <string.h>
#include <unistd.h>

typedef struct {
  char *db_path;
  char *taxonomy_path;
  char *company;
  char *password;
  int jobs;
  gboolean quiet;
} analyze_options;

/* One analysed filing on its way to the store thread. */
typedef struct {
  rsk_filing *filing;
  rsk_classification *results;
  char *company;
} analyzed_filing;

typedef struct {
  rsk_out *out;
  rsk_store *store;
  const rsk_taxonomy *taxonomy;
  GAsyncQueue *queue;     /* analyzed_filing *, NULL ends the thread */
  GMutex print_lock;
  int failures;           /* guarded by print_lock */
  int stored;
} analyze_run;

static void analyzed_filing_free(analyzed_filing *item)
{
  if (!item)
    return;
  for (guint i = 0; i < item->filing->risks->len; i++)
    rsk_classification_clear(&item->results[i]);
  g_free(item->results);
  rsk_filing_free(item->filing);
  g_free(item->company);
  g_free(item);
}

/* The company: --company, else what the document says, else the file name
 * up to its first '_' or '.' ("nvidia_10k_fy2024.pdf" → "nvidia"). */
static char *company_name(const analyze_options *opts, const rsk_filing *filing)
{
  if (opts->company && *opts->company)
    return g_strdup(opts->company);
  if (filing->company && *filing->company)
    return g_strdup(filing->company);
  size_t n = strcspn(filing->name, "_.");
  return g_strndup(filing->name, n ? n : strlen(filing->name));
}

static void print_summary(analyze_run *run, const analyzed_filing *item,
                          gint64 filing_id)
{
  const rsk_filing *filing = item->filing;
  GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new();
  int tagged = 0;

  for (guint i = 0; i < filing->risks->len; i++) {
    GArray *tags = item->results[i].tags;
    if (tags->len)
      tagged++;
    for (guint t = 0; t < tags->len; t++) {
      const char *cat = g_array_index(tags, rsk_tag, t).category;
      gpointer n = g_hash_table_lookup(counts, cat);
      if (!n)
        g_ptr_array_add(order, (gpointer)cat);
      g_hash_table_insert(counts, (gpointer)cat, GINT_TO_POINTER(GPOINTER_TO_INT(n) + 1));
    }
  }
  g_mutex_lock(&run->print_lock);
  FILE *o = run->out->out;
  fprintf(o, "%s: [%" G_GINT64_FORMAT "] %s, %s, %d pages; risk factors on pages %d-%d: %u found, %d tagged",
          filing->name, filing_id, item->company, filing->doc_type,
          filing->page_count, filing->risk_first_page, filing->risk_last_page,
          filing->risks->len, tagged);
  for (guint i = 0; i < order->len; i++)
    fprintf(o, "%s %s %d", i ? "," : ";", (const char *)order->pdata[i],
            GPOINTER_TO_INT(g_hash_table_lookup(counts, order->pdata[i])));
  fputc('\n', o);
  for (guint i = 0; i < filing->flags->len; i++)
    fprintf(run->out->err, "riskscope: %s: warning: %s\n", filing->name,
            (const char *)filing->flags->pdata[i]);
  fflush(o);
  g_mutex_unlock(&run->print_lock);
  g_ptr_array_unref(order);
  g_hash_table_unref(counts);
}

static void report_failure(analyze_run *run, const char *message)
{
  g_mutex_lock(&run->print_lock);
  rsk_cli_error(run->out, "%s", message);
  run->failures++;
  g_mutex_unlock(&run->print_lock);
}

static gpointer store_thread(gpointer data)
{
  analyze_run *run = data;
  analyzed_filing *item;

  while ((item = g_async_queue_pop(run->queue)) != (gpointer)run) {
    g_autoptr(GError) error = NULL;
    rsk_store_analysis analysis = {
      .filing = item->filing,
      .company = item->company,
      .results = item->results,
      .taxonomy_name = rsk_taxonomy_name(run->taxonomy),
      .taxonomy_version = rsk_taxonomy_version(run->taxonomy),
    };
    gint64 id = 0;
    if (rsk_store_put_filing(run->store, &analysis, &id, &error)) {
      print_summary(run, item, id);
      g_mutex_lock(&run->print_lock);
      run->stored++;
      g_mutex_unlock(&run->print_lock);
    } else {
      g_autofree char *msg = g_strdup_printf("%s: %s", item->filing->name, error->message);
      report_failure(run, msg);
    }
    analyzed_filing_free(item);
  }
  return NULL;
}

/* Runs the extract → segment → classify stages on PATH. Returns NULL and
 * sets ERROR when the filing cannot be analysed. */
static analyzed_filing *analyze_one(const analyze_options *opts,
                                    const rsk_taxonomy *taxonomy,
                                    const char *path, GError **error)
{
  rsk_document *doc = rsk_document_open(path, opts->password, error);
  if (!doc)
    return NULL;
  rsk_filing *filing = rsk_filing_new(path);
  gboolean ok = rsk_document_read(doc, 1, 0, opts->jobs, filing, error);
  rsk_document_free(doc);
  if (!ok) {
    rsk_filing_free(filing);
    return NULL;
  }
  rsk_segment(filing);
  if (filing->risks->len == 0) {
    g_set_error(error, RSK_ERROR, RSK_ERROR_NO_RISK_SECTION,
                "%s: no Risk Factors section found in %d pages; nothing stored "
                "(riskscope extract shows what was read)",
                filing->name, filing->page_count);
    rsk_filing_free(filing);
    return NULL;
  }

  analyzed_filing *item = g_new0(analyzed_filing, 1);
  item->filing = filing;
  item->company = company_name(opts, filing);
  item->results = g_new0(rsk_classification, MAX(filing->risks->len, 1));
  for (guint i = 0; i < filing->risks->len; i++) {
    rsk_classification_init(&item->results[i]);
    rsk_classify(taxonomy, filing,
                 &g_array_index(filing->risks, rsk_risk_factor, i),
                 &item->results[i]);
  }
  return item;
}

static void show_progress(rsk_out *out, guint done, guint total, const char *name)
{
  if (!isatty(fileno(out->err)) || total < 2)
    return;
  const int width = 24;
  int filled = (int)(width * done / total);
  fprintf(out->err, "\r[%.*s%*s] %u/%u %-30.30s", filled,
          "========================", width - filled, "", done, total, name);
  if (done == total)
    fprintf(out->err, "\r%*s\r", width + 45, "");
  fflush(out->err);
}

int rsk_cmd_analyze(int argc, char **argv, rsk_out *out)
{
  analyze_options opts = {0};
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &opts.db_path,
     "Database file (default: $RISKSCOPE_DB or riskscope.db)", "PATH"},
    {"company", 0, 0, G_OPTION_ARG_STRING, &opts.company,
     "Company name for every FILE (default: from the document)", "NAME"},
    {"taxonomy", 0, 0, G_OPTION_ARG_FILENAME, &opts.taxonomy_path,
     "Taxonomy JSON file (default: the built-in AI-regulation taxonomy)", "PATH"},
    {"password", 0, 0, G_OPTION_ARG_STRING, &opts.password,
     "Password for encrypted PDFs", "PW"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opts.jobs,
     "Worker threads per filing (default: number of cores)", "N"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet,
     "Print only errors", NULL},
    G_OPTION_ENTRY_NULL,
  };
  int status = RSK_EXIT_USAGE;
  rsk_taxonomy *taxonomy = NULL;
  rsk_store *store = NULL;
  g_autoptr(GError) error = NULL;

  if (!rsk_cli_parse(out, "analyze", "FILE...",
                     "Extract, segment, tag and store each FILE (PDF). One line per "
                     "filing on stdout;\nfailures on stderr as \"riskscope: FILE: "
                     "reason\" and the batch goes on.\nExit status 1 when any file failed.",
                     entries, &argc, &argv))
    goto out;
  if (argc < 2) {
    rsk_cli_error(out, "analyze: no FILE given");
    fprintf(out->err, "try \"riskscope analyze --help\"\n");
    goto out;
  }
  if (opts.jobs < 0) {
    rsk_cli_error(out, "analyze: --jobs must be 0 or more");
    goto out;
  }
  status = RSK_EXIT_FAILURE;
  taxonomy = rsk_taxonomy_load(opts.taxonomy_path, &error);
  if (!taxonomy) {
    rsk_cli_error(out, "%s", error->message);
    goto out;
  }
  store = rsk_store_open(rsk_cli_db_path(opts.db_path), FALSE, &error);
  if (!store) {
    rsk_cli_error(out, "%s", error->message);
    goto out;
  }

  rsk_out run_out = *out;
  if (opts.quiet)
    run_out.out = fopen("/dev/null", "w");
  analyze_run run = {.out = &run_out, .store = store, .taxonomy = taxonomy};
  g_mutex_init(&run.print_lock);
  /* The queue holds at most a couple of filings: memory stays bounded. */
  run.queue = g_async_queue_new();
  GThread *writer = g_thread_new("store", store_thread, &run);
  guint total = (guint)argc - 1;

  for (guint i = 0; i < total; i++) {
    const char *path = argv[i + 1];
    g_autoptr(GError) file_error = NULL;
    show_progress(out, i, total, path);
    while (g_async_queue_length(run.queue) >= 2)
      g_usleep(2000);
    analyzed_filing *item = analyze_one(&opts, taxonomy, path, &file_error);
    if (item)
      g_async_queue_push(run.queue, item);
    else
      report_failure(&run, file_error->message);
  }
  g_async_queue_push(run.queue, &run);  /* the end marker */
  g_thread_join(writer);
  show_progress(out, total, total, "");
  g_async_queue_unref(run.queue);
  g_mutex_clear(&run.print_lock);
  if (opts.quiet)
    fclose(run_out.out);
  status = run.failures ? RSK_EXIT_FAILURE : RSK_EXIT_OK;

out:
  rsk_store_close(store);
  rsk_taxonomy_free(taxonomy);
  g_free(opts.db_path);
  g_free(opts.taxonomy_path);
  g_free(opts.company);
  g_free(opts.password);
  return status;
}
