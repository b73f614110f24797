"""The storage interface: everything the rest of quotidien asks of a corpus database.

Callers (`quotidien.corpus`, the CLI) only use `Store` and the plain records below, so a
PostgreSQL backend can be added by implementing this class, without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from quotidien.model import Article

T = TypeVar("T")

#: Snippet highlight markers; the CLI turns them into bold text or `**` in JSON.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class NewArticle:
    """An article ready to store: its identity key, its cluster head, its MinHash."""

    id: str
    identity: str
    cluster: str
    article: Article
    signature: bytes | None = None
    bands: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article."""

    key: str
    source: str
    reason: str


@dataclass
class Batch:
    """What one transaction writes: new articles, failures, and the inputs now done."""

    articles: list[NewArticle] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Filters:
    """Filters shared by article search and quote search. Dates compare to `published`."""

    since: datetime | None = None
    until: datetime | None = None
    site: str | None = None
    language: str | None = None
    entity: str | None = None
    provider: str | None = None


@dataclass(frozen=True)
class Hit:
    """One search result: the best-ranked copy of a story, with the size of its cluster."""

    id: str
    title: str | None
    site: str | None
    published: str | None
    language: str | None
    provider: str | None
    url: str | None
    snippet: str
    score: float
    copies: int


@dataclass(frozen=True)
class QuoteHit:
    article: str
    title: str | None
    site: str | None
    published: str | None
    kind: str
    speaker: str | None
    content: str
    #: The quote's place in its article's `quotes` list, and its span in `Article.text()`.
    position: int = 0
    start: int = 0
    end: int = 0
    cue: str | None = None


@dataclass(frozen=True)
class Found(Generic[T]):
    """One page of results, and the opaque cursor that asks for the next (None: no more)."""

    items: list[T]
    next: str | None = None


@dataclass(frozen=True)
class Facets:
    """How the articles matching a search spread over languages, sites and providers."""

    language: list[tuple[str, int]] = field(default_factory=list)
    site: list[tuple[str, int]] = field(default_factory=list)
    provider: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Speaker:
    """A person as a speaker across the corpus: how often, when, under which names, about
    whom. `weeks` counts quotes per ISO week (Monday's date), oldest first."""

    name: str
    quotes: int
    articles: int
    forms: list[tuple[str, int]] = field(default_factory=list)
    weeks: list[tuple[str, int]] = field(default_factory=list)
    about: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ErrorRow:
    source: str
    reason: str
    at: str


@dataclass(frozen=True)
class EntityCount:
    name: str
    kind: str
    articles: int
    mentions: int
    #: The names most often found in the same articles.
    often_with: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Copy:
    id: str
    site: str | None
    url: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True)
class StoredArticle:
    id: str
    cluster: str
    article: Article
    copies: list[Copy] = field(default_factory=list)


class Store(ABC):
    """A corpus database. Writes come in batches, each one transaction."""

    path: str
    #: The version of the database's tables (each backend numbers its own migrations).
    schema_version: int
    #: Rows a damaged database would not give up in the last `matching` (or export).
    unreadable = 0

    # -- ingest --
    @abstractmethod
    def done_inputs(self, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` whose inputs were already processed."""

    @abstractmethod
    def known_identities(self, identities: Sequence[str]) -> set[str]:
        """The identities among `identities` already stored."""

    @abstractmethod
    def similar(self, bands: list[int]) -> list[tuple[str, str, bytes]]:
        """(article id, cluster, MinHash bytes) of stored articles sharing any LSH band key."""

    @abstractmethod
    def forget_failures(self) -> int:
        """Drop the recorded failures and mark their inputs not done, so they are tried again."""

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One transaction around what is inside, writes of other programs waiting: an ingest
        looks for a batch's known copies and writes the batch in one such block, so that
        two ingests at once cluster copies as one would. `write` inside joins it."""
        yield

    @abstractmethod
    def write(self, batch: Batch) -> int:
        """Store a batch in one transaction: all of it or, if interrupted, none of it.
        Returns how many of its articles were new (another writer may have stored some)."""

    # -- reading --
    @abstractmethod
    def search(
        self, text: str, filters: Filters, limit: int, cursor: str | None = None
    ) -> Found[Hit]:
        """Best first, one hit per story cluster; `cursor` continues an earlier page."""

    @abstractmethod
    def facets(self, text: str, filters: Filters, top: int = 10) -> Facets:
        """Counts of the matching articles (not clusters) per language, site and provider."""

    @abstractmethod
    def quotes(
        self,
        text: str | None,
        filters: Filters,
        speaker: str | None,
        about: str | None,
        limit: int,
        cursor: str | None = None,
        kind: str | None = None,
    ) -> Found[QuoteHit]:
        """Newest first; `cursor` continues an earlier page."""

    @abstractmethod
    def speaker(self, name: str, top: int = 20) -> Speaker | None:
        """A person's profile as a speaker, or None when no quote is attributed to them."""

    @abstractmethod
    def matching(self, text: str | None, filters: Filters) -> Iterator[StoredArticle]:
        """Every article matching `text` (all of them when None) and the filters, streamed."""

    @abstractmethod
    def article(self, id: str) -> StoredArticle | None: ...

    @abstractmethod
    def articles(self) -> Iterator[StoredArticle]:
        """Every article, in ingest order, streamed."""

    @abstractmethod
    def errors(self, limit: int | None = None) -> list[ErrorRow]: ...

    @abstractmethod
    def entities(
        self, kinds: Iterable[str], limit: int, with_name: str | None = None
    ) -> list[EntityCount]:
        """Top entities by number of articles; with `with_name`, those co-mentioned with it."""

    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Stop any query of this block still running after `seconds` (QueryTimeout).
        Backends that cannot interrupt a query leave it running."""
        yield

    def size(self) -> int:
        """Bytes the database takes on disk."""
        return 0

    @abstractmethod
    def close(self) -> None: ...
