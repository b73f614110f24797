"""The worker side of ingest: pages in, finished articles (or failures) out.

Chunks of pages go to worker processes; each worker loads the extraction stack and the
spaCy pipelines once (they are cached per process) and returns, per page, either the
article with its identity and MinHash signature or the reason it failed. Only a bounded
number of chunks is in flight, so memory stays flat however large the input is. A worker
that dies is replaced, and the pages it held are read again one by one.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from quotidien.budget import page_budget
from quotidien.errors import InputError
from quotidien.extract.core import extract_page
from quotidien.ingest.sources import Input
from quotidien.model import Article
from quotidien.settings import Settings
from quotidien.store.dedup import signature

_TRACKING = ("utm_", "fbclid", "gclid", "xtor", "at_medium", "at_campaign")


@dataclass(frozen=True)
class Extracted:
    key: str
    identity: str
    article: Article
    signature: bytes | None


@dataclass(frozen=True)
class Failed:
    key: str
    source: str
    reason: str


Outcome = Extracted | Failed


def identity(article: Article) -> str:
    """The article's identity: its canonical URL when known, else a hash of its text."""
    url = _usable_url(article.canonical_url) or _usable_url(article.source.url)
    if url:
        return "url:" + url
    return "sha1:" + hashlib.sha1(article.text().encode()).hexdigest()


def article_id(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def _usable_url(url: str | None) -> str | None:
    """The URL normalised (case of host, fragment and tracking parameters dropped), or None
    when it cannot name one article (a site's home page given as every page's canonical)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
    except ValueError:  # "http://[::1/…": not a URL that can name anything
        return None
    if parts.path in ("", "/") and not parts.query:
        return None
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not pair.lower().startswith(_TRACKING)
    )
    host = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), host, parts.path, query, ""))


# -- in the worker --

_settings: Settings | None = None
_nlp = False


def configure(settings: Settings, nlp: bool) -> None:
    """What `process` does in this process (a worker's, or a Ray actor's)."""
    global _settings, _nlp
    _settings, _nlp = settings, nlp


def _start_worker(settings: Settings, nlp: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    configure(settings, nlp)


def process(chunk: list[Input]) -> list[Outcome]:
    """Extract (and analyze) a chunk of pages; never raises for one bad page."""
    assert _settings is not None, "worker not started"
    settings = _settings
    outcomes: list[Outcome] = []
    articles: list[tuple[str, Article]] = []
    for item in chunk:
        try:
            with page_budget(settings.page_seconds, item.page.source.name()):
                articles.append((item.key, extract_page(item.page, settings, item.kind)))
        except InputError as error:
            outcomes.append(Failed(item.key, item.page.source.name(), error.reason))
        except Exception as error:  # a bug on one page must not stop the run: record it
            outcomes.append(_internal(item.key, item.page.source.name(), error))
    if _nlp:
        _analyze([article for _, article in articles], settings)
    for key, article in articles:
        try:
            outcomes.append(Extracted(key, identity(article), article, signature(article)))
        except Exception as error:
            outcomes.append(_internal(key, article.source.name(), error))
    return outcomes


def _internal(key: str, name: str, error: Exception) -> Failed:
    return Failed(key, name, f"internal error: {type(error).__name__}: {error}")


def _analyze(articles: list[Article], settings: Settings) -> None:
    from quotidien.nlp.pipeline import analyze_many

    try:
        with page_budget(settings.page_seconds * len(articles), "the chunk"):
            for _ in analyze_many(articles, settings, batch_size=len(articles) or 1):
                pass
    except Exception:  # find the article that breaks the batch; keep the others analysed
        for article in articles:
            try:
                with page_budget(settings.page_seconds, article.source.name()):
                    next(analyze_many([article], settings, batch_size=1))
            except InputError as error:  # over its time budget
                article.entities, article.quotes = [], []
                article.warn("nlp-failed", error.reason)
            except Exception as error:
                article.entities, article.quotes = [], []
                article.warn("nlp-failed", f"{type(error).__name__}: {error}")


# -- in the parent --


def run(
    chunks: Iterable[list[Input]], settings: Settings, nlp: bool, workers: int
) -> Iterator[tuple[list[Input], list[Outcome]]]:
    """Each chunk with its outcomes, in input order, over `workers` processes. One worker
    on a main thread reads in this process; off it (a server's ingest job), pages are read
    in a worker process all the same, where their time budget applies and a page that
    crashes its reader cannot take the server down."""
    if workers <= 1 and threading.current_thread() is threading.main_thread():
        configure(settings, nlp)
        yield from ((chunk, process(chunk)) for chunk in chunks)
        return
    supervisor = _Supervisor(settings, nlp, max(workers, 1))
    try:
        yield from supervisor.run(chunks)
    finally:
        supervisor.close()


#: The reason given for a page whose worker process died while reading it.
DIED = "the worker process died while reading this page (killed, or out of memory)"


class _Supervisor:
    """Worker processes that may die (the kernel's out-of-memory killer, `kill -9`): the
    chunks they held are read again page by page in a new pool, so that only the page that
    kills a worker again is lost, and reported."""

    def __init__(self, settings: Settings, nlp: bool, workers: int) -> None:
        self.settings, self.nlp, self.workers = settings, nlp, workers
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.settings, self.nlp),
        )

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def run(self, chunks: Iterable[list[Input]]) -> Iterator[tuple[list[Input], list[Outcome]]]:
        pending: deque[tuple[list[Input], Future[list[Outcome]] | None]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._submit(chunk)))
            if len(pending) >= self.workers * 2:
                yield self._finish(pending)
        while pending:
            yield self._finish(pending)

    def _submit(self, chunk: list[Input]) -> Future[list[Outcome]] | None:
        try:
            return self.pool.submit(process, chunk)
        except BrokenProcessPool:  # a worker died while idle: read again, one by one
            return None

    def _finish(
        self, pending: deque[tuple[list[Input], Future[list[Outcome]] | None]]
    ) -> tuple[list[Input], list[Outcome]]:
        chunk, future = pending.popleft()
        try:
            if future is not None:
                return chunk, future.result()
        except BrokenProcessPool:
            pass
        # Every chunk still in the broken pool is lost with it: read them again, page by
        # page, in a new one.
        self._restart()
        for index, (waiting, _) in enumerate(pending):
            pending[index] = (waiting, None)
        return chunk, self._one_by_one(chunk)

    def _one_by_one(self, chunk: list[Input]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for item in chunk:
            try:
                outcomes += self.pool.submit(process, [item]).result()
            except BrokenProcessPool:
                outcomes.append(Failed(item.key, item.page.source.name(), DIED))
                self._restart()
        return outcomes
