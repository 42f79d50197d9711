"""End to end in Debian's chromium, driven by Playwright, against the running server.

Every page loads with no console error; the article page marks a quotation and an event; the
network and the timeline render; an article full of markup shows it as text and runs none of it.
Screenshots go to tests/out/screenshots/. Skipped when chromium or Playwright is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: page.errors.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _doc(server: str, words: str) -> str:
    return httpx.get(f"{server}/api/search", params={"q": words}).json()[0]["doc_id"]


@pytest.mark.parametrize("path,name", [("/", "overview"), ("/network", "network"), ("/events", "events"),
                                       ("/quotes", "quotes"), ("/sources", "sources"), ("/extract", "extract"),
                                       ("/dyad?source=RUS&target=USA", "dyad"), ("/actor/Russia", "actor")])
def test_page_loads_without_console_errors(server: str, page, path: str, name: str) -> None:
    response = page.goto(server + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    _shot(page, name)
    assert page.errors == []


def test_timeline_and_types_render(server: str, page) -> None:
    page.goto(server + "/")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => Chart.getChart(document.getElementById('timeline')) !== undefined")
    points = page.evaluate("() => Chart.getChart(document.getElementById('timeline')).data.labels.length")
    bars = page.evaluate("() => Chart.getChart(document.getElementById('types')).data.labels.length")
    assert points >= 1 and bars >= 1
    _shot(page, "timeline")
    assert page.errors == []


def test_network_renders_and_clicks_through(server: str, page) -> None:
    page.goto(server + "/network")
    page.wait_for_selector("#network[data-ready]")
    assert int(page.get_attribute("#network", "data-ready")) >= 2
    assert page.locator("#network canvas").count() >= 1
    _shot(page, "network-drawn")
    assert page.errors == []


def test_article_page_highlights_quote_and_event(server: str, page) -> None:
    page.goto(f"{server}/article/{_doc(server, 'draft security treaty')}")
    quote = page.locator("#article-text span.quote").first
    event = page.locator("#article-text span.pred").first
    actor = page.locator("#article-text span.ent").first
    assert quote.is_visible() and event.is_visible() and actor.is_visible()
    assert "ready to start talks" in page.locator("#article-text span.quote").all_inner_texts()[0]
    _shot(page, "article")
    assert page.errors == []


def test_markup_in_an_article_shows_as_text(server: str, page) -> None:
    page.goto(f"{server}/article/{_doc(server, 'rule-of-law')}")
    page.wait_for_load_state("networkidle")
    text = page.locator("#article-text").inner_text()
    assert '<script>document.title="hacked"</script>' in text
    assert "onerror=" in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.title() not in ("hacked", "pwned")
    _shot(page, "article-markup")
    assert page.errors == []


def test_extract_box_shows_pasted_markup_as_text(server: str, page) -> None:
    page.goto(server + "/extract")
    page.fill("#extract-text", "Peru criticised Chile on 3 March 2022. <img src=x onerror=alert('x')> <script>alert('y')</script>")
    page.click("#extract-form button[type=submit]")
    page.wait_for_selector("#extract-result:not([hidden])", timeout=60_000)
    assert "<script>alert('y')</script>" in page.locator("#extract-marked").inner_text()
    assert page.locator("#extract-marked img, #extract-marked script").count() == 0
    assert page.locator("#extract-events tr").count() >= 1
    _shot(page, "extract")
    assert page.errors == []


def test_extract_box_refuses_too_long_text(server: str, page) -> None:
    page.goto(server + "/extract")
    limit = int(page.get_attribute("#extract-text", "maxlength"))
    page.evaluate(f"() => {{ const t = document.getElementById('extract-text'); t.removeAttribute('maxlength'); t.value = 'x'.repeat({limit + 1}); }}")
    page.click("#extract-form button[type=submit]")
    assert "limit" in page.locator("#extract-error").inner_text()
