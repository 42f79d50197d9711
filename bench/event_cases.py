"""Which of tests/data/event_cases.yaml the coder gets right; rewrites the known-misses list with --update.

    .venv/bin/python bench/event_cases.py [--update] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit" / "events"))

from test_event_cases import CASES, case_id, fits  # noqa: E402

from newsgraph.pipeline import build_pipeline  # noqa: E402
from newsgraph.reader.sources import RawDocument  # noqa: E402
from newsgraph.records import InputRef  # noqa: E402

MISSES = ROOT / "tests" / "data" / "event_cases_known_misses.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    pipeline = build_pipeline()
    raws = [RawDocument(ref=InputRef(path=f"case{i}", format="text"), text=c["sentence"],
                        published="2023-06-14") for i, c in enumerate(CASES)]
    right, total, misses = Counter(), Counter(), []
    for case, record in zip(CASES, pipeline.run(raws), strict=True):
        ok = any(fits(e, case) for e in record.events)
        for key in (case["type"], case["modality"]):
            total[key] += 1
            right[key] += ok
        if not ok:
            misses.append(case_id(case))
            if args.misses:
                got = [(e.type, e.modality, e.source and e.source.country, e.target and e.target.country) for e in record.events]
                print(f"MISS {case['type']} {case['modality']} {case['source']}->{case['target']} got {got} :: {case['sentence']}")
    if args.update:  # before printing, so a closed pipe cannot stop it
        header = [line for line in MISSES.read_text("utf-8").splitlines() if line.startswith("#")]
        MISSES.write_text("\n".join(header + misses) + "\n", "utf-8")
    n = len(CASES)
    print(f"event cases: {n - len(misses)}/{n} = {(n - len(misses)) / n:.3f}")
    for key in sorted(total):
        print(f"  {key:12s} {right[key]}/{total[key]}")


if __name__ == "__main__":
    main()
