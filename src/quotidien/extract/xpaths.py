"""Every XPath and markup rule of the HTML extractor, in one place (trafilatura's layout).

Tuning the extractor means editing this file, not hunting through logic. Class and id
names are matched as whole tokens split on spaces, dashes and underscores, so "comment"
matches `comment-list` and `js_comment` but not `commentary`.
"""

from __future__ import annotations

import re

from lxml import etree

from quotidien.model import BlockKind

_NS = {"re": "http://exslt.org/regular-expressions"}


class Rule:
    """A compiled XPath that returns elements (or, with `strings`, attribute values)."""

    def __init__(self, path: str) -> None:
        self._xpath = etree.XPath(path, namespaces=_NS)

    def __call__(self, node: etree._Element) -> list[etree._Element]:
        found = self._xpath(node)
        if not isinstance(found, list):
            return []
        return [e for e in found if isinstance(e, etree._Element)]

    def strings(self, node: etree._Element) -> list[str]:
        found = self._xpath(node)
        return [str(v) for v in found if isinstance(v, str)] if isinstance(found, list) else []


# --- regions that are never article text -------------------------------------------------

#: Elements dropped before anything else: they hold no visible text of the page.
INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "canvas",
    "object",
    "embed",
    "button",
    "select",
    "input",
    "textarea",
)

#: Class/id names of page furniture (share buttons, cookie banners, accessibility
#: toggles, newsletters, breadcrumbs, ads, kickers), matched on the lower-cased names.
FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sociaux|partage|partager|cookies?|consent|gdpr|"
    r"rgpd|cmp|newsletter|subscribe|abonnement|breadcrumbs?|fil-ariane|ariane|skip|"
    r"skiplinks?|accessibilit[ey]|a11y|toolbar|ads?|advert|advertisement|publicite|"
    r"banner|sponsor|sponsored|popup|modal|paywall|print|imprimer|signaler|report-abuse|"
    r"kicker|overline|eyebrow|surtitre|tools|outils)(?:[\s_-]|$)"
)

#: Class/id names of a reader-comment section (matched on the lower-cased names).
COMMENT_NAMES_RE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentaires?|comms|reactions?|réactions?|disqus\w*|"
    r"discussions?|forum|commentlist|comment-?list|comments?-?(?:section|area|wrapper|block|"
    r"container|zone)|coral\w*|livefyre|fb-comments|viafoura)(?:[\s_-]|$)"
)

#: Elements that may be hidden (`is_hidden` decides), the element itself included.
MAYBE_HIDDEN = Rule("descendant-or-self::*[@hidden or @style]")
#: A style that hides its element (the test readability-lxml makes).
HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
    re.IGNORECASE,
)

#: Jump targets that may open a section (`<a name="comments"></a>`), matched on their names.
NAMED_ANCHORS = Rule("//a[not(@href)][@name or @id]")

#: Whole class names of one comment inside a comment section (each class of an element
#: is compared on its own, so that `comment-author` or `comment-body` never counts).
COMMENT_ITEM_CLASSES = frozenset(
    {
        "comment",
        "commentaire",
        "reaction",
        "réaction",
        "comment-item",
        "commentitem",
        "comment_item",
        "single-comment",
        "comment-single",
        "c-comment",
        "comment-entry",
        "commentaire-item",
        "reaction-item",
        "comment-thread-item",
    }
)
#: Ids of one comment ("comment-1234", "reaction_87").
COMMENT_ITEM_ID = re.compile(
    r"^(?:comment|commentaire|reaction|li-comment)[-_]?\d+$", re.IGNORECASE
)

#: Class/id names of related-story blocks ("A lire aussi", "Read more", recommendation
#: widgets).
TEASER_NAMES_RE = re.compile(
    r"(?:^|[\s_-])(?:related\w*|lire-?aussi|a-?lire|alire\w*|read-?(?:more|also|next)|"
    r"more-?(?:stories|news|articles|on|from)|recommend\w*|suggest\w*|outbrain|ob-widget|"
    r"taboola|trc_\w*|ligatus|plista|teasers?|most-?(?:read|popular|viewed|shared)|"
    r"mostread|mostpopular|populaires?|trending|tendances?|similar|sur-le-meme-sujet|"
    r"meme-sujet|same-?subject|see-?also|voir-?aussi|autres-?articles|dans-la-meme-rubrique|"
    r"also-?(?:read|like)|you-?may-?(?:also-?)?like|latest-?news|top-?stories)(?:[\s_-]|$)"
)

