"""Validation of the actor knowledge-base tables in src/newsgraph/data/actors/.

Covers countries.csv (and its hand-written source countries_extra.csv),
metonyms.csv, organisations.csv and sectors.csv: exact headers, valid codes,
cross-file references, no ambiguous duplicates, and a few seed lookups the
actor resolver relies on.  Only the csv module and pytest are used.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src/newsgraph/data/actors"

HEADERS = {
    "countries.csv": ["iso3", "iso2", "name", "official_name", "aliases", "adjectives", "capital", "region"],
    "countries_extra.csv": [
        "iso3", "iso2", "name", "official_name", "aliases", "adjectives", "capital", "region", "drop_aliases",
    ],
    "metonyms.csv": ["alias", "iso3", "sector", "kind", "note"],
    "organisations.csv": ["id", "name", "aliases", "country", "sector", "kind", "members", "parent"],
    "sectors.csv": ["term", "sector", "kind", "note"],
}

# PLOVER sector codes, with the project's CAMEO-style exception: MED = media, HLH = health.
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "PRM", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "LAB", "REF", "REL", "SOC", "PRE", "MED", "HLH",
}
# Non-state "country" codes: IGO/NGO, plus PLOVER's IMG for transnational militant groups.
NON_STATE_CODES = {"IGO", "NGO", "IMG"}
REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"}
METONYM_KINDS = {"capital", "seat", "institution", "breakaway", "igo_seat"}
ORG_KINDS = {"igo", "ngo", "armed_group", "party", "media", "company", "union"}
SECTOR_KINDS = {"role", "org", "group"}

# Uninhabited or population-less territories: no demonym in use.
NO_ADJECTIVES = {"ATF", "BVT", "HMD", "SGS", "SJM", "UMI"}
# Territories without a capital (no permanent population, or no designated seat).
NO_CAPITAL = {"ATA", "BVT", "HMD", "IOT", "TKL", "UMI"}
# Capitals deliberately without a metonyms.csv row of kind "capital":
# Brussels is an igo_seat row (EU); Kingston already names Jamaica's capital.
CAPITAL_NOT_IN_METONYMS = {"BEL": "Brussels", "NFK": "Kingston"}
# Demonyms genuinely shared by two states.
SHARED_ADJECTIVES = {"Congolese": {"COD", "COG"}, "Dominican": {"DOM", "DMA"}, "Dominicans": {"DOM", "DMA"}}

REQUIRED_ORGS = {
    "UN", "UNSC", "UNGA", "UNHCR", "UNICEF", "WFP", "UNHRC", "OHCHR", "UNESCO", "WHO", "IAEA", "IMF",
    "WORLD_BANK", "WTO", "NATO", "EU", "EUROPEAN_COMMISSION", "EUROPEAN_PARLIAMENT", "EUROPEAN_COUNCIL",
    "COUNCIL_OF_THE_EU", "ECB", "AU", "ECOWAS", "SADC", "ASEAN", "OPEC", "OPEC_PLUS", "G7", "G20", "BRICS",
    "SCO", "QUAD", "AUKUS", "ARAB_LEAGUE", "GCC", "OSCE", "ICC", "ICJ", "COUNCIL_OF_EUROPE", "ECHR", "CSTO",
    "EAEU", "OAS", "MERCOSUR", "INTERPOL", "ICRC", "MSF", "AMNESTY", "HRW", "HAMAS", "HEZBOLLAH", "HOUTHIS",
    "TALIBAN", "ISLAMIC_STATE", "AL_QAEDA", "AL_SHABAAB", "BOKO_HARAM", "PKK", "WAGNER", "M23", "RSF",
    "XINHUA", "TASS", "RIA_NOVOSTI", "INTERFAX", "IRNA", "KCNA", "YONHAP", "KYODO", "ANADOLU", "WAFA", "SANA",
    "CCTV", "GLOBAL_TIMES", "PEOPLES_DAILY", "RT", "AL_JAZEERA", "REUTERS", "AFP", "AP", "BBC",
}


@cache
def read(name: str) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    """Header and rows of one table (cached; callers must not mutate)."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return tuple(reader.fieldnames or ()), tuple(reader)


