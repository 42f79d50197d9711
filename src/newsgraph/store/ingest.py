"""Ingest a corpus into the store: incremental, idempotent, resumable, on every core.

Inputs are read as a stream. Each document gets a key (its id, else its URL,
else its path — with the line for JSONL — else, for stdin, its content hash)
and a hash of what was read. A key already stored with the same hash is
``unchanged`` and not extracted again; with another hash it is re-extracted
and ``replaced``; content already stored under another key is ``unchanged``
too. Extraction runs in worker processes, each loading spaCy once; the main
process writes each batch in one transaction (old rows of replaced documents
deleted, new rows inserted), so a run stopped at any point — Ctrl-C or a kill
— leaves whole documents only, and the next run does the rest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsgraph.config import ExtractSettings
from newsgraph.errors import InputError
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import Record, record_to_dict
from newsgraph.store.rows import record_rows, record_where
from newsgraph.store.schema import connect

__all__ = ["IngestSummary", "Outcome", "doc_key", "ingest", "load_parquet", "raw_hash", "write_records"]

TABLES = ("documents", "actors", "mentions", "events", "quotes", "places")


@dataclass
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def seen(self) -> int:
        return self.ingested + self.unchanged + self.replaced + self.failed

    def line(self) -> str:
        text = (f"ingested {self.ingested}, replaced {self.replaced}, unchanged {self.unchanged}, "
                f"failed {self.failed}")
        if self.reasons:
            text += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items())) + ")"
        return text


def raw_hash(raw: RawDocument) -> str:
    """A hash of everything read for a document: a change anywhere re-extracts it."""
    payload = json.dumps([raw.text, raw.id, raw.url, raw.source, raw.published, raw.headline, raw.standfirst,
                          list(raw.byline), [c.text for c in raw.captions]], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def doc_key(raw: RawDocument, digest: str) -> str:
    if raw.id:
        return f"id:{raw.id}"
    if raw.url:
        return f"url:{raw.url}"
    if raw.ref.path != "-":
        path = str(Path(raw.ref.path).resolve())
        return f"path:{path}" if raw.ref.line is None else f"path:{path}:{raw.ref.line}"
    return f"hash:{digest}"


# -- worker processes ---------------------------------------------------------------------

_WORKER: Pipeline | None = None
_WORKER_ARGS: tuple | None = None


def _init_worker(settings: ExtractSettings, model: str | None, actor_files: tuple[str, ...]) -> None:
    """Build the process's pipeline, or keep the one built with the same arguments: a caller that
    ingests a few documents at a time (``newsgraph watch``) would otherwise pay ~0.5 s a call."""
    global _WORKER, _WORKER_ARGS
    if _WORKER is not None and _WORKER_ARGS == (settings, model, actor_files):
        return
    _WORKER = build_pipeline(settings, model=model, actor_files=[Path(p) for p in actor_files])
    _WORKER_ARGS = (settings, model, actor_files)


def _extract(raws: list[RawDocument]) -> list[Record | InputError]:
    assert _WORKER is not None
    return _WORKER.process(raws)


# -- the run --------------------------------------------------------------------------------

Progress = Callable[[IngestSummary], None]
# Told what became of each document: (its key, "ingested" | "replaced" | "unchanged" | "failed",
# the error when it failed). An input that could not be read is named by its ``where``.
Outcome = Callable[[str, str, InputError | None], None]


def ingest(items: Iterable[RawDocument | InputError], db: Path, *, settings: ExtractSettings | None = None,
           model: str | None = None, actor_files: Iterable[Path] = (), workers: int | None = None,
           batch_size: int = 64, progress: Progress | None = None, force: bool = False,
           outcome: Outcome | None = None) -> IngestSummary:
    """Extract and store every document of ``items`` not already stored as it is.

    ``force`` extracts documents stored with the same content again and replaces their rows
    (``newsgraph reextract``, after the pipeline or its lexicons changed).
    """
    settings = settings or ExtractSettings()
    summary = IngestSummary()
    known = _known(db)
    workers = max(1, workers or os.cpu_count() or 1)
    init = (settings, model, tuple(str(p) for p in actor_files))
    batches = _batches(items, known, summary, batch_size, force, outcome)
    write = functools.partial(_write, outcome=outcome)
    if workers == 1:
        _init_worker(*init)
        for batch, errors in batches:
            write(db, batch, _extract([r for r, _k, _h, _n in batch]) if batch else [], errors, summary, known)
            if progress:
                progress(summary)
        return summary
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=init) as pool:
        pending: list[tuple[list, list[InputError], Future]] = []
        try:
            for batch, errors in batches:
                future = pool.submit(_extract, [r for r, _k, _h, _n in batch]) if batch else None
                pending.append((batch, errors, future))  # type: ignore[arg-type]
                while len(pending) > 2 * workers or (pending and (pending[0][2] is None or pending[0][2].done())):
                    done_batch, done_errors, done_future = pending.pop(0)
                    write(db, done_batch, done_future.result() if done_future else [], done_errors, summary, known)
                    if progress:
                        progress(summary)
            for done_batch, done_errors, done_future in pending:
                write(db, done_batch, done_future.result() if done_future else [], done_errors, summary, known)
                if progress:
                    progress(summary)
        except BaseException:
            for _b, _e, f in pending:
                if f is not None:
                    f.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return summary


def _known(db: Path) -> dict[str, str]:
    """doc_key → raw_hash of what the store holds (and raw_hash → doc_key, to spot copies)."""
    con = connect(db)
    try:
        rows = con.execute("SELECT doc_key, raw_hash FROM documents").fetchall()
    finally:
        con.close()
    known = {k: h for k, h in rows}
    known.update({f"#{h}": k for k, h in rows})
    return known


def _batches(items: Iterable[RawDocument | InputError], known: dict[str, str], summary: IngestSummary,
             size: int, force: bool = False, outcome: Outcome | None = None) -> Iterator[tuple[list, list[InputError]]]:
    """Batches of (raw, key, hash, is_new) to extract, with the input errors met on the way."""
    batch: list[tuple[RawDocument, str, str, bool]] = []
    errors: list[InputError] = []
    keys_in_run: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            digest = raw_hash(item)
            key = doc_key(item, digest)
            same = known.get(key) == digest and not force
            if same or (key not in known and f"#{digest}" in known) or key in keys_in_run:
                summary.unchanged += 1
                if outcome:
                    outcome(key, "unchanged", None)
            else:
                keys_in_run.add(key)
                batch.append((item, key, digest, key not in known))
        if len(batch) >= size or len(errors) >= size:
            yield batch, errors
            batch, errors = [], []
    if batch or errors:
        yield batch, errors


def _write(db: Path, batch: list[tuple[RawDocument, str, str, bool]], results: list[Record | InputError],
           errors: list[InputError], summary: IngestSummary, known: dict[str, str],
           outcome: Outcome | None = None) -> None:
    """One transaction: the batch's documents replace their old rows; failures go to ``errors``."""
    failures = list(errors)
    failed_keys = [error.where for error in errors]
    stored: list[tuple[Record, str, str, bool]] = []
    for (_raw, key, digest, new), result in zip(batch, results, strict=True):
        if isinstance(result, Record):
            stored.append((result, key, digest, new))
        else:
            failures.append(result)
            failed_keys.append(key)
    write_records(db, [(record_to_dict(r), key, digest, new) for r, key, digest, new in stored], failures)
    for _record, key, digest, new in stored:
        if new:
            summary.ingested += 1
        else:
            summary.replaced += 1
        known[key] = digest
        known[f"#{digest}"] = key
        if outcome:
            outcome(key, "ingested" if new else "replaced", None)
    for key, error in zip(failed_keys, failures, strict=True):
        summary.failed += 1
        summary.reasons[error.reason] = summary.reasons.get(error.reason, 0) + 1
        if outcome:
            outcome(key, "failed", error)


