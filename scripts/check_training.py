"""Check the training corpus (training/*.jsonl): every passage well formed and every span exact.

Each line is one passage, coded as the synthetic dev set codes them (../shared/README.md):
``{"id", "published", "text", "events": [{"type": [...], "source": {"text", "country", "sector"},
"target": {...} | null, "modality", "reciprocal", "historical"}], "note"}``. Reports every problem
as ``FILE:LINE: id: what`` and a summary by type and modality; exits 1 if any line is wrong.

    .venv/bin/python scripts/check_training.py [FILES...]     # default: training/*.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "intended", "requested", "negated", "hypothetical", "claimed"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "MED", "BUS", "CVL", "REF", "IGO", "PTY", "PRM", "SPY",
           "UAF", "CRM", "EDU", "ELI", "LAB", "REL", "SOC", "HLH", "AGR", "NGO"}
ORGS = {"UN", "EU", "NATO", "AU", "IAEA", "WHO", "IMF", "ICC", "ICJ", "ASEAN", "ECOWAS", "OSCE", "OPEC", "WTO",
        "UNHCR", "UNICEF", "WFP", "ICRC", "GCC", "ARAB_LEAGUE", "SADC", "IGAD", "OAS", "CARICOM", "MERCOSUR", "SCO",
        "BRICS", "G7", "G20", "CSTO", "WORLD_BANK", "AMNESTY", "HRW", "MSF", "OTHER_IGO", "OTHER_NGO"}


def countries() -> set[str]:
    with (ROOT / "src/newsgraph/data/actors/countries.csv").open(encoding="utf-8", newline="") as f:
        return {row["iso3"] for row in csv.DictReader(f)}


def _side(side: object, text: str, where: str, codes: set[str]) -> list[str]:
    if side is None:
        return []
    if not isinstance(side, dict) or set(side) != {"text", "country", "sector"}:
        return [f"{where}: must be {{text, country, sector}} or null"]
    problems = []
    if not isinstance(side["text"], str) or not side["text"] or side["text"] not in text:
        problems.append(f"{where}: text {side['text']!r} is not a substring of the passage")
    if side["country"] is not None and side["country"] not in codes:
        problems.append(f"{where}: country {side['country']!r} is not ISO 3166-1 alpha-3 or a known organisation code")
    if side["sector"] is not None and side["sector"] not in SECTORS:
        problems.append(f"{where}: sector {side['sector']!r} is not a PLOVER sector")
    return problems


def check_passage(obj: object, codes: set[str]) -> list[str]:
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    missing = {"id", "published", "text", "events"} - set(obj)
    if missing:
        return [f"missing {', '.join(sorted(missing))}"]
    text, problems = obj["text"], []
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    for n, event in enumerate(obj["events"]):
        where = f"event {n}"
        if not isinstance(event, dict):
            problems.append(f"{where}: not an object")
            continue
        types = event.get("type")
        if not isinstance(types, list) or not types or any(t not in TYPES for t in types):
            problems.append(f"{where}: type {types!r} is not a list of PLOVER types")
        if event.get("modality") not in MODALITIES:
            problems.append(f"{where}: modality {event.get('modality')!r}")
        for flag in ("reciprocal", "historical"):
            if not isinstance(event.get(flag), bool):
                problems.append(f"{where}: {flag} must be true or false")
        if event.get("source") is None:
            problems.append(f"{where}: no source")
        problems += _side(event.get("source"), text, f"{where} source", codes)
        problems += _side(event.get("target"), text, f"{where} target", codes)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "training").glob("*.jsonl"))
    codes = countries() | ORGS | {"XKX", "IGO", "NGO"}
    bad, passages, ids = 0, 0, Counter()
    types, modalities = Counter(), Counter()
    for path in files:
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            passages += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path.name}:{lineno}: not JSON ({e.msg})")
                bad += 1
                continue
            ids[obj.get("id") if isinstance(obj, dict) else None] += 1
            for problem in check_passage(obj, codes):
                print(f"{path.name}:{lineno}: {obj.get('id') if isinstance(obj, dict) else '?'}: {problem}")
                bad += 1
            for event in obj.get("events", []) if isinstance(obj, dict) else []:
                if isinstance(event, dict) and isinstance(event.get("type"), list) and event["type"]:
                    types[event["type"][0]] += 1
                    modalities[event.get("modality")] += 1
    for dup, n in ids.items():
        if n > 1:
            print(f"id {dup!r} is used {n} times")
            bad += 1
    print(f"{passages} passages, {sum(types.values())} events, {bad} problems")
    print("  types:", ", ".join(f"{t} {n}" for t, n in types.most_common()))
    print("  modalities:", ", ".join(f"{m} {n}" for m, n in modalities.most_common()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
