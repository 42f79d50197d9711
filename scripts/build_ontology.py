"""Build the CAMEO and PLOVER event tables of newsgraph's event ontology.

Writes three files under ``src/newsgraph/data/events/``:

* ``cameo.csv`` -- one row per CAMEO code of the codebook, with its root, the
  standard CAMEO QuadClass, its Goldstein score and its PLOVER event type, mode
  and context.
* ``plover.csv`` -- the 16 PLOVER event types of the manual (draft 0.8), with
  their quad class, a one-line description and the modes the manual lists.
* ``plover_scores.csv`` -- the manual's conflict/cooperation score for each
  PLOVER event type and (type, mode) pair.

Where the facts come from (all read from the ``reference/`` folder of the
shared directory, never from the network):

* ``cameo-codes.csv``: the CAMEO codebook from andybega/icews (MIT,
  (c) 2022 Andreas Beger) -- codes, names, descriptions, Goldstein scores.
* ``CAMEO2PLOVER-2021.txt``: the CAMEO -> PLOVER conversion table from
  openeventdata/PLOVER (CC BY-SA 4.0).
* ``PLOVER_MANUAL.tex``: the PLOVER manual, draft 0.8, from
  openeventdata/PLOVER (CC BY-SA 4.0) -- event types, quad categories, modes,
  contexts and the PLOVER scores table.

Mapping rules (see ``src/newsgraph/data/events/README.md``):

* A CAMEO code missing from the conversion table inherits the entry of its
  nearest listed ancestor (0311 -> 031 -> 03).
* The manual drops CAMEO roots 01 (make public statement) and 02 (appeal), and
  the conversion table lists neither, so their PLOVER fields stay empty.
* Where the conversion table lists a code twice, the first entry wins (it lists
  root 08 as both CONCEDE and RETREAT; its 3- and 4-digit codes are explicit).
* A mode that is really one of the manual's context names (175's
  ``pro_autocracy``) is moved into the context field.
* Modes the 2021 table uses but draft 0.8 no longer lists are renamed to the
  draft 0.8 mode whose definition covers them (``MODE_RENAMES``: assassinate
  and massacre -> targeted, ban and political -> restrict, ...) or dropped
  where none does (ease, return, cleansing); the context ``democracy`` is
  renamed ``pro_democracy``. Every mode written is one the manual lists for
  its event type.
* Old PLOVER names are mapped to draft 0.8 names: DEMAND -> REQUEST,
  DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

The script uses the standard library only and is deterministic::

    .venv/bin/python scripts/build_ontology.py          # rewrite the tables
    .venv/bin/python scripts/build_ontology.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS_DIR = ROOT / "src" / "newsgraph" / "data" / "events"
DEFAULT_SHARED = ROOT.parent / "shared"

CAMEO_COLUMNS = (
    "code", "name", "root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context", "description",
)
PLOVER_COLUMNS = ("type", "quad_class", "description", "modes")
SCORE_COLUMNS = ("type", "mode", "score")

SEP = ";"
MAX_DESCRIPTION = 200  # cameo.csv; plover.csv keeps a type's whole first sentence on one line
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# (type, mode in CAMEO2PLOVER-2021) -> the draft 0.8 mode that covers it, or "" where none does.
MODE_RENAMES = {
    ("ASSAULT", "assassinate"): "targeted",  # "targeted: ... assassinations and executions"
    ("ASSAULT", "massacre"): "targeted",  # "... deliberate mass killings of defenseless actors"
    ("ASSAULT", "seize"): "destroy",  # 1712 Destroy property
    ("ASSAULT", "cleansing"): "",  # commented out of the manual's ASSAULT modes
    ("COERCE", "ban"): "restrict",  # "restrict: ... banning of individuals or organizations"
    ("THREATEN", "ban"): "restrict",  # "restrict: ... banning of political activities"
    ("THREATEN", "political"): "restrict",  # 1321 threaten restrictions on freedoms of speech
    ("RETREAT", "ease"): "",  # the table itself notes "ease" is no longer a mode
    ("RETREAT", "return"): "",  # commented out of the manual's RETREAT modes
}
CONTEXT_RENAMES = {"democracy": "pro_democracy"}
QUAD_NAMES = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


@dataclass(frozen=True)
class CameoCode:
    """One entry of the CAMEO codebook."""

    code: str
    name: str
    goldstein: float
    description: str


@dataclass(frozen=True)
class PloverMapping:
    """The PLOVER coding the conversion table gives a CAMEO code."""

    type: str
    mode: str
    context: str


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type as the manual defines it."""

    name: str
    quad_class: int
    description: str
    modes: tuple[str, ...]


