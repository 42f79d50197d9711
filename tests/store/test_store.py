"""The DuckDB store: ingest (idempotent, resumable, failures recorded), queries and exports,
on a small corpus we wrote (tests/data/store_corpus) and the bundled demo corpus."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from newsgraph.reader.sources import read_inputs
from newsgraph.store import queries as q
from newsgraph.store import schema
from newsgraph.store.export import GDELT_COLUMNS, export
from newsgraph.store.ingest import ingest
from newsgraph.store.schema import StoreError, connect

CORPUS = Path(__file__).resolve().parents[1] / "data" / "store_corpus"
TABLES = ("documents", "actors", "mentions", "events", "quotes", "places", "errors")


def _ingest(paths: list[Path], db: Path, workers: int = 1):
    items = read_inputs([str(p) for p in paths], max_bytes=5_000_000)
    return ingest(items, db, workers=workers, batch_size=2)


def _counts(db: Path) -> dict[str, int]:
    with connect(db, read_only=True) as con:
        return q.stats(con) | {"mentions": con.execute("SELECT count(*) FROM mentions").fetchone()[0]}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "small.duckdb"
    summary = _ingest([CORPUS], db)
    assert (summary.ingested, summary.failed) == (3, 1), summary
    return db


def test_failed_input_goes_to_errors_and_the_rest_is_ingested(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        errors = con.execute("SELECT input, reason FROM errors").fetchall()
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert docs == 3
    assert [(Path(i).name, r) for i, r in errors] == [("broken.txt", "binary")]


def test_a_fixed_input_leaves_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(CORPUS, corpus)
    db = tmp_path / "db.duckdb"
    _ingest([corpus], db)
    (corpus / "broken.txt").write_text((corpus / "a.txt").read_text("utf-8") + "\nA fixed copy for the tests.\n", "utf-8")
    summary = _ingest([corpus], db)
    assert (summary.ingested, summary.failed) == (1, 0), summary
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 0


def test_second_ingest_changes_nothing(small_db: Path) -> None:
    before = _counts(small_db)
    summary = _ingest([CORPUS], small_db)
    assert (summary.ingested, summary.replaced, summary.unchanged) == (0, 0, 3)
    assert _counts(small_db) == before


def test_changed_article_replaces_its_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(CORPUS, corpus)
    (corpus / "broken.txt").unlink()
    db = tmp_path / "db.duckdb"
    _ingest([corpus], db)
    before = _counts(db)
    text = (corpus / "b.txt").read_text("utf-8").replace("The United States criticised Russia on 16 December 2021 "
                                                          "over its troop build-up near Ukraine.\n", "")
    (corpus / "b.txt").write_text(text, "utf-8")
    summary = _ingest([corpus], db)
    assert (summary.ingested, summary.replaced, summary.unchanged) == (0, 1, 2)
    after = _counts(db)
    assert after["documents"] == before["documents"]
    assert after["events"] < before["events"]
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events WHERE type = 'ACCUSE'").fetchone()[0] == 0
        assert con.execute("SELECT count(DISTINCT doc_key) FROM documents").fetchone()[0] == 3


def test_events_query_filters(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        rows = q.events(con, q.EventFilter(source=["RUS"], target=["USA"], types=["REQUEST"], since=date(2021, 12, 1))).dicts()
        assert rows and all(r["type"] == "REQUEST" and r["source_country"] == "RUS" and r["target_country"] == "USA"
                            for r in rows)
        assert {r["date"] for r in rows} == {date(2021, 12, 15)}
        assert not q.events(con, q.EventFilter(source=["RUS"], since=date(2022, 2, 1), types=["REQUEST"])).rows
        accuse = q.events(con, q.EventFilter(types=["ACCUSE"])).dicts()
        assert [(r["source_country"], r["target_country"]) for r in accuse] == [("USA", "RUS")]
        assert q.count_events(con, q.EventFilter(modality=["negated"])) == 0


def test_cross_article_event_is_one_cluster(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        rows = con.execute("SELECT articles, sources, len(evidence) FROM event_clusters WHERE day = DATE '2021-12-15' "
                           "AND type = 'REQUEST' AND source_country = 'RUS' AND target_country = 'USA'").fetchall()
    assert len(rows) == 1
    articles, sources, mentions = rows[0]
    assert articles == 2 and sources == 2 and mentions >= 2


def test_quotes_query(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        said = q.quotes(con, speaker="Ryabkov").dicts()
        assert any(r["kind"] == "direct" and r["text"].startswith("We are ready to start talks") for r in said)
        assert all("Ryabkov" in r["speaker"] for r in said)
        about = q.quotes(con, about="China").dicts()
        assert about and all("China" in r["text"] for r in about)
        assert q.quotes(con, text="ready to start").rows
        assert not q.quotes(con, speaker="Nobody Atall").rows


def test_actors_and_actor(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        top = q.actors(con).dicts()
        names = [r["name"] for r in top]
        assert "Russia" in names[:3]
        russia = next(r for r in top if r["name"] == "Russia")
        assert russia["as_source"] >= 2 and russia["articles"] == 3
        parts = q.actor(con, "Ryabkov")
        assert parts["actor"].rows[0][0] == "Sergei Ryabkov"
        assert parts["said"].rows
        with pytest.raises(StoreError):
            q.actor(con, "Nobody Atall")


def test_dyads(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        rows = q.dyads(con, q.EventFilter()).dicts()
        pairs = {(r["source"], r["target"]): r for r in rows}
        assert pairs[("RUS", "USA")]["events"] >= 2
        assert pairs[("USA", "RUS")]["verbal_conflict"] == 1
        monthly = q.dyads(con, q.EventFilter(), period="month").dicts()
        assert {str(r["period"])[:7] for r in monthly} >= {"2021-12", "2022-01"}
        with pytest.raises(StoreError):
            q.dyads(con, q.EventFilter(), period="fortnight")


def test_search(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        found = q.search(con, "security guarantees").dicts()
        assert {r["headline"] for r in found} == {"China backs Russia's security demands", "Russia and the US hold talks in Geneva"}
        assert q.search(con, "Geneva talks").rows  # every word, not the phrase
        assert not q.search(con, "zebra").rows


def test_sql_is_read_only(small_db: Path) -> None:
    with connect(small_db, read_only=True) as con:
        assert q.read_only_sql(con, "SELECT count(*) AS n FROM documents").rows == [(3,)]
        for bad in ("DELETE FROM documents", "SELECT 1; DROP TABLE documents", "ATTACH 'x.db'"):
            with pytest.raises(StoreError):
                q.read_only_sql(con, bad)
        with pytest.raises(StoreError):
            q.read_only_sql(con, "SELECT * FROM no_such_table")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports(small_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    with connect(small_db, read_only=True) as con:
        n = export(con, fmt, out, q.EventFilter(types=["REQUEST"]))
        expected = q.count_events(con, q.EventFilter(types=["REQUEST"]))
    assert n == expected > 0
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    else:
        cursor = duckdb.connect().execute(f"SELECT * FROM '{out}'")
        rows = [dict(zip([d[0] for d in cursor.description], r)) for r in cursor.fetchall()]
    assert len(rows) == n and all(r["type"] == "REQUEST" for r in rows)


def test_gdelt_export_reads_back_with_gdelt_columns(small_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with connect(small_db, read_only=True) as con:
        n = export(con, "gdelt", out, q.EventFilter())
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == n > 0
    assert list(rows[0]) == GDELT_COLUMNS
    for column in ("GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code",
                   "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                   "NumArticles", "ActionGeo_CountryCode", "SOURCEURL"):
        assert column in rows[0]
    request = [r for r in rows if r["Day"] == "20211215" and r["Actor1CountryCode"] == "RUS" and r["PLOVERType"] == "REQUEST"]
    assert len(request) == 1 and request[0]["NumArticles"] == "2" and request[0]["EventRootCode"] == "02"


def test_migrations_run_once_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "m.duckdb"
    connect(db).close()
    following = schema.STORE_VERSION + 1
    monkeypatch.setitem(schema.MIGRATIONS, following, ["ALTER TABLE documents ADD COLUMN note TEXT"])
    monkeypatch.setattr(schema, "STORE_VERSION", following)
    with connect(db) as con:
        assert schema.store_version(con) == following
        assert "note" in [r[0] for r in con.execute("DESCRIBE documents").fetchall()]
    with connect(db) as con:  # already there: nothing runs again
        assert schema.store_version(con) == following


def test_v1_store_migrates_to_v2_keeping_its_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written before the monitor (version 1) gains its tables on the first write."""
    db = tmp_path / "v1.duckdb"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", {1: schema.MIGRATIONS[1]})
        m.setattr(schema, "STORE_VERSION", 1)
        _ingest([CORPUS / "a.txt"], db)
        with connect(db, read_only=True) as con:
            assert schema.store_version(con) == 1
    with pytest.raises(StoreError, match="store version 1"):
        connect(db, read_only=True)  # a reader does not migrate
    with connect(db) as con:
        assert schema.store_version(con) == 2
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"sources", "fetches", "archive", "documents"} <= tables
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        con.execute("INSERT INTO sources (url, kind, every_s, added_at) VALUES ('https://news.test/feed', 'feed', 900, "
                    "TIMESTAMP '2024-03-14 09:00:00')")
        assert con.execute("SELECT source_id FROM sources").fetchone()[0] == 1


