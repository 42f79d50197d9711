"""Store commands: ingest a corpus, query it, export it (see docs/store.md)."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
import time
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from newsgraph.cli.common import err, guarded
from newsgraph.config import load_settings
from newsgraph.store import EXPORT_FORMATS as FORMATS

if TYPE_CHECKING:  # the commands import what they run when they run (a fast --help)
    from newsgraph.store import queries as q
    from newsgraph.store.ingest import IngestSummary

__all__ = ["register"]

out = Console(highlight=False)


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


DbOption = Annotated[Optional[Path], typer.Option("--db", help="Database file (default: [store] db in the config, else ./newsgraph.duckdb).")]
ConfigOption = Annotated[Optional[Path], typer.Option(help="Config file (default: $NEWSGRAPH_CONFIG or ./newsgraph.toml).")]
FormatOption = Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[int, typer.Option(help="Rows to show at most.", min=1)]


def _db(db: Path | None, config: Path | None) -> Path:
    return db if db is not None else Path(load_settings(config).store.db)


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _split(values: Optional[list[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


# Columns the terminal table shows (csv and json carry them all).
BRIEF = {"events": ["date", "type", "source", "source_country", "target", "target_country", "modality", "predicate", "headline"],
         "quotes": ["date", "speaker", "kind", "text", "cue", "reported_by", "headline"],
         "did": ["date", "type", "target", "target_country", "modality", "predicate"],
         "done to": ["date", "type", "source", "source_country", "modality", "predicate"],
         "said": ["date", "kind", "text", "cue"],
         "dyads": ["period", "source", "target", "events", "verbal_coop", "material_coop", "verbal_conflict",
                   "material_conflict", "goldstein_sum", "goldstein_mean"]}


def show(table: q.Table, fmt: QueryFormat, title: str | None = None) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    from newsgraph.store import queries as q

    if fmt is QueryFormat.table and title in BRIEF:
        keep = [i for i, c in enumerate(table.columns) if c in BRIEF[title]]
        table = q.Table([table.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in table.rows])
    if fmt is QueryFormat.json:
        typer.echo(json.dumps(table.dicts(), ensure_ascii=False, default=str, indent=2))
    elif fmt is QueryFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(table.columns)
        writer.writerows(table.rows)
    else:
        rich = RichTable(*table.columns, title=title, header_style="bold", show_lines=False)
        width = 60 if len(table.columns) > 5 else 100
        for row in table.rows:
            rich.add_row(*(Text("" if v is None else _clip(str(v), width)) for v in row))  # data, never markup
        out.print(rich)


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _filter(since: Optional[str], until: Optional[str], source: Optional[list[str]], target: Optional[list[str]],
            country: Optional[list[str]], actor: Optional[str], types: Optional[list[str]],
            modality: Optional[list[str]], quad: Optional[list[int]], historical: bool,
            text: Optional[str] = None) -> q.EventFilter:
    from newsgraph.store import queries as q

    modalities = _split(modality) or ["asserted"]
    return q.EventFilter(since=_date(since), until=_date(until), source=_split(source), target=_split(target),
                         country=_split(country), actor=actor, types=_split(types),
                         modality=[] if modalities == ["all"] else modalities, quad_class=list(quad or []),
                         historical=historical, text=text)


SinceOption = Annotated[Optional[str], typer.Option(help="Events on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[Optional[str], typer.Option(help="Events on or before this date.")]
SourceOption = Annotated[Optional[list[str]], typer.Option(help="Source: ISO3 country, actor code or name (repeatable, or comma-separated).")]
TargetOption = Annotated[Optional[list[str]], typer.Option(help="Target: ISO3 country, actor code or name.")]
CountryOption = Annotated[Optional[list[str]], typer.Option(help="Either side's country (ISO3).")]
ActorOption = Annotated[Optional[str], typer.Option(help="Either side's actor name (substring).")]
TypeOption = Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER type(s): REQUEST, ACCUSE, …")]
ModalityOption = Annotated[Optional[list[str]], typer.Option(help="Modality: asserted (default), intended, requested, hypothetical, negated, claimed, or all.")]
QuadOption = Annotated[Optional[list[int]], typer.Option("--quad", help="QuadClass 1–4.", min=1, max=4)]
HistoricalOption = Annotated[bool, typer.Option("--historical", help="Include background events.")]
CoderOption = Annotated[Optional[str], typer.Option("--coder", help="How events are found: rules, model or hybrid (default: [extract] coder, rules).")]
PlainOption = Annotated[bool, typer.Option("--plain", help="Every line of every text is body: no headline, caption or boilerplate recovery (sentence corpora).")]


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def ingest(
        paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL/JSON files, or - for stdin.", show_default=False)],
        db: DbOption = None,
        config: ConfigOption = None,
        workers: Annotated[Optional[int], typer.Option(help="Extraction processes (default: one per core).", min=1)] = None,
        published: Annotated[Optional[str], typer.Option(help="Publication date for inputs that carry none (YYYY-MM-DD).")] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        plain: PlainOption = False,
        coder: CoderOption = None,
    ) -> None:
        """Extract a corpus into the database: new and changed articles only; safe to stop and rerun.

        Exit status: 0 all stored, 1 some inputs failed (see the errors table), 2 usage error.
        """
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from newsgraph.reader.sources import read_inputs
        from newsgraph.store.ingest import ingest as run_ingest

        settings = load_settings(config)
        if plain or coder:
            extract = dataclasses.replace(settings.extract, plain=plain or settings.extract.plain,
                                          coder=coder or settings.extract.coder)
            settings = dataclasses.replace(settings, extract=extract)
        path = _db(db, config)
        items = read_inputs(paths, max_bytes=settings.extract.max_input_bytes, published=_date(published) and published)
        started = time.monotonic()
        with Progress(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                      console=err, disable=quiet, transient=False) as bar:
            task = bar.add_task("ingest", total=None, rate="–")

            def progress(s: IngestSummary) -> None:
                elapsed = max(time.monotonic() - started, 1e-6)
                bar.update(task, completed=s.seen, rate=f"{(s.ingested + s.replaced) / elapsed:.1f}")

            summary = run_ingest(items, path, settings=settings.extract, workers=workers or settings.store.workers or None,
                                 batch_size=settings.store.batch_size, progress=progress)
        elapsed = time.monotonic() - started
        err.print(f"newsgraph: {escape(summary.line())} in {elapsed:.1f}s → {escape(str(path))}", soft_wrap=True)
        if summary.failed:
            raise typer.Exit(1)

    @app.command()
    @guarded
    def events(
        since: SinceOption = None, until: UntilOption = None, source: SourceOption = None, target: TargetOption = None,
        country: CountryOption = None, actor: ActorOption = None, type_: TypeOption = None,
        modality: ModalityOption = None, quad: QuadOption = None, historical: HistoricalOption = False,
        text: Annotated[Optional[str], typer.Option(help="Words in the evidence sentence.")] = None,
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 100,
    ) -> None:
        """Events in the database, newest first (asserted ones unless --modality says otherwise)."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        f = _filter(since, until, source, target, country, actor, type_, modality, quad, historical, text)
        with connect(_db(db, config), read_only=True) as con:
            show(q.events(con, f, limit=limit), fmt, "events")

    @app.command()
    @guarded
    def quotes(
        speaker: Annotated[Optional[str], typer.Option(help="Speaker name (substring) or country.")] = None,
        about: Annotated[Optional[str], typer.Option(help="An actor or country the quotation mentions.")] = None,
        text: Annotated[Optional[str], typer.Option(help="Words in the quotation.")] = None,
        kind: Annotated[Optional[list[str]], typer.Option(help="direct, partial, indirect.")] = None,
        since: SinceOption = None, until: UntilOption = None,
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 100,
    ) -> None:
        """Who said what: quotations and indirect speech with their speakers."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, config), read_only=True) as con:
            show(q.quotes(con, speaker=speaker, about=about, text=text, kinds=_split(kind) or None,
                          since=_date(since), until=_date(until), limit=limit), fmt, "quotes")

    @app.command()
    @guarded
    def actors(
        country: Annotated[Optional[str], typer.Option(help="Only actors of this country (ISO3).")] = None,
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 50,
    ) -> None:
        """The most active actors, with their event, quotation and article counts."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, config), read_only=True) as con:
            show(q.actors(con, country=country, limit=limit), fmt, "actors")

    @app.command("actor")
    @guarded
    def actor_cmd(
        name: Annotated[str, typer.Argument(help="Actor name (substring).")],
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 20,
    ) -> None:
        """One actor: what it did, what was done to it, what it said."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, config), read_only=True) as con:
            parts = q.actor(con, name, limit=limit)
        if fmt is QueryFormat.json:
            typer.echo(json.dumps({k: v.dicts() for k, v in parts.items()}, ensure_ascii=False, default=str, indent=2))
            return
        for title, table in parts.items():
            if fmt is QueryFormat.csv:
                typer.echo(f"# {title}")
            show(table, fmt, title.replace("_", " "))

    @app.command()
    @guarded
    def dyads(
        by: Annotated[str, typer.Option(help="Pairs of 'country' or 'actor'.")] = "country",
        period: Annotated[Optional[str], typer.Option(help="Break down per day, week or month.")] = None,
        since: SinceOption = None, until: UntilOption = None, source: SourceOption = None, target: TargetOption = None,
        country: CountryOption = None, type_: TypeOption = None, modality: ModalityOption = None,
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 100,
    ) -> None:
        """Per pair of countries (or actors): events by QuadClass and type, summed and mean Goldstein."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        if by not in ("country", "actor"):
            raise typer.BadParameter("--by must be 'country' or 'actor'")
        f = _filter(since, until, source, target, country, None, type_, modality, None, False)
        with connect(_db(db, config), read_only=True) as con:
            show(q.dyads(con, f, by=by, period=period, limit=limit), fmt, "dyads")

    @app.command()
    @guarded
    def search(
        query: Annotated[str, typer.Argument(help="Words or a phrase.")],
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 20,
    ) -> None:
        """Full-text search over the articles: the phrase, else all its words."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, config), read_only=True) as con:
            show(q.search(con, query, limit=limit), fmt, f"search: {query}")

    @app.command()
    @guarded
    def sql(
        statement: Annotated[str, typer.Argument(help="One read-only SQL statement (tables: docs/store.md).")],
        db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table, limit: LimitOption = 1000,
    ) -> None:
        """Run a read-only SQL query on the database."""
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, config), read_only=True) as con:
            show(q.read_only_sql(con, statement, limit=limit), fmt)

    @app.command()
    @guarded
    def export(
        fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
        out_path: Annotated[Path, typer.Option("--out", help="File to write.")] = Path("events.jsonl"),
        since: SinceOption = None, until: UntilOption = None, source: SourceOption = None, target: TargetOption = None,
        country: CountryOption = None, actor: ActorOption = None, type_: TypeOption = None,
        modality: ModalityOption = None, quad: QuadOption = None, historical: HistoricalOption = False,
        db: DbOption = None, config: ConfigOption = None,
    ) -> None:
        """Export events (asserted by default) as Parquet, CSV, JSONL, or GDELT 2.0-style TSV."""
        from newsgraph.store.export import export as export_events
        from newsgraph.store.schema import connect

        if fmt not in FORMATS:
            raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
        f = _filter(since, until, source, target, country, actor, type_, modality, quad, historical)
        with connect(_db(db, config), read_only=True) as con:
            n = export_events(con, fmt, out_path, f)
        err.print(f"newsgraph: wrote {n} rows to {escape(str(out_path))}", soft_wrap=True)

    @app.command()
    @guarded
    def serve(
        db: DbOption = None, config: ConfigOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on (localhost by default; 0.0.0.0 exposes it).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
        demo: Annotated[bool, typer.Option("--demo", help="Serve the bundled sample corpus (built into ./newsgraph-demo.duckdb if absent).")] = False,
    ) -> None:
        """Serve the dashboard and the JSON API (/api/, docs at /docs) over the database, read-only."""
        import uvicorn

        from newsgraph.store.schema import StoreError
        from newsgraph.web.app import create_app

        path = Path("newsgraph-demo.duckdb") if demo and db is None else _db(db, config)
        if demo:
            build_demo(path)
        elif not path.is_file():
            raise StoreError(f"{path}: no such database (run `newsgraph ingest` first, or `newsgraph serve --demo`)")
        err.print(f"newsgraph: serving {escape(str(path))} at [bold]http://{host}:{port}/[/bold] (Ctrl-C to stop)", soft_wrap=True)
        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")

    del ingest, events, quotes, actors, actor_cmd, dyads, search, sql, export, serve  # registered on the app


def build_demo(path: Path) -> None:
    """Ingest the bundled sample corpus (synthetic articles written for newsgraph) into ``path``."""
    from importlib import resources

    from newsgraph.reader.sources import read_inputs
    from newsgraph.store.ingest import ingest as run_ingest

    corpus = resources.files("newsgraph.data").joinpath("samples/corpus")
    with resources.as_file(corpus) as directory:
        items = read_inputs([str(directory)], max_bytes=5_000_000)
        fresh = not path.is_file()
        if fresh:
            err.print(f"newsgraph: building the demo database {escape(str(path))} from the sample corpus…", soft_wrap=True)
        summary = run_ingest(items, path, batch_size=16)
        if fresh or summary.ingested or summary.replaced:
            err.print(f"newsgraph: demo database: {escape(summary.line())}", soft_wrap=True)

