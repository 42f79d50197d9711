"""The actor knowledge base: countries, seats of power, organisations,
office holders and the sector vocabulary, loaded once from ``data/actors/``
(see its README for where every fact comes from) plus users' YAML files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.actors import variants
from newsgraph.actors.variants import skeleton
from newsgraph.cache import cached, digest, file_stamp
from newsgraph.data import read_lines, read_rows
from newsgraph.errors import ConfigError

__all__ = ["SECTORS", "Entity", "KnowledgeBase", "SectorTerm", "Term", "load_kb", "slug"]

SECTORS = frozenset(
    "AGR BUS COP CRM CVL EDU ELI GOV HLH JUD LAB LEG MED MIL OPP PRE PRM PTY REB REF REL SOC SPY UAF UNK".split()
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Phoenix's dictionaries were made about 2014: an office they give with no end is known to 2015 only.
PHOENIX_HORIZON = date(2016, 1, 1)
HORIZON_ROLE = "phoenix:open-ended"


class Term(NamedTuple):  # tuples: the cached knowledge base's 30,000 entities load fast
    """An office a person held: where, which sector and role, from when to when."""

    country: str
    sector: str
    role: str
    start: date | None
    end: date | None  # None: still in office as far as the data knows
    org: str | None = None  # the international body the office is of ("NATO"), data/actors/igo_offices.csv

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Entity(NamedTuple):
    """A known actor: a country, a seat of power, an organisation or a person."""

    key: str  # stable id, e.g. "country:RUS", "org:NATO", "seat:kremlin", "person:vladimir-putin"
    name: str
    kind: str  # "country" | "seat" (a place that stands for its occupant) | "institution" | "org" | "person"
    country: str | None
    sector: str | None
    org: str | None = None
    terms: tuple[Term, ...] = ()

    def _held(self, day: date | None) -> list[Term]:
        """The terms held on ``day``; with no day, the latest term."""
        if day is None:
            return [max(self.terms, key=lambda t: (t.end is None, t.end or date.min))]
        return [t for t in self.terms if t.covers(day)]

    def at(self, day: date | None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role) of this entity on ``day`` (a person's office then)."""
        if not self.terms:
            return self.country, self.sector, None
        current = self._held(day)
        if current:
            return current[0].country, current[0].sector, current[0].role
        past = [t for t in self.terms if t.end is not None and t.end <= day]  # type: ignore[operator]
        if past:
            last = max(past, key=lambda t: t.end or date.min)
            if last.role == HORIZON_ROLE:
                return last.country, None, None  # what became of them since, the data does not know
            return last.country, "ELI", f"former {last.role}" if last.role else "former office holder"
        first = min(self.terms, key=lambda t: t.start or date.min)
        return first.country, None, None

    def org_at(self, day: date | None) -> str | None:
        """The international body this person speaks for on ``day`` (their office then), or None."""
        if not self.terms:
            return self.org
        return next((t.org for t in self._held(day) if t.org), None)


class SectorTerm(NamedTuple):
    sector: str
    kind: str  # "role" (a person), "org" (an institution), "group" (people in the plural)


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # surface → entity keys
    adjectives: dict[str, str] = field(default_factory=dict)  # "russian" → "RUS"
    sectors: dict[str, SectorTerm] = field(default_factory=dict)  # "foreign ministry" → GOV org
    country_names: dict[str, str] = field(default_factory=dict)  # "RUS" → "Russia"
    capitals: set[str] = field(default_factory=set)  # names that stand for a country's government
    iso2: dict[str, str] = field(default_factory=dict)  # "RU" → "RUS"
    not_person: frozenset[str] = frozenset()  # words that make a capitalised run a non-person name
    surnames_first: frozenset[str] = frozenset()  # of those, surnames that open a name ("Park Ji-hoon")
    term_ends: frozenset[str] = frozenset()  # last words of the sector terms, for a quick first test
    regions: dict[str, str] = field(default_factory=dict)  # "western" → "WST": collective actors
    # surnames of heads of state or government that name one country only: "Bush" → "USA", for
    # "President Bush" and "the Bush administration" when the article's date picks no one
    leader_surnames: dict[str, str] = field(default_factory=dict)
    # what the names were built from (bundled tables, user files): the key of caches built on them
    names_key: str = ""
    # a person's surname skeleton (actors/variants.py) → their keys: where a variant spelling is looked up
    surname_keys: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, entity: Entity, aliases: list[str]) -> None:
        self.entities.setdefault(entity.key, entity)
        names = {entity.name, *aliases}
        names |= {n.replace("'", "’") for n in names if "'" in n}  # news text uses curly apostrophes too
        for alias in names:
            alias = _strip_the(alias)
            if alias and entity.key not in self.names[alias]:
                self.names[alias].append(entity.key)

    def sector_of(self, words: str) -> SectorTerm | None:
        return self.sectors.get(words.lower())


