"""Speed of the nlp stage against the spaCy pipeline alone, in the same run, one process.

    flock /tmp/quotidien-heavy.lock .venv/bin/python -m bench.nlp_speed [--repeat N]

French: the 40 articles of the French attribution set (`data/quotes-fr`, written for the
project in the style of wire copy, regional press, interviews and live blogs); English: the
PolNeAR dev texts. For each: words and articles per second of (1) spaCy's `nlp.pipe` alone
and (2) `analyze_many`, the whole nlp stage (spaCy, entities and quotes, as `ingest --nlp`
runs it), over the same texts, in turn, twice, the best time of each kept, and their
ratio; then where (2)'s time goes, stage by stage: the parse in pieces, the quote rules,
the encoder, the CRF's features, the CRF, the grouping, the entities. The encoder runs on
one thread (`encoder.THREADS`), as in a worker of the ingest pool, and spaCy on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from quotidien import lang
from quotidien.model import Article, Block
from quotidien.nlp.attribution import load
from quotidien.nlp.entities import find_entities
from quotidien.nlp.features import doc_features
from quotidien.nlp.grouping import decode
from quotidien.nlp.pipeline import analyze_many, model_name, parse_many, pipeline_for
from quotidien.nlp.quotes import find_quotes
from quotidien.settings import DEFAULT, Settings

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def articles_of(folder: Path, language: str) -> list[Article]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        parts = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        out.append(Article(language=language, blocks=[Block(text=p) for p in parts]))
    return out


def french_articles() -> list[Article]:
    return articles_of(ROOT / "data" / "quotes-fr" / "text", "fr")


def english_articles() -> list[Article]:
    return articles_of(SHARED / "data" / "polnear" / "dev" / "text", "en")


def measure(
    code: str, articles: list[Article], repeat: int, settings: Settings = DEFAULT, label: str = ""
) -> tuple[str, str]:
    """The speed row, and the stage profile row, of `articles` (each `repeat` times)."""
    texts = [a.text() for a in articles] * repeat
    words = sum(len(t.split()) for t in texts)
    nlp = pipeline_for(code)
    copies = [a.model_copy(deep=True) for a in articles[:2]]
    list(analyze_many(copies, settings))  # warm up: models loaded, caches filled
    spacy_s = full_s = float("inf")
    for _ in range(ROUNDS):  # in turn, the best of each: a busy second costs both alike
        started = time.perf_counter()
        list(nlp.pipe(texts, batch_size=32))
        spacy_s = min(spacy_s, time.perf_counter() - started)
        copies = [a.model_copy(deep=True) for a in articles * repeat]
        started = time.perf_counter()
        list(analyze_many(copies, settings, batch_size=32))
        full_s = min(full_s, time.perf_counter() - started)
    name = f"{code} ({nlp.meta['name']} {nlp.meta['version']}){label}"
    speed = (
        f"| {name} | {len(texts)} | {words} | {words / spacy_s:,.0f} | {len(texts) / spacy_s:.1f} "
        f"| {words / full_s:,.0f} | {len(texts) / full_s:.1f} | {spacy_s / full_s:.2f} |"
    )
    stages = profile(code, texts, settings)
    total = sum(stages.values())
    shares = " | ".join(f"{stages.get(stage, 0.0):.1f}" for stage in STAGES)
    return speed, f"| {name} | {shares} | {total:.1f} |"


#: Rounds of (spaCy alone, the whole stage), in turn; the best time of each is kept.
ROUNDS = 2
#: The stages of `profile`, in the order they run.
STAGES = ("parse", "rules", "encoder", "features", "crf", "grouping", "entities")


def profile(code: str, texts: list[str], settings: Settings) -> dict[str, float]:
    """Seconds per stage of what `pipeline.fill` does after the parse, run stage by stage
    over the same texts (the tagger's path where the language has a model)."""
    nlp = pipeline_for(code)
    words = lang.get(code).quotes  # type: ignore[union-attr]
    clock: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def timed(stage: str, run: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = run()
        clock[stage] += time.perf_counter() - started
        return result

    docs = timed("parse", lambda: list(parse_many(nlp, texts, batch_size=32)))
    name = model_name(code, settings)
    model = None if name is None else load(name, settings.quote_models, settings.quote_encoder)
    for doc in docs:
        by_rules = timed("rules", lambda: find_quotes(doc, words))  # noqa: B023
        quotes = by_rules
        if model is not None:
            tagger = model
            encoded = timed(
                "encoder",
                lambda: None if tagger.encoder is None else tagger.encoder.probabilities(doc),  # noqa: B023
            )
            rows = timed(
                "features",
                lambda: doc_features(doc, words, tagger.lexicon, by_rules, encoded),  # noqa: B023
            )
            labels = timed("crf", lambda: tagger.tagger.tag(rows))  # noqa: B023
            quotes = timed(
                "grouping",
                lambda: decode(doc, labels, words, by_rules, tagger.lexicon),  # noqa: B023
            )
        found = quotes
        timed("entities", lambda: find_entities(doc, words, found))  # noqa: B023
    return clock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nlp stage speed")
    parser.add_argument("--repeat", type=int, default=1, help="copies of each text set")
    args = parser.parse_args(argv)
    runs = [("fr", french_articles(), DEFAULT, "")]
    english = english_articles()
    if english:
        runs.append(("en", english, DEFAULT, ""))
        runs.append(("en", english, replace(DEFAULT, quote_encoder=False), ", no encoder"))
    rows = [
        measure(code, texts, args.repeat, settings, label) for code, texts, settings, label in runs
    ]
    print(
        "| pipeline | texts | words | spaCy alone w/s | art./s | nlp stage w/s | art./s | ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(speed for speed, _ in rows))
    print()
    print(f"| seconds per stage | {' | '.join(STAGES)} | total |")
    print(f"| --- | {' | '.join('---' for _ in STAGES)} | --- |")
    print("\n".join(stages for _, stages in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
