"""Structure recovery on raw texts written for these tests (synthetic, not real articles)."""

from __future__ import annotations

import pytest

from newsgraph.reader.structure import parse_caption, recover_structure

BODY_1 = "The foreign ministers of Kenya and Ethiopia met in Nairobi on Monday to discuss a ceasefire in the border region."
BODY_2 = "Officials said the talks would continue next week, and both sides agreed to exchange prisoners."
BODY_3 = "Aid agencies welcomed the agreement but warned that thousands of people still needed food."


def _text(*blocks: str) -> str:
    return "\n\n".join(blocks)


def test_structure_headline_standfirst_and_body() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", "Talks in Nairobi bring first deal in months", BODY_1, BODY_2))
    assert s.headline == "Kenya and Ethiopia agree prisoner swap"
    assert s.standfirst == "Talks in Nairobi bring first deal in months"
    assert s.body == [BODY_1, BODY_2]


def test_structure_no_standfirst_when_body_follows_headline() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", BODY_1, BODY_2))
    assert s.standfirst is None
    assert s.body == [BODY_1, BODY_2]


def test_structure_standfirst_ending_in_full_stop_set_apart_by_a_caption() -> None:
    s = recover_structure(_text(
        "Kenya and Ethiopia agree prisoner swap",
        "Talks in Nairobi bring the first deal in months.",
        "Delegates arrive at the talks in Nairobi. Photograph: Jane Doe/AGENCY",
        BODY_1, BODY_2,
    ))
    assert s.standfirst == "Talks in Nairobi bring the first deal in months."
    assert s.body == [BODY_1, BODY_2]


def test_structure_repeated_caption_with_other_spacing_is_one_caption() -> None:
    cap = "Delegates  arrive at the   talks in Nairobi on Monday. Photograph:  Jane Doe/AGENCY"
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", cap + "\n" + " ".join(cap.split()), BODY_1))
    assert len(s.captions) == 1
    assert s.captions[0].text == "Delegates arrive at the talks in Nairobi on Monday."
    assert s.captions[0].credit == "Jane Doe/AGENCY"


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Soldiers patrol near the border. Photograph: Ana Silva/Reuters", "Soldiers patrol near the border.", "Ana Silva/Reuters"),
        ("The minister speaks in Lima. Photo: AFP", "The minister speaks in Lima.", "AFP"),
        ("Protesters in Dhaka on Friday (Photo: Karim Ahmed/EPA)", "Protesters in Dhaka on Friday", "Karim Ahmed/EPA"),
        ("Rescue workers search the rubble. Image credit: Getty Images", "Rescue workers search the rubble.", "Getty Images"),
        ("Leaders pose for a photograph in Jakarta (AP Photo/Tatan Syuflana)", "Leaders pose for a photograph in Jakarta", "AP Photo/Tatan Syuflana"),
    ],
)
def test_structure_caption_credit_split(line: str, text: str, credit: str) -> None:
    caption = parse_caption(line)
    assert caption is not None
    assert (caption.text, caption.credit) == (text, credit)


@pytest.mark.parametrize("line", [
    "The photograph showed the two leaders shaking hands in front of the cameras.",
    "Officials said: the talks will resume.",
])
def test_structure_prose_is_not_a_caption(line: str) -> None:
    assert parse_caption(line) is None


@pytest.mark.parametrize("furniture", [
    "READ SOME MORE", "Read more", "Advertisement", "Share this article", "Share on Facebook",
    "Be First to Comment", "Sign up to our newsletter", "Read more: Ethiopia's long war explained",
    "Listen to this article", "5 min read", "Reporting by Ana Silva; Editing by Tom Brown",
])
def test_structure_boilerplate_is_left_out(furniture: str) -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", BODY_1, furniture, BODY_2, BODY_3))
    assert s.body == [BODY_1, BODY_2, BODY_3]
    assert all(furniture not in p for p in s.body)


def test_structure_lone_section_label_is_left_out() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", BODY_1, "Next steps", BODY_2, BODY_3))
    assert s.body == [BODY_1, BODY_2, BODY_3]
    assert ("Next steps", "section label") in s.dropped


def test_structure_byline_at_top() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", "By Amina Yusuf and Peter Otieno in Nairobi", BODY_1, BODY_2))
    assert s.byline == ["Amina Yusuf", "Peter Otieno"]
    assert s.standfirst is None
    assert s.body == [BODY_1, BODY_2]


def test_structure_trailing_byline_repeated_and_bio() -> None:
    s = recover_structure(_text(
        "Kenya and Ethiopia agree prisoner swap", BODY_1, BODY_2,
        "Amina Yusuf", "Amina Yusuf", "Amina Yusuf is East Africa correspondent for a newspaper based in London",
    ))
    assert s.byline == ["Amina Yusuf"]
    assert s.author_bio == "Amina Yusuf is East Africa correspondent for a newspaper based in London"
    assert s.body == [BODY_1, BODY_2]


def test_structure_last_body_paragraph_about_a_person_is_not_a_bio() -> None:
    last = "The ceasefire is due to take effect at midnight on Friday, the mediators said."
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", BODY_1, last))
    assert s.body == [BODY_1, last]
    assert s.author_bio is None


def test_structure_date_line_is_not_body() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", "Mon Mar 6 2023 - 10:32", BODY_1, BODY_2))
    assert s.body == [BODY_1, BODY_2]
    assert s.standfirst is None


def test_structure_soft_wrapped_lines_are_joined() -> None:
    wrapped = "The foreign ministers of Kenya and Ethiopia met in Nairobi\non Monday to discuss a ceasefire\nin the border region."
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", wrapped, BODY_2))
    assert s.body == [BODY_1, BODY_2]


def test_structure_single_newline_paragraphs_are_kept_apart() -> None:
    s = recover_structure("Kenya and Ethiopia agree prisoner swap\n" + "\n".join([BODY_1, BODY_2, BODY_3]))
    assert s.headline == "Kenya and Ethiopia agree prisoner swap"
    assert s.body == [BODY_1, BODY_2, BODY_3]


def test_structure_metadata_headline_is_not_repeated_in_body() -> None:
    s = recover_structure(_text("Kenya and Ethiopia agree prisoner swap", BODY_1, BODY_2), headline="Kenya and Ethiopia agree prisoner swap")
    assert s.headline == "Kenya and Ethiopia agree prisoner swap"
    assert s.body == [BODY_1, BODY_2]


def test_structure_text_without_headline() -> None:
    long_lede = BODY_1 + " " + BODY_2 + " " + BODY_3
    s = recover_structure(_text(long_lede, BODY_2))
    assert s.headline is None
    assert s.body == [long_lede, BODY_2]
