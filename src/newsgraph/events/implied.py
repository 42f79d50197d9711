"""Events a text tells by naming their actors: protesters are protesting.

"Police fired tear gas at protesters in Nairobi" reports two events, the police's and the
protest (PLOVER PROTEST: demonstrations, rallies and riots). The protest has no verb of its
own, so no predicate finds it: each group named as protesters, demonstrators or rioters is
the source of a protest — against what its words name ("protesters demanding his
resignation", "demonstrators against the plan"), else with no target (the synthetic dev set
codes most such protests so, and the place they happen is no target).

``ImpliedEvents`` is mixed into ``EventCoder``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.words import base
from newsgraph.records import Event, Sentence

if TYPE_CHECKING:
    from newsgraph.events.arguments import Arg

__all__ = ["PROTESTERS", "ImpliedEvents"]

# Nouns for people in the act of protesting.
PROTESTERS = {"protester", "protestor", "demonstrator", "rioter", "marcher"}
STEMS = tuple(sorted({w[:5] for w in PROTESTERS}))  # a cheap first test before the base form
DEMONSTRATE = "141"  # CAMEO: demonstrate or rally
# Words after a protester noun that say what the protest is against or for.
AIMS = {"against", "over", "outside"}


class ImpliedEvents:
    """``_implied`` yields the protest of each group named as protesters."""

    def _implied(self, doc: Doc, index: ActorIndex, sentences: Sequence[Sentence], starts: list[int],
                 published: date | None, recent: list, text: str) -> Iterator[Event]:
        from newsgraph.events.coder import _dated, _predicate_span, _sentence_at, _Setting

        code = self.ontology.codes[DEMONSTRATE]  # type: ignore[attr-defined]
        for token in doc:
            if not token.lower_.startswith(STEMS) or base(token) not in PROTESTERS or token.dep_ == "compound" \
                    or _quoted(token) or _judged(token):
                continue
            sources = [a for a in self._arg(token, index, recent) if a.actor.country]  # type: ignore[attr-defined]
            if not sources:
                continue
            source = sources[0]
            target = self._aim(token, index, recent, source)
            sid, sent_text = _sentence_at(token, sentences, starts, text)
            when, historical = _dated(token, published, sent_text)
            setting = _Setting(sid, sent_text, when, historical, self._place(token))  # type: ignore[attr-defined]
            yield self._event(code, source, target, setting, reciprocal=False, modality="asserted",  # type: ignore[attr-defined]
                              predicate=_predicate_span(token, token), confidence=0.6)

    def _aim(self, token: Token, index: ActorIndex, recent: list, source: Arg) -> Arg | None:
        """What protesters protest against: "against the plan", "demanding Ruto's resignation"."""
        for child in token.children:
            objects = []
            if child.dep_ == "prep" and child.lower_ in AIMS:
                objects = [o for o in child.children if o.dep_ == "pobj"]
            elif child.dep_ in ("acl", "relcl") and base(child) in ("demand", "protest", "oppose", "call", "denounce"):
                objects = [o for o in child.subtree if o.dep_ in ("dobj", "pobj", "poss") and o.i > child.i]
            for obj in objects:
                found = [a for a in self._arg(obj, index, recent) if a.actor.id != source.actor.id]  # type: ignore[attr-defined]
                if found:
                    return found[0]
        return None


# Verbs whose object was a protester once, not now: "pardoned 30 protesters", "sentenced rioters".
JUDGED = {"pardon", "release", "free", "acquit", "sentence", "convict", "jail", "try", "charge", "compensate"}


def _judged(token: Token) -> bool:
    return token.dep_ in ("dobj", "nsubjpass") and base(token.head) in JUDGED


def _quoted(token: Token) -> bool:
    """Protesters inside a quotation are the speaker's words, not the writer's report."""
    return any(t.text in ('"', "“", "”") for t in token.sent[: token.i - token.sent.start]) and \
        any(t.text in ('"', "“", "”") for t in token.sent[token.i - token.sent.start:])
