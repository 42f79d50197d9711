"""The fetcher's politeness and failure rules, on a mock transport with our own clock (no network)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from newsgraph.config import MonitorSettings
from newsgraph.monitor.fetcher import FetchError, Fetcher

HTML = b"<!doctype html><html><body><p>Synthetic article written for newsgraph tests.</p></body></html>"


class FakeTime:
    """A clock that moves only when the fetcher sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def make(handler: Callable[[httpx.Request], httpx.Response], robots: bytes | int = b"", **settings: float | int):
    """A fetcher over ``handler`` (robots.txt answered with ``robots``: a body, or a status)."""
    seen: list[httpx.Request] = []

    def route(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(robots) if isinstance(robots, int) else httpx.Response(200, content=robots)
        return handler(request)

    fake = FakeTime()
    options = {"rate_limit_s": 0.0, "backoff_s": 1.0, "retries": 2, **settings}
    fetcher = Fetcher(MonitorSettings(**options), transport=httpx.MockTransport(route), sleep=fake.sleep,
                      clock=fake.clock)
    return fetcher, seen, fake


def page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=HTML, headers={"content-type": "text/html; charset=utf-8", "etag": '"v1"'})


def test_fetcher_names_itself_and_sends_validators() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return page(request)

    fetcher, seen, _ = make(handler)
    first = fetcher.get("http://news.test/a")
    assert (first.status, first.etag, first.charset, first.content) == (200, '"v1"', "utf-8", HTML)
    again = fetcher.get("http://news.test/a", etag='"v1"', last_modified="Mon, 11 Mar 2024 08:00:00 GMT")
    assert again.not_modified and again.content == b""
    assert seen[-1].headers["if-modified-since"] == "Mon, 11 Mar 2024 08:00:00 GMT"
    assert all(r.headers["user-agent"].startswith("newsgraph/0.") for r in seen)
    assert "gzip" in seen[-1].headers["accept-encoding"]


def test_fetcher_retries_with_backoff_honouring_retry_after() -> None:
    answers = iter([httpx.Response(503), httpx.Response(429, headers={"retry-after": "3"}), None])
    fetcher, _, fake = make(lambda r: next(answers) or page(r))
    fetched = fetcher.get("http://news.test/a")
    assert fetched.status == 200 and fetched.attempts == 3
    assert fake.sleeps == [1.0, 3.0]  # backoff 1 s, then the server's 3 s (over the backoff's 2 s)


def test_fetcher_gives_up_after_retries() -> None:
    fetcher, seen, fake = make(lambda r: httpx.Response(500), retries=2)
    with pytest.raises(FetchError) as caught:
        fetcher.get("http://news.test/a")
    assert (caught.value.reason, caught.value.http_status, caught.value.attempts, caught.value.skipped) == (
        "HTTP 500", 500, 3, False)
    assert str(caught.value) == "http://news.test/a: HTTP 500"
    assert fake.sleeps == [1.0, 2.0] and len([r for r in seen if r.url.path == "/a"]) == 3


def test_fetcher_does_not_wait_for_a_long_retry_after() -> None:
    fetcher, _, fake = make(lambda r: httpx.Response(503, headers={"retry-after": "7200"}))
    with pytest.raises(FetchError) as caught:
        fetcher.get("http://news.test/a")
    assert caught.value.retry_at is not None and caught.value.attempts == 1 and fake.sleeps == []


def test_fetcher_timeouts_are_retried_then_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    fetcher, _, _ = make(handler, retries=1)
    with pytest.raises(FetchError, match="timed out") as caught:
        fetcher.get("http://news.test/slow")
    assert caught.value.reason == "timeout" and caught.value.attempts == 2


def test_fetcher_keeps_the_rate_limit_per_host() -> None:
    fetcher, _, fake = make(page, rate_limit_s=2.0)
    fetcher.get("http://news.test/a")  # robots.txt, then /a: 2 s apart
    fetcher.get("http://news.test/b")
    fetcher.get("http://other.test/c")  # another host: its robots.txt goes at once
    assert fake.sleeps == [2.0, 2.0, 2.0]


