-- schema.sql - riskscope's SQLite schema, as a list of forward migrations
--
-- SPDX-License-Identifier: MIT
--
-- This file is compiled into the binary (db/meson.build). It is cut at the
-- "-- @version N" lines: the SQL after "-- @version N" takes a database from
-- version N-1 to version N. db/store.c applies the missing steps in order,
-- each in one transaction with "PRAGMA user_version = N", so a database is
-- always at exactly one version. Never edit a released step: append a new
-- "-- @version N+1" step (ALTER TABLE, CREATE INDEX, data fixes) instead.
--
-- PRAGMA application_id marks the file as riskscope's ('RSKP'); a file with
-- another application id, or with tables but no id, is refused.
--
-- Every child row references its parent with ON DELETE CASCADE, so
-- replacing a filing's analysis is one "DELETE FROM filings WHERE id = ?".
-- Connections must turn "PRAGMA foreign_keys = ON" on (store.c does).
--
-- Full-text search: risk_factors_fts is an FTS5 table with external content
-- (content = risk_factors, content_rowid = id) over two columns, heading and
-- body; the triggers below keep it in sync. Query it as
--   SELECT r.* FROM risk_factors_fts JOIN risk_factors r
--     ON r.id = risk_factors_fts.rowid
--   WHERE risk_factors_fts MATCH ?  ORDER BY rank;
-- snippet(risk_factors_fts, 1, '[', ']', '...', 12) gives a body snippet.

-- @version 1

PRAGMA application_id = 1381190480;  -- 0x52534B50 'RSKP'

-- One row per company. KEY folds the ways one company is printed
-- ("NVIDIA CORPORATION", "NVIDIA Corp") into one: lower case, letters and
-- digits, legal-form words (Inc., Corporation, Co., Ltd., ...) dropped.
-- NAME is one of the spellings seen, chosen by a rule of the spellings
-- alone (db/write.c), so that it does not depend on the order of filings.
CREATE TABLE companies (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  key   TEXT NOT NULL UNIQUE
);

-- One row per analysis of one file with one taxonomy version.
CREATE TABLE filings (
  id                INTEGER PRIMARY KEY,
  company_id        INTEGER NOT NULL
                      REFERENCES companies(id) ON DELETE CASCADE,
  path              TEXT NOT NULL,     -- as given to riskscope analyze
  name              TEXT NOT NULL,     -- base name of path
  sha256            TEXT NOT NULL,     -- 64 lower-case hex digits
  pages             INTEGER NOT NULL,
  title             TEXT,              -- PDF metadata, or NULL
  producer          TEXT,              -- PDF producer, or NULL
  doc_type          TEXT NOT NULL,     -- "10-K", "S-1", ..., "unknown"
  filed_date        TEXT,              -- YYYY-MM-DD when found, or NULL
  analyzed_at       TEXT NOT NULL,     -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  taxonomy_name     TEXT NOT NULL,
  taxonomy_version  TEXT NOT NULL,
  risk_first_page   INTEGER NOT NULL,  -- 0 when no section was found
  risk_last_page    INTEGER NOT NULL,
  flags             TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  UNIQUE (sha256, taxonomy_version)
);
CREATE INDEX filings_company ON filings(company_id);
CREATE INDEX filings_name ON filings(name);

-- Sub-section headings of the Risk Factors section, in order.
CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,        -- 1-based
  title       TEXT NOT NULL,
  page_start  INTEGER NOT NULL,
  page_end    INTEGER NOT NULL,
  UNIQUE (filing_id, ordinal)
);

CREATE TABLE risk_factors (
  id          INTEGER PRIMARY KEY,
  filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,        -- 1-based position in the section
  section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  section     TEXT NOT NULL,           -- sub-section heading, or ''
  heading     TEXT NOT NULL,
  body        TEXT NOT NULL,           -- paragraphs separated by '\n'
  page_start  INTEGER NOT NULL,
  page_end    INTEGER NOT NULL,
  word_count  INTEGER NOT NULL,
  UNIQUE (filing_id, ordinal)
);

CREATE TABLE tags (
  id              INTEGER PRIMARY KEY,
  risk_factor_id  INTEGER NOT NULL
                    REFERENCES risk_factors(id) ON DELETE CASCADE,
  category        TEXT NOT NULL,       -- taxonomy category id
  score           REAL NOT NULL,       -- 0..1
  strength        TEXT NOT NULL CHECK (strength IN ('P', 'S', 'M'))
);
CREATE INDEX tags_risk_factor ON tags(risk_factor_id);
CREATE INDEX tags_category ON tags(category);

-- Why a tag was given: each pattern match.
CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  in_heading  INTEGER NOT NULL,        -- 1: offset is in the heading
  offset      INTEGER NOT NULL,        -- bytes in the heading or body
  length      INTEGER NOT NULL,        -- bytes
  text        TEXT NOT NULL,           -- the matched text
  pattern     TEXT NOT NULL,           -- rule id or source
  weight      REAL NOT NULL
);
CREATE INDEX evidence_tag ON evidence(tag_id);

CREATE TABLE regulations_cited (
  risk_factor_id  INTEGER NOT NULL
                    REFERENCES risk_factors(id) ON DELETE CASCADE,
  regulation_id   TEXT NOT NULL,       -- e.g. "US-EAR-AC"
  PRIMARY KEY (risk_factor_id, regulation_id)
) WITHOUT ROWID;
CREATE INDEX regulations_cited_regulation ON regulations_cited(regulation_id);

