"""Real text is never lost: texts shaped as users give them (written for these tests).

One sentence, with or without a final stop; a paragraph; paragraphs that start
with a full sentence; a headline above a body; a sentence-per-line corpus;
JSONL records with and without a title; ``--plain``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.reader.structure import recover_structure

ONE = "Senior Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate on energy."
NO_STOP = "A court in Lagos sentenced two activists to five years in prison for organising the protests"
PARA = ("Chile and Peru signed a fisheries accord in Lima on Tuesday. The two governments said joint patrols "
        "would begin next month. Fishing unions in both countries welcomed the deal.")
SECOND = "Officials said a hotline between the two navies would be set up before the end of the year."
LINES = [
    "Troops fired tear gas at protesters in the capital on Monday",
    "The government said talks with the rebels would resume in Geneva next week",
    "Kenya recalled its ambassador to Somalia",
    "Ethiopia and Sudan agreed to reopen their border crossing",
    "Rebels freed twelve hostages after mediation by local elders",
]


def _body(s) -> list[str]:  # type: ignore[no-untyped-def]
    return list(s.body)


@pytest.mark.parametrize("text", [ONE, ONE.rstrip("."), NO_STOP, "Russia hands demands to US", "Ceasefire holds"])
def test_one_sentence_is_a_document(text: str) -> None:
    s = recover_structure(text)
    assert _body(s) == [text]
    assert s.headline is None and not s.dropped


def test_one_sentence_without_stop_below_a_metadata_title_is_body() -> None:
    s = recover_structure(NO_STOP, headline="Lagos court jails activists")
    assert s.headline == "Lagos court jails activists"
    assert s.standfirst is None
    assert _body(s) == [NO_STOP]


def test_one_paragraph_is_body() -> None:
    assert _body(recover_structure(PARA)) == [PARA]


def test_two_paragraphs_starting_with_a_full_sentence_have_no_headline() -> None:
    s = recover_structure(f"{ONE}\n\n{SECOND}")
    assert s.headline is None
    assert _body(s) == [ONE, SECOND]


def test_a_real_headline_and_standfirst_above_a_body() -> None:
    s = recover_structure(f"Chile and Peru sign fisheries accord\n\nJoint patrols to start next month\n\n{PARA}\n\n{SECOND}")
    assert s.headline == "Chile and Peru sign fisheries accord"
    assert s.standfirst == "Joint patrols to start next month"
    assert _body(s) == [PARA, SECOND]


def test_a_headline_above_one_sentence() -> None:
    s = recover_structure(f"Hungary and Romania to cooperate\n\n{ONE}")
    assert s.headline == "Hungary and Romania to cooperate"
    assert _body(s) == [ONE]


def test_a_sentence_per_line_corpus_without_stops_keeps_every_line_apart() -> None:
    s = recover_structure("\n".join(LINES))
    assert s.headline is None
    assert _body(s) == LINES


def test_a_sentence_per_line_corpus_with_stops() -> None:
    lines = [line + "." for line in LINES]
    s = recover_structure("\n".join(lines))
    assert [p for p in _body(s)] == lines or " ".join(_body(s)) == " ".join(lines)
    assert " ".join(_body(s)).count(".") == len(lines)


def test_a_last_line_without_stop_after_a_body_is_body() -> None:
    s = recover_structure(f"{PARA}\n\nThe navy said it would publish the patrol schedule next week")
    assert _body(s)[-1] == "The navy said it would publish the patrol schedule next week"


def test_a_body_layout_takes_no_heading_from_the_text() -> None:
    s = recover_structure(f"Chile and Peru sign fisheries accord\n\n{PARA}", headline="Fisheries deal", layout="body")
    assert s.headline == "Fisheries deal"
    assert _body(s) == ["Chile and Peru sign fisheries accord", PARA]


def test_plain_layout_keeps_every_line_and_recovers_nothing() -> None:
    text = "Chile and Peru sign fisheries accord\nREAD MORE\nProtesters march. Photograph: Ana Silva/Reuters\n" + PARA
    s = recover_structure(text, layout="plain")
    assert _body(s) == ["Chile and Peru sign fisheries accord", "READ MORE",
                        "Protesters march. Photograph: Ana Silva/Reuters", PARA]
    assert s.headline is None and not s.captions


def test_boilerplate_alone_is_still_no_text() -> None:
    s = recover_structure("Share\n\nREAD MORE\n\nAdvertisement")
    assert _body(s) == []


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        recover_structure(ONE, layout="tweet")


# -- through the library entry point the CLI uses ---------------------------------------------------


def _bodies(record) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in record.article.paragraphs if p.role == "body"]


def test_extract_jsonl_records_with_and_without_title(tmp_path: Path, extract) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": ONE},
        {"id": "b", "text": NO_STOP, "title": "Lagos court jails activists"},
        {"id": "c", "text": f"Chile and Peru sign fisheries accord\n\n{PARA}"},
    ]) + "\n", "utf-8")
    a, b, c = extract(path)
    assert _bodies(a) == [ONE] and a.article.headline is None
    assert _bodies(b) == [NO_STOP] and b.article.headline == "Lagos court jails activists"
    assert _bodies(c) == ["Chile and Peru sign fisheries accord", PARA]  # a record's text is body


def test_extract_a_sentence_per_line_file(tmp_path: Path, extract) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(LINES) + "\n", "utf-8")
    [record] = extract(path)
    assert _bodies(record) == LINES
    assert len(record.sentences) >= len(LINES)


def test_extract_a_plain_jsonl_record(tmp_path: Path, extract) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plain.jsonl"
    text = "Kenya recalled its ambassador\nREAD MORE"
    path.write_text(json.dumps({"text": text, "plain": True}) + "\n" + json.dumps({"text": "x", "plain": "yes"}) + "\n",
                    "utf-8")
    record, error = extract(path)
    assert _bodies(record) == ["Kenya recalled its ambassador", "READ MORE"]
    assert error.reason == "bad record" and '"plain"' in str(error)


def test_a_hard_wrapped_paragraph_is_still_joined() -> None:
    wrapped = ("The foreign ministers of Kenya and Ethiopia met in Nairobi on Monday to\n"
               "discuss a ceasefire in the border region, where fighting between Kenyan\n"
               "Police and Ethiopian militias has displaced thousands since the spring,\n"
               "Officials said.")
    s = recover_structure(f"Kenya and Ethiopia hold talks\n\n{wrapped}\n\n{SECOND}")
    assert _body(s) == [" ".join(wrapped.split("\n")), SECOND]
