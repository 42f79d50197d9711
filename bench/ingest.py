"""Ingest throughput and database size, beside extract's throughput on the same articles.

    .venv/bin/python bench/ingest.py [--docs 400] [--workers N]

The articles are the bundled demo corpus (synthetic, written for newsgraph),
repeated with a numbered line added so every document is new. ``extract`` is
the single-process pipeline writing JSON records (as ``bench/throughput.py``
measures it); ``ingest`` is ``newsgraph ingest``'s code path into a fresh
DuckDB file, with its worker processes (one per core by default). Both start
with spaCy loaded (worker start-up is timed in ingest). Writes
bench/out/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from importlib import resources
from pathlib import Path

from newsgraph.pipeline import build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.records import Record, record_to_dict
from newsgraph.store.ingest import ingest

OUT = Path(__file__).resolve().parent / "out"


def corpus(directory: Path, n: int) -> int:
    files = sorted(f for f in resources.files("newsgraph.data").joinpath("samples/corpus").iterdir() if f.name.endswith(".txt"))
    texts = [f.read_text("utf-8") for f in files]
    words = 0
    for i in range(n):
        text = texts[i % len(texts)].rstrip("\n") + f"\n\nCopy {i} of this sample for the benchmark.\n"
        (directory / f"doc{i:05d}.txt").write_text(text, "utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "corpus"
        directory.mkdir()
        words = corpus(directory, args.docs)
        pipeline = build_pipeline()
        list(pipeline.run(read_inputs([str(directory / "doc00000.txt")], max_bytes=5_000_000)))  # warm-up
        started = time.perf_counter()
        for result in pipeline.run(read_inputs([str(directory)], max_bytes=5_000_000)):
            assert isinstance(result, Record), result
            json.dumps(record_to_dict(result), ensure_ascii=False)
        extract_s = time.perf_counter() - started
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        summary = ingest(read_inputs([str(directory)], max_bytes=5_000_000), db, workers=args.workers)
        ingest_s = time.perf_counter() - started
        assert summary.ingested == args.docs and summary.failed == 0, summary
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.duckdb.wal"))
    figures = {
        "docs": args.docs, "words": words, "workers": args.workers, "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "extract_seconds": round(extract_s, 2), "extract_articles_per_s": round(args.docs / extract_s, 1),
        "ingest_seconds": round(ingest_s, 2), "ingest_articles_per_s": round(args.docs / ingest_s, 1),
        "ingest_vs_extract": round(extract_s / ingest_s, 3),
        "db_bytes": size, "db_mb_per_1000_articles": round(size / 1e6 / args.docs * 1000, 1),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ingest.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    print(f"extract  {figures['extract_articles_per_s']:7.1f} articles/s (1 process)")
    print(f"ingest   {figures['ingest_articles_per_s']:7.1f} articles/s ({args.workers} workers, into DuckDB)")
    print(f"ingest / extract: {figures['ingest_vs_extract']:.2f}; database {figures['db_mb_per_1000_articles']} MB "
          f"per 1,000 articles ({args.docs} articles, {words} words)")


if __name__ == "__main__":
    main()
