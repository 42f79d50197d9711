"""Table-driven: the quote finder on short passages we wrote, one case per quoting pattern.

The cases are tests/data/quote_cases.yaml (synthetic wire-style passages). A case
passes when every quotation it lists comes out of the pipeline: some quote of the
record whose text contains the listed fragment, of the listed kind (direct,
partial or indirect), with the listed speaker (Speaker.name contains the
expected name's last word, case-insensitive, or both are null) and, when the case
gives one, the listed reported_by; and when no quote's text is one of the case's
not_quotes (scare quotes, titles, names). Cases the finder still misses are
listed in tests/data/quote_cases_known_misses.txt as strict xfail, and a floor on
the share that passes guards regressions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Quote, Record, Speaker

DATA = Path(__file__).resolve().parents[2] / "data"
CASES = yaml.safe_load((DATA / "quote_cases.yaml").read_text("utf-8"))
KNOWN_MISSES = {
    line.strip() for line in (DATA / "quote_cases_known_misses.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
FLOOR = 0.85  # 63 of the 71 cases (0.89) pass; 52 did when the table was written
KINDS = {"direct", "partial", "indirect"}
CATEGORIES = {
    "straight-quotes", "curly-quotes", "nested-single", "split-quote", "multi-paragraph",
    "partial-in-reported-speech", "unbalanced", "scare-title-name", "indirect", "speaker-before",
    "speaker-after", "inversion", "pronoun", "role", "previous-paragraph", "organisation",
    "according-to", "relayed", "cue-variety", "no-speaker",
}
MIN_PER_CATEGORY = 2


def case_id(case: dict) -> str:
    return case["id"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _surname(name: str) -> str:
    return name.split()[-1].strip(",.").lower()


def _same_person(found: Speaker | None, expected: str | None) -> bool:
    if expected is None:
        return found is None
    return found is not None and _surname(expected) in found.name.lower()


def _show(quote: Quote) -> str:
    speaker = quote.speaker.name if quote.speaker else None
    relayer = quote.reported_by.name if quote.reported_by else None
    return f"{quote.kind} {quote.text[:50]!r} speaker={speaker!r} reported_by={relayer!r}"


def problems(case: dict, quotes: tuple[Quote, ...]) -> list[str]:
    """What the finder got wrong on a case; empty when it got the case right."""
    wrong = []
    for want in case.get("quotes") or []:
        fragment = _norm(want["text"])
        candidates = [q for q in quotes if fragment in _norm(q.text)]
        if not candidates:
            wrong.append(f"not found: {want['text']!r}")
            continue
        if not any(q.kind == want["kind"] and _same_person(q.speaker, want["speaker"])
                   and ("reported_by" not in want or _same_person(q.reported_by, want["reported_by"]))
                   for q in candidates):
            expected = f"{want['kind']} speaker={want['speaker']!r}"
            if "reported_by" in want:
                expected += f" reported_by={want['reported_by']!r}"
            wrong.append(f"{want['text']!r}: want {expected}; got " + "; ".join(_show(q) for q in candidates))
    for not_quote in case.get("not_quotes") or []:
        hits = [q for q in quotes if _norm(q.text).strip(",. ") == _norm(not_quote)]
        if hits:
            wrong.append(f"not a quotation, yet output: {_show(hits[0])}")
    if case["covers"] == "unbalanced":  # an unclosed mark ends with its paragraph
        wrong.extend(f"runs over a paragraph break: {_show(q)}" for q in quotes if "\n" in q.text)
    return wrong


@pytest.fixture(scope="module")
def checked(pipeline: Pipeline) -> dict[str, list[str]]:
    raws = [RawDocument(ref=InputRef(path=f"quote-case-{c['id']}", format="text"), text=c["text"],
                        published="2023-06-14") for c in CASES]
    out = {}
    for case, record in zip(CASES, pipeline.run(raws), strict=True):
        assert isinstance(record, Record)
        out[case_id(case)] = problems(case, record.quotes)
    return out


def test_quote_cases_table_is_well_formed() -> None:
    ids = [case_id(c) for c in CASES]
    assert len(ids) == len(set(ids)), "case ids repeat"
    assert len(CASES) >= 60
    for case in CASES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"]), case["id"]
        assert case["covers"] in CATEGORIES, case["id"]
        assert case.get("quotes") or case.get("not_quotes"), case["id"]
        for want in case.get("quotes") or []:
            assert want["kind"] in KINDS, case["id"]
            assert _norm(want["text"]) in _norm(case["text"]), (case["id"], want["text"])
            for who in ("speaker", "reported_by"):
                if want.get(who) is not None:
                    assert _norm(want[who]) in _norm(case["text"]), (case["id"], want[who])
        for not_quote in case.get("not_quotes") or []:
            assert _norm(not_quote) in _norm(case["text"]), (case["id"], not_quote)
    assert KNOWN_MISSES <= set(ids), "a known miss names no case"


def test_quote_cases_cover_every_category() -> None:
    covered = Counter(c["covers"] for c in CASES)
    assert set(covered) == CATEGORIES
    assert min(covered.values()) >= MIN_PER_CATEGORY, covered


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_quote_case(case: dict, checked, request) -> None:
    if case_id(case) in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known miss (quote_cases_known_misses.txt)"))
    assert not checked[case_id(case)], "\n".join(checked[case_id(case)])


def test_quote_cases_floor(checked) -> None:
    assert sum(not wrong for wrong in checked.values()) / len(CASES) >= FLOOR
