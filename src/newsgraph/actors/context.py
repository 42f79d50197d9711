"""What the words around a name or a noun say about an actor.

"senior Kremlin foreign affairs adviser Yuri Ushakov": the words before the
name give the country (Kremlin → RUS) and the role (adviser → GOV).
"Maria Lopez, Mexico's foreign minister": an apposition does the same.
"the foreign ministry of Ghana": a following "of" phrase gives the country.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.kb import Entity, KnowledgeBase, SectorTerm
from newsgraph.actors.words import base, coarse

__all__ = ["Context", "KbSpans", "adjective_country", "choose_sector", "read_context", "sector_terms", "sentence_of"]

_LINKS = {"of", "-", "'s", "’s", "'", "’", "for"}
_MODIFIER_POS = {"PROPN", "NOUN", "ADJ", "NUM"}
_FORMER = {"former", "ex", "erstwhile", "ousted", "deposed", "exiled"}
_NOT_ROLE = {"senior", "junior", "top", "chief", "then", "new", "acting", "earlier", "veteran", "current"}


class KbSpans:
    """Token index → the knowledge-base entity matched there (by the phrase matcher)."""

    def __init__(self, spans: list[tuple[Span, Entity]]) -> None:
        self.spans = spans
        self.by_token: dict[int, tuple[Span, Entity]] = {}
        for span, entity in spans:
            for i in range(span.start, span.end):
                self.by_token[i] = (span, entity)

    def at(self, i: int) -> tuple[Span, Entity] | None:
        return self.by_token.get(i)


@dataclass
class Context:
    """Country, sector and role read from the words around a mention."""

    country: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str | None = None
    former: bool = False
    tokens: tuple[int, ...] = ()  # the context tokens, to mark as used
    has_role: bool = False  # a role noun (minister, spokesman) was among them


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """(the doc's sentences, each token's sentence index), made once per doc (``Token.sent``
    rescans the doc, which is quadratic over a sentence of thousands of tokens)."""
    found = doc.user_data.get("newsgraph_sentences")
    if found is None:
        sents, ids = list(doc.sents), []
        for n, sent in enumerate(sents):
            ids.extend([n] * len(sent))
        found = doc.user_data["newsgraph_sentences"] = (sents, ids)
    return found


def sentence_of(token: Token) -> int:
    """Index of the token's sentence."""
    return _sentences(token.doc)[1][token.i]


def sentence_span(token: Token) -> Span:
    """The token's sentence, as ``Token.sent`` gives it."""
    sents, ids = _sentences(token.doc)
    return sents[ids[token.i]]


def sector_terms(tokens: list[Token], kb: KnowledgeBase, skip: KbSpans | None = None) -> list[tuple[int, SectorTerm, str]]:
    """(position, term, text) for each longest sector term ending at each token.

    Tokens inside a knowledge-base name ("African Union") are not sector words.
    """
    found = []
    for pos in range(len(tokens)):
        if skip is not None and skip.at(tokens[pos].i):
            continue
        if tokens[pos].lower_ not in kb.term_ends and base(tokens[pos]) not in kb.term_ends:
            continue
        for size in (4, 3, 2, 1):
            if pos - size + 1 < 0:
                continue
            window = tokens[pos - size + 1: pos + 1]
            if skip is not None and any(skip.at(t.i) for t in window):
                continue
            for last_key in dict.fromkeys((window[-1].lower_, base(window[-1]))):  # surface form first, always
                words = " ".join([t.lower_ for t in window[:-1]] + [last_key]).replace(" - ", "-")
                term = kb.sector_of(words)
                if term:
                    found.append((pos, term, " ".join(t.text for t in window).replace(" - ", "-")))
                    break
            else:
                continue
            break
    return found


def left_context(doc: Doc, start: int, kb_spans: KbSpans, stop: set[int], limit: int = 9,
                 kb: KnowledgeBase | None = None) -> list[Token]:
    """The modifier words directly before token ``start`` (nouns, adjectives, names, "of")."""
    tokens: list[Token] = []
    i = start - 1
    while i >= 0 and len(tokens) < limit and i not in stop:
        t = doc[i]
        if t.is_sent_end and i < start - 1:
            break
        modifier = coarse(t) in _MODIFIER_POS or (t.tag_ in ("VBG", "VBN") and t.dep_ == "amod") \
            or (t.tag_ == "RB" and t.dep_ == "advmod" and t.head.dep_ == "amod")  # "internationally recognised"
        if t.lower_ == "of" and i > 0 and not _of_owner(doc[i - 1], kb_spans, kb):
            break  # "the withdrawal of Russian troops": the troops' words stop at "of"
        if modifier or t.lower_ in _LINKS or t.lower_ in _FORMER or kb_spans.at(i):
            tokens.append(t)
            i -= 1
            continue
        break
    while tokens and tokens[-1].lower_ in _LINKS:
        tokens.pop()
    return tokens[::-1]


_QUANTITIES = {"thousands", "hundreds", "dozens", "millions", "scores", "tens", "lots", "number", "group", "groups",
               "members", "supporters", "some", "many", "most", "all", "both", "several"}


def _of_owner(word: Token, kb_spans: KbSpans, kb: KnowledgeBase | None) -> bool:
    """Whether the word before "of" belongs to a mention's phrase: a title, role or name
    ("Minister of Foreign Affairs", "assistant secretary of state"), a known name, or a quantity
    ("thousands of Nigerians") — not "the withdrawal of Russian troops"."""
    return word.text[:1].isupper() or word.like_num or word.lower_ in _QUANTITIES or kb_spans.at(word.i) is not None \
        or (kb is not None and kb.sector_of(base(word)) is not None)


