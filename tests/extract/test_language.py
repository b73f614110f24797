import pytest

from quotidien.extract.language import detect, normalise


@pytest.mark.parametrize(
    ("raw", "code"), [("fr-FR", "fr"), ("EN_us", "en"), ("", None), (None, None), ("-", None)]
)
def test_normalise(raw: str | None, code: str | None) -> None:
    assert normalise(raw) == code


def test_detects_french_and_english() -> None:
    assert (
        detect(
            "Le gouvernement a annoncé mardi une série de mesures pour soutenir les "
            "agriculteurs touchés par la sécheresse de cet été."
        )
        == "fr"
    )
    assert (
        detect(
            "The government announced on Tuesday a series of measures to support the "
            "farmers hit by this summer's drought."
        )
        == "en"
    )


def test_short_text_takes_the_hint_and_a_confident_guess_overrides_a_wrong_hint() -> None:
    assert detect("Bonjour", hint="fr-CA") == "fr"
    assert (
        detect(
            "The government announced on Tuesday a series of measures to support the "
            "farmers hit by this summer's drought.",
            hint="fr",
        )
        == "en"
    )
