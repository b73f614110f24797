"""The body as readability-lxml finds it, on the page as parsed.

readability-lxml prepares the tree it is given with lxml's general-purpose `Cleaner`
(a copy of the whole tree, every link rewritten to remove `javascript:` URLs, event
attributes deleted one by one): about a quarter of its time, and none of it changes the
text it finds. `_Readability` prepares its copy with what of that matters to the text
and to readability's scoring (hidden elements, as `html_page.is_hidden` tells them with
readability's own test, scripts, styles, links, comments and processing instructions
dropped; SVG `<image>` read as `<img>`; style attributes removed); the rest of
readability-lxml (scoring, candidate choice, sanitising) runs as it is. Records on the
four development sets are identical with and without it.
"""

from __future__ import annotations

import copy
from typing import Any, cast

import lxml.html
from lxml import etree
from readability import Document  # type: ignore[import-untyped]

from quotidien.extract import xpaths
from quotidien.extract.html_page import is_hidden

#: Elements whose content is no page text, dropped (their tail kept), as readability's
#: `Cleaner` settings drop them.
_DROPPED = ("script", "style", "link", etree.Comment, etree.ProcessingInstruction)


class _Readability(Document):  # type: ignore[misc]
    """readability-lxml's `Document`, preparing the tree itself (see the module)."""

    def _parse(self, input: Any) -> lxml.html.HtmlElement:
        # Called again when readability retries less ruthlessly: each pass gets a fresh copy.
        doc = copy.deepcopy(input)
        self.encoding = "utf-8"
        for element in [e for e in xpaths.MAYBE_HIDDEN(doc) if is_hidden(e)]:
            cast(lxml.html.HtmlElement, element).drop_tree()
        lxml.html.xhtml_to_html(doc)
        for element in doc.iter("image"):
            element.tag = "img"
        etree.strip_elements(doc, *_DROPPED, with_tail=False)
        etree.strip_attributes(doc, "style")
        doc.resolve_base_href()
        return doc


def readability_summary(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """readability-lxml's article box in `tree` (left as it is), None when it finds none."""
    try:
        summary = _Readability(tree).summary(html_partial=True)
        box: lxml.html.HtmlElement = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises its own Unparseable and lxml's errors
        return None
    return box
