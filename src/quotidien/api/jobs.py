"""Ingest jobs: uploads put into the corpus one job at a time, on a thread of their own.

A job's files are saved in a folder of their own; the job runs `Corpus.ingest` on them (the
same call as `quotidien ingest`), counts as it goes, lists each input that failed with the
reason, then removes the folder. The last jobs stay readable at `GET /api/v1/jobs/{id}`.
"""

from __future__ import annotations

import logging
import queue
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from quotidien.corpus import Corpus, IngestReport

log = logging.getLogger("quotidien.api")

State = Literal["queued", "running", "done", "failed"]
KEPT = 200  # finished jobs remembered


@dataclass
class Job:
    id: str
    files: list[Path]
    nlp: bool
    state: State = "queued"
    report: IngestReport = field(default_factory=IngestReport)
    errors: list[dict[str, str]] = field(default_factory=list)
    message: str | None = None
    created: str = field(default_factory=lambda: _now())
    finished: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "inputs": [_shown(path) for path in self.files],
            "nlp": self.nlp,
            "added": self.report.added,
            "duplicates": self.report.duplicates,
            "failed": self.report.failed,
            "pages": self.report.pages,
            "errors": self.errors,
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
        }


class Jobs:
    def __init__(self, corpora: Any, options: Any) -> None:
        self.corpora, self.options = corpora, options
        self.root = Path(tempfile.mkdtemp(prefix="quotidien-uploads-"))
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def folder(self) -> Path:
        """A new folder for one job's uploads."""
        return Path(tempfile.mkdtemp(dir=self.root))

    def start(self, files: list[Path], nlp: bool) -> Job:
        job = Job(secrets.token_hex(8), files, nlp)
        with self._lock:
            self._jobs[job.id] = job
            finished = [key for key, old in self._jobs.items() if old.finished]
            for key in finished[: max(len(self._jobs) - KEPT, 0)]:
                del self._jobs[key]  # the oldest finished ones; live jobs stay
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ingest-jobs", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(id)

    def stop(self) -> None:
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            job.state = "running"
            try:
                self._ingest(job)
                job.state = "done"
            except Exception as error:  # reported in the job; the server goes on
                log.exception("ingest job %s failed", job.id)
                job.state, job.message = "failed", f"{type(error).__name__}: {error}"
            finally:
                job.finished = _now()
                shutil.rmtree(job.files[0].parent, ignore_errors=True)

    def _ingest(self, job: Job) -> None:
        folder = str(job.files[0].parent)
        with Corpus(self.corpora.path, self.corpora.settings) as corpus:
            job.report = corpus.ingest(
                [str(path) for path in job.files],
                nlp=job.nlp,
                workers=self.options.ingest_workers,
                progress=lambda report, _read: setattr(job, "report", report),
            )
            job.errors = [
                {"input": _shown(Path(row.source)), "reason": row.reason}
                for row in corpus.errors()
                if row.source.startswith(folder)
            ]


def _shown(path: Path) -> str:
    """An upload's name as the user gave it (without the number the folder adds), and the
    record inside an archive when the path names one."""
    name = path.name
    return name.split("-", 1)[1] if name[:4].isdigit() and "-" in name else name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
