"""Modality and event dates on sentences written for these tests (synthetic)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record
from newsgraph.when_where.dates import find_date


def events_of(pipeline: Pipeline, text: str, published: str = "2023-06-14"):
    [record] = pipeline.process([RawDocument(ref=InputRef(path="t", format="text"), text=text,
                                             published=published)])
    assert isinstance(record, Record)
    return record.events


@pytest.mark.parametrize(("sentence", "kind", "modality"), [
    ("Kenya criticised Uganda over the border closure on Monday.", "ACCUSE", "asserted"),
    ("Kenya did not criticise Uganda over the border closure.", "ACCUSE", "negated"),
    ("Kenya will meet Uganda in Nairobi next week.", "CONSULT", "intended"),
    ("Kenya is ready to meet Uganda to settle the dispute.", "CONSULT", "intended"),
    ("Kenya could impose sanctions on Uganda if the border stays closed.", "SANCTION", "hypothetical"),
    ("Tanzania urged Kenya to meet Uganda before the summit.", "CONSULT", "requested"),
    ("Uganda rejected as baseless claims that Kenya had attacked its border posts.", "ASSAULT", "claimed"),
])
def test_modality_of_events(pipeline: Pipeline, sentence: str, kind: str, modality: str) -> None:
    found = [(e.type, e.modality) for e in events_of(pipeline, sentence)]
    assert (kind, modality) in found, found


def test_modality_intention_is_also_an_agreement(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Kenya is ready to meet Uganda to settle the dispute.")
    assert any(e.type == "AGREE" and e.modality == "asserted" and e.source.country == "KEN" for e in events)


def test_modality_request_event_is_asserted(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Tanzania urged Kenya to meet Uganda before the summit.")
    assert any(e.type == "REQUEST" and e.modality == "asserted" and e.source.country == "TZA"
               and e.target.country == "KEN" for e in events)


@pytest.mark.parametrize(("text", "expected", "historical"), [
    ("The ministers met on Wednesday.", "2021-12-15", False),
    ("The ministers met on Tuesday.", "2021-12-14", False),
    ("The ministers met yesterday.", "2021-12-14", False),
    ("The ministers met last week.", "2021-12-08", False),
    ("The ministers met on December 3rd.", "2021-12-03", False),
    ("The ministers met on 28 December.", "2020-12-28", True),
    ("Russia annexed Crimea in 2014.", "2014", True),
    ("The ministers met.", "2021-12-15", False),
])
def test_dates_resolved_against_publication(text: str, expected: str, historical: bool) -> None:
    found = find_date(text, date(2021, 12, 15))
    assert (found.date, found.historical) == (expected, historical)


def test_dates_unknown_without_publication_date() -> None:
    assert find_date("The ministers met on Tuesday.", None).date is None
    assert find_date("The ministers met.", None).date is None


def test_event_date_and_place(pipeline: Pipeline) -> None:
    [event] = [e for e in events_of(pipeline, "Kenya and Uganda held talks in Kampala on Tuesday.", "2023-06-14")
               if e.type == "CONSULT"]
    assert event.date == "2023-06-13" and event.date_source == "text"
    assert event.place is not None and (event.place.name, event.place.country) == ("Kampala", "UGA")
    assert event.reciprocal