def rows(name: str) -> tuple[dict[str, str], ...]:
    return read(name)[1]


def split(cell: str) -> list[str]:
    return [item for item in cell.split(";") if item]


@cache
def countries() -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in rows("countries.csv")}


@cache
def organisations() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows("organisations.csv")}


def country_names(row: dict[str, str]) -> set[str]:
    return {row["name"], row["official_name"], *split(row["aliases"])}


def lookup_country_word(word: str) -> set[str]:
    """ISO3 codes whose name, alias or adjective is exactly ``word``."""
    return {
        code for code, row in countries().items()
        if word in country_names(row) or word in split(row["adjectives"])
    }


def lookup_metonym(alias: str) -> set[tuple[str, str]]:
    return {(row["iso3"], row["sector"]) for row in rows("metonyms.csv") if row["alias"] == alias}


def lookup_org(alias: str) -> set[str]:
    return {oid for oid, row in organisations().items() if alias == row["name"] or alias in split(row["aliases"])}


# --------------------------------------------------------------------------- all files


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exact(name: str) -> None:
    assert list(read(name)[0]) == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_cells_are_clean(name: str) -> None:
    for line_no, row in enumerate(rows(name), start=2):
        assert None not in row, f"{name}:{line_no}: too many fields"
        for column, value in row.items():
            assert value is not None, f"{name}:{line_no}: missing {column}"
            assert value == value.strip(), f"{name}:{line_no}: {column} has outer whitespace"
            if column in {"aliases", "adjectives", "members", "drop_aliases"}:
                items = value.split(";") if value else []
                assert all(item and item == item.strip() for item in items), f"{name}:{line_no}: bad list {value!r}"
                assert len(items) == len(set(items)), f"{name}:{line_no}: repeated item in {column}"


# --------------------------------------------------------------------------- countries


def test_countries_cover_iso_and_kosovo_sorted() -> None:
    codes = [row["iso3"] for row in rows("countries.csv")]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes)) >= 250
    assert {"XKX", "PSE", "TWN", "HKG", "VAT", "ATA"} <= set(codes)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    iso2 = [row["iso2"] for row in rows("countries.csv")]
    assert len(iso2) == len(set(iso2)) and all(re.fullmatch(r"[A-Z]{2}", code) for code in iso2)


def test_extra_rows_match_countries() -> None:
    assert [row["iso3"] for row in rows("countries_extra.csv")] == list(countries())


def test_every_country_has_name_region_adjectives_capital() -> None:
    for code, row in countries().items():
        assert row["name"] and row["official_name"], code
        assert row["region"] in REGIONS, code
        assert bool(row["adjectives"]) != (code in NO_ADJECTIVES), f"{code}: adjectives / NO_ADJECTIVES mismatch"
        assert bool(row["capital"]) != (code in NO_CAPITAL), f"{code}: capital / NO_CAPITAL mismatch"


def test_country_names_are_news_names() -> None:
    expected = {
        "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea",
        "TWN": "Taiwan", "VNM": "Vietnam", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania",
        "MDA": "Moldova", "LAO": "Laos", "CZE": "Czech Republic", "TUR": "Turkey", "USA": "United States",
        "GBR": "United Kingdom", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
        "CIV": "Ivory Coast", "PSE": "Palestine", "XKX": "Kosovo",
    }
    assert {code: countries()[code]["name"] for code in expected} == expected


def test_no_catalogue_style_aliases() -> None:
    for code, row in countries().items():
        for alias in split(row["aliases"]):
            assert "(" not in alias or code == "CCK", f"{code}: {alias}"  # "(Keeling)" is part of the name
            assert ", " not in alias or code in {"BES", "SHN"}, f"{code}: {alias}"


