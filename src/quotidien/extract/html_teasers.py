"""Teasers of an HTML page: links to other stories, read into `Article.teasers`.

Related-story blocks ("A lire aussi", "More on this story"), found by their class/id
names or their headings, give one teaser per link (title, text, provider, time and
picture from the smallest box around it); a paragraph of the body that points to another
story ("Lire aussi : …") is an inline teaser. Each is cut out of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.html_comments import comment_time
from quotidien.extract.html_images import read_image
from quotidien.extract.html_page import (
    HtmlPage,
    absolute,
    clean_text,
    contains,
    cut_out,
    date_in,
    find_regions,
    is_furniture,
    provider_in,
    text_of,
)
from quotidien.extract.metadata import agency
from quotidien.model import Teaser


def read_teasers(page: HtmlPage) -> list[Teaser]:
    regions = find_regions(
        page, xpaths.TEASER_NAMES_RE, (p for w in page.words for p in w.teasers_heading)
    )
    teasers: list[Teaser] = []
    for region in regions:
        teasers.extend(_teaser_items(page, region))
    teasers.extend(_inline_teasers(page))
    for region in regions:
        cut_out(page, region)
    return _unique_teasers(teasers)


def _teaser_items(page: HtmlPage, region: etree._Element) -> Iterator[Teaser]:
    for link in region.iter("a"):
        title = text_of(link)
        url = absolute(page, link.get("href"))
        if len(title) < 15 or not url or is_furniture(page, title):
            continue
        item = _teaser_box(link, region)
        yield _teaser(page, item, link, title, url)


def _teaser_box(link: etree._Element, region: etree._Element) -> etree._Element:
    """The smallest box around a teaser link that holds no other teaser link."""
    box = link
    parent = link.getparent()
    while parent is not None and parent is not region:
        links = [
            a
            for a in parent.iter("a")
            if len(text_of(a)) >= 15 and a.get("href") != link.get("href")
        ]
        if links:
            break
        box = parent
        parent = parent.getparent()
    return box


def _teaser(
    page: HtmlPage, box: etree._Element, link: etree._Element, title: str, url: str
) -> Teaser:
    heading = next((e for e in box.iter("h2", "h3", "h4", "h5") if text_of(e)), None)
    if heading is not None:
        title = text_of(heading)
    texts = [_without_read_more(page, text_of(e)) for e in xpaths.TEASER_TEXT(box)]
    text = next((t for t in texts if t and t != title and title not in t), None)
    provider_el = next(iter(xpaths.TEASER_PROVIDER(box)), None)
    provider = text_of(provider_el) if provider_el is not None else None
    if provider and heading is None and contains(link, provider_el):
        title = clean_text(title.replace(provider, " "))
    box_text = text_of(box)
    provider = provider or provider_in(page, box_text)
    provider = agency(provider) or provider
    time_element = next(box.iter("time"), None)
    published = (
        comment_time(page, time_element)
        if time_element is not None
        else date_in(page, box_text.replace(title, " "))
    )
    image = next((read_image(page, img, _image_box(img, box)) for img in box.iter("img")), None)
    return Teaser(
        title=title, text=text, url=url, provider=provider or None, published=published, image=image
    )


def _without_read_more(page: HtmlPage, text: str) -> str:
    """A teaser text without its closing link ("… Lire la suite", "Read more")."""
    for words in page.words:
        for pattern in words.read_more:
            text = pattern.sub("", text)
    return text.strip()


def _image_box(img: etree._Element, box: etree._Element) -> etree._Element:
    """The figure around a teaser's picture, else the picture alone: the teaser's own
    source line is no photo credit."""
    figure = next(iter(xpaths.FIGURE_ANCESTOR(img)), None)
    return figure if figure is not None and contains(box, figure) else img


def _inline_teasers(page: HtmlPage) -> list[Teaser]:
    """Paragraphs in the body that point to another story ("Lire aussi : …"): a short
    box around a single link, its text opened by a teaser phrase."""
    patterns = [p for w in page.words for p in w.inline_teaser_patterns]
    found: list[Teaser] = []
    if not patterns:
        return found
    texts: dict[etree._Element, str] = {}  # links share parents: each box's text read once
    for link in list(page.tree.iter("a")):
        box = _inline_teaser_box(link, patterns, texts)
        if box is None:
            continue
        element, match = box
        title = match.group("title") if "title" in match.re.groupindex else text_of(link)
        found.append(
            Teaser(title=clean_text(title) or text_of(link), url=absolute(page, link.get("href")))
        )
        cut_out(page, element)
        texts.clear()  # the boxes around it have lost its text
    return found


def _inline_teaser_box(
    link: etree._Element,
    patterns: list[re.Pattern[str]],
    texts: dict[etree._Element, str],
) -> tuple[etree._Element, re.Match[str]] | None:
    element = link.getparent()
    for _ in range(2):
        if element is None or element.tag not in xpaths.INLINE_TEASER_TAGS:
            return None
        if element not in texts:
            texts[element] = text_of(element)
        text = texts[element]
        if len(text) > 250:
            return None
        match = next((m for p in patterns if (m := p.match(text))), None)
        if match is not None:
            return (element, match) if len(xpaths.LINKS(element)) == 1 else None
        element = element.getparent()
    return None


def _unique_teasers(teasers: list[Teaser]) -> list[Teaser]:
    seen: set[str] = set()
    out = []
    for teaser in teasers:
        key = teaser.url or teaser.title or ""
        if key in seen:
            continue
        seen.add(key)
        out.append(teaser)
    return out
