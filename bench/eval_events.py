"""Score the event coder on both dev sets, as a user feeds them, and check the seed's gold events.

    .venv/bin/python bench/eval_events.py [--shared ../shared] [--json OUT] [--misses]

Each dev set is written to a JSONL file, one record per passage
(``{"id", "text", "published"}``), and read back through ``read_inputs`` and the
pipeline, exactly as ``newsgraph extract passages.jsonl`` reads it.

PLOVER GSR: ``../shared/eval/PLOVER_GSR_CAMEO.json`` (322 sentences of the
CAMEO manual coded in PLOVER; CC BY-SA 4.0, read in place). Old labels are
mapped (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT)
and old codes (JAP→JPN, ITL→ITA, VTN→VNM). Only asserted events are scored,
as filters and exports default to them, and not background (historical)
events, which the GSR does not code: it codes the event a sentence reports. A
reciprocal event matches in either direction; a GSR item with two sources and
no target (its way of coding a joint act) is the pair of them.

Synthetic dev set: ``../shared/eval/synthetic_events.jsonl`` (about 500 short
passages written for newsgraph without sight of the coder, each with every event
it reports). An event matches a gold one when its type is one the gold allows,
its modality and background flag are the gold's, and either
* **country**: its source and target countries are the gold's, or
* **span**: its source and target mentions overlap the gold's spans (no target on
  both sides also agrees).
Reciprocal events match either way round. Scored over every modality, per type
and per modality; an asserted event where the gold says otherwise is also
counted (``asserted_wrongly``), and the asserted-only score is given beside it,
comparable with the GSR's. Micro-averaged throughout.

Seed: the required events of ``examples/seed/gold.json`` (type, source,
target, asserted, date), the optional ones reported apart, and forbidden
ones counted as errors.

``--ablation`` scores each bundled lexicon alone and together; ``--coders`` the rules, the
learned model and their hybrid ([extract] coder), with per-type and per-modality tables in the JSON.

Writes ``bench/out/eval_events.json`` (or ``--json OUT``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from functools import lru_cache
from typing import Any

import pycountry

from newsgraph.data import read_rows
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.records import Event, EventActor, Record

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
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


def records_for(pipeline: Pipeline, passages: list[dict[str, Any]]) -> Iterator[Record]:
    """The pipeline's record of each passage, read from a JSONL file as ``newsgraph extract`` reads one."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "passages.jsonl"
        path.write_text("".join(json.dumps({"id": p["id"], "text": p["text"], "published": p.get("published") or p.get("date")})
                                + "\n" for p in passages), "utf-8")
        for passage, record in zip(passages, pipeline.run(read_inputs([str(path)], max_bytes=5_000_000)), strict=True):
            if not isinstance(record, Record):
                raise SystemExit(f"eval: passage {passage['id']} was not extracted: {record}")
            yield record


def _table(counts: dict[str, Counter[str]]) -> dict[str, Any]:
    keys = sorted(set(counts["tp"]) | set(counts["fn"]) | set(counts["fp"]))
    return {k: prf(counts["tp"][k], counts["fn"][k], counts["fp"][k]) for k in keys}


def score_gsr(pipeline: Pipeline, shared: Path, misses: bool = False) -> dict[str, Any]:
    items = [x for x in json.loads((shared / "eval/PLOVER_GSR_CAMEO.json").read_text("utf-8")) if x["event"] != "DOCUMENT"]
    counts: dict[str, Counter[str]] = {"tp": Counter(), "fn": Counter(), "fp": Counter()}
    for item, record in zip(items, records_for(pipeline, items), strict=True):
        tp, fn, fp = match(gold_triples(item), event_triples(record.events))
        for name, found in (("tp", tp), ("fn", fn), ("fp", fp)):
            for triple in found:
                counts[name][triple[0]] += 1
        if misses and (fn or fp):
            print(f"{item['id']}: missed {fn} wrong {fp} :: {item['text'][:150]}")
    overall = prf(*(sum(counts[k].values()) for k in ("tp", "fn", "fp")))
    return {"sentences": len(items), "overall": overall, "by_type": _table(counts)}


