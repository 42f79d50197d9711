"""The seed article's quotations against gold.json: all nine found with the right kind and
speaker (and relayer), none of its ``not_quotes`` output as a quotation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_quotes import score  # noqa: E402


@pytest.fixture(scope="module")
def seed(shared, pipeline):
    from newsgraph.reader.sources import read_inputs

    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))
    items = read_inputs([str(shared / "examples/seed/article.txt")], max_bytes=5_000_000, published=gold["published"])
    [record] = list(pipeline.run(items))
    return gold, record


def test_seed_all_nine_quotes_found(seed) -> None:
    gold, record = seed
    result = score(record, gold)
    assert result["gold"] == 9
    assert result["tp"] == 9, result["missed"]
    assert result["fp"] == 0, [q.text for q in record.quotes if q.kind != "indirect"]


def test_seed_quote_kinds_and_speakers(seed) -> None:
    gold, record = seed
    result = score(record, gold)
    assert result["kind_accuracy"] == 1.0
    assert result["speaker_accuracy"] == 1.0, result["wrong_speaker"]


def test_seed_not_quotes_are_not_output(seed) -> None:
    gold, record = seed
    texts = {q.text.strip(" ,.") for q in record.quotes}
    assert not texts & set(gold["not_quotes"])


def test_seed_relayed_quotes_name_who_relayed_them(seed) -> None:
    gold, record = seed
    for g in (g for g in gold["quotes"] if g.get("reported_by")):
        [q] = [q for q in record.quotes if q.kind != "indirect" and g["text"][:40] in q.text]
        assert q.reported_by is not None and g["reported_by"].split()[-1] in q.reported_by.name, (g, q.reported_by)


def test_seed_indirect_speech_has_cue_and_speaker(seed) -> None:
    _gold, record = seed
    indirect = [q for q in record.quotes if q.kind == "indirect"]
    assert any(q.text.startswith("China supports its bid") and q.speaker and q.speaker.country == "RUS"
               and q.cue and q.cue.text == "said" for q in indirect), indirect
