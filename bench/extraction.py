"""Body-text extraction on the development sets: quotidien (HTML path) beside its peers.

Every tool runs in the same process, in the same run, on the same pages, page by page in
turn (so that a slow minute of the shared machine hits all tools alike). Usage:

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/extraction.py
        [--sets daniel,l3s-gn1,dragnet,readability] [--limit N] [--tune-on SETS]
        [--tools quotidien,trafilatura,readability] [--memory] [--markdown]

The sets and their reference bodies are those of `devsets.py`; scores are those of
`scoring.py` (token 4-gram shingles, per-page normalised, precision and recall averaged
over pages; exact = the same token sequence). `--limit N` takes N pages of each set,
spread evenly over it, for quick checks. The default tools are quotidien, trafilatura and
readability-lxml; jusText, resiliparse, goose3 and newspaper4k (the `bench` extra) on demand.

Body: where a set's reference starts with the headline (DAniEL, Dragnet), the primary
score is *title + body* for every tool that returns a title (quotidien: title, lead and
body blocks; trafilatura: `bare_extraction(include_comments=False, with_metadata=True)`
title + text; readability-lxml: `short_title()` + `summary()`) and body for those that
return none (jusText, resiliparse); elsewhere (L3S-GN1 `main`, Readability) it is the body
alone. *Body only* (quotidien: lead and blocks) is given beside it for every set.

Text of a page part found in another (`scoring.found_tokens`): a token of the gold text
counts as found when one of the token 4-grams covering it is in the tool's body;
4-grams that the gold article text (headline and body) also holds are set aside, and so
are the tokens they alone cover (a comment quoting the article). Shares are pooled over
the set's pages (found tokens / counted tokens): *comments in body*, *related in body*, and
*comments in `comments`* (quotidien's `Article.comments`: each shown comment's author,
time as written, and text, in page order). Pooled, a page with long comments weighs
more (one L3S-GN1 page holds 42% of the set's comment text), so the comments in the body
are also given as the mean of the pages' shares.

Metadata: *title = headline* is the share of pages with a gold headline or title
(L3S-GN1 `headline`, Readability `title`) where the tool's title has the same token
sequence; *byline found*: pages with an expected byline where one of the tool's authors
(trafilatura: its `author` split at "; ") has its tokens, casefolded, as a run inside the
byline's (or the byline inside it); *published day*: pages with an expected published
time whose first ten characters (the day as the page wrote it) are the tool's date's.

Leave-one-set-out: whatever quotidien tunes or learns is chosen on the other sets and
reported on the held-out one. The tools named `quotidien` or `quotidien:VARIANT` in
`TOOLS` are the candidates (a tuned threshold is a variant with other `Settings`); for each
held-out set the candidate with the best mean primary F1 over the tuning sets is chosen
and its held-out F1 reported. `--tune-on a,b` makes one fold instead: chosen on a and b,
reported on every other set of `--sets`.

Speed: seconds spent inside each tool's call, bytes in, result out (decoding included
for the tools that take bytes); every tool first runs once, untimed, on the first page
(imports, models). `--memory` runs quotidien alone three times over the
pages and prints the peak resident memory after each pass.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import logging
import resource
import shlex
import statistics
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devsets
from devsets import DevPage
from quotidien.extract import encoding
from quotidien.extract.core import extract_page
from quotidien.model import Article, Page
from scoring import Counts, exact_match, found_tokens, shingle_counts, summarise, tokens


@dataclass(frozen=True)
class Output:
    """What a tool returns for a page."""

    title: str | None = None
    body: str = ""
    authors: tuple[str, ...] = ()
    #: The publication day, YYYY-MM-DD.
    published: str | None = None
    #: The page's reader comments as the tool keeps them, in page order.
    comments: str = ""


#: A tool: page bytes -> what it extracts.
Tool = Callable[[bytes], Output]


def _text(data: bytes) -> str:
    return encoding.decode(data)[0]


def _comments(article: Article) -> str:
    parts = []
    for comment in article.comments.items:
        raw = comment.posted.raw if comment.posted else None
        parts += [part for part in (comment.author, raw, comment.text) if part]
    return "\n".join(parts)


def output(article: Article) -> Output:
    """quotidien's record as the benchmark reads it (body: lead and blocks)."""
    return Output(
        title=article.title,
        body="\n".join(filter(None, [article.lead, article.body_text()])),
        authors=tuple(article.authors),
        published=article.published.value.isoformat()[:10] if article.published else None,
        comments=_comments(article),
    )


