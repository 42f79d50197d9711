"""Monitor commands: sources, watch, fetch, reextract (see docs/monitor.md)."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape

from newsgraph.cli.common import err, guarded
from newsgraph.cli.store_cmds import ConfigOption, DbOption, FormatOption, QueryFormat, show
from newsgraph.config import Settings, load_settings
from newsgraph.errors import MonitorError

if TYPE_CHECKING:  # the commands import what they run when they run (a fast --help)
    from newsgraph.monitor.watch import FetchSummary, PageOutcome
    from newsgraph.store.ingest import IngestSummary

__all__ = ["register"]

QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress line, no line per skipped page.")]


class Kind(str, Enum):
    auto = "auto"
    feed = "feed"
    sitemap = "sitemap"
    page = "page"
  # monitor.sources.KINDS, checked by the tests


def _db(db: Path | None, settings: Settings) -> Path:
    return db if db is not None else Path(settings.store.db)


def _every(value: str) -> float:
    from newsgraph.monitor.sources import parse_every

    try:
        return parse_every(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def _counts(s: FetchSummary) -> str:
    return (f"{s.fetched} fetched · {s.ingested + s.updated} ingested · {s.unchanged} unchanged · "
            f"{s.skipped} skipped · {s.failed} failed")


class _Line:
    """The progress line on stderr (hidden when stderr is not a terminal, or with -q), with a
    line above it for every page skipped or failed and every source that could not be polled."""

    def __init__(self, label: str, quiet: bool) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.quiet = quiet
        self.bar = Progress(SpinnerColumn(), TextColumn(f"[bold]{label}[/bold]"), TextColumn("{task.fields[counts]}"),
                            TextColumn("[dim]{task.fields[url]}[/dim]"), TimeElapsedColumn(), console=err,
                            disable=quiet, transient=True)
        self.task = self.bar.add_task(label, total=None, counts="", url="")

    def __enter__(self) -> _Line:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def page(self, outcome: PageOutcome, summary: FetchSummary) -> None:
        self.bar.update(self.task, counts=_counts(summary), url=escape(outcome.url[-60:]))
        if outcome.status in ("skipped", "failed") and not self.quiet:
            self.bar.console.print(f"[yellow]newsgraph: {outcome.status}[/yellow] {escape(outcome.line())}",
                                   soft_wrap=True)

    def source(self, message: str) -> None:
        if not self.quiet:
            self.bar.console.print(f"[yellow]newsgraph: source failed[/yellow] {escape(message)}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    sources = typer.Typer(help="The feeds, sitemaps and pages `newsgraph watch` polls.", no_args_is_help=True)
    app.add_typer(sources, name="sources")

    @sources.command("add")
    @guarded
    def sources_add(
        url: Annotated[str, typer.Argument(help="An RSS/Atom feed, a sitemap (or sitemap index), or an article page.")],
        name: Annotated[Optional[str], typer.Option(help="A name to show for it.")] = None,
        every: Annotated[Optional[str], typer.Option(help="How often to poll it: 90s, 15m, 2h, 1d (default: [monitor] default_every).")] = None,
        kind: Annotated[Kind, typer.Option(help="What it is; auto: found out on the first poll.")] = Kind.auto,
        db: DbOption = None, config: ConfigOption = None,
    ) -> None:
        """Add a source to poll; it is due at once."""
        from newsgraph.monitor.sources import add_source

        settings = load_settings(config)
        seconds = _every(every or settings.monitor.default_every)
        source = add_source(_db(db, settings), url, name=name, every_s=seconds, kind=kind.value)
        err.print(f"newsgraph: added source #{source.source_id} {escape(source.url)} ({source.kind}, every "
                  f"{source.every})", soft_wrap=True)

    @sources.command("list")
    @guarded
    def sources_list(db: DbOption = None, config: ConfigOption = None, fmt: FormatOption = QueryFormat.table) -> None:
        """The sources, with their last and next poll, what they brought in and their last error."""
        from newsgraph.monitor.sources import list_sources
        from newsgraph.store import queries as q
        from newsgraph.store.schema import connect

        with connect(_db(db, load_settings(config)), read_only=True) as con:
            rows = list_sources(con)
        if fmt == QueryFormat.table:  # what fits a terminal; csv and json have every column
            table = q.Table(["id", "kind", "every", "source", "last polled", "ingested", "failed", "last error"],
                            [(s.source_id, s.kind, s.every, s.name or s.url, _minute(s.last_polled), s.n_ingested,
                              s.n_failed, s.last_error) for s in rows])
        else:
            table = q.Table(["id", "kind", "every", "url", "name", "last_polled", "next_poll", "found", "ingested",
                             "unchanged", "skipped", "failed", "last_error"],
                            [(s.source_id, s.kind, s.every, s.url, s.name, s.last_polled, s.next_poll, s.n_found,
                              s.n_ingested, s.n_unchanged, s.n_skipped, s.n_failed, s.last_error) for s in rows])
        show(table, fmt, "sources")

    @sources.command("remove")
    @guarded
    def sources_remove(
        source: Annotated[str, typer.Argument(help="The source's number (see `sources list`) or URL.")],
        db: DbOption = None, config: ConfigOption = None,
    ) -> None:
        """Stop polling a source (its articles stay in the store)."""
        from newsgraph.monitor.sources import remove_source

        removed = remove_source(_db(db, load_settings(config)), source)
        err.print(f"newsgraph: removed source #{removed.source_id} {escape(removed.url)}", soft_wrap=True)

    @app.command()
    @guarded
    def watch(
        once: Annotated[bool, typer.Option("--once", help="Poll the due sources once and exit.")] = False,
        db: DbOption = None, config: ConfigOption = None, quiet: QuietOption = False,
    ) -> None:
        """Poll the sources on their schedules and ingest new articles, until Ctrl-C.

        Failures are recorded per page and source (`newsgraph sources list`, the
        dashboard's Sources page) and retried later; they never stop the watch.
        """
        from newsgraph.monitor.watch import FetchSummary, Monitor

        settings = load_settings(config)
        path = _db(db, settings)
        total = FetchSummary()

        def round_done(summary: FetchSummary) -> None:
            total.merge(summary)
            if not summary.sources and not once:
                return  # nothing was due: no line every minute while idle
            stamp = time.strftime("%H:%M:%S")
            err.print(f"newsgraph: {stamp} polled {summary.sources} source{'s' if summary.sources != 1 else ''}: "
                      f"{escape(summary.line())}", soft_wrap=True)

        with _Line("watch", quiet) as line, Monitor(path, settings, progress=line.page, note=line.source) as monitor:
            try:
                monitor.watch(once=once, on_round=round_done)
            except KeyboardInterrupt:
                err.print(f"newsgraph: stopped; in all: {escape(total.line())}", soft_wrap=True)

    @app.command()
    @guarded
    def fetch(
        urls: Annotated[list[str], typer.Argument(help="Article pages to fetch and ingest.", show_default=False)],
        db: DbOption = None, config: ConfigOption = None, quiet: QuietOption = False,
    ) -> None:
        """Fetch article pages once — politely, as `watch` does — and ingest them.

        Exit status: 0 every page stored or unchanged, 1 some page skipped or failed, 2 usage error.
        """
        from newsgraph.monitor.watch import Monitor

        settings = load_settings(config)
        path = _db(db, settings)
        started = time.monotonic()
        with _Line("fetch", quiet) as line, Monitor(path, settings, progress=line.page) as monitor:
            try:
                summary = monitor.fetch_urls(urls)
            except MonitorError as e:
                raise typer.BadParameter(str(e)) from None
        err.print(f"newsgraph: {escape(summary.line())} in {time.monotonic() - started:.1f}s → {escape(str(path))}",
                  soft_wrap=True)
        if summary.skipped or summary.failed:
            raise typer.Exit(1)

    @app.command()
    @guarded
    def reextract(
        db: DbOption = None, config: ConfigOption = None,
        workers: Annotated[Optional[int], typer.Option(help="Extraction processes (default 1).", min=1)] = None,
        quiet: QuietOption = False,
    ) -> None:
        """Rerun extraction over the pages `watch` and `fetch` archived, and replace their rows.

        Nothing is fetched. Use it after changing the pipeline's settings or lexicons
        (e.g. [extract] event_patterns). Exit status: 0 all done, 1 some page failed.
        """
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from newsgraph.monitor.reextract import reextract as run_reextract

        settings = load_settings(config)
        path = _db(db, settings)
        started = time.monotonic()
        with Progress(SpinnerColumn(), TextColumn("[bold]reextract[/bold] {task.completed} pages"), TimeElapsedColumn(),
                      console=err, disable=quiet, transient=True) as bar:
            task = bar.add_task("reextract", total=None)

            def progress(s: IngestSummary) -> None:
                bar.update(task, completed=s.seen)

            summary, _ = run_reextract(path, settings, workers=workers, progress=progress)
        err.print(f"newsgraph: {escape(summary.line())} in {time.monotonic() - started:.1f}s → {escape(str(path))}",
                  soft_wrap=True)
        if summary.failed:
            raise typer.Exit(1)

    del sources_add, sources_list, sources_remove, watch, fetch, reextract  # registered on the app


def _minute(value: object) -> str | None:
    """A timestamp to the minute, for the table."""
    return None if value is None else str(value)[:16]
