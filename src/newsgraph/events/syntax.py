"""Paths through the dependency parse along which an event's arguments are found.

A verb's agent (``_subject``: through conjunction, control, relative clauses and
requests), a passive's misplaced "by" phrase, the tokens in a pattern's target
slot, and a token's conjuncts. Plain functions of the parse, shared by the
trigger, argument and assembly steps of the event coder.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.actors.words import base, coarse
from newsgraph.events.modality import addressee, is_requested_act

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE = {"which", "who", "that", "whom"}

# What a statement is issued as: "a declaration demanding", "a statement calling for".
DOCUMENTS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "report", "message",
             "appeal", "petition", "note", "memorandum", "proclamation", "decree", "manifesto", "reminder"}

# Participles that describe their subject's stance, not something done to it: "Israel is opposed
# to French mediation" (Israel opposes it), "is committed to", "is prepared to".
STATIVE = {"oppose", "commit", "dedicate", "devote", "prepare", "determine", "resolve", "involve", "engage"}


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts(c))
    return out


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
