"""Crawl-sized ingest on Ray Data (`quotidien ingest … --engine ray`).

The inputs are listed and cut into parts (`shards.plan`: an archive alone, small files
together), and each part is one row of a Ray Dataset. `Dataset.map` runs the same per-page
work as the local ingest (`pool.process`: read, extract, nlp, identity, MinHash) in actors
that load the extraction stack and the models once; each part becomes one Parquet shard in
the output folder (`shards.Folder`). Storing is a second step, `Corpus.load`, which reads
the shards in the order of the inputs, so that syndication clusters and duplicates come
out as one local ingest of the same inputs makes them, whatever order the tasks ended in.

Failures: a page that fails is a row with its reason (an error row once loaded); an
exception outside any page (a reader's bug) fails its part, which is reported and written
as no shard; an actor that dies is restarted by Ray and its task retried. A run started
again skips the parts whose shard exists. Ray is imported here only.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from quotidien.errors import InputError, QuotidienError
from quotidien.ingest import files, pool
from quotidien.ingest.shards import Folder, Part, plan
from quotidien.ingest.sources import Input, Sources, expand, reader_key
from quotidien.settings import Settings

#: Pages extracted (and analysed) together, as in the local ingest's chunks.
CHUNK = 32
#: Times Ray restarts an actor that died, and retries the task it held.
RETRIES = 2


@dataclass
class RayReport:
    """What the Ray step did: parts written or already done, pages read, parts failed."""

    parts: int = 0
    skipped: int = 0
    articles: int = 0
    failures: int = 0
    failed_parts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RayOptions:
    output: str
    address: str | None = None
    workers: int = 1
    cpus_per_worker: float = 1.0


def run(
    sources: list[str],
    options: RayOptions,
    settings: Settings,
    nlp: bool,
    progress: Callable[[RayReport], None] | None = None,
) -> RayReport:
    """Write the shards of `sources` into `options.output`; `progress` is called after each
    part (a loader may store the parts written meanwhile: `Corpus.loader`)."""
    parts = plan(_listed(sources))
    folder = Folder(options.output)
    folder.write_manifest(parts)
    todo = [part for part in parts if not folder.done(part.shard)]
    report = RayReport(parts=len(parts), skipped=len(parts) - len(todo))
    if not todo:
        return report
    for row in _dataset(todo, options, settings, nlp).iter_rows():
        report.articles += int(row["articles"])
        report.failures += int(row["failures"])
        if row["error"]:
            report.failed_parts.append(f"{row['inputs']}: {row['error']}")
        if progress:
            progress(report)
    return report


def _listed(sources: list[str]) -> list[tuple[str, int]]:
    """Each local input file with its size; anything else is refused before Ray starts."""
    found = []
    for item in expand(sources):
        if isinstance(item, InputError):
            raise QuotidienError(f"{item.name}: {item.reason}")
        if item == files.STDIN or files.is_url(item):
            raise QuotidienError(f"{item}: the Ray engine reads files (save URLs or stdin first)")
        found.append((item, Path(item).stat().st_size))
    if not found:
        raise QuotidienError("no input files found")
    return found


def _dataset(todo: list[Part], options: RayOptions, settings: Settings, nlp: bool) -> Any:
    import ray

    if not ray.is_initialized():
        ray.init(address=options.address, include_dashboard=False, logging_level=logging.WARNING)
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # after ray.data set its own
    rows = [{"inputs": part.inputs, "shard": part.shard} for part in todo]
    with warnings.catch_warnings():
        # Ray Data restarts actors and retries their tasks for ever unless told otherwise,
        # which a part that kills its actor (out of memory) would make an endless run. The
        # remote arguments that say so are deprecated for Ray 2.64; Ray is pinned at 2.60.
        warnings.simplefilter("ignore", DeprecationWarning)
        return ray.data.from_items(rows, override_num_blocks=len(rows)).map(
            PartWorker,  # type: ignore[arg-type]  # a class: Ray Data runs it in actors
            fn_constructor_kwargs={"output": options.output, "settings": settings, "nlp": nlp},
            compute=ray.data.ActorPoolStrategy(size=min(options.workers, len(rows))),
            num_cpus=options.cpus_per_worker,
            max_restarts=RETRIES,
            max_task_retries=RETRIES,
        )


class PartWorker:
    """One Ray actor: the extraction stack (and the models, with nlp) loaded once, then
    each part it is given read page by page into its shard."""

    def __init__(self, output: str, settings: Settings, nlp: bool) -> None:
        pool.configure(settings, nlp)
        self.folder, self.settings = Folder(output), settings

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        inputs = list(row["inputs"])
        try:
            articles, failures = self.folder.write(row["shard"], self.outcomes(inputs))
        except Exception as error:  # outside any page: this part fails, the run goes on
            reason = f"{type(error).__name__}: {error}"
            return {"inputs": inputs, "articles": 0, "failures": 0, "error": reason}
        return {"inputs": inputs, "articles": articles, "failures": failures, "error": ""}

    def outcomes(self, inputs: list[str]) -> Iterator[pool.Outcome]:
        """The outcome of every page of `inputs`, in order, read as a stream."""
        items = iter(Sources(inputs, self.settings))
        while chunk := list(islice(items, CHUNK)):
            for item in chunk:
                if isinstance(item, InputError):
                    yield pool.Failed(reader_key(item), item.name, item.reason)
            pages = [item for item in chunk if isinstance(item, Input)]
            if pages:
                yield from pool.process(pages)
