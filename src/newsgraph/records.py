"""The records newsgraph outputs, and the one function that serialises them.

These frozen dataclasses are the public contract shared by the CLI, the
store, the API and the exports; ``docs/schema.md`` documents each field and
``schema/record.v1.json`` validates the serialised form.

Offsets (``start``/``end``) are Python string indices (Unicode code points)
into ``Record.text``, the document's normalised text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "Caption",
    "Event",
    "EventActor",
    "InputRef",
    "Mention",
    "Place",
    "Paragraph",
    "Quote",
    "Record",
    "Sentence",
    "Speaker",
    "TextSpan",
    "record_to_dict",
]

SCHEMA_VERSION = "1.5"


@dataclass(frozen=True)
class Caption:
    """A photo caption, its credit ("Photograph: X/AGENCY") split off."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A block of the normalised text: the headline, the standfirst or body."""

    index: int
    role: str  # "headline" | "standfirst" | "body"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence found by the NLP layer, inside one paragraph."""

    index: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """What the reader recovered of the article's structure."""

    headline: str | None
    standfirst: str | None
    byline: tuple[str, ...]
    author_bio: str | None
    captions: tuple[Caption, ...]
    published: str | None
    published_from: str | None  # "metadata" | "html" | "filename" | "option" | None
    language: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named or referred to."""

    text: str
    start: int
    end: int
    sentence: int
    method: str  # how the mention was linked to its actor (see docs/schema.md)


@dataclass(frozen=True)
class Actor:
    """An actor of the article, resolved to a country and a sector."""

    id: str
    name: str
    kind: str  # "person" | "group" | "organisation" | "country" | "institution"
    code: str | None  # CAMEO style: country + sector ("RUSGOV"), or "IGO" + org ("IGONATO")
    country: str | None  # ISO 3166-1 alpha-3, "IGO", "NGO", or None when unknown
    org: str | None
    sector: str | None
    role: str | None
    in_kb: bool
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class TextSpan:
    """A piece of the normalised text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EventActor:
    """An event's source or target: the actor and the words that name it here."""

    actor: str  # Actor.id
    name: str
    country: str | None
    code: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """A place, resolved offline: its name, ISO country and coordinates."""

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """Who did what to whom, coded in PLOVER and CAMEO, with its evidence."""

    id: str
    type: str | None  # PLOVER event type
    mode: str | None  # PLOVER mode
    cameo: str
    cameo_root: str
    cameo_name: str
    quad_class: int
    goldstein: float
    plover_score: float | None
    source: EventActor | None
    target: EventActor | None
    reciprocal: bool
    modality: str  # asserted | intended | requested | hypothetical | negated | claimed
    historical: bool
    date: str | None
    date_source: str | None  # "text" | "published"
    date_text: str | None
    place: Place | None
    sentence: int
    predicate: TextSpan
    evidence: str
    confidence: float


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation (or relayed it): the actor, and the words that name them here."""

    actor: str | None  # Actor.id, or None when the words name no known actor
    name: str
    country: str | None
    sector: str | None
    text: str  # the mention the speaker was found by ("he", "the adviser", "Mr Ushakov")
    start: int
    end: int
    method: str  # how it was resolved (see docs/schema.md)


@dataclass(frozen=True)
class Quote:
    """A quotation (direct or partial) or a piece of indirect speech, with its speaker."""

    id: str
    kind: str  # "direct" | "partial" | "indirect"
    text: str  # without its quotation marks
    start: int
    end: int
    sentence: int
    cue: TextSpan | None  # the verb or phrase attributing it ("said", "according to")
    speaker: Speaker | None  # None when no speaker can be found: never guessed
    reported_by: Speaker | None  # who relayed it ("Xinhua quoted Mr Xi as saying")
    event: str | None  # Event.id of the event the quotation is evidence of


@dataclass(frozen=True)
class InputRef:
    """Where a document came from: a path (or "-"), a JSONL line, its format."""

    path: str
    format: str  # "text" | "html" | "jsonl"
    line: int | None = None  # JSONL line number, or record number in a JSON array

    @property
    def where(self) -> str:
        """How messages name this input: ``path`` or ``path:line``."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Record:
    """One document's extraction: the schema's top-level object."""

    id: str
    content_hash: str
    source: str | None
    url: str | None
    input: InputRef
    text: str
    article: Article
    sentences: tuple[Sentence, ...]
    pipeline: dict[str, str]
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    schema_version: str = field(default=SCHEMA_VERSION)


_KEY_ORDER = (
    "schema_version", "id", "content_hash", "source", "url", "input", "article",
    "text", "sentences", "actors", "events", "quotes", "places", "pipeline",
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_to_dict(record: Record) -> dict[str, Any]:
    """Serialise a record to plain JSON-ready data, keys in schema order."""
    plain = _plain(record)
    return {key: plain[key] for key in _KEY_ORDER}
