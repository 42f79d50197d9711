"""Recover an article's structure from the text a scraper or copy-paste leaves.

Raw news text mixes the article with its furniture: a headline and a
standfirst, photo captions (often twice, with different spacing, and with a
"Photograph: X/AGENCY" credit), "READ MORE" links, lone section labels,
sharing buttons, a byline and an author bio. ``recover_structure`` sorts the
lines of such a text into those parts and keeps the body paragraphs.

Everything here is line-level heuristics on the text alone; what metadata
already says (a title, a description, an author) takes precedence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.data import read_lines
from newsgraph.records import Caption

__all__ = ["LAYOUTS", "Structure", "parse_caption", "recover_structure", "squash"]

LAYOUTS = ("article", "body", "plain")

_SPACES = re.compile(r"[ \t]+")
_CREDIT = re.compile(
    r"^(?P<text>.*?)[\s;,(-]*\b(?:Photograph|Photographs|Photo|Photos|Picture|Image|Pictured|"
    r"Photo credit|Image credit|Credit)\s*:\s*(?P<credit>[^:]{2,100}?)\)?\s*$",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(r"^(?P<text>.+?)\s*\((?P<credit>[^()]*\b(?:Photo|Getty|AFP|EPA|AP|Reuters)\b[^()]*)\)\s*$")
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)"
_PARTICLE = r"(?:de|da|van|von|der|den|la|le|bin|al|el|ibn|du|dos)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_NAME_LINE = re.compile(rf"^{_NAME}$")
_BY_LINE = re.compile(rf"^[Bb]y\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*(?:,|in|-|–|—|\|).*)?$")
_BIO = re.compile(
    r"\b(?:(?:is|was)\s+(?:(?:a|an|the|our)\s+)?(?:[\w'’-]+\s+){0,5}?"
    r"(?:correspondent|contributor|reporter|editor|journalist|columnist|writer|author|"
    r"fellow|commentator|analyst|producer|chief|bureau)\b"
    r"|(?:writes|reports|covers)\s+(?:about|on|from|for)\b)",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?…\"”’)\]。！？」』]$")
# Chinese and Japanese write no spaces between words: count two of these characters as a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DATE_WORDS = (
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|am|pm|a\.m|p\.m|gmt|utc|bst|cet|est|edt|pst|"
    r"updated|published|posted|at|on|st|nd|rd|th"
)
_DATE_LINE = re.compile(rf"^(?:(?:{_DATE_WORDS})\b\.?|\d{{1,4}}(?:st|nd|rd|th)?|[\s,:/.|–—-])+$", re.IGNORECASE)


@dataclass
class Structure:
    """The parts of an article, before offsets are assigned."""

    headline: str | None = None
    standfirst: str | None = None
    byline: list[str] = field(default_factory=list)
    author_bio: str | None = None
    captions: list[Caption] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, why)


def squash(text: str) -> str:
    """Collapse runs of spaces and strip: the spacing rule of the normalised text."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for line in read_lines("reader/boilerplate.txt"):
        if line.startswith("re:"):
            patterns.append(re.compile(line[3:], re.IGNORECASE))
        else:
            exact.add(line.lower())
    return frozenset(exact), tuple(patterns)


def _is_boilerplate(line: str) -> bool:
    exact, patterns = _boilerplate()
    key = line.strip(" .:|>»›→-–—•*#").lower()
    return key in exact or any(p.fullmatch(line) for p in patterns)


def parse_caption(line: str) -> Caption | None:
    m = _CREDIT.match(line) or _AGENCY_CREDIT.match(line)
    if not m or len(m.group("credit").split()) > 10:
        return None
    text = m.group("text").strip()
    return Caption(text=text, credit=m.group("credit").strip()) if text else None


def _is_prose(line: str) -> bool:
    """A line that reads as running text rather than a label or a name."""
    words = len(line.split()) + len(_CJK.findall(line)) // 2
    return words >= 12 or (words >= 4 and bool(_SENTENCE_END.search(line)))


def _is_label(line: str) -> bool:
    """A lone section label: a few words, no sentence punctuation."""
    return len(line.split()) <= 5 and len(line) <= 48 and not _SENTENCE_END.search(line)


