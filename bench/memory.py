"""Peak memory of ``newsgraph ingest`` and ``newsgraph batch`` against corpus size.

    .venv/bin/python bench/memory.py [--sizes 1000 10000] [--workers 2]

Generates short synthetic news documents (JSONL, written for this benchmark:
template sentences over real country names), runs each command in its own
process, and samples the resident memory of that process and its workers
every 0.2 s; the peak of their sum is reported. Streaming end to end means
the peak does not grow with the number of documents. Writes bench/out/memory.json.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

OUT = Path(__file__).resolve().parent / "out"
COUNTRIES = ["Russia", "Ukraine", "China", "the United States", "France", "Germany", "India", "Pakistan", "Iran",
             "Israel", "Turkey", "Japan", "South Korea", "Brazil", "Nigeria", "Kenya", "Ethiopia", "Egypt", "Mexico",
             "Canada", "Poland", "Sweden", "Serbia", "Armenia", "Azerbaijan", "Sudan", "Qatar", "Australia"]
VERBS = ["criticised", "met", "threatened", "praised", "accused", "sanctioned", "urged", "supported", "rejected"]


def generate(path: Path, n: int) -> None:
    rng = random.Random(n)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b, c = rng.sample(COUNTRIES, 3)
            text = (f"{a} {rng.choice(VERBS)} {b} in talks\n\nGenerated for the newsgraph memory benchmark.\n\n"
                    f"{a} {rng.choice(VERBS)} {b} on {rng.randint(1, 28)} March 2023, officials said. "
                    f"{c} {rng.choice(VERBS)} {a} over the dispute, the foreign ministry said.\n\n"
                    f'"We will not accept this," the minister of {b} said in a statement numbered {i}.')
            fh.write(json.dumps({"id": f"gen{i}", "text": text, "published": "2023-03-30"}) + "\n")


def peak_rss(cmd: list[str]) -> tuple[float, float]:
    """(peak MB of the process tree, seconds)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
    return peak / 1e6, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "newsgraph")
    results: dict[str, dict[str, dict[str, float]]] = {"ingest": {}, "batch": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"gen{n}.jsonl"
            generate(corpus, n)
            mb, s = peak_rss([exe, "ingest", str(corpus), "--db", str(Path(tmp) / f"m{n}.duckdb"), "-q",
                              "--workers", str(args.workers)])
            results["ingest"][str(n)] = {"peak_mb": round(mb, 1), "seconds": round(s, 1)}
            print(f"ingest {n:6d} documents: peak {mb:7.1f} MB in {s:6.1f}s", flush=True)
            mb, s = peak_rss([exe, "batch", str(corpus), str(Path(tmp) / f"out{n}"), "--engine", "local"])
            results["batch"][str(n)] = {"peak_mb": round(mb, 1), "seconds": round(s, 1)}
            print(f"batch  {n:6d} documents: peak {mb:7.1f} MB in {s:6.1f}s (local engine)", flush=True)
    small, large = str(min(args.sizes)), str(max(args.sizes))
    for command, by_size in results.items():
        growth = by_size[large]["peak_mb"] / by_size[small]["peak_mb"] - 1
        by_size["growth"] = {"ratio": round(growth, 3)}  # type: ignore[assignment]
        print(f"{command}: peak at {large} is {growth:+.1%} of the peak at {small}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "memory.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
