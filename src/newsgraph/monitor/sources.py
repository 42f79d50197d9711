"""The sources ``newsgraph watch`` polls, kept in the store's ``sources`` table.

A source is a URL with a kind — ``feed`` (RSS or Atom), ``sitemap`` (incl.
sitemap indexes and ``.xml.gz``) or ``page`` (one article, fetched again on
each poll and replaced when it changed) — and how often to poll it. A source
added without ``--kind`` is ``auto`` until its first poll tells what it is, so
adding one needs no network. Times are naive UTC.

Every function opens the store for one short transaction, so the dashboard
and other readers can open it in between (docs/store.md, "Concurrent use").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb

from newsgraph.config import parse_duration
from newsgraph.errors import MonitorError
from newsgraph.store.schema import connect

__all__ = ["KINDS", "PollCounts", "Source", "add_source", "due_sources", "format_every", "get_source",
           "list_sources", "normalize_url", "parse_every", "record_poll", "remove_source", "utcnow"]

KINDS = ("auto", "feed", "sitemap", "page")
# Query parameters that only say where a reader clicked: the same article with or without them.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid")


def utcnow() -> datetime:
    """Now, as the naive UTC the store's TIMESTAMP columns hold."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def parse_every(value: str) -> float:
    """Seconds between polls from ``90s``, ``15m``, ``2h``, ``1d``; ValueError otherwise."""
    return parse_duration(value)


def format_every(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def normalize_url(url: str) -> str:
    """The form URLs are compared and stored in: http(s) only, lower-case scheme and host,
    no default port, no fragment, no tracking parameters. ValueError for anything else."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url}: not an http(s) URL")
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError as e:
        raise ValueError(f"{url}: bad port") from e
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        raise ValueError(f"{url}: URLs with a user name or password are not supported")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True) if query else "", ""))


@dataclass(frozen=True)
class Source:
    source_id: int
    url: str
    name: str | None
    kind: str
    every_s: float
    added_at: datetime
    last_polled: datetime | None = None
    next_poll: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    n_found: int = 0
    n_ingested: int = 0
    n_unchanged: int = 0
    n_skipped: int = 0
    n_failed: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None

    @property
    def every(self) -> str:
        return format_every(self.every_s)


_COLUMNS = [f.name for f in fields(Source)]
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM sources"


def _sources(con: duckdb.DuckDBPyConnection, where: str = "", params: list | None = None) -> list[Source]:
    rows = con.execute(f"{_SELECT} {where}", params or []).fetchall()
    return [Source(*row) for row in rows]


def list_sources(con: duckdb.DuckDBPyConnection) -> list[Source]:
    """Every source, in the order they were added."""
    return _sources(con, "ORDER BY source_id")


def get_source(con: duckdb.DuckDBPyConnection, ref: str) -> Source:
    """A source by its number or its URL."""
    if ref.strip().isdigit():
        found = _sources(con, "WHERE source_id = ?", [int(ref)])
    else:
        try:
            url = normalize_url(ref)
        except ValueError:
            url = ref
        found = _sources(con, "WHERE url = ? OR url = ?", [url, ref])
    if not found:
        raise MonitorError(f"{ref}: no such source (see `newsgraph sources list`)")
    return found[0]


def add_source(db: Path, url: str, *, name: str | None = None, every_s: float, kind: str = "auto",
               now: datetime | None = None) -> Source:
    """Add a source, due at once; MonitorError if the URL is not http(s) or already a source."""
    if kind not in KINDS:
        raise MonitorError(f"{kind}: not a kind of source (use {', '.join(KINDS)})")
    if every_s <= 0:
        raise MonitorError(f"{url}: the polling interval must be positive")
    try:
        url = normalize_url(url)
    except ValueError as e:
        raise MonitorError(str(e)) from None
    with connect(db) as con:
        existing = _sources(con, "WHERE url = ?", [url])
        if existing:
            raise MonitorError(f"{url}: already a source (#{existing[0].source_id})")
        con.execute("INSERT INTO sources (url, name, kind, every_s, added_at) VALUES (?, ?, ?, ?, ?)",
                    [url, name or None, kind, float(every_s), now or utcnow()])
        return _sources(con, "WHERE url = ?", [url])[0]


def remove_source(db: Path, ref: str) -> Source:
    """Remove a source. Its articles stay in the store, and the URLs it led to stay known, so
    adding it again does not fetch them twice."""
    with connect(db) as con:
        source = get_source(con, ref)
        con.execute("DELETE FROM sources WHERE source_id = ?", [source.source_id])
    return source


def due_sources(con: duckdb.DuckDBPyConnection, now: datetime) -> list[Source]:
    """Sources whose next poll has come (never-polled ones first)."""
    return _sources(con, "WHERE next_poll IS NULL OR next_poll <= ? ORDER BY next_poll NULLS FIRST, source_id", [now])


@dataclass
class PollCounts:
    """What one poll of a source found and did with it."""

    found: int = 0
    ingested: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    last_error: str | None = None


def record_poll(db: Path, source: Source, counts: PollCounts, *, now: datetime, kind: str | None = None,
                etag: str | None = None, last_modified: str | None = None, retry_s: float | None = None) -> None:
    """After a poll: add its counts to the source's and schedule the next one (sooner, after
    ``retry_s``, when the source itself could not be fetched)."""
    wait = source.every_s if retry_s is None else min(source.every_s, retry_s)
    with connect(db) as con:
        con.execute(
            """UPDATE sources SET kind = ?, last_polled = ?, next_poll = ?, etag = coalesce(?, etag),
                   last_modified = coalesce(?, last_modified), n_found = n_found + ?, n_ingested = n_ingested + ?,
                   n_unchanged = n_unchanged + ?, n_skipped = n_skipped + ?, n_failed = n_failed + ?,
                   last_error = coalesce(?, last_error),
                   last_error_at = CASE WHEN ? IS NULL THEN last_error_at ELSE ? END
               WHERE source_id = ?""",
            [kind or source.kind, now, now + timedelta(seconds=wait), etag, last_modified, counts.found,
             counts.ingested, counts.unchanged, counts.skipped, counts.failed, counts.last_error,
             counts.last_error, now, source.source_id])