def test_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "n.duckdb"
    with connect(db) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'store_version'")
    with pytest.raises(StoreError, match="newer"):
        connect(db)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database", "utf-8")
    with pytest.raises(StoreError, match="bad.duckdb"):
        connect(bad, read_only=True)
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def _demo_corpus(tmp_path: Path, n: int) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(resources.files("newsgraph.data").joinpath("samples/corpus").iterdir(), key=lambda p: p.name)
    for f in [f for f in files if f.name.endswith(".txt")][:n]:
        (corpus / f.name).write_text(f.read_text("utf-8"), "utf-8")
    return corpus


def test_bundled_samples_twice_identical_counts(tmp_path: Path) -> None:
    corpus = _demo_corpus(tmp_path, 12)
    db = tmp_path / "demo.duckdb"
    first = _ingest([corpus], db, workers=2)
    assert first.ingested == 12 and first.failed == 0
    counts = _counts(db)
    second = _ingest([corpus], db, workers=2)
    assert (second.ingested, second.replaced, second.unchanged) == (0, 0, 12)
    assert _counts(db) == counts


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = _demo_corpus(tmp_path, 64)  # enough that the kill lands mid-run however fast extraction is
    db = tmp_path / "killed.duckdb"
    config = tmp_path / "newsgraph.toml"
    config.write_text("[store]\nbatch_size = 2\nworkers = 1\n", "utf-8")
    cmd = [str(Path(sys.executable).parent / "newsgraph"), "ingest", str(corpus), "--db", str(db), "--config", str(config), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.3)
        try:
            with connect(db, read_only=True, wait_s=0.5) as con:
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        except StoreError:
            continue
        if stored >= 2:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 2 <= stored < 64
    summary = _ingest([corpus], db)
    assert summary.failed == 0
    with connect(db, read_only=True) as con:
        docs, keys = con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone()
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    assert docs == keys == 64
    assert orphans == 0