def _strip_the(alias: str) -> str:
    alias = alias.strip()
    return alias[4:] if alias.lower().startswith("the ") else alias


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from e


def _rows(name: str) -> list[dict[str, str]]:
    return read_rows(f"actors/{name}")


def _load_countries(kb: KnowledgeBase) -> None:
    for row in _rows("countries.csv"):
        iso3 = row["iso3"]
        kb.country_names[iso3] = row["name"]
        kb.iso2[row["iso2"]] = iso3
        aliases = [row["official_name"], *_split(row["aliases"])]
        kb.add(Entity(key=f"country:{iso3}", name=row["name"], kind="country", country=iso3, sector="GOV"), aliases)
        for adjective in _split(row["adjectives"]):
            kb.adjectives.setdefault(adjective.lower(), iso3)


def _load_metonyms(kb: KnowledgeBase) -> None:
    for row in _rows("metonyms.csv"):
        iso3, sector, alias = row["iso3"], row["sector"], _strip_the(row["alias"])
        if sector not in SECTORS:
            continue
        if row["kind"] == "capital" and iso3 in kb.country_names:
            # "Moscow said" is Russia's government speaking: the country actor.
            kb.add(kb.entities[f"country:{iso3}"], [alias])
            kb.capitals.add(alias)
        else:
            kind = "institution" if row["kind"] == "institution" else "seat"
            org = row["note"].split("org=", 1)[1].split()[0].strip(";,") if row["kind"] == "igo_seat" and "org=" in row["note"] else None
            kb.add(Entity(key=f"seat:{slug(alias)}", name=alias, kind=kind, country=iso3, sector=sector, org=org), [])


def _load_organisations(kb: KnowledgeBase) -> None:
    for row in _rows("organisations.csv"):
        country = row["country"]
        org = row["id"] if country in ("IGO", "NGO") else None
        kb.add(Entity(key=f"org:{row['id']}", name=row["name"], kind="org", country=country,
                      sector=row["sector"] or None, org=org), _split(row["aliases"]))


def _igo_offices() -> dict[str, str]:
    """Offices of international bodies (office_holders.csv roles, Phoenix CAMEO codes) → the body."""
    return {row["code"]: row["org"] for row in _rows("igo_offices.csv")}


def _load_office_holders(kb: KnowledgeBase) -> None:
    terms: dict[str, list[Term]] = defaultdict(list)
    aliases: dict[str, set[str]] = defaultdict(set)
    offices = _igo_offices()
    for row in _rows("office_holders.csv"):
        where = f"office_holders.csv: {row['name']}"
        terms[row["name"]].append(Term(row["country"], row["sector"], row["role"],
                                       _date(row["start"], where), _date(row["end"], where), offices.get(row["role"])))
        aliases[row["name"]].update(_split(row["aliases"]))
    surnames: dict[str, set[str]] = defaultdict(set)
    for name, held in terms.items():
        kb.add(Entity(key=f"person:{slug(name)}", name=name, kind="person", country=held[0].country,
                      sector=held[0].sector, terms=tuple(held)), sorted(aliases[name]))
        for term in held:
            if term.role.startswith("head_of") and len(name.split()) > 1:
                surnames[name.split()[-1]].add(term.country)
    kb.leader_surnames = {s: next(iter(c)) for s, c in surnames.items() if len(c) == 1 and len(s) > 2}


