"""Validation of the tables converted from PETRARCH2's Phoenix dictionaries.

phoenix_people.csv, phoenix_groups.csv and phoenix_agents.csv in src/newsgraph/data/actors/ are
written by scripts/build_phoenix_actors.py. Checked here: headers, codes, dates, that nothing of
ours is repeated, a few well-known entries, that no mojibake is left, and (when ../shared holds
the dictionaries) that the script would write the same files.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src/newsgraph/data/actors"
SCRIPT = ROOT / "scripts/build_phoenix_actors.py"

HEADERS = {
    "phoenix_people.csv": ["name", "aliases", "country", "sector", "cameo_code", "start", "end", "original", "source"],
    "phoenix_groups.csv": ["name", "aliases", "country", "sector", "cameo_code", "kind", "original", "source"],
    "phoenix_agents.csv": ["term", "sector", "cameo_agent", "source"],
}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "PRM", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "LAB", "REF", "REL", "SOC", "PRE", "MED", "HLH",
}
NON_STATE_CODES = {"IGO", "NGO", "IMG", "MNC"}
KINDS = {"igo", "ngo", "company", "armed_group", "party", "institution"}
SOURCES = {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}
MOJIBAKE = re.compile("Ã|Â|â€|\ufffd")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def forms(row: dict[str, str], key: str = "name") -> set[str]:
    """A row's name and aliases, case-folded."""
    return {form.casefold() for form in [row[key], *row.get("aliases", "").split(";")] if form}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_phoenix_actors", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def petrarch(shared: Path) -> Path:
    folder = shared / "reference" / "petrarch2"
    if not (folder / "Phoenix.Countries.actors.txt").is_file():
        pytest.skip("no PETRARCH2 dictionaries in ../shared/reference/petrarch2")
    return folder


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_line_endings(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert b"\r" not in raw
    assert raw.decode("utf-8").split("\n", 1)[0].split(",") == HEADERS[name]
    assert rows(name), name


@pytest.mark.parametrize("name", ["phoenix_people.csv", "phoenix_groups.csv"])
def test_countries_sectors_and_sources(name: str) -> None:
    iso3 = {row["iso3"] for row in rows("countries.csv")}
    for row in rows(name):
        assert row["name"] and row["name"] == row["name"].strip(), row
        assert row["country"] in iso3 | NON_STATE_CODES or row["country"] == "", row
        assert row["sector"] in SECTORS, row
        assert row["source"] in SOURCES, row
        assert re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", row["cameo_code"]), row
        aliases = row["aliases"].split(";") if row["aliases"] else []
        assert row["name"].casefold() not in {alias.casefold() for alias in aliases}, row
        assert len({alias.casefold() for alias in aliases}) == len(aliases), row


def test_group_kinds() -> None:
    for row in rows("phoenix_groups.csv"):
        assert row["kind"] in KINDS, row
        assert row["kind"] != "igo" or row["country"] == "IGO", row
    names = [row["name"].casefold() for row in rows("phoenix_groups.csv")]
    assert len(names) == len(set(names))


def test_people_dates() -> None:
    for row in rows("phoenix_people.csv"):
        start = date.fromisoformat(row["start"]) if row["start"] else None
        end = date.fromisoformat(row["end"]) if row["end"] else None
        assert not (start and end) or start <= end, row
        assert not start or date(1800, 1, 1) < start < date(2016, 1, 1), row  # the dictionaries date from 2014-15
    keys = [(r["name"], r["cameo_code"], r["start"], r["end"]) for r in rows("phoenix_people.csv")]
    assert len(keys) == len(set(keys))


def test_one_word_aliases_name_one_person() -> None:
    owners: dict[str, set[str]] = {}
    for row in rows("phoenix_people.csv"):
        for alias in row["aliases"].split(";"):
            if alias and " " not in alias:
                owners.setdefault(alias.casefold(), set()).add(row["name"])
    assert not {alias: names for alias, names in owners.items() if len(names) > 1}


def test_agents() -> None:
    terms = [row["term"] for row in rows("phoenix_agents.csv")]
    assert len(terms) == len(set(terms))
    for row in rows("phoenix_agents.csv"):
        assert row["term"] == row["term"].lower() and "_" not in row["term"] and "!" not in row["term"], row
        assert row["sector"] in SECTORS and row["source"] == "Phoenix.agents.txt", row
        assert re.fullmatch(r"~[A-Z]{3,}|[A-Z]{3,}~", row["cameo_agent"]), row


def test_nothing_of_ours_is_repeated() -> None:
    holders = set().union(*(forms(row) for row in rows("office_holders.csv")))
    organisations = set().union(*(forms(row) for row in rows("organisations.csv")))
    assert not [row["name"] for row in rows("phoenix_people.csv") if forms(row) & holders]
    assert not [row["name"] for row in rows("phoenix_groups.csv") if forms(row) & (organisations | holders)]
    ours = {row["term"].casefold() for row in rows("sectors.csv")}
    assert not [row["term"] for row in rows("phoenix_agents.csv") if row["term"] in ours]
    assert "Vladimir Putin" not in {row["name"] for row in rows("phoenix_people.csv")}  # office_holders.csv has him


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_mojibake(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert not MOJIBAKE.search(text), MOJIBAKE.search(text)


def person(name: str) -> list[tuple[str, str, str, str, str]]:
    return [(r["country"], r["sector"], r["cameo_code"], r["start"], r["end"])
            for r in rows("phoenix_people.csv") if r["name"] == name]


def test_spot_check_people() -> None:
    assert person("Hamid Karzai") == [
        ("AFG", "ELI", "AFGELI", "1975-01-01", "2000-01-01"), ("AFG", "GOV", "AFGGOV", "2001-12-22", ""),
        ("AFG", "ELI", "AFGELI", "", ""),
    ]
    karzai = next(r for r in rows("phoenix_people.csv") if r["name"] == "Hamid Karzai")
    assert karzai["aliases"] == "Karzai;President Karzai" and karzai["original"] == "HAMID_KARZAI_"
    assert ("GHA", "GOV", "GHAGOV", "1969-09-03", "1972-01-13") in person("Kofi Busia")  # 31-99 -> 19xx
    assert ("GHA", "ELI", "GHAELI", "1931-01-01", "1969-09-03") in person("Kofi Busia")
    assert person("Jacques Delors") == [("IGO", "GOV", "IGOEUREEC", "1985-01-15", "1995-01-05")]
    assert person("Robert McNamara") == [("IGO", "GOV", "IGOUNODEVWBK", "1968-04-01", "1981-06-30")]
    assert person("Michael O'Kennedy") and person("Hans van den Broek") and person("Manfred Wörner")
    assert person("Osama bin Laden") == [("IMG", "REB", "IMGMUSALQ", "", "")]
    assert person("Trygve Lie")[-1] == ("", "ELI", "ELI", "", "")


def test_spot_check_groups_and_agents() -> None:
    groups = {row["name"]: row for row in rows("phoenix_groups.csv")}
    expected = {
        "Federal Bureau of Investigation": ("USA", "COP", "USACOP", "institution"),
        "Knesset": ("ISR", "LEG", "ISRGOVLEG", "institution"),
        "Ku Klux Klan": ("USA", "REB", "USAREB", "armed_group"),
        "Abu Nidal Organization": ("IMG", "REB", "IMGMUSALQ", "armed_group"),
        "Aum Shinrikyo": ("", "REB", "BUDREB", "armed_group"),
        "Bank for International Settlements": ("IGO", "GOV", "IGOBUSBIS", "igo"),
        "Christian Solidarity Worldwide": ("NGO", "CVL", "NGOCHRHRI", "ngo"),
        "General Electric": ("USA", "BUS", "MNCUSA", "company"),
        "Republic of Serbian Krajina": ("HRV", "PRE", "KRJUNR", "institution"),
        "Direct Action (Greece)": ("GRC", "REB", "GRCREB", "armed_group"),
    }
    for name, values in expected.items():
        row = groups[name]
        assert (row["country"], row["sector"], row["cameo_code"], row["kind"]) == values, row
    assert "AAIA" in groups["Aden Abyan Islamic Army"]["aliases"].split(";")
    agents = {row["term"]: row for row in rows("phoenix_agents.csv")}
    assert agents["sharecropper"]["sector"] == "AGR"
    assert agents["cattleman"]["sector"] == agents["cattlewomen"]["sector"] == "AGR"  # !PERSON! expanded
    assert agents["cattle thieves"]["sector"] == "CRM"  # irregular plural
    assert agents["ministry de obras públicas servicios y vivienda"]["sector"] == "GOV"  # mojibake repaired


def test_script_helpers() -> None:
    script = load_script()
    assert script.parse_date("300101") == "2030-01-01" and script.parse_date("310101") == "1931-01-01"
    assert script.parse_date("19270101") == "1927-01-01" and script.parse_date("1920030320") == "2003-03-20"
    assert script.parse_code("RUSGOV >080508") == script.Code("RUSGOV", "2008-05-08", "")
    assert script.parse_code("RUSELI <090101") == script.Code("RUSELI", "", "2009-01-01")
    assert script.parse_code("RUSGOV 991231-080507") == script.Code("RUSGOV", "1999-12-31", "2008-05-07")
    with pytest.raises(ValueError):
        script.parse_code("EGYGOV 20121207-20120802")
    assert script.repair("CAFÃ‰ PÃŠBLICAS Ã©tÃ© MESÛD") == "CAFÉ PÚBLICAS été MESÛD"
    cases = {"ROBERT_MCNAMARA_": "Robert McNamara", "ABU_BAKR_AL-BAGHDADI": "Abu Bakr al-Baghdadi",
             "JAVIER_DE_CUELLAR_": "Javier de Cuellar", "JULY_20TH_BRIGADE_": "July 20th Brigade",
             "UN_SECRETARIAT_": "UN Secretariat", "ANARCHISTS,_THE_": "The Anarchists"}
    for raw, cased in cases.items():
        assert script.news_case(script.split_name(raw, set())[0], person=False) == cased
    assert script.code_meaning("ROMGOV", {"ROU"}) == ("ROU", "GOV", "ROM")
    assert script.code_meaning("USRARM", {"ARM"}) == ("ARM", "", "ARM")


def test_putin_is_parsed(petrarch: Path) -> None:
    """Putin is left out of phoenix_people.csv (office_holders.csv has him) but read correctly."""
    script = load_script()
    entries = script.parse_actor_file(petrarch / "Phoenix.Countries.actors.txt", script.Counter())
    putin = next(entry for entry in entries if entry.name == "VLADIMIR_PUTIN_")
    assert "PRESIDENT_PUTIN_" in putin.aliases
    codes = [(code.code, code.start, code.end) for code in putin.codes]
    assert ("RUSGOV", "1999-12-31", "2008-05-07") in codes and ("RUSGOV", "2008-05-08", "") in codes
    assert ("RUSELI", "1970-01-01", "1999-08-09") in codes and ("RUSELI", "", "") in codes


def test_build_phoenix_actors_outputs_current(petrarch: Path) -> None:
    shared = petrarch.parents[1]
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", "--shared", str(shared)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
