"""Find the predicates of events and the lexicon pattern each one matches.

Every verb and noun whose base form is in the predicate lexicon is a candidate;
the most specific pattern whose constraints hold (an object noun, a particle, a
light verb carrying the noun) gives the CAMEO code. A nominalised act is read
as its verb ("announced a suspension of air links"), a phrasal verb is its own
predicate ("called off"), and "X said Y must do Z" is X's demand of Y.

``TriggerFinder`` is mixed into ``EventCoder``: it uses the coder's ``lexicon`` and ``kb``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.words import base, coarse
from newsgraph.events.lexicon import Lexicon, Pattern
from newsgraph.events.syntax import _conjuncts

__all__ = ["MUST", "MUTUAL", "SAY", "TriggerFinder"]

# Verbs that carry out or make public a nominalised act: "announced a suspension of air links".
NOMINAL_CARRIERS = {"announce", "order", "approve", "declare", "decree", "begin", "start", "complete", "carry", "conduct",
                    "implement", "confirm", "launch", "undertake"}
# Conflict verbs whose two conjoined sides act on each other: "Indian and Chinese troops clashed".
MUTUAL = {"clash", "fight", "fighting", "battle", "skirmish", "exchange", "trade"}
# Verbs that report what someone must do ("X said Y must return the helicopter").
SAY = {"say", "tell", "report", "claim", "allege", "announce", "state", "accuse", "insist", "charge", "add",
       "demand", "declare", "reiterate", "repeat", "stress", "emphasise", "emphasize", "conclude", "argue",
       "maintain", "assert", "urge", "remind", "reminder", "statement", "insistence", "warn"}
MUST = Pattern(lemma="must", pos="VERB", light=frozenset(), objects=frozenset(), prep="", targets=("clause", "none"),
               cameo="100", note="X said Y must do Z")


class TriggerFinder:
    """Predicates and their patterns: ``_predicates`` yields (pattern, anchor, predicate) for a token."""

    lexicon: Lexicon
    kb: KnowledgeBase

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
        tests = self.lexicon.for_verb("test-fire") if _weapons_test(verb) else []
        if tests:
            return tests[0]  # "fired two missiles into the sea", "test-fired a missile"
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
        if lemma in NOMINAL_CARRIERS and any(c.dep_ == "dobj" and self._nominal_pattern(c) for c in verb.children):
            return None  # "ordered the expulsion of two diplomats": the expulsion is the act
        return self._match_verb(verb, self.lexicon.for_verb(lemma))

    def _match_verb(self, verb: Token, patterns: list[Pattern]) -> Pattern | None:
        """The first of ``patterns`` whose object and preposition constraints the verb meets."""
        objects = {f for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
                   for o in (c, *_conjuncts(c)) for f in noun_forms(o)}  # "photographs and other military intelligence"
        objects |= {base(c) for c in verb.children if c.dep_ == "xcomp" and coarse(c) == "VERB"}  # "vowed to retaliate"
        if base(verb) in MOVING and not any(c.dep_ == "dobj" for c in verb.children):  # "a carrier group sailed through"
            objects |= {base(w) for c in verb.children if c.dep_ == "nsubj" for w in (c, *c.children) if w.dep_ in ("nsubj", "compound")}
        objects |= {base(m) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")  # "mediation efforts", "alert level"
                    for m in c.children if m.dep_ in ("compound", "amod") and m.i == c.i - 1}
        objects |= {base(p) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")  # "a series of bombs"
                    for of in c.children if of.dep_ == "prep" and of.lower_ == "of"
                    for p in of.children if p.dep_ == "pobj"}
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
        # the noun after a particle or preposition counts too: "called for the release", "accused of corruption"
        prep_objects = _prep_objects([c for c in verb.children if c.dep_ == "prep"], ("pobj", "pcomp"))
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
        prep_objects = _prep_objects([c for c in noun.children if c.dep_ == "prep" and c.lower_ != "of"], ("pobj",))
        pattern = _first_fit(self.lexicon.for_verb(verb_lemma), objects, preps, prep_objects, False)
        return (pattern, anchor, noun) if pattern is not None else None

    def _phrasal_patterns(self, verb: Token) -> list[Pattern]:
        """The verb's patterns for the particle it has: "call off", "hand over"."""
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        return [p for p in self.lexicon.for_verb(base(verb)) if p.prep in particles] if particles else []

    def _noun_pattern(self, noun: Token) -> tuple[Pattern, Token, Token] | None:
        lemma = next((f for f in reversed(noun_forms(noun)) if self.lexicon.for_noun(f)), base(noun))  # "sit-in"
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
                        and not self._phrasal_patterns(verb) and not _weapons_test(verb):  # "called off a strike" is no call
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


# Verbs of moving whose armed subject is a show of force ("China's carrier group sailed through the strait").
MOVING = {"sail", "fly", "patrol"}
# Where a missile fired at no one lands: a weapons test (CAMEO 150), not an attack.
OPEN_WATER = {"sea", "ocean", "water", "waters"}


def _weapons_test(verb: Token) -> bool:
    """"test-fired a missile", "fired two missiles into the sea"."""
    doc, i = verb.doc, verb.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "test" and not doc[i - 2].whitespace_:
        return base(verb) in ("fire", "launch")
    return base(verb) in ("fire", "launch") and any(
        c.dep_ == "prep" and c.lower_ in ("into", "off") and any(base(o) in OPEN_WATER for o in c.children) for c in verb.children)


def _prep_objects(preps: list[Token], deps: tuple[str, ...]) -> dict[str, set[str]]:
    """Each preposition's objects, over all its uses: "went on strike on Monday" has "on" twice."""
    found: dict[str, set[str]] = {}
    for prep in preps:
        objects = [o for o in prep.children if o.dep_ in deps]
        found.setdefault(prep.lower_, set()).update(f for o in objects for f in noun_forms(o))
        found[prep.lower_] |= {base(m) for o in objects for m in o.children if m.dep_ == "compound"}  # "to its sanctions list"
    return found


def noun_forms(token: Token) -> tuple[str, ...]:
    """A word's base form, and with the word hyphened before it: "sit-in" as well as "in",
    "test-fire" as well as "fire"."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        return base(token), f"{doc[i - 2].lower_}-{base(token)}"
    return (base(token),)


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
