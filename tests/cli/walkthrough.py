#!/usr/bin/env python3
# walkthrough.py - what an analyst asks next (issue 14), end to end
#
# Usage: walkthrough.py RISKSCOPE MAKE_REPORT_FIXTURES SAMPLE_PDF TAXONOMY
#
# Runs the built riskscope on real filings of ../shared/corpus (NVIDIA's
# annual reports and a few peers), on the generated filings of
# make_report_fixtures (one of which raises a sanity flag) and on the
# bundled sample, and asserts what each item of issue 14 and the reporting
# side of issue 9's sanity flags promise: trends, ranking, the redline
# with the regulations gained and lost, curating, exports, the report,
# the terminal and taxonomy check. Prints SKIP and exits 77 (meson's skip)
# when the corpus is absent; skips only the fiscal 2023 part when that
# filing (EDGAR HTML) cannot be read yet.
#
# SPDX-License-Identifier: MIT
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

EXE, MAKE_FIXTURES, SAMPLE, TAXONOMY = (os.path.abspath(p)
                                        for p in sys.argv[1:5])
CORPUS = os.environ.get("RISKSCOPE_CORPUS", "")
NV24 = os.path.join(CORPUS, "nvidia_10k_fy2024.pdf")
NV25 = os.path.join(CORPUS, "nvidia_10k_fy2025.pdf")
NV23 = os.path.join(CORPUS, "html", "nvidia_10-k_fy2023.htm")
PEERS = ["amd_10k_fy2023.pdf", "apple_10k_fy2025.pdf", "corning_10k_2022.pdf",
         "microsoft_10k_fy2023.pdf", "alphabet_10k_fy2024.pdf"]
CELL_MAX = 32767

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def run(*args, env=None, status=0):
    """Runs riskscope ARGS; returns (stdout, stderr); checks the status."""
    e = dict(os.environ)
    e.pop("COLUMNS", None)
    e.update(env or {})
    p = subprocess.run([EXE, *args], capture_output=True, text=True, env=e)
    if p.returncode != status:
        check(False, f"riskscope {' '.join(args)} exited {p.returncode}, "
                     f"not {status}: {p.stderr.strip()[:400]}")
    return p.stdout, p.stderr


def csv_rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def section(title):
    print(f"\n== {title}")


if not os.path.isfile(NV24) or not os.path.isfile(NV25):
    print(f"SKIP: the corpus is not at {CORPUS}")
    sys.exit(77)

