"""Generate a corpus of bad inputs (and two good ones) for the reader and the pipeline.

Usage::

    python tests/badinput/make_corpus.py OUT_DIR      # writes the files, prints name -> expected

or, from Python, ``make_corpus(directory)`` which writes the files and returns
``{name: expected}``. ``expected`` is the ``InputError.reason`` the input should be
skipped with ("empty", "binary", "too large", "bad JSONL", "bad record", "no text",
"not English", ...) or ``"ok"`` when it should come out as a record. Every line of a
JSONL file is its own input, so its entries are keyed ``"records.jsonl:LINE"``.

Nothing here is committed data: the large files (50 MB, a 1 MB line) are generated
on each run. Every article below was written for these tests and is SYNTHETIC: the
people, places and quotations in it are invented, not real news reports.
"""

from __future__ import annotations

import codecs
import json
import random
import sys
from pathlib import Path

__all__ = ["GOOD", "JSONL_NAME", "make_corpus"]

# -- articles written for these tests (synthetic) -----------------------------------------

# SYNTHETIC wire-style article, written for the newsgraph tests.
GOOD_1 = """Norway and Chile sign fisheries cooperation agreement

Deal covers joint research on salmon stocks and port inspections

Norway and Chile signed an agreement on Tuesday to cooperate on fisheries research and port inspections, the two governments said in a joint statement.

The Norwegian fisheries minister met her Chilean counterpart in Santiago, where both sides agreed to share data on salmon stocks and to train inspectors together.

"This agreement will help both our countries protect the ocean," the Chilean minister told reporters after the signing.

Officials said the first joint inspections would take place next year.
"""

# SYNTHETIC wire-style article, written for the newsgraph tests.
GOOD_2 = """Kenya and Tanzania agree to reopen border crossing

Kenya and Tanzania agreed on Friday to reopen a busy border crossing that had been closed for three months after a dispute over truck inspections.

Trade ministers from the two countries met in Arusha and said customs officers would carry out joint checks to speed up traffic.

Truck drivers' associations welcomed the decision, saying long queues at the border had cost their members millions of shillings.

The East African Community secretariat said it would monitor the arrangement.
"""

# SYNTHETIC, for the JSONL file.
GOOD_JSONL = """Portugal and Morocco agree to expand ferry links

Portugal and Morocco agreed on Wednesday to expand ferry links between their ports, the foreign ministers of the two countries said after talks in Lisbon.

The ministers said new routes would open next spring and that both governments would simplify visa rules for lorry drivers.
"""

# SYNTHETIC English article with accented names (written as Latin-1, and as mojibake).
ACCENTED = """Café owners in Zürich protest new tax

Café and restaurant owners in Zürich protested on Monday against a new tax on outdoor terraces, saying it would force many of them to close.

José Martínez, who runs a café near the lake, said the city council had not consulted the owners before voting on the measure.

The council’s spokesman, François Dubé, said the tax would fund repairs to the old town’s streets and would be reviewed next year.
"""

# SYNTHETIC; a few sentences each, written for these tests.
FRENCH = """Le Portugal et le Maroc vont renforcer leurs liaisons maritimes

Le Portugal et le Maroc ont convenu mercredi de renforcer les liaisons par ferry entre leurs ports, ont annoncé les ministres des Affaires étrangères des deux pays après des discussions à Lisbonne.

Les ministres ont précisé que de nouvelles lignes ouvriraient au printemps prochain et que les deux gouvernements simplifieraient les règles de visa pour les chauffeurs routiers.

Les organisations patronales ont salué cette décision, qui devrait réduire les délais de livraison des marchandises.
"""

SPANISH = """Chile y Perú firman un acuerdo de cooperación pesquera

Chile y Perú firmaron el martes un acuerdo para cooperar en la investigación pesquera y en las inspecciones portuarias, según un comunicado conjunto de los dos gobiernos.

Los ministros de pesca de ambos países se reunieron en Lima y acordaron compartir datos sobre las poblaciones de anchoveta y formar juntos a sus inspectores.

Las primeras inspecciones conjuntas se realizarán el próximo año, indicaron los funcionarios.
"""

RUSSIAN = """Казахстан и Узбекистан договорились о строительстве новой дороги

Казахстан и Узбекистан в четверг договорились построить новую автомобильную дорогу между двумя странами, сообщили министры транспорта после переговоров в Ташкенте.

По словам министров, строительство начнётся весной следующего года и займёт около трёх лет.

Представители транспортных компаний приветствовали это решение, отметив, что новая дорога сократит время в пути для грузовиков.
"""

