"""Settings: defaults, the optional TOML file, and validation.

The commented default file is ``data/default_config.toml``; ``newsgraph
config`` prints it. A file is found by ``--config``, then ``NEWSGRAPH_CONFIG``,
then ``./newsgraph.toml``. Unknown keys are rejected.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.data import read_text
from newsgraph.errors import ConfigError

__all__ = ["ExtractSettings", "MonitorSettings", "Settings", "StoreSettings", "default_config_text", "load_settings",
           "parse_duration"]


@dataclass(frozen=True)
class ExtractSettings:
    model: str = ""
    max_input_mb: float = 5.0
    batch_size: int = 32
    languages: tuple[str, ...] = ("en",)
    min_chars_language_check: int = 200
    actors: tuple[str, ...] = ()
    event_patterns: tuple[str, ...] = ()  # CSV files with patterns.csv's columns, appended to the lexicon
    plain: bool = False  # no structure recovery: every line of every text is body (sentence corpora)
    actor_sources: tuple[str, ...] = ("newsgraph", "phoenix")  # bundled actor knowledge (actors/kb.py)
    coder: str = "rules"  # rules | model | hybrid: how events are found (events/model.py)
    ner: bool = False  # run spaCy's NER so that entity labels keep places and things from being people
    lexicons: tuple[str, ...] = ("newsgraph", "petrarch")  # bundled predicate lexicons (events/lexicon.py)

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 1_000_000)


@dataclass(frozen=True)
class StoreSettings:
    db: str = "newsgraph.duckdb"
    workers: int = 0  # extraction processes for ingest; 0: one per core
    batch_size: int = 64  # documents per write transaction


@dataclass(frozen=True)
class MonitorSettings:
    """How ``newsgraph watch`` and ``fetch`` behave on the web (docs/monitor.md)."""

    user_agent: str = "newsgraph/{version} (+https://github.com/newsgraph/newsgraph; event-data research)"
    timeout_s: float = 20.0  # connect and read timeouts of one request
    retries: int = 2  # further tries of a request that timed out or got a 5xx or 429
    backoff_s: float = 1.0  # the first wait between those tries; doubles each time
    rate_limit_s: float = 1.0  # at least this long between two requests to one host
    max_page_mb: float = 5.0
    archive: bool = True  # keep each page's HTML (compressed) so `newsgraph reextract` can rerun it
    default_every: str = "15m"
    retry_failed: str = "10m"  # a failed page is tried again on a poll this long after; doubles each time
    max_attempts: int = 6  # then a failed page is left alone (fetch it by hand to try again)
    max_pages_per_poll: int = 100  # new pages fetched per source and poll; the rest wait for the next

    @property
    def max_page_bytes(self) -> int:
        return int(self.max_page_mb * 1_000_000)


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    monitor: MonitorSettings = field(default_factory=MonitorSettings)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """Seconds in ``90s``, ``15m``, ``2h``, ``1d`` (a bare number is seconds); ValueError otherwise."""
    match = _DURATION.match(value)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{value!r} is not a duration (use e.g. 90s, 15m, 2h, 1d)")
    return float(match.group(1)) * _UNIT_S[(match.group(2) or "s").lower()]


def default_config_text() -> str:
    return read_text("default_config.toml")


def _section(cls: type, values: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    kwargs: dict[str, Any] = {}
    for name, value in values.items():
        default = known[name].default
        expected = type(default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is tuple and isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool):
            raise ConfigError(f"{where}: {name} must be {expected.__name__}, not {value!r}")
        kwargs[name] = value
    return cls(**kwargs)


def _find_file(path: Path | None) -> Path | None:
    if path is not None:
        return path
    env = os.environ.get("NEWSGRAPH_CONFIG")
    if env:
        return Path(env)
    local = Path("newsgraph.toml")
    return local if local.is_file() else None


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from ``path`` (or the usual places); defaults otherwise."""
    found = _find_file(path)
    if found is None:
        return Settings()
    try:
        data = tomllib.loads(found.read_text("utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"{found}: config file not found") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{found}: not valid TOML ({e})") from e
    unknown = sorted(set(data) - {"extract", "store", "monitor"})
    if unknown:
        raise ConfigError(f"{found}: unknown section(s) {', '.join(unknown)}")
    extract = _section(ExtractSettings, data.get("extract", {}), f"{found} [extract]")
    if extract.max_input_mb <= 0 or extract.batch_size <= 0:
        raise ConfigError(f"{found} [extract]: max_input_mb and batch_size must be positive")
    store = _section(StoreSettings, data.get("store", {}), f"{found} [store]")
    if store.workers < 0 or store.batch_size <= 0 or not store.db:
        raise ConfigError(f"{found} [store]: workers must be >= 0, batch_size positive and db a path")
    return Settings(extract=extract, store=store, monitor=_monitor(data.get("monitor", {}), f"{found} [monitor]"))


def _monitor(values: dict[str, Any], where: str) -> MonitorSettings:
    monitor = _section(MonitorSettings, values, where)
    if monitor.timeout_s <= 0 or monitor.max_page_mb <= 0 or monitor.rate_limit_s < 0 or monitor.backoff_s < 0:
        raise ConfigError(f"{where}: timeout_s and max_page_mb must be positive, rate_limit_s and backoff_s >= 0")
    if monitor.retries < 0 or monitor.max_attempts < 1 or monitor.max_pages_per_poll < 1:
        raise ConfigError(f"{where}: retries must be >= 0, max_attempts and max_pages_per_poll >= 1")
    for name in ("default_every", "retry_failed"):
        try:
            parse_duration(getattr(monitor, name))
        except ValueError as e:
            raise ConfigError(f"{where}: {name}: {e}") from None
    return monitor
