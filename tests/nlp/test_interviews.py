"""Interview answers under question lines (`nlp/interviews.py`), through the quote rules."""

from __future__ import annotations

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
    "Grâce aux camions-citernes, deux fois par jour. Les habitants ont réduit leur "
    "consommation de moitié, mais le forage ne suffit plus.\n\n"
    "Avez-vous demandé l'aide de l'État ?\n\n"
    "Dès le 3 juillet. Le préfet a assuré que des moyens arriveraient « sous huit jours ». "
    "Nous les attendons toujours.\n\n"
    "Que direz-vous aux habitants ce soir ?\n\n"
    "La vérité : il faudra tenir jusqu'aux pluies d'automne."
)


def test_each_answer_of_an_interview_is_a_quote_with_no_cue_or_speaker_in_the_text() -> None:
    record = analyzed(INTERVIEW, "fr", "rules")
    answers = [q for q in record.quotes if q.cue is None]
    assert [q.content.text[:20] for q in answers] == [
        "Grâce aux camions-ci",
        "Dès le 3 juillet. Le",
        "La vérité : il faudr",
    ]
    assert all(q.kind == "direct" for q in answers)
    # the prefect's words inside an answer belong to the answer (one attribution a word)
    assert not [q for q in record.quotes if "sous huit jours" in q.content.text and q.cue]


def test_a_reports_rhetorical_questions_are_no_interview() -> None:
    text = (
        "Budget : les comptes de la ville en question\n\n"
        "Faut-il s'inquiéter de la dette de la ville ?\n\n"
        "Elle a doublé en dix ans, selon la chambre régionale des comptes.\n\n"
        "Qui paiera la piscine ?\n\n"
        "Les contribuables, pour l'essentiel, par la hausse de la taxe foncière."
    )
    assert interviews.answers(text, FRENCH) == []
    record = analyzed(text, "fr", "rules")
    assert all(q.cue is not None for q in record.quotes)


def test_a_question_for_a_title_and_a_single_addressed_question_make_no_interview() -> None:
    text = (
        "Les petites lignes ont-elles un avenir ?\n\n"
        "Par Hélène Garrigue. Mis à jour le 22 mai 2025\n\n"
        "La région a fermé trois lignes en cinq ans.\n\n"
        "Pourquoi fermer maintenant ?\n\n"
        "Le trafic a baissé de moitié depuis 2019.\n\n"
        "Et vous, prendriez-vous le car ?\n\n"
        "Sans doute, s'il passait à l'heure."
    )
    assert interviews.answers(text, FRENCH) == []  # one question addresses someone
    addressed = text.replace("Pourquoi fermer maintenant ?", "Pourquoi fermez-vous maintenant ?")
    found = [addressed[s:e][:10] for s, e in interviews.answers(addressed, FRENCH)]
    assert found == ["Le trafic ", "Sans doute"]  # the title and the byline are not a pair


def test_an_english_interview_and_a_quoted_question() -> None:
    text = (
        "Ten questions for the new fire chief\n\n"
        "Maria Ortega took over the department in May.\n\n"
        "What surprised you most in your first month?\n\n"
        "How thin we are at night. Two engines cover the whole east side.\n\n"
        "Council members ask where the money went. What do you tell them?\n\n"
        "That we asked for it in March, and we are still waiting."
    )
    spans = interviews.answers(text, ENGLISH)
    assert [text[s:e][:12] for s, e in spans] == ["How thin we ", "That we aske"]
    # a question in quotation marks is someone's words, not the interviewer's line
    quoted = text.replace("What surprised you most in your first month?", "\u201cWhy us?\u201d")
    assert interviews.answers(quoted, ENGLISH) == []
