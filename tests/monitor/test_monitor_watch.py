"""``watch`` end to end against our local site: three polls of an RSS feed and a sitemap.

Poll 1 finds the feed's eight links and the sitemap's four; poll 2 sees the feed
gain an item and the sitemap unchanged (304), and retries what failed; poll 3
sees both unchanged and gives up on the pages that keep failing. The clock is
ours, so sources and retries fall due without waiting; the HTTP is real.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from newssite import ARTICLES, MONITOR, RATE_LIMIT_S, Site, article_html, start_site

from newsgraph.config import Settings
from newsgraph.monitor.sources import add_source
from newsgraph.monitor.watch import FetchSummary, Monitor
from newsgraph.store.schema import connect

STORED = ["/news/kenya-tanzania-trade", "/news/ghana-togo-border", "/news/chile-peru-border",
          "/news/senegal-mali-summit", "/news/india-bangladesh-water", "/flaky/vietnam-philippines"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 3, 14, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture(scope="module")
def polls(tmp_path_factory) -> Iterator[tuple[Site, Path, list[FetchSummary]]]:
    site, server = start_site()
    db = tmp_path_factory.mktemp("watch") / "watch.duckdb"
    clock = Clock()
    add_source(db, site.url("/feed.xml"), name="Test Wire", every_s=900, now=clock())
    add_source(db, site.url("/sitemap.xml"), every_s=900, now=clock())
    summaries = []
    with Monitor(db, Settings(monitor=MONITOR), clock=clock) as monitor:
        summaries.append(monitor.run_round())
        site.feed_version = 2
        clock.advance(minutes=16)
        summaries.append(monitor.run_round())
        clock.advance(minutes=16)
        summaries.append(monitor.run_round())
        clock.advance(minutes=1)
        summaries.append(monitor.run_round())  # nothing due
    yield site, db, summaries
    server.shutdown()
    server.server_close()


def _fetches(db: Path) -> dict[str, dict]:
    with connect(db, read_only=True) as con:
        cursor = con.execute("SELECT * FROM fetches")
        columns = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(columns, row)) for row in cursor.fetchall()}


def test_watch_ingests_each_allowed_article_exactly_once(polls) -> None:
    site, db, _ = polls
    with connect(db, read_only=True) as con:
        urls = [r[0] for r in con.execute("SELECT url FROM documents ORDER BY url").fetchall()]
        keys = con.execute("SELECT count(DISTINCT doc_key), count(*) FROM documents").fetchone()
    assert sorted(urls) == sorted(site.url(p) for p in STORED)
    assert keys == (len(STORED), len(STORED))
    for path in STORED:  # each page downloaded once in three polls (the flaky one: after two 503s)
        assert [h.status for h in site.hits(path)] == ([503, 503, 200] if path.startswith("/flaky/") else [200])


def test_watch_round_summaries(polls) -> None:
    _site, _db, (first, second, third, fourth) = polls
    assert (first.sources, first.fetched, first.ingested, first.skipped, first.failed) == (2, 5, 4, 4, 3)
    assert first.reasons == {"robots.txt": 1, "timeout": 1, "HTTP 500": 1, "HTTP 503": 1, "duplicate": 1,
                             "not html (application/pdf)": 1, "not html (application/json)": 1}
    assert (second.ingested, second.failed, second.skipped) == (2, 2, 0)  # the new item and the flaky page
    assert (third.ingested, third.failed, third.fetched) == (0, 2, 0)
    assert fourth.sources == 0
    assert first.line().startswith("fetched 5, ingested 4, unchanged 0, skipped 4, failed 3 (")


def test_watch_honours_robots_txt(polls) -> None:
    site, db, _ = polls
    assert not [p for p in site.paths() if p.startswith("/private/")]
    assert len(site.hits("/robots.txt")) == 1  # read once per host and hour
    row = _fetches(db)[site.url("/private/secret-talks")]
    assert (row["status"], row["reason"], row["next_retry"]) == ("skipped", "robots.txt", None)


def test_watch_honours_the_rate_limit(polls) -> None:
    site, _, _ = polls
    arrivals = [h.at for h in site.log]
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
    assert len(arrivals) > 20
    assert min(gaps) >= RATE_LIMIT_S - 0.02, gaps
    for hit in site.log:
        assert hit.headers["user-agent"].startswith("newsgraph/") and "event-data research" in hit.headers["user-agent"]


def test_watch_uses_conditional_requests(polls) -> None:
    site, _, _ = polls
    sitemap = site.hits("/sitemap.xml")
    assert [h.status for h in sitemap] == [200, 304, 304]
    assert "if-none-match" not in sitemap[0].headers and sitemap[1].headers["if-none-match"]
    feed = site.hits("/feed.xml")
    assert [h.status for h in feed] == [200, 200, 304]  # it changed between polls 1 and 2


def test_watch_records_failures_with_reasons_and_retries_them(polls) -> None:
    site, db, _ = polls
    rows = _fetches(db)
    slow, error = rows[site.url("/slow/page")], rows[site.url("/error/page")]
    assert (slow["status"], slow["reason"], slow["attempts"]) == ("failed", "timeout", 3)
    assert (error["status"], error["reason"], error["http_status"], error["attempts"]) == ("failed", "HTTP 500", 500, 3)
    assert error["next_retry"] is None and slow["next_retry"] is None  # given up after max_attempts = 3
    assert len(site.hits("/error/page")) == 3 * 2  # three polls, each a request and one retry
    pdf = rows[site.url("/files/report.pdf")]
    assert (pdf["status"], pdf["reason"]) == ("skipped", "not html (application/pdf)")
    assert len(site.hits("/files/report.pdf")) == 1  # skipped pages are not tried again
    assert rows[site.url("/data/report.json")]["reason"] == "not html (application/json)"
    mirror = rows[site.url("/mirror/kenya-tanzania-trade")]
    assert (mirror["status"], mirror["reason"]) == ("skipped", "duplicate")
    assert site.url("/news/kenya-tanzania-trade") in mirror["detail"]
    flaky = rows[site.url("/flaky/vietnam-philippines")]
    assert (flaky["status"], flaky["attempts"]) == ("ingested", 2)


def test_watch_follows_redirects_and_stores_the_canonical_url(polls) -> None:
    site, db, _ = polls
    row = _fetches(db)[site.url("/old/chile-peru")]
    assert row["status"] == "ingested" and row["canonical_url"] == site.url("/news/chile-peru-border")
    kenya = _fetches(db)[site.url("/news/kenya-tanzania-trade")]  # the feed's link had utm_ parameters
    assert kenya["doc_key"] == "url:" + site.url("/news/kenya-tanzania-trade")


def test_watch_counts_on_each_source(polls) -> None:
    site, db, _ = polls
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT url, name, kind, n_found, n_ingested, n_skipped, n_failed, last_error, next_poll, "
                           "last_polled FROM sources ORDER BY source_id").fetchall()
    feed, sitemap = rows
    assert feed[1:7] == ("Test Wire", "feed", 9, 5, 2, 3 + 2 + 2)
    assert site.url("/") in feed[7] and feed[8] == feed[9] + timedelta(minutes=15)
    assert sitemap[2:7] == ("sitemap", 3, 1, 2, 0) and sitemap[7] is None


def test_watch_documents_are_what_ingest_stores(polls, record_validator) -> None:
    site, db, _ = polls
    with connect(db, read_only=True) as con:
        row = con.execute("SELECT headline, byline, published, source, record FROM documents WHERE url = ?",
                          [site.url("/news/kenya-tanzania-trade")]).fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert row[:4] == ("Kenya and Tanzania sign trade agreement", "Amina Odhiambo", datetime(2024, 3, 12).date(),
                       "Test Wire")
    record = json.loads(row[4])
    record_validator.validate(record)
    assert record["url"] == site.url("/news/kenya-tanzania-trade") and "Synthetic article" in record["text"]
    assert events > 0


def test_watch_archives_the_html(polls) -> None:
    site, db, _ = polls
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT canonical_url, compression, html, size FROM archive").fetchall()
    assert sorted(r[0] for r in rows) == sorted(site.url(p) for p in STORED)
    for canonical, compression, blob, size in rows:
        html = zlib.decompress(blob)
        assert compression == "zlib" and len(html) == size and len(blob) < size
        path = canonical.removeprefix(site.url(""))
        assert html.decode("utf-8") == article_html(path) and path in ARTICLES


def test_watch_sitemap_index_with_a_gzipped_child(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "index.duckdb"
    clock = Clock()
    add_source(db, site.url("/sitemap_index.xml"), every_s=3600, now=clock())
    with Monitor(db, Settings(monitor=MONITOR), clock=clock) as monitor:
        summary = monitor.run_round()
    assert (summary.ingested, summary.skipped, summary.failed) == (3, 2, 0), summary.line()
    assert len(site.hits("/sitemap-news.xml.gz")) == 1 and len(site.hits("/sitemap.xml")) == 1
    with connect(db, read_only=True) as con:
        urls = {r[0] for r in con.execute("SELECT url FROM documents").fetchall()}
    assert site.url("/news/india-bangladesh-water") in urls and len(urls) == 3


def test_watch_page_source_is_fetched_again_and_replaced_when_it_changes(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "page.duckdb"
    clock = Clock()
    paragraphs = ARTICLES["/news/chile-peru-border"][3]
    site.pages["/live/story"] = article_html("/news/chile-peru-border").replace('href="/news/chile-peru-border"',
                                                                                 'href="/live/story"')
    add_source(db, site.url("/live/story"), every_s=60, now=clock())
    outcomes = []
    with Monitor(db, Settings(monitor=MONITOR), clock=clock) as monitor:
        for change in (None, None, "Peru later said the talks would start in April."):
            if change:
                site.pages["/live/story"] = site.pages["/live/story"].replace(paragraphs[1], paragraphs[1] + " " + change)
            summary = monitor.run_round()
            outcomes.append((summary.ingested, summary.updated, summary.unchanged))
            clock.advance(minutes=2)
    assert outcomes == [(1, 0, 0), (0, 0, 1), (0, 1, 0)]
    assert [h.status for h in site.hits("/live/story")] == [200, 304, 200]
    with connect(db, read_only=True) as con:
        texts = con.execute("SELECT text FROM documents").fetchall()
        kind = con.execute("SELECT kind FROM sources").fetchone()[0]
    assert len(texts) == 1 and "start in April" in texts[0][0] and kind == "page"
