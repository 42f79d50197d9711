"""What the monitor remembers per URL (``fetches``) and the pages it keeps (``archive``).

``fetches`` has one row per URL asked for: its outcome (``ingested``,
``unchanged``, ``skipped`` or ``failed``) with the reason, the canonical URL it
led to, the hash of its text, validators for the next conditional request, and
for a failure when to try again. ``archive`` has each stored page's HTML,
zlib-compressed, under its document key, with what is needed to read it again
exactly as it was read (``reextract``). The functions that take a connection
let a caller do a page's lookups and writes in one short opening of the store.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path

import duckdb

from newsgraph.store.schema import connect

__all__ = ["Archived", "FetchRow", "archive_page", "archived_keys", "content_owner", "due_retries", "fetch_rows",
           "read_archived", "record_fetches"]


@dataclass(frozen=True)
class FetchRow:
    url: str
    canonical_url: str | None
    source_id: int | None
    status: str
    reason: str | None
    detail: str | None
    http_status: int | None
    attempts: int
    fetched_at: datetime
    next_retry: datetime | None = None
    content_hash: str | None = None
    doc_key: str | None = None
    etag: str | None = None
    last_modified: str | None = None


_FETCH_COLUMNS = ", ".join(f.name for f in fields(FetchRow))


def fetch_rows(db: Path, urls: list[str]) -> dict[str, FetchRow]:
    """The rows of ``urls``, found by the URL asked for or the canonical URL it led to."""
    if not urls:
        return {}
    with connect(db) as con:
        rows = con.execute(f"SELECT {_FETCH_COLUMNS} FROM fetches WHERE url IN (SELECT unnest(?)) "
                           "OR canonical_url IN (SELECT unnest(?))", [urls, urls]).fetchall()
    found: dict[str, FetchRow] = {}
    for row in map(lambda r: FetchRow(*r), rows):
        if row.canonical_url:
            found.setdefault(row.canonical_url, row)
        found[row.url] = row  # the URL itself wins over another URL that led to it
    return found


def due_retries(db: Path, source_id: int, now: datetime) -> list[FetchRow]:
    """The source's failed pages whose time to try again has come, oldest first."""
    with connect(db) as con:
        rows = con.execute(f"SELECT {_FETCH_COLUMNS} FROM fetches WHERE source_id = ? AND status = 'failed' "
                           "AND next_retry <= ? ORDER BY next_retry", [source_id, now]).fetchall()
    return [FetchRow(*r) for r in rows]


def content_owner(con: duckdb.DuckDBPyConnection, content_hash: str, canonical: str) -> tuple[str | None, str | None]:
    """(the stored hash of ``canonical``, another canonical URL already stored with ``content_hash``)."""
    rows = con.execute("SELECT canonical_url, content_hash FROM fetches WHERE status IN ('ingested', 'unchanged') "
                       "AND (canonical_url = ? OR content_hash = ?) ORDER BY fetched_at DESC",
                       [canonical, content_hash]).fetchall()
    mine = next((h for c, h in rows if c == canonical), None)
    other = next((c for c, h in rows if h == content_hash and c != canonical), None)
    return mine, other


def record_fetches(db: Path, rows: list[FetchRow]) -> None:
    """Write (or replace) the rows of these URLs, in one transaction."""
    if not rows:
        return
    marks = ", ".join("?" * len(fields(FetchRow)))
    with connect(db) as con:
        con.execute("BEGIN TRANSACTION")
        con.executemany(f"INSERT OR REPLACE INTO fetches ({_FETCH_COLUMNS}) VALUES ({marks})",
                        [list(astuple(row)) for row in rows])
        con.execute("COMMIT")


@dataclass(frozen=True)
class Archived:
    doc_key: str
    url: str
    final_url: str
    canonical_url: str
    fetched_at: datetime
    content_type: str | None
    encoding: str | None  # the charset the response declared, if any
    content: bytes  # uncompressed
    published: str | None  # the date the feed or sitemap gave


def archive_page(con: duckdb.DuckDBPyConnection, page: Archived) -> None:
    """Keep a page's bytes, compressed, replacing what was kept under its key."""
    packed = zlib.compress(page.content, 6)
    con.execute("INSERT OR REPLACE INTO archive (doc_key, url, final_url, canonical_url, fetched_at, content_type, "
                "encoding, compression, html, size, published) VALUES (?, ?, ?, ?, ?, ?, ?, 'zlib', ?, ?, ?)",
                [page.doc_key, page.url, page.final_url, page.canonical_url, page.fetched_at, page.content_type,
                 page.encoding, packed, len(page.content), page.published])


def archived_keys(db: Path) -> list[str]:
    with connect(db) as con:
        return [r[0] for r in con.execute("SELECT doc_key FROM archive ORDER BY fetched_at, doc_key").fetchall()]


def read_archived(db: Path, keys: list[str], chunk: int = 32) -> Iterator[Archived]:
    """The archived pages of ``keys``, a chunk per short read, so memory holds a chunk at most."""
    for start in range(0, len(keys), chunk):
        with connect(db) as con:
            rows = con.execute("SELECT doc_key, url, final_url, canonical_url, fetched_at, content_type, encoding, "
                               "compression, html, published FROM archive WHERE doc_key IN (SELECT unnest(?)) "
                               "ORDER BY fetched_at, doc_key", [keys[start:start + chunk]]).fetchall()
        for key, url, final, canonical, fetched_at, ctype, encoding, compression, blob, published in rows:
            content = zlib.decompress(blob) if compression == "zlib" else bytes(blob)
            yield Archived(key, url, final, canonical, fetched_at, ctype, encoding, content, published)
