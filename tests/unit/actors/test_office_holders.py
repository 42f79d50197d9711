"""Validation of the office-holder gazetteer (src/newsgraph/data/actors/office_holders.csv).

Date convention: ``start`` is the first day in office, ``end`` the day the term
ended (typically the handover day, so it may equal the successor's ``start``);
an empty ``end`` means still in office.  A term "covers" a day when
``start <= day < end``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

CSV_PATH = (
    Path(__file__).resolve().parents[3]
    / "src/newsgraph/data/actors/office_holders.csv"
)

HEADER = ["name", "aliases", "country", "sector", "role", "start", "end"]

HEAD_OF_STATE_ROLES = {"head_of_state", "head_of_state_and_government"}
HEAD_OF_GOVERNMENT_ROLES = {"head_of_government", "head_of_state_and_government"}
# Every office of an international body, with the organisation its holder speaks for
# (data/actors/igo_offices.csv): a holder carries the body ("Stoltenberg said" is NATO).
IGO_OFFICES = {
    row["code"]: row["org"]
    for row in csv.DictReader(CSV_PATH.with_name("igo_offices.csv").read_text("utf-8").splitlines())
    if row["code"].islower()
}
IGO_ROLES = set(IGO_OFFICES)
JUDICIAL_ROLES = {"icc_prosecutor", "icj_president"}
ALLOWED_ROLES = (
    HEAD_OF_STATE_ROLES
    | HEAD_OF_GOVERNMENT_ROLES
    | {"foreign_minister", "finance_minister"}
    | IGO_ROLES
)
# GOV by default; JUD for international courts, REL for popes, MIL for juntas
# whose leader is listed as a serving officer (Myanmar's Min Aung Hlaing).
ALLOWED_SECTORS = {"GOV", "JUD", "REL", "MIL"}

COVERED_COUNTRIES = [
    # G20 members
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
    # additional states
    "UKR", "IRN", "ISR", "PSE", "PRK", "TWN", "PAK", "QAT", "POL", "PHL",
]

# Every other country in the file has a head of state or of government listed
# from 2015; San Marino's six-monthly Captains Regent are not listed.
NO_LEADER_LISTED = {"IGO", "SMR"}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _read_rows() -> tuple[list[str], list[dict[str, str]]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, values, strict=True)) for values in reader]
    return header, rows


HEADER_READ, ROWS = _read_rows()


def _parse(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split(";") if a] if row["aliases"] else []


def _covers(row: dict[str, str], day: date) -> bool:
    start = _parse(row["start"])
    end = _parse(row["end"])
    assert start is not None
    return start <= day and (end is None or day < end)


def _holders(day: date, country: str, roles: set[str]) -> set[str]:
    return {
        r["name"]
        for r in ROWS
        if r["country"] == country and r["role"] in roles and _covers(r, day)
    }


def test_file_is_utf8_and_has_exact_header() -> None:
    CSV_PATH.read_bytes().decode("utf-8")
    assert HEADER_READ == HEADER


def test_row_count_is_plausible() -> None:
    assert 1500 <= len(ROWS) <= 2600


def test_every_row_has_seven_fields_and_no_stray_whitespace() -> None:
    for row in ROWS:
        assert len(row) == len(HEADER), row
        assert row["name"], row
        for key, value in row.items():
            assert value == value.strip(), (key, row)
        for alias in _aliases(row):
            assert alias == alias.strip() and alias, row


def test_country_codes() -> None:
    for row in ROWS:
        assert re.fullmatch(r"[A-Z]{3}", row["country"]), row
        if row["role"] in IGO_ROLES:
            assert row["country"] == "IGO", row
        else:
            assert row["country"] != "IGO", row


def test_every_igo_office_names_a_known_organisation() -> None:
    orgs = {row["id"] for row in csv.DictReader(CSV_PATH.with_name("organisations.csv").read_text("utf-8").splitlines())}
    assert set(IGO_OFFICES.values()) <= orgs
    assert {row["role"] for row in ROWS if row["country"] == "IGO"} <= IGO_ROLES


def test_sector_and_role_values() -> None:
    for row in ROWS:
        assert row["sector"] in ALLOWED_SECTORS, row
        assert row["role"] in ALLOWED_ROLES, row
        if row["role"] in JUDICIAL_ROLES:
            assert row["sector"] == "JUD", row
        elif row["sector"] == "JUD":
            raise AssertionError(row)
        if row["sector"] == "REL":
            assert row["country"] == "VAT" and row["role"] == "head_of_state", row


def test_dates_parse_and_are_ordered() -> None:
    for row in ROWS:
        assert ISO_DATE.match(row["start"]), row
        start = _parse(row["start"])
        if row["end"]:
            assert ISO_DATE.match(row["end"]), row
            end = _parse(row["end"])
            assert start is not None and end is not None
            assert start <= end, row


def test_no_duplicate_rows() -> None:
    keys = [(r["name"], r["country"], r["role"], r["start"]) for r in ROWS]
    assert len(keys) == len(set(keys))


def test_terms_of_same_person_in_same_office_do_not_overlap() -> None:
    terms: dict[tuple[str, str, str], list[tuple[date, date]]] = defaultdict(list)
    for r in ROWS:
        start = _parse(r["start"])
        end = _parse(r["end"]) or date.max
        assert start is not None
        terms[(r["name"], r["country"], r["role"])].append((start, end))
    for key, spans in terms.items():
        spans.sort()
        for (_, prev_end), (next_start, _) in zip(spans, spans[1:]):
            assert prev_end <= next_start, key


def test_no_alias_shared_by_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for alias in _aliases(row):
            owners[alias.casefold()].add(row["name"])
    clashes = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert not clashes


def test_no_alias_equals_another_persons_name() -> None:
    names = {r["name"].casefold(): r["name"] for r in ROWS}
    for row in ROWS:
        for alias in _aliases(row):
            other = names.get(alias.casefold())
            assert other is None or other == row["name"], (alias, row["name"], other)


def test_aliases_of_one_person_are_consistent_across_rows() -> None:
    seen: dict[str, str] = {}
    for row in ROWS:
        prev = seen.setdefault(row["name"], row["aliases"])
        assert prev == row["aliases"], row["name"]


@pytest.mark.parametrize("country", COVERED_COUNTRIES)
def test_head_of_state_present_on_reference_day(country: str) -> None:
    assert _holders(date(2021, 12, 15), country, HEAD_OF_STATE_ROLES), country


@pytest.mark.parametrize(
    ("day", "country", "roles", "expected"),
    [
        (date(2021, 12, 15), "USA", HEAD_OF_STATE_ROLES, "Joe Biden"),
        (date(2021, 12, 15), "RUS", HEAD_OF_STATE_ROLES, "Vladimir Putin"),
        (date(2021, 12, 15), "CHN", HEAD_OF_STATE_ROLES, "Xi Jinping"),
        (date(2021, 12, 15), "DEU", HEAD_OF_GOVERNMENT_ROLES, "Olaf Scholz"),
        (date(2021, 12, 15), "GBR", HEAD_OF_GOVERNMENT_ROLES, "Boris Johnson"),
        (date(2005, 6, 1), "GBR", HEAD_OF_GOVERNMENT_ROLES, "Tony Blair"),
        (date(2010, 6, 1), "RUS", HEAD_OF_GOVERNMENT_ROLES, "Vladimir Putin"),
        (date(2010, 6, 1), "RUS", HEAD_OF_STATE_ROLES, "Dmitry Medvedev"),
        (date(2018, 1, 1), "USA", HEAD_OF_STATE_ROLES, "Donald Trump"),
        (date(2025, 6, 1), "USA", HEAD_OF_STATE_ROLES, "Donald Trump"),
        (date(2010, 1, 1), "TUR", HEAD_OF_GOVERNMENT_ROLES, "Recep Tayyip Erdogan"),
        (date(2019, 5, 1), "NZL", HEAD_OF_GOVERNMENT_ROLES, "Jacinda Ardern"),
        (date(2023, 6, 1), "NLD", HEAD_OF_GOVERNMENT_ROLES, "Mark Rutte"),
        (date(2021, 12, 15), "RWA", HEAD_OF_STATE_ROLES, "Paul Kagame"),
        (date(2023, 6, 1), "KEN", HEAD_OF_STATE_ROLES, "William Ruto"),
        (date(2020, 6, 1), "KEN", HEAD_OF_STATE_ROLES, "Uhuru Kenyatta"),
        (date(2021, 12, 15), "ETH", HEAD_OF_GOVERNMENT_ROLES, "Abiy Ahmed"),
        (date(2023, 11, 27), "NZL", HEAD_OF_GOVERNMENT_ROLES, "Christopher Luxon"),
        (date(2023, 11, 26), "NZL", HEAD_OF_GOVERNMENT_ROLES, "Chris Hipkins"),
        (date(2022, 12, 24), "FJI", HEAD_OF_GOVERNMENT_ROLES, "Sitiveni Rabuka"),
        (date(2024, 4, 2), "SEN", HEAD_OF_GOVERNMENT_ROLES, "Ousmane Sonko"),
        (date(2024, 4, 2), "SEN", HEAD_OF_STATE_ROLES, "Bassirou Diomaye Faye"),
        (date(2024, 7, 2), "NLD", HEAD_OF_GOVERNMENT_ROLES, "Dick Schoof"),
        (date(2020, 1, 1), "VAT", HEAD_OF_STATE_ROLES, "Pope Francis"),
        (date(2025, 6, 1), "VAT", HEAD_OF_STATE_ROLES, "Pope Leo XIV"),
        (date(2022, 1, 1), "MMR", HEAD_OF_GOVERNMENT_ROLES, "Min Aung Hlaing"),
        (date(2022, 1, 1), "AFG", HEAD_OF_STATE_ROLES, "Hibatullah Akhundzada"),
        (date(2022, 1, 1), "AFG", HEAD_OF_GOVERNMENT_ROLES, "Hasan Akhund"),
        (date(2021, 1, 1), "AFG", HEAD_OF_STATE_ROLES, "Ashraf Ghani"),
        (date(2020, 1, 1), "IGO", {"arab_league_secretary_general"}, "Ahmed Aboul Gheit"),
        (date(2020, 1, 1), "IGO", {"icj_president"}, "Abdulqawi Ahmed Yusuf"),
        (date(2025, 6, 1), "NOR", {"finance_minister"}, "Jens Stoltenberg"),
    ],
)
def test_spot_checks(day: date, country: str, roles: set[str], expected: str) -> None:
    assert _holders(day, country, roles) == {expected}


def test_scholz_takes_office_2021_12_08() -> None:
    (row,) = [r for r in ROWS if r["name"] == "Olaf Scholz"]
    assert row["start"] == "2021-12-08"
    assert _holders(date(2021, 12, 7), "DEU", HEAD_OF_GOVERNMENT_ROLES) == {
        "Angela Merkel"
    }


@pytest.mark.parametrize(
    "country",
    sorted(
        {r["country"] for r in ROWS} - set(COVERED_COUNTRIES) - NO_LEADER_LISTED
    ),
)
def test_other_countries_have_a_leader_on_reference_day(country: str) -> None:
    roles = HEAD_OF_STATE_ROLES | HEAD_OF_GOVERNMENT_ROLES
    assert _holders(date(2021, 12, 15), country, roles), country


def test_role_specific_sectors() -> None:
    for row in ROWS:
        if row["role"] == "icc_prosecutor":
            assert row["sector"] == "JUD", row
    (rutte,) = [
        r for r in ROWS if r["name"] == "Mark Rutte" and r["country"] == "NLD"
    ]
    assert (rutte["start"], rutte["end"]) == ("2010-10-14", "2024-07-02")
    popes = [r for r in ROWS if r["country"] == "VAT" and r["role"] == "head_of_state"]
    assert {r["sector"] for r in popes} == {"REL"}
    hlaing = [r for r in ROWS if r["name"] == "Min Aung Hlaing"]
    assert hlaing and {r["sector"] for r in hlaing} == {"MIL"}