def test_country_names_and_aliases_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in countries().items():
        for name in country_names(row):
            owners[name].add(code)
    clashes = {name: codes for name, codes in owners.items() if len(codes) > 1}
    assert not clashes
    assert "Congo" not in owners, "bare 'Congo' is ambiguous between COD and COG"


def test_adjectives_are_unambiguous_except_known_shared() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in countries().items():
        for adjective in split(row["adjectives"]):
            owners[adjective].add(code)
    shared = {adj: codes for adj, codes in owners.items() if len(codes) > 1}
    assert shared == SHARED_ADJECTIVES


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russian", "RUS"), ("Russians", "RUS"), ("American", "USA"), ("US", "USA"), ("U.S.", "USA"),
        ("America", "USA"), ("the United States", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
        ("British", "GBR"), ("Britons", "GBR"), ("Holland", "NLD"), ("the Netherlands", "NLD"),
        ("Dutch", "NLD"), ("DRC", "COD"), ("UAE", "ARE"), ("Emirati", "ARE"), ("Czechia", "CZE"),
        ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turks", "TUR"), ("Burma", "MMR"), ("Burmese", "MMR"),
        ("Zaire", "COD"), ("Swaziland", "SWZ"), ("Ceylon", "LKA"), ("East Timor", "TLS"),
        ("Macedonia", "MKD"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
        ("Filipino", "PHL"), ("Philippine", "PHL"), ("Palestinian", "PSE"), ("Gazans", "PSE"),
        ("Israeli", "ISR"), ("Saudi", "SAU"), ("Burkinabe", "BFA"), ("Malian", "MLI"), ("Uzbek", "UZB"),
        ("Kazakh", "KAZ"), ("Nepali", "NPL"), ("Kosovar", "XKX"), ("Viet Nam", "VNM"),
        ("Russian Federation", "RUS"), ("Syrian Arab Republic", "SYR"), ("Republic of Korea", "KOR"),
        ("DPRK", "PRK"), ("Solomon Islands", "SLB"), ("Chinese", "CHN"), ("Taiwanese", "TWN"),
    ],
)
def test_country_seed_lookups(word: str, code: str) -> None:
    assert lookup_country_word(word) == {code}


def test_houthi_is_not_a_demonym() -> None:
    assert lookup_country_word("Houthi") == set()


