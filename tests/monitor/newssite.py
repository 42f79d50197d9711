"""A small news site on 127.0.0.1 for the monitor's tests, written by us.

Synthetic articles (each says so), an RSS feed that gains an item when
``feed_version`` is 2, an Atom feed, a sitemap and a sitemap index with a
gzipped child, robots.txt disallowing ``/private/``, a slow page, a page that
always answers 500, one that answers 503 a few times before it works, a 301,
a PDF and a JSON file. Pages and feeds carry ETags and answer 304 to a
matching If-None-Match. Every request is logged with its arrival time and
headers, so tests can check what was asked for, how often and how fast.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsgraph.config import MonitorSettings

__all__ = ["ARTICLES", "MONITOR", "MONITOR_TOML", "RATE_LIMIT_S", "Site", "article_html", "start_site"]

RATE_LIMIT_S = 0.2
# Small timeouts and waits keep the tests fast; the slow page sleeps 2.5 s, over the 1 s timeout.
MONITOR = MonitorSettings(timeout_s=1.0, retries=1, backoff_s=0.05, rate_limit_s=RATE_LIMIT_S, retry_failed="1s",
                          max_attempts=3)
MONITOR_TOML = f"""[monitor]
timeout_s = 1.0
retries = 1
backoff_s = 0.05
rate_limit_s = {RATE_LIMIT_S}
retry_failed = "1s"
max_attempts = 3
"""

MARK = "Synthetic article written for newsgraph tests."

# path → (headline, published, author, paragraphs)
ARTICLES: dict[str, tuple[str, str, str, list[str]]] = {
    "/news/kenya-tanzania-trade": (
        "Kenya and Tanzania sign trade agreement", "2024-03-12", "Amina Odhiambo", [
            "Kenya and Tanzania signed a trade agreement in Nairobi on Tuesday, cutting tariffs on maize, "
            "cement and fish across their shared border.",
            "President William Ruto said the accord would help farmers and traders on both sides of the border. "
            "Tanzania promised to open two new border posts before the end of the year.",
        ]),
    "/news/ghana-togo-border": (
        "Ghana and Togo reopen their border crossing", "2024-03-11", "Kofi Mensah", [
            "Ghana felicitated Togo on Monday for the peaceful reopening of their shared border at Aflao.",
            "Customs officers from both countries met in Accra to agree on new inspection rules for lorries.",
        ]),
    "/news/chile-peru-border": (
        "Chile and Peru agree to talks on fishing rights", "2024-03-10", "Lucia Rojas", [
            "Chile and Peru agreed on Sunday to hold talks on fishing rights off their maritime border.",
            "The foreign ministers of both countries will meet in Lima next month, officials said.",
        ]),
    "/news/india-bangladesh-water": (
        "India and Bangladesh sign water-sharing treaty", "2024-03-13", "Rahul Sen", [
            "India and Bangladesh signed a treaty in Dhaka on Wednesday to share the waters of the Teesta river.",
            "Bangladesh thanked India for agreeing to release more water during the dry season.",
        ]),
    "/news/senegal-mali-summit": (
        "Senegal hosts a summit on Sahel security", "2024-03-09", "Awa Diallo", [
            "Senegal hosted a regional summit in Dakar on Saturday on security in the Sahel.",
            "Senegal urged Mali to return to talks with its neighbours, and Mauritania offered to mediate.",
        ]),
    "/flaky/vietnam-philippines": (
        "Vietnam and the Philippines agree on coast guard hotline", "2024-03-08", "Tran Minh", [
            "Vietnam and the Philippines agreed in Hanoi on Friday to set up a hotline between their coast guards.",
            "Both governments said the hotline would help avoid incidents at sea.",
        ]),
}
# The Kenya article again under another address, without a canonical link: a copy.
MIRRORS = {"/mirror/kenya-tanzania-trade": "/news/kenya-tanzania-trade"}


def article_html(path: str, canonical: bool = True) -> str:
    headline, published, author, paragraphs = ARTICLES[path]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in [MARK, *paragraphs])
    link = f'<link rel="canonical" href="{path}">' if canonical else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(headline)} | Test Wire</title>
{link}
<meta property="og:site_name" content="Test Wire">
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{published}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(headline)}</h1>
{body}
</article>
<footer>Test Wire, a site written for newsgraph's tests.</footer>
</body></html>"""


