"""The store commands end to end: ingest, queries in every format, export, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.main import app

CORPUS = Path(__file__).resolve().parents[1] / "data" / "store_corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", str(path), "--workers", "1", "-q"])
    assert result.exit_code == 1, result.stderr  # broken.txt failed; the rest went in
    assert "ingested 3" in result.stderr and "failed 1 (binary: 1)" in result.stderr
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_json_and_csv(db: Path) -> None:
    code, out, _ = run("events", "--source", "RUS", "--target", "USA", "--type", "REQUEST", "--since", "2021-12-01",
                       "--db", str(db), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows and {(r["type"], r["source_country"], r["target_country"]) for r in rows} == {("REQUEST", "RUS", "USA")}
    code, out, _ = run("events", "--type", "ACCUSE", "--db", str(db), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["source_country"], r["target_country"]) for r in rows] == [("USA", "RUS")]


def test_table_output_and_other_queries(db: Path) -> None:
    for args in (["events"], ["quotes", "--speaker", "Ryabkov"], ["actors"], ["actor", "Russia"],
                 ["dyads", "--period", "month"], ["search", "security guarantees"]):
        code, out, err = run(*args, "--db", str(db))
        assert code == 0, (args, err)
        assert out.strip(), args
    code, out, _ = run("quotes", "--speaker", "Ryabkov", "--db", str(db), "--format", "json")
    assert any(q["text"].startswith("We are ready") for q in json.loads(out))


def test_sql_read_only_and_errors(db: Path) -> None:
    code, out, _ = run("sql", "SELECT count(*) AS n FROM documents", "--db", str(db), "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "3"]
    code, _, err = run("sql", "DROP TABLE documents", "--db", str(db))
    assert code == 1 and "read-only" in err and "Traceback" not in err
    code, _, err = run("events", "--db", str(db.parent / "missing.duckdb"))
    assert code == 1 and "no such database" in err
    code, _, err = run("events", "--since", "yesterday", "--db", str(db))
    assert code == 2


def test_export_gdelt_and_parquet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    code, _, err = run("export", "--format", "gdelt", "--out", str(out), "--db", str(db))
    assert code == 0 and "wrote" in err
    header = out.read_text("utf-8").splitlines()[0].split("\t")
    assert header[:3] == ["GlobalEventID", "Day", "MonthYear"]
    code, _, _ = run("export", "--format", "parquet", "--out", str(tmp_path / "e.parquet"), "--db", str(db))
    assert code == 0 and (tmp_path / "e.parquet").stat().st_size > 0
    code, _, err = run("export", "--format", "xml", "--out", str(tmp_path / "e.xml"), "--db", str(db))
    assert code == 2
