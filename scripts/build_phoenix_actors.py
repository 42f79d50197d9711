"""Convert PETRARCH2's Phoenix actor and agent dictionaries into newsgraph actor tables.

Reads ``reference/petrarch2/`` of the shared directory (never the network) and writes
``phoenix_people.csv``, ``phoenix_groups.csv`` and ``phoenix_agents.csv`` in
``src/newsgraph/data/actors/``, whose README ("Phoenix dictionaries") documents the rules:

* lines are read as UTF-8, else cp1252, and double-encoded runs ("Ã©") are repaired;
* the syntax is PETRARCH2's (``#`` comments, ``+`` aliases, ``[CODE DATES]`` lines); a name
  without a code directly followed by another name has that name as an alias (a missing ``+``);
* ``YYMMDD`` dates put years 00-30 in the 2000s, as KEDS/TABARI/PETRARCH do (the files have no
  year in 15-30 but many in 1931-39), longer ones are ``YYYYMMDD``;
* CAMEO codes give a country (``CAMEO_TO_ISO``) and a sector (``ROLE_SECTORS``); entries that
  name only a country, and names our own tables already have, are left out.

Standard library only, deterministic::

    .venv/bin/python scripts/build_phoenix_actors.py          # rewrite the tables
    .venv/bin/python scripts/build_phoenix_actors.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated import ROOT, parse_args, render, write_or_check  # noqa: E402

ACTORS_DIR = ROOT / "src" / "newsgraph" / "data" / "actors"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "cameo_code", "start", "end", "original", "source")
GROUP_COLUMNS = ("name", "aliases", "country", "sector", "cameo_code", "kind", "original", "source")
AGENT_COLUMNS = ("term", "sector", "cameo_agent", "source")
SEP = ";"

# CAMEO country codes that are not ISO 3166-1 alpha-3. Former states take their successor's code as in
# office_holders.csv; after a union prefix (YUGHRV, USRARM, FRNWLF) the republic's own code wins.
CAMEO_TO_ISO = {
    "ROM": "ROU", "ZAR": "COD", "KOS": "XKX", "KSV": "XKX", "TMP": "TLS", "ANG": "AGO",  # ANG: UNITA
    "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "FRY": "SRB", "SCG": "SRB", "CSK": "CZE", "DDR": "DEU",
    "KRJ": "HRV", "SRP": "BIH",  # Republic of Serbian Krajina, Republika Srpska (coded UNR: PRE)
}
UNION_PREFIXES = {"SUN", "USR", "YUG", "FRY", "SCG", "FRN"}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}
RELIGIONS = {"BAH", "BUD", "CHR", "CTH", "PRO", "HIN", "JEW", "MOS", "MUS", "SHI", "SUN", "SIK"}
# First groups naming no country: CAMEO regions, religions, MilNonState's INT (international) and KKL
# (its coder's initials). KNT is Kinakuta, the island of Cryptonomicon, in CountryInfo's test entries.
NO_COUNTRY = RELIGIONS - {"SUN"} | set("AFR ASA CAS CFR EAF EEU EIN EUR LAM MEA NAF NMR SAF SAM SAS SEA WAF "
                                       "WEU WST INT KKL".split())
FICTIONAL = "KNT"
ROLE_SECTORS = {  # CAMEO role group -> our sector code; other groups (UNO, WBK, RAD, MOD...) are not roles
    **{code: code for code in "GOV MIL COP JUD LEG OPP PTY REB SPY UAF ELI BUS MED EDU CVL LAB REF REL AGR "
       "CRM HLH".split()},
    "INS": "REB", "SEP": "REB", "UNR": "PRE", "DEV": "CVL", "HRI": "CVL", "ENV": "CVL", "PPL": "CVL",
    "NGO": "CVL", "IGO": "GOV", "MNC": "BUS", "IMG": "REB",
}
IGO_OWN_SECTORS = {"JUD", "LEG", "MIL", "COP", "SPY"}  # other IGOs and organs are GOV, as in organisations.csv
ARMED = {"REB", "UAF", "CRM"}
# GOV then one of these (our README's conventions): a legislature (GOVLEG) or defence body or minister
# (GOVMIL) takes it for anyone; a court (GOVJUD) or health body (GOVHLH) only for groups, not for ministers.
GOV_ORGANS = {"LEG": True, "MIL": True, "JUD": False, "HLH": False}
CONNECTIVES = set("of the and for in on at to du des no".split())
PARTICLES = CONNECTIVES | set("al el bin bint ibn ul de del della der den di da das do dos van von la le y".split())
# Kept upper case although they have a vowel; words without one are kept too, bar ABBREVIATIONS.
ACRONYMS = set("UN EU AU NATO OPEC IAEA ASEAN UNESCO UNICEF UNITA FARC ETA IRA OAS OAU OECD OSCE ECOWAS NASA "
               "BBC CIA FBI KGB PLO USA US UK UAE IMF WTO WHO ICC ICJ UNHCR UNDP UNEP UNRWA YPG PKK PUK KDP NGO "
               "NGOS SOS LTTE MILF MNLF ELN AUC ANC PFLP DFLP UDA UVF ULFA GAM NPA PIRA INLA CIRA EPLA".split())
ABBREVIATIONS = set("MR MRS MS DR ST JR SR MT FT LT SGT LTD".split())
ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIV|XV|XVI)")
STOP_WORDS = set(  # one-word aliases that are ordinary English words, not names
    "the president king queen prince minister premier chancellor leader chief general colonel major judge justice "
    "bishop pope father brother sister mother youth young rich brown black white green gray grey long little may "
    "march hope faith grace will rice bush gates price baker cook smith miller brave free power action unity union "
    "front army people party council movement liberation revolution peace victory freedom islam jihad martyrs "
    "brigade brigades avengers vanguard star rose wolf wolves tiger tigers eagle eagles lion lions dawn storm light "
    "rock stone hill wood field north south east west central national administration government regime state "
    "country republic nation".split())
# not_person_words.txt entries that are also surnames (Anthony Lake, Park Chung-hee) do not mark organisations.
SURNAME_WORDS = set("BAY CHURCH DAY HALL LAKE MARCH PARK PORT POST STREET VALLEY SEA HOUSE LINE".split())
ORG_WORDS = set(  # beyond not_person_words.txt
    "PARTY FRONT MOVEMENT FORCES ORGANIZATION ORGANISATION COMMITTEE COUNCIL UNION GROUP GROUPS CELLS CELL FACTION "
    "LEAGUE MINISTRY MINISTERS GOVERNMENT COUNTRIES SOLDIERS OFFICIALS PEACEKEEPER TROOPS REBELS MILITIA GUERRILLAS "
    "NUCLEI BRIGADES COMMANDOS CORPORATION INCORPORATED LLC PLC PROJECT INITIATIVE PARTNERSHIP ADMINISTRATION REGIME "
    "DECLARATION RIFLES TANK STATES NATIONS FELLOWSHIP WORLDWIDE CHAMBER CAMPAIGN VOICES SOCIEDAD COOPERACION "
    "COOPERACAO JIHAD LASHKAR LASKAR HARAKAT HARAKUT JAISH JAYSH JABHAT SENA BATTALION BATTALIONS COMMANDO SAYYAF "
    "MARGA SALVATRUCHAS QASSAM ISLAMI INSTITUTO FUNDACION MEDECINS".split())
PERSON_SECTION = re.compile(r"president|minister|leader|elite|monarch|chancellor|secretar|ruler", re.I)
HIGH = "".join(bytes([b]).decode("cp1252") for b in range(0x80, 0xC0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
MOJIBAKE = re.compile(f"[\u00c2-\u00df][{re.escape(HIGH)}]|[\u00e0-\u00ef][{re.escape(HIGH)}]{{2}}")
UPPERED = str.maketrans("ŠŒŽ", "šœž")  # 0x8A/0x8C/0x8E: the source upper-cased 0x9A/0x9C/0x9E


@dataclass
class Code:
    """One CAMEO code of an entry with its ISO start and end dates (empty when open)."""
    code: str
    start: str = ""
    end: str = ""


@dataclass
class Entry:
    """An actor entry as the dictionary gives it."""
    name: str
    source: str
    section: str = ""
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""


Meaning = tuple[str, str, str]  # country (ISO3, IGO/NGO/IMG/MNC or ""), sector ("" if only a country), head


@dataclass
class Actor:
    """An entry to write: upper-case words until ``finish`` cases them."""
    words: list[str]
    alias_words: list[list[str]]
    acronyms: list[str]
    codes: list[tuple[Code, Meaning]]
    original: str
    source: str
    person: bool = False
    name: str = ""
    aliases: list[str] = field(default_factory=list)

    def finish(self, person: bool) -> Actor:
        """Record whether this is a person and case name and aliases accordingly."""
        self.person, self.name = person, news_case(self.words, person)
        self.aliases = [news_case(words, person) for words in self.alias_words if words] + self.acronyms
        return self


# --- Reading ---------------------------------------------------------------------------------


def repair(text: str) -> str:
    """Undo double encoding: UTF-8 bytes read as cp1252 ("Ã©" -> "é")."""

    def fix(match: re.Match[str]) -> str:
        for candidate in (match.group().translate(UPPERED), match.group()):
            try:
                return candidate.encode("cp1252").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return match.group()

    return MOJIBAKE.sub(fix, text)


def read_lines(path: Path, stats: Counter[str]) -> list[str]:
    """The file's lines, each decoded as UTF-8 or else cp1252, with mojibake repaired."""
    lines, stats[f"{path.name}: lines decoded as cp1252"] = [], 0
    for raw in path.read_bytes().split(b"\n"):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            stats[f"{path.name}: lines decoded as cp1252"] += 1
        lines.append(repair(line).rstrip("\r"))
        stats[f"{path.name}: lines with mojibake repaired"] += lines[-1] != line.rstrip("\r")
    return lines


