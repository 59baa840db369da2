/* robust.h - helpers of the end-to-end bad-input and database-fault tests
 *
 * The tests run the built riskscope ($RISKSCOPE_EXE) as a separate process
 * on files they write into a fresh temporary directory, and check what a
 * user sees: the exit status, the stderr lines, and what ended up in the
 * database (read with the SQLite C API, not with riskscope itself).
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

/* A fresh temporary directory, readable by every user (some cases run
 * riskscope as "nobody"); remove with robust_dir_free(). */
char *robust_dir_new(void);
void robust_dir_free(char *dir);

/* One case's fresh temporary directory (robust_dir_new) and the path of a
 * database "case.db" in it: the CMocka setup makes it *STATE, the teardown
 * removes the directory. */
typedef struct {
  char *dir;
  char *db;
} robust_case;
int robust_case_setup(void **state);
int robust_case_teardown(void **state);

/* Writes a small good filing to DIR/NAME (a Hong Kong-style Risk Factors
 * section of N_RISKS risk factors, two sub-sections, running headers and
 * page numbers); SEED changes the company name and text, so two seeds give
 * two different sha256. Returns the path (g_free). */
char *robust_good_pdf(const char *dir, const char *name, int seed, int n_risks);

/* N good filings DIR/PREFIX_1.pdf ... (robust_good_pdf with seeds
 * FIRST_SEED, FIRST_SEED + 1, ...); a NULL-terminated array (g_strfreev). */
char **robust_good_batch(const char *dir, const char *prefix, int first_seed,
                         int n, int n_risks);

/* The same with TITLE (may be NULL) as the PDF's title metadata, which
 * riskscope takes for the company name when the cover names none. */
char *robust_good_pdf_titled(const char *dir, const char *name, int seed,
                             int n_risks, const char *title);

/* Runs riskscope with ARGS (NULL-terminated, without the executable) and
 * waits. *STATUS is the exit status, or 128 + signal; a run still going
 * after four minutes is killed (status 137) as hung. OUT and ERR (may be
 * NULL) receive the output (g_free). AS_UID >= 0 runs the child under that
 * uid and gid (only when we are root). Returns FALSE when it could not be
 * started. */
gboolean run_riskscope_as(const char *const *args, int as_uid, int *status,
                          char **out, char **err);
gboolean run_riskscope(const char *const *args, int *status, char **out,
                       char **err);
/* The same with the file at STDIN_PATH on the child's standard input. */
gboolean run_riskscope_stdin(const char *const *args, const char *stdin_path,
                             int *status, char **out, char **err);

/* Runs riskscope with ARGS with its standard output sent to STDOUT_PATH
 * (opened for writing, e.g. "/dev/full"), capturing stderr into ERR. */
gboolean run_riskscope_into(const char *const *args, const char *stdout_path,
                            int *status, char **err);

/* Runs riskscope with ARGS with files it writes limited to FILE_SIZE bytes
 * (RLIMIT_FSIZE, SIGXFSZ ignored): writes past it fail as on a full disk. */
gboolean run_riskscope_disk_full(const char *const *args, long file_size,
                                 int *status, char **err);

/* Starts riskscope with ARGS and returns at once; *OUT_FD and *ERR_FD (each
 * may be NULL: the stream goes to /dev/null) read what it prints. Reap it
 * with robust_wait(). Fails the test when it cannot be started. */
GPid robust_spawn(const char *const *args, int *out_fd, int *err_fd);

/* Waits for PID; its exit status, or 128 + the signal that ended it. */
int robust_wait(GPid pid);

/* Reads FD into TEXT until TEXT holds NEEDLE (TRUE) or the stream ends
 * (FALSE); NEEDLE NULL reads to the end. */
gboolean robust_read_until(int fd, GString *text, const char *needle);

/* What one run printed and how it ended, for cases that run many. */
typedef struct {
  char *out, *err;
  int status;
} robust_result;

/* Runs riskscope with ARGS into R, freeing what R held; fails the test
 * when it cannot be started. robust_expect() also checks the exit status,
 * printing both streams when it is not WANT. */
void robust_run(robust_result *r, const char *const *args);
void robust_expect(robust_result *r, int want, const char *const *args);
void robust_result_clear(robust_result *r);

#define ROBUST_RUN(r, ...) robust_run(r, (const char *const[]){__VA_ARGS__, NULL})
#define ROBUST_EXPECT(r, want, ...) \
  robust_expect(r, want, (const char *const[]){__VA_ARGS__, NULL})

/* The uid of "nobody" when we run as root and may switch to it, else -1
 * (then root-only permission tests are skipped visibly). */
int robust_unprivileged_uid(void);

/* Checks that ERR holds exactly one error line ("riskscope: ..." that is
 * not a warning), that it names NAME and contains one of the REASONS
 * (NULL-terminated, matched case-insensitively); and that nothing in ERR
 * comes from a sanitizer. Fails the cmocka test with the whole stderr
 * printed otherwise. */
void assert_one_error(const char *err, const char *name,
                      const char *const *reasons);

/* Checks that ERR has no error line (warnings are allowed) and no
 * sanitizer report. */
void assert_no_error(const char *err);

/* Rows of filings whose name is NAME in the database DB (-1 when the
 * database cannot be read). */
int db_count_filings(const char *db, const char *name);

/* Risk factors stored for the filing named NAME (-1 on error). */
int db_count_risks(const char *db, const char *name);

/* Runs SQL on DB and returns the first column of the first row as text
 * (g_free), or NULL on error. */
char *db_query_text(const char *db, const char *sql);

/* Executes SQL on DB; FALSE on error. */
gboolean db_exec(const char *db, const char *sql);

/* Writes LEN bytes of DATA to PATH; aborts the test on failure. */
void robust_write_file(const char *path, const void *data, gsize len);

/* Frees cairo's and fontconfig's process-wide caches, so LeakSanitizer
 * sees only real leaks. Call once at the end of main(). */
void robust_cleanup(void);

/* The tests/data directory of the source tree. */
const char *robust_data_dir(void);
