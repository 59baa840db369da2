/* output_file.c - write a whole output (export, report) to a path safely
 *
 * The atomic temporary-file-and-rename is right for files and wrong for
 * everything else: renamed over /dev/null it turns the device into a
 * regular file for every program on the machine (as root nothing stops
 * it), over a FIFO it leaves the reader waiting forever. So the path is
 * looked at first (lstat: a link is seen as a link) and, for a stream,
 * opened with O_NOFOLLOW and checked again with fstat, so nothing swapped
 * in between is written through.
 *
 * SPDX-License-Identifier: MIT
 */
#include "output_file.h"

#include "rsk_error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rsk_output {
  char *path;
  char *tmp_path;      /* NULL when writing straight into PATH */
  FILE *stream;
  gboolean is_file;    /* regular file: sync it */
};

static gboolean fail_errno(GError **error, const char *path, int err)
{
  g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s", path, g_strerror(err));
  return FALSE;
}

static gboolean is_stream(mode_t mode)
{
  return S_ISCHR(mode) || S_ISFIFO(mode) || S_ISSOCK(mode);
}

/* The descriptor PATH names among ours ("/dev/stdout", "/dev/fd/3",
 * "/proc/self/fd/3"), or -1. */
static int own_descriptor(const char *path)
{
  if (strcmp(path, "/dev/stdout") == 0)
    return STDOUT_FILENO;
  if (strcmp(path, "/dev/stderr") == 0)
    return STDERR_FILENO;
  const char *n = NULL;
  if (g_str_has_prefix(path, "/dev/fd/"))
    n = path + strlen("/dev/fd/");
  else if (g_str_has_prefix(path, "/proc/self/fd/"))
    n = path + strlen("/proc/self/fd/");
  if (!n || !g_ascii_isdigit(*n))
    return -1;
  char *end = NULL;
  guint64 fd = g_ascii_strtoull(n, &end, 10);
  return *end == '\0' && fd <= G_MAXINT ? (int)fd : -1;
}

static rsk_output *output_new(const char *path, FILE *stream, char *tmp_path)
{
  rsk_output *out = g_new0(rsk_output, 1);
  out->path = g_strdup(path);
  out->stream = stream;
  out->tmp_path = tmp_path;
  out->is_file = tmp_path != NULL;
  return out;
}

/* A descriptor of ours: a duplicate, so closing the stream leaves it. */
static rsk_output *open_descriptor(const char *path, int fd, GError **error)
{
  int copy = dup(fd);
  FILE *stream = copy >= 0 ? fdopen(copy, "w") : NULL;
  if (!stream) {
    int err = errno;
    if (copy >= 0)
      close(copy);
    fail_errno(error, path, err);
    return NULL;
  }
  return output_new(path, stream, NULL);
}

/* A device, FIFO or socket, written straight into. FOLLOW: PATH is a link
 * the caller found to end at one. */
static rsk_output *open_stream(const char *path, gboolean follow, GError **error)
{
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
  if (fd < 0) {
    fail_errno(error, path, errno);
    return NULL;
  }
  struct stat st;
  int err = fstat(fd, &st) != 0 ? errno : 0;
  if (err || !is_stream(st.st_mode)) {
    close(fd);
    if (err)
      fail_errno(error, path, err);
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_IO,
                  "%s: changed while it was being opened; not written", path);
    return NULL;
  }
  FILE *stream = fdopen(fd, "w");
  if (!stream) {
    err = errno;
    close(fd);
    fail_errno(error, path, err);
    return NULL;
  }
  return output_new(path, stream, NULL);
}

/* A temporary file beside PATH, with the permissions of the file it will
 * replace (MODE, 0 for a new file: 0666 less the umask). */
static rsk_output *open_temp(const char *path, mode_t mode, GError **error)
{
  char *tmp_path = g_strdup_printf("%s.XXXXXX", path);
  int fd = g_mkstemp(tmp_path);
  if (fd < 0) {
    fail_errno(error, path, errno);
    g_free(tmp_path);
    return NULL;
  }
  if (!mode) {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  fchmod(fd, mode & 07777);
  FILE *stream = fdopen(fd, "w");
  if (!stream) {
    int err = errno;
    close(fd);
    g_unlink(tmp_path);
    g_free(tmp_path);
    fail_errno(error, path, err);
    return NULL;
  }
  return output_new(path, stream, tmp_path);
}

rsk_output *rsk_output_open(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  int fd = own_descriptor(path);
  if (fd >= 0)
    return open_descriptor(path, fd, error);

  struct stat st;
  if (lstat(path, &st) != 0) {
    if (errno == ENOENT)
      return open_temp(path, 0, error);
    fail_errno(error, path, errno);
    return NULL;
  }
  if (S_ISREG(st.st_mode))
    return open_temp(path, st.st_mode, error);
  if (is_stream(st.st_mode))
    return open_stream(path, FALSE, error);
  if (S_ISLNK(st.st_mode)) {
    struct stat target;
    if (stat(path, &target) == 0 && is_stream(target.st_mode))
      return open_stream(path, TRUE, error);
    g_autofree char *to = g_file_read_link(path, NULL);
    g_set_error(error, RSK_ERROR, RSK_ERROR_IO,
                "%s: a symbolic link (to %s); riskscope writes only to the "
                "file you name: give that file's own path, or remove the link",
                path, to ? to : "?");
    return NULL;
  }
  g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: %s; name a file to write",
              path, S_ISDIR(st.st_mode) ? "is a directory"
                    : S_ISBLK(st.st_mode) ? "is a block device (a disk)"
                                          : "is not a file");
  return NULL;
}

FILE *rsk_output_stream(rsk_output *output)
{
  return output->stream;
}

gboolean rsk_output_close(rsk_output *output, gboolean ok, GError **error)
{
  if (!output)
    return FALSE;
  gboolean written = TRUE;
  int err = 0;
  errno = 0;
  if (fflush(output->stream) != 0 || ferror(output->stream)) {
    written = FALSE;
    err = errno;
  } else if (output->is_file && fsync(fileno(output->stream)) != 0) {
    written = FALSE;
    err = errno;
  }
  if (fclose(output->stream) != 0 && written) {
    written = FALSE;
    err = errno;
  }
  if (written && ok && output->tmp_path &&
      g_rename(output->tmp_path, output->path) != 0) {
    written = FALSE;
    err = errno;
  }
  if (!written && ok) {
    if (err)
      fail_errno(error, output->path, err);
    else
      g_set_error(error, RSK_ERROR, RSK_ERROR_IO, "%s: write error",
                  output->path);
  }
  if (output->tmp_path && !(written && ok))
    g_unlink(output->tmp_path);
  g_free(output->tmp_path);
  g_free(output->path);
  g_free(output);
  return written && ok;
}
