"""What a source says: which kind it is, and the article links it lists.

Feeds (RSS 0.9x–2.0, RSS 1.0, Atom) are read by feedparser from the bytes
already fetched (it never fetches anything itself here); sitemaps (``urlset``,
``sitemapindex``, gzip-compressed or not, and the plain-text one-URL-a-line
form) by lxml with entities and network access turned off.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
import lxml.etree

from newsgraph.monitor.fetcher import HTML_TYPES, Fetched
from newsgraph.reader.dates import parse_published

__all__ = ["Discovered", "Link", "MAX_SITEMAP_BYTES", "discover", "feed_links", "gunzip", "sitemap_links", "sniff_kind"]

MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed
_ROOT_TAG = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_XML_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


@dataclass(frozen=True)
class Link:
    url: str
    published: str | None = None  # YYYY-MM-DD, when the feed or sitemap gives one


@dataclass
class Discovered:
    kind: str  # feed | sitemap | page
    links: list[Link] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index, newest first


def gunzip(content: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """``content`` uncompressed when it is gzip, at most ``limit`` bytes (a bomb stops there)."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, limit)
    except zlib.error as e:
        raise ValueError(f"not valid gzip ({e})") from e
    if inflater.unconsumed_tail:
        raise ValueError(f"over {limit / 1e6:g} MB uncompressed")
    return data


def sniff_kind(content: bytes, content_type: str = "") -> str | None:
    """``feed``, ``sitemap``, ``page`` or None, from the body (and its declared type)."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    match = _ROOT_TAG.search(head)
    root = match.group(1).decode("ascii", "replace").split(":")[-1].lower() if match else ""
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root == "html" or content_type in HTML_TYPES:
        return "page"
    if content_type.startswith("text/plain") and _url_lines(content):
        return "sitemap"
    return None


def _url_lines(content: bytes) -> list[str]:
    lines = [line.strip() for line in content.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines if lines and all(line.startswith(("http://", "https://")) for line in lines[:50]) else []


def feed_links(content: bytes, base: str) -> list[Link]:
    """The entries' links, in the feed's order, with their dates."""
    parsed = feedparser.parse(io.BytesIO(content), sanitize_html=False, resolve_relative_uris=False)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((link.get("href") for link in entry.get("links", [])
                                          if link.get("rel", "alternate") == "alternate" and link.get("href")), None)
        if not href:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        links.append(Link(urljoin(base, href.strip()), published))
    return links


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: lxml.etree._Element, *names: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def sitemap_links(content: bytes, base: str) -> tuple[list[Link], list[str]]:
    """(pages, child sitemaps) of a sitemap, each newest first by ``lastmod`` (or the news
    extension's publication date); undated ones after, in the file's order."""
    data = gunzip(content)
    if sniff_kind(data) != "sitemap":
        return [Link(urljoin(base, u)) for u in _url_lines(data)], []
    root = lxml.etree.fromstring(data, parser=_XML_PARSER)
    if root is None:
        return [], []
    pages: list[tuple[str, Link]] = []
    children: list[tuple[str, str]] = []
    for node in root:
        loc = _child_text(node, "loc")
        if not loc:
            continue
        stamp = _child_text(node, "publication_date", "lastmod") or ""
        if _local(node.tag) == "sitemap":
            children.append((stamp, urljoin(base, loc)))
        elif _local(node.tag) == "url":
            pages.append((stamp, Link(urljoin(base, loc), parse_published(stamp) if stamp else None)))
    pages.sort(key=lambda p: p[0], reverse=True)  # stable: undated ("") last, in file order
    children.sort(key=lambda c: c[0], reverse=True)
    return [link for _s, link in pages], [url for _s, url in children]


def discover(fetched: Fetched, kind: str = "auto") -> Discovered:
    """What a fetched source lists. ValueError when it is neither a feed, a sitemap nor a page,
    or not the kind it was added as."""
    content = gunzip(fetched.content)
    found = sniff_kind(content, fetched.content_type)
    if found is None and kind == "auto":
        raise ValueError(f"not a feed, sitemap or HTML page ({fetched.content_type or 'no content type'})")
    if found is not None and kind != "auto" and found != kind:
        raise ValueError(f"not a {kind}: it looks like a {found} (sources add --kind {found}, or auto)")
    kind = found or kind
    if kind == "feed":
        return Discovered("feed", feed_links(content, fetched.final_url))
    if kind == "sitemap":
        links, children = sitemap_links(content, fetched.final_url)
        return Discovered("sitemap", links, children)
    return Discovered("page", [Link(fetched.url)])
