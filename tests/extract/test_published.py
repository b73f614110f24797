"""The publication time settled from every reader's evidence (extract/published.py), and
on whole pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import quotidien
from quotidien.extract.published import Evidence, settle, url_day
from quotidien.model import Timestamp


def stamp(text: str, raw: str | None = None) -> Timestamp:
    value = datetime.fromisoformat(text)
    return Timestamp(value=value if value.tzinfo else value.replace(tzinfo=UTC), raw=raw or text)


def test_the_day_with_most_weight_wins_whoever_read_it_first() -> None:
    meta = Evidence(stamp("2023-11-08T09:00:00+01:00"), "structured")
    url = Evidence(stamp("2023-11-07"), "url")
    htmldate = Evidence(stamp("2023-11-07"), "htmldate")
    assert settle([meta, url, htmldate]) == url.timestamp  # 3 + 1 against 3
    assert settle([meta, url]) == meta.timestamp  # a tie: the day of the stronger piece...
    assert settle([url, meta]) == meta.timestamp  # ...in either order (then the precise one)
    assert settle([meta, htmldate]) == meta.timestamp
    assert settle([]) is None


def test_two_readers_agreeing_outvote_one_of_the_same_weight() -> None:
    """A JSON-LD date of the next day in UTC (the page's evening) against the page's own
    <time> and htmldate on the day it shows (seen on a wiki page)."""
    stated = Evidence(stamp("2017-02-24T01:18:13+00:00"), "structured")
    shown = Evidence(stamp("2017-02-23T17:18:13+00:00"), "time")
    htmldate = Evidence(stamp("2017-02-23"), "htmldate")
    assert settle([stated, shown, htmldate]) == shown.timestamp


def test_htmldate_is_asked_only_when_its_vote_could_change_the_day() -> None:
    asked: list[str] = []

    def htmldate() -> Timestamp:
        asked.append("asked")
        return stamp("2023-11-07")

    meta = Evidence(stamp("2023-11-08T09:00:00+01:00"), "structured")
    url = Evidence(stamp("2023-11-07"), "url")
    time = Evidence(stamp("2023-11-08T09:00:00+01:00"), "time")
    assert settle([meta], htmldate) == meta.timestamp  # 3 against nothing: not asked
    assert settle([meta, time, url], htmldate) == meta.timestamp  # 5 against 3: not asked
    assert asked == []
    assert settle([meta, url], htmldate) == url.timestamp  # 3 against 3: its vote decides
    assert settle([], htmldate) == stamp("2023-11-07")  # the only evidence
    assert asked == ["asked", "asked"]
    assert settle([], lambda: None) is None


def test_on_the_winning_day_the_precise_piece_gives_the_time() -> None:
    bare = Evidence(stamp("2023-11-08"), "url")
    timed = Evidence(stamp("2023-11-08T15:35:00+01:00", "08/11/2023 à 15:35"), "byline")
    assert settle([bare, timed]) == timed.timestamp


def test_the_day_is_the_pages_own_not_utcs() -> None:
    late = Timestamp(value=datetime(2023, 11, 8, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
    assert Evidence(late, "structured").day.isoformat() == "2023-11-08"


def test_url_days() -> None:
    assert url_day("https://x.fr/politique/2023/11/08/poutine-chine_1.html") == "2023-11-08"
    assert url_day("https://x.com/news/2012-1-5-storm") == "2012-01-05"
    assert url_day("https://x.com/a/20231108/story") == "2023-11-08"
    assert url_day("https://x.com/2023/11/story?d=/2022/01/01/") is None  # no day; query
    assert url_day("https://x.com/item/123456789") is None
    assert url_day("https://x.com/2023/13/40/x") is None
    assert url_day(None) is None


PAGE = """<html><head><title>Storm closes the coast road</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/weather">Weather</a></nav>
<article><h1>Storm closes the coast road</h1>
<p class="byline">By Dana Reyes</p>
<p>Posted on Tuesday, November 7, 2023 at 6:25 pm</p>
<p>The coast road between Millport and Gray Harbor was closed on Tuesday evening after
waves washed gravel and driftwood across both lanes, the county said.</p>
<p>Crews expect to reopen one lane by Thursday, a county engineer said, once the
retaining wall below the bend has been inspected.</p>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Bridge repairs to start
<time datetime="2021-03-02">March 2, 2021</time></a></li></ul></aside>
</article></body></html>"""


def test_a_date_only_in_the_visible_text_is_found() -> None:
    article = quotidien.extract(PAGE.format(meta="").encode(), kind="html")
    assert article.published is not None
    assert article.published.value.date().isoformat() == "2023-11-07"
    assert not [w for w in article.warnings if w.code == "no-date"]


def test_structured_data_outweighs_a_lone_heuristic_and_a_url_outweighs_with_it() -> None:
    meta = '<meta property="article:published_time" content="2023-11-08T09:00:00+01:00">'
    page = PAGE.format(meta=meta).encode()
    alone = quotidien.extract(page, kind="html")
    assert alone.published is not None
    assert alone.published.value.isoformat() == "2023-11-08T09:00:00+01:00"
    url = "https://news.example.com/2023/11/07/storm-coast-road"
    agreeing = quotidien.extract(page, kind="html", url=url)
    assert agreeing.published is not None
    assert agreeing.published.value.date().isoformat() == "2023-11-07"


def test_json_ld_wrapped_in_cdata_is_read() -> None:
    ld = (
        '<script type="application/ld+json"><![CDATA[ [{"@context": "https://schema.org/",'
        ' "@type": "NewsArticle", "headline": "Storm closes the coast road",'
        ' "datePublished": "2020-07-10T14:15:42+00:00"}] ]]></script>'
    )
    article = quotidien.extract(PAGE.format(meta=ld).encode(), kind="html")
    assert article.published is not None
    assert article.published.value.isoformat() == "2020-07-10T14:15:42+00:00"
