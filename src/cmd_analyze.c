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
 * The whole batch runs under the read watchdog (read_watchdog.h): a child
 * process over the memory or CPU limit of a page is killed, and the next
 * one takes the batch up at the first filing whose line is not out yet.
 *
 * Ctrl-C or SIGTERM: no new filing or page is started; the filing being
 * stored is finished (its transaction is short), the others are dropped,
 * and one line says what was stored and what was not; exit 128 + signal.
 * A second Ctrl-C ends the process at once: the database still holds no
 * half-stored filing, SQLite rolls back what was not committed.
 *
 * SPDX-License-Identifier: MIT
 */
#include "allocator.h"
#include "analyze_inputs.h"
#include "classifier.h"
#include "cli.h"
#include "document.h"
#include "export_text.h"
#include "issuer.h"
#include "page_guard.h"
#include "read_watchdog.h"
#include "rsk_error.h"
#include "segment.h"
#include "store.h"
#include "taxonomy.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  char *db_path;
  char *taxonomy_path;
  char *company;
  char *ticker;
  char *password;
  int jobs;
  int lock_timeout;              /* seconds */
  int max_memory;                /* MB */
  double max_page_seconds;
  gboolean quiet;
  rsk_inputs_request inputs;     /* --files-from, --shard, --force */
} analyze_options;

/* The signal that interrupted the batch, 0 while none did. */
static volatile sig_atomic_t interrupted;

