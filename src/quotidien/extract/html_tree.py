"""An HTML page read into one lxml tree, defused first: a page too long is cut (scripts and
styles out first), runs of <br> and tags of thousands of attributes are cut down (both are
quadratic in libxml2), markup nested past libxml2's depth limit is read again without
its wrappers, and a <title> never closed is closed at the next tag. Every other stage reads
the tree this gives."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from quotidien.errors import InputError

#: Pages longer than this (characters, once scripts and styles are out) are cut before
#: parsing: no article is that long, and extraction time grows with the page.
MAX_HTML_CHARS = 3_000_000
_SCRIPTS = re.compile(
    r"<script(?![^>]*ld\+json)[^>]*>.*?</script>|<style[^>]*>.*?</style>", re.IGNORECASE | re.DOTALL
)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
#: Characters XML forbids: control characters (a stray backspace makes trafilatura drop
#: the whole page) and non-characters.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


def _shrink(html: str) -> tuple[str, bool]:
    """A page too big to be one article: without its scripts and styles (JSON-LD kept),
    then cut. Whether it was cut."""
    if len(html) <= MAX_HTML_CHARS:
        return html, False
    html = _SCRIPTS.sub("", html)
    if len(html) <= MAX_HTML_CHARS:
        return html, False
    return html[:MAX_HTML_CHARS], True


#: Runs of line breaks (a page of a million <br> took 12 s and 570 MB) and tags with more
#: attributes than any page needs (libxml2 checks each against all the others: 100,000
#: attributes took 30 s) are cut down before parsing: what they carry is kept.
_BREAK_RUN = re.compile(r"(?:<br\s*/?>\s*){3,}", re.IGNORECASE)
_LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^<>]{4000,})>")
_ATTRIBUTE = re.compile(r"""[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")
MAX_ATTRIBUTES = 100


def _tame(html: str) -> str:
    html = _BREAK_RUN.sub("<br><br>", html)
    return _LONG_TAG.sub(_fewer_attributes, html)


def _fewer_attributes(tag: re.Match[str]) -> str:
    kept = _ATTRIBUTE.findall(tag.group(2))[:MAX_ATTRIBUTES]
    return f"<{tag.group(1)} {' '.join(kept)}>"


def parse(html: str, name: str) -> lxml.html.HtmlElement:
    """The page as an lxml tree. libxml2 caps nesting depth itself (deeper markup is
    flattened, never a crash); an unparseable page is an `InputError`."""
    text = _INVALID_CHARS.sub("", _XML_DECLARATION.sub("", html, count=1))
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise InputError(name, f"unreadable HTML: {error}") from None
    if tree is None:
        raise InputError(name, "unreadable HTML")
    return tree


#: Tags that wrap text without being a unit of it: what deep nesting is made of.
_WRAPPERS = re.compile(
    r"</?(?:div|span|font|section|center|small|big|b|i|u|em|strong|table|tbody|thead|tr|td|th"
    r"|ul|ol|dl|nav|aside|header|footer|main)\b[^>]*>",
    re.IGNORECASE,
)


def _too_deep() -> bool:
    """Whether the last parse met markup nested deeper than libxml2 follows."""
    return any("depth" in str(error.message).lower() for error in _PARSER.error_log)


def read_tree(html: str, name: str) -> tuple[lxml.html.HtmlElement, list[tuple[str, str]]]:
    """The page's tree, and the (code, message) warnings of what reading it cost."""
    html, cut = _shrink(html)
    html = _tame(html)
    tree = parse(html, name)
    problems = []
    if cut:
        problems.append((
            "page-truncated",
            f"HTML cut to its first {MAX_HTML_CHARS} characters "
            "(scripts and styles taken out first)",
        ))  # fmt: skip
    if _too_deep():
        # Read it again without its wrappers (div, span, table…): their text stays.
        tree = parse(_WRAPPERS.sub(" ", html), name)
        lost = "its innermost part was not read" if _too_deep() else "its wrappers were dropped"
        problems.append(("markup-too-deep", f"markup nested too deep: {lost}"))
    if _title_swallowed(tree) and (closed := _title_closed(html)) is not None:
        tree = parse(closed, name)
        problems.append(("title-unclosed", "the <title> was not closed: closed at the next tag"))
    return tree, problems


#: A <title> whose text is longer than this and holds markup was never closed: HTML reads
#: a title's content as text up to its end tag, so it swallowed the page (seen on news
#: sites of 2008 with "</titleval" or no end tag at all).
SWALLOWED_TITLE_CHARS = 1_000
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)


def _title_swallowed(tree: lxml.html.HtmlElement) -> bool:
    title = tree.find(".//title")
    text = (title.text if title is not None else None) or ""
    return len(text) > SWALLOWED_TITLE_CHARS and "<" in text


def _title_closed(html: str) -> str | None:
    """`html` with its first <title> closed at the first tag after its opening."""
    opening = _TITLE_OPEN.search(html)
    if opening is None:
        return None
    end = html.find("<", opening.end())
    if end < 0:
        return None
    return html[:end] + "</title>" + html[end:]