def run_quotidien(data: bytes) -> Output:
    return output(extract_page(Page(data=data)))


def run_trafilatura(data: bytes) -> Output:
    from trafilatura import bare_extraction

    doc = bare_extraction(data, include_comments=False, with_metadata=True)
    if doc is None:
        return Output()
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Output(title=doc.title, body=doc.text or "", authors=authors, published=doc.date)


def run_readability(data: bytes) -> Output:
    import lxml.html
    from readability import Document

    doc = Document(data)
    summary = doc.summary(html_partial=True)
    body = "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())
    return Output(title=doc.short_title(), body=body)


def run_justext(data: bytes) -> Output:
    import justext

    # jusText needs the language's stop list; its "English" list is its default choice
    # when the language is unknown, and what a user without a language guess would use.
    stop = _justext_stoplist(data)
    paragraphs = justext.justext(data, stop)
    return Output(body="\n".join(p.text for p in paragraphs if not p.is_boilerplate))


_JUSTEXT_LISTS = {
    "en": "English",
    "ru": "Russian",
    "pl": "Polish",
    "el": "Greek",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
}
_current_language = {"code": "en"}


def _justext_stoplist(data: bytes) -> frozenset[str]:
    import justext

    name = _JUSTEXT_LISTS.get(_current_language["code"])
    # Chinese has no stop list in jusText: its language-independent mode is an empty set.
    return justext.get_stoplist(name) if name else frozenset()


def run_resiliparse(data: bytes) -> Output:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    html = bytes_to_str(data, detect_encoding(data))
    return Output(body=extract_plain_text(html, main_content=True, comments=False))


def run_goose3(data: bytes) -> Output:
    article = _goose().extract(raw_html=_text(data))  # type: ignore[attr-defined]
    return Output(title=article.title, body=article.cleaned_text or "")


_GOOSE: list[object] = []


def _goose() -> object:
    from goose3 import Goose

    if not _GOOSE:
        # No network: goose3 would fetch images to pick the top one.
        _GOOSE.append(Goose({"enable_image_fetching": False, "http_timeout": 0.01}))
    return _GOOSE[0]


def run_newspaper(data: bytes) -> Output:
    from newspaper import Article as NewsArticle

    # No network: newspaper4k would fetch the page's images to pick the top one.
    article = NewsArticle("https://example.com/article", fetch_images=False)
    article.download(input_html=_text(data))
    article.parse()
    return Output(title=article.title, body=article.text or "")


TOOLS: dict[str, Tool] = {
    "quotidien": run_quotidien,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
    "justext": run_justext,
    "resiliparse": run_resiliparse,
    "goose3": run_goose3,
    "newspaper4k": run_newspaper,
}
DEFAULT_TOOLS = "quotidien,trafilatura,readability"
#: The peers of the `bench` extra (pip install -e '.[bench]'), by the module they import.
MODULES = {
    "justext": "justext",
    "resiliparse": "resiliparse",
    "goose3": "goose3",
    "newspaper4k": "newspaper",
}
#: What each tool returns besides a body; the metadata columns show "-" for the rest.
GIVES = {
    "quotidien": {"title", "authors", "published", "comments"},
    "trafilatura": {"title", "authors", "published"},
    "readability": {"title"},
    "goose3": {"title"},
    "newspaper4k": {"title"},
}


def _gives(tool: str, what: str) -> bool:
    return what in GIVES.get(tool.split(":")[0], set())


def _candidates(tools: list[str]) -> list[str]:
    return [t for t in tools if t.split(":")[0] == "quotidien"]


def _byline_found(byline: str, authors: tuple[str, ...]) -> bool:
    expected = " " + " ".join(tokens(byline.casefold())) + " "
    for author in authors:
        mine = " " + " ".join(tokens(author.casefold())) + " "
        if mine.strip() and (mine in expected or expected in mine):
            return True
    return False


@dataclass(frozen=True)
class Score:
    """One tool on one page."""

    dataset: str
    language: str
    primary: Counts
    body: Counts
    exact: bool
    title: bool | None = None
    byline: bool | None = None
    published: bool | None = None
    #: (found, counted) tokens, `scoring.found_tokens`.
    comments_in_body: tuple[int, int] | None = None
    related_in_body: tuple[int, int] | None = None
    comments_kept: tuple[int, int] | None = None


