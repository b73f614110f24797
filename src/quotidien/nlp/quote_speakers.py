"""Who said it: the speaker mention of a cue verb (`speaker`), as `quotes.py` asks for it.

The subject wherever the parser put it or missed it: an inverted pronoun ("a-t-il ajouté"),
the agent of a passive, an inverted name after the cue ("a estimé la ministre"), a name or
phrase before the cue that the parser did not make its subject, the subject of the clause a
participle or an infinitive hangs on, the noun a relative pronoun stands for ("Smith, who
said …"), and the source an impersonal incise names ("a-t-on appris auprès du parquet", "À
Matignon, on assure"). Speakers are mention spans here; `entities.py` resolves them to
entities. Kept apart from the patterns because it is most of the rules' reading of the
parse, and the other patterns ask it too (a name set between commas after a role).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.marks import CLOSING_TOKENS, OPENING_TOKENS
from quotidien.nlp.quote_context import Context, ends_unit, is_inverted, preposition_at
from quotidien.nlp.tokens import (
    STOPS,
    TokenRange,
    is_impersonal,
    is_subject,
    is_title,
    lower,
    noun_phrase,
    opens_addressee,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Tokens searched for an inverted or missing subject around the cue.
SPEAKER_WINDOW = 10
#: Words that may follow a speaker after the cue before the clause ends ("la direction du
#: groupe mardi.", "the ministry in a statement.").
QUIET_TAIL = 8


def name_part(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.text[:1].isupper()


def source_after(context: Context, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """The source an incise with an impersonal pronoun names after the cue, past adverbs,
    days and phrases that name no one ("a-t-on appris dans la nuit auprès du parquet",
    "confie-t-on à l'AFP dans l'entourage du ministre")."""
    doc, words = context.doc, context.words
    if not any(lower(doc[k]) in words.impersonal_pronouns for k in range(*cue)):
        return None
    return _source_in(context, cue[1], min(unit[1], cue[1] + SPEAKER_WINDOW), unit)


def _fronted_source(context: Context, subject: int, unit: TokenRange) -> TokenRange | None:
    """The source a phrase before the comma names for a plain "on" right after it ("Du côté
    de l'ARS, on indique que …", "À Matignon, on assure que …")."""
    doc, words = context.doc, context.words
    if lower(doc[subject]) not in words.unnamed_subjects:
        return None
    comma = subject - 1
    if comma > unit[0] and lower(doc[comma]) in words.determiners:
        comma -= 1  # "…, l'on estime"
    if comma > unit[0] and "Rel" in doc[comma].morph.get("PronType", []):
        comma -= 1  # "Chez Natixis, où l'on estime"
    if comma <= unit[0] or doc[comma].text != ",":
        return None
    # a body or a source, not a mere place ("À Kiev, on craint …": its people)
    return _source_in(context, unit[0], comma, unit, places=False)


def _source_in(
    context: Context, k: int, stop: int, unit: TokenRange, places: bool = True
) -> TokenRange | None:
    """The first source a link names from token k on, before `stop` (see `source_after`);
    a place alone only with `places`."""
    doc, words = context.doc, context.words
    place = None  # "à Matignon"; but "au Parisien dans l'entourage du président": whom to
    while k < stop:
        token = doc[k]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ"):
            break
        anyone = preposition_at(context, k, words.source_links) or 0
        link = anyone or preposition_at(context, k, words.place_links) or 0
        nouns = [j for j in range(k + link, unit[1]) if doc[j].pos_ in ("NOUN", "PROPN")]
        if not link or not nouns:
            k += 1
            continue
        if nouns[0] <= k + link + 2 and (anyone or _names_a_source(doc[nouns[0]], words)):
            found = noun_phrase(doc, nouns[0], words, unit)
            if anyone or not _only_a_place(doc[nouns[0]], words):
                return found
            place = place or found
        k = nouns[0] + 1  # "dans la nuit", "à l'AFP", "au sein du …": past it
    return place if places else None


def _only_a_place(token: Token, words: QuoteWords) -> bool:
    """A name the tagger calls a place and nothing else says is a source."""
    lemma = token.lemma_.lower()
    return lemma not in words.organisation_nouns | words.source_nouns and (
        lower(token) not in words.source_nouns
    )


def _names_a_source(token: Token, words: QuoteWords) -> bool:
    """A place name or a body after a place link: "à Matignon", "au ministère"."""
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ == "LOC"
        or lemma in words.organisation_nouns
        or lemma in words.source_nouns
        or lower(token) in words.source_nouns
    )


