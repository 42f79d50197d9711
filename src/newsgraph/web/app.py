"""The dashboard and the JSON API over the store (``newsgraph serve``).

Read-only over the database: each request opens it read-only (see
``store/schema.py`` on sharing it with a running ingest), every filter reaches
DuckDB as a bound parameter, every piece of article text is HTML-escaped (the
templates autoescape; the article view escapes in ``highlight.py``; scripts
insert text with ``textContent``). Request bodies are capped; the paste box
has its own, smaller cap with a clear error. The only write is the paste
box's optional "save into the store".
"""


import csv
import io
import threading
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from newsgraph import __version__
from newsgraph.monitor.sources import format_every
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.reader.text import clean_text
from newsgraph.records import InputRef, Record, record_to_dict
from newsgraph.store import queries as q
from newsgraph.store.ingest import doc_key, raw_hash, write_records
from newsgraph.store.schema import StoreError, connect
from newsgraph.web.highlight import highlight

__all__ = ["MAX_BODY_BYTES", "MAX_PASTE_CHARS", "create_app"]

MAX_BODY_BYTES = 1_000_000  # any request
MAX_PASTE_CHARS = 200_000  # an article pasted or uploaded into the extract box
MODALITIES = ["asserted", "intended", "requested", "hypothetical", "negated", "claimed"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

_ROOT = resources.files("newsgraph.web")


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_PASTE_CHARS, description="The article, as plain text.")
    published: date | None = Field(default=None, description="Its publication date, if known.")
    save: bool = Field(default=False, description="Also store it in the database.")


def article_origin(record: dict[str, Any]) -> str:
    """What an article page names its article by: its URL, else its file's name (never the
    path it had on the machine that ingested it)."""
    if record.get("url"):
        return str(record["url"])
    path = (record.get("input") or {}).get("path") or ""
    return PurePath(path.replace("\\", "/")).name if path and path != "-" else "pasted text"


