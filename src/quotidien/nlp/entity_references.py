"""Walking the text: what pronouns, role phrases and speaker phrases stand for.

`walk` visits name mentions, subject pronouns, subject role phrases ("Le chef de l'État a
promis …") and the quotes' speaker phrases in text order, and resolves each speaker phrase
to an entity: a name inside it (not the one whom the speaker works for, "l'avocat de
Nicolas Sarkozy"), a person named in apposition after it, a subject pronoun to the last
person who was a subject, of a compatible gender (or to a body quoted just before, "Selon
elle"), a plural pronoun to the last plural subject, an epithet ("l'attaquant", "the
41-year-old") to the person last named as a subject, a role phrase to the last person known
by that title or to a new person. After the walk, a person known only by role phrases in the
headline and lead joins the one person named later with that title (`merge_forward_roles`),
and a "person" known by one bare word and never quoted is kept as "other" (`check_person`).
Kept apart because it is the resolution proper, and reads what the names and titles modules
gathered; `domains` is called through its module, a local of that name being common here.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.model import EntityKind
from quotidien.nlp import entity_titles
from quotidien.nlp.entity_names import name_key, person_named, stated_age, tokens_text
from quotidien.nlp.entity_state import Event, Gathered, MentionKind, State, is_plural
from quotidien.nlp.entity_titles import learn, title_after_comma, without_determiners
from quotidien.nlp.quotes import FoundQuote
from quotidien.nlp.tokens import (
    TokenRange,
    is_impersonal,
    is_role_link,
    is_subject,
    is_title,
    lower,
    noun_phrase,
    phrase_head,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Mentions looked back over when resolving a pronoun.
HISTORY = 40


def walk(state: State, found: list[FoundQuote]) -> dict[int, tuple[TokenRange, Gathered | None]]:
    """Visit name mentions, subject pronouns and speaker phrases in text order; returns,
    per quote index, its speaker tokens and entity."""
    doc, words = state.doc, state.words
    speaker_at = {_referent(q): n for n, q in enumerate(found) if q.speaker is not None}
    sentence = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    speakers: dict[int, tuple[TokenRange, Gathered | None]] = {}
    resolved = state.resolved
    events: list[tuple[int, int, str, TokenRange]] = []
    events += [(rng[0], 0, "name", rng) for rng in state.names]
    events += [(rng[0], 1, "speaker", rng) for rng in speaker_at]
    contents = [q.content for q in found]
    # Whom "il" means in someone's own words is theirs to know, rarely the last subject
    # before the quotation: often its speaker ("« Il est serein », glisse un proche").
    direct = [q.content for q in found if q.kind == "direct"]
    events += [
        (t.i, 2, "pronoun", (t.i, t.i + 1))
        for t in doc
        if lower(t) in words.pronouns
        and is_subject(t)
        and not is_impersonal(t, words)
        and words.pronouns[lower(t)] in ("m", "f")
        and not any(s <= t.idx < e for s, e in direct)
    ]
    events += [(rng[0], 1, "role", rng) for rng in _role_subjects(state, contents, speaker_at)]
    events += [(rng[0], 3, "plural", rng) for rng in _plural_subjects(state, contents)]
    for _, _, what, rng in sorted(events):
        if what == "plural":
            state.plurals.append(rng)
            continue
        if what == "name":
            entity = state.names[rng]
            if entity.kind == "person":
                # A subject inside reported words is not the one the narrative follows.
                reported = any(s <= doc[rng[0]].idx < e for s, e in contents)
                subject = rng in speaker_at or (
                    not reported and _is_subject_phrase(doc, rng, words)
                )
                state.history.append(Event(rng[0], entity, subject, sentence.get(rng[0], -1)))
            continue
        if what == "role":
            # A person the text already knows by that title, if every word of the phrase
            # fits them; else someone new ("Le maire de Lyon a réagi. L'élu a affirmé …").
            known = _known_role(state, rng, sentence, silent=True)
            if known is None and _one_unnamed_person(state, rng):
                _new_role_entity(state, rng, sentence)
            continue
        if rng in resolved:
            continue
        speaker = resolved[rng] = _speaker_entity(state, rng, sentence)
        head = doc[phrase_head(doc, rng)]
        if speaker is not None and speaker.kind == "organisation":
            gender = _grammatical_gender(head)
            state.bodies.append((head.i, speaker, gender, sentence.get(head.i, -1)))
        if is_plural(head) and lower(head) not in words.pronouns:
            state.plurals.append(rng)
    # The same speaker tokens may serve several quotes (an incise resumed after it).
    for n, quote in enumerate(found):
        if quote.speaker is not None:
            speakers[n] = (quote.speaker, resolved.get(_referent(quote)))
    return speakers


def _referent(quote: FoundQuote) -> TokenRange:
    assert quote.speaker is not None
    return quote.referent or quote.speaker


def _role_subjects(
    state: State, contents: list[tuple[int, int]], speakers: dict[TokenRange, int]
) -> list[TokenRange]:
    """Singular role phrases that are subjects outside reported words and speaker phrases
    ("Le chef de l'État a promis …"): the person they stand for, known or new, is who a
    later "il" most likely means."""
    doc, words = state.doc, state.words
    taken = {*state.names, *speakers}
    out: list[TokenRange] = []
    for sent in doc.sents:
        for t in sent:
            if not (is_subject(t) and t.pos_ == "NOUN" and is_title(t, words)) or is_plural(t):
                continue
            if any(s <= t.idx < e for s, e in contents):
                continue
            rng = noun_phrase(doc, t.i, words, (sent.start, sent.end))
            overlaps = any(r[0] < rng[1] and rng[0] < r[1] for r in taken | set(out))
            if not overlaps and not _untagged_name_in(doc, rng, words):
                out.append(rng)
    return out


def _one_unnamed_person(state: State, rng: TokenRange) -> bool:
    """A role phrase that stands for one person not named there: definite ("le maire de
    Lyon", not "chief judge" nor "un élu") and not followed by the name ("L'avocat de la
    défense, Me Julien Roche,")."""
    doc = state.doc
    if lower(doc[rng[0]]) not in state.words.determiners or _apposed_person(state, rng):
        return False
    after = rng[1] + 1  # ", Enrique Peña Nieto," even where the tagger took it for a group
    return not (after < len(doc) and doc[rng[1]].text == "," and doc[after].pos_ == "PROPN")


def _untagged_name_in(doc: Doc, rng: TokenRange, words: QuoteWords) -> bool:
    """A proper noun in a role phrase that is no domain ("La Première ministre thaïlandaise
    Paetongtarn Shinawatra", not "le chef de la Maison-Blanche"): a name the tagger missed."""
    for k in range(rng[0] + 1, rng[1]):
        j = k - 1
        while j > rng[0] and lower(doc[j]) in words.determiners:
            j -= 1
        if doc[k].pos_ == "PROPN" and lower(doc[j]) not in words.role_links:
            return True
    return False


def _plural_subjects(state: State, contents: list[tuple[int, int]]) -> list[TokenRange]:
    """Plural noun subjects outside reported words ("Les syndicats … estiment"), as
    antecedents of a plural pronoun."""
    doc, words = state.doc, state.words
    out: list[TokenRange] = []
    for sent in doc.sents:
        for t in sent:
            if not (is_subject(t) and t.pos_ in ("NOUN", "PROPN") and is_plural(t)):
                continue
            if any(s <= t.idx < e for s, e in contents):
                continue
            out.append(noun_phrase(doc, t.i, words, (sent.start, sent.end)))
    return out


def _plural_antecedent(state: State, position: int, sentence: dict[int, int]) -> Gathered | None:
    """The entity of the last plural subject or speaker before `position` ("Les syndicats
    … Selon eux"), made an entity now if it was not one yet."""
    before = [rng for rng in state.plurals if rng[1] <= position]
    if not before:
        return None
    rng = before[-1]
    if rng not in state.resolved:
        state.resolved[rng] = _speaker_entity(state, rng, sentence)
    if state.resolved[rng] is None:
        state.resolved[rng] = _new_entity(state, rng, "other", "name", sentence)
    return state.resolved[rng]


def _is_subject_phrase(doc: Doc, rng: TokenRange, words: QuoteWords) -> bool:
    return _subject_in_apposition(doc, rng, words) or any(
        is_subject(doc[k])
        or (doc[k].dep_ in ("flat:name", "appos", "compound") and is_subject(doc[k].head))
        or _apposition_parsed_conj(doc, k)
        or _named_after_title(doc, k, words)
        or _vocative_subject(doc[k])
        for k in range(*rng)
    )


def _vocative_subject(token: Token) -> bool:
    """ "Yannick Le Bihan, éleveur à Vitré, ne décolère pas": news has no vocatives; a name the
    parser calls one, hung on a verb after it, is that verb's subject."""
    return token.dep_ == "vocative" and token.head.i > token.i and token.head.pos_ == "VERB"


def _apposition_parsed_conj(doc: Doc, k: int) -> bool:
    """ "Sa homologue de la CFDT, Marylise Léon, s'est montrée …": the parser's conjunct
    of the subject after a comma, closed by another comma."""
    token = doc[k]
    if token.dep_ != "conj" or not is_subject(token.head) or doc[k - 1].text != ",":
        return False
    end = k + 1
    while end < len(doc) and doc[end].dep_ in ("flat:name", "flat"):
        end += 1
    return end < len(doc) and doc[end].text == ","


def _subject_in_apposition(doc: Doc, rng: TokenRange, words: QuoteWords) -> bool:
    """ "Me Dupont, l'avocat de Jean Martin, a plaidé": the parser makes the apposition
    the subject; the name it describes is."""
    k = title_after_comma(doc, rng, words)
    return k is not None and is_subject(doc[k])


def _named_after_title(doc: Doc, k: int, words: QuoteWords) -> bool:
    """ "Le capitaine parisien Marquinhos a …": the parser hangs the name on the subject
    title before it as a complement."""
    head = doc[k].head
    case = any(c.dep_ == "case" for c in doc[k].children)
    return (
        doc[k].dep_ == "nmod"
        and not case
        and head.i < k
        and is_subject(head)
        and is_title(head, words)
    )


def _speaker_entity(state: State, rng: TokenRange, sentence: dict[int, int]) -> Gathered | None:
    """The entity a speaker phrase or subject pronoun stands for (and records the mention)."""
    doc, words = state.doc, state.words
    head = phrase_head(doc, rng)
    if lower(doc[head]) in words.source_nouns:  # "l'entourage de Gérald Darmanin": not him
        return _new_entity(state, rng, "other", "name", sentence)
    inside = [(r, e) for r, e in state.names.items() if rng[0] <= r[0] and r[1] <= rng[1]]
    # "L'avocat de Nicolas Sarkozy", "an aide to Senator Smith": the name is whom the
    # speaker works for, the speaker someone else
    for_whom = {k for r, _ in inside if _whose(doc, head, r, words) for k in range(*r)}
    inside = [(r, e) for r, e in inside if r[0] not in for_whom]
    # "Cal Fire spokesperson Maria Lopez": the name closing the phrase is the person's,
    # the ones before it name the body they speak for.
    inside.sort(key=lambda item: item[0][1] != rng[1])
    named = [e for _, e in inside]
    people = [e for e in named if e.kind == "person"]
    named = people or [e for r, e in state.names.items() if r[0] <= head < r[1]]
    if not named and _is_body_noun(doc[head], words):
        # "le syndicat Syndeac": the body's name right after the noun saying what it is
        named = [e for r, e in inside if r[0] == head + 1 and e.kind == "organisation"]
    apposed = _apposed_person(state, rng)
    if apposed is not None and not named:
        _record(state, apposed, rng, "role", sentence)
        if apposed.role is None and doc[head].pos_ != "PRON":  # not "L'une (d'elles)"
            apposed.role = without_determiners(doc, rng, words)
        learn(apposed, doc, rng, words)
        return apposed
    proper = [doc[k].text for k in range(*rng) if doc[k].pos_ == "PROPN" and k not in for_whom]
    if not named and proper:  # a surname the model did not tag this time
        person = person_named(state, " ".join(proper))
        if person is not None:
            _record(state, person, rng, "surname" if len(proper) == 1 else "name", sentence)
            return person
    if people or named:
        entity = (people or named)[0]
        inner = [
            r for r, e in state.names.items() if e is entity and rng[0] <= r[0] and r[1] <= rng[1]
        ]
        longer = people and inner and all(r != rng for r in inner)
        _record(state, entity, rng, "title" if longer else "name", sentence)
        if longer:  # "Her spokeswoman, Alicia Moreno"
            before = (rng[0], min(r[0] for r in inner))
            learn(entity, doc, before, words)
            if entity.role is None:
                entity.role = _role_in_phrase(doc, before, words)
        return entity
    text = lower(doc[head])
    if text in words.pronouns or text in words.inverted_pronouns:
        gender = words.pronouns.get(text) or words.inverted_pronouns.get(text)
        if gender == "p":
            found = _plural_antecedent(state, head, sentence)
            if found is not None:
                _record(state, found, (head, head + 1), "pronoun", sentence)
            return found
        found = _antecedent(state, head, gender, sentence) if gender in ("m", "f") else None
        body = _body_antecedent(state, head, gender, sentence) if gender else None
        if body is not None and (found is None or body[0] > _last_seen(state, found, head)):
            found = body[1]  # "…, a indiqué la préfecture. Selon elle, …"
        if found is not None:
            if found.gender is None:
                found.gender = gender
            _record(state, found, (head, head + 1), "pronoun", sentence)
        return found
    phrase = doc[rng[0] : rng[1]].text
    age = re.fullmatch(words.age_phrase, phrase, re.I) if words.age_phrase else None
    if age is not None:  # "The 41-year-old said": the person just named, unless aged otherwise
        decade = int(age.group(1)) // 10 * 10
        found = _epithet_for(state, rng, sentence, {decade})
        return found if found is not None else _new_role_entity(state, rng, sentence)
    if doc[head].lemma_.lower() in words.document_nouns:  # "A 2024 study by researchers"
        return _new_entity(state, rng, "other", "name", sentence)
    if is_title(doc[head], words) or any(is_title(doc[k], words) for k in range(*rng)):
        return _role_entity(state, rng, sentence)
    if any(_is_body_noun(doc[k], words) for k in range(*rng)):
        return _new_entity(state, rng, "organisation", "name", sentence)
    return None


def _whose(doc: Doc, head: int, name: TokenRange, words: QuoteWords) -> bool:
    """`name` comes after the phrase's head title through a preposition ("avocat de Nicolas
    Sarkozy", "spokesman for Reyes", "aide to Senator Smith"): the head's domain, not its
    holder."""
    k = name[0] - 1
    while k > head and (lower(doc[k]) in words.honorifics or is_title(doc[k], words)):
        k -= 1  # "Mr.", "Senator"
    link = lower(doc[k]) if k > head else ""
    if link in words.name_particles and name[1] - name[0] == 1 and k == name[0] - 1:
        return False  # "le général de Villiers": a particle of the name
    return is_title(doc[head], words) and is_role_link(link, words)


def _is_body_noun(token: Token, words: QuoteWords) -> bool:
    """ "syndicat", "ministère": a noun naming an organisation."""
    return (
        lower(token) in words.organisation_nouns or token.lemma_.lower() in words.organisation_nouns
    )


def _grammatical_gender(token: Token) -> str | None:
    gender = token.morph.get("Gender", [])
    return {"Masc": "m", "Fem": "f"}.get(gender[0]) if gender else None


def _body_antecedent(
    state: State, position: int, gender: str, sentence: dict[int, int]
) -> tuple[int, Gathered] | None:
    """The body quoted in this sentence or the one before, and where, if its noun has the
    pronoun's gender ("la préfecture … Selon elle")."""
    here = sentence.get(position, -1)
    before = [b for b in state.bodies if b[0] < position and here - b[3] <= 1]
    if before and before[-1][2] == gender:
        return before[-1][0], before[-1][1]
    return None


def _last_seen(state: State, entity: Gathered, position: int) -> int:
    """Where `entity` was last mentioned before `position`."""
    return max(
        (e.position for e in state.history if e.entity is entity and e.position < position),
        default=-1,
    )


def _role_in_phrase(doc: Doc, rng: TokenRange, words: QuoteWords) -> str | None:
    """The role phrase before a name in one speaker phrase ("Her spokeswoman," -> "spokeswoman"),
    None unless it holds a title."""
    start, end = rng
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (lower(doc[start]) in words.determiners or doc[start].tag_ == "PRP$"):
        start += 1
    if start == end or not any(is_title(doc[k], words) for k in range(start, end)):
        return None
    return tokens_text(doc, (start, end))


def _apposed_person(state: State, rng: TokenRange) -> Gathered | None:
    """ "Her spokeswoman, Alicia Moreno, said": the person named right after the phrase, or
    after its "of them" ("L'une d'elles, Claire M., a affirmé")."""
    doc = state.doc
    comma = rng[1]
    if comma + 2 < len(doc) and lower(doc[comma]) in state.words.role_links:
        comma += 2 if doc[comma + 1].pos_ == "PRON" else 0
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    start = comma + 1
    if start < len(doc) and lower(doc[start]) in state.words.honorifics:
        start += 1  # ", Mme Dupont,"
    for r, entity in state.names.items():
        if r[0] in (comma + 1, start) and (r[1] >= len(doc) or doc[r[1]].is_punct):
            if entity.kind == "person":
                return entity
            if entity.kind == "other" and _names_someone(state, rng, r):
                entity.kind = "person"  # "Sa voisine, Fatima,": the tagger's MISC
                return entity
    return None


def _names_someone(state: State, rng: TokenRange, name: TokenRange) -> bool:
    """A bare proper name in apposition to a phrase that is no organisation ("Sa voisine,
    Fatima," but not "Son parti, Renaissance,")."""
    doc = state.doc
    head = doc[phrase_head(doc, rng)]
    if head.pos_ != "NOUN" or head.lemma_.lower() in state.words.organisation_nouns:
        return False
    return all(doc[k].pos_ == "PROPN" for k in range(*name))


def _antecedent(
    state: State, position: int, gender: str | None, sentence: dict[int, int]
) -> Gathered | None:
    """The last person who was a subject, of a compatible gender; persons named earlier in
    the same sentence as objects are passed over ("En recevant Zhang Youxia, il …")."""
    here = sentence.get(position, -1)
    before = [e for e in state.history if e.position < position][-HISTORY:]
    compatible = [e for e in before if e.entity.gender in (None, gender)]
    for event in reversed(compatible):
        if event.subject:
            return event.entity
    return compatible[-1].entity if compatible and compatible[-1].sentence != here else None


def _role_entity(state: State, rng: TokenRange, sentence: dict[int, int]) -> Gathered:
    """ "Le président russe": the last person known by that title, or a new person."""
    known = _epithet_for(state, rng, sentence) or _known_role(state, rng, sentence)
    return known if known is not None else _new_role_entity(state, rng, sentence)


def _epithet_for(
    state: State, rng: TokenRange, sentence: dict[int, int], ages: set[int] | None = None
) -> Gathered | None:
    """The person last named as a subject, in this paragraph or the one before, for a
    definite epithet ("l'attaquant", "le coach autrichien", by `ages` "the 41-year-old"),
    unless what they are known as says otherwise; the mention recorded."""
    doc, words = state.doc, state.words
    titles, _, gender = _role_terms(doc, rng, words)
    if ages is None:
        if not titles & words.epithets or lower(doc[rng[0]]) not in words.determiners:
            return None
        ages = {words.age_epithets[t] for t in titles if t in words.age_epithets}
    fits = titles | _generic_cover(doc, rng, titles, words)
    here = _paragraph(state, rng[0])
    for event in reversed([e for e in state.history if e.position < rng[0]]):
        if here - _paragraph(state, event.position) > 1:
            break  # this paragraph or the one before
        entity = event.entity
        if not event.subject or "name" not in entity.mentions.values():
            continue  # "Ancelotti a salué Valverde. « … », a estimé le technicien"
        conflicts = entity.titles and not entity.titles & fits
        if (conflicts and not ages) or not _same_number_and_gender(entity.gender, gender):
            continue  # "l'attaquant" after the coach was named; "le quinquagénaire" fits all
        if ages and not _age_fits(state, entity, ages):
            continue  # "Jean Martin, 25 ans, …" is no "septuagénaire"
        entity.titles |= titles
        _record(state, entity, rng, "role", sentence)
        return entity
    return None


def _age_fits(state: State, entity: Gathered, decades: set[int]) -> bool:
    """No age stated after the person's name says otherwise ("Jean Martin, 25 ans")."""
    for rng, named in state.names.items():
        age = stated_age(state.doc, rng[1], state.words) if named is entity else None
        if age is not None:
            return age // 10 * 10 in decades
    return True


def _paragraph(state: State, token: int) -> int:
    """The rank of the paragraph holding `token`."""
    return bisect.bisect(state.breaks, state.doc[token].idx)


def _new_role_entity(state: State, rng: TokenRange, sentence: dict[int, int]) -> Gathered:
    """A person known so far by role phrase `rng` only."""
    titles, domains, gender = _role_terms(state.doc, rng, state.words)
    entity = _new_entity(state, rng, "person", "role", sentence)
    entity.titles |= titles
    entity.domains |= domains
    entity.gender = gender  # "les pompiers" are not "il", "l'élue" not "l'élu"
    return entity


def _known_role(
    state: State, rng: TokenRange, sentence: dict[int, int], silent: bool = False
) -> Gathered | None:
    """The last person known by the title of role phrase `rng`, its mention recorded. A
    speaker's phrase also names a person known by role phrases only; a `silent` one (no
    speaker) must hold only words known of the person ("the president", not "the next
    president" nor "the Republican nominee" for the Democratic vice-presidential one)."""
    doc, words = state.doc, state.words
    titles, domains, gender = _role_terms(doc, rng, words)
    cover = _generic_cover(doc, rng, titles, words)
    earlier = [e for e in state.history if e.position < rng[0]]
    if lower(doc[rng[0]]) in words.indefinite_articles:
        earlier = []  # "un proche du dossier": someone new
    for event in reversed(earlier):
        if not _same_number_and_gender(event.entity.gender, gender):
            continue  # "l'élu" is not "les élus de l'opposition", nor "l'élue"
        # "le ministre de l'Intérieur" is only someone known as minister of the interior
        known = event.entity.domains  # "Le ministre Gérald Darmanin", then "le ministre de …"
        same_role = event.entity.titles & (titles | cover)
        if same_role and (not domains or not known or domains & known):
            entity = event.entity
            generic = titles if cover & event.entity.titles else set()  # "la magistrate"
            if silent and not _said_of(doc, rng, words) - generic <= _known_words(entity):
                continue
            entity.gender = entity.gender or gender  # "l'élue": she
            if not silent and "name" not in entity.mentions.values():
                # Known by role phrases only ("officials", then "Nevada County officials"):
                # each phrase is a name, the fullest one is shown.
                name = without_determiners(doc, rng, words)
                if name not in entity.names:
                    entity.names.append(name)
            _record(state, entity, rng, "role", sentence)
            return entity
    return None


def _said_of(doc: Doc, rng: TokenRange, words: QuoteWords) -> set[str]:
    """The words of a role phrase that tell something of the person (not its articles and
    links); a periphrasis tells its title ("le chef de l'État": président)."""
    periphrasis = words.periphrases.get(without_determiners(doc, rng, words).lower())
    if periphrasis:
        return set(periphrasis)
    return {
        doc[k].lemma_.lower()
        for k in range(*rng)
        if doc[k].pos_ in ("NOUN", "PROPN", "ADJ")
        and lower(doc[k]) not in words.role_links | words.determiners
    }


def _known_words(entity: Gathered) -> set[str]:
    roles = " ".join(r for r in (entity.role, entity.appositive_role) if r)
    return entity.titles | entity.domains | set(name_key(roles))


def _role_terms(
    doc: Doc, rng: TokenRange, words: QuoteWords
) -> tuple[set[str], set[str], str | None]:
    """The titles, domains and gender ("p" plural) a role phrase tells; titles after a
    link are someone else's ("aide to Senator Smith")."""
    head = phrase_head(doc, rng)
    end = next((k for k in range(head + 1, rng[1]) if is_role_link(lower(doc[k]), words)), rng[1])
    own = [doc[k] for k in range(rng[0], end) if is_title(doc[k], words)]
    titles = {lower(token) for token in own} | {token.lemma_.lower() for token in own}
    domains = entity_titles.domains(doc, rng, words)
    periphrasis = words.periphrases.get(without_determiners(doc, rng, words).lower())
    if periphrasis:  # "le chef de l'État" is known as "le président"
        titles, domains = {periphrasis[0]}, set(periphrasis[1:])
    plural = is_plural(doc[phrase_head(doc, rng)])
    return titles, domains, "p" if plural else _title_gender(doc, rng, words)


def _generic_cover(doc: Doc, rng: TokenRange, titles: set[str], words: QuoteWords) -> set[str]:
    """The precise roles a generic one stands for ("l'élu": the mayor, the senator …); only
    for one person named by a definite phrase ("the lawmaker", not "one lawmaker")."""
    cover: set[str] = set().union(*(words.generic_roles.get(title, ()) for title in titles))
    return cover if lower(doc[rng[0]]) in words.determiners else set()


def _title_gender(doc: Doc, rng: TokenRange, words: QuoteWords) -> str | None:
    """ "m" or "f" when the phrase's titles, as written, say so ("l'élue", "la présidente")."""
    genders = {words.titles.get(lower(doc[k])) for k in range(*rng)} & {"m", "f"}
    if not genders and doc[rng[0]].pos_ == "DET":  # "le quinquagénaire", "la journaliste"
        said = doc[rng[0]].morph.get("Gender", [])
        genders = {{"Masc": "m", "Fem": "f"}[g] for g in said if g in ("Masc", "Fem")}
    return genders.pop() if len(genders) == 1 else None


def _same_number_and_gender(known: str | None, mention: str | None) -> bool:
    if (known == "p") != (mention == "p"):
        return False
    return known is None or mention is None or known == mention


def _new_entity(
    state: State, rng: TokenRange, kind: EntityKind, mention: MentionKind, sentence: dict[int, int]
) -> Gathered:
    name = without_determiners(state.doc, rng, state.words)
    same = next(
        (
            e
            for e in state.entities
            if e.kind == kind and name.lower() in (n.lower() for n in e.names)
        ),
        None,
    )
    entity = same or Gathered(kind, names=[name])
    if same is None:
        state.entities.append(entity)
    _record(state, entity, rng, mention, sentence)
    return entity


def _record(
    state: State, entity: Gathered, rng: TokenRange, kind: MentionKind, sentence: dict[int, int]
) -> None:
    doc = state.doc
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    if kind == "pronoun" and doc[rng[0]].text.startswith("-"):
        start += len(doc[rng[0]].text) - len(doc[rng[0]].text.lstrip("-t").lstrip("-"))
    entity.add(start, end, kind)
    if entity.kind == "person":
        state.history.append(Event(rng[0], entity, True, sentence.get(rng[0], -1)))


def merge_forward_roles(state: State) -> dict[int, Gathered]:
    """A person known by role phrases only in the headline and lead, before anyone is named
    with that title ("Le PDG de Cyclo France promet …" in the headline, "son PDG, Antoine
    Berthier" further on): the one person named later with that title, if only one is;
    returns who went where. In the body a role phrase before a name is as often someone
    else ("Le président a promulgué la loi. Le président du Sénat, Gérard Larcher, …")."""
    named = [e for e in state.entities if e.kind == "person" and "name" in e.mentions.values()]
    # the headline and lead end at the second paragraph break (a short text: nowhere)
    opening = state.breaks[1] if len(state.breaks) > 1 else None
    merged: dict[int, Gathered] = {}
    for entity in state.entities:
        if entity.kind != "person" or not entity.mentions or any(entity is e for e in named):
            continue
        last = max(end for _, end in entity.mentions)
        if not _definite(state, entity) or (opening is not None and last > opening):
            continue  # "a spokesman said", "un proche": someone the text keeps unnamed
        fits = [e for e in named if e.first > entity.first and _may_be(state, entity, e)]
        if len(fits) == 1:
            for (start, end), kind in entity.mentions.items():
                fits[0].add(start, end, kind)
            entity.mentions.clear()
            merged[id(entity)] = fits[0]
    return merged


def _definite(state: State, entity: Gathered) -> bool:
    """Whether a mention of `entity` opens with a definite or possessive determiner."""
    text = state.doc.text
    return any(
        text[start:end].split(maxsplit=1)[0].lower().replace("’", "'") in state.words.determiners
        or text[start:end].lower().startswith(("l'", "l’"))
        for start, end in entity.mentions
    )


def _may_be(state: State, role: Gathered, person: Gathered) -> bool:
    """Whether the titles, domains and gender of a person known by role phrases fit a
    named one (a generic title, "le dirigeant", fits any title it stands for)."""
    cover = set().union(*(state.words.generic_roles.get(t, ()) for t in role.titles))
    if not (role.titles | cover) & person.titles or role.gender == "p":
        return False
    if person.domains and not role.domains & person.domains:
        return False  # "le président" is not "le président du Sénat" named later
    return _same_number_and_gender(person.gender, role.gender)


def check_person(entity: Gathered, speakers: dict[int, tuple[TokenRange, Gathered | None]]) -> None:
    """News introduces a person by full name, title or honorific; a "person" known only by
    one bare word and never quoted is more often a place or an institution the model
    misread ("Washington tentait …"): keep it, but not as a person."""
    if entity.kind != "person" or any(e is entity for _, e in speakers.values()):
        return
    bare = all(len(name.split()) == 1 for name in entity.names)
    if bare and set(entity.mentions.values()) <= {"name", "surname"}:
        entity.kind = "other"
