"""Convert PETRARCH2's Phoenix actor and agent dictionaries into newsgraph's actor tables.

Reads ``reference/petrarch2/`` of the shared directory (never the network) and writes
``phoenix_people.csv``, ``phoenix_groups.csv`` and ``phoenix_agents.csv`` under
``src/newsgraph/data/actors/``. The README there ("Phoenix dictionaries") documents the
columns; the rules, in short:

* Lines are decoded as UTF-8, falling back to cp1252; double-encoded runs ("Ã©") are
  re-encoded as cp1252 and decoded as UTF-8. The source upper-cased some mojibake, turning
  the second byte 0x9A/0x9C (``š``/``œ``) into 0x8A/0x8C, so ``ÃŠ`` is read as ``Ú``.
* Syntax follows PETRARCH2's reader: ``#`` starts a comment, ``+`` an alias, a line starting
  with ``[`` holds codes; codes may also follow the name. Underscores and blanks separate
  words; trailing underscores (TABARI's "word ends here") are dropped.
* Dates: ``YYMMDD`` (at most seven characters, as PETRARCH reads them) has years 00-30 in
  the 2000s and 31-99 in the 1900s -- the KEDS/TABARI/PETRARCH rule; the file has no year
  between 15 and 30 and many in 1931-39, so 00-39 -> 20xx would misdate 1930s entries.
  Longer dates are ``YYYYMMDD`` (a stray ``19`` before one, ``1920030320``, is dropped).
  ``>D`` starts at D, ``<D`` ends at D, ``D1-D2`` is a range, a bare ``D`` a start.
* Codes: the first group is a country (CAMEO codes mapped to ISO 3166-1 by ``CAMEO_TO_ISO``),
  ``IGO``/``NGO``/``IMG``/``MNC``, a region, a religion or a bare role; the first later group
  that is a role gives the sector (``ROLE_SECTORS``). Entries whose codes name only a country
  are skipped (countries.csv has the countries).
* Names are cased as news writes them (``news_case``); ``original`` keeps the source form.
* Rows that repeat one of our office holders (office_holders.csv), organisations
  (organisations.csv) or sector terms (sectors.csv) are dropped.

Standard library only, deterministic::

    .venv/bin/python scripts/build_phoenix_actors.py          # rewrite the tables
    .venv/bin/python scripts/build_phoenix_actors.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS_DIR = ROOT / "src" / "newsgraph" / "data" / "actors"
DEFAULT_SHARED = ROOT.parent / "shared"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "cameo_code", "start", "end", "original", "source")
GROUP_COLUMNS = ("name", "aliases", "country", "sector", "cameo_code", "kind", "original", "source")
AGENT_COLUMNS = ("term", "sector", "cameo_agent", "source")
SEP = ";"

# CAMEO country codes that are not (or no longer) ISO 3166-1 alpha-3. Predecessor states take
# their successor's code, as in office_holders.csv; the Yugoslav and Soviet prefixes are
# followed by the republic's own code (YUGHRV, USRARM), which wins when it is a country.
CAMEO_TO_ISO = {
    "ROM": "ROU", "ZAR": "COD", "KOS": "XKX", "KSV": "XKX", "TMP": "TLS",  # renamed or CAMEO-only
    "ANG": "AGO",  # MilNonState writes ANG for Angola (UNITA)
    "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "FRY": "SRB", "SCG": "SRB", "CSK": "CZE", "DDR": "DEU",
    "KRJ": "HRV", "SRP": "BIH",  # Republic of Serbian Krajina, Republika Srpska (unrecognised)
}
UNION_PREFIXES = {"SUN", "USR", "YUG", "FRY", "SCG", "FRN"}  # FRN: French overseas (FRNWLF)
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}
# First groups that name no country: CAMEO regions, religions, the MilNonState file's
# placeholders (INT international, KKL its coder's initials) -> country left empty.
NO_COUNTRY = {
    "AFR", "ASA", "CAS", "CFR", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "NAF", "NMR", "SAF", "SAM",
    "SAS", "SEA", "WAF", "WEU", "WST", "INT", "KKL", "BAH", "BUD", "CHR", "HIN", "JEW", "MOS", "MUS",
}
FICTIONAL = {"KNT"}  # Kinakuta, the island of Stephenson's Cryptonomicon, in CountryInfo's test data
RELIGIONS = {"BAH", "BUD", "CHR", "CTH", "PRO", "HIN", "JEW", "MOS", "MUS", "SHI", "SUN", "SIK", "JAN", "ITP"}
# CAMEO role group -> our sector code; groups not listed (UNO, WBK, RAD, MOD...) are skipped.
ROLE_SECTORS = {
    **{code: code for code in (
        "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "SPY", "UAF", "ELI", "BUS", "MED",
        "EDU", "CVL", "LAB", "REF", "REL", "AGR", "CRM", "HLH")},
    "INS": "REB", "SEP": "REB", "UNR": "PRE", "DEV": "CVL", "HRI": "CVL", "ENV": "CVL", "PPL": "CVL",
    "NGO": "CVL", "IGO": "GOV", "MNC": "BUS", "IMG": "REB", **{code: "REL" for code in RELIGIONS},
}
IGO_OWN_SECTORS = {"JUD", "LEG", "MIL", "COP", "SPY"}  # else an IGO or organ is GOV (organisations.csv)
ARMED = {"REB", "UAF", "CRM"}

PARTICLES = {
    "al", "el", "bin", "bint", "ibn", "ul", "de", "del", "della", "der", "den", "des", "di", "da", "das",
    "do", "dos", "du", "van", "von", "la", "le", "y", "of", "the", "and", "for", "in", "on", "at", "to",
}
# Words kept upper case although they have vowels (words without one always are).
ACRONYMS = {
    "UN", "EU", "AU", "NATO", "OPEC", "IAEA", "ASEAN", "UNESCO", "UNICEF", "UNITA", "FARC", "ETA", "IRA",
    "OAS", "OAU", "OECD", "OSCE", "ECOWAS", "AIDS", "NASA", "BBC", "CIA", "FBI", "KGB", "PLO", "USA",
    "US", "UK", "UAE", "ICE", "IMF", "WTO", "WHO", "ICC", "ICJ", "UNHCR", "UNDP", "UNEP", "UNRWA", "YPG",
}
TITLE_ABBREVIATIONS = {"MR", "MRS", "MS", "DR", "ST", "JR", "SR", "MT", "FT", "LT", "SGT", "GEN", "MSGR"}
ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIV|XV|XVI)")
# One-word aliases that are ordinary English words, not names.
STOP_WORDS = {
    "the", "president", "king", "queen", "prince", "minister", "premier", "chancellor", "leader", "chief",
    "general", "colonel", "major", "judge", "justice", "bishop", "pope", "father", "brother", "sister",
    "mother", "youth", "young", "rich", "brown", "black", "white", "green", "gray", "grey", "long", "little",
    "may", "march", "hope", "faith", "grace", "will", "rice", "bush", "gates", "price", "baker", "cook",
    "smith", "miller", "young", "brave", "free", "power", "action", "unity", "union", "front", "army",
    "people", "peoples", "party", "council", "movement", "liberation", "revolution", "justice", "peace",
    "victory", "freedom", "islam", "jihad", "martyrs", "brigade", "brigades", "avengers", "vanguard", "star",
    "rose", "wolf", "wolves", "tiger", "tigers", "eagle", "eagles", "lion", "lions", "dawn", "storm", "light",
    "rock", "stone", "hill", "wood", "field", "north", "south", "east", "west", "central", "national",
}
CTRL = "".join(bytes([b]).decode("cp1252") for b in range(0x80, 0xC0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
MOJIBAKE = re.compile(f"[\u00c2-\u00df][{re.escape(CTRL)}]|[\u00e0-\u00ef][{re.escape(CTRL)}]{{2}}")
UPPERED_MOJIBAKE = str.maketrans("ŠŒŽ", "šœž")


@dataclass
class Code:
    """One CAMEO code of an entry and the dates it holds (ISO strings, empty when open)."""

    code: str
    start: str = ""
    end: str = ""


@dataclass
class Entry:
    """One actor entry of a dictionary file: its name line, aliases, codes and comments."""

    name: str
    source: str
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""
    dated: bool = False


@dataclass
class Stats:
    """What the conversion did, printed at the end."""

    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


# --- Reading ---------------------------------------------------------------------------------


def repair(text: str) -> str:
    """Undo double encoding: UTF-8 bytes that were read as cp1252 ("Ã©" -> "é")."""

    def fix(match: re.Match[str]) -> str:
        for candidate in (match.group().translate(UPPERED_MOJIBAKE), match.group()):
            try:
                return candidate.encode("cp1252").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return match.group()

    return MOJIBAKE.sub(fix, text)


def read_lines(path: Path, stats: Stats) -> list[str]:
    """The file's lines, each decoded as UTF-8 or else cp1252, mojibake repaired."""
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            stats.counts[f"{path.name}: lines decoded as cp1252"] += 1
        fixed = repair(line)
        if fixed != line:
            stats.counts[f"{path.name}: lines with mojibake repaired"] += 1
        lines.append(fixed.rstrip("\r"))
    return lines


