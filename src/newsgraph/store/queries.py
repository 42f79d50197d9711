"""Queries over the store, shared by the CLI, the HTTP API and the exports.

Every filter reaches DuckDB as a bound parameter, never as SQL text. Each
function returns a ``Table`` (column names and rows). Event queries default to
asserted events, as the output schema's filters do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from newsgraph.store.schema import StoreError

__all__ = ["EventFilter", "Table", "actor", "actors", "count_events", "document", "dyads", "events", "fetch_failures",
           "network", "quotes", "read_only_sql", "search", "sources", "stats", "timeline", "type_mix"]


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass
class EventFilter:
    since: date | None = None
    until: date | None = None
    source: list[str] = field(default_factory=list)  # country codes or actor names/codes
    target: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # either side
    actor: str | None = None  # a name, either side
    types: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    modality: list[str] = field(default_factory=lambda: ["asserted"])
    historical: bool = False  # include background events
    text: str | None = None  # words in the evidence sentence

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []

        def side(col: str, values: list[str]) -> None:
            if values:
                parts = []
                for v in values:
                    parts.append(f"({alias}.{col}_country = ? OR {alias}.{col}_code = ? OR {alias}.{col}_name ILIKE ?)")
                    params.extend([v.upper(), v.upper(), f"%{v}%"])
                clauses.append("(" + " OR ".join(parts) + ")")

        if self.since:
            clauses.append(f"{alias}.day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{alias}.day <= ?")
            params.append(self.until)
        side("source", self.source)
        side("target", self.target)
        if self.country:
            codes = [c.upper() for c in self.country]
            clauses.append(f"({alias}.source_country IN (SELECT unnest(?)) OR {alias}.target_country IN (SELECT unnest(?)))")
            params.extend([codes, codes])
        if self.actor:
            clauses.append(f"({alias}.source_name ILIKE ? OR {alias}.target_name ILIKE ?)")
            params.extend([f"%{self.actor}%", f"%{self.actor}%"])
        if self.types:
            clauses.append(f"{alias}.type IN (SELECT unnest(?))")
            params.append([t.upper() for t in self.types])
        if self.quad_class:
            clauses.append(f"{alias}.quad_class IN (SELECT unnest(?))")
            params.append(list(self.quad_class))
        if self.modality:
            clauses.append(f"{alias}.modality IN (SELECT unnest(?))")
            params.append([m.lower() for m in self.modality])
        if not self.historical:
            clauses.append(f"NOT {alias}.historical")
        if self.text:
            clauses.append(f"{alias}.evidence ILIKE ?")
            params.append(f"%{self.text}%")
        return " AND ".join(clauses), params


def _table(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Table:
    cursor = con.execute(sql, params)
    return Table([d[0] for d in cursor.description], cursor.fetchall())


def events(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int = 100, offset: int = 0) -> Table:
    where, params = f.where()
    sql = f"""SELECT e.day AS date, e.type, e.mode, e.cameo, e.source_name AS source, e.source_country,
                     e.target_name AS target, e.target_country, e.modality, e.quad_class, e.goldstein,
                     e.predicate, e.place_name AS place, e.evidence, d.headline, e.doc_id, e.event_id
              FROM events e JOIN documents d USING (doc_id)
              WHERE {where}
              ORDER BY e.day DESC NULLS LAST, e.doc_id, e.event_id LIMIT ? OFFSET ?"""
    return _table(con, sql, [*params, limit, offset])


def count_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    where, params = f.where()
    row = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, about: str | None = None,
           text: str | None = None, kinds: list[str] | None = None, since: date | None = None,
           until: date | None = None, limit: int = 100, offset: int = 0) -> Table:
    clauses, params = ["TRUE"], []
    if speaker:
        clauses.append("(q.speaker_name ILIKE ? OR q.speaker_text ILIKE ? OR q.speaker_country = ?)")
        params.extend([f"%{speaker}%", f"%{speaker}%", speaker.upper()])
    if about:  # an actor named in the quotation, or its country
        clauses.append("(q.text ILIKE ? OR EXISTS (SELECT 1 FROM mentions m JOIN actors a USING (doc_id, actor_id) "
                       "WHERE m.doc_id = q.doc_id AND m.start >= q.start AND m.\"end\" <= q.\"end\" "
                       "AND (a.name ILIKE ? OR a.country = ?)))")
        params.extend([f"%{about}%", f"%{about}%", about.upper()])
    if text:
        clauses.append("q.text ILIKE ?")
        params.append(f"%{text}%")
    if kinds:
        clauses.append("q.kind IN (SELECT unnest(?))")
        params.append(kinds)
    if since:
        clauses.append("d.published >= ?")
        params.append(since)
    if until:
        clauses.append("d.published <= ?")
        params.append(until)
    sql = f"""SELECT d.published AS date, q.speaker_name AS speaker, q.speaker_country, q.kind, q.text, q.cue,
                     q.reported_by_name AS reported_by, d.headline, q.doc_id, q.quote_id, q.event_id
              FROM quotes q JOIN documents d USING (doc_id)
              WHERE {' AND '.join(clauses)}
              ORDER BY d.published DESC NULLS LAST, q.doc_id, q.start LIMIT ? OFFSET ?"""
    return _table(con, sql, [*params, limit, offset])


def actors(con: duckdb.DuckDBPyConnection, country: str | None = None, limit: int = 50) -> Table:
    """The most active actors: events as source and as target, quotations, articles."""
    params: list[Any] = []
    where = "TRUE"
    if country:
        where = "a.country = ?"
        params.append(country.upper())
    sql = f"""WITH a AS (SELECT name, any_value(kind) AS kind, any_value(code) AS code, any_value(country) AS country,
                                count(DISTINCT doc_id) AS articles, sum(n_mentions) AS mentions
                         FROM actors GROUP BY name),
                   src AS (SELECT source_name AS name, count(*) AS n FROM events WHERE modality = 'asserted' GROUP BY 1),
                   tgt AS (SELECT target_name AS name, count(*) AS n FROM events WHERE modality = 'asserted' GROUP BY 1),
                   q AS (SELECT speaker_name AS name, count(*) AS n FROM quotes GROUP BY 1)
              SELECT a.name, a.kind, a.code, a.country, a.articles, a.mentions,
                     coalesce(src.n, 0) AS as_source, coalesce(tgt.n, 0) AS as_target, coalesce(q.n, 0) AS quotes
              FROM a LEFT JOIN src USING (name) LEFT JOIN tgt USING (name) LEFT JOIN q USING (name)
              WHERE {where}
              ORDER BY as_source + as_target + quotes DESC, articles DESC, a.name LIMIT ?"""
    return _table(con, sql, [*params, limit])


def actor(con: duckdb.DuckDBPyConnection, name: str, limit: int = 50) -> dict[str, Table]:
    """One actor: who it is, what it did, what was done to it, what it said."""
    profile = _table(con, """SELECT name, any_value(kind) AS kind, any_value(code) AS code, any_value(country) AS country,
                                    any_value(sector) AS sector, any_value(role) AS role, count(DISTINCT doc_id) AS articles
                             FROM actors WHERE name ILIKE ? GROUP BY name ORDER BY articles DESC LIMIT 5""", [f"%{name}%"])
    if not profile.rows:
        raise StoreError(f"no actor matches {name!r}")
    exact = profile.rows[0][0]
    did = events(con, EventFilter(source=[exact], modality=[]), limit=limit)
    done_to = events(con, EventFilter(target=[exact], modality=[]), limit=limit)
    said = quotes(con, speaker=exact, limit=limit)
    return {"actor": profile, "did": did, "done_to": done_to, "said": said}


PERIODS = {"day": "day", "week": "week", "month": "month"}


def dyads(con: duckdb.DuckDBPyConnection, f: EventFilter, by: str = "country", period: str | None = None,
          limit: int = 100) -> Table:
    """Per pair (of countries, or of actors): events by type and QuadClass, summed and mean Goldstein,
    per day, week or month when ``period`` is given."""
    where, params = f.where()
    a, b = ("source_country", "target_country") if by == "country" else ("source_name", "target_name")
    when = ""
    if period:
        if period not in PERIODS:
            raise StoreError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
        when = f"date_trunc('{PERIODS[period]}', e.day) AS period, "
    sql = f"""SELECT {when}e.{a} AS source, e.{b} AS target, count(*) AS events,
                     count(*) FILTER (WHERE e.quad_class = 1) AS verbal_coop,
                     count(*) FILTER (WHERE e.quad_class = 2) AS material_coop,
                     count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
                     count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
                     round(sum(e.goldstein), 2) AS goldstein_sum, round(avg(e.goldstein), 2) AS goldstein_mean,
                     string_agg(DISTINCT e.type, ',' ORDER BY e.type) AS types
              FROM events e
              WHERE {where} AND e.{a} IS NOT NULL AND e.{b} IS NOT NULL AND e.{a} <> e.{b}
              GROUP BY ALL ORDER BY {'period, ' if period else ''}events DESC, source, target LIMIT ?"""
    return _table(con, sql, [*params, limit])


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter, period: str = "week") -> Table:
    """Cooperation vs conflict over time: events and Goldstein per period."""
    where, params = f.where()
    if period not in PERIODS:
        raise StoreError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    sql = f"""SELECT date_trunc('{PERIODS[period]}', e.day) AS period, count(*) AS events,
                     count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation,
                     count(*) FILTER (WHERE e.quad_class >= 3) AS conflict,
                     round(sum(e.goldstein), 2) AS goldstein_sum, round(avg(e.goldstein), 2) AS goldstein_mean
              FROM events e WHERE {where} AND e.day IS NOT NULL GROUP BY 1 ORDER BY 1"""
    return _table(con, sql, params)


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    out = {}
    for table in ("documents", "actors", "events", "quotes", "places", "errors"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    return out


def sources(con: duckdb.DuckDBPyConnection) -> Table:
    """The monitor's sources with their schedule, counts and last error (docs/monitor.md)."""
    return _table(con, """
        SELECT source_id, name, url, kind, every_s, added_at, last_polled, next_poll, n_found, n_ingested,
               n_unchanged, n_skipped, n_failed, last_error, last_error_at,
               (SELECT count(*) FROM fetches f WHERE f.source_id = s.source_id AND f.status = 'failed') AS failing
        FROM sources s ORDER BY source_id""", [])


