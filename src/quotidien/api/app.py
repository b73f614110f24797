"""The application: one corpus, the JSON API and the web page, and what guards them.

Guards, in the order a request meets them: a cap on the request body (413 past it), security
headers on every answer (a Content-Security-Policy that allows no inline script and no
other origin), a time limit on each database query, and errors as JSON (or as an HTML page
for the web page) with a status that means what it says, never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotidien.corpus import Corpus
from quotidien.errors import InputError, QueryError, QueryTimeout, QuotidienError
from quotidien.settings import Settings

if TYPE_CHECKING:
    from quotidien.api.jobs import Jobs

log = logging.getLogger("quotidien.api")

PACKAGE = files("quotidien.api")
DEFAULT_MAX_UPLOAD = 50_000_000


@dataclass(frozen=True)
class ServerOptions:
    #: Bearer token that writes (POST /ingest) need; None turns writes off.
    token: str | None = None
    #: Largest request body accepted, in bytes (413 past it).
    max_upload: int = DEFAULT_MAX_UPLOAD
    #: Time one request's database work may take before it is stopped (503).
    query_seconds: float = 10.0
    #: Worker processes of an ingest job (1: in the server's own process).
    ingest_workers: int = 1


class Corpora:
    """Open corpora of one path, lent to one request at a time: the server answers on a pool
    of threads, so each request borrows a connection that any thread may use, and gives it
    back. There are never more than the requests ever answered at once."""

    def __init__(self, path: str, settings: Settings) -> None:
        self.path, self.settings = path, settings
        self._idle: list[Corpus] = []
        self._opened: list[Corpus] = []
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Corpus]:
        with self._lock:
            corpus = self._idle.pop() if self._idle else None
        if corpus is None:
            corpus = Corpus(self.path, self.settings, any_thread=True)
            with self._lock:
                self._opened.append(corpus)
        try:
            yield corpus
        finally:
            with self._lock:
                self._idle.append(corpus)

    def close(self) -> None:
        with self._lock:
            opened, self._opened, self._idle = self._opened, [], []
        for corpus in opened:
            corpus.close()


@dataclass
class Server:
    """What every endpoint reaches through `request.app.state.server`."""

    corpora: Corpora
    options: ServerOptions
    templates: Jinja2Templates
    jobs: Jobs

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        """A corpus for this request, its queries stopped past the time limit."""
        with self.corpora.borrow() as corpus, corpus.store.time_limit(self.options.query_seconds):
            yield corpus


def server_of(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def create_app(
    corpus: Corpus,
    options: ServerOptions | None = None,
    **overrides: Any,
) -> FastAPI:
    """The application over `corpus` (its path and settings; each thread opens its own).

    `overrides` set `ServerOptions` fields: `create_app(corpus, token="…")`."""
    from quotidien.api import routes, web
    from quotidien.api.jobs import Jobs

    options = ServerOptions(**{**(options.__dict__ if options else {}), **overrides})
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    web.setup_templates(templates)
    corpora = Corpora(str(corpus.path), corpus.settings)
    jobs = Jobs(corpora, options)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.stop()
        corpora.close()

    app = FastAPI(
        lifespan=lifespan,
        title="quotidien",
        summary="News articles, who said what in them, and where else the same story ran.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.server = Server(corpora, options, templates, jobs)
    app.include_router(routes.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    _mount_swagger(app)
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, limit=options.max_upload)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every answer has them
    return app


def _version() -> str:
    import quotidien

    return quotidien.__version__


def _mount_swagger(app: FastAPI) -> None:
    """Swagger UI's files come from the swagger-ui-bundle package: nothing from a CDN."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # the page at /docs says how to get it
        return
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")


# -- errors --


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """JSON for the API (and any client asking for JSON), an HTML page for the web page."""
    wants_page = not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )
    if wants_page:
        server = server_of(request)
        return server.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        response = error_response(request, error.status_code, str(error.detail))
        for key, value in (error.headers or {}).items():
            response.headers[key] = value
        return response

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'path', 'body'))}: "
            f"{e['msg']}"
            for e in error.errors()
        ]
        return error_response(request, 422, "invalid parameter: " + "; ".join(problems))

    async def query_error(request: Request, error: Exception) -> Response:
        status = 503 if isinstance(error, QueryTimeout) else 400
        return error_response(request, status, str(error))

    async def input_error(request: Request, error: Exception) -> Response:
        return error_response(request, 422, str(error))

    async def quotidien_error(request: Request, error: Exception) -> Response:
        return error_response(request, 500, str(error))

    async def internal(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        response = error_response(request, 500, "internal error (logged by the server)")
        # Starlette answers this one outside the middleware: the headers are added here.
        for key, value in security_headers(request.url.path):
            response.headers[key.decode()] = value.decode()
        return response

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(QuotidienError, quotidien_error)
    app.add_exception_handler(Exception, internal)


# -- middleware (plain ASGI, so that streamed answers stay streamed) --

#: No script but ours, no inline script or style, no other origin, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI sets styles inline; /docs shows no corpus text.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    csp = DOCS_CSP if path == "/docs" else CSP
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = security_headers(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """413 for a body over `limit` bytes: at once when Content-Length says so, else as soon
    as the bytes received pass it (a chunked upload is not read to its end first)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, _too_large_text(self.limit))
            return message

        await self.app(scope, counted, send)


def _too_large_text(limit: int) -> str:
    return f"request body larger than {limit} bytes (the server's --max-upload)"


async def _too_large(limit: int, send: Callable[[Message], Awaitable[None]]) -> None:
    body = JSONResponse({"error": _too_large_text(limit), "status": 413}, status_code=413)
    await send({"type": "http.response.start", "status": 413, "headers": body.raw_headers})
    await send({"type": "http.response.body", "body": body.body})
