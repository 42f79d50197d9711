"""Quotation marks on text we wrote: pairs, nesting, paragraphs, unbalanced marks."""

from __future__ import annotations

from newsgraph.quotes.marks import find_quoted


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text, _paragraphs(text))]


def test_curly_and_straight_pairs() -> None:
    text = 'She said “we will not retreat” and then "we stand firm" again.'
    assert _texts(text) == ["we will not retreat", "we stand firm"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“Some powers hide behind ‘freedom’ and ‘order’ to meddle,” he said."
    assert _texts(text) == ["Some powers hide behind ‘freedom’ and ‘order’ to meddle,"]


def test_apostrophes_do_not_open_or_close() -> None:
    text = "Ukraine’s envoy called it “the people’s choice” on Monday."
    assert _texts(text) == ["the people’s choice"]


def test_multi_paragraph_quotation_continues() -> None:
    text = "“We came to talk.\n\n“We leave with nothing,” the envoy said.\n\nOfficials declined to comment."
    found = find_quoted(text, _paragraphs(text))
    assert [text[q.start:q.end] for q in found] == ["We came to talk.", "We leave with nothing,"]
    assert found[0].continues and not found[1].continues


def test_unbalanced_mark_stays_in_its_paragraph() -> None:
    text = ("The minister said “the border stays closed until further notice.\n\n"
            "Later the premier said “we will reopen it soon” to reporters.")
    assert _texts(text) == ["the border stays closed until further notice.", "we will reopen it soon"]


def test_second_opening_mark_closes_an_unclosed_one() -> None:
    text = "He said “first part and then “second part” ended."
    assert _texts(text) == ["first part and then", "second part"]


def test_top_level_single_quotes() -> None:
    text = "The minister said ‘we will not be intimidated’ after the vote."
    assert _texts(text) == ["we will not be intimidated"]
