/* store.c - placeholder until the storage stage lands */
#include "store.h"
#include "rsk_error.h"

rsk_store *rsk_store_open(const char *path, gboolean read_only, GError **error)
{
  (void)read_only;
  g_set_error(error, RSK_ERROR, RSK_ERROR_DB, "%s: not implemented", path);
  return NULL;
}
void rsk_store_close(rsk_store *store) { (void)store; }
gboolean rsk_store_put_filing(rsk_store *s, const rsk_store_analysis *a, gint64 *id, GError **error)
{
  (void)s; (void)a; (void)id;
  g_set_error(error, RSK_ERROR, RSK_ERROR_DB, "not implemented");
  return FALSE;
}
struct sqlite3 *rsk_store_db(rsk_store *store) { (void)store; return NULL; }
