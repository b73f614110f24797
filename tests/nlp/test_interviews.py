"""Interview answers under question lines (`nlp/interviews.py`), by the rules and the model."""

from __future__ import annotations

import pytest
from helpers import analyzed

from quotidien import lang
from quotidien.nlp import interviews

FRENCH = lang.get("fr").quotes  # type: ignore[union-attr]
ENGLISH = lang.get("en").quotes  # type: ignore[union-attr]

INTERVIEW = (
    "Sécheresse : « Nous n'avons plus une goutte d'avance »\n\n"
    "Par Claire Dumas. Publié le 12 août 2025 à 7h00\n\n"
    "Maire de Saint-Aubin depuis 2014, Hélène Roux gère sa troisième crise de l'eau.\n\n"
    "Comment la commune tient-elle depuis juillet ?\n\n"
    "Grâce aux camions-citernes, deux fois par jour. Je remercie les habitants : ils ont "
    "réduit leur consommation de moitié.\n\n"
    "Avez-vous demandé l'aide de l'État ?\n\n"
    "Dès le 3 juillet. Le préfet a assuré que des moyens arriveraient sous huit jours. "
    "Nous les attendons toujours.\n\n"
    "Que direz-vous aux habitants ce soir ?\n\n"
    "La vérité : nous tiendrons jusqu'aux pluies d'automne, pas un jour de plus."
)


def _answers(text: str) -> list[str]:
    found = interviews.interview(text, FRENCH)
    return [] if found is None else [text[s:e][:12] for s, e in found.answers]


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_an_interviews_answers_are_quotes_and_its_questions_are_not(mode: str) -> None:
    record = analyzed(INTERVIEW, "fr", mode)
    by_start = {q.content.text[:20]: q for q in record.quotes}
    for start in ("Grâce aux camions-ci", "La vérité : nous tie"):
        assert by_start[start].cue is None
        assert by_start[start].kind == "direct"
    assert not [q for q in record.quotes if q.content.text.endswith("?")]  # no question
    assert not [q for q in record.quotes if q.cue and "vous" in q.cue.text]
    # an answer holding someone else's words is left to them
    prefect = [q for q in record.quotes if "sous huit jours" in q.content.text]
    assert [q.cue.text for q in prefect if q.cue] == ["a assuré"]


def test_an_explainers_questions_to_the_reader_make_no_interview() -> None:
    text = (
        "Chèque énergie : ce qui change en 2026\n\n"
        "Le gouvernement élargit le dispositif à 900 000 foyers.\n\n"
        "Êtes-vous concerné ?\n\n"
        "Le ministre de l'Économie a déclaré mardi que le plafond de revenus serait relevé. "
        "Vérifiez votre dernier avis d'imposition.\n\n"
        "Comment faire votre demande ?\n\n"
        "« Tout se fera en ligne, sans papier », a précisé Bercy."
    )
    assert _answers(text) == []  # the answers do not speak in the first person
    record = analyzed(text, "fr", "rules")
    cues = {q.cue.text for q in record.quotes if q.cue}
    assert {"a déclaré", "a précisé"} <= cues


def test_rhetorical_questions_a_title_and_a_single_pair_make_no_interview() -> None:
    report = (
        "Budget : les comptes de la ville en question\n\n"
        "Faut-il s'inquiéter de la dette de la ville ?\n\n"
        "Elle a doublé en dix ans, selon la chambre régionale des comptes.\n\n"
        "Qui paiera la piscine ?\n\n"
        "Les contribuables, pour l'essentiel, par la hausse de la taxe foncière."
    )
    assert _answers(report) == []  # no question addresses anyone
    text = (
        "Les petites lignes ont-elles un avenir ?\n\n"
        "Par Hélène Garrigue. Mis à jour le 22 mai 2025\n\n"
        "Pourquoi fermer maintenant ?\n\n"
        "Je vous l'ai dit : le trafic a baissé de moitié depuis 2019.\n\n"
        "Et vous, prendriez-vous le car ?\n\n"
        "Sans doute, s'il passait à l'heure, et mes voisins aussi."
    )
    assert _answers(text) == []  # one question addresses someone
    addressed = text.replace("Pourquoi fermer maintenant ?", "Pourquoi fermez-vous ?")
    assert _answers(addressed) == ["Je vous l'ai", "Sans doute, "]  # the title is no question


def test_an_english_interview_and_a_quoted_question() -> None:
    text = (
        "Ten questions for the new fire chief\n\n"
        "Maria Ortega took over the department in May.\n\n"
        "What surprised you most in your first month?\n\n"
        "How thin we are at night. Two engines cover the whole east side.\n\n"
        "Council members ask where the money went. What do you tell them?\n\n"
        "That I asked for it in March, and we are still waiting."
    )
    found = interviews.interview(text, ENGLISH)
    assert found is not None
    assert [text[s:e][:12] for s, e in found.answers] == ["How thin we ", "That I asked"]
    # a question in quotation marks is someone's words, not the interviewer's line
    quoted = text.replace("What surprised you most in your first month?", "\u201cWhy us?\u201d")
    assert interviews.interview(quoted, ENGLISH) is None