def parse_date(text: str) -> str:
    """An ISO date from PETRARCH's YYMMDD (seven characters at most) or YYYYMMDD."""
    text = text[2:] if len(text) == 10 and text.startswith("19") else text
    if not text.isdigit() or len(text) < 6:
        raise ValueError(text)
    if len(text) > 7:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    year = int(text[:2])
    return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:6])).isoformat()


def parse_code(body: str) -> Code:
    """``RUSGOV 991231-080507``, ``RUSGOV >080508``, ``RUSELI <090101`` or ``RUSELI``."""
    code, _, bounds = body.strip().partition(" ")
    bounds = bounds.replace(" ", "")
    if not bounds or bounds[0] in "<>":
        day = parse_date(bounds[1:]) if bounds else ""
        return Code(code, "", day) if bounds.startswith("<") else Code(code, day)
    first, _, last = bounds.partition("-")
    start, end = parse_date(first), parse_date(last) if last else ""
    if end and start > end:
        raise ValueError(bounds)
    return Code(code, start, end)


def add_codes(entry: Entry, text: str, stats: Counter[str], where: str) -> None:
    """Add every ``[...]`` of a line to the entry's codes."""
    for body in re.findall(r"\[([^\]]*)\]", text):
        try:
            entry.codes.append(parse_code(body))
        except ValueError:
            stats[f"not converted: {where}: [{body}] has a bad date or range; code skipped"] += 1


