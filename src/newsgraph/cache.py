"""A cache on disk for what is slow to build and quick to load (the gazetteer, the tokenised
names of the knowledge base, the language identifier).

Each entry is a pickle in ``$NEWSGRAPH_CACHE`` (default: ``$XDG_CACHE_HOME/newsgraph``, else
``~/.cache/newsgraph``), named by what it holds and a digest of everything it was built from,
so a changed input builds a new entry. Set ``NEWSGRAPH_CACHE=off`` to build everything afresh
every time. A cache that cannot be read or written is passed by: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from newsgraph import __version__

__all__ = ["cache_dir", "cached", "digest", "file_stamp"]

T = TypeVar("T")
_FORMAT = 1  # bump when what an entry holds changes shape


def cache_dir() -> Path | None:
    """Where entries live; None when caching is off."""
    setting = os.environ.get("NEWSGRAPH_CACHE", "")
    if setting.lower() in ("off", "0", "none", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def digest(parts: Iterable[object]) -> str:
    """A short digest of the inputs an entry is built from."""
    h = hashlib.sha256(f"{__version__}/{_FORMAT}".encode())
    for part in parts:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:20]


def file_stamp(path: str | os.PathLike[str]) -> str:
    """Size and modification time of a file or of the files in a directory: what changes when a
    package that ships data is upgraded (cheaper than asking its version)."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
    return ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)


def cached(name: str, key: Iterable[object], build: Callable[[], T]) -> T:
    """The entry ``name`` for ``key``: loaded when it is on disk, else built and saved."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{digest(key)}.pickle"
    try:
        return _load(path)  # type: ignore[return-value]
    except OSError:
        pass  # not there, or not readable: built (and saved if it can be)
    except Exception:  # noqa: BLE001 - a truncated or stale entry is rebuilt
        with contextlib.suppress(OSError):
            path.unlink()
    value = build()
    _save(path, value)
    return value


def _load(path: Path) -> object:
    with path.open("rb") as f:
        data = f.read()
    enabled = gc.isenabled()
    gc.disable()  # the collector has nothing to find among freshly loaded tables, and slows them
    try:
        value = pickle.loads(data)  # noqa: S301 - the user's own cache, written by this module
        gc.freeze()  # long-lived tables: later collections need not walk them again
        return value
    finally:
        if enabled:
            gc.enable()


def _save(path: Path, value: object) -> None:
    """Write atomically (a reader never sees half an entry); give up quietly when unwritable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError, NameError):
            os.unlink(tmp)  # type: ignore[possibly-undefined]
