"""A corpus: pages ingested into a database, searched, browsed and exported.

>>> from quotidien import Corpus
>>> corpus = Corpus("news.db")
>>> corpus.ingest(["saved-pages/", "crawl.warc.gz"])
>>> for hit in corpus.search("Choïgou Otan", since=datetime(2023, 1, 1)):
...     print(hit.title, hit.copies)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path

from quotidien.errors import InputError
from quotidien.ingest import pool
from quotidien.ingest.sources import Input, Sources
from quotidien.settings import DEFAULT, Settings
from quotidien.store import open_store
from quotidien.store.base import (
    Batch,
    EntityCount,
    ErrorRow,
    Failure,
    Filters,
    Hit,
    NewArticle,
    QuoteHit,
    StoredArticle,
)
from quotidien.store.dedup import Clusters

#: Environment variable naming the default database, before the user data directory.
DB_VARIABLE = "QUOTIDIEN_DB"
BATCH_SIZE = 32


def default_path() -> Path:
    """The database used when none is given: $QUOTIDIEN_DB, else the user's data directory."""
    if os.environ.get(DB_VARIABLE):
        return Path(os.environ[DB_VARIABLE])
    from platformdirs import user_data_path

    return user_data_path("quotidien", appauthor=False) / "corpus.db"


@dataclass
class IngestReport:
    """What an ingest did. `skipped`: inputs done by an earlier run; `duplicates`: pages
    whose article (same canonical URL or same text) was already stored."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def pages(self) -> int:
        return self.added + self.duplicates + self.failed + self.skipped


#: Called after each stored batch with the report so far and the input bytes read.
ProgressHook = Callable[[IngestReport, int], None]


class Corpus:
    """A corpus database (SQLite file at `path`, created when missing)."""

    def __init__(self, path: str | Path | None = None, settings: Settings = DEFAULT) -> None:
        self.path = Path(path) if path else default_path()
        self.settings = settings
        self.store = open_store(str(self.path))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- ingest --

    def ingest(
        self,
        sources: Sequence[str],
        *,
        nlp: bool = True,
        workers: int | None = None,
        batch_size: int = BATCH_SIZE,
        progress: ProgressHook | None = None,
        reader: Sources | None = None,
        retry_errors: bool = False,
    ) -> IngestReport:
        """Read, extract, analyze and store every page of `sources`; resumable and idempotent.

        Each batch is one transaction together with the record of the inputs it consumed,
        so an interrupted run restarted with the same sources finishes the job. Inputs that
        failed before are skipped like the others, unless `retry_errors`.
        """
        if retry_errors:
            self.store.forget_failures()
        reader = reader or Sources(sources, self.settings)
        report = IngestReport()
        clusters = Clusters(self.store.similar)
        chunks = self._fresh_chunks(reader, batch_size, report)
        for chunk, outcomes in pool.run(chunks, self.settings, nlp, workers or cpu_count()):
            self._store(chunk, outcomes, clusters, report)
            if progress:
                progress(report, reader.read)
        return report

    def _fresh_chunks(
        self, reader: Iterable[Input | InputError], size: int, report: IngestReport
    ) -> Iterator[list[Input]]:
        """Chunks of inputs not done yet; reader errors are stored on the way."""
        items = iter(reader)
        while chunk := list(islice(items, size)):
            failures = [_reader_failure(item) for item in chunk if isinstance(item, InputError)]
            if failures:
                self.store.write(Batch(failures=failures))
                report.failed += len(failures)
            inputs = _unique([item for item in chunk if isinstance(item, Input)])
            done = self.store.done_inputs([item.key for item in inputs])
            report.skipped += len(done)
            fresh = [item for item in inputs if item.key not in done]
            if fresh:
                yield fresh

    def _store(
        self,
        chunk: list[Input],
        outcomes: list[pool.Outcome],
        clusters: Clusters,
        report: IngestReport,
    ) -> None:
        batch = Batch(done=[item.key for item in chunk])
        extracted = [o for o in outcomes if isinstance(o, pool.Extracted)]
        known = self.store.known_identities([o.identity for o in extracted])
        for outcome in outcomes:
            if isinstance(outcome, pool.Failed):
                batch.failures.append(Failure(outcome.key, outcome.source, outcome.reason))
                report.failed += 1
            elif outcome.identity in known:
                report.duplicates += 1
            else:
                known.add(outcome.identity)
                batch.articles.append(_new_article(outcome, clusters))
                report.added += 1
        self.store.write(batch)
        clusters.stored()

    # -- reading --

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        since: datetime | None = None,
        until: datetime | None = None,
        site: str | None = None,
        language: str | None = None,
        entity: str | None = None,
        provider: str | None = None,
    ) -> list[Hit]:
        """Articles matching every word of `query`, best first, one hit per story cluster."""
        filters = Filters(since, until, site, language, entity, provider)
        return self.store.search(query, filters, limit)

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 50,
    ) -> list[QuoteHit]:
        """Quotes by `speaker` (any of their names), about an entity, containing `query`."""
        filters = Filters(since=since, until=until)
        return self.store.quotes(query, filters, speaker, about, limit)

    def article(self, id: str) -> StoredArticle | None:
        """One stored article by id (or a unique prefix of it), with its syndicated copies."""
        return self.store.article(id)

    def articles(self) -> Iterator[StoredArticle]:
        return self.store.articles()

    def errors(self, limit: int | None = None) -> list[ErrorRow]:
        return self.store.errors(limit)

    def entities(
        self,
        *,
        kinds: Iterable[str] = ("person", "organisation"),
        limit: int = 20,
        with_name: str | None = None,
    ) -> list[EntityCount]:
        """Top entities by number of articles; with `with_name`, those co-mentioned with it."""
        return self.store.entities(kinds, limit, with_name)

    def counts(self) -> dict[str, int]:
        return self.store.counts()


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _unique(inputs: list[Input]) -> list[Input]:
    seen: dict[str, Input] = {}
    for item in inputs:
        seen.setdefault(item.key, item)
    return list(seen.values())


def _reader_failure(error: InputError) -> Failure:
    return Failure(key=f"error|{error.name}|{error.reason}", source=error.name, reason=error.reason)


def _new_article(outcome: pool.Extracted, clusters: Clusters) -> NewArticle:
    article_id = pool.article_id(outcome.identity)
    cluster, bands = clusters.assign(article_id, outcome.signature)
    return NewArticle(
        article_id, outcome.identity, cluster, outcome.article, outcome.signature, bands
    )
