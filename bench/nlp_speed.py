"""Speed of the nlp stage against the spaCy pipeline alone, in the same run, one process.

    flock /tmp/quotidien-heavy.lock .venv/bin/python -m bench.nlp_speed [--repeat N]

French: the example page's article (../shared/examples, through the text extractor) and
the French test fixtures; English: the PolNeAR dev texts. Words per second of (1) spaCy's
`nlp.pipe` alone and (2) `analyze_many` (spaCy + entities and quotes) over the same texts,
and (3) what quotidien adds alone: parsing in pieces cut after headings (`parse_many`, timed
against (1)) and the work on the parsed texts (`pipeline.fill`: entity and quote rules, and
for English the attribution tagger, with its encoder where installed and without), as a
share of (1).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import quotidien
from quotidien.model import Article, Block
from quotidien.nlp.pipeline import analyze_many, fill, parse_many, pipeline_for
from quotidien.settings import DEFAULT, Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def french_articles() -> list[Article]:
    out = []
    example = SHARED / "examples" / "boursorama-chine-russie.txt"
    if example.exists():
        out.append(quotidien.extract(example.read_text(encoding="utf-8"), kind="text"))
    for path in sorted((ROOT / "tests" / "nlp" / "data").glob("fr_*.txt")):
        parts = path.read_text(encoding="utf-8").strip().split("\n\n")
        out.append(
            Article(language="fr", title=parts[0], blocks=[Block(text=p) for p in parts[1:]])
        )
    return out


def english_articles() -> list[Article]:
    out = []
    for path in sorted((SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt")):
        parts = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        out.append(Article(language="en", blocks=[Block(text=p) for p in parts]))
    return out


def measure(
    code: str, articles: list[Article], repeat: int, settings: Settings = DEFAULT, label: str = ""
) -> str:
    texts = [a.text() for a in articles] * repeat
    words = sum(len(t.split()) for t in texts)
    nlp = pipeline_for(code)
    list(nlp.pipe(texts[:2]))  # warm up
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - started
    started = time.perf_counter()
    docs = list(parse_many(nlp, texts, batch_size=32))  # in pieces after headings, joined
    pieces_s = time.perf_counter() - started
    copies = [a.model_copy(deep=True) for a in articles * repeat]
    started = time.perf_counter()
    for article, doc in zip(copies, docs, strict=True):  # our logic alone, on the parses
        fill(article, doc, code, settings)
    rules_s = pieces_s - spacy_s + time.perf_counter() - started
    copies = [a.model_copy(deep=True) for a in articles * repeat]
    started = time.perf_counter()
    list(analyze_many(copies, settings, batch_size=32))
    full_s = time.perf_counter() - started
    return (
        f"| {code} ({nlp.meta['name']} {nlp.meta['version']}){label} | {len(texts)} | {words} "
        f"| {words / spacy_s:,.0f} | {words / full_s:,.0f} | {rules_s / spacy_s:.0%} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nlp stage speed")
    parser.add_argument("--repeat", type=int, default=20, help="copies of the French texts")
    args = parser.parse_args(argv)
    print("| pipeline | texts | words | spaCy alone w/s | nlp stage w/s | ours / spaCy time |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(measure("fr", french_articles(), args.repeat))
    english = english_articles()
    if english:
        print(measure("en", english, 1))
        plain = replace(DEFAULT, quote_encoder=False)
        print(measure("en", english, 1, plain, ", CRF without the encoder"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
