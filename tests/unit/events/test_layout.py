"""The event coder's modules, each on its own: triggers, arguments, syntax, places, modality, assembly.

Sentences are written for these tests. Each is run through the pipeline's stages up to
(not including) the event stage, and the coder's steps are called on the parse directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from spacy.tokens import Doc, Token

from newsgraph.actors.index import ActorIndex
from newsgraph.events import coder as coder_module
from newsgraph.events.arguments import Arg, ArgumentFinder
from newsgraph.events.coder import EventCoder
from newsgraph.events.lexicon import Pattern
from newsgraph.events.modality import _conditional, modality_of, stated_intent
from newsgraph.events.places import PlaceFinder
from newsgraph.events.syntax import SUBJECTS, _conjuncts, _subject
from newsgraph.events.triggers import TriggerFinder, _first_fit
from newsgraph.pipeline import EventStage, Pipeline, Work
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef


@dataclass
class Parsed:
    work: Work
    coder: EventCoder
    index: ActorIndex

    @property
    def doc(self) -> Doc:
        assert self.work.doc is not None
        return self.work.doc

    def token(self, text: str) -> Token:
        return next(t for t in self.doc if t.text == text)

    def predicates(self) -> list[tuple[Pattern, Token, Token]]:
        return [found for t in self.doc for found in self.coder._predicates(t)]


def _parse(pipeline: Pipeline, text: str) -> Parsed:
    works = [Work(raw=RawDocument(ref=InputRef(path="layout", format="text"), text=text, published="2023-06-14"))]
    for stage in pipeline.stages:
        if isinstance(stage, EventStage):
            coder = stage.coder
            break
        stage(works)
    [work] = works
    assert work.error is None and work.doc is not None
    coder._sentence_cache = {}  # per document, as ``code`` resets it
    return Parsed(work, coder, ActorIndex(work.doc, work.actors))


def _countries(args: list[Arg]) -> list[str | None]:
    return [a.actor.country for a in args]


def test_coder_is_built_from_the_mixins(pipeline: Pipeline) -> None:
    assert issubclass(EventCoder, TriggerFinder) and issubclass(EventCoder, ArgumentFinder) \
        and issubclass(EventCoder, PlaceFinder)
    assert isinstance(next(s for s in pipeline.stages if isinstance(s, EventStage)).coder, EventCoder)


# -- triggers ---------------------------------------------------------------------------------

def test_trigger_finds_the_noun_pattern_carried_by_imposed(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "France imposed sanctions on Russia on Monday.")
    [(pattern, anchor, pred)] = parsed.predicates()
    assert (anchor.text, pred.text) == ("imposed", "sanctions")  # the light verb anchors the noun
    assert pattern.cameo == "163" and "impose" in pattern.light and "prep:on" in pattern.targets
    assert parsed.coder._verb_pattern(parsed.token("imposed")) is None  # the noun is the predicate


def test_trigger_reads_a_phrasal_verb_as_its_own_predicate(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "The union called off the strike.")
    called = parsed.token("called")
    phrasal = parsed.coder._phrasal_patterns(called)
    assert phrasal and {p.prep for p in phrasal} == {"off"}
    assert parsed.coder._verb_pattern(called).cameo == "082"  # type: ignore[union-attr]
    assert [(a.text, p.text) for _pat, a, p in parsed.predicates()] == [("called", "called")]  # no "strike"


def test_trigger_finds_a_demand_in_said_must(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Norway said Sudan must return the helicopter.")
    found = [(pat.note, a.text, p.text) for pat, a, p in parsed.predicates() if pat.cameo == "100"]
    assert found == [("X said Y must do Z", "said", "return")]


def test_first_fit_takes_the_first_pattern_whose_constraints_hold() -> None:
    def pattern(objects: set[str], prep: str, cameo: str) -> Pattern:
        return Pattern(lemma="call", pos="VERB", light=frozenset(), objects=frozenset(objects), prep=prep,
                       targets=("dobj",), cameo=cameo, note="")

    patterns = [pattern({"strike"}, "off", "082"), pattern(set(), "for", "020"), pattern(set(), "", "010")]
    assert _first_fit(patterns, {"strike"}, {"off"}, {}, False).cameo == "082"  # type: ignore[union-attr]
    assert _first_fit(patterns, {"talk"}, {"off", "for"}, {}, False).cameo == "020"  # type: ignore[union-attr]
    # the object after the pattern's preposition counts: "called off the strike" parsed as a prep
    assert _first_fit(patterns, set(), {"off"}, {"off": {"strike"}}, False).cameo == "082"  # type: ignore[union-attr]
    assert _first_fit(patterns, set(), set(), {}, False).cameo == "010"  # type: ignore[union-attr]
    assert _first_fit(patterns, set(), set(), {}, True) is None  # naming someone is not a plain "dobj" act


# -- arguments and syntax ------------------------------------------------------------------------

def test_arguments_find_the_subjects_actor_as_source_and_the_preposition_as_target(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "France imposed sanctions on Russia on Monday.")
    [(pattern, anchor, pred)] = parsed.predicates()
    sources = parsed.coder._sources(anchor, pred, parsed.index, [])
    assert [(a.actor.name, a.actor.country, a.via) for a in sources] == [("France", "FRA", "direct")]
    targets = parsed.coder._targets(anchor, pred, pattern, parsed.index, {sources[0].actor.id}, [], {"FRA"}, None)
    assert targets and set(_countries(targets)) == {"RUS"}


def test_arguments_give_each_conjoined_subject(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Iran and Iraq held talks in Geneva.")
    [(_pattern, anchor, pred)] = parsed.predicates()
    assert _countries(parsed.coder._sources(anchor, pred, parsed.index, [])) == ["IRN", "IRQ"]
    assert [t.text for t in _conjuncts(parsed.token("Iran"))] == ["Iraq"]


def test_subject_of_a_requested_act_is_the_one_asked(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Egypt urged Israel to withdraw its troops from Gaza.")
    withdraw = parsed.token("withdraw")
    assert _subject(withdraw).text == "Israel"  # type: ignore[union-attr]
    assert _subject(parsed.token("urged")).text == "Egypt"  # type: ignore[union-attr]
    assert _countries(parsed.coder._sources(withdraw, withdraw, parsed.index, [])) == ["ISR"]


def test_we_is_the_speaker_of_the_quotation(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, '"We demand that Tokyo stop these patrols," a Chinese foreign ministry spokesman said.')
    speaker = parsed.coder._speaker(parsed.token("We"), parsed.index, [])
    assert _countries(speaker) == ["CHN"]


# -- places ----------------------------------------------------------------------------------

def test_place_of_an_event_and_of_the_article(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Iran and Iraq held talks in Geneva.")
    place = parsed.coder._place(parsed.token("held"))
    assert place is not None and (place.name, place.country, place.text) == ("Geneva", "CHE", "Geneva")
    assert [p.name for p in parsed.coder.places(parsed.doc, parsed.index)] == ["Geneva"]
    assert parsed.coder._place(parsed.token("Iran")) is None


# -- modality: stated intentions, threats and refusals -------------------------------------------

def test_a_refused_acceptance_is_a_rejection(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Ghana will not accept more refugees.")
    accept = parsed.token("accept")
    modality = modality_of(accept, [c for c in accept.children if c.dep_ in SUBJECTS])
    assert modality == "negated"
    code = parsed.coder.ontology.codes["075"]
    assert stated_intent(code.root, code.quad_class, modality, accept, accept) == ("negated", "120")


def test_an_act_promised_unless_something_is_done_is_a_threat(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Kenya will withdraw its troops unless Somalia arranges a ceasefire.")
    withdraw = parsed.token("withdraw")
    assert _conditional(withdraw, "08")
    assert not _conditional(parsed.token("arranges"), "03")
    assert stated_intent("08", 2, "intended", withdraw, withdraw) == ("intended", "130")


# -- assembly ---------------------------------------------------------------------------------

def test_two_sides_with_no_target_act_on_each_other(pipeline: Pipeline) -> None:
    parsed = _parse(pipeline, "Iran and Iraq held talks in Geneva.")
    [(_pattern, anchor, pred)] = parsed.predicates()
    sources = parsed.coder._sources(anchor, pred, parsed.index, [])
    pairs, reciprocal, two_sides = coder_module._pairs(parsed.coder.ontology.codes["046"], pred, sources, [])
    assert two_sides and reciprocal
    assert [(s.actor.country, t.actor.country if t else None) for s, t in pairs] == [("IRN", "IRQ")]
    span = coder_module._predicate_span(anchor, pred)
    assert (span.text, parsed.doc.text[span.start:span.end]) == ("held … talks", "held talks")


@pytest.mark.parametrize(("text", "expected"), [
    ("France imposed sanctions on Russia on Monday.", [("SANCTION", "asserted", "FRA", "RUS")]),
    ("Kenya will withdraw its troops unless Somalia arranges a ceasefire.",
     [("THREATEN", "asserted", "KEN", "KEN"), ("RETREAT", "intended", "KEN", "KEN"),
      ("AGREE", "hypothetical", "SOM", None)]),
])
def test_code_assembles_events_from_the_steps(pipeline: Pipeline, text: str, expected: list[tuple]) -> None:
    parsed = _parse(pipeline, text)
    work = parsed.work
    events, _places = parsed.coder.code(parsed.doc, work.actors, work.sentences, work.day)
    assert [(e.type, e.modality, e.source and e.source.country, e.target and e.target.country)
            for e in events] == expected
    assert [e.id for e in events] == [f"E{i}" for i in range(1, len(events) + 1)]
