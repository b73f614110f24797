"""Grouping tagged spans into attributions (`nlp/grouping.py`), on parsed English text."""

from __future__ import annotations

from spacy.tokens import Doc
from test_attribution import WORDS, needs_english

from quotidien import lang
from quotidien.nlp import grouping
from quotidien.nlp.entities import find_entities
from quotidien.nlp.features import Lexicon
from quotidien.nlp.pipeline import pipeline_for
from quotidien.nlp.quotes import FoundQuote, find_quotes


def test_spans_from_bio() -> None:
    labels = ["B-SRC", "I-SRC", "B-CUE", "I-CON", "I-CON", "O", "B-CON", "B-CON", "I-CUE"]
    found = [(s.role, s.start, s.end) for s in grouping.spans(labels)]
    assert found == [
        ("SRC", 0, 2),
        ("CUE", 2, 3),
        ("CON", 3, 5),  # an I- after another role opens a span
        ("CON", 6, 7),
        ("CON", 7, 8),  # B- after B- of the same role: two spans
        ("CUE", 8, 9),
    ]


def _labelled(
    text: str, marks: list[tuple[str, str]], language: str = "en"
) -> tuple[Doc, list[str]]:
    doc = pipeline_for(language)(text)
    labels = ["O"] * len(doc)
    for phrase, role in marks:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        assert span is not None
        for k in range(span.start, span.end):
            labels[k] = ("B-" if k == span.start else "I-") + role
    return doc, labels