def parse_date(text: str) -> date:
    """A PETRARCH date: YYMMDD (seven characters at most) or YYYYMMDD; ValueError if invalid."""
    if len(text) == 10 and text.startswith("19"):
        text = text[2:]
    if not text.isdigit() or len(text) < 6:
        raise ValueError(text)
    if len(text) > 7:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    year = int(text[:2])
    return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:6]))


def parse_code(body: str) -> Code:
    """``RUSGOV 991231-080507`` / ``RUSGOV >080508`` / ``RUSELI <090101`` / ``RUSELI``."""
    code, _, bounds = body.strip().partition(" ")
    bounds = bounds.replace(" ", "")
    if not bounds:
        return Code(code)
    if bounds[0] in "<>":
        day = parse_date(bounds[1:]).isoformat()
        return Code(code, *((day, "") if bounds[0] == ">" else ("", day)))
    first, _, last = bounds.partition("-")
    start, end = parse_date(first).isoformat(), parse_date(last).isoformat() if last else ""
    if end and start > end:
        raise ValueError(bounds)
    return Code(code, start, end)


def add_codes(entry: Entry, text: str, stats: Stats, where: str) -> None:
    """Parse every ``[...]`` of a line into the entry's codes."""
    for body in re.findall(r"\[([^\]]*)\]", text):
        try:
            code = parse_code(body)
        except ValueError:
            stats.problems.append(f"{where}: bad date in [{body}], code skipped")
            continue
        entry.codes.append(code)
        entry.dated = entry.dated or bool(code.start or code.end)


