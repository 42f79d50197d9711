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


def resolve_case(record: Record, case: dict, nlp) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    """(country, sector) of the actor with the smallest mention holding the head word of the case's mention."""
    offset = record.text.index(case["sentence"])
    start, end = (x + offset for x in mention_span(case))
    doc = nlp(record.text)
    span = doc.char_span(start, end, alignment_mode="expand")
    head = span.root.idx if span is not None else start
    best = None
    for actor in record.actors:
        for m in actor.mentions:
            if m.start <= head < m.end and max(m.start, start) < min(m.end, end):
                if best is None or m.end - m.start < best[0]:
                    best = (m.end - m.start, actor)
    if best is None:
        return None, None
    return best[1].country, best[1].sector


def run_cases(cases: list[dict]) -> list[tuple[dict, tuple[str | None, str | None]]]:
    pipeline = build_pipeline()
    raws = [RawDocument(ref=InputRef(path=f"case{i}", format="text"), text=c["sentence"],
                        published=str(c["date"]) if c.get("date") else None) for i, c in enumerate(cases)]
    out = []
    for case, record in zip(cases, pipeline.run(raws), strict=True):
        assert isinstance(record, Record), record
        out.append((case, resolve_case(record, case, pipeline.nlp)))
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
