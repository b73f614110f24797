"""What the attribution tagger reads (`nlp/features.py`)."""

from __future__ import annotations

import numpy as np
from test_attribution import WORDS, needs_english

from quotidien.nlp import features
from quotidien.nlp.encoder import LABELS
from quotidien.nlp.pipeline import pipeline_for
from quotidien.nlp.quotes import find_quotes

LEXICON = features.Lexicon({"say": 0.9, "claim": 0.3, "report": 0.1})


def test_lexicon_levels() -> None:
    assert [LEXICON.level(w) for w in ("say", "claim", "report", "table")] == [
        "hi",
        "mid",
        "lo",
        "",
    ]


def test_distances_to_the_last_mark() -> None:
    assert features._distances([False, True, False, False, True]) == [0, 0, 1, 2, 3]


@needs_english
def test_features_carry_rules_quotes_marks_and_the_cue_path() -> None:
    text = 'Smith said the plan "works well" for now.'
    doc = pipeline_for("en")(text)
    rows = features.doc_features(doc, WORDS, LEXICON, find_quotes(doc, WORDS))
    assert len(rows) == len(doc)
    at = {token.text: rows[token.i] for token in doc}
    assert "r=B-SRC" in at["Smith"]
    assert "r=B-CUE" in at["said"]
    assert "q=in" in at["works"]
    assert "q=mark" in at['"']
    assert "lex=hi" in at["said"]
    assert any(f.startswith("acue=") and f != "acue=|" for f in at["plan"])  # under "said"
    assert "-1:w=smith" in at["said"]


@needs_english
def test_one_long_sentence_gets_a_row_per_token() -> None:
    doc = pipeline_for("en")(" ".join(["said"] + ["word"] * 3000))
    rows = features.doc_features(doc, WORDS, LEXICON)
    assert len(rows) == len(doc)


@needs_english
def test_the_encoders_labels_and_how_sure_it_is() -> None:
    doc = pipeline_for("en")("Smith said it works.")
    encoded = np.full((len(doc), len(LABELS)), 0.05)
    for i, (label, sure) in enumerate(
        [("B-SRC", 0.95), ("B-CUE", 0.7), ("B-CON", 0.4), ("I-CON", 0.92), ("O", 0.99)]
    ):
        encoded[i, LABELS.index(label)] = sure
    plain = features.doc_features(doc, WORDS, LEXICON)
    rows = features.doc_features(doc, WORDS, LEXICON, encoded=encoded)
    added = [sorted(set(row) - set(before)) for row, before in zip(rows, plain, strict=True)]
    assert added[0] == ["enc+1=B-CUE", "enc=B-SRC", "enc=B-SRC:hi"]
    assert added[1] == ["enc+1=B-CON", "enc-1=B-SRC", "enc=B-CUE", "enc=B-CUE:mid"]
    assert "enc=B-CON:lo" in added[2]
    assert added[4] == ["enc-1=I-CON", "enc=O", "enc=O:hi"]
    assert not any(f.startswith("enc") for row in plain for f in row)