def parse_actor_file(path: Path, stats: Counter[str]) -> list[Entry]:
    """The entries of a TABARI/PETRARCH actor dictionary, with the heading each stands under."""
    entries: list[Entry] = []
    section, blank = "", True
    for number, line in enumerate(read_lines(path, stats), 1):
        text, _, comment = line.partition("#")
        text, where = text.strip(), f"{path.name}:{number}"
        if line.startswith("#"):  # a heading ("# Presidents") starts a section, an entry commented out does not
            blank, section = True, comment.strip() if re.search("[a-z]", comment) and "[" not in comment else section
        elif not text:  # a blank line ends a section; an indented comment belongs to the entry
            if comment.strip() and entries:
                entries[-1].comment += " " + comment
            else:
                blank, section = True, ""
        elif text[0] == "[" and entries:
            add_codes(entries[-1], text, stats, where)
        elif text[0] == "+" and entries:
            entries[-1].aliases += [alias for alias in text.split("+") if alias.strip()]
        elif ": " in text and "[" not in text:  # "Source: MNC.MLH.actors"
            stats[f"not converted: {where}: {text!r} is not an entry"] += 1
        elif entries and not entries[-1].codes and not blank:  # a name without its "+"
            entries[-1].aliases.append(text.split("[", 1)[0])
            add_codes(entries[-1], text, stats, where)
        else:
            entries.append(Entry(text.split("[", 1)[0].strip(), path.name, section))
            add_codes(entries[-1], text, stats, where)
        if text and entries:
            entries[-1].comment, blank = entries[-1].comment + " " + comment, False
    return entries