def _rss(base: str, items: list[tuple[str, str]]) -> str:
    entries = "\n".join(f"<item><title>{html.escape(t)}</title><link>{base}{p}</link>"
                        f"<pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate></item>" for p, t in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>{base}/</link>
<description>Synthetic feed written for newsgraph tests.</description>
{entries}
</channel></rss>"""


FEED_ITEMS = [
    ("/news/kenya-tanzania-trade?utm_source=rss&utm_medium=feed", "Kenya and Tanzania sign trade agreement"),
    ("/news/ghana-togo-border", "Ghana and Togo reopen their border crossing"),
    ("/private/secret-talks", "Secret talks"),
    ("/slow/page", "A slow page"),
    ("/error/page", "A broken page"),
    ("/old/chile-peru", "Chile and Peru agree to talks"),
    ("/files/report.pdf", "A report"),
    ("/flaky/vietnam-philippines", "Vietnam and the Philippines agree on a hotline"),
]
FEED_V2_ITEMS = [("/news/india-bangladesh-water", "India and Bangladesh sign water-sharing treaty"), *FEED_ITEMS]
SITEMAP_PATHS = [("/news/kenya-tanzania-trade", "2024-03-12"), ("/news/senegal-mali-summit", "2024-03-09"),
                 ("/mirror/kenya-tanzania-trade", "2024-03-12"), ("/data/report.json", "2024-03-01")]


def _sitemap(base: str, paths: list[tuple[str, str]]) -> str:
    urls = "\n".join(f"<url><loc>{base}{p}</loc><lastmod>{d}</lastmod></url>" for p, d in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>')


@dataclass
class Hit:
    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    base: str = ""
    feed_version: int = 1
    slow_s: float = 2.5
    flaky_failures: int = 2  # 503s before the flaky page works
    pages: dict[str, str] = field(default_factory=dict)  # extra HTML pages a test sets (and changes)
    log: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.log]

    def hits(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.log if h.path == path]

    def respond(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) for a GET of ``path``."""
        route, _, _query = path.partition("?")
        n = self.counts.get(route, 0)
        if route in self.pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[route].encode()
        if route == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if route == "/feed.xml":
            items = FEED_V2_ITEMS if self.feed_version >= 2 else FEED_ITEMS
            return 200, {"Content-Type": "application/rss+xml"}, _rss(self.base, items).encode()
        if route == "/atom.xml":
            return 200, {"Content-Type": "application/atom+xml"}, ATOM.replace("{base}", self.base).encode()
        if route == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, _sitemap(self.base, SITEMAP_PATHS).encode()
        if route == "/sitemap_index.xml":
            return 200, {"Content-Type": "application/xml"}, SITEMAP_INDEX.replace("{base}", self.base).encode()
        if route == "/sitemap-news.xml.gz":
            body = gzip.compress(_sitemap(self.base, [("/news/india-bangladesh-water", "2024-03-13")]).encode())
            return 200, {"Content-Type": "application/x-gzip"}, body
        if route in ARTICLES and not (route.startswith("/flaky/") and n <= self.flaky_failures):
            return 200, {"Content-Type": "text/html; charset=utf-8"}, article_html(route).encode()
        if route.startswith("/flaky/"):
            return 503, {"Content-Type": "text/plain"}, b"try later"
        if route in MIRRORS:
            return 200, {"Content-Type": "text/html"}, article_html(MIRRORS[route], canonical=False).encode()
        if route == "/old/chile-peru":
            return 301, {"Location": "/news/chile-peru-border"}, b""
        if route.startswith("/slow/"):
            time.sleep(self.slow_s)
            return 200, {"Content-Type": "text/html"}, article_html("/news/chile-peru-border").encode()
        if route.startswith("/error/"):
            return 500, {"Content-Type": "text/plain"}, b"internal error"
        if route == "/files/report.pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n" + b"\0" * 2000
        if route == "/data/report.json":
            return 200, {"Content-Type": "application/json"}, b'{"synthetic": true}'
        if route.startswith("/private/"):
            return 200, {"Content-Type": "text/html"}, article_html("/news/senegal-mali-summit").encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Wire (Atom)</title><id>urn:test-wire</id>
<updated>2024-03-13T08:00:00Z</updated>
<entry><title>India and Bangladesh sign water-sharing treaty</title><id>urn:1</id>
<link rel="alternate" href="{base}/news/india-bangladesh-water"/><updated>2024-03-13T08:00:00Z</updated></entry>
<entry><title>Senegal hosts a summit</title><id>urn:2</id>
<link href="/news/senegal-mali-summit"/><published>2024-03-09T08:00:00Z</published></entry>
</feed>"""

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap.xml</loc><lastmod>2024-03-12</lastmod></sitemap>
<sitemap><loc>{base}/sitemap-news.xml.gz</loc><lastmod>2024-03-13</lastmod></sitemap>
</sitemapindex>"""


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        site = self.site
        hit = Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
        with site.lock:
            site.log.append(hit)
            route = self.path.partition("?")[0]
            site.counts[route] = site.counts.get(route, 0) + 1
        status, headers, body = site.respond(self.path)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"' if status == 200 else None
        if etag and self.headers.get("If-None-Match") == etag:
            status, body = 304, b""
        hit.status = status
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow page's timeout)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def start_site() -> tuple[Site, ThreadingHTTPServer]:
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a client that gave up (the slow page) is no error
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
