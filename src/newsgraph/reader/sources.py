"""Inputs to raw documents: files, directories, JSONL/JSON records and stdin.

``read_inputs`` yields, in input order, a ``RawDocument`` for every article
it could read and an ``InputError`` for every one it could not, so a caller
reports the failure and goes on with the rest.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from newsgraph.errors import InputError
from newsgraph.reader.dates import parse_published
from newsgraph.reader.structure import squash
from newsgraph.reader.text import clean_text, decode_bytes
from newsgraph.records import Caption, InputRef

__all__ = ["RawDocument", "date_from_filename", "html_document", "read_inputs", "record_document"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
# spaCy's default ``nlp.max_length``: a paragraph longer than this cannot be parsed at all.
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True)
class RawDocument:
    """One article as read: cleaned text plus whatever metadata came with it."""

    ref: InputRef
    text: str
    id: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_from: str | None = None
    headline: str | None = None
    standfirst: str | None = None
    byline: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    warnings: tuple[str, ...] = ()
    layout: str = "article"  # what the text may hold (reader/structure.py): article, body or plain


def _sniff(data: bytes, suffix: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return "html"
    if suffix == "-" and head.startswith(b"{"):
        return "jsonl"
    return "text"


def _check_size(size: int, where: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(where, "too large", f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit (set max_input_mb)")


def _check_lines(text: str, where: str) -> str:
    longest = max(map(len, text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(where, "too long", f"a line of {longest:,} characters with no line break is over the "
                                            f"{MAX_LINE_CHARS:,}-character limit (split it into paragraphs)")
    return text


def _text_document(text: str, ref: InputRef, where: str) -> RawDocument:
    if not text.strip():
        raise InputError(where, "empty", "no text (empty or whitespace only)")
    return RawDocument(ref=ref, text=_check_lines(clean_text(text), where))


def html_document(html: str, ref: InputRef, where: str, url: str | None = None) -> RawDocument:
    """An HTML page's article: trafilatura's text and metadata (its ``url`` is the page's
    canonical URL when it names one, else ``url``); ``InputError`` when it has no text."""
    from newsgraph.reader.html import read_html  # trafilatura: imported only when a page comes

    page = read_html(html, url=url)
    if page is None:
        raise InputError(where, "no text", "HTML page with no article text")
    text = _check_lines(clean_text(page.text), where)
    return RawDocument(
        ref=ref, text=text, url=page.url, source=page.sitename,
        published=page.published, published_from="html" if page.published else None,
        headline=page.title, standfirst=_standfirst(page.description, text), byline=page.authors,
        captions=page.captions, layout="body",
    )


def _standfirst(description: str | None, text: str) -> str | None:
    """A page's meta description, unless it is just the start of the first paragraph."""
    if not description:
        return None
    stem = squash(description).rstrip(".…").strip()
    first = squash(text.lstrip().split("\n", 1)[0])
    if len(description.split()) > 60 or (first.startswith(stem) and first != squash(description)):
        return None
    return description


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(where, "bad record", f'field "{key}" must be a string')
    # JSON can carry lone surrogates ("\ud800"), which no text encoding accepts: they become U+FFFD
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_surrogate(value) else value


def _clean_title(title: str | None) -> str | None:
    """A record's title is normalised like its text (no control characters, no stray line breaks)."""
    return " ".join(clean_text(title).split()) or None if title else None


def _has_surrogate(value: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in value)


def record_document(obj: Any, ref: InputRef, where: str, max_bytes: int) -> RawDocument:
    """A JSON record ``{"id", "text" | "html", "url", "title", "published", "source", "plain"}``.

    Its ``text`` is body (the ``title`` is the headline); with ``"plain": true`` every line is."""
    if not isinstance(obj, dict):
        raise InputError(where, "bad record", "record is not a JSON object")
    text, html = _opt_str(obj, "text", where), _opt_str(obj, "html", where)
    if not (text or "").strip() and not (html or "").strip():
        raise InputError(where, "no text", 'record has no "text" or "html"')
    _check_size(len((text or html or "").encode("utf-8")), where, max_bytes)
    url = _opt_str(obj, "url", where)
    doc = _text_document(text, ref, where) if text and text.strip() else html_document(html or "", ref, where, url)
    plain = obj.get("plain", False)
    if not isinstance(plain, bool):
        raise InputError(where, "bad record", 'field "plain" must be true or false')
    published_raw = obj.get("published")
    published = parse_published(published_raw)
    warnings = doc.warnings
    if published_raw not in (None, "") and published is None:
        warnings += (f'{where}: "published" value {published_raw!r} is not a date; left unknown',)
    return replace(
        doc, id=_opt_str(obj, "id", where), url=url or doc.url,
        source=_opt_str(obj, "source", where) or doc.source,
        headline=_clean_title(_opt_str(obj, "title", where)) or doc.headline,
        published=published or doc.published,
        published_from="metadata" if published else doc.published_from,
        warnings=warnings, layout="plain" if plain else "body",
    )


