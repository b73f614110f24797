"""Training the attribution model of a language from a brat-annotated corpus.

    python -m quotidien.nlp.train ../shared/data/polnear/train --lang en

reads every `.ann` of the corpus (an article annotated by several people counts once per
annotator), parses the texts with the language's spaCy pipeline, learns which lemmas the
corpus marks as cues, and fits the CRF of `attribution.py`. It writes
`src/quotidien/models/attribution-LANG.crfsuite` and `.json` (the cue lexicon and how the
model was made). With `--encoder`, after `quotidien.nlp.train_encoder` and
`export_encoder` wrote the encoder into the same folder, it fits the CRF that also reads
the encoder's labels instead: `attribution-LANG.stacked.crfsuite` and `.json`.
Deterministic for a given corpus, pipeline and parameters; about 10 minutes on PolNeAR
train, one core (15 with the encoder). Not resumable: a stopped run is started again.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import attribution, brat, encoder, features

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: CRF settings: elastic-net regularisation (c1 prunes rare features, keeping the file
#: small), L-BFGS.
PARAMS: dict[str, object] = {
    "c1": 2.0,
    "c2": 5.0,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}
#: A lemma needs this many occurrences before its cue rate is kept.
MIN_COUNT = 3
#: Punctuation that may be a cue ("Name: …"); other lemmas need a letter (a number tagged
#: as part of a cue now and then is noise).
CUE_PUNCTUATION = frozenset({":"})
#: Pseudo-count added to a lemma's occurrences, shrinking rates of rare lemmas.
SMOOTHING = 2


@dataclass
class Example:
    doc: Doc
    labels: list[str]


def parse(texts: list[str], code: str) -> list[Doc]:
    from quotidien.nlp.pipeline import parse_many, pipeline_for

    return list(parse_many(pipeline_for(code), texts, batch_size=16))


def gold_labels(doc: Doc, aligned: brat.Aligned, gold: list[brat.Attribution]) -> list[str]:
    """One BIO label per token from the corpus's attributions (raw offsets)."""
    labels = ["O"] * len(doc)
    starts = [token.idx for token in doc]
    for att in gold:
        for role, ranges in (("CON", att.content), ("SRC", att.source), ("CUE", att.cue)):
            mapped = [(aligned.to_article(a), aligned.to_article(b)) for a, b in ranges]
            features.paint(labels, starts, doc, mapped, role)
    return labels


def examples(documents: list[brat.Document], code: str) -> list[Example]:
    """Each annotated document parsed (each text once) with its gold labels."""
    names = sorted({doc.name: doc.text for doc in documents}.items())
    aligned = {name: brat.align(text, code) for name, text in names}
    texts = [aligned[name].article.text() for name, _ in names]
    parsed = dict(zip([name for name, _ in names], parse(texts, code), strict=True))
    return [
        Example(parsed[d.name], gold_labels(parsed[d.name], aligned[d.name], d.gold))
        for d in documents
    ]


def learn_lexicon(training: Iterable[Example]) -> features.Lexicon:
    """Per lemma, the share of its occurrences the corpus labels as (part of) a cue."""
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for example in training:
        for token, label in zip(example.doc, example.labels, strict=True):
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if label.endswith("CUE"):
                cue[lemma] += 1
    rates = {
        lemma: round(cue[lemma] / (count + SMOOTHING), 3)
        for lemma, count in seen.items()
        if count >= MIN_COUNT
        and cue[lemma] / (count + SMOOTHING) >= 0.05
        and (any(c.isalpha() for c in lemma) or lemma in CUE_PUNCTUATION)
    }
    return features.Lexicon(dict(sorted(rates.items())))


def fit(
    training: list[Example],
    words: QuoteWords,
    lexicon: features.Lexicon,
    path: Path,
    params: dict[str, object],
    reads: encoder.Encoder | None = None,
) -> None:
    """Fit the CRF (reading the encoder `reads` as well, if given) and write it to `path`."""
    import pycrfsuite

    settings = dict(params)
    trainer = pycrfsuite.Trainer(algorithm=str(settings.pop("algorithm", "lbfgs")), verbose=False)
    encoded: dict[int, np.ndarray] = {}  # a text annotated twice is encoded once
    for example in training:
        rows = None
        if reads is not None:
            if id(example.doc) not in encoded:
                encoded[id(example.doc)] = reads.probabilities(example.doc)
            rows = encoded[id(example.doc)]
        trainer.append(
            features.doc_features(example.doc, words, lexicon, encoded=rows), example.labels
        )
    trainer.set_params(settings)
    trainer.train(str(path))


