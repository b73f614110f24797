"""Publication dates on the development pages: quotidien beside htmldate, same run.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/publication_dates.py [--limit N]

Two kinds of pages whose publication day is known:

- Readability's test pages with an expected `publishedTime` (33 of 130), read as they are;
- every page of the four sets (DAniEL, L3S-GN1, Dragnet, Readability) whose own markup
  states a publication time (JSON-LD `datePublished`, a meta tag such as
  `article:published_time`, microdata): the stated day is the answer, and the page is read
  with that markup taken out (JSON-LD scripts, date meta tags and microdata, `<time>`
  elements' `datetime` attributes), to measure what the visible page gives.

For each page: quotidien's `published` (the HTML path, `extract_page`) and htmldate's
`find_date` with `extensive_search` True and False (`original_date=True`), on the same
HTML. Accuracy: right day / pages; precision: right day / pages with an answer. No URL is
given (the sets do not keep one).
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import lxml.html

import devsets
from quotidien.errors import QuotidienError
from quotidien.extract.core import extract_page
from quotidien.extract.dates import parse_date
from quotidien.extract.metadata import read_metadata
from quotidien.model import Page

#: Markup that states a date without showing it.
_DATE_META = re.compile(r"date|time|publish|modified|created|issued", re.I)


@dataclass
class DatedPage:
    set: str
    name: str
    html: bytes
    day: str  # ISO day


def all_pages() -> Iterator[tuple[str, str, bytes]]:
    """(set, name, html) of every page of the four sets."""
    for dataset in devsets.LOADERS:
        for page in devsets.pages(dataset):
            yield dataset, page.name, page.html


def readability_pages() -> Iterator[DatedPage]:
    for page in devsets.readability():
        found = parse_date(page.published) if page.published else None
        if found is not None:
            yield DatedPage("readability", page.name, page.html, found.value.date().isoformat())


def marked_pages() -> Iterator[DatedPage]:
    """Pages whose markup states a publication time, with that markup taken out."""
    for set_name, name, html in all_pages():
        try:
            tree = lxml.html.fromstring(html)
        except (ValueError, lxml.etree.ParserError):
            continue
        stated = read_metadata(tree).published
        found = parse_date(stated) if stated else None
        if found is None:
            continue
        _strip_date_markup(tree)
        stripped = lxml.html.tostring(tree, encoding="utf-8")
        yield DatedPage(
            f"{set_name} (markup removed)", name, stripped, found.value.date().isoformat()
        )


def _strip_date_markup(tree: lxml.html.HtmlElement) -> None:
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        script.drop_tree()
    for meta in tree.xpath("//meta"):
        keys = " ".join(meta.get(k, "") for k in ("name", "property", "itemprop", "http-equiv"))
        if _DATE_META.search(keys):
            meta.drop_tree()
    for element in tree.xpath("//*[@itemprop]"):
        if _DATE_META.search(element.get("itemprop", "")):
            for attribute in ("itemprop", "content", "datetime"):
                element.attrib.pop(attribute, None)
    for element in tree.xpath("//time[@datetime]"):
        del element.attrib["datetime"]


def quotidien_day(html: bytes) -> str | None:
    try:
        published = extract_page(Page(data=html)).published
    except QuotidienError:  # a page without an article: no answer
        return None
    return published.value.date().isoformat() if published else None


def htmldate_day(extensive: bool) -> Callable[[bytes], str | None]:
    from htmldate import find_date

    def run(html: bytes) -> str | None:
        try:
            return find_date(html, extensive_search=extensive, original_date=True)
        except Exception:  # htmldate's failures count as no answer
            return None

    return run


TOOLS = {
    "quotidien": quotidien_day,
    "htmldate extensive": htmldate_day(True),
    "htmldate fast": htmldate_day(False),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="pages per kind, for a quick look")
    args = parser.parse_args(argv)
    missing = [str(folder) for folder in devsets.FOLDERS.values() if not folder.exists()]
    if missing:
        print(f"no development data at {', '.join(missing)}", file=sys.stderr)
        return 1
    scores: dict[str, dict[str, list[int]]] = {}  # set -> tool -> [right, answered, pages]
    for source in (readability_pages(), marked_pages()):
        for count, page in enumerate(source):
            if args.limit and count >= args.limit:
                break
            for tool, run in TOOLS.items():  # in turn, page by page
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    day = run(page.html)
                right, answered, pages = scores.setdefault(page.set, {}).setdefault(tool, [0, 0, 0])
                scores[page.set][tool] = [
                    right + (day == page.day),
                    answered + bool(day),
                    pages + 1,
                ]
    print("| pages | n | " + " | ".join(f"{t} acc. / prec." for t in TOOLS) + " |")
    print("| --- | --- |" + " --- |" * len(TOOLS))
    for set_name, by_tool in scores.items():
        n = next(iter(by_tool.values()))[2]
        cells = [f"{r / n:.3f} / {r / max(a, 1):.3f}" for r, a, _ in by_tool.values()]
        print(f"| {set_name} | {n} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
