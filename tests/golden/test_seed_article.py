"""The worked example: the seed article's structure must match gold.json."""

from __future__ import annotations

import json

from newsgraph.records import Record


def test_seed_article_structure_matches_gold(shared, extract) -> None:
    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))["article"]
    [record] = extract(shared / "examples/seed/article.txt")
    assert isinstance(record, Record)
    art = record.article
    assert art.headline == gold["headline"]
    assert art.standfirst == gold["standfirst"]
    assert list(art.byline) == gold["byline"]
    assert [(c.text, c.credit) for c in art.captions] == [(c["text"], c["credit"]) for c in gold["captions"]]
    body = [p for p in art.paragraphs if p.role == "body"]
    assert body[0].text.startswith(gold["body_starts_with"])
    assert body[-1].text.endswith(gold["body_ends_with"])
    for text in gold["not_body"]:
        assert all(text not in p.text for p in body), text
    assert art.published is None  # the file carries no date: it stays unknown


def test_seed_offsets_point_into_the_normalised_text(shared, extract) -> None:
    [record] = extract(shared / "examples/seed/article.txt")
    for p in record.article.paragraphs:
        assert record.text[p.start:p.end] == p.text
    for s in record.sentences:
        para = record.article.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
    assert len(record.sentences) >= 15
