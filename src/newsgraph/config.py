"""Settings: defaults, the optional TOML file, and validation.

The commented default file is ``data/default_config.toml``; ``newsgraph
config`` prints it. A file is found by ``--config``, then ``NEWSGRAPH_CONFIG``,
then ``./newsgraph.toml``. Unknown keys are rejected.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.data import read_text
from newsgraph.errors import ConfigError

__all__ = ["ExtractSettings", "Settings", "StoreSettings", "default_config_text", "load_settings"]


@dataclass(frozen=True)
class ExtractSettings:
    model: str = ""
    max_input_mb: float = 5.0
    batch_size: int = 32
    languages: tuple[str, ...] = ("en",)
    min_chars_language_check: int = 200
    actors: tuple[str, ...] = ()

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 1_000_000)


@dataclass(frozen=True)
class StoreSettings:
    db: str = "newsgraph.duckdb"
    workers: int = 0  # extraction processes for ingest; 0: one per core
    batch_size: int = 64  # documents per write transaction


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    store: StoreSettings = field(default_factory=StoreSettings)


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
    unknown = sorted(set(data) - {"extract", "store"})
    if unknown:
        raise ConfigError(f"{found}: unknown section(s) {', '.join(unknown)}")
    extract = _section(ExtractSettings, data.get("extract", {}), f"{found} [extract]")
    if extract.max_input_mb <= 0 or extract.batch_size <= 0:
        raise ConfigError(f"{found} [extract]: max_input_mb and batch_size must be positive")
    store = _section(StoreSettings, data.get("store", {}), f"{found} [store]")
    if store.workers < 0 or store.batch_size <= 0 or not store.db:
        raise ConfigError(f"{found} [store]: workers must be >= 0, batch_size positive and db a path")
    return Settings(extract=extract, store=store)
