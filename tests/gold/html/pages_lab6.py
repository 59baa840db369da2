#!/usr/bin/env python3
"""pages_lab6.py - page numbering of EDGAR HTML filings as defined in PROMPT_HTML.md,
plus a dump of visible text blocks with their typography (for hand labelling).

Definition implemented:
  * a page break is an element whose inline style has page-break-before:always or
    break-before:page (break before the element), or page-break-after:always or
    break-after:page (break after the element, i.e. when it closes);
  * when the document has no such CSS break at all, each <hr> element is a break;
  * breaks with no visible text between them count as one break (a break is only
    counted when visible text has appeared since the previous counted break or since
    the start of the document, so leading breaks before any text do not count);
  * page 1 = visible text before the first break; page N = text after the (N-1)th break.
Hidden content is skipped: <ix:header>, elements styled display:none, <script>, <style>,
<head>/<title>.  "Visible text" = any character that is not whitespace (NBSP counts as
whitespace).
Full-submission .txt: the <DOCUMENT> whose <TYPE> equals the submission form type is used.

Usage:
  pages_lab6.py FILE                  -> prints the page count
  pages_lab6.py FILE --find TEXT ...  -> page(s) where TEXT occurs (whitespace-normalised,
                                         case-insensitive, searched in each block)
  pages_lab6.py FILE --dump [A B]     -> every block "page<TAB>flags<TAB>text" (pages A..B);
                                         flags: B=all bold, I=all italic, U=all underlined,
                                         b/i/u = partly; styled runs shown as [B:...]
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "param",
        "source", "wbr", "embed", "track"}
BLOCK = {"p", "div", "table", "tr", "td", "th", "li", "ul", "ol", "h1", "h2", "h3", "h4",
         "h5", "h6", "br", "hr", "center", "blockquote", "dl", "dt", "dd", "pre", "section",
         "body", "html", "article", "header", "footer", "tbody", "thead", "caption", "form"}
HIDDEN_TAGS = {"script", "style", "head", "title", "ix:header"}


def parse_style(s):
    d = {}
    if not s:
        return d
    for part in s.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            d[k.strip().lower()] = v.strip().lower()
    return d


def is_break_before(st):
    return (st.get("page-break-before", "").startswith("always")
            or st.get("break-before", "").startswith("page"))


def is_break_after(st):
    return (st.get("page-break-after", "").startswith("always")
            or st.get("break-after", "").startswith("page"))


def extract_document(raw):
    """For full-submission SGML text, return the HTML of the main document."""
    if "<DOCUMENT>" not in raw[:200000] and "<document>" not in raw[:200000]:
        return raw
    m = re.search(r"CONFORMED SUBMISSION TYPE:\s*(\S+)", raw)
    form = m.group(1).strip() if m else None
    docs = re.findall(r"<DOCUMENT>(.*?)</DOCUMENT>", raw, re.S | re.I)
    for d in docs:
        t = re.search(r"<TYPE>\s*([^\s<]+)", d, re.I)
        if t and (form is None or t.group(1).strip().upper() == form.upper()):
            tx = re.search(r"<TEXT>(.*)</TEXT>", d, re.S | re.I)
            return tx.group(1) if tx else d
    return raw


class Walker(HTMLParser):
    def __init__(self, hr_breaks):
        super().__init__(convert_charrefs=True)
        self.hr_breaks = hr_breaks
        self.stack = []          # (tag, attrs-style dict, flags)
        self.hidden = 0
        self.page = 1
        self.text_since_break = False
        self.blocks = []         # list of dict(page, runs=[(text,b,i,u)])
        self.cur = []
        self.cur_page = None
        self.nbreaks_css = 0

    # ---- page breaks
    def do_break(self):
        if self.hidden:
            return
        self.flush()
        if self.text_since_break:
            self.page += 1
            self.text_since_break = False

    def flush(self):
        if self.cur:
            txt = "".join(r[0] for r in self.cur)
            if txt.strip(" \t\r\n\xa0\u200b"):
                self.blocks.append({"page": self.cur_page, "runs": self.cur})
        self.cur = []
        self.cur_page = None

    # ---- style state
    def flags(self):
        b = i = u = False
        bset = iset = False
        for tag, st, _ in reversed(self.stack):
            if not bset:
                fw = st.get("font-weight")
                if fw:
                    bset = True
                    b = fw in ("bold", "bolder") or (fw.isdigit() and int(fw) >= 600)
                elif tag in ("b", "strong"):
                    bset, b = True, True
            if not iset:
                fs = st.get("font-style")
                if fs:
                    iset = True
                    i = fs.startswith("italic") or fs.startswith("oblique")
                elif tag in ("i", "em"):
                    iset, i = True, True
            td = st.get("text-decoration", "") + " " + st.get("text-decoration-line", "")
            if "underline" in td or tag == "u":
                u = True
        return b, i, u

    def open_elem(self, tag, attrs):
        a = dict(attrs)
        st = parse_style(a.get("style"))
        hid = (tag in HIDDEN_TAGS or st.get("display", "").startswith("none"))
        return st, hid

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        st, hid = self.open_elem(tag, attrs)
        # implicit closes for sloppy old HTML
        if tag == "p":
            self.close_to("p", implicit=True, stop={"td", "th", "div", "table", "li"})
        elif tag == "li":
            self.close_to("li", implicit=True, stop={"ul", "ol"})
        elif tag in ("td", "th"):
            self.close_to("td", implicit=True, stop={"tr", "table"})
            self.close_to("th", implicit=True, stop={"tr", "table"})
        elif tag == "tr":
            self.close_to("tr", implicit=True, stop={"table"})
        if tag in BLOCK and not self.hidden:
            self.flush()
        if is_break_before(st) and not self.hidden and not hid:
            self.do_break()
        if tag == "hr" and self.hr_breaks and not self.hidden:
            self.do_break()
        if tag in VOID:
            if is_break_after(st) and not self.hidden and not hid:
                self.do_break()
            if tag == "br" and not self.hidden:
                self.flush()
            return
        self.stack.append((tag, st, hid))
        if hid:
            self.hidden += 1

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        st, hid = self.open_elem(tag, attrs)
        if tag in BLOCK and not self.hidden:
            self.flush()
        if is_break_before(st) and not self.hidden and not hid:
            self.do_break()
        if tag == "hr" and self.hr_breaks and not self.hidden:
            self.do_break()
        if is_break_after(st) and not self.hidden and not hid:
            self.do_break()

    def pop(self):
        tag, st, hid = self.stack.pop()
        if hid:
            self.hidden -= 1
        if tag in BLOCK and not self.hidden:
            self.flush()
        if is_break_after(st) and not self.hidden and not hid:
            self.do_break()

    def close_to(self, tag, implicit=False, stop=()):
        for k in range(len(self.stack) - 1, -1, -1):
            t = self.stack[k][0]
            if t == tag:
                while len(self.stack) > k:
                    self.pop()
                return
            if implicit and t in stop:
                return

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        self.close_to(tag)

    def handle_data(self, data):
        if self.hidden:
            return
        if not data:
            return
        if data.strip(" \t\r\n\xa0\u200b"):
            self.text_since_break = True
        if self.cur_page is None:
            if not data.strip(" \t\r\n\xa0\u200b"):
                # leading whitespace of a block: keep but page assigned at first real text
                pass
        b, i, u = self.flags()
        if self.cur_page is None and data.strip(" \t\r\n\xa0\u200b"):
            self.cur_page = self.page
        self.cur.append((data, b, i, u))

    def close(self):
        super().close()
        while self.stack:
            self.pop()
        self.flush()


def load(path):
    raw = open(path, "rb").read().decode("utf-8", errors="replace")
    if path.lower().endswith(".txt"):
        raw = extract_document(raw)
    return raw


def has_css_breaks(html):
    return re.search(r"(page-break-(before|after)\s*:\s*always|break-(before|after)\s*:\s*page)",
                     html, re.I) is not None


def walk(path):
    html = load(path)
    w = Walker(hr_breaks=not has_css_breaks(html))
    w.feed(html)
    w.close()
    # pages actually holding text
    npages = max((b["page"] for b in w.blocks), default=0)
    return w.blocks, npages, w


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\xa0", " ").replace("\u200b", "")).strip()


def block_text(b):
    return norm("".join(r[0] for r in b["runs"]))


def block_flags(b):
    runs = [r for r in b["runs"] if r[0].strip(" \t\r\n\xa0\u200b")]
    out = ""
    for k, ch in ((1, "B"), (2, "I"), (3, "U")):
        vals = [r[k] for r in runs]
        if vals and all(vals):
            out += ch
        elif any(vals):
            out += ch.lower()
    return out or "-"


def styled(b):
    """text with styled stretches bracketed, e.g. [BI:Heading.] body..."""
    out = []
    prev = None
    for t, bb, ii, uu in b["runs"]:
        key = ("B" if bb else "") + ("I" if ii else "") + ("U" if uu else "")
        if not t.strip(" \t\r\n\xa0\u200b"):
            out.append(t)
            continue
        if key != prev:
            if prev:
                out.append("]")
            if key:
                out.append("[" + key + ":")
            prev = key
        out.append(t)
    if prev:
        out.append("]")
    return norm("".join(out))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 1
    path = argv[1]
    blocks, npages, w = walk(path)
    if len(argv) == 2:
        print(npages)
        return 0
    if argv[2] == "--find":
        for q in argv[3:]:
            nq = norm(q).lower()
            hits = [b["page"] for b in blocks if nq in block_text(b).lower()]
            print(q, "->", hits)
        return 0
    if argv[2] == "--dump":
        a = int(argv[3]) if len(argv) > 3 else 1
        z = int(argv[4]) if len(argv) > 4 else 10 ** 9
        for b in blocks:
            if a <= b["page"] <= z:
                print("%d\t%s\t%s" % (b["page"], block_flags(b), styled(b)))
        return 0
    print(__doc__)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