CREATE VIRTUAL TABLE risk_factors_fts USING fts5(
  heading, body,
  content = 'risk_factors', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER risk_factors_fts_insert AFTER INSERT ON risk_factors BEGIN
  INSERT INTO risk_factors_fts(rowid, heading, body)
    VALUES (new.id, new.heading, new.body);
END;
CREATE TRIGGER risk_factors_fts_delete AFTER DELETE ON risk_factors BEGIN
  INSERT INTO risk_factors_fts(risk_factors_fts, rowid, heading, body)
    VALUES ('delete', old.id, old.heading, old.body);
END;
CREATE TRIGGER risk_factors_fts_update AFTER UPDATE ON risk_factors BEGIN
  INSERT INTO risk_factors_fts(risk_factors_fts, rowid, heading, body)
    VALUES ('delete', old.id, old.heading, old.body);
  INSERT INTO risk_factors_fts(rowid, heading, body)
    VALUES (new.id, new.heading, new.body);
END;

-- @version 2

-- Where each page starts in a risk factor's body: the text at byte OFFSET
-- of risk_factors.body and after it (up to the next row's offset) was
-- printed on PAGE. The first row of a risk factor is at offset 0. Risk
-- factors stored before version 2 have no rows: their page is page_start.
CREATE TABLE risk_factor_pages (
  risk_factor_id  INTEGER NOT NULL
                    REFERENCES risk_factors(id) ON DELETE CASCADE,
  offset          INTEGER NOT NULL,    -- bytes in the body
  page            INTEGER NOT NULL,
  PRIMARY KEY (risk_factor_id, offset)
) WITHOUT ROWID;

-- @version 3

-- Who the filing is from, beyond the company's name, as its cover prints
-- it: the name in Chinese (Hong Kong documents), the ticker ("NVDA", from
-- the Section 12(b) table or --ticker), the SEC's Central Index Key (ten
-- digits) and the HKEX stock code (at least four digits, "9999", "0700").
-- NULL when not printed. --companies matches tickers and codes too.
ALTER TABLE filings ADD COLUMN company_zh TEXT;
ALTER TABLE filings ADD COLUMN ticker TEXT;
ALTER TABLE filings ADD COLUMN cik TEXT;
ALTER TABLE filings ADD COLUMN stock_code TEXT;
CREATE INDEX filings_ticker ON filings(ticker);

-- @version 4

-- Evidence a reader can judge: each evidence row is a match shown in its
-- sentence. SENTENCE_OFFSET and SENTENCE_LENGTH are bytes of the same
-- text as OFFSET (the heading when in_heading, else the body); a long
-- sentence is stored as a window of whole words around the match. COUNT
-- is how many matches of the same rule and words the row stands for
-- ("VIEs" thirteen times is one row). Rows stored before version 4 have
-- NULL sentence bounds (show the matched text alone) and a count of 1.
ALTER TABLE evidence ADD COLUMN sentence_offset INTEGER;
ALTER TABLE evidence ADD COLUMN sentence_length INTEGER;
ALTER TABLE evidence ADD COLUMN count INTEGER NOT NULL DEFAULT 1;

-- How many sentences carried a tag's evidence, shown or not (the evidence
-- rows are the strongest few); NULL when stored before version 4.
ALTER TABLE tags ADD COLUMN sentences INTEGER;

-- @version 5

-- The period a filing reports on and the date of the document itself are
-- two facts: a 10-K for the fiscal year ended January 26, 2025 was signed
-- on February 26, 2025; a prospectus has a date and no period. Versions up to 4's
-- filed_date held the period end, or for a prospectus the date on its
-- cover: that is moved to document_date.
ALTER TABLE filings RENAME COLUMN filed_date TO period_end;  -- YYYY-MM-DD
ALTER TABLE filings ADD COLUMN document_date TEXT;           -- YYYY-MM-DD
UPDATE filings SET document_date = period_end, period_end = NULL
  WHERE doc_type NOT IN ('10-K', '10-Q', '20-F');

-- @version 6

-- The printed page label (folio) of each page where one is known: the
-- PDF's own page labels (/PageLabels) when they differ from the page index,
-- else the page number printed in the page's margin ("23", "F-3", "xiv").
-- Exports carry it beside the PDF page index, so a reader finds the page
-- the filing's own table of contents names. Pages without one have no row.
CREATE TABLE page_labels (
  filing_id  INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  page       INTEGER NOT NULL,         -- 1-based page index (PDF; HTML: README)
  label      TEXT NOT NULL,
  PRIMARY KEY (filing_id, page)
) WITHOUT ROWID;

-- The categories of each taxonomy version filings were analysed with, in
-- the taxonomy file's order, so reports order and label their columns as
-- the taxonomy does, even a custom one whose file is no longer at hand.
CREATE TABLE taxonomy_categories (
  taxonomy_name     TEXT NOT NULL,
  taxonomy_version  TEXT NOT NULL,
  ordinal           INTEGER NOT NULL,  -- 1-based, file order
  id                TEXT NOT NULL,
  label             TEXT NOT NULL,
  PRIMARY KEY (taxonomy_name, taxonomy_version, id)
) WITHOUT ROWID;
