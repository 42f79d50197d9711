"""Throughput of ``newsgraph extract`` beside bare ``nlp.pipe`` on the same texts, in one run.

Builds a corpus of N article files in a temporary directory from the texts
at hand (the bundled sample, the seed article in ../shared when present, the
test HTML page), then times, single process:

* ``bare_full``: ``nlp.pipe`` with every component of the model, on the files' texts;
* ``bare_same``: ``nlp.pipe`` with the components newsgraph enables, on the files' texts;
* ``bare_norm``: ``nlp.pipe`` with those components on the normalised texts newsgraph
  parses (no markup, no boilerplate): the floor that extract's own stages add to;
* ``extract``: reading the files, structure, language check, parsing,
  records and their JSON serialisation — what ``newsgraph extract`` does.

Then the same extraction on 1, 2, … worker processes (one per core by
default), each with spaCy loaded once and warm before timing.

Writes ``bench/out/throughput.json`` and a plot of articles/s against worker
processes, ``bench/out/throughput_workers.png``, and prints the figures.

    .venv/bin/python bench/throughput.py [--docs 300] [--repeat 3] [--max-workers N] [--coder rules|model|hybrid]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from newsgraph.config import ExtractSettings
from newsgraph.nlp.model import _closure, load_model
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.errors import InputError
from newsgraph.records import Record, record_to_dict

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def corpus_texts() -> list[tuple[str, str]]:
    texts = [("txt", resources.files("newsgraph.data").joinpath("samples/sample_article.txt").read_text("utf-8"))]
    seed = ROOT.parent / "shared" / "examples" / "seed" / "article.txt"
    if seed.is_file():
        texts.append(("txt", seed.read_text("utf-8")))
    texts.append(("html", (ROOT / "tests" / "data" / "article.html").read_text("utf-8")))
    return texts


def write_corpus(directory: Path, n: int) -> list[Path]:
    base = corpus_texts()
    paths = []
    for i in range(n):
        suffix, text = base[i % len(base)]
        # A distinct final line per copy so no two documents are identical.
        marker = f"\n\nCopy {i} of the benchmark corpus ends here.\n" if suffix == "txt" else ""
        path = directory / f"doc{i:05d}.{suffix}"
        path.write_text(text + marker, "utf-8")
        paths.append(path)
    return paths


def best_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-workers", type=int, default=0, help="worker processes to try (default: every core)")
    parser.add_argument("--coder", choices=("rules", "model", "hybrid"), default="rules", help="[extract] coder")
    args = parser.parse_args()

    pipeline = build_pipeline(ExtractSettings(coder=args.coder))
    nlp = load_model(None)
    same = _closure(nlp, set().union(*(s.components for s in pipeline.stages)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.docs)
        raw_texts = [p.read_text("utf-8") for p in paths]
        words = sum(len(t.split()) for t in raw_texts)

        def bare_full() -> None:
            for _ in nlp.pipe(raw_texts, batch_size=pipeline.batch_size):
                pass

        def bare_same() -> None:
            disable = [n for n in nlp.pipe_names if n not in same]
            for _ in nlp.pipe(raw_texts, batch_size=pipeline.batch_size, disable=disable):
                pass

        norm_texts = [r.text for r in pipeline.run(read_inputs([tmp], max_bytes=5_000_000)) if isinstance(r, Record)]

        def bare_norm() -> None:
            disable = [n for n in nlp.pipe_names if n not in same]
            for _ in nlp.pipe(norm_texts, batch_size=pipeline.batch_size, disable=disable):
                pass

        def extract() -> None:
            items = read_inputs([tmp], max_bytes=5_000_000)
            for result in pipeline.run(items):
                assert isinstance(result, Record), result
                json.dumps(record_to_dict(result), ensure_ascii=False)

        # The same pipeline without its later stages (and the spaCy components only they need).
        def without(*names: str) -> Callable[[], None]:
            partial = Pipeline([s for s in pipeline.stages if s.name not in names], nlp, pipeline.batch_size)

            def run() -> None:
                for result in partial.run(read_inputs([tmp], max_bytes=5_000_000)):
                    json.dumps(record_to_dict(result), ensure_ascii=False)
            return run

        extract_no_actors = without("actors", "events", "quotes")
        extract_no_events = without("events", "quotes")
        extract_no_quotes = without("quotes")

        extract()  # warm-up: lazy loads (language model, trafilatura)
        seconds = {name: best_of(args.repeat, fn) for name, fn in
                   (("bare_full", bare_full), ("bare_same", bare_same), ("bare_norm", bare_norm),
                    ("extract_no_actors", extract_no_actors), ("extract_no_events", extract_no_events),
                    ("extract_no_quotes", extract_no_quotes), ("extract", extract))}

    figures = {
        "docs": args.docs, "words": words, "repeat": args.repeat, "workers": 1, "coder": args.coder,
        "model": pipeline.labels["model"], "components": sorted(same),
        "python": platform.python_version(), "machine": platform.machine(),
        **{f"{k}_seconds": round(v, 3) for k, v in seconds.items()},
        **{f"{k}_articles_per_s": round(args.docs / v, 1) for k, v in seconds.items()},
        **{f"{k}_words_per_s": round(words / v) for k, v in seconds.items()},
        "extract_vs_bare_full": round(seconds["bare_full"] / seconds["extract"], 3),
        "extract_vs_bare_same": round(seconds["bare_same"] / seconds["extract"], 3),
        "extract_vs_bare_norm": round(seconds["bare_norm"] / seconds["extract"], 3),
        "actor_stage_share": round(seconds["extract_no_events"] / seconds["extract_no_actors"] - 1, 3),
        "event_stage_share": round(seconds["extract_no_quotes"] / seconds["extract_no_events"] - 1, 3),
        "quote_stage_share": round(seconds["extract"] / seconds["extract_no_quotes"] - 1, 3),
    }
    # All cores: the same extraction in worker processes (spaCy loaded once each, started before timing).
    scaling = {}
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.docs)
        raws = [r for r in read_inputs([tmp], max_bytes=5_000_000) if not isinstance(r, InputError)]
        for workers in range(1, (args.max_workers or os.cpu_count() or 1) + 1):
            scaling[workers] = round(args.docs / parallel_extract(raws, workers, pipeline.batch_size), 1)
    figures["workers_articles_per_s"] = scaling
    figures["all_cores_vs_one_process"] = round(scaling[max(scaling)] / scaling[1], 3)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "throughput.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    plot(scaling, figures["bare_full_articles_per_s"], OUT / "throughput_workers.png")
    for name in ("bare_full", "bare_same", "bare_norm", "extract_no_actors", "extract_no_events", "extract_no_quotes",
                 "extract"):
        print(f"{name:18s} {figures[f'{name}_articles_per_s']:8.1f} articles/s {figures[f'{name}_words_per_s']:9d} words/s")
    print(f"extract / bare nlp.pipe (full model): {figures['extract_vs_bare_full']:.2f}; "
          f"(same components): {figures['extract_vs_bare_same']:.2f}; "
          f"(same components, normalised texts): {figures['extract_vs_bare_norm']:.2f}")
    print(f"actor stage (with the spaCy components only it needs) adds {figures['actor_stage_share']:.1%} "
          f"to extract without it; the event stage adds {figures['event_stage_share']:.1%}; "
          f"the quote stage {figures['quote_stage_share']:.1%}")
    print("worker processes: " + ", ".join(f"{w}: {a} articles/s" for w, a in scaling.items())
          + f"; all cores / one process: {figures['all_cores_vs_one_process']:.2f}")
    print(f"wrote {OUT / 'throughput.json'} and {OUT / 'throughput_workers.png'}")


def parallel_extract(raws: list, workers: int, batch_size: int) -> float:
    """Seconds to extract ``raws`` on ``workers`` processes, after they have loaded the pipeline."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from newsgraph.config import ExtractSettings
    from newsgraph.store.ingest import _extract, _init_worker

    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_init_worker,
                             initargs=(ExtractSettings(), None, ())) as pool:
        list(pool.map(_extract, [raws[i:i + 1] for i in range(workers)]))  # every worker warm
        started = time.perf_counter()
        batches = [raws[i:i + batch_size] for i in range(0, len(raws), batch_size)]
        for results in pool.map(_extract, batches):
            for result in results:
                json.dumps(record_to_dict(result), ensure_ascii=False)
        return time.perf_counter() - started


def plot(scaling: dict[int, float], bare: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    xs = sorted(scaling)
    ax.plot(xs, [scaling[x] for x in xs], marker="o", label="newsgraph extract")
    ax.plot(xs, [scaling[1] * x for x in xs], linestyle=":", color="grey", label="linear")
    ax.axhline(bare, color="#c0392b", linestyle="--", label="bare nlp.pipe, 1 process")
    ax.set_xlabel("worker processes")
    ax.set_ylabel("articles/s")
    ax.set_xticks(xs)
    ax.legend()
    ax.set_title("extract throughput by worker processes")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    main()
