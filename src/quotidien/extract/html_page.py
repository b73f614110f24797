"""What the HTML steps share: the page being read and helpers over its tree.

`HtmlPage` carries the tree, the page's metadata and language data, the article's
container and the text of every region cut out so far. Around it: text of an element,
links made absolute, regions cut out of the tree (their text remembered), the comment
and teaser regions found by class/id names or by their headings, furniture lines,
provider lines and dates read as this page's (its language, its assumed zone).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.dates import find_date, parse_date
from quotidien.extract.metadata import PageMeta, agency
from quotidien.extract.zones import assumed_zone
from quotidien.lang import Language
from quotidien.lang.page import PageWords
from quotidien.model import Source, Timestamp
from quotidien.settings import Settings


@dataclass
class HtmlPage:
    """What the steps share: the tree, the page's language data, where the article is."""

    tree: lxml.html.HtmlElement
    source: Source
    settings: Settings
    meta: PageMeta
    language: Language | None
    words: list[PageWords]
    base_url: str | None
    main: etree._Element | None
    #: Text of everything cut out of the working tree (comments, teasers, captions, the
    #: lead), one entry per element: body blocks found in it are dropped.
    cut: list[str] = field(default_factory=list)
    text_size: int | None = None
    #: The body's longest paragraph, spaces taken out (`holds_article`).
    telling: str | None = None


def clean_text(text: str | None) -> str:
    """Runs of whitespace made one space, none at the ends (`str.split`: faster than a
    regular expression, and the same whitespace)."""
    return " ".join(text.split()) if text else ""


def text_of(element: etree._Element) -> str:
    # The parsed page's text nodes are str (never bytes, as the stubs allow).
    return clean_text(" ".join(cast("Iterator[str]", element.itertext())))


