"""The server under load: 10 concurrent clients on 127.0.0.1 against a 100,000-article corpus.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/serve_load.py --keep /tmp/load.db
    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/serve_load.py --db /tmp/load.db

The corpus is built as `bench/corpus.py search` builds its own (articles recombined from real
sentences of ../shared/data, through the store, MinHash clusters included), and each article
gets one to three quotations by speakers drawn from 3,000 names, with their entities, so that
`/quotes?speaker=` and speaker pages have real work to do. The server runs as a user starts
it (`quotidien serve`, one uvicorn process). The clients are wrk's (Debian's `wrk`: 10
connections on 2 threads, each request drawn at random from the kind's URLs, for a bounded
time): a compiled client leaves the 2 cores to the server, where Python clients in this
process took a core of their own and their waits for the GIL counted as the server's
latency. `--python-clients` (or no wrk) uses 10 threads of this process instead, each
sending a bounded number of requests. Prints a Markdown section for bench/RESULTS.md:
p50/p95/max latency per request kind and the number of errors.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

from corpus import build_store
from quotidien.corpus import Corpus
from quotidien.model import Article, Block, Entity, Mention, Quote, Span

ROOT = Path(__file__).resolve().parents[1]
FIRST = [
    "Anne", "Marc", "Sophie", "Paul", "Julie", "Karim", "Léa", "Thomas", "Emma", "Hugo",
    "Sarah", "Nicolas", "Inès", "Louis", "Claire", "David", "Maria", "John", "Olga",
    "Piotr", "Elena", "Jan", "Nadia", "Omar", "Laura",
]  # fmt: skip
LAST = [
    "Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon",
    "Michel", "Garcia", "Roux", "Fontaine", "Chevalier", "Robin", "Blanc", "Guerin",
    "Muller", "Henry", "Rousseau", "Nicolas", "Perrin", "Morin", "Mathieu", "Clement",
    "Gauthier", "Dumont", "Lopez", "Fournier", "Girard", "Bonnet", "Smith", "Johnson",
    "Brown", "Kowalski", "Novak", "Petrov", "Ivanova", "Papadopoulos", "Schmidt", "Rossi",
    "Silva", "Haddad", "Okafor", "Tanaka", "Larsen", "Kaya", "Horvat", "Jensen", "Costa",
    "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein",
    "Wolf", "Schroeder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange",
    "Werner", "Krause", "Lehmann", "Kaiser", "Fuchs", "Scholz", "Vogel", "Friedrich",
    "Keller", "Guenther", "Frank", "Berger", "Winkler", "Roth",
]  # fmt: skip
QUERIES = [
    "Obama", "Trump campaign", '"Supreme Court"', "budget deficit", "government", "police",
    "Clinton email server", "immigration reform", "rząd", "Путин", "tax*",
]  # fmt: skip


def speakers(rng: random.Random, count: int = 3000) -> list[str]:
    names = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count * 3)}
    return sorted(names)[:count]


def with_quotes(article: Article, names: list[str], rng: random.Random) -> Article:
    """Append one to three reported sentences to the article, each a quote with its speaker
    and the speaker's entity, with spans into `article.text()`."""
    sentences = [s for b in article.blocks for s in b.text.split(". ") if len(s) > 40]
    for n in range(rng.randint(1, 3)):
        if not sentences:
            break
        name, said = rng.choice(names), rng.choice(sentences)[:200]
        article.blocks.append(Block(text=f"“{said}” said {name}."))
        text = article.text()
        start = len(text) - len(article.blocks[-1].text)
        content = start + 1
        who = start + len(said) + 8
        article.entities.append(
            Entity(id=f"e{n + 1}", kind="person", name=name,
                   mentions=[Mention(start=who, end=who + len(name), text=name)])
        )  # fmt: skip
        article.quotes.append(
            Quote(kind="direct", content=Span(start=content, end=content + len(said), text=said),
                  cue=Span(start=who - 5, end=who - 1, text="said"),
                  speaker=Span(start=who, end=who + len(name), text=name),
                  speaker_entity=f"e{n + 1}", speaker_name=name)
        )  # fmt: skip
    return article


def build(path: Path, count: int, seed: int) -> float:
    rng = random.Random(seed)
    names = speakers(rng)
    return build_store(path, count, rng, lambda article: with_quotes(article, names, rng))


