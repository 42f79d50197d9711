"""Find an event's source and target actors around its predicate.

The source is the agent: the subject (shared across conjoined and controlled
verbs, the antecedent of a relative clause, a passive's "by" phrase, a noun's
possessor); conjoined subjects each get an event; "we" is the speaker, "they"
an antecedent. The target is found where the pattern says (object, indirect
object, a preposition's object), else in the object's own phrase ("US
attempts"), the event's place, a clause's subject or the rest of the clause.

``ArgumentFinder`` is mixed into ``EventCoder``: it uses the coder's ``kb`` and ``saying``,
``_national`` from ``TriggerFinder`` and ``_place_of`` from ``PlaceFinder``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.actors.context import sentence_of
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.words import base, coarse
from newsgraph.events.lexicon import Pattern
from newsgraph.events.modality import is_purpose
from newsgraph.events.places import _first_name_token
from newsgraph.events.syntax import SUBJECTS, _conjuncts, _slot, _stative, _subject
from newsgraph.events.triggers import SAY
from newsgraph.records import Actor, Mention, Place

__all__ = ["Arg", "ArgumentFinder"]

# Verbs whose passive subject, when armed, is the side showing force: "troops were deployed".
DEPLOYED = {"deploy", "send", "dispatch", "station", "mobilize", "mobilise", "position", "move", "rush"}

PRONOUNS = {"it", "its", "they", "their", "them", "he", "him", "his", "she", "her"}
FIRST_PERSON = {"we", "i", "us", "our", "me", "my"}
GROUP_SUBJECTS = {"both", "two", "sides", "leaders", "countries", "nations", "governments", "parties", "they"}


@dataclass
class Arg:
    actor: Actor
    mention: Mention | None
    token: Token
    via: str  # how it was found: "direct", "phrase", "pronoun", "group"


class ArgumentFinder:
    """Sources (``_sources``) and targets (``_targets``, ``_fallback_targets``) of an event."""

    kb: KnowledgeBase
    saying: frozenset[str]

    if TYPE_CHECKING:  # provided by the other mixins of EventCoder
        def _national(self, noun: Token) -> Token | None: ...
        def _place_of(self, token: Token) -> Place | None: ...

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
        Armenian villages from Azerbaijani positions" is Azerbaijan's shelling; forces deployed
        are their own side's show of force ("Peru's army was deployed in Lima")."""
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects:
            return []
        if base(verb) in DEPLOYED:
            forces = [a for s in subjects for a in self._arg(s, index, recent) if a.actor.sector in ("MIL", "COP", "PRM")]
            if forces:
                return forces
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


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb that reports the pronoun's clause: "the rebels said they ..."."""
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or base(clause.head) not in SAY:
        return None
    subject = _subject(clause.head)
    return subject if subject is not None and subject.tag_ in ("NNS", "NNPS", "NNP", "NN") else None


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