CHINESE = """越南与老挝同意加强边境贸易合作

越南和老挝周四同意加强边境贸易合作，两国贸易部长在河内举行会谈后发表联合声明，表示将简化海关手续并延长口岸开放时间。

两国部长表示，新的口岸将于明年春天开放，双方还将联合培训海关人员，以加快货物通关速度，减少卡车司机在边境的等待时间。

当地商会对这一决定表示欢迎，认为这将促进两国农产品贸易，并为边境地区的居民创造更多就业机会。

分析人士指出，近年来两国之间的贸易额稳步增长，加强合作符合双方的共同利益，也有助于地区经济的稳定发展。
"""

UNBALANCED = """Talks between Serbia and Kosovo end without agreement

Talks between Serbia and Kosovo ended on Thursday without an agreement, officials said, after negotiators failed to settle a dispute over vehicle licence plates.

"We came here ready to compromise, the Kosovo negotiator told reporters, adding that the other side had not moved.

The Serbian delegation said in a statement" that it remained open to dialogue and would return to Brussels next month.

A European Union spokesman said the talks were "difficult but useful" and that another round was planned.
"""

NESTED_PARAGRAPH = (
    "Finland and Estonia agreed on Monday to build a new undersea power cable across the Gulf of Finland, "
    "the energy ministers of the two countries said after talks in Tallinn. They said the cable would be "
    "finished within four years and would make both power grids more secure."
)

GOOD = {"good_synthetic_1.txt": GOOD_1, "good_synthetic_2.txt": GOOD_2}
JSONL_NAME = "records.jsonl"


def _nested_html() -> str:
    depth = 500
    head = (
        "<!DOCTYPE html>\n<html><head><title>Finland and Estonia agree undersea cable</title>\n"
        "<style>body { font-family: serif } div { margin: 0 }</style>\n"
        "<style>.ad { display: none }</style>\n"
        "<script>var tracker = {id: 1}; document.write('<p>tracking</p>');</script>\n"
        "<script src=\"https://ads.example.invalid/ad.js\"></script>\n"
        "</head><body>\n"
        "<iframe src=\"https://ads.example.invalid/frame\" width=\"300\" height=\"250\"></iframe>\n"
        "<script>console.log('inline script in the body')</script>\n"
    )
    opening = "".join(f'<div class="wrap-{i}">' for i in range(depth))
    article = (
        "<article><h1>Finland and Estonia agree undersea cable</h1>"
        f"<p>{NESTED_PARAGRAPH}</p>"
        "<iframe src=\"https://video.example.invalid/embed\"></iframe>"
        "<p>Officials said the project would be paid for partly by the European Union and partly by the "
        "two national grid operators, which will own the cable together.</p></article>"
    )
    closing = "</div>" * depth
    tail = "<script>window.ads = [];</script><style>footer { color: grey }</style></body></html>\n"
    return head + opening + article + closing + tail


def _jsonl(directory: Path, expected: dict[str, str]) -> None:
    deep = "[" * 100_000 + "]" * 100_000  # nested too deep for the json module
    lines: list[tuple[str, str]] = [
        (json.dumps({"id": "jsonl-good", "text": GOOD_JSONL, "published": "2024-03-06"}), "ok"),
        ('{"id": "broken", "text": "The minister said the talks', "bad JSONL"),
        (json.dumps({"id": "text-is-number", "text": 5}), "bad record"),
        # a wrong type for "published" is only a warning: the date is left unknown
        (json.dumps({"id": "published-is-list", "text": GOOD_JSONL.replace("Wednesday", "Thursday"),
                     "published": [1]}), "ok"),
        (json.dumps({"id": "no-text-field", "url": "https://example.invalid/a"}), "no text"),
        ("{}", "no text"),
        ("[1, 2, 3]", "bad record"),
        ('"just a string"', "bad record"),
        ("null", "bad record"),
        (json.dumps({"id": "url-is-number", "text": GOOD_JSONL, "url": 7}), "bad record"),
        (json.dumps({"id": True, "text": GOOD_JSONL}), "bad record"),
        (json.dumps({"id": "blank-text", "text": "   \n  "}), "no text"),
        (json.dumps({"id": "html-only-script", "html": "<html><body><script>var a = 1;</script></body></html>"}),
         "no text"),
        ("", "skip"),  # blank lines are not records
        (deep, "bad JSONL"),
        ("{'id': 'single-quotes', 'text': 'not JSON'}", "bad JSONL"),
    ]
    out = []
    for lineno, (line, reason) in enumerate(lines, start=1):
        out.append(line)
        if reason != "skip":
            expected[f"{JSONL_NAME}:{lineno}"] = reason
    (directory / JSONL_NAME).write_text("\n".join(out) + "\n", "utf-8")