@needs_english
def test_decode_groups_by_parse_and_carries_speaker_to_a_continued_quote() -> None:
    text = (
        "The senator said the bill was dead. “It will never pass,” she added. "
        "“Not this year.”\n\nThe vote is in May."
    )
    doc, labels = _labelled(
        text,
        [
            ("The senator", "SRC"),
            ("said", "CUE"),
            ("the bill was dead", "CON"),
            ("“It will never pass,”", "CON"),
            ("she", "SRC"),
            ("added", "CUE"),
            ("“Not this year.”", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    got = [(text[slice(*q.content)], q.kind, doc[q.speaker[0] : q.speaker[1]].text) for q in found]
    assert got == [
        ("the bill was dead", "indirect", "The senator"),
        ("It will never pass", "direct", "she"),
        ("Not this year.", "direct", "she"),
    ]
    assert found[1].speaker_is_pronoun


@needs_english
def test_decode_finds_the_subject_of_a_participle_cue() -> None:
    text = "Clinton mocked the complaint, saying anybody who complains is not having a good night."
    doc, labels = _labelled(
        text, [("saying", "CUE"), ("anybody who complains is not having a good night", "CON")]
    )
    (quote,) = grouping.decode(doc, labels, WORDS)
    assert quote.speaker is not None
    assert doc[quote.speaker[0] : quote.speaker[1]].text == "Clinton"


@needs_english
def test_participle_cue_shares_the_source_tagged_for_the_main_cue() -> None:
    text = "Sanders said the tax cut was a mistake, suggesting a few questions for the debate."
    doc, labels = _labelled(
        text,
        [
            ("Sanders", "SRC"),
            ("said", "CUE"),
            ("the tax cut was a mistake", "CON"),
            ("suggesting", "CUE"),
            ("a few questions for the debate", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    speakers = {text[slice(*q.content)]: q.speaker for q in found}
    assert speakers["a few questions for the debate"] == speakers["the tax cut was a mistake"]
    assert speakers["a few questions for the debate"] is not None


@needs_english
def test_quote_opening_the_next_paragraph_carries_on_after_an_incise() -> None:
    text = (
        "“I will not just talk like a conservative,” Espinoza said Friday.\n\n"
        "“I am a proven champion of the rule of law.”"
    )
    doc, labels = _labelled(
        text,
        [
            ("“I will not just talk like a conservative,”", "CON"),
            ("Espinoza", "SRC"),
            ("said", "CUE"),
            ("“I am a proven champion of the rule of law.”", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    assert len(found) == 2
    assert found[0].speaker == found[1].speaker is not None


@needs_english
def test_a_quotation_mark_hung_on_the_sentence_before_does_not_choose_the_cue() -> None:
    text = (
        "He broadcasts his support in other ways, from a bumper sticker on his car to "
        "speeches at the county courthouse. ''A pastor in Iowa is out in the community,'' "
        "Mr. Brown said."
    )
    doc, labels = _labelled(
        text,
        [
            ("He", "SRC"),
            ("broadcasts", "CUE"),
            ("his support in other ways", "CON"),
            ("''A pastor in Iowa is out in the community,''", "CON"),
            ("Mr. Brown", "SRC"),
            ("said", "CUE"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    pastor = next(q for q in found if text[slice(*q.content)].startswith("A pastor"))
    assert pastor.speaker is not None
    assert doc[pastor.speaker[0] : pastor.speaker[1]].text == "Mr. Brown"
    assert pastor.cue is not None
    assert text[slice(*pastor.cue)] == "said"


@needs_english
def test_subject_found_from_a_cue_of_two_words_and_from_a_noun_it_hangs_on() -> None:
    text = (
        "Donald Trump went with the odds, pointing out that North Carolina would win. "
        "Officials speaking on condition of anonymity said nothing more."
    )
    doc, labels = _labelled(
        text,
        [
            ("pointing out", "CUE"),
            ("that North Carolina would win", "CON"),
            ("speaking", "CUE"),
            ("on condition of anonymity", "CON"),
        ],
    )
    found = {text[slice(*q.content)]: q for q in grouping.decode(doc, labels, WORDS)}
    pointing = found["that North Carolina would win"]
    assert pointing.speaker is not None
    assert doc[pointing.speaker[0] : pointing.speaker[1]].text == "Donald Trump"
    officials = found["on condition of anonymity"]
    assert officials.speaker is not None
    assert doc[officials.speaker[0] : officials.speaker[1]].text == "Officials"


@needs_english
def test_content_without_cue_stands_alone_across_paragraphs() -> None:
    text = "Smith said the plan works.\n\nLater.\n\nMore on this.\n\n“We are ready.”"
    doc, labels = _labelled(
        text,
        [("Smith", "SRC"), ("said", "CUE"), ("the plan works", "CON"), ("“We are ready.”", "CON")],
    )
    found = grouping.decode(doc, labels, WORDS)
    assert found[-1].speaker is None
    assert found[-1].cue is None


@needs_english
def test_scare_quote_alone_is_dropped_but_a_short_sentence_is_kept() -> None:
    text = "The plan is a “boondoggle” for some.\n\nIt rained.\n\nLater: “We won.”"
    doc, labels = _labelled(text, [("“boondoggle”", "CON"), ("“We won.”", "CON")])
    found = grouping.decode(doc, labels, WORDS)
    assert [text[slice(*q.content)] for q in found] == ["We won."]


@needs_english
def test_rules_fill_what_the_tagger_left_out() -> None:
    text = "Smith said the plan works. Jones said that the vote would be close."
    doc, labels = _labelled(text, [("said", "CUE"), ("the plan works", "CON")])
    rules = grouping.decode(doc, ["O"] * len(doc), WORDS)  # nothing tagged: nothing found
    assert rules == []
    found = grouping.decode(doc, labels, WORDS, find_quotes(doc, WORDS))
    got = [(text[slice(*q.content)], doc[q.speaker[0] : q.speaker[1]].text) for q in found]
    assert got == [
        ("the plan works", "Smith"),  # speaker from the rules' quote of the same content
        ("that the vote would be close", "Jones"),  # the rules' quote the tagger missed
    ]


@needs_english
def test_overlapping_contents_keep_the_longer() -> None:
    quotes = [
        FoundQuote("direct", (10, 20), None, None),
        FoundQuote("mixed", (0, 40), None, None),
        FoundQuote("indirect", (50, 60), None, None),
    ]
    kept = grouping._without_overlaps(quotes, pipeline_for("en")("word " * 20), WORDS)
    assert [q.content for q in kept] == [(0, 40), (50, 60)]


@needs_english
def test_one_word_content_is_kept_only_when_it_names_someone_or_something() -> None:
    text = "Christie endorsed Trump. That is what Smith said. Gov. Brown endorsed her."
    doc, labels = _labelled(
        text,
        [
            ("Christie", "SRC"),
            ("endorsed", "CUE"),
            ("Trump", "CON"),
            ("what", "CON"),
            ("Smith", "SRC"),
            ("said", "CUE"),
            ("Gov. Brown", "SRC"),
            ("endorsed her", "CUE"),
        ],
    )
    labels[len(doc) - 2] = "B-CON"  # "her"
    labels[len(doc) - 3] = "B-CUE"
    found = grouping.decode(doc, labels, WORDS)
    assert [text[slice(*q.content)] for q in found] == ["Trump", "her"]


@needs_english
def test_content_is_cut_before_a_finite_verb_coordinated_with_its_cue_only() -> None:
    cases = [  # text, cue, the tagger's content, the content kept
        (
            "She started off by emphasizing economic fairness, and a need to raise the wage.",
            "emphasizing",
            "economic fairness, and a need to raise the wage",
            "economic fairness, and a need to raise the wage",
        ),
        (
            "The mayor called the plan a failure, and the council voted it down.",
            "called",
            "the plan a failure, and the council voted it down",
            "the plan a failure",
        ),
        (  # the words right after the cue, not the next sentence the content ran into
            "Sen. Heidi Heitkamp opposes the measure, and three GOP senators back it. "
            "Democrats would need to pick up at least fifteen more seats to have enough votes.",
            "opposes",
            "the measure, and three GOP senators back it. Democrats would need to pick up at "
            "least fifteen more seats to have enough votes",
            "the measure",
        ),
        (
            "She continued “When the media dies down, and she is still saying it, it helps.”",
            "continued",
            "“When the media dies down, and she is still saying it, it helps.”",
            "When the media dies down, and she is still saying it, it helps.",
        ),
    ]
    for text, cue, content, kept in cases:
        doc, labels = _labelled(text, [(text.split()[0], "SRC"), (cue, "CUE"), (content, "CON")])
        (quote,) = grouping.decode(doc, labels, WORDS)
        assert text[slice(*quote.content)] == kept


@needs_english
def test_participle_the_corpus_marks_as_a_cue_starts_a_report_of_its_own() -> None:
    text = "Perdue said he did not believe it, arguing that the divisions were a bigger hurdle."
    doc, labels = _labelled(
        text,
        [
            ("Perdue", "SRC"),
            ("said", "CUE"),
            ("he did not believe it, arguing that the divisions were a bigger hurdle", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS, lexicon=Lexicon({"argue": 0.9}))
    got = [(text[slice(*q.cue)] if q.cue else None, text[slice(*q.content)]) for q in found]
    assert got == [
        ("said", "he did not believe it"),
        ("arguing", "that the divisions were a bigger hurdle"),
    ]
    assert found[0].speaker == found[1].speaker
    # without the corpus's word for it, the tagger's content stands
    assert len(grouping.decode(doc, labels, WORDS)) == 1


@needs_english
def test_speaker_of_a_second_cue_is_the_whole_tagged_source() -> None:
    text = "Rendell, a Clinton surrogate, said he was fine and called it a common ailment."
    doc, labels = _labelled(
        text,
        [
            ("Rendell, a Clinton surrogate,", "SRC"),
            ("said", "CUE"),
            ("he was fine", "CON"),
            ("called", "CUE"),
            ("it a common ailment", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS, find_quotes(doc, WORDS))
    assert len(found) == 2
    for quote in found:
        assert doc[quote.speaker[0] : quote.speaker[1]].text == "Rendell, a Clinton surrogate,"
    # resolved by the name the parse gave, not by the apposition
    called = found[1]
    assert called.referent is not None
    assert doc[called.referent[0] : called.referent[1]].text == "Rendell"


@needs_english
def test_relative_pronoun_speaker_resolves_through_its_antecedent() -> None:
    text = "Rain fell, the Weather Service, which said the storm would grow, warned."
    doc, labels = _labelled(
        text, [("which", "SRC"), ("said", "CUE"), ("the storm would grow", "CON")]
    )
    (quote,) = grouping.decode(doc, labels, WORDS)
    assert doc[quote.speaker[0] : quote.speaker[1]].text == "which"  # the mention, as written
    assert quote.referent is not None
    assert "Weather Service" in doc[quote.referent[0] : quote.referent[1]].text


@needs_english
def test_a_credit_dash_credits_the_quotation_before_it_not_the_one_after() -> None:
    text = (
        "Readers wrote to us.\n\n"
        "“The plan will fail, and everyone here knows it.” ― Ana Ruiz\n"
        "“We need jobs in this town, not more promises.” ― Tom Hale"
    )
    doc, labels = _labelled(
        text,
        [
            ("―", "CUE"),  # the tagger read the first credit as the second quote's
            ("Ana Ruiz", "SRC"),
            ("“We need jobs in this town, not more promises.”", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS, find_quotes(doc, WORDS))
    speakers = {text[slice(*q.content)]: doc[slice(*q.speaker)].text for q in found if q.speaker}
    assert speakers["We need jobs in this town, not more promises."] == "Tom Hale"


@needs_english
def test_a_content_belongs_to_the_cue_right_before_it_whatever_the_parse() -> None:
    text = (
        "While he acknowledged funding was a major reason he felt demoralized, "
        "Ham also noted several “intangibles” left him further disillusioned."
    )
    doc, labels = _labelled(
        text,
        [
            ("he", "SRC"),
            ("acknowledged", "CUE"),
            ("funding was a major reason he felt demoralized", "CON"),
            ("Ham", "SRC"),
            ("also noted", "CUE"),
            ("several “intangibles” left him further disillusioned", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    cues = {text[slice(*q.content)]: text[slice(*q.cue)] for q in found if q.cue}
    assert cues["funding was a major reason he felt demoralized"] == "acknowledged"


@needs_english
def test_a_participle_cue_shares_the_source_of_its_sentence_when_the_parse_loses_it() -> None:
    # the parser runs the headline and the time stamp into the sentence and takes
    # "Latest" for the subject of "questioning"
    text = (
        "The Latest on the U.S. presidential race (all times EDT):\n\n7 p.m.\n\n"
        "Donald Trump is once again questioning the integrity of the voting system, "
        "encouraging his supporters to visit polling places on Election Day."
    )
    doc, labels = _labelled(
        text,
        [
            ("Donald Trump", "SRC"),
            ("is once again questioning", "CUE"),
            ("the integrity of the voting system", "CON"),
            ("encouraging", "CUE"),
            ("his supporters to visit polling places on Election Day", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    assert [doc[slice(*q.speaker)].text for q in found if q.speaker] == ["Donald Trump"] * 2


@needs_english
def test_a_cue_the_parser_makes_a_root_without_subject_shares_the_sentences_source() -> None:
    text = (
        "He pledged to be the greatest jobs president and cast doubt on the official "
        "unemployment rate of 4.9 percent, suggested that the real rate could be as high as "
        "42 percent."
    )
    doc, labels = _labelled(
        text,
        [
            ("He", "SRC"),
            ("pledged", "CUE"),
            ("to be the greatest jobs president", "CON"),
            ("suggested", "CUE"),
            ("that the real rate could be as high as 42 percent", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    assert [doc[slice(*q.speaker)].text for q in found if q.speaker] == ["He", "He"]


@needs_english
def test_review_cases_of_the_thirteenth_sessions_grouping() -> None:
    lexicon = Lexicon({"cite": 0.9, "warn": 0.9})
    # a participle of the reported clause is no second report of the speaker's
    for text, content in (
        (
            "He said the company, citing rising costs, would close the plant next year.",
            "the company, citing rising costs, would close the plant next year",
        ),
        (
            "Police said a man ran onto the highway, warning drivers to stop.",
            "a man ran onto the highway, warning drivers to stop",
        ),
    ):
        doc, labels = _labelled(text, [(text.split()[0], "SRC"), ("said", "CUE"), (content, "CON")])
        found = grouping.decode(doc, labels, WORDS, lexicon=lexicon)
        assert [text[slice(*q.content)] for q in found] == [content]
    # whom it was said to, or when, is no content
    for text, cue, content in (
        ("The mayor told them.", "told", "them"),
        ("The company said Monday.", "said", "Monday"),
    ):
        doc, labels = _labelled(
            text, [(" ".join(text.split()[:2]), "SRC"), (cue, "CUE"), (content, "CON")]
        )
        assert grouping.decode(doc, labels, WORDS) == []
    # a dash after the name credits the quotation after it
    text = "Tom Hale — “We need jobs in this town, not more promises.”"
    doc, labels = _labelled(
        text,
        [
            ("Tom Hale", "SRC"),
            ("—", "CUE"),
            ("“We need jobs in this town, not more promises.”", "CON"),
        ],
    )
    (quote,) = grouping.decode(doc, labels, WORDS)
    assert quote.speaker is not None
    assert doc[slice(*quote.speaker)].text == "Tom Hale"
    # a passive cue after its tagged subject borrows no speaker from another cue
    text = "Smith praised the deal, and the accord is expected to be ratified next month."
    doc, labels = _labelled(
        text,
        [
            ("Smith", "SRC"),
            ("praised", "CUE"),
            ("the deal", "CON"),
            ("the accord", "CON"),
            ("is expected", "CUE"),
            ("to be ratified next month", "CON"),
        ],
    )
    found = grouping.decode(doc, labels, WORDS)
    expected = [q for q in found if q.cue and text[slice(*q.cue)] == "is expected"]
    assert expected
    assert all(q.speaker is None for q in expected)


FRENCH = lang.get("fr").quotes  # type: ignore[union-attr]


def _cue(text: str, quote: FoundQuote) -> str | None:
    return None if quote.cue is None else text[slice(*quote.cue)]


def test_a_content_tagged_with_one_of_its_quotation_marks_is_the_quotation() -> None:
    text = "La directrice a reconnu « une situation extrêmement tendue » mercredi."
    marks = [
        ("La directrice", "SRC"),
        ("a reconnu", "CUE"),
        ("une situation extrêmement tendue »", "CON"),  # the space after « left out
    ]
    doc, labels = _labelled(text, marks, "fr")
    (quote,) = grouping.decode(doc, labels, FRENCH)
    assert (quote.kind, text[slice(*quote.content)]) == ("direct", marks[2][0][:-2])


def test_an_unnamed_on_speaks_for_the_body_the_rules_name() -> None:
    text = "Du côté du ministère de la Santé, on indique qu'un plan sera présenté."
    marks = [("on", "SRC"), ("indique", "CUE"), ("qu'un plan sera présenté", "CON")]
    doc, labels = _labelled(text, marks, "fr")
    (quote,) = grouping.decode(doc, labels, FRENCH, find_quotes(doc, FRENCH))
    assert quote.speaker is not None
    assert doc[slice(*quote.speaker)].text == "ministère de la Santé"
    (alone,) = grouping.decode(doc, labels, FRENCH)  # no rules: the tagged "on" stays
    assert alone.speaker is not None
    assert doc[slice(*alone.speaker)].text == "on"


def test_a_cue_the_tagger_left_out_is_the_rules_not_the_nearest_tagged_one() -> None:
    text = (
        "La coopération militaire est « de plus en plus importante », s'est réjoui mercredi "
        "le président Vladimir Poutine, tout en assurant que les deux pays ne cherchaient "
        "pas une alliance."
    )
    marks = [
        ("La coopération militaire est « de plus en plus importante »", "CON"),
        ("le président Vladimir Poutine", "SRC"),
        ("assurant", "CUE"),
        ("que les deux pays ne cherchaient pas une alliance", "CON"),
    ]
    doc, labels = _labelled(text, marks, "fr")
    found = grouping.decode(doc, labels, FRENCH, find_quotes(doc, FRENCH))
    cues = {text[slice(*q.content)][:16]: _cue(text, q) for q in found}
    assert cues == {"La coopération m": "s'est réjoui", "que les deux pay": "assurant"}


def test_a_cue_tagged_on_its_auxiliary_alone_is_its_verb() -> None:
    text = "Le G7 a d'ailleurs appelé Pékin à ne pas aider Moscou. Le G7 a appelé Pékin au calme."
    marks = [
        ("Le G7", "SRC"),
        ("a", "CUE"),
        ("d'ailleurs appelé Pékin à ne pas aider Moscou", "CON"),
    ]
    doc, labels = _labelled(text, marks, "fr")
    (quote,) = grouping.decode(doc, labels, FRENCH)
    assert _cue(text, quote) == "appelé"  # words between: the verb alone, as the guide
    assert text[slice(*quote.content)] == "Pékin à ne pas aider Moscou"
    second = text.index("Le G7 a appelé")
    doc, labels = _labelled(text[second:], [("a", "CUE"), ("Pékin au calme", "CON")], "fr")
    (quote,) = grouping.decode(doc, labels, FRENCH)
    assert _cue(text[second:], quote) == "a appelé"


def test_the_name_inside_a_source_tagged_with_its_apposition_names_the_speaker() -> None:
    text = (
        "Loi\n\nPouria Amirshahi, député socialiste des Français de l'étranger, a annoncé "
        "qu'il transmettrait un mémorandum au Conseil constitutionnel."
    )
    marks = [
        ("Pouria Amirshahi, député socialiste des Français de l'étranger", "SRC"),
        ("a annoncé", "CUE"),
        ("qu'il transmettrait un mémorandum au Conseil constitutionnel", "CON"),
    ]
    doc, labels = _labelled(text, marks, "fr")
    found = grouping.decode(doc, labels, FRENCH, find_quotes(doc, FRENCH))
    (quote,) = find_entities(doc, FRENCH, found)[1]
    assert quote.speaker is not None
    assert quote.speaker.text == marks[0][0]  # the mention as tagged
    assert quote.speaker_name == "Pouria Amirshahi"  # not the whole apposition


def test_a_participle_starts_a_report_of_its_own_in_french_too() -> None:
    text = "Le maire a confirmé la fermeture du pont, assurant que les travaux dureront trois mois."
    marks = [
        ("Le maire", "SRC"),
        ("a confirmé", "CUE"),
        ("la fermeture du pont, assurant que les travaux dureront trois mois", "CON"),
    ]
    doc, labels = _labelled(text, marks, "fr")
    found = grouping.decode(doc, labels, FRENCH, lexicon=Lexicon({"assurer": 0.9}))
    assert [(_cue(text, q), text[slice(*q.content)]) for q in found] == [
        ("a confirmé", "la fermeture du pont"),
        ("assurant", "que les travaux dureront trois mois"),
    ]


def test_moving_a_cue_from_its_auxiliary_keeps_the_source_tagged_between() -> None:
    text = "« Rien n'est joué », a-t-il ajouté mercredi."
    doc = pipeline_for("fr")(text)
    labels = ["O"] * len(doc)
    for token in doc:
        if token.text == "a":
            labels[token.i] = "B-CUE"  # the auxiliary alone
        elif token.text in ("-t-il", "-il"):
            labels[token.i] = "B-SRC"
        elif 0 < token.i < 6 and token.text not in ("»", ","):
            labels[token.i] = "B-CON" if token.i == 1 else "I-CON"
    (quote,) = grouping.decode(doc, labels, FRENCH)
    assert _cue(text, quote) == "ajouté"
    assert quote.speaker is not None
    assert doc[slice(*quote.speaker)].text == "-il"  # the tagged source, not the parse's "-t-il"
