"""Word classes and base forms from the tagger's Penn tags alone.

The actor stage runs on the parser and tagger only (no attribute ruler,
lemmatizer or NER, which would more than double the cost of parsing), so it
reads coarse parts of speech off ``Token.tag_`` and makes its own base forms.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Token

from newsgraph.data import read_rows

__all__ = ["WATERS", "base", "coarse", "institution_heads", "is_name_word", "speaker_words", "use_lemma_tables"]

# Seas named after a country are not that country: "the Gulf of Oman", "the Sea of Japan".
WATERS = frozenset({"gulf", "sea", "strait", "straits", "bay", "ocean", "channel", "lake", "river", "waters", "coast"})

# The model's own lemmatizer tables (exceptions, known lemmas, suffix rules), applied
# without running the lemmatizer component. Set once by ``use_lemma_tables``.
_TABLES: dict[str, Any] = {}

_COARSE = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "CD": "NUM", "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "IN": "ADP", "RB": "ADV", "POS": "PART", "HYPH": "PUNCT",
}
_IRREGULAR = {"men": "man", "women": "woman", "people": "person", "police": "police", "media": "media",
              "children": "child", "chiefs": "chief", "staff": "staff", "news": "news", "forces": "force",
              "flew": "fly", "went": "go", "came": "come", "fled": "flee", "drove": "drive", "sent": "send",
              "led": "lead", "met": "meet", "held": "hold"}


def coarse(token: Token) -> str:
    """A coarse part of speech (PROPN, NOUN, ADJ, VERB, ...) from the Penn tag."""
    tag = token.tag_
    if tag.startswith("VB") or tag == "MD":
        return "VERB"
    return _COARSE.get(tag, "PUNCT" if token.is_punct else "X")


def use_lemma_tables(nlp: Language) -> None:
    """Read the rule lemmatizer's tables off the loaded model (no component is run)."""
    if _TABLES or "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if not all(lookups.has_table(t) for t in ("lemma_rules", "lemma_exc", "lemma_index")):
        return
    for upos in ("noun", "verb", "adj"):
        _TABLES[upos] = (dict(lookups.get_table("lemma_exc").get(upos, {})),
                         set(lookups.get_table("lemma_index").get(upos, [])),
                         list(lookups.get_table("lemma_rules").get(upos, [])))
    _lemma.cache_clear()


@lru_cache(maxsize=200_000)
def _lemma(word: str, upos: str) -> str | None:
    table = _TABLES.get(upos)
    if table is None:
        return None
    exceptions, index, rules = table
    if word in exceptions:
        return exceptions[word][0]
    forms = [word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old) and len(word) > len(old)]
    known = [f for f in forms if f in index]
    return known[0] if known else (forms[0] if forms else word)


def base(token: Token) -> str:
    """Lower-case base form: nouns singular ("officials" → "official"), verbs plain ("flew" → "fly")."""
    word = token.lower_
    tag = token.tag_
    upos = "noun" if tag in ("NNS", "NNPS", "NN") else "verb" if tag.startswith("VB") else "adj" if tag.startswith("JJ") else ""
    if upos and _TABLES:
        if tag in ("NN", "VB") or (tag == "VBP" and word in _TABLES["verb"][1]):
            return word
        found = _lemma(word, upos)
        if found:
            return found
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"  # gunmen, policemen, spokesmen
    tag = token.tag_
    if tag in ("NNS", "NNPS"):
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("sses", "ches", "shes", "xes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
    if tag in ("VBD", "VBN", "VBG", "VBZ"):
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)] + repl
                return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] and suffix in ("ed", "ing") else stem
    return word


def is_name_word(token: Token) -> bool:
    """A capitalised proper-noun token that can be part of a person's name."""
    return token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper() and token.text[1:2].islower() \
        and token.text.isalpha() or (token.tag_ == "NNP" and "-" in token.text and token.text[:1].isupper())


@lru_cache(maxsize=1)
def speaker_words() -> dict[str, str]:
    """Nouns for those who speak for someone ("mouth": "spokeswoman", "aide") and for what a body
    issues ("document": "statement", "communique"): data/quotes/speaker_words.csv. Read by the
    actor stage (a role a spokesperson speaks for) and the quote stage (the speaker chain)."""
    return {row["word"]: row["kind"] for row in read_rows("quotes/speaker_words.csv")}


@lru_cache(maxsize=1)
def institution_heads() -> dict[str, str]:
    """Head nouns that make a capitalised name a public body, with its sector ("Authority": GOV):
    data/actors/institution_heads.csv."""
    return {row["head"]: row["sector"] for row in read_rows("actors/institution_heads.csv")}