# -- the synthetic dev set --------------------------------------------------------------------------


def _overlaps(mention: EventActor | None, gold: dict | None, text: str) -> bool:
    if gold is None or mention is None:
        return gold is None and mention is None
    start = text.find(gold["text"])
    return start >= 0 and mention.start < start + len(gold["text"]) and start < mention.end


# The synthetic set names an international body by its own code ("UN", "ECOWAS", "MSF"),
# "OTHER_IGO" / "OTHER_NGO" for one outside its list; we write "IGO"/"NGO" with the body in the
# actor's ``org``. A body is also called by the codes of the bodies it belongs to (the Security
# Council is "UN"), and the World Bank is "WB" there.
SYNTHETIC_ALIASES = {"WORLD_BANK": "WB"}


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    return {row["id"]: row["parent"] for row in read_rows("actors/organisations.csv") if row["parent"]}


def _body_codes(org: str | None, kind: str, named: frozenset[str]) -> set[str]:
    """The codes the synthetic set may give a body: its own and its parents', aliased, or
    OTHER_IGO/OTHER_NGO when none of them is a code the set uses."""
    codes, seen = set(), org
    while seen and seen not in codes:
        codes |= {seen, SYNTHETIC_ALIASES.get(seen, seen)}
        seen = _parents().get(seen)
    return codes if codes & named else codes | {f"OTHER_{kind}"}


def _countries(mention: EventActor | None, gold: dict | None, orgs: dict[str, str | None] | None = None,
               named: frozenset[str] = frozenset()) -> bool:
    got, want = (mention.country if mention else None), (gold.get("country") if gold else None)
    if got == want or mention is None or want is None or got not in ("IGO", "NGO") or orgs is None:
        return got == want
    return want in _body_codes(orgs.get(mention.actor), got, named)


def _same(event: Event, gold: dict, text: str, how: str, orgs: dict[str, str | None] | None = None,
          named: frozenset[str] = frozenset()) -> bool:
    if event.type not in gold["type"] or event.modality != gold["modality"] or event.historical != bool(gold.get("historical")):
        return False
    fits = (lambda m, g: _countries(m, g, orgs, named)) if how == "country" else (lambda m, g: _overlaps(m, g, text))
    if fits(event.source, gold["source"]) and fits(event.target, gold["target"]):
        return True
    two_way = gold.get("reciprocal") or event.reciprocal
    return bool(two_way and gold["target"] is not None and fits(event.source, gold["target"])
                and fits(event.target, gold["source"]))


def _match_passage(events: list[Event], golds: list[dict], text: str, how: str, orgs: dict[str, str | None] | None = None,
                   named: frozenset[str] = frozenset()) -> tuple[list[dict], list[dict], list[Event]]:
    """(matched golds, missed golds, unmatched events), greedily in order."""
    left, hits, extra = list(golds), [], []
    for event in events:
        found = next((g for g in left if _same(event, g, text, how, orgs, named)), None)
        if found is None:
            extra.append(event)
        else:
            left.remove(found)
            hits.append(found)
    return hits, left, extra


def _scored(event: Event) -> bool:
    return bool(event.type)