#: Boxes around an inline teaser link ("<p>Lire aussi : <a>…</a></p>").
INLINE_TEASER_TAGS = frozenset({"p", "div", "li", "strong", "b", "em", "span", "h3", "h4"})

#: Elements that may be a comment section or a teaser block.
REGION_TAGS = ("div", "section", "aside", "ul", "ol", "article", "footer", "dl", "nav", "table")

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

#: Headings that may open a comment section or a teaser block.
HEADINGS = Rule("//h1|//h2|//h3|//h4|//h5|//h6|//*[@role='heading']")

# --- article parts ------------------------------------------------------------------------

#: Where the article is, tried in order; the first that holds enough text wins.
ARTICLE_CONTAINERS = (
    Rule("//*[@itemprop='articleBody']"),
    Rule("//article[.//p]"),
    Rule("//*[@role='main']|//main"),
)

#: Elements of the body base (readability's output) that start a block of their own, and
#: the kind of block they make (the others inherit the kind of the box around them).
BODY_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "hr",
        "center",
        "form",
        "fieldset",
    }
)
BODY_BLOCK_KINDS: dict[str, BlockKind] = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "blockquote",
}
#: A body base shorter than this (characters: less than one paragraph) is checked against
#: trafilatura's.
MIN_BODY_CHARS = 150

#: Elements whose own text makes the article container (see `html._main_container`).
TEXT_BLOCK_TAGS = ("p", "div", "td", "section", "article", "span", "font")

#: Lead / standfirst paragraphs.
LEAD = Rule(
    "//*[self::p or self::div or self::h2 or self::strong][@class or @id]"
    "[re:test(concat(' ', @class, ' ', @id, ' '),"
    " '[ _-](chapo|chapeau|lead|standfirst|intro|article-intro|summary|deck|"
    "dek|kicker-lead|description|excerpt|sous-titre|subtitle|accroche)[ _-]', 'i')]"
)

#: Visible bylines: by rel or itemprop, or by a class or id name, whole ("byline",
#: "article-author") or ending a camel-cased one ("FeatureByline"). The names are tested in
#: Python (`bylines`): EXSLT's regular expressions call back into Python for every element.
BYLINE_CANDIDATES = Rule("//*[@rel='author' or @itemprop='author' or @class or @id]")
BYLINE_NAMES = re.compile(
    r"[ _-](?:byline|author|auteur|signature|by-author|article-author|writer)[ _-]", re.I
)
BYLINE_CAMEL_NAMES = re.compile(r"[a-z](?:Byline|Author)[ _-]")


def bylines(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in BYLINE_CANDIDATES(tree):
        names = f"{element.get('class') or ''} {element.get('id') or ''} "
        if (
            element.get("rel") == "author"
            or element.get("itemprop") == "author"
            or BYLINE_NAMES.search(" " + names)
            or BYLINE_CAMEL_NAMES.search(names)
        ):
            found.append(element)
    return found


#: Visible publication times.
TIMES = Rule("//time[@datetime]")

#: Figures and images.
FIGURES = Rule("//figure")
CAPTION = Rule(
    ".//figcaption | .//*[@class and re:test(concat(' ', @class, ' '),"
    " '[ _-](caption|legende|légende|wp-caption-text|image-caption|photo-caption)[ _-]', 'i')]"
)
CREDIT = Rule(
    ".//*[(@class or @itemprop) and re:test(concat(' ', @class, ' ', @itemprop, ' '),"
    " '[ _-](credits?|copyright|copyrightHolder|photographer|author)[ _-]', 'i')]"
)

#: Image URL attributes, in order of preference (lazy loading puts the real URL aside).
IMAGE_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "src")

# --- inside a comment ---------------------------------------------------------------------

