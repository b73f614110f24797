from __future__ import annotations

import io

from quotidien.errors import InputError
from quotidien.ingest.jsonl import is_jsonl, read_jsonl
from quotidien.model import Page

FIRST = b'{"url": "https://ex.fr/1", "html": "<p>Bonjour</p>", "retrieved": "2024-01-02T03:04:05Z"}'
LINES = (
    FIRST
    + b"""
this is not json
{"url": "https://ex.fr/2", "text": "Un texte brut."}

["a", "list"]
{"url": "https://ex.fr/3"}
{"url": "https://ex.fr/4", "html": "<p>fin</p>"}
"""
)


def test_good_lines_are_read_and_bad_lines_reported_alone() -> None:
    items = list(read_jsonl(io.BytesIO(LINES), "p.jsonl"))
    pages = [i for i in items if isinstance(i, Page)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [p.source.url for p in pages] == [
        "https://ex.fr/1",
        "https://ex.fr/2",
        "https://ex.fr/4",
    ]
    assert [p.source.kind for p in pages] == ["html", "text", "html"]
    assert pages[0].source.retrieved is not None
    assert pages[0].source.retrieved.tzinfo
    assert [e.name for e in errors] == ["p.jsonl:2", "p.jsonl:5", "p.jsonl:6"]
    assert errors[0].reason.startswith("not JSON")
    assert "expected an" in errors[2].reason


def test_invalid_utf8_line() -> None:
    items = list(read_jsonl(io.BytesIO(b'{"html": "\xff\xfe"}\n'), "p.jsonl"))
    assert isinstance(items[0], InputError)


def test_names() -> None:
    assert is_jsonl("a.jsonl")
    assert is_jsonl("a.jsonl.gz")
    assert is_jsonl("a.ndjson")
    assert not is_jsonl("a.json")
