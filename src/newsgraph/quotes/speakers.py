"""Who a speaker phrase names: the chain from the words before a cue to an actor.

``speaker_for`` takes the phrase the quote finder found (the subject of the cue verb, the
object of "according to", Y of "X quoted Y as saying") and resolves it, trying in turn:

1. **the phrase's own actor**: a name, or a pronoun or role the actor stage linked to
   one ("she", "the spokeswoman" after "spokesperson Mao Ning");
2. **a mouth**: "a spokeswoman for the commissioner", "an aide to the president" — the
   words are those of whom they speak for (``spokesperson-for``);
3. **a document**: "the statement said", "according to a statement from the presidency" —
   the body it is from, else the body the text was just speaking of (``statement-of``);
4. **the actor inside the phrase**: "the head of the mission, Anders Holm";
5. **the words themselves**, with no actor (``unknown-actor``); an unresolved pronoun is
   no speaker at all.

The words that are mouths and documents are ``data/quotes/speaker_words.csv``.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.actors.context import sentence_span
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.words import base, speaker_words
from newsgraph.records import Actor, Mention, Speaker

__all__ = ["noun_phrase", "speaker_for"]

PRONOUNS = {"he", "she", "they", "it", "we", "i"}
KIND_RANK = {"person": 0, "organisation": 1, "institution": 2, "group": 3, "country": 4}
LINKED = ("pronoun", "role-description", "org-description")  # mention methods a speaker's method names
MOUTH_PREPS = {"for", "to", "of"}  # "a spokeswoman for", "an aide to", "a spokesman of"
DOCUMENT_PREPS = {"from", "by", "of"}  # "a statement from the presidency"
BODIES = {"organisation", "institution", "group", "country"}

Hit = tuple[Actor, Mention]


def speaker_for(token: Token | None, index: ActorIndex, method: str) -> Speaker | None:
    """The speaker the phrase headed by ``token`` names, and how it was found (``method``)."""
    if token is None:
        return None
    own = index.at(token)
    # a mouth or a document, unless the actor stage already linked the words to someone
    bare = own is None or own[1].method in ("role-only", "sector-words")
    kind = speaker_words().get(base(token)) if bare else None
    if kind == "mouth":
        spoken_for = _object_of(token, MOUTH_PREPS)
        found = speaker_for(spoken_for, index, method) if spoken_for is not None else None
        hit = None if found is not None else _owner_hit(token, index) or _modifier_hit(token, index) or \
            _body_of_role(own, index)
        if found is not None or hit is not None:
            return _with_method(found or _speaker(hit, method), f"{method}:spokesperson-for")
        body = _modifier_words(token)
        if body is not None:  # "a Ministry of Defence spokesperson": the body, though no actor we know
            return Speaker(actor=None, name=body.text, country=None, sector=None, text=body.text,
                           start=body.start_char, end=body.end_char, method=f"{method}:spokesperson-for")
    if kind == "document":
        hit = _hit_in(_object_of(token, DOCUMENT_PREPS), index) or _owner_hit(token, index) or _body_before(token, index)
        if hit is not None:
            return _speaker(hit, f"{method}:statement-of")
    hit = _best_hit(token, index)
    holder = _office_holder(token, hit, index)
    if holder is not None:
        return _speaker(holder, f"{method}:office-holder")
    if hit is not None:
        actor, mention = hit
        return _speaker(hit, f"{method}:{mention.method}" if mention.method in LINKED else method)
    if token.lower_ in PRONOUNS or token.lower_ in ("who", "which", "that"):
        return None  # an unresolved pronoun names nobody
    described = _described_person(token, index)
    if described is not None:
        return _speaker(described, f"{method}:description")
    phrase = noun_phrase(token)
    return Speaker(actor=None, name=phrase.text, country=None, sector=None, text=phrase.text,
                   start=phrase.start_char, end=phrase.end_char, method=f"{method}:unknown-actor")


def _speaker(hit: Hit, method: str) -> Speaker:
    actor, mention = hit
    return Speaker(actor=actor.id, name=actor.name, country=actor.country, sector=actor.sector,
                   text=mention.text, start=mention.start, end=mention.end, method=method)


def _with_method(found: Speaker, method: str) -> Speaker:
    return Speaker(actor=found.actor, name=found.name, country=found.country, sector=found.sector,
                   text=found.text, start=found.start, end=found.end, method=method)


def _object_of(token: Token, preps: set[str]) -> Token | None:
    """The object of the phrase's first preposition among ``preps``: "for [the commissioner]"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _hit_in(token: Token | None, index: ActorIndex) -> Hit | None:
    return _best_hit(token, index) if token is not None else None


