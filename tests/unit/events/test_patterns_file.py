"""Sanity checks for the predicate lexicon ``data/events/patterns.csv``."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

EVENTS_DIR = Path(__file__).resolve().parents[3] / "src/newsgraph/data/events"
PATTERNS = EVENTS_DIR / "patterns.csv"
CODEBOOK = Path(__file__).resolve().parents[4] / "shared/reference/cameo-codes.csv"

HEADER = ["lemma", "pos", "light", "object", "prep", "target", "cameo", "note"]
ALLOWED_TARGETS = {
    "dobj", "dative", "prep:to", "prep:with", "prep:against", "prep:on",
    "prep:from", "prep:for", "prep:at", "prep:into", "prep:of", "prep:over", "prep:about",
    "prep:between", "prep:in", "none",
}
ROOTS = [f"{i:02d}" for i in range(1, 21)]


def _read() -> tuple[list[str], list[dict[str, str]]]:
    with PATTERNS.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, r)) for r in reader]
    return header, rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _read()[1]


def test_header_exact() -> None:
    header, _ = _read()
    assert header == HEADER


def test_row_count(rows) -> None:
    assert len(rows) >= 500


def test_rows_have_all_columns(rows) -> None:
    for r in rows:
        assert None not in r and len(r) == len(HEADER), r
        assert r["lemma"] and r["lemma"] == r["lemma"].lower().strip(), r
        assert r["cameo"] and r["target"], r


def test_pos_values(rows) -> None:
    assert {r["pos"] for r in rows} <= {"VERB", "NOUN"}


def test_light_only_on_nouns(rows) -> None:
    bad = [r for r in rows if r["light"] and r["pos"] != "NOUN"]
    assert not bad, bad[:5]


def test_object_and_prep_only_on_verbs(rows) -> None:
    bad = [r for r in rows if r["pos"] == "NOUN" and (r["object"] or r["prep"])]
    assert not bad, bad[:5]


def test_target_items_allowed(rows) -> None:
    for r in rows:
        items = r["target"].split(";")
        assert all(i in ALLOWED_TARGETS for i in items), r
        assert len(items) == len(set(items)), r


def test_cameo_codes_exist_in_codebook(rows) -> None:
    if not CODEBOOK.exists():
        pytest.skip(f"codebook not found: {CODEBOOK}")
    with CODEBOOK.open(encoding="utf-8", errors="replace", newline="") as fh:
        known = {r["code"].strip() for r in csv.DictReader(fh)}
    unknown = sorted({r["cameo"] for r in rows} - known)
    assert not unknown, unknown


def test_no_duplicate_keys(rows) -> None:
    keys = Counter((r["lemma"], r["pos"], r["light"], r["object"], r["prep"]) for r in rows)
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, dups


def test_every_root_has_rows(rows) -> None:
    per_root = Counter(r["cameo"][:2] for r in rows)
    thin = {root: per_root.get(root, 0) for root in ROOTS if per_root.get(root, 0) < 8}
    assert not thin, thin


def _codes(rows, lemma: str, pos: str, **extra: str) -> set[str]:
    return {
        r["cameo"]
        for r in rows
        if r["lemma"] == lemma and r["pos"] == pos and all(r[k] == v for k, v in extra.items())
    }


def test_spot_checks(rows) -> None:
    meet = _codes(rows, "meet", "VERB", object="", prep="")
    assert meet and all(c.startswith("04") for c in meet)
    for lemma in ("criticise", "criticize", "condemn"):
        codes = _codes(rows, lemma, "VERB", object="", prep="")
        assert codes and all(c.startswith("11") for c in codes), lemma
    sanction = _codes(rows, "sanction", "NOUN")
    assert sanction and all(c.startswith("16") for c in sanction)
    attack = _codes(rows, "attack", "NOUN")
    assert attack and all(c[:2] in {"18", "19"} for c in attack)
    talk = _codes(rows, "talk", "NOUN", light="")
    assert not talk, "bare 'talk' noun should not be an event"


def test_nominals_name_verbs_of_the_lexicon() -> None:
    with (EVENTS_DIR / "nominals.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["noun", "verb"]
        rows = list(reader)
    _header, patterns = _read()
    verbs = {r["lemma"] for r in patterns if r["pos"] == "VERB"}
    nouns = Counter(r["noun"] for r in rows)
    assert not [n for n, k in nouns.items() if k > 1], "a noun is listed twice"
    assert not [r["verb"] for r in rows if r["verb"] not in verbs], "a nominal's verb has no pattern"
    assert len(rows) >= 50
