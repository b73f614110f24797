"""Corpus benchmarks: syndication clustering quality, ingest throughput, search latency.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/corpus.py dedup
    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/corpus.py ingest
    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/corpus.py search --articles 100000

Texts come from ../shared/data (DAniEL references, PolNeAR texts); nothing is copied into
the repository. Each command prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from daniel import DANIEL, reference_text
from quotidien.corpus import Corpus
from quotidien.ingest.pool import article_id
from quotidien.model import Article, Block, Source, Timestamp
from quotidien.store.base import Batch, NewArticle
from quotidien.store.dedup import Clusters, signature

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


@dataclass(frozen=True)
class Text:
    title: str
    paragraphs: list[str]
    language: str
    site: str


# -- real texts --


def polnear_texts() -> Iterator[Text]:
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(parts) >= 2:
            yield Text(parts[0], parts[1:], "en", path.name.split("_", 1)[0] + ".com")


def daniel_texts() -> Iterator[Text]:
    langs = json.loads((DANIEL / "doc_lg.json").read_text())
    codes = {"English": "en", "Chinese": "zh", "Polish": "pl", "Greek": "el", "Russian": "ru"}
    for path in sorted((DANIEL / "reference").glob("*.html")):
        lines = [line for line in reference_text(path).splitlines() if line.strip()]
        site = path.name.split("_")[1] if path.name.count("_") >= 2 else "unknown"
        if len(lines) >= 3:
            code = codes.get(langs.get(path.stem, ""), "other")
            yield Text(lines[0], lines[1:], code, site.removeprefix("www."))


def real_texts() -> list[Text]:
    if not DANIEL.exists() or not POLNEAR.exists():
        raise SystemExit("../shared/data (DAniEL, PolNeAR) not found")
    return [*polnear_texts(), *daniel_texts()]


# -- syndication --

BOILERPLATE = [
    "Follow us on Twitter and Facebook for the latest news.",
    "(Reporting by our correspondents; Editing by the news desk)",
    "Copyright 2016 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Read more: the latest stories from our politics section.",
    "Sign up for our morning newsletter to get the day's top stories in your inbox.",
    "Avec AFP. Tous droits de reproduction et de représentation réservés.",
]
SWAPS = [("said", "told reporters"), ("Mr.", "Mr"), ("percent", "%"), ("U.S.", "US"),
         ("Tuesday", "on Tuesday"), ("government", "administration")]  # fmt: skip


def wire_copy(text: Text, rng: random.Random) -> list[str]:
    """A copy of the story as a site edits wire copy."""
    paras = list(text.paragraphs)
    if len(paras) > 4 and rng.random() < 0.6:  # drop one or two paragraphs (not the first)
        for _ in range(rng.randint(1, 2)):
            paras.pop(rng.randrange(1, len(paras)))
    if len(paras) > 3 and rng.random() < 0.5:  # reorder two paragraphs
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    if len(paras) > 5 and rng.random() < 0.25:  # shortened to its first three quarters
        paras = paras[: max(3, len(paras) * 3 // 4)]
    if rng.random() < 0.5:  # light word edits
        old, new = rng.choice(SWAPS)
        paras = [p.replace(old, new) for p in paras]
    if rng.random() < 0.8:  # site boilerplate around the story
        paras = [rng.choice(BOILERPLATE), *paras, rng.choice(BOILERPLATE)]
    return paras


def syndication_set(texts: list[Text], rng: random.Random) -> list[tuple[int, Article]]:
    """(story number, article): every text once, and 1-4 edited copies of 40% of them."""
    usable = [t for t in texts if len(t.paragraphs) >= 3]
    rng.shuffle(usable)
    items: list[tuple[int, Article]] = []
    for story, text in enumerate(usable):
        items.append(
            (story, Article(title=text.title, blocks=[Block(text=p) for p in text.paragraphs]))
        )
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 4)):
                title = f"{rng.choice(['UPDATE', 'Breaking', 'Watch'])}: {text.title[:60]}"
                items.append(
                    (
                        story,
                        Article(title=title, blocks=[Block(text=p) for p in wire_copy(text, rng)]),
                    )
                )
    rng.shuffle(items)
    return items


def pair_scores(truth: list[int], predicted: list[str]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of the grouping, with the numbers of pairs."""
    same_true = same_pred = both = 0
    by_story: dict[int, list[int]] = {}
    for i, story in enumerate(truth):
        by_story.setdefault(story, []).append(i)
    by_cluster: dict[str, list[int]] = {}
    for i, cluster in enumerate(predicted):
        by_cluster.setdefault(cluster, []).append(i)
    for members in by_story.values():
        same_true += len(members) * (len(members) - 1) // 2
    for members in by_cluster.values():
        for a, b in combinations(members, 2):
            same_pred += 1
            both += truth[a] == truth[b]
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_true if same_true else 1.0
    return precision, recall, same_true, same_pred