def score(tool: str, page: DevPage, out: Output) -> Score:
    primary = f"{out.title}\n{out.body}" if page.headline_in_body and out.title else out.body
    article = "\n".join(filter(None, [page.headline, page.body]))

    def found(texts: tuple[str, ...], within: str) -> tuple[int, int] | None:
        return found_tokens("\n".join(texts), within, ignore=article) if texts else None

    def check(given: str | None, what: str, ok: Callable[[str], bool]) -> bool | None:
        return ok(given) if given and _gives(tool, what) else None

    return Score(
        dataset=page.dataset,
        language=page.language,
        primary=shingle_counts(page.body, primary),
        body=shingle_counts(page.body, out.body),
        exact=exact_match(page.body, primary),
        title=check(page.headline, "title", lambda h: exact_match(h, out.title or "")),
        byline=check(page.byline, "authors", lambda b: _byline_found(b, out.authors)),
        published=check(page.published, "published", lambda p: p[:10] == out.published),
        comments_in_body=found(page.comments, out.body),
        related_in_body=found(page.related, out.body),
        comments_kept=found(page.comments, out.comments) if _gives(tool, "comments") else None,
    )


class Results:
    def __init__(self) -> None:
        self.scores: dict[str, list[Score]] = defaultdict(list)
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.failures: dict[tuple[str, str], int] = defaultdict(int)
        self.pages: dict[str, int] = defaultdict(int)
        self.wall = 0.0

    def select(
        self, tool: str, dataset: str | None = None, language: str | None = None
    ) -> list[Score]:
        return [
            s
            for s in self.scores[tool]
            if dataset in (None, s.dataset) and language in (None, s.language)
        ]


def corpus(sets: list[str], limit: int | None) -> Iterator[DevPage]:
    for name in sets:
        yield from devsets.pages(name, limit)


def run(tools: list[str], sets: list[str], limit: int | None) -> Results:
    results = Results()
    start = time.perf_counter()
    for number, page in enumerate(corpus(sets, limit)):
        _current_language["code"] = page.language
        results.pages[page.dataset] += 1
        if number == 0:  # untimed: imports and models loaded on a tool's first call
            for name in tools:
                with contextlib.suppress(Exception):
                    TOOLS[name](page.html)
        for name in tools:
            begin = time.perf_counter()
            try:
                out = TOOLS[name](page.html)
            except Exception:
                out = Output()
                results.failures[name, page.dataset] += 1
            results.seconds[name, page.dataset] += time.perf_counter() - begin
            results.scores[name].append(score(name, page, out))
    results.wall = time.perf_counter() - start
    return results


# -- report --


def _f(value: float) -> str:
    return f"{value:.3f}"


def _rate(flags: list[bool | None]) -> str:
    known = [f for f in flags if f is not None]
    return f"{sum(known) / len(known):.3f} ({len(known)})" if known else "-"


def _share(pairs: list[tuple[int, int] | None]) -> str:
    known = [p for p in pairs if p is not None]
    counted = sum(c for _, c in known)
    return f"{sum(f for f, _ in known) / counted:.1%} ({len(known)})" if counted else "-"


def _page_mean(pairs: list[tuple[int, int] | None]) -> str:
    shares = [f / c for f, c in (p for p in pairs if p is not None) if c]
    return f"{statistics.mean(shares):.1%}" if shares else "-"


def primary_f1(scores: list[Score]) -> float:
    """Primary F1 (title + body where the reference holds the headline) of `scores`."""
    return summarise(s.primary for s in scores)["f1"]


def body_table(results: Results, tools: list[str], sets: list[str]) -> list[str]:
    lines = [
        "| set | tool | pages | P | R | F1 | exact | F1 body only | failures |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for dataset in sets:
        for tool in tools:
            scores = results.select(tool, dataset)
            main = summarise((s.primary for s in scores), (s.exact for s in scores))
            body = summarise(s.body for s in scores)
            cells = [dataset, tool, str(len(scores)), _f(main["precision"]), _f(main["recall"])]
            cells += [f"**{_f(main['f1'])}**", _f(main["accuracy"]), _f(body["f1"])]
            cells.append(str(results.failures[tool, dataset]))
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def language_table(results: Results, tools: list[str], sets: list[str]) -> list[str]:
    lines = [
        "| set | language | pages | " + " | ".join(f"{t} F1" for t in tools) + " |",
        "| --- | --- | ---: |" + " ---: |" * len(tools),
    ]
    for dataset in sets:
        by_language = Counter(s.language for s in results.select(tools[0], dataset))
        for language, count in sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0])):
            cells = [_f(primary_f1(results.select(t, dataset, language))) for t in tools]
            lines.append(f"| {dataset} | {language} | {count} | " + " | ".join(cells) + " |")
    return lines


