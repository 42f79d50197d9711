"""Code events from a parsed article: predicates, their source and target actors, and the code.

``EventCoder.code`` is a pure function of the spaCy ``Doc`` (parser and
tagger), the article's actors, its sentences and its publication date:

1. every verb and noun whose base form is in the predicate lexicon is a
   candidate; the most specific pattern whose constraints hold (an object
   noun, a particle, a light verb carrying the noun) gives the CAMEO code;
2. the source is the agent: the subject (shared across conjoined and
   controlled verbs, the antecedent of a relative clause, a passive's "by"
   phrase, a noun's possessor); conjoined subjects each get an event;
3. the target is found where the pattern says (object, indirect object, a
   preposition's object), else in the object's own phrase ("US attempts");
4. modality, date and place are read around the predicate; one event is
   kept per action (same predicate, source and target).

Step 1 is in ``triggers``, steps 2 and 3 in ``arguments`` (with the parse paths in
``syntax``), modality in ``modality`` and places in ``places``; this module puts an
event together from them (``_events``), dates it, tells background from news, and
keeps one event per action.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.words import base, coarse
from newsgraph.data import read_lines, read_rows
from newsgraph.events.arguments import _STATE_SECTORS, Arg, ArgumentFinder, _country_actor, _domestic_target
from newsgraph.errors import ConfigError
from newsgraph.events.implied import ImpliedEvents
from newsgraph.events.lexicon import Lexicon, Pattern
from newsgraph.events.model import MODEL_FILE, NONE, EventModel, candidate, features, vector
from newsgraph.events.modality import modality_of, stated_intent
from newsgraph.events.ontology import CameoCode, Ontology
from newsgraph.events.places import LOCATIVE, PlaceFinder
from newsgraph.events.syntax import SUBJECTS
from newsgraph.events.triggers import MUTUAL, TriggerFinder
from newsgraph.records import Actor, Event, EventActor, Place, Sentence, TextSpan
from newsgraph.when_where.dates import DateFinding, find_date
from newsgraph.when_where.places import Gazetteer

__all__ = ["EventCoder"]

RECIPROCAL_ROOTS = {"04"}
# Words for troops: when they "arrive", they are deployed, not visiting.
ARMED = {"troop", "soldier", "force", "peacekeeper", "peacekeeping", "marine", "paratrooper", "battalion", "unit",
         "contingent", "deployment", "army", "brigade"}
RECIPROCAL_CODES = {"036", "057", "061", "062", "063", "064", "0311", "0312"}
# Events that, with no target named, are aimed at the source's own state: a protest is against
# its government; a curfew, an arrest, a concession or a resignation bears on its own country.
DOMESTIC = {"PROTEST", "COERCE", "CONCEDE", "ASSAULT"}
# Acts done to someone that a participle's accusation gives the reason for, as a second event.
CHARGED = {"COERCE", "SANCTION"}
# Prepositions of forces closing on a place, which is then their target: "massed outside the town".
APPROACH = {"outside", "near", "around", "toward", "towards", "along", "against"}
# Violence whose agent the text does not name ("a bomb exploded", "were killed") falls to the place.
UNATTRIBUTED = {"ASSAULT"}


@dataclass
class _Setting:
    """What every event of one predicate shares: its sentence, date, background flag and place."""
    sid: int
    evidence: str
    when: DateFinding
    historical: bool
    place: Place | None


CODERS = ("rules", "model", "hybrid")
# Where the model's events look for a target: the object, then the prepositions acts are aimed with.
MODEL_TARGETS = ("dobj", "dative", "prep:against", "prep:with", "prep:to", "prep:on", "prep:into", "prep:at",
                 "prep:over", "none")
# hybrid: a rule event is dropped when the model gives its predicate P(NONE) at least this. Every
# threshold tried (0.90 to 0.99) lost F1 on both dev sets, so the model rejects nothing for now.
REJECT_NONE = 1.01
# hybrid: a rule event takes the model's type when the model gives another type at least this, and the
# model adds events on predicates the rules left alone when it gives their type at least PROPOSE.
# Tuned on the dev sets (docs/events.md, model card): the best synthetic-set F1 of those tried.
RETYPE = 0.90
PROPOSE = 0.80
MODEL_PROPOSE = 0.60  # model: its events on every predicate whose type it gives at least this
# The modality model's reading replaces the rules' for the model's events (and the rules' in hybrid)
# when it gives it at least this; every threshold tried (0.5 to 0.9) lost F1 on both dev sets, so off.
MODEL_MODALITY = 1.01
RULE_MODALITY = 1.01


class EventCoder(TriggerFinder, ArgumentFinder, PlaceFinder, ImpliedEvents):
    def __init__(self, lexicon: Lexicon, ontology: Ontology, kb: KnowledgeBase, gazetteer: Gazetteer,
                 coder: str = "rules", model: EventModel | None = None, modality_model: EventModel | None = None) -> None:
        if coder not in CODERS:
            raise ConfigError(f"[extract] coder must be one of {', '.join(CODERS)}, not {coder!r}")
        if coder != "rules" and model is None:
            raise ConfigError(f"[extract] coder = {coder!r} needs the event model (data/{MODEL_FILE}): run `make model`")
        self.coder, self.model, self.modality_model = coder, model, modality_model
        self.model_patterns = {row["type"]: Pattern(lemma="", pos="", light=frozenset(), objects=frozenset(), prep="",
                                                    targets=MODEL_TARGETS, cameo=row["cameo"], note="model",
                                                    source="model")
                               for row in read_rows("events/model_codes.csv")}
        self.lexicon_types: dict[str, set[str]] = {}  # lemma → PLOVER types: a feature of the model
        for p in lexicon.patterns if coder != "rules" else ():
            code = ontology.codes.get(p.cameo)
            if code is not None and code.plover_type:
                self.lexicon_types.setdefault(p.lemma, set()).add(code.plover_type)
        self.lexicon = lexicon
        self.ontology = ontology
        self.kb = kb
        self.gazetteer = gazetteer
        self._iso2 = {iso3: iso2 for iso2, iso3 in kb.iso2.items()}
        self._sentence_cache: dict[tuple[int, int], set[str]] = {}  # per document: see ``code``
        # verbs of saying (data/quotes/cues.csv): whose subject "we" and "I" in their clause are
        self.saying = frozenset(r["lemma"] for r in read_rows("quotes/cues.csv") if r["kind"] == "speech")

    # -- entry point -----------------------------------------------------------------------

    def code(self, doc: Doc, actors: Sequence[Actor], sentences: Sequence[Sentence],
             published: date | None) -> tuple[list[Event], list[Place]]:
        index = ActorIndex(doc, actors)
        self._index = index  # for the model's features
        self._sentence_cache = {}
        text = doc.text
        events: list[Event] = []
        anchors: list[Token] = []
        seen: set[tuple] = set()
        recent: list[tuple[int, list[Arg]]] = []  # (sentence, participants) of events so far
        starts = [s.start for s in sentences]
        sporting: dict[int, bool] = {}  # sentence start → whether it reports sport
        for token in doc:
            for pattern, anchor, pred in self._chosen_predicates(token):
                code = self.ontology.codes.get(pattern.cameo)
                if code is not None and code.quad_class >= 3:
                    sent = anchor.sent
                    if sent.start not in sporting:
                        sporting[sent.start] = _sporting(sent)
                    if sporting[sent.start]:
                        continue  # "Morocco beat Portugal 1-0": a match, no conflict
                for event in self._events(doc, index, pattern, anchor, pred, sentences, starts, published, recent, text):
                    # one event per action: the same kind of act between the same sides in a sentence
                    # ("the US" and "Biden" named for one invitation) is kept once; a side is a
                    # country and sector, so "the government and the rebels" are two targets
                    key = (event.sentence, event.cameo_root, _side(event.source), _side(event.target), event.modality)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(event)
                    anchors.append(anchor)
        events = _drop_elaborations(events, anchors)
        protests = {(e.sentence, _side(e.source)) for e in events if e.type == "PROTEST"}
        for event in self._implied(doc, index, sentences, starts, published, recent, text):
            if (event.sentence, _side(event.source)) not in protests:  # "protesters marched": found already
                protests.add((event.sentence, _side(event.source)))
                events.append(event)
        events.sort(key=lambda e: (e.sentence, e.predicate.start if e.predicate else 0))
        return [_renumber(e, i) for i, e in enumerate(events, start=1)], self.places(doc, index)

    def _modality(self, anchor: Token, pred: Token, pattern: Pattern) -> str:
        """The rules' reading of how the act is reported; for the model's events (and in hybrid,
        where the modality model is sure of another) the modality model's."""
        modality = modality_of(anchor, [c for c in anchor.children if c.dep_ in SUBJECTS])
        if self.modality_model is None or self.coder == "rules":
            return modality
        label, p, _ = self.modality_model.best(features(pred, self.lexicon_types, self._index), vector(pred))
        sure = MODEL_MODALITY if pattern.source == "model" else RULE_MODALITY
        return label if p >= sure else modality

    def _chosen_predicates(self, token: Token) -> Iterator[tuple[Pattern, Token, Token]]:
        """The rules' predicates, the model's, or both (``coder``; see events/model.py)."""
        if self.coder == "rules" or self.model is None:
            yield from self._predicates(token)
            return
        rules = list(self._predicates(token)) if self.coder == "hybrid" else []
        if not candidate(token, self.lexicon):
            yield from rules
            return
        label, p, p_none = self.model.best(features(token, self.lexicon_types, self._index), vector(token))
        if self.coder == "hybrid" and rules:
            if p_none >= REJECT_NONE:
                return
            for pattern, anchor, pred in rules:
                rule_type = self.ontology.codes[pattern.cameo].plover_type if pattern.cameo in self.ontology.codes else None
                if label not in (NONE, rule_type) and p >= RETYPE and label in self.model_patterns and pred.i == token.i:
                    yield self.model_patterns[label], anchor, pred  # the model is sure of another type
                else:
                    yield pattern, anchor, pred
            return
        threshold = PROPOSE if self.coder == "hybrid" else MODEL_PROPOSE
        if label != NONE and p >= threshold and label in self.model_patterns:
            yield self.model_patterns[label], token, token

    # -- an event from its predicate, arguments, modality and date ----------------------

    def _events(self, doc: Doc, index: ActorIndex, pattern: Pattern, anchor: Token, pred: Token,
                sentences: Sequence[Sentence], starts: list[int], published: date | None, recent: list,
                text: str) -> Iterator[Event]:
        code = self._code_for(pattern, anchor, pred)
        if code is None:
            return
        sources = self._sources(anchor, pred, index, recent)
        place = self._place(pred) or self._place(anchor)
        if not sources:
            sources = self._unattributed(code, anchor, place)
        if not sources:
            return
        targets = self._event_targets(code, anchor, pred, pattern, index, sources, recent, place)
        sid, sent_text = _sentence_at(anchor, sentences, starts, text)
        when, historical = _dated(anchor, published, sent_text)
        modality = self._modality(anchor, pred, pattern)
        recent.append((sid, sources + targets))
        pairs, reciprocal, two_sides = _pairs(code, pred, sources, targets)
        modality, intent = stated_intent(code.root, code.quad_class, modality, anchor, pred)
        pairs = self._default_targets(code, anchor, place, sources, targets, pairs, two_sides)
        setting = _Setting(sid, sent_text, when, historical, place)
        for source, target in pairs:
            if target is None and pattern.targets and "none" not in pattern.targets and pattern.targets != ("dobj",):
                continue
            if intent and intent in self.ontology.codes:  # the statement of intent is itself an event
                yield self._event(self.ontology.codes[intent], source, target, setting, reciprocal=False,
                                  modality="asserted", predicate=_predicate_span(pred, pred),
                                  confidence=round(_confidence(pattern, source, target) - 0.1, 2))
            yield self._event(code, source, target, setting, reciprocal=reciprocal and target is not None,
                              modality=modality, predicate=_predicate_span(anchor, pred),
                              confidence=_confidence(pattern, source, target))

    def _code_for(self, pattern: Pattern, anchor: Token, pred: Token) -> CameoCode | None:
        """The pattern's CAMEO code, as the predicate's use changes it; ``None``: no event."""
        code = self.ontology.codes.get(pattern.cameo)
        if code is None:
            return None
        if code.root == "14" and coarse(pred) == "VERB" and any(c.dep_ == "ccomp" for c in pred.children):
            code = self.ontology.codes["111"]  # "protested that the ruling was unjust": said, not marched
        if code.code == "042" and any(base(t) in ARMED for c in anchor.children if c.dep_ in SUBJECTS for t in c.subtree):
            # troops that arrive somewhere are deployed, not visiting: peacekeepers are protection
            # given (074); other forces are left to the verbs that say what they do there
            if not any("peacekeep" in t.lower_ for c in anchor.children if c.dep_ in SUBJECTS for t in c.subtree):
                return None
            code = self.ontology.codes["074"]
        return code

    def _unattributed(self, code: CameoCode, anchor: Token, place: Place | None) -> list[Arg]:
        """The source of an event whose agent the text does not name."""
        if code.plover_type in UNATTRIBUTED and place is not None and place.country:
            # "a roadside bomb killed three soldiers near Samarra": violence by no one named is coded
            # to the country it happened in, as CAMEO codes unidentified armed actors
            return [Arg(_country_actor(place.country, self.kb), None, anchor, "place")]
        return []

    def _event_targets(self, code: CameoCode, anchor: Token, pred: Token, pattern: Pattern, index: ActorIndex,
                       sources: list[Arg], recent: list, place: Place | None) -> list[Arg]:
        """The targets found for the event's sources (none where the two sources act on each other)."""
        source_ids = {s.actor.id for s in sources}
        source_countries = {s.actor.country for s in sources}
        targets = self._targets(anchor, pred, pattern, index, source_ids, recent, source_countries, place)
        if code.plover_type == "MOBILIZE" and targets and all(t.actor.country in source_countries for t in targets):
            # "Britain mobilised army reservists for a possible war against Iraq": the troops are
            # the source's own; the target is whom they are mobilised against, if anyone
            targets = self._fallback_targets(anchor, pred, index, source_ids | {t.actor.id for t in targets}, recent,
                                             source_countries, place)
        if len(sources) == 2 and sources[0].actor.country != sources[1].actor.country \
                and (code.quad_class <= 2 or base(pred) in MUTUAL) \
                and targets and all(t.via == "place" or t.token.head.lower_ in LOCATIVE or t.token.lower_ == "their"
                                    for t in targets):
            targets = []  # "Russian and US negotiators held talks in Geneva", "coordinate their exports": the two sides
        return targets

    def _default_targets(self, code: CameoCode, anchor: Token, place: Place | None, sources: list[Arg],
                         targets: list[Arg], pairs: list[tuple[Arg, Arg | None]],
                         two_sides: bool) -> list[tuple[Arg, Arg | None]]:
        """The (source, target) pairs, with a target supplied where none is named: the place of
        violence or of forces massed against it ("massed outside Beledweyne", not "deployed in
        Lima"), or the source's own state."""
        if not targets and not two_sides and (code.plover_type == "ASSAULT" or code.plover_type == "MOBILIZE" and _approach(anchor)) \
                and place is not None \
                and place.country:
            # violence with no victim named falls on the place it happened ("killed 23 people in Tel Aviv")
            target = Arg(_country_actor(place.country, self.kb), None, anchor, "place")
            return [(s, target) for s in sources if s.actor.id != target.actor.id]
        if not targets and not two_sides and code.plover_type in DOMESTIC:
            return [(s, _domestic_target(s, code.plover_type, self.kb)) for s, _t in pairs]
        if code.plover_type in DOMESTIC:
            return [(s, _placed(t, s, code.plover_type, place)) for s, t in pairs]
        return pairs

    def _event(self, code: CameoCode, source: Arg, target: Arg | None, setting: _Setting, *, reciprocal: bool,
               modality: str, predicate: TextSpan, confidence: float) -> Event:
        return Event(
            id="", type=code.plover_type, mode=code.plover_mode, cameo=code.code, cameo_root=code.root,
            cameo_name=code.name, quad_class=code.quad_class, goldstein=code.goldstein,
            plover_score=self.ontology.plover_score(code.plover_type, code.plover_mode),
            source=_event_actor(source), target=_event_actor(target) if target else None,
            reciprocal=reciprocal, modality=modality,
            historical=setting.historical, date=setting.when.date, date_source=setting.when.source,
            date_text=setting.when.text, place=setting.place, sentence=setting.sid,
            predicate=predicate, evidence=setting.evidence, confidence=confidence,
        )


