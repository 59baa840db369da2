/* cmd_analyze.c - riskscope analyze: extract, segment, tag and store filings
 *
 * A batch runs as a pipeline of three stages, each on a thread of its own,
 * joined by queues that hold one filing each:
 *
 *   main thread    extract: the pages of one filing spread over the
 *                  extractor's worker threads;
 *   "analyze"      segment, then classify the risk factors spread over
 *                  --jobs threads (the filing's only parallel step once the
 *                  pages are read);
 *   "store"        one SQLite transaction per filing, then the summary line.
 *
 * So filing N+1 is being read while filing N is tagged and N-1 stored, and
 * memory holds at most five filings however long the batch. Every filing,
 * failed or not, travels the whole pipeline in input order, so the summary
 * lines and the "riskscope: FILE: reason" lines come out in input order; a
 * failed filing is reported and the batch goes on, nothing of it stored.
 *
 * The taxonomy is compiled and the database opened on a setup thread while
 * the first filing is read; if either fails, its error is the only line
 * printed and nothing is analysed. The analyze stage waits for the
 * taxonomy only and the store stage for the database: creating a database
 * syncs the disk several times (milliseconds each), which need not hold
 * up the segmentation and tagging of the first filing.
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

/* One filing on its way through the pipeline. */
typedef struct {
  const char *path;              /* borrowed from argv */
  rsk_filing *filing;            /* NULL once failed */
  rsk_classification *results;   /* one per risk factor */
  char *company;
  GError *error;                 /* why it failed */
} analyzed_filing;

/* A FIFO between two stages that holds at most CAPACITY items, so a fast
 * stage waits for a slow one instead of piling filings up in memory. */
typedef struct {
  GMutex lock;
  GCond cond;
  GQueue items;
  guint capacity;
} stage_queue;

typedef struct {
  const analyze_options *opts;
  rsk_out *out;
  /* Set up by the setup thread: TAXONOMY once TAXONOMY_DONE is set (under
   * SETUP_LOCK), the rest once the store thread has joined it. */
  rsk_taxonomy *taxonomy;
  rsk_store *store;
  GError *setup_error;
  GThread *setup;
  GMutex setup_lock;
  GCond setup_cond;
  gboolean taxonomy_done;
  gint aborted;                  /* atomic: setup failed, stop reading */
  stage_queue to_analyze;        /* analyzed_filing *, NULL ends the stage */
  stage_queue to_store;
  int failures;                  /* store thread only until joined */
  guint total, done;             /* files, and files finished: the bar */
  gboolean progress;             /* draw the bar: stderr is a terminal */
} analyze_run;

/* ------------------------------------------------------------ the queue */

static void stage_queue_init(stage_queue *q, guint capacity)
{
  g_mutex_init(&q->lock);
  g_cond_init(&q->cond);
  g_queue_init(&q->items);
  q->capacity = capacity;
}

static void stage_queue_clear(stage_queue *q)
{
  g_mutex_clear(&q->lock);
  g_cond_clear(&q->cond);
  g_queue_clear(&q->items);
}

static void stage_queue_push(stage_queue *q, gpointer item)
{
  g_mutex_lock(&q->lock);
  while (q->items.length >= q->capacity)
    g_cond_wait(&q->cond, &q->lock);
  g_queue_push_tail(&q->items, item);
  g_cond_broadcast(&q->cond);
  g_mutex_unlock(&q->lock);
}

static gpointer stage_queue_pop(stage_queue *q)
{
  g_mutex_lock(&q->lock);
  while (q->items.length == 0)
    g_cond_wait(&q->cond, &q->lock);
  gpointer item = g_queue_pop_head(&q->items);
  g_cond_broadcast(&q->cond);
  g_mutex_unlock(&q->lock);
  return item;
}

/* -------------------------------------------------------------- filings */

static void analyzed_filing_free(analyzed_filing *item)
{
  if (!item)
    return;
  if (item->results && item->filing)
    for (guint i = 0; i < item->filing->risks->len; i++)
      rsk_classification_clear(&item->results[i]);
  g_free(item->results);
  rsk_filing_free(item->filing);
  g_free(item->company);
  g_clear_error(&item->error);
  g_free(item);
}

static void fail(analyzed_filing *item, GError *error)
{
  item->error = error;
  g_clear_pointer(&item->filing, rsk_filing_free);
}

/* The company: --company, else what the document says, else the file name
 * up to its first '_' or '.' ("nvidia_10k_fy2024.pdf" → "nvidia"). */
