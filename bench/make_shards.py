#!/usr/bin/env python3
"""make_shards.py - shard databases for the merge benchmark, from a real one

Usage: make_shards.py TEMPLATE.db SHARDS FILINGS OUT_DIR

Writes OUT_DIR/shard-1.db ... shard-SHARDS.db, each holding FILINGS filings
copied from the filings of TEMPLATE.db (a database riskscope analyze made,
so the risk factors, tags, evidence and page marks are real ones), round
after round, each copy under a sha256 and path of its own: as if SHARDS
tasks had each analysed FILINGS distinct filings. The rows go in through
plain SQL with the schema's own triggers (the FTS5 index included), so the
shards are what riskscope would have written.
"""
import hashlib
import os
import shutil
import sqlite3
import sys


def rows(db, sql, *args):
    return db.execute(sql, args).fetchall()


def columns(db, table):
    return [r[1] for r in db.execute("PRAGMA table_info(%s)" % table)]


def insert(db, table, values):
    names = list(values)
    db.execute("INSERT INTO %s(%s) VALUES (%s)" % (
        table, ", ".join(names), ", ".join("?" * len(names))),
        [values[n] for n in names])
    return db.execute("SELECT last_insert_rowid()").fetchone()[0]


def copy_filing(db, filing_id, sha256, path):
    """Copies filing FILING_ID of DB with all its rows, as SHA256 at PATH."""
    db.row_factory = sqlite3.Row
    f = dict(db.execute("SELECT * FROM filings WHERE id = ?", (filing_id,)).fetchone())
    f.pop("id")
    f["sha256"], f["path"] = sha256, path
    new_filing = insert(db, "filings", f)
    sections = {}
    for s in db.execute("SELECT * FROM sections WHERE filing_id = ?", (filing_id,)).fetchall():
        s = dict(s)
        old = s.pop("id")
        s["filing_id"] = new_filing
        sections[old] = insert(db, "sections", s)
    for r in db.execute("SELECT * FROM risk_factors WHERE filing_id = ?", (filing_id,)).fetchall():
        r = dict(r)
        old_risk = r.pop("id")
        r["filing_id"] = new_filing
        r["section_id"] = sections.get(r["section_id"])
        new_risk = insert(db, "risk_factors", r)
        for t in db.execute("SELECT * FROM tags WHERE risk_factor_id = ?", (old_risk,)).fetchall():
            t = dict(t)
            old_tag = t.pop("id")
            t["risk_factor_id"] = new_risk
            new_tag = insert(db, "tags", t)
            for e in db.execute("SELECT * FROM evidence WHERE tag_id = ?", (old_tag,)).fetchall():
                e = dict(e)
                e.pop("id")
                e["tag_id"] = new_tag
                insert(db, "evidence", e)
        for table in ("regulations_cited", "risk_factor_pages"):
            for g in db.execute("SELECT * FROM %s WHERE risk_factor_id = ?" % table,
                                (old_risk,)).fetchall():
                g = dict(g)
                g["risk_factor_id"] = new_risk
                insert(db, table, g)
    db.row_factory = None


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.split("\n\n")[1])
    template, shards, filings, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    os.makedirs(out, exist_ok=True)
    src = sqlite3.connect(template)
    originals = [r[0] for r in rows(src, "SELECT id FROM filings ORDER BY id")]
    src.close()
    if not originals:
        sys.exit("make_shards.py: %s holds no filings" % template)
    for k in range(1, shards + 1):
        path = os.path.join(out, "shard-%d.db" % k)
        shutil.copyfile(template, path)
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            for i in range(filings):
                original = originals[i % len(originals)]
                tag = "%d/%d/%d" % (k, i, original)
                sha = hashlib.sha256(tag.encode()).hexdigest()
                copy_filing(db, original, sha, "/batch/shard%d/%d.pdf" % (k, i))
            # The template's own filings are not part of the shard.
            db.executemany("DELETE FROM filings WHERE id = ?", [(o,) for o in originals])
        db.execute("VACUUM")
        db.close()


if __name__ == "__main__":
    main()
