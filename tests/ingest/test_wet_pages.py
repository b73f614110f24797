"""WET conversion records (pages Common Crawl already flattened to text, navigation and all)
are read as text pages and give the article the HTML page gives (issue 22, point 10)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lxml import html

from conftest import EXAMPLES
from quotidien.corpus import Corpus
from quotidien.model import Article

BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "header", "footer", "nav", "article", "section",
          "aside", "figcaption", "blockquote", "title", "ul", "ol", "time", "address"}  # fmt: skip


def flattened(page: bytes) -> str:
    """The page as Common Crawl's WET conversion gives it: each block's text on a line."""
    tree = html.fromstring(page)
    for gone in tree.xpath("//script | //style | //noscript"):
        gone.drop_tree()
    lines: list[str] = []
    words: list[str] = []

    def flush() -> None:
        if text := " ".join("".join(words).split()):
            lines.append(text)
        words.clear()

    def walk(element: html.HtmlElement) -> None:
        block = isinstance(element.tag, str) and element.tag in BLOCKS
        if block:
            flush()
        words.append(element.text or "")
        for child in element:
            walk(child)
            words.append(child.tail or "")
        if block:
            flush()

    walk(tree)
    flush()
    return "\n".join(lines)


def conversion(url: str, text: str) -> bytes:
    body = text.encode()
    head = (f"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-03-07T10:00:00Z\r\nContent-Type: text/plain\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")  # fmt: skip
    return head.encode() + body + b"\r\n\r\n"


def wet_articles(tmp_path: Path, pages: list[Path], wrap: int | None) -> list[Article]:
    records = b""
    for n, page in enumerate(pages):
        text = flattened(page.read_bytes())
        if wrap:
            text = "\n".join(textwrap.fill(line, wrap) for line in text.splitlines())
        records += conversion(f"https://example.org/{n}.html", text)
    (tmp_path / "crawl.warc.wet").write_bytes(records)
    with Corpus(tmp_path / "wet.db") as corpus:
        report = corpus.ingest([str(tmp_path / "crawl.warc.wet")], nlp=False, workers=1)
        assert (report.added, report.failed) == (len(pages), 0)
        return [stored.article for stored in corpus.articles()]


@pytest.fixture
def html_articles(tmp_path: Path) -> dict[str, Article]:
    with Corpus(tmp_path / "html.db") as corpus:
        corpus.ingest([str(p) for p in sorted(EXAMPLES.glob("*.html"))], nlp=False, workers=1)
        return {stored.article.title or "": stored.article for stored in corpus.articles()}


def test_wet_records_give_the_article_the_html_gives(
    tmp_path: Path, html_articles: dict[str, Article]
) -> None:
    found = wet_articles(tmp_path, sorted(EXAMPLES.glob("*.html")), None)
    for article in found:
        expected = html_articles[article.title or ""]
        assert [b.text for b in article.blocks] == [b.text for b in expected.blocks]
        assert article.lead == expected.lead


def test_hard_wrapped_records_keep_every_paragraph(
    tmp_path: Path, html_articles: dict[str, Article]
) -> None:
    """Wrapped at 78 columns with no blank line between paragraphs: every paragraph of the
    article is found (a subheading may be lost, and a headline that wraps into the line
    under it is not told apart: see bench/RESULTS.md, hard-wrapped text pages)."""
    found = wet_articles(tmp_path, sorted(EXAMPLES.glob("*.html")), 78)
    for expected in html_articles.values():
        paragraphs = [b.text for b in expected.blocks if b.text.rstrip().endswith((".", '"', "»"))]
        assert any(all(p in " ".join(a.body_text().split()) for p in paragraphs) for a in found), (
            expected.title
        )
