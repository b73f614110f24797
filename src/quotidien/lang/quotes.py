"""The type of per-language quotation knowledge (cues, pronouns, titles, roles).

The nlp stage (`quotidien.nlp`) reads only these fields; it never asks which language it
is working on. Words are compared lower-cased; lemmas are spaCy lemmas of the language's
pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuoteWords:
    #: Lemmas of verbs that introduce reported speech or thought ("dire", "say").
    cue_verbs: frozenset[str] = frozenset()
    #: Two verbs that make a cue together, as lemma pairs ("faire savoir", "faire
    #: valoir"): whichever of the two the parser makes the head is the cue.
    cue_phrases: frozenset[tuple[str, str]] = frozenset()
    #: Cue verbs whose content follows as object + infinitive ("appeler X à …", "urge X to").
    object_infinitive_cues: frozenset[str] = frozenset()
    #: Cue verbs of a view whose content may be an object and its quoted attribute ("juge
    #: les prévisions « trop optimistes »", "called the plan 'a disaster'").
    predicative_cues: frozenset[str] = frozenset()
    #: Cue verbs whose content may be a bare infinitive ("il dit ne pas croire à …",
    #: "elle affirme avoir reçu …").
    infinitive_content_cues: frozenset[str] = frozenset()
    #: Whether a clause without quotation marks is reported only by an inverted incise
    #: after it ("…, a estimé la ministre"; in French "La BCE marque une pause, les marchés
    #: saluent" reports nothing), not by subject and verb ("…, the minister said").
    inverted_incise_only: bool = False
    #: Whether any verb inverted right after a closing quotation mark reports the quotation
    #: ("« C'est la troisième fois », soupire Nadia"), not only the cue verbs.
    any_verb_incise: bool = False
    #: Rewrites (ending, lemma ending) guessing a verb's lemma when the pipeline's lemma is
    #: not a cue, e.g. before an inverted pronoun ("estime-t-elle" -> "estimer").
    verb_endings: tuple[tuple[str, str], ...] = ()
    #: Prepositional cues ("selon", "d'après", "according to"), each a tuple of lower-cased
    #: token texts as the pipeline splits them.
    cue_prepositions: tuple[tuple[str, ...], ...] = ()
    #: Prepositions that attribute a view when they open a sentence with a person, a role
    #: or a body and a comma ("Pour la ministre, la réforme est …"), as `cue_prepositions`.
    opinion_prepositions: tuple[tuple[str, ...], ...] = ()
    #: Verbs that report something only inverted after an impersonal pronoun, with its
    #: source named after them ("…, a-t-on appris auprès de la préfecture").
    hearsay_verbs: frozenset[str] = frozenset()
    #: Inverted impersonal pronouns ("-on"): the speaker of such an incise is the source
    #: named after the cue, if any ("indique-t-on à Matignon").
    impersonal_pronouns: frozenset[str] = frozenset()
    #: The same pronouns as a plain subject ("on"): the speaker is the place or body a
    #: phrase before them names ("Du côté de l'ARS, on indique que …", "À Matignon, on …").
    unnamed_subjects: frozenset[str] = frozenset()
    #: Words that link an impersonal incise to its source, whoever it is ("auprès de",
    #: "chez"), as `cue_prepositions` (the first that matches is taken).
    source_links: tuple[tuple[str, ...], ...] = ()
    #: Words that link it to a place or a body only ("à Matignon", "au ministère", "de
    #: source policière"; not "dans la nuit", "à l'AFP", who was told).
    place_links: tuple[tuple[str, ...], ...] = ()
    #: Nouns that name a source after `place_links` though neither place nor body ("de
    #: source policière", "dans l'entourage du ministre").
    source_nouns: frozenset[str] = frozenset()
    #: Cue verb forms the tagger takes for nouns ("juge" in "La ministre juge que …"): a
    #: cue right after a subject phrase and before a clause, a determiner or a quotation.
    noun_tagged_cues: frozenset[str] = frozenset()
    #: Words that open a reported clause ("que", "qu'", "that"); kept in the content.
    complementizers: frozenset[str] = frozenset()
    #: Words that introduce an infinitive complement ("à", "de", "to"); kept in the content.
    infinitive_markers: frozenset[str] = frozenset()
    #: Words dropped at the start of a content ("d'", "de", "about", ":").
    content_openers: frozenset[str] = frozenset()
    #: Words that, right before a cue verb, make it a gerund/participle clause whose speaker
    #: is the subject of the main clause ("en", "tout en").
    gerund_markers: frozenset[str] = frozenset()
    #: Verbs (lemmas) whose subject pronoun stands for nobody, with the clitic they need
    #: for that, if any: "falloir" ("il faut"), "agir" with "s'" ("il s'agit", not "il a
    #: agi"), "avoir" with "y" ("il y a").
    impersonal_verbs: dict[str, str] = field(default_factory=dict)
    #: Subject pronouns that may stand for nobody ("il", "it"): impersonal where the parser
    #: calls them expletives or their verb is in `impersonal_verbs`.
    expletive_subjects: frozenset[str] = frozenset()
    #: Object pronouns the parser may take for a subject right before the verb ("», lui a
    #: rétorqué la présidente").
    clitic_objects: frozenset[str] = frozenset()
    #: Phrases pointing back at the quotation just before, in a cleft whose verb is the cue
    #: ("« … » C'est par ces mots que le ministre a annoncé …").
    back_references: frozenset[str] = frozenset()
    #: Titles news gives as another name for the person it has just named rather than to
    #: bring in someone new ("Ousmane Dembélé a porté le PSG. « … », a confié l'attaquant").
    epithets: frozenset[str] = frozenset()
    #: Nouns for writings that report ("a study by researchers at Yale", "le rapport de la
    #: Cour des comptes"): a speaker so named is no person, whoever wrote it.
    document_nouns: frozenset[str] = frozenset()
    #: What follows a number after a name's comma when it is the person's age ("Josiane, 74
    #: ans", "Schiff, 56,"): a name with an age is a person's.
    age_units: frozenset[str] = frozenset()
    #: Epithets that name a person by age, and the decade each says ("le quinquagénaire":
    #: 50): they fit whatever else the person is known as, unless a stated age differs.
    age_epithets: dict[str, int] = field(default_factory=dict)
    #: A definite phrase naming a person by age alone, its group the age ("The 41-year-old"),
    #: as a regular expression matched against the whole phrase; an epithet like those above.
    age_phrase: str = ""
    #: Particles that open a surname ("le général de Villiers"): before a one-word name, not a
    #: link to whom a title serves ("l'avocat de Nicolas Sarkozy").
    name_particles: frozenset[str] = frozenset()
    #: Possessives by which a newspaper cites its own reporting ("selon nos informations"),
    #: which names no speaker.
    own_sourcing: frozenset[str] = frozenset()
    #: What opens a narrative infinitive, whose speaker is the one quoted just before
    #: ("Et d'ajouter : « … »", "Puis de conclure").
    narrative_infinitive: frozenset[str] = frozenset()
    #: Words opening where someone works, set between commas after their name ("Julie
    #: Moreau, de la banque Oddo,", "Smith, of the Brookings Institution,").
    affiliation_links: frozenset[str] = frozenset()
    #: Whether a cue verb in the passive with a subject of its own is still a cue ("he was
    #: quoted as saying"); where not, its subject is what the words are about ("des postes
    #: pourraient être menacés"), and only the impersonal passive reports ("il a été
    #: annoncé que").
    personal_passive_cues: bool = True
    #: Demonstrative subjects, never a speaker ("c'", "cela").
    demonstrative_subjects: frozenset[str] = frozenset()
    #: Relative pronouns that may open a clause about the noun before ("qui", "which").
    relative_pronouns: frozenset[str] = frozenset()
    #: Those of them that stand for a person ("qui", "who"): "Mark Zandi, chief economist
    #: at Moody's Analytics, who …" is about Zandi.
    person_relatives: frozenset[str] = frozenset()
    #: Subject pronouns -> grammatical gender ("m", "f", "n" neutral/unknown, "p" plural).
    pronouns: dict[str, str] = field(default_factory=dict)
    #: Pronouns glued to an inverted verb, as the pipeline splits them ("-il", "-t-elle").
    inverted_pronouns: dict[str, str] = field(default_factory=dict)
    #: Titles and roles that may stand for a person, lower-cased lemma -> gender
    #: ("président": "m", "présidente": "f", "spokeswoman": "f", "senator": "n").
    titles: dict[str, str] = field(default_factory=dict)
    #: Roles that stand for a person known by a more precise one: "l'élu" for the mayor
    #: or the senator named before, "the lawmaker" for the senator.
    generic_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Lemmas of words that make a title another office ("Premier ministre", "Prime
    #: Minister", "vice-"): "le Premier ministre" is not the last "ministre".
    rank_words: frozenset[str] = frozenset()
    #: Endings of the plural name of a people ("Français", "Allemands"), which the tagger
    #: may call a place; lower-cased.
    people_endings: tuple[str, ...] = ()
    #: Honorifics before a name ("M.", "Mme", "Mr", "Mrs") -> gender.
    honorifics: dict[str, str] = field(default_factory=dict)
    #: Head nouns of organisation phrases ("ministère", "gouvernement", "ministry").
    organisation_nouns: frozenset[str] = frozenset()
    #: Determiners that open a role phrase ("le", "la", "the").
    determiners: frozenset[str] = frozenset()
    #: Articles that open a speaker phrase about someone new ("un", "une"): part of the
    #: phrase, never of the name, and never a person named before ("un proche du dossier").
    indefinite_articles: frozenset[str] = frozenset()
    #: Words the pipelines tag as names but are page furniture or verbs ("Fermer", "Lire").
    not_names: frozenset[str] = frozenset()
    #: Tokens that separate the person from a role in an apposition are commas; these words
    #: link a role to its domain and may continue a role phrase ("de", "des", "of").
    role_links: frozenset[str] = frozenset()
    #: Role phrases that stand for a title (lower-cased, without determiner) -> that title
    #: and the domains that set it apart: "chef de l'état" -> ("président",), "locataire de
    #: matignon" -> ("ministre", "premier").
    periphrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Those of `role_links` that also tell whom a speaker spoke to ("a déclaré le ministre
    #: aux journalistes", "à l'AFP"): they continue a role only before a capitalised common
    #: noun, as a portfolio is written ("ministre aux Armées"), or a singular title
    #: ("adjointe au maire").
    portfolio_links: frozenset[str] = frozenset()
    #: Speech fillers that look like an incise but attribute nothing ("you know", "je
    #: crois"), as lower-cased token texts joined by one space.
    fillers: frozenset[str] = frozenset()
    #: Words that address someone ("vous", "you"): an interviewer's questions use them
    #: (`nlp/interviews.py`), a report's rhetorical questions seldom do.
    second_person: frozenset[str] = frozenset()
    #: Words by which someone speaks of themselves ("je", "nous", "I", "we"): an
    #: interview's answers use them.
    first_person: frozenset[str] = frozenset()


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, for writing word lists in data modules."""
    return frozenset(text.split())
