"""Name variants: two spellings of one person's name, as news writes them.

"Muammar Gaddafi" and "Moammar Qadhafi", "Erdoğan" and "Erdogan", "Heikkinen" and the
misspelt "Heikkinnen" are one person. Both names are *folded* — accents and case dropped,
hyphens and particles ("al-", "el-", "bin") taken out, doubled letters made single and the
transliteration pairs of ``data/actors/name_folds.csv`` applied ("dh"→"d", "q"→"k") — and
then compared word by word with rapidfuzz: the surnames (last words), and the given names
when both have one. The two thresholds are ``data/actors/name_thresholds.csv``, chosen by
``scripts/tune_name_thresholds.py`` on ``tests/data/name_pairs.yaml`` (pairs we wrote, half
of them different people who share a surname or nearly a name).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from newsgraph.data import read_rows

__all__ = ["fold", "same_name", "skeleton", "strip_accents", "thresholds"]

PARTICLES = {"al", "el", "ul", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "der", "den", "la", "le", "du"}


@lru_cache(maxsize=1)
def _folds() -> list[tuple[str, str]]:
    return [(row["from"], row["to"]) for row in read_rows("actors/name_folds.csv")]


@lru_cache(maxsize=1)
def thresholds() -> dict[str, float]:
    """{"surname": …, "given": …}: the least rapidfuzz ratio (0-100) of folded words that match."""
    return {row["name"]: float(row["value"]) for row in read_rows("actors/name_thresholds.csv")}


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """The text without its diacritics: "Constanța" → "Constanta", "Erdoğan" → "Erdogan"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(name: str) -> tuple[str, ...]:
    """The name's words, folded for comparison (see the module's doc)."""
    text = strip_accents(name.replace("’", "'")).lower()
    words = [w.replace("-", "").replace("'", "") for w in re.split(r"[\s.]+|-(?=(?:al|el)\b)|\b(?:al|el)-", text)]
    words = [w for w in words if w and w not in PARTICLES]
    out = []
    for word in words:
        for old, new in _folds():
            word = word.replace(old, new)
        out.append(re.sub(r"(.)\1+", r"\1", word))
    return tuple(out)


def skeleton(word: str) -> str:
    """A folded surname's consonants: the key names are looked up by ("kdf" for Gaddafi, Qadhafi)."""
    folded = fold(word)
    return re.sub(r"[aeiouh]", "", folded[-1]) if folded else ""


GENDERED = {("", "a"), ("a", "o"), ("i", "a"), ("y", "a"), ("", "e")}  # Jan/Jana, Mario/Maria, Kowalski/Kowalska


def _gendered(a: str, b: str) -> bool:
    """Whether two words differ only by a gendered ending: two names, not two spellings."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    ends = (a[n:], b[n:])
    return n >= 2 and (ends in GENDERED or ends[::-1] in GENDERED)


def _close(a: str, b: str, least: float) -> bool:
    return a == b or (not _gendered(a, b) and fuzz.ratio(a, b) >= least)


def same_name(a: str, b: str, *, surname_only: bool = False, strict: bool = False) -> bool:
    """Whether two written names are one person's: surnames close, and given names close when
    both give one (an initial fits its name). ``surname_only`` lets a lone surname ("Tokaev")
    match a full name ("Kassym-Jomart Tokayev"); ``strict`` (a name against the knowledge base,
    with no article to vouch for it) wants as many words, each close, and no initials."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb or (min(len(fa), len(fb)) < 2 and not surname_only):
        return False
    if strict and (len(fa) != len(fb) or min(map(len, fa + fb)) < 2):
        return False
    limits = thresholds()
    if not _close(fa[-1], fb[-1], limits["surname"]):
        return False
    if len(fa) < 2 or len(fb) < 2:
        return True
    given_a, given_b = fa[:-1], fb[:-1]
    initials_a, initials_b = {w for w in given_a[1:] if len(w) == 1}, {w for w in given_b[1:] if len(w) == 1}
    if initials_a and initials_b and initials_a != initials_b:
        return False  # George H. W. Bush, George W. Bush
    if " ".join(given_a) == " ".join(given_b) or _close(" ".join(given_a), " ".join(given_b), limits["given"]):
        return True
    # word by word: each an initial of the other's ("J. Biden") or close to it ("Moammar")
    return all(_fits(x, y, limits["given"]) for x, y in zip(given_a, given_b))


def _fits(a: str, b: str, least: float) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return _close(a, b, least)
