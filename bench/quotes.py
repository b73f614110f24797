"""Quotation benchmark on PolNeAR (English political news, brat standoff attributions).

    flock /tmp/quotidien-heavy.lock .venv/bin/python -m bench.quotes [--split dev] [--rules]

The French set written for the project (`data/quotes-fr`, see its README), by the rules,
and by a CRF trained on the set itself, cross-validated: each genre (the name's first word:
agence, interview, live, regional) is scored by a CRF trained on the other three, and the
four held-out parts are scored together. The shipped French model was trained on the whole
set, so scoring it there (no flag) gives in-sample figures, and the report says so:

    .venv/bin/python -m bench.quotes --corpus data/quotes-fr --lang fr --rules
    .venv/bin/python -m bench.quotes --corpus data/quotes-fr --lang fr --cross-validate

Model selection without touching dev: train on four fifths of train and score the fifth left
out (`--hold-out 5` on both sides; `--quote-models` reads the model trained elsewhere):

    .venv/bin/python -m quotidien.nlp.train ../shared/data/polnear/train --hold-out 5 --out /tmp/fit
    .venv/bin/python -m bench.quotes --split train --hold-out 5 --quote-models /tmp/fit

and with the encoder (`--no-encoder` then scores the plain CRF of the same folder):

    .venv/bin/python -m quotidien.nlp.train_encoder PATH --hold-out 5 --out /tmp/fit
    .venv/bin/python -m quotidien.nlp.train PATH --hold-out 5 --encoder --out /tmp/fit

(PATH: ../shared/data/polnear/train.)

Two measures of the nlp stage (`quotidien.nlp.pipeline.analyze_many`) against the gold
attributions of one annotator per article (the first file name in order, so an article
annotated several times counts once):

(a) the Gender Gap Tracker's: a predicted quote matches a gold one when its content covers
    at least 30% (and, separately, 80%) of the gold content's characters (one-to-one,
    greedy by overlap); precision, recall and F1 over contents; speaker accuracy on the
    matched pairs that have a gold source: the predicted speaker mention overlaps it.
Quotes of quotidien's record that share one cue, or without a cue one speaker mention
('"…," she said. "…"', a quote resumed after the incise or continued in the next
sentence), count as one attribution with a discontinuous content, as PolNeAR annotates them.
(b) exact-span F1 for source, cue and content, as CofeNet reports: spans compared after
    trimming spaces, punctuation and quotation marks at both ends (PolNeAR keeps the marks
    of a direct quote inside the content, quotidien leaves them out); a discontinuous gold
    span counts as its full extent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from quotidien.model import Quote, Span
from quotidien.nlp.brat import Aligned, Attribution, Chars, Document, align, documents, held_out
from quotidien.nlp.pipeline import analyze_many
from quotidien.settings import DEFAULT, Settings

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
EDGE = "\"'“”‘’«»,.;:!?()[]—–-"  # and any white space, no-break space included


@dataclass
class Predicted:
    content: list[Chars]
    source: Chars | None
    cue: Chars | None


# -- running quotidien ------------------------------------------------------------------


def predictions(
    docs: list[Document], settings: Settings = DEFAULT, language: str = "en"
) -> list[list[Predicted]]:
    aligned = [align(doc.text, language) for doc in docs]
    analyzed = analyze_many((a.article for a in aligned), settings)
    return [to_predicted(article.quotes, a) for a, article in zip(aligned, analyzed, strict=True)]


def to_predicted(quotes: list[Quote], aligned: Aligned) -> list[Predicted]:
    """The record's quotes in raw-text offsets; quotes sharing one cue, or without a cue one
    speaker mention ('"…," she said. "…"'), are one attribution with a discontinuous
    content, as PolNeAR has it."""

    def raw(span: Span | None) -> Chars | None:
        return None if span is None else (aligned.to_raw(span.start), aligned.to_raw(span.end))

    out: list[Predicted] = []
    by_mention: dict[Chars, Predicted] = {}
    for quote in quotes:
        content = raw(quote.content)
        assert content is not None
        speaker, cue = raw(quote.speaker), raw(quote.cue)
        key = cue or speaker  # one cue (else one speaker mention): one attribution
        if key is not None and key in by_mention:
            by_mention[key].content.append(content)
            continue
        predicted = Predicted([content], speaker, cue)
        out.append(predicted)
        if key is not None:
            by_mention[key] = predicted
    return out


def cross_validated(
    docs: list[Document], settings: Settings, language: str
) -> tuple[list[Document], list[list[Predicted]]]:
    """Each group of `docs` (name up to its first '-') predicted by a CRF trained on the
    other groups with `quotidien.nlp.train`'s settings, the groups in turn."""
    from quotidien import lang
    from quotidien.nlp import train

    words = lang.get(language).quotes  # type: ignore[union-attr]
    groups = sorted({doc.name.split("-")[0] for doc in docs})
    out_docs: list[Document] = []
    out_predicted: list[list[Predicted]] = []
    for group in groups:
        held = [doc for doc in docs if doc.name.split("-")[0] == group]
        rest = [doc for doc in docs if doc.name.split("-")[0] != group]
        training = train.examples(rest, language)
        lexicon = train.learn_lexicon(training)
        with tempfile.TemporaryDirectory() as folder:
            name = Path(folder) / f"attribution-{language}"
            train.fit(training, words, lexicon, name.with_suffix(".crfsuite"), train.PARAMS)
            meta = {"cue_rates": lexicon.rates}
            name.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
            fold = replace(settings, quote_models=Path(folder), quote_encoder=False)
            out_predicted += predictions(held, fold, language)
        out_docs += held
    return out_docs, out_predicted


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
    while start < end and (text[start] in EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in EDGE or text[end - 1].isspace()):
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