def fetch_failures(con: duckdb.DuckDBPyConnection, limit: int = 50) -> Table:
    """The latest pages the monitor could not fetch or store, and why; ``next_retry`` empty on a
    failure means it was given up."""
    return _table(con, """
        SELECT url, source_id, status, reason, detail, http_status, attempts, fetched_at, next_retry
        FROM fetches WHERE status IN ('failed', 'skipped') ORDER BY fetched_at DESC, url LIMIT ?""", [limit])


_WORD = re.compile(r"[\w'-]+", re.UNICODE)


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 20) -> Table:
    """Articles containing the phrase, else every word of it, most mentions first, with a snippet."""
    phrase = query.strip().strip('"').lower()
    words = [w.lower() for w in _WORD.findall(phrase)]
    if not words:
        raise StoreError("empty search")
    for terms in ([phrase], words):
        clauses = " AND ".join("lower(d.text) LIKE ?" for _ in terms)
        score = " + ".join("(length(lower(d.text)) - length(replace(lower(d.text), ?, ''))) / length(?)" for _ in terms)
        params: list[Any] = []
        for t in terms:
            params.extend([t, t])
        like = [f"%{t}%" for t in terms]
        first = terms[0]
        sql = f"""SELECT d.published AS date, d.headline, ({score}) AS hits,
                         substr(d.text, greatest(1, strpos(lower(d.text), ?) - 80), 200) AS snippet, d.doc_id
                  FROM documents d WHERE {clauses}
                  ORDER BY hits DESC, d.published DESC NULLS LAST LIMIT ?"""
        found = _table(con, sql, [*params, first, *like, limit])
        if found.rows or len(terms) == len(words):
            return found
    return found


