/* pdf.c - placeholder until the extraction stage lands */
#include "pdf.h"
#include "rsk_error.h"

rsk_document *rsk_document_open(const char *path, const char *password, GError **error)
{
  (void)password;
  g_set_error(error, RSK_ERROR, RSK_ERROR_PDF, "%s: not implemented", path);
  return NULL;
}
void rsk_document_free(rsk_document *doc) { (void)doc; }
int rsk_document_page_count(const rsk_document *doc) { (void)doc; return 0; }
gboolean rsk_document_read(rsk_document *doc, int first, int last, int jobs,
                           rsk_filing *filing, GError **error)
{
  (void)doc; (void)first; (void)last; (void)jobs; (void)filing;
  g_set_error(error, RSK_ERROR, RSK_ERROR_PDF, "not implemented");
  return FALSE;
}
