"""The monitor's throughput: one ``watch`` round over a local site, beside ``ingest`` of the same articles.

    .venv/bin/python bench/monitor.py [--docs 60] [--rate-limit 0]

A local HTTP server on 127.0.0.1 serves the bundled demo corpus (synthetic,
written for newsgraph) as HTML pages, numbered so every page is new, listed in a
sitemap. One ``Monitor.run_round()`` polls the sitemap and fetches, reads,
archives and ingests every page (one worker process, spaCy already loaded);
``ingest`` then stores the same articles from text files into a fresh database,
for comparison. Reports pages/s for both, the round's ratio to ingest, and how
much the archive compresses the HTML. Writes bench/out/monitor.json.
"""

from __future__ import annotations

import argparse
import html
import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from newsgraph.config import ExtractSettings, MonitorSettings, Settings, StoreSettings
from newsgraph.monitor.sources import add_source
from newsgraph.monitor.watch import Monitor
from newsgraph.reader.sources import read_inputs
from newsgraph.store.ingest import ingest
from newsgraph.store.schema import connect

OUT = Path(__file__).resolve().parent / "out"


def articles(n: int) -> list[tuple[str, str, list[str]]]:
    """(headline, standfirst, paragraphs) of ``n`` sample articles, each made distinct."""
    files = sorted(f for f in resources.files("newsgraph.data").joinpath("samples/corpus").iterdir() if f.name.endswith(".txt"))
    out = []
    for i in range(n):
        blocks = [b.strip() for b in files[i % len(files)].read_text("utf-8").split("\n\n") if b.strip()]
        out.append((f"{blocks[0]} ({i})", blocks[1], blocks[2:] + [f"Copy {i} of this sample for the benchmark."]))
    return out


def page(i: int, art: tuple[str, str, list[str]]) -> bytes:
    headline, standfirst, paragraphs = art
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{html.escape(headline)}</title>"
            f'<link rel="canonical" href="/news/{i}"></head><body><nav>Home | World | Business</nav>'
            f"<article><h1>{html.escape(headline)}</h1><p><em>{html.escape(standfirst)}</em></p>{body}</article>"
            "<footer>Synthetic pages served for newsgraph's benchmark.</footer></body></html>").encode("utf-8")


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            if self.path == "/sitemap.xml":
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in pages)
                body, kind = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              f"{urls}</urlset>").encode(), "application/xml"
            elif self.path in pages:
                body, kind = pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--rate-limit", type=float, default=0.0, help="seconds between requests to the host")
    args = parser.parse_args()
    arts = articles(args.docs)
    pages = {f"/news/{i}": page(i, a) for i, a in enumerate(arts)}
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings = Settings(store=StoreSettings(workers=1),
                        monitor=MonitorSettings(rate_limit_s=args.rate_limit, max_pages_per_poll=args.docs + 1))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "monitor.duckdb"
        add_source(db, f"{base}/sitemap.xml", name="bench", every_s=900, kind="sitemap")
        monitor = Monitor(db, settings)
        # spaCy loads once, before the clock: the warm-up page is not counted
        Monitor(Path(tmp) / "warm.duckdb", settings).fetch_urls([f"{base}/news/0"])
        started = time.perf_counter()
        summary = monitor.run_round()
        round_s = time.perf_counter() - started
        with connect(db, read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            raw, packed = con.execute("SELECT sum(size), sum(octet_length(html)) FROM archive").fetchone()

        text_dir = Path(tmp) / "texts"
        text_dir.mkdir()
        for i, (headline, standfirst, paragraphs) in enumerate(arts):
            (text_dir / f"doc{i:05d}.txt").write_text("\n\n".join([headline, standfirst, *paragraphs]) + "\n", "utf-8")
        started = time.perf_counter()
        ingest(read_inputs([str(text_dir)], max_bytes=5_000_000), Path(tmp) / "ingest.duckdb",
               settings=ExtractSettings(), workers=1)
        ingest_s = time.perf_counter() - started
    server.shutdown()
    result = {
        "docs": args.docs, "rate_limit_s": args.rate_limit, "round": summary.line(), "stored": stored,
        "watch_pages_per_s": round(stored / round_s, 2), "ingest_docs_per_s": round(args.docs / ingest_s, 2),
        "watch_vs_ingest": round((stored / round_s) / (args.docs / ingest_s), 2),
        "archive_html_bytes": raw, "archive_stored_bytes": packed,
        "archive_ratio": round(packed / raw, 3) if raw else None,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "monitor.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"watch round: {result['round']}")
    print(f"watch: {stored} pages in {round_s:.1f} s = {result['watch_pages_per_s']} pages/s; "
          f"ingest of the same articles: {result['ingest_docs_per_s']} docs/s; ratio {result['watch_vs_ingest']}")
    if raw:
        print(f"archive: {raw:,} bytes of HTML stored in {packed:,} ({result['archive_ratio']:.1%})")
    print(f"wrote {OUT / 'monitor.json'}")


if __name__ == "__main__":
    main()
