"""Learned attribution tagging: a linear-chain CRF over parsed tokens, on top of the rules.

Where a language ships a trained model (`Language.attribution_model`, trained by
`quotidien.nlp.train` on an annotated corpus such as PolNeAR), every token of a parsed Doc
is tagged as part of a source, a cue or a content (BIO; `features.py` says what the model
reads), and the tagged spans are grouped into attributions (`grouping.py`). The rules'
quotes (`quotes.py`) are one of the model's inputs and fill what it leaves out (a hybrid):
the model learns where the corpus's conventions differ from the rules (thoughts and
evidence as attributions, noun cues, span edges) and keeps what they get right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quotidien.errors import ModelUnavailableError
from quotidien.lang.quotes import QuoteWords
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

    def tag(self, doc: Doc, words: QuoteWords, by_rules: list[FoundQuote]) -> list[str]:
        labels: list[str] = self.tagger.tag(doc_features(doc, words, self.lexicon, by_rules))
        return labels


@cache
def load(name: str, folder: Path | None = None) -> Model:
    """The model `NAME.crfsuite` of `folder` (by default the shipped ones,
    `quotidien/models/`), once per process."""
    return read_model((folder or MODELS) / f"{name}.crfsuite")


def read_model(path: Path) -> Model:
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
    return decode(doc, model.tag(doc, words, by_rules), words, by_rules)