def speaker(
    context: Context, verb: int, cue: TokenRange, unit: TokenRange
) -> tuple[TokenRange | None, bool, bool]:
    """(speaker tokens, is a pronoun, stands after the verb = incise position)."""
    doc, words = context.doc, context.words
    for k in range(*cue):
        if is_inverted(doc[k], words):
            source = source_after(context, cue, unit)  # "indique-t-on à Matignon"
            return (source, False, True) if source else ((k, k + 1), True, True)
    agent = passive_agent(doc, verb, unit)
    if agent is not None:  # "une information démentie par la direction"
        span = noun_phrase(doc, agent, words, unit)
        return span, lower(doc[agent]) in words.pronouns, False
    subject = _subject(doc, verb, words, unit)
    if (
        subject is not None
        and subject < cue[0]
        and not _titled_or_named(doc[subject], words)
        and (inverted := _inverted_incise(context, cue, unit))
    ):
        # "Le texte, a estimé la ministre, sera voté": the parser takes the noun before the
        # incise for its subject; the name after the cue is the speaker
        return inverted, False, True
    if subject is not None and (fronted := _fronted_source(context, subject, unit)):
        return fronted, False, False
    if subject is not None:
        span = noun_phrase(doc, subject, words, unit)
        pronoun = lower(doc[subject]) in words.pronouns
        return span, pronoun, subject > verb or _after_break(doc, cue, span, unit)
    governor = _governing_subject(doc, verb, words, unit)
    if governor is not None and governor < cue[0] and "Inf" in doc[verb].morph.get("VerbForm", []):
        # "Il a tenu à saluer son gardien : « … »": the noun after is the object
        span = noun_phrase(doc, governor, words, unit)
        return span, lower(doc[governor]) in words.pronouns, False
    name = _name_before(doc, cue, unit)
    if name is not None:
        return name, False, False
    head = name_after(context, cue, unit)
    if head is not None:
        return noun_phrase(doc, head, words, (cue[1], unit[1])), False, True
    if governor is not None:  # "…, telling reporters that …" / "refused to say whether …"
        span = noun_phrase(doc, governor, words, unit)
        return span, lower(doc[governor]) in words.pronouns, False
    before = cue[0] - 1
    if (
        before >= unit[0]
        and lower(doc[before]) in words.pronouns.keys() - words.clitic_objects
        and _opens_clause(doc, before)
    ):
        return (before, cue[0]), True, False  # "Elle juge …", the parser's "Elle" a determiner
    opening = _opening_phrase(doc, cue, unit)
    if opening is not None:
        return noun_phrase(doc, opening, words, (unit[0], cue[0])), False, False
    return None, False, False


