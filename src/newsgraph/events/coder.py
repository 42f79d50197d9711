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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from newsgraph.actors.context import sentence_of
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.words import WATERS, base, coarse
from newsgraph.data import read_rows
from newsgraph.events.lexicon import Lexicon, Pattern
from newsgraph.events.modality import REQUEST, addressee, is_purpose, is_requested_act, modality_of
from newsgraph.events.ontology import Ontology
from newsgraph.records import Actor, Event, EventActor, Mention, Place, Sentence, TextSpan
from newsgraph.when_where.dates import DateFinding, find_date
from newsgraph.when_where.places import Gazetteer

__all__ = ["EventCoder"]

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE = {"which", "who", "that", "whom"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "him", "his", "she", "her"}
FIRST_PERSON = {"we", "i", "us", "our", "me", "my"}
GROUP_SUBJECTS = {"both", "two", "sides", "leaders", "countries", "nations", "governments", "parties", "they"}
RECIPROCAL_ROOTS = {"04"}
# A stated intention to act is coded too, as CAMEO does: intent to cooperate (03x, AGREE) or a threat (13x).
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                "14": "130", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
# Verbs that carry out or make public a nominalised act: "announced a suspension of air links".
NOMINAL_CARRIERS = {"announce", "order", "approve", "declare", "decree", "begin", "start", "complete", "carry", "conduct",
                    "implement", "confirm", "launch", "undertake"}
# Conflict verbs whose two conjoined sides act on each other: "Indian and Chinese troops clashed".
MUTUAL = {"clash", "fight", "fighting", "battle", "skirmish", "exchange", "trade"}
# Words for troops: when they "arrive", they are deployed, not visiting.
ARMED = {"troop", "soldier", "force", "peacekeeper", "peacekeeping", "marine", "paratrooper", "battalion", "unit",
         "contingent", "deployment", "army", "brigade"}
# Verbs that turn a future sanction into a decision taken ("announced it would suspend aid").
DECIDED = {"announce", "decide", "declare", "confirm"}
# Verbs that refuse the act they govern: "declined to resign", "refused to meet".
REFUSING = {"refuse", "decline", "fail"}
# Cooperative acts whose negation is a rejection ("did not accept", "refused to allow").
ACCEPTING = {"accept", "agree", "approve", "endorse", "meet", "recognise", "recognize", "allow", "permit", "sign",
             "ratify", "reach", "grant", "admit"}
# Verbs that report what someone must do ("X said Y must return the helicopter").
SAY = {"say", "tell", "report", "claim", "allege", "announce", "state", "accuse", "insist", "charge", "add",
       "demand", "declare", "reiterate", "repeat", "stress", "emphasise", "emphasize", "conclude", "argue",
       "maintain", "assert", "urge", "remind", "reminder", "statement", "insistence", "warn"}
MUST = Pattern(lemma="must", pos="VERB", light=frozenset(), objects=frozenset(), prep="", targets=("clause", "none"),
               cameo="100", note="X said Y must do Z")
RECIPROCAL_CODES = {"036", "057", "061", "062", "063", "064", "0311", "0312"}
LOCATIVE = {"in", "at", "near", "outside", "inside"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}


@dataclass
class Arg:
    actor: Actor
    mention: Mention | None
    token: Token
    via: str  # how it was found: "direct", "phrase", "pronoun", "group"


