"""Choose the name-variant thresholds (data/actors/name_thresholds.csv) on our table of name pairs.

``tests/data/name_pairs.yaml`` holds 210 pairs we wrote: one person spelt two ways
(transliterations, accents, typos, short forms) and two people with a shared surname or
nearly one name. Every pair of thresholds (surname, given names; rapidfuzz ratio 60-98 in
steps of 2) is tried with ``newsgraph.actors.variants.same_name``; the chosen pair makes the
fewest errors when a false merge (two people made one) counts three times a missed one
(ties: the stricter). A wrong merge puts words in the wrong mouth; a missed one only splits
a person in two.

    .venv/bin/python scripts/tune_name_thresholds.py [--check]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import newsgraph.actors.variants as variants  # noqa: E402
from generated import write_or_check  # noqa: E402

PAIRS = ROOT / "tests/data/name_pairs.yaml"
OUT = ROOT / "src/newsgraph/data/actors/name_thresholds.csv"
FALSE_MERGE_COST = 3


def errors(pairs: list[dict], surname: float, given: float) -> tuple[int, int]:
    """(false merges, missed merges) of the pairs at these thresholds."""
    limits = {"surname": surname, "given": given}
    original = variants.thresholds
    variants.thresholds = lambda: limits  # type: ignore[assignment]
    try:
        said = [(variants.same_name(p["a"], p["b"]), p["same"]) for p in pairs]
    finally:
        variants.thresholds = original  # type: ignore[assignment]
    return sum(s and not w for s, w in said), sum(w and not s for s, w in said)


def choose(pairs: list[dict]) -> tuple[int, int, int, int]:
    """(surname threshold, given threshold, false merges, missed merges)."""
    scored = []
    for surname, given in itertools.product(range(60, 100, 2), repeat=2):
        wrong, missed = errors(pairs, surname, given)
        scored.append((FALSE_MERGE_COST * wrong + missed, -surname, -given, wrong, missed))
    _cost, surname, given, wrong, missed = min(scored)
    return -surname, -given, wrong, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the table is out of date")
    args = parser.parse_args(argv)
    pairs = yaml.safe_load(PAIRS.read_text("utf-8"))
    surname, given, wrong, missed = choose(pairs)
    how = (f"scripts/tune_name_thresholds.py on {len(pairs)} pairs of tests/data/name_pairs.yaml: "
           f"{wrong} false merges and {missed} missed of {sum(p['same'] for p in pairs)}")
    text = f"name,value,chosen_by\nsurname,{surname},{how}\ngiven,{given},{how}\n"
    if not args.check:
        print(how)
    return write_or_check({OUT: text}, args.check, "tune_name_thresholds.py")


if __name__ == "__main__":
    sys.exit(main())