def test_fetcher_robots_crawl_delay_slows_it_down() -> None:
    fetcher, _, fake = make(page, robots=b"User-agent: newsgraph\nCrawl-delay: 5\nDisallow: /x/\n", rate_limit_s=1.0)
    fetcher.get("http://news.test/a")
    fetcher.get("http://news.test/b")
    assert fake.sleeps == [1.0, 5.0]  # robots.txt was read under the default rate


def test_fetcher_robots_rules() -> None:
    fetcher, seen, _ = make(page, robots=b"User-agent: *\nDisallow: /private/\n")
    with pytest.raises(FetchError) as caught:
        fetcher.get("http://news.test/private/a")
    assert (caught.value.reason, caught.value.skipped) == ("robots.txt", True)
    assert [r.url.path for r in seen] == ["/robots.txt"]
    redirect = make(lambda r: httpx.Response(301, headers={"location": "/private/b"}),
                    robots=b"User-agent: *\nDisallow: /private/\n")[0]
    with pytest.raises(FetchError, match="robots.txt disallows http://news.test/private/b"):
        redirect.get("http://news.test/old")  # a redirect's target is checked too


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_fetcher_robots_txt_status(status: int, allowed: bool) -> None:
    fetcher, seen, _ = make(page, robots=status, retries=0)
    if allowed:
        assert fetcher.get("http://news.test/a").status == 200
    else:
        with pytest.raises(FetchError) as caught:
            fetcher.get("http://news.test/a")
        assert (caught.value.reason, caught.value.skipped) == ("robots.txt unavailable", False)
        assert [r.url.path for r in seen] == ["/robots.txt"]


def test_fetcher_refuses_non_html_and_large_pages() -> None:
    pdf = make(lambda r: httpx.Response(200, content=b"%PDF", headers={"content-type": "application/pdf"}))[0]
    with pytest.raises(FetchError) as caught:
        pdf.get("http://news.test/r.pdf")
    assert (caught.value.reason, caught.value.skipped) == ("not html (application/pdf)", True)
    assert pdf.get("http://news.test/r.pdf", html_only=False).content == b"%PDF"
    big = make(lambda r: httpx.Response(200, content=b"<html>" + b"x" * 3000, headers={"content-type": "text/html"}),
               max_page_mb=0.001)[0]
    with pytest.raises(FetchError, match="over the 0.001 MB limit") as caught:
        big.get("http://news.test/big")
    assert caught.value.reason == "too large"

    def streamed(request: httpx.Request) -> httpx.Response:  # no Content-Length: the cap applies while reading
        return httpx.Response(200, stream=httpx.ByteStream(b"<html>" + b"x" * 3000), headers={"content-type": "text/html"})

    with pytest.raises(FetchError, match="too large|over the"):
        make(streamed, max_page_mb=0.001)[0].get("http://news.test/big")
    untyped = make(lambda r: httpx.Response(200, content=b"\x00\x01binary"))[0]
    with pytest.raises(FetchError, match="no content type"):
        untyped.get("http://news.test/blob")


def test_fetcher_redirects() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(302, headers={"location": "http://news.test/new"})
        if request.url.path == "/loop":
            return httpx.Response(301, headers={"location": "/loop"})
        return page(request)

    fetcher, _, _ = make(handler)
    fetched = fetcher.get("http://news.test/old")
    assert (fetched.url, fetched.final_url, fetched.status) == ("http://news.test/old", "http://news.test/new", 200)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get("http://news.test/loop")
    with pytest.raises(FetchError) as caught:
        make(lambda r: httpx.Response(404))[0].get("http://news.test/gone")
    assert (caught.value.reason, caught.value.http_status) == ("HTTP 404", 404)
