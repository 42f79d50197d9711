"""HTML pages: the main text and metadata by trafilatura, captions from <figcaption>."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from newsgraph.reader.dates import parse_published
from newsgraph.reader.structure import parse_caption, squash
from newsgraph.records import Caption

__all__ = ["HtmlArticle", "read_html"]


@dataclass(frozen=True)
class HtmlArticle:
    """What trafilatura and the page's markup say about an article."""

    text: str
    title: str | None
    description: str | None
    authors: tuple[str, ...]
    published: str | None
    url: str | None
    sitename: str | None
    captions: tuple[Caption, ...]


def _captions(html: str) -> tuple[Caption, ...]:
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ()
    texts = (squash(" ".join(node.itertext())) for node in tree.iter("figcaption"))
    return tuple(parse_caption(t) or Caption(text=t) for t in texts if t)


def read_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """Extract the article of an HTML page; None when no main text is found."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlArticle(
        text=doc.text, title=doc.title, description=doc.description, authors=authors,
        published=parse_published(doc.date), url=doc.url or url, sitename=doc.sitename,
        captions=_captions(html),
    )