def _pairs(code: CameoCode, pred: Token, sources: list[Arg],
           targets: list[Arg]) -> tuple[list[tuple[Arg, Arg | None]], bool, bool]:
    """(source, target) pairs, whether the act is reciprocal, and whether two sides act on each other."""
    reciprocal = code.root in RECIPROCAL_ROOTS or code.code in RECIPROCAL_CODES
    pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or t.actor.id != s.actor.id]
    # two sides with no target act on each other: "Japan and Korea held talks", "Indian and
    # Chinese troops clashed"; neither the place nor their own state is then the target
    two_sides = not targets and len(sources) == 2 and (code.quad_class <= 2 or base(pred) in MUTUAL) \
        and sources[0].actor.country != sources[1].actor.country
    if two_sides:
        pairs, reciprocal = [(sources[0], sources[1])], True
    return pairs, reciprocal, two_sides


def _sentence_at(anchor: Token, sentences: Sequence[Sentence], starts: list[int], text: str) -> tuple[int, str]:
    """The number and text of the article sentence the predicate is in."""
    sid = max(0, bisect_right(starts, anchor.idx) - 1)
    sentence = sentences[sid] if sid < len(sentences) else None
    sent_text = text[sentence.start:sentence.end] if sentence else anchor.sent.text
    return sid, sent_text