def make_corpus(directory: Path) -> dict[str, str]:
    """Write the corpus into ``directory``; return ``{name: expected reason or "ok"}``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240601)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes | str, reason: str) -> None:
        (directory / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = reason

    for name, text in GOOD.items():
        put(name, text, "ok")

    put("empty.txt", b"", "empty")
    put("whitespace.txt", " \n\t\n   \r\n\u00a0\n".encode("utf-8"), "empty")
    put("binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 64, "binary")
    # English text with stray bytes that are not UTF-8: decoded by the fallback detector
    put("invalid_utf8.txt", GOOD_2.encode("utf-8").replace(b"Arusha", b"Aru\xffsha\xc3\x28").replace(b"queues", b"queues\x80\xfe"), "ok")
    # pure garbage above 0x7F with no NUL: not text in any encoding
    put("invalid_utf8_garbage.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(4096)), "binary")
    put("utf16_bom.txt", codecs.BOM_UTF16_LE + GOOD_1.replace("Tuesday", "Wednesday").encode("utf-16-le"), "ok")
    put("utf16be_bom.txt", codecs.BOM_UTF16_BE + GOOD_1.replace("Tuesday", "Monday").encode("utf-16-be"), "ok")
    put("utf16_nobom.txt", GOOD_2.replace("Friday", "Thursday").encode("utf-16-le"), "ok")
    put("latin1.txt", ACCENTED.replace("’", "'").encode("latin-1"), "ok")
    # UTF-8 read as cp1252 and saved again as UTF-8: "Ã©" for "é", "â€™" for "’"
    put("mojibake.txt", ACCENTED.encode("utf-8").decode("cp1252").encode("utf-8"), "ok")

    # 50 MB of text, over the default 5 MB limit: refused by its size, never decoded
    chunk = (GOOD_1.replace("\n\n", " ") + "\n\n").encode("utf-8")
    with (directory / "huge_50mb.txt").open("wb") as f:
        block = chunk * (1_000_000 // len(chunk) + 1)
        for _ in range(50):
            f.write(block)
    expected["huge_50mb.txt"] = "too large"

    # one line of 1 MB, words without a single sentence end
    words = ["border", "talks", "minister", "agreement", "trade", "cable", "Norway", "Chile", "ports", "visa"]
    line = " ".join(rng.choice(words) for _ in range(200_000))[:1_048_576].rstrip()
    put("one_line_1mb.txt", line, "too long")

    # 10,000 quotation marks: an article whose second paragraph is 5,000 short quoted words
    quoted = " ".join(f'"{rng.choice(words)}"' for _ in range(5_000))
    put("quotes_10000.txt", GOOD_2.replace("\n\nTrade ministers", f"\n\n{quoted}\n\nTrade ministers"), "ok")
    put("unbalanced_quotes.txt", UNBALANCED, "ok")
    put("nested.html", _nested_html(), "ok")
    put("french.txt", FRENCH, "not English")
    put("spanish.txt", SPANISH, "not English")
    put("russian.txt", RUSSIAN, "not English")
    put("chinese.txt", CHINESE, "not English")

    rows = ["Year  Exports  Imports  Balance"]
    for year in range(1990, 2024):
        exports, imports = rng.uniform(10, 99), rng.uniform(10, 99)
        rows.append(f"{year}  {exports:.1f}  {imports:.1f}  {exports - imports:+.1f}")
    # read as (odd) text: it comes out as a record with no actors, events or quotes
    put("table_only.txt", "\n".join(rows) + "\n", "ok")

    put("scripts_only.html", "<!DOCTYPE html><html><head><script>var a = 1;</script><style>p {}</style></head>"
        "<body><iframe src=\"https://ads.example.invalid/\"></iframe><script>a += 1;</script></body></html>", "no text")
    put("broken.json", '[{"id": "j1", "text": "The talks ended', "bad JSON")
    put("deep.json", "{\"a\": " * 50_000 + "1" + "}" * 50_000, "bad JSON")
    put("scan.pdf", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(1024)), "unsupported")

    _jsonl(directory, expected)
    return expected


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_corpus.py OUT_DIR", file=sys.stderr)
        return 2
    for name, reason in make_corpus(Path(argv[1])).items():
        print(f"{name}\t{reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
