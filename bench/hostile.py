"""quotidien under a long run of hostile pages (issue 22): 100,000 generated pages (byte
flips, truncations, tag soup, wrong and exotic charsets, NUL and control bytes, spliced
pages, bad URLs, deep markup, noise) with good pages among them, ingested as a user would.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/hostile.py --pages 100000

Reports: tracebacks and "internal error" reasons (goal 0), pages given up past the time
budget, every good page written (goal: all), the run's time, and the peak memory of the
largest worker process (goal < 1 GB). Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SEED_PAGES = [
    "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Grève à la SNCF</title>"
    "<link rel='canonical' href='https://www.exemple.fr/a/{n}.html'></head><body><nav>Accueil"
    "</nav><article><h1>Grève à la SNCF</h1><p>« Nous ne céderons pas », a déclaré mardi la "
    "secrétaire générale devant les cheminots réunis à Paris pour la journée {n}.</p><p>La "
    "direction a proposé une hausse de salaire jugée insuffisante par les syndicats.</p>"
    "</article><footer>© Exemple</footer></body></html>",
    "<html><head><title>Wildfire forces thousands to flee</title></head><body><div id='main'>"
    "<h1>Wildfire forces thousands to flee</h1><p>Firefighters battled the blaze overnight, "
    "officials said on Tuesday, as winds pushed the flames toward town {n}.</p><div class="
    "'comments'><p>Stay safe everyone!</p></div></div></body></html>",
]


def mutate(page: bytes, rng: random.Random) -> bytes:
    """One hostile variation of a good page."""
    if len(page) < 2:
        return page + b"<p>" * rng.randint(0, 3)
    kind = rng.randrange(9)
    if kind == 0:  # flipped bytes
        data = bytearray(page)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == 1:  # truncated anywhere
        return page[: rng.randrange(len(page))]
    if kind == 2:  # tag soup: tags shuffled
        parts = page.split(b"<")
        rng.shuffle(parts)
        return b"<".join(parts)
    if kind == 3:  # another charset, declared wrong or exotic
        text = page.decode("utf-8", "replace")
        codec = rng.choice(["utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1251", "gb18030"])
        label = rng.choice(["rot-13", "base64", "utf-7", "nonsense", "utf-8", "koi8-r"])
        text = text.replace("utf-8", label)
        return text.encode(codec, "replace")
    if kind == 4:  # NUL and control bytes
        data = bytearray(page)
        for _ in range(rng.randint(1, 20)):
            data.insert(rng.randrange(len(data)), rng.choice([0, 1, 7, 27, 127]))
        return bytes(data)
    if kind == 5:  # two pages spliced
        other = SEED_PAGES[rng.randrange(2)].format(n=rng.randrange(99)).encode()
        return page[: rng.randrange(len(page))] + other[rng.randrange(len(other)) :]
    if kind == 6:  # a URL that is no URL
        bad = rng.choice(["http://[::1/x", "https://a:99999/", "javascript:alert(1)", "\x00//"])
        return page.replace(b"https://www.exemple.fr", bad.encode())
    if kind == 7:  # deep or wide markup
        return page.replace(b"<h1>", b"<div>" * rng.randint(200, 600) + b"<h1>")
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))  # noise


def hostile_pages(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        page = SEED_PAGES[n % 2].format(n=n).encode()
        for _ in range(rng.randint(1, 3)):
            page = mutate(page, rng)
        pages.append(page)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--good", type=int, default=1_000, help="Good pages mixed in.")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for n, page in enumerate(hostile_pages(args.pages, args.seed)):
            (folder / f"hostile-{n:06d}.html").write_bytes(page)
        for n in range(args.good):
            page = SEED_PAGES[n % 2].format(n=10**6 + n).replace("<h1>", f"<h1>Bon {n} ")
            (folder / f"good-{n:05d}.html").write_text(page)
        db = Path(tmp) / "c.db"
        command = [str(ROOT / ".venv/bin/quotidien"), "ingest", str(folder), "--db", str(db),
                   "--no-nlp", "--workers", str(args.workers), "--quiet"]  # fmt: skip
        start = time.monotonic()
        run = subprocess.run(command, capture_output=True, text=True)
        took = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        errors = json.loads(subprocess.run(
            [str(ROOT / ".venv/bin/quotidien"), "errors", "--db", str(db), "--json"],
            capture_output=True, text=True, check=True).stdout)  # fmt: skip
        info = json.loads(subprocess.run(
            [str(ROOT / ".venv/bin/quotidien"), "info", "--db", str(db), "--json"],
            capture_output=True, text=True, check=True).stdout)  # fmt: skip
        with sqlite3.connect(db) as con:  # titles "Bon N …": the good pages, each once
            good = con.execute(
                "SELECT COUNT(DISTINCT title) FROM articles WHERE title LIKE 'Bon %'"
            ).fetchone()[0]
    internal = [e for e in errors if "internal error" in e["reason"]]
    budget = [e for e in errors if "took longer than" in e["reason"]]
    print(
        f"{args.pages} hostile pages (seed {args.seed}) and {args.good} good ones, "
        f"`ingest --no-nlp --workers {args.workers}`: {took:.0f} s "
        f"({(args.pages + args.good) / took:.0f} pages/s), exit status {run.returncode}.\n"
    )
    print("| measure | value |\n|---|---|")
    print(f"| tracebacks on stderr | {run.stderr.count('Traceback')} |")
    print(f"| internal errors | {len(internal)} |")
    print(f"| pages given up past the time budget | {len(budget)} |")
    print(f"| pages reported (errors) | {len(errors)} |")
    print(f"| articles stored | {info['articles']} |")
    print(f"| good pages stored | {good} of {args.good} |")
    print(f"| peak memory of the largest process (ingest or worker) | {peak:.0f} MB |")
    for error in internal[:10]:
        print(f"- {error['source']}: {error['reason']}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