/* One filing on its way through the pipeline. */
typedef struct {
  guint index;                   /* in the batch */
  const char *path;              /* borrowed from the file list */
  rsk_filing *filing;            /* NULL once failed */
  rsk_classification *results;   /* one per risk factor */
  char *company;
  GError *error;                 /* why it failed */
  gboolean dropped;              /* left out by an interrupt: no error */
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
  guint stored;                  /* likewise */
  GPtrArray *not_stored;         /* const char *: paths dropped by an interrupt */
  rsk_cli_lock_notice lock_notice;
  rsk_lock_wait lock_wait;
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

/* The company: --company, else what the document says (issuer.h: the
 * cover, metadata, ... and last the file name), a weak source flagged. */
static char *company_name(const analyze_options *opts, rsk_filing *filing)
{
  if (opts->company && *opts->company)
    return g_strdup(opts->company);
  const char *flag = rsk_company_source_flag(filing->company_source);
  if (flag)
    rsk_filing_flag(filing, "%s", flag);
  return g_strdup(filing->company);
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
    run->store = rsk_store_open_waiting(rsk_cli_db_path(run->opts->db_path),
                                        FALSE, &run->lock_wait, &run->setup_error);
  if (run->setup_error)
    g_atomic_int_set(&run->aborted, 1);
  return NULL;
}

/* ----------------------------------------------------- stage 1: extract */

static void extract(const analyze_options *opts, analyzed_filing *item)
{
  GError *error = NULL;
  if (rsk_watchdog_gave_up(item->index, item->path, &error)) {
    item->error = error;
    return;
  }
  rsk_watchdog_reading((int)item->index);
  rsk_document *doc = rsk_document_open(item->path, opts->password, &error);
  if (!doc) {
    rsk_watchdog_reading(-1);
    item->error = error;
    return;
  }
  item->filing = rsk_filing_new(item->path);
  gboolean ok = rsk_document_read(doc, 1, 0, opts->jobs, item->filing, &error);
  rsk_document_free(doc);
  rsk_watchdog_reading(-1);
  if (!ok) {
    /* A document whose pages were left out (page_guard.h) may have no text
     * for that reason: say so. */
    GPtrArray *flags = item->filing->flags;
    if (flags->len) {
      GError *why = g_error_new(error->domain, error->code, "%s (%s%s)",
                                error->message, (const char *)flags->pdata[0],
                                flags->len > 1 ? ", and more" : "");
      g_error_free(error);
      error = why;
    }
    fail(item, error);
  }
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

/* Why FILING has no risk factors: no section, a section that says it
 * does not apply, or a section without risk-factor headings (a 10-Q's
 * that only refers to the annual report). */
static GError *no_risks_error(const rsk_filing *filing)
{
  for (guint i = 0; i < filing->flags->len; i++) {
    int page;
    if (sscanf(g_ptr_array_index(filing->flags, i), "risk_section_not_applicable: page %d",
               &page) == 1)
      return g_error_new(RSK_ERROR, RSK_ERROR_NO_RISK_SECTION,
                         "%s: page %d: the Risk Factors item reads \"Not applicable\": "
                         "the filing discloses no risk factors; nothing stored",
                         filing->path, page);
  }
  if (filing->risk_first_page > 0) {
    g_autofree char *pages =
        filing->risk_first_page == filing->risk_last_page
            ? g_strdup_printf("page %d", filing->risk_first_page)
            : g_strdup_printf("pages %d-%d", filing->risk_first_page, filing->risk_last_page);
    return g_error_new(RSK_ERROR, RSK_ERROR_NO_RISK_SECTION,
                       "%s: %s: a Risk Factors section without risk-factor headings "
                       "(it may only refer to another filing); nothing stored",
                       filing->path, pages);
  }
  return g_error_new(RSK_ERROR, RSK_ERROR_NO_RISK_SECTION,
                     "%s: no Risk Factors section found in %d page%s; "
                     "nothing stored (riskscope extract shows what was read)",
                     filing->path, filing->page_count, filing->page_count == 1 ? "" : "s");
}

static void analyze(const analyze_run *run, analyzed_filing *item)
{
  rsk_filing *filing = item->filing;
  rsk_segment(filing);
  if (filing->risks->len == 0) {
    fail(item, no_risks_error(filing));
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
    if (interrupted || g_error_matches(item->error, RSK_ERROR,
                                       RSK_ERROR_INTERRUPTED))
      item->dropped = TRUE;
    else if (item->filing)
      analyze(run, item);
    stage_queue_push(&run->to_store, item);
  }
  stage_queue_push(&run->to_store, NULL);
  return NULL;
}

/* ------------------------------------------------------- stage 3: store */

/* The progress bar lives on the last line of the terminal and is drawn by
 * the store thread only, which also prints every result line: it clears
 * the bar, prints, and draws it again, so lines never run into it. The bar
 * is fitted to the terminal's width as it is at each draw, one column
 * short of it: a line that reaches the last column wraps on some
 * terminals, and "\r\033[K" then clears only its second half, leaving the
 * first as a stale line. */
static void progress_clear(analyze_run *run)
{
  if (run->progress)
    fputs("\r\033[K", run->out->err);
}

static void progress_draw(analyze_run *run, const char *path)
{
  if (!run->progress || run->done >= run->total)
    return;
  int columns = rsk_cli_tty_columns(run->out->err);
  int room = (columns > 0 ? columns : 80) - 1;
  int width = CLAMP(room / 4, 4, 24);
  int filled = (int)(width * run->done / run->total);
  g_autofree char *name = g_path_get_basename(path);
  GString *line = g_string_new("[");
  for (int i = 0; i < width; i++)
    g_string_append_c(line, i < filled ? '=' : ' ');
  g_string_append_printf(line, "] %u/%u", run->done, run->total);
  int left = room - rsk_text_width(line->str) - 1;
  if (left >= 4) {
    g_string_append_c(line, ' ');
    rsk_text_fit(line, name, MIN(left, rsk_text_width(name)), FALSE);
  }
  /* A terminal too narrow even for the bar gets the counts alone. */
  if (rsk_text_width(line->str) > room)
    g_string_printf(line, "%u/%u", run->done, run->total);
  if (rsk_text_width(line->str) <= room)
    fputs(line->str, run->out->err);
  fflush(run->out->err);
  g_string_free(line, TRUE);
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
  rsk_cli_print(o, "%s: [%" G_GINT64_FORMAT "] %s, %s, %d pages; risk factors on pages %d-%d: %u found, %d tagged",
          filing->name, filing_id, item->company, filing->doc_type,
          filing->page_count, filing->risk_first_page, filing->risk_last_page,
          filing->risks->len, tagged);
  for (guint i = 0; i < order->len; i++)
    rsk_cli_print(o, "%s %s %d", i ? "," : ";", (const char *)order->pdata[i],
            GPOINTER_TO_INT(g_hash_table_lookup(counts, order->pdata[i])));
  fputc('\n', o);
  for (guint i = 0; i < filing->flags->len; i++)
    rsk_cli_print(run->out->err, "riskscope: %s: warning: %s\n", filing->name,
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
    .ticker = run->opts->ticker,
    .period_end = item->filing->period_end,
    .document_date = item->filing->document_date,
    .results = item->results,
    .taxonomy_name = rsk_taxonomy_name(run->taxonomy),
    .taxonomy_version = rsk_taxonomy_version(run->taxonomy),
    .taxonomy = run->taxonomy,
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
    /* After an interrupt nothing new is stored; a transaction under way
     * when it came was finished before this loop got here. */
    if (interrupted || item->dropped) {
      g_ptr_array_add(run->not_stored, (gpointer)item->path);
    } else if (item->filing) {
      store(run, item);
      run->stored += item->error == NULL;
    }
    if (item->error && !item->dropped && !interrupted) {
      rsk_cli_error(run->out, "%s", item->error->message);
      run->failures++;
    }
    rsk_watchdog_reported(item->index, item->error != NULL);
    run->done++;
    progress_draw(run, item->path);
    analyzed_filing_free(item);
    if (run->done < run->total)   /* not before the process exits */
      rsk_allocator_release_freed();
  }
  return NULL;
}

/* ------------------------------------------------------------- the run */

/* A first SIGINT or SIGTERM winds the batch down; a second one ends the
 * process at once. */
static void on_interrupt(int sig)
{
  if (interrupted) {
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  interrupted = sig;
  rsk_page_guard_cancel();
}

static void catch_interrupts(void)
{
  struct sigaction sa = {.sa_handler = on_interrupt};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

/* "riskscope: interrupted: ..." naming what was stored and what was not. */
static void report_interrupt(analyze_run *run, char **files, guint from,
                             guint total, guint stored_before)
{
  guint shown = 0;
  GString *names = g_string_new(NULL);
  for (guint i = 0; i < run->not_stored->len + (total - from); i++) {
    const char *path = i < run->not_stored->len
                           ? g_ptr_array_index(run->not_stored, i)
                           : files[from + i - run->not_stored->len];
    if (shown++ < 10) {
      g_autofree char *name = g_path_get_basename(path);
      g_string_append_printf(names, "%s%s", names->len ? ", " : "", name);
    }
  }
  if (shown > 10)
    g_string_append_printf(names, " and %u more", shown - 10);
  guint stored = stored_before + run->stored;
  rsk_cli_error(run->out, "interrupted (%s): %u filing%s stored, each with its "
                "line above; %u not stored%s%s", g_strsignal(interrupted),
                stored, stored == 1 ? "" : "s", shown, shown ? ": " : "",
                names->str);
  g_string_free(names, TRUE);
}

typedef struct {
  const analyze_options *opts;
  rsk_out *out;
  char **files;
  guint total;
} batch;

/* Runs the pipeline over the batch's files, from the first one no earlier
 * watchdog child reported; returns the exit status. */
static int run_batch(gpointer data)
{
  const batch *b = data;
  const analyze_options *opts = b->opts;
  rsk_out run_out = *b->out;
  if (opts->quiet)
    run_out.out = fopen("/dev/null", "w");
  guint first = rsk_watchdog_first_item();
  analyze_run run = {.opts = opts, .out = &run_out, .total = b->total,
                     .done = first, .not_stored = g_ptr_array_new(),
                     .progress = b->total > 1 && isatty(fileno(b->out->err))};
  run.lock_notice = (rsk_cli_lock_notice){.out = &run_out,
                                          .seconds = opts->lock_timeout};
  run.lock_wait = rsk_cli_lock_wait(&run.lock_notice);
  catch_interrupts();
  stage_queue_init(&run.to_analyze, 1);
  stage_queue_init(&run.to_store, 1);
  g_mutex_init(&run.setup_lock);
  g_cond_init(&run.setup_cond);
  run.setup = g_thread_new("setup", setup_thread, &run);
  GThread *analyzer = g_thread_new("analyze", analyze_thread, &run);
  GThread *writer = g_thread_new("store", store_thread, &run);

  guint i = first;
  for (; i < b->total && !g_atomic_int_get(&run.aborted) && !interrupted; i++) {
    analyzed_filing *item = g_new0(analyzed_filing, 1);
    item->index = i;
    item->path = b->files[i];
    extract(opts, item);
    stage_queue_push(&run.to_analyze, item);
  }
  stage_queue_push(&run.to_analyze, NULL);
  g_thread_join(analyzer);
  g_thread_join(writer);

  guint failures = (guint)run.failures + rsk_watchdog_earlier_failures();
  int status = run.setup_error || failures ? RSK_EXIT_FAILURE : RSK_EXIT_OK;
  if (interrupted && !run.setup_error) {
    progress_clear(&run);
    report_interrupt(&run, b->files, i, b->total,
                     first - rsk_watchdog_earlier_failures());
    status = 128 + interrupted;
  }
  g_ptr_array_unref(run.not_stored);
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
  analyze_options opts = {.lock_timeout = RSK_LOCK_TIMEOUT_S,
                          .max_memory = RSK_WATCHDOG_MAX_MEMORY_MB,
                          .max_page_seconds = RSK_WATCHDOG_MAX_PAGE_SECONDS};
  char *shard = NULL;
  rsk_inputs inputs = {0};
  GError *error = NULL;
  const GOptionEntry entries[] = {
    {"db", 0, 0, G_OPTION_ARG_FILENAME, &opts.db_path,
     "Database (default: $RISKSCOPE_DB or riskscope.db)", "PATH"},
    {"company", 0, 0, G_OPTION_ARG_STRING, &opts.company,
     "Company name for every FILE (default: the cover's)", "NAME"},
    {"ticker", 0, 0, G_OPTION_ARG_STRING, &opts.ticker,
     "Ticker for every FILE (default: from the cover)", "SYMBOL"},
    {"taxonomy", 0, 0, G_OPTION_ARG_FILENAME, &opts.taxonomy_path,
     "Taxonomy JSON file (default: the built-in one)", "PATH"},
    {"password", 0, 0, G_OPTION_ARG_STRING, &opts.password,
     "Password for encrypted PDFs", "PW"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opts.jobs,
     "Worker threads per filing (default: number of cores)", "N"},
    RSK_CLI_LOCK_TIMEOUT_OPTION(&opts.lock_timeout),
    {"max-memory", 0, 0, G_OPTION_ARG_INT, &opts.max_memory,
     "Memory limit in MB; pages over it are skipped (400)", "MB"},
    {"max-page-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &opts.max_page_seconds,
     "CPU seconds a page may take to read (default 20)", "S"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet,
     "Print only errors", NULL},
    {"files-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opts.inputs.files_from,
     "Also the paths in LIST, one a line (-: stdin)", "LIST"},
    {"null", '0', 0, G_OPTION_ARG_NONE, &opts.inputs.null_separated,
     "LIST is NUL-separated (find -print0)", NULL},
    {"shard", 0, 0, G_OPTION_ARG_STRING, &shard,
     "Only shard K of N of the files (by path hash)", "K/N"},
    {"force", 0, 0, G_OPTION_ARG_NONE, &opts.inputs.force,
     "Analyse again files the database already holds", NULL},
    {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &opts.inputs.dry_run,
     "Print the files it would analyse, and stop", NULL},
    G_OPTION_ENTRY_NULL,
  };
  int status = RSK_EXIT_USAGE;

  if (!rsk_cli_parse(out, "analyze", "[FILE...]",
                     "Extract, segment, tag and store each FILE: a PDF, an EDGAR HTML or\n"
                     "inline-XBRL filing, or a full-submission .txt. One line per filing on\n"
                     "stdout; failures on stderr as \"riskscope: FILE: reason\" and the\n"
                     "batch goes on. Exit status 1 when any file failed.\n"
                     "A page over --max-memory or --max-page-seconds is left out with a\n"
                     "warning. Ctrl-C (SIGTERM) finishes the filing being stored, says what\n"
                     "was stored, and exits 130 (143).\n\n"
                     "Resume: a file whose sha256 the database already holds with this\n"
                     "taxonomy version is skipped, so a killed batch run again goes on\n"
                     "where it stopped; --force analyses it again.\n"
                     "Batches: `find DIR -name '*.pdf' | riskscope analyze --files-from -`.\n"
                     "A cluster task K of N: --shard K/N --db shard-K.db, then riskscope\n"
                     "merge (contrib/slurm/README.md). Every task must get the same list.",
                     entries, &argc, &argv))
    goto out;
  if (opts.company && !*g_strstrip(opts.company)) {
    rsk_cli_error(out, "analyze: --company must not be blank");
    goto out;
  }
  if (opts.ticker && !*g_strstrip(opts.ticker)) {
    rsk_cli_error(out, "analyze: --ticker must not be blank");
    goto out;
  }
  if (opts.ticker) {
    char *upper = g_ascii_strup(opts.ticker, -1);
    g_free(opts.ticker);
    opts.ticker = upper;
  }
  if (opts.jobs < 0) {
    rsk_cli_error(out, "analyze: --jobs must be 0 or more");
    goto out;
  }
  if (opts.lock_timeout < 0 || opts.max_memory < 64 ||
      !(opts.max_page_seconds > 0)) {
    rsk_cli_error(out, "analyze: --lock-timeout must be 0 or more, --max-memory "
                  "64 or more, --max-page-seconds more than 0");
    goto out;
  }
  opts.inputs.shard = shard;
  opts.inputs.db_path = opts.db_path;
  opts.inputs.taxonomy_path = opts.taxonomy_path;
  opts.inputs.jobs = opts.jobs;
  if (!rsk_inputs_gather(&opts.inputs, argv + 1, (guint)argc - 1, &inputs,
                         &error)) {
    rsk_cli_error(out, "%s", error->message);
    if (error->code == RSK_ERROR_USAGE)
      fprintf(out->err, "try \"riskscope analyze --help\"\n");
    else
      status = RSK_EXIT_FAILURE;
    goto out;
  }
  if (!opts.quiet)
    rsk_inputs_report(&inputs, opts.db_path, out);
  if (opts.inputs.dry_run) {
    for (guint i = 0; i < inputs.files->len; i++)
      fprintf(out->out, "%s%c", (char *)inputs.files->pdata[i],
              opts.inputs.null_separated ? '\0' : '\n');
    status = RSK_EXIT_OK;
    goto out;
  }
  batch b = {.opts = &opts, .out = out, .files = (char **)inputs.files->pdata,
             .total = inputs.files->len};
  rsk_watchdog_limits limits = {
    .max_memory = (guint64)opts.max_memory << 20,
    .max_page_seconds = opts.max_page_seconds,
  };
  status = rsk_watchdog_run(&limits, b.total, run_batch, &b);

out:
  rsk_inputs_clear(&inputs);
  g_clear_error(&error);
  g_free(shard);
  g_strfreev(opts.inputs.files_from);
  g_free(opts.db_path);
  g_free(opts.taxonomy_path);
  g_free(opts.company);
  g_free(opts.ticker);
  g_free(opts.password);
  return status;
}
