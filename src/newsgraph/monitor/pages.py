"""A fetched page's bytes to a ``RawDocument``, the same way on fetch and on re-extraction.

The text and metadata come from ``reader.sources.html_document`` (trafilatura:
title, date, author, canonical URL), as for an HTML file given to ``newsgraph
ingest``. The document's URL — and so its key in the store — is the page's
canonical URL when the page names one on its own host, else the URL it was
finally fetched from. ``reextract`` calls ``read_page`` on the archived bytes
with what was archived beside them, so it rebuilds the same document offline.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from newsgraph.monitor.sources import normalize_url
from newsgraph.reader.sources import RawDocument, html_document
from newsgraph.reader.text import decode_bytes
from newsgraph.records import InputRef

__all__ = ["Page", "canonical_url", "decode_html", "read_page", "text_hash"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    raw: RawDocument
    canonical_url: str
    content_hash: str  # of the extracted text: the same article under two URLs has one hash


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(content: bytes, charset: str | None, where: str) -> str:
    """The page's text: the charset its header declared, else its ``<meta charset>``, else
    UTF-8 or a detected encoding (``reader.text.decode_bytes``)."""
    declared = _codec(charset)
    if declared is None:
        match = _META_CHARSET.search(content[:4096])
        declared = _codec(match.group(1).decode("ascii")) if match else None
    if declared is not None:
        try:
            return content.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: let the detector decide
    return decode_bytes(content, where)


def _site(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")


def canonical_url(declared: str | None, final_url: str) -> str:
    """The page's own canonical URL if it names one on its host (a page cannot claim another
    site's address), else the URL it was fetched from; both normalised."""
    final = normalize_url(final_url)
    if declared:
        try:
            candidate = normalize_url(urljoin(final, declared))
        except ValueError:
            return final
        if _site(urlsplit(candidate).hostname) == _site(urlsplit(final).hostname):
            return candidate
    return final


def read_page(content: bytes, *, final_url: str, charset: str | None = None, published: str | None = None,
              canonical: str | None = None) -> Page:
    """The article of a fetched page; ``InputError`` when it has none. ``published`` (from the
    feed or sitemap) is used only when the page gives no date of its own; ``canonical`` pins the
    URL (re-extraction keeps the one the page was stored under)."""
    text = decode_html(content, charset, final_url)
    raw = html_document(text, InputRef(path=final_url, format="html"), final_url, url=final_url)
    canonical = canonical or canonical_url(raw.url, final_url)
    raw = replace(raw, url=canonical, ref=InputRef(path=canonical, format="html"))
    if raw.published is None and published:
        raw = replace(raw, published=published, published_from="metadata")
    return Page(raw=raw, canonical_url=canonical, content_hash=text_hash(raw.text))
