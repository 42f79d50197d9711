"""Quotations and indirect speech in a parsed article, with their speakers.

``QuoteFinder.find`` is a pure function of the spaCy ``Doc`` (parser and
tagger), the article's paragraphs and sentences, its actors and its events:

1. quoted stretches come from the quotation marks (``marks.py``); nested
   single quotes stay inside their quotation;
2. each is *direct* (a whole sentence or clause, or set off by a cue:
   ``he said: "…"``), *partial* (words quoted inside the writer's own
   sentence), or not a quotation at all: a title, a name or a scare quote
   ("Biden's 'summit for democracy'", a one-word 'democracy');
3. the speaker is the subject of the nearest cue verb that governs the
   quotation ("said", "added", "complained", "rejected as"), the object of
   "according to", or Y in "X quoted Y as saying" (X is then ``reported_by``);
   an outer cue with another subject ("Ushakov said Putin complained about
   '…'") also becomes ``reported_by``. With no cue, a quotation continues the
   speaker of the quotation before it in the paragraph, or of the previous
   paragraph when it opens its own; otherwise the speaker is None;
4. indirect speech is a cue verb's complement clause with no quotation in it
   ("Russia has said China supports its bid ...").

Speakers are the actors the actor stage found (pronouns and role nouns
included), so "he added" and "the adviser added" resolve like names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.context import sentence_span
from newsgraph.actors.host import dateline_end
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.words import base, coarse, speaker_words
from newsgraph.data import read_rows
from newsgraph.quotes.marks import Quoted, find_quoted
from newsgraph.quotes.speakers import speaker_for
from newsgraph.records import Actor, Event, Paragraph, Quote, Sentence, Speaker, TextSpan

__all__ = ["QuoteFinder", "load_cues"]

SUBJECTS = {"nsubj", "nsubjpass"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# Words before a quotation that make it part of a name or title: "the 'Quad'", "Biden's 'summit'".
NAME_LEFT = {"DET", "NUM", "ADJ", "PROPN"}
SO_CALLED = {"so-called", "dubbed", "named", "nicknamed", "titled", "entitled", "codenamed", "operation"}
# A short quotation is someone's words when it follows one of these: "rejected as 'pure disinformation'".
QUOTING_LEFT = {"as", "of", "about", "it", "them", "him", "her", "was", "is", "were", "are", "be", "called", "described"}
MIN_PARTIAL_WORDS = 2
MARKS = "\"“”„«»‘’'"
MAX_QUOTED = 2000  # quoted stretches looked at per article: past that it is noise, not news
SHORT_PARTIAL_WORDS = 4
SHORT_QUOTE_WORDS = 3  # one to three quoted words that are the speaker's own (QuoteFinder._cued_complement)
SHORT_QUOTE_PREPS = {"as", "of", "without", "with", "for"}
COMPLEMENTS = {"oprd", "attr", "acomp", "ccomp", "xcomp", "advmod", "npadvmod", "prep"}


@dataclass(frozen=True)
class Cue:
    token: Token
    kind: str  # "speech" | "evaluation" | "relay" | "according"


@lru_cache(maxsize=1)
def load_cues() -> dict[str, str]:
    """Cue verbs (data/quotes/cues.csv): lemma → kind."""
    return {r["lemma"].strip(): r["kind"].strip() for r in read_rows("quotes/cues.csv")}


class QuoteFinder:
    def __init__(self, cues: dict[str, str] | None = None) -> None:
        self.cues = cues if cues is not None else load_cues()
        self._cue_cache_key: tuple[int, int, int] | None = None
        self._cue_cache: tuple[float, list[int]] = (float("inf"), [])

    def find(self, doc: Doc, paragraphs: Sequence[Paragraph], sentences: Sequence[Sentence],
             actors: Sequence[Actor], events: Sequence[Event]) -> list[Quote]:
        index = ActorIndex(doc, actors)
        text = _text(doc)
        marked = find_quoted(text, [(p.start, p.end) for p in paragraphs])[:MAX_QUOTED]
        quotes: list[Quote] = []
        previous: Quote | None = None  # the last quotation, for continuations
        previous_continues = False
        last_direct: Quote | None = None  # the last direct quotation, for quotation paragraphs
        chains: list[list[int]] = []  # quotations running over several paragraphs, by index in quotes
        for q in marked:
            if not q.balanced:
                q = self._clip_unbalanced(doc, q, paragraphs, index)
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            kind = self._kind(doc, q, span)
            if kind is None:
                continue
            sid = _sentence_index(sentences, q.start)
            paragraph = _paragraph_index(paragraphs, q.mark_start)
            speaker, reported_by, cue = self._attribution(doc, span, q, index)
            if speaker is None and previous is not None:
                same_paragraph = _paragraph_index(paragraphs, previous.start) == paragraph
                # a paragraph that is nothing but a quotation goes on with the previous speaker's words
                whole = paragraph is not None and not text[paragraphs[paragraph].start:q.mark_start].strip() \
                    and not text[q.mark_end:paragraphs[paragraph].end].strip(" \"”’'.,")
                before = previous if same_paragraph or previous_continues else last_direct if whole else None
                if before is not None and before.speaker is not None and (
                        before is previous or _paragraph_index(paragraphs, before.start) == (paragraph or 0) - 1):
                    method = "continuation" if before is previous else "previous-paragraph"
                    speaker = replace(before.speaker, method=method)
                    reported_by = before.reported_by
            if speaker is None and cue is None and kind == "partial" and len(text[q.start:q.end].split()) <= SHORT_PARTIAL_WORDS:
                continue  # a short quoted phrase nobody is said to have said: a scare quote
            quote = Quote(id="", kind=kind, text=text[q.start:q.end], start=q.start, end=q.end, sentence=sid,
                          cue=_text_span(cue), speaker=speaker, reported_by=reported_by,
                          event=_event_in(events, q.start, q.end, cue))
            if previous_continues and chains:
                chains[-1].append(len(quotes))
            elif q.continues:
                chains.append([len(quotes)])
            quotes.append(quote)
            previous, previous_continues = quote, q.continues
            if kind == "direct":
                last_direct = quote
        for chain in chains:  # attribution only in a later paragraph of the quotation: give it to all
            said = next((quotes[i] for i in chain if quotes[i].speaker is not None and quotes[i].cue is not None), None)
            if said is not None:
                for i in chain:
                    if quotes[i].speaker is None:
                        quotes[i] = replace(quotes[i], speaker=replace(said.speaker, method="continuation"),
                                            reported_by=said.reported_by)
        quotes.extend(self._indirect(doc, sentences, index, quotes, events))
        quotes.sort(key=lambda x: x.start)
        for n, x in enumerate(quotes):
            speaker = _same_document(doc, x.speaker, quotes[:n]) or _same_mouth(x.speaker, quotes[:n])
            if speaker is None and x.cue is not None and _pronoun_subject(doc, x.cue) and n:
                before = quotes[n - 1]  # '"…," it added': the speaker of the words just before
                if before.speaker is not None and x.sentence - before.sentence <= 1:
                    speaker = replace(before.speaker, method="continuation")
            quotes[n] = replace(x, speaker=speaker)
        return [replace(x, id=f"Q{i}") for i, x in enumerate(quotes, start=1)]

    def _clip_unbalanced(self, doc: Doc, q: Quoted, paragraphs: Sequence[Paragraph], index: ActorIndex) -> Quoted:
        """A quotation whose closing mark is missing: it stops before its own attribution
        ('"We will not leave, Minister X said.') or, opened inside the writer's sentence, at that
        sentence's end, so it never takes the writer's next sentences."""
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            return q
        for t in span:
            subject = _subject_of(t) if self._cue_kind(t) is not None else None
            if subject is None or not span.start <= subject.i < span.end:
                continue
            first = min(t.i, subject.left_edge.i)
            comma = doc[first - 1] if first - 1 > span.start else None
            if comma is not None and comma.text == ",":
                return Quoted(q.start, comma.idx + 1, q.mark_start, comma.idx + 1, False, q.continues, q.single)
        paragraph = _paragraph_index(paragraphs, q.mark_start)
        if paragraph is not None and _text(doc)[paragraphs[paragraph].start:q.mark_start].strip():
            end = sentence_span(span[0]).end_char
            if end < q.end:
                while end > q.start and _text(doc)[end - 1].isspace():
                    end -= 1
                return Quoted(q.start, end, q.mark_start, end, False, q.continues, q.single)
        return q

    # -- what kind of quotation ------------------------------------------------------------

    def _kind(self, doc: Doc, q: Quoted, span: Span) -> str | None:
        words = [t for t in span if not t.is_punct]
        if not words:
            return None
        sent = sentence_span(span[0])
        last_before = None  # the last word or punctuation before the opening mark, in the sentence
        for i in range(span.start - 1, sent.start - 1, -1):
            t = doc[i]
            if not t.is_space and not (t.is_punct and t.text in MARKS):
                last_before = t
                break
        starts_sentence = last_before is None
        # 'He said on Tuesday: "…"', '"…," Y said on Sunday, "…"': a cue before the colon or comma
        set_off = last_before is not None and last_before.text in (":", ",") and \
            self._cue_positions(sent)[0] < last_before.i
        ends_clause = span[-1].text in (".", ",", "?", "!") or (doc[span.end].text in (".", "?", "!") if span.end < len(doc) else True)
        if starts_sentence or set_off:
            if not ends_clause and (len(words) < 3 or (_title_case(words) and len(words) <= 6)):
                return None  # "'Quad'" or "'Operation Iron Sword'" heading a sentence is a name
            return "direct"
        # inside the writer's sentence: a partial quotation, or a name, title or scare quote
        if _title_case(words) and len(words) <= 6:
            return None  # "Operation Iron Sword", "'Summit for Democracy'"
        if last_before is not None and last_before.lower_ in SO_CALLED:
            return None
        if len(words) <= SHORT_QUOTE_WORDS and self._cued_complement(span):
            return "partial"  # condemned the ruling as "reckless", called the talks a "constructive start"
        if len(words) < MIN_PARTIAL_WORDS:
            return None
        if last_before is not None:
            left = last_before.lower_
            if len(words) <= SHORT_PARTIAL_WORDS and left not in QUOTING_LEFT and (
                    coarse(last_before) in NAME_LEFT or last_before.tag_ == "POS" or last_before.dep_ == "poss"):
                return None  # "Biden's recent 'summit for democracy'"
        return "partial"

    def _cued_complement(self, span: Span) -> bool:
        """Whether a short quotation is what a verb of saying, judging or naming says the thing is
        or how it is done: its complement ("called it 'unacceptable'", "said the vote was
        'rigged'"), its "as" or "of" phrase ("condemned the ruling as 'reckless'", "warned of 'dire
        consequences'") or the manner of the act it reports ("asked members to comply 'without
        delay'"). A quoted subject or object ("the 'referendum' was illegal") is a label."""
        token = span.root
        if token.dep_ == "amod" and token.head.i < token.i and token.head.dep_ == "dobj":
            token = token.head  # "labelled the bill 'punitive'", read as an adjective after its noun
            return self._cue_kind(token.head) in ("speech", "evaluation") and _subject_of(token.head) is not None
        if token.dep_ in ("amod", "pobj"):
            prep = token.head
            if prep.dep_ != "prep" or prep.lower_ not in SHORT_QUOTE_PREPS:
                return False
            if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                return False  # "in the 'liberated territories'": a label
            token = prep
        elif token.dep_ not in COMPLEMENTS:
            return False
        for _hop in range(3):
            if token.head.i == token.i or token.dep_ not in (*COMPLEMENTS, "prep", "conj"):
                return False
            token = token.head
            if self._cue_kind(token) in ("speech", "evaluation") and _subject_of(token) is not None:
                return True
        return False

    def _cue_kind(self, token: Token) -> str | None:
        if coarse(token) != "VERB":
            return None
        return self.cues.get(base(token))

    # -- who said it ----------------------------------------------------------------------

    def _attribution(self, doc: Doc, span: Span, q: Quoted, index: ActorIndex) -> tuple[Speaker | None, Speaker | None, Token | None]:
        inside = set(range(span.start, span.end))
        sent = _attribution_window(doc, span, q)
        cue = self._governing_cue(span, inside) or self._sentence_cue(sent, span, inside)
        if cue is None:
            according = _according_to(sent, inside)
            if according is not None:
                return speaker_for(according[1], index, "according-to"), None, according[0]
            return None, None, None
        if cue.kind == "relay":  # "Xinhua quoted Mr Xi as saying"
            quoted = next((c for c in cue.token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            relayer = _subject_of(cue.token)
            speaker = speaker_for(quoted, index, "relayed") if quoted is not None else None
            return speaker, speaker_for(relayer, index, "relayed-by") if relayer is not None else None, cue.token
        subject = _subject_of(cue.token)
        speaker = speaker_for(subject, index, "cue-subject") if subject is not None else None
        reported_by = None
        outer = self._outer_cue(cue.token, inside)
        if outer is not None and speaker is not None:
            outer_subject = _subject_of(outer)
            relayer = speaker_for(outer_subject, index, "reported-by") if outer_subject is not None else None
            if relayer is not None and relayer.name != speaker.name:
                reported_by = relayer
        return speaker, reported_by, cue.token

    def _governing_cue(self, span: Span, inside: set[int]) -> Cue | None:
        """The nearest cue verb above the quotation, outside it: "complained about '…'"."""
        token = span.root
        seen = 0
        while token.head.i != token.i and seen < 12:
            child, token = token, token.head
            seen += 1
            if token.i in inside:
                continue
            kind = self._cue_kind(token)
            if kind not in (None, "relay") and child.dep_ == "prep" and any(c.dep_ == "dobj" for c in token.children):
                continue  # "conclude talks 'within weeks'": a verb with its own object, the words its adjunct
            if kind is not None and (kind == "relay" or _subject_of(token) is not None):
                return Cue(token, kind)
        return None

    def _sentence_cue(self, sent: Span, span: Span, inside: set[int]) -> Cue | None:
        """A cue verb elsewhere in the sentence, nearest first: '"…," he said.', 'He said: "…"'."""
        candidates = [doc_token for doc_token in (sent.doc[i] for i in self._cue_positions(sent)[1])
                      if doc_token.i not in inside]
        if not candidates:
            return None
        nearest = min(candidates, key=lambda t: min(abs(t.i - span.start), abs(t.i - (span.end - 1))))
        return Cue(nearest, self._cue_kind(nearest) or "speech")

    def _cue_positions(self, sent: Span) -> tuple[float, list[int]]:
        """(first cue verb's index, cue verbs with a subject) of a sentence, computed once per
        sentence: a sentence holding thousands of quotation marks stays linear."""
        key = (id(sent.doc), sent.start, sent.end)
        if self._cue_cache_key != key:
            cues = [t for t in sent if self._cue_kind(t) is not None]
            first = cues[0].i if cues else float("inf")
            self._cue_cache_key, self._cue_cache = key, (first, [t.i for t in cues if _subject_of(t) is not None])
        return self._cue_cache

    def _outer_cue(self, verb: Token, inside: set[int]) -> Token | None:
        """A cue above the speaker's own: "Mr Ushakov said [Mr Putin complained about '…']"."""
        token = verb
        while token.dep_ in ("ccomp", "xcomp", "conj", "advcl") and token.head.i != token.i:
            token = token.head
            if token.i not in inside and self._cue_kind(token) in ("speech", "relay"):
                return token
        return None

    # -- indirect speech ------------------------------------------------------------------

    def _indirect(self, doc: Doc, sentences: Sequence[Sentence], index: ActorIndex, quoted: list[Quote],
                  events: Sequence[Event]) -> list[Quote]:
        found: list[Quote] = []
        for token in doc:
            kind = self._cue_kind(token)
            reported_by = None
            if kind == "relay":  # "IRNA quoted the minister as saying the talks had failed"
                saying = next((t for t in token.subtree if base(t) == "say" and t.i > token.i), None)
                clause = next((c for c in saying.children if c.dep_ == "ccomp"), None) if saying is not None else None
                subject = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
                relayer = _subject_of(token, through_clauses=False)
                reported_by = speaker_for(relayer, index, "relayed-by") if relayer is not None else None
            elif kind == "speech":
                clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                subject = _subject_of(token, through_clauses=False)
            else:
                continue
            if clause is None or subject is None or clause.i < token.i and token.dep_ != "ROOT":
                continue
            tokens = list(clause.subtree)
            cut = next((c.i for c in clause.children if _reported_conjunct(c) is not None), None)
            if cut is not None:  # "said 46 people had been arrested [and warned that …]": the next cue's own
                tokens = [t for t in tokens if t.i < cut and not (t.i == cut - 1 and t.dep_ == "cc")]
            while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):  # "said [that] ..."
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct and tokens[-1].text not in ("%", ")", "]"):
                tokens = tokens[:-1]
            if not tokens:
                continue
            start, end = dateline_end(doc.text, tokens[0].idx), tokens[-1].idx + len(tokens[-1])  # "WARSAW — " is no one's words
            if len(tokens) < 3 or any(q.start < end and start < q.end for q in quoted):
                continue
            speaker = speaker_for(subject, index, "relayed" if kind == "relay" else "cue-subject")
            found.append(Quote(id="", kind="indirect", text=_text(doc)[start:end], start=start, end=end,
                               sentence=_sentence_index(sentences, start), cue=_text_span(token),
                               speaker=speaker, reported_by=reported_by, event=_event_in(events, start, end, None)))
        return found


# -- helpers ----------------------------------------------------------------------------------


def _cue_token(doc: Doc, cue: TextSpan) -> Token | None:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _pronoun_subject(doc: Doc, cue: TextSpan) -> bool:
    token = _cue_token(doc, cue)
    subject = _subject_of(token) if token is not None else None
    return subject is not None and subject.lower_ in PRONOUNS


def _same_document(doc: Doc, speaker: Speaker | None, before: Sequence[Quote]) -> Speaker | None:
    """"the statement said" after "the army said in a communique": the one who issued it, when
    an earlier quotation was theirs in a document."""
    if speaker is None or not speaker.method.endswith("statement-of"):
        return None
    for quote in reversed(before):
        if quote.speaker is not None and quote.cue is not None and (
                quote.speaker.method.endswith("statement-of") or _in_document(doc, quote.cue)):
            return replace(quote.speaker, method=speaker.method)
    return None


def _in_document(doc: Doc, cue: TextSpan) -> bool:
    """Whether a cue verb says where the words were: "said in a statement", "in a communique"."""
    token = _cue_token(doc, cue)
    return token is not None and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(speaker_words().get(base(o)) == "document" for o in c.children)
        for c in token.children)


def _same_mouth(speaker: Speaker | None, before: Sequence[Quote]) -> Speaker | None:
    """"the spokesman added" after "a spokesman for the ministry said": the same mouth, so the
    same body (the last quotation a spokesperson spoke for)."""
    if speaker is None or not speaker.method.endswith(("unknown-actor", "role-description")):
        return speaker
    words = speaker.text.lower().split()
    if len(words) != 2 or words[0] not in ("the", "this", "that") or speaker_words().get(words[1]) != "mouth":
        return speaker
    earlier = next((q.speaker for q in reversed(before) if q.speaker and q.speaker.method.endswith("spokesperson-for")), None)
    return replace(earlier, text=speaker.text, start=speaker.start, end=speaker.end,
                   method=speaker.method.rsplit(":", 1)[0] + ":spokesperson-for") if earlier else speaker


def _text(doc: Doc) -> str:
    """The doc's text, built once (spaCy's ``Doc.text`` joins every token on each call)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def _subject_of(verb: Token, through_clauses: bool = True) -> Token | None:
    """The subject of a cue verb, through conjunction and control ("said and added", "went on to say");
    ``through_clauses`` also through an adverbial clause ("Asked about it, Ruiz replied")."""
    token, hops = verb, 0
    climb = ("conj", "xcomp", "advcl") if through_clauses else ("conj", "xcomp")
    while hops < 4:
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:  # two subjects is a misparsed apposition ("news agency Xinhua"): the nearest names it
            return min(subjects, key=lambda c: abs(c.i - token.i))
        for c in token.children:
            if c.dep_ == "agent":
                return next((o for o in c.children if o.dep_ == "pobj"), None)
        if token.dep_ in climb and token.head.i != token.i:
            token, hops = _reported_conjunct(token) or token.head, hops + 1
            continue
        return None
    return None


def _reported_conjunct(verb: Token) -> Token | None:
    """"Rono said 46 people had been arrested and warned that …": a past-tense cue the parser
    joined to a verb of the reported clause goes with the verb of saying above it."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or head.dep_ != "ccomp" or head.tag_ == "VBD":
        return None
    return head.head if coarse(head.head) == "VERB" else None


def _attribution_window(doc: Doc, span: Span, q: Quoted) -> Span:
    """The sentences a quotation spans, and the one its closing mark runs into
    ('"Is that fair?" she asked.' is split after the question mark)."""
    first = sentence_span(span[0])
    last = sentence_span(span[-1])
    after = q.mark_end
    while after < len(_text(doc)) and _text(doc)[after] in " \t":
        after += 1
    tail = doc.char_span(after, after + 1, alignment_mode="expand") if after < len(_text(doc)) else None
    if tail is not None and len(tail) and _text(doc)[after] != "\n":
        last = sentence_span(tail[0])
    return doc[first.start: max(last.end, first.end)]


def _according_to(sent: Span, inside: set[int]) -> tuple[Token, Token] | None:
    """("according", its object) in "according to the US embassy"."""
    for t in sent:
        if t.lower_ == "according" and t.i not in inside:
            for to in t.children:
                if to.lower_ == "to":
                    obj = next((o for o in to.children if o.dep_ == "pobj"), None)
                    if obj is not None:
                        return t, obj
    return None


def _title_case(words: list[Token]) -> bool:
    small = {"of", "for", "the", "and", "a", "an", "in", "on", "to", "at", "by", "with"}
    content = [t for t in words if t.lower_ not in small]
    return bool(content) and all(t.text[:1].isupper() for t in content) and len(content) >= 1 \
        and not all(t.is_upper for t in content) and words[0].text[:1].isupper()


def _sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    for s in sentences:
        if s.start <= offset < s.end:
            return s.index
    return sentences[-1].index if sentences else 0


def _paragraph_index(paragraphs: Sequence[Paragraph], offset: int) -> int | None:
    for n, p in enumerate(paragraphs):
        if p.start <= offset < p.end:
            return n
    return None


def _text_span(token: Token | None) -> TextSpan | None:
    if token is None:
        return None
    if token.lower_ == "according":
        end = next((c.idx + len(c) for c in token.children if c.lower_ == "to"), token.idx + len(token))
        return TextSpan(text=_text(token.doc)[token.idx:end], start=token.idx, end=end)
    return TextSpan(text=token.text, start=token.idx, end=token.idx + len(token))


def _event_in(events: Sequence[Event], start: int, end: int, cue: Token | None) -> str | None:
    """The event a quotation is evidence of: one whose predicate is inside it, else at its cue."""
    inside = [e for e in events if start <= e.predicate.start < end]
    if inside:
        return inside[0].id
    if cue is not None:
        at_cue = [e for e in events if e.predicate.start <= cue.idx < e.predicate.end]
        if at_cue:
            return at_cue[0].id
    return None


