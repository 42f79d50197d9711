"""Score actor resolution on the mention-in-context table (tests/data/actor_cases.yaml).

For each case the sentence is run through the pipeline (with the case's date
as the publication date); the actor whose mention covers the case's mention
is compared on (country, sector). Prints accuracy overall and by sector and
lists the misses.

    .venv/bin/python bench/eval_actors.py [--misses]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from newsgraph.pipeline import build_pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "actor_cases.yaml"


def mention_span(case: dict) -> tuple[int, int]:
    start = -1
    for _ in range(case.get("occurrence", 1)):
        start = case["sentence"].index(case["mention"], start + 1)
    return start, start + len(case["mention"])


def resolve_case(record: Record, case: dict) -> tuple[str | None, str | None]:
    """(country, sector) of the actor with a mention overlapping the case's mention."""
    offset = record.text.index(case["sentence"])
    start, end = (x + offset for x in mention_span(case))
    best = None
    for actor in record.actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor)
    if best is None:
        return None, None
    return best[1].country, best[1].sector


def run_cases(cases: list[dict]) -> list[tuple[dict, tuple[str | None, str | None]]]:
    pipeline = build_pipeline()
    raws = [RawDocument(ref=InputRef(path=f"case{i}", format="text"), text=c["sentence"], headline="Case",
                        published=str(c["date"]) if c.get("date") else None) for i, c in enumerate(cases)]
    out = []
    for case, record in zip(cases, pipeline.run(raws), strict=True):
        assert isinstance(record, Record), record
        out.append((case, resolve_case(record, case)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    cases = yaml.safe_load(CASES.read_text("utf-8"))
    results = run_cases(cases)
    total, ok = Counter(), Counter()
    for case, got in results:
        total[case["sector"]] += 1
        if got == (case["country"], case["sector"]):
            ok[case["sector"]] += 1
        elif args.misses:
            print(f"MISS {case['mention']!r} want {case['country']} {case['sector']} got {got} :: {case['sentence']}")
    n, k = sum(total.values()), sum(ok.values())
    print(f"actor cases: {k}/{n} = {k / n:.3f}")
    for sector in sorted(total):
        print(f"  {sector}: {ok[sector]}/{total[sector]}")


if __name__ == "__main__":
    main()
