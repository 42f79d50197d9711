"""Datelines (actors/host.py) and what they give: people the text names with no country belong
to the country a story is filed from, when the story is about that country. Also the gazetteer
fixes found with them: airport codes are no places, a hyphened town is one name. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.actors.host import find_dateline
from newsgraph.actors.kb import load_kb
from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import InputRef, Record
from newsgraph.when_where.places import load_gazetteer


@pytest.mark.parametrize(("text", "country", "dateline"), [
    ("WARSAW — Poland will close two crossings.", "POL", "WARSAW — "),
    ("GOMA, Democratic Republic of Congo — Fighting spread.", "COD", "GOMA, Democratic Republic of Congo — "),
    ("LONDON, Dec 7 (Reuters) - Britain said on Monday", "GBR", "LONDON, Dec 7 (Reuters) - "),
    ("QUITO, Ecuador (AP) — Ecuador's president said", "ECU", "QUITO, Ecuador (AP) — "),
    ("BOGOTÁ — Colombia's government agreed", "COL", "BOGOTÁ — "),
    ("PORT-AU-PRINCE — Police retook a junction.", "HTI", "PORT-AU-PRINCE — "),
    ("BRUSSELS — The European Commission proposed", "BEL", "BRUSSELS — "),  # the city's country, not the EU
    ("Floods in Sindh\n\nKARACHI — Floodwaters rose.", "PAK", "KARACHI — "),
])
def test_a_dateline_gives_its_country(text: str, country: str, dateline: str) -> None:
    found = find_dateline(text, load_kb(), load_gazetteer())
    assert found is not None and (found.country, text[found.start:found.end]) == (country, dateline)


@pytest.mark.parametrize("text", ["UN — the body said", "The AU — meeting in Addis Ababa — said", "Warsaw — Poland said",
                                  "NOWHEREVILLE — a town no one knows"])
def test_no_dateline(text: str) -> None:
    assert find_dateline(text, load_kb(), load_gazetteer()) is None


def _record(pipeline: Pipeline, text: str) -> Record:
    [record] = pipeline.run([RawDocument(ref=InputRef(path="t", format="text"), text=text, layout="body", published="2023-06-14")])
    assert isinstance(record, Record)
    return record


def _person(record: Record, name: str):
    return next(a for a in record.actors if a.name == name)


def test_a_bare_title_is_the_dateline_country_s(pipeline: Pipeline) -> None:
    record = _record(pipeline, "LIMA — Peru will send troops to its southern border with Bolivia after a week of clashes "
                               "between smugglers and police, the government said on Monday.\n\n"
                               "Interior Minister Rosa Quispe said 600 soldiers would join the police in Puno. "
                               "Peru's Congress backed the plan on Tuesday.")
    assert _person(record, "Rosa Quispe").country == "PER"


def test_a_local_voice_is_the_dateline_country_s(pipeline: Pipeline) -> None:
    record = _record(pipeline, "DHAKA — Floods have cut off hundreds of villages in northern Bangladesh, and Bangladesh's "
                               "army has begun dropping food by helicopter.\n\n"
                               '"The water came in the night," said Abdul Karim, 60, a rice farmer. "We lost everything."')
    assert _person(record, "Abdul Karim").country == "BGD"


def test_a_story_filed_from_elsewhere_gives_no_country(pipeline: Pipeline) -> None:
    record = _record(pipeline, "GENEVA — Myanmar's military has burned villages in Sagaing, a United Nations report said. "
                               "Myanmar rejected the report, and Myanmar's envoy walked out of the session.\n\n"
                               "Switzerland hosted the talks. Human rights lawyer Thandiwe Mokoena said the findings were grave.")
    assert _person(record, "Thandiwe Mokoena").country != "CHE"


def test_an_appositive_role_gives_its_country(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Chile's Finance Minister, Marcela Fuentes, said the budget would be cut.")
    person = _person(record, "Marcela Fuentes")
    assert (person.country, person.role) == ("CHL", "Finance Minister")


@pytest.mark.parametrize("code", ["IMF", "ELN", "NGO", "CNN", "IDF"])
def test_an_acronym_is_no_place(code: str) -> None:
    assert load_gazetteer().lookup(code) is None


def test_a_hyphened_town_is_one_place(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Gunmen attacked Croix-des-Bouquets on Monday.")
    assert not any(a.kind == "person" for a in record.actors)
    assert [e.target.country for e in record.events if e.target] == ["HTI"]


def test_a_dateline_is_no_one_s_words_and_names_no_actor(pipeline: Pipeline) -> None:
    record = _record(pipeline, "OSLO, March 3 (Reuters) - Norway will send two frigates to the Baltic Sea, the prime minister said "
                               "on Monday. Norway's navy confirmed the plan.")
    [quote] = [q for q in record.quotes if q.kind == "indirect"]
    assert quote.text.startswith("Norway will send") and record.text[quote.start:quote.end] == quote.text
    assert not any(a.name == "Reuters" for a in record.actors)
    assert quote.speaker is not None and quote.speaker.country == "NOR"  # a bare office is the dateline country's


@pytest.mark.parametrize(("text", "name", "country"), [
    ("HANOI — Vietnam's floods have killed 31 people, the National Disaster Prevention Authority said. Vietnam asked for aid.",
     "National Disaster Prevention Authority", "VNM"),
    ("Storms are forecast across Fiji this week, the Fiji Meteorological Service said.", "Fiji Meteorological Service", "FJI"),
    ("Wildfires burned across Chile, and the Bureau of Emergency Management said 40 homes were lost.",
     "Bureau of Emergency Management", "CHL"),
    ("TUNIS — Tunisia will hold the vote in June, the Interior Ministry said on Monday.", "Interior Ministry", "TUN"),
])
def test_a_named_public_body_is_an_actor_of_its_country(pipeline: Pipeline, text: str, name: str, country: str) -> None:
    record = _record(pipeline, text)
    body = next(a for a in record.actors if a.name == name)
    assert (body.country, body.sector) == (country, "GOV")
    assert any(q.speaker and q.speaker.actor == body.id for q in record.quotes)


def test_a_body_named_by_its_head_alone_is_no_actor(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The Commission said it would review the case.")
    assert not any(a.kind == "group" for a in record.actors)


def test_a_given_name_before_a_surname_is_a_person_not_a_body(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Amal Haddad, a pharmacist in Tyre, said the shelves were empty.")
    assert [(a.kind, a.name) for a in record.actors if a.kind in ("person", "org")] == [("person", "Amal Haddad")]


def test_a_surname_named_before_is_that_person_not_the_knowledge_base_s(pipeline: Pipeline) -> None:
    record = _record(pipeline, 'Economy Minister Martín Echeverría said prices were falling. "We are not going back," Echeverría said.')
    assert {q.speaker.name for q in record.quotes if q.speaker} == {"Martín Echeverría"}


def test_a_union_named_of_labour_is_no_labour_party(pipeline: Pipeline) -> None:
    record = _record(pipeline, "MONTEVIDEO — Uruguay's wages fell. The National Confederation of Labour said pay had lost 9%. "
                               "Uruguay's government disagreed.")
    body = next(a for a in record.actors if a.name == "National Confederation of Labour")
    assert (body.country, body.sector) == ("URY", "LAB") and not any(a.name == "Labour Party" for a in record.actors)


def test_people_of_a_story_from_home_are_local(pipeline: Pipeline) -> None:
    record = _record(pipeline, "LIMA — Peru's floods killed 12 people. Police said 200 families had been moved. "
                               "Residents said the river rose in minutes. Peru asked for help.")
    assert {a.name: a.country for a in record.actors if a.name in ("Police", "Residents")} == {"Police": "PER", "Residents": "PER"}


@pytest.mark.parametrize("text", ["Typhoon Haikui struck Taiwan's east coast.", "Fighting spread across West Kordofan.",
                                  "In an interview with Radio Caracol, the minister said prices fell."])
def test_storms_regions_and_stations_are_no_people(pipeline: Pipeline, text: str) -> None:
    assert not any(a.kind == "person" for a in _record(pipeline, text).actors)


def test_a_story_with_no_dateline_is_about_the_country_it_speaks_of_most(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Bulgaria's parliament voted on Friday to hold early elections, Bulgaria's seventh in four years. "
                               "Bulgarian voters are tired, polls show.\n\n"
                               'Party leader Petar Kostov said: "We will form a government this time." '
                               "Elena Marinova, an analyst, said coalition talks would be hard.")
    assert {a.name: a.country for a in record.actors if a.kind == "person"} == {"Petar Kostov": "BGR", "Elena Marinova": "BGR"}


def test_two_countries_spoken_of_alike_give_no_home(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Kenya and Uganda signed a rail deal. Kenya will build the line and Uganda will pay for it. "
                               "Kenyan and Ugandan officials met in Kampala.\n\nAmos Otieno, an engineer, said work would start in May.")
    assert next(a for a in record.actors if a.name == "Amos Otieno").country is None


def test_the_agency_after_a_named_body_is_that_body(pipeline: Pipeline) -> None:
    record = _record(pipeline, "QUITO — Ecuador's inflation slowed to 2%, the National Institute of Statistics said on Tuesday. "
                               "Food prices fell, the agency said. Ecuador's president welcomed the figures.")
    assert {q.speaker.name for q in record.quotes if q.speaker} == {"National Institute of Statistics"}


def test_a_body_takes_no_country_from_words_after_it(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The Lowy Institute said China's aid to the Pacific had fallen.")
    assert not any(a.name == "Lowy Institute" and a.country == "CHN" for a in record.actors)
