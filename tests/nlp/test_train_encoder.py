"""Fine-tuning the encoder end to end on a small generated brat corpus, and resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_attribution import WORDS, needs_english
from test_encoder import needs_encoder
from test_train import _corpus

from quotidien.nlp import attribution, encoder, train, train_encoder
from quotidien.nlp.pipeline import pipeline_for

#: Enough steps for five short stories to be learnt, a few seconds on one core.
QUICK = ["--epochs", "40", "--batch", "5", "--learning-rate", "1e-3", "--frozen-layers", "4"]


@needs_english
@needs_encoder
def test_fine_tuning_writes_an_encoder_that_tags_new_text(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "models"
    _corpus(corpus)
    assert train_encoder.main([str(corpus), "--out", str(out), *QUICK]) == 0
    meta = json.loads((out / "attribution-en.encoder.json").read_text())
    assert meta["documents"] == 5
    assert meta["frozen_layers"] == 4
    assert meta["base_sha256"] == encoder.checksum(encoder.base_folder() / "model.safetensors")
    assert not (out / "attribution-en.encoder.checkpoint").exists()
    tuned = encoder.read_encoder(out / "attribution-en.encoder.safetensors")
    doc = pipeline_for("en")("Judge Ann Lee warned on Friday that the road would close.")
    labels = [encoder.LABELS[int(row.argmax())] for row in tuned.probabilities(doc)]
    assert labels[[t.text for t in doc].index("warned")] == "B-CUE"
    assert labels[[t.text for t in doc].index("road")] in ("B-CON", "I-CON")
    # then the CRF that reads it, beside the plain one
    assert train.main([str(corpus), "--out", str(out)]) == 0
    assert train.main([str(corpus), "--out", str(out), "--encoder"]) == 0
    assert json.loads((out / "attribution-en.stacked.json").read_text())["reads_encoder"]
    model = attribution.read_model(out / "attribution-en.crfsuite")
    assert model.encoder is not None
    (quote,) = attribution.find_attributions(doc, WORDS, model)
    assert doc[slice(*quote.speaker or (0, 0))].text.endswith("Ann Lee")


def test_the_stacked_crf_needs_an_encoder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path)
    assert train.main([str(tmp_path), "--out", str(tmp_path), "--encoder"]) == 2
    assert "--encoder" in capsys.readouterr().err


@needs_encoder
def test_batches_are_the_same_for_a_resumed_run() -> None:
    settings = train_encoder.Settings(epochs=2.5, batch=4, seed=3)
    steps = train_encoder._batches(10, settings, 7)
    assert len(steps) == 7
    assert sorted(i for step in steps[:3] for i in step) == list(range(10))
    assert steps == train_encoder._batches(10, settings, 7)


@needs_encoder
def test_a_checkpoint_is_resumed_only_with_the_same_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import torch

    settings = train_encoder.Settings(frozen_layers=5)
    model = encoder.new_model(encoder.base_folder())
    tuned = train_encoder._tuned_parameters(model, settings.frozen_layers)
    optimizer = torch.optim.AdamW(tuned)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    path = tmp_path / "x.checkpoint"
    train_encoder._save_checkpoint(path, model, optimizer, schedule, settings, 12)
    assert train_encoder._resume(path, model, optimizer, schedule, settings) == 12
    other = train_encoder.Settings(frozen_layers=4)
    assert train_encoder._resume(path, model, optimizer, schedule, other) == 0
    assert "other settings" in capsys.readouterr().err


def test_a_corpus_without_annotations_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert train_encoder.main([str(tmp_path)]) == 2
    assert "attributions/" in capsys.readouterr().err