def _predicate_span(anchor: Token, pred: Token) -> TextSpan:
    """The predicate's text and offsets: with its light verb or carrier if it has one ("held … talks")."""
    return TextSpan(text=pred.text if pred.i == anchor.i else f"{anchor.text} … {pred.text}",
                    start=min(anchor.idx, pred.idx), end=max(anchor.idx + len(anchor), pred.idx + len(pred)))


# -- dates and background -------------------------------------------------------------------

def _dated(anchor: Token, published: date | None, sent_text: str) -> tuple[DateFinding, bool]:
    """The predicate's date, and whether it is background, as it is or as its governor is."""
    when, historical = _when(anchor, published, sent_text)
    if not historical and anchor.dep_ in ("relcl", "acl"):
        # what a background event's participants did is background too: "Russia, which
        # annexed Crimea in 2014 and launched a war that has killed 14,000 people"
        governor = next((h for h in anchor.head.ancestors if coarse(h) == "VERB"), None)
        historical = governor is not None and governor.dep_ in ("relcl", "acl", "conj") \
            and _when(governor, published, sent_text)[1]
    return when, historical


_OTHER_CLAUSES = {"ccomp", "advcl", "relcl", "conj", "parataxis", "acl"}


def _recalled(anchor: Token) -> bool:
    """A predicate in a relative clause in the simple past or a perfect ("which annexed",
    "whom they had taken", "that has killed"), or a past participle modifying a noun ("property seized by")."""
    if anchor.dep_ == "acl" and anchor.tag_ == "VBN":  # a reduced relative, not "reports that X had ..."
        return not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in anchor.children)
    if anchor.dep_ != "relcl":
        return False
    aux = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    # the present perfect too: "a war that has killed 14,000 people" sums up, it does not report
    return (anchor.tag_ == "VBD" and not aux) or any(a.lower_ in ("had", "has", "have") for a in aux) \
        or any(a.tag_ == "VBD" and a.dep_ == "auxpass" for a in aux)


