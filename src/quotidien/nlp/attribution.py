"""Learned attribution tagging: a linear-chain CRF over parsed tokens, on top of the rules.

Where a language ships a trained model (`Language.attribution_model`, trained by
`quotidien.nlp.train` on an annotated corpus such as PolNeAR), every token of a parsed Doc
is tagged as part of a source, a cue or a content (BIO; `features.py` says what the model
reads), and the tagged spans are grouped into attributions (`grouping.py`). The rules'
quotes (`quotes.py`) are one of the model's inputs and fill what it leaves out (a hybrid):
the model learns where the corpus's conventions differ from the rules (thoughts and
evidence as attributions, noun cues, span edges) and keeps what they get right. Where a
fine-tuned encoder ships beside the CRF (`NAME.encoder.onnx`, see `encoder.py`) and
the `encoder` extra is installed, a second CRF that also reads the encoder's labels
(`NAME.stacked.crfsuite`) takes the first one's place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quotidien.errors import ModelUnavailableError
from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import encoder as encoders
from quotidien.nlp.features import Lexicon, doc_features
from quotidien.nlp.grouping import decode
from quotidien.nlp.quotes import FoundQuote, find_quotes

if TYPE_CHECKING:
    import pycrfsuite
    from spacy.tokens import Doc

#: Where trained models ship (package data).
MODELS = Path(__file__).resolve().parents[1] / "models"


@dataclass(frozen=True)
class Model:
    tagger: pycrfsuite.Tagger
    lexicon: Lexicon
    #: The fine-tuned encoder this CRF was trained to read (`encoder.py`), if any.
    encoder: encoders.Encoder | None = None
    #: Why a shipped encoder is not used (the `encoder` extra not installed, say).
    encoder_missing: str | None = None

    def tag(self, doc: Doc, words: QuoteWords, by_rules: list[FoundQuote]) -> list[str]:
        encoded = None if self.encoder is None else self.encoder.probabilities(doc)
        labels: list[str] = self.tagger.tag(
            doc_features(doc, words, self.lexicon, by_rules, encoded)
        )
        return labels


def load(name: str, folder: Path | None = None, encoder: bool = True) -> Model:
    """The model `NAME` of `folder` (by default the shipped ones, `quotidien/models/`), with
    its encoder where there is one and `encoder`, once per process."""
    return _load((folder or MODELS) / f"{name}.crfsuite", encoder)


@cache
def _load(path: Path, encoder: bool) -> Model:  # one key however `load` is called
    return read_model(path, encoder)


def read_model(path: Path, encoder: bool = True) -> Model:
    """The CRF at `path` (`NAME.crfsuite`, with its cue lexicon beside it in `NAME.json`).
    With `encoder`, where the encoder `NAME.encoder.onnx` and the CRF trained to read
    it, `NAME.stacked.crfsuite`, are beside it: those, if the `encoder` extra is
    installed."""
    stacked = path.with_suffix(".stacked.crfsuite")
    encoder_path = path.with_suffix(".encoder.onnx")
    if not (encoder and stacked.is_file() and encoder_path.is_file()):
        return read_crf(path)
    try:
        reads = encoders.read_encoder(encoder_path)
        _check_fitted_on(stacked, encoder_path)
        return replace(read_crf(stacked), encoder=reads)
    except ModelUnavailableError as error:
        return replace(read_crf(path), encoder_missing=str(error))


def _check_fitted_on(stacked: Path, encoder_path: Path) -> None:
    """A stacked CRF is only good with the encoder it was fitted on (`train --encoder` writes
    that encoder's checksum into its meta)."""
    meta = json.loads(stacked.with_suffix(".json").read_text(encoding="utf-8"))
    if meta.get("encoder_sha256") != encoders.checksum(encoder_path):
        raise ModelUnavailableError(
            f"{stacked} was fitted on another encoder than {encoder_path}: "
            "retrain it with `python -m quotidien.nlp.train … --encoder`"
        )


def read_crf(path: Path) -> Model:
    """A trained tagger and, beside it with the suffix `.json`, its cue lexicon."""
    import pycrfsuite

    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise ModelUnavailableError(f"attribution model {path} (and its .json) not found")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    rates = json.loads(meta_path.read_text(encoding="utf-8"))["cue_rates"]
    return Model(tagger, Lexicon(rates))


def find_attributions(doc: Doc, words: QuoteWords, model: Model) -> list[FoundQuote]:
    """Every attribution in `doc` by a trained model (see `load`)."""
    by_rules = find_quotes(doc, words)
    return decode(doc, model.tag(doc, words, by_rules), words, by_rules, model.lexicon)
