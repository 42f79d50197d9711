"""The seed article's actors against gold.json: country, sector, every listed mention, no non-actors."""

from __future__ import annotations

import json

import pytest

from newsgraph.records import Actor, Record


@pytest.fixture(scope="module")
def seed(shared, pipeline):
    from newsgraph.reader.sources import read_inputs

    gold = json.loads((shared / "examples/seed/gold.json").read_text("utf-8"))
    items = read_inputs([str(shared / "examples/seed/article.txt")], max_bytes=5_000_000, published=gold["published"])
    [record] = list(pipeline.run(items))
    assert isinstance(record, Record)
    return gold, record


def _matches(mention: str, text: str) -> bool:
    """A gold mention is found when one text holds the other and is at least half its length
    ("Putin" in "Mr Putin"; not "Russia" in "the US embassy in the Russian capital")."""
    a, b = mention.lower(), text.lower()
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= len(long) / 2


def _actor_for(record: Record, gold_actor: dict) -> Actor:
    """Our actor with the most mentions matching the gold actor's mentions."""
    def score(actor: Actor) -> int:
        return sum(any(_matches(g, m.text) for m in actor.mentions) for g in gold_actor["mentions"])
    best = max(record.actors, key=score)
    assert score(best) > 0, f"no actor for {gold_actor['name']}"
    return best


def test_seed_gold_actors_resolved_with_all_mentions(seed) -> None:
    gold, record = seed
    for gold_actor in gold["actors"]:
        actor = _actor_for(record, gold_actor)
        assert actor.country == gold_actor["country"], (gold_actor["name"], actor)
        if "sector" in gold_actor:
            assert actor.sector == gold_actor["sector"], (gold_actor["name"], actor)
        if "org" in gold_actor:
            assert actor.org == gold_actor["org"], (gold_actor["name"], actor)
        texts = [m.text for m in actor.mentions]
        for mention in gold_actor["mentions"]:
            assert any(_matches(mention, t) for t in texts), (gold_actor["name"], mention, texts)


def test_seed_non_actors_are_not_actors(seed) -> None:
    gold, record = seed
    for name in gold["non_actors"]:
        for actor in record.actors:
            assert name.lower() not in actor.name.lower(), actor
            assert all(name.lower() not in m.text.lower() for m in actor.mentions), actor


def test_seed_mentions_point_into_the_text(seed) -> None:
    _gold, record = seed
    for actor in record.actors:
        for m in actor.mentions:
            assert record.text[m.start:m.end] == m.text
            sentence = record.sentences[m.sentence]
            assert sentence.start <= m.start and m.end <= sentence.end


def test_seed_places_are_not_actor_mentions(seed) -> None:
    _gold, record = seed
    for actor in record.actors:
        for m in actor.mentions:
            before = record.text[max(0, m.start - 3): m.start]
            assert not (m.text in ("Moscow", "Kiev") and before.endswith("in ")), m
