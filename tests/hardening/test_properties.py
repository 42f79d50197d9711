"""Property-based hardening tests (hypothesis) for the reader, the quote-mark finder,
the whole pipeline and the date resolver.

General properties run on generated input. Every real bug they found (a lone surrogate or
a 5,000-digit integer in JSON, an uncleaned JSONL title, a yearless 29 February, dates at
the ends of the calendar) is fixed and kept below as a minimal regression test
(``test_regression_*``).
"""

from __future__ import annotations

import json
import re
import string
import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.quotes.marks import Quoted, find_quoted
from newsgraph.reader.dates import parse_published
from newsgraph.reader.sources import RawDocument, read_inputs
from newsgraph.reader.text import clean_text, decode_bytes, detect_language
from newsgraph.records import InputRef, Record, record_to_dict
from newsgraph.when_where.dates import DateFinding, find_date, first_full_date

# --------------------------------------------------------------------------------------
# Shared strategies
# --------------------------------------------------------------------------------------

QUOTE_MARKS = "\"“”‘’'«»„‟"
CONTROLS = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85\u2028\u2029\u200b\ufeff\u00ad\u00a0"
HTML_BITS = [
    "<html>", "</html>", "<body>", "</body>", "<p>", "</p>", "<br>", "<div class='x'>", "</div>",
    "<script>var a = '</p>';</script>", "<style>p{}</style>", "<!-- c -->", "<![CDATA[x]]>",
    "&amp;", "&lt;", "&#8220;", "&nbsp;", "<title>T</title>", "<meta name='description' content='d'>",
    "<h1>Head</h1>", "<a href='http://x'>", "</a>", "<", ">", "<!doctype html>", "<?xml version='1.0'?>",
]

# arbitrary text, biased towards quotes, controls and odd whitespace
noisy_char = st.one_of(
    st.characters(exclude_categories=("Cs",)),  # no lone surrogates: these texts are written to files
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(" \n\r\t"),
)
noisy_text = st.text(noisy_char, max_size=300)
html_ish = st.lists(st.one_of(st.sampled_from(HTML_BITS), noisy_text), max_size=20).map("".join)
long_line = st.builds(lambda s, n: s * n, st.text(noisy_char, min_size=1, max_size=12), st.integers(2000, 20000))
any_text = st.one_of(noisy_text, html_ish, long_line, st.text())
# for functions that take a str directly: lone surrogates too (JSON escapes can produce them)
any_str = st.one_of(any_text, st.text(st.characters(), max_size=200))

# --------------------------------------------------------------------------------------
# 1. The reader
# --------------------------------------------------------------------------------------

SUFFIXES = [".txt", ".text", ".md", "", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"]

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                        any_text)
json_record = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "id": json_scalar, "text": any_text, "html": html_ish, "url": json_scalar, "title": json_scalar,
            "published": st.one_of(json_scalar, st.dates().map(str), st.datetimes().map(str)),
            "source": json_scalar,
        },
    ),
    json_scalar,
    st.lists(json_scalar, max_size=3),
)


def _json_bytes(records: list, as_list: bool, lines: bool, ascii_only: bool) -> bytes:
    if lines:
        return "\n".join(json.dumps(r, ensure_ascii=ascii_only) for r in records).encode("utf-8")
    return json.dumps(records if as_list else (records[0] if records else {}), ensure_ascii=ascii_only).encode("utf-8")


file_bytes = st.one_of(
    st.binary(max_size=2000),
    any_text.map(lambda t: t.encode("utf-8")),
    st.tuples(st.sampled_from(["utf-16", "utf-8-sig", "latin-1", "cp1252", "utf-16-le"]), any_text).map(
        lambda p: p[1].encode(p[0], errors="replace")),
    st.builds(_json_bytes, st.lists(json_record, max_size=4), st.booleans(), st.booleans(), st.booleans()),
    st.builds(lambda junk, good: junk + b"\n" + good, st.binary(max_size=50),
              st.builds(_json_bytes, st.lists(json_record, max_size=2), st.just(False), st.just(True), st.booleans())),
)


def _is_empty_json_array(path: Path) -> bool:
    try:
        return path.suffix == ".json" and json.loads(path.read_bytes()) == []
    except ValueError:
        return False


