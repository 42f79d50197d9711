"""Score quotations and their speakers on the seed's gold annotation and on our case tables.

    .venv/bin/python bench/eval_quotes.py [--shared ../shared] [--json OUT] [--problems]

Tables (``bench/quote_table.py``): tests/data/speaker_cases.yaml and quote_cases.yaml, read as
JSONL records; quote P/R/F1 (every quotation and piece of indirect speech they list), speaker
accuracy over the quotes found, attributed F1 (a quote counts only with its right speaker),
the share of cases wholly right, and the same by category.

Seed:
A predicted quotation matches a gold one when their spans overlap by at least
half of the shorter. Precision, recall and F1 count direct and partial
quotations (the gold annotates quotations, not indirect speech; indirect
speech found is reported apart). Speaker accuracy is over matched quotations:
the predicted speaker is right when it is the gold speaker (or one of its
``alt_speakers``), by name or by one of the gold actor's mentions. The gold's
``not_quotes`` must not come out as quotations.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from quote_table import HELD_OUT, TABLES, load_cases, score_table

from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.records import Quote, Record

ROOT = Path(__file__).resolve().parents[1]


def _gold_span(text: str, quote: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at < 0:
        at = text.find(quote.rstrip(",. "))
        quote = quote.rstrip(",. ")
    return (at, at + len(quote)) if at >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _names(gold: dict, speaker: str) -> set[str]:
    names = {speaker.lower()}
    for actor in gold.get("actors", []):
        if actor["name"] == speaker:
            names |= {m.lower() for m in actor.get("mentions", [])}
    return names


def _speaker_ok(gold: dict, g: dict, q: Quote) -> bool:
    if q.speaker is None:
        return False
    said = {q.speaker.name.lower(), q.speaker.text.lower()}
    return any(said & _names(gold, s) for s in [g["speaker"], *g.get("alt_speakers", [])])


def score_seed(pipeline: Pipeline, shared: Path) -> dict[str, Any]:
    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))
    items = read_inputs([str(shared / "examples/seed/article.txt")], max_bytes=5_000_000, published=gold["published"])
    [record] = list(pipeline.run(items))
    assert isinstance(record, Record), record
    return score(record, gold)


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r) if p + r else 0.0, 3)


def score(record: Record, gold: dict) -> dict[str, Any]:
    text = record.text
    predicted = [q for q in record.quotes if q.kind != "indirect"]
    golds = [(g, _gold_span(text, g["text"])) for g in gold["quotes"]]
    matched: list[tuple[dict, Quote]] = []
    used: set[str] = set()
    missed = []
    for g, span in golds:
        hit = next((q for q in predicted if q.id not in used and span and _overlaps(span, (q.start, q.end))), None)
        if hit is None:
            missed.append(g["text"][:60])
            continue
        used.add(hit.id)
        matched.append((g, hit))
    tp = len(matched)
    fp = len(predicted) - tp
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(golds) if golds else 0.0
    speakers = [_speaker_ok(gold, g, q) for g, q in matched]
    kinds = [g["kind"] == q.kind for g, q in matched]
    not_quotes = [q.text for q in record.quotes for n in gold.get("not_quotes", []) if q.text.strip(" ,.") == n]
    return {
        "gold": len(golds), "predicted": len(predicted), "tp": tp, "fp": fp,
        "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
        "speaker_accuracy": round(sum(speakers) / len(speakers), 3) if speakers else 0.0,
        "attributed_f1": _f1(sum(speakers) / len(predicted) if predicted else 0.0, sum(speakers) / len(golds) if golds else 0.0),
        "kind_accuracy": round(sum(kinds) / len(kinds), 3) if kinds else 0.0,
        "indirect": sum(q.kind == "indirect" for q in record.quotes),
        "missed": missed,
        "wrong_speaker": [f"{g['text'][:50]} → {q.speaker.name if q.speaker else None} (gold {g['speaker']})"
                          for (g, q), ok in zip(matched, speakers, strict=True) if not ok],
        "not_quotes_output": not_quotes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--problems", action="store_true", help="list what each failed case got wrong")
    args = parser.parse_args()
    pipeline = build_pipeline()
    result = score_seed(pipeline, args.shared)
    print(f"seed quotes: gold {result['gold']}, predicted {result['predicted']} (direct and partial), "
          f"indirect speech {result['indirect']}")
    print(f"  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}  "
          f"speaker accuracy {result['speaker_accuracy']:.3f}  attributed F1 {result['attributed_f1']:.3f}  "
          f"kind accuracy {result['kind_accuracy']:.3f}")
    for line in result["missed"]:
        print(f"  missed: {line}")
    for line in result["wrong_speaker"]:
        print(f"  wrong speaker: {line}")
    for line in result["not_quotes_output"]:
        print(f"  not a quote, output as one: {line}")
    tables = {name: score_table(pipeline, load_cases(path)) for name, path in TABLES.items()}
    print(f"\n  {'table':24s} {'cases':>6s} {'passed':>7s} {'quote P':>8s} {'R':>6s} {'F1':>6s} {'speaker':>8s} {'attr F1':>8s}")
    for name, table in tables.items():
        rows = [(name, table["overall"])] + [(f"  {k}", v) for k, v in table["by_category"].items()]
        for label, t in rows:
            q = t["quotes"]
            print(f"  {label:24s} {t['cases']:6d} {t['passed']:7d} {q['precision']:8.3f} {q['recall']:6.3f} {q['f1']:6.3f} "
                  f"{t['speaker_accuracy']:8.3f} {t['attributed']['f1']:8.3f}")
        if args.problems and name not in HELD_OUT:  # a held-out table is scored, its problems never shown
            for cid, problems in table["problems"].items():
                print(f"    {cid}: " + " | ".join(problems))
    if args.json:
        for name in HELD_OUT:
            tables[name] = {k: v for k, v in tables[name].items() if k != "problems"}
        args.json.write_text(json.dumps({"seed": result, "tables": tables}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
