"""Within-document coreference for actors.

Three kinds of link, each recorded as the mention's ``method``:

* ``surname`` / ``title-surname``: "Putin", "Mr Putin", "Dr Donfried" join
  the person first named in full, when the word is one of that name's words;
* ``role-description``: "the adviser", "the Chinese leader", "his Chinese
  counterpart" join the nearest earlier person whose role and country fit;
* ``pronoun``: "he", "she" join the nearest earlier person of a compatible
  gender, preferring the subject of the sentence that named them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.context import Context, sentence_of
from newsgraph.actors.kb import slug
from newsgraph.actors.words import base, coarse, speaker_words
from newsgraph.data import read_rows

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Draft

__all__ = ["RoleMention", "given_gender", "link", "same_person"]

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Role heads that fit any person of the right country ("the Chinese leader").
GENERIC_ROLES = {"leader", "counterpart", "official", "politician", "statesman", "head", "chief", "man", "woman", "envoy", "diplomat"}
DEFINITE = {"the", "his", "her", "their", "its", "this", "that"}
# "the alliance", "the bloc": a definite noun standing for an organisation named before.
ORG_ANAPHORS = {"alliance", "bloc", "organisation", "organization", "union", "agency", "body", "group",
                "court", "tribunal", "council", "commission", "movement", "coalition", "fund", "bank"}
# "the company", "the carmaker": a definite noun standing for a business named before.
COMPANY_ANAPHORS = {"company", "firm", "carmaker", "automaker", "chipmaker", "miner", "lender", "airline", "insurer",
                    "manufacturer", "producer", "operator", "retailer", "conglomerate", "group", "bank", "giant"}


@dataclass
class RoleMention:
    """A singular role noun with no name attached: "the adviser", "his Chinese counterpart"."""

    head: Token
    ctx: Context
    home: str | None = None  # the story's home country (actors/host.py), for an office the words give no other


def same_person(span: Span, drafts: dict[str, Draft]) -> Draft | None:
    """The person already named whose name has this (single-word) name in it."""
    if len(span.text.split()) != 1:  # one word, hyphens and all ("Al-Otaibi")
        return None
    word = span.text
    for draft in reversed(list(drafts.values())):
        if draft.kind == "person" and word in draft.name.split():
            return draft
    return None


def _person_mentions(persons: list[Draft]) -> list[tuple[int, Draft, Token]]:
    found = []
    for draft in persons:
        for (start, _end, _method), head in zip(draft.mentions, draft.heads, strict=True):
            found.append((start, draft, head))
    return sorted(found, key=lambda x: x[0])


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    return {row["name"]: row["gender"] for row in read_rows("actors/given_names.csv")}


def given_gender(name: str) -> str | None:
    """"m" or "f" when a person's first name almost always marks it (data/actors/given_names.csv:
    "Lena" f, "Peter" m), else None: unisex and unknown names tell nothing."""
    words = name.split()
    return _given_names().get(words[0]) if len(words) > 1 else None


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """A role noun → the words of a named person's role it fits (data/actors/role_words.csv):
    "the spokeswoman" is the "spokesperson" named before, "the president" a head of state."""
    return {row["word"]: frozenset(row["fits"].split(";")) for row in read_rows("actors/role_words.csv")}


def _role_fits(draft: Draft, role: RoleMention) -> bool:
    if role.ctx.country and draft.country and role.ctx.country != draft.country \
            and not (draft.country == "IGO" and _nationality_only(role.head)):
        return False  # but "the Argentine diplomat" may be the IAEA's head: an official's nationality
    lemma = base(role.head)
    if lemma in GENERIC_ROLES:
        return draft.sector in (None, "GOV", role.ctx.sector) or role.ctx.country is not None
    held = (draft.role or "").lower()
    words = {held, *re.split(r"[\s_-]+", held)}
    return lemma in held or bool(role_words().get(lemma, frozenset()) & words)


def _nationality_only(head: Token) -> bool:
    """A role whose country is a demonym before it ("the Argentine diplomat"), no owner ("Iran's envoy")."""
    return not any(c.dep_ == "poss" for c in head.children) and any(
        c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in head.children if c.i < head.i)


def _link_role(doc: Doc, role: RoleMention, persons: list[Draft], drafts: dict[str, Draft], used: set[int]) -> None:
    """Link "the adviser" to the person it describes; an unlinked role with a country is an actor itself."""
    from newsgraph.actors.resolve import Draft

    det = [c for c in role.head.children if c.dep_ in ("det", "poss")]
    start_tok = min([role.head.i, *role.ctx.tokens, *(d.i for d in det)])
    span = doc[start_tok: role.head.i + 1]
    holder = _predicated_person(role.head, persons)
    if holder is not None:  # "Luciana Prado became chief executive", "appointed Kwame Asante as its governor"
        holder.fill(role.ctx)
        used.update(range(span.start, span.end))
        return
    named = _appositive_person(role.head, persons)
    if named is not None:  # "Japan's top envoy, Kenji Arai, said": his role, and his country
        named.fill(role.ctx)
        named.add(span, "role-description")
        used.update(range(span.start, span.end))
        return
    # "the adviser", "his counterpart", "Japan's top envoy": a definite role, perhaps named before
    if det and (det[0].lower_ in DEFINITE or det[0].dep_ == "poss" and det[0].tag_ != "PRP$"):
        earlier = [(s, d) for s, d, _h in _person_mentions(persons) if s < span.start_char]
        subject_here = {d.key for s, d, h in _person_mentions(persons) if sentence_of(h) == sentence_of(role.head) and h.dep_ == "nsubj"}
        for _start, draft in reversed(earlier):
            if _role_fits(draft, role) and not (role.head.dep_ != "nsubj" and draft.key in subject_here
                                                and not _spoken_for(role.head)):
                draft.add(span, "role-description")
                used.update(range(span.start, span.end))
                return
        later = _named_later(role, span, persons) if not earlier else None
        if later is not None:
            later.add(span, "role-description")
            used.update(range(span.start, span.end))
            return
    country = role.ctx.country or role.home
    if country is None:
        return
    # "the envoy", "his counterpart" are named without the article; "Japan's top envoy" keeps its owner
    name = span[1:] if det and det[0].i == span.start and det[0].tag_ in ("DT", "PRP$") else span
    key = f"role:{country}:{role.ctx.sector}:{slug(name.text)}"
    draft = drafts.get(key)
    if draft is None:
        draft = drafts[key] = Draft(key, name.text, "person", country, role.ctx.org, role.ctx.sector, role.ctx.role)
        persons.append(draft)
    draft.add(span, "role-only")
    used.update(range(span.start, span.end))


LATER_WINDOW = 1500  # characters: a lead's role is named within its next paragraphs


def _named_later(role: RoleMention, span: Span, persons: list[Draft]) -> Draft | None:
    """The person a lead's role is named as further on: "Poland will close the border, the
    interior minister said. … Interior Minister Tomasz Wierzbicki said" — the first person named
    after it whose role has every word of it."""
    owners = {t.i for c in role.head.children if c.dep_ == "poss" for t in c.subtree}  # "the country's"
    words = {_singular(t.lower_) for t in span if t.i not in owners and coarse(t) in ("NOUN", "ADJ") and t.is_alpha
             and not (coarse(t) == "ADJ" and t.text[:1].isupper())}  # "Polish" says whose, not which office
    words -= GENERIC_ROLES  # "the UN refugee chief" is the one whose office is of refugees
    for start, draft, _head in _person_mentions(persons):
        if span.end_char < start < span.end_char + LATER_WINDOW and draft.role and _role_fits(draft, role):
            held = {_singular(w) for w in re.split(r"[\s_-]+", draft.role.lower())}
            if words and words <= held:
                return draft
    return None


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _predicated_person(head: Token, persons: list[Draft]) -> Draft | None:
    """The person a role is said of: the subject of "became chief executive", "was sworn in as
    premier", or the object of "appointed him as its governor", "named her envoy"."""
    if head.dep_ in ("attr", "oprd"):
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.dep_ == "prep":
        verb = head.head.head
    else:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"] if head.dep_ != "attr" else []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.lower_ in ("who", "that") for c in subjects):
        subjects = [verb.head]  # "Paula Contreras, who has been mining minister since March,"
    for word in objects or subjects:
        person = next((d for d in persons if any(h.i == word.i for h in d.heads)), None)
        if person is not None:
            return person
    return None


