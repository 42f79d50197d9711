"""Evaluation gates: the event coder on both dev sets, read as users feed them (one JSONL record
per passage), must not fall below the floors measured when the gates were set
(bench/eval_events.py prints the tables)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_events import score_gsr, score_synthetic  # noqa: E402

GSR_F1_FLOOR = 0.62  # measured 0.630 (P 0.642, R 0.619)
SYNTHETIC_COUNTRY_F1_FLOOR = 0.34  # measured 0.348 (P 0.385, R 0.318)
SYNTHETIC_SPAN_F1_FLOOR = 0.30  # measured 0.314


def test_eval_gsr_f1_floor(shared, pipeline) -> None:
    result = score_gsr(pipeline, shared)
    assert result["sentences"] == 322
    assert result["overall"]["f1"] >= GSR_F1_FLOOR, result["overall"]


def test_eval_synthetic_f1_floors(shared, pipeline) -> None:
    if not (shared / "eval" / "synthetic_events.jsonl").is_file():
        pytest.skip("no synthetic dev set in ../shared")
    result = score_synthetic(pipeline, shared)
    assert result["passages"] >= 500
    assert result["country"]["overall"]["f1"] >= SYNTHETIC_COUNTRY_F1_FLOOR, result["country"]["overall"]
    assert result["span"]["overall"]["f1"] >= SYNTHETIC_SPAN_F1_FLOOR, result["span"]["overall"]
