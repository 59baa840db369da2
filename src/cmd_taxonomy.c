/* cmd_taxonomy.c - riskscope taxonomy check|list [PATH]
 *
 * "check" validates a taxonomy file and prints every problem, one per line,
 * naming the category, the pattern and the offset; "list" prints the
 * categories (or, with --regulations, the registry of named instruments).
 * Without PATH both work on the built-in taxonomy.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "taxonomy.h"

#include <string.h>

/* Loads PATH for check and list, printing every error; NULL on any. */
static rsk_taxonomy *load(const char *path, rsk_out *out)
{
  g_autoptr(GPtrArray) errors = NULL;
  rsk_taxonomy *tax = rsk_taxonomy_load_checked(path, &errors);
  for (guint i = 0; i < errors->len; i++)
    rsk_cli_error(out, "%s", (const char *)g_ptr_array_index(errors, i));
  return tax;
}

static int run_check(const char *path, rsk_out *out)
{
  /* Warnings are shown with the errors: a file with both gets both. */
  g_autoptr(GPtrArray) warnings = NULL;
  rsk_taxonomy *tax = NULL;
  g_autoptr(GPtrArray) errors = rsk_taxonomy_check(path, &warnings, &tax);
  for (guint i = 0; i < errors->len; i++)
    rsk_cli_error(out, "%s", (const char *)g_ptr_array_index(errors, i));
  for (guint i = 0; i < warnings->len; i++)
    rsk_cli_error(out, "%s", (const char *)g_ptr_array_index(warnings, i));
  if (!tax)
    return RSK_EXIT_FAILURE;
  guint rules = 0;
  for (guint i = 0; i < rsk_taxonomy_n_categories(tax); i++)
    rules += rsk_taxonomy_category_n_rules(tax, i);
  if (out->verbosity > 0)
    rsk_cli_print(out->out, "%s: ok: %s %s, %u categories, %u rules, %u regulations%s\n",
            rsk_taxonomy_origin(tax), rsk_taxonomy_name(tax), rsk_taxonomy_version(tax),
            rsk_taxonomy_n_categories(tax), rules, rsk_taxonomy_n_regulations(tax),
            warnings->len ? " (with warnings, above)" : "");
  rsk_taxonomy_free(tax);
  return RSK_EXIT_OK;
}

static void list_regulations(const rsk_taxonomy *tax, rsk_out *out)
{
  for (guint i = 0; i < rsk_taxonomy_n_regulations(tax); i++) {
    const rsk_regulation_info *r = rsk_taxonomy_regulation(tax, i);
    g_autofree char *cats = g_strjoinv(",", (char **)r->categories);
    rsk_cli_print(out->out, "%-16s %-4s %s", r->id, r->jurisdiction, r->name);
    if (*r->name_zh)
      rsk_cli_print(out->out, " (%s)", r->name_zh);
    fputc('\n', out->out);
    if (out->verbosity > 0) {
      rsk_cli_print(out->out, "%-21s short: %s; authority: %s; %s\n", "", r->short_name,
              r->authority, r->date);
      if (*cats)
        rsk_cli_print(out->out, "%-21s categories: %s\n", "", cats);
    }
  }
}

static int run_list(const char *path, gboolean regulations, rsk_out *out)
{
  rsk_taxonomy *tax = load(path, out);
  if (!tax)
    return RSK_EXIT_FAILURE;
  if (regulations) {
    list_regulations(tax, out);
  } else {
    rsk_cli_print(out->out, "# %s %s (%s)\n", rsk_taxonomy_name(tax), rsk_taxonomy_version(tax),
            rsk_taxonomy_origin(tax));
    for (guint i = 0; i < rsk_taxonomy_n_categories(tax); i++) {
      rsk_cli_print(out->out, "%-30s %3u rules  %s\n", rsk_taxonomy_category_id(tax, i),
              rsk_taxonomy_category_n_rules(tax, i), rsk_taxonomy_category_label(tax, i));
    }
  }
  rsk_taxonomy_free(tax);
  return RSK_EXIT_OK;
}

int rsk_cmd_taxonomy(int argc, char **argv, rsk_out *out)
{
  gboolean regulations = FALSE, quiet = FALSE;
  const GOptionEntry entries[] = {
    {"regulations", 'r', 0, G_OPTION_ARG_NONE, &regulations,
     "list: the named regulations, not the categories", NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "check: print only errors", NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  if (!rsk_cli_parse(out, "taxonomy", "check|list [PATH]",
                     "Validate a taxonomy file (check) or print its categories (list).\n"
                     "Without PATH: the built-in AI-regulation taxonomy.",
                     entries, &argc, &argv))
    return RSK_EXIT_USAGE;
  if (quiet)
    out->verbosity = 0;
  if (argc < 2 || argc > 3 ||
      (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "list") != 0)) {
    rsk_cli_error(out, "taxonomy: expected \"check [PATH]\" or \"list [PATH]\"");
    fprintf(out->err, "try \"riskscope taxonomy --help\"\n");
    return RSK_EXIT_USAGE;
  }
  const char *path = argc == 3 ? argv[2] : NULL;
  if (strcmp(argv[1], "check") == 0)
    return run_check(path, out);
  return run_list(path, regulations, out);
}
