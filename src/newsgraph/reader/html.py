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


# libxml2 drops everything nested deeper than 255 elements unless told the tree may be huge.
_DEEP_PARSER = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False, encoding="utf-8",
                                    remove_comments=True, remove_pis=True)


def _deep_tree(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_DEEP_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None


def _extract(html: str | lxml.html.HtmlElement, url: str | None):  # type: ignore[no-untyped-def]
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False,
    )
    return doc if doc is not None and (doc.text or "").strip() else None


def read_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """Extract the article of an HTML page; None when no main text is found."""
    doc = _extract(html, url)
    if doc is None:  # perhaps the text sits deeper than the parser's default depth limit
        tree = _deep_tree(html)
        doc = _extract(tree, url) if tree is not None else None
    if doc is None:
        return None
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlArticle(
        text=doc.text, title=doc.title, description=doc.description, authors=authors,
        published=parse_published(doc.date), url=doc.url or url, sitename=doc.sitename,
        captions=_captions(html),
    )