def _check_items(items: list, path: Path) -> None:
    # a .json file holding "[]" yields nothing at all (no record, no error): accepted, see report
    assert items or _is_empty_json_array(path), "read_inputs yielded nothing for an existing file"
    for item in items:
        assert isinstance(item, (RawDocument, InputError)), type(item)
        if isinstance(item, InputError):
            assert isinstance(item.reason, str) and item.reason.strip()
            assert isinstance(item.where, str) and item.where.startswith(str(path)), item.where
            assert str(path) in str(item)
        else:
            # may be blank: "&nbsp;" or only zero-width characters clean to nothing (the pipeline
            # then reports "no article body found"; see report)
            assert isinstance(item.text, str)
            assert item.ref.path == str(path)
            assert "\r" not in item.text
            assert item.ref.format in ("text", "html", "jsonl")


def _write(tmp_path: Path, data: bytes, suffix: str) -> Path:
    path = tmp_path / f"in-{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=file_bytes, suffix=st.sampled_from(SUFFIXES), max_bytes=st.sampled_from([5_000_000, 100, 1]),
       published=st.one_of(st.none(), st.just("2023-06-14")))
@example(data=b"", suffix=".txt", max_bytes=5_000_000, published=None)
@example(data=b"\x00\x01\x02", suffix="", max_bytes=5_000_000, published=None)
@example(data=b"   \n\t ", suffix=".jsonl", max_bytes=5_000_000, published=None)
@example(data=b"<html><body></body></html>", suffix=".html", max_bytes=5_000_000, published=None)
@example(data=b"[1, {}, {\"text\": 3}, {\"text\": \" \"}]", suffix=".json", max_bytes=5_000_000, published=None)
@example(data='“Quote” «x» „y“ ‘z’'.encode("utf-16"), suffix=".txt", max_bytes=5_000_000, published=None)
def test_read_inputs_never_raises(tmp_path: Path, data: bytes, suffix: str, max_bytes: int,
                                  published: str | None) -> None:
    path = _write(tmp_path, data, suffix)
    items = list(read_inputs([str(path)], max_bytes=max_bytes, published=published))
    _check_items(items, path)
    if published:
        assert all(i.published for i in items if isinstance(i, RawDocument))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(html_ish, any_text), suffix=st.sampled_from([".html", ".txt", ""]))
def test_read_inputs_text_and_html_never_raise(tmp_path: Path, text: str, suffix: str) -> None:
    path = _write(tmp_path, text.encode("utf-8"), suffix)
    _check_items(list(read_inputs([str(path)], max_bytes=5_000_000)), path)


def test_read_inputs_directory_and_missing(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Ghana met Togo.", "utf-8")
    (tmp_path / "d" / "b.bin").write_bytes(b"\x00")
    missing = tmp_path / "nope.txt"
    items = list(read_inputs([str(tmp_path / "d"), str(missing)], max_bytes=5_000_000))
    assert [type(i) for i in items] == [RawDocument, InputError, InputError]
    assert items[1].where.endswith("b.bin") and items[2].where == str(missing)
    assert all(i.reason for i in items[1:])


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8"))))
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xff\xfe")
@example(data=b"\xfe\xff\x00")
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "w.txt")
    except InputError as e:
        assert e.reason and e.where == "w.txt"
    else:
        assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(text=any_str)
@example(text="\r\n\r")
@example(text="a\ud800b")
@example(text="Ã¢â‚¬Å“mojibakeÃ¢â‚¬\x9d")
def test_clean_text_never_raises(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert "\r" not in cleaned
    assert not re.search(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\t\f\v]", cleaned)


@settings(max_examples=100, deadline=None)
@given(text=any_str)
def test_detect_language_never_raises(text: str) -> None:
    lang, prob = detect_language(text)
    assert isinstance(lang, str) and lang
    assert 0.0 <= prob <= 1.0


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(json_scalar, st.dates(), st.datetimes(), st.dates().map(str), st.datetimes().map(str),
                       st.from_regex(r"\A\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\Z")))
def test_parse_published_never_raises(value: object) -> None:
    out = parse_published(value)
    assert out is None or (isinstance(out, str) and date.fromisoformat(out[:10]))


# ---- reader bugs found --------------------------------------------------------------

def test_regression_jsonl_lone_surrogate_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"text": "hello \\ud800 world"}\n', ".jsonl")
    _check_items(list(read_inputs([str(path)], max_bytes=5_000_000)), path)


def test_regression_json_huge_integer_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, b"[" + b"9" * 5000 + b"]", ".json")
    _check_items(list(read_inputs([str(path)], max_bytes=5_000_000)), path)


def test_regression_jsonl_huge_integer_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"text": "hi", "id": ' + b"9" * 5000 + b"}\n", ".jsonl")
    _check_items(list(read_inputs([str(path)], max_bytes=5_000_000)), path)


# --------------------------------------------------------------------------------------
# 2. The quote-mark finder
# --------------------------------------------------------------------------------------

