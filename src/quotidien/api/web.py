"""The web page: server-rendered HTML over the same `Corpus` calls as the JSON API.

Every page is a shareable URL (its query is in the address), works without JavaScript, and
escapes what it shows (Jinja2's autoescape; no `|safe` on corpus text anywhere).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

import quotidien
from quotidien.api.app import server_of
from quotidien.api.marks import marked_parts
from quotidien.api.routes import Filters, split_marks, text
from quotidien.api.uploads import read_page
from quotidien.errors import InputError
from quotidien.render import byline

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query()]


def setup_templates(templates: Jinja2Templates) -> None:
    env = templates.env
    env.autoescape = True  # every page; corpus text is never trusted
    env.globals["url"] = url
    env.globals["refine"] = refine
    env.globals["speaker_url"] = speaker_url
    env.globals["safe_link"] = safe_link
    env.globals["version"] = quotidien.__version__
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["marks"] = split_marks
    env.filters["byline"] = byline


#: The query parameters a page keeps in its links (filters and searches; not the cursor).
KEPT_PARAMS = ("q", "since", "until", "lang", "site", "provider", "entity", "speaker", "about",
               "kind")  # fmt: skip


def kept(request: Request) -> dict[str, str]:
    """The page's own filters, non-empty, to carry into its links."""
    return {k: v for k, v in request.query_params.items() if k in KEPT_PARAMS and v.strip()}


def url(path: str, /, **params: Any) -> str:
    """`path` with the non-empty `params` as its query string."""
    kept = {key: value for key, value in params.items() if value not in (None, "", False)}
    return path + ("?" + urlencode(kept, doseq=True) if kept else "")


def refine(path: str, params: dict[str, str], key: str, value: str) -> str:
    """The current page's address with one filter set (a new search: from its first page)."""
    return url(path, **{**params, key: value})


def speaker_url(name: str) -> str:
    return "/speakers/" + quote(name, safe="")


def safe_link(link: str | None) -> str:
    """A page's own link, kept only when it is http(s): a `javascript:` URL in a hostile
    page's canonical link or teaser must not become a link that runs it."""
    try:
        if link and urlsplit(link.strip()).scheme.lower() in ("http", "https"):
            return link.strip()
    except ValueError:  # not a URL at all
        pass
    return "#"


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    server = server_of(request)
    return server.templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    filters: Filters,
    q: Text = None,
    cursor: Text = None,
) -> Response:
    server = server_of(request)
    query = text("q", q) or ""
    context: dict[str, Any] = {
        "q": query.strip(),
        "params": kept(request),
        "hits": [],
        "next": None,
    }
    with server.corpus() as corpus:
        if query.strip():
            page = corpus.search_page(query, limit=20, cursor=cursor, **filters.values)
            context.update(
                hits=page.items, next=page.next, facets=corpus.facets(query, **filters.values)
            )
        else:
            context.update(
                counts=corpus.counts(),
                people=corpus.entities(kinds=("person",), limit=12),
                latest=corpus.quotes(limit=8),
            )
    return _page(request, "search.html", context)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    filters: Filters,
    speaker: Text = None,
    about: Text = None,
    q: Text = None,
    kind: Text = None,
    cursor: Text = None,
) -> Response:
    chosen = {
        "speaker": text("speaker", speaker) or None,
        "about": text("about", about) or None,
        "q": text("q", q) or None,
        "kind": kind if kind in ("direct", "indirect", "mixed") else None,
    }
    with server_of(request).corpus() as corpus:
        page = corpus.quotes_page(
            chosen["q"], speaker=chosen["speaker"], about=chosen["about"], kind=chosen["kind"],
            limit=50, cursor=cursor, **filters.values,
        )  # fmt: skip
    context = {"quotes": page.items, "next": page.next, "params": kept(request), **chosen}
    return _page(request, "quotes.html", context)


@router.get("/articles/{id}", response_class=HTMLResponse)
def article_page(request: Request, id: str) -> Response:
    with server_of(request).corpus() as corpus:
        stored = corpus.article(id)
    if stored is None:
        raise HTTPException(404, f"no article with id {id[:80]!r}")
    context = {
        "stored": stored,
        "a": stored.article,
        "parts": marked_parts(stored.article),
        "speakers": _speakers(stored.article),
    }
    return _page(request, "article.html", context)


def _speakers(article: Any) -> set[str]:
    return {q.speaker_name for q in article.quotes if q.speaker_name}


@router.get("/speakers/{name:path}", response_class=HTMLResponse)
def speaker_page(request: Request, name: str, cursor: Text = None) -> Response:
    text("name", name)
    with server_of(request).corpus() as corpus:
        profile = corpus.speaker(name)
        if profile is None:
            raise HTTPException(404, f"no quotation is attributed to {name[:80]!r}")
        page = corpus.quotes_page(speaker=name, limit=50, cursor=cursor)
    context = {
        "name": name,
        "profile": profile,
        "quotes": page.items,
        "next": page.next,
        "chart": week_chart(profile.weeks),
    }
    return _page(request, "speaker.html", context)


def week_chart(weeks: list[tuple[str, int]], most: int = 156, fewest: int = 26) -> dict[str, Any]:
    """Bars for an SVG chart: one per week from the first quoted week to the last (the last
    `most` weeks at most, `fewest` at least), empty weeks included so that time reads
    evenly."""
    if not weeks:
        return {"bars": [], "top": 0}
    counts = dict(weeks)
    first, last = date.fromisoformat(weeks[0][0]), date.fromisoformat(weeks[-1][0])
    first = max(first, last - timedelta(weeks=most - 1))
    first = min(first, last - timedelta(weeks=fewest - 1))
    days = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    top = max(counts.get(day.isoformat(), 0) for day in days) or 1
    width = 600 / len(days)
    bars = [
        {
            "week": day.isoformat(),
            "count": counts.get(day.isoformat(), 0),
            "x": round(i * width, 2),
            "width": round(max(width - 1, 0.5), 2),
            "height": round(160 * counts.get(day.isoformat(), 0) / top, 2),
        }
        for i, day in enumerate(days)
    ]
    return {"bars": bars, "top": top, "first": days[0].isoformat(), "last": days[-1].isoformat()}


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request) -> Response:
    return _page(request, "extract.html", {"a": None})


@router.post("/extract", response_class=HTMLResponse)
async def extract_view(request: Request) -> Response:
    """The pasted or uploaded page's record, quotations marked (not stored)."""
    data, name = await read_page(request)
    form = await request.form()
    nlp = form.get("nlp") == "on"
    kind: Any = form.get("kind") if form.get("kind") in ("html", "text") else None
    try:
        article = await run_in_threadpool(quotidien.extract, data, kind=kind, path=name, nlp=nlp)
    except InputError as error:
        return _page(request, "extract.html", {"a": None, "problem": str(error)}, 422)
    context = {
        "a": article,
        "parts": marked_parts(article),
        "speakers": _speakers(article),
        "nlp": nlp,
    }
    return _page(request, "extract.html", context)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """Swagger UI over /openapi.json, from files the package serves."""
    return _page(request, "docs.html", {})