COMMENT_AUTHOR = Rule(
    ".//*[@itemprop='author' or @itemprop='name' or self::cite or"
    " @class and re:test(concat(' ', @class, ' '), '[ _-](author|auteur|pseudo|username|user|name|"
    "nickname|fn|commenter)[ _-]', 'i')]"
)
COMMENT_TIME = Rule(
    ".//time | .//*[@class and re:test(concat(' ', @class, ' '), '[ _-](date|time|timestamp|posted|"
    "published|datetime|heure)[ _-]', 'i')]"
)
COMMENT_TEXT = Rule(
    ".//*[@itemprop='text' or @class and re:test(concat(' ', @class, ' '),"
    " '[ _-](text|body|content|message|texte|contenu|comment-text|comment-body|"
    "comment-content)[ _-]', 'i')]"
)

#: Declared comment count in markup (microdata).
COMMENT_COUNT = Rule("//*[@itemprop='commentCount']")

# --- inside a teaser ----------------------------------------------------------------------

TEASER_PROVIDER = Rule(
    ".//*[@class and re:test(concat(' ', @class, ' '), '[ _-](source|provider|agency|agence|"
    "publisher|brand|origin)[ _-]', 'i')]"
)
TEASER_TEXT = Rule(
    ".//p | .//*[@class and re:test(concat(' ', @class, ' '), '[ _-](teaser|summary|excerpt|desc|"
    "description|chapo|standfirst|intro)[ _-]', 'i')]"
)

# --- metadata -----------------------------------------------------------------------------

META = Rule("//meta")
JSON_LD = Rule("//script[@type='application/ld+json']")
CANONICAL = Rule("//link[@rel='canonical']/@href")
HTML_LANG = Rule("/html/@lang | /html/@xml:lang")
ITEMPROP = Rule(
    "//*[@itemprop][@itemprop='datePublished' or @itemprop='dateModified' or @itemprop='headline'"
    " or @itemprop='articleSection' or @itemprop='keywords']"
)
TITLE = Rule("//title")
#: Links to the site's home page (the logo, "Home"): what the site calls itself.
HOME_LINKS = Rule("//a[@href='/' or @href='./' or @href='index.html']")
H1 = Rule("//h1")

# --- text patterns that hold in every language --------------------------------------------

#: A credit at the end of a caption: "… ( AFP / Ludovic MARIN )", "… © Reuters",
#: "… Photo: Jane Doe/Reuters". Group "credit".
CREDIT_PATTERNS = (
    re.compile(
        r"\(\s*(?P<credit>[^()]{0,40}?(?:AFP|Reuters|AP|EPA|Getty|dpa|ANSA|EFE|Xinhua|"
        r"Bloomberg|Sipa|Maxppp|Abaca|Hans Lucas|PA)[^()]{0,60})\)\s*$"
    ),
    re.compile(r"\s*©\s*(?P<credit>[^©]{2,80})$"),
    re.compile(
        r"\s*(?:Photo|Crédit photo|Crédits?|Credit|Photograph|Image)\s*:\s*"
        r"(?P<credit>[^:]{2,80})$",
        re.IGNORECASE,
    ),
)

#: Label words before a credit ("Crédit photo :", "Photo :", "©").
CREDIT_LABEL = re.compile(
    r"^\s*(?:©|\(c\)|copyright|crédits?(?: photo)?|credits?|photo|"
    r"photograph|image)\s*:?\s*",
    re.IGNORECASE,
)

#: A dateline naming the agency: "PARIS (Reuters) -", "WASHINGTON (AP) —". Group "provider".
DATELINE = re.compile(r"^[^()\n]{0,60}\((?P<provider>[A-Z][A-Za-z .\-]{1,30})\)\s*[-—–:]")
BASE = Rule("//base/@href")
FIGURE_ANCESTOR = Rule("ancestor::figure[1]")
SIDE_ANCESTOR = Rule("ancestor::aside | ancestor::nav | ancestor::footer")
BOLD = Rule(".//b | .//strong | .//cite")
LINKS = Rule(".//a")
TAG_LINKS = Rule("//a[@rel='tag']")