def corpus_parser(description: str) -> argparse.ArgumentParser:
    """The arguments every training script takes: the corpus, the language, where to
    write, what to hold out."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", type=Path, help="folder with text/ and attributions/")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, default=attribution.MODELS)
    parser.add_argument(
        "--hold-out",
        type=int,
        default=0,
        metavar="N",
        help="leave out every N-th article (name order) for model selection",
    )
    return parser


def corpus_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the corpus arguments, if anything."""
    if not (args.corpus / "attributions").is_dir():
        return f"{args.corpus}: no attributions/ folder (brat standoff expected)"
    if args.hold_out == 1 or args.hold_out < 0:
        return f"--hold-out {args.hold_out}: give N >= 2 (every N-th article)"
    return None


def training_documents(args: argparse.Namespace) -> list[brat.Document]:
    """Every annotation of the corpus but the held-out ones."""
    documents = list(brat.documents(args.corpus, every_annotator=True))
    if args.hold_out:
        documents, _ = brat.held_out(documents, args.hold_out)
    say(f"parsing {len({d.name for d in documents})} texts ({len(documents)} annotations)")
    return documents


def provenance(args: argparse.Namespace, documents: list[brat.Document]) -> dict[str, object]:
    """What a model's meta says of the data it was trained on."""
    return {
        "corpus": "/".join(args.corpus.resolve().parts[-2:]),
        "documents": len(documents),
        "held_out_every": args.hold_out or None,
        "pipeline": pipeline_name(args.lang),
    }


def main(argv: list[str] | None = None) -> int:
    parser = corpus_parser(__doc__.split("\n")[0])
    parser.add_argument(
        "--encoder",
        action="store_true",
        help="fit the CRF that reads the encoder of the --out folder "
        "(NAME.encoder.onnx, from quotidien.nlp.train_encoder and export_encoder): "
        "NAME.stacked.*",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a CRF setting other than the default (c1, c2, max_iterations, algorithm…)",
    )
    args = parser.parse_args(argv)
    language = lang.get(args.lang)
    if language is None:
        print(f"no language data for {args.lang!r}", file=sys.stderr)
        return 2
    problem = corpus_problem(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    params = dict(PARAMS)
    for setting in args.set:
        name, equals, value = setting.partition("=")
        if not equals or not name:
            print(f"--set {setting!r}: expected NAME=VALUE (NAME= to drop it)", file=sys.stderr)
            return 2
        if value:
            params[name] = _number(value)
        else:  # "c1=": not set (the averaged perceptron has no c1)
            params.pop(name, None)
    name = f"attribution-{args.lang}"
    reads, encoder_sha256 = None, None
    if args.encoder:
        try:
            reads = encoder.read_encoder(args.out / f"{name}.encoder.onnx")
            encoder_sha256 = encoder.checksum(args.out / f"{name}.encoder.onnx")
        except ModelUnavailableError as error:
            print(f"--encoder: {error}", file=sys.stderr)
            return 2
    elif (args.out / f"{name}.stacked.crfsuite").is_file():
        say(
            f"note: {args.out / name}.stacked.crfsuite, used where the encoder is installed, "
            "stays as it is; retrain it with --encoder"
        )
    started = time.perf_counter()
    documents = training_documents(args)
    training = examples(documents, args.lang)
    lexicon = learn_lexicon(training)
    if reads is not None:
        name += ".stacked"
    args.out.mkdir(parents=True, exist_ok=True)
    say("fitting the CRF" + (" over the encoder's labels" if reads else ""))
    fit(training, language.quotes, lexicon, args.out / f"{name}.crfsuite", params, reads)
    meta = {
        **provenance(args, documents),
        "params": params,
        "reads_encoder": reads is not None,
        "encoder_sha256": encoder_sha256,
        "cue_rates": lexicon.rates,
    }
    (args.out / f"{name}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {len(documents)} documents, {time.perf_counter() - started:.0f} s")
    return 0


def _number(value: str) -> object:
    """A setting's value as crfsuite wants it: a number where it reads as one."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def say(message: str) -> None:
    """Progress of a long training run, on standard error."""
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def pipeline_name(code: str) -> str:
    from quotidien.nlp.pipeline import pipeline_for

    meta = pipeline_for(code).meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


if __name__ == "__main__":
    sys.exit(main())
