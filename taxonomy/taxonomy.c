/* taxonomy.c - placeholder until the taxonomy stage lands */
#include "taxonomy.h"
#include "rsk_error.h"

rsk_taxonomy *rsk_taxonomy_load(const char *path, GError **error)
{
  g_set_error(error, RSK_ERROR, RSK_ERROR_TAXONOMY, "%s: not implemented", path ? path : "built-in");
  return NULL;
}
rsk_taxonomy *rsk_taxonomy_load_data(const char *json, gsize len, const char *origin, GError **error)
{
  (void)json; (void)len;
  g_set_error(error, RSK_ERROR, RSK_ERROR_TAXONOMY, "%s: not implemented", origin);
  return NULL;
}
void rsk_taxonomy_free(rsk_taxonomy *taxonomy) { (void)taxonomy; }
const char *rsk_taxonomy_name(const rsk_taxonomy *t) { (void)t; return ""; }
const char *rsk_taxonomy_version(const rsk_taxonomy *t) { (void)t; return ""; }
guint rsk_taxonomy_n_categories(const rsk_taxonomy *t) { (void)t; return 0; }
const char *rsk_taxonomy_category_id(const rsk_taxonomy *t, guint i) { (void)t; (void)i; return ""; }
const char *rsk_taxonomy_category_label(const rsk_taxonomy *t, guint i) { (void)t; (void)i; return ""; }
