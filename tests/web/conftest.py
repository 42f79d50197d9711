"""A small database of synthetic articles (one full of markup) and a running server over it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsgraph.reader.sources import read_inputs
from newsgraph.store.ingest import ingest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "web_corpus"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    summary = ingest(read_inputs([str(CORPUS)], max_bytes=5_000_000), db, workers=1)
    assert summary.ingested == 4 and summary.failed == 0, summary
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_db: Path, tmp_path_factory) -> Iterator[str]:
    """`newsgraph serve` in its own process, on a free localhost port."""
    db = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(web_db, db)  # the paste box may save into it
    port = _free_port()
    exe = Path(sys.executable).parent / "newsgraph"
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(f"server died: {proc.stderr.read().decode() if proc.stderr else ''}")
    else:
        proc.kill()
        raise RuntimeError("server did not start")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