static char *company_name(const analyze_options *opts, const rsk_filing *filing)
{
  if (opts->company && *opts->company)
    return g_strstrip(g_strdup(opts->company));
  if (filing->company && *filing->company)
    return g_strdup(filing->company);
  size_t n = strcspn(filing->name, "_.");
  return g_strndup(filing->name, n ? n : strlen(filing->name));
}

static int worker_count(const analyze_options *opts)
{
  return opts->jobs > 0 ? opts->jobs : (int)g_get_num_processors();
}

/* ------------------------------------------------------- stage 1: setup */

static gpointer setup_thread(gpointer data)
{
  analyze_run *run = data;
  rsk_taxonomy *taxonomy = rsk_taxonomy_load(run->opts->taxonomy_path, &run->setup_error);
  g_mutex_lock(&run->setup_lock);
  run->taxonomy = taxonomy;
  run->taxonomy_done = TRUE;
  g_cond_broadcast(&run->setup_cond);
  g_mutex_unlock(&run->setup_lock);
  if (run->taxonomy)
    run->store = rsk_store_open(rsk_cli_db_path(run->opts->db_path), FALSE,
                                &run->setup_error);
  if (run->setup_error)
    g_atomic_int_set(&run->aborted, 1);
  return NULL;
}

/* ----------------------------------------------------- stage 1: extract */

static void extract(const analyze_options *opts, analyzed_filing *item)
{
  GError *error = NULL;
  rsk_document *doc = rsk_document_open(item->path, opts->password, &error);
  if (!doc) {
    item->error = error;
    return;
  }
  item->filing = rsk_filing_new(item->path);
  gboolean ok = rsk_document_read(doc, 1, 0, opts->jobs, item->filing, &error);
  rsk_document_free(doc);
  if (!ok)
    fail(item, error);
}

/* ----------------------------------------------------- stage 2: analyze */

typedef struct {
  const rsk_taxonomy *taxonomy;
  analyzed_filing *item;
  gint next;                     /* atomic: next risk factor to classify */
} classify_job;

static gpointer classify_worker(gpointer data)
{
  classify_job *job = data;
  const rsk_filing *filing = job->item->filing;
  guint i;
  while ((i = (guint)g_atomic_int_add(&job->next, 1)) < filing->risks->len)
    rsk_classify(job->taxonomy, filing,
                 &g_array_index(filing->risks, rsk_risk_factor, i),
                 &job->item->results[i]);
  return NULL;
}

/* Classifies every risk factor of ITEM, on up to JOBS threads (this one
 * included). */