def _loads(text: str, position: Callable[[json.JSONDecodeError], str]) -> tuple[Any, str | None]:
    """(the parsed JSON, None), or (None, why it is not usable)."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, f"not valid JSON ({e.msg.removesuffix(' at')} at {position(e)})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"
    except ValueError as e:  # e.g. an integer over Python's 4,300-digit limit
        return None, f"not usable JSON ({e})"


def _jsonl_documents(data: bytes, path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    text = decode_bytes(data, path) if data.strip() else ""
    if not text.strip():
        yield InputError(path, "empty", "no records (empty file)")
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        ref = InputRef(path=path, format="jsonl", line=lineno)
        obj, why = _loads(line, lambda e: f"column {e.colno}")
        if why is not None:
            yield InputError(where, "bad JSONL", f"line is {why}")
            continue
        try:
            yield record_document(obj, ref, where, max_bytes)
        except InputError as e:
            yield e


def _json_documents(data: bytes, path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    obj, why = _loads(decode_bytes(data, path), lambda e: f"line {e.lineno}")
    if why is not None:
        yield InputError(path, "bad JSON", why)
        return
    records = obj if isinstance(obj, list) else [obj]
    for i, record in enumerate(records, start=1):
        where = f"{path}:{i}" if isinstance(obj, list) else path
        try:
            ref = InputRef(path=path, format="jsonl", line=i if isinstance(obj, list) else None)
            yield record_document(record, ref, where, max_bytes)
        except InputError as e:
            yield e


def _documents_from_bytes(data: bytes, path: str, suffix: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    kind = _sniff(data, suffix)
    try:
        if kind == "jsonl":
            yield from _jsonl_documents(data, path, max_bytes)
            return
        if kind == "json":
            yield from _json_documents(data, path, max_bytes)
            return
        _check_size(len(data), path, max_bytes)
        if not data.strip():
            raise InputError(path, "empty", "empty file")
        text = decode_bytes(data, path)
        ref = InputRef(path=path, format=kind)
        yield html_document(text, ref, path) if kind == "html" else _text_document(text, ref, path)
    except InputError as e:
        yield e


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    where = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix not in JSONL_SUFFIXES | JSON_SUFFIXES:
            _check_size(size, where, max_bytes)
        data = path.read_bytes()
    except InputError as e:
        yield e
        return
    except FileNotFoundError:
        yield InputError(where, "not found", "no such file or directory")
        return
    except IsADirectoryError:
        yield InputError(where, "unreadable", "is a directory")
        return
    except OSError as e:
        yield InputError(where, "unreadable", f"cannot read ({e.strerror or e})")
        return
    yield from _documents_from_bytes(data, where, suffix, max_bytes)


def _walk(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts
        if path.is_file() and not any(p.startswith(".") for p in parts):
            yield path


def read_inputs(paths: Iterable[str], *, max_bytes: int, published: str | None = None,
                stdin: BinaryIO | None = None) -> Iterator[RawDocument | InputError]:
    """Yield each input's documents, or the error that stopped one, in order.

    A document that carries no date of its own takes the one its file name starts with
    (``2023-11-24-talks.txt``), else ``published``.
    """
    for raw in paths:
        for item in _read_path(raw, max_bytes, stdin):
            if isinstance(item, RawDocument) and item.published is None:
                item = _dated(item, published)
            yield item


_NAME_DATE = re.compile(r"^(\d{4})[-_](\d{2})[-_](\d{2})(?!\d)")


def date_from_filename(path: str) -> str | None:
    """The ISO date a file's name starts with (``2023-11-24-talks.txt``, ``2023_11_24.json``)."""
    match = _NAME_DATE.match(PurePath(path).name)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _dated(item: RawDocument, published: str | None) -> RawDocument:
    named = date_from_filename(item.ref.path) if item.ref.path != "-" else None
    if named:
        return replace(item, published=named, published_from="filename")
    if published:
        return replace(item, published=published, published_from="option")
    return item


def _read_path(raw: str, max_bytes: int, stdin: BinaryIO | None) -> Iterator[RawDocument | InputError]:
    if raw == "-":
        data = (stdin or sys.stdin.buffer).read()
        yield from _documents_from_bytes(data, "-", "-", max_bytes)
        return
    path = Path(raw)
    if not path.is_dir():
        yield from _read_file(path, max_bytes)
        return
    for child in _walk(path):
        if child.suffix.lower() in KNOWN_SUFFIXES:
            yield from _read_file(child, max_bytes)
        else:
            yield InputError(str(child), "unsupported", f"unsupported file type {child.suffix!r} (expected .txt, .html, .jsonl or .json)")
