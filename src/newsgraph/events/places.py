"""Where an event happened, and the places an article names: geocoding of place names.

A name is looked up in the knowledge base (countries) and the gazetteer, which
prefers places in the countries the sentence names; "Western Cambodia" is in
Cambodia, and a sea named after a country ("the Gulf of Oman") is not in it.

``PlaceFinder`` is mixed into ``EventCoder``: it uses the coder's ``kb``, ``gazetteer``,
``_iso2`` and per-document ``_sentence_cache``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.words import WATERS, base, coarse
from newsgraph.records import Place
from newsgraph.when_where.places import Gazetteer, run_on

__all__ = ["LOCATIVE", "PlaceFinder"]

LOCATIVE = {"in", "at", "near", "outside", "inside"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}


class PlaceFinder:
    """An event's place (``_place``), a name's place (``_place_of``) and an article's places (``places``)."""

    kb: KnowledgeBase
    gazetteer: Gazetteer
    _iso2: dict[str, str]
    _sentence_cache: dict[tuple[int, int], set[str]]

    def _place_of(self, token: Token) -> Place | None:
        text = _name_at(token, self.gazetteer)
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


def _first_name_token(token: Token) -> Token:
    first = token
    for c in token.lefts:
        if c.dep_ == "compound" and coarse(c) == "PROPN":
            first = c
            break
    return first


def _name_at(token: Token, gazetteer: Gazetteer) -> str:
    """The proper nouns starting at ``token``, run on through hyphens when that names a place
    ("Croix-des-Bouquets", not "Croix")."""
    doc = token.doc
    end = token.i
    while end < len(doc) and coarse(doc[end]) == "PROPN" and end - token.i < 4:
        end += 1
    if end == token.i:
        return ""
    text = doc[token.i:end].text
    longer = run_on(doc[token.i:end])
    return longer if longer != text and gazetteer.lookup(longer) is not None else text