class EventCoder:
    def __init__(self, lexicon: Lexicon, ontology: Ontology, kb: KnowledgeBase, gazetteer: Gazetteer) -> None:
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
        self._sentence_cache = {}
        text = doc.text
        events: list[Event] = []
        anchors: list[Token] = []
        seen: set[tuple] = set()
        recent: list[tuple[int, list[Arg]]] = []  # (sentence, participants) of events so far
        starts = [s.start for s in sentences]
        for token in doc:
            for pattern, anchor, pred in self._predicates(token):
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
        return [_renumber(e, i) for i, e in enumerate(events, start=1)], self.places(doc, index)

    # -- predicates -----------------------------------------------------------------------

    def _predicates(self, token: Token) -> Iterator[tuple[Pattern, Token, Token]]:
        """(pattern, anchor, predicate): the anchor carries subject and modality (a light verb for nouns)."""
        kind = coarse(token)
        if kind == "VERB" and token.dep_ in ("ccomp", "acl") and base(token.head) in SAY \
                and any(c.lower_ in ("must", "should") and c.dep_ == "aux" for c in token.children):
            anchor = token.head  # "X said Y must return the helicopter": X demands it of Y
            if coarse(anchor) == "NOUN" and anchor.dep_ == "dobj" and coarse(anchor.head) == "VERB":
                anchor = anchor.head  # "issued a reminder to Iraq that it must cooperate"
            yield MUST, anchor, token
        if kind == "VERB":
            pattern = self._verb_pattern(token)
            if pattern is not None:
                yield pattern, token, token
        elif kind == "NOUN":
            found = self._noun_pattern(token) or self._nominal_pattern(token)
            if found is not None:
                yield found

    def _verb_pattern(self, verb: Token) -> Pattern | None:
        lemma = base(verb)
        phrasal = self._phrasal_patterns(verb)
        if phrasal:  # a phrasal verb is its own predicate: "called off a strike" is not "called a strike"
            found = self._match_verb(verb, phrasal)
            if found is not None:
                return found
        if lemma in self.lexicon.light_verbs and any(
                c.dep_ == "dobj" and self.lexicon.for_noun(base(c)) and any(lemma in p.light for p in self.lexicon.for_noun(base(c)))
                for c in verb.children):
            return None  # "held talks": the noun is the predicate
        return self._match_verb(verb, self.lexicon.for_verb(lemma))

    def _match_verb(self, verb: Token, patterns: list[Pattern]) -> Pattern | None:
        """The first of ``patterns`` whose object and preposition constraints the verb meets."""
        objects = {base(o) for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
                   for o in (c, *_conjuncts(c))}  # "photographs and other military intelligence"
        objects |= {base(m) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")  # "mediation efforts"
                    for m in c.children if m.dep_ == "compound" and m.i == c.i - 1}
        objects |= {base(p) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")  # "a series of bombs"
                    for of in c.children if of.dep_ == "prep" and of.lower_ == "of"
                    for p in of.children if p.dep_ == "pobj"}
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
        # the noun after a particle or preposition counts too: "called for the release", "accused of corruption"
        prep_objects = {c.lower_: {base(o) for o in c.children if o.dep_ in ("pobj", "pcomp")}
                        for c in verb.children if c.dep_ == "prep"}
        naming = any(c.dep_ in ("oprd", "attr") for c in verb.children)  # "calling them an occupying army"
        return _first_fit(patterns, objects, preps, prep_objects, naming)

    def _nominal_pattern(self, noun: Token) -> tuple[Pattern, Token, Token] | None:
        """A nominalised act read as its verb: "announced a suspension of air links with Serbia" is
        "suspended air links with Serbia"; "Italy's expulsion of two diplomats" is "expelled" them.
        The noun needs an agent: a "by" phrase, a verb that carries it out, or a possessor beside an
        "of" object."""
        verb_lemma = self.lexicon.nominals.get(base(noun))
        if verb_lemma is None:
            return None
        of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if noun.dep_ in ("dobj", "nsubjpass") and coarse(noun.head) == "VERB" and base(noun.head) in NOMINAL_CARRIERS:
            anchor = noun.head
        elif any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children) \
                or (of and any(c.dep_ == "poss" for c in noun.children)):
            anchor = noun  # a possessor is the agent only beside an "of" object: "Israel's destruction" is done to Israel
        else:
            return None
        objects = {base(o) for t in of for o in (t, *_conjuncts(t))}
        objects |= {base(m) for t in of for m in t.children if m.dep_ == "compound" and m.i == t.i - 1}
        preps = {c.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ != "of"}
        prep_objects = {c.lower_: {base(o) for o in c.children if o.dep_ == "pobj"}
                        for c in noun.children if c.dep_ == "prep" and c.lower_ != "of"}
        pattern = _first_fit(self.lexicon.for_verb(verb_lemma), objects, preps, prep_objects, False)
        return (pattern, anchor, noun) if pattern is not None else None

    def _phrasal_patterns(self, verb: Token) -> list[Pattern]:
        """The verb's patterns for the particle it has: "call off", "hand over"."""
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        return [p for p in self.lexicon.for_verb(base(verb)) if p.prep in particles] if particles else []

    def _noun_pattern(self, noun: Token) -> tuple[Pattern, Token, Token] | None:
        lemma = base(noun)
        head = noun.head
        modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
        two_word = [p for m in modifiers for p in self.lexicon.for_noun(f"{m.lower_} {lemma}")]  # "hunger strike"
        for pattern in two_word + self.lexicon.for_noun(lemma):
            if pattern.light:
                first = noun  # "launched artillery, mortar and rocket fire": the verb of the first conjunct
                while first.dep_ == "conj" and first.head.i != first.i and coarse(first.head) == "NOUN":
                    first = first.head
                verb = first.head
                if first.dep_ in ("dobj", "nsubjpass") and base(verb) in pattern.light and coarse(verb) == "VERB" \
                        and not self._phrasal_patterns(verb):  # "called off a strike" is no call for a strike
                    return pattern, verb, noun
                continue
            between = pattern.cameo.startswith("04") or lemma in MUTUAL  # meetings and fighting, not states
            if any(c.dep_ == "poss" or c.dep_ == "prep" and (c.lower_ == "by" or c.lower_ == "between" and between)
                   for c in noun.children):
                return pattern, noun, noun  # "Russia's attack", "the attack by Russia", "the meeting between X and Y"
            if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ == "ROOT" and self._national(noun) is not None:
                return pattern, noun, noun  # "Palestinian riots against Israeli policies are continuing"
        return None

    def _national(self, noun: Token) -> Token | None:
        """The demonym or country name that says whose act a noun is: "Palestinian riots", "US raids"."""
        for c in noun.lefts:
            if c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper() and (
                    c.lower_ in self.kb.adjectives
                    or any(self.kb.entities[k].kind == "country" for k in self.kb.names.get(c.text, []))):
                return c
        return None

    # -- arguments ------------------------------------------------------------------------

    def _events(self, doc: Doc, index: ActorIndex, pattern: Pattern, anchor: Token, pred: Token,
                sentences: Sequence[Sentence], starts: list[int], published: date | None, recent: list,
                text: str) -> Iterator[Event]:
        code = self.ontology.codes.get(pattern.cameo)
        if code is None:
            return
        if code.root == "14" and coarse(pred) == "VERB" and any(c.dep_ == "ccomp" for c in pred.children):
            code = self.ontology.codes["111"]  # "protested that the ruling was unjust": said, not marched
        if code.code == "042" and any(base(t) in ARMED for c in anchor.children if c.dep_ in SUBJECTS for t in c.subtree):
            # troops that arrive somewhere are deployed, not visiting: peacekeepers are protection
            # given (074); other forces are left to the verbs that say what they do there
            if not any("peacekeep" in t.lower_ for c in anchor.children if c.dep_ in SUBJECTS for t in c.subtree):
                return
            code = self.ontology.codes["074"]
        sources = self._sources(anchor, pred, index, recent)
        place = self._place(pred) or self._place(anchor)
        if not sources and code.plover_type in UNATTRIBUTED and place is not None and place.country:
            # "a roadside bomb killed three soldiers near Samarra": violence by no one named is coded
            # to the country it happened in, as CAMEO codes unidentified armed actors
            sources = [Arg(_country_actor(place.country, self.kb), None, anchor, "place")]
        if not sources:
            return
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
        sid = max(0, bisect_right(starts, anchor.idx) - 1)
        sentence = sentences[sid] if sid < len(sentences) else None
        sent_text = text[sentence.start:sentence.end] if sentence else anchor.sent.text
        when, historical = _when(anchor, published, sent_text)
        if not historical and anchor.dep_ in ("relcl", "acl"):
            # what a background event's participants did is background too: "Russia, which
            # annexed Crimea in 2014 and launched a war that has killed 14,000 people"
            governor = next((h for h in anchor.head.ancestors if coarse(h) == "VERB"), None)
            historical = governor is not None and governor.dep_ in ("relcl", "acl", "conj") \
                and _when(governor, published, sent_text)[1]
        modality = modality_of(anchor, [c for c in anchor.children if c.dep_ in SUBJECTS])
        recent.append((sid, sources + targets))
        reciprocal = code.root in RECIPROCAL_ROOTS or code.code in RECIPROCAL_CODES
        pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or t.actor.id != s.actor.id]
        # two sides with no target act on each other: "Japan and Korea held talks", "Indian and
        # Chinese troops clashed"; neither the place nor their own state is then the target
        two_sides = not targets and len(sources) == 2 and (code.quad_class <= 2 or base(pred) in MUTUAL) \
            and sources[0].actor.country != sources[1].actor.country
        if two_sides:
            pairs, reciprocal = [(sources[0], sources[1])], True
        # a stated intention is an event of its own; a purpose ("opened fire to disperse them") is not
        if modality == "intended" and code.root == "16" and anchor.dep_ in ("ccomp", "xcomp") \
                and base(anchor.head) in DECIDED:
            modality = "asserted"  # "announced it would prohibit all aid to the rebels": a sanction decided
        intent = INTENT_CODES.get(code.root) if modality == "intended" and not is_purpose(anchor) else None
        if modality in ("intended", "hypothetical") and _conditional(anchor, code.root):
            # "will withdraw its force unless the president arranges a ceasefire": a threat
            intent = INTENT_CODES.get(code.root) if code.root >= "14" else "130"
        elif modality == "negated" and code.quad_class in (1, 2) \
                and (base(pred) in ACCEPTING or anchor.dep_ == "xcomp" and base(anchor.head) in REFUSING) \
                and not any(base(h) in REQUEST for h in anchor.ancestors):  # not "urged them to refuse to"
            # "will not accept more refugees", "failed to reach agreement", "declined to resign": a rejection
            intent = "120"
        if not targets and not two_sides and code.plover_type in ("ASSAULT", "MOBILIZE") and place is not None \
                and place.country:
            # violence with no victim named falls on the place it happened ("killed 23 people in Tel Aviv")
            targets = [Arg(_country_actor(place.country, self.kb), None, anchor, "place")]
            pairs = [(s, targets[0]) for s in sources if s.actor.id != targets[0].actor.id]
        if not targets and not two_sides and code.plover_type in DOMESTIC:
            pairs = [(s, _domestic_target(s, code.plover_type, self.kb)) for s, _t in pairs]
        for source, target in pairs:
            if target is None and pattern.targets and "none" not in pattern.targets and pattern.targets != ("dobj",):
                continue
            if intent and intent in self.ontology.codes:  # the statement of intent is itself an event
                icode = self.ontology.codes[intent]
                yield Event(
                    id="", type=icode.plover_type, mode=icode.plover_mode, cameo=icode.code, cameo_root=icode.root,
                    cameo_name=icode.name, quad_class=icode.quad_class, goldstein=icode.goldstein,
                    plover_score=self.ontology.plover_score(icode.plover_type, icode.plover_mode),
                    source=_event_actor(source), target=_event_actor(target) if target else None,
                    reciprocal=False, modality="asserted", historical=historical, date=when.date,
                    date_source=when.source, date_text=when.text, place=place, sentence=sid,
                    predicate=TextSpan(text=pred.text, start=pred.idx, end=pred.idx + len(pred)),
                    evidence=sent_text, confidence=round(_confidence(pattern, source, target) - 0.1, 2),
                )
            yield Event(
                id="", type=code.plover_type, mode=code.plover_mode, cameo=code.code, cameo_root=code.root,
                cameo_name=code.name, quad_class=code.quad_class, goldstein=code.goldstein,
                plover_score=self.ontology.plover_score(code.plover_type, code.plover_mode),
                source=_event_actor(source), target=_event_actor(target) if target else None,
                reciprocal=reciprocal and target is not None, modality=modality,
                historical=historical, date=when.date, date_source=when.source, date_text=when.text,
                place=place, sentence=sid,
                predicate=TextSpan(text=pred.text if pred.i == anchor.i else f"{anchor.text} … {pred.text}",
                                   start=min(anchor.idx, pred.idx), end=max(anchor.idx + len(anchor), pred.idx + len(pred))),
                evidence=sent_text, confidence=_confidence(pattern, source, target),
            )

    def _arg(self, token: Token, index: ActorIndex, recent: list, skip: set[str] = frozenset(), via: str = "direct",
             avoid: set[str | None] = frozenset()) -> list[Arg]:
        """The actors a noun phrase names: the token's own mention, its conjuncts, else one inside it."""
        found: list[Arg] = []
        for t in [token, *_conjuncts(token), *self._listed(token, index)]:
            hit = index.at(t)
            if found and t.i != token.i and hit and hit[0].kind == "group" and hit[0].sector == found[-1].actor.sector \
                    and not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in t.children):
                continue  # "Israeli helicopters and tanks": the tanks are the same side's
            joint = self._joint_demonyms(t)
            if joint and (hit is None or hit[0].kind == "group"):
                found.extend(Arg(_country_actor(c, self.kb), hit[1] if hit else None, t, via) for c in joint)
            elif hit and hit[0].id not in skip:
                found.append(Arg(hit[0], hit[1], t, via))
            elif t.lower_ in FIRST_PERSON:
                found.extend(a for a in self._speaker(t, index, recent) if a.actor.id not in skip)
            elif t.lower_ in PRONOUNS or (t.lower_ in GROUP_SUBJECTS and t.dep_ in SUBJECTS):
                found.extend(self._antecedent(t, index, recent, skip))
            else:
                inner = self._inside(t, index, skip, avoid, recent)
                if inner:
                    found.extend(self._with_conjuncts(inner, index, skip))
        return found

    def _passive_origin(self, verb: Token, index: ActorIndex, recent: list) -> list[Arg]:
        """A passive with no agent names where the act came from: "shells were fired into
        Armenian villages from Azerbaijani positions" is Azerbaijan's shelling."""
        if not any(c.dep_ == "nsubjpass" for c in verb.children):
            return []
        # the parser may hang it on the phrase before: "into villages from Azerbaijani positions"
        preps = [c for c in verb.children if c.dep_ == "prep"]
        preps += [g for p in preps for o in p.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ == "from":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self._arg(obj, index, recent) or self._country_words(obj, set())
        return []

    def _speaker(self, pronoun: Token, index: ActorIndex, recent: list) -> list[Arg]:
        """Who "we" or "I" is: the speaker of the quotation or speech it is in — the subject of the
        verb of saying above it ('"We demand that Tokyo stop these patrols," a Chinese foreign
        ministry spokesman said' is China's demand)."""
        for head in pronoun.ancestors:
            if coarse(head) == "VERB" and base(head) in self.saying:
                subject = _subject(head)
                if subject is not None and subject.lower_ not in FIRST_PERSON:
                    return self._arg(subject, index, recent)
        return []

    def _headline_list(self, verb: Token, index: ActorIndex, subject: Token | None) -> list[Arg]:
        """Headline lists the parser splits: "Indonesia, Australia agree to ...", "Kenya, Tanzania
        sign trade deal": countries before the verb, separated by commas, are its subjects too."""
        if subject is not None and (index.at(subject) is None or index.at(subject)[0].kind != "country"):
            return []
        found = []
        for c in verb.lefts:
            hit = index.at(c)
            if c.dep_ in ("npadvmod", "dep", "compound") and hit and hit[0].kind == "country" \
                    and (subject is None or c.i < subject.i) and c.nbor(1).text == ",":
                found.append(Arg(hit[0], hit[1], c, "direct"))
        if subject is None and found:  # "Kenya, Tanzania sign": the last country before the verb too
            last = verb.doc[verb.i - 1]
            hit = index.at(last)
            if hit and hit[0].kind == "country" and all(a.token.i != last.i for a in found):
                found.append(Arg(hit[0], hit[1], last, "direct"))
        return found

    def _listed(self, token: Token, index: ActorIndex) -> list[Token]:
        """Headline lists: "Canada, Mexico hold trade talks" is Canada and Mexico (parsed as an apposition)."""
        hit = index.at(token)
        if hit is None or hit[0].kind != "country":
            return []
        return [c for c in token.children if c.dep_ == "appos" and index.at(c) and index.at(c)[0].kind == "country"]

    def _with_conjuncts(self, arg: Arg, index: ActorIndex, skip: set[str]) -> list[Arg]:
        """"aid for Romania and Poland": the actor found and those conjoined with it."""
        found = [arg]
        for c in _conjuncts(arg.token):
            hit = index.at(c)
            if hit and hit[0].id not in skip and all(hit[0].id != a.actor.id for a in found):
                found.append(Arg(hit[0], hit[1], c, arg.via))
        return found

    def _inside(self, token: Token, index: ActorIndex, skip: set[str], avoid: set[str | None] = frozenset(),
                recent: list | None = None) -> Arg | None:
        """An actor named inside a phrase: "US attempts", "commitment to Ukraine's sovereignty", "its bid".

        Prepositional objects are searched before possessors, and an actor of the
        source's own country ("the United States' commitment") only when nothing else is there.
        """
        order = {"prep": 0, "pobj": 0, "compound": 1, "amod": 1, "nmod": 1, "poss": 2}
        # the agent of a nominal act comes first: "investigating war crimes by Croatian extremists
        # against Serb civilians" is aimed at the extremists
        queue = sorted((c for c in token.children if c.dep_ not in ("relcl", "punct", "cc", "conj", "det")),
                       key=lambda c: -1 if c.dep_ == "prep" and c.lower_ == "by" else order.get(c.dep_, 1))
        fallback, seen = None, 0
        while queue and seen < 25:
            t = queue.pop(0)
            seen += 1
            hit = index.at(t)
            if hit is None and t.lower_ in ("its", "their") and recent is not None:
                resolved = self._antecedent(t, index, recent, skip)
                hit = (resolved[0].actor, resolved[0].mention) if resolved else None
            if hit and hit[0].id not in skip:
                if hit[0].country not in avoid or (t.head.dep_ == "prep" and t.head.lower_ == "by"):
                    return Arg(hit[0], hit[1], t, "phrase")  # an agent even of the source's own country
                fallback = fallback or Arg(hit[0], hit[1], t, "phrase")
            queue.extend(sorted((c for c in t.children if c.dep_ not in ("relcl", "punct", "cc")),
                                key=lambda c: order.get(c.dep_, 1)))
        if fallback is not None:  # "a Russian offer of fighter jets" to India: the offer is Russia's
            for c in token.children:
                country = self.kb.adjectives.get(c.lower_) if c.dep_ in ("amod", "compound") and c.text[:1].isupper() else None
                if country and country not in avoid:
                    return Arg(_country_actor(country, self.kb), None, c, "phrase")
        return fallback

    def _antecedent(self, token: Token, index: ActorIndex, recent: list, skip: set[str]) -> list[Arg]:
        """"it", "they", "both leaders": the main subject before, or the last event's participants."""
        plural = token.lower_ in ("they", "their", "them") or token.lower_ in GROUP_SUBJECTS
        sid = sentence_of(token)
        if token.lower_ == "they" and token.dep_ in SUBJECTS:
            speaker = _reporting_subject(token)  # "the rebels said they also opposed ...": the rebels
            hit = index.at(speaker) if speaker is not None else None
            if hit and hit[0].kind in ("group", "organisation", "country") and hit[0].id not in skip:
                return [Arg(hit[0], hit[1], token, "pronoun")]
        if plural:
            for esid, participants in reversed(recent):
                if sid - esid <= 1 and len({p.actor.id for p in participants}) >= 2:
                    return [Arg(p.actor, p.mention, token, "group") for p in participants if p.actor.id not in skip]
            if token.lower_ in ("they", "their", "them"):  # "the rebels said they will release ...": the speakers
                earlier = [c for c in token.doc[token.sent.start: token.i] if c.dep_ in SUBJECTS and index.at(c)
                           and index.at(c)[0].kind in ("group", "organisation", "country")]
                if earlier:
                    actor, mention = index.at(earlier[-1])  # type: ignore[misc]
                    return [Arg(actor, mention, token, "pronoun")] if actor.id not in skip else []
            return []
        if token.lower_ in ("he", "him", "his", "she", "her"):
            hit = index.at(token)
            return [Arg(hit[0], hit[1], token, "pronoun")] if hit and hit[0].id not in skip else []
        root = token.sent.root
        candidates = [c for c in token.doc[token.sent.start: token.i] if c.dep_ in SUBJECTS and index.at(c)]
        candidates.sort(key=lambda c: (c.head.i != root.i, -c.i))
        for c in candidates:
            actor, mention = index.at(c)  # type: ignore[misc]
            if actor.kind != "person" and actor.id not in skip:
                return [Arg(actor, mention, token, "pronoun")]
        return []

    def _sources(self, anchor: Token, pred: Token, index: ActorIndex, recent: list) -> list[Arg]:
        if pred.i != anchor.i or coarse(anchor) == "VERB":
            subject = _subject(anchor)
            if subject is not None and subject.i == anchor.head.i and anchor.dep_ == "acl":
                # a participle acts for the noun it qualifies only if that noun names an actor
                # ("demonstrators protesting the results"), not a thing ("a law recognising ...")
                hit = index.at(subject)
                return [Arg(hit[0], hit[1], subject, "direct")] if hit else []
            if subject is not None:
                return self._arg(subject, index, recent) + self._headline_list(anchor, index, subject)
            return self._headline_list(anchor, index, None) or self._passive_origin(anchor, index, recent)
        for c in pred.children:  # a noun: "Russia's attack", "the attack by Russia", "talks between X and Y"
            if c.dep_ == "poss":
                return self._arg(c, index, recent)
            if c.dep_ == "prep" and c.lower_ in ("by", "between"):
                return [a for o in c.children if o.dep_ == "pobj" for a in self._arg(o, index, recent)]
        national = self._national(pred)  # "Palestinian riots"
        if national is not None:
            return self._arg(national, index, recent) or self._country_words(national, set())
        return []

    def _targets(self, anchor: Token, pred: Token, pattern: Pattern, index: ActorIndex, skip: set[str],
                 recent: list, source_countries: set[str | None], place: Place | None) -> list[Arg]:
        passive = any(c.dep_ == "nsubjpass" for c in anchor.children) and not _stative(anchor)
        for slot in pattern.targets:
            tokens = _slot(anchor, pred, slot, passive)
            if not tokens and slot == "dobj":  # "criticised what they see as US attempts"
                tokens = [c for c in anchor.children if c.dep_ in ("ccomp", "xcomp") and c.i != pred.i]
            found = [a for t in tokens for a in self._arg(t, index, recent, skip, avoid=source_countries)]
            if not found:
                found = [a for t in tokens for a in self._country_words(t, source_countries)]
            if found:
                return found
        return self._fallback_targets(anchor, pred, index, skip, recent, source_countries, place)

    def _fallback_targets(self, anchor: Token, pred: Token, index: ActorIndex, skip: set[str], recent: list,
                          avoid: set[str | None], place: Place | None) -> list[Arg]:
        """Where a target hides when the pattern's slots are empty: whose request was rejected
        ("rejected a U.S. request", "an Indian proposal"), who must act ("demanded that the US
        cancel ..."), what was agreed to ("agreed to re-open its borders to UN peacekeepers")."""
        objects = [c for h in {anchor.i: anchor, pred.i: pred}.values() for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        for obj in objects:
            found = self._inside(obj, index, skip, avoid, recent)
            if found:
                return [found]
            words = self._country_words(obj, avoid)
            if words:
                return words
        # the event's place: "arrived in Amman", "a centre in Tokyo"
        if place is not None and place.country and place.country not in avoid:
            return [Arg(_country_actor(place.country, self.kb), None, anchor, "place")]
        # who is to act in a clause: "demanded that X ...", "insisted on its demands that X grant ..."
        clauses = [c for c in anchor.children if c.dep_ == "ccomp" and c.i != pred.i]
        clauses += [v for c in anchor.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                    for v in o.children if v.dep_ in ("acl", "ccomp") and coarse(v) == "VERB" and v.tag_ != "VBN"]
        for c in clauses:
            subject = _subject(c)
            if subject is None:
                continue
            found = self._arg(subject, index, recent, skip, avoid=avoid) or self._country_words(subject, avoid)
            if found:
                return found
        for c in anchor.children:
            # what was agreed or done, or what for: "agreed to re-open its borders to UN
            # peacekeepers", "blocked a road to show their disapproval of US policies"
            if (c.dep_ == "xcomp" or c.dep_ == "advcl" and is_purpose(c)) and c.i != pred.i:
                inner = self._inside(c, index, skip, avoid, recent)
                if inner:
                    return [inner]
        for c in anchor.children:  # "denounced as an ugly crime Serbia's suppression"
            if c.dep_ == "prep" and c.lower_ in ("as", "over", "about", "for") and c.i > anchor.i:
                inner = self._inside(c, index, skip, avoid, recent)
                if inner and inner.actor.country not in avoid:
                    return [inner]
        return self._in_clause(anchor, index, skip, avoid)

    def _in_clause(self, anchor: Token, index: ActorIndex, skip: set[str], avoid: set[str | None]) -> list[Arg]:
        """Last resort: the first other actor, or country named by a demonym or place, in the
        rest of the predicate's own clause ("agreed to set up a centre in Tokyo", "accepted a
        formula for ending its dispute with its European partners")."""
        blocked = {t.i for c in anchor.subtree if c.i != anchor.i and (
                   c.dep_ in ("relcl", "parataxis", "conj", "advcl") and (coarse(c) == "VERB" or coarse(anchor) != "VERB")
                   or (c.head.i == anchor.i and (c.dep_ in SUBJECTS or c.dep_ == "ccomp" and base(anchor) in SAY)))
                   for t in c.subtree}
        for t in anchor.subtree:
            if t.i <= anchor.i or t.i in blocked:
                continue
            hit = index.at(t)
            if hit and hit[0].id not in skip and hit[0].country not in avoid and hit[0].country:
                return self._with_conjuncts(Arg(hit[0], hit[1], t, "clause"), index, skip)  # "to Iran, Libya and Cuba"
            if t.text[:1].isupper() and t.lower_ in self.kb.adjectives and self.kb.adjectives[t.lower_] not in avoid:
                return [Arg(_country_actor(self.kb.adjectives[t.lower_], self.kb), None, t, "clause")]
        return []

    def _joint_demonyms(self, token: Token) -> list[str]:
        """"U.S. and Russian negotiators", "French and Egyptian warships": one group, two countries."""
        countries: list[str] = []
        for c in token.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i:
                for t in (c, *_conjuncts(c)):
                    hit = self.kb.adjectives.get(t.lower_) if t.text[:1].isupper() else None
                    hit = hit or next((self.kb.entities[k].country for k in self.kb.names.get(t.text, [])
                                       if self.kb.entities[k].kind == "country"), None)
                    if hit and hit not in countries:
                        countries.append(hit)
        return countries if len(countries) >= 2 else []

    def _country_words(self, token: Token, avoid: set[str | None]) -> list[Arg]:
        """A target named only by a demonym or a place: "the Ukrainian city of Kharkiv", "targets in Lebanon"."""
        for t in token.subtree:
            country = None
            if t.text[:1].isupper() and (t.lower_ in self.kb.adjectives):
                country = self.kb.adjectives[t.lower_]
            elif coarse(t) == "PROPN":
                place = self._place_of(_first_name_token(t))
                country = place.country if place else None
            if country and country not in avoid:
                return [Arg(_country_actor(country, self.kb), None, t, "phrase")]
        return []

    # -- places ---------------------------------------------------------------------------

    def _place_of(self, token: Token) -> Place | None:
        text = _name_at(token)
        if not text:
            return None
        words = text.split()
        if len(words) > 1 and words[0].lower() in DIRECTIONS and not self.kb.names.get(text) \
                and self.gazetteer.lookup(text) is None:  # "Western Cambodia" is in Cambodia; South Sudan is not Sudan
            found = self._place_of(token.doc[token.i + 1])
            if found is not None:
                return Place(name=found.name, country=found.country, latitude=found.latitude,
                             longitude=found.longitude, text=text, start=token.idx, end=token.idx + len(text))
        country = None
        hit = self.kb.names.get(text)
        entity = self.kb.entities[hit[0]] if hit else None
        place = self.gazetteer.lookup(text, prefer=self._sentence_countries(token))
        if entity is not None and entity.kind == "country":
            country = entity.country
            if place is None or text == entity.name:
                return Place(name=entity.name, country=country, latitude=None, longitude=None,
                             text=text, start=token.idx, end=token.idx + len(text))
        if place is None:
            return None
        return Place(name=place.name, country=self.kb.iso2.get(place.country_iso2), latitude=place.latitude,
                     longitude=place.longitude, text=text, start=token.idx, end=token.idx + len(text))

    def _sentence_countries(self, token: Token) -> set[str]:
        """ISO alpha-2 codes of the countries a sentence names by name or demonym."""
        key = (id(token.doc), token.sent.start)
        cached = self._sentence_cache.get(key)
        if cached is not None:
            return cached
        found = set()
        for t in token.sent:
            if t.text[:1].isupper() and t.lower_ in self.kb.adjectives:
                found.add(self.kb.adjectives[t.lower_])
            for key in self.kb.names.get(t.text, ()):
                entity = self.kb.entities[key]
                if entity.kind == "country" and entity.country:
                    found.add(entity.country)
        self._sentence_cache[key] = codes = {self._iso2[c] for c in found if c in self._iso2}
        return codes

    def _place(self, anchor: Token) -> Place | None:
        """Where the event happened: "met ... in Moscow", "In Moscow, X said ...", "rioted at a jail
        in northern Israel", "outside of the Iraqi city of Basra"; else where its subject was
        ("a bombing near Samarra killed ...")."""
        heads = [anchor]
        if anchor.dep_ in ("xcomp", "conj", "ccomp"):
            heads.append(anchor.head)
        heads.extend(c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and coarse(c) == "NOUN")
        for token in heads:
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ in LOCATIVE:
                    place = self._place_in(c, depth=0)
                    if place:
                        return place
        return None

    def _place_in(self, prep: Token, depth: int) -> Place | None:
        """The named place in a locative phrase, through "of" and "in" ("the town of Samarra"); a
        sea named after a country is not in it ("the Gulf of Oman")."""
        for o in prep.children:
            if o.dep_ == "pobj" and base(o) in WATERS:
                return None
            if o.dep_ == "prep" and o.lower_ == "of" and depth < 3:  # "outside of"
                return self._place_in(o, depth + 1)
            if o.dep_ != "pobj":
                continue
            place = self._place_of(_first_name_token(o)) if coarse(o) == "PROPN" else None
            if place:
                return place
            for c in o.children:
                if c.dep_ in ("prep", "appos") and (c.dep_ == "appos" or c.lower_ in ("of", "in")) and depth < 3:
                    place = self._place_in(c, depth + 1) if c.dep_ == "prep" else self._place_of(_first_name_token(c))
                    if place:
                        return place
            for c in o.children:  # "northern Israel", "the Iraqi city": the country at least
                if c.dep_ in ("amod", "compound") and c.text[:1].isupper():
                    country = self.kb.adjectives.get(c.lower_)
                    if country:
                        return Place(name=self.kb.country_names.get(country, country), country=country, latitude=None,
                                     longitude=None, text=c.text, start=c.idx, end=c.idx + len(c))
            if coarse(o) == "PROPN":
                continue
        return None

    def places(self, doc: Doc, index: ActorIndex) -> list[Place]:
        """Every place the article names as a location, once, at its first mention."""
        found: dict[str, Place] = {}
        for token in doc:
            if token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "to", "from", "across", "into") \
                    and coarse(token) == "PROPN":
                place = self._place_of(_first_name_token(token))
                if place and place.name not in found:
                    found[place.name] = place
        return list(found.values())


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


def _conditional(anchor: Token, root: str) -> bool:
    """An act promised on a condition is a threat: "unless" always, "if" for coercive acts
    ("may halt its mediation if cooperation founders")."""
    for c in anchor.children:
        if c.dep_ == "advcl":
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if "unless" in marks or ("if" in marks and root >= "15"):
                return True
    return False


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb that reports the pronoun's clause: "the rebels said they ..."."""
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or base(clause.head) not in SAY:
        return None
    subject = _subject(clause.head)
    return subject if subject is not None and subject.tag_ in ("NNS", "NNPS", "NNP", "NN") else None


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


# Events that, with no target named, are aimed at the source's own state: a protest is against
# its government; a curfew, an arrest, a concession or a resignation bears on its own country.
DOMESTIC = {"PROTEST", "COERCE", "CONCEDE", "ASSAULT"}
# Violence whose agent the text does not name ("a bomb exploded", "were killed") falls to the place.
UNATTRIBUTED = {"ASSAULT"}
_STATE_SECTORS = {"GOV", "COP", "MIL", "JUD", "LEG", None}


def _country_actor(country: str, kb: KnowledgeBase) -> Actor:
    return Actor(id=f"country:{country}", name=kb.country_names.get(country, country), kind="country",
                 code=f"{country}GOV", country=country, org=None, sector="GOV", role=None, in_kb=True, mentions=())


def _domestic_target(source: Arg, plover_type: str, kb: KnowledgeBase) -> Arg | None:
    country = source.actor.country
    if country in (None, "IGO", "NGO") or (plover_type not in ("PROTEST", "ASSAULT", "CONCEDE")
                                            and source.actor.sector not in _STATE_SECTORS):
        return None
    return Arg(_country_actor(country, kb), None, source.token, "domestic")


def _first_name_token(token: Token) -> Token:
    first = token
    for c in token.lefts:
        if c.dep_ == "compound" and coarse(c) == "PROPN":
            first = c
            break
    return first


def _name_at(token: Token) -> str:
    doc = token.doc
    end = token.i
    while end < len(doc) and coarse(doc[end]) == "PROPN" and end - token.i < 4:
        end += 1
    return doc[token.i:end].text if end > token.i else ""


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts(c))
    return out