# --- Codes and names -------------------------------------------------------------------------


def roles_of(groups: list[str]) -> list[str]:
    """Our sectors for a code's role groups; a religion (MUS, CHR...) counts only when nothing else does."""
    roles = [ROLE_SECTORS[group] for group in groups if group in ROLE_SECTORS]
    return roles or (["REL"] if any(group in RELIGIONS for group in groups) else [])


def code_meaning(code: str, iso: set[str]) -> Meaning | None:
    """(country, sector, head) of a CAMEO actor code; None for the null code and unknown heads."""
    groups = [code[i:i + 3] for i in range(0, len(code), 3)]
    head, rest = groups[0], groups[1:]
    is_country = lambda group: group in iso or group in CAMEO_TO_ISO  # noqa: E731
    if head in UNION_PREFIXES and rest and is_country(rest[0]):
        head, rest = rest[0], rest[1:]
    if is_country(head) or (head in ("NGO", "MNC") and rest and is_country(rest[0])):
        country = CAMEO_TO_ISO.get(head, head) if is_country(head) else CAMEO_TO_ISO.get(rest[0], rest[0])
        rest = rest if is_country(head) else rest[1:]
    elif head in NON_STATE or head in NO_COUNTRY or head in ROLE_SECTORS:
        country, rest = (head, rest) if head in NON_STATE else ("", groups)
    else:
        return None
    first = (roles_of(rest) or [""])[0]
    sector = {"IGO": first if first in IGO_OWN_SECTORS else "GOV", "NGO": first or "CVL",
              "MNC": "MED" if first == "MED" else "BUS", "IMG": first if first in ARMED else "REB"}.get(head, first)
    return country, sector, head


def capitalise(text: str) -> str:
    """First letter upper, the rest lower."""
    index = next((i for i, char in enumerate(text) if char.isalpha()), 0)
    return text[:index] + text[index].upper() + text[index + 1:].replace("İ", "i").lower()


def case_part(part: str, first: bool, last: bool, person: bool) -> str:
    """News case for one hyphen- or slash-free piece of an upper-case name.

    People keep no ACRONYMS ("Chi Un Hui"), roman numerals only at the end ("Albert II"), and the
    vowel-less surnames Ng and Hng are title-cased.
    """
    bare = re.sub(r"[\W_]", "", part)
    letters = [char for char in unicodedata.normalize("NFKD", bare) if char.isalpha()]
    if not letters or bare[0].isdigit():
        return part.lower()
    if bare.lower() in PARTICLES and not first:
        return part.lower()
    if re.fullmatch(r"(?:\w\.)+", part) or (ROMAN.fullmatch(bare) and (last or not person)):
        return part
    if bare in ABBREVIATIONS or (person and bare in ("NG", "HNG")):
        return capitalise(part)
    if (bare in ACRONYMS and not person) or not any(char in "AEIOUY" for char in letters):
        return re.sub(r"'S$", "'s", part)
    if re.match(r"MC[A-Z]{2}", part):
        return "Mc" + capitalise(part[2:])
    return part[:2] + capitalise(part[2:]) if re.match(r"[A-Z]'[A-Z]", part) else capitalise(part)


def news_case(words: list[str], person: bool) -> str:
    """Title Case per word and hyphen part, with particles, acronyms and Mc/O' handled."""
    return " ".join("".join(
        piece if piece in "-/" else case_part(piece, index == 0 and n == 0, index == len(words) - 1, person)
        for n, piece in enumerate(re.split(r"([-/])", word))) for index, word in enumerate(words))


def split_name(raw: str, countries: set[str]) -> tuple[list[str], list[str]]:
    """Upper-case words of a dictionary name and the acronyms it gives in parentheses.

    ``(AAIA)`` becomes an alias, a country (``(GREECE)``) stays, other notes (``(CAUCASUS)``, an
    unclosed ``(1ST_TIME``) are dropped; ``ANARCHISTS,_THE`` becomes ``THE ANARCHISTS``.
    """
    text, acronyms = re.sub(r"\([^)]*$", "", " ".join(raw.upper().replace("_", " ").split())), []
    for inner in re.findall(r"\(([^()]*)\)", text):
        if inner.strip() not in countries:
            text = text.replace(f"({inner})", " ")
            acronyms += [inner] if re.fullmatch(r"[A-Z][A-Z-]{1,6}", inner) else []
    text = text.replace(")", " ") if text.count(")") > text.count("(") else text  # "HAMMARSKJOLD)"
    return re.sub(r"^(.*), THE$", r"THE \1", " ".join(text.split()).strip(" ,")).split(), acronyms


