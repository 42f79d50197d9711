"""The predicate lexicon: lemmas and phrase shapes → CAMEO codes.

Each row says how a predicate is recognised (a verb, a noun, a noun carried by
a light verb), what it must have (an object, a particle), where its target is
found, and the CAMEO code it gets. Analysts edit the CSV; nothing here needs
changing for a new verb. Two bundled lexicons, chosen by ``[extract] lexicons``:

* ``newsgraph``: ``data/events/patterns.csv``, written for newsgraph;
* ``petrarch``: ``data/events/petrarch_patterns.csv``, PETRARCH2's CAMEO verb
  dictionary converted by ``scripts/build_petrarch_verbs.py`` (its rows with
  ``use = yes``). Where both have a row for the same verb, object and
  preposition, ours wins (the converter marks the PETRARCH row unused), and
  ours come first among rows equally specific.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from newsgraph.cache import cached, file_stamp
from newsgraph.data import read_rows
from newsgraph.errors import ConfigError

__all__ = ["LEXICONS", "Lexicon", "Pattern", "load_lexicon"]

TARGET_SLOTS = {"dobj", "dative", "none"} | {f"prep:{p}" for p in
                                              ("to", "with", "against", "on", "from", "for", "at", "into", "of", "over", "about", "between", "in")}


class Pattern(NamedTuple):  # a tuple: 17,000 of them load from the cache in a few milliseconds
    lemma: str
    pos: str  # "VERB" | "NOUN"
    light: frozenset[str]  # light verbs that carry a noun predicate ("hold" talks)
    objects: frozenset[str]  # object lemmas a verb needs for this sense (empty: any)
    prep: str  # particle or preposition the verb needs ("call for")
    targets: tuple[str, ...]  # where the target is, in order of preference
    cameo: str
    note: str
    source: str = "newsgraph"  # which lexicon the row came from

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


LEXICONS = {"newsgraph": "events/patterns.csv", "petrarch": "events/petrarch_patterns.csv"}


def _pattern(row: dict[str, str], source: str) -> Pattern:
    targets = tuple(t.strip() for t in (row.get("target") or "").split(";") if t.strip() in TARGET_SLOTS)
    return Pattern(
        lemma=row["lemma"].strip().lower(), pos=row["pos"].strip().upper(), light=_split(row.get("light") or ""),
        objects=_split(row.get("object") or ""), prep=(row.get("prep") or "").strip().lower(),
        targets=targets or ("dobj",), cameo=row["cameo"].strip(), note=row.get("note") or "", source=source,
    )


def _bundled(names: list[str]) -> list[Pattern]:
    return [_pattern(row, name) for name in names for row in read_rows(LEXICONS[name]) if row.get("use", "yes") == "yes"]


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[Path, ...] = (), lexicons: tuple[str, ...] = ("newsgraph", "petrarch")) -> Lexicon:
    """The bundled lexicons named in ``lexicons``, then the rows of ``extra_files`` (same columns)."""
    unknown = [name for name in lexicons if name not in LEXICONS]
    if unknown:
        raise ConfigError(f"unknown lexicon(s) {', '.join(unknown)} (known: {', '.join(LEXICONS)})")
    chosen = [name for name in LEXICONS if name in lexicons]
    stamps = [file_stamp(Path(str(resources.files("newsgraph.data").joinpath(LEXICONS[name])))) for name in chosen]
    patterns = list(cached("lexicon", (*chosen, *stamps, file_stamp(__file__)), lambda: _bundled(chosen)))  # 17,000 rows: parsed once
    patterns += [_pattern(row, str(path)) for path in extra_files for row in _user_rows(Path(path))]
    nominals = {row["noun"].strip().lower(): row["verb"].strip().lower() for row in read_rows("events/nominals.csv")}
    return Lexicon(patterns, nominals)
