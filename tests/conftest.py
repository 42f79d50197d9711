"""Shared fixtures: one pipeline per test session, schema validation, ../shared."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsgraph.errors import InputError
from newsgraph.pipeline import Pipeline, build_pipeline
from newsgraph.reader.sources import read_inputs
from newsgraph.records import Record, record_to_dict

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def record_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("newsgraph.schema").joinpath("record.v1.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline()


@pytest.fixture
def extract(pipeline: Pipeline, record_validator: jsonschema.Draft202012Validator):
    """Run paths through reader and pipeline; every record is validated against the schema."""

    def run(*paths: str | Path, max_bytes: int = 5_000_000, published: str | None = None,
            stdin: Any = None) -> list[Record | InputError]:
        items = read_inputs([str(p) for p in paths], max_bytes=max_bytes, published=published, stdin=stdin)
        results = list(pipeline.run(items))
        for result in results:
            if isinstance(result, Record):
                record_validator.validate(json.loads(json.dumps(record_to_dict(result))))
        return results

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples" / "seed" / "article.txt").is_file():
        pytest.skip("../shared is not beside the repository")
    return SHARED
