"""The training script end to end on a small generated brat corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from brat_markup import write
from test_attribution import WORDS, needs_english

from quotidien.nlp import attribution, train
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
    corpus = [str(tmp_path), "--out", str(tmp_path / "models")]  # never the shipped ones
    assert train.main([*corpus, "--set", "c1"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert train.main([*corpus, "--hold-out", "1"]) == 2
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
