"""The seed article's events against gold.json: the required ones asserted with type, source,
target and date; no forbidden event asserted; a background event marked historical."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_events import score_seed  # noqa: E402


@pytest.fixture(scope="module")
def seed_score(shared, pipeline):
    return score_seed(pipeline, shared)


def test_seed_required_events_found_asserted_with_dates(seed_score) -> None:
    assert seed_score["required_found"] == seed_score["required"] == 6, seed_score["by_event"]
    assert seed_score["required_dated"] == 6, seed_score["by_event"]


def test_seed_no_forbidden_event_asserted(seed_score) -> None:
    assert seed_score["forbidden_asserted"] == []


def test_seed_historical_event_marked(seed_score) -> None:
    e12 = seed_score["by_event"]["E12"]
    assert e12["historical_ok"] in (True, None)


def test_seed_events_carry_evidence(shared, extract) -> None:
    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))
    [record] = extract(shared / "examples/seed/article.txt", published=gold["published"])
    assert record.events
    for event in record.events:
        sentence = record.sentences[event.sentence]
        assert record.text[sentence.start:sentence.end] == event.evidence
        assert sentence.start <= event.predicate.start < event.predicate.end <= sentence.end
        for arg in (event.source, event.target):
            if arg is not None and arg.end > arg.start:
                assert record.text[arg.start:arg.end] == arg.text
        assert 0 < event.confidence <= 1
