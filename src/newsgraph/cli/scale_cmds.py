"""``newsgraph batch`` (extract a corpus to partitioned Parquet, on Ray) and ``newsgraph load``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from newsgraph.cli.common import err, guarded
from newsgraph.config import load_settings

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def batch(
        inputs: Annotated[list[str], typer.Argument(help="JSONL or Parquet files (local paths or URIs pyarrow reads), then OUTPUT.", show_default=False)],
        engine: Annotated[str, typer.Option(help="ray (a local Ray runtime, or --address) or local (one process, no Ray).")] = "ray",
        address: Annotated[Optional[str], typer.Option(help="Ray cluster to join: ray://host:10001 or auto.")] = None,
        num_cpus: Annotated[Optional[int], typer.Option(help="CPUs for a local Ray runtime (default: all).", min=1)] = None,
        concurrency: Annotated[Optional[int], typer.Option(help="Extraction actors (default: one per CPU).", min=1)] = None,
        batch_size: Annotated[int, typer.Option(help="Documents per batch.", min=1)] = 32,
        config: Annotated[Optional[Path], typer.Option(help="Config file.")] = None,
    ) -> None:
        """Extract JSONL/Parquet records into partitioned Parquet (one row per document, the record as JSON).

        The last argument is the output directory. `newsgraph load OUTPUT` brings it into DuckDB.
        """
        from newsgraph.scale.batch import run_batch

        if len(inputs) < 2:
            raise typer.BadParameter("give at least one INPUT and the OUTPUT directory")
        *sources, output = inputs
        if engine not in ("ray", "local"):
            raise typer.BadParameter("--engine must be ray or local")
        settings = load_settings(config).extract
        started = time.monotonic()
        counts = run_batch(sources, output, engine=engine, address=address, num_cpus=num_cpus,
                           batch_size=batch_size, concurrency=concurrency, max_bytes=settings.max_input_bytes)
        err.print(f"newsgraph: {counts['documents']} documents, {counts['errors']} errors → {escape(output)} "
                  f"in {time.monotonic() - started:.1f}s", soft_wrap=True)
        if counts["errors"]:
            raise typer.Exit(1)

    @app.command()
    @guarded
    def load(
        output: Annotated[str, typer.Argument(help="A directory written by `newsgraph batch`.")],
        db: Annotated[Optional[Path], typer.Option("--db", help="Database file (default: [store] db, else ./newsgraph.duckdb).")] = None,
        config: Annotated[Optional[Path], typer.Option(help="Config file.")] = None,
    ) -> None:
        """Bring `newsgraph batch` output into the database (unchanged documents skipped)."""
        from newsgraph.store.ingest import load_parquet

        path = db if db is not None else Path(load_settings(config).store.db)
        summary = load_parquet(output, path)
        err.print(f"newsgraph: {escape(summary.line())} → {escape(str(path))}", soft_wrap=True)
        if summary.failed:
            raise typer.Exit(1)

    del batch, load
