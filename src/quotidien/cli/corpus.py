"""Corpus commands: ingest, errors, search, quotes, entities, show, export, info.

Thin: each command parses its options, calls `quotidien.Corpus`, and formats the answer as
a table for people or as JSON / CSV for programs.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from quotidien.cli import app
from quotidien.cli.extract import AllowPrivateOption, PageSecondsOption, UrlsOption
from quotidien.corpus import Corpus, IngestReport, cpu_count, default_path, parse_when
from quotidien.errors import QueryError, QuotidienError
from quotidien.ingest.sources import Sources
from quotidien.settings import DEFAULT, Settings
from quotidien.store import export
from quotidien.store.base import MARK_END, MARK_START, Hit, StoredArticle
from quotidien.store.sqlite_open import named_error

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Corpus database: a SQLite file, or postgresql://user@host/name "
        "(default: $QUOTIDIEN_DB, else the user data dir).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON for programs.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV for programs.")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Published on or after (YYYY-MM-DD or ISO time).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Published on or before (YYYY-MM-DD or ISO time).")
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, max=100_000, help="At most this many.")
]


@contextmanager
def open_corpus(db: str | None, settings: Settings = DEFAULT) -> Iterator[Corpus]:
    """The corpus, with any QuotidienError turned into one clear line and exit status 1."""
    try:
        with Corpus(db, settings) as corpus:
            yield corpus
    except QuotidienError as error:
        err.print(f"error: {escape(str(error))}")
        raise typer.Exit(1) from None
    except sqlite3.Error as error:  # locked, disk full, damaged file
        err.print(f"error: {escape(str(named_error(str(db or default_path()), error)))}")
        raise typer.Exit(1) from None
    except OSError as error:  # an output file: disk full, no such folder, not allowed
        err.print(f"error: {escape(str(error.filename or 'output'))}: {error.strerror or error}")
        raise typer.Exit(1) from None


def _when(value: str | None, end_of_day: bool = False) -> datetime | None:
    try:
        return parse_when(value, end_of_day)
    except QueryError as error:
        raise typer.BadParameter(str(error)) from None


# -- ingest --


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, globs, -, URLs, WARC/WET, JSONL.", show_default=False),
    ] = None,
    urls: UrlsOption = None,
    allow_private: AllowPrivateOption = False,
    db: DbOption = None,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Find entities and quotes.")] = True,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: cores)."),
    ] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Pages per transaction.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    retry_errors: Annotated[
        bool, typer.Option("--retry-errors", help="Try again the inputs that failed before.")
    ] = False,
    page_seconds: PageSecondsOption = DEFAULT.page_seconds,
    engine: Annotated[
        Literal["local", "ray"],
        typer.Option("--engine", help="local: worker processes here; ray: a Ray cluster."),
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray: the cluster (default: a local Ray).")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", help="Ray: write Parquet shards here (a folder, s3://…)."),
    ] = None,
    cpus_per_worker: Annotated[
        float, typer.Option("--cpus-per-worker", min=0.1, help="Ray: CPUs each worker takes.")
    ] = 1.0,
) -> None:
    """Add pages to the corpus. Resumable: run the same command again after an interruption.
    The exit status is 1 when an input failed in this run (`quotidien errors` lists them).
    With `--engine ray`, pages are read on a Ray cluster into Parquet shards (`--output`),
    then stored (`--db`; without `--db` but with `--output`, the shards only)."""
    if not sources and not urls:
        raise typer.BadParameter("give pages, folders or archives, or --urls FILE")
    settings = replace(DEFAULT, page_seconds=page_seconds, fetch_private=allow_private)
    if engine == "ray":
        from quotidien.cli.distributed import ingest_on_ray

        if urls:
            raise typer.BadParameter("--urls is for the local engine: fetch the pages first")
        ray = RayChoice(address, output, workers or cpu_count(), cpus_per_worker)
        ingest_on_ray(sources or [], ray, db, settings, nlp, quiet)
        return
    with open_corpus(db, settings) as corpus:
        reader = Sources(sources or [], corpus.settings, [str(path) for path in urls or []])
        try:
            with _progress(reader, quiet) as hook:
                report = corpus.ingest(
                    sources or [],
                    nlp=nlp,
                    workers=workers or cpu_count(),
                    batch_size=batch,
                    progress=hook,
                    reader=reader,
                    retry_errors=retry_errors,
                )
        except KeyboardInterrupt:
            err.print("interrupted: run the same command again to finish; nothing is lost")
            raise typer.Exit(130) from None
        summary(report, corpus.store.path)
    if report.failed:  # as `extract`: a script can tell that some input was not ingested
        raise typer.Exit(1)


@dataclass(frozen=True)
class RayChoice:
    address: str | None
    output: str | None
    workers: int
    cpus_per_worker: float


@contextmanager
def _progress(reader: Sources, quiet: bool) -> Iterator[Any]:
    if quiet or not err.is_terminal:
        yield None
        return
    total = reader.total()
    columns = [
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.fields[pages]} pages, {task.fields[rate]}/s"),
        TimeRemainingColumn(),
    ]
    start = time.monotonic()
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=total, pages=0, rate="0")

        def hook(report: IngestReport, read: int) -> None:
            rate = report.pages / max(time.monotonic() - start, 1e-6)
            progress.update(task, completed=read, pages=report.pages, rate=f"{rate:.1f}")

        yield hook


def summary(report: IngestReport, path: str) -> None:
    parts = [f"{report.added} articles added", f"{report.duplicates} already stored"]
    if report.skipped:
        parts.append(f"{report.skipped} inputs done by an earlier run")
    if report.failed:
        parts.append(f"{report.failed} failed (see `quotidien errors`)")
    if report.missing:
        parts.append(f"{report.missing} shards not written yet (run the Ray step again)")
    err.print(", ".join(parts) + f" — {path}")


@app.command()
def errors(
    db: DbOption = None,
    json_: JsonOption = False,
    csv_: CsvOption = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, max=100_000)] = None,
) -> None:
    """Inputs that could not be ingested, and why."""
    with open_corpus(db) as corpus:
        rows = [asdict(row) for row in corpus.errors(limit)]
    _emit(rows, ["source", "reason", "at"], json_, csv_, "No failed inputs.")


# -- search and browse --


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find (all of them); "a phrase"; prefix*.')],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: Annotated[str | None, typer.Option(help="Site host, e.g. lemonde.fr.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language code, e.g. fr.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Articles mentioning this person or organisation.")
    ] = None,
    provider: Annotated[str | None, typer.Option(help="Agency, e.g. AFP.")] = None,
    limit: LimitOption = 20,
    json_: JsonOption = False,
    csv_: CsvOption = False,
) -> None:
    """Full-text search, best first, one hit per story (with the number of copies)."""
    with open_corpus(db) as corpus:
        hits = corpus.search(
            query,
            limit=limit,
            since=_when(since),
            until=_when(until, True),
            site=site,
            language=lang,
            entity=entity,
            provider=provider,
        )
    if json_ or csv_:
        rows = [{**asdict(h), "snippet": _plain(h.snippet)} for h in hits]
        _emit(rows, [f.name for f in fields(Hit)], json_, csv_, "")
        return
    if not hits:
        err.print("No matching articles.")
        return
    table = Table("id", "published", "site", "title / snippet", "copies", show_lines=True)
    for hit in hits:
        text = f"[bold]{escape(hit.title or '(no title)')}[/]\n{_marked(hit.snippet)}"
        table.add_row(hit.id, (hit.published or "")[:10], hit.site or "", text, str(hit.copies))
    out.print(table)


def _plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "**").replace(MARK_END, "**")


def _marked(snippet: str) -> str:
    return escape(snippet).replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/]")


@app.command()
def quotes(
    query: Annotated[str | None, typer.Argument(help="Words the quote contains.")] = None,
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Who said it (any of their names).")] = None,
    about: Annotated[
        str | None, typer.Option(help="A person or organisation named in the quote.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    json_: JsonOption = False,
    csv_: CsvOption = False,
) -> None:
    """Who said what: quotes by speaker, about an entity, containing words."""
    with open_corpus(db) as corpus:
        found = corpus.quotes(
            query,
            speaker=speaker,
            about=about,
            since=_when(since),
            until=_when(until, True),
            limit=limit,
        )
    rows = [asdict(q) for q in found]
    if json_ or csv_:
        columns = ["article", "published", "site", "speaker", "kind", "content", "title"]
        _emit(rows, columns, json_, csv_, "")
        return
    # For people: the quote gets the room; `show ID` (an id prefix works) gives the rest.
    rows = [
        {**row, "article": row["article"][:8], "content": f"«{row['content']}»"} for row in rows
    ]
    _emit(rows, ["published", "speaker", "content", "article"], False, False, "No matching quotes.")


@app.command()
def entities(
    db: DbOption = None,
    kind: Annotated[
        list[str] | None, typer.Option(help="person, organisation, place, other.")
    ] = None,
    with_: Annotated[
        str | None, typer.Option("--with", help="Co-mentioned with this name.")
    ] = None,
    limit: LimitOption = 20,
    json_: JsonOption = False,
    csv_: CsvOption = False,
) -> None:
    """The most mentioned people and organisations, or those co-mentioned with one."""
    with open_corpus(db) as corpus:
        found = corpus.entities(
            kinds=kind or ("person", "organisation"), limit=limit, with_name=with_
        )
    rows = [asdict(e) for e in found]
    if not json_:
        rows = [{**row, "often_with": ", ".join(row["often_with"])} for row in rows]
    columns = ["name", "kind", "articles", "mentions", "often_with"]
    _emit(rows, columns, json_, csv_, "No entities.")


@app.command()
def show(
    id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """One article, whole: metadata, text, quotes, entities, and its syndicated copies."""
    with open_corpus(db) as corpus:
        stored = corpus.article(id)
    if stored is None:
        err.print(f"error: no article with id {escape(id)!r} (or the prefix is ambiguous)")
        raise typer.Exit(1)
    if json_:
        record = {
            "id": stored.id,
            "cluster": stored.cluster,
            **stored.article.model_dump(mode="json"),
        }
        record["copies"] = [asdict(c) for c in stored.copies]
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(_render(stored))


def _render(stored: StoredArticle) -> Group:
    a = stored.article
    facts = Table(show_header=False, box=None)
    for key, value in [
        ("id", stored.id), ("site", a.site_name), ("url", a.canonical_url or a.source.url),
        ("published", a.published.value.isoformat() if a.published else None),
        ("authors", ", ".join(a.authors)), ("provider", a.provider), ("language", a.language),
        ("source", a.source.name()),
        ("warnings", "; ".join(f"{w.code}: {w.message}" for w in a.warnings)),
    ]:  # fmt: skip
        if value:
            facts.add_row(f"[dim]{key}[/]", escape(value))
    parts: list[Any] = [Rule(escape(a.title or "(no title)")), facts]
    if a.lead:
        parts.append(Text(a.lead, style="bold"))
    parts.extend(Text(block.text) for block in a.blocks)
    if a.quotes:
        parts.append(Rule("quotes"))
        parts.extend(
            Text.assemble((f"{q.speaker_name or (q.speaker.text if q.speaker else '?')}: ", "bold"),
                          f"«{q.content.text}» ({q.kind})")
            for q in a.quotes
        )  # fmt: skip
    if a.entities:
        parts.append(Rule("entities"))
        parts.append(Text("; ".join(f"{e.name} ({e.kind}, {len(e.mentions)})" for e in a.entities)))
    if a.comments.items or a.teasers:
        parts.append(
            Text(f"{len(a.comments.items)} reader comments, {len(a.teasers)} teasers", style="dim")
        )
    if stored.copies:
        parts.append(Rule(f"{len(stored.copies)} other copies of this story"))
        for copy in stored.copies:
            when = (copy.published or "")[:10]
            parts.append(Text(f"{copy.id}  {when}  {copy.site or ''}  {copy.title or ''}"))
    return Group(*parts)


@app.command("export")
def export_(
    db: DbOption = None,
    format: Annotated[Literal["jsonl", "csv", "parquet"], typer.Option("--format", "-f")] = "jsonl",
    what: Annotated[Literal["articles", "quotes", "entities"], typer.Option("--what")] = "articles",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout).")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Only articles with these words.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only this language.")] = None,
    provider: Annotated[str | None, typer.Option(help="Only this agency.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Quotes: only by this person.")] = None,
    about: Annotated[str | None, typer.Option(help="Quotes: only naming this.")] = None,
    kind: Annotated[
        Literal["direct", "indirect", "mixed"] | None, typer.Option(help="Quotes: only this kind.")
    ] = None,
) -> None:
    """Export articles, quotes or entities as JSON Lines, CSV or Parquet, streamed."""
    with open_corpus(db) as corpus:
        selection = corpus.selection(
            what, search, speaker=speaker, about=about, kind=kind, since=_when(since),
            until=_when(until, True), site=site, language=lang, provider=provider,
        )  # fmt: skip
        if output is None:
            count = export.write(selection, what, format, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with output.open("wb") as handle:
                count = export.write(selection, what, format, handle)
        unreadable = getattr(corpus.store, "unreadable", 0)
    err.print(f"{count} {what} rows exported" + (f" to {output}" if output else ""))
    if unreadable:
        err.print(f"error: {unreadable} articles could not be read: the database is damaged")
        raise typer.Exit(1)


@app.command()
def info(db: DbOption = None, json_: JsonOption = False) -> None:
    """Where the corpus is, and what it holds."""
    with open_corpus(db) as corpus:
        counts = corpus.counts()
        store = corpus.store
        facts: dict[str, Any] = {"database": store.path, "schema_version": store.schema_version}
        facts.update(counts)
        facts["size_bytes"] = corpus.store.size()
    if db is None:
        facts["default_database"] = str(default_path())
    if json_:
        sys.stdout.write(json.dumps(facts, indent=2) + "\n")
        return
    table = Table(show_header=False, box=None)
    for key, value in facts.items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)


def _emit(
    rows: list[dict[str, Any]], columns: Sequence[str], json_: bool, csv_: bool, empty: str
) -> None:
    if json_:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif csv_:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    elif not rows:
        err.print(empty)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(escape(_cell(row.get(c))) for c in columns))
        out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text[:10] if len(text) >= 20 and text[4:5] == "-" and text[10:11] == "T" else text
