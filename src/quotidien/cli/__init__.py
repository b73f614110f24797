"""The `quotidien` command: a thin layer over the library.

Each module here registers its commands on `app`: `extract.py` (pages -> records),
`corpus.py` (ingest, search, quotes, entities, show, export, errors, info), `serve.py`
(the HTTP API and web page).
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="quotidien",
    help="News pages in, structured records out: article, page around it, who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:
    app()


# Imported for their side effect of registering commands on `app`.
from quotidien.cli import extract, corpus, serve, distributed  # noqa: E402, F401, I001
