"""Evaluation gate: PLOVER GSR (type, source country, target country) micro-F1 must not fall
below the floor measured when this gate was set (bench/eval_events.py prints the table)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_events import score_gsr  # noqa: E402

GSR_F1_FLOOR = 0.60  # the target; measured 0.631 (P 0.649, R 0.613)


def test_eval_gsr_f1_floor(shared, pipeline) -> None:
    result = score_gsr(pipeline, shared)
    assert result["sentences"] == 322
    assert result["overall"]["f1"] >= GSR_F1_FLOOR, result["overall"]
