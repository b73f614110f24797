"""Ray against the local engine on the same WARC files (issue 20): pages/s with 1 and 2
workers, with and without nlp, whole commands as a user runs them, and each run's peak
memory per worker process.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/ray_ingest.py

The archives hold pages recombined from the real sentences of ../shared/data
(`bench/corpus.py`), 8 files. Each run is one `quotidien ingest` into a new SQLite file
(with `--engine ray`: shards into a new folder, then the load), timed from start to end,
Ray's own start-up included; the runs alternate engines. Memory: the largest peak resident
size (VmHWM) among the worker processes (the local pool's, or Ray's `MapWorker` actors).
Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import page_html, real_texts, synthetic_articles

ROOT = Path(__file__).resolve().parents[1]
QUOTIDIEN = str(ROOT / ".venv" / "bin" / "quotidien")


def write_archives(folder: Path, files: int, records: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    articles = synthetic_articles(real_texts(), files * records, rng)
    paths = []
    for number in range(files):
        path = folder / f"crawl-{number:02d}.warc.gz"
        with path.open("wb") as out:
            for n in range(records):
                body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                body += page_html(next(articles)).encode()
                url = f"https://news{number}.example.org/{n}.html"
                head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n").encode()  # fmt: skip
                out.write(gzip.compress(head + body + b"\r\n\r\n"))
        paths.append(str(path))
    return paths


class PeakMemory:
    """Polls /proc for the peak resident size of processes whose command line holds `mark`."""

    def __init__(self, marks: tuple[str, ...]) -> None:
        self.marks, self.peak, self.stop = marks, 0, threading.Event()
        self.thread = threading.Thread(target=self.poll, daemon=True)

    def poll(self) -> None:
        while not self.stop.wait(0.2):
            for proc in Path("/proc").iterdir():
                try:
                    command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    if any(mark in command for mark in self.marks):
                        for line in (proc / "status").read_text().splitlines():
                            if line.startswith("VmHWM:"):
                                self.peak = max(self.peak, int(line.split()[1]) * 1024)
                except (OSError, ValueError):
                    continue

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


def run(archives: list[str], engine: str, workers: int, nlp: bool, tmp: Path) -> tuple[float, int]:
    """Seconds of one ingest, and the peak memory of one of its workers."""
    db = tmp / f"{engine}-{workers}-{nlp}-{time.monotonic_ns()}.db"
    command = [QUOTIDIEN, "ingest", *archives, "--db", str(db), "-w", str(workers), "-q",
               "--nlp" if nlp else "--no-nlp"]  # fmt: skip
    marks: tuple[str, ...] = ("quotidien ingest", "multiprocessing")
    if engine == "ray":
        command += ["--engine", "ray", "--output", str(db) + ".shards"]
        marks = ("MapWorker",)
    with PeakMemory(marks) as memory:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds, memory.peak


def startup(seed: int) -> None:
    """The fixed cost of each engine: one archive of 8 pages, one worker."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        archives = write_archives(tmp, 1, 8, seed)
        local, _ = run(archives, "local", 1, False, tmp)
        ray, _ = run(archives, "ray", 1, False, tmp)
    print(f"Start-up and teardown (8 pages, 1 worker, no nlp): local {local:.1f} s, "
          f"Ray {ray:.1f} s.\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=250, help="Pages per archive, no nlp.")
    parser.add_argument("--nlp-records", type=int, default=25, help="Pages per archive, nlp.")
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--no-nlp-only", action="store_true", help="Skip the runs with nlp.")
    args = parser.parse_args()
    startup(args.seed)
    print(
        "| nlp | pages | workers | local s | ray s | local pages/s | ray pages/s | "
        "Ray overhead | peak MB per worker (local / ray) |\n|---|---|---|---|---|---|---|---|---|"
    )
    runs = [(False, args.records)] + ([] if args.no_nlp_only else [(True, args.nlp_records)])
    for nlp, records in runs:
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            archives = write_archives(tmp, args.files, records, args.seed)
            pages = args.files * records
            for workers in (1, 2):
                local, local_memory = run(archives, "local", workers, nlp, tmp)
                ray, ray_memory = run(archives, "ray", workers, nlp, tmp)
                print(f"| {'yes' if nlp else 'no'} | {pages} | {workers} | {local:.1f} | "
                      f"{ray:.1f} | {pages / local:.1f} | {pages / ray:.1f} | "
                      f"{(ray / local - 1) * 100:+.0f}% | {local_memory / 1e6:.0f} / "
                      f"{ray_memory / 1e6:.0f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
