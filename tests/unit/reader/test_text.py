"""Decoding bytes and cleaning text."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.reader.text import clean_text, decode_bytes, detect_language

SENTENCE = "Le ministre a déclaré que l’accord serait signé à Genève."


def test_text_decodes_utf8() -> None:
    assert decode_bytes(SENTENCE.encode("utf-8"), "a.txt") == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_text_decodes_other_encodings(encoding: str) -> None:
    text = "Le ministre a déclaré que l'accord serait signé à Genève après des mois de négociations difficiles."
    assert decode_bytes(text.encode(encoding), "a.txt") == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    bytes(range(256)) * 4,
    b"%PDF-1.7\n" + bytes([0, 1, 2, 3, 250, 251]) * 50,
])
def test_text_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "photo.txt")
    assert info.value.reason == "binary"
    assert str(info.value).startswith("photo.txt: ")


def test_text_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    broken = "Russiaâ€™s concerns, the adviser said â€œtodayâ€\x9d."
    assert clean_text(broken) == "Russia’s concerns, the adviser said “today”."


def test_text_line_breaks_and_odd_spaces_are_normalised() -> None:
    assert clean_text("one\r\ntwo\rthree\u00a0four\u200bfive") == "one\ntwo\nthree fourfive"


def test_text_detects_language() -> None:
    lang, prob = detect_language("Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs touchés par la sécheresse.")
    assert lang == "fr" and prob > 0.9
    assert detect_language("The government announced new measures on Tuesday to support farmers hit by the drought.")[0] == "en"
