"""en data: quotes (cue verbs, pronouns, titles and roles)."""

from quotidien.lang.quotes import QuoteWords, word_set

WORDS = QuoteWords(
    cue_verbs=word_set(
        """
        say tell add argue claim state declare explain insist note warn write tweet
        acknowledge admit announce assert believe complain concede confirm contend
        deny describe estimate fear hope predict promise recall remark reply report
        respond reveal stress suggest testify think urge vow ask caution charge
        emphasize emphasise maintain observe posit pledge propose question reiterate
        repeat retort conclude agree disagree allege boast brag comment counter
        continue declare demand lament mention muse opine recount say scoff
        speculate wonder show find know learn expect worry feel realize indicate signal
        joke quip exclaim shout yell echo interject assure whisper
        """
    ),
    object_infinitive_cues=word_set(
        """
        urge ask call tell warn encourage implore
        """
    ),
    cue_prepositions=(("according", "to"),),
    fillers=frozenset({"you know", "i think", "i mean", "i guess", "you see", "i believe"}),
    second_person=word_set("you your yours yourself yourselves"),
    first_person=word_set("i me my mine myself we us our ours ourselves"),
    complementizers=frozenset({"that", "whether", "if", "how", "why"}),
    infinitive_markers=frozenset({"to"}),
    content_openers=frozenset({":"}),
    gerund_markers=frozenset(),
    pronouns={"he": "m", "she": "f", "they": "p", "him": "m", "her": "f", "them": "p"},
    expletive_subjects=frozenset({"it"}),
    relative_pronouns=frozenset({"who", "which", "that"}),
    person_relatives=frozenset({"who"}),
    inverted_pronouns={},
    generic_roles={
        "lawmaker": word_set(
            "senator sen. rep. representative congressman congresswoman legislator assemblyman"
        ),
    },
    titles={
        "president": "n",
        "senator": "n",
        "sen.": "n",
        "rep.": "n",
        "representative": "n",
        "governor": "n",
        "gov.": "n",
        "mayor": "n",
        "minister": "n",
        "secretary": "n",
        "spokesman": "m",
        "spokeswoman": "f",
        "spokesperson": "n",
        "chairman": "m",
        "chairwoman": "f",
        "chair": "n",
        "ceo": "n",
        "director": "n",
        "chief": "n",
        "general": "n",
        "gen.": "n",
        "judge": "n",
        "attorney": "n",
        "lawyer": "n",
        "candidate": "n",
        "nominee": "n",
        "leader": "n",
        "king": "m",
        "queen": "f",
        "pope": "m",
        "ambassador": "n",
        "official": "n",
        "adviser": "n",
        "advisor": "n",
        "aide": "n",
        "congressman": "m",
        "congresswoman": "f",
        "councilman": "m",
        "councilwoman": "f",
        "councilmember": "n",
        "alderman": "m",
        "alderwoman": "f",
        "assemblyman": "m",
        "assemblywoman": "f",
        "treasurer": "n",
        "superintendent": "n",
        "lawmaker": "n",
        "commissioner": "n",
        "chancellor": "n",
        "sheriff": "n",
        "prosecutor": "n",
        "professor": "n",
        "analyst": "n",
        "economist": "n",
        "researcher": "n",
        "founder": "n",
        "executive": "n",
        "manager": "n",
        "coach": "n",
        "speaker": "n",
        "strategist": "n",
        "pollster": "n",
        "businessman": "m",
        "businesswoman": "f",
        "prime": "n",
        "vice": "n",
        "counterpart": "n",
        "spokesmen": "p",
    },
    rank_words=frozenset({"prime", "vice", "deputy"}),
    honorifics={
        "mr": "m",
        "mr.": "m",
        "mrs": "f",
        "mrs.": "f",
        "ms": "f",
        "ms.": "f",
        "miss": "f",
        "dr": "n",
        "dr.": "n",
    },
    age_units=frozenset({",", "years", "year"}),
    age_phrase=r"the (\d{1,3})-year-old",
    document_nouns=word_set(
        "study report poll survey analysis statement memo letter lawsuit complaint "
        "document email filing article review audit ruling"
    ),
    organisation_nouns=word_set(
        """
        ministry government department party army military commission council agency
        company firm group police court embassy administration campaign committee
        union federation association bank institute office authority pentagon
        kremlin board
        """
    ),
    determiners=frozenset({"the", "his", "her", "their", "its"}),
    not_names=word_set(
        """
        close read share menu home subscribe login sign advertisement
        monday tuesday wednesday thursday friday saturday sunday
        """
    ),
    role_links=frozenset({"of", "for", "to", "the"}),
    affiliation_links=frozenset({"of", "at", "from"}),
)
