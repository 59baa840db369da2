#!/usr/bin/env python3
"""Page counting (and a block dump) for EDGAR HTML filings, as the gold addendum defines "page".

Usage:
  python3 pages_lab5.py FILE                 -> prints the page count
  python3 pages_lab5.py FILE --dump          -> one line per text block: PAGE<TAB>STYLE<TAB>TEXT
  python3 pages_lab5.py FILE --find TEXT     -> page(s) where TEXT (whitespace-collapsed) starts

Definition implemented (PROMPT_HTML.md):
  * a page break is an element whose inline style has page-break-before:always or
    break-before:page (break before the element), or page-break-after:always or
    break-after:page (break after the element);
  * when the document has no such CSS break at all, each <hr> element is a break instead;
  * breaks with no visible text between them count as one break (a break before any visible
    text at all is also ignored, so page 1 is never empty);
  * page 1 is the visible text before the first break; page N the text after the (N-1)th break.
Hidden content is not text: <head> (incl. <title>), <ix:header>, anything with display:none,
<script>, <style>.  A full-submission .txt (or an .htm wrapped in <DOCUMENT>) is reduced to the
<TEXT> of the <DOCUMENT> whose <TYPE> equals the submission type (first document if none given).
Only the python standard library is used.
"""
import html
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "div", "td", "th", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
         "h6", "br", "hr", "center", "blockquote", "pre", "body", "dl", "dt", "dd", "caption"}
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "param", "wbr"}
HIDDEN_TAGS = {"script", "style", "head", "title", "ix:header"}
WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\ufeff]+")


def extract_document(raw):
    """Return the HTML of the main <DOCUMENT> of an SGML submission, or raw unchanged."""
    if "<DOCUMENT>" not in raw[:200000].upper():
        return raw
    m = re.search(r"CONFORMED SUBMISSION TYPE:\s*(\S+)", raw)
    want = m.group(1).strip().upper() if m else None
    docs = re.findall(r"<DOCUMENT>(.*?)</DOCUMENT>", raw, flags=re.S | re.I)
    chosen = None
    for d in docs:
        t = re.search(r"<TYPE>\s*([^\s<]+)", d, flags=re.I)
        typ = t.group(1).strip().upper() if t else ""
        if want is None or typ == want:
            chosen = d
            break
    if chosen is None:
        chosen = docs[0]
    t = re.search(r"<TEXT>(.*?)</TEXT>", chosen, flags=re.S | re.I)
    return t.group(1) if t else chosen


def style_of(attrs):
    for k, v in attrs:
        if k.lower() == "style" and v:
            return v.lower().replace(" ", "")
    return ""


def has_break(st):
    before = ("page-break-before:always" in st) or ("break-before:page" in st)
    after = ("page-break-after:always" in st) or ("break-after:page" in st)
    return before, after


class Walker(HTMLParser):
    """Collects a flat event list: ('text', str, b, i, u), ('block',), ('break',)."""

    def __init__(self, use_hr):
        super().__init__(convert_charrefs=True)
        self.use_hr = use_hr
        self.stack = []  # (tag, hidden, bold, italic, underline, break_after)
        self.events = []

    def _cur(self):
        if self.stack:
            return self.stack[-1][1:5]
        return (False, False, False, False)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        hidden, b, i, u = self._cur()
        st = style_of(attrs)
        if tag in HIDDEN_TAGS or "display:none" in st:
            hidden = True
        if tag in ("b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"):
            b = True
        if tag in ("i", "em"):
            i = True
        if tag == "u":
            u = True
        m = re.search(r"font-weight:([a-z0-9]+)", st)
        if m:
            w = m.group(1)
            b = w in ("bold", "bolder", "600", "700", "800", "900")
        m = re.search(r"font-style:([a-z]+)", st)
        if m:
            i = m.group(1) in ("italic", "oblique")
        m = re.search(r"text-decoration(?:-line)?:([a-z\-]+)", st)
        if m:
            u = "underline" in m.group(1)
        before, after = has_break(st)
        if not hidden:
            if before:
                self.events.append(("break",))
            if tag in BLOCK:
                self.events.append(("block",))
            if tag == "hr" and self.use_hr:
                self.events.append(("break",))
        if tag in VOID:
            if after and not hidden:
                self.events.append(("break",))
            return
        self.stack.append((tag, hidden, b, i, u, after))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        # pop to the matching tag if it is open
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                break
        else:
            return
        while len(self.stack) > k:
            t, hidden, b, i, u, after = self.stack.pop()
            if not hidden:
                if t in BLOCK:
                    self.events.append(("block",))
                if after:
                    self.events.append(("break",))

    def handle_data(self, data):
        hidden, b, i, u = self._cur()
        if hidden or not data:
            return
        self.events.append(("text", data, b, i, u))