def report(docs: list[Document], predicted: list[list[Predicted]]) -> str:
    """Both measures as two Markdown tables."""
    overlaps = [Overlap(0.3), Overlap(0.8)]
    exacts = [Exact("source"), Exact("cue"), Exact("content")]
    for doc, pred in zip(docs, predicted, strict=True):
        for overlap in overlaps:
            overlap.add(doc.gold, pred)
        for exact in exacts:
            exact.add(doc.text, doc.gold, pred)
    lines = [
        "",
        "| measure | precision | recall | F1 | speaker accuracy |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [overlap.row() for overlap in overlaps]
    lines += ["", "| exact span | precision | recall | F1 | tp / predicted / gold |"]
    lines += ["| --- | --- | --- | --- | --- |"]
    lines += [exact.row() for exact in exacts]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--rules", action="store_true", help="the quote rules alone, no model")
    parser.add_argument(
        "--no-encoder", action="store_true", help="the CRF alone, without the encoder"
    )
    parser.add_argument(
        "--hold-out",
        type=int,
        default=0,
        metavar="N",
        help="score only every N-th article of the split (as `nlp.train --hold-out N` leaves out)",
    )
    parser.add_argument(
        "--quote-models", type=Path, help="folder of the model to use instead of the shipped one"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="another brat corpus folder (text/, attributions/) instead of PolNeAR's split, "
        "e.g. data/quotes-fr",
    )
    parser.add_argument("--lang", default="en", help="the corpus's language (default en)")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="train a CRF per group of articles (name up to its first '-') on the others "
        "and score each group with it",
    )
    args = parser.parse_args(argv)
    folder = args.corpus or POLNEAR / args.split
    if not folder.exists():
        print(f"corpus not found at {folder}", file=sys.stderr)
        return 1
    docs = list(documents(folder))
    if args.hold_out:
        _, docs = held_out(docs, args.hold_out)
    if args.limit:
        docs = docs[: args.limit]
    started = time.perf_counter()
    settings = replace(
        DEFAULT,
        quote_model=not args.rules,
        quote_models=args.quote_models,
        quote_encoder=not args.no_encoder,
    )
    if args.cross_validate:
        docs, predicted = cross_validated(docs, settings, args.lang)
    else:
        predicted = predictions(docs, settings, args.lang)
    seconds = time.perf_counter() - started
    words = sum(len(doc.text.split()) for doc in docs)
    part = f" (every {args.hold_out}th article)" if args.hold_out else ""
    part += ", each group by a CRF trained on the others" if args.cross_validate else ""
    name = args.corpus.name if args.corpus else f"PolNeAR {args.split}"
    print(f"{name}{part}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} gold")
    print(
        f"attributions with content, {words} words, {seconds:.1f} s ({datetime.now(UTC):%Y-%m-%d})"
    )
    note = in_sample(folder, settings, args.lang, args.hold_out)
    if note and not args.cross_validate:
        print(note)
    print(report(docs, predicted))
    return 0


def in_sample(folder: Path, settings: Settings, language: str, hold_out: int) -> str | None:
    """A warning when the model scored was trained on the articles it is scored on: its meta
    names the corpus by its last two folders (as `nlp.train` writes it) and the fifth, say,
    it left out, which `hold_out` scores."""
    from quotidien.nlp.attribution import MODELS
    from quotidien.nlp.pipeline import model_folder, model_name

    name = model_name(language, settings) if settings.quote_model else None
    if name is None:
        return None
    meta = (model_folder(name, settings) or MODELS) / f"{name}.json"
    if not meta.is_file():
        return None
    made = json.loads(meta.read_text(encoding="utf-8"))
    corpus = made.get("corpus", "")
    if Path(corpus).parts[-2:] != folder.resolve().parts[-2:]:
        return None
    if hold_out and made.get("held_out_every") == hold_out:
        return None
    return f"note: {name} was trained on {corpus}: these figures are in-sample, not evidence"


if __name__ == "__main__":
    sys.exit(main())