def _spoken_for(head: Token) -> bool:
    """"a spokeswoman for [the minister]": the role is whom a spokesperson speaks for, and may be
    the sentence's own subject ("Minister X will cut …, a spokeswoman for the minister said")."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in ("for", "to") and speaker_words().get(base(prep.head)) == "mouth"


def _appositive_person(head: Token, persons: list[Draft]) -> Draft | None:
    """The person a role noun is set beside: "the envoy, Kenji Arai," or "Kenji Arai, the envoy"."""
    near = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
    # "Manila's ambassador to Beijing, Ramon Villanueva,": the name may hang on the role's object
    near += [a for prep in head.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"
             for a in o.children if a.dep_ == "appos"]
    for person in persons:
        if any(h.i == n.i for h in person.heads for n in near):
            return person
    return None


def _link_pronoun(token: Token, persons: list[Draft]) -> None:
    gender = PRONOUNS[token.lower_]
    candidates = [(s, d, h) for s, d, h in _person_mentions(persons)
                  if s < token.idx and d.gender in (None, gender)]
    if not candidates:
        return
    same_sentence = [c for c in candidates if sentence_of(c[2]) == sentence_of(token)]
    pool = same_sentence or [c for c in candidates if sentence_of(c[2]) == sentence_of(candidates[-1][2])]
    subjects = [c for c in pool if c[2].dep_ in ("nsubj", "nsubjpass")]
    _start, draft, _head = (subjects or pool)[-1]
    span = token.doc[token.i: token.i + 1]
    draft.add(span, "pronoun")
    draft.gender = draft.gender or gender


def _link_org_anaphor(token: Token, orgs: list[Draft], used: set[int]) -> None:
    det = [c for c in token.children if c.dep_ == "det"]
    if not det or det[0].lower_ not in ("the", "this", "that") or det[0].i != token.i - 1:
        return
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return  # "the movement of Palestinian workers", "the union of the two parties": not a name's stand-in
    business = base(token) in COMPANY_ANAPHORS and base(token) not in ORG_ANAPHORS - {"group", "bank"}
    earlier = [(s, d) for d in orgs for s, _e, _m in d.mentions if s < token.idx and (not business or d.sector == "BUS")]
    if earlier:
        span = token.doc[token.i - 1: token.i + 1]
        max(earlier, key=lambda x: x[0])[1].add(span, "org-description")
        used.update((token.i - 1, token.i))


def link(doc: Doc, drafts: dict[str, Draft], persons: list[Draft], roles: list[RoleMention],
         orgs: list[Draft], used: set[int]) -> None:
    """Add role and organisation descriptions and pronouns to the actors they refer to."""
    for token in doc:
        if base(token) in ORG_ANAPHORS | COMPANY_ANAPHORS and token.tag_ == "NN" and token.i not in used:
            _link_org_anaphor(token, list(orgs), used)
    events: list[tuple[int, str, object]] = [(r.head.i, "role", r) for r in roles]
    events += [(t.i, "pronoun", t) for t in doc if t.lower_ in PRONOUNS and t.tag_ == "PRP"]
    for _i, kind, item in sorted(events, key=lambda e: e[0]):
        if kind == "role":
            _link_role(doc, item, persons, drafts, used)  # type: ignore[arg-type]
        else:
            _link_pronoun(item, persons)  # type: ignore[arg-type]