QUOTE_ALPHABET = QUOTE_MARKS * 3 + string.ascii_letters[:12] + "   ,.;:!?()-—–/" + "\n"
paragraph_text = st.text(st.sampled_from(QUOTE_ALPHABET.replace("\n", "")), max_size=80)
quote_article = st.one_of(
    st.lists(paragraph_text, min_size=1, max_size=6).map("\n\n".join),
    st.text(st.sampled_from(QUOTE_ALPHABET), max_size=300),
    st.lists(st.one_of(st.sampled_from(["\n\n", "“We ", "”", " said", "‘", "’", "\"", " «", "»", "„", "He ",
                                        "Russia’s", " 5'10\" ", "'90s' "]), paragraph_text), max_size=15).map("".join),
)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


@settings(max_examples=500, deadline=None)
@given(text=quote_article)
@example(text="“")
@example(text="“ ”")
@example(text="“a\n\n“b”")
@example(text="'a' “b\n\nc”")
@example(text="„a“ «b» ‟c” \"d\" ‘e’")
def test_find_quoted_spans_are_well_formed(text: str) -> None:
    paragraphs = _paragraph_spans(text)
    found = find_quoted(text, paragraphs)
    assert all(isinstance(q, Quoted) for q in found)
    for q in found:
        assert q.mark_start <= q.start <= q.end <= q.mark_end, q
        assert q.end > q.start, q
        assert text[q.mark_start] in QUOTE_MARKS, q
        inside = [p for p in paragraphs if p[0] <= q.mark_start and q.mark_end <= p[1]]
        assert len(inside) == 1, (q, paragraphs)
        assert "\n\n" not in text[q.mark_start:q.mark_end], q
        inner = text[q.start:q.end]
        assert inner == inner.strip(), q
    ordered = sorted(found, key=lambda q: q.mark_start)
    assert ordered == found, "spans not in text order"
    for a, b in zip(ordered, ordered[1:]):
        assert a.mark_end <= b.mark_start, (a, b)


# --------------------------------------------------------------------------------------
# 3. The whole pipeline on arbitrary articles
# --------------------------------------------------------------------------------------

COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "China", "the United States", "Ghana", "Togo", "Japan",
             "South Korea", "Iran", "Israel", "Brazil", "India", "NATO", "the United Nations"]
NAMES = ["Ana Lopez", "Mr Ushakov", "President Macron", "Xi Jinping", "the minister", "He", "She", "a spokesman",
         "Olaf Scholz", "the envoy"]
VERBS = ["criticised", "met", "said", "accused", "threatened", "praised", "attacked", "signed a deal with",
         "imposed sanctions on", "will meet", "did not condemn", "urged", "rejected", "warned", "agreed with",
         "held talks with", "sent troops to", "killed 23 people in", "denied"]
WHEN = ["", " on Monday", " yesterday", " last week", " on 15 December", " in 2014", " on Feb. 29",
        " two days ago", " earlier this month", " on 29 February 2024"]
PLACES = ["", " in Paris", " in Kyiv", " in Accra", " in Tel Aviv", " at the summit"]


def _sentence(draw) -> str:
    kind = draw(st.integers(0, 5))
    a, b = draw(st.sampled_from(COUNTRIES + NAMES)), draw(st.sampled_from(COUNTRIES))
    v, w, p = draw(st.sampled_from(VERBS)), draw(st.sampled_from(WHEN)), draw(st.sampled_from(PLACES))
    words = draw(st.text(st.sampled_from(string.ascii_lowercase + "     ,'’"), min_size=1, max_size=40)).strip() or "we act"
    o, c = draw(st.sampled_from(['"', "“", "‘", "«", "„", "'", ""])), draw(st.sampled_from(['"', "”", "’", "»", "“", "'", ""]))
    if kind == 0:
        return f"{a} {v} {b}{w}{p}."
    if kind == 1:
        return f"{o}{words.capitalize()},{c} {a} said{w}."
    if kind == 2:
        return f"{a} said{w} that {b} {v} {draw(st.sampled_from(COUNTRIES))}."
    if kind == 3:
        return f"{o}{words.capitalize()}.{c}"
    if kind == 4:
        return f"According to {a}, {b} {v} {draw(st.sampled_from(COUNTRIES))}{p}."
    return f"{a} {v} {b}, calling it {o}{words}{c}{w}."


@st.composite
def article_text(draw) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            if draw(st.integers(0, 4)) == 0:
                parts.append(draw(st.one_of(noisy_text, st.text(st.sampled_from(QUOTE_ALPHABET), max_size=60))))
            else:
                parts.append(_sentence(draw))
        paragraphs.append(" ".join(parts))
    return draw(st.sampled_from(["\n\n", "\n", "\n\n\n", " \n\n"])).join(paragraphs)