def source_copies(items: list[tuple[int, Article]], threshold: float = 0.3) -> dict[int, int]:
    """Stories whose original texts are themselves copies of each other in the source data
    (one wire story on two DAniEL sites): story -> representative story. Exact Jaccard of
    shingle sets, candidates found with a low-threshold LSH."""
    from quotidien.store.dedup import band_keys, shingles

    originals = {}
    for story, article in items:
        originals.setdefault(story, article)
    grams = {s: shingles("\n".join(b.text for b in a.blocks)) for s, a in originals.items()}
    index: dict[int, list[int]] = {}
    parent = {s: s for s in originals}

    def root(s: int) -> int:
        while parent[s] != s:
            s = parent[s]
        return s

    for story, article in originals.items():
        sig = signature(article)
        if sig is None:
            continue
        keys = band_keys(sig, 0.2)
        for other in {o for key in keys for o in index.get(key, [])}:
            a, b = grams[story], grams[other]
            if len(a & b) / len(a | b) >= threshold:
                parent[root(story)] = root(other)
        for key in keys:
            index.setdefault(key, []).append(story)
    return {s: root(s) for s in originals}


def bench_dedup(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    items = syndication_set(real_texts(), rng)
    sigs = [signature(article) for _, article in items]
    truth = [story for story, _ in items]
    merged = source_copies(items)
    adjusted = [merged[story] for story in truth]
    copies = len(items) - len(set(truth))
    print(f"Set: {len(items)} articles, {len(set(truth))} source texts, {copies} edited copies "
          f"(seed {args.seed}); {len(set(truth)) - len(set(adjusted))} source texts are "
          "themselves copies of another source text.\n")  # fmt: skip
    print("| threshold | precision (raw / adjusted) | recall (raw / adjusted) | F1 adjusted |")
    print("|---|---|---|---|")
    for threshold in (0.3, 0.4, 0.5, 0.6):
        clusters = Clusters(lambda keys: [], threshold)  # the whole set is one pending batch
        predicted = [clusters.assign(f"a{i}", sig)[0] for i, sig in enumerate(sigs)]
        p, r, _, _ = pair_scores(truth, predicted)
        pa, ra, _, _ = pair_scores(adjusted, predicted)
        f1 = 2 * pa * ra / (pa + ra) if pa + ra else 0.0
        print(f"| {threshold} | {p:.3f} / {pa:.3f} | {r:.3f} / {ra:.3f} | {f1:.3f} |")


# -- ingest throughput --


def daniel_folder(target: Path, languages: set[str] | None) -> int:
    """Symlink the DAniEL pages (of some languages) into a folder; their count."""
    langs = json.loads((DANIEL / "doc_lg.json").read_text())
    codes = {"English": "en", "Chinese": "zh", "Polish": "pl", "Greek": "el", "Russian": "ru"}
    target.mkdir(parents=True)
    count = 0
    for path in sorted((DANIEL / "html").glob("*.html.gz")):
        if (
            languages
            and codes.get(langs.get(path.name.removesuffix(".html.gz"), "")) not in languages
        ):
            continue
        (target / path.name).symlink_to(path)
        count += 1
    return count


def run_child(mode: str, folder: Path, workers: int) -> dict[str, float]:
    """One measured run in a fresh process, so peak memory is its own."""
    command = [sys.executable, __file__, "child", mode, str(folder), str(workers)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def child(args: argparse.Namespace) -> None:
    folder, workers = Path(args.folder), int(args.workers)
    start = time.perf_counter()
    if args.mode == "trafilatura":
        pages = trafilatura_loop(folder)
    else:
        with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "b.db") as corpus:
            report = corpus.ingest([str(folder)], nlp=args.mode == "nlp", workers=workers)
            pages = report.added + report.duplicates + report.failed
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"pages": pages, "seconds": seconds, "rss_mb": own / 1024,
                      "worker_rss_mb": kids / 1024}))  # fmt: skip


def trafilatura_loop(folder: Path) -> int:
    import gzip

    import trafilatura

    count = 0
    for path in sorted(folder.iterdir()):
        trafilatura.extract(gzip.decompress(path.read_bytes()), with_metadata=True)
        count += 1
    return count


