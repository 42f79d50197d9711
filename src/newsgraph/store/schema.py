"""The DuckDB store's tables, its version and its migrations.

One row per document, and its actors, mentions, events, quotes and places as
in the output schema (docs/schema.md), flattened into columns a query can
filter on. ``store_version`` in ``meta`` says which migrations have run;
opening an older store runs the missing ones in order, in one transaction.

Concurrency: DuckDB lets one process write a database file, and other
processes open it only while nobody writes. ``newsgraph ingest`` therefore
holds the file only while it commits a batch, and readers (the CLI queries,
the dashboard) open it read-only for each request, retrying while a commit is
under way (``connect(..., read_only=True)``).
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from newsgraph.errors import NewsgraphError
from newsgraph.records import SCHEMA_VERSION

__all__ = ["MIGRATIONS", "STORE_VERSION", "StoreError", "connect", "migrate", "store_version"]


class StoreError(NewsgraphError):
    """The store could not be opened or read."""


_V1 = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)""",
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, doc_key TEXT NOT NULL UNIQUE, raw_hash TEXT NOT NULL, content_hash TEXT NOT NULL,
        source TEXT, url TEXT, path TEXT, headline TEXT, standfirst TEXT, byline TEXT, published DATE,
        language TEXT, text TEXT NOT NULL, n_sentences INTEGER, n_events INTEGER, n_quotes INTEGER,
        record_schema TEXT, record JSON, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE actors (
        doc_id TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT, kind TEXT, code TEXT, country TEXT, org TEXT,
        sector TEXT, role TEXT, in_kb BOOLEAN, n_mentions INTEGER, PRIMARY KEY (doc_id, actor_id))""",
    """CREATE TABLE mentions (
        doc_id TEXT NOT NULL, actor_id TEXT NOT NULL, text TEXT, start INTEGER, "end" INTEGER, sentence INTEGER,
        method TEXT)""",
    """CREATE TABLE events (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT, mode TEXT, cameo TEXT, cameo_root TEXT,
        cameo_name TEXT, quad_class INTEGER, goldstein DOUBLE, plover_score DOUBLE,
        source_actor TEXT, source_name TEXT, source_country TEXT, source_code TEXT,
        target_actor TEXT, target_name TEXT, target_country TEXT, target_code TEXT,
        reciprocal BOOLEAN, modality TEXT, historical BOOLEAN, date TEXT, day DATE, date_source TEXT,
        place_name TEXT, place_country TEXT, latitude DOUBLE, longitude DOUBLE, sentence INTEGER,
        predicate TEXT, evidence TEXT, confidence DOUBLE, PRIMARY KEY (doc_id, event_id))""",
    """CREATE TABLE quotes (
        doc_id TEXT NOT NULL, quote_id TEXT NOT NULL, kind TEXT, text TEXT, start INTEGER, "end" INTEGER,
        sentence INTEGER, cue TEXT, speaker_actor TEXT, speaker_name TEXT, speaker_country TEXT,
        speaker_sector TEXT, speaker_text TEXT, speaker_method TEXT, reported_by_actor TEXT,
        reported_by_name TEXT, event_id TEXT, PRIMARY KEY (doc_id, quote_id))""",
    """CREATE TABLE places (
        doc_id TEXT NOT NULL, name TEXT, country TEXT, latitude DOUBLE, longitude DOUBLE, text TEXT,
        start INTEGER, "end" INTEGER)""",
    """CREATE TABLE errors (
        input TEXT PRIMARY KEY, reason TEXT NOT NULL, detail TEXT, failed_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE INDEX events_day ON events (day)",
    "CREATE INDEX events_source ON events (source_country)",
    "CREATE INDEX events_target ON events (target_country)",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX quotes_speaker ON quotes (speaker_name)",
    "CREATE INDEX actors_name ON actors (name)",
    "CREATE INDEX documents_published ON documents (published)",
    """CREATE VIEW event_clusters AS
        SELECT e.day, e.type, e.mode, e.cameo_root,
               coalesce(e.source_code, e.source_country) AS source, e.source_country,
               coalesce(e.target_code, e.target_country) AS target, e.target_country,
               min(e.quad_class) AS quad_class, avg(e.goldstein) AS goldstein,
               count(*) AS mentions, count(DISTINCT e.doc_id) AS articles,
               count(DISTINCT coalesce(d.source, d.doc_id)) AS sources,
               list(struct_pack(doc_id := e.doc_id, event_id := e.event_id) ORDER BY e.doc_id, e.event_id) AS evidence
        FROM events e JOIN documents d USING (doc_id)
        WHERE e.modality = 'asserted' AND NOT e.historical AND e.type IS NOT NULL
        GROUP BY ALL""",
]