def _owner_hit(token: Token, index: ActorIndex) -> Hit | None:
    """"the ministry's statement": the possessor's actor."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    return _hit_in(owner, index) if owner is not None and owner.tag_ != "PRP$" else None


def _body_of_role(own: Hit | None, index: ActorIndex) -> Hit | None:
    """"a WHO spokesman" the actor stage read as a role of the WHO: the WHO, where it is named."""
    if own is None or own[0].org is None:
        return None
    return next(((a, m) for a, m in index.by_token.values() if a.kind == "organisation" and a.org == own[0].org), None)


def _modifier_hit(token: Token, index: ActorIndex) -> Hit | None:
    """"a WHO spokesman", "a Ministry of Defence spokesperson": the body in the words before."""
    hits = [index.at(t) for c in token.lefts if c.dep_ in ("compound", "nmod", "amod") for t in c.subtree]
    bodies = [h for h in hits if h is not None and h[0].kind in BODIES | {"person"}]
    return min(bodies, key=lambda h: KIND_RANK.get(h[0].kind, 5)) if bodies else None


OFFICES = {"head", "chief", "director", "secretary", "secretary-general", "director-general", "president", "leader"}


def _office_holder(token: Token, hit: Hit | None, index: ActorIndex) -> Hit | None:
    """"The head of the U.N. nuclear watchdog said" when the article names the IAEA's head
    (before or after): that person — the one person of the article who speaks for the body."""
    if hit is None or hit[0].kind != "organisation" or not hit[0].org or base(token) not in OFFICES:
        return None
    if index.at(token) is not None and index.at(token)[0].kind == "person":
        return None
    holders = {a.id: (a, m) for a, m in index.by_token.values() if a.kind == "person" and a.org == hit[0].org}
    if len(holders) > 1:  # its head among its staff: the one whose office is a head's
        holders = {k: h for k, h in holders.items() if any(w in OFFICES for w in re.split(r"[\s_]+", (h[0].role or "").lower()))}
    return next(iter(holders.values())) if len(holders) == 1 else None


# Words that make a definite description a person's background, told of the one just named.
BACKGROUND = {"former", "veteran", "longtime", "long-time", "onetime", "one-time"}


def _described_person(token: Token, index: ActorIndex) -> Hit | None:
    """"the coach told reporters" after "Nigeria coach Emmanuel Okafor", "the 47-year-old said"
    after "opposition leader Tendai Chikwanha": a definite description of the person named just
    before — the nearest person named in the sentence or the two before, when the description's
    noun is among the words that introduced them, or gives their age or their past ("the former
    economics professor said")."""
    det = next((c for c in token.children if c.dep_ == "det"), None)
    age = any(t.lower_ == "old" and t.i > 0 and t.doc[t.i - 1].text == "-" for t in token.subtree)  # "the 47-year-old"
    age = age or any(c.lower_ in BACKGROUND for c in token.children if c.i < token.i)  # "the former economics professor"
    if det is None or det.lower_ != "the" or (token.tag_ != "NN" and not age) or any(c.dep_ == "prep" for c in token.children):
        return None
    doc, first = token.doc, sentence_span(token).start
    for _ in range(2):
        if first > 0:
            first = sentence_span(doc[first - 1]).start
    for i in range(token.i - 1, first - 1, -1):
        hit = index.at(doc[i])
        if hit is None or hit[0].kind != "person" or hit[1].method == "pronoun":
            continue
        named = doc.char_span(hit[1].start, hit[1].end, alignment_mode="expand")
        before = {base(t) for t in doc[max(0, named.start - 4): named.start]} if named is not None else set()
        return hit if age or base(token) in before or base(token) in (hit[0].role or "").lower().split() else None
    return None


def _modifier_words(token: Token) -> Span | None:
    """The nouns before a mouth word ("a [Ministry of Defence] spokesperson"), or None."""
    words = [t for c in token.lefts if c.dep_ in ("compound", "nmod") for t in c.subtree]
    if not words:
        return None
    return token.doc[min(t.i for t in words): max(t.i for t in words) + 1]


def _body_before(token: Token, index: ActorIndex) -> Hit | None:
    """The body the text was just speaking of, for "the statement said": the nearest actor
    before it, in its sentence or the two before, that acted (a subject) or is an organisation."""
    doc = token.doc
    first = sentence_span(token).start
    for _ in range(2):
        if first > 0:
            first = sentence_span(doc[first - 1]).start
    hits = [(doc[i], index.at(doc[i])) for i in sorted(_unquoted(doc[first:token.i]), reverse=True)]
    hits = [(t, h) for t, h in hits if h is not None and h[1].method != "pronoun"]
    bodies = [(t, h) for t, h in hits if h[0].kind in ("organisation", "institution", "group")]
    acting = [(t, h) for t, h in hits if t.dep_ in ("nsubj", "nsubjpass")]
    # a body that acted, else the nearest body, else whoever acted: "the ministry summoned ... the statement said"
    for pool in ([b for b in bodies if b in acting], bodies, acting):
        if pool:
            return pool[0][1]
    return None


OPENING, CLOSING, EITHER = {"“", "«", "„"}, {"”", "»"}, {'"'}


def _unquoted(span: Span) -> list[int]:
    """The indices of the span's tokens outside quotation marks (the words of the writer)."""
    inside, out = False, []
    for t in span:
        if t.text in OPENING or (t.text in EITHER and not inside):
            inside = True
        elif t.text in CLOSING or t.text in EITHER:
            inside = False
        elif not inside:
            out.append(t.i)
    return out


def _best_hit(token: Token, index: ActorIndex) -> Hit | None:
    """The actor a speaker phrase names: the head word's own actor when it is a person or an
    organisation, else one set off by commas ("the head of the mission, Anders Holm"), else the
    most specific actor inside the phrase, leaving possessors for last ("Dlamini's spokesman")."""
    own = index.at(token)
    if own is not None and own[0].kind in ("person", "organisation"):
        return own
    for c in token.children:
        if c.dep_ == "appos":
            hits = [index.at(t) for t in c.subtree if index.at(t) is not None]
            people = [h for h in hits if h[0].kind == "person"]
            if people:
                return people[0]
    possessive = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
    inner = [index.at(t) for t in token.subtree if index.at(t) is not None and t.i not in possessive]
    if inner:
        return min(inner, key=lambda h: KIND_RANK.get(h[0].kind, 5))
    if own is not None:
        return own
    return next((index.at(t) for t in token.subtree if index.at(t) is not None), None)


def noun_phrase(token: Token) -> Span:
    doc = token.doc
    left = min((t.i for t in token.subtree if t.i <= token.i and t.dep_ not in ("punct", "cc")), default=token.i)
    right = token.i
    for t in token.rights:
        if t.dep_ in ("compound", "flat", "appos") or (t.dep_ == "prep" and t.lower_ == "of"):
            right = max(right, max(x.i for x in t.subtree))
    return doc[left: right + 1]
