/* html_floor.c - the least time any reader on libxml2's HTML parser needs
 *
 *   html_floor FILE.html
 *
 * Parses FILE with libxml2's SAX HTML parser, the one extractors/
 * html_reader.c uses, with callbacks that do nothing: no styles, no lines,
 * no tree. bench/run.sh --html times it beside pdftotext on the print and
 * riskscope analyze on the HTML, so that the analyze/pdftotext target can
 * be read against what the parser alone costs on this machine.
 *
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
  (void)ctx, (void)name, (void)attrs;
}

static void on_end(void *ctx, const xmlChar *name)
{
  (void)ctx, (void)name;
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
  (void)ctx, (void)text, (void)len;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: html_floor FILE.html\n");
    return 2;
  }
  gchar *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  if (!g_file_get_contents(argv[1], &data, &len, &error) || len > G_MAXINT) {
    fprintf(stderr, "html_floor: %s: %s\n", argv[1], error ? error->message : "too large");
    return 1;
  }
  htmlSAXHandler sax = {.startElement = on_start, .endElement = on_end,
                        .characters = on_text, .ignorableWhitespace = on_text,
                        .cdataBlock = on_text};
  htmlParserCtxtPtr ctx = htmlCreateMemoryParserCtxt(data, (int)len);
  if (!ctx) {
    fprintf(stderr, "html_floor: %s: cannot make a parser\n", argv[1]);
    return 1;
  }
  /* The reader's own order and options. */
  *ctx->sax = sax;
  ctx->userData = NULL;
  htmlCtxtUseOptions(ctx, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
  htmlParseDocument(ctx);
  htmlFreeParserCtxt(ctx);
  g_free(data);
  return 0;
}
