"""The pipeline: stage order checks, batching and order, sentences."""

from __future__ import annotations

import pytest

from newsgraph.pipeline import Pipeline, SentenceStage, StructureStage
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record

TEXT = """Japan and the Philippines sign a defence pact

Japan and the Philippines signed an agreement on Tuesday allowing their troops to train on each other's soil. The pact was signed in Manila by the two defence ministers.

China's foreign ministry said it opposed military blocs in the region."""


def test_pipeline_rejects_stages_out_of_order(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError, match="requires"):
        Pipeline([SentenceStage(), StructureStage()], pipeline.nlp, 8)


def test_pipeline_keeps_input_order_across_batches(pipeline: Pipeline) -> None:
    raws = [RawDocument(ref=InputRef(path=f"doc{i}", format="text"), text=TEXT.replace("Tuesday", f"day {i}"))
            for i in range(pipeline.batch_size * 2 + 3)]
    out = list(pipeline.run(raws))
    assert [r.input.path for r in out if isinstance(r, Record)] == [r.ref.path for r in raws]


def test_pipeline_sentences_never_cross_paragraphs(pipeline: Pipeline) -> None:
    [record] = pipeline.process([RawDocument(ref=InputRef(path="x", format="text"), text=TEXT)])
    texts = [record.text[s.start:s.end] for s in record.sentences]
    assert texts == [
        "Japan and the Philippines sign a defence pact",
        "Japan and the Philippines signed an agreement on Tuesday allowing their troops to train on each other's soil.",
        "The pact was signed in Manila by the two defence ministers.",
        "China's foreign ministry said it opposed military blocs in the region.",
    ]
    assert [s.paragraph for s in record.sentences] == [0, 1, 1, 2]


def test_pipeline_id_is_stable_content_hash(pipeline: Pipeline) -> None:
    raw = RawDocument(ref=InputRef(path="x", format="text"), text=TEXT)
    first, second = pipeline.process([raw, raw])
    assert first.id == second.id == first.content_hash[:16]
