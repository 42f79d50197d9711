"""Table-driven: who said each quotation, on passages we wrote (tests/data/speaker_cases.yaml).

Possessive roles with either apostrophe, roles and spokespeople standing for a person or a
body, statements standing for who issued them, officers of international bodies, name
variants, people who share a surname, and short partial quotes against scare quotes. Scored
by bench/quote_table.py as ``newsgraph extract`` reads a JSONL file of the passages: a case
passes when every quotation it lists is found with its kind and speaker, and no scare quote
comes out. Cases still wrong are listed in speaker_cases_known_misses.txt (strict xfail, with
what goes wrong); floors on the share of cases passed and on speaker accuracy guard the rest.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from quote_table import TABLES, load_cases, records, score_case, score_table  # noqa: E402

from newsgraph.pipeline import Pipeline  # noqa: E402

CASES = load_cases(TABLES["speaker_cases"])
MISSES_FILE = ROOT / "tests/data/speaker_cases_known_misses.txt"
KNOWN_MISSES = {line.strip() for line in MISSES_FILE.read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
CATEGORIES = {"possessive-role-straight": 15, "possessive-role-curly": 15, "role-after-name": 20, "spokesperson-for": 15,
              "statement-org": 20, "igo-officer": 20, "name-variant": 15, "surname-clash": 10, "short-partial": 25,
              "scare-quotes": 10}
FLOOR_PASSED = 0.75  # 138 of 179 cases (0.771) pass; 50 did before the speaker chain of issue 18
FLOOR_SPEAKER = 0.83  # speaker accuracy over the quotes found: 0.849 (0.426 before)


@pytest.fixture(scope="module")
def scored(pipeline: Pipeline) -> dict[str, list[str]]:
    return {case["id"]: score_case(case, record)["problems"] for case, record in records(pipeline, CASES)}


def test_the_table_covers_every_case_the_issue_names() -> None:
    covered = Counter(case["covers"] for case in CASES)
    assert set(covered) == set(CATEGORIES)
    assert all(covered[k] >= least for k, least in CATEGORIES.items()), covered
    assert len(CASES) >= 150 and len({c["id"] for c in CASES}) == len(CASES)
    assert KNOWN_MISSES <= {c["id"] for c in CASES}, "a known miss names no case"
    curly = [c for c in CASES if c["covers"] == "possessive-role-curly"]
    assert all("’s" in c["text"] for c in curly) and all("'s" in c["text"] for c in CASES if c["covers"] == "possessive-role-straight")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_speaker_case(case: dict, scored, request) -> None:
    if case["id"] in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known miss (speaker_cases_known_misses.txt)"))
    assert not scored[case["id"]], scored[case["id"]]


def test_floors(pipeline: Pipeline) -> None:
    overall = score_table(pipeline, CASES)["overall"]
    assert overall["passed"] / overall["cases"] >= FLOOR_PASSED, overall
    assert overall["speaker_accuracy"] >= FLOOR_SPEAKER, overall
    assert overall["quotes"]["f1"] >= 0.95, overall


def test_floors_on_whole_articles(pipeline: Pipeline) -> None:
    """The 40 whole articles of speaker_articles.yaml, written blind and first scored after the
    speaker chain was built: speaker accuracy 0.603 (0.426 before it), quote F1 0.934; 0.735
    once datelines gave people their country."""
    overall = score_table(pipeline, load_cases(TABLES["speaker_articles"]))["overall"]
    assert overall["cases"] == 40
    assert overall["speaker_accuracy"] >= 0.71, overall
    assert overall["quotes"]["f1"] >= 0.92, overall


def test_floors_on_blind_articles(pipeline: Pipeline) -> None:
    """24 articles written blind (speaker_articles_blind.yaml): speaker accuracy 0.416 with the
    speaker chain as issue 18 left it, 0.659 when first scored after the dateline work, and
    0.803 once developed against; quote F1 0.919."""
    overall = score_table(pipeline, load_cases(TABLES["speaker_articles_blind"]))["overall"]
    assert overall["cases"] == 24
    assert overall["speaker_accuracy"] >= 0.78, overall
    assert overall["quotes"]["f1"] >= 0.90, overall


def test_floors_on_held_out_articles(pipeline: Pipeline) -> None:
    """20 articles written blind and held out (speaker_articles_heldout.yaml): only ever scored,
    their problems never read. Speaker accuracy 0.466 as issue 18 left the code (9867f83),
    0.788 when first scored; quote F1 0.949 and 0.953."""
    overall = score_table(pipeline, load_cases(TABLES["speaker_articles_heldout"]))["overall"]
    assert overall["cases"] == 20
    assert overall["speaker_accuracy"] >= 0.76, overall
    assert overall["quotes"]["f1"] >= 0.93, overall