def parse_actor_file(path: Path, stats: Stats) -> list[Entry]:
    """The entries of a TABARI/PETRARCH actor dictionary."""
    entries: list[Entry] = []
    for number, line in enumerate(read_lines(path, stats), 1):
        text, _, comment = line.partition("#")
        text = text.strip()
        if line.startswith("#") or not text:
            if entries and not line.startswith("#") and comment:
                entries[-1].comment += " " + comment
            continue
        where = f"{path.name}:{number}"
        if text.startswith("[") and entries:
            add_codes(entries[-1], text, stats, where)
        elif text.startswith("+") and entries:
            entries[-1].aliases += [alias for alias in text.split("+") if alias.strip()]
        else:
            entries.append(Entry(text.split("[", 1)[0].strip(), path.name))
            add_codes(entries[-1], text, stats, where)
        if entries:
            entries[-1].comment += " " + comment
    return entries


# --- Codes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meaning:
    """What a CAMEO code says: country (ISO3, IGO/NGO/IMG/MNC or empty), sector, first group."""

    country: str
    sector: str
    head: str


def code_meaning(code: str, iso: set[str]) -> Meaning | None:
    """Read a CAMEO actor code; None for the null code, fictional countries and unknown heads."""
    groups = [code[i:i + 3] for i in range(0, len(code), 3)]
    head, rest = groups[0], groups[1:]
    is_country = lambda group: group in iso or group in CAMEO_TO_ISO  # noqa: E731
    if head in UNION_PREFIXES and rest and is_country(rest[0]):
        head, rest = rest[0], rest[1:]
    if is_country(head):
        country = CAMEO_TO_ISO.get(head, head)
    elif head in NON_STATE:
        country = head
        if head in ("NGO", "MNC") and rest and is_country(rest[0]):
            country, rest = CAMEO_TO_ISO.get(rest[0], rest[0]), rest[1:]
    elif head in NO_COUNTRY or head in ROLE_SECTORS:
        country, rest = "", ([head] if head in ROLE_SECTORS else []) + rest
    else:
        return None
    roles = [ROLE_SECTORS[group] for group in rest if group in ROLE_SECTORS]
    return Meaning(country, sector_for(head, roles), head)


