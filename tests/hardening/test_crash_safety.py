"""Crash safety: `newsgraph ingest` killed with SIGKILL at random points, twenty times over.

After every kill the database opens, passes an integrity check (no row without its document,
no duplicate document) and holds only whole documents; a final rerun completes the corpus.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

from newsgraph.store.schema import connect

KILLS = 20
DOCS = 12


def _corpus(directory: Path) -> None:
    """DOCS long articles, each several sample articles run together, so that extracting one takes
    long enough (a good fraction of a second even on a fast machine) for a kill to land mid-run."""
    files = sorted(f for f in resources.files("newsgraph.data").joinpath("samples/corpus").iterdir() if f.name.endswith(".txt"))
    per = max(1, len(files) // DOCS)
    for i in range(DOCS):
        parts = [f.read_text("utf-8") for f in files[i * per:(i + 1) * per]]
        (directory / f"{i:02d}-{files[i * per].name}").write_text("\n\n".join(parts), "utf-8")


def _stored(db: Path) -> int:
    try:
        with connect(db, read_only=True, wait_s=0.2) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except Exception:  # being written: try again on the next poll
        return -1


def _integrity(db: Path) -> int:
    with connect(db, read_only=True, wait_s=30) as con:
        docs, keys, ids = con.execute("SELECT count(*), count(DISTINCT doc_key), count(DISTINCT doc_id) FROM documents").fetchone()
        assert docs == keys == ids, "duplicate document"
        for table in ("actors", "mentions", "events", "quotes", "places"):
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
            assert orphans == 0, f"{table} rows without their document"
        # every stored document has all its events and quotes (a batch is all or nothing)
        short = con.execute("""SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)
                               OR n_quotes <> (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id)""").fetchone()[0]
        assert short == 0, "a document stored without all its rows"
        return docs



def test_ingest_survives_twenty_kills(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus)
    db = tmp_path / "crash.duckdb"
    config = tmp_path / "newsgraph.toml"
    config.write_text("[store]\nbatch_size = 1\nworkers = 1\n", "utf-8")
    exe = str(Path(sys.executable).parent / "newsgraph")
    rng = random.Random(20261127)
    seen = []
    per_doc = 0.3  # seconds a document takes to extract and commit, measured as the rounds go
    for round_ in range(KILLS):
        if db.exists() and _integrity(db) >= DOCS - 1:  # (nearly) finished: start over so the next kill lands mid-run
            db.unlink()
            Path(f"{db}.wal").unlink(missing_ok=True)
        before = _integrity(db) if db.exists() else 0
        target = min(before + rng.randint(0, 3), DOCS - 1)  # never wait for the last commit
        proc = subprocess.Popen([exe, "ingest", str(corpus), "--db", str(db), "--config", str(config), "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        commits: list[tuple[float, int]] = []  # (when, how many) as the polls see them
        while proc.poll() is None and time.monotonic() < deadline:  # wait for the chosen number of commits
            time.sleep(0.05)
            stored = _stored(db) if db.exists() else -1
            if stored > before and (not commits or stored > commits[-1][1]):
                commits.append((time.monotonic(), stored))
            if stored >= target:
                break
        if len(commits) >= 2:
            per_doc = (commits[-1][0] - commits[0][0]) / (commits[-1][1] - commits[0][1])
        # then kill at a random moment before the next commit but one, on a fast machine or a slow one:
        # while extracting, or mid-commit
        time.sleep(rng.uniform(0, 0.8 * per_doc))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        seen.append((round_, _integrity(db) if db.exists() else 0))
    print("after each kill:", seen)
    assert sum(0 < n < DOCS for _r, n in seen) >= KILLS // 2, f"kills did not land mid-run: {seen}"
    final = subprocess.run([exe, "ingest", str(corpus), "--db", str(db), "--config", str(config), "-q"],
                           capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert _integrity(db) == DOCS