# --- Classification --------------------------------------------------------------------------


def is_person(entry: Entry, words: list[str], vocabulary: dict[str, set[str]]) -> bool:
    """People are listed by CountryInfo/IGOrulers, stand under a leaders heading, have a dated or ELI
    code (and two words), or start with initials or a known first name or end in a known surname."""
    if not words or any(char.isdigit() for char in "".join(words)) or entry.codes[0].code.startswith("MNC"):
        return False
    if all(word.strip(".,") in vocabulary["generic"] for word in words):
        return False  # "UN Secretary General", "American Vice President"
    if "CountryInfo" in entry.comment or "IGOrulers" in entry.comment:
        return True
    if any(word in ("THE", "AND", "FOR") for word in words) or any(
            part.strip(",.'") in vocabulary["org"] for word in words for part in word.split("-")):
        return False
    if PERSON_SECTION.search(entry.section) or (len(words) > 1 and any(
            code.start or code.end or code.code[3:6] == "ELI" for code in entry.codes)):
        return True
    initials = any(re.fullmatch(r"[B-Z]\.?|(?:[A-Z]\.)+", word) and word.replace(".", "") not in ACRONYMS
                   for word in words[:-1])
    plain = words[0].lower() not in PARTICLES and not any(word.lower() in CONNECTIVES for word in words)
    known = words[0] in vocabulary["given"] or (plain and words[-1] in vocabulary["surnames"])
    return 2 <= len(words) <= 5 and (initials or known)


def skip_reason(entry: Entry, words: list[str], meanings: list[Meaning | None], countries: set[str]) -> str:
    """Why an entry is not converted ("" if it is)."""
    if not entry.codes or entry.codes[0].code.startswith(FICTIONAL):
        return "no code" if not entry.codes else "fictional country"
    if not any(meaning and meaning[1] for meaning in meanings):
        unknown = [code.code for code, meaning in zip(entry.codes, meanings) if not meaning and code.code != "---"]
        return f"unknown code {unknown[0]}" if unknown else "null code" if not meanings[0] else "only a country"
    if " ".join(words) in countries:
        return "only a country"
    return "not one name" if not words or re.search(r", THEN |\bSEC\.|\bMIN\.", " ".join(words)) else ""


def to_actor(entry: Entry, iso: set[str], countries: set[str], stats: Counter[str]) -> Actor | None:
    """The entry's words, aliases and role codes; None (counted) if nothing is kept."""
    words, acronyms = split_name(entry.name, countries)
    meanings = [code_meaning(code.code, iso) for code in entry.codes]
    reason = skip_reason(entry, words, meanings, countries)
    if reason:
        stats[f"{entry.source}: entries skipped, {reason.split(' ')[0] if 'code ' in reason else reason}"] += 1
        if reason.startswith(("unknown", "not", "no code")):
            stats[f"not converted: {entry.source}: {entry.name!r}: {reason}"] += 1
        return None
    aliases = [split_name(raw, countries) for raw in entry.aliases]
    acronyms += [acronym for _, found in aliases for acronym in found]
    kept = [(code, meaning) for code, meaning in zip(entry.codes, meanings) if meaning and meaning[1]]
    return Actor(words, [alias for alias, _ in aliases], acronyms, kept, " ".join(entry.name.split()), entry.source)


