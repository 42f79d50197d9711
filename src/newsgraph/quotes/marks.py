"""Find quoted stretches of text from their quotation marks, paragraph by paragraph.

News uses straight and curly double quotes, with single quotes nested inside
("under the guise of ‘democracy’"). A quotation running over several
paragraphs repeats its opening mark at the start of each paragraph and closes
only at the end; a mark left open in any other paragraph is closed at the
paragraph's end, so an unbalanced mark never swallows the rest of the article.
Top-level single quotes (‘…’) are found too: some outlets quote with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted"]

OPEN_DOUBLE = {"“": "”", "„": "“", "«": "»", "‟": "”"}
CLOSE_DOUBLE = {"”", "»"}
STRAIGHT = '"'


@dataclass(frozen=True)
class Quoted:
    start: int  # first character inside the marks
    end: int  # end of the text inside the marks (exclusive)
    mark_start: int  # the opening mark
    mark_end: int  # after the closing mark (or the paragraph's end when unbalanced)
    balanced: bool
    continues: bool  # the quotation goes on into the next paragraph
    single: bool  # marked with single quotes


def find_quoted(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quoted]:
    """Quoted stretches of ``text``; ``paragraphs`` are (start, end) offsets."""
    found: list[Quoted] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        spans = _in_paragraph(text, p_start, p_end)
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        next_opens = nxt is not None and text[nxt[0]:nxt[0] + 1] in (STRAIGHT, *OPEN_DOUBLE)
        if spans and not spans[-1].balanced and next_opens and not spans[-1].single:
            last = spans[-1]
            spans[-1] = Quoted(last.start, last.end, last.mark_start, last.mark_end, True, True, False)
        found.extend(s for s in spans if s.end > s.start)
    return found


def _in_paragraph(text: str, start: int, end: int) -> list[Quoted]:
    spans: list[Quoted] = []
    open_at: int | None = None
    closer = ""
    i = start
    while i < end:
        c = text[i]
        if open_at is None:
            if c in OPEN_DOUBLE or (c == STRAIGHT and _opens(text, i, start)):
                open_at, closer = i, OPEN_DOUBLE.get(c, STRAIGHT)
            elif c in "‘'" and _opens(text, i, start):
                close = _single_close(text, i + 1, end, "’" if c == "‘" else "'")
                if close is not None:
                    spans.append(_make(text, i, close + 1, True, False, True))
                    i = close + 1
                    continue
        elif c == closer or c == STRAIGHT or (c in CLOSE_DOUBLE and closer != STRAIGHT):  # scrapers mix marks
            spans.append(_make(text, open_at, i + 1, True, False, False))
            open_at = None
        elif c in OPEN_DOUBLE and closer != STRAIGHT and _opens(text, i, start):
            # a second opening mark before any close: the first was never closed
            spans.append(_make(text, open_at, _trim_end(text, open_at, i), False, False, False))
            open_at, closer = i, OPEN_DOUBLE[c]
        i += 1
    if open_at is not None:
        spans.append(_make(text, open_at, _trim_end(text, open_at, end), False, False, False))
    return spans


def _make(text: str, mark_start: int, mark_end: int, balanced: bool, continues: bool, single: bool) -> Quoted:
    inner_start = mark_start + 1
    inner_end = mark_end - 1 if balanced else mark_end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Quoted(inner_start, inner_end, mark_start, mark_end, balanced, continues, single)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opens(text: str, i: int, paragraph_start: int) -> bool:
    """A mark opens a quotation when it follows a space, a bracket, a dash or the paragraph start
    and is followed by a word character (not "5'10"" or "the 90s'")."""
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:,") and not after.isspace()


def _single_close(text: str, i: int, end: int, closer: str) -> int | None:
    """The closing mark of a top-level single quotation: one not inside a word ("Russia’s")."""
    while i < end:
        c = text[i]
        if c == closer and not text[i - 1].isspace():
            after = text[i + 1] if i + 1 < end else " "
            if not after.isalnum():
                return i
        elif c in OPEN_DOUBLE or c == STRAIGHT:
            return None
        i += 1
    return None
