"""Actor resolution behaviours on short texts written for these tests (synthetic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.actors.kb import load_kb
from newsgraph.errors import ConfigError
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import Actor, InputRef, Record


def extract_actors(pipeline: Pipeline, text: str, published: str | None = None) -> list[Actor]:
    [record] = pipeline.process([RawDocument(ref=InputRef(path="t", format="text"), text=text,
                                              published=published)])
    assert isinstance(record, Record)
    return list(record.actors)


def by_mention(actors: list[Actor], text: str) -> Actor:
    found = [a for a in actors if any(m.text == text for m in a.mentions)]
    assert found, f"no actor has the mention {text!r}: {[(a.name, [m.text for m in a.mentions]) for a in actors]}"
    return found[0]


def methods(actor: Actor) -> dict[str, str]:
    return {m.text: m.method for m in actor.mentions}


TEXT = (
    "Kenyan foreign minister Amina Odhiambo met Ethiopian officials in Addis Ababa on Monday.\n\n"
    "Ms Odhiambo said the talks had gone well. She added that a second round would be held in Nairobi.\n\n"
    "The minister later flew to Kampala."
)


def test_resolve_person_with_role_then_title_surname_pronoun_and_role_description(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, TEXT)
    amina = by_mention(actors, "Amina Odhiambo")
    assert (amina.country, amina.sector, amina.code) == ("KEN", "GOV", "KENGOV")
    assert amina.role == "foreign minister"
    assert methods(amina) == {"Amina Odhiambo": "name-with-role", "Ms Odhiambo": "title-surname",
                              "She": "pronoun", "The minister": "role-description"}


def test_resolve_group_by_demonym_and_sector_word(pipeline: Pipeline) -> None:
    officials = by_mention(extract_actors(pipeline, TEXT), "Ethiopian officials")
    assert (officials.kind, officials.country, officials.sector) == ("group", "ETH", "GOV")


def test_resolve_places_are_not_actors(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, TEXT)
    texts = {m.text for a in actors for m in a.mentions}
    assert not texts & {"Addis Ababa", "Nairobi", "Kampala"}


def test_resolve_capital_as_government(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, "Nairobi accused Kampala of closing the border without warning.")
    assert by_mention(actors, "Nairobi").country == "KEN"
    assert methods(by_mention(actors, "Kampala"))["Kampala"] == "capital-metonym"


@pytest.mark.parametrize(("published", "sector"), [("2019-05-01", "GOV"), ("2023-05-01", "ELI")])
def test_resolve_office_holder_by_article_date(pipeline: Pipeline, published: str, sector: str) -> None:
    actors = extract_actors(pipeline, "Angela Merkel said Europe must stand together.", published)
    merkel = by_mention(actors, "Angela Merkel")
    assert (merkel.country, merkel.sector, merkel.in_kb) == ("DEU", sector, True)


def test_resolve_former_in_context_is_eli(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, "Former Peruvian president Luis Castaneda Rojas was arrested on Tuesday.")
    assert (by_mention(actors, "Luis Castaneda Rojas").country, by_mention(actors, "Luis Castaneda Rojas").sector) == ("PER", "ELI")


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("NATO troops moved closer to the border.", "NATO troops", ("IGO", "MIL")),
    ("A Pentagon spokesman declined to comment.", "A Pentagon spokesman", ("USA", "MIL")),
    ("Leaders of Fiji's Methodist Church urged calm.", "Leaders of Fiji's Methodist Church", ("FJI", "REL")),
    ("Peru's Congress voted to remove the president.", "Congress", ("PER", "LEG")),
    ("Jordan's teachers' union called a strike.", "Jordan's teachers' union", ("JOR", "LAB")),
])
def test_resolve_sector_precedence(pipeline: Pipeline, text: str, mention: str, expected: tuple[str, str]) -> None:
    actor = by_mention(extract_actors(pipeline, text), mention)
    assert (actor.country, actor.sector) == expected


def test_resolve_org_and_its_description(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, "Finland applied to join Nato, and the alliance said it would move quickly.")
    nato = by_mention(actors, "Nato")
    assert (nato.country, nato.org, nato.code) == ("IGO", "NATO", "IGONATO")
    assert methods(nato)["the alliance"] == "org-description"


def test_resolve_user_actors_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Tomas Valdivieso\n    aliases: [Valdivieso]\n    country: CHL\n    sector: GOV\n"
        "    role: interior minister\n    start: 2022-03-11\n"
        "  - name: Sample Relief Alliance\n    kind: org\n    aliases: [SRA]\n    country: NGO\n    sector: CVL\n",
        "utf-8",
    )
    pipeline = build_pipeline(actor_files=[path])
    actors = extract_actors(pipeline, "Tomas Valdivieso praised the SRA for its work after the floods.", "2022-06-01")
    tomas = by_mention(actors, "Tomas Valdivieso")
    assert (tomas.country, tomas.sector, tomas.in_kb) == ("CHL", "GOV", True)
    sra = by_mention(actors, "the SRA")
    assert (sra.country, sra.sector, sra.kind) == ("NGO", "CVL", "organisation")


@pytest.mark.parametrize(("body", "message"), [
    ("- name: X\n  country: Chile\n  sector: GOV\n", "ISO alpha-3"),
    ("- name: X\n  country: CHL\n  sector: BOSS\n", "'sector' must be one of"),
    ("- name: X\n  country: CHL\n  sector: GOV\n  colour: red\n", "unknown field(s) colour"),
    ("- name: X\n  country: CHL\n  sector: GOV\n  start: soon\n", "is not a date"),
    ("- country: CHL\n", "needs a 'name'"),
    ("actors: [unclosed\n", "not valid YAML"),
])
def test_resolve_bad_user_actors_file(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_kb((path,))
    assert message in str(info.value) and str(path) in str(info.value)


def test_resolve_journalists_and_photographers_are_not_actors(tmp_path: Path, extract) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Chile and Peru agree on border crossings\n\n"
        "Officials meet at the border. Photograph: Rosa Quispe/Sample Agency\n\n"
        "Chilean interior minister Tomas Valdivieso and Peruvian officials agreed on Monday to reopen two crossings.\n\n"
        "Rosa Quispe, who photographed the meeting, said the mood was relaxed.\n\n"
        "Marta Lagos\n\nMarta Lagos is a correspondent for a sample newspaper in Santiago\n",
        "utf-8",
    )
    [record] = extract(path)
    names = {a.name for a in record.actors}
    assert "Tomas Valdivieso" in names
    assert not names & {"Rosa Quispe", "Marta Lagos"}


def test_resolve_regions_act_collectively(pipeline: Pipeline) -> None:
    actors = extract_actors(pipeline, "Moscow rejected warnings from western powers and European officials.")
    assert (by_mention(actors, "western powers").country, by_mention(actors, "European officials").country) == ("WST", "EUR")
