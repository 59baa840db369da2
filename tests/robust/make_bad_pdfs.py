#!/usr/bin/env python3
# make_bad_pdfs.py - write the hand-made bad PDFs of tests/data/
#
#   cd tests/data && python3 ../robust/make_bad_pdfs.py
#
# zero-pages.pdf: a valid file whose page tree has /Count 0.
# type3-no-tounicode.pdf: a Type3 font whose glyphs are named /g1../g40 with
#   no ToUnicode map: the text extracts as control characters and symbols.
# subset-font-scrambled.pdf: headings in Helvetica-Bold (readable, so the
#   Risk Factors section is found), bodies in a Type3 font whose glyph names
#   do not match what is drawn: they extract as a letter substitution of the
#   English shown ("Vt dqn yqos zg egdhstzt"), as subset fonts without a
#   ToUnicode map often do. riskscope must report it, not store it.
#
# SPDX-License-Identifier: MIT
import sys
def pdf(objs, path, trailer=b""):
    """Writes OBJS (numbered from 1, 1 the catalog) as a PDF with an xref."""
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, trailer, x)
    with open(path, "wb") as f:
        f.write(out)

def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def main():
    # zero pages
    pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"], "zero-pages.pdf")

    # Type3 font, glyphs named /g1../g40 (no standard names), no ToUnicode: text is unreadable.
    glyph = b"0 0 0 0 600 700 d1 50 0 500 700 re f"
    names = b" ".join(b"/g%d" % i for i in range(1, 41))
    procs = b" ".join(b"/g%d 5 0 R" % i for i in range(1, 41))
    import random
    random.seed(7)
    lines = []
    for row in range(40):
        words = []
        for w in range(10):
            words.append(bytes(random.randint(1, 40) for _ in range(random.randint(2, 8))))
        s = b" ".join(words)
        esc = s.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r").replace(b"\n", b"\\n")
        lines.append(b"BT /F1 10 Tf 50 %d Td (%s) Tj ET" % (780 - row * 18, esc))
    content = b"\n".join(lines)
    pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
         b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
         b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 1 /LastChar 40 /Widths [" + b" ".join(b"600" for _ in range(40)) + b"] /Encoding << /Type /Encoding /Differences [1 " + names + b"] >> /CharProcs << " + procs + b" >> /Resources << >> >>",
         stream(glyph),
         stream(content)], "type3-no-tounicode.pdf")

    # A subset font whose glyph names do not match what is drawn (no ToUnicode):
    # bodies extract as a letter substitution of the English that is shown;
    # headings are in Helvetica-Bold and read fine, so the section is found.
    H, B = b"/F2 11", b"/F1 10"
    doc = [
     (H, "RISK FACTORS"),
     (H, "RISKS RELATING TO OUR BUSINESS AND INDUSTRY"),
     (H, "We may fail to complete algorithm filing with the regulators in time."),
     (B, "We may fail to complete the filing of our algorithms with the Cyberspace"),
     (B, "Administration of China before we launch new generative artificial"),
     (B, "intelligence services, and we could be subject to fines, suspension of"),
     (B, "our services or removal of our applications from app stores."),
     (H, "Export controls may limit our access to advanced chips."),
     (B, "Export controls imposed by the United States may limit our access to"),
     (B, "advanced graphics processing units and other chips that we need to train"),
     (B, "and operate our models, which could harm our business and results."),
     (H, "Cross-border data transfer rules may restrict our research."),
     (B, "Cross-border data transfer rules may restrict the way we move personal"),
     (B, "information collected in China to our research teams located overseas."),
     (H, "We may face claims over the data we use to train our models."),
     (B, "We rely on third-party data to train our models and may face claims that"),
     (B, "our use of such data infringes copyrights or violates privacy laws."),
     (H, "RISKS RELATING TO DOING BUSINESS IN CHINA"),
     (H, "Changes in PRC laws on generative AI could harm our business."),
     (B, "The Interim Measures for the Management of Generative Artificial"),
     (B, "Intelligence Services impose obligations on content, labelling and"),
     (B, "security assessments that may increase our costs of compliance."),
    ]
    lower = "abcdefghijklmnopqrstuvwxyz"
    perm = "qwertyuiopasdfghjklzxcvbnm"
    def name_for(c):
        ch = chr(c)
        if ch.islower(): return perm[lower.index(ch)]
        if ch.isupper(): return perm[lower.index(ch.lower())].upper()
        return {",": "comma", ".": "period", "-": "hyphen"}.get(ch, "space")
    diffs = b" ".join(b"/" + name_for(c).encode() for c in range(32, 123))
    lines = []
    for row, (font, line) in enumerate(doc):
        esc = line.encode().replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        lines.append(b"BT %s Tf 50 %d Td (%s) Tj ET" % (font, 800 - row * 16, esc))
    content = b"\n".join(lines)
    glyphs = sorted(set(perm + perm.upper())) + ["comma", "period", "hyphen"]
    procs = b" ".join(b"/%s 5 0 R" % n.encode() for n in glyphs) + b" /space 7 0 R"
    pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
         b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 8 0 R >> >> /Contents 6 0 R >>",
         b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 32 /LastChar 122 /Widths [" + b" ".join(b"500" for _ in range(91)) + b"] /Encoding << /Type /Encoding /Differences [32 " + diffs + b"] >> /CharProcs << " + procs + b" >> /Resources << >> >>",
         stream(glyph),
         stream(content),
         stream(b"250 0 d0"),
         b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"], "subset-font-scrambled.pdf")


if __name__ == "__main__":
    main()
