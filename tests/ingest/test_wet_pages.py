"""WET conversion records (pages Common Crawl already flattened to text, navigation and all)
are read as text pages and give the article the HTML page gives (issue 22, point 10)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lxml import html

from conftest import EXAMPLES
from quotidien.corpus import Corpus

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


@pytest.mark.parametrize("wrap", [None, 78], ids=["lines", "hard-wrapped"])
def test_flattened_pages_give_the_article_the_html_gives(tmp_path: Path, wrap: int | None) -> None:
    pages = sorted(EXAMPLES.glob("*.html"))
    with Corpus(tmp_path / "html.db") as corpus:
        corpus.ingest([str(p) for p in pages], nlp=False, workers=1)
        bodies = {stored.article.title: stored.article.body_text() for stored in corpus.articles()}
    records = b""
    for n, page in enumerate(pages):
        text = flattened(page.read_bytes())
        if wrap:
            text = "\n".join(textwrap.fill(line, wrap) for line in text.splitlines())
        records += conversion(f"https://example.org/{n}.html", text)
    (tmp_path / "crawl.warc.wet").write_bytes(records)
    with Corpus(tmp_path / "wet.db") as corpus:
        report = corpus.ingest([str(tmp_path / "crawl.warc.wet")], nlp=False, workers=1)
        found = [stored.article for stored in corpus.articles()]
    assert (report.added, report.failed) == (len(pages), 0)
    for article in found:
        words = " ".join(article.body_text().split())
        expected = [" ".join(body.split()) for body in bodies.values()]
        # every paragraph of the HTML article is in the text one (lines joined again)
        assert any(all(p[:60] in words for p in body.split(". ")[:5]) for body in expected), (
            article.title,
            words[:300],
        )
