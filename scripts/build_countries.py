"""Build the country table of newsgraph's actor knowledge base.

Writes ``src/newsgraph/data/actors/countries.csv``: one row per ISO 3166-1
country (every entry of ``pycountry.countries``) plus the extra codes that only
the supplement defines (``XKX`` Kosovo), sorted by ISO alpha-3 code.

Where the facts come from:

* ISO 3166-1 alpha-3/alpha-2 codes and the ISO English short, official and
  common names come from the ``pycountry`` package (its data is the Debian
  ``iso-codes`` database, LGPL-2.1).
* Everything a news reader needs beyond ISO -- the common news name
  ("Russia", "Ivory Coast"), extra aliases and former names, adjectives and
  demonyms, the capital in news spelling and the continent -- is hand-written
  in ``src/newsgraph/data/actors/countries_extra.csv`` (see README.md there).

ISO names in the inverted catalogue style ("Korea, Republic of") or with a
parenthesised qualifier ("Saint Martin (French part)") never occur in running
text, so they are not used as aliases; names listed in the supplement's
``drop_aliases`` column are dropped too (e.g. the ambiguous "Congo"). Every
alias or adjective with diacritics also gets its plain-ASCII spelling
("Türkiye" -> "Turkiye").

The script needs no network access and is deterministic::

    .venv/bin/python scripts/build_countries.py          # rewrite countries.csv
    .venv/bin/python scripts/build_countries.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
ACTORS_DIR = ROOT / "src" / "newsgraph" / "data" / "actors"
EXTRA_PATH = ACTORS_DIR / "countries_extra.csv"
OUTPUT_PATH = ACTORS_DIR / "countries.csv"

OUTPUT_COLUMNS = ("iso3", "iso2", "name", "official_name", "aliases", "adjectives", "capital", "region")
EXTRA_COLUMNS = OUTPUT_COLUMNS + ("drop_aliases",)
REGIONS = frozenset({"Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"})
SEP = ";"


@dataclass(frozen=True)
class IsoEntry:
    """The ISO 3166-1 facts pycountry holds for one country."""

    iso3: str
    iso2: str
    names: tuple[str, ...]  # short name, official name, common name (as present)
    official_name: str


def split_list(value: str) -> list[str]:
    """Split a semicolon-separated cell into its non-empty, stripped items."""
    return [item.strip() for item in value.split(SEP) if item.strip()]


def ascii_fold(text: str) -> str:
    """Return ``text`` without diacritics ("Curaçao" -> "Curacao")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ø", "o")


def usable_in_text(name: str) -> bool:
    """True for ISO names that can appear verbatim in news text."""
    return "," not in name and "(" not in name


def strip_article(name: str) -> str:
    """Drop the lower-case "the " that some ISO official names start with."""
    return name[4:] if name.startswith("the ") else name


def load_iso_entries() -> dict[str, IsoEntry]:
    """Read every ISO 3166-1 country from pycountry, keyed by alpha-3 code."""
    entries: dict[str, IsoEntry] = {}
    for country in pycountry.countries:
        names = tuple(
            strip_article(value)
            for value in (
                country.name,
                getattr(country, "official_name", None),
                getattr(country, "common_name", None),
            )
            if value
        )
        official = strip_article(getattr(country, "official_name", "") or "")
        entries[country.alpha_3] = IsoEntry(country.alpha_3, country.alpha_2, names, official)
    return entries


def load_extra(path: Path) -> dict[str, dict[str, str]]:
    """Read the hand-written supplement, keyed by alpha-3 code."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != EXTRA_COLUMNS:
            raise SystemExit(f"{path.name}: header must be {','.join(EXTRA_COLUMNS)}")
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            code = row["iso3"]
            if code in rows:
                raise SystemExit(f"{path.name}: duplicate row for {code}")
            rows[code] = row
    return rows


def unique(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Keep the first occurrence of each item, skipping anything in ``exclude``."""
    seen = set(exclude)
    kept: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            kept.append(item)
    return kept


def with_ascii_variants(items: Iterable[str]) -> list[str]:
    """Follow each item that has diacritics by its plain-ASCII spelling."""
    expanded: list[str] = []
    for item in items:
        expanded.append(item)
        folded = ascii_fold(item)
        if folded != item:
            expanded.append(folded)
    return expanded


def official_name_for(extra: dict[str, str], iso: IsoEntry | None) -> str:
    """Supplement override, else ISO official name, else a usable ISO short name."""
    if extra["official_name"]:
        return extra["official_name"]
    if iso and iso.official_name and usable_in_text(iso.official_name):
        return iso.official_name
    if iso and usable_in_text(iso.names[0]):
        return iso.names[0]
    return extra["name"]


def build_row(extra: dict[str, str], iso: IsoEntry | None) -> dict[str, str]:
    """Merge one supplement row with its ISO entry (if any) into an output row."""
    code = extra["iso3"]
    if extra["region"] not in REGIONS:
        raise SystemExit(f"{code}: unknown region {extra['region']!r}")
    if iso and extra["iso2"] and extra["iso2"] != iso.iso2:
        raise SystemExit(f"{code}: iso2 {extra['iso2']} disagrees with ISO {iso.iso2}")
    iso2 = iso.iso2 if iso else extra["iso2"]
    if not iso2 or not extra["name"]:
        raise SystemExit(f"{code}: a code outside ISO needs iso2 and name in the supplement")
    name = extra["name"]
    official = official_name_for(extra, iso)
    dropped = set(split_list(extra["drop_aliases"]))
    iso_names = [n for n in (iso.names if iso else ()) if usable_in_text(n) and n not in dropped]
    aliases = unique(
        with_ascii_variants([*split_list(extra["aliases"]), official, *iso_names, name]),
        exclude={name, *dropped},
    )
    adjectives = unique(with_ascii_variants(split_list(extra["adjectives"])))
    return {
        "iso3": code,
        "iso2": iso2,
        "name": name,
        "official_name": official,
        "aliases": SEP.join(aliases),
        "adjectives": SEP.join(adjectives),
        "capital": extra["capital"],
        "region": extra["region"],
    }


def build_rows(iso_entries: dict[str, IsoEntry], extras: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Build all output rows, checking the supplement covers every ISO country."""
    missing = sorted(set(iso_entries) - set(extras))
    if missing:
        raise SystemExit(f"countries_extra.csv lacks rows for: {' '.join(missing)}")
    return [build_row(extras[code], iso_entries.get(code)) for code in sorted(extras)]


def render(rows: list[dict[str, str]]) -> str:
    """Serialise rows as CSV text with a header and Unix line endings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Regenerate countries.csv, or with --check report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if countries.csv is stale")
    args = parser.parse_args(argv)
    text = render(build_rows(load_iso_entries(), load_extra(EXTRA_PATH)))
    if args.check:
        current = OUTPUT_PATH.read_text(encoding="utf-8") if OUTPUT_PATH.exists() else ""
        if current != text:
            print(f"{OUTPUT_PATH.relative_to(ROOT)} is out of date; run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} rows to {OUTPUT_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
