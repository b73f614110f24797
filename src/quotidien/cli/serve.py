"""`quotidien serve`: the HTTP API and the web page over a corpus (FastAPI on uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from quotidien.cli import app
from quotidien.cli.corpus import DbOption, err, open_corpus

TOKEN_VARIABLE = "QUOTIDIEN_TOKEN"


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help=f"Bearer token that writes (POST /api/v1/ingest) need; also ${TOKEN_VARIABLE}. "
            "Without one, writes are off.",
        ),
    ] = None,
    max_upload: Annotated[
        int, typer.Option("--max-upload", min=1, help="Largest request body, in bytes.")
    ] = 50_000_000,
    workers: Annotated[
        int, typer.Option("--ingest-workers", min=1, help="Worker processes of an ingest job.")
    ] = 1,
) -> None:
    """Serve the corpus: a web page at / and a JSON API under /api/v1 (docs at /docs)."""
    import uvicorn

    from quotidien.api import ServerOptions, create_app

    token = token or os.environ.get(TOKEN_VARIABLE) or None
    with open_corpus(db) as corpus:
        options = ServerOptions(token=token, max_upload=max_upload, ingest_workers=workers)
        application = create_app(corpus, options)
        shown = f"[{host}]" if ":" in host else host
        writes = "on" if token else "off"
        err.print(f"quotidien: serving {corpus.store.path} at http://{shown}:{port}/ "
                  f"(API docs: /docs; writes {writes}); Ctrl-C stops")  # fmt: skip
        uvicorn.run(application, host=host, port=port, log_level="warning")