# The monitor (docs/monitor.md): sources it polls, the outcome of every URL it fetched, and
# the fetched HTML, compressed, so `newsgraph reextract` can rerun extraction offline.
# Times are UTC.
_V2 = [
    "CREATE SEQUENCE source_ids START 1",
    """CREATE TABLE sources (
        source_id INTEGER PRIMARY KEY DEFAULT nextval('source_ids'), url TEXT NOT NULL UNIQUE, name TEXT,
        kind TEXT NOT NULL, every_s DOUBLE NOT NULL, added_at TIMESTAMP NOT NULL, last_polled TIMESTAMP,
        next_poll TIMESTAMP, etag TEXT, last_modified TEXT, n_found INTEGER NOT NULL DEFAULT 0,
        n_ingested INTEGER NOT NULL DEFAULT 0, n_unchanged INTEGER NOT NULL DEFAULT 0,
        n_skipped INTEGER NOT NULL DEFAULT 0, n_failed INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        last_error_at TIMESTAMP)""",
    """CREATE TABLE fetches (
        url TEXT PRIMARY KEY, canonical_url TEXT, source_id INTEGER, status TEXT NOT NULL, reason TEXT,
        detail TEXT, http_status INTEGER, attempts INTEGER NOT NULL DEFAULT 0, fetched_at TIMESTAMP NOT NULL,
        next_retry TIMESTAMP, content_hash TEXT, doc_key TEXT, etag TEXT, last_modified TEXT)""",
    """CREATE TABLE archive (
        doc_key TEXT PRIMARY KEY, url TEXT NOT NULL, final_url TEXT NOT NULL, canonical_url TEXT NOT NULL,
        fetched_at TIMESTAMP NOT NULL, content_type TEXT, encoding TEXT, compression TEXT NOT NULL,
        html BLOB NOT NULL, size INTEGER NOT NULL, published TEXT)""",
]

# version → statements that bring a store from the previous version to it
MIGRATIONS: dict[int, list[str]] = {1: _V1, 2: _V2}
STORE_VERSION = max(MIGRATIONS)
WRITER_MEMORY = "256MB"


def store_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Run the migrations a store lacks, in one transaction; returns the version reached."""
    current = store_version(con)
    if current > STORE_VERSION:
        raise StoreError(f"the store is version {current}, newer than this newsgraph ({STORE_VERSION}); upgrade newsgraph")
    if current == STORE_VERSION:
        return current
    con.execute("BEGIN TRANSACTION")
    try:
        for version in range(current + 1, STORE_VERSION + 1):
            for statement in MIGRATIONS[version]:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('store_version', ?)", [str(version)])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('record_schema', ?)", [SCHEMA_VERSION])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return STORE_VERSION


def connect(path: Path | str, *, read_only: bool = False, wait_s: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open the store; a writer creates and migrates it. Readers retry while a writer commits."""
    path = Path(path)
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such database (run `newsgraph ingest` first)")
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            # a writer commits small batches: one thread and a bounded buffer keep its memory flat
            config = {} if read_only else {"threads": "1", "memory_limit": WRITER_MEMORY}
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() > deadline:
                raise StoreError(f"{path}: cannot open the database ({str(e).splitlines()[0]})") from e
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as e:
            raise StoreError(f"{path}: not a newsgraph database ({str(e).splitlines()[0]})") from e
    if not read_only:
        migrate(con)
    elif store_version(con) != STORE_VERSION:
        version = store_version(con)
        con.close()
        raise StoreError(f"{path}: store version {version}, this newsgraph reads {STORE_VERSION}; "
                         "open it once with `newsgraph ingest` to migrate it")
    return con
