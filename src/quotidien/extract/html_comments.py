"""Reader comments of an HTML page: the sections, their items, authors and times.

A comment section is found by its class/id names or opened by a comments heading
("3 commentaires"); its items by their markup (schema.org `Comment`, `comment` classes
and ids), else one per list item or child box. The count the page declares is read from
the metadata, the section's heading or a link to the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.dates import find_date
from quotidien.extract.html_page import (
    HtmlPage,
    boxed,
    class_and_id,
    contains,
    cut_out,
    find_regions,
    is_furniture,
    page_zone,
    parse_page_date,
    text_of,
)
from quotidien.model import Comment, Comments, Timestamp


def read_comments(page: HtmlPage) -> Comments:
    regions = find_regions(
        page, xpaths.COMMENT_NAMES_RE, (p for w in page.words for p in w.comments_heading)
    )
    comments = Comments(declared_count=page.meta.comment_count)
    for region in regions:
        if comments.declared_count is None:
            comments.declared_count = _declared_count(page, region)
        comments.items.extend(_comment_items(page, region))
    if comments.declared_count is None:
        comments.declared_count = _count_in_links(page)
    for region in regions:
        cut_out(page, region)
    return comments


def _declared_count(page: HtmlPage, region: etree._Element) -> int | None:
    for element in region.iter():
        if not isinstance(element.tag, str) or len(element) > 3:
            continue
        count = _count(page, text_of(element))
        if count is not None:
            return count
    return None


def _count_in_links(page: HtmlPage) -> int | None:
    for link in page.tree.iter("a"):
        if "comment" in (link.get("href") or "") or xpaths.COMMENT_NAMES_RE.search(
            class_and_id(link)
        ):
            count = _count(page, text_of(link))
            if count is not None:
                return count
    return None


def _count(page: HtmlPage, text: str) -> int | None:
    if not text or len(text) > 60:
        return None
    for words in page.words:
        for pattern in words.comments_heading:
            match = pattern.search(text)
            if match and "count" in pattern.groupindex and match.group("count"):
                return int(match.group("count"))
    return None


def _comment_items(page: HtmlPage, region: etree._Element) -> Iterator[Comment]:
    items = [e for e in region.iter() if isinstance(e.tag, str) and _is_comment_item(e)]
    if not items:
        yield from _unmarked_comments(page, region)
        return
    for item in items:
        comment = _comment(page, item, items)
        if comment is not None:
            yield comment


def _unmarked_comments(page: HtmlPage, region: etree._Element) -> Iterator[Comment]:
    """Comments in markup that does not name them: one per list item or child box, the
    author in bold at its start, the time read from its text."""
    boxes = [e for e in region.iter("li", "dl") if text_of(e)]
    if not boxes:
        box = region
        while len(box) == 1:
            box = box[0]
        boxes = [c for c in box if isinstance(c.tag, str) and c.tag not in xpaths.HEADING_TAGS]
        if sum(c.tag == "hr" for c in boxes) >= 2:
            boxes = _between_rules(boxes)
    for box in boxes:
        text = text_of(box)
        if len(text) < 15 or is_furniture(page, text):
            continue
        bold = next(iter(xpaths.BOLD(box)), None)
        author = text_of(bold) if bold is not None and len(text_of(bold)) < 60 else None
        if author and text.startswith(author):
            text = text[len(author) :]
        found = find_date(
            text[:80], language=page.language, reference=_reference(page), zone=page_zone(page)
        )
        if found:
            text = text[found.end :] if found.start < 25 else text
        text = text.strip(" -–—,:|")
        if text:
            yield Comment(author=author, posted=found.timestamp if found else None, text=text)


def _between_rules(children: list[etree._Element]) -> list[etree._Element]:
    """Comments written one after another in a box, name in bold, text in loose lines,
    ruled off by `<hr>`: each run between rules made into a box of its own."""
    runs: list[list[etree._Element]] = [[]]
    for child in children:
        if child.tag == "hr":
            runs.append([])
        else:
            runs[-1].append(child)
    return [boxed(run) for run in runs if run]


def _is_comment_item(element: etree._Element) -> bool:
    itemtype = element.get("itemtype") or ""
    if element.get("itemprop") == "comment" or "schema.org/Comment" in itemtype:
        return True
    if element.tag not in ("li", "article", "div", "section"):
        return False
    classes = set((element.get("class") or "").lower().split())
    return bool(classes & xpaths.COMMENT_ITEM_CLASSES) or bool(
        xpaths.COMMENT_ITEM_ID.match(element.get("id") or "")
    )


def _own(element: etree._Element, item: etree._Element, items: list[etree._Element]) -> bool:
    """Whether `element` belongs to `item` rather than to a reply nested inside it."""
    parent: etree._Element | None = element
    while parent is not None and parent is not item:
        if parent in items:
            return False
        parent = parent.getparent()
    return True


def _comment(page: HtmlPage, item: etree._Element, items: list[etree._Element]) -> Comment | None:
    author = next(
        (
            text_of(e)
            for e in xpaths.COMMENT_AUTHOR(item)
            if _own(e, item, items) and 0 < len(text_of(e)) < 60
        ),
        None,
    )
    time_element = next((e for e in xpaths.COMMENT_TIME(item) if _own(e, item, items)), None)
    texts = _innermost([e for e in xpaths.COMMENT_TEXT(item) if _own(e, item, items)])
    if texts:
        text = "\n".join(text_of(e) for e in texts)
    else:
        skip = {author, text_of(time_element) if time_element is not None else None}
        text = "\n".join(t for t in _own_lines(item, items) if t not in skip)
    text = "\n".join(line for line in text.split("\n") if not is_furniture(page, line))
    if not text.strip():
        return None
    posted = comment_time(page, time_element)
    return Comment(author=author, posted=posted, text=text.strip())


def _innermost(elements: list[etree._Element]) -> list[etree._Element]:
    """Those of `elements` that hold none of the others (`comment-content` inside
    `comment-body`: the content, not the box with the author and the buttons)."""
    return [e for e in elements if not any(o is not e and contains(e, o) for o in elements)]


def _own_lines(item: etree._Element, items: list[etree._Element]) -> list[str]:
    lines: list[str] = []
    for element in item.iter("p", "div", "span", "blockquote"):
        if element is not item and len(element) == 0 and _own(element, item, items):
            lines.append(text_of(element))
    if not lines:
        lines.append(text_of(item))
    return [line for line in lines if line]


def comment_time(page: HtmlPage, element: etree._Element | None) -> Timestamp | None:
    if element is None:
        return None
    raw = element.get("datetime") or element.get("title") or text_of(element)
    return parse_page_date(page, raw, _reference(page))


def _reference(page: HtmlPage) -> datetime | None:
    return page.source.retrieved or _article_reference(page)


def _article_reference(page: HtmlPage) -> datetime | None:
    """The article's own time, so that a comment's "08 novembre 18:25" takes its year."""
    published = parse_page_date(page, page.meta.published, None) if page.meta.published else None
    return published.value if published else None
