"""Writing records to stdout as pretty JSON, JSONL or a rich table."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from newsgraph.records import Record, record_to_dict

__all__ = ["Format", "RecordWriter", "render_record"]


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class RecordWriter:
    """Streams records in ``fmt``; with no format, one record is pretty JSON and many are JSONL.

    ``json`` with several records writes one JSON array.
    """

    def __init__(self, fmt: Format | None, out: TextIO | None = None) -> None:
        self.fmt = fmt
        self.out = out or sys.stdout
        self.count = 0
        self._held: dict[str, Any] | None = None

    def write(self, record: Record) -> None:
        self.count += 1
        if self.fmt is Format.table:
            Console(file=self.out, width=110).print(render_record(record))
            return
        data = record_to_dict(record)
        if self.fmt is Format.jsonl:
            self._line(data)
        elif self.count == 1:
            self._held = data
        else:
            if self._held is not None:  # the second record: the output is a stream
                first, self._held = self._held, None
                self._stream(first, opening=True)
            self._stream(data, opening=False)

    def _line(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")

    def _stream(self, data: dict[str, Any], opening: bool) -> None:
        if self.fmt is Format.json:
            self.out.write(("[\n" if opening else ",\n") + json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self._line(data)

    def close(self) -> None:
        if self._held is not None:
            self.out.write(json.dumps(self._held, ensure_ascii=False, indent=2) + "\n")
        elif self.fmt is Format.json and self.count > 1:
            self.out.write("\n]\n")
        self.out.flush()


def _clip(text: str, width: int = 90) -> str:
    """Shortened and escaped: article text is data, never rich markup ("[/b]" in a title)."""
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def render_record(record: Record) -> Panel:
    """A readable summary of one record."""
    art = record.article
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan", no_wrap=True)
    meta.add_column()
    rows = [
        ("headline", escape(art.headline or "—")),
        ("standfirst", escape(art.standfirst or "—")),
        ("byline", escape(", ".join(art.byline) or "—")),
        ("published", escape(f"{art.published} ({art.published_from})") if art.published else "unknown"),
        ("source", escape(record.source or "—")),
        ("language", escape(art.language)),
        ("author bio", escape(art.author_bio or "—")),
    ]
    for caption in art.captions:
        rows.append(("caption", f"{escape(caption.text)}  [dim](credit: {escape(caption.credit or '—')})[/dim]"))
    counts = (f"{sum(p.role == 'body' for p in art.paragraphs)} paragraphs, {len(record.sentences)} sentences, "
              f"{len(record.actors)} actors, {len(record.events)} events, {len(record.quotes)} quotes, "
              f"{len(record.places)} places")
    rows.append(("body", counts))
    for label, value in rows:
        meta.add_row(label, value)
    body = Table("#", "span", "paragraph", box=None, show_header=True, header_style="bold")
    for p in art.paragraphs:
        if p.role == "body":
            body.add_row(str(p.index), f"{p.start}–{p.end}", _clip(p.text))
    grid = Table.grid()
    grid.add_row(meta)
    grid.add_row("")
    grid.add_row(body)
    if record.actors:
        actors = Table("actor", "code", "role", "mentions", box=None, header_style="bold")
        for actor in record.actors:
            mentions = ", ".join(dict.fromkeys(m.text for m in actor.mentions))
            actors.add_row(escape(actor.name), escape(actor.code or "—"), escape(actor.role or ""), _clip(mentions, 60))
        grid.add_row("")
        grid.add_row(actors)
    if record.events:
        events = Table("event", "cameo", "source → target", "modality", "date", "predicate", box=None, header_style="bold")
        for e in record.events:
            who = f"{e.source.code if e.source else '—'} → {e.target.code if e.target else '—'}"
            events.add_row(e.type or "—", e.cameo, escape(who), e.modality, escape(e.date or "—"), _clip(e.predicate.text, 30))
        grid.add_row("")
        grid.add_row(events)
    if record.quotes:
        quotes = Table("quote", "kind", "speaker", "cue", box=None, header_style="bold")
        for q in record.quotes:
            speaker = q.speaker.name if q.speaker else "—"
            if q.reported_by:
                speaker += f" (via {q.reported_by.name})"
            quotes.add_row(_clip(q.text, 60), q.kind, escape(speaker), escape(q.cue.text) if q.cue else "—")
        grid.add_row("")
        grid.add_row(quotes)
    return Panel(grid, title=f"[bold]{escape(record.id)}[/bold]  {escape(record.input.where)}", title_align="left")
