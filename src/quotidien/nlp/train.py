"""Training the attribution model of a language from a brat-annotated corpus.

    python -m quotidien.nlp.train ../shared/data/polnear/train --lang en --jobs 2

reads every `.ann` of the corpus (an article annotated by several people counts once per
annotator), parses the texts with the language's spaCy pipeline, learns which lemmas the
corpus marks as cues, and fits the two CRF stages of `attribution.py` (the second on
cross-validated labels of the first). It writes `src/quotidien/models/attribution-LANG.crfsuite`,
`attribution-LANG-stack.crfsuite` and `.json` (the cue lexicon and how the model was made).
Deterministic for a given corpus, pipeline and parameters; about 35 minutes on PolNeAR train
with 2 cores (`--single`, the first stage alone: about 8). Not resumable: a stopped run is
started again.
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
from typing import TYPE_CHECKING, cast

from quotidien import lang
from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import attribution, brat, features

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: CRF settings: elastic-net regularisation (c1 prunes rare features, keeping the file
#: small), L-BFGS.
PARAMS: dict[str, object] = {
    "c1": 1.0,
    "c2": 5.0,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}
#: Folds of the cross-labelling that trains the second stage.
FOLDS = 4
#: A lemma needs this many occurrences before its cue rate is kept.
MIN_COUNT = 3
#: Pseudo-count added to a lemma's occurrences, shrinking rates of rare lemmas.
SMOOTHING = 2


@dataclass
class Example:
    doc: Doc
    labels: list[str]


def parse(texts: list[str], code: str) -> list[Doc]:
    from quotidien.nlp.pipeline import pipeline_for

    return list(pipeline_for(code).pipe(texts, batch_size=16))


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
        if count >= MIN_COUNT and cue[lemma] / (count + SMOOTHING) >= 0.05
    }
    return features.Lexicon(dict(sorted(rates.items())))


def fit(
    training: list[Example],
    words: QuoteWords,
    lexicon: features.Lexicon,
    path: Path,
    params: dict[str, object],
) -> None:
    import pycrfsuite

    settings = dict(params)
    trainer = pycrfsuite.Trainer(algorithm=str(settings.pop("algorithm", "lbfgs")), verbose=False)
    for example in training:
        trainer.append(features.doc_features(example.doc, words, lexicon), example.labels)
    trainer.set_params(settings)
    trainer.train(str(path))


def fit_stacked(
    training: list[Example],
    words: QuoteWords,
    lexicon: features.Lexicon,
    path: Path,
    params: dict[str, object],
    jobs: int = 1,
) -> None:
    """Both stages: the first on every example; the second on the first stage's labels as
    it would see them on unseen text, i.e. from models trained without that article
    (`FOLDS`-fold cross-labelling)."""
    _say("stage one on every example")
    fit(training, words, lexicon, path, params)
    _say(f"stage one on {FOLDS} folds, each labelling the articles it did not see")
    first = cross_labels(training, words, lexicon, params, jobs)
    _say("stage two on stage one's labels")
    import pycrfsuite

    settings = dict(params)
    trainer = pycrfsuite.Trainer(algorithm=str(settings.pop("algorithm", "lbfgs")), verbose=False)
    for example, labels in zip(training, first, strict=True):
        own = features.doc_features(example.doc, words, lexicon)
        trainer.append(features.stacked_features(example.doc, own, labels), example.labels)
    trainer.set_params(settings)
    trainer.train(str(attribution.second_stage(path)))


#: What the folds of `cross_labels` read (set before forking workers, which inherit it).
_FOLD_STATE: dict[str, object] = {}


def cross_labels(
    training: list[Example],
    words: QuoteWords,
    lexicon: features.Lexicon,
    params: dict[str, object],
    jobs: int = 1,
) -> list[list[str]]:
    """First-stage labels of every example by a model trained on the other folds; the
    examples of one article (several annotators) stay in one fold."""
    articles = sorted({id(example.doc) for example in training})
    fold_of = {doc_id: n % FOLDS for n, doc_id in enumerate(articles)}
    _FOLD_STATE.update(
        training=training, words=words, lexicon=lexicon, params=params, fold_of=fold_of
    )
    if jobs > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            results = list(pool.map(_label_fold, range(FOLDS)))
    else:
        results = [_label_fold(fold) for fold in range(FOLDS)]
    labels: list[list[str]] = [[] for _ in training]
    for result in results:
        for index, found in result:
            labels[index] = found
    return labels


def _label_fold(fold: int) -> list[tuple[int, list[str]]]:
    import tempfile

    import pycrfsuite

    training = cast(list[Example], _FOLD_STATE["training"])
    words = cast(QuoteWords, _FOLD_STATE["words"])
    lexicon = cast(features.Lexicon, _FOLD_STATE["lexicon"])
    fold_of = cast(dict[int, int], _FOLD_STATE["fold_of"])
    params = cast(dict[str, object], _FOLD_STATE["params"])
    rest = [e for e in training if fold_of[id(e.doc)] != fold]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fold.crfsuite"
        fit(rest, words, lexicon, path, params)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return [
            (index, tagger.tag(features.doc_features(example.doc, words, lexicon)))
            for index, example in enumerate(training)
            if fold_of[id(example.doc)] == fold
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with text/ and attributions/")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, default=attribution.MODELS)
    parser.add_argument("--jobs", type=int, default=1, help="processes for the folds")
    parser.add_argument(
        "--single", action="store_true", help="first stage only (no stacking; 5x faster)"
    )
    args = parser.parse_args(argv)
    language = lang.get(args.lang)
    if language is None:
        print(f"no language data for {args.lang!r}", file=sys.stderr)
        return 2
    if not (args.corpus / "attributions").is_dir():
        print(f"{args.corpus}: no attributions/ folder (brat standoff expected)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    documents = list(brat.documents(args.corpus, every_annotator=True))
    _say(f"parsing {len({d.name for d in documents})} texts ({len(documents)} annotations)")
    training = examples(documents, args.lang)
    lexicon = learn_lexicon(training)
    name = f"attribution-{args.lang}"
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{name}.crfsuite"
    if args.single:
        _say("stage one on every example")
        fit(training, language.quotes, lexicon, path, PARAMS)
        attribution.second_stage(path).unlink(missing_ok=True)
    else:
        fit_stacked(training, language.quotes, lexicon, path, PARAMS, args.jobs)
    meta = {
        "corpus": "/".join(args.corpus.resolve().parts[-2:]),
        "documents": len(documents),
        "pipeline": _pipeline_name(args.lang),
        "params": PARAMS,
        "stages": 1 if args.single else 2,
        "cue_rates": lexicon.rates,
    }
    (args.out / f"{name}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {len(documents)} documents, {time.perf_counter() - started:.0f} s")
    return 0


def _say(message: str) -> None:
    """Progress of a long training run, on standard error."""
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def _pipeline_name(code: str) -> str:
    from quotidien.nlp.pipeline import pipeline_for

    meta = pipeline_for(code).meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


if __name__ == "__main__":
    sys.exit(main())
