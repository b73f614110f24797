"""Body-text extraction on the DAniEL pages: quotidien (HTML path) beside its peers.

Every tool runs in the same process, in the same run, on the same pages, page by page in
turn (so that a slow minute of the shared machine hits all tools alike). Scores are those
of `scoring.py`. Usage:

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/extraction.py [--limit N]
        [--tools quotidien,trafilatura] [--memory] [--markdown]

Titles: the DAniEL reference's first paragraph is usually the headline, so the primary
score is *title + body* for every tool that returns a title (quotidien: title, lead and
body blocks = `Article.text()`; trafilatura, readability, goose3, newspaper4k: their title
and text) and body for the two that return none (jusText, resiliparse). The secondary
score is *body only* for every tool (quotidien: lead and blocks), which no tool's title
helps or hurts.

Speed: seconds spent inside each tool's call, bytes in, result out (decoding included
for the tools that take bytes). `--memory` runs quotidien alone three times over the
pages and prints the peak resident memory after each pass.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import resource
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from daniel import DanielPage, pages
from quotidien.extract import encoding
from quotidien.extract.core import extract_page
from quotidien.model import Page
from scoring import Counts, exact_match, shingle_counts, summarise

#: A tool: page bytes -> (title or None, body text).
Tool = Callable[[bytes], tuple[str | None, str]]


def _text(data: bytes) -> str:
    return encoding.decode(data)[0]


def run_quotidien(data: bytes) -> tuple[str | None, str]:
    article = extract_page(Page(data=data))
    body = "\n".join(filter(None, [article.lead, article.body_text()]))
    return article.title, body


def run_trafilatura(data: bytes) -> tuple[str | None, str]:
    from trafilatura import bare_extraction

    doc = bare_extraction(data, include_comments=False, with_metadata=True)
    return (doc.title, doc.text or "") if doc is not None else (None, "")


def run_readability(data: bytes) -> tuple[str | None, str]:
    import lxml.html
    from readability import Document

    doc = Document(data)
    summary = doc.summary(html_partial=True)
    body = "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())
    return doc.short_title(), body


def run_justext(data: bytes) -> tuple[str | None, str]:
    import justext

    # jusText needs the language's stop list; its "English" list is its default choice
    # when the language is unknown, and what a user without a language guess would use.
    stop = _justext_stoplist(data)
    paragraphs = justext.justext(data, stop)
    return None, "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


_JUSTEXT_LISTS = {"en": "English", "ru": "Russian", "pl": "Polish", "el": "Greek"}
_current_language = {"code": "en"}


def _justext_stoplist(data: bytes) -> frozenset[str]:
    import justext

    name = _JUSTEXT_LISTS.get(_current_language["code"])
    # Chinese has no stop list in jusText: its language-independent mode is an empty set.
    return justext.get_stoplist(name) if name else frozenset()


def run_resiliparse(data: bytes) -> tuple[str | None, str]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    html = bytes_to_str(data, detect_encoding(data))
    return None, extract_plain_text(html, main_content=True, comments=False)


def run_goose3(data: bytes) -> tuple[str | None, str]:
    article = _goose().extract(raw_html=_text(data))  # type: ignore[attr-defined]
    return article.title, article.cleaned_text or ""


_GOOSE: list[object] = []


def _goose() -> object:
    from goose3 import Goose

    if not _GOOSE:
        # No network: goose3 would fetch images to pick the top one.
        _GOOSE.append(Goose({"enable_image_fetching": False, "http_timeout": 0.01}))
    return _GOOSE[0]


def run_newspaper(data: bytes) -> tuple[str | None, str]:
    from newspaper import Article

    # No network: newspaper4k would fetch the page's images to pick the top one.
    article = Article("https://example.com/article", fetch_images=False)
    article.download(input_html=_text(data))
    article.parse()
    return article.title, article.text or ""


TOOLS: dict[str, Tool] = {
    "quotidien": run_quotidien,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
    "justext": run_justext,
    "resiliparse": run_resiliparse,
    "goose3": run_goose3,
    "newspaper4k": run_newspaper,
}


class Results:
    def __init__(self) -> None:
        self.full: dict[tuple[str, str], list[Counts]] = defaultdict(list)
        self.body: dict[tuple[str, str], list[Counts]] = defaultdict(list)
        self.exact: dict[tuple[str, str], list[bool]] = defaultdict(list)
        self.seconds: dict[str, float] = defaultdict(float)
        self.failures: dict[str, int] = defaultdict(int)

    def add(self, tool: str, page: DanielPage, title: str | None, body: str) -> None:
        full = f"{title}\n{body}" if title else body
        for lang in (page.language, "all"):
            self.full[tool, lang].append(shingle_counts(page.reference, full))
            self.body[tool, lang].append(shingle_counts(page.reference, body))
            self.exact[tool, lang].append(exact_match(page.reference, full))


def run(tools: list[str], corpus: list[DanielPage]) -> Results:
    results = Results()
    for page in corpus:
        _current_language["code"] = page.language
        for name in tools:
            start = time.perf_counter()
            try:
                title, body = TOOLS[name](page.html)
            except Exception:
                title, body = None, ""
                results.failures[name] += 1
            results.seconds[name] += time.perf_counter() - start
            results.add(name, page, title, body)
    return results


def report(results: Results, tools: list[str], corpus: list[DanielPage]) -> str:
    languages = [*sorted({p.language for p in corpus}), "all"]
    lines = [
        "### Title + body (primary)",
        "",
        _table(results.full, results, tools, languages),
        "",
        "### Body only",
        "",
        _table(results.body, results, tools, languages),
        "",
        "### Speed (one process, one core, same run)",
        "",
        "| tool | pages/s | × trafilatura | failures |",
        "| --- | ---: | ---: | ---: |",
    ]
    base = results.seconds.get("trafilatura")
    for tool in tools:
        rate = len(corpus) / results.seconds[tool] if results.seconds[tool] else 0.0
        ratio = f"{base / results.seconds[tool]:.2f}" if base and results.seconds[tool] else "-"
        lines.append(f"| {tool} | {rate:.1f} | {ratio} | {results.failures[tool]} |")
    return "\n".join(lines)


def _table(
    scores: dict[tuple[str, str], list[Counts]],
    results: Results,
    tools: list[str],
    languages: list[str],
) -> str:
    head = (
        "| tool | "
        + " | ".join(f"{lang} F1" for lang in languages)
        + " | all P | all R | all exact |"
    )
    lines = [head, "|" + " --- |" * (len(languages) + 4)]
    for tool in tools:
        cells = []
        for lang in languages:
            summary = summarise(scores[tool, lang])
            cells.append(f"{summary['f1']:.3f}")
        total = summarise(scores[tool, "all"], results.exact[tool, "all"])
        cells += [f"{total['precision']:.3f}", f"{total['recall']:.3f}", f"{total['accuracy']:.3f}"]
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    counts = " ".join(f"{lang}={len(scores[tools[0], lang])}" for lang in languages)
    lines.append(f"\nPages: {counts}")
    return "\n".join(lines)


def memory(corpus: list[DanielPage], passes: int = 3) -> str:
    lines = ["| pass | seconds | peak RSS (MB) |", "| --- | ---: | ---: |"]
    for number in range(1, passes + 1):
        start = time.perf_counter()
        for page in corpus:
            with contextlib.suppress(Exception):
                run_quotidien(page.html)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"| {number} | {time.perf_counter() - start:.1f} | {peak:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="N pages spread evenly over the corpus (all languages)",
    )
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools")
    parser.add_argument("--memory", action="store_true", help="quotidien alone, 3 passes")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    corpus = list(pages())
    if args.limit and args.limit < len(corpus):
        step = len(corpus) / args.limit
        corpus = [corpus[int(i * step)] for i in range(args.limit)]
    if args.memory:
        print(memory(corpus))
        return
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    with contextlib.redirect_stderr(io.StringIO()):
        results = run(tools, corpus)
    print(report(results, tools, corpus))


if __name__ == "__main__":
    main()