def vocabulary_for(pairs: list[tuple[Entry, Actor]], countries: list[dict[str, str]],
                   holders: list[dict[str, str]]) -> dict[str, set[str]]:
    """Word lists for ``is_person``: organisation words, generic (title, country) words, first names
    and surnames (of our office holders and of the entries that are surely people)."""
    lines = (ACTORS_DIR / "not_person_words.txt").read_text("utf-8").splitlines()
    org = {line.strip().upper() for line in lines if line[:1].isalpha()} - SURNAME_WORDS | ORG_WORDS
    generic = {word.upper() for row in read_csv(ACTORS_DIR / "sectors.csv") for word in row["term"].split()}
    generic |= {word.upper() for row in countries for column in ("name", "aliases", "adjectives")
                for word in row[column].replace(SEP, " ").split()} | ACRONYMS | {w.upper() for w in PARTICLES}
    vocabulary = {"org": org, "generic": generic, "given": set(), "surnames": set()}
    sure = [actor.words for entry, actor in pairs if is_person(entry, actor.words, vocabulary)]
    names = [row["name"].upper().split() for row in holders] + sure
    common = generic | org | {word.upper() for word in STOP_WORDS}
    vocabulary["given"] = {name[0] for name in names} - common
    vocabulary["surnames"] = {name[-1] for name in names if not ROMAN.fullmatch(name[-1])} - common
    return vocabulary


# --- Tables ----------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of one of our CSV tables."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def known_names(rows: list[dict[str, str]]) -> set[str]:
    """Case-folded names and aliases of one of our tables."""
    return {name.casefold() for row in rows for name in [row["name"], *row["aliases"].split(SEP)] if name}


def merge(actors: list[Actor]) -> list[Actor]:
    """One actor per name (case-insensitively), with the aliases and codes of all its entries."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        first = merged.setdefault(actor.name.casefold(), Actor(
            actor.words, [], [], [], actor.original, actor.source, actor.person, actor.name))
        first.aliases += actor.aliases
        first.codes += [item for item in actor.codes if item not in first.codes]
    return list(merged.values())


def tidy(actors: list[Actor], ours: set[str], label: str, stats: Counter[str]) -> list[Actor]:
    """Clean aliases (dropping one-word ones two actors share), then drop the actors we have."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            if " " not in form:
                owners[form.casefold()].add(actor.name.casefold())
    banned = {form for form, names in owners.items() if len(names) > 1}
    kept = []
    for actor in actors:
        unique: dict[str, str] = {}
        for alias in actor.aliases:
            if ok_alias(alias, banned):
                unique.setdefault(alias.casefold(), alias)
        unique.pop(actor.name.casefold(), None)
        actor.aliases = list(unique.values())
        if not {form.casefold() for form in (actor.name, *actor.aliases)} & ours:
            kept.append(actor)
    stats[f"{label}: dropped as already ours"] += len(actors) - len(kept)
    return kept


def ok_alias(alias: str, banned: set[str]) -> bool:
    """An alias worth keeping: it has a letter, no lost character, and is not a common or shared word."""
    one_word = " " not in alias and (alias.casefold() in STOP_WORDS or alias.casefold() in banned)
    return bool(re.search(r"[^\W\d_]", alias)) and "\ufffd" not in alias and not one_word


def group_kind(name: str, meaning: Meaning) -> str:
    """igo, ngo, company, armed_group, party or institution."""
    country, sector, head = meaning
    kinds = {"IGO": "igo", "NGO": "ngo", "MNC": "company", "IMG": "armed_group"}
    if head in kinds or sector in ARMED:
        return kinds.get(head, "armed_group")
    if sector == "PTY" or "party" in name.casefold().split(" of ")[0].split():
        return "party"
    return "company" if sector in ("BUS", "MED") else "institution"


def refined(code: str, sector: str, person: bool) -> str:
    """The sector of a GOV code whose next role is one of ``GOV_ORGANS``."""
    second = code[6:9] if sector == "GOV" and code[3:6] == "GOV" else ""
    return second if second in GOV_ORGANS and (GOV_ORGANS[second] or not person) else sector


def people_rows(people: list[Actor]) -> list[list[str]]:
    """One row per person and code; a person's undated (default) code comes after the dated ones."""
    rows = {(p.name, SEP.join(p.aliases), m[0], refined(c.code, m[1], True), c.code, c.start, c.end, p.original,
             p.source) for p in people for c, m in p.codes}
    return sorted(map(list, rows), key=lambda r: (r[0].casefold(), not (r[5] or r[6]), r[5], r[6], r))


def group_rows(groups: list[Actor]) -> list[list[str]]:
    """One row per group, with its undated code or else the one that starts last."""
    rows = []
    for group in groups:
        undated = [item for item in group.codes if not item[0].start and not item[0].end]
        code, (country, sector, head) = undated[0] if undated else max(group.codes, key=lambda item: item[0].start)
        meaning = (country, refined(code.code, sector, False), head)
        rows.append([group.name, SEP.join(group.aliases), country, meaning[1], code.code,
                     group_kind(group.name, meaning), group.original, group.source])
    return sorted(rows, key=lambda row: (row[0].casefold(), row))


