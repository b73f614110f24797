"""Quotation benchmark on PolNeAR (English political news, brat standoff attributions).

    flock /tmp/quotidien-heavy.lock .venv/bin/python -m bench.quotes [--split dev] [--limit N]

Two measures of the nlp stage (`quotidien.nlp.pipeline.analyze_many`) against the gold
attributions of one annotator per article (the first file name in order, so an article
annotated several times counts once):

(a) the Gender Gap Tracker's: a predicted quote matches a gold one when its content covers
    at least 30% (and, separately, 80%) of the gold content's characters (one-to-one,
    greedy by overlap); precision, recall and F1 over contents; speaker accuracy on the
    matched pairs that have a gold source: the predicted speaker mention overlaps it.
Quotes of quotidien's record that share one speaker mention ('"…," she said. "…"', a
quote resumed after the incise or continued in the next sentence) count as one attribution
with a discontinuous content, as PolNeAR annotates them.
(b) exact-span F1 for source, cue and content, as CofeNet reports: spans compared after
    trimming spaces, punctuation and quotation marks at both ends (PolNeAR keeps the marks
    of a direct quote inside the content, quotidien leaves them out); a discontinuous gold
    span counts as its full extent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quotidien.model import Article, Block
from quotidien.nlp.pipeline import analyze_many

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
PARAGRAPH = re.compile(r"\n\s*\n")
EDGE = " \t\n\"'“”‘’«»,.;:!?()[]—–-"

Chars = tuple[int, int]


@dataclass
class Attribution:
    content: list[Chars] = field(default_factory=list)
    source: list[Chars] = field(default_factory=list)
    cue: list[Chars] = field(default_factory=list)


@dataclass
class Predicted:
    content: list[Chars]
    source: Chars | None
    cue: Chars | None


@dataclass
class Document:
    name: str
    text: str
    gold: list[Attribution]


# -- reading the corpus -----------------------------------------------------------------


def documents(split: str) -> Iterator[Document]:
    """Each article of `split` once, with the attributions of its first annotator."""
    base = POLNEAR / split
    annotations = sorted((base / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for path in annotations:
        name = path.stem.rsplit("_", 1)[0]
        text_path = base / "text" / f"{name}.txt"
        if name in seen or not text_path.exists():
            continue
        seen.add(name)
        yield Document(name, text_path.read_text(encoding="utf-8"), read_ann(path))


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Chars]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            chars = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
            spans[parts[0]] = (label, chars)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for relation in relations:
        found = Attribution()
        for role in ("Content", "Source", "Cue"):
            if role in relation and relation[role] in spans:
                setattr(found, role.lower(), spans[relation[role]][1])
        if found.content:
            out.append(found)
    return out


# -- running quotidien ------------------------------------------------------------------


def to_article(text: str) -> tuple[Article, list[tuple[int, int]]]:
    """An article whose parts are the text's paragraphs, with each part's (article offset,
    raw offset) to map spans back."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in PARAGRAPH.finditer(text):
        parts.append((start, text[start : match.start()]))
        start = match.end()
    parts.append((start, text[start:]))
    parts = [(s, p) for s, p in parts if p.strip()]
    article = Article(language="en", blocks=[Block(text=p) for _, p in parts])
    offsets, position = [], 0
    for raw_start, part in parts:
        offsets.append((position, raw_start))
        position += len(part) + 2
    return article, offsets


def to_raw(offsets: list[tuple[int, int]], position: int) -> int:
    base = max((o for o in offsets if o[0] <= position), default=(0, 0))
    return base[1] + position - base[0]


def predictions(docs: list[Document]) -> list[list[Predicted]]:
    built = [to_article(doc.text) for doc in docs]
    out = []
    for (_, offsets), article in zip(built, analyze_many(a for a, _ in built), strict=True):

        def raw(span: object, offsets: list[tuple[int, int]] = offsets) -> Chars | None:
            if span is None:
                return None
            start, end = span.start, span.end  # type: ignore[attr-defined]
            return to_raw(offsets, start), to_raw(offsets, end)

        quotes: list[Predicted] = []
        by_speaker: dict[Chars, Predicted] = {}
        for quote in article.quotes:
            content = raw(quote.content)
            assert content is not None
            speaker = raw(quote.speaker)
            if speaker is not None and speaker in by_speaker:
                # '"…," she said. "…"': one mention saying both, one attribution in PolNeAR
                by_speaker[speaker].content.append(content)
                continue
            predicted = Predicted([content], speaker, raw(quote.cue))
            quotes.append(predicted)
            if speaker is not None:
                by_speaker[speaker] = predicted
        out.append(quotes)
    return out