def _split_paragraphs(text: str) -> list[list[str]]:
    """Blocks separated by blank lines, each a list of squashed lines."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [squash(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a block was wrapped at a fixed width: no line over 100 characters, and most lines
    that end mid-sentence end there because the next line's first word would not have fitted.
    (A sentence-per-line file fails this: its lines end where their sentences do.)"""
    width = max((len(line) for line in lines), default=0)
    if not 40 <= width <= 100 or len(lines) < 2:
        return False
    open_lines = [i for i in range(len(lines) - 1) if not _SENTENCE_END.search(lines[i])]
    full = [i for i in open_lines if len(lines[i]) + 1 + len(lines[i + 1].split(" ", 1)[0]) > width]
    return bool(open_lines) and len(full) >= 0.75 * len(open_lines)


def _unwrap(lines: list[str]) -> list[str]:
    """Join soft-wrapped lines of a block into paragraphs.

    A line continues the previous one when that one ends mid-sentence and
    either the line starts in lower case or the block is hard-wrapped.
    """
    wrapped = _hard_wrapped(lines)
    paragraphs: list[str] = []
    last = ""  # the previous line as it stood, not the paragraph it joined
    for line in lines:
        prev = paragraphs[-1] if paragraphs else ""
        if prev and not _SENTENCE_END.search(prev) and (line[:1].islower() or (wrapped and not _is_label(last))):
            paragraphs[-1] = f"{prev} {line}"
        else:
            paragraphs.append(line)
        last = line
    return paragraphs


def _lines(text: str) -> list[str]:
    """The text as a flat list of units: captions and short lines alone, prose unwrapped."""
    units: list[str] = []
    for block in _split_paragraphs(text):
        pending: list[str] = []
        for line in block:
            if parse_caption(line) or _is_boilerplate(line) or _BY_LINE.match(line):
                units.extend(_unwrap(pending))
                pending = []
                units.append(line)
            else:
                pending.append(line)
        units.extend(_unwrap(pending))
    return units


def _add_caption(structure: Structure, caption: Caption) -> None:
    key = (squash(caption.text).lower(), (caption.credit or "").lower().replace(" ", ""))
    for seen in structure.captions:
        if (squash(seen.text).lower(), (seen.credit or "").lower().replace(" ", "")) == key:
            return
    structure.captions.append(caption)


def _add_byline(structure: Structure, names: str) -> None:
    for name in re.split(r"\s*(?:,|\band\b|&)\s*", names):
        name = squash(name)
        if name and name not in structure.byline:
            structure.byline.append(name)


def _take_furniture(structure: Structure, line: str) -> bool:
    """File a caption, boilerplate, date line, "By ..." line or a line without a letter; True if taken."""
    caption = parse_caption(line)
    if caption:
        _add_caption(structure, caption)
    elif _is_boilerplate(line):
        structure.dropped.append((line, "boilerplate"))
    elif _DATE_LINE.match(line) and any(ch.isdigit() for ch in line):
        structure.dropped.append((line, "date line"))
    elif m := _BY_LINE.match(line):
        _add_byline(structure, m.group("names"))
    elif not _LETTER.search(line):
        structure.dropped.append((line, "no words"))  # rules, scores, bare numbers: "***", "2-1"
    else:
        return False
    return True


def _trailer_start(units: list[str], structure: Structure) -> int:
    """Index where the trailing matter (byline, bio, widgets) begins."""
    end = len(units)
    while end > 0:
        line = units[end - 1]
        if _is_prose(line) and not _is_bio(line):
            break
        end -= 1
    return end


_BIO_SUBJECT = re.compile(rf"^(?:{_NAME}|She|He|They)\s+(?:is|was|are|were|writes|reports|covers)\b")


def _is_bio(line: str) -> bool:
    """An author bio: "<Name> is a contributor to ...", at the foot of the article."""
    return bool(_BIO_SUBJECT.match(line) and _BIO.search(line)) and len(line.split()) <= 60


def _read_trailer(units: list[str], structure: Structure, *, has_body: bool) -> None:
    """File the matter after the last paragraph of running text: bylines, a bio, widgets.
    What is none of these is body, but for lone labels after a body ("Topics", "Europe")."""
    for line in units:
        if _take_furniture(structure, line):
            continue
        if has_body and _NAME_LINE.match(line):
            _add_byline(structure, line)
        elif has_body and _is_bio(line) and structure.author_bio is None:
            structure.author_bio = line
        elif has_body and _is_label(line):
            structure.dropped.append((line, "trailer"))
        else:
            structure.body.append(line)


