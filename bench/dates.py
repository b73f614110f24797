"""Speed of date finding over the text lines of real pages, beside dateparser.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/dates.py [--pages N]

Reads the DAniEL pages (../shared/data/daniel), flattens each to its text lines, and times
`find_dates` over every line (all languages tried, as when the page language is unknown),
then `dateparser.search.search_dates` over a sample of the lines that hold a digit (it is
far slower; its time is given per line of that sample). Also reports how many lines hold a
date, to show the two are not doing nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from quotidien.extract.dates import find_dates

DANIEL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "daniel"
REFERENCE = datetime(2012, 1, 18, tzinfo=UTC)


def page_lines(path: Path) -> list[str]:
    try:
        tree = lxml.html.fromstring(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, lxml.etree.ParserError):
        return []
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return [line for line in lines if line]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1689)
    parser.add_argument("--sample", type=int, default=1000)
    args = parser.parse_args()
    if not DANIEL.exists():
        raise SystemExit(f"no DAniEL data at {DANIEL}")
    names = sorted(json.loads((DANIEL / "doc_lg.json").read_text()))[: args.pages]
    pages = [page_lines(DANIEL / "html" / f"{name}.html.gz") for name in names]
    lines = [line for page in pages for line in page]

    start = time.perf_counter()
    found = [find_dates(line, reference=REFERENCE) for line in lines]
    took = time.perf_counter() - start
    print(f"pages {len(pages)}, lines {len(lines)}")
    print(
        f"quotidien find_dates: {took:.2f} s, {took / len(lines) * 1e6:.1f} us/line, "
        f"{len(pages) / took:.0f} pages/s, lines with a date {sum(map(bool, found))}"
    )

    from dateparser.search import search_dates

    sample = [line for line in lines if any(c.isdigit() for c in line)][: args.sample]
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = sum(bool(search_dates(line)) for line in sample)
    took = time.perf_counter() - start
    print(
        f"dateparser search_dates: {took:.2f} s over {len(sample)} lines with a digit, "
        f"{took / len(sample) * 1e3:.2f} ms/line, lines with a date {hits}"
    )
    start = time.perf_counter()
    mine = sum(bool(find_dates(line, reference=REFERENCE)) for line in sample)
    took = time.perf_counter() - start
    print(
        f"quotidien find_dates on the same sample: {took / len(sample) * 1e3:.3f} ms/line, "
        f"lines with a date {mine}"
    )


if __name__ == "__main__":
    main()
