"""Exporting a corpus as JSON Lines, CSV or Parquet, streamed record by record.

Three views: `articles` (one row per article; JSON Lines carries the whole record),
`quotes` (one row per quote, with its article's date, site and URL) and `entities` (one
row per entity per article, with its mentions).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any, Literal

from quotidien.errors import QuotidienError
from quotidien.store.base import StoredArticle
from quotidien.store.rows import site_of, utc_text

Format = Literal["jsonl", "csv", "parquet"]
What = Literal["articles", "quotes", "entities"]
Row = dict[str, Any]

#: Columns of each view, with their type (str or int) for Parquet.
COLUMNS: dict[str, dict[str, type]] = {
    "articles": {
        "id": str, "cluster": str, "url": str, "site": str, "language": str, "title": str,
        "lead": str, "body": str, "authors": str, "provider": str, "published": str,
        "updated": str, "section": str, "tags": str, "source": str, "quotes": int,
        "entities": int, "comments": int, "warnings": str,
    },
    "quotes": {
        "article": str, "published": str, "site": str, "url": str, "title": str, "kind": str,
        "content": str, "start": int, "end": int, "cue": str, "speaker": str,
        "speaker_entity": str, "speaker_name": str,
    },
    "entities": {
        "article": str, "published": str, "site": str, "entity": str, "kind": str, "name": str,
        "role": str, "mentions": int, "mention_texts": str,
    },
}  # fmt: skip


def rows(stored: Iterable[StoredArticle], what: What) -> Iterator[Row]:
    for item in stored:
        yield from _VIEWS[what](item)


def _article_rows(item: StoredArticle) -> Iterator[Row]:
    a = item.article
    yield {
        "id": item.id, "cluster": item.cluster, "url": a.canonical_url or a.source.url,
        "site": site_of(a), "language": a.language, "title": a.title, "lead": a.lead,
        "body": a.body_text(), "authors": "; ".join(a.authors), "provider": a.provider,
        "published": utc_text(a.published), "updated": utc_text(a.updated),
        "section": a.section, "tags": "; ".join(a.tags), "source": a.source.name(),
        "quotes": len(a.quotes), "entities": len(a.entities), "comments": len(a.comments.items),
        "warnings": "; ".join(w.code for w in a.warnings),
    }  # fmt: skip


def _quote_rows(item: StoredArticle) -> Iterator[Row]:
    a = item.article
    for q in a.quotes:
        yield {
            "article": item.id, "published": utc_text(a.published), "site": site_of(a),
            "url": a.canonical_url or a.source.url, "title": a.title, "kind": q.kind,
            "content": q.content.text, "start": q.content.start, "end": q.content.end,
            "cue": q.cue.text if q.cue else None, "speaker": q.speaker.text if q.speaker else None,
            "speaker_entity": q.speaker_entity, "speaker_name": q.speaker_name,
        }  # fmt: skip


def _entity_rows(item: StoredArticle) -> Iterator[Row]:
    a = item.article
    for e in a.entities:
        yield {
            "article": item.id, "published": utc_text(a.published), "site": site_of(a),
            "entity": e.id, "kind": e.kind, "name": e.name, "role": e.role,
            "mentions": len(e.mentions), "mention_texts": " | ".join(m.text for m in e.mentions),
        }  # fmt: skip


_VIEWS = {"articles": _article_rows, "quotes": _quote_rows, "entities": _entity_rows}


def write(stored: Iterable[StoredArticle], what: What, fmt: Format, out: IO[bytes]) -> int:
    """Write the view to a binary stream; returns the number of rows."""
    counts = _steps(stored, what, fmt, out)
    return max(counts, default=0)


def chunks(stored: Iterable[StoredArticle], what: What, fmt: Format) -> Iterator[bytes]:
    """The view as a stream of byte chunks (for an HTTP answer), produced as rows are read."""
    sink = _Sink()
    for _ in _steps(stored, what, fmt, sink):  # type: ignore[arg-type]
        if data := sink.drain():
            yield data
    if data := sink.drain():
        yield data


class _Sink(io.RawIOBase):
    """A binary stream that keeps what is written until it is drained."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._parts.append(bytes(data))
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


#: Rows written between two yields of a writer (a chunk of the stream).
STEP = 200


def _steps(
    stored: Iterable[StoredArticle], what: What, fmt: Format, out: IO[bytes]
) -> Iterator[int]:
    """Write the view, yielding the number of rows written so far every STEP rows."""
    if fmt == "jsonl" and what == "articles":
        return _write_records(stored, out)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    return writer(rows(stored, what), what, out)


def _write_records(stored: Iterable[StoredArticle], out: IO[bytes]) -> Iterator[int]:
    count = 0
    for item in stored:
        record = {"id": item.id, "cluster": item.cluster, **item.article.model_dump(mode="json")}
        out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        count += 1
        if count % STEP == 0:
            yield count
    yield count


def _write_jsonl(data: Iterable[Row], what: What, out: IO[bytes]) -> Iterator[int]:
    count = 0
    for row in data:
        out.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
        count += 1
        if count % STEP == 0:
            yield count
    yield count


def _write_csv(data: Iterable[Row], what: What, out: IO[bytes]) -> Iterator[int]:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(COLUMNS[what]))
    writer.writeheader()
    count = 0
    for row in data:
        writer.writerow(row)
        count += 1
        if count % STEP == 0:
            yield count
    text.detach()  # leave `out` open for the caller
    yield count


def _write_parquet(data: Iterable[Row], what: What, out: IO[bytes]) -> Iterator[int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        needed = "Parquet export needs pyarrow: pip install 'quotidien[export]'"
        raise QuotidienError(needed) from None

    schema = pa.schema(
        [(name, pa.int64() if kind is int else pa.string()) for name, kind in COLUMNS[what].items()]
    )
    count = 0
    with pq.ParquetWriter(pa.PythonFile(out, mode="w"), schema) as writer:
        iterator = iter(data)
        while batch := list(islice(iterator, 1000)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
            yield count
    yield count
