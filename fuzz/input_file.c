/* input_file.c - a fuzz input written to a file, for code that reads paths
 *
 * SPDX-License-Identifier: MIT
 */
#include "input_file.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *input_path;

static void remove_input(void)
{
  if (input_path)
    g_unlink(input_path);
  g_free(input_path);
}

const char *rsk_fuzz_input_file(const char *name, const uint8_t *data, size_t size)
{
  if (!input_path) {
    input_path = g_strdup_printf("%s/%d.%s", g_get_tmp_dir(), (int)getpid(), name);
    atexit(remove_input);
  }
  FILE *f = fopen(input_path, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  return input_path;
}
