"""The training script end to end on a small generated brat corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from brat_markup import write
from test_attribution import WORDS, needs_english

from quotidien.errors import ModelUnavailableError
from quotidien.nlp import attribution, brat, train
from quotidien.nlp.pipeline import pipeline_for

PEOPLE = ["Mayor Tom Hall", "Senator Ruth Park", "The minister", "Judge Amy Stone", "The union"]
CUES = ["said", "argued", "warned", "claimed", "insisted"]
CLAIMS = [
    "the budget was balanced",
    "the bridge would open in March",
    "taxes had to rise",
    "the report was wrong",
    "talks would go on",
]


def _corpus(folder: Path) -> None:
    for n, (person, cue) in enumerate(zip(PEOPLE, CUES, strict=True)):
        claim = CLAIMS[n]
        other = CLAIMS[(n + 1) % len(CLAIMS)]
        write(
            folder,
            f"story{n}",
            f"City news {n}.\n\n[S1 {person}] [C1 {cue}] on Monday that [Q1 {claim}]. "
            f"The council met at noon.\n\n“[Q2 We disagree],” [S2 she] [C2 said]. "
            f"[S3 Officials] [C3 believe] [Q3 {other}].",
        )


@needs_english
def test_training_writes_a_model_that_tags_new_text(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "models"
    _corpus(corpus)
    assert train.main([str(corpus), "--lang", "en", "--out", str(out)]) == 0
    meta = json.loads((out / "attribution-en.json").read_text())
    assert meta["documents"] == 5
    assert meta["cue_rates"]["say"] > 0.3
    model = attribution.read_model(out / "attribution-en.crfsuite")
    text = "Governor Ann Lee said on Friday that the new road would open in May."
    doc = pipeline_for("en")(text)
    (quote,) = attribution.find_attributions(doc, WORDS, model)
    assert quote.speaker is not None
    assert doc[quote.speaker[0] : quote.speaker[1]].text.endswith("Ann Lee")
    assert text[slice(*quote.content)].startswith("the new road would open")


def test_bad_settings_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(tmp_path)
    assert train.main([str(tmp_path), "--set", "c1"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert train.main([str(tmp_path), "--hold-out", "1"]) == 2
    assert "N >= 2" in capsys.readouterr().err


def test_bad_corpus_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train.main([str(tmp_path), "--lang", "en"]) == 2
    assert "no attributions/ folder" in capsys.readouterr().err
    assert train.main([str(tmp_path), "--lang", "xx"]) == 2


@needs_english
def test_settings_and_hold_out_from_the_command_line_are_used_and_recorded(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "models"
    _corpus(corpus)
    argv = [str(corpus), "--out", str(out), "--set", "max_iterations=7", "--set", "c1="]
    assert train.main([*argv, "--hold-out", "5"]) == 0
    meta = json.loads((out / "attribution-en.json").read_text())
    assert (meta["documents"], meta["held_out_every"]) == (4, 5)  # story4 left out
    params = meta["params"]
    assert params["max_iterations"] == 7
    assert "c1" not in params
    assert params["c2"] == train.PARAMS["c2"]


def test_setting_values_are_numbers_where_they_read_as_one() -> None:
    assert train._number("150") == 150
    assert train._number("0.5") == 0.5
    assert train._number("lbfgs") == "lbfgs"


def test_training_documents_leave_out_a_fold_and_the_held_out_articles(tmp_path: Path) -> None:
    _corpus(tmp_path)
    args = train.corpus_parser("").parse_args([str(tmp_path)])
    assert [d.name for d in train.training_documents(args, (2, 2))] == [
        "story0",
        "story2",
        "story4",
    ]
    args.hold_out = 5  # story4 held out as well
    assert [d.name for d in train.training_documents(args, (2, 2))] == ["story0", "story2"]


def _fold_meta(folder: Path, number: int, count: int, corpus: str) -> None:
    meta = {"corpus": corpus, "left_out_fold": [number, count]}
    path = folder / f"attribution-en.encoder.fold-{number}-of-{count}.json"
    path.write_text(json.dumps(meta))
    path.with_suffix(".safetensors").write_bytes(bytes([number]))


def test_each_text_is_labelled_by_the_fold_encoder_that_left_it_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, folds = tmp_path / "train", tmp_path / "folds"
    _corpus(corpus)
    folds.mkdir()
    args = train.corpus_parser("").parse_args([str(corpus)])
    args.out_of_fold = folds
    monkeypatch.setattr(train.encoder, "read_encoder", lambda path: path.name)  # which file
    with pytest.raises(ModelUnavailableError, match="none"):
        train.out_of_fold(args, "attribution-en")
    _fold_meta(folds, 1, 2, "tmp/train")
    with pytest.raises(ModelUnavailableError, match="fold-1-of-2"):  # fold 2 missing
        train.out_of_fold(args, "attribution-en")
    _fold_meta(folds, 2, 2, f"{tmp_path.name}/train")
    with pytest.raises(ModelUnavailableError, match="tmp/train"):  # another corpus
        train.out_of_fold(args, "attribution-en")
    _fold_meta(folds, 1, 2, f"{tmp_path.name}/train")
    reads, checksums = train.out_of_fold(args, "attribution-en")
    assert len(set(checksums)) == 2
    left_out = {d.name: reads(train.Example(None, [], d.name)) for d in brat.documents(corpus)}  # type: ignore[arg-type]
    assert left_out == {
        "story0": "attribution-en.encoder.fold-1-of-2.safetensors",
        "story1": "attribution-en.encoder.fold-2-of-2.safetensors",
        "story2": "attribution-en.encoder.fold-1-of-2.safetensors",
        "story3": "attribution-en.encoder.fold-2-of-2.safetensors",
        "story4": "attribution-en.encoder.fold-1-of-2.safetensors",
    }


def test_out_of_fold_goes_with_the_encoder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path)
    assert train.main([str(tmp_path), "--out-of-fold", str(tmp_path)]) == 2
    assert "--encoder" in capsys.readouterr().err
