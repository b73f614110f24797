"""Fine-tuning the encoder end to end on a small generated brat corpus, and resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_attribution import WORDS, needs_english
from test_encoder import TUNED, needs_encoder, needs_training
from test_train import _corpus

from quotidien.errors import ModelUnavailableError
from quotidien.nlp import attribution, encoder, encoder_torch, export_encoder, train, train_encoder
from quotidien.nlp.pipeline import pipeline_for

#: Enough steps for five short stories to be learnt, a few seconds on one core.
QUICK = ["--epochs", "40", "--batch", "5", "--learning-rate", "1e-3", "--frozen-layers", "4"]


@needs_english
@needs_encoder
@needs_training
def test_fine_tuning_writes_an_encoder_that_tags_new_text(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "models"
    _corpus(corpus)
    assert train_encoder.main([str(corpus), "--out", str(out), *QUICK]) == 0
    meta = json.loads((out / "attribution-en.encoder.json").read_text())
    assert meta["documents"] == 5
    assert meta["frozen_layers"] == 4
    base = encoder_torch.base_folder()
    assert meta["base_sha256"] == encoder.checksum(base / "model.safetensors")
    assert not (out / "attribution-en.encoder.checkpoint").exists()
    assert export_encoder.main(["--folder", str(out)]) == 0
    tuned = encoder.read_encoder(out / "attribution-en.encoder.onnx")
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


@needs_english
@needs_encoder
@needs_training
def test_a_smaller_student_of_the_shipped_encoder_is_trained_exported_and_read(
    tmp_path: Path,
) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "models"
    _corpus(corpus)
    student = ["--layers", "2", "--teacher", str(TUNED), "--epochs", "2", "--batch", "5"]
    assert train_encoder.main([str(corpus), "--out", str(out), *student]) == 0
    meta = json.loads((out / "attribution-en.encoder.json").read_text())
    assert (meta["layers"], meta["teacher_sha256"]) == (2, encoder.checksum(TUNED))
    model_file = "attribution-en.encoder.safetensors"
    model = encoder_torch.read_tuned(out / model_file)
    assert len(model.bert.encoder.layer) == 2
    with pytest.raises(ModelUnavailableError, match="6 layers"):  # a student teaches no one
        encoder_torch.new_model(encoder_torch.base_folder(), 1, start=out / model_file)
    assert export_encoder.main(["--folder", str(out)]) == 0
    tuned = encoder.read_encoder(out / "attribution-en.encoder.onnx")
    doc = pipeline_for("en")("Judge Ann Lee warned on Friday that the road would close.")
    rows = tuned.probabilities(doc)  # a student of the shipped encoder: it knows cues
    assert encoder.LABELS[int(rows[[t.text for t in doc].index("warned")].argmax())] == "B-CUE"


@needs_training
def test_a_student_starts_as_every_other_layer_of_its_teacher() -> None:
    import torch

    assert encoder_torch.kept_layers(6, 3) == [0, 2, 4]
    assert encoder_torch.kept_layers(6, 6) == list(range(6))
    for wrong in (0, 7):
        with pytest.raises(ModelUnavailableError, match=f"{wrong} layers"):
            encoder_torch.new_model(encoder_torch.base_folder(), wrong)
    base = encoder_torch.base_folder()
    teacher = encoder_torch.read_tuned(TUNED)
    student = encoder_torch.new_model(base, 3, start=TUNED)
    assert len(student.bert.encoder.layer) == 3
    pairs = [(student.bert.encoder.layer[k], teacher.bert.encoder.layer[2 * k]) for k in range(3)]
    for mine, theirs in [*pairs, (student.classifier, teacher.classifier)]:
        for one, two in zip(mine.parameters(), theirs.parameters(), strict=True):
            assert torch.equal(one, two)
    plain = encoder_torch.new_model(base, 3)  # no teacher: the base's layers 0, 2, 4
    assert not torch.equal(
        plain.bert.encoder.layer[1].output.dense.weight,
        student.bert.encoder.layer[1].output.dense.weight,
    )


@needs_training
def test_the_students_loss_mixes_the_gold_and_the_teacher_on_labelled_pieces() -> None:
    import torch

    data = [  # windows of different lengths: the shorter one is padded in the batch
        ([101, 2000, 2100, 2200, 2300, 102], [-100, 0, 5, 6, -100, -100]),
        ([101, 2400, 2500, 102], [-100, 3, 1, -100]),
    ]
    model = encoder_torch.new_model(encoder_torch.base_folder(), 2).eval()
    generator = torch.Generator().manual_seed(0)
    targets = []
    for ids, labels in data:
        rows = torch.softmax(torch.randn(len(ids), 7, generator=generator), dim=-1)
        rows[torch.tensor(labels) == -100] = 0.0  # as teacher_targets gives them
        targets.append(rows)
    with torch.inference_mode():
        gold = float(train_encoder._loss(model, data, [0, 1], None, 0.5))
        mixed = float(train_encoder._loss(model, data, [0, 1], targets, 0.25))
        divergence = 0.0
        for (ids, labels), wanted in zip(data, targets, strict=True):
            logits = model(input_ids=torch.tensor([ids])).logits[0]
            for k, label in enumerate(labels):
                if label != -100:  # KL(teacher || student) at each labelled piece
                    p, log_q = wanted[k], torch.log_softmax(logits[k], dim=-1)
                    divergence += float((p * (p.log() - log_q)).sum())
    divergence /= 5  # labelled pieces
    assert divergence > 0.1
    assert mixed == pytest.approx(0.75 * gold + 0.25 * divergence, rel=1e-3)


@needs_training
def test_unlabelled_transfer_texts_are_learnt_from_the_teacher_alone(tmp_path: Path) -> None:
    import torch

    (tmp_path / "a.txt").write_text("The mayor said the bridge would open.\n\nIt did not.")
    tokenizer = encoder.read_tokenizer(encoder_torch.base_folder() / "tokenizer.json")
    (ids, labels), *_ = train_encoder.transfer_samples(tmp_path, "en", tokenizer)
    assert labels[0] == labels[-1] == -100  # [CLS], [SEP]
    assert set(labels[1:-1]) == {train_encoder.UNLABELLED}  # every token one piece here
    model = encoder_torch.new_model(encoder_torch.base_folder(), 2).eval()
    wanted = torch.softmax(torch.randn(len(ids), 7, generator=torch.Generator().manual_seed(1)), -1)
    wanted[torch.tensor(labels) == -100] = 0.0
    with torch.inference_mode():
        alone = float(train_encoder._loss(model, [(ids, labels)], [0], [wanted], 0.25))
        logits = model(input_ids=torch.tensor([ids])).logits[0][1:-1]
        p = wanted[1:-1]
        divergence = float((p * (p.log() - torch.log_softmax(logits, -1))).sum(-1).mean())
    assert alone == pytest.approx(divergence, rel=1e-3)  # no gold: no cross-entropy share


def test_transfer_texts_need_a_teacher(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(tmp_path)
    assert train_encoder.main([str(tmp_path), "--transfer", str(tmp_path)]) == 2
    assert "--teacher" in capsys.readouterr().err


def test_the_stacked_crf_needs_an_encoder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path)
    assert train.main([str(tmp_path), "--out", str(tmp_path), "--encoder"]) == 2
    assert "--encoder" in capsys.readouterr().err


def test_batches_are_drawn_epoch_by_epoch_from_the_seed() -> None:
    settings = train_encoder.Settings(epochs=2.5, batch=4, seed=3)
    steps = train_encoder._batches(10, settings, 7)
    assert len(steps) == 7
    assert sorted(i for step in steps[:3] for i in step) == list(range(10))
    assert sorted(i for step in steps[3:6] for i in step) == list(range(10))
    assert steps[:3] != steps[3:6]  # reshuffled
    assert steps == train_encoder._batches(10, settings, 7)


class Stopped(Exception):
    pass


@needs_training
def test_a_stopped_run_resumes_to_the_same_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import torch

    data = [([101, 2000 + i, 2100 + i, 102], [-100, i % 7, (i + 1) % 7, -100]) for i in range(8)]
    settings = train_encoder.Settings(epochs=3, batch=2, frozen_layers=5, learning_rate=1e-3)
    monkeypatch.setattr(train_encoder, "SAVE_EVERY", 4)
    whole = train_encoder.fine_tune(data, settings, tmp_path / "a.checkpoint")
    save = train_encoder._save_checkpoint

    def stop_after_second(*args: object) -> None:
        save(*args)  # type: ignore[arg-type]
        if args[-1] == 8:
            raise Stopped  # as Ctrl-C would, just after a checkpoint

    monkeypatch.setattr(train_encoder, "_save_checkpoint", stop_after_second)
    checkpoint = tmp_path / "b.checkpoint"
    with pytest.raises(Stopped):
        train_encoder.fine_tune(data, settings, checkpoint)
    resumed = train_encoder.fine_tune(data, settings, checkpoint)
    assert "resuming at step 8" in capsys.readouterr().err
    for (name, one), two in zip(
        whole.state_dict().items(), resumed.state_dict().values(), strict=True
    ):
        assert torch.equal(one, two), name
    monkeypatch.setattr(train_encoder, "_save_checkpoint", save)
    other = train_encoder.fine_tune(data[:6], settings, checkpoint)  # other data: not resumed
    assert "starting over" in capsys.readouterr().err
    assert not torch.equal(other.classifier.weight, resumed.classifier.weight)


def test_a_corpus_without_annotations_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert train_encoder.main([str(tmp_path)]) == 2
    assert "attributions/" in capsys.readouterr().err
