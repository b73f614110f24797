"""The JSON API under /api/v1: search, articles, quotes, speakers, entities, export,
extract, ingest jobs. Each endpoint calls the `Corpus` method the CLI command of the same
name calls, and shapes its answer as JSON."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

import quotidien
from quotidien.api.app import server_of
from quotidien.api.uploads import read_page, read_uploads
from quotidien.corpus import Corpus, parse_when
from quotidien.errors import QueryError
from quotidien.store import export
from quotidien.store.base import MARK_END, MARK_START, Hit, QuoteHit, StoredArticle
from quotidien.store.query import checked

router = APIRouter(prefix="/api/v1", tags=["corpus"])

Kind = Literal["direct", "indirect", "mixed"]
EntityKind = Literal["person", "organisation", "place", "other"]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many results.")]
Cursor = Annotated[
    str | None, Query(description="The `next` of the previous page, to continue it.")
]


class ArticleFilters:
    """The filters articles and quotes share, read from the query string."""

    def __init__(
        self,
        request: Request,
        since: Annotated[
            str | None, Query(description="Published on or after: YYYY-MM-DD or ISO time.")
        ] = None,
        until: Annotated[
            str | None, Query(description="Published on or before: YYYY-MM-DD or ISO time.")
        ] = None,
        lang: Annotated[str | None, Query(description="Language code, e.g. fr.")] = None,
        site: Annotated[str | None, Query(description="Site host, e.g. lemonde.fr.")] = None,
        provider: Annotated[str | None, Query(description="Agency, e.g. AFP.")] = None,
        entity: Annotated[
            str | None, Query(description="Mentioning this person or organisation.")
        ] = None,
    ) -> None:
        for name, value in [("lang", lang), ("site", site), ("provider", provider),
                            ("entity", entity)]:  # fmt: skip
            text(name, value)
        self.values: dict[str, Any] = {
            "since": _date("since", since),
            "until": _date("until", until, end_of_day=True),
            "language": lang or None,
            "site": site or None,
            "provider": provider or None,
            "entity": entity or None,
        }


def _date(name: str, value: str | None, end_of_day: bool = False) -> Any:
    try:
        return parse_when(value, end_of_day)
    except QueryError as error:
        raise HTTPException(422, f"invalid parameter: {name}: {error}") from None


def text(name: str, value: str | None) -> str | None:
    """A query parameter as given (None and "" alike), or a 400 when no search can take it:
    the store's own check (`store.query.checked`: NUL, bytes not UTF-8, too long)."""
    return checked(value, name) if value else None


Filters = Annotated[ArticleFilters, Depends()]


# -- reading --


@router.get("/articles", summary="Search articles")
def search_articles(
    request: Request,
    filters: Filters,
    q: Annotated[str, Query(description='Words to find (all of them); "a phrase"; prefix*.')],
    cursor: Cursor = None,
    limit: Limit = 20,
    facets: Annotated[bool, Query(description="Add counts per language, site, provider.")] = False,
) -> dict[str, Any]:
    """Best first, one hit per story (its syndicated copies counted in `copies`). The
    snippet's matched words are given as character offsets in `highlights`."""
    query = text("q", q) or ""
    with server_of(request).corpus() as corpus:
        page = corpus.search_page(query, limit=limit, cursor=cursor, **filters.values)
        answer: dict[str, Any] = {
            "items": [hit_json(hit) for hit in page.items],
            "next": page.next,
        }
        if facets:
            answer["facets"] = asdict(corpus.facets(query, **filters.values))
    return answer


def hit_json(hit: Hit) -> dict[str, Any]:
    snippet, highlights = split_marks(hit.snippet)
    return {
        **asdict(hit),
        "snippet": snippet,
        "highlights": highlights,
        "links": {"api": f"/api/v1/articles/{hit.id}", "page": f"/articles/{hit.id}"},
    }


def split_marks(snippet: str) -> tuple[str, list[list[int]]]:
    """The snippet without its highlight marks, and the [start, end) of each marked run."""
    plain: list[str] = []
    spans: list[list[int]] = []
    at = 0
    for i, piece in enumerate(snippet.split(MARK_START)):
        marked, _, rest = piece.partition(MARK_END) if i else ("", "", piece)
        if marked:
            spans.append([at, at + len(marked)])
        plain.append(marked + rest)
        at += len(marked) + len(rest)
    return "".join(plain), spans


