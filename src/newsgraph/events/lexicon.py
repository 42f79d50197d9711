"""The predicate lexicon (data/events/patterns.csv): lemmas and phrase shapes → CAMEO codes.

Each row says how a predicate is recognised (a verb, a noun, a noun carried by
a light verb), what it must have (an object, a particle), where its target is
found, and the CAMEO code it gets. Analysts edit the CSV; nothing here needs
changing for a new verb.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.data import read_rows

__all__ = ["Lexicon", "Pattern", "load_lexicon"]

TARGET_SLOTS = {"dobj", "dative", "none"} | {f"prep:{p}" for p in
                                              ("to", "with", "against", "on", "from", "for", "at", "into", "of", "over", "about", "between", "in")}


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # "VERB" | "NOUN"
    light: frozenset[str]  # light verbs that carry a noun predicate ("hold" talks)
    objects: frozenset[str]  # object lemmas a verb needs for this sense (empty: any)
    prep: str  # particle or preposition the verb needs ("call for")
    targets: tuple[str, ...]  # where the target is, in order of preference
    cameo: str
    note: str

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.prep) + bool(self.light)


class Lexicon:
    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.by_key: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for p in patterns:
            self.by_key[(p.lemma, p.pos)].append(p)
        for key in self.by_key:
            self.by_key[key].sort(key=lambda p: -p.specificity)
        self.light_verbs = frozenset(v for p in patterns for v in p.light)

    def for_verb(self, lemma: str) -> list[Pattern]:
        return self.by_key.get((lemma, "VERB"), [])

    def for_noun(self, lemma: str) -> list[Pattern]:
        return self.by_key.get((lemma, "NOUN"), [])


def _split(value: str) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in (value or "").split(";") if v.strip())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    patterns = []
    for row in read_rows("events/patterns.csv"):
        targets = tuple(t.strip() for t in (row["target"] or "").split(";") if t.strip() in TARGET_SLOTS)
        patterns.append(Pattern(
            lemma=row["lemma"].strip().lower(), pos=row["pos"].strip().upper(), light=_split(row["light"]),
            objects=_split(row["object"]), prep=(row["prep"] or "").strip().lower(),
            targets=targets or ("dobj",), cameo=row["cameo"].strip(), note=row.get("note") or "",
        ))
    return Lexicon(patterns)