def parts_table(results: Results, tools: list[str], sets: list[str]) -> list[str]:
    lines = [
        "| set | tool | comments in body | related in body | comments in `comments` "
        "| comments in body, page mean |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for dataset in sets:
        probe = results.select(tools[0], dataset)
        if not any(s.comments_in_body or s.related_in_body for s in probe):
            continue
        for tool in tools:
            scores = results.select(tool, dataset)
            cells = [
                _share([s.comments_in_body for s in scores]),
                _share([s.related_in_body for s in scores]),
                _share([s.comments_kept for s in scores]),
                _page_mean([s.comments_in_body for s in scores]),
            ]
            lines.append(f"| {dataset} | {tool} | " + " | ".join(cells) + " |")
    return lines if len(lines) > 2 else []


def metadata_table(results: Results, tools: list[str], sets: list[str]) -> list[str]:
    lines = [
        "| set | tool | title = headline | byline found | published day |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for dataset in sets:
        for tool in tools:
            scores = results.select(tool, dataset)
            cells = [
                _rate([s.title for s in scores]),
                _rate([s.byline for s in scores]),
                _rate([s.published for s in scores]),
            ]
            if any(cell != "-" for cell in cells):
                lines.append(f"| {dataset} | {tool} | " + " | ".join(cells) + " |")
    return lines if len(lines) > 2 else []


def folds(sets: list[str], tune_on: list[str] | None) -> list[tuple[str, list[str]]]:
    """(held-out set, sets to tune on): each set against the others, or one fixed split."""
    if tune_on:
        return [(held, tune_on) for held in sets if held not in tune_on]
    return [(held, [s for s in sets if s != held]) for held in sets]


def choose(results: Results, candidates: list[str], tune_on: list[str]) -> str:
    """The candidate with the best mean primary F1 over the tuning sets (each set alike)."""

    def mean_f1(tool: str) -> float:
        if not tune_on:
            return 0
        return statistics.mean(primary_f1(results.select(tool, s)) for s in tune_on)

    return max(candidates, key=mean_f1)


def fold_table(
    results: Results, tools: list[str], sets: list[str], tune_on: list[str] | None
) -> list[str]:
    candidates = _candidates(tools)
    if not candidates:
        return []
    peers = [t for t in tools if t not in candidates]
    head = "| held out | tuned on | quotidien candidate | F1 | exact | "
    head += " | ".join(f"{p} F1 | {p} exact" for p in peers)
    head += " | Δ F1 vs trafilatura |" if "trafilatura" in peers else " |"
    width = 5 + 2 * len(peers) + ("trafilatura" in peers)
    lines = [
        "Whatever quotidien tunes or learns is chosen on the other sets (`tuned on`) and",
        "reported on the held-out one. One run scores every tool on every page; for each fold",
        "the candidate with the best mean F1 over its tuning sets is chosen (candidates in",
        f"this run: {', '.join(candidates)}). While nothing in quotidien is tuned or learned",
        "there is one candidate and a fold's figure is the held-out set's own score. A tuned",
        "threshold joins as `quotidien:NAME` in `TOOLS`; a learned model is trained on each",
        "fold's tuning sets alone and scored on the held-out set.",
        "",
        head,
        "| --- | --- | --- |" + " ---: |" * (width - 3),
    ]
    for held, tune in folds(sets, tune_on):
        chosen = choose(results, candidates, tune)
        row = [held, ", ".join(tune), chosen]
        f1 = {}
        for tool in [chosen, *peers]:
            scores = results.select(tool, held)
            summary = summarise((s.primary for s in scores), (s.exact for s in scores))
            f1[tool] = summary["f1"]
            row += [_f(summary["f1"]), _f(summary["accuracy"])]
        if "trafilatura" in peers:
            row.append(f"{f1[chosen] - f1['trafilatura']:+.3f}")
        lines.append("| " + " | ".join(row) + " |")
    return lines


def speed_table(results: Results, tools: list[str], sets: list[str]) -> list[str]:
    lines = [
        "| tool | " + " | ".join(f"{s} pages/s" for s in sets) + " | all pages/s | × trafilatura |",
        "| --- |" + " ---: |" * (len(sets) + 2),
    ]
    total = {t: sum(results.seconds[t, s] for s in sets) for t in tools}
    pages = sum(results.pages[s] for s in sets)
    for tool in tools:
        cells = []
        for dataset in sets:
            took = results.seconds[tool, dataset]
            cells.append(f"{results.pages[dataset] / took:.1f}" if took else "-")
        cells.append(f"{pages / total[tool]:.1f}" if total[tool] else "-")
        base = total.get("trafilatura")
        cells.append(f"{base / total[tool]:.2f}" if base and total[tool] else "-")
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return lines


def report(
    results: Results,
    tools: list[str],
    sets: list[str],
    tune_on: list[str] | None,
    markdown: bool = False,
) -> str:
    sections = [
        ("Body (primary F1 in bold: title + body where the reference holds the headline)",
         body_table(results, tools, sets)),
        ("Body per language (primary F1)", language_table(results, tools, sets)),
        ("Comments and related content (share of the gold text's tokens, pooled; pages)",
         parts_table(results, tools, sets)),
        ("Metadata (rate; pages with the gold value)", metadata_table(results, tools, sets)),
        ("Leave-one-set-out (primary F1 and exact on the held-out set)",
         fold_table(results, tools, sets, tune_on)),
        ("Speed (one process, same run; seconds inside each tool's call)",
         speed_table(results, tools, sets)),
    ]  # fmt: skip
    lines: list[str] = []
    if markdown:
        counts = ", ".join(f"{s} {results.pages[s]}" for s in sets)
        lines += [
            f"## HTML extraction on the development sets ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
            "",
            "    " + shlex.join([".venv/bin/python", *sys.argv]),
            "",
            f"Pages: {counts}. Wall time {results.wall / 60:.1f} min (tools and scoring).",
            "How each figure is computed: `bench/extraction.py`'s docstring.",
            "",
        ]
    for title, table in sections:
        if table:
            lines += [f"### {title}", "", *table, ""]
    return "\n".join(lines).rstrip() + "\n"


def memory(sets: list[str], limit: int | None, passes: int = 3) -> str:
    lines = ["| pass | seconds in quotidien | peak RSS (MB) |", "| --- | ---: | ---: |"]
    for number in range(1, passes + 1):
        took = 0.0
        for page in corpus(sets, limit):
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                run_quotidien(page.html)
            took += time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"| {number} | {took:.1f} | {peak:.0f} |")
    return "\n".join(lines)


def _names(value: str, known: list[str], what: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(devsets.LOADERS), help="comma-separated")
    parser.add_argument(
        "--limit", type=int, default=None, help="N pages of each set, spread evenly over it"
    )
    parser.add_argument("--tools", default=DEFAULT_TOOLS, help=f"of: {', '.join(TOOLS)}")
    parser.add_argument(
        "--tune-on",
        default=None,
        help="sets quotidien's candidates are chosen on (default: each set's three others)",
    )
    parser.add_argument("--memory", action="store_true", help="quotidien alone, 3 passes")
    parser.add_argument(
        "--markdown", action="store_true", help="a dated section for bench/RESULTS.md"
    )
    args = parser.parse_args()
    sets = _names(args.sets, list(devsets.LOADERS), "set")
    tune_on = _names(args.tune_on, sets, "set to tune on") if args.tune_on else None
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    if args.memory:
        print(memory(sets, args.limit))
        return
    tools = _names(args.tools, list(TOOLS), "tool")
    missing = [t for t in tools if t in MODULES and not importlib.util.find_spec(MODULES[t])]
    if missing:
        raise SystemExit(f"not installed: {', '.join(missing)} (pip install -e '.[bench]')")
    with contextlib.redirect_stderr(io.StringIO()):
        results = run(tools, sets, args.limit)
    print(report(results, tools, sets, tune_on, markdown=args.markdown))


if __name__ == "__main__":
    main()