def sector_for(head: str, roles: list[str]) -> str:
    """Our sector for a code's first group and its role groups ("" when it names only a country)."""
    first = roles[0] if roles else ""
    if head == "IGO":
        return first if first in IGO_OWN_SECTORS else "GOV"
    if head == "NGO":
        return first or "CVL"
    if head == "MNC":
        return "MED" if first == "MED" else "BUS"
    if head == "IMG":
        return first if first in ARMED else "REB"
    return first


# --- Names -----------------------------------------------------------------------------------


def capitalise(text: str) -> str:
    """First letter upper, the rest lower (numbers such as "20TH" become "20th")."""
    index = next((i for i, char in enumerate(text) if char.isalpha()), None)
    if index is None or text[0].isdigit():
        return text.lower()
    return text[:index] + text[index].upper() + text[index + 1:].replace("İ", "i").lower()


def case_part(part: str, first: bool) -> str:
    """News case for one hyphen-free piece of an upper-case name."""
    bare = re.sub(r"[\W_]", "", part)
    letters = [char for char in unicodedata.normalize("NFKD", bare) if char.isalpha()]
    if not letters:
        return part
    if bare.lower() in PARTICLES and not first:
        return part.lower()
    if re.fullmatch(r"(?:\w\.)+", part) or ROMAN.fullmatch(bare) or bare in ACRONYMS:
        return part
    if bare in TITLE_ABBREVIATIONS:
        return capitalise(part)
    if not any(char in "AEIOUY" for char in letters):
        return part
    if re.match(r"MC[A-Z]{2}", part):
        return "Mc" + capitalise(part[2:])
    if re.match(r"[A-Z]'[A-Z]", part):
        return part[:2] + capitalise(part[2:])
    return capitalise(part)


def news_case(words: list[str]) -> str:
    """Title Case per word and hyphen part, particles and acronyms excepted."""
    out = []
    for index, word in enumerate(words):
        parts = word.split("-")
        out.append("-".join(case_part(part, index == 0 and n == 0) for n, part in enumerate(parts)))
    return " ".join(out)


def split_name(raw: str, countries: set[str]) -> tuple[list[str], list[str]]:
    """Upper-case words of a dictionary name, and acronyms it gives in parentheses."""
    text = re.sub(r"\s+", " ", raw.upper().replace("_", " ")).strip(" ,")
    extra = []
    for inner in re.findall(r"\(([^()]*)\)", text):
        if inner.strip() not in countries:
            extra.append(inner.strip())
            text = text.replace(f"({inner})", " ")
    text = re.sub(r"^(.*), THE$", r"THE \1", " ".join(text.split()))
    return text.split(), [item for item in extra if item]


def clean_aliases(name: str, aliases: list[str], banned: set[str]) -> list[str]:
    """Aliases deduplicated (case-insensitively), without the name, stop words and banned ones."""
    seen, out = {name.casefold()}, []
    for alias in aliases:
        key = alias.casefold()
        one_word = " " not in alias
        if key in seen or "\ufffd" in alias or not re.search(r"[^\W\d_]", alias):
            continue
        if one_word and (key in STOP_WORDS or key in banned):
            continue
        seen.add(key)
        out.append(alias)
    return out


