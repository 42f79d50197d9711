"""Exports: Parquet, CSV, JSONL and a GDELT 2.0-style event table.

``gdelt`` writes one tab-separated row per cross-article event cluster (the
``event_clusters`` view: same day, source, target, type and mode), with the
GDELT 2.0 event columns existing scripts read; docs/store.md gives the
mapping. Every format takes the same filters as ``newsgraph events``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import duckdb

from newsgraph.store import EXPORT_FORMATS
from newsgraph.store.queries import EventFilter
from newsgraph.store.schema import StoreError

__all__ = ["FORMATS", "GDELT_COLUMNS", "export"]

FORMATS = EXPORT_FORMATS

GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "PLOVERType", "PLOVERMode",
]


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, f: EventFilter) -> int:
    """Write the filtered events to ``out``; returns the number of rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    where, params = f.where()
    if fmt == "gdelt":
        return _gdelt(con, out, where, params)
    select = f"""SELECT e.*, d.headline, d.url, d.source AS publisher, d.published
                 FROM events e JOIN documents d USING (doc_id) WHERE {where}
                 ORDER BY e.day NULLS LAST, e.doc_id, e.event_id"""
    rel = con.execute(select, params)
    columns = [d[0] for d in rel.description]
    rows = rel.fetchall()
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        # COPY takes no bound parameters: the filtered rows go through a temporary table first
        con.execute("CREATE OR REPLACE TEMP TABLE export_rows AS " + select, params)
        con.execute(f"COPY export_rows TO '{_quote_path(out)}' (FORMAT parquet)")
        con.execute("DROP TABLE export_rows")
    elif fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows(rows)
    else:
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    return len(rows)


def _quote_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _gdelt(con: duckdb.DuckDBPyConnection, out: Path, where: str, params: list) -> int:
    sql = f"""SELECT e.day, coalesce(e.source_code, e.source_country) AS src, any_value(e.source_name) AS src_name,
                     e.source_country, coalesce(e.target_code, e.target_country) AS tgt, any_value(e.target_name) AS tgt_name,
                     e.target_country, e.type, e.mode, any_value(e.cameo) AS cameo, e.cameo_root,
                     min(e.quad_class) AS quad, avg(e.goldstein) AS goldstein,
                     count(*) AS mentions, count(DISTINCT coalesce(d.source, d.doc_id)) AS sources,
                     count(DISTINCT e.doc_id) AS articles,
                     any_value(e.place_name) AS place, any_value(e.place_country) AS place_country,
                     any_value(e.latitude) AS lat, any_value(e.longitude) AS lon,
                     min(d.ingested_at) AS added, any_value(coalesce(d.url, d.path)) AS url
              FROM events e JOIN documents d USING (doc_id)
              WHERE {where} AND e.type IS NOT NULL
              GROUP BY e.day, src, e.source_country, tgt, e.target_country, e.type, e.mode, e.cameo_root
              ORDER BY e.day NULLS LAST, src, tgt, e.type"""
    rows = con.execute(sql, params).fetchall()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for (day, src, src_name, src_cc, tgt, tgt_name, tgt_cc, ptype, pmode, cameo, root, quad, goldstein,
             mentions, sources, articles, place, place_cc, lat, lon, added, url) in rows:
            key = f"{day}|{src}|{tgt}|{ptype}|{pmode}|{root}"
            event_id = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], 16)
            fraction = f"{day.year + (day.timetuple().tm_yday - 0.5) / 365:.4f}" if day else ""
            writer.writerow([
                event_id, day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
                day.year if day else "", fraction,
                src or "", src_name or "", src_cc or "", tgt or "", tgt_name or "", tgt_cc or "",
                1, cameo, cameo[:3], root, quad, round(goldstein, 1) if goldstein is not None else "",
                mentions, sources, articles, "",
                (1 if place and place_cc and place == place_cc else 4) if place else 0, place or "", place_cc or "",
                lat if lat is not None else "", lon if lon is not None else "",
                added.strftime("%Y%m%d%H%M%S") if added else "", url or "", ptype or "", pmode or "",
            ])
    return len(rows)