def _name_before(doc: Doc, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """A person's name right before the cue, opening its clause, that the parser did not
    make the subject ("Roberto De Zerbi s'est félicité …", "De Zerbi" parsed a modifier)."""
    last = cue[0] - 1
    if last < unit[0] or doc[last].ent_type_ not in ("PER", "PERSON"):
        return None
    start = last
    while start > unit[0] and (
        doc[start - 1].ent_type_ in ("PER", "PERSON") or name_part(doc[start - 1])
    ):
        start -= 1  # "Roberto", the tagger's noun
    if start > unit[0] and not doc[start - 1].is_punct:
        return None
    return start, last + 1


def _opening_phrase(doc: Doc, cue: TokenRange, unit: TokenRange) -> int | None:
    """The noun opening the unit when only names, nouns and commas stand between it and the
    cue: the subject the parser hung on a headline without a full stop ("Titre¶Sa voisine,
    Fatima, assure …")."""
    start = unit[0]
    while start < cue[0] and doc[start].is_space:
        start += 1
    if _past_fronted_participle(doc, start, cue[0]) is not None:
        start += 2  # "Contactée, Nantes Métropole assure"
    end = _before_aside(doc, start, cue[0])
    tokens = doc[start:end]
    if not tokens or any(
        t.pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") and t.text != "," for t in tokens
    ):
        return None
    commas = [t.i for t in tokens if t.text == ","]
    if commas and commas[-1] < cue[0] - 1:
        tokens = doc[commas[-1] + 1 : cue[0]]  # "Côté patronat, le Medef juge": the last group
    return next((t.i for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)


def _before_aside(doc: Doc, start: int, end: int) -> int:
    """Where the words before `end` stop short of an aside closing them (", de son côté,",
    ", pour sa part,", ", elle aussi,")."""
    commas = [k for k in range(start, end) if doc[k].text == ","]
    if len(commas) < 2 or commas[-1] != end - 1 or commas[-1] - commas[-2] > 5:
        return end
    opener = doc[commas[-2] + 1]
    return commas[-2] if opener.pos_ in ("ADP", "ADV", "PRON") else end


def _opens_clause(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].is_punct or doc[k - 1].is_space or bool(doc[k].is_sent_start)


def passive_agent(doc: Doc, verb: int, unit: TokenRange) -> int | None:
    """Who speaks in the passive: "démentie par la direction", "told by officials"."""
    for child in doc[verb].children:
        if child.dep_ == "obl:agent" and unit[0] <= child.i < unit[1]:
            return int(child.i)
        if child.dep_ == "agent":  # English: the noun hangs on "by"
            for noun in child.children:
                if noun.dep_ == "pobj" and unit[0] <= noun.i < unit[1]:
                    return int(noun.i)
    return None


def _inverted_incise(context: Context, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """The subject of an inverted incise between commas (", a estimé la ministre,", ", said
    the mayor,"); not of a participle (", telling CNN that …")."""
    doc, words = context.doc, context.words
    if cue[0] <= unit[0] or doc[cue[0] - 1].text != ",":
        return None
    if _is_gerund_form(doc, cue):
        return None
    head = name_after(context, cue, unit)
    if head is None:
        return None
    span = noun_phrase(doc, head, words, (cue[1], unit[1]))
    if span[1] < unit[1] and doc[span[1]].text == ",":
        return span
    # "Une peine « … », a estimé la procureure dans son réquisitoire.": the sentence ends
    # (not in English, where ", told The Huffington Post." names whom it was told)
    quiet = _ends_clause_quietly(doc, span[1], unit, full_stop=True)
    return span if words.inverted_incise_only and quiet else None


def _governing_subject(doc: Doc, verb: int, words: QuoteWords, unit: TokenRange) -> int | None:
    """The subject of the clause a participle, gerund or infinitive cue hangs on."""
    token = doc[verb]
    if token.dep_.startswith("flat"):
        return None  # "le Medef juge …" parsed as one name: no clause to climb to
    for _ in range(3):
        if token.head.i == token.i or token.dep_ in ("ccomp", "relcl", "acl:relcl"):
            return None
        token = token.head
        subject = _subject(doc, token.i, words, unit)
        if subject is not None:
            return subject
    return None


def _subject(doc: Doc, verb: int, words: QuoteWords, unit: TokenRange) -> int | None:
    token = doc[verb]
    candidates = [child for child in token.children if is_subject(child)]
    later = [c for c in candidates[1:] if c.i < verb and _clause_between(doc, candidates[0], c)]
    if later:
        # "The economy, you know, is doing fine, the senator said" / "l'accès y est régulé …,
        # et la direction reconnaît": the parser gives the verb the subject of the clause
        # before too; the one nearest the verb is its own
        candidates.insert(0, later[-1])
    for child in candidates:
        if not unit[0] <= child.i < unit[1] or child.pos_ == "SCONJ":
            continue
        if child.tag_ in ("WP", "WDT") or lower(child) in words.relative_pronouns:
            if token.dep_ in ("relcl", "acl:relcl", "acl") and token.head.i < verb:
                return relative_antecedent(doc, child.i, token.head.i, words, unit)
            continue
        if lower(child) in words.expletive_subjects and is_impersonal(child, words):
            continue
        if lower(child) in words.clitic_objects and child.i < verb:
            continue  # "lui a rétorqué": to whom
        if any(other.i == child.i + 1 for other in candidates):
            continue  # "où l'on reconnaît": the parser makes both words subjects
        after = _past_fronted_participle(doc, child.i, verb)
        return after if after is not None else _name_after_fronted(doc, child.i, verb, words)
    return None


def _clause_between(doc: Doc, first: Token, later: Token) -> bool:
    """A clause of its own (a verb, then a comma or a conjunction) stands between subject
    `first` and the phrase of `later`, and no comma after that phrase (an apposition: "Le
    chef du parti, Marc Delorme, a …"; "Le maire et, avec lui, l'opposition ont …": one)."""
    between = doc[first.i + 1 : later.left_edge.i]
    apposed = any(t.text == "," for t in doc[later.i + 1 : later.head.i])
    verb = any(t.pos_ in ("VERB", "AUX") for t in between)
    return not apposed and verb and any(t.text == "," or t.pos_ == "CCONJ" for t in between)


def _past_fronted_participle(doc: Doc, subject: int, verb: int) -> int | None:
    """ "Contactée, Nantes Métropole assure …": a participle before a comma the parser made
    the subject; the noun after the comma is (None if that is not the case)."""
    token = doc[subject]
    if "Part" not in token.morph.get("VerbForm", []) or doc[subject + 1].text != ",":
        return None
    after = [k for k in range(subject + 2, verb) if doc[k].pos_ in ("NOUN", "PROPN", "PRON")]
    return after[0] if after else None


def _titled_or_named(token: Token, words: QuoteWords) -> bool:
    """A title or part of a person's name: a subject that is someone, not a thing."""
    return is_title(token, words) or token.ent_type_ in ("PER", "PERSON")


def _name_after_fronted(doc: Doc, subject: int, verb: int, words: QuoteWords) -> int:
    """ "Côté monégasque, Adi Hütter regrettait": a person's name alone between a comma and
    the verb is the subject, not the phrase before the comma the parser chose (unless
    that is a title the name is in apposition to)."""
    if _titled_or_named(doc[subject], words):
        return subject
    comma = next((k for k in range(subject + 1, verb) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= verb:
        return subject
    name = range(comma + 1, verb)
    if all(doc[k].ent_type_ in ("PER", "PERSON") for k in name):
        return comma + 1
    return subject


def relative_antecedent(
    doc: Doc, pronoun: int, parsed: int, words: QuoteWords, unit: TokenRange
) -> int:
    """The noun a subject relative pronoun stands for ("Smith, who said …"): the noun phrase
    right before it (past a comma and an age, "Tom Hadley, 71, who"), climbed up to the
    noun it completes through "de"/"of" ("the head of Acme, who said" -> head). The parser
    often hangs a clause after a comma on an earlier noun ("vigilance orange aux orages par
    Météo-France, qui annonce" -> "orange"), so its attachment is only the fallback."""
    k = pronoun - 1
    while k >= unit[0] and pronoun - k <= 4 and (doc[k].is_punct or doc[k].pos_ == "NUM"):
        k -= 1
    if k < unit[0] or doc[k].pos_ not in ("NOUN", "PROPN", "PRON") or doc[k].is_punct:
        return parsed
    for _ in range(4):  # up a name's parts and "de"/"of" complements
        head = doc[k].head
        if head.i == k or not unit[0] <= head.i < k:
            break
        if head.pos_ not in ("NOUN", "PROPN"):
            break  # "…, lance Jean-Luc Mélenchon, qui …": the parser hangs the name on the verb
        linked = any(lower(c) in words.role_links for c in doc[k].children if c.dep_ == "case")
        name_part = doc[k].dep_ in ("flat", "flat:name", "compound") or head.dep_ == "compound"
        if not (linked or name_part):
            break
        k = head.i
    while k > unit[0] and doc[k].ent_iob_ == "I":
        k -= 1  # the start of a name the parser split ("Météo - France")
    if lower(doc[pronoun]) not in words.person_relatives:
        return k  # "…, chief executive of Acme Corp, which warned": the company
    return _apposed_to_person(doc, k, (unit[0], pronoun)) or k


def _apposed_to_person(doc: Doc, k: int, within: TokenRange) -> int | None:
    """The person a role in apposition describes, when token k ends that role ("Mark Zandi,
    chief economist at Moody's Analytics, who …": Zandi, not Analytics)."""
    token = doc[k]
    for _ in range(5):
        head = token.head
        if head.i == token.i or not within[0] <= head.i < within[1]:
            return None
        if token.dep_ == "appos" and head.ent_type_ in ("PER", "PERSON"):
            return int(head.i)
        if token.dep_ not in ("pobj", "prep", "poss", "compound", "nmod", "appos", "case"):
            return None
        token = head
    return None


def _after_break(doc: Doc, cue: TokenRange, speaker: TokenRange, unit: TokenRange) -> bool:
    """ "…, Smith said." : a subject after a comma or closing mark, right before the cue,
    with nothing but the end of the sentence or a comma after the cue."""
    if speaker[1] > cue[0] or speaker[0] == unit[0]:
        return False
    if not follows_break(doc, speaker[0], unit):
        return False
    nxt = doc[cue[1]] if cue[1] < unit[1] else None
    return nxt is None or nxt.text in (",", ".", "—", "–") or nxt.is_space


def follows_break(doc: Doc, k: int, unit: TokenRange) -> bool:
    """Token k comes right after a comma, dash or closing quotation mark."""
    if k <= unit[0]:
        return False
    before = doc[k - 1]
    return before.text in (",", "—", "–") or before.text in CLOSING_TOKENS


def _after_quotation(doc: Doc, k: int, unit: TokenRange) -> bool:
    """Token k comes right after a closing quotation mark, or after it and a comma."""
    j = k - 1 if k - 1 > unit[0] and doc[k - 1].text == "," else k
    return j > unit[0] and doc[j - 1].text in CLOSING_TOKENS


def name_after(context: Context, cue: TokenRange, unit: TokenRange) -> int | None:
    """An inverted subject the parser missed: the first name or title after the cue
    ("s'est réjoui mercredi 8 novembre le président Vladimir Poutine")."""
    doc, words = context.doc, context.words
    past = cue[1]  # whom it was said to: "a déclaré à l'AFP le lieutenant-colonel …"
    for k in range(cue[1], min(unit[1], cue[1] + SPEAKER_WINDOW)):
        token = doc[k]
        if k < past:
            continue
        if opens_addressee(doc, k, words):
            past = _addressee_end(doc, k, words)
            continue
        if token.text == "," and k > cue[1] and _only_pronoun(doc, (cue[1], k)):
            name = apposed_name(doc, k, unit, last=True)  # "explique l'un d'eux, X. Ragot."
            return name[0] if name else None
        if token.text in (",", ":", ";") or token.text in STOPS or token.text in OPENING_TOKENS:
            return None
        if token.pos_ in ("VERB", "SCONJ") or lower(token) in words.complementizers:
            return None
        if lower(token) in words.not_names:
            continue  # "mardi" that the tagger took for a name
        if k == cue[1] and token.pos_ == "PROPN" and follows_break(doc, cue[0], unit):
            return k  # "», soupire Nadia": a first name the tagger calls MISC
        if token.ent_type_ in ("PER", "PERSON", "ORG") or is_title(token, words):
            return k
        if _body_closing_incise(context, cue, k, unit):
            return k  # "», a déclaré la direction.", '", said the ministry.'
        if token.ent_type_ == "MISC" and all(
            lower(doc[j]) in words.determiners for j in range(cue[1], k)
        ):
            return k  # a title of the press the tagger calls MISC: "rapporte Le Progrès"
    return None


def _addressee_end(doc: Doc, k: int, words: QuoteWords) -> int:
    """Past whom it was said to, opening at token k ("à l'AFP", "aux journalistes")."""
    j = k + 1
    while j < len(doc) and lower(doc[j]) in words.determiners:
        j += 1
    j += 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1  # "au New York Times"
    return j


def _body_closing_incise(context: Context, cue: TokenRange, k: int, unit: TokenRange) -> bool:
    """A body noun ("la direction", "the ministry") right after an incise cue (after a comma
    or a closing mark, not a participle), or any noun with its determiner right after a
    quotation's incise ("», estime l'ancien milieu de terrain"), its phrase ending the
    clause."""
    doc, words = context.doc, context.words
    if doc[k].pos_ != "NOUN" or cue[0] <= unit[0] or _is_gerund_form(doc, cue):
        return False
    if _after_quotation(doc, cue[0], unit):  # '», estime l'ancien milieu de terrain.'
        if doc[k].dep_.startswith("obl"):
            return False  # "prévient ce week-end le président", "chaque semaine"
        j = k - 1
        while j > cue[1] and doc[j].pos_ == "ADJ":
            j -= 1
        if j < cue[1] or doc[j].pos_ != "DET":
            return False  # "mercredi 8 novembre": a date, not someone
    elif doc[k].lemma_.lower() not in words.organisation_nouns or not follows_break(
        doc, cue[0], unit
    ):
        return False
    if any(doc[j].pos_ == "ADP" for j in range(cue[1], k)):
        return False  # "…, a demandé à la police": an object, not the speaker
    return _ends_clause_quietly(doc, noun_phrase(doc, k, words, unit)[1], unit)


def _ends_clause_quietly(doc: Doc, k: int, unit: TokenRange, *, full_stop: bool = False) -> bool:
    """Nothing but a few words without a verb, a subordinator or a pronoun from token k to
    the end of the clause ("du groupe mardi", "in a statement"); with `full_stop`, to the
    end of the sentence, no other punctuation between ("dans son réquisitoire.")."""
    for j in range(k, min(unit[1], k + QUIET_TAIL + 1)):
        token = doc[j]
        if token.is_punct or token.is_space:
            return token.text in STOPS if full_stop else True
        if token.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or j == k + QUIET_TAIL:
            return False
    return True


def _is_gerund_form(doc: Doc, cue: TokenRange) -> bool:
    """A gerund among the cue's tokens (", telling CNN that …"); narrower than `_is_gerund`,
    which also takes "en"/"while" before the cue and French present participles."""
    return any(
        doc[k].tag_ == "VBG" or "Ger" in doc[k].morph.get("VerbForm", []) for k in range(*cue)
    )


def _only_pronoun(doc: Doc, tokens: TokenRange) -> bool:
    """ "l'un d'eux", "l'une d'entre elles", "one of them": no noun, no name."""
    return any(doc[k].pos_ == "PRON" for k in range(*tokens)) and all(
        doc[k].pos_ in ("PRON", "DET", "ADP", "NUM") for k in range(*tokens)
    )


def apposed_name(
    doc: Doc, comma: int, unit: TokenRange, *, last: bool = False
) -> TokenRange | None:
    """The name set between commas after a role: ", Olivier Dussopt," (the tokens of one
    person entity), or None; `last`: or closing the sentence (", Xavier Ragot.")."""
    if comma >= unit[1] or doc[comma].text != ",":
        return None
    start = end = comma + 1
    while end < unit[1] and doc[end].ent_type_ in ("PER", "PERSON"):
        end += 1
    if end == start or end - start > 5:
        return None
    if end < unit[1] and doc[end].text == ",":
        return start, end
    return (start, end) if last and ends_unit(doc, end, unit) else None