def test_countries_csv_matches_build_script(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "scripts/build_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up here
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "countries.csv is stale: run scripts/build_countries.py"


# --------------------------------------------------------------------------- metonyms


def test_metonym_codes_sectors_kinds() -> None:
    assert len(rows("metonyms.csv")) >= 300
    for row in rows("metonyms.csv"):
        assert row["alias"], row
        assert row["iso3"] in countries() or row["iso3"] in NON_STATE_CODES, row
        assert row["sector"] in SECTORS, row
        assert row["kind"] in METONYM_KINDS, row
        assert (row["kind"] == "breakaway") == (row["sector"] == "PRE"), row
        assert (row["kind"] == "igo_seat") == (row["iso3"] == "IGO"), row


def test_metonyms_have_no_duplicates() -> None:
    keys = Counter((row["alias"], row["iso3"]) for row in rows("metonyms.csv"))
    assert [key for key, count in keys.items() if count > 1] == []
    owners = Counter(row["alias"] for row in rows("metonyms.csv"))
    assert [alias for alias, count in owners.items() if count > 1] == []


def test_igo_seats_name_an_organisation() -> None:
    for row in rows("metonyms.csv"):
        if row["kind"] == "igo_seat":
            match = re.match(r"org=([A-Z0-9_]+)", row["note"])
            assert match and match.group(1) in organisations(), row


def test_metonyms_do_not_shadow_country_names() -> None:
    names = {name for row in countries().values() for name in country_names(row)}
    assert {row["alias"] for row in rows("metonyms.csv")} & names == set()


def test_every_capital_is_a_metonym() -> None:
    capitals = {(row["alias"], row["iso3"]) for row in rows("metonyms.csv") if row["kind"] == "capital"}
    missing = []
    for code, row in countries().items():
        capital = row["capital"]
        if not capital or capital in country_names(row) or CAPITAL_NOT_IN_METONYMS.get(code) == capital:
            continue
        if (capital, code) not in capitals:
            missing.append((code, capital))
    assert missing == []


@pytest.mark.parametrize(
    ("alias", "code", "sector"),
    [
        ("Kremlin", "RUS", "GOV"), ("the Kremlin", "RUS", "GOV"), ("Kyiv", "UKR", "GOV"), ("Kiev", "UKR", "GOV"),
        ("Moscow", "RUS", "GOV"), ("Washington", "USA", "GOV"), ("the White House", "USA", "GOV"),
        ("the State Department", "USA", "GOV"), ("the Pentagon", "USA", "MIL"), ("Langley", "USA", "SPY"),
        ("the CIA", "USA", "SPY"), ("the FBI", "USA", "COP"), ("Capitol Hill", "USA", "LEG"),
        ("Congress", "USA", "LEG"), ("Foggy Bottom", "USA", "GOV"), ("Downing Street", "GBR", "GOV"),
        ("Number 10", "GBR", "GOV"), ("Whitehall", "GBR", "GOV"), ("the Foreign Office", "GBR", "GOV"),
        ("Scotland Yard", "GBR", "COP"), ("MI6", "GBR", "SPY"), ("the Elysee", "FRA", "GOV"),
        ("Élysée", "FRA", "GOV"), ("the Elysee Palace", "FRA", "GOV"), ("the Quai d'Orsay", "FRA", "GOV"),
        ("Zhongnanhai", "CHN", "GOV"), ("the Blue House", "KOR", "GOV"), ("the Bundestag", "DEU", "LEG"),
        ("the Chancellery", "DEU", "GOV"), ("the Bundeswehr", "DEU", "MIL"), ("the Knesset", "ISR", "LEG"),
        ("the Duma", "RUS", "LEG"), ("State Duma", "RUS", "LEG"), ("the Mossad", "ISR", "SPY"),
        ("the FSB", "RUS", "SPY"), ("the SBU", "UKR", "SPY"), ("the IRGC", "IRN", "MIL"),
        ("Revolutionary Guards", "IRN", "MIL"), ("the PLA", "CHN", "MIL"),
        ("People's Liberation Army", "CHN", "MIL"), ("the IDF", "ISR", "MIL"), ("Casa Rosada", "ARG", "GOV"),
        ("Miraflores palace", "VEN", "GOV"), ("the Beehive", "NZL", "GOV"), ("Malacanang", "PHL", "GOV"),
        ("Al-Azhar", "EGY", "REL"), ("CSIS", "CAN", "SPY"), ("ASIO", "AUS", "SPY"), ("BND", "DEU", "SPY"),
        ("Brussels", "IGO", "GOV"), ("Transnistria", "MDA", "PRE"), ("Somaliland", "SOM", "PRE"),
        ("Pretoria", "ZAF", "GOV"), ("New Delhi", "IND", "GOV"), ("Bogota", "COL", "GOV"),
        ("Port Moresby", "PNG", "GOV"), ("Honiara", "SLB", "GOV"),
    ],
)
def test_metonym_seed_lookups(alias: str, code: str, sector: str) -> None:
    assert lookup_metonym(alias) == {(code, sector)}


# --------------------------------------------------------------------------- organisations


def test_organisation_ids_codes_sectors_kinds() -> None:
    assert len(rows("organisations.csv")) >= 120
    ids = [row["id"] for row in rows("organisations.csv")]
    assert len(ids) == len(set(ids))
    for row in rows("organisations.csv"):
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row["id"]), row
        assert row["name"], row
        assert row["country"] in countries() or row["country"] in NON_STATE_CODES, row
        assert row["sector"] in SECTORS, row
        assert row["kind"] in ORG_KINDS, row
        assert (row["kind"] == "igo") == (row["country"] == "IGO"), row
        if row["country"] == "NGO":
            assert row["kind"] == "ngo", row
        assert not row["parent"] or row["parent"] in organisations(), row
        assert row["parent"] != row["id"], row
        for member in split(row["members"]):
            assert member in countries(), (row["id"], member)


