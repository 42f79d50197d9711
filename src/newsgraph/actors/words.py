"""Word classes and base forms from the tagger's Penn tags alone.

The actor stage runs on the parser and tagger only (no attribute ruler,
lemmatizer or NER, which would more than double the cost of parsing), so it
reads coarse parts of speech off ``Token.tag_`` and makes its own base forms.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["base", "coarse", "is_name_word"]

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


def base(token: Token) -> str:
    """Lower-case base form: nouns singular ("officials" → "official"), common verbs plain."""
    word = token.lower_
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