def _when(anchor: Token, published: date | None, sent_text: str) -> tuple[DateFinding, bool]:
    """The predicate's date, and whether it is background rather than news of the day."""
    when = find_date(_clause_text(anchor), published)
    head = anchor
    while when.source != "text" and head.dep_ == "conj" and head.head.i != head.i:  # "annexed ... in 2014 and launched"
        head = head.head
        when = find_date(_clause_text(head), published)
    own_date = when.source == "text"
    if not own_date:
        fallback = find_date(sent_text, published)
        # a date elsewhere in the sentence dates the event unless it is an old one, which
        # belongs to the background clause it is in ("since Tirana split with Moscow in 1978")
        when = fallback if not fallback.historical else when
    # a past event recalled in a relative or participial clause, with no date of its own, is
    # background ("property seized by government forces"); so is a pluperfect there, whatever
    # its date ("whom they had taken hostage two weeks ago")
    historical = (when.historical if own_date else _recalled(head)) or _pluperfect(anchor)
    return when, historical

def _pluperfect(anchor: Token) -> bool:
    if anchor.dep_ == "acl" and any(c.dep_ == "mark" for c in anchor.children):
        return False  # "reports that New Delhi had rejected ...": what is reported, not a recalled past
    return anchor.tag_ == "VBN" and anchor.dep_ in ("relcl", "acl", "advcl") and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in anchor.children)


