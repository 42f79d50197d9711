"""The extract command end to end: formats, stdin, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.records import SCHEMA_VERSION

ARTICLE = """Brazil and Argentina agree to study a common currency

Finance ministers to report on the plan within a year

Brazil and Argentina said on Monday they would begin studying a common currency for trade between the two largest economies in South America.

The finance ministers of both countries were asked to report on the idea, which officials said would not replace the real or the peso.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "brazil.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_cli_one_document_gives_pretty_json(runner: CliRunner, article: Path, record_validator) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{\n")
    data = json.loads(result.stdout)
    record_validator.validate(data)
    assert data["article"]["headline"] == "Brazil and Argentina agree to study a common currency"
    assert "extracted 1 document" in result.stderr


def test_cli_many_documents_give_jsonl_in_input_order(runner: CliRunner, article: Path, tmp_path: Path, record_validator) -> None:
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE.replace("Monday", "Tuesday"), "utf-8")
    result = runner.invoke(app, ["extract", str(other), str(article)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    for record in records:
        record_validator.validate(record)
    assert [Path(r["input"]["path"]).name for r in records] == ["other.txt", "brazil.txt"]


def test_cli_json_format_with_many_documents_is_one_array(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), str(article), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2


def test_cli_jsonl_format_with_one_document(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "jsonl"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1 and json.loads(result.stdout)["schema_version"] == SCHEMA_VERSION


def test_cli_table_format(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0
    assert "Brazil and Argentina agree to study a common currency" in result.stdout
    assert "2 paragraphs" in result.stdout


def test_cli_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2023-01-23"], input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2023-01-23" and data["input"]["path"] == "-"


def test_cli_bad_input_exits_1_after_processing_the_rest(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, ["extract", str(empty), str(article), str(binary), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert len(result.stdout.strip().split("\n")) == 1  # the good article, as JSONL
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line and "extracted" not in line]
    assert len(skipped) == 3
    assert f"{empty}: " in result.stderr and f"{binary}: " in result.stderr
    assert "extracted 1 document; skipped 3 (" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "x.txt", "--format", "xml"],
    ["extract", "x.txt", "--published", "not-a-date"],
    ["extract", "x.txt", "--model", "no_such_model_xyz"],
    ["nosuchcommand"],
])
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_cli_bad_config_is_a_usage_error(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    config = tmp_path / "newsgraph.toml"
    config.write_text("[extract]\nmax_input_megabytes = 3\n", "utf-8")
    result = runner.invoke(app, ["extract", str(article), "--config", str(config)])
    assert result.exit_code == 2
    assert "unknown setting(s) max_input_megabytes" in result.stderr


def test_cli_help_everywhere(runner: CliRunner) -> None:
    for args in (["--help"], ["extract", "--help"], ["demo", "--help"], ["schema", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_cli_demo_shows_the_bundled_sample(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.stderr
    assert "China sets out 12-point position on the war in Ukraine" in result.stdout


def test_cli_schema_prints_the_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "newsgraph record"


def test_cli_actors_option_adds_user_actors(runner: CliRunner, tmp_path: Path) -> None:
    actors = tmp_path / "mine.yaml"
    actors.write_text("- name: Lucia Ferreyra\n  country: ARG\n  sector: GOV\n  role: economy minister\n", "utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.replace("The finance ministers", "Lucia Ferreyra and the finance ministers"), "utf-8")
    plain = json.loads(runner.invoke(app, ["extract", str(article)]).stdout)
    assert not any(a["name"] == "Lucia Ferreyra" and a["country"] for a in plain["actors"])
    result = runner.invoke(app, ["extract", str(article), "--actors", str(actors)])
    assert result.exit_code == 0, result.stderr
    lucia = [a for a in json.loads(result.stdout)["actors"] if a["name"] == "Lucia Ferreyra"]
    assert lucia and (lucia[0]["country"], lucia[0]["sector"], lucia[0]["in_kb"]) == ("ARG", "GOV", True)


def test_cli_bad_actors_file_is_a_usage_error(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    actors = tmp_path / "bad.yaml"
    actors.write_text("- name: X\n  country: Argentina\n  sector: GOV\n", "utf-8")
    result = runner.invoke(app, ["extract", str(article), "--actors", str(actors)])
    assert result.exit_code == 2
    assert str(actors) in result.stderr and "Traceback" not in result.stderr


# -- sentence-level input, as wire and feed data come (sentences written for these tests) ----------

_SIDES = ["Kenya", "Ethiopia", "Brazil", "Chile", "Vietnam", "Poland", "Ghana", "Peru", "Nepal", "Jordan",
          "Senegal", "Norway", "Mexico", "Tunisia", "Laos"]
_ACTS = ["agreed to expand trade with", "accused {} of violating the ceasefire", "held talks with",
         "recalled its ambassador to", "signed a fisheries accord with", "urged {} to release the detainees",
         "threatened to impose sanctions on", "sent humanitarian aid to", "rejected a proposal from",
         "praised the cooperation of"]


def _sentences(n: int) -> list[str]:
    out = []
    for i in range(n):
        a, b = _SIDES[i % len(_SIDES)], _SIDES[(i * 7 + 3) % len(_SIDES)]
        act = _ACTS[i % len(_ACTS)]
        text = f"{a} {act.format(b)} on Tuesday" if "{}" in act else f"{a} {act} {b} on Tuesday"
        out.append(text if i % 3 == 0 else text + ".")  # a third without a final stop
    return out


def test_cli_300_one_sentence_records_give_300_records(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    sentences = _sentences(300)
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": s}) + "\n" for i, s in enumerate(sentences)), "utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [f"s{i}" for i in range(300)]
    for record, sentence in zip(records, sentences, strict=True):
        assert [p["text"] for p in record["article"]["paragraphs"]] == [sentence]
    assert sum(bool(r["events"]) for r in records) >= 200  # they are read, not only kept


def test_cli_one_sentence_on_stdin_is_a_document(runner: CliRunner) -> None:
    sentence = "Senior Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate."
    result = runner.invoke(app, ["extract", "-"], input=sentence + "\n")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["text"] for p in data["article"]["paragraphs"] if p["role"] == "body"] == [sentence]


def test_cli_plain_keeps_every_line_as_body(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    lines = ["Kenya and Ethiopia sign a border accord", "READ MORE", "Chile recalls its ambassador to Peru"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = runner.invoke(app, ["extract", str(path), "--plain"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(p["role"], p["text"]) for p in data["article"]["paragraphs"]] == [("body", line) for line in lines]
    without = json.loads(runner.invoke(app, ["extract", str(path)]).stdout)
    assert "READ MORE" not in without["text"]  # recovery drops the widget without --plain


def test_cli_plain_from_the_config_file(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "newsgraph.toml"
    config.write_text("[extract]\nplain = true\n", "utf-8")
    path = tmp_path / "lines.txt"
    path.write_text("Ghana and Togo agree to share intelligence\nREAD MORE\n", "utf-8")
    data = json.loads(runner.invoke(app, ["extract", str(path), "--config", str(config)]).stdout)
    assert [p["text"] for p in data["article"]["paragraphs"]] == ["Ghana and Togo agree to share intelligence", "READ MORE"]
    config.write_text("[extract]\nplain = \"yes\"\n", "utf-8")
    bad = runner.invoke(app, ["extract", str(path), "--config", str(config)])
    assert bad.exit_code == 2 and "plain must be bool" in bad.stderr
