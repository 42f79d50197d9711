"""Train the learned event model from the written training corpus and write it into the package.

Reads ``training/*.jsonl`` (passages written for newsgraph, never the dev sets), reads them with the
pipeline's stages up to the actors (as `newsgraph extract` reads JSONL records), aligns each written event with the predicate it is on
(``events/model.py: aligned``), and trains a multinomial logistic regression over the parse
features of every candidate predicate, with a fixed seed. Holds out every tenth passage to
report how well it learned (macro-F1 over the types, against the majority class), then trains
on everything and writes ``src/newsgraph/data/model/event_model.npz``; a second model over the
same features, trained on the aligned predicates, gives their modality (``event_modality.npz``).

    .venv/bin/python scripts/train_event_model.py [--limit N] [--out PATH] [--epochs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.actors.index import ActorIndex  # noqa: E402
from newsgraph.config import ExtractSettings  # noqa: E402
from newsgraph.events.lexicon import load_lexicon  # noqa: E402
from newsgraph.events.model import NONE, EventModel, aligned_events, candidate, features, train, vector  # noqa: E402
from newsgraph.events.ontology import load_ontology  # noqa: E402
from newsgraph.pipeline import Work, build_pipeline  # noqa: E402
from newsgraph.reader.sources import RawDocument  # noqa: E402
from newsgraph.records import InputRef  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data" / "model" / "event_model.npz"
MODALITY_OUT = OUT.with_name("event_modality.npz")


def passages(limit: int | None, corpus: Path = ROOT / "training") -> list[dict]:
    rows = [json.loads(line) for path in sorted(corpus.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def lexicon_types() -> dict[str, set[str]]:
    lexicon, ontology = load_lexicon(), load_ontology()
    types: dict[str, set[str]] = {}
    for p in lexicon.patterns:
        code = ontology.codes.get(p.cameo)
        if code is not None and code.plover_type:
            types.setdefault(p.lemma, set()).add(code.plover_type)
    return types


def examples(rows: list[dict], dense: bool = True) -> list[list[tuple[list[str], object, str, str | None]]]:
    """Per passage: (features, context vector, type or NONE, modality or None) of every candidate predicate, the passage read by the
    pipeline's stages up to its actors, as `newsgraph extract` reads a JSONL record."""
    pipeline = build_pipeline(ExtractSettings())
    upto = [s for s in pipeline.stages if s.name not in ("events", "quotes")]
    lexicon, types = load_lexicon(), lexicon_types()
    out = []
    for start in range(0, len(rows), 64):
        chunk = rows[start:start + 64]
        works = [Work(raw=RawDocument(ref=InputRef(path=r["id"], format="jsonl"), text=r["text"], layout="body",
                                      published=r.get("published"))) for r in chunk]
        for stage in upto:
            stage([w for w in works if w.error is None])
        for row, work in zip(chunk, works, strict=True):
            if work.error is not None or work.doc is None:
                out.append([])
                continue
            doc, index = work.doc, ActorIndex(work.doc, work.actors)
            cands = [t for t in doc if candidate(t, lexicon)]
            found = aligned_events(doc, row["events"], cands)
            out.append([(features(t, types, index), vector(t) if dense else None,
                         found[t.i]["type"][0] if t.i in found else NONE,
                         found[t.i]["modality"] if t.i in found else None) for t in cands])
    return out


def macro_f1(model: EventModel, data: list[tuple[list[str], object, str]], none: str = NONE) -> tuple[float, float]:
    """(macro-F1 over the labels but ``none`` — the event types, or the modalities but asserted —,
    accuracy)."""
    tp, fp, fn, right = Counter(), Counter(), Counter(), 0
    for feats, vec, gold in data:
        guess = model.best(feats, vec)[0]
        right += guess == gold
        if guess == gold:
            tp[gold] += 1
        else:
            fp[guess] += 1
            fn[gold] += 1
    kinds = {k for k in (*tp, *fp, *fn) if k != none}
    f1s = [2 * tp[k] / (2 * tp[k] + fp[k] + fn[k]) for k in kinds if tp[k] + fp[k] + fn[k]]
    return (sum(f1s) / len(f1s) if f1s else 0.0), right / max(1, len(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="use the first N passages only")
    parser.add_argument("--corpus", type=Path, default=ROOT / "training", help="folder of *.jsonl passages")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-holdout", action="store_true", help="skip the held-out check")
    parser.add_argument("--no-vectors", action="store_true", help="parse features only, no context vectors")
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows = passages(args.limit, args.corpus)
    per_passage = examples(rows, dense=not args.no_vectors)
    positives = sum(label != NONE for ex in per_passage for _f, _v, label, _m in ex)
    events = sum(len(r["events"]) for r in rows)
    print(f"{len(rows)} passages, {events} written events, {positives} aligned with a predicate "
          f"({sum(len(ex) for ex in per_passage)} candidates) in {time.monotonic() - started:.0f}s")
    kinds = [[(f, v, label) for f, v, label, _m in ex] for ex in per_passage]
    moods = [[(f, v, m) for f, v, _label, m in ex if m] for ex in per_passage]
    if not args.no_holdout:
        for what, data in (("types", kinds), ("modalities", moods)):
            train_part = [e for n, ex in enumerate(data) if n % 10 for e in ex]
            held = [e for n, ex in enumerate(data) if not n % 10 for e in ex]
            model = train(train_part, epochs=args.epochs)
            f1, accuracy = macro_f1(model, held, none=NONE if what == "types" else "asserted")
            majority = Counter(label for _f, _v, label in held).most_common(1)[0]
            print(f"held out (every 10th passage), {what}: macro-F1 {f1:.3f}, accuracy {accuracy:.3f} "
                  f"(majority class {majority[0]}: accuracy {majority[1] / max(1, len(held)):.3f})")
    for data, out in ((kinds, args.out), (moods, args.out.with_name(MODALITY_OUT.name))):
        model = train([e for ex in data for e in ex], epochs=args.epochs)
        out.parent.mkdir(parents=True, exist_ok=True)
        model.save(out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(model.index)} features, "
              f"{len(model.labels)} labels) in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