def test_required_organisations_present() -> None:
    assert REQUIRED_ORGS - set(organisations()) == set()


def test_organisation_aliases_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for oid, row in organisations().items():
        for alias in {row["name"], *split(row["aliases"])}:
            owners[alias].add(oid)
    assert {alias: ids for alias, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize(
    ("oid", "size"),
    [("NATO", 32), ("EU", 27), ("G7", 7), ("G20", 19), ("UNSC", 5), ("QUAD", 4), ("AUKUS", 3), ("GCC", 6),
     ("ARAB_LEAGUE", 22), ("AU", 55), ("ASEAN", 11), ("OPEC", 12), ("BRICS", 10), ("SCO", 10)],
)
def test_membership_sizes(oid: str, size: int) -> None:
    assert len(split(organisations()[oid]["members"])) == size


def test_membership_facts() -> None:
    members = {oid: set(split(row["members"])) for oid, row in organisations().items()}
    assert members["UNSC"] == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert members["AUKUS"] == {"AUS", "GBR", "USA"}
    assert members["QUAD"] == {"AUS", "IND", "JPN", "USA"}
    assert {"FIN", "SWE"} <= members["NATO"] and "UKR" not in members["NATO"]
    assert "GBR" not in members["EU"]
    assert members["G7"] < members["G20"]
    assert members["OPEC"] < members["OPEC_PLUS"]


def test_organisation_parents() -> None:
    parent = {oid: row["parent"] for oid, row in organisations().items()}
    assert parent["UNSC"] == parent["UNHCR"] == parent["UNGA"] == "UN"
    assert parent["EUROPEAN_COMMISSION"] == parent["EUROPEAN_PARLIAMENT"] == "EU"
    assert parent["ECHR"] == "COUNCIL_OF_EUROPE"


@pytest.mark.parametrize(
    ("alias", "oid", "country", "sector"),
    [
        ("Nato", "NATO", "IGO", "GOV"), ("NATO", "NATO", "IGO", "GOV"), ("UN", "UN", "IGO", "GOV"),
        ("UN Security Council", "UNSC", "IGO", "GOV"), ("IAEA", "IAEA", "IGO", "GOV"),
        ("ICC", "ICC", "IGO", "JUD"), ("International Court of Justice", "ICJ", "IGO", "JUD"),
        ("European Parliament", "EUROPEAN_PARLIAMENT", "IGO", "LEG"), ("the Quad", "QUAD", "IGO", "GOV"),
        ("Arab League", "ARAB_LEAGUE", "IGO", "GOV"), ("Shanghai Cooperation Organisation", "SCO", "IGO", "GOV"),
        ("Xinhua", "XINHUA", "CHN", "MED"), ("TASS", "TASS", "RUS", "MED"), ("KCNA", "KCNA", "PRK", "MED"),
        ("Al Jazeera", "AL_JAZEERA", "QAT", "MED"), ("Agence France-Presse", "AFP", "FRA", "MED"),
        ("APS", "APS", "DZA", "MED"), ("Hamas", "HAMAS", "PSE", "REB"), ("Hezbollah", "HEZBOLLAH", "LBN", "REB"),
        ("Houthis", "HOUTHIS", "YEM", "REB"), ("Taliban", "TALIBAN", "AFG", "REB"),
        ("al-Shabaab", "AL_SHABAAB", "SOM", "REB"), ("al-Shabab", "AL_SHABAAB", "SOM", "REB"),
        ("Boko Haram", "BOKO_HARAM", "NGA", "REB"), ("Wagner Group", "WAGNER", "RUS", "PRM"),
        ("M23", "M23", "COD", "REB"), ("RSF", "RSF", "SDN", "REB"), ("PKK", "PKK", "TUR", "REB"),
        ("ELN", "ELN", "COL", "REB"), ("MSF", "MSF", "NGO", "HLH"), ("Amnesty International", "AMNESTY", "NGO", "CVL"),
        ("African National Congress", "ANC", "ZAF", "PTY"), ("Chadema", "CHADEMA", "TZA", "OPP"),
        ("Republican People's Party", "CHP", "TUR", "OPP"), ("AK Party", "AKP", "TUR", "PTY"),
        ("COSATU", "COSATU", "ZAF", "LAB"), ("Saudi Aramco", "SAUDI_ARAMCO", "SAU", "BUS"),
        ("Sinaloa Cartel", "SINALOA_CARTEL", "MEX", "CRM"), ("MS-13", "MS13", "SLV", "CRM"),
    ],
)
def test_organisation_seed_lookups(alias: str, oid: str, country: str, sector: str) -> None:
    assert lookup_org(alias) == {oid}
    row = organisations()[oid]
    assert (row["country"], row["sector"]) == (country, sector)


def test_alliance_is_not_an_alias() -> None:
    assert lookup_org("the alliance") == set() and lookup_org("alliance") == set()


def test_names_do_not_collide_across_tables() -> None:
    """A surface form resolves through one table only (compared case-insensitively)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in countries().items():
        for word in country_names(row) | set(split(row["adjectives"])):
            owners[word.casefold()].add(f"countries:{code}")
    for row in rows("metonyms.csv"):
        owners[row["alias"].casefold()].add(f"metonyms:{row['iso3']}")
    for oid, row in organisations().items():
        for alias in {row["name"], *split(row["aliases"])}:
            owners[alias.casefold()].add(f"organisations:{oid}")
    tables = {word: {owner.split(":")[0] for owner in found} for word, found in owners.items()}
    assert {word: found for word, found in tables.items() if len(found) > 1} == {}


# --------------------------------------------------------------------------- sectors


def test_sector_terms_valid() -> None:
    terms = [row["term"] for row in rows("sectors.csv")]
    assert len(terms) >= 250
    assert len(terms) == len(set(terms))
    for row in rows("sectors.csv"):
        assert row["term"] == row["term"].lower(), row
        assert row["sector"] in SECTORS, row
        assert row["kind"] in SECTOR_KINDS, row


def test_every_sector_code_is_used_in_vocabulary() -> None:
    used = {row["sector"] for row in rows("sectors.csv")}
    assert SECTORS - {"PRE"} <= used


@pytest.mark.parametrize(
    ("term", "sector"),
    [
        ("president", "GOV"), ("foreign minister", "GOV"), ("secretary of state", "GOV"),
        ("assistant secretary of state", "GOV"), ("ambassador", "GOV"), ("spokesperson", "GOV"),
        ("defence ministry", "MIL"), ("defense ministry", "MIL"), ("defence minister", "MIL"),
        ("defense minister", "MIL"), ("troops", "MIL"), ("army", "MIL"), ("police", "COP"),
        ("riot police", "COP"), ("judge", "JUD"), ("prosecutor", "JUD"), ("court", "JUD"),
        ("lawmaker", "LEG"), ("mp", "LEG"), ("senator", "LEG"), ("parliament", "LEG"), ("rebels", "REB"),
        ("militants", "REB"), ("militia", "PRM"), ("intelligence agency", "SPY"), ("gunmen", "UAF"),
        ("farmers", "AGR"), ("company", "BUS"), ("smuggler", "CRM"), ("protesters", "CVL"), ("ngo", "CVL"),
        ("students", "EDU"), ("former president", "ELI"), ("ex-prime minister", "ELI"), ("union", "LAB"),
        ("refugees", "REF"), ("migrants", "REF"), ("cleric", "REL"), ("think tank", "SOC"),
        ("journalist", "MED"), ("news agency", "MED"), ("state media", "MED"), ("doctor", "HLH"),
        ("health ministry", "HLH"), ("opposition leader", "OPP"), ("party", "PTY"),
    ],
)
def test_sector_seed_lookups(term: str, sector: str) -> None:
    matches = [row["sector"] for row in rows("sectors.csv") if row["term"] == term]
    assert matches == [sector]