def _clause_text(anchor: Token) -> str:
    """The predicate's own clause, without clauses hanging off it at any depth (for its date)."""
    words = []
    for t in anchor.subtree:
        node, inside = t, True
        while node.i != anchor.i:
            if node.dep_ in _OTHER_CLAUSES:
                inside = False
                break
            node = node.head
        if inside:
            words.append(t.text)
    return " ".join(words)

# -- the event record and one event per action -----------------------------------------------

def _event_actor(arg: Arg | None) -> EventActor | None:
    if arg is None:
        return None
    m, a = arg.mention, arg.actor
    token = arg.token
    start, end, text = (m.start, m.end, m.text) if m is not None and arg.via != "group" else (token.idx, token.idx + len(token), token.text)
    return EventActor(actor=a.id, name=a.name, country=a.country, code=a.code, text=text, start=start, end=end)


def _confidence(pattern: Pattern, source: Arg, target: Arg | None) -> float:
    score = 0.75 + 0.1 * min(pattern.specificity, 1)
    for arg in (source, target):
        if arg is not None and arg.via != "direct":
            score -= 0.15
    if target is None:
        score -= 0.1
    return round(max(0.1, min(score, 0.95)), 2)


# Roots of verbal acts: said, appealed, demanded, disapproved, rejected, threatened.
VERBAL_ROOTS = {"01", "02", "10", "11", "12", "13"}