def agent_terms(phrase: str, subsets: dict[str, list[str]]) -> list[str]:
    """``CONGRESS!PERSON! {PLURAL}`` as terms: substitution sets and the irregular plural expanded."""
    phrase, _, plural = phrase.partition("{")
    forms = [phrase, plural.split("}", 1)[0]]
    for form in list(forms):
        for marker, items in subsets.items():
            forms += [form.replace(f"!{marker}!", item) for item in items if f"!{marker}!" in form]
    terms = (" ".join(form.replace("_", " ").lower().split()) for form in forms)
    return [term for term in terms if term and "!" not in term]


def agent_rows(path: Path, ours: set[str], stats: Counter[str]) -> list[list[str]]:
    """Phoenix.agents.txt: one row per term; the first code given for a term wins."""
    subsets: dict[str, list[str]] = {}
    rows: dict[str, list[str]] = {}
    for line in read_lines(path, stats):
        text = line.split("#", 1)[0].strip()
        marker = re.match(r"!(\w+)!\s*=\s*(.*)", text)
        if marker:
            subsets[marker.group(1)] = [item.strip() for item in marker.group(2).split(",")]
        elif text and "[" not in text:
            stats[f"not converted: {path.name}: {text!r} has no code"] += 1
        elif text:
            phrase, _, rest = text.partition("[")
            agent = re.sub(r"[^A-Z~]", "", rest.split("]", 1)[0])  # "[~ENV}" once
            sector = (roles_of(re.findall("...", agent.strip("~"))) or [""])[0]
            for term in agent_terms(phrase, subsets):
                label = "no sector" if not sector else "already in sectors.csv" if term in ours else ""
                if label:
                    stats[f"{path.name}: terms dropped, {label}"] += 1
                else:
                    rows.setdefault(term, [term, sector, agent, path.name])
    return sorted(rows.values())


def build(shared: Path, stats: Counter[str]) -> dict[Path, str]:
    """Every output file's path and text."""
    reference = shared / "reference" / "petrarch2"
    countries, holders = read_csv(ACTORS_DIR / "countries.csv"), read_csv(ACTORS_DIR / "office_holders.csv")
    iso = {row["iso3"] for row in countries}
    names = {name.upper() for row in countries for name in [row["name"], *row["aliases"].split(SEP)] if name}
    entries = [entry for name in ACTOR_FILES for entry in parse_actor_file(reference / name, stats)]
    pairs = [(entry, actor) for entry in entries if (actor := to_actor(entry, iso, names, stats))]
    vocabulary = vocabulary_for(pairs, countries, holders)
    actors = [actor.finish(is_person(entry, actor.words, vocabulary)) for entry, actor in pairs]
    people = tidy(merge([a for a in actors if a.person]), known_names(holders), "phoenix_people.csv", stats)
    ours = known_names(read_csv(ACTORS_DIR / "organisations.csv")) | known_names(holders)
    groups = tidy(merge([a for a in actors if not a.person]), ours, "phoenix_groups.csv", stats)
    terms = {row["term"].casefold() for row in read_csv(ACTORS_DIR / "sectors.csv")}
    return {
        ACTORS_DIR / "phoenix_people.csv": render(PEOPLE_COLUMNS, people_rows(people)),
        ACTORS_DIR / "phoenix_groups.csv": render(GROUP_COLUMNS, group_rows(groups)),
        ACTORS_DIR / "phoenix_agents.csv": render(AGENT_COLUMNS, agent_rows(reference / AGENT_FILE, terms, stats)),
    }


def main(argv: list[str] | None = None) -> int:
    """Regenerate the Phoenix tables, or with --check report whether they are current."""
    args = parse_args(__doc__.splitlines()[0], "reference/petrarch2", argv)
    stats: Counter[str] = Counter()
    status = write_or_check(build(args.shared, stats), args.check, "build_phoenix_actors.py")
    if not args.check:
        for label, count in sorted(stats.items()):
            print(label if label.startswith("not converted") else f"{label}: {count}")
    return status

if __name__ == "__main__":
    sys.exit(main())
