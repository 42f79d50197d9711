"""An article's text as HTML with its actors, event predicates and quotations marked.

Every character of the text is escaped; marks are flat ``<span>`` runs (a run
changes where the set of things covering it changes), so overlapping spans —
a name inside a quotation — need no nesting. Paragraph breaks become ``<p>``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

__all__ = ["highlight"]


def highlight(record: dict[str, Any]) -> Markup:
    """``record`` is a record as the output schema serialises it (``record_to_dict``)."""
    text = record["text"]
    marks: list[tuple[int, int, str, str]] = []  # start, end, class, title
    for actor in record["actors"]:
        label = f"{actor['name']} ({actor['code'] or actor['country'] or actor['kind']})"
        marks.extend((m["start"], m["end"], "ent", label) for m in actor["mentions"])
    for e in record["events"]:
        who = f"{(e['source'] or {}).get('name', '?')} → {(e['target'] or {}).get('name', '—')}"
        marks.append((e["predicate"]["start"], e["predicate"]["end"], "pred",
                      f"{e['type'] or e['cameo_name']} ({e['cameo']}, {e['modality']}): {who}"))
    for q in record["quotes"]:
        if q["kind"] != "indirect":
            speaker = (q["speaker"] or {}).get("name", "unknown speaker")
            marks.append((q["start"], q["end"], "quote", f"{q['kind']} quotation: {speaker}"))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        if not covering:
            out.append(_paragraphs(piece))
            continue
        classes = " ".join(sorted({m[2] for m in covering}))
        title = "; ".join(dict.fromkeys(m[3] for m in covering))
        out.append(f'<span class="{classes}" title="{escape(title)}">{_paragraphs(piece)}</span>')
    return Markup("<p>" + "".join(out) + "</p>")


def _paragraphs(piece: str) -> str:
    return str(escape(piece)).replace("\n\n", "</p><p>").replace("\n", "<br>")