def write_records(db: Path, stored: list[tuple[dict[str, Any], str, str, bool]], failures: list[InputError]) -> None:
    """One transaction: serialised records (with their key, content hash and whether the key is
    new) replace their old rows; failures go to ``errors``."""
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    for record, key, digest, _new in stored:
        for table, table_rows in record_rows(record, key, digest).items():
            rows[table].extend(table_rows)
    con = connect(db)
    try:
        con.execute("BEGIN TRANSACTION")
        # the rows of replaced documents, and of content already stored under another key
        replaced = [(key, record["id"]) for record, key, _digest, _new in stored]
        old_ids = {r[0] for key, doc_id in replaced
                   for r in con.execute("SELECT doc_id FROM documents WHERE doc_key = ? OR doc_id = ?", [key, doc_id]).fetchall()}
        if old_ids:
            for table in reversed(TABLES):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [sorted(old_ids)])
        for table in TABLES:  # one columnar insert per table: row by row is ten times slower
            if rows[table]:
                columns = _COLUMNS[table]
                arrow = pa.table({c: [r[i] for r in rows[table]] for i, c in enumerate(columns)})
                con.register("batch_rows", arrow)
                con.execute(f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) "
                            f"SELECT {', '.join(_q(c) for c in columns)} FROM batch_rows")
                con.unregister("batch_rows")
        if stored:  # an input that failed before and is stored now is no longer an error: errors name
            # inputs as they were read (a path, "path:line" or a URL), so match those and the keys
            names = {key for _r, key, _d, _n in stored} | {record_where(r) for r, _k, _d, _n in stored}
            con.execute("DELETE FROM errors WHERE input IN (SELECT unnest(?))", [sorted(n for n in names if n)])
        for error in failures:
            con.execute("INSERT OR REPLACE INTO errors (input, reason, detail) VALUES (?, ?, ?)",
                        [error.where, error.reason, error.detail])
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        finally:
            con.close()
        raise
    con.close()


