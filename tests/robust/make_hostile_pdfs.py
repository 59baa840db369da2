#!/usr/bin/env python3
# make_hostile_pdfs.py - write small PDFs built to exhaust memory or time
#
#   python3 make_hostile_pdfs.py DIR [NAME...]
#
# Each file is a few kilobytes: the content streams are Flate-compressed
# repetitions that expand a thousandfold when a reader parses them.
#
#   shared-q.pdf        8 pages sharing one content stream of 3 million
#                       unbalanced "q" (save graphics state, never restored)
#   deep-q.pdf          one page with 2 million "q"
#   huge-text.pdf       one 3000-point page of 336,000 characters (210,000
#                       not spaces), more than a page may hold in riskscope
#                       (RSK_PAGE_MAX_CHARS)
#   vast-text.pdf       one 14400-point page (the largest PDF allows) of 5
#                       million characters
#   nested-xobjects.pdf form XObjects nested 7 deep, each drawing the one
#                       below 10 times: 10 million "Hello" on one page
#   huge-path.pdf       one page building a path of 4 million segments that
#                       is never painted
#   page-tree-loop.pdf  a page tree whose /Kids lead back to its root
#   inflated-count.pdf  a page tree that claims 2^31-1 pages and holds one
#
# With no NAME, all of them are written. The tests generate them at run
# time instead of committing them, so what they are is readable here.
#
# SPDX-License-Identifier: MIT
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bad_pdfs import pdf as write_pdf  # noqa: E402


def pdf(objs, path):
    write_pdf(objs, path, b"/Info << /Title (hostile) >> ")


def stream(data, extra=b""):
    z = zlib.compress(data, 9)
    return (b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra)
            + z + b"\nendstream")


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def page(contents, resources=b"<< /Font << /F1 3 0 R >> >>"):
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources + b" /Contents " + contents + b" >>")


def one_page(content, path):
    pdf([CATALOG, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
         page(b"5 0 R"), stream(content)], path)


def shared_q(path):
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(8))
    pdf([CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count 8 >>", FONT]
        + [page(b"12 0 R") for _ in range(8)]
        + [stream(b"q\n" * 3000000)], path)


def deep_q(path):
    one_page(b"q\n" * 2000000, path)


def text_page(path, size, lines, repeats):
    """One SIZE x SIZE page of LINES lines of 6-point text, none of it off
    the page (a reader drops what falls outside) or tiny (Poppler keeps only
    50,000 characters under 3 points)."""
    line = b"(" + b"Lorem ipsum dolor sit amet, " * repeats + b") '\n"
    body = b"BT /F1 6 Tf 7.2 TL 10 %d Td\n" % (size - 10) + line * lines + b"ET\n"
    pdf([CATALOG, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources"
         b" << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>" % (size, size),
         stream(body)], path)


def huge_text(path):
    text_page(path, 3000, 400, 30)


def vast_text(path):
    text_page(path, 14400, 1900, 95)


def nested_xobjects(path, depth=7, fanout=10):
    # Object 6 + i is form i; form 0 shows text, form i draws form i-1
    # FANOUT times.
    forms = []
    for i in range(depth + 1):
        if i == 0:
            body = b"BT /F1 10 Tf 50 700 Td (Hello) Tj ET\n"
            res = b"<< /Font << /F1 3 0 R >> >>"
        else:
            body = b"/X Do\n" * fanout
            res = b"<< /XObject << /X %d 0 R >> >>" % (6 + i - 1)
        forms.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                            b"/Resources " + res + b" "))
    top = b"<< /XObject << /X %d 0 R >> /Font << /F1 3 0 R >> >>" % (6 + depth)
    pdf([CATALOG, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
         page(b"5 0 R", top), stream(b"/X Do\n")] + forms, path)


def huge_path(path):
    one_page(b"0 0 m\n" + b"1 1 l 2 0 l\n" * 2000000 + b"n\n", path)


def page_tree_loop(path):
    # 2 is the root; its kids are a page (4) and an intermediate node (6)
    # whose kids lead back to the root.
    pdf([CATALOG, b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 3 >>", FONT,
         page(b"5 0 R"), stream(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n"),
         b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 2 >>"], path)


def inflated_count(path):
    pdf([CATALOG, b"<< /Type /Pages /Kids [4 0 R] /Count 2147483647 >>", FONT,
         page(b"5 0 R"), stream(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n")], path)


MAKERS = {
    "shared-q.pdf": shared_q,
    "deep-q.pdf": deep_q,
    "huge-text.pdf": huge_text,
    "vast-text.pdf": vast_text,
    "nested-xobjects.pdf": nested_xobjects,
    "huge-path.pdf": huge_path,
    "page-tree-loop.pdf": page_tree_loop,
    "inflated-count.pdf": inflated_count,
}

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: make_hostile_pdfs.py DIR [NAME...]")
    names = sys.argv[2:] or list(MAKERS)
    for name in names:
        if name not in MAKERS:
            sys.exit("make_hostile_pdfs.py: unknown fixture %s" % name)
        MAKERS[name](os.path.join(sys.argv[1], name))