work = tempfile.mkdtemp(prefix="rsk-walkthrough-")
db = os.path.join(work, "w.db")
DB = ["--db", db]
try:
    fixtures = os.path.join(work, "fixtures")
    os.mkdir(fixtures)
    subprocess.run([MAKE_FIXTURES, fixtures], check=True, capture_output=True)
    flagged_pdf = os.path.join(fixtures, "acme_escaping_10k.pdf")

    section("analyze")
    run("analyze", *DB, "-j", "2", NV24, NV25,
        *[os.path.join(CORPUS, p) for p in PEERS])
    out, err = subprocess.run([EXE, "analyze", *DB, NV23], capture_output=True,
                              text=True).stdout, None
    have_2023 = bool(out.strip())
    if not have_2023:
        print("SKIP fiscal 2023: analyze cannot read the EDGAR HTML filing "
              "yet (the HTML reader is another branch's)")
    n_nvidia = 3 if have_2023 else 2
    _, err = run("analyze", *DB, flagged_pdf)
    check("warning: few_risk_factors" in err, "the fixture filing is flagged")

    # --- Trends ---------------------------------------------------------
    section("trend")
    text, _ = run("trend", *DB, "nvidia")
    print(text)
    check(f"NVIDIA CORPORATION: {n_nvidia} 10-K filings, oldest first" in text,
          "trend names the company and counts its 10-K filings")
    periods = re.findall(r"\d{4}-\d{2}-\d{2}", text.splitlines()[2])
    check(periods == sorted(periods) and len(periods) == n_nvidia
          and periods[-2:] == ["2024-01-28", "2025-01-26"],
          "one column per filing, oldest first, by period")
    check(re.search(r"^AI \(ai\.\*\) +\d+ \(\d+%\)", text, re.M) is not None
          and re.search(r"^any tag +\d+ \(\d+%\)", text, re.M) is not None,
          "trend rows for the AI total and any tag, count and share")
    trend = json.loads(run("trend", *DB, "nvidia", "--format", "json")[0])
    cmp = json.loads(run("compare", *DB, "--filings",
                         "nvidia_10k_fy2024.pdf,nvidia_10k_fy2025.pdf",
                         "--format", "json")[0])
    check([f["total"]["count"] for f in trend["filings"][-2:]] ==
          [r["total"] for r in cmp["rows"]]
          and [f["ai_total"]["count"] for f in trend["filings"][-2:]] ==
          [r["ai_total"] for r in cmp["rows"]],
          "trend totals agree with compare's for the same filings")
    rows = csv_rows(run("trend", *DB, "nvidia", "--format", "csv")[0])
    check(rows[0][:4] == ["company", "filing", "filing_id", "period"]
          and len(rows) == 1 + n_nvidia * (len(trend["categories"]) + 2),
          "trend CSV: one row per filing and category, AI total and total")
    md = run("trend", *DB, "nvidia", "--format", "md")[0]
    check(md.startswith("### NVIDIA CORPORATION: 10-K filings")
          and "| **Any tag** |" in md, "trend as Markdown")

    # --- Ranking --------------------------------------------------------
    section("ranked compare")
    text, _ = run("compare", *DB, "--sort", "ai", "--top", "3")
    print(text)
    rows = csv_rows(run("compare", *DB, "--sort", "ai", "--top", "3",
                        "--format", "csv")[0])
    header = rows[0]
    ai = header.index("ai_total")
    body = rows[1:-1]
    check(len(body) == 3 and [int(r[ai]) for r in body] ==
          sorted((int(r[ai]) for r in body), reverse=True),
          "compare --sort ai --top 3: three rows, largest AI total first")
    check(rows[-1][0] == "total" and
          int(rows[-1][ai]) == sum(int(r[ai]) for r in body),
          "the total row adds up the rows kept")
    full = csv_rows(run("compare", *DB, "--format", "csv")[0])
    corning = [r for r in full if r[0].startswith("CORNING")][0]
    total = full[0].index("total")
    check(int(corning[ai]) == 0 and int(corning[total]) > 0,
          "Corning: tags, but no AI tag (\"any tag\" beside the AI total)")
    check(all(r[0] != corning[0] for r in body), "Corning is not in the AI top 3")
    rows = csv_rows(run("compare", *DB, "--sort", "export_controls",
                        "--by", "share", "--format", "csv")[0])
    col = rows[0].index("trade.export_controls")
    values = [float(r[col]) for r in rows[1:-1]]
    check(values == sorted(values, reverse=True),
          "compare --sort export_controls --by share ranks by that category")
    _, err = run("compare", *DB, "--sort", "nosuch", status=2)
    check("names no single column" in err, "an unknown --sort key is a usage error")
    categories = [c["id"] for c in cmp["categories"]]
    check(all(c.startswith(("ai.", "data.", "trade.", "listing."))
              for c in categories), "categories come from the taxonomy")

    # --- Diff -----------------------------------------------------------
    section("redline NVIDIA FY24 -> FY25")
    text, _ = run("diff", *DB, "nvidia_10k_fy2024.pdf", "nvidia_10k_fy2025.pdf",
                  env={"COLUMNS": "100"})
    blocks = re.split(r"\n(?=  [~=+-] #)", text)
    b16 = [b for b in blocks if b.startswith("  ~ #16 -> #16")]
    b18 = [b for b in blocks if b.startswith("  = #18 -> #18")
           or b.startswith("  ~ #18 -> #18")]
    for b in b16[:1] + b18[:1]:
        print("\n".join(b.splitlines()[:14]))
    check(bool(b16) and "regulations gained: EU-AIACT (EU AI Act), "
          "US-EAR-AIDIFF (AI Diffusion Rule)" in b16[0],
          "#16 newly names the EU AI Act and the AI Diffusion rule")
    check(bool(b18) and "regulations lost: US-AI-EO (AI Executive Order)"
          in b18[0], "#18 drops the US Executive Order on AI")
    check(bool(b16) and re.search(r"\[-[^]]*-\]", b16[0]) is not None
          and re.search(r"\{\+[^}]*\+\}", b16[0]) is not None
          and "redline: " in b16[0], "#16 has a word-level redline")
    b3 = [b for b in blocks if b.startswith("  ~ #3 -> #3")]
    check(bool(b3) and "lost trade.export_controls" in b3[0] and
          re.search(r'- trade\.export_controls \([PS]\): ".+" p\. \d+', b3[0])
          is not None, "a tag lost, with its evidence and page")
    long_lines = [l for l in text.splitlines()
                  if len(l) > 100 and " " in l.strip()[:100]]
    check(not long_lines, "diff wraps to COLUMNS=100")
    d = json.loads(run("diff", *DB, "nvidia_10k_fy2024.pdf",
                       "nvidia_10k_fy2025.pdf", "--format", "json")[0])
    p16 = [p for p in d["changed"] + d["edited"] if p["b"]["ordinal"] == 16]
    p18 = [p for p in d["changed"] + d["edited"] if p["b"]["ordinal"] == 18]
    check(bool(p16) and {"EU-AIACT", "US-EAR-AIDIFF"} <=
          set(p16[0]["regulations_gained"]) and p16[0]["redline"]["changes"] > 0,
          "diff JSON: #16's regulations gained and its redline")
    check(bool(p18) and p18[0]["regulations_lost"] == ["US-AI-EO"],
          "diff JSON: #18's regulation lost")

    # --- Curating -------------------------------------------------------
    section("curating")
    rows = csv_rows(run("compare", *DB, "--exclude", "nvidia_10k_fy2025.pdf",
                        "--format", "csv")[0])
    nv = [r for r in rows if r[0] == "NVIDIA CORPORATION"]
    check(len(nv) == 1 and nv[0][1] == "nvidia_10k_fy2024.pdf",
          "compare --exclude: NVIDIA's latest is then its fiscal 2024 10-K")
    text, err = run("trend", *DB, "nvidia", "--exclude", "nvidia_10k_fy2025.pdf")
    check(f"{n_nvidia - 1} 10-K filing" in text and "by --exclude" in err,
          "trend --exclude leaves the filing out and says so")
    html_x = os.path.join(work, "x.html")
    run("report", *DB, "--html", html_x, "--exclude", "nvidia_10k_fy2025.pdf")
    check("nvidia_10k_fy2025.pdf" not in open(html_x, encoding="utf-8").read(),
          "report --exclude")
    victim = os.path.join(CORPUS, "ebay_10k_2022.pdf")
    run("analyze", *DB, victim)
    con = sqlite3.connect(db)
    vid = con.execute("SELECT id FROM filings WHERE name = 'ebay_10k_2022.pdf'"
                      ).fetchone()[0]
    n_risks = con.execute("SELECT count(*) FROM risk_factors WHERE filing_id = ?",
                          (vid,)).fetchone()[0]
    con.close()
    text, _ = run("remove", *DB, "ebay_10k_2022.pdf")
    print(text)
    check(text.startswith(f"removed {vid} ebay_10k_2022.pdf (eBay Inc., taxonomy "
                          f"ai-regulation ") and
          f": {n_risks} risk factors and their search index entries" in text and
          "removed company eBay Inc.: it has no filing left" in text,
          "remove says what went")
    con = sqlite3.connect(db)
    left = con.execute("SELECT count(*) FROM risk_factors WHERE filing_id = ?",
                       (vid,)).fetchone()[0]
    con.execute("INSERT INTO risk_factors_fts(risk_factors_fts) "
                "VALUES ('integrity-check')")
    con.close()
    check(left == 0, "its risk factors are gone and the search index is whole")
    check(run("search", *DB, "eBay")[0].startswith("No risk factor matches"),
          "search finds nothing of it")
    _, err = run("remove", *DB, "nvidia_10k_fy2024.pdf", "nosuch.pdf", status=1)
    check("nothing removed" in err and
          "nvidia_10k_fy2024.pdf" in run("list", *DB)[0],
          "remove with a FILING that matches nothing removes nothing")
    custom = os.path.join(work, "custom.json")
    tax = json.load(open(TAXONOMY))
    tax["version"] += "-walkthrough"
    json.dump(tax, open(custom, "w"))
    run("analyze", *DB, "--taxonomy", custom, os.path.join(CORPUS,
                                                           "corning_10k_2022.pdf"))
    text, _ = run("list", *DB)
    check("TAXONOMY" in text.splitlines()[0] and
          tax["version"] in text, "list shows the taxonomy when several are stored")

    # --- Sanity flags ---------------------------------------------------
    section("sanity flags")
    text, err = run("compare", *DB)
    check("ACME" not in text and "left out 1 filing with sanity flags" in err
          and "few_risk_factors: 3" in err,
          "compare leaves the flagged filing out and says why")
    text, err = run("compare", *DB, "--include-flagged")
    check(re.search(r"^! ACME", text, re.M) is not None and
          "! sanity flags raised" in text and "few_risk_factors: 3" in text,
          "--include-flagged brings it back, marked, with a footnote")
    rows = csv_rows(run("compare", *DB, "--include-flagged", "--format",
                        "csv")[0])
    acme = [r for r in rows if r[0].startswith("ACME")][0]
    check(acme[-1] == "few_risk_factors: 3", "compare CSV: the flags column")
    text, err = run("trend", *DB, "acme", status=1)
    check("nothing left to show" in err, "trend of a flagged-only company")
    for line in run("export", *DB, "--filing", "acme_escaping_10k.pdf")[0].splitlines():
        row = json.loads(line)
        check(row["flags"] == ["few_risk_factors: 3"], "JSONL row carries flags")
        break

    # --- Exports --------------------------------------------------------
    section("exports")
    lines = run("export", *DB)[0].splitlines()
    contract = ["filing", "sha256", "company", "ordinal", "section", "heading",
                "body", "page_start", "page_end", "tags", "regulations"]
    objs = [json.loads(l) for l in lines]
    check(all(list(o)[:len(contract)] == contract and "flags" in o and
              "page_start_label" in o for o in objs),
          f"JSONL: the contract fields first, then flags and labels ({len(objs)} rows)")
    nv_rows = [o for o in objs if o["filing"] == "nvidia_10k_fy2024.pdf"]
    labelled = [o for o in nv_rows if o["page_start_label"]]
    check(len(labelled) * 2 > len(nv_rows) and all(
        int(o["page_start_label"]) < o["page_start"] for o in labelled),
        "NVIDIA FY24 rows carry printed folios, below their PDF page index")
    for per in ("risk", "tag", "evidence"):
        path = os.path.join(work, f"{per}.csv")
        run("export", *DB, "--format", "csv", "--per", per, "-o", path)
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        longest = max(len(c.encode("utf-16-le")) // 2 for r in rows for c in r)
        widths = {len(r) for r in rows}
        check(longest <= CELL_MAX and len(widths) == 1 and "flags" in rows[0],
              f"CSV per {per}: {len(rows) - 1} rows, longest cell {longest} "
              f"<= {CELL_MAX}, a flags column")
    rows = csv_rows(open(os.path.join(work, "evidence.csv"), newline="",
                         encoding="utf-8").read())
    h = rows[0]
    check(h[h.index("page") + 1] == "page_label" and
          any(r[h.index("page_label")] for r in rows[1:]),
          "CSV per evidence: each match with its page and printed label")

    # --- The report -----------------------------------------------------
    section("report")
    html_path = os.path.join(work, "report.html")
    run("report", *DB, "--html", html_path, "--include-flagged")
    html = open(html_path, encoding="utf-8").read()
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM filings").fetchone()[0]
    companies = con.execute("SELECT count(*) FROM companies").fetchone()[0]
    con.close()
    head = re.search(r'<p class="sub">(.*?) · taxonomy', html).group(1)
    print(head)
    check(f"{companies} companies ({companies} latest filings compared)" in head
          and f"{stored} filings stored" in head,
          "header counts agree with the database")
    labels = {}
    for m in re.finditer(r'<text class="col" [^>]*><title>([^<]*)</title>(.*?)</text>',
                         html):
        label = re.sub(r"\s*\(.*\)$", "", m.group(1))
        labels[label] = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>",
                                            m.group(2)))
    want = [c["label"] for c in tax["categories"]]
    check(len(labels) == len(want) and all(labels.get(l.replace("&", "&amp;"))
                                           == l.replace("&", "&amp;")
                                           for l in want),
          "heat-map column labels whole, in taxonomy order")
    check('<text class="row flagged"' in html and "Sanity flags</span>" in html,
          "the flagged filing is marked in the heat map and its section")
    check('<svg class="trend"' in html, "a trend chart (NVIDIA)")
    check("nvidia_10k_fy2024.pdf → nvidia_10k_fy2025.pdf" in html
          and "<del>" in html and "<ins>" in html and "EU-AIACT" in html,
          "changes since the previous 10-K, with a redline")
    # A custom taxonomy: its order and labels, from the database alone.
    ctax = json.loads(json.dumps(tax))
    ctax["name"] = "walkthrough"
    ctax["categories"].reverse()
    for c in ctax["categories"]:
        c["label"] = "Custom " + c["label"]
    cpath = os.path.join(work, "reversed.json")
    json.dump(ctax, open(cpath, "w"))
    cdb = ["--db", os.path.join(work, "c.db")]
    run("analyze", *cdb, "--taxonomy", cpath, NV25)
    os.unlink(cpath)
    chtml_path = os.path.join(work, "c.html")
    run("report", *cdb, "--html", chtml_path)
    chtml = open(chtml_path, encoding="utf-8").read()
    legend = re.findall(r"<li>(Custom [^<]*) <code>([^<]*)</code></li>", chtml)
    check([i for _, i in legend] == [c["id"] for c in ctax["categories"]] and
          all(l.startswith("Custom ") for l, _ in legend),
          "custom taxonomy: columns in its order, its labels in the legend")

    # --- The terminal ---------------------------------------------------
    section("terminal")
    commands = ["", "analyze", "list", "show", "extract", "export", "compare",
                "trend", "diff", "search", "report", "merge", "remove",
                "taxonomy", "eval"]
    wide = []
    for c in commands:
        out = subprocess.run([EXE, *([c] if c else []), "--help"],
                             capture_output=True, text=True).stdout
        wide += [f"{c}: {l}" for l in out.splitlines() if len(l) > 80]
    check(not wide, "--help lines within 80 columns" + "".join(
        "\n     " + w for w in wide))
    text, _ = run("show", *DB, "nvidia_10k_fy2025.pdf", "--why")
    # Evidence is the sentence with its match marked; a sentence the body
    # broke over lines is quoted as one paragraph, never with a blank line.
    quotes = re.findall(r'rule [^:]+: "(.*?)"\n(?=\s*(?:p\. |\(and|why|$|\s*\d+\.))',
                        text, re.S)
    check(quotes and all("\u00ab" in q and "\n\n" not in q for q in quotes),
          "show --why: each quote is one marked sentence, one paragraph")
    text, _ = run("search", *DB, '"AI Act"', env={"COLUMNS": "70"})
    check("«AI Act»" in text and all(len(l) <= 70 for l in text.splitlines()
                                     if " " in l.strip()),
          "search: one mark for the phrase, snippets wrapped to COLUMNS=70")
    run("analyze", *DB, SAMPLE)
    text, _ = run("search", *DB, "REDACTED", "--limit", "1")
    check("[«REDACTED»]" in text, "search: [REDACTED] keeps its brackets")
    text, _ = run("compare", *DB, "--filings",
                  "nvidia_10k_fy2024.pdf,nvidia_10k_fy2025.pdf")
    check("(2024-01-28)" in text and "(2025-01-26)" in text,
          "compare --filings: one company's rows told apart by period")

    # --- taxonomy check -------------------------------------------------
    section("taxonomy check")
    bad = os.path.join(work, "bad.json")
    json.dump({"name": "t", "version": "1", "categories": [
        {"id": "Bad", "rules": [{"id": "all", "pattern": ".*"},
                                {"id": "broken", "pattern": "(a"}]}]},
              open(bad, "w"))
    _, err = run("taxonomy", "check", bad, status=1)
    print(err)
    check('rule "broken" (pattern 2): missing closing parenthesis' in err and
          'rule "all" (pattern 1): warning: ".*" matches the empty string' in err
          and 'category id "Bad" is not of the form' in err,
          "errors name the rule; warnings for .* and a bad id")
    empty = os.path.join(work, "empty.json")
    json.dump({"name": "t", "version": "1", "categories": []}, open(empty, "w"))
    out, err = run("taxonomy", "check", empty)
    check("warning: no categories" in err, "a taxonomy without categories")
finally:
    shutil.rmtree(work, ignore_errors=True)

print()
if failures:
    print(f"{len(failures)} check(s) failed:")
    for f in failures:
        print("  " + f.splitlines()[0])
    sys.exit(1)
print("all checks passed")
