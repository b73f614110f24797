"""Quotations in texts we wrote, French and English, with the traps real pages have."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import analyzed, article, assert_spans, mention, no_quote_with, quote_with

from quotidien.model import Article
from quotidien.nlp.pipeline import analyze
from quotidien.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def french() -> Article:
    return analyze(article((DATA / "fr_budget.txt").read_text(encoding="utf-8"), "fr"))


@pytest.fixture(scope="module")
def flood() -> Article:
    """A second French page: "Pour X,", appositions, bare infinitives, participles."""
    return analyzed((DATA / "fr_crue.txt").read_text(encoding="utf-8"), "fr", "rules")


@pytest.fixture(scope="module", params=["model", "rules"])
def english(request: pytest.FixtureRequest) -> Article:
    """The English page through the trained attribution model, and through the rules alone:
    both must meet every test."""
    settings = Settings(quote_model=request.param == "model")
    return analyze(article((DATA / "en_water.txt").read_text(encoding="utf-8"), "en"), settings)


def test_french_spans_index_the_text(french: Article) -> None:
    assert_spans(french)
    assert french.warnings == []


def test_french_indirect_with_role_and_apposition(french: Article) -> None:
    quote = quote_with(french, "le déficit serait ramené")
    assert quote.kind == "mixed"
    assert quote.speaker_name == "Claire Vasseur"
    assert quote.cue is not None
    assert quote.cue.text == "a affirmé"
    assert quote.content.text.startswith("que le déficit")


def test_french_speaker_inside_two_quotes(french: Article) -> None:
    first = quote_with(french, "Nous ne reviendrons pas")
    second = quote_with(french, "elle est nécessaire")
    for quote in (first, second):
        assert quote.kind == "direct"
        assert quote.speaker is not None
        assert quote.speaker.text == "elle"
        assert quote.speaker_name == "Claire Vasseur"
        assert quote.cue is not None
        assert quote.cue.text == "ajouté"  # the pronoun is the speaker, not the cue
    assert first.content.text == "Nous ne reviendrons pas sur la réforme"


def test_french_selon_pronoun(french: Article) -> None:
    quote = quote_with(french, "n'a aucune chance")
    assert quote.cue is not None
    assert quote.cue.text == "Selon"
    assert mention(quote) == "lui"
    assert quote.speaker_name == "Marc Delorme"
    assert quote.kind == "mixed"


def test_french_scare_quotes_and_titles_are_not_quotes(french: Article) -> None:
    no_quote_with(french, "bouclier tarifaire")
    no_quote_with(french, "efficace")
    no_quote_with(french, "Le Prix de l'effort")


def test_french_d_apres_organisation(french: Article) -> None:
    quote = quote_with(french, "la croissance atteindrait")
    assert quote.kind == "indirect"
    assert quote.speaker_name == "Insee"
    insee = [e for e in french.entities if e.name == "Insee"]
    assert insee
    assert insee[0].kind == "organisation"


def test_french_unbalanced_mark_does_not_swallow(french: Article) -> None:
    quote = quote_with(french, "les discussions continueront")
    assert "recevra les syndicats" not in quote.content.text
    assert "\n" not in quote.content.text
    assert quote.speaker_name == "porte-parole du gouvernement"


def test_french_pronoun_and_role_resolution(french: Article) -> None:
    assert quote_with(french, "la seule voie").speaker_name == "Claire Vasseur"
    speech = quote_with(french, "Nous avons hérité")
    assert speech.kind == "direct"
    assert mention(speech) == "la ministre"
    assert speech.speaker_name == "Claire Vasseur"


def test_french_quote_over_two_paragraphs(french: Article) -> None:
    speech = quote_with(french, "Nous avons hérité")
    assert "\n\n" in speech.content.text
    assert speech.content.text.endswith("à nos enfants.")


def test_french_pour_attributes_a_view_to_a_person_only(flood: Article) -> None:
    quote = quote_with(flood, "la situation reste")
    assert (quote.kind, quote.speaker_name) == ("mixed", "Agnès Pannier-Runacher")
    assert quote.cue is not None
    assert quote.cue.text == "Pour"
    assert quote.content.text.startswith("la situation reste")
    no_quote_with(flood, "la préfecture a déclenché")  # "Pour la première fois, …"


def test_french_name_in_apposition_after_selon_is_the_speaker(flood: Article) -> None:
    quote = quote_with(flood, "600 pompiers")
    assert quote.speaker_name == "Alain Thirion"
    assert quote.content.text.startswith("plus de 600 pompiers")  # not ", Alain Thirion, …"


def test_french_role_phrases_keep_their_domain(flood: Article) -> None:
    # "la ministre" is the minister of the ecological transition named in the lead; the
    # interior minister, later, is somebody else
    assert quote_with(flood, "L'État sera là").speaker_name == "Agnès Pannier-Runacher"
    interior = quote_with(flood, "aucune victime")
    assert interior.speaker_name != "Agnès Pannier-Runacher"
    assert mention(interior) == "Le ministre de l'Intérieur"


def test_french_present_participle_shares_the_speaker(flood: Article) -> None:
    quote = quote_with(flood, "premiers versements")
    assert quote.cue is not None
    assert quote.cue.text == "assurant"
    assert quote.speaker_name == "Agnès Pannier-Runacher"  # not "L'État" inside the quote


def test_french_bare_infinitive_after_a_cue_is_the_content(flood: Article) -> None:
    denial = quote_with(flood, "prévenu à temps")
    assert denial.content.text == "ne pas avoir été prévenu à temps"  # not into the « that follows
    assert denial.speaker_name == "Jean-Pierre Vidal"
    story = quote_with(flood, "passé la nuit")
    assert story.speaker_name == "Karim Benali"


def test_french_quotation_after_a_full_stop_is_its_own(flood: Article) -> None:
    quote = quote_with(flood, "On nous a laissés seuls")
    assert quote.kind == "direct"
    assert quote.content.text.startswith("On nous a laissés seuls")
    assert quote.content.text.endswith("tout organiser nous-mêmes")  # two paragraphs
    assert quote.speaker_name == "Jean-Pierre Vidal"


def test_french_names_the_tagger_splits_and_relative_clauses(flood: Article) -> None:
    assert mention(quote_with(flood, "pas inquiet")) == "Emmanuel Macron"
    assert quote_with(flood, "attendre des mois").speaker_name == "Marie Guité"
    call = quote_with(flood, "une enquête parlementaire")  # "…, lance X, qui appelle à …"
    assert (mention(call), call.speaker_name) == ("Marie Guité", "Marie Guité")
    no_quote_with(flood, "Après la crue")  # a title of a work


def test_french_people(french: Article) -> None:
    people = {e.name: e for e in french.entities if e.kind == "person"}
    vasseur = people["Claire Vasseur"]
    kinds = {m.kind for m in vasseur.mentions}
    assert {"name", "role", "pronoun"} <= kinds
    assert vasseur.role == "ministre de l'Économie"
    assert "Paul Renaud" in people


def test_english_spans_index_the_text(english: Article) -> None:
    assert_spans(english)


def test_english_indirect_and_told(english: Article) -> None:
    said = quote_with(english, "the state would need")
    assert said.kind == "mixed"
    assert said.speaker_name == "Margaret Harlow"
    told = quote_with(english, "We have waited too long")
    assert told.kind == "direct"
    assert told.speaker_name == "Margaret Harlow"
    assert told.content.text == "We have waited too long"  # the writer's comma left out
    assert told.cue is not None
    assert told.cue.text == "told"


def test_english_continued_quote_keeps_speaker(english: Article) -> None:
    quote = quote_with(english, "Every year we wait")
    assert quote.kind == "direct"
    assert quote.speaker_name == "Margaret Harlow"


def test_english_pronoun_and_according_to(english: Article) -> None:
    # "He argued that …, according to a statement from his office": his words, which the
    # model may also give as the statement's (a report inside a report, both kept)
    reports = [q for q in english.quotes if "pay for itself" in q.content.text]
    argued = next((q for q in reports if mention(q) == "He"), reports[0])
    assert mention(argued) == "He"
    assert argued.speaker_name == "Daniel Okafor"
    assert "according to" not in argued.content.text
    board = quote_with(english, "reserves fell")
    assert board.cue is not None
    assert board.cue.text == "According to"
    assert board.speaker is not None
    assert "water board" in board.speaker.text


def test_english_speaker_between_two_quotes(english: Article) -> None:
    first = quote_with(english, "This is not a crisis")
    second = quote_with(english, "an opportunity to build")
    assert first.speaker_name == second.speaker_name == "Daniel Okafor"
    assert first.kind == second.kind == "direct"


def test_english_scare_quotes_and_titles_are_not_quotes(
    english: Article, request: pytest.FixtureRequest
) -> None:
    # 'Critics have called the plan a "boondoggle"': the critics are reported as saying the
    # word, so a quote of theirs is right; nobody else says it.
    for quote in english.quotes:
        if "boondoggle" in quote.content.text:
            assert quote.speaker_name == "Critics"
    titled = [q for q in english.quotes if "Thirsty Valley" in q.content.text]
    known = all("boondoggle" in q.content.text for q in titled)
    if titled and known and request.node.callspec.params["english"] == "model":
        pytest.xfail(
            "known miss: en_core_web_sm parses 'and a documentary' as coordinated with "
            "'boondoggle', and the model's content runs on to the film's title"
        )
    no_quote_with(english, "Thirsty Valley")


def test_english_unbalanced_mark_does_not_swallow(english: Article) -> None:
    quote = quote_with(english, "rigged from the start")
    assert "Democratic senator" not in quote.content.text


def test_english_role_phrase_and_apposition(english: Article) -> None:
    added = quote_with(english, "hold hearings")
    assert mention(added) == "The Democratic senator"
    assert added.speaker_name == "Margaret Harlow"
    letters = quote_with(english, "4,000 letters")
    assert letters.speaker_name == "Alicia Moreno"
    people = {e.name: e for e in english.entities if e.kind == "person"}
    assert people["Alicia Moreno"].role == "spokeswoman"


# -- speakers from relative pronouns, plural pronouns, datelines -------------------------

FRENCH_NEWS = "\n\n".join(
    [
        "Crue de la Loire : des quartiers évacués à Tours",
        "TOURS (AFP) - Le trafic des trains sera fortement perturbé lundi, a indiqué la SNCF.",
        (
            "Le département a été placé en vigilance rouge aux crues par Vigicrues, qui "
            "annonce une « montée rapide des eaux » à partir de dimanche soir."
        ),
        (
            "Le maire, qui a estimé que la digue tiendrait encore deux jours, a voté contre "
            "l'évacuation totale."
        ),
        (
            "Les agriculteurs ont bloqué la rocade jeudi. Ils affirment que les indemnités ne"
            " couvrent plus leurs pertes. Selon eux, la colère va durer tout l'hiver."
        ),
        (
            "Les enquêteurs estiment que la rupture est accidentelle, mais la famille affirme"
            " que des alertes avaient été ignorées."
        ),
    ]
)

ENGLISH_NEWS = "\n\n".join(
    [
        "Flooding closes river towns",
        (
            "SPRINGFIELD, Ill. (AP) — Heavy rain flooded dozens of homes along the river "
            "overnight, emergency managers said."
        ),
        (
            "Flights were grounded on Monday under a red alert issued by the National Weather"
            " Service, which said the storm would bring winds of 90 mph."
        ),
        "Tom Hadley, 71, who said he had never seen such a flood, stayed home with his dogs.",
        (
            "Union leaders said the offer was an insult. According to them, the strike could "
            "last weeks."
        ),
        (
            '"The river is still rising," said Red Cross spokesperson Maria Ortega, who spoke'
            " to reporters at the levee."
        ),
        (
            "Engineers say the bridge can reopen next week, but city officials warned drivers"
            " that delays would last until spring."
        ),
    ]
)


@pytest.fixture(scope="module")
def french_news() -> Article:
    return analyze(article(FRENCH_NEWS, "fr"))


@pytest.fixture(scope="module", params=["model", "rules"])
def english_news(request: pytest.FixtureRequest) -> Article:
    return analyze(article(ENGLISH_NEWS, "en"), Settings(quote_model=request.param == "model"))


def test_news_spans_index_the_text(french_news: Article, english_news: Article) -> None:
    assert_spans(french_news)
    assert_spans(english_news)


def test_relative_pronoun_speaker_is_its_antecedent(
    french_news: Article, english_news: Article
) -> None:
    # The parser hangs ", qui annonce" on "vigilance rouge"; the antecedent is the name
    # right before the comma.
    quote = quote_with(french_news, "montée rapide des eaux")
    assert mention(quote) == "Vigicrues"
    assert quote_with(english_news, "winds of 90 mph").speaker_name == "National Weather Service"
    hadley = quote_with(english_news, "never seen such a flood")
    assert hadley.speaker_name == "Tom Hadley"  # past the age apposition ", 71,"


def test_relative_clause_content_stops_at_main_clause(
    french_news: Article, english_news: Article
) -> None:
    maire = quote_with(french_news, "la digue tiendrait")
    assert maire.speaker_name == "maire"
    assert maire.content.text == "que la digue tiendrait encore deux jours"
    hadley = quote_with(english_news, "never seen such a flood")
    assert hadley.content.text == "he had never seen such a flood"


def test_plural_pronoun_resolves_to_last_plural_subject(
    french_news: Article, english_news: Article
) -> None:
    ils = quote_with(french_news, "les indemnités")
    assert mention(ils) == "Ils"
    assert ils.speaker_name == "agriculteurs"
    eux = quote_with(french_news, "la colère va durer")
    assert mention(eux) == "eux"
    assert eux.speaker_name == "agriculteurs"
    them = quote_with(english_news, "the strike could last weeks")
    assert mention(them) == "them"
    assert them.speaker_name == "Union leaders"


def test_dateline_is_not_content(french_news: Article, english_news: Article) -> None:
    sncf = quote_with(french_news, "fortement perturbé")
    assert sncf.content.text == "Le trafic des trains sera fortement perturbé lundi"
    assert sncf.speaker_name == "SNCF"
    rain = quote_with(english_news, "Heavy rain flooded")
    assert rain.content.text.startswith("Heavy rain flooded")
    assert "(AP)" not in rain.content.text


def test_coordinated_cue_starts_a_second_quote(french_news: Article, english_news: Article) -> None:
    first = quote_with(french_news, "la rupture est accidentelle")
    assert "famille" not in first.content.text
    assert quote_with(french_news, "des alertes avaient").speaker_name == "la famille"
    engineers = quote_with(english_news, "the bridge can reopen")
    assert "officials" not in engineers.content.text
    assert quote_with(english_news, "delays would last").speaker_name == "city officials"


def test_name_closing_a_speaker_phrase_is_the_person(english_news: Article) -> None:
    quote = quote_with(english_news, "The river is still rising")
    assert quote.speaker is not None
    assert "Maria Ortega" in quote.speaker.text
    assert quote.speaker_name == "Maria Ortega"


def test_role_only_entity_is_named_by_its_fullest_phrase() -> None:
    record = analyze(
        article(
            "Dam inspection\n\nEngineers say the dam is safe, but officials warned that the "
            "spillway could fail. Marin County officials said two roads would stay closed.",
            "en",
        )
    )
    roads = quote_with(record, "two roads would stay closed")
    assert mention(roads) == "Marin County officials"
    assert roads.speaker_name == "Marin County officials"


def test_incise_inside_one_pair_of_marks_splits_the_quote() -> None:
    text = (
        "Grève à la SNCF\n\n"
        "« La réforme sera votée, assure Élisabeth Borne. Il n'y a pas d'autre voie. »\n\n"
        "« Nous ne céderons pas, a déclaré le ministre, à la pression des syndicats. »"
    )
    record = analyze(article(text, "fr"))
    assert_spans(record)
    first = quote_with(record, "La réforme sera votée")
    second = quote_with(record, "pas d'autre voie")
    assert first is not second
    assert first.speaker_name == second.speaker_name == "Élisabeth Borne"
    assert first.cue is not None
    assert first.cue.text == "assure"
    assert "assure" not in first.content.text + second.content.text
    pressure = quote_with(record, "à la pression des syndicats")
    assert mention(pressure) == "le ministre"
    assert "a déclaré" not in quote_with(record, "Nous ne céderons pas").content.text


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_transcript_turns_are_quotes_of_their_speaker(mode: str) -> None:
    text = (
        "Debate night\n\n"
        "Mike Pence met Chris Wallace in Farmville.\n\n"
        "WALLACE: If I may, sir, we have limited time. Will she be there?\n\n"
        "PENCE: She will not be attending the debate. The tweet was a joke.\n\n"
        "WALLACE: Thank you, Governor.\n\n"
        "The debate ended at ten."
    )
    record = analyzed(text, "en", mode)
    turn = quote_with(record, "She will not be attending")
    assert "The tweet was a joke." in turn.content.text  # the turn runs to the paragraph end
    assert mention(turn) == "PENCE"
    assert turn.kind == "direct"
    question = quote_with(record, "we have limited time")
    assert mention(question) == "WALLACE"
    no_quote_with(record, "The debate ended")


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_english_incise_inside_one_pair_of_marks(mode: str) -> None:
    text = (
        "Vote tonight\n\n"
        '"We will not give up, she said, and we will win the vote."\n\n'
        '"We are ready, said Jane Doe. The count starts at eight."'
    )
    record = analyzed(text, "en", mode)
    ready = quote_with(record, "We are ready")
    count = quote_with(record, "The count starts")
    assert ready is not count
    assert ready.speaker_name == count.speaker_name == "Jane Doe"
    assert "said" not in ready.content.text
    assert quote_with(record, "win the vote").speaker is not None


def test_one_capitals_colon_line_is_not_a_transcript() -> None:
    text = "Growth\n\nUS: Economy grew 3% last year, data show.\n\nUPDATE: Markets rose."
    record = analyze(article(text, "en"), Settings(quote_model=False))
    no_quote_with(record, "Economy grew")


def test_transcript_turn_keeps_a_cue_verb_inside() -> None:
    text = (
        "Debate\n\nWALLACE: Will she be there, sir?\n\n"
        "PENCE: We will win this. My friend told me the tweet was a joke.\n\n"
        "WALLACE: Thank you.\n\nEnd."
    )
    record = analyze(article(text, "en"), Settings(quote_model=False))
    turn = quote_with(record, "We will win this")
    assert "the tweet was a joke" in turn.content.text
    assert mention(turn) == "PENCE"


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_transcript_turns_behind_stray_quotation_marks(mode: str) -> None:
    # some pages open every turn with a quotation mark that nothing closes
    text = (
        "Debate night\n\n"
        "Partial transcript as follows:\n\n"
        '"WALLACE: If I may, sir, we have limited time. Will she be there?\n\n'
        '"PENCE: Well, look, you know, she will not be attending the debate.\n\n'
        '"WALLACE: Thank you, Governor.\n\n'
        "The debate ended at ten."
    )
    record = analyzed(text, "en", mode)
    turn = quote_with(record, "she will not be attending")
    assert mention(turn) == "PENCE"
    assert turn.content.text.startswith("Well, look")
    assert quote_with(record, "we have limited time") is not turn
    # "you know" inside a turn is a filler, not an incise with "you" as speaker
    assert all(q.speaker is None or q.speaker.text != "you" for q in record.quotes)


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_paragraph_after_a_closing_colon_is_the_quote(mode: str) -> None:
    text = (
        "Christie on Clinton\n\n"
        "The governor spoke to reporters in Trenton on Monday. The governor added:\n\n"
        "It is typical of her. She knows nothing about what happened in North Carolina.\n\n"
        "The rally ended at noon."
    )
    record = analyzed(text, "en", mode)
    quote = quote_with(record, "It is typical of her")
    assert quote.content.text.endswith("North Carolina.")
    assert mention(quote) == "The governor"
    no_quote_with(record, "The rally ended")


def test_french_paragraph_after_a_closing_colon_is_the_quote() -> None:
    text = (
        "Réforme des retraites\n\n"
        "La ministre a répondu aux députés mardi. Elle a ensuite déclaré :\n\n"
        "Nous ne reviendrons pas sur l'âge légal, ce serait une faute.\n\n"
        "La séance a été levée à minuit."
    )
    record = analyze(article(text, "fr"))
    quote = quote_with(record, "Nous ne reviendrons pas")
    assert quote.kind == "direct"
    assert mention(quote) == "Elle"
    no_quote_with(record, "La séance")


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_quotation_credited_after_a_dash(mode: str) -> None:
    text = (
        "What readers told us\n\n"
        "We asked readers what they thought of the debate.\n\n"
        "“He never answered a single question. It was painful to watch.” ― Carla P. Sanchez\n\n"
        "“I came away more worried than before.” — Oscar Quintero, Texas\n\n"
        "The debate drew 80 million viewers — a record. Sanders called it “a very long "
        "night for all of us” — Warren, who watched it, did not."
    )
    record = analyzed(text, "en", mode)
    first = quote_with(record, "He never answered")
    assert mention(first) == "Carla P. Sanchez"
    assert first.kind == "direct"
    second = quote_with(record, "more worried")
    assert mention(second) == "Oscar Quintero"
    # inside a sentence, a dash after quoted words credits nothing
    assert all(q.speaker_name != "Warren" for q in record.quotes)


def test_french_quotation_credited_after_a_dash() -> None:
    text = (
        "Paroles de lecteurs\n\n"
        "Nous avons interrogé nos lecteurs après le débat.\n\n"
        "« Il n'a répondu à aucune question, c'était pénible. » — Martine Lefèvre\n\n"
        "Le débat a réuni six millions de téléspectateurs."
    )
    record = analyze(article(text, "fr"))
    quote = quote_with(record, "Il n'a répondu")
    assert mention(quote) == "Martine Lefèvre"


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_two_apostrophe_marks_as_in_news_archives(mode: str) -> None:
    text = (
        "Golf in Florida\n\n"
        "''Some courses are adapting, others are just not,'' said Paul H. Chipok, a lawyer "
        "in Orlando. ''It costs $100,000 a month to run a course.''\n\n"
        "Mr. Ridge said: ''Bombast does not cut it. Inexperience does not cut it.''\n\n"
        "The club's new ''family'' room opened in May."
    )
    record = analyzed(text, "en", mode)
    first = quote_with(record, "Some courses are adapting")
    assert first.kind == "direct"
    assert first.content.text == "Some courses are adapting, others are just not"
    assert first.speaker_name == "Paul H. Chipok"
    assert quote_with(record, "It costs $100,000").speaker_name == "Paul H. Chipok"
    ridge = quote_with(record, "Bombast does not cut it")
    assert ridge.kind == "direct"
    assert ridge.speaker_name == "Ridge" or ridge.speaker_name == "Mr. Ridge"
    no_quote_with(record, "family")


def test_taken_ranges_answer_like_a_scan_of_every_range() -> None:
    from quotidien.nlp.quote_context import Taken

    ranges = [(40, 60), (10, 20), (20, 30), (55, 70), (90, 95)]
    taken = Taken()
    for chars in ranges:
        taken.append(chars)
    assert (taken.starts, taken.ends) == ([10, 20, 40, 90], [20, 30, 70, 95])  # 40-60 + 55-70
    for start in range(0, 100, 3):
        for end in range(start + 1, 101, 7):
            scan_free = all(end <= s or start >= e for s, e in ranges)
            assert taken.free(start, end) == scan_free, (start, end)
    assert taken.first_start(12, 50) == 20
    assert taken.first_start(45, 80) is None
    assert taken.last_end(0, 35) == 30
    assert taken.last_end(71, 89) is None


def test_fillers_are_not_incises_and_do_not_take_the_speaker() -> None:
    speakers = []
    for text in (
        "Plan\n\n“The plan, you know, is dead,” the mayor said.",
        "Economy\n\nThe economy, you know, is doing fine, the senator said on Monday.",
    ):
        record = analyze(article(text, "en"), Settings(quote_model=False))
        speakers += [(q.content.text, q.speaker and q.speaker.text) for q in record.quotes]
    assert ("The plan, you know, is dead", "the mayor") in speakers
    assert ("The economy, you know, is doing fine", "the senator") in speakers
    assert all(speaker not in ("you", "You") for _, speaker in speakers)
    french = analyze(article("Budget\n\n« Le projet, je crois, est mort », a dit le maire.", "fr"))
    projet = quote_with(french, "Le projet")
    assert mention(projet) == "le maire"


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_incise_between_subject_and_verb_keeps_the_sentence_whole(mode: str) -> None:
    text = (
        "Bridge\n\n"
        "The new bridge, the mayor said, will open in May after years of delays.\n\n"
        "In May, the council said, the vote was close."
    )
    record = analyzed(text, "en", mode)
    bridge = quote_with(record, "will open in May")
    assert bridge.content.text.startswith("The new bridge")
    assert mention(bridge) == "the mayor"


def test_colon_after_an_object_does_not_make_the_next_paragraph_a_quote() -> None:
    text = (
        "Mesures\n\n"
        "Le ministère a annoncé les mesures suivantes :\n\n"
        "Une baisse des impôts pour les classes moyennes et un nouveau pont."
    )
    record = analyze(article(text, "fr"))
    no_quote_with(record, "Une baisse des impôts")


def test_a_quoted_title_credited_after_a_dash_is_no_quote() -> None:
    text = "Books\n\nOur picks of the year.\n\n“The Road Home” — Cormac McCarthy\n\nMore soon."
    record = analyze(article(text, "en"), Settings(quote_model=False))
    no_quote_with(record, "The Road Home")


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_speech_verbs_of_tone_are_cues(mode: str) -> None:
    text = (
        "Rally in Iowa\n\n"
        "The crowd was loud. Jared Potts, 17, echoed:\n\n"
        "“He speaks his mind, and I think that might be what the country needs.”\n\n"
        "“We will build it anyway,” Trump quipped as the crowd cheered."
    )
    record = analyzed(text, "en", mode)
    assert mention(quote_with(record, "He speaks his mind")) == "Jared Potts"
    build = quote_with(record, "We will build it anyway")
    assert mention(build) == "Trump"
    assert build.cue is not None
    assert build.cue.text == "quipped"


def test_french_inverted_incise_between_subject_and_verb() -> None:
    text = "Budget\n\nLe texte, a estimé la ministre, sera voté avant l'été."
    record = analyze(article(text, "fr"))
    quote = quote_with(record, "sera voté")
    assert quote.content.text.startswith("Le texte")
    assert mention(quote) == "la ministre"


def test_french_budget_page_traps() -> None:
    text = (
        "Budget : l'opposition dénonce un « matraquage »\n\n"
        "La présidente de la commission des Finances, Mme Dupont, estime pour sa part que "
        "« le compte n'y est pas ».\n\n"
        "« Il y a de bonnes mesures, mais le calendrier est intenable », explique l'un d'eux, "
        "Xavier Ragot.\n\n"
        "Interrogé sur France Inter, le Premier ministre a assuré ne pas craindre une motion "
        "de censure.\n\n"
        "D'après un sondage Ifop publié dimanche, 62 % des Français jugent le budget injuste."
        "\n\nSelon la police, Jean Lemoine a été interpellé samedi."
    )
    record = analyzed(text, "fr", "rules")
    # the tagger reads "estime" as an adjective; the name is after an honorific
    assert quote_with(record, "le compte n'y est pas").speaker_name == "Dupont"
    assert quote_with(record, "bonnes mesures").speaker_name == "Xavier Ragot"  # "l'un d'eux"
    censure = quote_with(record, "motion de censure")
    assert censure.content.text.startswith("ne pas craindre")
    no_quote_with(record, "Interrogé sur France Inter")  # "craindre" is not a second cue
    poll = quote_with(record, "jugent le budget")
    assert poll.cue is not None
    assert poll.cue.text == "D'après"
    no_quote_with(record, "sondage Ifop")  # the attribution is not a content itself
    arrest = quote_with(record, "Jean Lemoine a été interpellé")  # a name, not an apposition
    assert mention(arrest) == "la police"
    assert arrest.speaker_name != "Jean Lemoine"


def test_french_news_formulas() -> None:
    text = (
        "Incendie : un suspect en garde à vue\n\n"
        "Pour les pompiers, le feu serait parti d'un local poubelles.\n\n"
        "« C'est un miracle qu'il n'y ait pas de victimes », rapporte Le Progrès.\n\n"
        "Le club a publié un démenti. Une information démentie par la direction : « L'entraîneur "
        "a toute notre confiance ».\n\n"
        "« Tout est encore possible », a assuré l'attaquant au micro de Canal+."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "le feu serait parti")) == "les pompiers"
    assert mention(quote_with(record, "un miracle")) == "Le Progrès"
    assert mention(quote_with(record, "toute notre confiance")) == "la direction"  # passive
    assert mention(quote_with(record, "encore possible")) == "l'attaquant"  # not Canal+


def test_french_appositions_and_clauses_after_a_quotation() -> None:
    text = (
        "Taux : la BCE marque une pause\n\n"
        "Pour Isabel Schnabel, membre du directoire, une baisse des taux en juin « n'est pas "
        "acquise ».\n\n"
        "Le président américain a de son côté salué « une bonne nouvelle pour l'économie "
        "mondiale », tandis que son homologue chinois est resté silencieux."
    )
    record = analyzed(text, "fr", "rules")
    view = quote_with(record, "une baisse des taux")
    assert view.content.text.startswith("une baisse des taux")  # not ", membre du directoire"
    assert view.speaker_name == "Isabel Schnabel"
    praise = quote_with(record, "une bonne nouvelle")
    assert praise.content.text == "une bonne nouvelle pour l'économie mondiale"


def test_french_roles_that_name_another_office() -> None:
    text = (
        "Budget\n\n"
        "« C'est un budget de responsabilité », a affirmé le ministre de l'Économie, "
        "Antoine Armand.\n\n"
        "Le Premier ministre a assuré que le texte serait voté.\n\n"
        "Pour les pompiers, le feu serait parti d'une cave. Il a été maîtrisé vers minuit."
    )
    record = analyzed(text, "fr", "rules")
    prime = quote_with(record, "le texte serait voté")
    assert mention(prime) == "Le Premier ministre"
    assert prime.speaker_name != "Antoine Armand"  # "Premier ministre" is another office
    assert not [e for e in record.entities if e.kind != "person" and "ministre" in e.name]
    firemen = next(e for e in record.entities if e.name == "pompiers")
    assert {m.kind for m in firemen.mentions} == {"role"}  # "Il" (the fire) is not them


def test_french_participle_the_tagger_calls_an_adjective() -> None:
    text = (
        "Ukraine\n\n"
        "Le président ukrainien Volodymyr Zelensky a appelé jeudi les dirigeants européens à "
        "« ne pas relâcher la pression » sur Moscou.\n\n"
        "« Chaque jour de retard se paie en vies humaines », a-t-il martelé. Il a également "
        "demandé la livraison rapide de nouveaux systèmes de défense antiaérienne."
    )
    record = analyzed(text, "fr", "rules")
    quote = quote_with(record, "Chaque jour de retard")
    assert quote.cue is not None
    assert quote.cue.text == "martelé"  # tagged ADJ; found by its auxiliary, "a-t-il"
    assert quote.speaker_name == "Volodymyr Zelensky"


def test_french_rules_stay_narrow() -> None:
    """Sentences a reviewer found the new rules got wrong at first."""
    text = (
        "Sécurité\n\n"
        "Selon la police, Jean Dupont, 34 ans, a été interpellé samedi.\n\n"
        "« Le texte sera voté », a assuré la ministre, les syndicats estimant que rien "
        "n'est joué.\n\n"
        "Pour la visite d'Emmanuel Macron, la police a bouclé le quartier.\n\n"
        "Pour un joueur de son calibre, c'est une faute.\n\n"
        "Le ministre Gérald Darmanin a visité Lille. Le ministre de l'Intérieur a assuré que "
        "la sécurité serait renforcée.\n\n"
        "Le projet, salué par l'opposition, prévoit que les loyers seront gelés.\n\n"
        "Les syndicats comptent annoncer que la grève sera reconduite.\n\n"
        "Il a appris que sa mère était malade.\n\n"
        "Selon le ministre du Travail, Olivier Dussopt, le texte pourrait être adopté avant l'été."
    )
    record = analyzed(text, "fr", "rules")
    arrest = quote_with(record, "34 ans")
    assert mention(arrest) == "la police"  # "Jean Dupont, 34 ans," is no apposition of hers
    assert arrest.content.text.startswith("Jean Dupont")
    assert mention(quote_with(record, "rien n'est joué")) == "les syndicats"
    no_quote_with(record, "la police a bouclé")
    no_quote_with(record, "c'est une faute")
    assert quote_with(record, "sécurité serait renforcée").speaker_name == "Gérald Darmanin"
    assert all("salué" not in q.content.text for q in record.quotes)
    assert mention(quote_with(record, "la grève sera reconduite")) == "Les syndicats"
    no_quote_with(record, "sa mère était malade")
    labour = quote_with(record, "le texte pourrait")  # the role the tagger calls an ORG
    assert labour.content.text.startswith("le texte pourrait")
    assert labour.speaker_name == "Olivier Dussopt"


def test_french_clause_and_quotation_of_the_next_sentence_stay_apart() -> None:
    text = (
        "Inondations : le maire de Pontarlier dénonce un abandon\n\n"
        "Le maire, Jean-Pierre Vidal, nie avoir été prévenu à temps. « On nous a laissés seuls "
        "face à la montée des eaux. Personne ne nous a appelés.\n\n"
        "« Il a fallu tout organiser nous-mêmes », poursuit l'élu, qui réclame une enquête."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "prévenu").content.text == "avoir été prévenu à temps"
    alone = quote_with(record, "laissés seuls")
    assert alone.content.text.startswith("On nous a laissés seuls")
    assert alone.content.text.endswith("tout organiser nous-mêmes")
    bare = analyzed(
        "Inondations\n\nLe maire nie avoir été prévenu. « On nous a laissés seuls. »", "fr", "rules"
    )
    assert quote_with(bare, "prévenu").content.text == "avoir été prévenu"  # no cue claims the «


def test_french_two_verb_cues_and_bodies_after_the_cue() -> None:
    text = (
        "Retraites : le gouvernement temporise\n\n"
        "Le ministère a fait savoir que la réforme serait reportée à l'automne.\n\n"
        "« Nous ne céderons pas », a fait savoir la direction.\n\n"
        "Les syndicats font valoir que les salaires stagnent depuis dix ans.\n\n"
        "« Le calendrier sera tenu », a assuré le gouvernement mardi.\n\n"
        "Le club a fait valoir son droit de réponse. Chacun sait que la route est longue.\n\n"
        "Les conducteurs ont fait valoir leur « droit de retrait » après l'agression.\n\n"
        "Le préfet s'est rendu sur place et a demandé à la police de renforcer les contrôles.\n\n"
        "La mairie a fait aussitôt savoir que le marché de Noël restait ouvert."
    )
    record = analyzed(text, "fr", "rules")
    postponed = quote_with(record, "la réforme serait reportée")
    assert mention(postponed) == "Le ministère"
    assert postponed.cue is not None
    assert postponed.cue.text == "a fait savoir"
    assert mention(quote_with(record, "Nous ne céderons pas")) == "la direction"
    assert mention(quote_with(record, "les salaires stagnent")) == "Les syndicats"
    assert mention(quote_with(record, "Le calendrier sera tenu")) == "le gouvernement"
    no_quote_with(record, "son droit de réponse")  # "faire valoir" with a plain object
    no_quote_with(record, "la route est longue")  # "savoir" alone is no cue
    no_quote_with(record, "droit de retrait")  # a two-verb cue reports a clause only
    assert mention(quote_with(record, "renforcer les contrôles")) != "la police"  # its object
    market = quote_with(record, "le marché de Noël restait ouvert")  # an adverb between
    assert mention(market) == "La mairie"
    assert market.cue is not None
    assert market.cue.text == "a fait aussitôt savoir"


def test_a_body_speaker_with_its_complement_and_a_time_after_the_incise() -> None:
    text = (
        "Automobile : l'usine de Douai dans l'incertitude\n\n"
        "« Nous ne fermerons aucun site », a assuré la direction du groupe mardi.\n\n"
        "« Le plan est prêt », a déclaré la préfecture dans un communiqué.\n\n"
        "La direction de l'usine a estimé que la demande restait trop faible."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "Nous ne fermerons aucun site")) == "la direction du groupe"
    assert mention(quote_with(record, "Le plan est prêt")) == "la préfecture"
    assert mention(quote_with(record, "la demande restait")) == "La direction de l'usine"
    english = analyzed(
        'Strike\n\n"The plan is ready," said the ministry in a statement on Tuesday.', "en", "rules"
    )
    assert mention(quote_with(english, "The plan is ready")) == "the ministry"


def test_english_object_of_a_coordinated_cue_is_not_its_speaker() -> None:
    text = (
        "Budget\n\n"
        "She called 911 and told police that her son was missing.\n\n"
        "Smith resigned on Monday, telling the board that the plan had failed.\n\n"
        '"We are not done," said the ministry.'
    )
    record = analyzed(text, "en", "rules")
    assert mention(quote_with(record, "her son was missing")) == "She"
    assert mention(quote_with(record, "the plan had failed")) == "Smith"
    assert mention(quote_with(record, "We are not done")) == "the ministry"


def test_french_view_on_an_object_and_a_headline_that_reports_nothing() -> None:
    text = (
        "Taux : la BCE marque une pause, les marchés saluent\n\n"
        "La présidente de la commission des Finances, Mme Dupont, estime que « le compte n'y "
        "est pas ». Elle juge les prévisions de croissance « trop optimistes » et réclame un "
        "débat au Parlement.\n\n"
        "Le texte sera voté, a assuré la ministre. Le calendrier sera tenu, le gouvernement "
        "l'assure.\n\n"
        "Le ministre a estimé ce week-end « qu'il faut agir vite ». Il a estimé la semaine "
        "dernière « inacceptable » la décision du tribunal.\n\n"
        "Elle a estimé que « la situation est grave », mais que le gouvernement agira.\n\n"
        "L'OM s'est qualifié face aux « Verts » dimanche soir."
    )
    record = analyzed(text, "fr", "rules")
    no_quote_with(record, "la BCE marque une pause")  # a plain-order clause is no incise
    view = quote_with(record, "trop optimistes")
    assert view.content.text == "les prévisions de croissance « trop optimistes »"
    assert view.speaker_name == "Dupont"  # "Elle", which the parser takes for a determiner
    assert mention(quote_with(record, "Le texte sera voté")) == "la ministre"
    assert mention(quote_with(record, "Le calendrier sera tenu")) == "le gouvernement"  # "l'"
    assert quote_with(record, "agir vite").content.text == "qu'il faut agir vite"
    ruling = quote_with(record, "inacceptable")
    assert "semaine" not in ruling.content.text  # the object follows the quotation
    assert "le gouvernement agira" in quote_with(record, "la situation est grave").content.text
    no_quote_with(record, "Verts")


def test_french_any_verb_inverted_after_a_quotation_reports_it() -> None:
    text = (
        "Grève : les usagers à bout\n\n"
        "« C'est la troisième fois ce mois-ci », soupire Nadia, 34 ans, rencontrée à la gare.\n\n"
        "« C'est une honte », tonne Jean-Luc Mélenchon sur X.\n\n"
        "« Pourquoi attendre ? » s'interroge Marine Tondelier.\n\n"
        "Il a relu « Les Misérables », roman de Victor Hugo, pendant l'été.\n\n"
        "Le film « Intouchables », succès d'Omar Sy, repasse ce soir.\n\n"
        "La chanson « Je reviendrai », interprétée par Céline Dion, est sortie en 1999."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "la troisième fois")) == "Nadia"
    assert mention(quote_with(record, "une honte")) == "Jean-Luc Mélenchon"
    assert mention(quote_with(record, "Pourquoi attendre")) == "Marine Tondelier"
    for title in ("Les Misérables", "Intouchables", "Je reviendrai"):
        no_quote_with(record, title)  # a noun or a participle after a title: no incise


def test_a_relative_after_a_role_in_apposition_is_the_persons() -> None:
    english = analyzed(
        "Fed\n\n"
        '"The Fed is behind the curve again," said Mark Zandi, chief economist at Moody\'s '
        "Analytics, who argued that waiting risked an unnecessary slowdown.",
        "en",
        "rules",
    )
    assert mention(quote_with(english, "waiting risked")) == "Mark Zandi"
    french = analyzed(
        "Grève\n\n"
        "« La direction joue la montre », accuse Thierry Nier, secrétaire général de la "
        "CGT-Cheminots, qui promet un mouvement « reconductible ».",
        "fr",
        "rules",
    )
    assert mention(quote_with(french, "reconductible")) == "Thierry Nier"


def test_french_a_juxtaposed_clause_with_its_own_speaker_ends_the_content() -> None:
    text = (
        "Budget : Bercy promet de nouvelles économies, l'opposition dénonce « un budget "
        "d'austérité »\n\n"
        "Le ministre a assuré qu'aucun incident grave n'avait été signalé, tandis que les "
        "syndicats dénonçaient des « provocations »."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "nouvelles économies").content.text == "nouvelles économies"
    assert mention(quote_with(record, "un budget d'austérité")) == "l'opposition"
    calm = quote_with(record, "aucun incident grave")
    assert "tandis" not in calm.content.text
    assert mention(calm) == "Le ministre"
    no_quote_with(record, "que les syndicats")  # "tandis que" reports nothing


def test_french_an_object_with_a_quoted_modifier_is_the_content() -> None:
    text = (
        "Incendie : le maire promet un relogement\n\n"
        "Il a promis un relogement « dans les plus brefs délais » et a annoncé un fonds.\n\n"
        "Le président a promis une réforme « ambitieuse » pour 2027.\n\n"
        "Le ministre a déclaré mardi « nous ne céderons pas »."
    )
    record = analyzed(text, "fr", "rules")
    rehousing = quote_with(record, "brefs délais")
    assert rehousing.content.text == "un relogement « dans les plus brefs délais »"
    assert rehousing.kind == "mixed"
    assert quote_with(record, "ambitieuse").content.text.startswith("une réforme « ambitieuse »")
    assert quote_with(record, "nous ne céderons pas").content.text == "nous ne céderons pas"


def test_review_cases_the_new_french_rules_leave_alone() -> None:
    text = (
        "Réforme : les syndicats haussent le ton\n\n"
        "Le syndicat a dénoncé « des violences policières » contre les manifestants.\n\n"
        "Le ministre a répété la semaine dernière « Très clairement, nous ne céderons pas ».\n\n"
        "Elle a assuré que, si rien ne change, les salariés dénonceront l'accord en septembre.\n\n"
        "Les « insoumis » attaquent Gabriel Attal sur la réforme de l'assurance chômage.\n\n"
        "Après « Barbie », débarque Christopher Nolan avec un nouveau film."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "violences policières").content.text.endswith("manifestants")
    assert quote_with(record, "nous ne céderons pas").content.text.startswith("Très clairement")
    assert quote_with(record, "si rien ne change").content.text.endswith("en septembre")
    no_quote_with(record, "insoumis")  # a quoted term as subject: no incise after it
    no_quote_with(record, "Barbie")
    english = analyzed(
        "Prices\n\n"
        "Prices will keep rising, said John Smith, chief executive of Acme Corp, which warned "
        "in March that profits would fall.",
        "en",
        "rules",
    )
    assert mention(quote_with(english, "profits would fall")) != "John Smith"  # "which"


def test_french_an_impersonal_incise_names_its_source_after_the_cue() -> None:
    text = (
        "Retraites : Matignon temporise\n\n"
        "Le ministre a démissionné lundi soir, a-t-on appris auprès de son entourage.\n\n"
        "Trois personnes ont été interpellées, a-t-on appris de source policière.\n\n"
        "« Rien n'est tranché », indique-t-on à Matignon.\n\n"
        "Il a appris la nouvelle à la radio. Elle a appris que son poste était supprimé."
    )
    record = analyzed(text, "fr", "rules")
    resigned = quote_with(record, "a démissionné")
    assert resigned.content.text == "Le ministre a démissionné lundi soir"
    assert mention(resigned) == "son entourage"
    assert mention(quote_with(record, "Trois personnes")) == "source policière"
    assert mention(quote_with(record, "Rien n'est tranché")) == "Matignon"
    no_quote_with(record, "la nouvelle")  # learning is no cue unless "on" learnt it from
    no_quote_with(record, "son poste")  # someone named after it


def test_french_speakers_the_parser_splits_or_puts_after_a_topic() -> None:
    text = (
        "Retraites\n\n"
        "Le statu quo inquiète à Matignon, où l'on reconnaît que « rien n'est simple ».\n\n"
        "Côté patronat, le Medef juge qu'un retour en arrière « serait un très mauvais signal "
        "envoyé aux investisseurs »."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "rien n'est simple")) == "l'on"  # not "l'"
    assert mention(quote_with(record, "mauvais signal")) == "le Medef"


def test_french_the_speakers_next_act_in_the_cues_tense_ends_the_content() -> None:
    text = (
        "Assemblée\n\n"
        "La ministre a estimé que le texte était équilibré et a appelé les députés à le voter."
        "\n\nLe ministre a affirmé que la police a agi dans les règles et a respecté la loi."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "équilibré").content.text == "que le texte était équilibré"
    assert mention(quote_with(record, "à le voter")) == "La ministre"  # not "les députés"
    # the reported clause in the cue's own tense: the verb after "et" may be its own
    assert quote_with(record, "la police").content.text.endswith("a respecté la loi")


def test_french_sports_page_speakers_after_a_quotation_a_topic_or_an_infinitive() -> None:
    text = (
        "Ligue des champions : le PSG s'impose à Munich\n\n"
        "Le technicien espagnol a tenu à saluer le travail de son gardien : « Gigio nous a "
        "sauvé la vie. »\n\n"
        "Pour le consultant de RMC Jérôme Rothen, il s'agit « du match référence » du PSG. "
        "« Ils ont enfin montré qu'ils pouvaient gagner », estime l'ancien milieu de terrain."
        "\n\nLe capitaine parisien Marquinhos a lui aussi évoqué une « soirée historique »."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "sauvé la vie")) != "son gardien"  # the object
    assert quote_with(record, "match référence").speaker_name == "Jérôme Rothen"
    assert mention(quote_with(record, "enfin montré")) == "l'ancien milieu de terrain"
    assert quote_with(record, "soirée historique").speaker_name == "Marquinhos"


def test_review_cases_the_eighth_sessions_rules_leave_alone() -> None:
    text = (
        "Justice\n\n"
        "« Rien n'est tranché », confie-t-on à l'AFP dans l'entourage du ministre.\n\n"
        "Le suspect a été interpellé, a-t-on appris dans la nuit auprès du parquet de Lille.\n\n"
        "« C'est une piste », indique-t-on au sein du ministère des Finances.\n\n"
        "« Il faut voter », prévient-on à quelques jours du vote.\n\n"
        "L'avocat a affirmé que son client est innocent et a toujours nié les faits.\n\n"
        "Le procureur a indiqué que l'homme était connu des services et a déjà été condamné."
        "\n\n« Nous irons au bout », prévient ce week-end le président du club."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "Rien n'est tranché")) == "l'entourage du ministre"
    assert mention(quote_with(record, "interpellé")) == "parquet de Lille"  # not "la nuit"
    assert mention(quote_with(record, "une piste")) == "ministère des Finances"
    assert mention(quote_with(record, "Il faut voter")) == "on"  # a time, not a source
    # no tense shift, or a passive: the verb after "et" may be the reported person's
    assert quote_with(record, "son client").content.text.endswith("nié les faits")
    assert quote_with(record, "connu des services").content.text.endswith("condamné")
    assert mention(quote_with(record, "au bout")) == "le président du club"


def test_french_court_page_incises_the_parser_misreads() -> None:
    text = (
        "Procès\n\n"
        "Le parquet a requis mardi cinq ans de prison. Une peine « à la hauteur de la gravité "
        "des faits », a estimé la procureure dans son réquisitoire.\n\n"
        "« Pendant dix ans, l'argent des contribuables a financé un système », a-t-elle "
        "martelé devant le tribunal correctionnel."
    )
    record = analyzed(text, "fr", "rules")
    sentence = quote_with(record, "gravité des faits")  # its subject parsed before the incise
    assert mention(sentence) == "la procureure"
    assert sentence.content.text.startswith("Une peine")
    system = quote_with(record, "un système")  # "martelé" tagged an adjective
    assert system.speaker_name == sentence.speaker_name


def test_english_a_subject_before_the_cue_keeps_the_quote() -> None:
    text = (
        "Sanctions\n\n"
        "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security "
        "Council, said North Korea's latest \"provocation cannot be left without "
        'consequences."\n\n'
        '"This narrative is being pushed by media," Malkia Cyril, the executive director at '
        "the Center of Media Justice, told The Huffington Post.\n\n"
        "A majority of voters expect Clinton to win the debate, a review of records shows."
    )
    record = analyzed(text, "en", "rules")
    assert "Ayrault" in (quote_with(record, "provocation").speaker_name or "")
    assert quote_with(record, "This narrative").speaker_name == "Malkia Cyril"
    assert mention(quote_with(record, "Clinton to win")) == "majority of voters"  # not "majority"


def test_french_whom_the_speaker_spoke_to_is_not_part_of_the_speaker() -> None:
    text = (
        "Sécurité\n\n"
        "Le ministre de l'Intérieur Gérald Darmanin était à Lille jeudi.\n\n"
        "« Nous ne reculerons pas », a déclaré le ministre aux journalistes. La mesure est "
        "« nécessaire », a indiqué la préfecture à l'AFP.\n\n"
        "« Non », a répondu la ministre aux Armées Florence Parly. « Oui », a confié "
        "l'adjointe au maire de Paris au Parisien."
    )
    record = analyzed(text, "fr", "rules")
    recede = quote_with(record, "Nous ne reculerons pas")
    assert mention(recede) == "le ministre"
    assert recede.speaker_name == "Gérald Darmanin"
    assert mention(quote_with(record, "nécessaire")) == "la préfecture"
    # a portfolio or a title after "aux"/"au" still belongs to the role
    assert mention(quote_with(record, "Non")) == "la ministre aux Armées Florence Parly"
    assert mention(quote_with(record, "Oui")) == "l'adjointe au maire de Paris"


def test_french_juge_the_tagger_takes_for_a_noun_is_still_a_cue_after_its_subject() -> None:
    text = (
        "Réforme\n\n"
        "La ministre juge la réforme « indispensable ». Marine Le Pen juge la mesure "
        "« scandaleuse ».\n\n"
        "Jeudi, le patron du Medef juge que la taxe « pénalise les entreprises ».\n\n"
        "Le juge Dupont a tranché. La décision du juge a surpris les avocats de l'entreprise."
    )
    record = analyzed(text, "fr", "rules")
    assert mention(quote_with(record, "indispensable")) == "La ministre"
    assert quote_with(record, "scandaleuse").speaker_name == "Marine Le Pen"
    taxe = quote_with(record, "la taxe")
    assert mention(taxe) == "le patron du Medef"
    assert taxe.cue is not None
    assert taxe.cue.text == "juge"
    no_quote_with(record, "tranché")  # "Le juge", "du juge": the noun
    no_quote_with(record, "surpris")


def test_french_juge_after_an_apposition_and_a_periphrasis_for_the_minister() -> None:
    text = (
        "Taux\n\n"
        "Le gouverneur de la Banque de France, François Villeroy de Galhau, juge pour sa part "
        "qu'une baisse « reste possible d'ici l'été ». Marc Trévidic, juge antiterroriste, "
        "estime que la menace demeure.\n\n"
        "Le ministre de l'Économie a salué une décision « responsable ». Le locataire de "
        "Bercy a assuré aux députés que la croissance serait « au rendez-vous »."
    )
    record = analyzed(text, "fr", "rules")
    cut = quote_with(record, "reste possible")
    assert cut.speaker_name == "François Villeroy de Galhau"
    assert cut.content.text.startswith("qu'une baisse")
    assert quote_with(record, "la menace demeure").speaker_name == "Marc Trévidic"
    minister = quote_with(record, "responsable").speaker_entity
    assert quote_with(record, "au rendez-vous").speaker_entity == minister


def test_a_name_before_the_cue_that_the_parser_did_not_make_its_subject() -> None:
    text = (
        "Ligue 1\n\n"
        "L'Olympique de Marseille est allé s'imposer 2-1 à Lens samedi soir, au terme d'un "
        "match tendu. Roberto De Zerbi s'est félicité de la réaction de ses joueurs après "
        "l'ouverture du score lensoise."
    )
    record = analyzed(text, "fr", "rules")
    reaction = quote_with(record, "la réaction de ses joueurs")
    assert "De Zerbi" in (mention(reaction) or "")  # not "joueurs", inside the content


def test_french_an_aside_before_the_cue_a_source_after_a_colon_and_fait_savoir() -> None:
    text = (
        "Assurance chômage\n\n"
        "Sa homologue de la CFDT, Marylise Léon, s'est montrée plus nuancée : selon elle, "
        "« le dialogue n'est pas rompu ».\n\n"
        "Matignon, de son côté, fait savoir que le calendrier ne changera pas. Les "
        "syndicats, eux, ont appelé à de nouvelles grèves."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "pas rompu").speaker_name == "Marylise Léon"
    assert mention(quote_with(record, "calendrier")) == "Matignon"  # "fait" tagged a noun
    assert mention(quote_with(record, "nouvelles grèves")) == "Les syndicats"


def test_french_a_paper_before_the_name_a_passive_verb_and_an_affiliation_after_pour() -> None:
    text = (
        "Rachat de Vélocité\n\n"
        "« On a déjà entendu ce genre de promesses », confie au Figaro Karim Haddad, délégué "
        "CGT. Selon lui, des postes pourraient être menacés « à moyen terme ».\n\n"
        "Pour l'analyste Julie Moreau, de la banque Oddo, « c'est une bonne opération »."
    )
    record = analyzed(text, "fr", "rules")
    promises = quote_with(record, "ce genre de promesses")
    assert mention(promises) == "Karim Haddad"  # told to Le Figaro, not by it
    assert promises.speaker_name == "Karim Haddad"
    # "être menacés" reports nothing: the words are his, quoted fragment included
    threatened = quote_with(record, "à moyen terme")
    assert threatened.kind == "mixed"
    assert threatened.content.text.startswith("des postes pourraient")
    assert threatened.speaker_name == "Karim Haddad"
    good = quote_with(record, "bonne opération")
    assert good.content.text == "c'est une bonne opération"
    assert good.speaker_name == "Julie Moreau"


def test_french_a_quotation_over_a_paragraph_break_without_the_mark_repeated() -> None:
    text = (
        "Ukraine\n\n"
        "Le président ukrainien Volodymyr Zelensky a exigé des garanties. « Sans garanties, "
        "il n'y aura pas de paix durable. Nous l'avons déjà vécu en 2014.\n\n"
        "Nous ne ferons pas la même erreur », a-t-il déclaré.\n\n"
        "Puis d'ajouter : « L'Ukraine est prête à discuter, mais pas à capituler. »\n\n"
        "« Une phrase jamais fermée.\n\n"
        "Le ministre a parlé « longuement » mardi."
    )
    record = analyzed(text, "fr", "rules")
    long = quote_with(record, "Sans garanties")
    assert long.kind == "direct"
    assert long.content.text.endswith("Nous ne ferons pas la même erreur")
    assert long.speaker_name == "Volodymyr Zelensky"
    # a narrative infinitive: the speaker of the quote before
    assert quote_with(record, "prête à discuter").speaker_name == "Volodymyr Zelensky"
    # a mark never closed still swallows nothing: the next paragraph opens with a word
    no_quote_with(record, "jamais fermée")


def test_french_whom_it_was_told_before_the_source_and_a_hearsay_incise_after_content() -> None:
    text = (
        "L'OM se sépare de son entraîneur\n\n"
        "L'Olympique de Marseille a annoncé lundi le départ de son entraîneur, Luis "
        "Fernández. « C'est une décision difficile », explique-t-on au Parisien dans "
        "l'entourage du président du club.\n\n"
        "La direction estime que le groupe « a besoin d'un électrochoc », a-t-on appris de "
        "source proche du dossier.\n\n"
        "« Je ne regrette rien », a réagi l'entraîneur sur Instagram."
    )
    record = analyzed(text, "fr", "rules")
    difficult = quote_with(record, "décision difficile")
    assert mention(difficult) == "l'entourage du président du club"  # not "Parisien"
    assert difficult.speaker_name == "entourage du président du club"  # nor the president
    shock = quote_with(record, "électrochoc")
    assert shock.content.text == "que le groupe « a besoin d'un électrochoc »"
    # the coach named in apposition to "son entraîneur" inside the clause
    assert quote_with(record, "regrette rien").speaker_name == "Luis Fernández"


def test_french_interview_turns_under_a_name_in_mixed_case() -> None:
    text = (
        "Agnès Pannier-Runacher : « Le nucléaire reste indispensable »\n\n"
        "Propos recueillis par Thomas Giraud\n\n"
        "Le Journal : Les retards de Flamanville ne condamnent-ils pas la relance ?\n\n"
        "Agnès Pannier-Runacher : Non. Flamanville est un prototype, et nous en avons tiré "
        "toutes les leçons.\n\n"
        "Le Journal : Les écologistes dénoncent un gouffre financier…\n\n"
        "Agnès Pannier-Runacher : Je respecte leur position. Sans nucléaire, nous ne "
        "tiendrons pas nos objectifs."
    )
    record = analyzed(text, "fr", "rules")
    lessons = quote_with(record, "Flamanville est un prototype")
    assert lessons.content.text.startswith("Non.")
    assert lessons.kind == "direct"
    assert lessons.speaker_name == "Agnès Pannier-Runacher"
    position = quote_with(record, "Je respecte leur position")
    assert position.content.text.endswith("nos objectifs.")  # the whole answer
    assert not [e for e in record.entities if e.name == "Propos"]  # the credit line


def test_french_a_fronted_participle_is_no_speaker_and_a_second_act_ends_the_content() -> None:
    text = (
        "Nantes : les riverains excédés\n\n"
        "Contactée, Nantes Métropole assure que « tout est mis en œuvre pour limiter les "
        "nuisances » et promet une réunion publique le 15 avril."
    )
    record = analyzed(text, "fr", "rules")
    nuisances = quote_with(record, "limiter les nuisances")
    assert mention(nuisances) == "Nantes Métropole"
    assert nuisances.content.text == "que « tout est mis en œuvre pour limiter les nuisances »"


def test_french_an_agency_told_before_the_speaker_and_elle_for_a_body() -> None:
    text = (
        "Incendie à Rungis\n\n"
        "« Le feu est désormais circonscrit », a déclaré à l'AFP le colonel Éric Morel, "
        "porte-parole des pompiers.\n\n"
        "Dans un communiqué, la préfecture de police a demandé aux riverains de fermer leurs "
        "fenêtres. Selon elle, aucune toxicité n'a été relevée."
    )
    record = analyzed(text, "fr", "rules")
    assert quote_with(record, "circonscrit").speaker_name == "Éric Morel"  # not the AFP
    assert quote_with(record, "aucune toxicité").speaker_name == "préfecture de police"


def test_french_a_cleft_pointing_back_and_a_dative_before_the_cue() -> None:
    text = (
        "Budget 2027\n\n"
        "« Nous n'avons pas le droit de laisser le pays sans budget. » C'est par ces mots "
        "que le Premier ministre, François Bayrou, a annoncé mardi le recours au 49.3 devant "
        "une Assemblée houleuse.\n\n"
        "« Vous méprisez le Parlement ! », lui a aussitôt rétorqué la présidente du groupe "
        "LFI, Mathilde Panot. Les manifestants scandaient « Bayrou démission »."
    )
    record = analyzed(text, "fr", "rules")
    budget = quote_with(record, "laisser le pays")
    assert budget.content.text == "Nous n'avons pas le droit de laisser le pays sans budget."
    assert budget.speaker_name == "François Bayrou"
    scorn = quote_with(record, "Vous méprisez")
    assert mention(scorn) == "la présidente du groupe LFI"  # not "lui", to whom
    assert scorn.speaker_name == "Mathilde Panot"
    assert mention(quote_with(record, "Bayrou démission")) == "Les manifestants"


def test_french_the_newspapers_own_sourcing_names_no_speaker() -> None:
    text = (
        "Ukraine\n\n"
        "Selon nos informations, une délégation américaine sera présente à Genève. Selon "
        "le Kremlin, aucune rencontre n'est prévue. D'après nos confrères du Progrès, une "
        "marche blanche est prévue dimanche."
    )
    record = analyzed(text, "fr", "rules")
    no_quote_with(record, "délégation américaine")
    assert mention(quote_with(record, "aucune rencontre")) == "le Kremlin"
    assert mention(quote_with(record, "marche blanche")) == "nos confrères du Progrès"


def test_french_an_impersonal_inverted_passive_and_a_second_act_keep_their_speaker() -> None:
    text = (
        "Incendie\n\n"
        "« Aucune victime n'est à déplorer », a-t-il été indiqué de source policière.\n\n"
        "La porte-parole du gouvernement, Maud Bregeon, assure que « tout va bien » et "
        "reconnaît que « des erreurs ont été commises »."
    )
    record = analyzed(text, "fr", "rules")
    quote_with(record, "Aucune victime")  # "-t-il" is impersonal: the passive still reports
    errors = quote_with(record, "des erreurs")
    assert errors.speaker_name == "Maud Bregeon"
    assert quote_with(record, "tout va bien").content.text == "que « tout va bien »"


def test_french_an_entourage_named_after_its_person_is_not_that_person() -> None:
    text = (
        "Sécurité\n\n"
        "« Le site fermera en décembre », explique-t-on dans l'entourage de Gérald Darmanin."
    )
    record = analyzed(text, "fr", "rules")
    site = quote_with(record, "fermera en décembre")
    assert mention(site) == "l'entourage de Gérald Darmanin"
    assert site.speaker_name == "entourage de Gérald Darmanin"


@pytest.mark.parametrize("mode", ["model", "rules"])
def test_a_headline_topic_an_unnamed_on_and_the_subject_nearest_the_verb(mode: str) -> None:
    text = (
        "Urgences du CHU : « On ne tiendra pas l'hiver », alertent les soignants\n\n"
        "Faute de médecins, l'accès y est régulé la nuit, et la direction reconnaît des "
        "« difficultés inédites ».\n\n"
        "Du côté de l'agence régionale de santé, on indique qu'un « plan de renfort » sera "
        "présenté d'ici à la fin du mois. À Matignon, on assure que les moyens suivront.\n\n"
        "Le docteur Paul Aubry, chef du service, est plus direct. « Ce n'est pas digne », "
        "lâche-t-il. Le praticien estime que la fermeture de lits « a tout aggravé »."
    )
    record = analyzed(text, "fr", mode)
    headline = quote_with(record, "tiendra pas")
    assert headline.content.text == "On ne tiendra pas l'hiver"  # not "Urgences du CHU : « …"
    assert mention(quote_with(record, "difficultés inédites")) == "la direction"
    assert mention(quote_with(record, "plan de renfort")) == "l'agence régionale de santé"
    assert mention(quote_with(record, "les moyens suivront")) == "Matignon"
    assert quote_with(record, "tout aggravé").speaker_name == "Paul Aubry"


def test_review_cases_of_the_twelfth_sessions_quote_rules() -> None:
    record = analyzed(
        "Hiver\n\nÀ Kiev, on craint que « l'hiver soit terrible ». À Matignon, on assure que "
        "le texte sera voté.\n\nLe maire et, avec lui, toute l'opposition ont affirmé : "
        "« Nous refusons. »",
        "fr",
        "rules",
    )
    assert mention(quote_with(record, "hiver soit")) == "on"  # a place's people, not Kiev
    assert mention(quote_with(record, "texte sera voté")) == "Matignon"
    assert mention(quote_with(record, "Nous refusons")) == "Le maire"


def test_french_an_inverted_cue_is_its_verb_without_the_pronoun() -> None:
    text = (
        "Budget\n\n« Nous tiendrons les délais », assure-t-elle. « Rien n'est joué », "
        "a-t-il ajouté. « Le site fermera », indique-t-on à Matignon."
    )
    record = analyzed(text, "fr", "rules")
    cues = {q.content.text[:8]: q.cue.text if q.cue else None for q in record.quotes}
    assert cues == {"Nous tie": "assure", "Rien n'e": "ajouté", "Le site ": "indique"}
    for quote in record.quotes:  # a cue and its speaker do not overlap
        assert quote.cue is not None
        assert quote.speaker is not None
        assert quote.speaker.end <= quote.cue.start or quote.cue.end <= quote.speaker.start
