"""Settings: defaults, files, rejection of what is unknown or mistyped."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newsgraph.config import ExtractSettings, MonitorSettings, default_config_text, load_settings
from newsgraph.errors import ConfigError


def test_config_default_file_matches_the_defaults() -> None:
    data = tomllib.loads(default_config_text())
    assert ExtractSettings(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["extract"].items()}) == ExtractSettings()


def test_config_default_file_matches_the_monitor_defaults() -> None:
    data = tomllib.loads(default_config_text())
    assert MonitorSettings(**data["monitor"]) == MonitorSettings()
    assert MonitorSettings().user_agent.startswith("newsgraph/{version} (+https://")


def test_config_file_overrides(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[extract]\nmax_input_mb = 1\nlanguages = ["en", "fr"]\n', "utf-8")
    settings = load_settings(path).extract
    assert settings.max_input_bytes == 1_000_000 and settings.languages == ("en", "fr")


@pytest.mark.parametrize(("body", "message"), [
    ("[extract]\nmodle = 'x'\n", "unknown setting(s) modle"),
    ("[extrct]\n", "unknown section(s) extrct"),
    ("[extract]\nbatch_size = 'big'\n", "batch_size must be int"),
    ("[extract]\nbatch_size = 0\n", "must be positive"),
    ("[extract\n", "not valid TOML"),
])
def test_config_bad_files_are_rejected(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(path)


def test_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")
