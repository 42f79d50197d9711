"""Table-driven: the event coder on sentences we wrote, for each PLOVER type and each modality.

The cases are tests/data/event_cases.yaml. A case passes when some event of
the sentence has its type, source country (one of them, for compound
sources), target country (either direction for reciprocal events) and
modality. Cases the coder still misses are listed in
tests/data/event_cases_known_misses.txt as strict xfail, and floors on the
share coded right, overall and per modality, guard regressions.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import Event, InputRef, Record

DATA = Path(__file__).resolve().parents[2] / "data"
CASES = yaml.safe_load((DATA / "event_cases.yaml").read_text("utf-8"))
KNOWN_MISSES = {
    line.strip() for line in (DATA / "event_cases_known_misses.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
FLOOR = 0.80  # measured 166/194 = 0.86


def case_id(case: dict) -> str:
    return f"{case['type']} {case['modality']} | {case['sentence'][:60].rstrip()}"


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def fits(event: Event, case: dict) -> bool:
    src = event.source.country if event.source else None
    tgt = event.target.country if event.target else None
    sources, targets = _as_list(case["source"]), _as_list(case["target"])
    direct = src in sources and tgt in targets
    reverse = (case.get("reciprocal") or event.reciprocal) and src in targets and tgt in sources
    return event.type == case["type"] and event.modality == case["modality"] and (direct or bool(reverse))


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> dict[str, bool]:
    raws = [RawDocument(ref=InputRef(path=f"case{i}", format="text"), text=c["sentence"],
                        published="2023-06-14") for i, c in enumerate(CASES)]
    out = {}
    for case, record in zip(CASES, pipeline.run(raws), strict=True):
        assert isinstance(record, Record)
        out[case_id(case)] = any(fits(e, case) for e in record.events)
    return out


def test_event_cases_cover_every_type_and_modality() -> None:
    types = Counter(c["type"] for c in CASES)
    modalities = Counter(c["modality"] for c in CASES)
    assert len(types) == 16 and min(types.values()) >= 10
    assert set(modalities) == {"asserted", "intended", "requested", "hypothetical", "negated", "claimed"}
    assert KNOWN_MISSES <= {case_id(c) for c in CASES}, "a known miss names no case"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_event_case(case: dict, coded, request) -> None:
    if case_id(case) in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known miss (event_cases_known_misses.txt)"))
    assert coded[case_id(case)]


def test_event_cases_floor(coded) -> None:
    assert sum(coded.values()) / len(CASES) >= FLOOR