# --- Classification --------------------------------------------------------------------------


@dataclass
class Actor:
    """An entry ready to write: cased name and aliases, its meaningful codes."""

    name: str
    aliases: list[str]
    codes: list[tuple[Code, Meaning]]
    original: str
    source: str
    person: bool = False


def load_org_words(path: Path) -> set[str]:
    """Words that make a name an organisation's: not_person_words.txt plus Phoenix's own."""
    words = {line.strip().upper() for line in path.read_text("utf-8").splitlines() if line[:1].isalpha()}
    return words | {
        "PARTY", "FRONT", "MOVEMENT", "FORCES", "FORCE", "ORGANIZATION", "ORGANISATION", "COMMITTEE",
        "COUNCIL", "UNION", "GROUP", "GROUPS", "CELLS", "CELL", "FACTION", "LEAGUE", "MINISTRY", "MINISTERS",
        "GOVERNMENT", "COMMISSION", "COUNTRIES", "SOLDIERS", "POLICE", "OFFICIALS", "PEACEKEEPER", "TROOPS",
        "REBELS", "MILITIA", "GUERRILLAS", "NUCLEI", "BRIGADES", "COMMANDOS", "NAVY", "CORPORATION", "INC",
        "CORP", "LTD", "CO.", "INC.", "LLC", "PLC", "AG", "SA", "NEWS", "TIMES", "PRESS", "MEDIA", "RADIO",
        "PROGRAMME", "PROGRAM", "NETWORK", "PROJECT", "INITIATIVE", "PARTNERSHIP", "COALITION", "INTERNATIONAL",
    }


def has_org_word(words: list[str], org_words: set[str]) -> bool:
    """Whether any word (or hyphen part) of an upper-case name is an organisation word."""
    return any(part.strip(",.'()") in org_words for word in words for part in word.split("-"))


def looks_like_person(entry: Entry, words: list[str], org_words: set[str], given: set[str]) -> bool:
    """People: dated codes or a leaders list (CountryInfo, IGOrulers), or a known first name."""
    if has_org_word(words, org_words) or any(char.isdigit() for char in "".join(words)):
        return False
    listed = "CountryInfo" in entry.comment or "IGOrulers" in entry.comment
    if listed or (entry.dated and len(words) > 1):
        return True
    return 2 <= len(words) <= 5 and words[0] in given


def to_actor(entry: Entry, iso: set[str], countries: set[str], stats: Stats) -> Actor | None:
    """The entry's name, aliases and role codes; None (counted) when there is nothing to keep."""
    words, acronyms = split_name(entry.name, countries)
    meanings = [(code, code_meaning(code.code, iso)) for code in entry.codes]
    kept = [(code, meaning) for code, meaning in meanings if meaning and meaning.sector]
    reason = ("no code" if not entry.codes else "fictional (KNT)" if any(c.code[:3] in FICTIONAL for c in entry.codes)
              else "null code [---]" if all(c.code == "---" for c in entry.codes) else "")
    if not reason and not kept:
        unknown = [code.code for code, meaning in meanings if meaning is None and code.code != "---"]
        reason = f"unknown code {unknown[0]}" if unknown else "country-level code"
    if not reason and ", THEN " in " ".join(words):
        reason = "two people in one name"
    if reason:
        label = "unknown code" if reason.startswith("unknown") else reason
        stats.counts[f"{entry.source}: entries skipped, {label}"] += 1
        if reason.startswith(("unknown", "two")):
            stats.problems.append(f"{entry.source}: {entry.name!r}: {reason}")
        return None
    aliases = []
    for raw in entry.aliases:
        alias_words, alias_acronyms = split_name(raw, countries)
        aliases += [news_case(alias_words)] if alias_words else []
        aliases += alias_acronyms
    original = " ".join(entry.name.split())
    return Actor(news_case(words), aliases + acronyms, kept, original, entry.source)


