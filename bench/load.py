"""Load on the dashboard's API: 50 concurrent clients for 60 s, then again while an ingest runs.

    .venv/bin/python bench/load.py [--docs 5000] [--clients 50] [--seconds 60]

Builds a database of generated articles (bench/memory.py's generator), serves
it with ``newsgraph serve`` on a free localhost port, and has ``--clients``
asyncio clients request a mix of endpoints (events with filters and paging,
quotes, actors, dyads, timeline, network, search, documents) as fast as they
can. Reports requests/s, p50 and p99 latency and errors (any non-2xx or
failed request). The second phase repeats it while ``newsgraph ingest``
writes more articles into the same database. Writes bench/out/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from memory import generate  # bench/memory.py

OUT = Path(__file__).resolve().parent / "out"
EXE = str(Path(sys.executable).parent / "newsgraph")
PATHS = [
    ("/api/events", {"limit": 50}), ("/api/events", {"source": "RUS", "limit": 20, "offset": 20}),
    ("/api/events", {"type": "ACCUSE", "since": "2023-03-01"}), ("/api/quotes", {"limit": 20}),
    ("/api/quotes", {"speaker": "minister"}), ("/api/actors", {"limit": 20}), ("/api/dyads", {"period": "week"}),
    ("/api/timeline", {"period": "day"}), ("/api/network", {}), ("/api/search", {"q": "dispute"}),
    ("/api/stats", {}), ("/api/types", {}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client(base: str, until: float, latencies: list[float], errors: list[str], rng: random.Random) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            path, params = rng.choice(PATHS)
            started = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                if response.status_code != 200:
                    errors.append(f"{path} {response.status_code}")
            except httpx.HTTPError as e:
                errors.append(f"{path} {type(e).__name__}")
            latencies.append(time.perf_counter() - started)


def phase(base: str, clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds

    async def run() -> None:
        await asyncio.gather(*(client(base, until, latencies, errors, random.Random(i)) for i in range(clients)))

    started = time.monotonic()
    asyncio.run(run())
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    return {"requests": len(latencies), "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * statistics.median(ordered), 1),
            "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1), "errors": len(errors),
            "error_examples": errors[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        corpus, more = Path(tmp) / "corpus.jsonl", Path(tmp) / "more.jsonl"
        generate(corpus, args.docs)
        generate(more, args.docs + 2000)  # a different seed: new articles for the ingest phase
        print(f"building a database of {args.docs} generated articles…", flush=True)
        subprocess.run([EXE, "ingest", str(corpus), "--db", str(db), "-q"], check=True)
        port = free_port()
        server = subprocess.Popen([EXE, "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(f"{base}/api/stats").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            quiet = phase(base, args.clients, args.seconds)
            print(f"alone:          {quiet}", flush=True)
            ingest = subprocess.Popen([EXE, "ingest", str(more), "--db", str(db), "-q", "--workers", "1"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            busy = phase(base, args.clients, args.seconds)
            ingest.kill()
            ingest.wait()
            print(f"during ingest:  {busy}", flush=True)
        finally:
            server.terminate()
            server.wait()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(json.dumps({"docs": args.docs, "clients": args.clients, "seconds": args.seconds,
                                               "alone": quiet, "during_ingest": busy}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
