"""The publication time of an HTML page, settled from every reader's evidence.

Several readers give a date: the page's structured data (JSON-LD, meta tags, microdata:
`metadata.py`), a `<time datetime>` left in the article once furniture, comments and teasers
are cut, a date in a byline or in a short line under the headline, a date in the URL's
path, and htmldate's extensive search over the untouched page (which weighs the same markup
and much more, in its own order). Each piece of evidence votes for its calendar day with a
weight for how far a page's statement of that kind is to be trusted; the day with the most
weight wins (ties: the one more readers agree on, then the one whose strongest piece is
stronger, then the one with a time of day, then the earlier), and its most precise piece
(a time of day, a zone) is the timestamp. So a disagreement is settled by strength and
agreement, not by which reader ran first: a URL and htmldate agreeing on the 7th outvote a
meta tag alone on the 8th.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.html_page import HtmlPage, clean_text, date_in, parse_page_date
from quotidien.model import Timestamp

#: How much each kind of evidence weighs.
WEIGHTS = {
    "structured": 3,  # the publisher's own machine-readable statement
    "url": 3,  # the permalink's date path, written when the article was published
    "time": 2,  # a <time datetime> inside the article
    "byline": 2,  # a date written beside the author's name
    "dateline": 2,  # a date in a short line under the headline ("Publié le …")
    "htmldate": 1,  # a heuristic that reads all of the above and more: a tie-breaker
}
#: A date in a URL's path: /2023/11/08/, /2023-11-08-, /20231108/.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?P<sep>[/\-_]?)(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"
)
_TIME_OF_DAY = re.compile(r"\d[:h]\d\d|T\d\d")
#: Short lines after the headline read for a dateline, and how short.
DATELINE_LINES = 8
DATELINE_CHARS = 160
_AFTER_HEADLINE = etree.XPath(
    "(//h1)[1]/following::*[self::p or self::div or self::span or self::time or self::li"
    " or self::small or self::address][normalize-space()][position() <= $lines]"
)
#: A <time> inside a link or a list item dates a teaser, not the article.
_IN_TEASER = etree.XPath("ancestor::a | ancestor::li")


def htmldate_evidence(page: HtmlPage, untouched: lxml.html.HtmlElement) -> Timestamp | None:
    """htmldate's extensive search for the original publication date, on the page as
    parsed (`untouched`: before any cut; htmldate prunes a copy of its own)."""
    from htmldate import find_date as htmldate_find

    try:
        found = htmldate_find(
            untouched,
            extensive_search=True,
            original_date=True,
            url=page.source.url or page.meta.canonical_url,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # htmldate's own failures on odd markup: no evidence from it
        return None
    return parse_page_date(page, found, None) if found else None


def evidence(page: HtmlPage, bylines: list[etree._Element]) -> Iterator[Evidence]:
    """What each reader but htmldate says of the publication time. The page's tree has
    had its furniture, comments and teasers cut, and `bylines` are its byline elements."""
    reference = page.source.retrieved
    if found := parse_page_date(page, page.meta.published, reference):
        yield Evidence(found, "structured")
    for element in xpaths.TIMES(page.tree):
        if not _IN_TEASER(element) and (
            found := parse_page_date(page, element.get("datetime"), reference)
        ):
            yield Evidence(found, "time")
            break
    if found := _first_in(page, bylines):
        yield Evidence(found, "byline")
    after = _AFTER_HEADLINE(page.tree, lines=DATELINE_LINES)
    if found := _first_in(page, after if isinstance(after, list) else []):
        yield Evidence(found, "dateline")
    url = page.source.url or page.meta.canonical_url
    if (day := url_day(url)) and (found := parse_page_date(page, day, None)):
        yield Evidence(found, "url")


def _first_in(page: HtmlPage, elements: list[Any]) -> Timestamp | None:
    """The first date in the short text of `elements`."""
    for element in elements:
        text = clean_text(element.text_content())
        if text and len(text) <= DATELINE_CHARS and (found := date_in(page, text)):
            return found
    return None


@dataclass(frozen=True)
class Evidence:
    timestamp: Timestamp
    kind: str  # a key of WEIGHTS

    @property
    def weight(self) -> int:
        return WEIGHTS[self.kind]

    @property
    def day(self) -> date:
        return self.timestamp.value.date()  # the day as the page wrote it, in its zone

    @property
    def precise(self) -> bool:
        """Whether it gives a time of day, not a bare date."""
        return bool(_TIME_OF_DAY.search(self.timestamp.raw or ""))


def settle(
    evidence: list[Evidence], htmldate: Callable[[], Timestamp | None] = lambda: None
) -> Timestamp | None:
    """The timestamp the evidence supports best (None without evidence). `htmldate` is
    asked for its vote only when that vote could change the outcome: when there is no other
    evidence, or when the two best days are within its weight. Its extensive search is the
    costliest reader by far, and its vote can never give the time of a day that has another
    piece of evidence, so otherwise the outcome is the same without it."""
    if _could_turn(evidence, WEIGHTS["htmldate"]) and (found := htmldate()) is not None:
        evidence = [*evidence, Evidence(found, "htmldate")]
    by_day: dict[date, list[Evidence]] = {}
    for piece in evidence:
        by_day.setdefault(piece.day, []).append(piece)
    if not by_day:
        return None
    day = max(by_day, key=lambda d: _support(by_day[d], d))
    best = max(by_day[day], key=lambda p: (p.precise, p.weight))
    return best.timestamp


def _could_turn(evidence: list[Evidence], weight: int) -> bool:
    """Whether one more vote of `weight` could change which day wins."""
    totals: dict[date, int] = {}
    for piece in evidence:
        totals[piece.day] = totals.get(piece.day, 0) + piece.weight
    first, second = [*sorted(totals.values(), reverse=True), 0, 0][:2]
    return not totals or first - second <= weight


def _support(pieces: list[Evidence], day: date) -> tuple[int, int, int, bool, int]:
    """How well `pieces` support `day`: their weight, how many readers agree, their
    strongest piece, whether one gives a time of day, and, all else equal, the earlier day
    (the original publication)."""
    return (
        sum(p.weight for p in pieces),
        len(pieces),
        max(p.weight for p in pieces),
        any(p.precise for p in pieces),
        -day.toordinal(),
    )


def url_day(url: str | None) -> str | None:
    """The ISO day a URL's path gives ("2023-11-08"), if any."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = _URL_DATE.search(path)
    if match is None:
        return None
    return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
