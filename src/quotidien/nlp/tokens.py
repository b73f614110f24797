"""Small helpers over spaCy tokens shared by the quote and entity rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Token-range (start, end) in a Doc, end exclusive.
TokenRange = tuple[int, int]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass", "expl:subj")
STOPS = frozenset(".;!?…")


def lower(token: Token) -> str:
    return token.text.lower().replace("’", "'")


def is_cue_verb(token: Token, words: QuoteWords) -> bool:
    """A verb whose lemma (or, failing the lemmatizer, a guessed lemma) is a cue."""
    verbal = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if not verbal and not _verb_tagged_adjective(token, words):
        return False
    if not words.personal_passive_cues and _personal_passive(token, words):
        return False
    if token.lemma_.lower() in words.cue_verbs:
        return True
    partner = cue_phrase_partner(token, words)
    if partner is not None:
        return token.doc[partner].head.i == token.i
    text = token.text.lower()
    return any(
        text.endswith(ending) and text[: len(text) - len(ending)] + lemma in words.cue_verbs
        for ending, lemma in words.verb_endings
    )


def is_present_participle(token: Token) -> bool:
    """ "estimant", "arguing": by the morphology where the pipeline gives it (a gerund too),
    else by English's tag."""
    forms = token.morph.get("VerbForm", [])
    present = "Part" in forms and "Pres" in token.morph.get("Tense", [])
    return present or "Ger" in forms or token.tag_ == "VBG"


def _personal_passive(token: Token, words: QuoteWords) -> bool:
    """A verb in the passive whose subject is someone or something ("les postes sont
    menacés", "des postes pourraient être menacés"), not an impersonal "il"."""
    if not any(child.dep_ in ("aux:pass", "auxpass") for child in token.children):
        return False
    holder = token.head if token.dep_ == "xcomp" else token  # "pourraient être menacés"
    subjects = [c for c in (*token.children, *holder.children) if is_subject(c)]
    # "a-t-il été indiqué", "est-il précisé": the inverted impersonal "il"
    pronouns = [lower(c).lstrip("-t") for c in subjects]
    return any(p and p not in words.expletive_subjects for p in pronouns)


def cue_phrase_partner(token: Token, words: QuoteWords) -> int | None:
    """The other verb of a two-verb cue next to `token` ("fait" and "savoir" in "a fait
    savoir que …"), if any."""
    doc, i = token.doc, token.i
    lemma = token.lemma_.lower()
    # the next (or previous) word, or the one past an adverb: "a fait aussitôt savoir"
    after = [i + 1, i + 2] if i + 2 < len(doc) and doc[i + 1].pos_ == "ADV" else [i + 1]
    for j in after:
        if j < len(doc) and (lemma, doc[j].lemma_.lower()) in words.cue_phrases:
            return j
    before = [i - 1, i - 2] if i >= 2 and doc[i - 1].pos_ == "ADV" else [i - 1]
    for j in before:
        if j >= 0 and (doc[j].lemma_.lower(), lemma) in words.cue_phrases:
            return j
    return None


def _verb_tagged_adjective(token: Token, words: QuoteWords) -> bool:
    """ "La présidente, Mme Dupont, estime que …": the tagger's adjective "estime" (lemma
    "estim") heads a clause with a subject and no copula; "a-t-il martelé": a participle
    with its tense auxiliary, or right after the inverted pronoun."""
    if token.pos_ != "ADJ":
        return False
    children = [child.dep_ for child in token.children]
    if "cop" in children:
        return False
    if token.i > 0 and lower(token.doc[token.i - 1]) in words.inverted_pronouns:
        return True
    return "aux:tense" in children or any(is_subject(c) for c in token.children)


def is_subject(token: Token) -> bool:
    return token.dep_ in SUBJECT_DEPS or token.dep_.startswith("nsubj")


def is_impersonal(pronoun: Token, words: QuoteWords) -> bool:
    """A subject that stands for nobody: "it" or "c'" as an expletive, "il faut", "il
    s'agit", "il y a" (the French parser's expletive label alone is not enough, it also
    gives it to "Il compte annoncer …")."""
    if pronoun.dep_ == "expl" or lower(pronoun) in words.demonstrative_subjects:
        return True
    verb = pronoun.head
    clitic = words.impersonal_verbs.get(verb.lemma_.lower())
    if clitic is None:
        return False
    return not clitic or any(lower(child) == clitic for child in verb.children)


def is_role_link(text: str, words: QuoteWords) -> bool:
    """A preposition between a title and what it is of ("de", "for", "to"), not an article
    that `role_links` also lets stand there."""
    return text in words.role_links and text not in words.determiners


