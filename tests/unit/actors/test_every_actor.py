"""Every actor is an actor: groups named by their sector words alone, with or without a country
(sentences written for these tests)."""

from __future__ import annotations

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record


def _record(pipeline: Pipeline, text: str) -> Record:
    [record] = pipeline.process([RawDocument(ref=InputRef(path="t", format="text"), text=text, published="2024-03-05")])
    assert isinstance(record, Record)
    return record


def _actor(record: Record, words: str):  # type: ignore[no-untyped-def]
    return next((a for a in record.actors if any(m.text == words for m in a.mentions)), None)


def test_the_government_is_the_country_just_spoken_of(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Argentina's president met union leaders in Buenos Aires on Monday. "
                               "The government said it would raise the minimum wage.")
    government = _actor(record, "The government")
    assert government is not None and (government.country, government.sector) == ("ARG", "GOV")


def test_its_troops_are_the_country_before_them(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Kenya said on Friday that its troops would leave Somalia by June.")
    troops = _actor(record, "its troops")
    assert troops is not None and (troops.country, troops.sector) == ("KEN", "MIL")


def test_foreign_troops_belong_to_no_country_of_the_sentence(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Mali's junta ordered foreign troops to leave the country within a month.")
    troops = _actor(record, "foreign troops")
    assert troops is None or troops.country is None


def test_a_group_from_an_organisation_is_the_organisations(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Tanzania barred a delegation from the World Health Organization from entering the country.")
    delegation = _actor(record, "a delegation from the World Health Organization") or _actor(record, "a delegation")
    assert delegation is None or delegation.country == "IGO"
    assert any(e.target and e.target.country == "IGO" for e in record.events if e.type == "REJECT")


def test_protesters_with_no_country_are_still_actors(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Hundreds of protesters blocked the main highway on Sunday.")
    protesters = next((a for a in record.actors if a.sector == "CVL"), None)
    assert protesters is not None
    assert any(e.source and e.source.actor == protesters.id for e in record.events)


def test_people_named_as_a_group_are_actors(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Ghanaian police freed 12 schoolgirls held by kidnappers near Tamale.")
    girls = _actor(record, "12 schoolgirls")
    assert girls is not None and girls.sector == "CVL"


def test_things_and_places_are_not_groups(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Israel reimposed blockades in the West Bank on Friday. The pilot said his jet was hit.")
    assert _actor(record, "his jet") is None
    bank = next((a for a in record.actors if a.name.endswith("West Bank")), None)
    assert bank is None or bank.sector != "BUS"


def test_places_and_documents_are_not_people_or_countries(pipeline: Pipeline) -> None:
    shoal = _record(pipeline, "Chinese coast guard ships chased Filipino boats near Pag-asa Shoal on Monday.")
    assert not [a for a in shoal.actors if a.kind == "person"]
    territories = _record(pipeline, "Japan asked Russia to return the Northern Territories.")
    assert not [a for a in territories.actors if a.kind == "person"]
    protocol = _record(pipeline, "Ukraine accused Russia of breaking the Minsk Protocol on Friday.")
    assert "BLR" not in {a.country for a in protocol.actors}
    moscow = _record(pipeline, "Moscow accused Kyiv of shelling Donetsk on Sunday.")
    assert {"RUS", "UKR"} <= {a.country for a in moscow.actors}


def test_with_ner_spacy_entity_labels_keep_places_from_being_people() -> None:
    from newsgraph.config import ExtractSettings
    from newsgraph.pipeline import build_pipeline

    text = "Police fired tear gas at residents in Kibera Slum on Friday."
    with_ner = build_pipeline(ExtractSettings(ner=True))
    assert "ner" in with_ner.stages[2].needed  # the parse stage runs NER for the actor stage
    [record] = with_ner.process([RawDocument(ref=InputRef(path="t", format="text"), text=text)])
    assert not [a for a in record.actors if a.kind == "person"]
