"""Polite HTTP: one client, robots.txt, a per-host rate limit, retries, conditional requests.

Every request — robots.txt included — goes through ``Fetcher``, which

* names itself (``[monitor] user_agent``) and asks for gzip;
* waits ``rate_limit_s`` (or the host's longer ``Crawl-delay``) after the
  previous request to the same host ended;
* reads robots.txt once per host and hour (RFC 9309: a 4xx means no rules,
  a 5xx or no answer means "disallow everything for now"), and checks every
  URL, redirect targets included, before requesting it;
* retries timeouts, failed connections, 5xx and 429 with exponential backoff,
  honouring ``Retry-After``;
* sends ``If-None-Match``/``If-Modified-Since`` when it has them (a 304 is
  "unchanged"), follows redirects itself (so each hop is checked and
  rate-limited) and reports the final URL;
* refuses, before downloading them, bodies that are too large or, for pages,
  not HTML.

A request that cannot succeed raises ``FetchError`` with a short ``reason``
("timeout", "HTTP 500", "robots.txt", "not html (application/pdf)", …).
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph import __version__
from newsgraph.config import MonitorSettings
from newsgraph.errors import MonitorError

__all__ = ["FetchError", "Fetched", "Fetcher", "HTML_TYPES"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5
ROBOTS_TTL_S = 3600.0  # robots.txt is read again after an hour
ROBOTS_RETRY_S = 300.0  # an unreachable robots.txt is asked for again after five minutes
ROBOTS_MAX_BYTES = 500_000  # RFC 9309: parse at least 500 KiB
MAX_WAIT_S = 60.0  # a Retry-After or Crawl-delay longer than this is not waited for in-line
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(MonitorError):
    """A URL could not be fetched. ``skipped`` ones (robots.txt, not HTML) are not retried;
    ``retry_at`` (epoch seconds) is the earliest a server asked to be tried again."""

    def __init__(self, url: str, reason: str, detail: str | None = None, *, http_status: int | None = None,
                 skipped: bool = False, retry_at: float | None = None, attempts: int = 1) -> None:
        self.url, self.reason, self.detail = url, reason, detail or reason
        self.http_status, self.skipped, self.retry_at, self.attempts = http_status, skipped, retry_at, attempts
        super().__init__(f"{url}: {self.detail}")


@dataclass(frozen=True)
class Fetched:
    """A response: 200 with its body, or 304 (``not_modified``) with none."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str  # media type, lower case, without parameters ("" if none was sent)
    charset: str | None
    etag: str | None
    last_modified: str | None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"\'')
    return media.strip().lower(), charset


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now) if when else None


def _at(url: str, asked: str) -> str:
    """" at URL" when a message is about another URL than the one asked for (after a redirect)."""
    return "" if url == asked else f" at {url}"


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _looks_html(head: bytes) -> bool:
    start = head.lstrip()[:512].lower()
    return start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<body" in head.lower())