def is_title(token: Token, words: QuoteWords) -> bool:
    # an adjective heading its phrase is one used as a noun ("le quinquagénaire")
    nominal = token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and token.dep_ != "amod")
    return nominal and (lower(token) in words.titles or token.lemma_.lower() in words.titles)


def phrase_head(doc: Doc, rng: TokenRange) -> int:
    """The token of a phrase whose head lies outside it (or that heads itself)."""
    for k in range(*rng):
        if not rng[0] <= doc[k].head.i < rng[1] or doc[k].head.i == k:
            return k
    return rng[0]


def noun_phrase(doc: Doc, head: int, words: QuoteWords, limit: TokenRange) -> TokenRange:
    """The compact noun phrase around `head`: determiner, titles, adjectives, name parts and
    role complements ("le ministre russe de la Défense Sergueï Choïgou"), never crossing
    punctuation, verbs or relative clauses."""
    low, high = limit
    start = head
    while start - 1 >= low and _np_part(doc[start - 1], words, leftward=True):
        start -= 1
    end = head + 1
    while (
        end < high
        and not opens_addressee(doc, end, words)
        and (_np_part(doc[end], words, leftward=False) or _complement(doc, end, words, head))
    ):
        end += 1
    while end - 1 > head and lower(doc[end - 1]) in words.role_links | words.determiners:
        end -= 1  # no dangling "de la" at the end
    while end < high and doc[end].ent_iob_ == "I" and doc[end].ent_type_ in ("PER", "PERSON"):
        end += 1  # the rest of a name the tagger mistook ("Emmanuel Macron/ADV")
    while start < head and doc[start].pos_ == "ADP":
        start += 1
    past = _after_addressee(doc, max(low, start - 1), head, words)
    start = start if past is None else past
    before = doc[start - 1] if start - 1 >= low else None
    if before is not None and before.pos_ == "DET" and lower(before) in words.indefinite_articles:
        start -= 1  # "un proche du dossier"
    return start, end


def _after_addressee(doc: Doc, first: int, head: int, words: QuoteWords) -> int | None:
    """Where the phrase of `head` starts past whom the speaker spoke to, when that comes
    first, from token `first` on ("confie au Figaro Karim Haddad"); None if nobody."""
    start = None
    k = first
    while k < head:
        if opens_addressee(doc, k, words):
            k += 1
            while k < head and doc[k].head.i != head:
                k += 1
            start = k
        k += 1
    return start


def opens_addressee(doc: Doc, k: int, words: QuoteWords) -> bool:
    """Whether token k opens whom the speaker spoke to ("aux journalistes", "à l'AFP", "au
    Parisien"), not a portfolio ("aux Armées", "au maire")."""
    if lower(doc[k]) not in words.portfolio_links:
        return False
    j = k + 1
    while j < len(doc) and lower(doc[j]) in words.determiners:
        j += 1
    if j == len(doc):
        return True
    noun = doc[j]
    acronym = len(noun.text) > 1 and noun.text.isupper()  # "à l'AFP", tagged a noun
    portfolio = noun.pos_ == "NOUN" and noun.text[:1].isupper() and not acronym
    title = is_title(noun, words) and "Plur" not in noun.morph.get("Number", [])
    return not (portfolio or title)


def _complement(doc: Doc, k: int, words: QuoteWords, head: int) -> bool:
    """A common noun after "de"/"of" completing a title or a body ("le chef de
    l'opposition", "la direction du groupe"), or right after the head and "de"."""
    prev = lower(doc[k - 1])
    titled = any(
        is_title(doc[j], words) or doc[j].lemma_.lower() in words.organisation_nouns
        for j in range(max(0, head - 3), k)
    )
    if doc[k].pos_ != "NOUN":
        return False
    if k - 2 == head and is_role_link(prev, words):
        return True  # a compound noun: "l'ancien milieu de terrain"
    if doc[k - 1].dep_ == "compound" and doc[k - 1].head.i == k and k - 3 == head:
        return prev not in words.role_links  # "a number of tax experts"
    return titled and (prev in words.role_links or prev in words.determiners)


def _np_part(token: Token, words: QuoteWords, *, leftward: bool) -> bool:
    if token.is_punct or token.is_space or "\n" in token.text:
        return token.text in ("-",) and not leftward
    if token.pos_ in ("PROPN", "ADJ", "NUM") or is_title(token, words):
        return True
    text = lower(token)
    if text in words.determiners or text in words.honorifics:
        return True
    if text in words.role_links:
        return True
    if leftward:
        return token.pos_ == "NOUN" and token.dep_ in ("compound", "amod", "flat", "flat:name")
    return token.pos_ == "NOUN" and token.text[:1].isupper()
