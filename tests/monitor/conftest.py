"""The monitor's fixtures: our news site on 127.0.0.1, fast politeness settings, a config file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newssite import MONITOR, MONITOR_TOML, Site, start_site

from newsgraph.config import Settings


@pytest.fixture
def site() -> Iterator[Site]:
    site, server = start_site()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def settings() -> Settings:
    return Settings(monitor=MONITOR)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config file with the fast monitor settings (tests add sections to it)."""
    path = tmp_path / "newsgraph.toml"
    path.write_text(MONITOR_TOML, "utf-8")
    return path
