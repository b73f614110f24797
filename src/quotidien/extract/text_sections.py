"""The sections of a flattened page around the article: reader comments and teasers.

A section opens at a comments or teasers heading ("3 commentaires", "A lire aussi",
"More on this story") and runs to the next heading. Its items are split at list bullets
when the renderer kept them, else at paragraph gaps (teasers) or at the date line that
heads each comment.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from quotidien.extract.dates import SEPARATORS, without_dates
from quotidien.extract.segment import Line, first_match
from quotidien.model import Article, Comment, Image, Teaser

if TYPE_CHECKING:
    from quotidien.extract.text import Context

_HEADINGS = frozenset({"comments_heading", "teasers_heading", "end_heading"})
_SKIP = frozenset({"furniture", "junk", "trailer"})


def parse_sections(article: Article, lines: list[Line], top: int, end: int, ctx: Context) -> None:
    """Fill `article.comments` and `article.teasers` from the sections outside the article."""
    for heading, items in _sections(lines, top, end):
        if heading.kind == "comments_heading":
            if article.comments.declared_count is None and heading.count is not None:
                article.comments.declared_count = heading.count
            reference = article.published.value if article.published else None
            article.comments.items.extend(_comments(items, ctx, reference))
        elif heading.kind == "teasers_heading":
            article.teasers.extend(_teasers(items, ctx))


def _sections(lines: list[Line], top: int, end: int) -> list[tuple[Line, list[Line]]]:
    out: list[tuple[Line, list[Line]]] = []
    current: tuple[Line, list[Line]] | None = None
    for line in lines:
        inside = top <= line.index <= end
        if line.kind in _HEADINGS and not inside:
            current = (line, [])
            out.append(current)
        elif inside:
            current = None
        elif current is not None:
            current[1].append(line)
    return out


def _items(lines: list[Line], starts_item: str) -> list[list[Line]]:
    """Items split at bullets when there are any, else at `starts_item` ("gap"/"date")."""
    bullets = any(line.bullet for line in lines)
    items: list[list[Line]] = []
    for line in lines:
        if line.kind in _SKIP:
            continue
        new = (
            line.bullet
            if bullets
            else (
                line.gap
                if starts_item == "gap"
                else line.kind == "dateline" or line.extra.get("comment-date") == "1"
            )
        )
        if new or not items:
            items.append([])
        items[-1].append(line)
    return items


# ---------------------------------------------------------------------------------------
# Comments


def _comments(lines: list[Line], ctx: Context, reference: datetime | None) -> list[Comment]:
    # Year-less comment dates ("08 novembre 18:25") take the article's year.
    ref = reference or ctx.reference
    for line in lines:
        if line.weight <= 120 and ctx.find_date(line.text, reference=ref):
            line.extra["comment-date"] = "1"
    items = _items(lines, "date")
    # An author's name shown above the date line opens that comment, not the one before.
    for before, item in pairwise(items):
        if before and _name_like(before[-1]) and not item[0].bullet:
            item.insert(0, before.pop())
    out: list[Comment] = []
    for item in items:
        comment = _comment(item, ctx, ref)
        if comment is not None:
            out.append(comment)
    return out


def _comment(item: list[Line], ctx: Context, ref: datetime | None) -> Comment | None:
    author: str | None = None
    posted = None
    texts: list[str] = []
    for line in item:
        if not texts and line.weight <= 120 and posted is None:
            found = ctx.find_date(line.text, reference=ref)
            if found is not None:
                posted = found.timestamp
                rest = without_dates(line.text, [found]).strip(SEPARATORS)
                rest = _strip_labels(rest)
                if rest and len(rest.split()) <= 6:
                    author = author or rest
                continue
        if not texts and author is None and _name_like(line):
            author = line.text.strip(SEPARATORS)
            continue
        texts.append(line.text)
    if not texts:
        return None
    return Comment(author=author, posted=posted, text="\n".join(texts))


def _strip_labels(text: str) -> str:
    # "Jean D. le", "posted by jdoe on": drop short connectors left around the date.
    words = text.split()
    while words and len(words[-1]) <= 3 and words[-1].islower():
        words.pop()
    return " ".join(words).strip(SEPARATORS)


def _name_like(line: Line) -> bool:
    return line.kind == "short" and not line.sentence and line.words <= 5 and line.weight <= 50


# ---------------------------------------------------------------------------------------
# Teasers


def _teasers(lines: list[Line], ctx: Context) -> list[Teaser]:
    bullets = any(line.bullet for line in lines)
    if not bullets and lines and all(line.kind == "short" for line in lines):
        # A plain list of headlines, one per line.
        return [Teaser(title=line.text) for line in lines]
    out: list[Teaser] = []
    for item in _items(lines, "gap"):
        teaser = _teaser(item, ctx)
        if teaser is not None:
            out.append(teaser)
    return out


def _teaser(item: list[Line], ctx: Context) -> Teaser | None:
    teaser = Teaser()
    texts: list[str] = []
    for line in item:
        if line.kind == "caption" and teaser.image is None:
            teaser.image = Image(caption=line.caption, credit=line.credit)
            continue
        if line.kind in ("dateline", "provider", "byline") or (
            line.weight <= 160 and ctx.find_date(line.text) is not None and not line.sentence
        ):
            _teaser_header(teaser, line, ctx)
            continue
        text = _without_read_more(line.text, ctx)
        if not text:
            continue
        if line.kind == "prose" or texts:
            texts.append(text)
        elif teaser.title is None:
            teaser.title = text
        else:
            texts.append(text)
    if texts:
        teaser.text = " ".join(texts)
    if teaser.title is None and teaser.text is None:
        return None
    return teaser


def _teaser_header(teaser: Teaser, line: Line, ctx: Context) -> None:
    found = ctx.find_date(line.text)
    rest = line.text
    if found is not None:
        teaser.published = teaser.published or found.timestamp
        rest = line.text[: found.start] + " " + line.text[found.end :]
    rest = rest.strip(SEPARATORS)
    provider = first_match(ctx.words.provider_patterns, rest)
    if provider and teaser.provider is None:
        teaser.provider = provider.group("provider").strip(SEPARATORS)


def _without_read_more(text: str, ctx: Context) -> str:
    for pattern in ctx.words.read_more:
        text = pattern.sub("", text)
    return text.strip()
