"""Validation of src/newsgraph/data/actors/peoples.csv.

peoples.csv maps ethnic, minority, regional and sub-national labels
("Tuareg", "Rohingya", "Catalan", "Texan") to the one country they stand for
in news.  Only the csv module and pytest are used.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "src/newsgraph/data/actors"
PEOPLES = DATA / "peoples.csv"
COUNTRIES = DATA / "countries.csv"

HEADER = ["label", "iso3", "note"]


@cache
def read(path: Path) -> tuple[list[str], tuple[dict[str, str], ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = tuple(reader)
        return list(reader.fieldnames or []), rows


def peoples() -> tuple[dict[str, str], ...]:
    return read(PEOPLES)[1]


def country_adjectives() -> dict[str, set[str]]:
    """Adjective/demonym -> the iso3 codes whose countries.csv row lists it."""
    owners: dict[str, set[str]] = {}
    for row in read(COUNTRIES)[1]:
        for adjective in row["adjectives"].split(";"):
            if adjective:
                owners.setdefault(adjective, set()).add(row["iso3"])
    return owners


def test_header_is_exact() -> None:
    assert read(PEOPLES)[0] == HEADER


def test_row_count_and_cells() -> None:
    rows = peoples()
    assert 150 <= len(rows) <= 300
    for row in rows:
        label = row["label"]
        assert label == label.strip() and label, row
        assert label[0].isupper(), f"label not capitalised as news writes it: {label!r}"
        assert ";" not in label, f"one label per row: {label!r}"
        assert "\u2019" not in label, f"use ASCII apostrophes: {label!r}"


def test_every_iso3_is_in_countries() -> None:
    codes = {row["iso3"] for row in read(COUNTRIES)[1]}
    unknown = sorted({row["iso3"] for row in peoples()} - codes)
    assert unknown == []


def test_no_duplicate_labels() -> None:
    counts = Counter(row["label"] for row in peoples())
    assert [label for label, n in counts.items() if n > 1] == []


def test_no_label_is_another_countrys_adjective() -> None:
    owners = country_adjectives()
    clashes = [
        (row["label"], row["iso3"], sorted(owners[row["label"]]))
        for row in peoples()
        if row["label"] in owners and owners[row["label"]] != {row["iso3"]}
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("label", "iso3"),
    [
        ("Tuareg", "MLI"),
        ("Rohingya", "MMR"),
        ("Yazidis", "IRQ"),
        ("Maori", "NZL"),
        ("Baloch", "PAK"),
        ("Tigrayan", "ETH"),
    ],
)
def test_spot_checks(label: str, iso3: str) -> None:
    assert [row["iso3"] for row in peoples() if row["label"] == label] == [iso3]
