"""Validation of the event ontology tables in src/newsgraph/data/events/.

Covers cameo.csv, plover.csv and plover_scores.csv: exact headers, valid codes
and scores, cross-file references, a few spot checks of the CAMEO -> PLOVER
mapping, and that scripts/build_ontology.py would write the same files from the
shared reference files (when ../shared/reference is present). Only the csv
module and pytest are used.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src/newsgraph/data/events"
SHARED = ROOT.parent / "shared"

HEADERS = {
    "cameo.csv": [
        "code", "name", "root", "quad_class", "goldstein",
        "plover_type", "plover_mode", "plover_context", "description",
    ],
    "plover.csv": ["type", "quad_class", "description", "modes"],
    "plover_scores.csv": ["type", "mode", "score"],
}
# The 16 event types of the PLOVER manual (draft 0.8), in its order.
MANUAL_ORDER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES = set(MANUAL_ORDER)
# The PLOVER manual drops CAMEO 01 (make public statement) and 02 (appeal).
UNMAPPED_ROOTS = {"01", "02"}


@cache
def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def cameo() -> list[dict[str, str]]:
    return read("cameo.csv")[1]


def cameo_by_code() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in cameo()}


def plover_modes() -> dict[str, list[str]]:
    return {row["type"]: row["modes"].split(";") if row["modes"] else [] for row in read("plover.csv")[1]}


def expected_quad_class(root: str) -> int:
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_ontology_files_headers(name: str) -> None:
    assert read(name)[0] == HEADERS[name]


def test_cameo_codes_unique_and_well_formed() -> None:
    codes = [row["code"] for row in cameo()]
    assert len(codes) >= 300
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"\d{2,4}", code) for code in codes), "codes are 2-4 digit strings"
    assert codes == sorted(codes)


def test_cameo_parents_exist() -> None:
    codes = set(cameo_by_code())
    orphans = [code for code in codes if len(code) > 2 and code[: 2 if len(code) == 3 else 3] not in codes]
    assert not orphans


def test_cameo_root_and_quad_class() -> None:
    for row in cameo():
        assert row["root"] == row["code"][:2], row["code"]
        assert 1 <= int(row["root"]) <= 20, row["code"]
        assert row["quad_class"] in {"1", "2", "3", "4"}, row["code"]
        assert int(row["quad_class"]) == expected_quad_class(row["root"]), row["code"]


def test_cameo_goldstein_in_range() -> None:
    for row in cameo():
        assert -10.0 <= float(row["goldstein"]) <= 10.0, row["code"]


def test_cameo_descriptions_one_line() -> None:
    for row in cameo():
        assert row["name"] and row["description"], row["code"]
        assert "\n" not in row["description"] and len(row["description"]) <= 200, row["code"]


def test_cameo_plover_types_and_modes_known() -> None:
    modes = plover_modes()
    for row in cameo():
        if row["root"] in UNMAPPED_ROOTS:
            assert row["plover_type"] == row["plover_mode"] == row["plover_context"] == "", row["code"]
            continue
        assert row["plover_type"] in modes, row["code"]
        assert not row["plover_mode"] or row["plover_mode"] in modes[row["plover_type"]], row["code"]


@pytest.mark.parametrize(
    ("code", "plover_type", "mode"),
    [
        ("036", "AGREE", ""),
        ("040", "CONSULT", ""),
        ("042", "CONSULT", "visit"),
        ("112", "ACCUSE", "disapprove"),
        ("173", "COERCE", "arrest"),
        ("190", "ASSAULT", ""),
        ("0311", "AGREE", ""),
        ("1712", "ASSAULT", "destroy"),  # the table's "seize", renamed to the draft 0.8 mode
        ("0841", "RETREAT", "release"),
        ("082", "CONCEDE", ""),
        ("185", "ASSAULT", "targeted"),
    ],
)
def test_cameo_plover_spot_checks(code: str, plover_type: str, mode: str) -> None:
    row = cameo_by_code()[code]
    assert (row["plover_type"], row["plover_mode"]) == (plover_type, mode)


def test_plover_types() -> None:
    rows = read("plover.csv")[1]
    assert [row["type"] for row in rows] == MANUAL_ORDER
    quads = {row["type"]: row["quad_class"] for row in rows}
    assert quads["AGREE"] == "1" and quads["AID"] == "2" and quads["REQUEST"] == "3" and quads["ASSAULT"] == "4"
    assert all(row["description"] and "\n" not in row["description"] for row in rows)
    assert plover_modes()["CONSULT"] == ["visit", "third-party", "multilateral", "phone"]


def test_plover_scores_reference_known_types_and_modes() -> None:
    modes = plover_modes()
    rows = read("plover_scores.csv")[1]
    pairs = [(row["type"], row["mode"]) for row in rows]
    assert len(set(pairs)) == len(pairs)
    for row in rows:
        assert row["type"] in modes and (not row["mode"] or row["mode"] in modes[row["type"]]), row
        assert -10.0 <= float(row["score"]) <= 10.0, row
    assert {event_type for event_type, mode in pairs if not mode} == PLOVER_TYPES


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="../shared/reference not present")
def test_build_ontology_outputs_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_ontology.py"), "--check", "--shared", str(SHARED)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
