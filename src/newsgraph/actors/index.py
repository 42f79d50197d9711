"""Which actor each token of a parsed article belongs to, from the actors' mention spans."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.records import Actor, Mention

__all__ = ["ActorIndex"]


class ActorIndex:
    """Which actor each token belongs to, from the actors' mention spans."""

    def __init__(self, doc: Doc, actors: Sequence[Actor]) -> None:
        self.by_token: dict[int, tuple[Actor, Mention]] = {}
        for actor in actors:
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    old = self.by_token.get(t.i)
                    if old is None or (old[1].end - old[1].start) > (m.end - m.start):
                        self.by_token[t.i] = (actor, m)

    def at(self, token: Token) -> tuple[Actor, Mention] | None:
        return self.by_token.get(token.i)
