"""atheris target: the reader (decoding, cleaning, HTML, JSONL records, structure) on arbitrary bytes."""

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from newsgraph.errors import InputError
    from newsgraph.reader.sources import RawDocument, read_inputs
    from newsgraph.reader.structure import recover_structure

TMP = Path(tempfile.mkdtemp())
SUFFIXES = [".txt", ".html", ".jsonl", ".json"]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    path = TMP / f"input{suffix}"
    path.write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
    for item in read_inputs([str(path)], max_bytes=1_000_000):
        assert isinstance(item, (RawDocument, InputError))
        if isinstance(item, RawDocument):
            recover_structure(item.text, headline=item.headline, standfirst=item.standfirst)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
