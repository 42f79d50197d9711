"""A record's rows for the store's tables (columns in table order, see ``schema.py``)."""

from __future__ import annotations

import json
from datetime import date

from newsgraph.records import Record, record_to_dict

__all__ = ["TABLE_COLUMNS", "record_rows"]

TABLE_COLUMNS: dict[str, int] = {"documents": 19, "actors": 11, "mentions": 7, "events": 32, "quotes": 17, "places": 8}


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def record_rows(record: Record, doc_key: str, raw_hash: str) -> dict[str, list[tuple]]:
    """{table: rows} for one record; ``ingested_at`` is left to the database."""
    doc_id = record.id
    art = record.article
    document = (
        doc_id, doc_key, raw_hash, record.content_hash, record.source, record.url, record.input.where,
        art.headline, art.standfirst, "; ".join(art.byline) or None, _day(art.published), art.language,
        record.text, len(record.sentences), len(record.events), len(record.quotes), record.schema_version,
        json.dumps(record_to_dict(record), ensure_ascii=False),
    )
    actors = [(doc_id, a.id, a.name, a.kind, a.code, a.country, a.org, a.sector, a.role, a.in_kb, len(a.mentions))
              for a in record.actors]
    mentions = [(doc_id, a.id, m.text, m.start, m.end, m.sentence, m.method) for a in record.actors for m in a.mentions]
    events = []
    for e in record.events:
        s, t, p = e.source, e.target, e.place
        events.append((
            doc_id, e.id, e.type, e.mode, e.cameo, e.cameo_root, e.cameo_name, e.quad_class, e.goldstein, e.plover_score,
            s and s.actor, s and s.name, s and s.country, s and s.code,
            t and t.actor, t and t.name, t and t.country, t and t.code,
            e.reciprocal, e.modality, e.historical, e.date, _day(e.date), e.date_source,
            p and p.name, p and p.country, p and p.latitude, p and p.longitude, e.sentence,
            e.predicate.text, e.evidence, e.confidence,
        ))
    quotes = []
    for q in record.quotes:
        sp, rb = q.speaker, q.reported_by
        quotes.append((
            doc_id, q.id, q.kind, q.text, q.start, q.end, q.sentence, q.cue and q.cue.text,
            sp and sp.actor, sp and sp.name, sp and sp.country, sp and sp.sector, sp and sp.text, sp and sp.method,
            rb and rb.actor, rb and rb.name, q.event,
        ))
    places = [(doc_id, p.name, p.country, p.latitude, p.longitude, p.text, p.start, p.end) for p in record.places]
    return {"documents": [document], "actors": actors, "mentions": mentions, "events": events,
            "quotes": quotes, "places": places}
