"""The web page's HTML, read without a browser: every page answers, escapes what it shows,
keeps its query in the address, and fails as a page (not JSON) with the right status."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from conftest import EXAMPLES, XSS_TITLE
from quotidien.api.marks import marked_parts
from quotidien.api.web import safe_link, week_chart
from quotidien.model import Article, Block, Quote, Span

HTML = {"Accept": "text/html"}


def test_home_lists_people_and_latest_quotes(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "Latest quotations" in page.text
    assert 'href="/speakers/' in page.text


def test_search_page_keeps_the_query_in_the_address(client: TestClient) -> None:
    page = client.get("/", params={"q": "budget", "site": "ouest-local.fr"})
    assert page.status_code == 200
    assert 'value="budget"' in page.text
    assert "<mark>" in page.text
    next_link = re.search(r'rel="next" href="([^"]+)"', page.text)
    assert next_link is not None
    assert "site=ouest-local.fr" in next_link.group(1)
    assert "cursor=" in next_link.group(1)
    assert client.get(next_link.group(1).replace("&amp;", "&")).status_code == 200


def test_hostile_text_is_escaped(client: TestClient) -> None:
    page = client.get("/", params={"q": "danger"})
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page.text
    article = re.search(r'href="/articles/([0-9a-f]+)">&lt;script', page.text)
    assert article is not None
    shown = client.get(f"/articles/{article.group(1)}").text
    assert "<script>alert" not in shown
    assert "<img src=x" not in shown
    assert "javascript:" not in shown
    query = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in query


def test_article_page_marks_quotes_and_names_speakers(client: TestClient) -> None:
    hit = client.get("/api/v1/articles", params={"q": "Maria Lopez"}).json()["items"][0]
    page = client.get(f"/articles/{hit['id']}").text
    assert page.count('<mark class="q q-') >= 3
    assert "Maria Lopez · direct" in page
    assert 'id="q0"' in page
    assert f'href="/speakers/{quote("Maria Lopez", safe="")}"' in page


def test_speaker_and_quotes_pages(client: TestClient) -> None:
    page = client.get("/speakers/Maria%20Lopez")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "format=parquet" in page.text
    quotes = client.get("/quotes", params={"speaker": "Lopez", "kind": "direct"})
    assert quotes.status_code == 200
    assert "This fire is moving" in quotes.text


def test_errors_are_pages_for_people(client: TestClient) -> None:
    missing = client.get("/articles/ffffffffffff", headers=HTML)
    assert missing.status_code == 404
    assert "<h1>Not found</h1>" in missing.text
    unknown = client.get("/speakers/Nobody%20Here", headers=HTML)
    assert unknown.status_code == 404
    bad = client.get("/", params={"q": "budget", "since": "soon"}, headers=HTML)
    assert bad.status_code == 422
    assert "since" in bad.text


def test_paste_form_shows_the_record(client: TestClient) -> None:
    assert client.get("/extract").status_code == 200
    text = (EXAMPLES / "wildfire-ap-en.txt").read_text(encoding="utf-8")
    page = client.post("/extract", data={"page": text, "nlp": "on"})
    assert page.status_code == 200
    assert '<mark class="q q-' in page.text
    upload = client.post(
        "/extract", files={"file": ("x.html", (EXAMPLES / "greve-sncf-fr.html").read_bytes())}
    )
    assert upload.status_code == 200
    assert "SNCF" in upload.text
    empty = client.post("/extract", data={"page": "  "}, headers=HTML)
    assert empty.status_code == 400


def test_marks_cut_parts_at_every_span_edge() -> None:
    article = Article(title="T", blocks=[Block(text="« Non », dit Paul. Fin.")])
    text = article.text()
    c = text.index("Non")
    cue, who = text.index("dit"), text.index("Paul")
    article.quotes = [Quote(
        kind="direct", content=Span(start=c, end=c + 3, text="Non"),
        cue=Span(start=cue, end=cue + 3, text="dit"),
        speaker=Span(start=who, end=who + 4, text="Paul"), speaker_name="Paul",
    )]  # fmt: skip
    title, body = marked_parts(article)
    assert [p.text for p in title.pieces] == ["T"]
    assert "".join(p.text for p in body.pieces) == article.blocks[0].text
    roles = {p.text: (p.content, p.cue, p.speaker) for p in body.pieces}
    assert roles["Non"] == (0, None, None)
    assert roles["dit"] == (None, 0, None)
    assert roles["Paul"] == (None, None, 0)
    assert [p.ends for p in body.pieces if p.ends] == [[0]]


def test_week_chart_fills_empty_weeks() -> None:
    chart = week_chart([("2024-01-01", 2), ("2024-01-22", 4)], fewest=1)
    assert [bar["count"] for bar in chart["bars"]] == [2, 0, 0, 4]
    assert chart["bars"][3]["height"] == 160
    assert len(week_chart([("2024-01-01", 1)])["bars"]) == 26


def test_only_web_links_are_links() -> None:
    assert safe_link("https://example.org/a") == "https://example.org/a"
    assert safe_link(" JavaScript:alert(1)") == "#"
    assert safe_link("data:text/html,x") == "#"
    assert safe_link(None) == "#"


def test_the_title_is_shown_whole(client: TestClient) -> None:
    page = client.get("/", params={"q": "danger"}).text
    assert XSS_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") in page


def test_odd_parameters_do_not_break_pages(client: TestClient) -> None:
    for path, params in [
        ("/quotes", {"path": "x", "format": "y"}),
        ("/", {"q": "budget", "what": "x", "path": "y"}),
        ("/", {"q": "   "}),
        ("/quotes", {"kind": "shouted"}),
    ]:
        page = client.get(path, params=params, headers=HTML)
        assert page.status_code == 200, (path, params, page.text[:300])