def _check_span(text: str, span, what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (what, span)
    assert text[span.start:span.end] == span.text, (what, span, text[span.start:span.end])


def _check_predicate(text: str, pred) -> None:
    assert 0 <= pred.start <= pred.end <= len(text), pred
    sliced = text[pred.start:pred.end]
    if " … " in pred.text and sliced != pred.text:
        # "anchor … pred": the slice runs from the first of the two words to the end of the other
        first, second = pred.text.split(" … ", 1)
        assert (sliced.startswith(first) and sliced.endswith(second)) or \
               (sliced.startswith(second) and sliced.endswith(first)), (pred, sliced)
    else:
        assert sliced == pred.text, (pred, sliced)


def check_record(record: Record, validator) -> None:
    validator.validate(json.loads(json.dumps(record_to_dict(record))))
    text = record.text
    n_sent = len(record.sentences)
    for i, s in enumerate(record.sentences):
        assert s.index == i and 0 <= s.start < s.end <= len(text), s
        assert 0 <= s.paragraph < len(record.article.paragraphs), s
    for p in record.article.paragraphs:
        _check_span(text, p, "paragraph")
    for actor in record.actors:
        for m in actor.mentions:
            _check_span(text, m, f"mention of {actor.id}")
            assert 0 <= m.sentence < n_sent or n_sent == 0, m
    actor_ids = {a.id for a in record.actors}
    for e in record.events:
        _check_predicate(text, e.predicate)
        assert 0 <= e.sentence < n_sent, e
        for arg in (e.source, e.target):
            if arg is not None:
                _check_span(text, arg, f"event {e.id} argument")
                assert arg.actor in actor_ids or arg.actor.startswith(("country:", "group:", "org:", "igo:")), arg
        if e.place is not None:
            _check_span(text, e.place, "event place")
        if e.date is not None:
            assert re.fullmatch(r"\d{4}", e.date) or date.fromisoformat(e.date)
    event_ids = {e.id for e in record.events}
    for q in record.quotes:
        _check_span(text, q, f"quote {q.id}")
        assert 0 <= q.sentence < n_sent, q
        for sp in (q.speaker, q.reported_by, q.cue):
            if sp is not None:
                _check_span(text, sp, f"quote {q.id} speaker/cue")
        assert q.event is None or q.event in event_ids, q
    for place in record.places:
        _check_span(text, place, "place")


def _run(pipeline, text: str, published: str | None = None) -> list:
    raw = RawDocument(ref=InputRef(path="x", format="text"), text=text, headline="H", standfirst="S",
                      published=published)
    return pipeline.process([raw])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=article_text(), published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(str)))
@example(text="Russia criticised Ukraine on Monday. “We will not leave,” said Ana Lopez.\n\nFrance met Germany in Paris.",
         published=None)
def test_pipeline_records_are_valid_and_spans_slice_back(pipeline, record_validator, text: str,
                                                         published: str | None) -> None:
    # the pipeline reads dates against the publication date, else the body's first full date
    out = _run(pipeline, text, published)
    assert len(out) == 1
    for result in out:
        assert isinstance(result, (Record, InputError)), type(result)
        if isinstance(result, InputError):
            # the pipeline turns a stage's exception into an "internal error": that is a crash
            assert result.reason and result.reason != "internal error", str(result)
            assert result.where == "x"
        else:
            check_record(result, record_validator)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(noisy_text, html_ish, st.text(st.sampled_from(QUOTE_ALPHABET), max_size=300)))
def test_pipeline_on_pure_noise(pipeline, record_validator, text: str) -> None:
    for result in _run(pipeline, text):
        assert isinstance(result, (Record, InputError))
        assert not isinstance(result, InputError) or result.reason != "internal error", str(result)
        if isinstance(result, Record):
            check_record(result, record_validator)


# ---- reader -> pipeline, end to end, on JSONL records with metadata ------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
meta_field = st.one_of(st.none(), noisy_text, st.sampled_from(["“Quote” he said", "Ghana met Togo.", "By Ana Lopez"]))
jsonl_record = st.fixed_dictionaries(
    {"text": st.one_of(article_text(), noisy_text)},
    optional={"title": meta_field, "source": meta_field, "id": meta_field, "url": meta_field,
              "published": st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(str), noisy_text)},
)


