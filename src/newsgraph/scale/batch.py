"""``newsgraph batch``: extract a corpus of JSONL or Parquet records into partitioned Parquet.

Input rows are the records ``newsgraph extract`` reads from JSONL —
``{"id", "text" | "html", "url", "title", "published", "source"}`` — read from
local paths or any URI pyarrow's filesystems understand. Each output row is
one document: its key, content hash, a few columns to filter on and the whole
record (the output schema's JSON) in ``record``; failures are rows with
``error_*`` set. Files are partitioned by publication month (``month=2021-12``)
so DuckDB, Spark or ``newsgraph load`` read them directly.

Engines: ``ray`` runs ``map_batches`` over an actor pool (model, lexicons and
knowledge base loaded once per actor) on a local Ray runtime or, with
``address``, an existing cluster; ``local`` runs the same function in one
process, with no Ray.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.records import InputRef, Record, record_to_dict

__all__ = ["OUTPUT_SCHEMA", "Extractor", "run_batch"]

READ_CPUS = 0.1
OUTPUT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("doc_key", pa.string()), ("raw_hash", pa.string()), ("content_hash", pa.string()),
    ("published", pa.string()), ("month", pa.string()), ("headline", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("n_events", pa.int32()), ("n_quotes", pa.int32()), ("record", pa.string()),
    ("error_input", pa.string()), ("error_reason", pa.string()), ("error_detail", pa.string()),
])


class Extractor:
    """A batch of input rows → a table of output rows. Built once per Ray actor (or process)."""

    def __init__(self, max_bytes: int = 5_000_000, model: str | None = None) -> None:
        from newsgraph.pipeline import build_pipeline

        self.pipeline = build_pipeline(model=model)
        self.max_bytes = max_bytes

    def __call__(self, batch: pa.Table) -> pa.Table:
        from newsgraph.reader.sources import record_document
        from newsgraph.store.ingest import raw_hash

        rows = batch.to_pylist()
        raws, slots, out = [], [], []
        for n, row in enumerate(rows):
            where = str(row.get("_where") or f"row {n}")
            try:
                # a JSONL line read as text carries where it came from; a Parquet row is the record
                obj = json.loads(row["text"]) if "_where" in row else {k: v for k, v in row.items() if v is not None}
                raw = record_document(obj, InputRef(path=where, format="jsonl"), where, self.max_bytes)
            except InputError as e:
                out.append(_error_row(e))
                continue
            except (json.JSONDecodeError, TypeError, RecursionError) as e:
                out.append(_error_row(InputError(where, "bad JSONL", f"line is not valid JSON ({type(e).__name__})")))
                continue
            slots.append(len(out))
            out.append(None)
            raws.append(raw)
        for slot, raw, result in zip(slots, raws, self.pipeline.process(raws), strict=True):
            if isinstance(result, Record):
                digest = raw_hash(raw)
                key = f"id:{raw.id}" if raw.id else f"url:{raw.url}" if raw.url else f"hash:{digest}"
                out[slot] = _record_row(result, key, digest)
            else:
                out[slot] = _error_row(result)
        return pa.Table.from_pylist(out, schema=OUTPUT_SCHEMA)


def _record_row(record: Record, key: str, digest: str) -> dict[str, Any]:
    published = record.article.published
    return {"doc_id": record.id, "doc_key": key, "raw_hash": digest, "content_hash": record.content_hash,
            "published": published, "month": published[:7] if published else "unknown",
            "headline": record.article.headline, "url": record.url, "source": record.source,
            "n_events": len(record.events), "n_quotes": len(record.quotes),
            "record": json.dumps(record_to_dict(record), ensure_ascii=False),
            "error_input": None, "error_reason": None, "error_detail": None}


def _error_row(error: InputError) -> dict[str, Any]:
    return {"doc_id": None, "doc_key": None, "raw_hash": None, "content_hash": None, "published": None,
            "month": "errors", "headline": None, "url": None, "source": None, "n_events": None, "n_quotes": None,
            "record": None, "error_input": error.where, "error_reason": error.reason, "error_detail": error.detail}


def _is_parquet(path: str) -> bool:
    return path.rstrip("/").endswith((".parquet", ".pq")) or (Path(path).is_dir() and any(Path(path).rglob("*.parquet")))


def run_batch(inputs: list[str], output: str, *, engine: str = "ray", address: str | None = None,
              num_cpus: int | None = None, batch_size: int = 32, concurrency: int | None = None,
              max_bytes: int = 5_000_000) -> dict[str, int]:
    """Extract ``inputs`` into Parquet under ``output``; returns counts of documents and errors."""
    if engine == "local":
        return _run_local(inputs, output, batch_size, max_bytes)
    if engine != "ray":
        raise NewsgraphError(f"unknown engine {engine!r} (ray or local)")
    try:
        import ray
    except ImportError:
        raise NewsgraphError("Ray is not installed: pip install 'newsgraph[ray]' (or use --engine local)") from None
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, num_cpus=None if address else num_cpus, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    try:
        parquet = [i for i in inputs if _is_parquet(i)]
        text = [i for i in inputs if not _is_parquet(i)]
        datasets = []
        # Reading is light: it asks for a tenth of a CPU, and each extraction actor for the rest of
        # one, so the actors never take every CPU and leave the readers waiting (a deadlock).
        light = {"num_cpus": READ_CPUS}
        if text:
            datasets.append(ray.data.read_text(text, include_paths=True, **_remote(light)).map_batches(
                _with_where, batch_format="pyarrow", num_cpus=READ_CPUS))
        if parquet:
            datasets.append(ray.data.read_parquet(parquet, **_remote(light)))
        ds = datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])
        workers = concurrency or max(1, int(ray.available_resources().get("CPU", 1)))
        out = ds.map_batches(Extractor, fn_constructor_kwargs={"max_bytes": max_bytes}, batch_size=batch_size,
                             batch_format="pyarrow", concurrency=workers, num_cpus=1 - READ_CPUS)
        out.write_parquet(output, partition_cols=["month"])
    finally:
        if started_here:
            ray.shutdown()
    return count_output(output)


def _remote(args: dict[str, Any]) -> dict[str, Any]:
    """Resource arguments for a Ray Data read, named the way this Ray version takes them."""
    import inspect

    import ray.data

    if "num_cpus" in inspect.signature(ray.data.read_text).parameters:
        return dict(args)
    return {"ray_remote_args": dict(args)}


def _with_where(batch: pa.Table) -> pa.Table:
    """read_text rows ({"text", "path"}) → {"text", "_where"}, dropping blank lines."""
    rows = [r for r in batch.to_pylist() if r["text"].strip()]
    # Ray does not say which line a row was; a digest of it tells failed lines apart
    return pa.Table.from_pylist([{"text": r["text"], "_where": f"{r.get('path')}#{_digest(r['text'])}"} for r in rows],
                                schema=pa.schema([("text", pa.string()), ("_where", pa.string())]))


def _digest(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()[:12]


def _run_local(inputs: list[str], output: str, batch_size: int, max_bytes: int) -> dict[str, int]:
    import pyarrow.dataset as pads

    extractor = Extractor(max_bytes=max_bytes)
    batches = (b for batch in _local_batches(inputs, batch_size) for b in extractor(batch).to_batches())
    pads.write_dataset(batches, output, schema=OUTPUT_SCHEMA, format="parquet",  # streamed, batch by batch
                       existing_data_behavior="overwrite_or_ignore",
                       partitioning=pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive"))
    return count_output(output)


def _local_batches(inputs: list[str], size: int) -> Iterator[pa.Table]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in inputs:
        if _is_parquet(path):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=size):
                yield pa.Table.from_batches([batch])
            continue
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if line.strip():
                    rows.append({"text": line, "_where": f"{path}:{lineno}"})
                if len(rows) >= size:
                    yield pa.Table.from_pylist(rows)
                    rows = []
    if rows:
        yield pa.Table.from_pylist(rows)


def count_output(output: str) -> dict[str, int]:
    import pyarrow.dataset as pads

    table = pads.dataset(output, format="parquet", partitioning="hive").to_table(columns=["doc_id", "error_reason"])
    errors = table.column("error_reason").drop_null()
    return {"documents": table.num_rows - len(errors), "errors": len(errors)}
