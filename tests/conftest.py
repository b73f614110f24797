"""Shared test helpers: repository paths, the development data in ../shared, schema checks."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
DATA = ROOT / "data"
SCHEMA = ROOT / "src" / "quotidien" / "schema" / "article.schema.json"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip when the development data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not available: {path} (../shared is absent)")
    return path


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def assert_valid_record(article: Any) -> None:
    """The record, serialised as JSON, validates against the committed JSON Schema."""
    data = json.loads(article.to_json())
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
