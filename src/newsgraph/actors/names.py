"""Finding the knowledge base's names in a parsed text, token for token.

A name matches where the text's tokens are exactly the name's tokens, as
spaCy's tokenizer splits it ("al-Shabaab" → al, -, Shabaab). The names are
tokenised once and the result is cached on disk (``newsgraph/cache.py``):
tokenising thousands of names at every start-up was most of the time a
one-article run took beyond loading spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy import about
from spacy.tokens import Doc

from newsgraph.cache import cached

__all__ = ["NameMatcher"]


def _tokenise(names: list[str]) -> list[tuple[str, ...]]:
    from spacy.lang.en import English

    make = English().make_doc  # the English tokenizer, on a vocabulary of its own
    return [tuple(t.text for t in make(name)) for name in names]


class NameMatcher:
    """Every span of a doc whose tokens spell one of ``names`` exactly (case-sensitive)."""

    def __init__(self, names: Iterable[str]) -> None:
        aliases = sorted(set(names))
        tokenised = cached("kb-names", (about.__version__, *aliases), lambda: _tokenise(aliases))  # the tokenizer's own version is the key
        # one-word names by their word; longer ones by their first two ("International Atomic …")
        self._single: dict[str, list[str]] = {}
        self._by_two: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for alias, words in zip(aliases, tokenised, strict=True):
            if len(words) == 1:
                self._single.setdefault(words[0], []).append(alias)
            elif words:
                self._by_two.setdefault(words[:2], []).append((words, alias))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(name, start token, end token) of every match, overlapping ones included."""
        texts = [t.text for t in doc]
        found = []
        for i, text in enumerate(texts):
            found.extend((alias, i, i + 1) for alias in self._single.get(text, ()))
            for words, alias in self._by_two.get(tuple(texts[i:i + 2]), ()):
                if tuple(texts[i:i + len(words)]) == words:
                    found.append((alias, i, i + len(words)))
        return found
