"""A record's rows for the store's tables (columns as ``ingest._COLUMNS`` lists them).

Works on the serialised record (``record_to_dict``, the output schema's JSON),
so records extracted here, by Ray workers or read back from Parquet all go in
the same way.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

__all__ = ["record_rows", "record_where"]


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def record_where(record: dict[str, Any]) -> str:
    """Where a record was read from, as an input error would name it: a path, "path:line" or "-"."""
    ref = record["input"]
    return ref["path"] if ref.get("line") is None else f"{ref['path']}:{ref['line']}"


def record_rows(record: dict[str, Any], doc_key: str, raw_hash: str) -> dict[str, list[tuple]]:
    """{table: rows} for one serialised record; ``ingested_at`` is left to the database."""
    doc_id = record["id"]
    art = record["article"]
    document = (
        doc_id, doc_key, raw_hash, record["content_hash"], record["source"], record["url"], record_where(record),
        art["headline"], art["standfirst"], "; ".join(art["byline"]) or None, _day(art["published"]), art["language"],
        record["text"], len(record["sentences"]), len(record["events"]), len(record["quotes"]), record["schema_version"],
        json.dumps(record, ensure_ascii=False),
    )
    actors = [(doc_id, a["id"], a["name"], a["kind"], a["code"], a["country"], a["org"], a["sector"], a["role"],
               a["in_kb"], len(a["mentions"])) for a in record["actors"]]
    mentions = [(doc_id, a["id"], m["text"], m["start"], m["end"], m["sentence"], m["method"])
                for a in record["actors"] for m in a["mentions"]]
    events = []
    for e in record["events"]:
        s, t, p = e["source"] or {}, e["target"] or {}, e["place"] or {}
        events.append((
            doc_id, e["id"], e["type"], e["mode"], e["cameo"], e["cameo_root"], e["cameo_name"], e["quad_class"],
            e["goldstein"], e["plover_score"],
            s.get("actor"), s.get("name"), s.get("country"), s.get("code"),
            t.get("actor"), t.get("name"), t.get("country"), t.get("code"),
            e["reciprocal"], e["modality"], e["historical"], e["date"], _day(e["date"]), e["date_source"],
            p.get("name"), p.get("country"), p.get("latitude"), p.get("longitude"), e["sentence"],
            e["predicate"]["text"], e["evidence"], e["confidence"],
        ))
    quotes = []
    for q in record["quotes"]:
        sp, rb = q["speaker"] or {}, q["reported_by"] or {}
        quotes.append((
            doc_id, q["id"], q["kind"], q["text"], q["start"], q["end"], q["sentence"], (q["cue"] or {}).get("text"),
            sp.get("actor"), sp.get("name"), sp.get("country"), sp.get("sector"), sp.get("text"), sp.get("method"),
            rb.get("actor"), rb.get("name"), q["event"],
        ))
    places = [(doc_id, p["name"], p["country"], p["latitude"], p["longitude"], p["text"], p["start"], p["end"])
              for p in record["places"]]
    return {"documents": [document], "actors": actors, "mentions": mentions, "events": events,
            "quotes": quotes, "places": places}
