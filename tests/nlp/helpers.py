"""Shared helpers for the nlp tests: building articles and checking spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotidien.model import Article, Block, Quote, Span

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
EXAMPLE = SHARED / "examples" / "boursorama-chine-russie.txt"
EXPECTED = SHARED / "examples" / "boursorama-chine-russie.expected.yaml"


def needs_shared() -> None:
    if not EXAMPLE.exists() or not EXPECTED.exists():
        pytest.skip("../shared/examples is absent: the French example page is not available")


def article(text: str, language: str | None) -> Article:
    """An article whose first paragraph is the title, the others body blocks."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    return Article(
        language=language, title=paragraphs[0], blocks=[Block(text=p) for p in paragraphs[1:]]
    )


def assert_spans(record: Article) -> None:
    """Every span of the record indexes `record.text()`."""
    text = record.text()
    spans: list[Span] = [m for e in record.entities for m in e.mentions]
    for quote in record.quotes:
        spans += [s for s in (quote.content, quote.cue, quote.speaker) if s is not None]
    for span in spans:
        assert text[span.start : span.end] == span.text, span


def quote_with(record: Article, fragment: str) -> Quote:
    """The quote whose content contains `fragment`."""
    found = [q for q in record.quotes if fragment in q.content.text]
    assert found, f"no quote contains {fragment!r}: {[q.content.text for q in record.quotes]}"
    return found[0]


def no_quote_with(record: Article, fragment: str) -> None:
    assert not [q for q in record.quotes if fragment in q.content.text], fragment


def mention(quote: Quote) -> str | None:
    """The speaker mention of a quote as written, if any."""
    return quote.speaker.text if quote.speaker is not None else None


def analyzed(text: str, language: str, mode: str) -> Article:
    """The record of `text` through the model ("model") or the rules alone ("rules"),
    its spans checked against its text."""
    from quotidien.nlp.pipeline import analyze
    from quotidien.settings import Settings

    record = analyze(article(text, language), Settings(quote_model=mode == "model"))
    assert_spans(record)
    return record
