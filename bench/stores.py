"""SQLite and PostgreSQL side by side (issue 20): the same articles written into both, then
the same searches and quote searches timed on each, in turns, one client.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/stores.py --articles 100000

Articles are recombined from the real sentences of ../shared/data, each with one to three
quotations, as `bench/serve_load.py` builds them, written through the store with MinHash
clustering (`bench/corpus.py build_store`), in batches of 500. The PostgreSQL server is
Debian's, started in a temporary folder (tests/pg_server.py) with fsync on and
shared_buffers of 2 GB (a server set up for the job; its default is 128 MB), or the one
given by `--postgres URL`. Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import QUERIES, STOP_WORD_QUERIES
from quotidien.corpus import Corpus
from serve_load import build, speakers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

Timings = dict[str, list[float]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--postgres", help="An empty database's URL (default: a server of ours).")
    parser.add_argument("--sqlite", help="Where to build the SQLite file (default: a temp dir).")
    args = parser.parse_args()
    server = None
    if not args.postgres:
        from pg_server import PostgresServer

        server = PostgresServer().start("-c shared_buffers=2GB -c max_wal_size=4GB")
        args.postgres = server.new_database()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = args.sqlite or str(Path(tmp) / "corpus.db")
            report(args, {"SQLite": sqlite, "PostgreSQL": args.postgres})
    finally:
        if server:
            server.stop()


def report(args: argparse.Namespace, databases: dict[str, str]) -> None:
    built = {}
    for name, where in databases.items():
        seconds = build(where, args.articles, args.seed)  # type: ignore[arg-type]
        with Corpus(where) as corpus:
            if name == "PostgreSQL":
                corpus.store._rows("ANALYZE")  # type: ignore[attr-defined]
            built[name] = (seconds, corpus.store.size(), corpus.counts())
    print(f"{args.articles:,} articles, seed {args.seed}.\n")
    print("| backend | build s | articles/s | quotes | size | bytes/article |")
    print("|---|---|---|---|---|---|")
    for name, (seconds, size, counts) in built.items():
        rate, per_article = counts["articles"] / seconds, size / counts["articles"]
        print(f"| {name} | {seconds:.0f} | {rate:.0f} | {counts['quotes']:,} | "
              f"{size / 1e9:.2f} GB | {per_article:,.0f} |")  # fmt: skip
    corpora = {name: Corpus(where) for name, where in databases.items()}
    rng = random.Random(args.seed)
    names = rng.sample(speakers(random.Random(args.seed)), 20)
    kinds: dict[str, list[Callable[[Corpus], Any]]] = {
        "search, typical words": [_search(q, f) for q, f in QUERIES],
        "search, near-universal words": [_search(q, f) for q, f in STOP_WORD_QUERIES],
        "quotes by speaker": [lambda c, n=n: c.quotes(speaker=n, limit=20) for n in names],
        "quotes with words": [lambda c, q=q: c.quotes(q, limit=20) for q in
                              ("government", "tax", "police", "Obama", "immigration")],
        "quotes, newest": [lambda c: c.quotes(limit=20)],
    }  # fmt: skip
    print("\n| request | backend | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|")
    for kind, calls in kinds.items():
        timings = measure(corpora, calls, args.repeat)
        for name, runs in timings.items():
            p95 = statistics.quantiles(runs, n=20)[-1] if len(runs) > 1 else runs[0]
            print(f"| {kind} | {name} | {len(runs)} | {statistics.median(runs):.1f} | "
                  f"{p95:.1f} | {max(runs):.1f} |")  # fmt: skip
    for corpus in corpora.values():
        corpus.close()


def _search(query: str, filters: dict[str, Any]) -> Callable[[Corpus], Any]:
    return lambda corpus: corpus.search(query, limit=20, **filters)


def measure(
    corpora: dict[str, Corpus], calls: list[Callable[[Corpus], Any]], repeat: int
) -> Timings:
    """Each call on each backend in turn (once to warm, then `repeat` times), in ms."""
    timings: Timings = {name: [] for name in corpora}
    for call in calls:
        for corpus in corpora.values():
            call(corpus)
        for _ in range(repeat):
            for name, corpus in corpora.items():
                start = time.perf_counter()
                call(corpus)
                timings[name].append((time.perf_counter() - start) * 1000)
    return timings


if __name__ == "__main__":
    main()
