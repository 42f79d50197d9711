"""atheris target: quotation marks and the quote finder on arbitrary text (spans must slice back)."""

import sys

import atheris

with atheris.instrument_imports():
    from newsgraph.pipeline import build_pipeline
    from newsgraph.quotes.marks import find_quoted
    from newsgraph.reader.sources import RawDocument
    from newsgraph.records import InputRef, Record

PIPELINE = build_pipeline()


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(4000)
    paragraphs, start = [], 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    for q in find_quoted(text, paragraphs):
        assert q.mark_start <= q.start <= q.end <= q.mark_end <= len(text)
    if not text.strip():
        return
    [record] = PIPELINE.process([RawDocument(ref=InputRef(path="fuzz", format="text"), text=text, headline="H", standfirst="S")])
    if isinstance(record, Record):
        for quote in record.quotes:
            assert record.text[quote.start:quote.end] == quote.text
            if quote.speaker is not None:
                assert record.text[quote.speaker.start:quote.speaker.end] == quote.speaker.text


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