READ_ONLY = re.compile(r"^\s*(SELECT|WITH|DESCRIBE|SHOW|EXPLAIN|PRAGMA\s+table_info|SUMMARIZE|FROM)\b", re.IGNORECASE)


def read_only_sql(con: duckdb.DuckDBPyConnection, sql: str, limit: int = 1000) -> Table:
    """A power user's query. The connection is read-only, so nothing can change the store."""
    if not READ_ONLY.match(sql) or ";" in sql.strip().rstrip(";"):
        raise StoreError("only one read-only statement (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, SUMMARIZE)")
    try:
        cursor = con.execute(sql.strip().rstrip(";"))
    except duckdb.Error as e:
        raise StoreError(f"SQL error: {str(e).splitlines()[0]}") from e
    return Table([d[0] for d in cursor.description], cursor.fetchmany(limit))


def type_mix(con: duckdb.DuckDBPyConnection, f: EventFilter) -> Table:
    """Events per PLOVER type, with their QuadClass."""
    where, params = f.where()
    return _table(con, f"""SELECT e.type, min(e.quad_class) AS quad_class, count(*) AS events
                           FROM events e WHERE {where} AND e.type IS NOT NULL GROUP BY 1 ORDER BY events DESC""", params)


def network(con: duckdb.DuckDBPyConnection, f: EventFilter, by: str = "country", min_events: int = 1,
            limit: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Actors (countries, or named actors) as nodes and their dyads as edges, with event counts
    and mean Goldstein (conflict −10 … cooperation +10)."""
    edges = [r for r in dyads(con, f, by=by, limit=limit).dicts() if r["events"] >= min_events]
    weight: dict[str, int] = {}
    for e in edges:
        for side in ("source", "target"):
            weight[e[side]] = weight.get(e[side], 0) + e["events"]
    nodes = [{"id": name, "events": n} for name, n in sorted(weight.items(), key=lambda x: -x[1])]
    return {"nodes": nodes, "edges": [{"source": e["source"], "target": e["target"], "events": e["events"],
                                       "goldstein_mean": e["goldstein_mean"], "types": e["types"]} for e in edges]}


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A stored article's whole record (the output schema's JSON)."""
    row = con.execute("SELECT record FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return json.loads(row[0]) if row else None
