"""Every API endpoint with its filters and paging, the pages, and the safety rules, in process."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web.app import MAX_BODY_BYTES, MAX_PASTE_CHARS, create_app


@pytest.fixture(scope="module")
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(web_db))


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 4 and stats["events"] > 0 and stats["quotes"] > 0


def test_events_filters_and_paging(client: TestClient) -> None:
    body = client.get("/api/events", params={"source": "RUS", "target": "USA", "type": "REQUEST",
                                             "since": "2021-12-01"}).json()
    assert body["total"] >= 1 and all(
        (e["type"], e["source_country"], e["target_country"]) == ("REQUEST", "RUS", "USA") for e in body["items"])
    everything = client.get("/api/events", params={"limit": 1000, "modality": "all"}).json()
    pages = [client.get("/api/events", params={"limit": 2, "offset": o, "modality": "all"}).json()["items"]
             for o in range(0, everything["total"], 2)]
    assert [e["event_id"] + e["doc_id"] for p in pages for e in p] == [e["event_id"] + e["doc_id"] for e in everything["items"]]
    assert client.get("/api/events", params={"country": "HUN"}).json()["total"] >= 1
    assert client.get("/api/events", params={"quad": 3}).json()["total"] >= 1
    assert client.get("/api/events", params={"text": "Geneva"}).json()["total"] >= 1
    assert client.get("/api/events", params={"until": "2021-12-01"}).json()["total"] == 0
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"since": "not a date"}).status_code == 422


def test_events_csv(client: TestClient) -> None:
    response = client.get("/api/events.csv", params={"type": "ACCUSE"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and all(r["type"] == "ACCUSE" for r in rows)


def test_quotes_filters_and_csv(client: TestClient) -> None:
    items = client.get("/api/quotes", params={"speaker": "Ryabkov"}).json()["items"]
    assert items and all("Ryabkov" in q["speaker"] for q in items)
    assert client.get("/api/quotes", params={"text": "reject this"}).json()["items"]
    assert client.get("/api/quotes", params={"kind": "direct", "limit": 1}).json()["limit"] == 1
    assert client.get("/api/quotes", params={"speaker": "nobody at all"}).json()["items"] == []
    assert "speaker" in client.get("/api/quotes.csv").text.splitlines()[0]


def test_actors_and_actor(client: TestClient) -> None:
    names = [a["name"] for a in client.get("/api/actors", params={"limit": 10}).json()]
    assert "Russia" in names
    assert all(a["country"] == "RUS" for a in client.get("/api/actors", params={"country": "RUS"}).json())
    russia = client.get("/api/actors/Russia").json()
    assert set(russia) == {"actor", "did", "done_to", "said"} and russia["did"]
    assert client.get("/api/actors/Nobody%20At%20All").status_code == 404


def test_dyads_timeline_types_network(client: TestClient) -> None:
    dyads = client.get("/api/dyads").json()
    assert any((d["source"], d["target"]) == ("RUS", "USA") for d in dyads)
    assert client.get("/api/dyads", params={"by": "actor", "period": "month"}).status_code == 200
    assert client.get("/api/dyads", params={"period": "fortnight"}).status_code == 422
    timeline = client.get("/api/timeline", params={"period": "month"}).json()
    assert timeline and {"period", "cooperation", "conflict", "goldstein_sum"} <= set(timeline[0])
    assert client.get("/api/types").json()
    network = client.get("/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])


def test_search_and_documents(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "security guarantees"}).json()
    assert found
    doc = client.get(f"/api/documents/{found[0]['doc_id']}").json()
    assert doc["schema_version"] and doc["text"] and "events" in doc
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_sql_injection_is_just_a_string(client: TestClient) -> None:
    for value in ["RUS' OR '1'='1", "x'; DROP TABLE events; --", "%", "\\"]:
        assert client.get("/api/events", params={"source": value}).status_code == 200
        assert client.get("/api/quotes", params={"speaker": value}).status_code == 200
    assert client.get("/api/stats").json()["events"] > 0


def test_extract_paste_box(client: TestClient, web_db: Path) -> None:
    text = "Peru criticised Chile on 3 March 2022 over the border. <script>alert(1)</script>"
    body = client.post("/api/extract", json={"text": text}).json()
    assert body["saved"] is False and body["record"]["events"]
    assert "<script>" not in body["html"] and "&lt;script&gt;" in body["html"]
    too_long = client.post("/api/extract", json={"text": "x" * (MAX_PASTE_CHARS + 1)})
    assert too_long.status_code == 422 and "at most" in str(too_long.json()["detail"])
    too_big = client.post("/api/extract", content=b"x" * (MAX_BODY_BYTES + 1), headers={"content-type": "application/json"})
    assert too_big.status_code == 413
    assert client.post("/api/extract", json={"text": ""}).status_code == 422


def test_extract_can_save_into_the_store(tmp_path: Path, web_db: Path) -> None:
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    client = TestClient(create_app(db))
    before = client.get("/api/stats").json()["documents"]
    text = "Chile and Peru agree to talks\n\nSynthetic.\n\nChile and Peru agreed on 4 March 2022 to hold talks on their border."
    assert client.post("/api/extract", json={"text": text, "save": True}).json()["saved"] is True
    assert client.get("/api/stats").json()["documents"] == before + 1


@pytest.mark.parametrize("path", ["/", "/?country=RUS", "/network", "/events", "/events?type=REQUEST&page=1",
                                  "/quotes", "/quotes?speaker=Ryabkov", "/extract", "/sources", "/dyad?source=RUS&target=USA",
                                  "/actor/Russia", "/docs", "/openapi.json"])
def test_pages_load(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_article_page_escapes_markup_and_marks_quotes_and_events(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "rule-of-law"}).json()
    page = client.get(f"/article/{found[0]['doc_id']}").text
    assert "<script>document.title" not in page and "&lt;script&gt;document.title" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert 'class="quote"' in page or 'class="ent quote"' in page
    assert 'class="pred"' in page
    assert client.get("/article/nope").status_code == 404
    assert client.get("/actor/Nobody%20At%20All").status_code == 400


def test_article_page_names_the_file_not_the_path_it_was_read_from(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "rule-of-law"}).json()
    page = client.get(f"/article/{found[0]['doc_id']}").text
    assert "markup.txt" in page
    assert str(Path(__file__).resolve().parents[1]) not in page  # no absolute local path


def test_article_origin_is_the_url_else_the_file_name() -> None:
    from newsgraph.web.app import article_origin

    assert article_origin({"url": "https://news.example/a", "input": {"path": "/home/x/a.txt"}}) == "https://news.example/a"
    assert article_origin({"url": None, "input": {"path": "/home/ana/corpus/2023-11-24-talks.txt"}}) == "2023-11-24-talks.txt"
    assert article_origin({"url": None, "input": {"path": "C:\\Users\\ana\\a.txt"}}) == "a.txt"
    assert article_origin({"url": None, "input": {"path": "-"}}) == "pasted text"


def test_sources_api_and_page_escape_what_the_web_sent(tmp_path: Path, web_db: Path) -> None:
    import shutil

    from newsgraph.store.schema import connect

    db = tmp_path / "monitored.duckdb"
    shutil.copy(web_db, db)
    client = TestClient(create_app(db))
    assert client.get("/api/sources").json() == {"sources": [], "failures": []}
    evil = "https://news.test/<script>alert(1)</script>"
    with connect(db) as con:
        con.execute("""INSERT INTO sources (url, name, kind, every_s, added_at, last_polled, next_poll, n_found,
                       n_ingested, n_failed, last_error, last_error_at) VALUES
                       ('https://news.test/feed.xml', 'Wire <b>', 'feed', 900, TIMESTAMP '2024-03-14 09:00:00',
                        TIMESTAMP '2024-03-14 09:00:05', TIMESTAMP '2024-03-14 09:15:05', 3, 2, 1, ?,
                        TIMESTAMP '2024-03-14 09:00:04')""", [f"{evil}: HTTP 500"])
        con.execute("""INSERT INTO fetches (url, source_id, status, reason, detail, http_status, attempts, fetched_at,
                       next_retry) VALUES (?, 1, 'failed', 'HTTP 500', 'HTTP 500 from there', 500, 1,
                       TIMESTAMP '2024-03-14 09:00:04', TIMESTAMP '2024-03-14 09:10:04'),
                       ('https://news.test/r.pdf', 1, 'skipped', 'not html (application/pdf)', NULL, 200, 1,
                       TIMESTAMP '2024-03-14 09:00:03', NULL)""", [evil])
    body = client.get("/api/sources").json()
    [source] = body["sources"]
    assert (source["every"], source["n_ingested"], source["failing"], source["last_polled"]) == (
        "15m", 2, 1, "2024-03-14T09:00:05")
    assert [f["reason"] for f in body["failures"]] == ["HTTP 500", "not html (application/pdf)"]
    assert client.get("/api/sources", params={"failures": 0}).json()["failures"] == []
    assert client.get("/api/sources", params={"failures": -1}).status_code == 422
    page = client.get("/sources").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Wire &lt;b&gt;" in page and "2024-03-14 09:15:05" in page and "not html (application/pdf)" in page
