"""newsgraph's data files (see the README in each folder), read the same way everywhere."""

from __future__ import annotations

import csv
from importlib import resources

__all__ = ["read_lines", "read_rows", "read_text"]


def read_text(path: str) -> str:
    """A data file's text, ``path`` relative to this package ("actors/countries.csv")."""
    return resources.files(__name__).joinpath(path).read_text("utf-8")


def read_rows(path: str) -> list[dict[str, str]]:
    """A CSV data file's rows, keyed by its header."""
    return list(csv.DictReader(read_text(path).splitlines()))


def read_lines(path: str) -> list[str]:
    """A word-list data file's entries: stripped lines, without blanks and "#" comments."""
    return [line.strip() for line in read_text(path).splitlines() if line.strip() and not line.lstrip().startswith("#")]
