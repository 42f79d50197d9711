"""Start-up of the ``newsgraph`` command beside what it cannot do without, in one run.

Times whole processes, interleaved round by round so that the machine's noise
falls on all of them alike, and reports medians:

* ``typer_rich``: ``python -c "import typer, rich"``, the floor of any Typer CLI;
* ``help``: ``newsgraph --help``;
* ``spacy_load``: ``python -c "import spacy; spacy.load(MODEL)"``, the floor of any extraction;
* ``extract_one``: ``newsgraph extract ARTICLE`` on one article (the bundled sample, or the seed
  article in ../shared when present), with the cache (``newsgraph/cache.py``) warm;
* ``extract_cold``: the same with an empty cache (once: the first run on a new machine).

Targets: ``help`` ≤ 4 × ``typer_rich``; ``extract_one`` ≤ 1.6 × ``spacy_load``.
Writes ``bench/out/startup.json`` and prints the figures.

    .venv/bin/python bench/startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from newsgraph.nlp.model import resolve_model_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent


def article() -> Path:
    seed = ROOT.parent / "shared" / "examples" / "seed" / "article.txt"
    if seed.is_file():
        return seed
    with resources.as_file(resources.files("newsgraph.data").joinpath("samples/sample_article.txt")) as path:
        return path


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"startup: {' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path, model = article(), resolve_model_name()
    cache = tempfile.mkdtemp(prefix="newsgraph-cache-")
    env = {**os.environ, "NEWSGRAPH_CACHE": cache}
    commands = {
        "typer_rich": [sys.executable, "-c", "import typer, rich"],
        "help": [str(BIN / "newsgraph"), "--help"],
        "spacy_load": [sys.executable, "-c", f"import spacy; spacy.load({model!r})"],
        "extract_one": [str(BIN / "newsgraph"), "extract", str(path)],
    }
    cold = timed(commands["extract_one"], env)  # fills the cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, argv in commands.items():
            times[name].append(timed(argv, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "article": path.name, "model": model, "rounds": args.rounds,
        "seconds": {**{k: round(v, 3) for k, v in median.items()}, "extract_cold": round(cold, 3)},
        "help_over_typer_rich": round(median["help"] / median["typer_rich"], 2),
        "extract_over_spacy_load": round(median["extract_one"] / median["spacy_load"], 2),
        "cold_extract_over_spacy_load": round(cold / median["spacy_load"], 2),
        "targets": {"help_over_typer_rich": 4.0, "extract_over_spacy_load": 1.6},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "startup.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    s = result["seconds"]
    print(f"median of {args.rounds} rounds ({path.name}, {model}):")
    print(f"  import typer, rich   {s['typer_rich']:.3f} s")
    print(f"  newsgraph --help     {s['help']:.3f} s   {result['help_over_typer_rich']:.2f}x (target <= 4)")
    print(f"  spaCy load alone     {s['spacy_load']:.3f} s")
    print(f"  extract one article  {s['extract_one']:.3f} s   {result['extract_over_spacy_load']:.2f}x (target <= 1.6)")
    print(f"  the same, cold cache {s['extract_cold']:.3f} s   {result['cold_extract_over_spacy_load']:.2f}x (first run only)")


if __name__ == "__main__":
    main()