# What a statement is issued as: "a declaration demanding", "a statement calling for".
DOCUMENTS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "report", "message",
             "appeal", "petition", "note", "memorandum", "proclamation", "decree", "manifesto", "reminder"}

# Participles that describe their subject's stance, not something done to it: "Israel is opposed
# to French mediation" (Israel opposes it), "is committed to", "is prepared to".
STATIVE = {"oppose", "commit", "dedicate", "devote", "prepare", "determine", "resolve", "involve", "engage"}


def _stative(verb: Token) -> bool:
    return base(verb) in STATIVE and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The agent of a verb, through conjunction, control and relative clauses."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and _stative(verb)):
            if c.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return c
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        agent = _misplaced_agent(verb)
        if agent is not None:
            return agent
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp" or is_requested_act(verb):
        head = verb.head
        asked = addressee(head)  # "urged X to meet", "called on X to meet": X meets
        if asked is not None:
            return asked
        return _subject(head) if head.i != verb.i else None
    if verb.dep_ in ("conj", "advcl", "acomp") and verb.head.i != verb.i and coarse(verb.head) in ("VERB", "ADJ"):
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT":
        return verb.head  # a misparse: "The UN envoy called on ..." read as a noun with a clause
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        head = verb.head  # "demonstrators protesting the results": the demonstrators protest
        if base(head) in DOCUMENTS and head.dep_ in ("dobj", "nsubjpass") and head.head.i != head.i:
            return _subject(head.head)  # "issued a declaration demanding that ...": the issuer demands
        return head
    if verb.dep_ == "acl":  # "talks held by X"
        return None
    return None


