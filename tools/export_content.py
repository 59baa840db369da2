#!/usr/bin/env python3
"""export_content.py - what two databases must agree on, as canonical JSON

Usage: export_content.py RISKSCOPE DB [--counts]

Runs `RISKSCOPE export --db DB --format json` and prints it with what
differs between two runs over the same files left out: the filing ids and
analysis times. Filings are sorted by sha256 and taxonomy version, keys by
name, so two databases of the same content print the same bytes whatever
order their filings were stored in (shards merged, a batch resumed).
--counts also prints "N filings, N risk factors, N tags, N evidence, N
regulations" on stderr.
"""
import json
import subprocess
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    exe, db = sys.argv[1], sys.argv[2]
    out = subprocess.run([exe, "export", "--db", db, "--format", "json"],
                         check=True, stdout=subprocess.PIPE).stdout
    filings = json.loads(out)
    for f in filings:
        f.pop("id", None)
        f.pop("analyzed_at", None)
    filings.sort(key=lambda f: (f["sha256"], f["taxonomy_version"]))
    if sys.argv[3:] == ["--counts"]:
        risks = [r for f in filings for r in f["risk_factors"]]
        tags = [t for r in risks for t in r["tags"]]
        print("%d filings, %d risk factors, %d tags, %d evidence, %d regulations"
              % (len(filings), len(risks), len(tags),
                 sum(len(t["evidence"]) for t in tags),
                 sum(len(r["regulations"]) for r in risks)), file=sys.stderr)
    json.dump(filings, sys.stdout, sort_keys=True, indent=1)
    print()


if __name__ == "__main__":
    main()