def _appos_tokens(head: Token) -> list[Token]:
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            return [t for t in child.subtree if t.i - child.i < 10]
    if head.dep_ == "appos" and head.head.i < head.i and coarse(head.head) == "NOUN":
        return [t for t in head.head.subtree if t.i < head.i - 1 or t.i == head.head.i][-8:]
    return []


def _of_tokens(head: Token) -> list[Token]:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            return [t for t in child.subtree if t.i - child.i < 6]
    return []


def _country_in(tokens: list[Token], kb: KnowledgeBase, kb_spans: KbSpans) -> tuple[str | None, str | None, str | None]:
    """(country, org, sector) signalled by the last country word in ``tokens``; a stance is no
    nationality ("an anti-Syria journalist", "pro-Russian separatists")."""
    for t in reversed(tokens):
        if t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ in ("anti", "pro"):
            continue
        hit = kb_spans.at(t.i)
        if hit and hit[1].kind != "person":
            ent = hit[1]
            if _envoy_prep(t) is not None:
                continue  # "Kenya's ambassador to Ethiopia" is Kenya's; "the UN envoy for Yemen" the UN's
            return ent.country, ent.org, ent.sector if ent.kind in ("seat", "institution", "org") else None
        country = adjective_country(t, kb)
        if country:
            return country, None, None
    return None, None, None


ENVOYS = {"ambassador", "envoy", "representative", "delegate", "delegation", "mission", "emissary", "permanent"}


def _envoy_prep(token: Token) -> str | None:
    """The preposition that ties a name to an envoy — "to" or "at" where they are sent ("ambassador
    to the IAEA"), "for" or "on" what they deal with ("the UN envoy for Yemen") — which is never
    the envoy's own country."""
    prep = next((a for a in token.ancestors if a.dep_ == "prep"), None)
    return prep.lower_ if prep is not None and base(prep.head) in ENVOYS else None


def adjective_country(token: Token, kb: KnowledgeBase) -> str | None:
    """The country of a demonym or people's name ("Russian", "Sri Lankan", "Tuareg"), or a
    region's code for a collective ("western powers" → WST)."""
    if token.lower_ in kb.regions and token.tag_.startswith("JJ"):
        return kb.regions[token.lower_]
    if not token.text[:1].isupper():
        return None
    if token.i > 0:
        pair = f"{token.doc[token.i - 1].lower_} {token.lower_}"
        if pair in kb.adjectives:
            return kb.adjectives[pair]
    return kb.adjectives.get(token.lower_)


def choose_sector(terms: list[tuple[int, SectorTerm, str]], last: int, kb_sector: str | None) -> str | None:
    """The sector a phrase's words give, its head being the word at position ``last``.

    An institution head decides ("teachers' union" is LAB); a person or group
    head yields to the nearest modifier ("police officers" is COP, "rebel
    commander" REB); a plain government head yields to a seat of power or
    organisation named before it ("Pentagon spokesman" is MIL).
    """
    head = terms[-1][1] if terms and terms[-1][0] == last else None
    first = last - len(terms[-1][2].split()) + 1 if head is not None else last + 1
    modifiers = [t for t in terms if t[0] < first]  # "people" inside "people smugglers" is not a modifier
    if head is not None and head.kind == "org":
        return head.sector
    if modifiers:
        return modifiers[-1][1].sector
    if head is not None:
        return kb_sector if head.sector == "GOV" and kb_sector else head.sector
    return kb_sector


def read_context(doc: Doc, start: int, head: Token, kb: KnowledgeBase, kb_spans: KbSpans,
                 stop: set[int], include_head: bool = False) -> Context:
    """Country, sector and role from the words left of ``start``, an apposition, or an "of" phrase.

    With ``include_head`` the head word itself ("officials", "ministry") joins the left words.
    """
    left = left_context(doc, start, kb_spans, stop, kb=kb)
    ctx = Context(tokens=tuple(t.i for t in left))
    generic_head = False
    for tokens in (left + ([head] if include_head else []), _appos_tokens(head), _of_tokens(head)):
        if not tokens:
            continue
        country, org, kb_sector = _country_in(tokens, kb, kb_spans)
        terms = sector_terms(tokens, kb, kb_spans)
        if ctx.country is None and country:
            ctx.country, ctx.org = country, org
        sector = choose_sector(terms, len(tokens) - 1, kb_sector)
        if ctx.sector is None or (generic_head and sector):
            # "leaders of Fiji's Methodist Church": a plain head takes the sector of its "of" phrase
            generic_head = ctx.sector is None and len(terms) == 1 and terms[0][1].sector == "GOV" and terms[0][1].kind != "org"
            ctx.sector = sector or ctx.sector
        if ctx.role is None and any(t[1].kind == "role" for t in terms):
            ctx.has_role = True
            ctx.role = _role_text(tokens, kb, kb_spans)
        ctx.former = ctx.former or any(t.lower_ in _FORMER for t in tokens)
    if ctx.former:
        ctx.sector = "ELI"
    return ctx


def _role_text(tokens: list[Token], kb: KnowledgeBase, kb_spans: KbSpans) -> str | None:
    words = []
    for t in tokens:
        if kb_spans.at(t.i) or adjective_country(t, kb):
            words = []  # the role is what follows the last country word
            continue
        if t.lower_ in _NOT_ROLE or t.is_punct and t.text not in "-" or coarse(t) in ("DET", "PRON"):
            continue
        words.append(t.text)
    while words and words[0].lower() in _LINKS:
        words.pop(0)
    text = " ".join(words).replace(" - ", "-").strip()
    return text or None
