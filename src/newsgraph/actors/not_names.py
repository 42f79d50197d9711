"""Capitalised words that are no person's name: an office ("Assistant Minister"), the portfolio
after one ("Minister for Climate Change"), a region ("West Darfur"), or a body's or country's
name that is a given name before a surname ("Amal Saleh", "Jordan Bardella").
"""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.actors import coref
from newsgraph.actors.kb import Entity, KnowledgeBase
from newsgraph.actors.words import base, coarse, institution_heads

__all__ = ["COMPASS", "first_name", "portfolio"]

# A capitalised run opening with one of these is a region: "West Darfur", "Northern Rakhine".
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
           "northwest", "southeast", "southwest", "upper", "lower"}


def portfolio(chain: Span, kb: KnowledgeBase) -> bool:
    """A capitalised office, not a name: "Assistant Minister", or the portfolio after one or
    after a body ("Minister for Climate Change", "Secretary of State", "Bureau of Meteorology")."""
    doc, last = chain.doc, kb.sector_of(base(chain[-1]))
    if last is not None and last.kind == "role" and chain[-1].lower_ not in kb.not_person:
        return True
    if chain.start < 2 or doc[chain.start - 1].lower_ not in ("for", "of") or not doc[chain.start - 2].text[:1].isupper():
        return False
    office = kb.sector_of(base(doc[chain.start - 2]))
    return office is not None and office.kind in ("role", "org") or doc[chain.start - 2].lower_ in institution_heads()


def first_name(span: Span, entity: Entity, kb: KnowledgeBase) -> bool:
    """A one-word name of a body, or a country's that is a given name, as a person's first name
    before a capitalised surname: "Amal Saleh" is no Amal movement, "Jordan Bardella" no Jordan."""
    doc = span.doc
    if entity.kind == "person" or len(span) != 1 or span.end >= len(doc) or not span[0].whitespace_:
        return False
    if entity.kind in ("country", "seat") and not coref.given_gender(f"{span.text} x"):
        return False
    after = doc[span.end]
    return coarse(after) == "PROPN" and after.text[:1].isupper() and after.is_alpha and not kb.names.get(after.text) \
        and after.lower_ not in kb.not_person and not kb.sector_of(base(after)) \
        and not (span.end + 1 < len(doc) and coarse(doc[span.end + 1]) == "PROPN")