def absolute(page: HtmlPage, url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.startswith(("javascript:", "data:", "#", "mailto:")):
        return None
    return joined(page.base_url, url) if page.base_url else url


def joined(base: str, url: str) -> str | None:
    """`url` made absolute against `base`; None when either is not a URL at all (a host
    such as `[::1` with its bracket unclosed): a page's bad link is dropped, not fatal."""
    try:
        return urljoin(base, url)
    except ValueError:
        return None


def contains(outer: etree._Element, inner: etree._Element | None) -> bool:
    """Whether `inner` is `outer` or inside it."""
    while inner is not None:
        if inner is outer:
            return True
        inner = inner.getparent()
    return False


def class_and_id(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def cut_out(page: HtmlPage, element: etree._Element) -> None:
    """Cut a region that is not article text, remembering the text it shows."""
    if text := shown_text_of(element):
        page.cut.append(text)
    remove(element)


def shown_text_of(element: etree._Element) -> str:
    """The text of `element` without its hidden parts (the `hidden` attribute, `display:
    none`), which readability leaves out of the body too: a comment widget's hidden copy
    of the article must not make the article's paragraphs look like cut text."""
    hidden = [e for e in xpaths.MAYBE_HIDDEN(element) if is_hidden(e)]
    if not hidden:
        return text_of(element)
    shown = copy.deepcopy(element)
    for inner in [e for e in xpaths.MAYBE_HIDDEN(shown) if is_hidden(e)]:
        if inner is not shown:
            remove(inner)
    return "" if is_hidden(shown) else text_of(shown)


def is_hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(
        xpaths.HIDDEN_STYLE.search(element.get("style") or "")
    )


def remove(element: etree._Element) -> None:
    """Cut an element out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# --- regions: comment sections and teaser blocks ------------------------------------------


def find_regions(
    page: HtmlPage,
    names: re.Pattern[str],
    headings: Iterable[re.Pattern[str]],
) -> list[etree._Element]:
    """Outermost elements marked by `names` in their class/id, or opened by one of
    `headings`; never the article itself or anything holding it."""
    found: list[etree._Element] = []
    for element in page.tree.iter(*xpaths.REGION_TAGS):
        if (
            names.search(class_and_id(element))
            and not contains(element, page.main)
            and not holds_article(page, element)
        ):
            found.append(element)
    patterns = list(headings)
    if patterns:
        for heading in xpaths.HEADINGS(page.tree):
            text = text_of(heading)
            if len(text) < 80 and any(p.search(text) for p in patterns):
                found.extend(_heading_region(page, heading))
    found.extend(_anchored_regions(page, names))
    return outermost(found)


#: Text that must come before a named anchor in its box for what follows it to be a
#: section after the article rather than the article itself.
ANCHOR_TEXT_BEFORE = 500
MAX_ANCHORS = 3


def _anchored_regions(page: HtmlPage, names: re.Pattern[str]) -> Iterator[etree._Element]:
    """Sections opened by a named anchor (`<a name="comments"></a>`, the jump target of
    older sites), with the article before it in the same box: the anchor and what follows
    it, up to the next heading, made into a box of their own (so that the text between
    its elements goes with them)."""
    anchors = [a for a in xpaths.NAMED_ANCHORS(page.tree) if _names_section(a, names)]
    # A page has one or two; measuring the text before each of thousands would be slow.
    for anchor in anchors[:MAX_ANCHORS]:
        while (parent := anchor.getparent()) is not None and _alone_in(anchor, parent):
            anchor = parent
        if _text_before(anchor) < ANCHOR_TEXT_BEFORE:
            continue
        yield boxed(_stretch(page, anchor))


def _names_section(anchor: etree._Element, names: re.Pattern[str]) -> bool:
    """Whether an empty anchor's name is a section's ("comments"), not an item's permalink
    ("comment-1034545", one before each comment)."""
    name = f"{anchor.get('name') or ''} {anchor.get('id') or ''}".lower()
    return bool(names.search(name)) and not any(c.isdigit() for c in name) and not text_of(anchor)


def _alone_in(element: etree._Element, parent: etree._Element) -> bool:
    return len(parent) == 1 and not clean_text(parent.text) and not clean_text(element.tail)


def _text_before(element: etree._Element) -> int:
    parent = element.getparent()
    before = len(clean_text(parent.text)) if parent is not None else 0
    for sibling in element.itersiblings(preceding=True):
        before += len(text_of(sibling)) + len(clean_text(sibling.tail))
    return before


def boxed(elements: list[etree._Element]) -> etree._Element:
    """Siblings moved into a new `div` where the first was; each takes its tail along."""
    first = elements[0]
    parent = first.getparent()
    assert parent is not None
    box = parent.makeelement("div", {})
    parent.insert(parent.index(first), box)
    for element in elements:
        box.append(element)
    return box


def holds_article(page: HtmlPage, element: etree._Element) -> bool:
    """Whether a region holds the article: then it is no side block. It does when it holds
    most of the page's text, and with it the body's longest paragraph as readability found
    it (a comment section longer than the article is still a comment section)."""
    if page.text_size is None:
        page.text_size = len(text_of(page.tree))
    text = text_of(element)
    if len(text) <= 0.5 * page.text_size:
        return False
    return page.telling is None or page.telling in _unspaced(text)


def _unspaced(text: str) -> str:
    # Blocks and element texts join inline pieces differently ("a<b>b</b>": "ab", "a b").
    return "".join(text.split())


def set_telling(page: HtmlPage, paragraphs: Iterable[str]) -> None:
    """Remember the body's longest paragraph, if one is long enough to be the article's."""
    longest = max(paragraphs, key=len, default="")
    page.telling = _unspaced(longest) if len(longest) >= TELLING_CHARS else None


#: A paragraph shorter than this could be anybody's.
TELLING_CHARS = 80


def _heading_region(page: HtmlPage, heading: etree._Element) -> list[etree._Element]:
    """The section a heading opens: its parent when that is a small box of its own,
    else the heading and its following siblings up to the next heading."""
    parent = heading.getparent()
    if (
        parent is not None
        and parent.tag not in ("body", "html")
        and not contains(parent, page.main)
        and len(parent) < 60
        and not holds_article(page, parent)
    ):
        return [parent]
    return _stretch(page, heading)


def _stretch(page: HtmlPage, start: etree._Element) -> list[etree._Element]:
    """`start` and its following siblings up to the next heading or the article."""
    region = [start]
    for sibling in start.itersiblings():
        if sibling.tag in ("h1", "h2", "h3", "h4") or contains(sibling, page.main):
            break
        region.append(sibling)
    return region


def outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    out = []
    for element in elements:
        parent = element.getparent()
        while parent is not None and parent not in chosen:
            parent = parent.getparent()
        if parent is None and element not in out:
            out.append(element)
    return out


# --- furniture, provider ------------------------------------------------------------------


def is_furniture(page: HtmlPage, text: str) -> bool:
    line = text.strip()
    if len(line) > 200:
        return False
    for words in page.words:
        if (
            line.lower() in words.furniture
            or any(p.search(line) for p in words.furniture_patterns)
            or any(p.fullmatch(line) for p in words.read_more)
        ):
            return True
    return False


def provider_in(page: HtmlPage, text: str) -> str | None:
    for words in page.words:
        for pattern in words.provider_patterns:
            match = pattern.search(text)
            if match:
                return provider_name(page, match.group("provider"))
    match = xpaths.DATELINE.search(text[:300])
    if match and agency(match.group("provider")):
        return agency(match.group("provider"))
    return None


def provider_name(page: HtmlPage, raw: str) -> str | None:
    """ "AFP 08.11.2023 15:35" -> "AFP": the name without the time stamped beside it."""
    found = find_date(raw, language=page.language)
    name = clean_text(raw[: found.start] if found else raw).strip(" -–—,.;:()")
    return agency(name) or name or None


# --- times --------------------------------------------------------------------------------


def page_zone(page: HtmlPage) -> str | None:
    return assumed_zone(page.source.url or page.meta.canonical_url, page.language)


def parse_page_date(
    page: HtmlPage, raw: str | None, reference: datetime | None
) -> Timestamp | None:
    if not raw:
        return None
    return parse_date(raw, language=page.language, reference=reference, zone=page_zone(page))


def date_in(page: HtmlPage, text: str) -> Timestamp | None:
    found = find_date(
        text, language=page.language, reference=page.source.retrieved, zone=page_zone(page)
    )
    return found.timestamp if found else None