@dataclass(frozen=True)
class Manual:
    """The facts newsgraph takes from the PLOVER manual."""

    types: tuple[PloverType, ...]
    contexts: frozenset[str]
    scores: tuple[tuple[str, str, float], ...]  # (type, mode or "", score)


# --- CAMEO codebook -------------------------------------------------------------------------------


def repair_mojibake(text: str) -> str:
    """Undo the codebook's double encoding (UTF-8 read as Mac Roman, saved as cp1252).

    ``Moscow\\x82\\xc4\\xf4s`` decodes as cp1252 to ``Moscow‚Äôs``; re-encoding
    each non-ASCII run as Mac Roman gives back the UTF-8 bytes of ``’``. Runs
    that do not round-trip (one damaged example sentence) are left as they are.
    """

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()

    return re.sub(r"[^\x00-\x7f]+", fix, text)


def one_line(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """Collapse whitespace, use ASCII quotes and dashes, and cut at a word boundary."""
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,;:") + "..."


def load_codebook(path: Path) -> list[CameoCode]:
    """Read cameo-codes.csv: every code with its name, Goldstein score and description."""
    text = repair_mojibake(path.read_bytes().decode("cp1252"))
    entries = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        description = row["description"] if row["description"] not in ("", "NA") else row["name"]
        entries.append(CameoCode(row["code"], row["name"].strip(), float(row["goldstein"]), one_line(description)))
    codes = [entry.code for entry in entries]
    if len(set(codes)) != len(codes):
        raise SystemExit(f"{path.name}: duplicate CAMEO codes")
    return sorted(entries, key=lambda entry: entry.code)


# --- CAMEO -> PLOVER conversion table -------------------------------------------------------------


def split_values(value: str) -> str:
    """Normalise a multi-valued context ("crime; democracy") to draft 0.8 names ("crime;pro_democracy")."""
    items = (item.strip() for item in value.split(SEP))
    return SEP.join(CONTEXT_RENAMES.get(item, item) for item in items if item)


def parse_mapping_line(line: str) -> tuple[str, PloverMapping] | None:
    """Parse ``036: AGREE,  , diplomatic # comment``; None for comments, blanks and rules."""
    match = re.match(r"^(\d{2,4}):(.*)$", line.split("#", 1)[0].strip())
    if match is None:
        return None
    fields = [field.strip() for field in match.group(2).split(",")] + ["", ""]
    event_type = fields[0].upper()
    event_type = OLD_PLOVER_NAMES.get(event_type, event_type)
    return match.group(1), PloverMapping(event_type, fields[1], split_values(fields[2]))


def load_conversion(path: Path, contexts: frozenset[str]) -> dict[str, PloverMapping]:
    """Read CAMEO2PLOVER: code -> mapping, first entry winning, stray contexts moved out of mode."""
    mapping: dict[str, PloverMapping] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parsed = parse_mapping_line(line)
        if parsed is None or parsed[0] in mapping:
            continue
        code, entry = parsed
        if entry.mode in contexts:
            entry = PloverMapping(entry.type, "", split_values(SEP.join((entry.mode, entry.context))))
        mode = MODE_RENAMES.get((entry.type, entry.mode), entry.mode)
        mapping[code] = PloverMapping(entry.type, mode, entry.context)
    return mapping


def mapping_for(code: str, mapping: dict[str, PloverMapping]) -> PloverMapping | None:
    """The entry for ``code`` or, failing that, for its nearest listed ancestor."""
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None


def quad_class(root: str) -> int:
    """The standard CAMEO QuadClass of a two-digit root."""
    number = int(root)
    if not 1 <= number <= 20:
        raise SystemExit(f"CAMEO root {root!r} is outside 01-20")
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


# --- PLOVER manual --------------------------------------------------------------------------------


def strip_comments(tex: str) -> str:
    """Remove LaTeX comments (an unescaped ``%`` to the end of the line)."""
    return "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in tex.splitlines())


def latex_to_text(tex: str) -> str:
    """Plain text of a short LaTeX passage: formatting commands unwrapped, markup dropped."""
    text = re.sub(r"\\(?:plcat|plcon|plmod|txt|ti|textit|emph|texttt|textbf)\{([^{}]*)\}", r"\1", tex)
    text = text.replace("---", " - ").replace("``", '"').replace("''", '"').replace("\\ldots", "...")
    text = re.sub(r"\\[a-zA-Z]+\*?(\{[^{}]*\})?", " ", text).replace("~", " ").replace("\\", "")
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The text up to its first full stop (or all of it), ending in a full stop."""
    match = re.match(r"(.+?[.:])(?:\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence.rstrip(":") + ("" if sentence.endswith(".") else ".")


def type_description(intro: str) -> str:
    """One line describing an event type: its first sentence, or the first of each bullet."""
    lead = latex_to_text(intro.split("\\begin{itemize}", 1)[0])
    if lead:
        # COOPERATE's lead ends "..., including" before its list of examples.
        return one_line(first_sentence(re.sub(r",? including$", "", lead)), limit=1000)
    items = [first_sentence(latex_to_text(item)).rstrip(".") for item in intro.split("\\item")[1:]]
    items = [items[0]] + [item[:1].lower() + item[1:] for item in items[1:]]
    return one_line("; ".join(items) + ".", limit=1000)


def table_names(block: str) -> list[str]:
    """First-column names of the ``Name & Content`` tables in a block of LaTeX."""
    names = []
    for table in re.findall(r"Name & Content(.*?)\\end\{tabular\}", block, flags=re.S):
        names += re.findall(r"^\s*([a-z][a-z\-]*)\s*&", table, flags=re.M)
    return names


def parse_types(tex: str) -> tuple[PloverType, ...]:
    """The event types of the manual's ``Event Categories`` chapter, in manual order."""
    chapter = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{", 1)[0]
    types = []
    for name, body in re.findall(r"\\section\{([A-Z]+)\}(.*?)(?=\\section\{|\Z)", chapter, flags=re.S):
        quad = re.search(r"\\subsection\{Quad category: ([A-Z ]+)\}", body)
        if quad is None:
            raise SystemExit(f"PLOVER manual: no quad category for {name}")
        intro = body.split("\\subsection", 1)[0]
        quad_number = QUAD_NAMES[quad.group(1).strip()]
        types.append(PloverType(name, quad_number, type_description(intro), tuple(table_names(body))))
    return tuple(types)


def parse_contexts(tex: str) -> frozenset[str]:
    """Context names of the manual's general contexts table."""
    table = tex.split("\\label{tab:general-contexts}", 1)[1].split("\\end{longtable}", 1)[0]
    table = table.split("\\endlastfoot", 1)[1]
    names = re.findall(r"^\s*(?:\\hyperref\[[^\]]*\]\{)?([a-z\\_]+)\}?\s*&", table, flags=re.M)
    return frozenset(name.replace("\\_", "_") for name in names)


def parse_scores(tex: str, types: Sequence[PloverType]) -> tuple[tuple[str, str, float], ...]:
    """The ``PLOVER conflict--cooperation scores`` table, ordered by type then mode as in the manual."""
    table = tex.split("\\caption{PLOVER conflict--cooperation scores}", 1)[1].split("\\end{tabular}", 1)[0]
    table = table.replace("\\cellcolor{gray!25}", "").replace("\\hline", "")
    modes = {plover.name: plover.modes for plover in types}
    scores = []
    for row in table.split("\\\\"):
        cells = [cell.strip() for cell in row.split("&")]
        for label, score in zip(cells[0::2], cells[1::2]):
            if not label or label.startswith("\\"):
                continue
            event_type, _, mode = (part.strip() for part in label.partition(":"))
            mode = mode.lower()
            if event_type not in modes or (mode and mode not in modes[event_type]):
                raise SystemExit(f"PLOVER manual scores: unknown type or mode {label!r}")
            scores.append((event_type, mode, float(score)))
    order = {plover.name: index for index, plover in enumerate(types)}

    def manual_order(item: tuple[str, str, float]) -> tuple[int, int]:
        event_type, mode, _ = item
        return order[event_type], modes[event_type].index(mode) + 1 if mode else 0

    return tuple(sorted(scores, key=manual_order))


def load_manual(path: Path) -> Manual:
    """Read the event types, contexts and scores of PLOVER_MANUAL.tex."""
    tex = strip_comments(path.read_text(encoding="utf-8"))
    types = parse_types(tex)
    if len(types) != 16:
        raise SystemExit(f"PLOVER manual: expected 16 event types, found {len(types)}")
    return Manual(types, parse_contexts(tex), parse_scores(tex, types))


# --- Output ---------------------------------------------------------------------------------------


def cameo_rows(
    codebook: Iterable[CameoCode], mapping: dict[str, PloverMapping], modes: dict[str, tuple[str, ...]]
) -> list[list[str]]:
    """Rows of cameo.csv, checking every PLOVER type and mode used is one the manual lists."""
    rows = []
    for entry in codebook:
        plover = mapping_for(entry.code, mapping) or PloverMapping("", "", "")
        if plover.type and (plover.type not in modes or plover.mode and plover.mode not in modes[plover.type]):
            raise SystemExit(f"CAMEO2PLOVER: {entry.code} maps to {plover.type} {plover.mode!r}, not in the manual")
        root = entry.code[:2]
        rows.append([
            entry.code, entry.name, root, str(quad_class(root)), str(entry.goldstein),
            plover.type, plover.mode, plover.context, entry.description,
        ])
    return rows


def render(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Serialise rows as CSV text with a header and Unix line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def build(shared: Path) -> dict[Path, str]:
    """Every output file's path and text, built from the shared reference files."""
    reference = shared / "reference"
    manual = load_manual(reference / "PLOVER_MANUAL.tex")
    mapping = load_conversion(reference / "CAMEO2PLOVER-2021.txt", manual.contexts)
    codebook = load_codebook(reference / "cameo-codes.csv")
    types = [[t.name, t.quad_class, t.description, SEP.join(t.modes)] for t in manual.types]
    modes = {t.name: t.modes for t in manual.types}
    return {
        EVENTS_DIR / "cameo.csv": render(CAMEO_COLUMNS, cameo_rows(codebook, mapping, modes)),
        EVENTS_DIR / "plover.csv": render(PLOVER_COLUMNS, types),
        EVENTS_DIR / "plover_scores.csv": render(SCORE_COLUMNS, manual.scores),
    }


def main(argv: list[str] | None = None) -> int:
    """Regenerate the event tables, or with --check report whether they are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared directory holding reference/ (default: ../shared beside the repo)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if any table is out of date")
    args = parser.parse_args(argv)
    if not (args.shared / "reference").is_dir():
        parser.error(f"{args.shared / 'reference'} not found; pass --shared PATH")
    outputs = build(args.shared)
    if args.check:
        stale = [
            path for path, text in outputs.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date; run scripts/build_ontology.py", file=sys.stderr)
        return 1 if stale else 0
    EVENTS_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {text.count(chr(10)) - 1} rows to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