static void classify_all(const rsk_taxonomy *taxonomy, analyzed_filing *item,
                         int jobs)
{
  guint n = item->filing->risks->len;
  item->results = g_new0(rsk_classification, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    rsk_classification_init(&item->results[i]);
  classify_job job = {.taxonomy = taxonomy, .item = item};
  guint helpers = (guint)CLAMP(jobs, 1, (int)MAX(n, 1)) - 1;
  GThread **threads = g_new0(GThread *, helpers + 1);
  for (guint t = 0; t < helpers; t++)
    threads[t] = g_thread_new("classify", classify_worker, &job);
  classify_worker(&job);
  for (guint t = 0; t < helpers; t++)
    g_thread_join(threads[t]);
  g_free(threads);
}

static void analyze(const analyze_run *run, analyzed_filing *item)
{
  rsk_filing *filing = item->filing;
  rsk_segment(filing);
  if (filing->risks->len == 0) {
    fail(item, g_error_new(RSK_ERROR, RSK_ERROR_NO_RISK_SECTION,
                           "%s: no Risk Factors section found in %d page%s; "
                           "nothing stored (riskscope extract shows what was read)",
                           filing->path, filing->page_count,
                           filing->page_count == 1 ? "" : "s"));
    return;
  }
  item->company = company_name(run->opts, filing);
  classify_all(run->taxonomy, item, worker_count(run->opts));
}

static gpointer analyze_thread(gpointer data)
{
  analyze_run *run = data;
  g_mutex_lock(&run->setup_lock);
  while (!run->taxonomy_done)
    g_cond_wait(&run->setup_cond, &run->setup_lock);
  gboolean failed = run->taxonomy == NULL;
  g_mutex_unlock(&run->setup_lock);
  /* A database error is the store thread's to report. */
  if (failed)
    rsk_cli_error(run->out, "%s", run->setup_error->message);

  analyzed_filing *item;
  while ((item = stage_queue_pop(&run->to_analyze))) {
    if (failed) {
      analyzed_filing_free(item);
      continue;
    }
    if (item->filing)
      analyze(run, item);
    stage_queue_push(&run->to_store, item);
  }
  stage_queue_push(&run->to_store, NULL);
  return NULL;
}

/* ------------------------------------------------------- stage 3: store */

/* The progress bar lives on the last line of the terminal and is drawn by
 * the store thread only, which also prints every result line: it clears
 * the bar, prints, and draws it again, so lines never run into it. */
static void progress_clear(analyze_run *run)
{
  if (run->progress)
    fputs("\r\033[K", run->out->err);
}

static void progress_draw(analyze_run *run, const char *path)
{
  if (!run->progress || run->done >= run->total)
    return;
  const int width = 24;
  int filled = (int)(width * run->done / run->total);
  g_autofree char *name = g_path_get_basename(path);
  fprintf(run->out->err, "[%.*s%*s] %u/%u %s", filled,
          "========================", width - filled, "", run->done,
          run->total, name);
  fflush(run->out->err);
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
  g_ptr_array_unref(order);
  g_hash_table_unref(counts);
}

static void store(analyze_run *run, analyzed_filing *item)
{
  rsk_store_analysis analysis = {
    .filing = item->filing,
    .company = item->company,
    .filed_date = item->filing->doc_date,
    .results = item->results,
    .taxonomy_name = rsk_taxonomy_name(run->taxonomy),
    .taxonomy_version = rsk_taxonomy_version(run->taxonomy),
  };
  gint64 id = 0;
  GError *error = NULL;
  if (rsk_store_put_filing(run->store, &analysis, &id, &error)) {
    print_summary(run, item, id);
    return;
  }
  item->error = g_error_new(error->domain, error->code, "%s: %s",
                            item->filing->name, error->message);
  g_error_free(error);
}

static gpointer store_thread(gpointer data)
{
  analyze_run *run = data;
  /* Nothing is reported before the setup is known to have succeeded. */
  g_thread_join(run->setup);
  run->setup = NULL;
  if (run->setup_error && run->taxonomy)
    rsk_cli_error(run->out, "%s", run->setup_error->message);
  analyzed_filing *item;
  while ((item = stage_queue_pop(&run->to_store))) {
    if (run->setup_error) {   /* the database: nothing is stored */
      analyzed_filing_free(item);
      continue;
    }
    progress_clear(run);
    if (item->filing)
      store(run, item);
    if (item->error) {
      rsk_cli_error(run->out, "%s", item->error->message);
      run->failures++;
    }
    run->done++;
    progress_draw(run, item->path);
    analyzed_filing_free(item);
  }
  return NULL;
}

/* ------------------------------------------------------------- the run */

/* Runs the pipeline over FILES; returns the exit status. */
static int run_batch(const analyze_options *opts, rsk_out *out, char **files,
                     guint total)
{
  rsk_out run_out = *out;
  if (opts->quiet)
    run_out.out = fopen("/dev/null", "w");
  analyze_run run = {.opts = opts, .out = &run_out, .total = total,
                     .progress = total > 1 && isatty(fileno(out->err))};
  stage_queue_init(&run.to_analyze, 1);
  stage_queue_init(&run.to_store, 1);
  g_mutex_init(&run.setup_lock);
  g_cond_init(&run.setup_cond);
  run.setup = g_thread_new("setup", setup_thread, &run);
  GThread *analyzer = g_thread_new("analyze", analyze_thread, &run);
  GThread *writer = g_thread_new("store", store_thread, &run);

  for (guint i = 0; i < total && !g_atomic_int_get(&run.aborted); i++) {
    analyzed_filing *item = g_new0(analyzed_filing, 1);
    item->path = files[i];
    extract(opts, item);
    stage_queue_push(&run.to_analyze, item);
  }
  stage_queue_push(&run.to_analyze, NULL);
  g_thread_join(analyzer);
  g_thread_join(writer);

  int status = run.setup_error || run.failures ? RSK_EXIT_FAILURE : RSK_EXIT_OK;
  g_clear_error(&run.setup_error);
  rsk_store_close(run.store);
  rsk_taxonomy_free(run.taxonomy);
  stage_queue_clear(&run.to_analyze);
  stage_queue_clear(&run.to_store);
  g_mutex_clear(&run.setup_lock);
  g_cond_clear(&run.setup_cond);
  if (opts->quiet)
    fclose(run_out.out);
  return status;
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
  if (opts.company && !*g_strstrip(opts.company)) {
    rsk_cli_error(out, "analyze: --company must not be blank");
    goto out;
  }
  if (opts.jobs < 0) {
    rsk_cli_error(out, "analyze: --jobs must be 0 or more");
    goto out;
  }
  status = run_batch(&opts, out, argv + 1, (guint)argc - 1);

out:
  g_free(opts.db_path);
  g_free(opts.taxonomy_path);
  g_free(opts.company);
  g_free(opts.password);
  return status;
}
