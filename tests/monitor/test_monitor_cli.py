"""The monitor's commands through the CLI: sources add/list/remove, fetch, watch --once,
reextract after a lexicon change (with no request to the site), and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newssite import Site
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.config import load_settings
from newsgraph.errors import ConfigError
from newsgraph.events.lexicon import load_lexicon
from newsgraph.store.schema import connect


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_sources_add_list_remove(tmp_path: Path, config: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    opts = ("--db", db, "--config", str(config))
    code, _, err = run("sources", "add", "https://example.org/feed.xml?utm_source=x", "--name", "Example", "--every", "2h", *opts)
    assert code == 0 and "added source #1 https://example.org/feed.xml (auto, every 2h)" in err
    assert run("sources", "add", "https://example.org/sitemap.xml", "--kind", "sitemap", *opts)[0] == 0
    assert run("sources", "add", "https://example.org/a", *opts)[0] == 0  # every: default_every
    code, _, err = run("sources", "add", "https://example.org/feed.xml", *opts)
    assert code == 1 and "already a source (#1)" in err
    code, _, err = run("sources", "add", "ftp://example.org/x", *opts)
    assert code == 1 and "not an http(s) URL" in err
    code, _, err = run("sources", "add", "https://example.org/b", "--every", "soon", *opts)
    assert code == 2 and "not a duration" in err
    code, out, _ = run("sources", "list", "--format", "json", *opts)
    rows = json.loads(out)
    assert [(r["id"], r["kind"], r["every"], r["name"]) for r in rows] == [
        (1, "auto", "2h", "Example"), (2, "sitemap", "15m", None), (3, "auto", "15m", None)]
    assert run("sources", "list", *opts)[0] == 0
    code, _, err = run("sources", "remove", "2", *opts)
    assert code == 0 and "removed source #2" in err
    assert run("sources", "remove", "https://example.org/a", *opts)[0] == 0
    code, _, err = run("sources", "remove", "9", *opts)
    assert code == 1 and "no such source" in err
    assert [r["id"] for r in json.loads(run("sources", "list", "--format", "json", *opts)[1])] == [1]


def test_fetch_pages_once_then_unchanged(site: Site, tmp_path: Path, config: Path) -> None:
    db = str(tmp_path / "f.duckdb")
    urls = [site.url(p) for p in ("/news/kenya-tanzania-trade", "/old/chile-peru", "/private/secret-talks",
                                  "/files/report.pdf", "/error/page")]
    code, _, err = run("fetch", *urls, "--db", db, "--config", str(config))
    assert code == 1, err
    assert ("fetched 2, ingested 2, unchanged 0, skipped 2, failed 1 (HTTP 500: 1, "
            "not html (application/pdf): 1, robots.txt: 1)") in err, err
    assert f"skipped {site.url('/private/secret-talks')}: robots.txt disallows" in err
    assert not [p for p in site.paths() if p.startswith("/private/")]
    before = len(site.log)
    code, _, err = run("fetch", urls[0], urls[1], "--db", db, "--config", str(config))
    assert code == 0 and "fetched 0, ingested 0, unchanged 2, skipped 0, failed 0" in err
    again = site.log[before:]
    assert [h.status for h in again if h.path == "/news/kenya-tanzania-trade"] == [304]
    assert all(h.headers.get("if-none-match") for h in again if h.path.startswith("/news/"))
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    code, _, err = run("fetch", "not a url", "--db", db, "--config", str(config))
    assert code == 2 and "not an http(s) URL" in err


def test_watch_once_then_nothing_due(site: Site, tmp_path: Path, config: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    opts = ("--db", db, "--config", str(config))
    code, _, err = run("watch", "--once", *opts)
    assert code == 1 and "no such database" in err
    assert run("sources", "add", site.url("/sitemap.xml"), *opts)[0] == 0
    assert run("sources", "add", site.url("/news/india-bangladesh-water"), "--every", "1d", *opts)[0] == 0
    code, _, err = run("watch", "--once", *opts)
    assert code == 0, err
    assert "polled 2 sources: fetched 4, ingested 3, unchanged 0, skipped 2, failed 0" in err
    assert "skipped " + site.url("/mirror/kenya-tanzania-trade") in err
    code, _, err = run("watch", "--once", *opts)
    assert code == 0 and "polled 0 sources: fetched 0" in err
    code, out, _ = run("sources", "list", "--format", "json", *opts)
    assert [(r["kind"], r["ingested"], r["skipped"]) for r in json.loads(out)] == [("sitemap", 2, 2), ("page", 1, 0)]


def test_watch_stops_cleanly_on_ctrl_c(site: Site, tmp_path: Path, config: Path, monkeypatch) -> None:
    db = str(tmp_path / "c.duckdb")
    opts = ("--db", db, "--config", str(config))
    run("sources", "add", site.url("/news/senegal-mali-summit"), "--kind", "page", *opts)

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsgraph.monitor.watch.time.sleep", interrupt)
    code, _, err = run("watch", *opts)
    assert code == 0 and "stopped; in all: fetched 1, ingested 1" in err and "Traceback" not in err


def test_reextract_after_a_lexicon_change_fetches_nothing(site: Site, tmp_path: Path, config: Path) -> None:
    db = str(tmp_path / "r.duckdb")
    ghana = site.url("/news/ghana-togo-border")
    assert run("fetch", ghana, site.url("/news/kenya-tanzania-trade"), "--db", db, "--config", str(config))[0] == 0

    def events() -> list[tuple]:
        with connect(db, read_only=True) as con:
            return con.execute("SELECT d.url, e.type, e.cameo, e.source_country, e.target_country, e.predicate "
                               "FROM events e JOIN documents d USING (doc_id) ORDER BY ALL").fetchall()

    before = events()
    assert not [e for e in before if e[5] == "felicitated"]
    patterns = tmp_path / "my_patterns.csv"
    patterns.write_text("lemma,pos,light,object,prep,target,cameo,note\n"
                        "felicitate,VERB,,,,dobj,051,X felicitated Y (a test pattern)\n", "utf-8")
    config.write_text(config.read_text("utf-8") + f"\n[extract]\nevent_patterns = [{json.dumps(str(patterns))}]\n",
                      "utf-8")
    requests = len(site.log)
    code, _, err = run("reextract", "--db", db, "--config", str(config))
    assert code == 0 and "reextracted 2, failed 0" in err, err
    assert len(site.log) == requests  # nothing fetched
    after = events()
    assert (ghana, "SUPPORT", "051", "GHA", "TGO", "felicitated") in after
    assert set(before) < set(after)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone() == (2, 2)


def test_reextract_without_archive_or_database(tmp_path: Path, config: Path) -> None:
    code, _, err = run("reextract", "--db", str(tmp_path / "none.duckdb"), "--config", str(config))
    assert code == 1 and "no such database" in err


def test_event_patterns_setting_and_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[extract]\nevent_patterns = ["x.csv"]\n[monitor]\nrate_limit_s = 2\narchive = false\n', "utf-8")
    settings = load_settings(path)
    assert settings.extract.event_patterns == ("x.csv",)
    assert settings.monitor.rate_limit_s == 2.0 and settings.monitor.archive is False
    bad = tmp_path / "bad.csv"
    bad.write_text("lemma,cameo\nfelicitate,051\n", "utf-8")
    with pytest.raises(ConfigError, match="missing pos"):
        load_lexicon((bad,))
    with pytest.raises(ConfigError, match="cannot read event patterns file"):
        load_lexicon((tmp_path / "missing.csv",))
    good = tmp_path / "good.csv"
    good.write_text("lemma,pos,cameo\nhobnob,VERB,051\n", "utf-8")
    assert len(load_lexicon((good,)).for_verb("hobnob")) == 1 and not load_lexicon().for_verb("hobnob")


@pytest.mark.parametrize(("body", "message"), [
    ("[monitor]\nuser_agnet = 'x'\n", "unknown setting(s) user_agnet"),
    ("[monitor]\ndefault_every = 'often'\n", "default_every: 'often' is not a duration"),
    ("[monitor]\ntimeout_s = 0\n", "timeout_s and max_page_mb must be positive"),
    ("[monitor]\narchive = 'yes'\n", "archive must be bool"),
])
def test_monitor_config_is_checked(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(path)
