"""Reading attribution corpora in brat standoff (PolNeAR's format) for training and scoring.

A corpus folder holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`; each `.ann`
line is a text-bound span (`T1<TAB>Source 201 220<TAB>…`, several `a b` ranges joined by
`;` when discontinuous) or an event tying them (`E1<TAB>Attribution:T4 Content:T3 Cue:T2
Source:T1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quotidien.model import Article, Block

Chars = tuple[int, int]
PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass
class Attribution:
    """One attribution: each role a list of character ranges (discontinuous spans)."""

    content: list[Chars] = field(default_factory=list)
    source: list[Chars] = field(default_factory=list)
    cue: list[Chars] = field(default_factory=list)


@dataclass
class Document:
    name: str
    text: str
    gold: list[Attribution]
    annotator: str = ""


def documents(folder: Path, every_annotator: bool = False) -> Iterator[Document]:
    """The annotated articles of `folder` in name order. By default each article once, with
    its first annotator's attributions; `every_annotator` yields one Document per `.ann`."""
    seen: set[str] = set()
    for path in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists() or (name in seen and not every_annotator):
            continue
        seen.add(name)
        text = text_path.read_text(encoding="utf-8")
        yield Document(name, text, read_ann(path), annotator)


def held_out(documents: Iterable[Document], every: int) -> tuple[list[Document], list[Document]]:
    """Documents split for model selection, (kept, held out): every `every`-th article in
    name order is held out; an article annotated several times stays on one side."""
    documents = list(documents)
    names = sorted({doc.name for doc in documents})
    out = {name for index, name in enumerate(names) if index % every == every - 1}
    return [d for d in documents if d.name not in out], [d for d in documents if d.name in out]


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one `.ann` file that have a content."""
    spans: dict[str, list[Chars]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for relation in relations:
        found = Attribution()
        for role in ("Content", "Source", "Cue"):
            if role in relation and relation[role] in spans:
                setattr(found, role.lower(), spans[relation[role]])
        if found.content:
            out.append(found)
    return out


@dataclass
class Aligned:
    """An article built from a raw text's paragraphs, with the offsets between the two:
    each part's (article offset, raw offset, length)."""

    article: Article
    parts: list[tuple[int, int, int]]

    def to_raw(self, position: int) -> int:
        base = max((p for p in self.parts if p[0] <= position), default=(0, 0, 0))
        return base[1] + position - base[0]

    def to_article(self, position: int) -> int:
        base = max((p for p in self.parts if p[1] <= position), default=(0, 0, 0))
        return base[0] + min(position - base[1], base[2])


def align(text: str, language: str = "en") -> Aligned:
    """An article whose blocks are the paragraphs of `text` (blank-line separated), as the
    extractor would make them, so a model sees at training time the text it sees at run
    time."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in PARAGRAPH.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    pieces = [(s, p) for s, p in pieces if p.strip()]
    article = Article(language=language, blocks=[Block(text=p) for _, p in pieces])
    parts, position = [], 0
    for raw_start, piece in pieces:
        parts.append((position, raw_start, len(piece)))
        position += len(piece) + 2
    return Aligned(article, parts)
