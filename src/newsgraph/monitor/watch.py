"""Polling sources and fetching pages into the store (``newsgraph watch`` and ``fetch``).

A round polls every due source: fetch it (conditionally), read its links, keep
the ones never seen (by URL or canonical URL) and the failed ones due for
another try, fetch those pages, read each into a ``RawDocument``, drop copies
of an article already stored (same text under another canonical URL), archive
the HTML and ingest through ``store.ingest.ingest`` — the path of ``newsgraph
ingest``, so the rows are the same. Every URL's outcome goes to ``fetches``;
nothing that happens to one page or one source stops the round.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from duckdb import DuckDBPyConnection

from newsgraph.config import Settings, parse_duration
from newsgraph.errors import InputError, MonitorError
from newsgraph.monitor import ledger
from newsgraph.monitor.discover import MAX_SITEMAP_BYTES, Link, discover, sitemap_links
from newsgraph.monitor.fetcher import FetchError, Fetched, Fetcher
from newsgraph.monitor.ledger import Archived, FetchRow
from newsgraph.monitor.pages import Page, read_page
from newsgraph.monitor.sources import PollCounts, Source, due_sources, list_sources, normalize_url, record_poll, utcnow
from newsgraph.store.ingest import doc_key, ingest, raw_hash
from newsgraph.store.schema import StoreError, connect

__all__ = ["FetchSummary", "Monitor", "PageOutcome"]

INGEST_CHUNK = 8  # pages ingested together: the dashboard sees new articles after at most this many
MAX_CHILD_SITEMAPS = 10  # of a sitemap index, newest first, per poll
MAX_RETRY_WAIT_S = 86400.0
# Pipeline rejections that fetching again will not change: skipped, not failed.
_NOT_RETRIED = ("not English", "language")


@dataclass(frozen=True)
class PageOutcome:
    url: str
    status: str  # ingested | updated | unchanged | skipped | failed
    reason: str | None = None
    detail: str | None = None
    canonical_url: str | None = None

    def line(self) -> str:
        return f"{self.url}: {self.detail or self.reason or self.status}"


@dataclass
class FetchSummary:
    fetched: int = 0  # pages downloaded (a 304 is not)
    ingested: int = 0
    updated: int = 0  # pages stored before whose content changed: their rows replaced
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    sources: int = 0  # polled
    source_errors: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: PageOutcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        if outcome.status in ("skipped", "failed") and outcome.reason:
            self.reasons[outcome.reason] += 1

    def merge(self, other: FetchSummary) -> None:
        for name in ("fetched", "ingested", "updated", "unchanged", "skipped", "failed", "sources", "source_errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)

    def line(self) -> str:
        text = f"fetched {self.fetched}, ingested {self.ingested}"
        if self.updated:
            text += f", updated {self.updated}"
        text += f", unchanged {self.unchanged}, skipped {self.skipped}, failed {self.failed}"
        if self.reasons:
            text += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items())) + ")"
        return text


@dataclass(frozen=True)
class _Candidate:
    url: str
    published: str | None = None  # from the feed or sitemap
    prior: FetchRow | None = None
    conditional: bool = False  # send the prior row's validators (a page fetched again on purpose)


@dataclass(frozen=True)
class _Pending:
    """A page read and archived, waiting to be ingested."""

    candidate: _Candidate
    fetched: Fetched
    page: Page
    key: str


Progress = Callable[[PageOutcome, FetchSummary], None]
SourceNote = Callable[[str], None]


def _due(row: FetchRow, now: datetime) -> bool:
    """A failed page whose time to try again has come (never, once given up)."""
    return row.status == "failed" and row.next_retry is not None and row.next_retry <= now


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)


class Monitor:
    """The fetcher, the settings and the store of one run of ``watch`` or ``fetch``."""

    def __init__(self, db: Path, settings: Settings | None = None, *, fetcher: Fetcher | None = None,
                 progress: Progress | None = None, note: SourceNote | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.db = Path(db)
        self.settings = settings or Settings()
        self.fetcher = fetcher or Fetcher(self.settings.monitor)
        self.progress, self.note, self.clock = progress, note, clock
        self.retry_s = parse_duration(self.settings.monitor.retry_failed)
        self.summary = FetchSummary()
        self._counts: PollCounts | None = None  # of the source being polled
        self._run_hashes: dict[str, str] = {}  # content hash → canonical URL, this run
        self._batch: list[FetchRow] | None = None  # rows waiting for one transaction

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Monitor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetch: a list of pages, once ---------------------------------------------------------

    def fetch_urls(self, urls: Iterable[str]) -> FetchSummary:
        """Fetch pages once (conditionally, if fetched before), ingest the new and changed ones."""
        self.summary = FetchSummary()
        wanted: list[str] = []
        for url in urls:
            try:
                wanted.append(normalize_url(url))
            except ValueError as e:
                raise MonitorError(str(e)) from None
        priors = ledger.fetch_rows(self.db, wanted)
        candidates = [_Candidate(u, prior=priors.get(u), conditional=True) for u in dict.fromkeys(wanted)]
        self._pages(candidates, None)
        return self.summary

    # -- watch: rounds of polls ---------------------------------------------------------------

    def run_round(self) -> FetchSummary:
        """Poll every due source once."""
        self.summary = FetchSummary()
        with connect(self.db) as con:
            due = due_sources(con, self.clock())
        for source in due:
            self.poll(source)
        return self.summary

    def watch(self, *, once: bool = False, on_round: Callable[[FetchSummary], None] | None = None,
              sleep: Callable[[float], None] | None = None) -> FetchSummary:
        """Run rounds until interrupted (or one, with ``once``), sleeping until a source is due."""
        total = FetchSummary()
        if not self.db.is_file():
            raise StoreError(f"{self.db}: no such database (add a source with `newsgraph sources add URL`)")
        with connect(self.db) as con:
            if not list_sources(con):
                raise MonitorError(f"{self.db}: no sources to watch (add one with `newsgraph sources add URL`)")
        while True:
            try:
                total.merge(self.run_round())
            except StoreError as e:  # the database stayed locked, say: try again next time
                if once:
                    raise
                if self.note:
                    self.note(str(e))
            else:
                if on_round:
                    on_round(self.summary)
            if once:
                return total
            (sleep or time.sleep)(self._until_next_poll())

    def _until_next_poll(self) -> float:
        """Seconds until the next source is due: at least 1, at most 60 (to see sources added meanwhile)."""
        with connect(self.db) as con:
            row = con.execute("SELECT min(coalesce(next_poll, TIMESTAMP '1970-01-01')) FROM sources").fetchone()
        if not row or row[0] is None:
            return 60.0
        return min(60.0, max(1.0, (row[0] - self.clock()).total_seconds()))

    # -- one source ---------------------------------------------------------------------------

    def poll(self, source: Source) -> None:
        """Poll one source; whatever goes wrong is recorded on it, never raised."""
        now = self.clock()
        self.summary.sources += 1
        self._counts = PollCounts()
        kind, etag, last_modified, failed = source.kind, None, None, False
        try:
            if source.kind == "page":
                prior = ledger.fetch_rows(self.db, [source.url]).get(source.url)
                self._pages([_Candidate(source.url, prior=prior, conditional=True)], source)
            else:
                kind, etag, last_modified = self._poll_listing(source, now)
        except FetchError as e:
            failed = True
            self._source_error(source, str(e))
        except ValueError as e:  # not what it should be: not a feed, a broken gzip…
            failed = True
            self._source_error(source, f"{source.url}: {e}")
        except Exception as e:  # noqa: BLE001 - one bad source must not stop the round
            failed = True
            self._source_error(source, f"{source.url}: {type(e).__name__}: {e}")
        counts, self._counts = self._counts, None
        record_poll(self.db, source, counts, now=now, kind=kind, etag=etag, last_modified=last_modified,
                    retry_s=self.retry_s if failed else None)

    def _source_error(self, source: Source, message: str) -> None:
        assert self._counts is not None
        self._counts.last_error = message
        self.summary.source_errors += 1
        if self.note:
            self.note(message)

    def _poll_listing(self, source: Source, now: datetime) -> tuple[str, str | None, str | None]:
        """A feed or sitemap (or a source of kind ``auto``): (its kind, ETag, Last-Modified)."""
        fetched = self.fetcher.get(source.url, html_only=False, etag=source.etag, last_modified=source.last_modified,
                                   max_bytes=MAX_SITEMAP_BYTES)
        if fetched.not_modified:
            self._pages(self._candidates([], source, now), source)
            return source.kind, None, None
        found = discover(fetched, source.kind)
        if found.kind == "page":  # an ``auto`` source that is an article: this was its first fetch
            prior = ledger.fetch_rows(self.db, [source.url]).get(source.url)
            self._pages([_Candidate(source.url, prior=prior, conditional=True)], source, first=fetched)
            return "page", None, None
        links = list(found.links)
        for child in found.sitemaps[:MAX_CHILD_SITEMAPS]:
            links += self._child_sitemap(source, child)
        self._pages(self._candidates(links, source, now), source)
        return found.kind, fetched.etag, fetched.last_modified

    def _child_sitemap(self, source: Source, url: str) -> list[Link]:
        try:
            fetched = self.fetcher.get(url, html_only=False, max_bytes=MAX_SITEMAP_BYTES)
            return sitemap_links(fetched.content, fetched.final_url)[0]
        except (FetchError, ValueError) as e:
            self._source_error(source, str(e) if isinstance(e, FetchError) else f"{url}: {e}")
            return []

    def _candidates(self, links: list[Link], source: Source, now: datetime) -> list[_Candidate]:
        """New links (never fetched, by URL or canonical URL), then failed pages due for a retry."""
        assert self._counts is not None
        normal: dict[str, Link] = {}
        for link in links:
            try:
                normal.setdefault(normalize_url(link.url), link)
            except ValueError:
                continue  # mailto:, javascript: and the like
        known = ledger.fetch_rows(self.db, list(normal))
        fresh = [_Candidate(url, link.published) for url, link in normal.items() if url not in known]
        retry = [_Candidate(row.url, prior=row) for row in ledger.due_retries(self.db, source.source_id, now)]
        retry += [_Candidate(url, link.published, known[url]) for url, link in normal.items()
                  if url in known and known[url].url == url and _due(known[url], now)]
        limit = self.settings.monitor.max_pages_per_poll
        chosen = fresh[:limit]
        self._counts.found += len(chosen)
        seen = {c.url for c in chosen}
        for candidate in retry:
            if len(chosen) >= limit:
                break
            if candidate.url not in seen:
                seen.add(candidate.url)
                chosen.append(candidate)
        return chosen

    # -- pages ----------------------------------------------------------------------------------

    def _pages(self, candidates: list[_Candidate], source: Source | None, first: Fetched | None = None) -> None:
        """Fetch and read each page; dedupe, archive and ingest them a few at a time."""
        reads: list[tuple[_Candidate, Fetched, Page]] = []
        for candidate in candidates:
            try:
                result = self._fetch_page(candidate, source, first if first and candidate.url == first.url else None)
            except Exception as e:  # noqa: BLE001 - one bad page must not stop the source
                self._record(candidate, source, "failed", "internal error", f"{type(e).__name__}: {e}")
                continue
            if result is not None:
                reads.append(result)
            if len(reads) >= INGEST_CHUNK:
                self._settle(reads, source)
                reads = []
        self._settle(reads, source)

    def _settle(self, reads: list[tuple[_Candidate, Fetched, Page]], source: Source | None) -> None:
        """Dedupe and archive pages in one opening of the store (an opening costs tens of
        milliseconds), then ingest the new ones."""
        if not reads:
            return
        pending: list[_Pending] = []
        self._batch = []
        try:
            with connect(self.db) as con:
                for candidate, fetched, page in reads:
                    try:
                        found = self._dedupe_and_archive(con, candidate, source, fetched, page)
                    except Exception as e:  # noqa: BLE001 - one bad page must not stop the others
                        self._record(candidate, source, "failed", "internal error", f"{type(e).__name__}: {e}")
                        continue
                    if found is not None:
                        pending.append(found)
        finally:
            rows, self._batch = self._batch, None
            ledger.record_fetches(self.db, rows)
        self._ingest(pending, source)

    def _fetch_page(self, candidate: _Candidate, source: Source | None,
                    fetched: Fetched | None = None) -> tuple[_Candidate, Fetched, Page] | None:
        prior = candidate.prior
        use = candidate.conditional and prior is not None and prior.status in ("ingested", "unchanged")
        try:
            fetched = fetched or self.fetcher.get(candidate.url, etag=prior.etag if use and prior else None,
                                                  last_modified=prior.last_modified if use and prior else None)
        except FetchError as e:
            self._record(candidate, source, "skipped" if e.skipped else "failed", e.reason, e.detail,
                         http_status=e.http_status, retry_at=e.retry_at)
            return None
        if fetched.not_modified:
            self._record(candidate, source, "unchanged", "not modified", "HTTP 304 Not Modified", http_status=304,
                         fetched=fetched)
            return None
        if fetched.content_type and fetched.content_type not in ("text/html", "application/xhtml+xml"):
            self.summary.fetched += 1  # an ``auto`` source's first fetch, read with any type
            self._record(candidate, source, "skipped", f"not html ({fetched.content_type})", None, fetched=fetched)
            return None
        self.summary.fetched += 1
        try:
            page = read_page(fetched.content, final_url=fetched.final_url, charset=fetched.charset,
                             published=candidate.published)
        except InputError as e:
            self._record(candidate, source, "failed", e.reason, e.detail, fetched=fetched)
            return None
        return candidate, fetched, page

    def _dedupe_and_archive(self, con: DuckDBPyConnection, candidate: _Candidate, source: Source | None,
                            fetched: Fetched, page: Page) -> _Pending | None:
        key = doc_key(page.raw, raw_hash(page.raw))
        stored_hash, other = ledger.content_owner(con, page.content_hash, page.canonical_url)
        in_run = self._run_hashes.get(page.content_hash)
        other = other or (in_run if in_run != page.canonical_url else None)
        new = stored_hash != page.content_hash and not other
        if new and self.settings.monitor.archive:
            ledger.archive_page(con, Archived(
                doc_key=key, url=candidate.url, final_url=fetched.final_url, canonical_url=page.canonical_url,
                fetched_at=self.clock(), content_type=fetched.content_type or None, encoding=fetched.charset,
                content=fetched.content, published=candidate.published))
        if stored_hash == page.content_hash:
            self._record(candidate, source, "unchanged", "same text", "the same text is stored", fetched=fetched,
                         page=page, key=key)
            return None
        if other:
            self._record(candidate, source, "skipped", "duplicate", f"the same text as {other}", fetched=fetched,
                         page=page)
            return None
        self._run_hashes[page.content_hash] = page.canonical_url
        return _Pending(candidate, fetched, page, key)

    def _ingest(self, pending: list[_Pending], source: Source | None) -> None:
        """Ingest the pages (as ``newsgraph ingest`` would), then write their rows in one transaction."""
        if not pending:
            return
        results: dict[str, tuple[str, InputError | None]] = {}
        ingest((p.page.raw for p in pending), self.db, settings=self.settings.extract, workers=1,
               batch_size=len(pending), outcome=lambda key, status, error: results.__setitem__(key, (status, error)))
        self._batch = []
        try:
            for p in pending:
                self._ingested(p, source, *results.get(p.key, ("failed", None)))
        finally:
            rows, self._batch = self._batch, None
            ledger.record_fetches(self.db, rows)

    def _ingested(self, p: _Pending, source: Source | None, status: str, error: InputError | None) -> None:
        if status in ("ingested", "replaced"):
            updated = status == "replaced"
            self._record(p.candidate, source, "updated" if updated else "ingested", "updated" if updated else None,
                         None, fetched=p.fetched, page=p.page, key=p.key)
        elif status == "unchanged":
            self._record(p.candidate, source, "unchanged", "same text", "already stored", fetched=p.fetched,
                         page=p.page, key=p.key)
        else:
            reason = error.reason if error else "not stored"
            self._record(p.candidate, source, "skipped" if reason in _NOT_RETRIED else "failed", reason,
                         error.detail if error else None, fetched=p.fetched, page=p.page)

    # -- outcomes -----------------------------------------------------------------------------

    def _record(self, candidate: _Candidate, source: Source | None, status: str, reason: str | None,
                detail: str | None, *, http_status: int | None = None, retry_at: float | None = None,
                fetched: Fetched | None = None, page: Page | None = None, key: str | None = None) -> None:
        """Write the URL's row, count it, and tell the progress callback."""
        now = self.clock()
        prior = candidate.prior
        streak = prior.attempts + 1 if prior is not None and prior.status == "failed" else 1
        next_retry = self._next_retry(streak, retry_at, now) if status == "failed" else None
        stored = "ingested" if status == "updated" else status
        row = FetchRow(
            url=candidate.url, canonical_url=page.canonical_url if page else (prior.canonical_url if prior else None),
            source_id=source.source_id if source else (prior.source_id if prior else None), status=stored,
            reason=reason, detail=detail, http_status=http_status or (fetched.status if fetched else None),
            attempts=streak, fetched_at=now, next_retry=next_retry,
            content_hash=page.content_hash if page else (prior.content_hash if prior else None),
            doc_key=key or (prior.doc_key if prior else None),
            etag=(fetched.etag if fetched and fetched.status == 200 else None) or (prior.etag if prior else None),
            last_modified=(fetched.last_modified if fetched and fetched.status == 200 else None)
            or (prior.last_modified if prior else None))
        if self._batch is not None:
            self._batch.append(row)
        else:
            ledger.record_fetches(self.db, [row])
        outcome = PageOutcome(candidate.url, status, reason, detail, row.canonical_url)
        self.summary.add(outcome)
        self._count(outcome)
        if self.progress:
            self.progress(outcome, self.summary)

    def _next_retry(self, streak: int, retry_at: float | None, now: datetime) -> datetime | None:
        """Twice as long after each failure in a row, at most a day; None once it is given up."""
        if streak >= self.settings.monitor.max_attempts:
            return None
        wait = min(self.retry_s * 2 ** (streak - 1), MAX_RETRY_WAIT_S)
        when = now + timedelta(seconds=wait)
        return max(when, _utc(retry_at)) if retry_at else when

    def _count(self, outcome: PageOutcome) -> None:
        counts = self._counts
        if counts is None:
            return
        if outcome.status in ("ingested", "updated"):
            counts.ingested += 1
        else:
            setattr(counts, outcome.status, getattr(counts, outcome.status) + 1)
        if outcome.status == "failed":
            counts.last_error = outcome.line()