def _load_phoenix_people(kb: KnowledgeBase) -> None:
    """People of PETRARCH2's Phoenix dictionaries (data/actors/phoenix_people.csv), each with the
    date-bounded codes it gives (mostly before 2016: later, most are former office holders).
    Ours come first: a name or alias we already know stays ours."""
    terms: dict[str, list[Term]] = defaultdict(list)
    aliases: dict[str, set[str]] = defaultdict(set)
    offices = _igo_offices()
    for row in _rows("phoenix_people.csv"):
        where = f"phoenix_people.csv: {row['name']}"
        start, end = _date(row["start"], where), _date(row["end"], where)
        # an open end means "still so when the dictionary was made" (about 2014), not "to this day"
        open_ended = end is None and start is not None
        terms[row["name"]].append(Term(row["country"] or None, row["sector"] or None,
                                       HORIZON_ROLE if open_ended else "", start, PHOENIX_HORIZON if open_ended else end,
                                       offices.get(row["cameo_code"])))
        aliases[row["name"]].update(_split(row["aliases"]))
    for name, held in terms.items():
        key = f"person:{slug(name)}"
        if key in kb.entities or kb.names.get(name):
            continue
        free = [a for a in sorted(aliases[name]) if not kb.names.get(_strip_the(a))]
        dated = tuple(sorted(held, key=lambda t: (t.start or date.min, t.end or date.max)))
        kb.add(Entity(key=key, name=name, kind="person", country=dated[-1].country, sector=dated[-1].sector,
                      terms=dated if any(t.start or t.end for t in dated) else ()), free)


def _load_phoenix_groups(kb: KnowledgeBase) -> None:
    """Institutions, parties, IGOs, NGOs, companies and armed groups of the Phoenix dictionaries
    (data/actors/phoenix_groups.csv); a name or alias we already know stays ours."""
    for row in _rows("phoenix_groups.csv"):
        name, country = row["name"], row["country"] or None
        if kb.names.get(_strip_the(name)):
            continue
        org = row["cameo_code"] if country in ("IGO", "NGO") else None
        free = [a for a in _split(row["aliases"]) if not kb.names.get(_strip_the(a))]
        kb.add(Entity(key=f"org:phoenix:{slug(name)}", name=name, kind="org", country=country,
                      sector=row["sector"] or None, org=org), free)


def _load_phoenix_agents(kb: KnowledgeBase) -> None:
    """Phoenix's sector nouns (data/actors/phoenix_agents.csv), after ours; a phrase whose head
    is a noun of ours keeps our sector ("democracy activist" is an activist, CVL)."""
    for row in _rows("phoenix_agents.csv"):
        head = row["term"].lower().split()[-1]
        if row["sector"] in SECTORS and not (head in kb.sectors and kb.sectors[head].sector != row["sector"]):
            kind = "group" if row["term"].endswith("s") else "role"
            kb.sectors.setdefault(row["term"].lower(), SectorTerm(row["sector"], kind))


def _load_peoples(kb: KnowledgeBase) -> None:
    """Peoples and regions that stand for one country ("Tuareg", "Rohingya", "Texan")."""
    for row in _rows("peoples.csv"):
        kb.adjectives.setdefault(row["label"].lower(), row["iso3"])


def _load_regions(kb: KnowledgeBase) -> None:
    """Regions acting collectively ("western powers" → WST), CAMEO's region codes."""
    for row in _rows("regions.csv"):
        kb.regions[row["label"].lower()] = row["code"]


def _load_sectors(kb: KnowledgeBase) -> None:
    for row in _rows("sectors.csv"):
        if row["sector"] in SECTORS:
            kb.sectors.setdefault(row["term"].lower(), SectorTerm(row["sector"], row["kind"]))


