"""Ingest outcomes as Parquet shards: one shard per input file, written by the Ray engine
(`ingest/ray_engine.py`), loaded into a corpus by `Corpus.load` (`quotidien load DIR`).

A folder of shards is a manifest (`inputs.json`: the inputs in the order they were given,
in parts) and a shard per part, `shard-<hash of its inputs' paths>.parquet`, written under a
temporary name and renamed when whole: a shard that exists is a part done. An archive is a
part of its own; small files are grouped until a part holds PART_BYTES, so that a folder
of a hundred thousand pages is not a hundred thousand tasks. Each row is
one page: its resume key and source, and either its article (identity, id, the record as
JSON, MinHash signature, and a few columns for reading the shards directly) or the reason
it failed. Shards are written a row group at a time, so a large archive never sits whole in
memory. The folder may be any filesystem pyarrow reads (a path, `s3://…`, `gs://…`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from quotidien.errors import QuotidienError
from quotidien.ingest.pool import Extracted, Failed, Outcome, article_id

MANIFEST = "inputs.json"
ROW_GROUP = 64
PART_BYTES = 32 * 1024 * 1024
PART_FILES = 2000

COLUMNS = [
    ("key", "string"), ("source", "string"), ("reason", "string"), ("identity", "string"),
    ("id", "string"), ("url", "string"), ("title", "string"), ("language", "string"),
    ("published", "string"), ("record", "string"), ("signature", "binary"),
]  # fmt: skip


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])


@dataclass(frozen=True)
class Part:
    """Inputs read by one task into one shard."""

    inputs: list[str]
    shard: str


def plan(inputs: list[tuple[str, int]]) -> list[Part]:
    """(path, bytes) of each input, in order, cut into parts: an archive alone."""
    from quotidien.ingest.jsonl import is_jsonl
    from quotidien.ingest.warc import is_archive

    parts: list[Part] = []
    group: list[str] = []
    size = 0
    for path, length in inputs:
        alone = is_archive(path) or is_jsonl(path)
        if group and (alone or size + length > PART_BYTES or len(group) == PART_FILES):
            parts.append(_part(group))
            group, size = [], 0
        group.append(path)
        size += length
        if alone:
            parts.append(_part(group))
            group, size = [], 0
    if group:
        parts.append(_part(group))
    return parts


def _part(inputs: list[str]) -> Part:
    digest = hashlib.sha1("\n".join(inputs).encode()).hexdigest()[:16]
    return Part(inputs, f"shard-{digest}.parquet")


def row(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Failed):
        return {"key": outcome.key, "source": outcome.source, "reason": outcome.reason}
    article = outcome.article
    return {
        "key": outcome.key, "source": article.source.name(), "identity": outcome.identity,
        "id": article_id(outcome.identity), "url": article.canonical_url or article.source.url,
        "title": article.title, "language": article.language,
        "published": article.published.value.isoformat() if article.published else None,
        "record": article.to_json(), "signature": outcome.signature,
    }  # fmt: skip


def outcome(found: dict[str, Any]) -> Outcome:
    from quotidien.model import Article

    if found.get("record") is None:
        return Failed(found["key"], found["source"], found["reason"] or "no article")
    article = Article.model_validate_json(found["record"])
    return Extracted(found["key"], found["identity"], article, found["signature"])


class Folder:
    """A folder of shards on any filesystem pyarrow reads."""

    def __init__(self, uri: str) -> None:
        from pyarrow import fs

        self.uri = uri
        try:
            if "://" in uri:
                self.fs, self.base = fs.FileSystem.from_uri(uri)
            else:
                self.fs, self.base = fs.LocalFileSystem(), os.path.abspath(uri)
            self.fs.create_dir(self.base, recursive=True)
        except (OSError, ValueError) as error:
            raise QuotidienError(f"{uri}: cannot use this folder for shards: {error}") from None

    def _path(self, name: str) -> str:
        return f"{self.base.rstrip('/')}/{name}"

    def done(self, name: str) -> bool:
        from pyarrow import fs

        return bool(self.fs.get_file_info(self._path(name)).type == fs.FileType.File)

    def write_manifest(self, parts: list[Part]) -> None:
        entries = [{"inputs": part.inputs, "shard": part.shard} for part in parts]
        with self.fs.open_output_stream(self._path(MANIFEST)) as out:
            out.write(json.dumps(entries, ensure_ascii=False, indent=1).encode())

    def manifest(self) -> list[Part]:
        """The parts, in the order of the inputs given."""
        if not self.done(MANIFEST):
            raise QuotidienError(f"{self.uri}: no {MANIFEST}: not a folder of quotidien shards")
        with self.fs.open_input_stream(self._path(MANIFEST)) as found:
            entries = json.loads(found.read())
        return [Part(list(entry["inputs"]), entry["shard"]) for entry in entries]

    def write(self, name: str, outcomes: Iterable[Outcome]) -> tuple[int, int]:
        """Write a shard (renamed into place when whole); (articles, failures) written."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema, part = _schema(), self._path(name + ".part")
        articles = failures = 0
        items = iter(outcomes)
        with pq.ParquetWriter(part, schema, filesystem=self.fs, compression="zstd") as writer:
            while group := list(islice(items, ROW_GROUP)):
                failed = sum(isinstance(item, Failed) for item in group)
                articles, failures = articles + len(group) - failed, failures + failed
                writer.write_table(pa.Table.from_pylist([row(i) for i in group], schema=schema))
        self.fs.move(part, self._path(name))
        return articles, failures

    def read(self, name: str) -> Iterator[Outcome]:
        import pyarrow.parquet as pq

        with self.fs.open_input_file(self._path(name)) as raw:
            for batch in pq.ParquetFile(raw).iter_batches(batch_size=ROW_GROUP):
                yield from (outcome(found) for found in batch.to_pylist())