def score_synthetic(pipeline: Pipeline, shared: Path, misses: bool = False) -> dict[str, Any]:
    """Country- and span-based P/R/F1 on the synthetic dev set, overall, per type and per modality."""
    passages = [json.loads(line) for line in (shared / "eval/synthetic_events.jsonl").read_text("utf-8").splitlines() if line.strip()]
    result: dict[str, Any] = {"passages": len(passages), "no_event_passages": sum(not p["events"] for p in passages)}
    records = list(records_for(pipeline, passages))
    named = _body_code_names(passages)
    for how in ("country", "span"):
        by_type: dict[str, Counter[str]] = {"tp": Counter(), "fn": Counter(), "fp": Counter()}
        by_mod: dict[str, Counter[str]] = {"tp": Counter(), "fn": Counter(), "fp": Counter()}
        asserted: dict[str, Counter[str]] = {"tp": Counter(), "fn": Counter(), "fp": Counter()}
        wrongly, false_alarms = 0, 0
        for passage, record in zip(passages, records, strict=True):
            events = [e for e in record.events if _scored(e)]
            orgs = {a.id: a.org for a in record.actors}
            hits, missed, extra = _match_passage(events, passage["events"], record.text, how, orgs, named)
            for g in hits:
                by_type["tp"][g["type"][0]] += 1
                by_mod["tp"][g["modality"]] += 1
            for g in missed:
                by_type["fn"][g["type"][0]] += 1
                by_mod["fn"][g["modality"]] += 1
            for e in extra:
                by_type["fp"][e.type or ""] += 1
                by_mod["fp"][e.modality] += 1
            a_hits, a_missed, a_extra = _match_passage(
                [e for e in events if e.modality == "asserted" and not e.historical],
                [g for g in passage["events"] if g["modality"] == "asserted" and not g.get("historical")], record.text, how,
                orgs, named)
            asserted["tp"]["all"] += len(a_hits)
            asserted["fn"]["all"] += len(a_missed)
            asserted["fp"]["all"] += len(a_extra)
            wrongly += sum(1 for e in extra if e.modality == "asserted" and any(
                e.type in g["type"] and g["modality"] != "asserted" for g in passage["events"]))
            false_alarms += len(extra) if not passage["events"] else 0
            if misses and how == "country" and (missed or extra):
                print(f"{passage['id']}: missed {[(g['type'][0], g['source'] and g['source']['country'], g['target'] and g['target']['country'], g['modality']) for g in missed]} "
                      f"wrong {[(e.type, e.source and e.source.country, e.target and e.target.country, e.modality) for e in extra]}")
        overall = prf(*(sum(by_type[k].values()) for k in ("tp", "fn", "fp")))
        result[how] = {"overall": overall, "asserted": prf(asserted["tp"]["all"], asserted["fn"]["all"], asserted["fp"]["all"]),
                       "by_type": _table(by_type), "by_modality": _table(by_mod),
                       "asserted_wrongly": wrongly, "false_alarms_on_no_event_passages": false_alarms}
    return result


def _body_code_names(passages: list[dict]) -> frozenset[str]:
    """The bodies' codes the synthetic set uses (every code that is no ISO country's)."""
    codes = {side.get("country") for p in passages for g in p["events"] for key in ("source", "target")
             for side in (g[key] if isinstance(g[key], list) else [g[key]]) if side}
    return frozenset(c for c in codes if c and not c.startswith("OTHER_") and pycountry.countries.get(alpha_3=c) is None
                     and c != "XKX")


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


def _line(name: str, s: dict[str, Any]) -> str:
    return f"{name:30s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, fn {s['fn']}, fp {s['fp']})"


def report(gsr: dict[str, Any], syn: dict[str, Any], seed: dict[str, Any] | None) -> None:
    print(f"PLOVER GSR: {gsr['sentences']} sentences; synthetic: {syn['passages']} passages "
          f"({syn['no_event_passages']} with no event); micro-averaged")
    print(_line("GSR (asserted, country)", gsr["overall"]))
    print(_line("synthetic, country", syn["country"]["overall"]))
    print(_line("synthetic, span", syn["span"]["overall"]))
    print(_line("synthetic asserted, country", syn["country"]["asserted"]))
    print(f"synthetic: asserted where the gold is not: {syn['country']['asserted_wrongly']}; "
          f"events on no-event passages: {syn['country']['false_alarms_on_no_event_passages']}")
    types = sorted(set(gsr["by_type"]) | set(syn["country"]["by_type"]))
    print(f"\n  {'F1 by type':12s} {'GSR':>6s} {'syn/cty':>8s} {'syn/span':>8s}   (tp/fn/fp synthetic, country)")
    for t in types:
        g, c, sp = gsr["by_type"].get(t), syn["country"]["by_type"].get(t), syn["span"]["by_type"].get(t)
        cell = lambda x: f"{x['f1']:.3f}" if x else "  -  "  # noqa: E731
        counts = f"{c['tp']}/{c['fn']}/{c['fp']}" if c else ""
        print(f"  {t or '(none)':12s} {cell(g):>6s} {cell(c):>8s} {cell(sp):>8s}   {counts}")
    print(f"\n  {'by modality':12s} {'syn/cty':>8s} {'syn/span':>8s}")
    for m in sorted(syn["country"]["by_modality"]):
        c, sp = syn["country"]["by_modality"][m], syn["span"]["by_modality"].get(m)
        print(f"  {m:12s} {c['f1']:8.3f} {sp['f1'] if sp else 0:8.3f}   {c['tp']}/{c['fn']}/{c['fp']}")
    if seed:
        print(f"\nseed: required {seed['required_found']}/{seed['required']} found ({seed['required_dated']} with the right date), "
              f"optional {seed['optional_found']}/{seed['optional']}, forbidden asserted {len(seed['forbidden_asserted'])}")
        for line in seed["forbidden_asserted"]:
            print(f"  forbidden: {line}")


