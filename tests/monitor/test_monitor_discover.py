"""Reading sources (feeds, sitemaps) and keeping them (URLs, intervals, the sources table)."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from newssite import ATOM, FEED_ITEMS, SITEMAP_INDEX, SITEMAP_PATHS, _rss, _sitemap

from newsgraph.errors import MonitorError
from newsgraph.monitor.discover import discover, feed_links, gunzip, sitemap_links, sniff_kind
from newsgraph.monitor.fetcher import Fetched
from newsgraph.monitor.pages import canonical_url, decode_html
from newsgraph.monitor.sources import (PollCounts, add_source, due_sources, format_every, get_source, list_sources,
                                       normalize_url, parse_every, record_poll, remove_source)
from newsgraph.store.schema import connect

BASE = "http://news.test"


def _fetched(content: bytes, content_type: str = "", url: str = BASE + "/feed") -> Fetched:
    return Fetched(url, url, 200, content, content_type, None, None, None)


def test_discover_rss_feed_links_in_order_with_dates() -> None:
    links = feed_links(_rss(BASE, FEED_ITEMS).encode(), BASE + "/feed.xml")
    assert [link.url for link in links] == [BASE + path for path, _title in FEED_ITEMS]
    assert links[0].published == "2024-03-11"


def test_discover_atom_resolves_relative_links() -> None:
    found = discover(_fetched(ATOM.replace("{base}", BASE).encode(), "application/atom+xml"))
    assert found is not None and found.kind == "feed"
    assert [(link.url, link.published) for link in found.links] == [
        (BASE + "/news/india-bangladesh-water", "2024-03-13"), (BASE + "/news/senegal-mali-summit", "2024-03-09")]


def test_discover_sitemap_newest_first() -> None:
    links, children = sitemap_links(_sitemap(BASE, SITEMAP_PATHS).encode(), BASE + "/sitemap.xml")
    assert children == []
    assert [link.url.removeprefix(BASE) for link in links] == [
        "/news/kenya-tanzania-trade", "/mirror/kenya-tanzania-trade", "/news/senegal-mali-summit", "/data/report.json"]
    assert links[0].published == "2024-03-12"


def test_discover_sitemap_index_and_gzip() -> None:
    index = discover(_fetched(SITEMAP_INDEX.replace("{base}", BASE).encode(), "application/xml"))
    assert index is not None and index.kind == "sitemap" and index.links == []
    assert index.sitemaps == [BASE + "/sitemap-news.xml.gz", BASE + "/sitemap.xml"]  # newest first
    packed = gzip.compress(_sitemap(BASE, [("/news/a", "2024-01-01")]).encode())
    found = discover(_fetched(packed, "application/x-gzip"))
    assert found is not None and [link.url for link in found.links] == [BASE + "/news/a"]
    text = discover(_fetched(b"http://news.test/a\nhttp://news.test/b\n", "text/plain"))
    assert text is not None and text.kind == "sitemap" and len(text.links) == 2


def test_discover_gunzip_stops_a_bomb() -> None:
    with pytest.raises(ValueError, match="over"):
        gunzip(gzip.compress(b"\0" * 2_000_000), limit=1_000_000)
    assert gunzip(b"plain") == b"plain"


@pytest.mark.parametrize(("content", "content_type", "kind"), [
    (b'<?xml version="1.0"?><rss version="2.0"></rss>', "text/xml", "feed"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><feed xmlns="http://www.w3.org/2005/Atom"/>', "", "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "", "feed"),
    (b'<?xml version="1.0"?><urlset></urlset>', "application/xml", "sitemap"),
    (b"<!doctype html><html><body>x</body></html>", "text/html", "page"),
    (b'{"a": 1}', "application/json", None),
])
def test_discover_sniffs_the_kind(content: bytes, content_type: str, kind: str | None) -> None:
    assert sniff_kind(content, content_type) == kind


@pytest.mark.parametrize(("url", "normal"), [
    ("HTTP://News.Test:80/a?utm_source=rss&id=3#top", "http://news.test/a?id=3"),
    ("https://news.test:443", "https://news.test/"),
    ("https://news.test:8443/a?fbclid=x", "https://news.test:8443/a"),
    (" http://news.test/a b ", "http://news.test/a b"),
])
def test_sources_normalize_url(url: str, normal: str) -> None:
    assert normalize_url(url) == normal


@pytest.mark.parametrize("url", ["ftp://news.test/a", "news.test/a", "javascript:alert(1)", "http://user:pw@news.test/"])
def test_sources_normalize_url_refuses(url: str) -> None:
    with pytest.raises(ValueError):
        normalize_url(url)


@pytest.mark.parametrize(("text", "seconds", "shown"), [("90s", 90, "90s"), ("15m", 900, "15m"), ("2h", 7200, "2h"),
                                                        ("1d", 86400, "1d"), ("45", 45, "45s"), ("1.5h", 5400, "90m")])
def test_sources_parse_every(text: str, seconds: float, shown: str) -> None:
    assert parse_every(text) == seconds and format_every(parse_every(text)) == shown


@pytest.mark.parametrize("text", ["", "0m", "-5m", "15 minutes", "m"])
def test_sources_parse_every_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_every(text)


def test_sources_table_add_due_record_remove(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    now = datetime(2024, 3, 14, 9, 0)
    feed = add_source(db, BASE + "/feed.xml", name="Wire", every_s=900, now=now)
    page = add_source(db, BASE + "/a", every_s=3600, kind="page", now=now)
    with pytest.raises(MonitorError, match="not a kind"):
        add_source(db, BASE + "/b", every_s=60, kind="podcast")
    with connect(db) as con:
        assert [s.source_id for s in due_sources(con, now)] == [feed.source_id, page.source_id]
    record_poll(db, feed, PollCounts(found=3, ingested=2, failed=1, last_error="x: timeout"), now=now, kind="feed",
                etag='"e"')
    record_poll(db, page, PollCounts(), now=now, retry_s=600)  # the page could not be fetched: sooner
    with connect(db) as con:
        assert due_sources(con, now + timedelta(minutes=5)) == []
        assert [s.url for s in due_sources(con, now + timedelta(minutes=10))] == [BASE + "/a"]
        feed = get_source(con, "1")
        assert (feed.kind, feed.etag, feed.n_found, feed.n_ingested, feed.n_failed, feed.last_error) == (
            "feed", '"e"', 3, 2, 1, "x: timeout")
        assert feed.next_poll == now + timedelta(minutes=15) and feed.last_error_at == now
        assert get_source(con, BASE + "/feed.xml?utm_medium=x").source_id == 1
    assert remove_source(db, BASE + "/a").source_id == page.source_id
    with connect(db) as con:
        assert [s.source_id for s in list_sources(con)] == [1]


@pytest.mark.parametrize(("declared", "final", "canonical"), [
    ("/news/a", "http://news.test/old?utm_source=x", "http://news.test/news/a"),
    ("http://www.news.test/news/a", "http://news.test/a", "http://www.news.test/news/a"),
    ("http://elsewhere.test/a", "http://news.test/a", "http://news.test/a"),  # no claiming another site's page
    (None, "http://news.test/a#comments", "http://news.test/a"),
])
def test_pages_canonical_url(declared: str | None, final: str, canonical: str) -> None:
    assert canonical_url(declared, final) == canonical


def test_pages_decode_html_by_header_then_meta() -> None:
    text = "<html><head><meta charset='windows-1252'></head><body>caf\u00e9 \u2013 \u201cq\u201d</body></html>"
    data = text.encode("cp1252")
    assert decode_html(data, None, "x") == text
    assert decode_html(text.encode("utf-8"), "utf-8", "x") == text
    assert decode_html(text.encode("utf-8"), "no-such-charset", "x") == text


def test_discover_refuses_what_is_not_a_source_or_not_its_kind() -> None:
    with pytest.raises(ValueError, match=r"not a feed, sitemap or HTML page \(application/json\)"):
        discover(_fetched(b'{"a": 1}', "application/json"))
    with pytest.raises(ValueError, match="not a feed: it looks like a sitemap"):
        discover(_fetched(_sitemap(BASE, SITEMAP_PATHS).encode(), "application/xml"), "feed")
    assert discover(_fetched(_rss(BASE, FEED_ITEMS).encode(), "text/html"), "feed").kind == "feed"