def check_clean_body(record: Record) -> None:
    """text.py promises normalised text: line breaks as \\n, no control or zero-width characters."""
    for p in record.article.paragraphs:
        if p.role == "body":
            assert "\r" not in p.text and not _CONTROL.search(p.text), repr(p.text[:120])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(jsonl_record, min_size=1, max_size=3))
def test_reader_then_pipeline_on_jsonl(pipeline, record_validator, tmp_path: Path, records: list[dict]) -> None:
    path = _write(tmp_path, "\n".join(json.dumps(r) for r in records).encode("utf-8"), ".jsonl")
    items = list(read_inputs([str(path)], max_bytes=5_000_000))
    _check_items(items, path)
    results = list(pipeline.run(items))
    assert len(results) == len(items)
    for result in results:
        assert isinstance(result, (Record, InputError))
        assert not isinstance(result, InputError) or result.reason != "internal error", str(result)
        if isinstance(result, Record):
            check_record(result, record_validator)
            check_clean_body(result)


def test_regression_jsonl_title_lone_surrogate_crashes_pipeline(pipeline, record_validator, tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"text": "Ghana met Togo in Accra on Monday.", "title": "Head \\ud800 line"}\n', ".jsonl")
    for result in pipeline.run(read_inputs([str(path)], max_bytes=5_000_000)):
        assert isinstance(result, Record)
        check_record(result, record_validator)


def test_regression_jsonl_title_not_cleaned(pipeline, tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"text": "Ghana met Togo in Accra on Monday.", "title": "0\\r0 \\u000f"}\n', ".jsonl")
    [record] = pipeline.run(read_inputs([str(path)], max_bytes=5_000_000))
    assert isinstance(record, Record)
    assert "\r" not in record.text and not _CONTROL.search(record.text), repr(record.text[:40])


# --------------------------------------------------------------------------------------
# 4. The date resolver
# --------------------------------------------------------------------------------------

DATE_WORDS = ["on", "in", "since", "by", "last", "week", "month", "year", "earlier this", "today", "yesterday",
              "Monday", "sunday", "December", "Dec.", "feb", "February", "Sept", "may", "of", "2014", "1999",
              "2024", "15th", "29", "31", "1st", "0", "99", "two days ago", "a week ago", ",", " "]
date_sentence = st.one_of(
    any_str,
    st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.integers(0, 40).map(str), st.text(max_size=5)),
             max_size=12).map(" ".join),
)
# everyday dates; the extremes of the date type are a separate (pinned) finding below
published_dates = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31)))



def _check_finding(f: DateFinding) -> None:
    assert isinstance(f, DateFinding)
    if f.date is not None:
        assert re.fullmatch(r"\d{4}", f.date) or date.fromisoformat(f.date), f
    assert f.source in (None, "text", "published")
    assert isinstance(f.historical, bool)


@settings(max_examples=500, deadline=None)
@given(sentence=date_sentence, published=published_dates)
@example(sentence="on 31 February", published=date(2023, 3, 1))
@example(sentence="in 2014", published=None)
@example(sentence="December 15th", published=None)
@example(sentence="last month", published=date(2024, 1, 15))
def test_find_date_never_raises(sentence: str, published: date | None) -> None:
    f = find_date(sentence, published)
    _check_finding(f)
    if f.date is None:
        assert published is None
    if f.text is not None:
        assert f.text in sentence


@settings(max_examples=300, deadline=None)
@given(text=date_sentence)
@example(text="29 February 2023 and 15 December 2021")
def test_first_full_date_never_raises(text: str) -> None:
    found = first_full_date(text)
    assert found is None or (isinstance(found, date) and date.fromisoformat(found.isoformat()) == found)


# ---- date bugs found ----------------------------------------------------------------

def test_regression_find_date_feb29_without_year() -> None:
    _check_finding(find_date("on 29 February", date(2024, 1, 1)))


def test_regression_find_date_feb29_month_first() -> None:
    _check_finding(find_date("Feb 29", date(2024, 2, 1)))


@pytest.mark.parametrize("sentence, published", [
    ("yesterday", date.min),
    ("last year", date(1, 6, 1)),
    ("December 31", date.max),
    ("last month", date(1, 1, 5)),
])
def test_regression_find_date_extreme_published(sentence: str, published: date) -> None:
    _check_finding(find_date(sentence, published))


def test_regression_pipeline_feb29_crashes_batch(pipeline, record_validator) -> None:
    text = "On 10 January 2024 officials spoke. Russia criticised Ukraine on 29 February."
    for published in ("2024-01-10", None):  # None: the body's first full date stands in
        for result in _run(pipeline, text, published):
            assert isinstance(result, Record)
            check_record(result, record_validator)
