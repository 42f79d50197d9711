"""Table-driven: actor mentions in context → (country, sector).

The cases (tests/data/actor_cases.yaml) are sentences we wrote, across every
continent and sector. Cases newsgraph still gets wrong are listed in
tests/data/actor_cases_known_misses.txt and marked strict xfail, so a fix
makes the suite say so; a floor on the overall accuracy guards regressions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from eval_actors import resolve_case  # noqa: E402

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record

DATA = Path(__file__).resolve().parents[2] / "data"
CASES = yaml.safe_load((DATA / "actor_cases.yaml").read_text("utf-8"))
KNOWN_MISSES = {
    line.strip() for line in (DATA / "actor_cases_known_misses.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
ACCURACY_FLOOR = 0.90


def case_id(case: dict) -> str:
    return f"{case['mention']} | {case['sentence'][:60].rstrip()}"


@pytest.fixture(scope="module")
def resolved(pipeline: Pipeline) -> dict[str, tuple[str | None, str | None]]:
    raws = [RawDocument(ref=InputRef(path=f"case{i}", format="text"), text=c["sentence"],
                        published=str(c["date"]) if c.get("date") else None) for i, c in enumerate(CASES)]
    out = {}
    for case, record in zip(CASES, pipeline.run(raws), strict=True):
        assert isinstance(record, Record)
        out[case_id(case)] = resolve_case(record, case, pipeline.nlp)
    return out


def test_actor_cases_table_is_large_and_varied() -> None:
    assert len(CASES) >= 200
    sectors = {c["sector"] for c in CASES}
    assert {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "MED", "BUS", "CVL", "REF"} <= sectors
    assert KNOWN_MISSES <= {case_id(c) for c in CASES}, "a known miss names no case"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_actor_case(case: dict, resolved, request) -> None:
    if case_id(case) in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known miss (actor_cases_known_misses.txt)"))
    assert resolved[case_id(case)] == (case["country"], case["sector"])


def test_actor_cases_accuracy_floor(resolved) -> None:
    right = sum(resolved[case_id(c)] == (c["country"], c["sector"]) for c in CASES)
    assert right / len(CASES) >= ACCURACY_FLOOR
