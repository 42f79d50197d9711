"""One document flows through small named stages, from raw input to a record.

Each stage declares what it ``requires`` and ``assigns`` (names of ``Work``
fields) and which spaCy components it needs; ``Pipeline`` checks the order
when it is built and runs spaCy once per batch with only those components.
Later capabilities (actors, events, quotes, places) are further stages.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import __version__
from newsgraph.actors.kb import KnowledgeBase, load_kb
from newsgraph.actors.resolve import ActorFinder
from newsgraph.actors.words import use_lemma_tables
from newsgraph.config import ExtractSettings
from newsgraph.events.coder import EventCoder
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.model import MODALITY_FILE, load_event_model
from newsgraph.events.ontology import load_ontology
from newsgraph.quotes.finder import QuoteFinder
from newsgraph.errors import InputError
from newsgraph.nlp.model import load_model, model_label, parse
from newsgraph.reader.sources import RawDocument
from newsgraph.reader.structure import Structure, recover_structure
from newsgraph.reader.text import detect_language, looks_english
from newsgraph.when_where.dates import first_full_date
from newsgraph.when_where.places import load_gazetteer
from newsgraph.records import Actor, Article, Event, Paragraph, Place, Quote, Record, Sentence

__all__ = ["Pipeline", "Stage", "Work", "build_pipeline"]

# Components of the English pipelines no stage uses unless asked to ([extract] ner): not loaded.
UNUSED_COMPONENTS = ("ner", "senter")


@dataclass
class Work:
    """A document on its way through the pipeline (mutable; never leaves it)."""

    raw: RawDocument
    structure: Structure | None = None
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    language: str = ""
    doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    day: date | None = None  # the day the article speaks from (reference_day), set with its structure
    error: InputError | None = None


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    components: frozenset[str]

    def __call__(self, works: list[Work]) -> None: ...


class StructureStage:
    """Headline, standfirst, captions, byline and body; the normalised text."""

    name = "structure"
    requires = frozenset({"raw"})
    assigns = frozenset({"structure", "text", "paragraphs", "day"})
    components: frozenset[str] = frozenset()

    def __init__(self, plain: bool = False) -> None:
        self.plain = plain  # every document's whole text is body (sentence corpora)

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            raw = work.raw
            structure = recover_structure(raw.text, headline=raw.headline, standfirst=raw.standfirst,
                                          byline=list(raw.byline), layout="plain" if self.plain else raw.layout)
            for caption in raw.captions:
                if caption not in structure.captions:
                    structure.captions.append(caption)
            if not structure.body:
                work.error = InputError(raw.ref.where, "no text", "no article text found (only captions or boilerplate)")
                continue
            work.structure = structure
            work.text, work.paragraphs = assemble_text(structure)
            work.day = reference_day(work)


def assemble_text(structure: Structure) -> tuple[str, list[Paragraph]]:
    """The normalised text: headline, standfirst and body paragraphs, joined by blank lines."""
    parts = [("headline", structure.headline), ("standfirst", structure.standfirst)]
    parts += [("body", p) for p in structure.body]
    paragraphs: list[Paragraph] = []
    offset = 0
    for role, text in parts:
        if not text:
            continue
        if paragraphs:
            offset += 2
        paragraphs.append(Paragraph(index=len(paragraphs), role=role, text=text, start=offset, end=offset + len(text)))
        offset += len(text)
    return "\n\n".join(p.text for p in paragraphs), paragraphs


class LanguageStage:
    """Skip documents that are not in one of the configured languages."""

    name = "language"
    requires = frozenset({"text"})
    assigns = frozenset({"language"})
    components: frozenset[str] = frozenset()

    def __init__(self, languages: Sequence[str], min_chars: int) -> None:
        self.languages = tuple(languages)
        self.min_chars = min_chars

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            body = " ".join(p.text for p in work.paragraphs if p.role == "body")
            if len(body) < self.min_chars:
                work.language = self.languages[0]
                continue
            if "en" in self.languages and looks_english(body):
                work.language = "en"
                continue
            lang, prob = detect_language(body)
            work.language = lang
            if lang not in self.languages and prob >= 0.9:
                work.error = InputError(work.raw.ref.where, "not English" if self.languages == ("en",) else "language",
                                        f"language is {lang!r} (p={prob:.2f}), not {'/'.join(self.languages)}; skipped")


class ParseStage:
    """spaCy over the normalised text, in batches, with only the components needed."""

    name = "parse"
    requires = frozenset({"text"})
    assigns = frozenset({"doc"})
    components: frozenset[str] = frozenset()

    def __init__(self, nlp: Language, batch_size: int, needed: frozenset[str] = frozenset()) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.needed = set(needed)

    def __call__(self, works: list[Work]) -> None:
        docs = parse(self.nlp, (w.text for w in works), self.needed, self.batch_size)
        for work, doc in zip(works, docs, strict=True):
            work.doc = doc


class SentenceStage:
    """Sentence spans, each inside one paragraph."""

    name = "sentences"
    requires = frozenset({"doc", "paragraphs"})
    assigns = frozenset({"sentences"})
    components = frozenset({"parser"})

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            assert work.doc is not None  # guaranteed by requires
            work.sentences = find_sentences(work.doc, work.paragraphs)


def find_sentences(doc: Doc, paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    sentences: list[Sentence] = []
    para = 0
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end <= start:
            continue
        while para < len(paragraphs) - 1 and start >= paragraphs[para].end:
            para += 1
        sentences.append(Sentence(index=len(sentences), paragraph=para, start=start, end=end))
    return sentences


class ActorStage:
    """Actors and their mentions, resolved to country and sector (see ``actors/``)."""

    name = "actors"
    requires = frozenset({"doc", "sentences", "structure", "day"})
    assigns = frozenset({"actors"})
    # Parser and tagger only: NER, the attribute ruler and the lemmatizer would more than
    # double parsing time (bench/throughput.py); actors/words.py reads what it needs off the tags.
    components = frozenset({"parser", "tagger"})

    def __init__(self, nlp: Language, kb: KnowledgeBase, ner: bool = False) -> None:
        use_lemma_tables(nlp)
        self.finder = ActorFinder(kb)
        if ner:  # spaCy's entity labels tell a place or a thing from a person ([extract] ner)
            self.components = frozenset({"parser", "tagger", "ner"})

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            assert work.doc is not None and work.structure is not None  # guaranteed by requires
            work.actors = self.finder.find(
                work.doc, day=work.day, exclude=_not_actors(work),
                sentence_starts=[s.start for s in work.sentences],
            )


def reference_day(work: Work) -> date | None:
    """The day an article speaks from: its publication date, else the first full date its body
    gives (relative dates and office holders are read against it)."""
    if work.raw.published:
        return date.fromisoformat(work.raw.published[:10])
    body = "\n".join(p.text for p in work.paragraphs if p.role == "body")
    return first_full_date(body[:3000])


def _not_actors(work: Work) -> list[str]:
    """Journalists, photographers and the publisher: named by the article, never its actors."""
    assert work.structure is not None
    names = list(work.structure.byline)
    for caption in work.structure.captions:
        names += [part.strip() for part in (caption.credit or "").split("/") if part.strip()]
    if work.raw.source:
        names.append(work.raw.source)
    return names


class EventStage:
    """Events coded in PLOVER and CAMEO with modality, date, place and evidence (see ``events/``)."""

    name = "events"
    requires = frozenset({"doc", "sentences", "actors", "day"})
    assigns = frozenset({"events", "places"})
    components = frozenset({"parser", "tagger"})

    def __init__(self, kb: KnowledgeBase, pattern_files: Sequence[Path] = (),
                 lexicons: Sequence[str] = ("newsgraph", "petrarch"), coder: str = "rules") -> None:
        lexicon = load_lexicon(tuple(Path(p) for p in pattern_files), tuple(lexicons))
        model = load_event_model() if coder != "rules" else None
        modality = load_event_model(name=MODALITY_FILE) if coder != "rules" else None
        self.coder = EventCoder(lexicon, load_ontology(), kb, load_gazetteer(), coder, model, modality)

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            assert work.doc is not None  # guaranteed by requires
            work.events, work.places = self.coder.code(work.doc, work.actors, work.sentences, work.day)


class QuoteStage:
    """Quotations and indirect speech with their speakers (see ``quotes/``)."""

    name = "quotes"
    requires = frozenset({"doc", "paragraphs", "sentences", "actors", "events"})
    assigns = frozenset({"quotes"})
    components = frozenset({"parser", "tagger"})

    def __init__(self) -> None:
        self.finder = QuoteFinder()

    def __call__(self, works: list[Work]) -> None:
        for work in works:
            assert work.doc is not None  # guaranteed by requires
            work.quotes = self.finder.find(work.doc, work.paragraphs, work.sentences, work.actors, work.events)


def _run_stage(stage: Stage, works: list[Work]) -> None:
    """Run a stage over a batch; if it fails, again document by document, so that only the
    documents that make it fail drop out (with an "internal error" naming the exception)."""
    try:
        stage(works)
        return
    except Exception as e:  # noqa: BLE001 - one document's failure must not lose the batch
        if len(works) == 1:
            works[0].error = _stage_error(works[0], stage, e)
            return
    for work in works:
        try:
            stage([work])
        except Exception as e:  # noqa: BLE001
            work.error = _stage_error(work, stage, e)


def _stage_error(work: Work, stage: Stage, e: Exception) -> InputError:
    return InputError(work.raw.ref.where, "internal error",
                      f"could not be extracted at the {stage.name} stage ({type(e).__name__}: {e})")


class Pipeline:
    """Stages in a checked order, run over batches of documents."""

    def __init__(self, stages: Sequence[Stage], nlp: Language, batch_size: int) -> None:
        available = {"raw"}
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise ValueError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns")
            available |= stage.assigns
        needed = frozenset().union(*(s.components for s in stages))
        # Each pipeline gets its own parse stage, knowing the components its stages need.
        self.stages = [ParseStage(s.nlp, s.batch_size, needed) if isinstance(s, ParseStage) else s for s in stages]
        self.nlp = nlp
        self.batch_size = batch_size
        self.labels = {"newsgraph": __version__, "model": model_label(nlp)}

    def process(self, raws: list[RawDocument]) -> list[Record | InputError]:
        """Run every stage over a batch; a document that fails drops out with its error."""
        # spaCy's memory zone forgets the strings a batch adds to the vocabulary once its Docs are
        # gone, so a long run does not grow with every new name and number it reads
        zone = self.nlp.memory_zone() if hasattr(self.nlp, "memory_zone") else contextlib.nullcontext()
        with zone:
            works = [Work(raw=raw) for raw in raws]
            for stage in self.stages:
                live = [w for w in works if w.error is None]
                if live:
                    _run_stage(stage, live)
            return [w.error if w.error else self._record_or_error(w) for w in works]

    def _record_or_error(self, work: Work) -> Record | InputError:
        try:
            return self.to_record(work)
        except Exception as e:  # noqa: BLE001 - one document's failure must not lose the batch
            return InputError(work.raw.ref.where, "internal error", f"could not be extracted ({type(e).__name__}: {e})")

    def run(self, items: Iterable[RawDocument | InputError]) -> Iterator[Record | InputError]:
        """Records and errors in input order, processing documents a batch at a time."""
        chunk: list[RawDocument | InputError] = []
        for item in items:
            chunk.append(item)
            if sum(isinstance(i, RawDocument) for i in chunk) >= self.batch_size:
                yield from self._flush(chunk)
                chunk = []
        yield from self._flush(chunk)

    def _flush(self, chunk: list[RawDocument | InputError]) -> Iterator[Record | InputError]:
        raws = [i for i in chunk if isinstance(i, RawDocument)]
        done = iter(self.process(raws))
        for item in chunk:
            yield item if isinstance(item, InputError) else next(done)

    def to_record(self, work: Work) -> Record:
        raw, structure = work.raw, work.structure
        assert structure is not None  # a document without one carries an error
        digest = hashlib.sha256(work.text.encode("utf-8")).hexdigest()
        article = Article(
            headline=structure.headline, standfirst=structure.standfirst,
            byline=tuple(structure.byline), author_bio=structure.author_bio,
            captions=tuple(structure.captions), published=raw.published,
            published_from=raw.published_from, language=work.language or "en",
            paragraphs=tuple(work.paragraphs),
        )
        return Record(
            id=raw.id or digest[:16], content_hash=digest, source=raw.source, url=raw.url,
            input=raw.ref, text=work.text, article=article, sentences=tuple(work.sentences),
            actors=tuple(work.actors), events=tuple(work.events), quotes=tuple(work.quotes),
            places=tuple(work.places),
            pipeline=dict(self.labels),
        )


def build_pipeline(settings: ExtractSettings | None = None, model: str | None = None,
                   actor_files: Sequence[Path] = ()) -> Pipeline:
    """The standard pipeline: structure → language → parse → sentences → actors → events → quotes."""
    settings = settings or ExtractSettings()
    nlp = load_model(model or settings.model or None, () if settings.ner else UNUSED_COMPONENTS)
    kb = load_kb(tuple(Path(p) for p in (*settings.actors, *actor_files)), tuple(settings.actor_sources))
    stages: list[Stage] = [
        StructureStage(settings.plain),
        LanguageStage(settings.languages, settings.min_chars_language_check),
        ParseStage(nlp, settings.batch_size),
        SentenceStage(),
        ActorStage(nlp, kb, settings.ner),
        EventStage(kb, settings.event_patterns, settings.lexicons, settings.coder),
        QuoteStage(),
    ]
    return Pipeline(stages, nlp, settings.batch_size)
