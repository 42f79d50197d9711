"""Convert PETRARCH2's CAMEO verb dictionary into newsgraph's predicate lexicon format.

Reads ``reference/petrarch2/CAMEO.2.0.txt`` from the shared directory (openeventdata/petrarch2
at 676801c, MIT, (c) 2015 Open Event Data Alliance) and writes
``src/newsgraph/data/events/petrarch_patterns.csv``: every verb line and every pattern of the
dictionary, each either mapped onto the columns of ``patterns.csv`` (``use = yes``) or kept with
the reason it is not used (``use = no``), and where it came from (``provenance``: file, line,
verb block).

How a PETRARCH pattern maps onto the dependency parse (docs/events.md has the table):

* ``*`` is the verb the pattern was written for (its ``# VERB`` comment; the block's name when
  it has none), not every synonym of the block: a sense written for one verb does not carry to
  its WordNet synonyms ("consent" + "television" from a pattern written for "air"). Every verb
  line of a block gets the block's code; multi-word verbs (``+CALL_OFF``) are a verb and its
  particle (``prep``).
* A word or ``&SYNSET`` (each member) right after ``*`` is the object noun the sense needs
  (``object``), matched against the verb's object and the object of its preposition.
* ``(PREP ...)`` is a preposition the verb needs (``prep``); a word inside it is the object
  that preposition needs; ``+`` inside it puts the target there (``prep:PREP``).
* ``+`` right after ``*`` (or after the object) is the direct object as target (``dobj``).
* ``$`` before ``*`` is the subject, which is where newsgraph finds the source anyway.
* Not mapped, and said why: ``{PHRASE}`` objects (the coder matches one object word, and the
  head alone loses what the modifier says: ``{NOT GUILTY}``), words before the verb (a subject noun the sense needs), ``$`` or
  ``+`` elsewhere, ``^`` (skip a phrase), several objects or prepositional phrases, codes the
  codebook lacks, ``[---]`` (matched but never coded) and ``[:code]`` (an event by the target).

A verb that ``patterns.csv`` has keeps its own senses only (ours wins, and the row says so). A
verb ours lacks gets PETRARCH's senses that name an object noun or a preposition, but not its
bare default code: PETRARCH codes a bare verb only between two dictionary actors, and without
that check the defaults ("die", "lead", "help", "face") cost more precision than they gave
recall on both dev sets (docs/events.md, source ablation). Object nouns are written in the
singular, as the coder compares base forms.

    .venv/bin/python scripts/build_petrarch_verbs.py          # rewrite the table
    .venv/bin/python scripts/build_petrarch_verbs.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated import ROOT, parse_args, render, write_or_check  # noqa: E402

EVENTS_DIR = ROOT / "src" / "newsgraph" / "data" / "events"
OUTPUT = EVENTS_DIR / "petrarch_patterns.csv"
SOURCE = "CAMEO.2.0.txt"
COLUMNS = ["lemma", "pos", "light", "object", "prep", "target", "cameo", "note", "use", "why", "provenance"]
# The prepositions the coder can find a target behind (events/lexicon.py TARGET_SLOTS).
TARGET_PREPS = {"to", "with", "against", "on", "from", "for", "at", "into", "of", "over", "about", "between", "in"}
PARTICLES = TARGET_PREPS | {"up", "down", "off", "out", "away", "back", "by", "through", "across", "around", "aside"}
# Where the target of a sense with an object noun and no "+" is looked for: a preposition, else none.
OBJECT_TARGETS = "prep:to;prep:with;prep:against;prep:on;prep:over;none"
_HEADER = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[tuple[str, str, int]] = field(default_factory=list)  # (verb as written, code, line)
    patterns: list[tuple[str, str, int, str]] = field(default_factory=list)  # (pattern, code, line, its verb)


def block_verb(block: Block) -> str:
    return block.name.lower()


def _strip(line: str) -> str:
    return line.split("#", 1)[0].strip()


def read_blocks(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets and the verb blocks of the dictionary."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines[:start]:
        body = _strip(line)
        if body.startswith("&"):
            current = body
            synsets[current] = []
        elif body.startswith("+") and current:
            synsets[current].append(body[1:])
    blocks: list[Block] = []
    for n, line in enumerate(lines[start + 1:], start=start + 2):
        if m := _HEADER.match(line):
            blocks.append(Block(m["name"], m["code"].strip(), n))
            continue
        body = _strip(line)
        if not body or not blocks:
            continue
        code_match = _CODE.search(body)
        code = code_match["code"].strip() if code_match else ""
        content = body[:code_match.start()].strip() if code_match else body
        if body.startswith("-"):
            owner = line.split("#", 1)[1].split() if "#" in line else []
            blocks[-1].patterns.append((content[1:].strip(), code, n, owner[0].lower() if owner else block_verb(blocks[-1])))
        else:
            blocks[-1].verbs.append((re.sub(r"\{[^}]*\}", "", content).strip(), code, n))
    return synsets, blocks


def singular(word: str) -> str:
    """A noun's base form, by the regular English plural endings."""
    word = word.lower().strip("_")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _head(item: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The object nouns a pattern element stands for, or None if it is no noun."""
    if item.startswith("&"):
        members = synsets.get(item.rstrip("_"), synsets.get(item))
        return sorted({singular(m.replace("_", " ").split()[-1]) for m in members if m.strip("_")}) if members else None
    if item.startswith("{"):
        return None  # a multi-word phrase: the coder matches one object word, and the head alone
        # loses what the modifier says ("{NOT GUILTY}", "{DIPLOMATIC OFFENSIVE}")
    if re.fullmatch(r"[A-Z][A-Z'\-]*_?", item):
        return [singular(item)]
    return None


def _elements(text: str) -> list[str]:
    """A pattern's elements: words, {phrases}, (prepositional phrases), markers."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)


@dataclass
class Mapped:
    objects: list[str] = field(default_factory=list)
    prep: str = ""
    target: str = ""


def map_pattern(pattern: str, synsets: dict[str, list[str]]) -> Mapped | str:
    """The pattern as object, preposition and target slot; or why it cannot be."""
    if "*" not in pattern.split():
        return "no verb position"
    before, after = pattern.split("*", 1)
    if before.strip() not in ("", "$"):
        return "words before the verb"
    out = Mapped()
    bare_prep = False  # "(AGAINST) +": the target is that preposition's object
    for item in _elements(after):
        if item == "+":
            if out.target:
                return "two targets"
            if bare_prep and out.prep not in TARGET_PREPS:
                return "target behind a preposition the coder does not read"
            out.target = f"prep:{out.prep}" if bare_prep else "dobj"
            bare_prep = False
            continue
        bare_prep = False
        if item.startswith("("):
            if out.prep:
                return "several prepositional phrases"
            inner = item.strip("()").split()
            if not inner or inner[0].lower() not in PARTICLES:
                return "prepositional phrase without a known preposition"
            out.prep = inner[0].lower()
            rest = inner[1:]
            bare_prep = not rest
            if "+" in rest:
                if out.prep not in TARGET_PREPS or out.target:
                    return "target behind a preposition the coder does not read"
                out.target = f"prep:{out.prep}"
                rest = [r for r in rest if r != "+"]
            if rest:
                noun = _head(" ".join(rest) if rest[0].startswith("{") else rest[-1], synsets) if len(rest) == 1 or rest[0].startswith("{") else None
                if noun is None or out.objects:
                    return "words inside a prepositional phrase"
                out.objects = noun
        elif item in ("$", "^", "%", "!") or item.startswith("<"):
            return f"marker {item} after the verb"
        else:
            noun = _head(item, synsets)
            if noun is None:
                return "multi-word object phrase" if item.startswith("{") else f"element {item} is no noun"
            if out.objects or out.prep or out.target:
                return "several objects"
            out.objects = noun
    return out


def _code(raw: str, codes: set[str]) -> str | None | tuple[str]:
    """A usable CAMEO code; None for "no event"; a 1-tuple holding why not."""
    if raw in ("", "---"):
        return None
    first = raw.split(":", 1)[0].strip()
    if not first:
        return ("an event by the target ([:code])",)
    return first if first in codes else (f"code {first} is not in the CAMEO codebook",)


def _verb(written: str) -> tuple[str, str] | str:
    words = written.lstrip("+").strip("_").lower().split("_")
    if len(words) == 1 and words[0].isalpha():
        return words[0], ""
    if len(words) == 2 and words[1] in PARTICLES:
        return words[0], words[1]
    return f"multi-word verb {written}"


def _carried(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """(light verb, noun) pairs our noun patterns read: "launch" + "attack" is the noun's event."""
    return {(light.strip().lower(), row["lemma"].strip().lower()) for row in rows if row["pos"].strip().upper() == "NOUN"
            for light in row["light"].split(";") if light.strip()}


def _ours(rows: list[dict[str, str]]) -> tuple[dict[tuple[str, str, str], str], set[str]]:
    keys = {}
    for row in rows:
        if row["pos"].strip().upper() == "VERB":
            objects = ";".join(sorted(o.strip().lower() for o in row["object"].split(";") if o.strip()))
            keys.setdefault((row["lemma"].strip().lower(), objects, row["prep"].strip().lower()), row["cameo"].strip())
    return keys, {k[0] for k in keys}


def build_rows(text: str, ours: list[dict[str, str]], codes: set[str]) -> list[dict[str, str]]:
    synsets, blocks = read_blocks(text)
    our_keys, our_verbs = _ours(ours)
    carried = _carried(ours)
    seen: dict[tuple[str, str, str], str] = {}
    rows: list[dict[str, str]] = []

    def add(lemma: str, objects: list[str], prep: str, target: str, raw: str, note: str, where: str) -> None:
        code = _code(raw, codes)
        key = (lemma, ";".join(sorted(objects)), prep)
        use, why = "no", ""
        if isinstance(code, tuple):
            why = code[0]
        elif code is None:
            why = "matched but never coded ([---])"
        elif key in our_keys:
            why = f"ours wins: patterns.csv codes it {our_keys[key]}" if our_keys[key] != code else "patterns.csv has it"
        elif lemma in our_verbs:
            why = "ours wins: patterns.csv has this verb's senses"
        elif any((lemma, o) in carried for o in objects):
            why = "ours wins: patterns.csv reads this as its noun carried by the verb"
        elif not objects and not prep:
            why = "a bare verb: too ambiguous without the object or preposition a sense needs (measured)"
        elif key in seen:
            why = f"an earlier PETRARCH row has this key ({seen[key]})"
        else:
            use, seen[key] = "yes", code
        rows.append({"lemma": lemma, "pos": "VERB", "light": "", "object": ";".join(sorted(objects)), "prep": prep,
                     "target": target, "cameo": code if isinstance(code, str) else raw, "note": note, "use": use,
                     "why": why, "provenance": where})

    for block in blocks:
        singles = []
        for written, code, line in block.verbs:
            verb = _verb(written)
            where = f"{SOURCE}:{line} ({block.name})"
            if isinstance(verb, str):
                rows.append({"lemma": written.lower(), "pos": "VERB", "light": "", "object": "", "prep": "", "target": "",
                             "cameo": code or block.code, "note": written, "use": "no", "why": verb, "provenance": where})
                continue
            add(verb[0], [], verb[1], "dobj", code or block.code, written, where)
            if not verb[1]:
                singles.append(verb[0])
        for pattern, code, line, owner in block.patterns:
            where = f"{SOURCE}:{line} ({block.name}, written for {owner.upper()})"
            mapped = map_pattern(pattern, synsets)
            if isinstance(mapped, str):
                rows.append({"lemma": block.name.lower(), "pos": "VERB", "light": "", "object": "", "prep": "",
                             "target": "", "cameo": code, "note": f"- {pattern}", "use": "no", "why": mapped,
                             "provenance": where})
                continue
            target = mapped.target or (OBJECT_TARGETS if mapped.objects else "dobj")
            if owner in singles:
                add(owner, mapped.objects, mapped.prep, target, code, f"- {pattern}", where)
            else:
                rows.append({"lemma": owner, "pos": "VERB", "light": "", "object": ";".join(mapped.objects),
                             "prep": mapped.prep, "target": target, "cameo": code, "note": f"- {pattern}", "use": "no",
                             "why": "written for a verb that is not a one-word verb of its block", "provenance": where})
    return rows


def build(shared: Path) -> str:
    text = (shared / "reference" / "petrarch2" / SOURCE).read_text("utf-8", errors="replace")
    with (EVENTS_DIR / "patterns.csv").open(encoding="utf-8", newline="") as f:
        ours = list(csv.DictReader(f))
    with (EVENTS_DIR / "cameo.csv").open(encoding="utf-8", newline="") as f:
        codes = {row["code"] for row in csv.DictReader(f)}
    return render(COLUMNS, build_rows(text, ours, codes))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__.splitlines()[0], "reference/petrarch2", argv)
    text = build(args.shared)
    status = write_or_check({OUTPUT: text}, args.check, "build_petrarch_verbs.py")
    if args.check:
        return status
    rows = list(csv.DictReader(io.StringIO(text)))
    reasons: dict[str, int] = {}
    for r in rows:
        if r["use"] == "no":
            reason = re.sub(r" \(.*\)$", "", r["why"].split(":")[0])
            reasons[reason] = reasons.get(reason, 0) + 1
    print(f"  {sum(r['use'] == 'yes' for r in rows)} used, for {len({r['lemma'] for r in rows if r['use'] == 'yes'})} verbs")
    for reason, n in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  not used: {n:5d}  {reason}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
