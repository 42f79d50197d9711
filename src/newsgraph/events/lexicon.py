"""The predicate lexicon (data/events/patterns.csv): lemmas and phrase shapes → CAMEO codes.

Each row says how a predicate is recognised (a verb, a noun, a noun carried by
a light verb), what it must have (an object, a particle), where its target is
found, and the CAMEO code it gets. Analysts edit the CSV; nothing here needs
changing for a new verb.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.data import read_rows
from newsgraph.errors import ConfigError

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
    def __init__(self, patterns: list[Pattern], nominals: dict[str, str] | None = None) -> None:
        self.patterns = patterns
        self.nominals = nominals or {}  # "suspension" → "suspend": a noun read through its verb's patterns
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


def _user_rows(path: Path) -> list[dict[str, str]]:
    """A user's patterns file ([extract] event_patterns): the columns of patterns.csv."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows, columns = list(reader), set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read event patterns file ({getattr(e, 'strerror', None) or e})") from e
    missing = {"lemma", "pos", "cameo"} - columns
    if missing:
        raise ConfigError(f"{path}: event patterns file needs the columns of data/events/patterns.csv "
                          f"(missing {', '.join(sorted(missing))})")
    return rows


@lru_cache(maxsize=4)
def load_lexicon(extra_files: tuple[Path, ...] = ()) -> Lexicon:
    """The bundled patterns, then those of ``extra_files`` (same columns), appended."""
    patterns = []
    rows = read_rows("events/patterns.csv") + [row for path in extra_files for row in _user_rows(Path(path))]
    for row in rows:
        targets = tuple(t.strip() for t in (row.get("target") or "").split(";") if t.strip() in TARGET_SLOTS)
        patterns.append(Pattern(
            lemma=row["lemma"].strip().lower(), pos=row["pos"].strip().upper(), light=_split(row.get("light") or ""),
            objects=_split(row.get("object") or ""), prep=(row.get("prep") or "").strip().lower(),
            targets=targets or ("dobj",), cameo=row["cameo"].strip(), note=row.get("note") or "",
        ))
    nominals = {row["noun"].strip().lower(): row["verb"].strip().lower() for row in read_rows("events/nominals.csv")}
    return Lexicon(patterns, nominals)
