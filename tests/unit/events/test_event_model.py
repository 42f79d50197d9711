"""The learned event model: it learns from the written corpus, aligns written events with their
predicates, ships in the package, and the coder modes use it (sentences written for these tests)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsgraph.config import ExtractSettings
from newsgraph.errors import ConfigError
from newsgraph.events.coder import EventCoder
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.model import MODALITY_FILE, MODEL_FILE, NONE, aligned, candidate, load_event_model
from newsgraph.events.ontology import load_ontology
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))


def test_the_model_learns_from_a_small_slice_of_the_corpus() -> None:
    import train_event_model as t

    rows = t.passages(None)
    if len(rows) < 300:
        pytest.skip("training corpus not present")
    per_passage = [[(f, v, label) for f, v, label, _modality in ex] for ex in t.examples(rows[:300])]
    train_part = [e for ex in per_passage[:240] for e in ex]
    held = [e for ex in per_passage[240:] for e in ex]
    from newsgraph.events.model import train

    model = train(train_part, epochs=8)
    f1, accuracy = t.macro_f1(model, held)
    nones = sum(label == NONE for _f, _v, label in held)
    majority = max(nones, len(held) - nones)
    assert f1 > 0.2, f1  # the majority class (no event) scores 0
    assert accuracy > majority / len(held), (accuracy, majority / len(held))


def test_a_written_event_aligns_with_its_predicate(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Kenyan police arrested 12 protesters in Nairobi on Monday after a march on parliament.")
    lexicon = load_lexicon()
    cands = [t for t in doc if candidate(t, lexicon)]
    events = [{"type": ["COERCE"], "source": {"text": "Kenyan police"}, "target": {"text": "12 protesters"}}]
    labels = aligned(doc, events, cands)
    assert {doc[i].text: label for i, label in labels.items()} == {"arrested": "COERCE"}


def test_the_model_ships_and_loads() -> None:
    path = ROOT / "src" / "newsgraph" / "data" / MODEL_FILE
    assert path.is_file() and path.stat().st_size < 30_000_000
    model = load_event_model()
    assert model is not None and NONE in model.labels and "ASSAULT" in model.labels
    modality = load_event_model(name=MODALITY_FILE)
    assert modality is not None and set(modality.labels) == {"asserted", "intended", "requested", "negated",
                                                             "hypothetical", "claimed"}
    assert abs(sum(model.proba(["L=attack", "P=VERB"]).values()) - 1.0) < 1e-4


@pytest.mark.parametrize("coder", ["model", "hybrid"])
def test_the_model_codes_a_sentence(coder: str) -> None:
    pipeline = build_pipeline(ExtractSettings(coder=coder))
    [record] = pipeline.process([RawDocument(ref=InputRef(path="t", format="text"),
                                             text="Ethiopian troops shelled Eritrean positions near Badme on Sunday.")])
    assert any(e.type == "ASSAULT" and e.source and e.source.country == "ETH" for e in record.events)


def test_coder_settings_are_checked(pipeline: Pipeline) -> None:
    args = (load_lexicon(), load_ontology(), pipeline.stages[4].finder.kb, pipeline.stages[5].coder.gazetteer)
    with pytest.raises(ConfigError, match="coder must be one of"):
        EventCoder(*args, coder="neural")
    with pytest.raises(ConfigError, match="make model"):
        EventCoder(*args, coder="hybrid", model=None)


def test_training_corpus_is_well_formed() -> None:
    import check_training

    if not list((ROOT / "training").glob("*.jsonl")):
        pytest.skip("training corpus not present")
    assert check_training.main([]) == 0
    first = json.loads(next(iter(sorted((ROOT / "training").glob("*.jsonl")))).read_text("utf-8").splitlines()[0])
    assert {"id", "published", "text", "events"} <= set(first)