# --- Building the tables ---------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of one of our CSV tables."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def known_names(rows: list[dict[str, str]]) -> set[str]:
    """Case-folded names and aliases of one of our tables."""
    return {name.casefold() for row in rows for name in [row["name"], *row["aliases"].split(SEP)] if name}


def ambiguous_words(actors: list[Actor]) -> set[str]:
    """One-word names and aliases that two different actors use."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            if " " not in form:
                owners[form.casefold()].add(actor.name.casefold())
    return {form for form, names in owners.items() if len(names) > 1}


def merge(actors: list[Actor]) -> list[Actor]:
    """One actor per name (case-insensitively): aliases and codes of its entries joined."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        key = actor.name.casefold()
        if key in merged:
            merged[key].aliases += actor.aliases
            merged[key].codes += [item for item in actor.codes if item not in merged[key].codes]
        else:
            merged[key] = Actor(actor.name, list(actor.aliases), list(actor.codes), actor.original, actor.source,
                                actor.person)
    return list(merged.values())


def drop_known(actors: list[Actor], ours: set[str], label: str, stats: Stats) -> list[Actor]:
    """Actors whose name or an alias is one of ours are dropped (ours are curated)."""
    kept = [actor for actor in actors if not {f.casefold() for f in (actor.name, *actor.aliases)} & ours]
    stats.counts[f"{label}: dropped as already ours"] += len(actors) - len(kept)
    return kept


def group_kind(actor: Actor, meaning: Meaning) -> str:
    """igo, ngo, company, armed_group, party or institution."""
    kinds = {"IGO": "igo", "NGO": "ngo", "MNC": "company", "IMG": "armed_group"}
    if meaning.head in kinds:
        return kinds[meaning.head]
    if meaning.sector in ARMED or meaning.sector == "PRM":
        return "armed_group"
    if meaning.sector == "PTY" or "party" in actor.name.casefold().split():
        return "party"
    return "company" if meaning.sector in ("BUS", "MED") and meaning.country else "institution"


def main_code(actor: Actor) -> tuple[Code, Meaning]:
    """A group's code: its undated one, else the one that starts last."""
    undated = [item for item in actor.codes if not item[0].start and not item[0].end]
    return undated[0] if undated else max(actor.codes, key=lambda item: item[0].start)


def people_rows(people: list[Actor]) -> list[list[str]]:
    """One row per person and dated code."""
    rows = {(p.name, SEP.join(p.aliases), m.country, m.sector, c.code, c.start, c.end, p.original, p.source)
            for p in people for c, m in p.codes}
    return sorted((list(row) for row in rows), key=lambda row: (row[0].casefold(), row[5], row[6], row[4]))


def group_rows(groups: list[Actor]) -> list[list[str]]:
    """One row per group."""
    rows = []
    for group in groups:
        code, meaning = main_code(group)
        kind = group_kind(group, meaning)
        rows.append([group.name, SEP.join(group.aliases), meaning.country, meaning.sector, code.code, kind,
                     group.original, group.source])
    return sorted(rows, key=lambda row: (row[0].casefold(), row[4]))


def agent_rows(path: Path, ours: set[str], stats: Stats) -> list[list[str]]:
    """Phoenix.agents.txt: one row per term (substitution sets and irregular plurals expanded)."""
    subsets: dict[str, list[str]] = {}
    rows: dict[str, list[str]] = {}
    for line in read_lines(path, stats):
        text = line.split("#", 1)[0].strip()
        marker = re.match(r"!(\w+)!\s*=\s*(.*)", text)
        if marker:
            subsets[marker.group(1)] = [item.strip() for item in marker.group(2).split(",")]
            continue
        if text and "[" not in text:
            stats.problems.append(f"{path.name}: {text!r} has no code, skipped")
        if not text or "[" not in text:
            continue
        phrase, _, rest = text.partition("[")
        agent = rest.split("]", 1)[0].strip()
        phrase, _, plural = phrase.partition("{")
        forms = [phrase, plural.split("}", 1)[0]]
        for form in forms:
            for name, items in subsets.items():
                if f"!{name}!" in form:
                    forms += [form.replace(f"!{name}!", item) for item in items]
        roles = [ROLE_SECTORS[g] for g in re.findall("...", agent.strip("~")) if g in ROLE_SECTORS]
        for form in forms:
            term = " ".join(form.replace("_", " ").lower().split())
            if not term or "!" in term:
                continue
            if not roles:
                stats.counts[f"{path.name}: terms skipped, code without a sector"] += 1
            elif term in ours:
                stats.counts[f"{path.name}: dropped as already in sectors.csv"] += 1
            elif term not in rows:
                rows[term] = [term, roles[0], agent, path.name]
    return sorted(rows.values())


