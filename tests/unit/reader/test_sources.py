"""Every input kind, and every kind of bad input, through reader and pipeline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.records import Record

DATA = Path(__file__).resolve().parents[2] / "data"
# Written for these tests (synthetic).
ARTICLE = """Ghana and Togo agree to share border intelligence

Security chiefs meet in Accra after attacks in the north

Ghana and Togo agreed on Thursday to share intelligence about armed groups operating along their northern border, after a meeting of security chiefs in Accra.

The two governments said joint patrols would begin next month and that a hotline between their militaries would be set up.

Regional analysts said the deal reflected growing concern in coastal West African states about attacks spreading south from the Sahel.
"""
FRENCH = """Le Ghana et le Togo s'accordent sur le renseignement

Le Ghana et le Togo ont convenu jeudi de partager des renseignements sur les groupes armés qui opèrent le long de leur frontière nord, après une réunion des chefs de la sécurité à Accra.

Les deux gouvernements ont indiqué que des patrouilles conjointes commenceraient le mois prochain et qu'une ligne directe entre leurs armées serait mise en place.
"""


def _records(results: list) -> list[Record]:
    return [r for r in results if isinstance(r, Record)]


def _errors(results: list) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def test_sources_plain_text_file(tmp_path: Path, extract) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE, "utf-8")
    [record] = extract(path)
    assert record.article.headline == "Ghana and Togo agree to share border intelligence"
    assert record.article.standfirst == "Security chiefs meet in Accra after attacks in the north"
    assert record.input.format == "text"
    assert record.article.published is None


def test_sources_html_file_uses_trafilatura_and_meta_tags(extract) -> None:
    [record] = extract(DATA / "article.html")
    art = record.article
    assert art.headline == "Peru and Chile sign fisheries accord"
    assert art.standfirst == "Neighbours agree joint patrols after years of dispute over anchovy stocks"
    assert art.byline == ("Lucia Fernandez",)
    assert art.published == "2022-03-09" and art.published_from == "html"
    assert [(c.text, c.credit) for c in art.captions] == [("The two foreign ministers at the signing in Lima.", "Carlos Ruiz/Sample Agency")]
    body = [p.text for p in art.paragraphs if p.role == "body"]
    assert body[0].startswith("Peru and Chile signed an agreement on Tuesday")
    assert body[-1] == "The commission is expected to meet for the first time in June, officials said."
    assert not any("Most read" in p or "Share this" in p or "rights reserved" in p for p in body)
    assert record.source == "The Sample Herald"
    assert record.url == "https://herald.example/world/peru-chile-fisheries"


def test_sources_jsonl_records_in_order_with_metadata(tmp_path: Path, extract) -> None:
    html = (DATA / "article.html").read_text("utf-8")
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "url": "https://x.example/1", "title": "Ghana-Togo deal", "published": "2023-05-04", "source": "Sample Wire"}),
        json.dumps({"id": 2, "html": html}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    first, second = extract(path)
    assert (first.id, first.url, first.source) == ("a1", "https://x.example/1", "Sample Wire")
    assert first.article.headline == "Ghana-Togo deal"
    assert first.article.published == "2023-05-04" and first.article.published_from == "metadata"
    assert first.input.line == 1 and first.input.format == "jsonl"
    assert second.id == "2" and second.article.headline == "Peru and Chile sign fisheries accord"


def test_sources_json_array(tmp_path: Path, extract) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"text": ARTICLE}, {"text": ARTICLE.replace("Thursday", "Friday")}]), "utf-8")
    results = extract(path)
    assert len(_records(results)) == 2


def test_sources_directory_is_walked_in_order_skipping_hidden(tmp_path: Path, extract) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b" / "c.txt").write_text(ARTICLE.replace("Thursday", "Monday"), "utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    results = extract(tmp_path)
    assert [Path(r.input.path).name for r in _records(results)] == ["a.txt", "c.txt"]
    [error] = _errors(results)
    assert error.reason == "unsupported" and "notes.pdf" in str(error)


def test_sources_stdin_text_and_jsonl(extract) -> None:
    [record] = extract("-", stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert record.input.path == "-" and record.input.format == "text"
    jsonl = (json.dumps({"text": ARTICLE}) + "\n").encode("utf-8")
    [record] = extract("-", stdin=io.BytesIO(jsonl))
    assert record.input.format == "jsonl"


def test_sources_published_option_is_only_a_fallback(tmp_path: Path, extract) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE, "utf-8")
    [record] = extract(path, published="2023-05-04")
    assert (record.article.published, record.article.published_from) == ("2023-05-04", "option")
    [record] = extract(DATA / "article.html", published="2023-05-04")
    assert record.article.published == "2022-03-09"


def test_sources_non_utf8_text_is_decoded(tmp_path: Path, extract) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(ARTICLE.replace("Accra", "Accra’s café").encode("cp1252"))
    [record] = extract(path)
    assert "Accra’s café" in record.text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n\t  \n", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("nav.txt", b"Share\n\nREAD MORE\n\nAdvertisement\n", "no text"),
        ("empty.jsonl", b"", "empty"),
        ("blank.html", b"<html><body><nav>Home</nav></body></html>", "no text"),
    ],
)
def test_sources_bad_file_gives_one_error_and_the_rest_goes_on(tmp_path: Path, extract, name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    results = extract(bad, good)
    [error] = _errors(results)
    assert error.reason == reason
    assert str(error).startswith(str(bad) + ": ") and "\n" not in str(error)
    assert len(_records(results)) == 1


def test_sources_file_over_size_limit(tmp_path: Path, extract) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 20, "utf-8")
    [error] = extract(path, max_bytes=1000)
    assert error.reason == "too large" and "limit" in error.detail


def test_sources_missing_file(tmp_path: Path, extract) -> None:
    [error] = extract(tmp_path / "nope.txt")
    assert error.reason == "not found"


def test_sources_broken_jsonl_lines_and_records_without_text(tmp_path: Path, extract) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok1", "text": ARTICLE}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "notext", "url": "https://x.example"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "badtype", "text": 42}),
        json.dumps({"id": "ok2", "text": ARTICLE, "published": "sometime last week"}),
    ]), "utf-8")
    results = extract(path)
    assert [r.id for r in _records(results)] == ["ok1", "ok2"]
    errors = _errors(results)
    assert [e.where for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert [e.reason for e in errors] == ["bad JSONL", "no text", "bad record", "no text", "bad record"]
    assert _records(results)[1].article.published is None


def test_sources_non_english_is_skipped_with_reason(tmp_path: Path, extract) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, "utf-8")
    [error] = extract(path)
    assert error.reason == "not English" and "'fr'" in error.detail


def test_sources_date_from_a_file_name_when_nothing_else_gives_one(tmp_path: Path, extract) -> None:
    dated = tmp_path / "2023-11-24-ghana-togo.txt"
    dated.write_text(ARTICLE, "utf-8")
    bad_date = tmp_path / "2023-13-40-notes.txt"
    bad_date.write_text(ARTICLE, "utf-8")
    plain = tmp_path / "ghana.txt"
    plain.write_text(ARTICLE, "utf-8")
    feed = tmp_path / "2024_01_05.jsonl"
    feed.write_text(json.dumps({"text": ARTICLE, "published": "2024-01-02"}) + "\n" + json.dumps({"text": ARTICLE}) + "\n",
                    "utf-8")
    a, b, c, d, e = extract(dated, bad_date, plain, feed, published="2020-01-01")
    assert (a.article.published, a.article.published_from) == ("2023-11-24", "filename")
    assert (b.article.published, b.article.published_from) == ("2020-01-01", "option")  # no such day
    assert (c.article.published, c.article.published_from) == ("2020-01-01", "option")
    assert (d.article.published, d.article.published_from) == ("2024-01-02", "metadata")  # the record's own wins
    assert (e.article.published, e.article.published_from) == ("2024-01-05", "filename")


@pytest.mark.parametrize(("name", "day"), [
    ("2023-11-24-talks.txt", "2023-11-24"), ("2023_11_24.json", "2023-11-24"), ("2021-02-01.txt", "2021-02-01"),
    ("20231124-talks.txt", None), ("talks-2023-11-24.txt", None), ("2023-11-245.txt", None), ("2023-02-30-x.txt", None),
])
def test_sources_date_from_filename(name: str, day: str | None) -> None:
    from newsgraph.reader.sources import date_from_filename

    assert date_from_filename(f"/some/dir/{name}") == day


def test_sources_the_sample_corpus_is_dated_by_its_file_names() -> None:
    from importlib import resources

    from newsgraph.reader.sources import read_inputs

    with resources.as_file(resources.files("newsgraph.data").joinpath("samples/corpus")) as directory:
        docs = list(read_inputs([str(directory)], max_bytes=5_000_000))
    assert len(docs) >= 80
    assert all(d.published_from == "filename" and Path(d.ref.path).name.startswith(d.published) for d in docs)