# -- scoring ----------------------------------------------------------------------------


def _chars(ranges: list[Chars]) -> set[int]:
    return {i for start, end in ranges for i in range(start, end)}


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Overlap:
    threshold: float
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    speaker_right: int = 0
    speaker_pairs: int = 0

    def add(self, gold: list[Attribution], pred: list[Predicted]) -> None:
        self.predicted += len(pred)
        self.gold += len(gold)
        pairs = []
        for g, att in enumerate(gold):
            target = _chars(att.content)
            for p, quote in enumerate(pred):
                covered = len(target & _chars(quote.content)) / len(target)
                if covered >= self.threshold:
                    pairs.append((covered, g, p))
        used_g, used_p = set(), set()
        for _, g, p in sorted(pairs, reverse=True):
            if g in used_g or p in used_p:
                continue
            used_g.add(g)
            used_p.add(p)
            self.matched += 1
            if gold[g].source:
                self.speaker_pairs += 1
                speaker = pred[p].source
                if speaker and _chars([speaker]) & _chars(gold[g].source):
                    self.speaker_right += 1

    def row(self) -> str:
        p, r, f = _prf(self.matched, self.predicted, self.matched, self.gold)
        accuracy = self.speaker_right / self.speaker_pairs if self.speaker_pairs else 0.0
        return (
            f"| content ≥{self.threshold:.0%} of gold characters | {p:.3f} | {r:.3f} | {f:.3f} "
            f"| {accuracy:.3f} ({self.speaker_right}/{self.speaker_pairs}) |"
        )


def trim(text: str, span: Chars) -> Chars:
    start, end = span
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


@dataclass
class Exact:
    role: str
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, text: str, gold: list[Attribution], pred: list[Predicted]) -> None:
        gold_spans = set()
        for att in gold:
            ranges: list[Chars] = getattr(att, self.role)
            if ranges:
                gold_spans.add(trim(text, (min(s for s, _ in ranges), max(e for _, e in ranges))))
        pred_spans = set()
        for quote in pred:
            span = getattr(quote, self.role)
            if isinstance(span, list):  # a content in several pieces: its full extent
                span = (min(s for s, _ in span), max(e for _, e in span))
            if span:
                pred_spans.add(trim(text, span))
        self.tp += len(gold_spans & pred_spans)
        self.predicted += len(pred_spans)
        self.gold += len(gold_spans)

    def row(self) -> str:
        p, r, f = _prf(self.tp, self.predicted, self.tp, self.gold)
        counts = f"{self.tp} / {self.predicted} / {self.gold}"
        return f"| {self.role} | {p:.3f} | {r:.3f} | {f:.3f} | {counts} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"PolNeAR not found at {POLNEAR}", file=sys.stderr)
        return 1
    docs = list(documents(args.split))
    if args.limit:
        docs = docs[: args.limit]
    started = time.perf_counter()
    predicted = predictions(docs)
    seconds = time.perf_counter() - started
    overlaps = [Overlap(0.3), Overlap(0.8)]
    exacts = [Exact("source"), Exact("cue"), Exact("content")]
    for doc, pred in zip(docs, predicted, strict=True):
        for overlap in overlaps:
            overlap.add(doc.gold, pred)
        for exact in exacts:
            exact.add(doc.text, doc.gold, pred)
    words = sum(len(doc.text.split()) for doc in docs)
    print(f"PolNeAR {args.split}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} gold")
    print(
        f"attributions with content, {words} words, {seconds:.1f} s ({datetime.now(UTC):%Y-%m-%d})"
    )
    print("\n| measure | precision | recall | F1 | speaker accuracy |")
    print("| --- | --- | --- | --- | --- |")
    for overlap in overlaps:
        print(overlap.row())
    print("\n| exact span | precision | recall | F1 | tp / predicted / gold |")
    print("| --- | --- | --- | --- | --- |")
    for exact in exacts:
        print(exact.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