def build(shared: Path, stats: Stats) -> dict[Path, str]:
    """Every output file's path and text."""
    reference = shared / "reference" / "petrarch2"
    country_rows = read_csv(ACTORS_DIR / "countries.csv")
    iso = {row["iso3"] for row in country_rows}
    countries = {n.upper() for row in country_rows for n in [row["name"], *row["aliases"].split(SEP)] if n}
    org_words = load_org_words(ACTORS_DIR / "not_person_words.txt")
    entries = [entry for name in ACTOR_FILES for entry in parse_actor_file(reference / name, stats)]
    pairs = [(entry, actor) for entry in entries if (actor := to_actor(entry, iso, countries, stats))]
    holders = read_csv(ACTORS_DIR / "office_holders.csv")
    given = {row["name"].split()[0].upper() for row in holders}
    given |= {e.name.replace("_", " ").split()[0].upper() for e, a in pairs
              if looks_like_person(e, a.original.upper().replace("_", " ").split(), org_words, set())}
    given -= {word.upper() for word in STOP_WORDS | PARTICLES}
    for entry, actor in pairs:
        actor.person = looks_like_person(entry, actor.original.upper().replace("_", " ").split(), org_words, given)
    people = merge([actor for _, actor in pairs if actor.person])
    groups = merge([actor for _, actor in pairs if not actor.person])
    for actors in (people, groups):
        banned = ambiguous_words(actors)
        for actor in actors:
            actor.aliases = clean_aliases(actor.name, actor.aliases, banned)
    people = drop_known(people, known_names(holders), "phoenix_people.csv", stats)
    groups = drop_known(groups, known_names(read_csv(ACTORS_DIR / "organisations.csv")), "phoenix_groups.csv", stats)
    terms = {row["term"].casefold() for row in read_csv(ACTORS_DIR / "sectors.csv")}
    return {
        ACTORS_DIR / "phoenix_people.csv": render(PEOPLE_COLUMNS, people_rows(people)),
        ACTORS_DIR / "phoenix_groups.csv": render(GROUP_COLUMNS, group_rows(groups)),
        ACTORS_DIR / "phoenix_agents.csv": render(AGENT_COLUMNS, agent_rows(reference / AGENT_FILE, terms, stats)),
    }


def render(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    """CSV text with a header and Unix line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def report(stats: Stats, outputs: dict[Path, str]) -> None:
    """Print row counts, drops, repairs and the entries that could not be read."""
    for path, text in outputs.items():
        print(f"{path.name}: {text.count(chr(10)) - 1} rows")
    for label, count in sorted(stats.counts.items()):
        print(f"{label}: {count}")
    for problem in stats.problems:
        print(f"not converted: {problem}")


def main(argv: list[str] | None = None) -> int:
    """Regenerate the Phoenix tables, or with --check report whether they are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared directory holding reference/petrarch2/ (default: ../shared)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if any table is out of date")
    args = parser.parse_args(argv)
    if not (args.shared / "reference" / "petrarch2").is_dir():
        parser.error(f"{args.shared / 'reference' / 'petrarch2'} not found; pass --shared PATH")
    stats = Stats()
    outputs = build(args.shared, stats)
    if args.check:
        stale = [path for path, text in outputs.items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date; run scripts/build_phoenix_actors.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    report(stats, outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