@router.get("/articles/{id}", summary="One article, whole")
def get_article(request: Request, id: str) -> dict[str, Any]:
    """The record (the JSON Schema `extract` writes) with `id`, `cluster` and `copies`: the
    other articles of its story. `id` may be a unique prefix of at least 4 characters."""
    with server_of(request).corpus() as corpus:
        return article_json(_stored(corpus, id))


def _stored(corpus: Corpus, id: str) -> StoredArticle:
    stored = corpus.article(id)
    if stored is None:
        raise HTTPException(404, f"no article with id {id[:80]!r} (or the prefix is ambiguous)")
    return stored


def article_json(stored: StoredArticle) -> dict[str, Any]:
    return {
        "id": stored.id,
        "cluster": stored.cluster,
        **stored.article.model_dump(mode="json"),
        "copies": [asdict(copy) for copy in stored.copies],
    }


@router.get("/quotes", summary="Who said what")
def search_quotes(
    request: Request,
    filters: Filters,
    speaker: Annotated[str | None, Query(description="Who said it (any of their names).")] = None,
    about: Annotated[str | None, Query(description="Named inside the quote.")] = None,
    q: Annotated[str | None, Query(description="Words the quote contains.")] = None,
    kind: Annotated[Kind | None, Query(description="direct, indirect or mixed.")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Quotes, newest first, with their article's id, title, site and date."""
    with server_of(request).corpus() as corpus:
        page = corpus.quotes_page(
            text("q", q) or None,
            speaker=text("speaker", speaker) or None,
            about=text("about", about) or None,
            kind=kind,
            limit=limit,
            cursor=cursor,
            **filters.values,
        )
    return {"items": [quote_json(q) for q in page.items], "next": page.next}


def quote_json(quote: QuoteHit) -> dict[str, Any]:
    return {**asdict(quote), "links": {"page": f"/articles/{quote.article}"}}


@router.get("/speakers/{name:path}", summary="A person's quotations")
def get_speaker(
    request: Request, name: str, cursor: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """Their quotations (newest first, paged), quotations per week, the people and
    organisations they speak about, and the name forms under which they appear."""
    text("name", name)
    with server_of(request).corpus() as corpus:
        profile = corpus.speaker(name)
        if profile is None:
            raise HTTPException(404, f"no quotation is attributed to {name[:80]!r}")
        page = corpus.quotes_page(speaker=name, limit=limit, cursor=cursor)
    return {
        "name": profile.name,
        "quotes": profile.quotes,
        "articles": profile.articles,
        "forms": [{"form": form, "count": n} for form, n in profile.forms],
        "weeks": [{"week": week, "count": n} for week, n in profile.weeks],
        "about": [{"name": who, "kind": kind, "quotes": n} for who, kind, n in profile.about],
        "items": [quote_json(q) for q in page.items],
        "next": page.next,
    }


@router.get("/entities", summary="Most mentioned, and co-mentions")
def list_entities(
    request: Request,
    kind: Annotated[list[EntityKind] | None, Query(description="Kinds to count.")] = None,
    with_: Annotated[
        str | None, Query(alias="with", description="Co-mentioned with this name.")
    ] = None,
    limit: Limit = 20,
) -> dict[str, Any]:
    """People and organisations (or the kinds asked) by number of articles."""
    with server_of(request).corpus() as corpus:
        found = corpus.entities(
            kinds=kind or ("person", "organisation"),
            limit=limit,
            with_name=text("with", with_) or None,
        )
    return {"items": [asdict(entity) for entity in found]}


MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


@router.get("/export", summary="Export, streamed")
def export_rows(
    request: Request,
    filters: Filters,
    what: Literal["articles", "quotes", "entities"] = "articles",
    format: Literal["jsonl", "csv", "parquet"] = "jsonl",
    q: Annotated[
        str | None,
        Query(description="Only articles with these words; with what=quotes, quotes with them."),
    ] = None,
    speaker: Annotated[str | None, Query(description="Quotes: by this person.")] = None,
    about: Annotated[str | None, Query(description="Quotes: naming this.")] = None,
    kind: Annotated[Kind | None, Query(description="Quotes: of this kind.")] = None,
) -> StreamingResponse:
    """Articles, quotes or entities of the articles that match, as JSON Lines, CSV or
    Parquet, streamed as they are read (the same rows as `quotidien export`). A failure
    after the first rows (a query past its time limit) cuts the stream short: the client
    sees an incomplete answer, not a complete-looking file."""
    corpora = server_of(request).corpora
    selection: dict[str, Any] = dict(
        query=text("q", q) or None,
        speaker=text("speaker", speaker) or None,
        about=text("about", about) or None,
        kind=kind,
        **filters.values,
    )
    # The answer is produced on the server's threads, one chunk at a time, each on any of
    # them: its own connection, for this export alone, closed when the stream ends.
    corpus = Corpus(corpora.path, corpora.settings, any_thread=True)
    chunks = export.chunks(corpus.selection(what, **selection), what, format)
    try:
        first = next(chunks, b"")  # a bad query fails here, with its status, before the answer
    except BaseException:
        corpus.close()
        raise

    seconds = server_of(request).options.query_seconds

    def stream() -> Iterator[bytes]:
        try:
            yield first
            while True:  # each chunk's queries within the time limit, not the whole export
                with corpus.store.time_limit(seconds):
                    chunk = next(chunks, None)
                if chunk is None:
                    return
                yield chunk
        finally:
            corpus.close()

    name = f"quotidien-{what}.{format}"
    return StreamingResponse(
        stream(),
        media_type=MEDIA[format],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


# -- writing --


@router.post("/extract", summary="Extract one page (not stored)")
async def extract_page(
    request: Request,
    nlp: Annotated[bool, Query(description="Find entities and quotes too.")] = False,
    kind: Annotated[
        Literal["html", "text"] | None, Query(description="Sniffed when not given.")
    ] = None,
    url: Annotated[str | None, Query(description="The page's URL, when known.")] = None,
) -> dict[str, Any]:
    """The page is the request body (any charset), or the `page` field of a form: a file
    upload or pasted text. Answers its record, as `quotidien extract` writes it."""
    data, name = await read_page(request)
    from starlette.concurrency import run_in_threadpool

    article = await run_in_threadpool(
        quotidien.extract, data, url=url or None, kind=kind, path=name, nlp=nlp
    )
    record: dict[str, Any] = article.model_dump(mode="json")
    return record


def require_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
) -> None:
    """Writes need `Authorization: Bearer TOKEN`; without a token set, writes are off."""
    token = server_of(request).options.token
    if token is None:
        raise HTTPException(403, "writes are off: start the server with --token to allow them")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            401, "this needs Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


@router.post(
    "/ingest",
    summary="Add pages or archives to the corpus",
    status_code=202,
    dependencies=[Depends(require_token)],
)
async def ingest(
    request: Request,
    nlp: Annotated[bool, Query(description="Find entities and quotes.")] = True,
) -> dict[str, Any]:
    """Files in the `files` fields of a form (pages, WARC/WET, JSON Lines, .gz), or one
    file as the body (`?name=page.html`). Answers a job: `GET /api/v1/jobs/{id}` follows
    it (state, pages added, duplicates, failures with their reasons)."""
    server = server_of(request)
    uploads = await read_uploads(request, server.jobs.folder())
    job = server.jobs.start(uploads, nlp=nlp)
    return {**job.as_json(), "links": {"job": f"/api/v1/jobs/{job.id}"}}


@router.get("/jobs/{id}", summary="An ingest job's progress")
def get_job(request: Request, id: str) -> dict[str, Any]:
    job = server_of(request).jobs.get(id)
    if job is None:
        raise HTTPException(404, f"no job with id {id[:80]!r}")
    return job.as_json()


# -- the service --


@router.get("/health", summary="Is the server up, and can it read its corpus")
def health(request: Request) -> dict[str, Any]:
    with server_of(request).corpus() as corpus:
        corpus.counts()
    return {"status": "ok"}


@router.get("/info", summary="What the corpus holds")
def info(request: Request) -> dict[str, Any]:
    server = server_of(request)
    with server.corpus() as corpus:
        counts = corpus.counts()
        schema_version = corpus.store.schema_version
    return {
        "version": quotidien.__version__,
        "schema_version": schema_version,
        **counts,
        "writes": server.options.token is not None,
        "max_upload": server.options.max_upload,
    }