def ablation(shared: Path) -> dict[str, Any]:
    """Each source of predicate knowledge alone and together, on both dev sets."""
    from newsgraph.config import ExtractSettings

    rows = {}
    print(f"\n  {'lexicons':22s} {'GSR F1':>7s} {'syn cty':>8s} {'syn span':>8s} {'syn P':>6s} {'syn R':>6s}")
    for name, lexicons in (("ours only", ("newsgraph",)), ("PETRARCH only", ("petrarch",)),
                           ("both", ("newsgraph", "petrarch"))):
        pipeline = build_pipeline(ExtractSettings(lexicons=lexicons))
        gsr, syn = score_gsr(pipeline, shared), score_synthetic(pipeline, shared)
        rows[name] = {"lexicons": list(lexicons), "gsr": gsr["overall"], "synthetic_country": syn["country"]["overall"],
                      "synthetic_span": syn["span"]["overall"]}
        c = syn["country"]["overall"]
        print(f"  {name:22s} {gsr['overall']['f1']:7.3f} {c['f1']:8.3f} {syn['span']['overall']['f1']:8.3f} "
              f"{c['precision']:6.3f} {c['recall']:6.3f}")
    return rows


def coders(shared: Path) -> dict[str, Any]:
    """Rules, model and hybrid on both dev sets, country- and span-based; per type and modality in the JSON."""
    from newsgraph.config import ExtractSettings

    rows = {}
    print(f"\n  {'coder':10s} {'GSR F1':>7s} {'syn cty':>8s} {'syn span':>8s} {'syn P':>6s} {'syn R':>6s}")
    for coder in ("rules", "model", "hybrid"):
        pipeline = build_pipeline(ExtractSettings(coder=coder))
        gsr, syn = score_gsr(pipeline, shared), score_synthetic(pipeline, shared)
        rows[coder] = {"gsr": gsr, "synthetic": syn}
        c = syn["country"]["overall"]
        print(f"  {coder:10s} {gsr['overall']['f1']:7.3f} {c['f1']:8.3f} {syn['span']['overall']['f1']:8.3f} "
              f"{c['precision']:6.3f} {c['recall']:6.3f}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", type=Path, default=OUT / "eval_events.json")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--ablation", action="store_true",
                        help="also score each bundled lexicon alone (ours only, PETRARCH only) beside both")
    parser.add_argument("--coders", action="store_true",
                        help="also score the rules, the learned model and the hybrid of both ([extract] coder)")
    args = parser.parse_args()
    pipeline = build_pipeline()
    gsr = score_gsr(pipeline, args.shared, args.misses)
    syn = score_synthetic(pipeline, args.shared, args.misses)
    seed = score_seed(pipeline, args.shared)
    report(gsr, syn, seed)
    out: dict[str, Any] = {"gsr": gsr, "synthetic": syn, "seed": seed}
    if args.ablation:
        out["ablation"] = ablation(args.shared)
    if args.coders:
        out["coders"] = coders(args.shared)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", "utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