def load(path):
    raw = open(path, encoding="utf-8", errors="replace").read()
    doc = extract_document(raw)
    st = doc.lower().replace(" ", "")
    css_breaks = any(k in st for k in ("page-break-before:always", "break-before:page",
                                       "page-break-after:always", "break-after:page"))
    w = Walker(use_hr=not css_breaks)
    w.feed(doc)
    w.close()
    return w.events, css_breaks


def blocks(path):
    """List of blocks: dict(page, text, runs=[(text,b,i,u)]) with visible text only."""
    events, css = load(path)
    page = 1
    pending_break = False
    seen_text = False
    out = []
    cur = []

    def flush():
        if cur:
            txt = "".join(r[0] for r in cur)
            if WS.sub("", txt):
                out.append({"page": cur_page[0], "runs": list(cur),
                            "text": WS.sub(" ", txt).strip()})
        cur.clear()

    cur_page = [1]
    for ev in events:
        if ev[0] == "break":
            pending_break = True
        elif ev[0] == "block":
            flush()
        else:
            data = ev[1]
            if WS.sub("", data):
                if pending_break and seen_text:
                    flush()
                    page += 1
                pending_break = False
                seen_text = True
                if not cur:
                    cur_page[0] = page
            cur.append((data, ev[2], ev[3], ev[4]))
    flush()
    return out, page, css


def style_code(runs):
    vis = [(WS.sub("", t), b, i, u) for t, b, i, u in runs]
    n = sum(len(t) for t, *_ in vis) or 1
    fb = sum(len(t) for t, b, i, u in vis if b) / n
    fi = sum(len(t) for t, b, i, u in vis if i) / n
    fu = sum(len(t) for t, b, i, u in vis if u) / n
    c = ""
    for f, ch in ((fb, "B"), (fi, "I"), (fu, "U")):
        c += ch if f > 0.99 else (ch.lower() if f > 0 else "-")
    return c


def marked(runs):
    """Text with [b]..[/b]-like markers: *bold*, _italic_ collapsed."""
    s = ""
    prev = (False, False, False)
    for t, b, i, u in runs:
        if (b, i, u) != prev:
            s += "{%s%s%s}" % ("B" if b else "", "I" if i else "", "U" if u else "")
            prev = (b, i, u)
        s += t
    return WS.sub(" ", s).strip()


def main():
    path = sys.argv[1]
    bl, npages, css = blocks(path)
    if len(sys.argv) > 2 and sys.argv[2] == "--dump":
        for k, b in enumerate(bl):
            print("%d\t%d\t%s\t%s" % (k, b["page"], style_code(b["runs"]), marked(b["runs"])))
        return
    if len(sys.argv) > 3 and sys.argv[2] == "--find":
        key = WS.sub(" ", sys.argv[3]).strip().lower()
        for b in bl:
            if b["text"].lower().startswith(key[:60]) or key[:60] in b["text"].lower():
                print(b["page"], b["text"][:100])
        return
    print("pages:", npages, "(breaks from %s)" % ("CSS" if css else "<hr>"))


if __name__ == "__main__":
    main()