def load_user_actors(kb: KnowledgeBase, path: Path) -> None:
    """Add a user's YAML file of actors (format: docs/actors.md)."""
    import yaml  # only for a user's own actors

    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read actors file ({e.strerror or e})") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from e
    entries = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a list of actors (or a mapping with an 'actors' list)")
    for i, entry in enumerate(entries, start=1):
        kb_entity, aliases = _user_entity(entry, f"{path}: actor {i}")
        if kb_entity.key in kb.entities and kb_entity.kind == "person":
            old = kb.entities[kb_entity.key]
            kb_entity = Entity(**{**old.__dict__, "terms": old.terms + kb_entity.terms})
            kb.entities[kb_entity.key] = kb_entity
        kb.add(kb_entity, aliases)


def _user_entity(entry: Any, where: str) -> tuple[Entity, list[str]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ConfigError(f"{where}: each actor needs a 'name'")
    unknown = set(entry) - {"name", "aliases", "country", "sector", "role", "start", "end", "kind", "org"}
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    country, sector = entry.get("country"), entry.get("sector")
    if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country):
        raise ConfigError(f"{where}: 'country' must be an ISO alpha-3 code such as RUS, or IGO/NGO")
    if sector not in SECTORS:
        raise ConfigError(f"{where}: 'sector' must be one of {', '.join(sorted(SECTORS))}")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(f"{where}: 'aliases' must be a list of names")
    kind = entry.get("kind", "person")
    if kind not in ("person", "org"):
        raise ConfigError(f"{where}: 'kind' must be person or org")
    name = entry["name"]
    if kind == "org":
        org = entry.get("org") or (slug(name).upper() if country in ("IGO", "NGO") else None)
        return Entity(key=f"org:{org or slug(name)}", name=name, kind="org", country=country, sector=sector, org=org), aliases
    term = Term(country, sector, str(entry.get("role") or ""), _date(entry.get("start"), where), _date(entry.get("end"), where))
    return Entity(key=f"person:{slug(name)}", name=name, kind="person", country=country, sector=sector, terms=(term,)), aliases


KB_SOURCES = ("newsgraph", "phoenix", "phoenix-agents")


@lru_cache(maxsize=8)
def load_kb(user_files: tuple[Path, ...] = (), sources: tuple[str, ...] = ("newsgraph", "phoenix")) -> KnowledgeBase:
    """The bundled knowledge base (ours, then PETRARCH2's Phoenix dictionaries when ``sources``
    names them) plus ``user_files``; loaded once per process. The bundled part is built once and
    then loaded from the cache (newsgraph/cache.py): some 30,000 entities."""
    unknown = [s for s in sources if s not in KB_SOURCES]
    if unknown:
        raise ConfigError(f"unknown actor source(s) {', '.join(unknown)} (known: {', '.join(KB_SOURCES)})")
    chosen = tuple(s for s in KB_SOURCES if s in sources)
    folder = Path(str(resources.files("newsgraph.data").joinpath("actors")))
    key = (*chosen, file_stamp(folder), file_stamp(__file__), file_stamp(variants.__file__))
    kb = cached("kb", key, lambda: _bundled_kb(chosen))
    for path in user_files:
        load_user_actors(kb, path)
    kb.names_key = digest((*key, *(f"{p}:{file_stamp(p)}" for p in user_files if Path(p).exists())))
    kb.names = dict(kb.names)
    return kb


def _bundled_kb(sources: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_countries(kb)
    _load_metonyms(kb)
    _load_organisations(kb)
    _load_office_holders(kb)
    _load_peoples(kb)
    _load_regions(kb)
    _load_sectors(kb)
    if "phoenix" in sources:
        _load_phoenix_people(kb)
        _load_phoenix_groups(kb)
    if "phoenix-agents" in sources:
        _load_phoenix_agents(kb)
    kb.term_ends = frozenset(term.split()[-1].split("-")[-1] for term in kb.sectors) | frozenset(
        term.split()[-1] for term in kb.sectors)
    kb.not_person = frozenset(word.lower() for word in read_lines("actors/not_person_words.txt"))
    kb.surnames_first = frozenset(word.lower() for word in read_lines("actors/surnames_first.txt"))
    for entity in kb.entities.values():
        if entity.kind == "person" and len(entity.name.split()) > 1:
            kb.surname_keys[skeleton(entity.name)].append(entity.key)
    kb.surname_keys = dict(kb.surname_keys)
    return kb
