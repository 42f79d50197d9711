"""The learned event model: a compact classifier over parse features, beside the rules.

Every verb, and every noun the lexicon knows as an act, is a candidate predicate. The model
reads the words and the parse around it (its base form, its object, particle and prepositions,
negation and auxiliaries, the verb above it, and the PLOVER types the rule lexicon gives its
lemma) and scores it with a PLOVER type or ``NONE``. It is a multinomial logistic regression
trained by ``scripts/train_event_model.py`` from the written training corpus (``training/``)
and shipped as ``data/model/event_model.npz`` (numpy only at run time).

How it combines with the rules (``[extract] coder``): ``rules`` — the rules alone; ``model``
— only the model's predicates (typed by the model, argued by the rules' argument finder);
``hybrid`` — the rules' events, less those on a predicate the model is sure is no event, plus
the model's events on predicates the rules left alone (docs/events.md, model card).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.words import base, coarse
from newsgraph.events.lexicon import Lexicon

__all__ = ["EventModel", "aligned", "aligned_events", "candidate", "features", "load_event_model", "train", "vector"]

NONE = "NONE"
MODEL_FILE = "model/event_model.npz"
MODALITY_FILE = "model/event_modality.npz"  # the same features, the modality of an event's predicate
AUXILIARIES = {"will", "would", "could", "may", "might", "should", "must", "can", "shall"}


def candidate(token: Token, lexicon: Lexicon) -> bool:
    """A word that could report an event: a verb, or a noun the lexicon knows as an act."""
    kind = coarse(token)
    if kind == "VERB":
        return token.tag_ != "MD" and token.dep_ not in ("aux", "auxpass")
    return kind == "NOUN" and bool(lexicon.for_noun(base(token)) or base(token) in lexicon.nominals)


def _actor_features(token: Token, index: ActorIndex) -> list[str]:
    """Which of the predicate's arguments name actors, and of which kind and sector."""
    out, countries = [], []
    for child in token.children:
        role = {"nsubj": "S", "nsubjpass": "S", "agent": "S", "dobj": "O", "dative": "O"}.get(child.dep_)
        words = [child] if role else [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else []
        role = role or (f"P:{child.lower_}" if words else None)
        for word in words:
            hit = next((index.at(t) for t in word.subtree if index.at(t)), None)
            if hit is None:
                continue
            actor = hit[0]
            out += [f"{role}_act={actor.kind}", f"{role}_sec={actor.sector}"]
            countries.append(actor.country)
    if len(countries) >= 2:
        out.append("same_country" if len(set(countries)) == 1 else "two_countries")
    return out


def features(token: Token, lexicon_types: dict[str, set[str]], index: ActorIndex | None = None) -> list[str]:
    """The words and parse around a candidate predicate (and which of its arguments are actors,
    given the actor index), as feature strings."""
    lemma, head = base(token), token.head
    out = [f"L={lemma}", f"P={coarse(token)}", f"dep={token.dep_}", f"H={base(head)}", f"H|dep={base(head)}|{token.dep_}"]
    out += [f"lex={t}" for t in sorted(lexicon_types.get(lemma, ()))]
    for child in token.children:
        dep = child.dep_
        if dep in ("dobj", "nsubjpass", "attr", "oprd"):
            out += [f"O={base(child)}", f"L|O={lemma}|{base(child)}"]
        elif dep == "prt":
            out.append(f"L|prt={lemma}|{child.lower_}")
        elif dep in ("prep", "agent"):
            out.append(f"L|prep={lemma}|{child.lower_}")
            out += [f"L|prep|obj={lemma}|{child.lower_}|{base(o)}" for o in child.children if o.dep_ == "pobj"]
        elif dep == "neg":
            out.append("neg")
        elif dep in ("compound", "amod", "advmod"):
            out.append(f"L|mod={lemma}|{base(child)}")
        elif dep in ("aux", "auxpass") and child.lower_ in AUXILIARIES:
            out.append(f"aux={child.lower_}")
        elif dep == "mark":
            out.append(f"mark={child.lower_}")
        elif dep in ("nsubj", "csubj"):
            out.append(f"S={child.lower_ if child.tag_ in ('PRP', 'PRP$') else coarse(child)}")
    if token.dep_ in ("xcomp", "ccomp", "advcl"):
        out.append(f"gov={base(head)}|{token.dep_}")
    if coarse(token) == "NOUN" and token.dep_ == "dobj":
        out.append(f"light={base(head)}|{lemma}")
    if index is not None:
        out += _actor_features(token, index)
    return out


def _unit(row: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def vector(token: Token) -> np.ndarray:
    """The pipeline's own context vectors (``doc.tensor``, from its tok2vec) of the predicate and
    the word it depends on, each of unit length: what the parse saw around the word, beyond its
    spelling."""
    tensor = token.doc.tensor
    if tensor is None or len(tensor) != len(token.doc):
        return np.zeros(0, dtype=np.float32)
    return np.concatenate([_unit(tensor[token.i]), _unit(tensor[token.head.i])]).astype(np.float32)


class EventModel:
    """Weights over a feature vocabulary (and over the context vectors, when trained with them),
    for the PLOVER types and ``NONE``."""

    def __init__(self, vocabulary: Sequence[str], labels: Sequence[str], weights: np.ndarray, bias: np.ndarray,
                 dense: np.ndarray | None = None) -> None:
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.labels = list(labels)
        self.weights, self.bias = weights, bias
        self.dense = dense if dense is not None and dense.size else None
        self._none = self.labels.index(NONE) if NONE in self.labels else None

    def scores(self, feats: Iterable[str], vec: np.ndarray | None = None) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        scores = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        if self.dense is not None and vec is not None and len(vec) == len(self.dense):
            scores = scores + vec @ self.dense
        return scores

    def _probabilities(self, feats: Iterable[str], vec: np.ndarray | None) -> np.ndarray:
        scores = self.scores(feats, vec)
        p = np.exp(scores - scores.max())
        return p / p.sum()

    def proba(self, feats: Iterable[str], vec: np.ndarray | None = None) -> dict[str, float]:
        p = self._probabilities(feats, vec)
        return {label: float(v) for label, v in zip(self.labels, p, strict=True)}

    def best(self, feats: Iterable[str], vec: np.ndarray | None = None) -> tuple[str, float, float]:
        """(top label, its probability, the probability of NONE)."""
        p = self._probabilities(feats, vec)
        top = int(p.argmax())
        return self.labels[top], float(p[top]), float(p[self._none]) if self._none is not None else 0.0

    def save(self, path: Path) -> None:
        vocabulary = sorted(self.index, key=self.index.__getitem__)
        dense = self.dense if self.dense is not None else np.zeros((0, len(self.labels)))
        np.savez_compressed(path, vocabulary=np.array(vocabulary), labels=np.array(self.labels),
                            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                            dense=dense.astype(np.float32))


@lru_cache(maxsize=4)
def load_event_model(path: str | None = None, name: str = MODEL_FILE) -> EventModel | None:
    """The shipped model (``MODEL_FILE``: types; ``MODALITY_FILE``: modalities) or the one at
    ``path``; None when there is none."""
    source = Path(path) if path else Path(str(resources.files("newsgraph.data").joinpath(name)))
    if not source.is_file():
        return None
    with np.load(source, allow_pickle=False) as data:
        dense = data["dense"] if "dense" in data.files else None
        return EventModel([str(v) for v in data["vocabulary"]], [str(v) for v in data["labels"]],
                          data["weights"].astype(np.float32), data["bias"], dense)


Example = tuple[list[str], np.ndarray | None, str]  # (features, context vector or None, label)


def train(examples: Sequence[Example], *, epochs: int = 12, rate: float = 0.3, l2: float = 1e-5,
          seed: int = 13, min_count: int = 2) -> EventModel:
    """Multinomial logistic regression by Adagrad over sparse features (and the context vectors,
    when the examples have them), with a fixed seed."""
    counts: dict[str, int] = {}
    for feats, _vec, _label in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    labels = sorted({label for _f, _v, label in examples})
    label_index = {label: i for i, label in enumerate(labels)}
    width = max((len(v) for _f, v, _l in examples if v is not None), default=0)
    weights = np.zeros((len(vocabulary), len(labels)), dtype=np.float32)
    dense = np.zeros((width, len(labels)), dtype=np.float32)
    bias = np.zeros(len(labels), dtype=np.float32)
    g_w, g_d, g_b = np.full_like(weights, 1e-8), np.full_like(dense, 1e-8), np.full_like(bias, 1e-8)
    rows = [np.array(sorted({index[f] for f in feats if f in index}), dtype=np.int64) for feats, _v, _l in examples]
    vecs = [v if v is not None and len(v) == width else np.zeros(width, dtype=np.float32) for _f, v, _l in examples]
    gold = np.array([label_index[label] for _f, _v, label in examples])
    rng = np.random.default_rng(seed)
    for _epoch in range(epochs):
        for n in rng.permutation(len(examples)):
            r, x = rows[n], vecs[n]
            scores = bias + x @ dense + (weights[r].sum(axis=0) if len(r) else 0.0)
            scores = np.exp(scores - scores.max())
            grad = scores / scores.sum()
            grad[gold[n]] -= 1.0
            if len(r):
                gw = grad[None, :] + l2 * weights[r]
                g_w[r] += gw * gw
                weights[r] -= rate * gw / np.sqrt(g_w[r])
            if width:
                gd = np.outer(x, grad) + l2 * dense
                g_d += gd * gd
                dense -= rate * gd / np.sqrt(g_d)
            g_b += grad * grad
            bias -= rate * grad / np.sqrt(g_b)
    return EventModel(vocabulary, labels, weights, bias, dense)


def _span_tokens(doc, text: str) -> list[Token]:  # type: ignore[no-untyped-def]
    start = doc.text.find(text)
    span = doc.char_span(start, start + len(text), alignment_mode="expand") if start >= 0 else None
    return list(span) if span is not None else []


def _within(token: Token, candidate_token: Token) -> bool:
    return token.i == candidate_token.i or candidate_token in token.ancestors


def aligned(doc, events: Sequence[dict], candidates: Sequence[Token]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """{token index: PLOVER type} of the candidates written events are on (``aligned_events``)."""
    return {i: event["type"][0] for i, event in aligned_events(doc, events, candidates).items()}


def aligned_events(doc, events: Sequence[dict], candidates: Sequence[Token]) -> dict[int, dict]:  # type: ignore[no-untyped-def]
    """Which candidate predicate each written event is on: the deepest one whose phrase holds both
    its source and its target, else its target, else its source. {token index: the event}."""
    labels: dict[int, dict] = {}
    for event in events:
        sides = []
        for key in ("source", "target"):
            words = _span_tokens(doc, event[key]["text"]) if event.get(key) else []
            sides.append(min(words, key=lambda t: len(list(t.ancestors))) if words else None)
        source, target = sides
        for needed in ([source, target], [target], [source]):
            if any(t is None for t in needed):
                continue
            fits = [c for c in candidates if all(_within(t, c) for t in needed) and c.i not in labels
                    and all(t.i != c.i for t in needed)]
            if fits:
                deepest = max(fits, key=lambda c: len(list(c.ancestors)))
                labels[deepest.i] = event
                break
    return labels
