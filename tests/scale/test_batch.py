"""`newsgraph batch`: Ray (a local runtime with 2 CPUs) and the local engine produce the same
records as `extract` on the same input; `newsgraph load` brings them into the store."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyarrow.dataset as pads
import pytest

from newsgraph.pipeline import build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.records import Record, record_to_dict
from newsgraph.scale.batch import run_batch
from newsgraph.store.ingest import load_parquet
from newsgraph.store.schema import connect

N = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "corpus.jsonl"
    files = sorted(f for f in resources.files("newsgraph.data").joinpath("samples/corpus").iterdir() if f.name.endswith(".txt"))
    with path.open("w", encoding="utf-8") as fh:
        for i, f in enumerate(files[:N]):
            fh.write(json.dumps({"id": f"doc{i}", "text": f.read_text("utf-8"), "published": "2023-01-15"}) + "\n")
        fh.write(json.dumps({"id": "empty", "text": ""}) + "\n")
        fh.write("{not json\n")
    return path


def _comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("input",)}


@pytest.fixture(scope="module")
def extracted(corpus: Path) -> dict[str, dict]:
    pipeline = build_pipeline()
    records = [r for r in pipeline.run(read_inputs([str(corpus)], max_bytes=5_000_000)) if isinstance(r, Record)]
    return {r.id: _comparable(record_to_dict(r)) for r in records}


def _read(output: Path) -> tuple[dict[str, dict], list[str]]:
    rows = pads.dataset(str(output), format="parquet", partitioning="hive").to_table().to_pylist()
    records = {r["doc_id"]: _comparable(json.loads(r["record"])) for r in rows if r["record"]}
    errors = sorted(r["error_reason"] for r in rows if r["error_reason"])
    return records, errors


def test_local_engine_gives_the_same_records(corpus: Path, extracted: dict, tmp_path: Path) -> None:
    counts = run_batch([str(corpus)], str(tmp_path / "out"), engine="local")
    records, errors = _read(tmp_path / "out")
    assert counts == {"documents": N, "errors": 2}
    assert errors == ["bad JSONL", "no text"]
    assert records == extracted


def test_ray_engine_gives_the_same_records(corpus: Path, extracted: dict, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsgraph[ray]')")
    counts = run_batch([str(corpus)], str(tmp_path / "out"), engine="ray", num_cpus=2, batch_size=4)
    records, errors = _read(tmp_path / "out")
    assert counts == {"documents": N, "errors": 2}
    assert errors == ["bad JSONL", "no text"]
    assert records.keys() == extracted.keys()
    for doc_id, record in extracted.items():
        assert records[doc_id] == record, doc_id
    partitions = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "month=2023-01" in partitions


def test_load_brings_batch_output_into_the_store(corpus: Path, tmp_path: Path) -> None:
    run_batch([str(corpus)], str(tmp_path / "out"), engine="local")
    db = tmp_path / "loaded.duckdb"
    first = load_parquet(str(tmp_path / "out"), db)
    assert (first.ingested, first.failed) == (N, 2)
    again = load_parquet(str(tmp_path / "out"), db)
    assert (again.ingested, again.unchanged) == (0, N)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == N
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 2


def test_duckdb_reads_the_parquet_directly(corpus: Path, tmp_path: Path) -> None:
    import duckdb

    run_batch([str(corpus)], str(tmp_path / "out"), engine="local")
    n = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{tmp_path / 'out'}/**/*.parquet', hive_partitioning = true) "
        "WHERE record IS NOT NULL AND month = '2023-01'").fetchone()[0]
    assert n == N
