"""Score the event coder: PLOVER GSR (type, source country, target country) P/R/F1, and the seed's gold events.

    .venv/bin/python bench/eval_events.py [--shared ../shared] [--json OUT] [--misses]

PLOVER GSR: ``../shared/eval/PLOVER_GSR_CAMEO.json`` (322 sentences of the
CAMEO manual coded in PLOVER; CC BY-SA 4.0, read in place). Old labels are
mapped (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT)
and old codes (JAP→JPN, ITL→ITA, VTN→VNM). Only asserted events are scored,
as filters and exports default to them, and not background (historical)
events, which the GSR does not code: it codes the event a sentence reports. A reciprocal event matches in either
direction; a GSR item with two sources and no target (its way of coding a
joint act) is the pair of them. Micro-averaged, overall and per type.

Seed: the required events of ``examples/seed/gold.json`` (type, source,
target, asserted, date), the optional ones reported apart, and forbidden
ones counted as errors.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import RawDocument, read_inputs
from newsgraph.records import Event, InputRef, Record

ROOT = Path(__file__).resolve().parents[1]
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

Triple = tuple[str, str | None, str | None]


def _codes(value: Any) -> list[str | None]:
    if not value:
        return [None]
    if isinstance(value, str):
        return [OLD_CODES.get(value, value) or None]
    return [OLD_CODES.get(v.get("code"), v.get("code")) or None for v in value]


def gold_triples(item: dict) -> list[Triple]:
    """The GSR codes a joint act ("X and Y held talks") as several sources and no target:
    that is the pair X↔Y, which a reciprocal event matches in either direction."""
    kind = OLD_TYPES.get(item["event"], item["event"])
    sources, targets = _codes(item.get("source")), _codes(item.get("target"))
    if targets == [None] and len(sources) == 2 and None not in sources:
        return [(kind, sources[0], sources[1])]
    return [(kind, s, t) for s in sources for t in targets if s]


def event_triples(events: tuple[Event, ...]) -> list[tuple[Triple, bool]]:
    return [((e.type or "", e.source.country if e.source else None, e.target.country if e.target else None), e.reciprocal)
            for e in events if e.modality == "asserted" and e.type and not e.historical]


def match(gold: list[Triple], pred: list[tuple[Triple, bool]]) -> tuple[list[Triple], list[Triple], list[Triple]]:
    """(true positives, false negatives, false positives), greedily."""
    left = list(gold)
    tp, fp = [], []
    for triple, reciprocal in pred:
        reverse = (triple[0], triple[2], triple[1])
        if triple in left:
            left.remove(triple)
            tp.append(triple)
        elif reciprocal and reverse in left:
            left.remove(reverse)
            tp.append(reverse)
        else:
            fp.append(triple)
    return tp, left, fp


def prf(tp: int, fn: int, fp: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "tp": tp, "fn": fn, "fp": fp}


def score_gsr(pipeline: Pipeline, shared: Path, misses: bool = False) -> dict[str, Any]:
    items = [x for x in json.loads((shared / "eval/PLOVER_GSR_CAMEO.json").read_text("utf-8")) if x["event"] != "DOCUMENT"]
    raws = [RawDocument(ref=InputRef(path=x["id"], format="text"), text=x["text"], headline="GSR", standfirst="GSR",
                        published=x.get("date")) for x in items]
    counts = {"tp": Counter(), "fn": Counter(), "fp": Counter()}
    for item, record in zip(items, pipeline.run(raws), strict=True):
        assert isinstance(record, Record), record
        tp, fn, fp = match(gold_triples(item), event_triples(record.events))
        for name, found in (("tp", tp), ("fn", fn), ("fp", fp)):
            for triple in found:
                counts[name][triple[0]] += 1
        if misses and (fn or fp):
            print(f"{item['id']}: missed {fn} wrong {fp} :: {item['text'][:150]}")
    types = sorted(set(counts["tp"]) | set(counts["fn"]) | set(counts["fp"]))
    overall = prf(*(sum(counts[k].values()) for k in ("tp", "fn", "fp")))
    return {"sentences": len(items), "overall": overall,
            "by_type": {t: prf(counts["tp"][t], counts["fn"][t], counts["fp"][t]) for t in types}}


def _fits(event: Event, gold: dict) -> bool:
    sources = gold["source"] if isinstance(gold["source"], list) else [gold["source"]]
    targets = gold["target"] if isinstance(gold["target"], list) else [gold["target"]]
    src = event.source.country if event.source else None
    tgt = event.target.country if event.target else None
    direct = src in sources and tgt in targets
    reverse = (gold.get("reciprocal") or event.reciprocal) and tgt in sources and src in targets
    return event.type in gold["type"] and (direct or bool(reverse))


def score_seed(pipeline: Pipeline, shared: Path) -> dict[str, Any]:
    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))
    items = read_inputs([str(shared / "examples/seed/article.txt")], max_bytes=5_000_000, published=gold["published"])
    [record] = list(pipeline.run(items))
    asserted = [e for e in record.events if e.modality == "asserted"]
    found: dict[str, dict[str, Any]] = {}
    for g in gold["events"]:
        hits = [e for e in (record.events if g.get("historical") else asserted) if _fits(e, g)]
        dated = [e for e in hits if "date" not in g or e.date == g["date"]]
        found[g["id"]] = {"required": g["required"], "found": bool(hits), "date_ok": bool(dated),
                          "historical_ok": all(e.historical for e in hits) if g.get("historical") else None}
    forbidden = []
    for f in gold["forbidden_events"]:
        for e in asserted:
            src = e.source.country if e.source else None
            tgt = e.target.country if e.target else None
            if src == f.get("source") and ("target" not in f or tgt == f["target"]) and ("type" not in f or e.type in f["type"]):
                forbidden.append(f"{e.type} {src}->{tgt}: {e.evidence[:80]}")
    required = [v for v in found.values() if v["required"]]
    return {
        "required_found": sum(v["found"] for v in required), "required": len(required),
        "required_dated": sum(v["found"] and v["date_ok"] for v in required),
        "optional_found": sum(v["found"] for v in found.values() if not v["required"]),
        "optional": sum(not v["required"] for v in found.values()),
        "forbidden_asserted": forbidden, "events": len(record.events), "by_event": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    pipeline = build_pipeline()
    gsr = score_gsr(pipeline, args.shared, args.misses)
    seed = score_seed(pipeline, args.shared)
    o = gsr["overall"]
    print(f"PLOVER GSR ({gsr['sentences']} sentences), asserted events, (type, source country, target country):")
    print(f"  micro P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}  (tp {o['tp']}, fn {o['fn']}, fp {o['fp']})")
    print(f"  {'type':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>4s} {'fn':>4s} {'fp':>4s}")
    for t, s in gsr["by_type"].items():
        print(f"  {t:10s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['tp']:4d} {s['fn']:4d} {s['fp']:4d}")
    print(f"seed: required {seed['required_found']}/{seed['required']} found ({seed['required_dated']} with the right date), "
          f"optional {seed['optional_found']}/{seed['optional']}, forbidden asserted {len(seed['forbidden_asserted'])}")
    for line in seed["forbidden_asserted"]:
        print(f"  forbidden: {line}")
    if args.json:
        args.json.write_text(json.dumps({"gsr": gsr, "seed": seed}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
