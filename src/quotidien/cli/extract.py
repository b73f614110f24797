"""`quotidien extract`: pages (files, folders, globs, URLs, stdin) -> records."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from quotidien import render
from quotidien.budget import page_budget
from quotidien.cli import app
from quotidien.errors import InputError, QuotidienError
from quotidien.extract.core import extract_page
from quotidien.ingest.files import declared_kind, expand, read_expanded
from quotidien.model import Article, Page, PageKind
from quotidien.settings import DEFAULT, Settings

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per error
NLP_BATCH = 32


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    text = "text"


UrlsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--urls",
        help="A file of URLs, one a line, to fetch (repeatable); nothing else is fetched "
        "but URLs given as arguments.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Fetch from loopback, private and link-local addresses too (off: public hosts only).",
    ),
]
PageSecondsOption = Annotated[
    float,
    typer.Option(
        "--page-seconds",
        min=0,
        help="Time one page may take (extraction, then analysis); past it the page is "
        "reported. 0: no limit.",
    ),
]


def _listed_urls(lists: list[Path]) -> list[str]:
    """The URLs of the --urls files; a line that is not an http(s) URL is refused."""
    from quotidien.ingest.files import is_url
    from quotidien.ingest.sources import read_url_list

    found: list[str] = []
    for path in lists:
        try:
            lines = read_url_list(str(path))
        except OSError as error:
            raise typer.BadParameter(f"{path}: {error.strerror or error}") from None
        bad = [line for line in lines if not is_url(line)]
        if bad:
            raise typer.BadParameter(f"{path}: {bad[0][:80]!r} is not an http(s) URL")
        found += lines
    return found


def parse_models(values: list[str]) -> dict[str, str]:
    """`--model en=en_core_web_trf` options -> {"en": "en_core_web_trf"}."""
    models = {}
    for value in values:
        lang, sep, name = value.partition("=")
        if not sep or not lang.strip() or not name.strip():
            raise typer.BadParameter(f"{value!r}: expected LANG=PACKAGE, e.g. en=en_core_web_sm")
        models[lang.strip().lower()] = name.strip()
    return models


def _articles(
    pages: Iterable[Page | InputError],
    settings: Settings,
    kind: PageKind | None,
    retrieved: datetime | None,
) -> Iterator[Article | InputError]:
    for page in pages:
        if isinstance(page, InputError):
            yield page
            continue
        if retrieved and page.source.retrieved is None:
            page = page.model_copy(
                update={"source": page.source.model_copy(update={"retrieved": retrieved})}
            )
        try:
            with page_budget(settings.page_seconds, page.source.name()):
                article = extract_page(page, settings, kind or declared_kind(page))
            yield article
        except QuotidienError as exc:
            yield exc if isinstance(exc, InputError) else InputError(page.source.name(), str(exc))
        except Exception as exc:  # a bug must cost one page, never the batch
            yield InputError(page.source.name(), f"internal error: {type(exc).__name__}: {exc}")


def _with_nlp(
    items: Iterable[Article | InputError], settings: Settings
) -> Iterator[Article | InputError]:
    from quotidien.nlp.pipeline import analyze_many

    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        batch.append(item)
        if len(batch) >= NLP_BATCH:
            yield from analyze_many(batch, settings)
            batch = []
    yield from analyze_many(batch, settings)


def _write(article: Article, fmt: Format, out: TextIO, first: bool) -> None:
    if fmt is Format.jsonl:
        out.write(article.to_json() + "\n")
    elif fmt is Format.json:
        out.write(article.to_json(indent=2) + "\n")
    elif fmt is Format.markdown:
        out.write(("" if first else "\n---\n\n") + render.to_markdown(article))
    else:
        out.write(("" if first else "\n" + "=" * 72 + "\n\n") + render.to_text(article))


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[cyan]{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err,
        disable=not enabled,
        transient=True,
    )


@app.command()
def extract(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, globs, URLs, or - for standard input.", show_default=False
        ),
    ] = None,
    urls: UrlsOption = None,
    allow_private: AllowPrivateOption = False,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format (default: json for one page, jsonl for many)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Treat inputs as html or text (default: from the file name, else sniffed)."
        ),
    ] = None,
    nlp: Annotated[bool, typer.Option("--nlp", help="Add entities and quotes.")] = False,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", help="spaCy pipeline for a language, LANG=PACKAGE (repeatable)."),
    ] = None,
    quote_rules: Annotated[
        bool,
        typer.Option(
            "--quote-rules",
            help="Find quotes by the rules alone, not the language's trained model.",
        ),
    ] = False,
    no_encoder: Annotated[
        bool,
        typer.Option(
            "--no-encoder",
            help="Leave out the fine-tuned encoder (English): the CRF alone, faster.",
        ),
    ] = False,
    quote_models: Annotated[
        Path | None,
        typer.Option(
            "--quote-models",
            help="Folder of retrained attribution models (attribution-LANG.*, from "
            "`python -m quotidien.nlp.train`) to use instead of the shipped ones, for each "
            "language whose model it holds (or that ships none).",
        ),
    ] = None,
    retrieved: Annotated[
        datetime | None,
        typer.Option(
            help="Retrieval time of the inputs, anchoring relative dates ('il y a 3 heures')."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    page_seconds: PageSecondsOption = DEFAULT.page_seconds,
) -> None:
    """Extract the article record of each page.

    One error line per failed page; the batch goes on; exit status 1 when any page failed.
    """
    if kind not in (None, "html", "text"):
        raise typer.BadParameter(f"{kind!r}: expected html or text", param_hint="--kind")
    settings = replace(
        DEFAULT.with_models(parse_models(model or [])),
        quote_model=not quote_rules,
        quote_models=quote_models,
        quote_encoder=not no_encoder,
        page_seconds=page_seconds,
        fetch_private=allow_private,
    )
    if quote_models is not None and not any(quote_models.glob("attribution-*.crfsuite")):
        raise typer.BadParameter(
            f"{quote_models}: no attribution model there (attribution-LANG.crfsuite)",
            param_hint="--quote-models",
        )
    if not inputs and not urls:
        raise typer.BadParameter("give pages, folders or URLs, or --urls FILE")
    inputs = [*(inputs or []), *_listed_urls(urls or [])]
    names = list(expand(inputs))
    many = len(names) > 1 or any(Path(n).is_dir() for n in inputs if n != "-")
    fmt = fmt or (Format.jsonl if many else Format.json)
    if retrieved and retrieved.tzinfo is None:
        raise typer.BadParameter(
            "give a time zone, e.g. 2023-11-08T18:00+01:00", param_hint="--retrieved"
        )
    page_kind = cast(PageKind | None, kind)  # checked against html / text above
    items = _articles(read_expanded(names, settings), settings, page_kind, retrieved)
    if nlp:
        items = _with_nlp(items, settings)
    try:
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            failed = _run(items, fmt, out, len(names), not quiet and len(names) > 1)
        finally:
            if output:
                out.close()
    except OSError as error:  # disk full, no such folder, not allowed
        err.print(f"error: {error.filename or output or 'output'}: {error.strerror or error}")
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


def _run(
    items: Iterable[Article | InputError], fmt: Format, out: TextIO, total: int, show_progress: bool
) -> int:
    failed = 0
    first = True
    with _progress(show_progress and err.is_terminal) as progress:
        task = progress.add_task("extracting", total=total, rate="")
        for item in items:
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f} pages/s" if speed else "")
            if isinstance(item, InputError):
                failed += 1
                progress.console.print(f"[red]error[/red]: {item}", highlight=False)
                continue
            _write(item, fmt, out, first)
            first = False
    return failed
