"""`ingest --engine ray` and `load`: pages read on a Ray cluster into Parquet shards, then
stored (ingest/ray_engine.py, ingest/shards.py). Nothing of Ray is imported elsewhere."""

from __future__ import annotations

import tempfile
from typing import Annotated

import typer
from rich.markup import escape

from quotidien.cli import app
from quotidien.cli.corpus import DbOption, RayChoice, err, open_corpus, summary
from quotidien.corpus import Corpus, IngestReport, ShardLoader
from quotidien.errors import QuotidienError
from quotidien.settings import Settings


def ingest_on_ray(
    sources: list[str], choice: RayChoice, db: str | None, settings: Settings, nlp: bool,
    quiet: bool,
) -> None:  # fmt: skip
    """The Ray step into `choice.output` (a temporary folder when none), its parts stored
    into `db` as they are written (unless only an output folder was asked for)."""
    if choice.output and db is None:
        whole, _ = _ray_step(sources, choice, choice.output, settings, nlp, quiet, None)
        if not whole:
            raise typer.Exit(1)
        return
    with tempfile.TemporaryDirectory(prefix="quotidien-shards-") as spare:
        output = choice.output or spare
        with open_corpus(db, settings) as corpus:
            whole, loader = _ray_step(sources, choice, output, settings, nlp, quiet, corpus)
            # the loader that stored parts during the run stores the rest (a new one would
            # read every shard again)
            report = _store_written(corpus, loader or corpus.loader(output))
    if report.failed or report.missing or not whole:
        raise typer.Exit(1)


def _ray_step(
    sources: list[str], choice: RayChoice, output: str, settings: Settings, nlp: bool,
    quiet: bool, corpus: Corpus | None,
) -> tuple[bool, ShardLoader | None]:  # fmt: skip
    """Ray writes the shards; with a corpus, each part is stored once those before it are.
    Whether every part was written, and the loader that stored them."""
    from quotidien.ingest import ray_engine

    options = ray_engine.RayOptions(output, choice.address, choice.workers, choice.cpus_per_worker)
    loader: ShardLoader | None = None

    def progress(report: ray_engine.RayReport) -> None:
        nonlocal loader
        if corpus is not None:
            loader = loader or corpus.loader(output)
            loader.load_ready()
        if not quiet:
            err.print(f"ray: {report.articles} pages read, {report.failures} failed, "
                      f"{len(report.failed_parts)} parts failed")  # fmt: skip

    try:
        report = ray_engine.run(sources, options, settings, nlp, progress)
    except QuotidienError as error:
        err.print(f"error: {escape(str(error))}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted: run the same command again; finished shards are kept")
        raise typer.Exit(130) from None
    done = f"{report.parts} parts ({report.skipped} done by an earlier run)"
    err.print(f"ray: {done}, {report.articles} pages read, {report.failures} failed: {output}")
    for failed in report.failed_parts:
        err.print(f"error: {escape(failed)}")
    return not report.failed_parts, loader


def _store_written(corpus: Corpus, loader: ShardLoader) -> IngestReport:
    """Store the shards `loader` has not stored yet, and say what was done."""
    try:
        report = loader.finish()
    except KeyboardInterrupt:
        err.print("interrupted: run the same command again to finish; nothing is lost")
        raise typer.Exit(130) from None
    summary(report, corpus.store.path)
    return report


@app.command()
def load(
    folder: Annotated[str, typer.Argument(help="Shards written by `ingest --engine ray`.")],
    db: DbOption = None,
) -> None:
    """Store the Parquet shards of an earlier `ingest --engine ray --output FOLDER`, in the
    order of their inputs. Resumable; the exit status is 1 when pages failed."""
    with open_corpus(db, Settings()) as corpus:
        report = _store_written(corpus, corpus.loader(folder))
    if report.failed or report.missing:
        raise typer.Exit(1)