class Fetcher:
    """One ``httpx.Client`` shared by every request of a run; use it as a context manager."""

    def __init__(self, settings: MonitorSettings | None = None, *, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or MonitorSettings()
        self.user_agent = self.settings.user_agent.replace("{version}", __version__)
        self.sleep, self.clock = sleep, clock
        self.client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.settings.timeout_s, connect=min(self.settings.timeout_s, 10.0)),
            follow_redirects=False, transport=transport)
        self._ready_at: dict[str, float] = {}  # host → when its next request may start
        self._robots: dict[str, tuple[float, RobotFileParser | FetchError]] = {}  # host → (expires, rules)
        self.requests = 0  # every request sent, robots.txt and retries included

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the public call ----------------------------------------------------------------------

    def get(self, url: str, *, html_only: bool = True, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Fetched:
        """GET ``url`` politely, following redirects; ``FetchError`` when it cannot be had.
        ``max_bytes`` overrides ``max_page_mb`` (feeds and sitemaps may be larger than pages)."""
        current, attempts = url, 0
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_robots(current, url)
            headers = {"If-None-Match": etag} if etag else {}
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response, content, tries = self._request(current, headers, html_only=html_only, original=url,
                                                     max_bytes=max_bytes)
            attempts += tries
            if response.is_redirect and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                if urlsplit(current).scheme not in ("http", "https"):
                    raise FetchError(url, "bad redirect", f"redirected to a non-http URL {current}", attempts=attempts)
                continue
            return self._fetched(url, current, response, content, attempts)
        raise FetchError(url, "too many redirects", f"more than {MAX_REDIRECTS} redirects", attempts=attempts)

    def _fetched(self, url: str, final: str, response: httpx.Response, content: bytes, attempts: int) -> Fetched:
        if response.status_code not in (200, 304):
            raise FetchError(url, f"HTTP {response.status_code}", f"HTTP {response.status_code}{_at(final, url)}",
                             http_status=response.status_code, attempts=attempts)
        media, charset = _media_type(response.headers.get("content-type"))
        return Fetched(url=url, final_url=final, status=response.status_code, content=content, content_type=media,
                       charset=charset, etag=response.headers.get("etag"),
                       last_modified=response.headers.get("last-modified"), attempts=attempts)

    # -- one request, with retries ------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], *, html_only: bool, original: str,
                 max_bytes: int | None = None) -> tuple[httpx.Response, bytes, int]:
        """(response, body, tries): the body is read only for a 200."""
        tries = self.settings.retries + 1
        for attempt in range(1, tries + 1):
            wait: float | None = None
            try:
                response, content = self._send(url, headers, html_only=html_only, original=original,
                                               max_bytes=max_bytes)
            except httpx.TimeoutException as e:
                failure = FetchError(original, "timeout", f"timed out ({type(e).__name__}){_at(url, original)}",
                                     attempts=attempt)
            except httpx.TransportError as e:
                failure = FetchError(original, "connection failed", f"cannot connect{_at(url, original)} ({e})",
                                     attempts=attempt)
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response, content, attempt
                wait = _retry_after(response.headers.get("retry-after"), time.time())
                failure = FetchError(original, f"HTTP {response.status_code}",
                                     f"HTTP {response.status_code}{_at(url, original)}",
                                     http_status=response.status_code, attempts=attempt,
                                     retry_at=time.time() + wait if wait else None)
            backoff = self.settings.backoff_s * 2 ** (attempt - 1)
            if attempt == tries or (wait is not None and wait > MAX_WAIT_S):
                raise failure
            self.sleep(max(backoff, wait or 0.0))
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, url: str, headers: dict[str, str], *, html_only: bool, original: str,
              max_bytes: int | None = None) -> tuple[httpx.Response, bytes]:
        """One request after the host's rate-limit wait; the body read with a size cap."""
        host = _host(url)
        delay = self._ready_at.get(host, 0.0) - self.clock()
        if delay > 0:
            self.sleep(delay)
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                content = self._body(response, url, html_only=html_only, original=original,
                                     limit=max_bytes or self.settings.max_page_bytes) \
                    if response.status_code == 200 else b""
                return response, content
        finally:
            self._ready_at[host] = self.clock() + self._interval(host)

    def _body(self, response: httpx.Response, url: str, *, html_only: bool, original: str, limit: int) -> bytes:
        media, _ = _media_type(response.headers.get("content-type"))
        if html_only and media and media not in HTML_TYPES:
            raise FetchError(original, f"not html ({media})", f"not an HTML page ({media}){_at(url, original)}",
                             http_status=200, skipped=True)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(original, "too large", f"{int(length) / 1e6:.1f} MB is over the "
                             f"{limit / 1e6:g} MB limit (set max_page_mb)", http_status=200, skipped=True)
        deadline = self.clock() + 4 * self.settings.timeout_s  # a server trickling bytes is a timeout too
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FetchError(original, "too large", f"over the {limit / 1e6:g} MB limit (set max_page_mb)",
                                 http_status=200, skipped=True)
            if self.clock() > deadline:
                raise httpx.ReadTimeout(f"body not read in {4 * self.settings.timeout_s:g}s")
        content = b"".join(chunks)
        if html_only and not media and not _looks_html(content[:65536]):
            raise FetchError(original, "not html (no type)",
                             f"not an HTML page (no content type){_at(url, original)}",
                             http_status=200, skipped=True)
        return content

    # -- robots.txt ---------------------------------------------------------------------------

    def _interval(self, host: str) -> float:
        rate = self.settings.rate_limit_s
        cached = self._robots.get(host)
        if cached and isinstance(cached[1], RobotFileParser):
            delay = cached[1].crawl_delay(self.user_agent)
            if delay:
                rate = max(rate, min(float(delay), MAX_WAIT_S))
        return rate

    def _check_robots(self, url: str, original: str) -> None:
        rules = self.robots(url)
        if isinstance(rules, FetchError):
            raise FetchError(original, rules.reason, f"{rules.detail}; not fetching{_at(url, original) or ' it'}",
                             http_status=rules.http_status)
        if not rules.can_fetch(self.user_agent, url):
            raise FetchError(original, "robots.txt", f"robots.txt disallows {'it' if url == original else url}",
                             skipped=True)

    def robots(self, url: str) -> RobotFileParser | FetchError:
        """The host's robots.txt rules (cached), or the error that stands for "disallow for now"."""
        host = _host(url)
        cached = self._robots.get(host)
        if cached and cached[0] > self.clock():
            return cached[1]
        rules = self._read_robots(host)
        ttl = ROBOTS_RETRY_S if isinstance(rules, FetchError) else ROBOTS_TTL_S
        self._robots[host] = (self.clock() + ttl, rules)
        return rules

    def _read_robots(self, host: str) -> RobotFileParser | FetchError:
        robots_url = f"{host}/robots.txt"
        parser = RobotFileParser(robots_url)
        current = robots_url
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                response, content, _tries = self._request(current, {}, html_only=False, original=robots_url,
                                                          max_bytes=ROBOTS_MAX_BYTES * 4)
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                break
        except FetchError as e:
            if e.reason == "too large":  # RFC 9309: parse what fits; here, treat it as no rules
                parser.parse([])
                return parser
            return FetchError(robots_url, "robots.txt unavailable", f"robots.txt unavailable ({e.detail})",
                              http_status=e.http_status)
        status = response.status_code
        if 200 <= status < 300:
            parser.parse(content[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
        elif 300 <= status < 500:  # RFC 9309: unavailable (or too many redirects) → no restrictions
            parser.parse([])
        else:
            return FetchError(robots_url, "robots.txt unavailable", f"robots.txt unavailable (HTTP {status})",
                              http_status=status)
        return parser