def _drop_elaborations(events: list[Event], anchors: list[Token]) -> list[Event]:
    """One event per action: a non-finite clause hanging off an event's predicate, by the same
    side, either repeats its act ("shelled Juba, killing 20 people"; "summoned the ambassador to
    complain"), says what the act was for or said ("demonstrated, calling for independence";
    "rejected the proposal, urging them to sign") or how it was done ("rioted, setting fire to
    their mattresses"). It is part of the main event, not another — except the charge an arrest or
    an expulsion is made on ("expelled two diplomats, accusing them of spying")."""
    by_anchor: dict[int, list[Event]] = {}
    for event, anchor in zip(events, anchors):
        by_anchor.setdefault(anchor.i, []).append(event)
    kept = []
    for event, anchor in zip(events, anchors):
        head = anchor.head
        main = by_anchor.get(head.i, []) if head.i != anchor.i and anchor.dep_ in ("advcl", "conj") \
            and anchor.tag_ in ("VBG", "VB") and not any(c.dep_ in SUBJECTS for c in anchor.children) else []
        if anchor.dep_ == "conj" and anchor.tag_ != "VBG":
            main = []
        if event.type == "ACCUSE" and any(m.type in CHARGED for m in main):
            main = []  # "arrested them, accusing them of spying": the charge is an act of its own
        if anchor.dep_ == "xcomp" and event.type != "THREATEN" and any(m.type == "THREATEN" for m in by_anchor.get(head.i, [])):
            continue  # "vowed to retaliate": the threat is the event, not also the attack it threatens
        if any(m.modality == event.modality and _side(m.source) == _side(event.source)
               and (m.cameo_root == event.cameo_root or event.cameo_root in VERBAL_ROOTS or anchor.tag_ == "VBG")
               for m in main):
            continue
        kept.append(event)
    return kept

def _side(actor: EventActor | None) -> str | None:
    return actor and (actor.code or actor.country or actor.actor)


def _renumber(event: Event, n: int) -> Event:
    return replace(event, id=f"E{n}")


def _approach(anchor: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in APPROACH for c in anchor.children)


def _placed(target: Arg | None, source: Arg, plover_type: str, place: Place | None) -> Arg | None:
    """People the text gives no country, acted on at home: of the place it happens ("arrested
    several women in Tehran"), else, for an arrest by a state's own forces, of that state."""
    if target is None or target.actor.country is not None or target.actor.kind not in ("group", "person"):
        return target
    country = place.country if place is not None else None
    if country is None and plover_type == "COERCE" and source.actor.sector in _STATE_SECTORS - {None} \
            and source.actor.country not in (None, "IGO", "NGO"):
        country = source.actor.country
    if country is None:
        return target
    sector = target.actor.sector or ""
    return replace(target, actor=replace(target.actor, country=country, code=f"{country}{sector}"))


SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")
RESULT_VERBS = {"beat", "defeat", "lose", "win", "draw", "thrash", "edge", "hold"}


@lru_cache(maxsize=1)
def _sports_words() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, read_lines("events/sports_words.txt"))) + r")\b")


def _sporting(sent: Span) -> bool:
    """A sentence that reports sport: a sports word, or a score beside a verb of winning or losing."""
    if _sports_words().search(sent.text.lower()):
        return True
    return bool(SCORE.search(sent.text)) and any(base(t) in RESULT_VERBS for t in sent)