_COLUMNS = {
    "documents": ["doc_id", "doc_key", "raw_hash", "content_hash", "source", "url", "path", "headline", "standfirst",
                  "byline", "published", "language", "text", "n_sentences", "n_events", "n_quotes", "record_schema", "record"],
    "actors": ["doc_id", "actor_id", "name", "kind", "code", "country", "org", "sector", "role", "in_kb", "n_mentions"],
    "mentions": ["doc_id", "actor_id", "text", "start", "end", "sentence", "method"],
    "events": ["doc_id", "event_id", "type", "mode", "cameo", "cameo_root", "cameo_name", "quad_class", "goldstein",
               "plover_score", "source_actor", "source_name", "source_country", "source_code", "target_actor",
               "target_name", "target_country", "target_code", "reciprocal", "modality", "historical", "date", "day",
               "date_source", "place_name", "place_country", "latitude", "longitude", "sentence", "predicate",
               "evidence", "confidence"],
    "quotes": ["doc_id", "quote_id", "kind", "text", "start", "end", "sentence", "cue", "speaker_actor", "speaker_name",
               "speaker_country", "speaker_sector", "speaker_text", "speaker_method", "reported_by_actor",
               "reported_by_name", "event_id"],
    "places": ["doc_id", "name", "country", "latitude", "longitude", "text", "start", "end"],
}


def _q(column: str) -> str:
    return f'"{column}"'


def load_parquet(path: str, db: Path, *, batch_size: int = 64, progress: Progress | None = None) -> IngestSummary:
    """Bring the Parquet output of ``newsgraph batch`` into the store, with ingest's rules
    (unchanged documents skipped, changed ones replaced, failures into ``errors``)."""
    import pyarrow.dataset as pads

    summary = IngestSummary()
    known = _known(db)
    dataset = pads.dataset(path, format="parquet", partitioning="hive")
    for batch in dataset.to_batches(batch_size=batch_size, columns=["doc_key", "raw_hash", "record", "error_input",
                                                                    "error_reason", "error_detail"]):
        stored: list[tuple[dict[str, Any], str, str, bool]] = []
        failures: list[InputError] = []
        for row in batch.to_pylist():
            if row["record"] is None:
                failures.append(InputError(row["error_input"] or "?", row["error_reason"] or "error", row["error_detail"]))
                continue
            key, digest = row["doc_key"], row["raw_hash"]
            if known.get(key) == digest or (key not in known and f"#{digest}" in known):
                summary.unchanged += 1
                continue
            stored.append((json.loads(row["record"]), key, digest, key not in known))
        write_records(db, stored, failures)
        for _record, key, digest, new in stored:
            summary.ingested += new
            summary.replaced += not new
            known[key], known[f"#{digest}"] = digest, key
        for error in failures:
            summary.failed += 1
            summary.reasons[error.reason] = summary.reasons.get(error.reason, 0) + 1
        if progress:
            progress(summary)
    return summary