_FINAL_STOP = re.compile(r"[.…:;,!。！；，][\"”’)\]」』]*$")  # a heading ends without one ("?" allowed)
HEADLINE_WORDS, STANDFIRST_WORDS = 20, 45


def _is_sentence(line: str) -> bool:
    """Running text that ends as a sentence does: what tells an article's body from its heading."""
    return _is_prose(line) and bool(_SENTENCE_END.search(line))


def _looks_like_heading(line: str, max_words: int) -> bool:
    """A headline or standfirst: short, no final stop, not starting mid-sentence."""
    return len(line.split()) <= max_words and not _FINAL_STOP.search(line) and not line[:1].islower()


def _read_header(units: list[str], structure: Structure) -> int:
    """Take a headline and a standfirst from the top when they look like ones and a body of
    sentences follows them; return where the body begins."""
    slots = [name for name in ("headline", "standfirst") if getattr(structure, name) is None]
    taken: list[str] = []
    first = i = 0
    while i < len(units) and len(taken) < len(slots):
        line = units[i]
        if _take_furniture(structure, line):
            i += 1
            continue
        limit = HEADLINE_WORDS if slots[len(taken)] == "headline" else STANDFIRST_WORDS
        if not _looks_like_heading(line, limit):
            break
        first = i if not taken else first
        taken.append(line)
        i += 1
    if not any(_is_sentence(u) for u in units[i:]):
        return first if taken else i  # nothing after them reads as a body: they are the body
    for name, line in zip(slots, taken):
        setattr(structure, name, line)
    return i


def _standfirst_from_prose(units: list[str], start: int, structure: Structure) -> int:
    """A standfirst that ends with a full stop, set apart from the body by furniture."""
    if structure.headline is None or structure.standfirst is not None or start >= len(units):
        return start
    line = units[start]
    if len(line.split()) > STANDFIRST_WORDS:
        return start
    nxt = start + 1
    separated = False
    while nxt < len(units) and (parse_caption(units[nxt]) or _BY_LINE.match(units[nxt]) or _DATE_LINE.match(units[nxt])):
        separated = True
        nxt += 1
    if separated and any(_is_sentence(u) for u in units[nxt:]):
        structure.standfirst = line
        return start + 1
    return start


def _is_section_label(units: list[str], i: int) -> bool:
    """A lone label between two paragraphs of running text ("Background", "Next steps")."""
    line = units[i]
    if not _is_label(line) or _is_prose(line) or i == 0 or i + 1 >= len(units):
        return False
    return _is_sentence(units[i - 1]) and _is_sentence(units[i + 1])


def _plain_body(text: str) -> list[str]:
    """Every non-empty line, as given: the body of a text read without structure recovery."""
    return [line for line in (squash(raw) for raw in text.split("\n")) if line]


def recover_structure(
    text: str,
    *,
    headline: str | None = None,
    standfirst: str | None = None,
    byline: list[str] | None = None,
    layout: str = "article",
) -> Structure:
    """Sort the lines of ``text`` into headline, standfirst, captions, byline, bio and body.

    ``layout`` says what the text may hold: ``article`` (a page as scraped: the headline and
    standfirst may be its first lines), ``body`` (the body of a record whose metadata gives the
    headline: no heading is taken from the text) or ``plain`` (no recovery: every line is body).
    Body text is never lost: a text with no body of sentences is all body.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
    structure = Structure(
        headline=squash(headline) if headline else None,
        standfirst=squash(standfirst) if standfirst else None,
        byline=[squash(b) for b in byline or [] if b.strip()],
    )
    if layout == "plain":
        structure.body = _plain_body(text)
        return structure
    units = _lines(text)
    # Metadata already gave these; drop their copies at the top of the text.
    known = {squash(v).lower() for v in (structure.headline, structure.standfirst) if v}
    while units and units[0].lower() in known:
        units.pop(0)
    tail = _trailer_start(units, structure)
    start = 0
    if layout == "article" and tail:
        start = _standfirst_from_prose(units, _read_header(units[:tail], structure), structure)
    for i in range(start, tail):
        if _take_furniture(structure, units[i]):
            continue
        if _is_section_label(units, i):
            structure.dropped.append((units[i], "section label"))
        else:
            structure.body.append(units[i])
    _read_trailer(units[tail:], structure, has_body=bool(structure.body))
    return structure