def create_app(db: Path) -> FastAPI:
    app = FastAPI(title="newsgraph", version=__version__,
                  description="Event data from international news: who did what to whom, who said what, with evidence.")
    templates = Jinja2Templates(directory=str(_ROOT.joinpath("templates")))
    templates.env.globals.update(version=__version__, types=TYPES, modalities=MODALITIES)
    templates.env.filters["origin"] = article_origin
    templates.env.filters["pager"] = lambda params, n: urlencode(
        [(k, v) for k, v in params.multi_items() if k != "page"] + [("page", str(n))])
    app.mount("/static", StaticFiles(directory=str(_ROOT.joinpath("static"))), name="static")
    pipeline_lock = threading.Lock()
    pipeline_box: dict[str, Pipeline] = {}

    @app.middleware("http")
    async def limit_body(request: Request, call_next):  # type: ignore[no-untyped-def]
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return JSONResponse({"detail": f"request body over {MAX_BODY_BYTES} bytes"}, status_code=413)
        if request.method in ("POST", "PUT", "PATCH") and length is None:
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY_BYTES:
                    return JSONResponse({"detail": f"request body over {MAX_BODY_BYTES} bytes"}, status_code=413)

            async def replay() -> dict[str, Any]:
                return {"type": "http.request", "body": body, "more_body": False}
            request = Request(request.scope, replay)
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back: for a 300 KB paste that is 300 KB of error
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "invalid")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404 if "no actor" in str(exc) else 400)
        return templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=400)

    def store() -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(db, read_only=True)
        try:
            yield con
        finally:
            con.close()

    Con = Annotated[duckdb.DuckDBPyConnection, Depends(store)]

    def event_filter(
        since: date | None = None, until: date | None = None,
        source: Annotated[list[str] | None, Query(description="ISO3 country, actor code or name")] = None,
        target: Annotated[list[str] | None, Query()] = None,
        country: Annotated[list[str] | None, Query(description="either side's ISO3 country")] = None,
        actor: str | None = None,
        type: Annotated[list[str] | None, Query(description="PLOVER type")] = None,  # noqa: A002
        modality: Annotated[list[str] | None, Query(description="default: asserted; 'all' for every one")] = None,
        quad: Annotated[list[Annotated[int, Field(ge=1, le=4)]] | None, Query(description="QuadClass 1-4")] = None,
        historical: bool = False, text: str | None = None,
    ) -> q.EventFilter:
        mods = [m for m in (modality or []) if m] or ["asserted"]
        return q.EventFilter(since=since, until=until, source=_clean(source), target=_clean(target),
                             country=_clean(country), actor=actor or None, types=_clean(type),
                             modality=[] if "all" in mods else mods, quad_class=quad or [], historical=historical,
                             text=text or None)

    Filter = Annotated[q.EventFilter, Depends(event_filter)]
    Limit = Annotated[int, Query(ge=1, le=1000)]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]

    # -- JSON API ---------------------------------------------------------------------------

    @app.get("/api/stats", tags=["api"])
    def api_stats(con: Con) -> dict[str, int]:
        """Rows in each table."""
        return q.stats(con)

    @app.get("/api/events", tags=["api"])
    def api_events(con: Con, f: Filter, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events, newest first, with the same filters as `newsgraph events`."""
        return {"total": q.count_events(con, f), "offset": offset, "limit": limit,
                "items": _jsonable(q.events(con, f, limit=limit, offset=offset).dicts())}

    @app.get("/api/events.csv", tags=["api"], response_class=Response)
    def api_events_csv(con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000) -> Response:
        """The same events as CSV."""
        return _csv(q.events(con, f, limit=limit), "events.csv")

    @app.get("/api/quotes", tags=["api"])
    def api_quotes(con: Con, speaker: str | None = None, about: str | None = None, text: str | None = None,
                   kind: Annotated[list[str] | None, Query()] = None, since: date | None = None,
                   until: date | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Quotations and indirect speech with their speakers."""
        rows = q.quotes(con, speaker=speaker or None, about=about or None, text=text or None, kinds=_clean(kind) or None,
                        since=since, until=until, limit=limit, offset=offset)
        return {"offset": offset, "limit": limit, "items": _jsonable(rows.dicts())}

    @app.get("/api/quotes.csv", tags=["api"], response_class=Response)
    def api_quotes_csv(con: Con, speaker: str | None = None, about: str | None = None, text: str | None = None,
                       kind: Annotated[list[str] | None, Query()] = None) -> Response:
        return _csv(q.quotes(con, speaker=speaker or None, about=about or None, text=text or None,
                             kinds=_clean(kind) or None, limit=10_000), "quotes.csv")

    @app.get("/api/actors", tags=["api"])
    def api_actors(con: Con, country: str | None = None, limit: Limit = 50) -> list[dict[str, Any]]:
        """The most active actors."""
        return _jsonable(q.actors(con, country=country or None, limit=limit).dicts())

    @app.get("/api/actors/{name}", tags=["api"])
    def api_actor(con: Con, name: str, limit: Limit = 50) -> dict[str, Any]:
        """One actor: profile, what it did, what was done to it, what it said."""
        return {k: _jsonable(v.dicts()) for k, v in q.actor(con, name, limit=limit).items()}

    @app.get("/api/dyads", tags=["api"])
    def api_dyads(con: Con, f: Filter, by: Annotated[str, Query(pattern="^(country|actor)$")] = "country",
                  period: Annotated[str | None, Query(pattern="^(day|week|month)$")] = None,
                  limit: Limit = 100) -> list[dict[str, Any]]:
        """Per pair: events by QuadClass and type, summed and mean Goldstein, optionally per period."""
        return _jsonable(q.dyads(con, f, by=by, period=period, limit=limit).dicts())

    @app.get("/api/timeline", tags=["api"])
    def api_timeline(con: Con, f: Filter,
                     period: Annotated[str, Query(pattern="^(day|week|month)$")] = "week") -> list[dict[str, Any]]:
        """Cooperation and conflict per period (events, summed and mean Goldstein)."""
        return _jsonable(q.timeline(con, f, period=period).dicts())

    @app.get("/api/types", tags=["api"])
    def api_types(con: Con, f: Filter) -> list[dict[str, Any]]:
        """Events per PLOVER type."""
        return _jsonable(q.type_mix(con, f).dicts())

    @app.get("/api/network", tags=["api"])
    def api_network(con: Con, f: Filter, by: Annotated[str, Query(pattern="^(country|actor)$")] = "country",
                    min_events: Annotated[int, Query(ge=1, le=100_000)] = 1, limit: Limit = 200) -> dict[str, Any]:
        """Nodes and dyad edges with event counts and mean Goldstein."""
        return _jsonable(q.network(con, f, by=by, min_events=min_events, limit=limit))

    @app.get("/api/search", tags=["api"])
    def api_search(con: Con, q_: Annotated[str, Query(alias="q", min_length=1, max_length=500)],
                   limit: Limit = 20) -> list[dict[str, Any]]:
        """Articles with the phrase, else all its words."""
        return _jsonable(q.search(con, q_, limit=limit).dicts())

    @app.get("/api/sources", tags=["api"])
    def api_sources(con: Con, failures: Annotated[int, Query(ge=0, le=1000)] = 50) -> dict[str, Any]:
        """The monitor's sources (last and next poll, counts, last error) and its latest failed or
        skipped pages with their reasons."""
        return {"sources": _jsonable(_with_every(q.sources(con).dicts())),
                "failures": _jsonable(q.fetch_failures(con, limit=failures).dicts()) if failures else []}

    @app.get("/api/documents/{doc_id}", tags=["api"])
    def api_document(con: Con, doc_id: str) -> dict[str, Any]:
        """A stored article's whole record (docs/schema.md)."""
        record = q.document(con, doc_id)
        if record is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return record

    @app.post("/api/extract", tags=["api"])
    def api_extract(body: ExtractRequest) -> dict[str, Any]:
        """Extract a pasted article at once; with `save`, also store it."""
        with pipeline_lock:
            if "p" not in pipeline_box:
                pipeline_box["p"] = build_pipeline()
            one_paragraph = "\n\n" not in body.text.strip()  # a single paragraph is all body, no headline
            raw = RawDocument(ref=InputRef(path="pasted", format="text"), text=clean_text(body.text),
                              published=body.published.isoformat() if body.published else None,
                              published_from="option" if body.published else None,
                              headline="Pasted text" if one_paragraph else None,
                              standfirst="Pasted text" if one_paragraph else None)
            [result] = pipeline_box["p"].process([raw])
        if not isinstance(result, Record):
            raise HTTPException(422, str(result))
        data = record_to_dict(result)
        saved = False
        if body.save:
            digest = raw_hash(raw)
            write_records(db, [(data, doc_key(raw, digest), digest, True)], [])
            saved = True
        return {"record": data, "html": str(highlight(data)), "saved": saved}

    # -- pages -------------------------------------------------------------------------------

    def page(request: Request, template: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request, con: Con, country: str | None = None) -> HTMLResponse:
        f = q.EventFilter(country=[country] if country else [])
        return page(request, "overview.html", stats=q.stats(con), actors=q.actors(con, limit=12).dicts(),
                    dyads=q.dyads(con, f, limit=12).dicts(), country=country or "",
                    countries=[r[0] for r in con.execute(
                        "SELECT DISTINCT source_country FROM events WHERE source_country IS NOT NULL ORDER BY 1").fetchall()])

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request) -> HTMLResponse:
        return page(request, "network.html")

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, con: Con, source: str, target: str) -> HTMLResponse:
        both = q.EventFilter(country=[], source=[source, target], target=[source, target])
        rows = [r for r in q.events(con, both, limit=500).dicts()
                if {r["source_country"], r["target_country"]} <= {source.upper(), target.upper()}
                or r["source"] in (source, target)]
        return page(request, "dyad.html", source=source, target=target, events=rows)

    @app.get("/actor/{name}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, con: Con, name: str) -> HTMLResponse:
        parts = q.actor(con, name, limit=200)
        return page(request, "actor.html", actor_name=name, profile=parts["actor"].dicts()[0],
                    did=parts["did"].dicts(), done_to=parts["done_to"].dicts(), said=parts["said"].dicts())

    @app.get("/article/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, con: Con, doc_id: str) -> HTMLResponse:
        record = q.document(con, doc_id)
        if record is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return page(request, "article.html", record=record, marked=highlight(record))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, con: Con, f: Filter, page_: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
        size = 50
        rows = q.events(con, f, limit=size, offset=(page_ - 1) * size).dicts()
        total = q.count_events(con, f)
        return page(request, "events.html", rows=rows, total=total, page=page_, pages=max(1, -(-total // size)),
                    query=request.url.query, params=request.query_params)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, con: Con, speaker: str | None = None, about: str | None = None,
                    text: str | None = None, page_: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
        size = 50
        rows = q.quotes(con, speaker=speaker or None, about=about or None, text=text or None, limit=size + 1,
                        offset=(page_ - 1) * size).dicts()
        return page(request, "quotes.html", rows=rows[:size], more=len(rows) > size, page=page_,
                    query=request.url.query, params=request.query_params)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, con: Con) -> HTMLResponse:
        return page(request, "sources.html", sources=_with_every(q.sources(con).dicts()),
                    failures=q.fetch_failures(con, limit=100).dicts())

    @app.get("/extract", response_class=HTMLResponse, include_in_schema=False)
    def extract_page(request: Request) -> HTMLResponse:
        return page(request, "extract.html", max_chars=MAX_PASTE_CHARS)

    return app


def _with_every(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source with its interval as written on the command line ("15m")."""
    return [{**row, "every": format_every(row["every_s"])} for row in rows]


def _clean(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _csv(table: q.Table, name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
