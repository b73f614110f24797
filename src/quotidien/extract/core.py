"""Where a page becomes an article: decode, sniff, dispatch to the HTML or text extractor."""

from __future__ import annotations

import re
from collections.abc import Callable

from quotidien.errors import InputError, NoArticleError
from quotidien.extract import encoding
from quotidien.extract.language import detect
from quotidien.model import Article, Page, PageKind, Source
from quotidien.settings import DEFAULT, Settings

_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<article[\s>]",
    re.IGNORECASE,
)


def sniff_kind(text: str) -> PageKind:
    """HTML when the start of the text holds HTML markup, else flattened text."""
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"


def page_text(page: Page) -> tuple[str, Source, str | None]:
    """The page as text, its source with the encoding filled in, and a charset warning."""
    data = page.data
    if isinstance(data, str):
        return data, page.source, None
    name = page.source.name()
    if not data.strip():
        raise InputError(name, "empty input")
    what = encoding.binary_kind(data)
    if what:
        raise InputError(name, f"not a web page: looks like {what}")
    text, used, warning = encoding.decode(data, page.source.encoding)
    return text, page.source.model_copy(update={"encoding": used}), warning


def extract_page(page: Page, settings: Settings = DEFAULT, kind: PageKind | None = None) -> Article:
    """Turn one page into an article record.

    Raises `InputError` (naming the page) when the input is no page at all, and
    `NoArticleError` when it is a page with neither title nor body text; every other
    shortcoming is a warning on the record.
    """
    text, source, charset_warning = page_text(page)
    name = source.name()
    if not text.strip():
        raise InputError(name, "empty input")
    cut = len(text) > settings.max_page_bytes or page.truncated
    if len(text) > settings.max_page_bytes:
        text = text[: settings.max_page_bytes]
    kind = kind or sniff_kind(text)
    source = source.model_copy(update={"kind": kind})
    article = _extractor(kind)(text, source, settings)
    if cut:
        limit = settings.max_page_bytes
        article.warn("page-truncated", f"page cut at the size limit ({limit} bytes or characters)")
    if charset_warning:
        article.warn("charset", charset_warning)
    if not article.language:
        article.language = detect(article.body_text() or article.title or "")
    if not article.blocks and not article.title:
        raise NoArticleError(name, "no article text found in the page")
    if not article.blocks:
        article.warn("no-body", "no body text found")
    return article


def _extractor(kind: PageKind) -> Callable[[str, Source, Settings], Article]:
    # Imported here so that reading text pages never pays for the HTML stack, and back.
    if kind == "html":
        from quotidien.extract.html import extract_html

        return extract_html
    from quotidien.extract.text import extract_text

    return extract_text
