"""Rerun extraction over the archived pages, offline (``newsgraph reextract``).

Each archived page is read again from its stored bytes exactly as it was read
when fetched (``pages.read_page``, with the same URL, charset and feed date),
then goes through ``store.ingest.ingest`` with ``force``: its document's rows
are replaced even though the page did not change, so an improved pipeline or a
new lexicon entry reaches articles already stored. Nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.monitor import ledger
from newsgraph.monitor.pages import read_page
from newsgraph.reader.sources import RawDocument
from newsgraph.store.ingest import IngestSummary, Progress, ingest
from newsgraph.store.schema import StoreError

__all__ = ["ReextractSummary", "reextract"]


@dataclass
class ReextractSummary:
    reextracted: int = 0  # rows replaced (or first stored: a page whose extraction had failed before)
    failed: int = 0
    unchanged: int = 0  # the same document under two keys: stored once
    archived: int = 0

    def line(self) -> str:
        text = f"reextracted {self.reextracted}, failed {self.failed}"
        return text + (f", unchanged {self.unchanged}" if self.unchanged else "")


def _documents(db: Path, keys: list[str]) -> Iterator[RawDocument | InputError]:
    for page in ledger.read_archived(db, keys):
        try:
            yield read_page(page.content, final_url=page.final_url, charset=page.encoding, published=page.published,
                            canonical=page.canonical_url).raw
        except InputError as e:
            yield InputError(page.canonical_url, e.reason, e.detail)


def reextract(db: Path, settings: Settings | None = None, *, workers: int | None = None,
              progress: Progress | None = None) -> tuple[ReextractSummary, IngestSummary]:
    """Re-extract every archived page and replace its document's rows."""
    settings = settings or Settings()
    if not Path(db).is_file():
        raise StoreError(f"{db}: no such database (run `newsgraph fetch` or `newsgraph watch` first)")
    keys = ledger.archived_keys(db)
    summary = ReextractSummary(archived=len(keys))
    if not keys:
        return summary, IngestSummary()
    result = ingest(_documents(db, keys), db, settings=settings.extract, workers=workers or 1,
                    batch_size=settings.store.batch_size, progress=progress, force=True)
    summary.reextracted = result.ingested + result.replaced
    summary.failed, summary.unchanged = result.failed, result.unchanged
    return summary, result
