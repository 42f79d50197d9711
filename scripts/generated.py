"""What the table builders in scripts/ share: their arguments, and writing or checking their tables.

Each builder reads ``../shared/reference/...`` (or ``--shared PATH``) and either rewrites its
tables or, with ``--check``, exits 1 naming every table that is out of date.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"


def parse_args(description: str, needs: str, argv: list[str] | None) -> argparse.Namespace:
    """``--shared`` and ``--check``; an error naming the folder when ``shared/needs`` is missing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help=f"the shared directory holding {needs}/ (default: ../shared beside the repo)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a table is out of date")
    args = parser.parse_args(argv)
    if not (args.shared / needs).is_dir():
        parser.error(f"{args.shared / needs} not found; pass --shared PATH")
    return args


def write_or_check(outputs: dict[Path, str], check: bool, script: str) -> int:
    """Write every table, or with ``check`` report the stale ones; the exit status."""
    if check:
        stale = [path for path, text in outputs.items() if not path.exists() or path.read_text("utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date; run scripts/{script}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {text.count(chr(10)) - 1} rows to {path.relative_to(ROOT)}")
    return 0


def render(columns: Sequence[str], rows: Iterable[Sequence[str] | Mapping[str, str]]) -> str:
    """CSV text with a header and Unix line endings; a row is its cells, or a mapping by column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row[c] for c in columns] if isinstance(row, Mapping) else row for row in rows)
    return buffer.getvalue()