def warm(path: Path) -> None:
    """Read the database file once, so that every kind of request meets it in the page
    cache (a cold 2 GB file made the first requests of a kind wait for the disk)."""
    with path.open("rb") as handle:
        while handle.read(1 << 24):
            pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(path: Path, port: int) -> Iterator[str]:
    command = [str(ROOT / ".venv/bin/quotidien"), "serve", "--db", str(path), "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def request_plan(base: str, path: Path, rng: random.Random) -> dict[str, list[str]]:
    """The URLs each kind of request draws from: real queries, speakers, article ids."""
    with Corpus(path) as corpus:
        ids = [stored.id for _, stored in zip(range(2000), corpus.store.articles(), strict=False)]
        names = sorted({q.speaker for q in corpus.quotes(limit=3000) if q.speaker})
    return {
        "GET /api/v1/articles?q=": [f"{base}/api/v1/articles?q={q}" for q in QUERIES],
        "GET /api/v1/quotes?speaker=": [f"{base}/api/v1/quotes?speaker={n}" for n in names],
        "GET /api/v1/quotes (newest)": [f"{base}/api/v1/quotes?limit=50"],
        "GET /articles/{id} (page)": [
            f"{base}/articles/{i}" for i in rng.sample(ids, min(500, len(ids)))
        ],
    }


WRK_SCRIPT = """
local paths = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local bad = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %%d %%.1f %%.1f %%.1f %%d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000, bad))
end
"""


def wrk(
    urls: list[str], clients: int, seconds: int, seed: int
) -> tuple[int, float, float, float, int]:
    """(requests, p50 ms, p95 ms, max ms, errors) of wrk's run over `urls` (one host)."""
    base = "/".join(urls[0].split("/")[:3])
    paths = ", ".join(lua_string(url[len(base) :]) for url in urls)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % (paths, seed))
        script.flush()
        command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "10s",
                   "-s", script.name, base]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    return int(fields[0]), float(fields[1]), float(fields[2]), float(fields[3]), int(fields[4])


def lua_string(path: str) -> str:
    return '"' + quote(path, safe="/?=&*%:") + '"'


def load(urls: list[str], clients: int, per_client: int, seed: int) -> tuple[list[float], int]:
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(number: int) -> None:
        nonlocal errors
        rng = random.Random(seed + number)
        with httpx.Client(timeout=30) as http:
            for _ in range(per_client):
                url = rng.choice(urls)
                start = time.perf_counter()
                try:
                    ok = http.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = (time.perf_counter() - start) * 1000
                with lock:
                    timings.append(took)
                    errors += not ok

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", help="Measure on this database (built by an earlier --keep).")
    parser.add_argument("--keep", help="Copy the built database here.")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=50, help="Python clients: per client.")
    parser.add_argument("--seconds", type=int, default=15, help="wrk: seconds per kind.")
    parser.add_argument("--python-clients", action="store_true", help="Threads, not wrk.")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "load.db"
        if not args.db:
            built = build(path, args.articles, args.seed)
            print(f"Built {args.articles} articles in {built:.0f} s.")
            if args.keep:
                shutil.copy(path, args.keep)
        with Corpus(path) as corpus:
            counts = corpus.counts()
        size = path.stat().st_size / 1e6
        print(f"Corpus: {counts['articles']} articles, {counts['quotes']} quotes, "
              f"{size:.0f} MB; {args.clients} concurrent clients.\n")  # fmt: skip
        print("| request | requests | p50 ms | p95 ms | max ms | errors |")
        print("|---|---|---|---|---|---|")
        warm(path)
        with serve(path, free_port()) as base:
            plan = request_plan(base, path, random.Random(args.seed))
            for label, urls in plan.items():
                print(f"| `{label}` | " + measure(urls, args) + " |")
                sys.stdout.flush()


def measure(urls: list[str], args: argparse.Namespace) -> str:
    """One row's figures, by wrk (unless --python-clients, or wrk is missing)."""
    if args.python_clients or not shutil.which("wrk"):
        load(urls, 2, 5, args.seed)  # warm the page cache and the threads
        timings, errors = load(urls, args.clients, args.requests, args.seed)
        p95 = statistics.quantiles(timings, n=20)[-1]
        return (f"{len(timings)} (Python clients) | {statistics.median(timings):.1f} | "
                f"{p95:.1f} | {max(timings):.1f} | {errors}")  # fmt: skip
    wrk(urls, args.clients, 2, args.seed)  # warm-up
    count, p50, p95, most, errors = wrk(urls, args.clients, args.seconds, args.seed)
    return f"{count} | {p50:.1f} | {p95:.1f} | {most:.1f} | {errors}"


if __name__ == "__main__":
    main()