def _misplaced_agent(verb: Token) -> Token | None:
    """A passive's "by" phrase the parser hung on the object: "was offered a credit line by Saudi
    Arabia", "were handed a list of demands by Egyptian mediators"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for t in [obj, *(o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)]:
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "by":
                    return next((o for o in p.children if o.dep_ == "pobj"), None)
    return None


def _slot(anchor: Token, pred: Token, slot: str, passive: bool) -> list[Token]:
    """The tokens in a pattern's target slot."""
    holders = [pred] if pred.i == anchor.i else [pred, anchor]
    if slot == "dobj":
        dep = "nsubjpass" if passive else "dobj"
        return [c for h in holders for c in h.children if c.dep_ == dep]
    if slot == "dative":
        found = [c for c in anchor.children if c.dep_ == "dative"]
        if not found and passive:  # "were handed proposals": the subject received them
            found = [c for c in anchor.children if c.dep_ == "nsubjpass"]
        return found
    if slot == "clause":  # the one who must act, in "X said Y must return it"
        subject = _subject(pred) if pred.i != anchor.i else None
        return [subject] if subject is not None else []
    if slot.startswith("prep:"):
        prep = slot[5:]
        objects = [c for h in holders for c in h.children if c.dep_ == "dobj"]  # "hands requests to US"
        return [o for h in holders + objects for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == prep
                for o in c.children if o.dep_ == "pobj"]
    return []


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
    their mattresses"). It is part of the main event, not another."""
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
        if any(m.modality == event.modality and _side(m.source) == _side(event.source)
               and (m.cameo_root == event.cameo_root or event.cameo_root in VERBAL_ROOTS or anchor.tag_ == "VBG")
               for m in main):
            continue
        kept.append(event)
    return kept


def _first_fit(patterns: list[Pattern], objects: set[str], preps: set[str], prep_objects: dict[str, set[str]],
               naming: bool) -> Pattern | None:
    """The first of ``patterns`` (most specific first) whose object and preposition constraints hold."""
    for pattern in patterns:
        if naming and not pattern.objects and pattern.targets == ("dobj",):
            continue
        if pattern.objects and not pattern.objects & (objects | prep_objects.get(pattern.prep, set())):
            continue
        if pattern.prep and pattern.prep not in preps:
            continue
        return pattern
    return None


def _side(actor: EventActor | None) -> str | None:
    return actor and (actor.code or actor.country or actor.actor)


def _renumber(event: Event, n: int) -> Event:
    return replace(event, id=f"E{n}")
