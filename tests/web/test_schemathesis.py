"""Schemathesis against the running server: the OpenAPI schema loads and validates, and no
generated request makes the server fail (no 5xx), for every operation."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402


def test_openapi_schema_and_no_server_error(server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "GET /api/events", "GET /api/quotes", "GET /api/actors", "GET /api/actors/{name}", "GET /api/dyads",
        "GET /api/timeline", "GET /api/types", "GET /api/network", "GET /api/search", "GET /api/documents/{doc_id}",
        "GET /api/stats", "GET /api/events.csv", "GET /api/quotes.csv", "GET /api/sources", "POST /api/extract"}
    failures: list[str] = []
    for op in operations:
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def check(case) -> None:
            response = case.call(timeout=120)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200} → "
                                f"{response.status_code} {response.text[:200]}")

        check()
    assert not failures, failures[:5]