def bench_ingest(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        every = Path(tmp) / "all"
        english = Path(tmp) / "en"
        n_all = daniel_folder(every, None)
        n_en = daniel_folder(english, {"en"})
        runs = [
            ("bare trafilatura loop (extract + metadata)", "trafilatura", every, 1, n_all),
            ("quotidien ingest --no-nlp, 1 worker", "no-nlp", every, 1, n_all),
            ("quotidien ingest --no-nlp, 2 workers", "no-nlp", every, 2, n_all),
            ("bare trafilatura loop, English pages", "trafilatura", english, 1, n_en),
            ("quotidien ingest (nlp), English pages, 1 worker", "nlp", english, 1, n_en),
            ("quotidien ingest (nlp), English pages, 2 workers", "nlp", english, 2, n_en),
        ]
        print(
            "| run | pages | seconds | pages/s | pages/s per core | peak RSS MB (main / worker) |"
        )
        print("|---|---|---|---|---|---|")
        for label, mode, folder, workers, _ in runs:
            r = run_child(mode, folder, workers)
            rate = r["pages"] / r["seconds"]
            memory = f"{r['rss_mb']:.0f} / {r['worker_rss_mb']:.0f}"
            print(f"| {label} | {int(r['pages'])} | {r['seconds']:.1f} | {rate:.1f} | "
                  f"{rate / workers:.1f} | {memory} |")  # fmt: skip
            sys.stdout.flush()


# -- search latency --

QUERIES = [
    ("Obama", {}), ("Trump campaign", {}), ('"Supreme Court"', {}), ("budget deficit", {}),
    ("government", {}), ("election", {"since": datetime(2015, 1, 1, tzinfo=UTC)}),
    ("police", {"language": "en"}), ("Clinton email server", {}), ("immigration reform", {}),
    ("rząd", {}), ("Путин", {}), ("Ελλάδα", {"site": "express.gr"}), ("tax*", {}),
]  # fmt: skip
#: Worst cases, reported apart: words in nearly every article, so bm25 ranks them all.
STOP_WORD_QUERIES = [("said", {}), ("the", {"until": datetime(2013, 1, 1, tzinfo=UTC)})]


def synthetic_articles(texts: list[Text], count: int, rng: random.Random) -> Iterator[Article]:
    """Articles recombined from real sentences (of one language each): varied, so that few
    are near-duplicates of each other, with the vocabulary and lengths of real news."""
    pools: dict[str, list[str]] = {}
    for text in texts:
        for paragraph in text.paragraphs:
            pools.setdefault(text.language, []).extend(
                s for s in re.split(r"(?<=[.!?。])\s+", paragraph) if len(s) > 30
            )
    start = datetime(2011, 1, 1, tzinfo=UTC)
    for n in range(count):
        base = rng.choice(texts)
        pool = pools[base.language]
        paragraphs = [
            " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(4, 8))
        ]
        when = start + timedelta(minutes=rng.randrange(6 * 365 * 24 * 60))
        yield Article(
            source=Source(url=f"https://www.{base.site}/story/{n}", kind="html"),
            language=base.language, title=f"{base.title} ({n})",
            blocks=[Block(text=p) for p in paragraphs], published=Timestamp(value=when),
        )  # fmt: skip


def build_store(
    path: Path | str,
    count: int,
    rng: random.Random,
    enrich: Callable[[Article], Article] = lambda article: article,
) -> float:
    """Write `count` synthetic articles through the store (with MinHash clustering), each
    passed through `enrich` first (bench/serve_load.py adds quotes)."""
    start = time.perf_counter()
    with Corpus(path) as corpus:
        clusters = Clusters(corpus.store.similar)
        batch = Batch()
        for found in synthetic_articles(real_texts(), count, rng):
            article = enrich(found)
            identity = f"url:{article.source.url}"
            sig = signature(article)
            aid = article_id(identity)
            cluster, bands = clusters.assign(aid, sig)
            batch.articles.append(NewArticle(aid, identity, cluster, article, sig, bands))
            if len(batch.articles) == 500:
                corpus.store.write(batch)
                clusters.stored()
                batch = Batch()
        corpus.store.write(batch)
    return time.perf_counter() - start


def bench_search(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "search.db"
        if not args.db:
            built = build_store(path, args.articles, random.Random(args.seed))
            print(f"Built in {built:.0f} s through the store (MinHash + LSH bands + FTS5).")
            if args.keep:
                shutil.copy(path, args.keep)
        with Corpus(path) as corpus:
            counts = corpus.counts()
            print(f"Corpus: {counts['articles']} articles ({counts['stories']} story clusters), "
                  f"{path.stat().st_size / 1e6:.0f} MB.\n")  # fmt: skip
            typical = time_queries(corpus, QUERIES, args.repeat)
            worst = time_queries(corpus, STOP_WORD_QUERIES, args.repeat)
    for label, rows in (("typical queries", typical), ("stop-word queries", worst)):
        timings = [ms for *_, runs in rows for ms in runs]
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"- {label}: {len(timings)} runs (limit 20), p50 "
              f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")  # fmt: skip
    print("\n| query | filters | hits | median ms |\n|---|---|---|---|")
    for query, filters, hits, runs in typical + worst:
        shown = ", ".join(f"{k}={v:%Y-%m-%d}" if isinstance(v, datetime) else f"{k}={v}"
                          for k, v in filters.items())  # fmt: skip
        print(f"| `{query}` | {shown} | {hits} | {statistics.median(runs):.1f} |")


def time_queries(
    corpus: Corpus, queries: list[tuple[str, dict[str, Any]]], repeat: int
) -> list[tuple[str, dict[str, Any], int, list[float]]]:
    rows = []
    for query, filters in queries:
        corpus.search(query, limit=20, **filters)  # warm the page cache
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            hits = corpus.search(query, limit=20, **filters)
            runs.append((time.perf_counter() - start) * 1000)
        rows.append((query, filters, len(hits), runs))
    return rows


def page_html(article: Article) -> str:
    paragraphs = "".join(f"<p>{html.escape(b.text)}</p>" for b in article.blocks)
    when = article.published.value.isoformat() if article.published else ""
    return (
        f'<html lang="{article.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title or '')}</title>"
        f'<meta property="article:published_time" content="{when}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(article.title or '')}"
        f"</h1>{paragraphs}</article><footer>© site</footer></body></html>"
    )


def bench_memory(args: argparse.Namespace) -> None:
    """Peak memory of ingest runs of growing size (JSON Lines of synthetic pages)."""
    rng = random.Random(args.seed)
    texts = real_texts()
    print("| pages | seconds | pages/s | peak RSS MB (main / largest worker) |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.pages:
            path = Path(tmp) / f"pages-{count}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for article in synthetic_articles(texts, count, rng):
                    line = {"url": article.source.url, "html": page_html(article)}
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
            r = run_child("no-nlp", path, 2)
            print(f"| {int(r['pages'])} | {r['seconds']:.0f} | {r['pages'] / r['seconds']:.1f} | "
                  f"{r['rss_mb']:.0f} / {r['worker_rss_mb']:.0f} |")  # fmt: skip
            sys.stdout.flush()


def bench_warc(args: argparse.Namespace) -> None:
    """Reading a gzipped WARC: quotidien's damage-tolerant reader beside fastwarc."""
    import gzip

    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from quotidien.ingest.warc import read_warc

    rng = random.Random(args.seed)
    texts = real_texts()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        with path.open("wb") as out:
            for n, article in enumerate(synthetic_articles(texts, args.records, rng)):
                body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                body += page_html(article).encode()
                head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/{n}"
                        f"\r\nContent-Length: {len(body)}\r\n\r\n").encode()  # fmt: skip
                out.write(gzip.compress(head + body + b"\r\n\r\n"))
        size = path.stat().st_size / 1e6
        start = time.perf_counter()
        with path.open("rb") as raw:
            ours = sum(1 for _ in read_warc(raw, path.name))
        mine = time.perf_counter() - start
        start = time.perf_counter()
        with path.open("rb") as raw:
            theirs = 0
            for record in ArchiveIterator(raw, record_types=WarcRecordType.response):
                record.reader.read()
                theirs += 1
        fast = time.perf_counter() - start
    print(f"{args.records} records, {size:.0f} MB gzipped: quotidien reader {ours / mine:.0f} "
          f"records/s, fastwarc {theirs / fast:.0f} records/s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    dedup = sub.add_parser("dedup")
    dedup.add_argument("--seed", type=int, default=4)
    sub.add_parser("ingest")
    warc = sub.add_parser("warc")
    warc.add_argument("--records", type=int, default=5000)
    warc.add_argument("--seed", type=int, default=6)
    memory = sub.add_parser("memory")
    memory.add_argument("--pages", type=int, nargs="+", default=[2000, 10000])
    memory.add_argument("--seed", type=int, default=5)
    search = sub.add_parser("search")
    search.add_argument("--articles", type=int, default=100_000)
    search.add_argument("--repeat", type=int, default=5)
    search.add_argument("--seed", type=int, default=4)
    search.add_argument("--keep", help="Copy the built database here.")
    search.add_argument("--db", help="Measure on this existing database instead of building one.")
    kid = sub.add_parser("child")
    kid.add_argument("mode")
    kid.add_argument("folder")
    kid.add_argument("workers")
    args = parser.parse_args()
    handlers = {
        "dedup": bench_dedup,
        "ingest": bench_ingest,
        "memory": bench_memory,
        "warc": bench_warc,
        "search": bench_search,
        "child": child,
    }
    handlers[args.command](args)


if __name__ == "__main__":
    main()
