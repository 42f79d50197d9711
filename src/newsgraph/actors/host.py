"""The country an article is reported from: its dateline's ("WARSAW —", "GOMA, Democratic
Republic of Congo —", "LONDON, Dec 7 (Reuters) -").

Wire style leaves a title bare when it belongs to the country a story is about ("Interior
Minister Tomasz Wierzbicki said" under "WARSAW —"): ``home_country`` says which that is — the
dateline's when the story speaks of it, else the one it speaks of most (a story filed from
Geneva or Brussels is mostly about somewhere else).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.actors.context import KbSpans, adjective_country
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.variants import strip_accents
from newsgraph.when_where.places import Gazetteer

__all__ = ["Dateline", "dateline_end", "find_dateline", "home_country"]

_WORD = r"[^\W\d_][\w'’.\-]*[\w.]"  # capitals only, checked in find_dateline
DATELINE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<place>{_WORD}(?: {_WORD}){{0,3}})"  # the place in capitals
    r"(?:, (?P<region>[A-Z][\w'’.\-]*(?: [\w'’.\-]+){0,4}?))?"  # ", Saudi Arabia"
    r"(?:,? \(?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\)?)?"  # ", Dec 7"
    r"(?: \([A-Z][\w&.’' ]{0,30}\))?"  # "(Reuters)"
    r" ?[—–-]{1,2} ")
HEAD = 800  # a dateline opens the text's first paragraphs


@dataclass(frozen=True)
class Dateline:
    """Where an article was filed from: the character span of its dateline and the country."""

    start: int
    end: int
    country: str


def find_dateline(text: str, kb: KnowledgeBase, gazetteer: Gazetteer) -> Dateline | None:
    """The first dateline in the opening of ``text`` whose place is known, else None."""
    for m in DATELINE.finditer(text[:HEAD]):
        place = m.group("place")
        if len(place.replace(" ", "")) < 3 or not place.isupper():
            continue
        country = _country(m.group("region"), kb, gazetteer) if m.group("region") else None
        country = country or next(filter(None, (_country(n, kb, gazetteer) for n in _spellings(m.group("place")))), None)
        if country:
            return Dateline(m.start("place"), m.end(), country)
    return None


def dateline_end(text: str, start: int) -> int:
    """Where the words begin in a paragraph opening at ``start`` with what reads as a dateline
    ("WARSAW — Poland will …"), known place or not; ``start`` itself when there is none."""
    if start > 0 and text[start - 1] != "\n":
        return start
    m = DATELINE.match(text, start)
    place = m.group("place") if m else ""
    return m.end() if m and len(place.replace(" ", "")) >= 3 and place.isupper() else start


def _country(name: str, kb: KnowledgeBase, gazetteer: Gazetteer) -> str | None:
    name = name.strip()
    for key in kb.names.get(name, ()):
        entity = kb.entities[key]
        if entity.kind in ("country", "seat") and entity.country in kb.country_names:  # not the EU's Brussels
            return entity.country
    place = gazetteer.lookup(name)
    return kb.iso2.get(place.country_iso2) if place is not None else None


def _spellings(capitals: str) -> list[str]:
    """"PORT-AU-PRINCE" as a gazetteer spells it ("Port-au-Prince"), "CONSTANȚA" also without its
    accents ("Constanta")."""
    def word(w: str) -> str:
        return "-".join(p.capitalize() if i == 0 or len(p) > 3 else p.lower() for i, p in enumerate(w.split("-")))
    spelt = [capitals.title(), " ".join(word(w) for w in capitals.split())]
    return spelt + [strip_accents(s) for s in spelt]


def home_country(doc: Doc, kb: KnowledgeBase, kb_spans: KbSpans, dateline: Dateline | None) -> str | None:
    """The country a story is about, whose people and offices the text may leave without one
    (wire style leaves a title bare there): the dateline's, when the story speaks of it (by
    name or demonym) at least half as often as of the country it speaks of most; else, as
    for a story with no dateline or one filed from Geneva, the country it speaks of most,
    when it does so at least three times and twice as often as of any other."""
    after = dateline.end if dateline is not None else 0
    counts = Counter(e.country for s, e in kb_spans.spans if s.start_char >= after and e.kind != "seat"
                     and e.country in kb.country_names)  # "talks in Havana" are no story about Cuba
    counts.update(c for t in doc if t.idx >= after and t.text[:1].isupper() and not kb_spans.at(t.i)
                  and (c := adjective_country(t, kb)) and c in kb.country_names)
    ranked = counts.most_common(2) + [(None, 0), (None, 0)]
    (top, n), (_second, m) = ranked[0], ranked[1]
    if dateline is not None and n and 2 * counts[dateline.country] >= n:
        return dateline.country
    return top if n >= 3 and n >= 2 * m else None
