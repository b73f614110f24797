"""What the attribution tagger reads (`nlp/features.py`)."""

from __future__ import annotations

from test_attribution import WORDS, needs_english

from quotidien.nlp import features
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
