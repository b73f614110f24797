"""Text pages (issue 2, point 4): body F1 from pages flattened to text vs from their HTML.

Each DAniEL page is flattened with inscriptis (a text renderer that keeps captions and
list bullets as a browser shows them), then read by quotidien's text extractor; the same
page's HTML goes through quotidien's HTML extractor (when present) and trafilatura, in the
same run. Scored with `bench/scoring.py` against the human references.

Two predictions are scored for quotidien: `body` (lead and body blocks) and `all` (title,
lead and body: `Article.text()`), since DAniEL references open with the headline.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/text_extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inscriptis import get_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

import daniel
import scoring
from quotidien.errors import InputError
from quotidien.extract.core import extract_page, page_text
from quotidien.model import Article, Page, Source

_CONFIG = ParserConfig(css=CSS_PROFILES["relaxed"], display_images=False)


def flatten(html: bytes) -> str:
    text, _, _ = page_text(Page(data=html, source=Source(kind="html")))
    return get_text(text, _CONFIG)


def _article(data: str | bytes, kind: str) -> Article | None:
    try:
        return extract_page(Page(data=data, source=Source(kind=kind)), kind=kind)  # type: ignore[arg-type]
    except InputError:
        return None


def _body(article: Article | None) -> str:
    if article is None:
        return ""
    return "\n".join(p for p in [article.lead, article.body_text()] if p)


def _all(article: Article | None) -> str:
    return article.text() if article is not None else ""


def _trafilatura(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace"), favor_recall=False) or ""


def _html_available() -> bool:
    try:
        import quotidien.extract.html  # noqa: F401
    except ImportError:
        return False
    return True


def run(limit: int | None, wrap: int = 0, text_only: bool = False) -> None:
    systems: dict[str, Callable[[daniel.DanielPage, dict[str, Article | None]], str]] = {
        "quotidien text (body)": lambda p, c: _body(c["text"]),
        "quotidien text (all)": lambda p, c: _all(c["text"]),
    }
    if not text_only:
        systems["trafilatura html (body)"] = lambda p, c: _trafilatura(p.html)
    with_html = _html_available() and not text_only
    if with_html:
        systems["quotidien html (body)"] = lambda p, c: _body(c["html"])
        systems["quotidien html (all)"] = lambda p, c: _all(c["html"])
    counts: dict[str, dict[str, list[scoring.Counts]]] = defaultdict(lambda: defaultdict(list))
    exact: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    seconds: dict[str, float] = defaultdict(float)
    pages = 0
    for page in daniel.pages(limit):
        pages += 1
        begin = time.perf_counter()
        flat = flatten(page.html)
        if wrap:  # hard-wrapped, as `fold -s` or a mail client writes text
            flat = "\n".join(textwrap.fill(line, wrap) for line in flat.split("\n"))
        seconds["inscriptis"] += time.perf_counter() - begin
        begin = time.perf_counter()
        cache: dict[str, Article | None] = {"text": _article(flat, "text")}
        seconds["quotidien text"] += time.perf_counter() - begin
        if with_html:
            begin = time.perf_counter()
            cache["html"] = _article(page.html, "html")
            seconds["quotidien html"] += time.perf_counter() - begin
        for name, system in systems.items():
            predicted = system(page, cache)
            for group in (page.language, "all"):
                counts[name][group].append(scoring.shingle_counts(page.reference, predicted))
                exact[name][group].append(scoring.exact_match(page.reference, predicted))
    _report(counts, exact, seconds, pages)


def _report(
    counts: dict[str, dict[str, list[scoring.Counts]]],
    exact: dict[str, dict[str, list[bool]]],
    seconds: dict[str, float],
    pages: int,
) -> None:
    groups = sorted({g for by in counts.values() for g in by}, key=lambda g: (g == "all", g))
    print(f"pages: {pages}")
    print("| system | " + " | ".join(groups) + " |")
    print("| --- |" + " --- |" * len(groups))
    for name, by in counts.items():
        cells = []
        for group in groups:
            s = scoring.summarise(by[group], exact[name][group])
            cells.append(f"F1 {s['f1']:.3f} (P {s['precision']:.3f} R {s['recall']:.3f})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    for name, spent in seconds.items():
        print(f"{name}: {spent:.1f} s, {pages / spent if spent else 0:.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--wrap", type=int, default=0, help="hard-wrap the text at N columns")
    parser.add_argument("--text-only", action="store_true", help="quotidien's text path alone")
    args = parser.parse_args()
    run(args.limit, args.wrap, args.text_only)


if __name__ == "__main__":
    main()
