"""The four extraction development sets of ../shared/data as one kind of page record.

Each loader yields `DevPage`s in name order; `limit=N` takes N pages spread evenly over the
set, chosen by name before any page is read. What the reference body is follows each set's
README:

- `daniel`: the reference's `<p>` paragraphs (tags stripped, `daniel.reference_text`); the
  first is usually the headline, so the reference holds it (`headline_in_body`).
- `l3s-gn1`: the `main` segments alone. `headline` is the title's reference, kept apart;
  `supplemental` (byline, date, captions, subheadings) is in neither; `comments` and
  `related` are kept to measure what leaks into a body. Its annotators' texts are partly
  doubly encoded ("RÃ¼cker", "Â£"): repaired here, since `\\w+` tokens would see them.
- `dragnet`: the text before the comments marker line; its first line is usually the
  headline (`headline_in_body`), the lines after the marker are the page's comments. Files
  come in UTF-8, UTF-16 (with a BOM) and Windows-1252.
- `readability`: the text of `expected.html`, one paragraph-level element a line
  (`expected.txt` is doubly encoded UTF-8 in 82 of the 130 files, so it is not read); title,
  byline, published time and language from `metadata.json`. Where the metadata gives no
  language (57 pages), the reference text's language as py3langid guesses it.

L3S-GN1 and Dragnet are English (their READMEs; py3langid agrees on their references).
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from daniel import DANIEL, LANGS, reference_text

DATA = DANIEL.parent


@dataclass(frozen=True)
class DevPage:
    name: str
    dataset: str
    language: str
    html: bytes
    #: The set's reference main content, paragraphs on their own lines.
    body: str
    #: The reference body starts with the headline (score a tool's title + body against it).
    headline_in_body: bool = False
    headline: str | None = None
    byline: str | None = None
    #: ISO 8601 date or date-time, as the set gives it.
    published: str | None = None
    comments: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


def _spread(names: list[str], limit: int | None) -> list[str]:
    if not limit or limit >= len(names):
        return names
    step = len(names) / limit
    return [names[int(i * step)] for i in range(limit)]


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def daniel(limit: int | None = None) -> Iterator[DevPage]:
    languages = json.loads((DANIEL / "doc_lg.json").read_text())
    names = sorted(
        p.name.removesuffix(".html.gz")
        for p in (DANIEL / "html").glob("*.html.gz")
        if (DANIEL / "reference" / p.name.replace(".html.gz", ".html")).exists()
    )
    for name in _spread(names, limit):
        yield DevPage(
            name=name,
            dataset="daniel",
            language=LANGS.get(languages.get(name, ""), "other"),
            html=_gunzip(DANIEL / "html" / f"{name}.html.gz"),
            body=reference_text(DANIEL / "reference" / f"{name}.html"),
            headline_in_body=True,
        )


_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]+")


def _repair(text: str) -> str:
    """UTF-8 read as Latin-1 (once or twice over) back to what it was."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return match.group()

    for _ in range(3):
        repaired = _MOJIBAKE.sub(fix, text)
        if repaired == text:
            break
        text = repaired
    return text


def l3s_gn1(limit: int | None = None) -> Iterator[DevPage]:
    root = DATA / "l3s-gn1"
    names = sorted(p.name.removesuffix(".json") for p in (root / "gold").glob("*.json"))
    for name in _spread(names, limit):
        gold = json.loads((root / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        part = {key: [_repair(s) for s in gold.get(key, [])] for key in gold}
        yield DevPage(
            name=name,
            dataset="l3s-gn1",
            language="en",
            html=_gunzip(root / "html" / f"{name}.html.gz"),
            body="\n".join(part["main"]),
            headline=" ".join(part["headline"]) or None,
            comments=tuple(part["comments"]),
            related=tuple(part["related"]),
        )


DRAGNET_COMMENTS = "!@#$%^&*()  COMMENTS"


def _decode_gold(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


def dragnet(limit: int | None = None) -> Iterator[DevPage]:
    root = DATA / "dragnet"
    names = sorted(p.name.removesuffix(".txt") for p in (root / "gold").glob("*.txt"))
    for name in _spread(names, limit):
        text = _decode_gold((root / "gold" / f"{name}.txt").read_bytes())
        main, _, comments = text.partition(DRAGNET_COMMENTS)
        yield DevPage(
            name=name,
            dataset="dragnet",
            language="en",
            html=_gunzip(root / "html" / f"{name}.html.gz"),
            body="\n".join(_lines(main)),
            headline_in_body=True,
            comments=tuple(_lines(comments)),
        )


_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr",
    "ul",
}  # fmt: skip


def html_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph-level element a line."""
    if not markup.strip():
        return ""
    tree = lxml.html.fromstring(markup)
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag in _BLOCKS:
            node.tail = "\n" + (node.tail or "")
            if node.tag != "br":
                node.text = "\n" + (node.text or "")
    return "\n".join(_lines(tree.text_content()))


def _language(code: str | None, text: str) -> str:
    if code:
        return code.split("-")[0].lower()
    import py3langid

    return str(py3langid.classify(text)[0])


def readability(limit: int | None = None) -> Iterator[DevPage]:
    root = DATA / "readability"
    names = sorted(p.parent.name for p in root.glob("*/metadata.json"))
    for name in _spread(names, limit):
        folder = root / name
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        body = html_text((folder / "expected.html").read_text(encoding="utf-8"))
        yield DevPage(
            name=name,
            dataset="readability",
            language=_language(meta.get("lang"), body),
            html=_gunzip(folder / "source.html.gz"),
            body=body,
            headline=meta.get("title") or None,
            byline=meta.get("byline") or None,
            published=meta.get("publishedTime") or None,
        )


LOADERS: dict[str, Callable[[int | None], Iterator[DevPage]]] = {
    "daniel": daniel,
    "l3s-gn1": l3s_gn1,
    "dragnet": dragnet,
    "readability": readability,
}
#: Each set's folder, for callers that check the data is there before reading it.
FOLDERS = {name: DATA / name for name in LOADERS}


def pages(dataset: str, limit: int | None = None) -> Iterator[DevPage]:
    """The set's pages (`limit`: that many, spread evenly over the set)."""
    if not FOLDERS[dataset].exists():
        raise SystemExit(f"{dataset} not found at {FOLDERS[dataset]} (it lives in ../shared/)")
    return LOADERS[dataset](limit)
