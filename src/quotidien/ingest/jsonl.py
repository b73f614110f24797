"""JSON Lines of pages: one object per line, `{"url": …, "html": …}` or `{"url": …, "text": …}`.

An optional `retrieved` (ISO 8601) anchors relative dates. A line that is not a JSON object
with a page in it is reported for that line only; the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from quotidien.errors import InputError
from quotidien.ingest.warc import iso_time
from quotidien.model import Page, PageKind, Source


def is_jsonl(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson"))


def read_jsonl(lines: IO[bytes], name: str) -> Iterator[Page | InputError]:
    """Every page in a JSON Lines stream, with an InputError for each bad line."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _page(line, f"{name}:{number}")


def _page(line: bytes, where: str) -> Page | InputError:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return InputError(where, f"not JSON ({error})")
    if not isinstance(record, dict):
        return InputError(where, "not a JSON object")
    kind: PageKind = "html" if isinstance(record.get("html"), str) else "text"
    data = record.get(kind)
    if not isinstance(data, str):
        return InputError(where, 'no page in this line: expected an "html" or "text" string')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = Source(
        path=where, url=url, kind=kind, retrieved=iso_time(record.get("retrieved")), encoding=None
    )
    return Page(data=data, source=source)
