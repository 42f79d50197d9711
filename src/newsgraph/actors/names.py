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

from newsgraph.cache import cached, file_stamp

__all__ = ["NameMatcher"]


def _tokenise(names: list[str]) -> list[tuple[str, ...]]:
    from spacy.lang.en import English

    make = English().make_doc  # the English tokenizer, on a vocabulary of its own
    return [tuple(t.text for t in make(name)) for name in names]


Index = tuple[dict[str, list[str]], dict[tuple[str, str], list[tuple[tuple[str, ...], str]]]]


def _index(aliases: list[str]) -> Index:
    """One-word names by their word; longer ones by their first two ("International Atomic …")."""
    single: dict[str, list[str]] = {}
    by_two: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for alias, words in zip(aliases, _tokenise(aliases), strict=True):
        if len(words) == 1:
            single.setdefault(words[0], []).append(alias)
        elif words:
            by_two.setdefault((words[0], words[1]), []).append((words, alias))
    return single, by_two


class NameMatcher:
    """Every span of a doc whose tokens spell one of ``names`` exactly (case-sensitive)."""

    def __init__(self, names: Iterable[str], source_key: str = "") -> None:
        """``source_key`` says what ``names`` were built from (KnowledgeBase.names_key); without
        it the names themselves are the key (slower to compute for tens of thousands)."""
        names = list(names)
        # the tokenizer's own version is part of the key: another tokenizer splits names otherwise
        key = (about.__version__, file_stamp(__file__), *((source_key,) if source_key else sorted(set(names))))
        self._single, self._by_two = cached("kb-names", key, lambda: _index(sorted(set(names))))

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
