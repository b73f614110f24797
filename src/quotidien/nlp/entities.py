"""Entities: people, organisations, places and other names, with all their mentions, and
the quotes' speakers resolved to them.

From the pipeline's named entities, cleaned of what models get wrong on news pages (verbs,
page furniture, the "Défense" of "ministre de la Défense" as a place). A person is one
entity whatever the form: full name, surname, title + name ("le président Vladimir
Poutine"), role phrase ("le président russe", matched by title to a person named with that
title before), and subject pronouns, resolved to the last person who was the subject of a
clause, of a compatible gender. Language knowledge comes from `QuoteWords` only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from quotidien.lang.quotes import QuoteWords
from quotidien.model import Entity, EntityKind, Mention, Quote, Span
from quotidien.nlp.marks import PARAGRAPH
from quotidien.nlp.quotes import FoundQuote
from quotidien.nlp.tokens import (
    TokenRange,
    is_impersonal,
    is_role_link,
    is_subject,
    is_title,
    lower,
    noun_phrase,
    opens_addressee,
    phrase_head,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

MentionKind = Literal["name", "surname", "title", "role", "pronoun", "other"]
KINDS: dict[str, EntityKind] = {
    "PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place",
    "GPE": "place", "FAC": "place", "MISC": "other", "EVENT": "other",
    "WORK_OF_ART": "other", "LAW": "other", "PRODUCT": "other",
}  # fmt: skip
#: Mentions looked back over when resolving a pronoun.
HISTORY = 40


@dataclass
class _Entity:
    kind: EntityKind
    names: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], MentionKind] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    #: What its titles are of ("ministre du Travail" -> "travail"): another minister's
    #: role phrase ("le ministre de l'Intérieur") is not this person.
    domains: set[str] = field(default_factory=set)
    role: str | None = None
    appositive_role: str | None = None
    gender: str | None = None

    def add(self, start: int, end: int, kind: MentionKind) -> None:
        if (start, end) not in self.mentions or kind in ("title", "role"):
            self.mentions[(start, end)] = kind

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)


@dataclass
class _Event:
    """A person mention in text order, for pronoun and role resolution."""

    position: int
    entity: _Entity
    subject: bool
    sentence: int


@dataclass
class _State:
    doc: Doc
    words: QuoteWords
    entities: list[_Entity] = field(default_factory=list)
    #: (start token, end token) of each kept name mention -> its entity
    names: dict[TokenRange, _Entity] = field(default_factory=dict)
    history: list[_Event] = field(default_factory=list)
    #: Plural subject and speaker phrases seen so far, for "ils"/"eux"/"they".
    plurals: list[TokenRange] = field(default_factory=list)
    #: Where each paragraph break starts in the text.
    breaks: list[int] = field(default_factory=list)
    #: Bodies quoted so far (position, entity, grammatical gender, sentence), for an
    #: "elle" no person fits ("la préfecture a demandé …. Selon elle, …").
    bodies: list[tuple[int, _Entity, str | None, int]] = field(default_factory=list)
    #: Speaker phrases already resolved, and the entity each stands for.
    resolved: dict[TokenRange, _Entity | None] = field(default_factory=dict)


def find_entities(
    doc: Doc, words: QuoteWords, found: list[FoundQuote]
) -> tuple[list[Entity], list[Quote]]:
    """The entities of `doc` and the quotes with their speakers resolved."""
    text = doc.text  # built anew on every access: read it once
    state = _State(doc, words, breaks=[m.start() for m in PARAGRAPH.finditer(text)])
    _collect_names(state)
    _add_titles(state, [q.cue for q in found if q.cue is not None])
    speakers = _walk(state, found)
    merged = _merge_forward_roles(state)
    speakers = {n: (rng, merged.get(id(e), e)) for n, (rng, e) in speakers.items()}
    entities = [e for e in state.entities if e.mentions]
    for entity in entities:
        _check_person(entity, speakers)
    entities.sort(key=lambda e: e.first)
    ids = {id(e): f"e{n}" for n, e in enumerate(entities, 1)}
    quotes = [_quote(doc, text, quote, speakers.get(n), ids) for n, quote in enumerate(found)]
    return [_entity(text, e, ids[id(e)]) for e in entities], quotes


# -- names ------------------------------------------------------------------------------


def _collect_names(state: _State) -> None:
    doc, words = state.doc, state.words
    spans = [(span, _kind(span, words)) for span in doc.ents if span.label_ in KINDS]
    spans = [(span, kind) for span, kind in spans if kind == "person" or not _role(span, words)]
    cleaned = [(rng, kind) for span, kind in spans if (rng := _clean(doc, span, words))]
    cleaned = [_name_after_domain(doc, rng, kind, words) for rng, kind in cleaned]
    cleaned = [_name_after_addressee(doc, rng, kind, words) for rng, kind in cleaned]
    people = [(rng, kind) for rng, kind in cleaned if kind == "person"]
    # Fullest names first, so "Poutine" joins "Vladimir Poutine" wherever it appears.
    for rng, _ in sorted(people, key=lambda item: -(item[0][1] - item[0][0])):
        _add_person(state, rng)
    for rng, kind in cleaned:
        if kind == "person":
            continue
        person = _person_named(state, _tokens_text(doc, rng))
        if person is not None:
            _name_mention(state, person, rng, "surname" if rng[1] - rng[0] == 1 else "name")
        elif rng[1] - rng[0] > 1 or not _inside_role(doc, rng, words):
            _add_other(state, rng, kind)
    for span, _ in spans:
        for part in _paragraph_parts(doc, span):
            rng = _clean(doc, part, words)
            person = _person_named(state, _tokens_text(doc, rng)) if rng else None
            if rng and person is not None:
                _name_mention(state, person, rng, "surname" if len(part) == 1 else "name")
    _untagged_full_names(state)


def _untagged_full_names(state: _State) -> None:
    """A person's full name written again where the tagger did not see it (after a heading,
    say) is a mention all the same: the same words, token for token, outside any name."""
    doc = state.doc
    full: dict[str, list[tuple[tuple[str, ...], _Entity]]] = {}
    for rng, entity in state.names.items():
        if entity.kind == "person" and rng[1] - rng[0] > 1:
            words = tuple(doc[k].text for k in range(*rng))
            if (words, entity) not in full.get(words[0], []):
                full.setdefault(words[0], []).append((words, entity))
    taken = {k for rng in state.names for k in range(*rng)}
    for token in doc:
        for words, entity in full.get(token.text, []):
            rng = (token.i, token.i + len(words))
            inside = range(*rng)
            free = rng[1] <= len(doc) and not taken.intersection(inside)
            if free and tuple(doc[k].text for k in inside) == words:
                _name_mention(state, entity, rng, "name")
                taken.update(inside)


def _name_after_domain(
    doc: Doc, rng: TokenRange, kind: EntityKind, words: QuoteWords
) -> tuple[TokenRange, EntityKind]:
    """ "(ministre de l')Économie Bruno Le Maire", one organisation to the tagger: the
    domain of a role, then the name of the person who holds it."""
    if kind == "person" or rng[1] - rng[0] < 3 or doc[rng[0]].pos_ != "NOUN":
        return rng, kind  # "(director of the) Potsdam Institute …" is the body's name
    if not _inside_role(doc, rng, words):
        return rng, kind
    start = rng[0] + 1
    while start < rng[1] and doc[start].pos_ == "ADJ":
        start += 1  # "Commission européenne"
    name = doc[start : rng[1]]
    if len(name) >= 2 and name[0].pos_ == "PROPN" and name[-1].text[:1].isupper():
        return (start, rng[1]), "person"
    return rng, kind


def _name_after_addressee(
    doc: Doc, rng: TokenRange, kind: EntityKind, words: QuoteWords
) -> tuple[TokenRange, EntityKind]:
    """ "(confie au) Figaro Karim Haddad", one name to the tagger: whom it was said to,
    then the speaker, the subject the parse finds inside."""
    if rng[0] == 0 or not opens_addressee(doc, rng[0] - 1, words):
        return rng, kind
    for k in range(rng[0] + 1, rng[1]):
        if is_subject(doc[k]) and not rng[0] <= doc[k].head.i < rng[1]:
            proper = all(doc[j].pos_ == "PROPN" for j in range(k, rng[1]))
            return (k, rng[1]), "person" if proper and rng[1] - k > 1 else kind
    return rng, kind


def _paragraph_parts(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """The parts of a "name" the tagger ran across a paragraph break ("Sommet ¶ Emmanuel
    Macron"); each is kept only where it names a person named elsewhere."""
    breaks = [t.i for t in span if "\n" in t.text]
    if not breaks:
        return []
    edges = [span.start - 1, *breaks, span.end]
    return [doc[a + 1 : b] for a, b in pairwise(edges) if b > a + 1]


def _kind(span: SpacySpan, words: QuoteWords) -> EntityKind:
    """The record's kind of a tagged name; a people the tagger calls a place ("des
    Français", "les Allemands": a plural common noun with a people's ending, not "les
    Pyrénées") is "other"."""
    kind = KINDS[span.label_]
    token = span[0]
    people = (
        len(span) == 1
        and _is_plural(token)
        and token.pos_ == "NOUN"
        and lower(token).endswith(words.people_endings)
    )
    if kind == "place" and people:
        return "other"
    if kind == "other" and _age_after(span, words):
        return "person"  # "Josiane, 74 ans, croisée à la sortie": the tagger's MISC
    body = token.pos_ != "DET" and token.lemma_.lower() in words.organisation_nouns
    return "organisation" if kind in ("place", "other") and body else kind  # "Confédération …"


def _age_after(span: SpacySpan, words: QuoteWords) -> bool:
    """An age right after the name, set off by commas ("Josiane, 74 ans,", "Schiff, 56,");
    not "Lyon, 3 ans après l'incendie"."""
    doc, k = span.doc, span.end
    age = _stated_age(doc, k, words)
    if age is None:
        return False
    closed = doc[k + 2].text == "," or k + 3 >= len(doc) or doc[k + 3].text in (",", ".")
    return 0 < age < 120 and closed


def _stated_age(doc: Doc, k: int, words: QuoteWords) -> int | None:
    """The age given right after a name ending before token k (", 74 ans", ", 56,")."""
    if k + 2 >= len(doc) or doc[k].text != "," or not doc[k + 1].text.isdigit():
        return None
    return int(doc[k + 1].text) if lower(doc[k + 2]) in words.age_units else None


def _role(span: SpacySpan, words: QuoteWords) -> bool:
    """An organisation, place or other "name" that is a role: opening with a title
    ("ministre de la Défense"), or a title with no proper noun ("Premier ministre")."""
    titled = [is_title(token, words) for token in span]
    if titled[0]:
        return True
    return any(titled) and not any(
        token.pos_ == "PROPN" and not title for token, title in zip(span, titled, strict=True)
    )


def _clean(doc: Doc, span: SpacySpan, words: QuoteWords) -> TokenRange | None:
    """The span without leading determiners, honorifics and titles; None when the
    "name" is not one (lower-case, a verb, page furniture, across a paragraph break)."""
    start, end = span.start, span.end
    while start < end and (
        lower(doc[start]) in words.determiners | words.indefinite_articles
        or lower(doc[start]) in words.honorifics
        or is_title(doc[start], words)
        or doc[start].is_punct
    ):
        start += 1
    if start > span.start and is_title(doc[start - 1], words):
        start = _past_domain(doc, start, end, words)
    end = next((k for k in range(start + 1, end) if _spaced_dash(doc, k)), end)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    tokens = doc[start:end]
    if any("\n" in t.text for t in tokens) or not any(t.text[:1].isupper() for t in tokens):
        return None
    if _whole_paragraph(doc, span):
        return None  # a heading the tagger ran into the break after it ("Sommet ¶")
    if tokens.text.lower() in words.not_names or any(
        lower(t) in words.not_names for t in tokens[:1]
    ):
        return None
    if len(tokens) == 1 and (
        tokens[0].pos_ in ("VERB", "AUX", "ADV", "PRON") and tokens[0].ent_type_ != "PER"
    ):
        return None
    return start, end


def _spaced_dash(doc: Doc, k: int) -> bool:
    """A dash with spaces around it ends a name ("MONTPELIER, Vt. - Flood waters"), unlike
    the one inside "Météo-France"."""
    return doc[k].text in ("-", "–", "—") and bool(doc[k - 1].whitespace_ and doc[k].whitespace_)


def _whole_paragraph(doc: Doc, span: SpacySpan) -> bool:
    """`span` is all of its paragraph, the break after it included."""
    opens = span.start == 0 or "\n" in doc[span.start - 1].text
    return opens and "\n" in doc[span.end - 1].text


def _past_domain(doc: Doc, start: int, end: int, words: QuoteWords) -> int:
    """Where a name starts after a title's domain ("président de la République Emmanuel
    Macron": at Emmanuel; `end` when there is none, "ministre de l'Intérieur")."""
    while start < end and lower(doc[start]) in words.role_links:
        while start < end and lower(doc[start]) in words.role_links | words.determiners:
            start += 1
        start += 1  # the domain ("République")
        while start < end and doc[start].pos_ == "ADJ":
            start += 1  # "de la Commission européenne"
    return min(start, end)


def _tokens_text(doc: Doc, rng: TokenRange) -> str:
    return _unbulleted(doc[rng[0] : rng[1]].text)


def _unbulleted(text: str) -> str:
    """A name without the list bullet the tokenizer left on it ("-Jean Dupont")."""
    return text[1:] if text[:1] == "-" and text[1:2].isupper() else text


def _key(text: str) -> list[str]:
    return [part for part in text.lower().replace("’", "'").split() if part]


def _person_named(state: _State, text: str) -> _Entity | None:
    """The person whose name contains all of `text`'s words ("Poutine" ⊂ "Vladimir
    Poutine"), preferring one whose surname it is."""
    parts = _key(text)
    if not parts:
        return None
    matches = [
        e
        for e in state.entities
        if e.kind == "person" and any(set(parts) <= set(_key(n)) for n in e.names)
    ]
    surname = [e for e in matches if any(_key(n)[-1] == parts[-1] for n in e.names)]
    best = surname or matches
    return best[0] if best else None


def _add_person(state: _State, rng: TokenRange) -> None:
    text = _tokens_text(state.doc, rng)
    entity = _person_named(state, text)
    if entity is None:
        entity = _Entity("person")
        state.entities.append(entity)
    kind: MentionKind = (
        "surname"
        if rng[1] - rng[0] == 1 and entity.names and len(_key(entity.names[0])) > 1
        else "name"
    )
    _name_mention(state, entity, rng, kind)


def _name_mention(state: _State, entity: _Entity, rng: TokenRange, kind: MentionKind) -> None:
    doc = state.doc
    text = _tokens_text(doc, rng)
    if text not in entity.names:
        entity.names.append(text)
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    entity.add(start, end, kind)
    state.names[rng] = entity


def _add_other(state: _State, rng: TokenRange, kind: EntityKind) -> None:
    text = _tokens_text(state.doc, rng)
    key = " ".join(_key(text))
    entity = next(
        (
            e
            for e in state.entities
            if e.kind == kind and any(" ".join(_key(n)) == key for n in e.names)
        ),
        None,
    )
    if entity is None:
        entity = _Entity(kind)
        state.entities.append(entity)
    _name_mention(state, entity, rng, "name")


def _inside_role(doc: Doc, rng: TokenRange, words: QuoteWords) -> bool:
    """ "Défense" in "ministre de la Défense": the domain of a title, not a place."""
    k = rng[0] - 1
    links = 0
    while k >= 0 and lower(doc[k]) in words.role_links and links < 3:
        k -= 1
        links += 1
    while k >= 0 and links and doc[k].pos_ == "ADJ":
        k -= 1
    return bool(links) and k >= 0 and is_title(doc[k], words)


# -- titles, roles, appositions ---------------------------------------------------------


def _add_titles(state: _State, cues: list[tuple[int, int]]) -> None:
    """Each person's title, role in apposition and role after the name; a cue is no title
    ("« … », juge Marie Dupont")."""
    doc, words = state.doc, state.words
    for rng, entity in list(state.names.items()):
        if entity.kind != "person":
            continue
        title = _title_before(doc, rng, words)
        if title is not None and any(s <= doc[title[0]].idx < e for s, e in cues):
            title = None
        if title is not None:
            start, role = title
            entity.add(doc[start].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text), "title")
            _learn(entity, doc, (start, rng[0]), words)
            if role and entity.role is None:
                entity.role = role
        before = _apposed_to_role(doc, rng, words)
        if before is not None:
            _record_phrase(entity, doc, before, "role")
            _learn(entity, doc, before, words)
            if entity.role is None:
                entity.role = _without_determiners(doc, before, words)
        apposition = _apposition_after(doc, rng, words)
        if apposition and entity.appositive_role is None:
            entity.appositive_role = _tokens_text(doc, apposition)
            _learn(entity, doc, apposition, words)


def _title_before(doc: Doc, rng: TokenRange, words: QuoteWords) -> tuple[int, str | None] | None:
    """Start token of "le ministre russe de la Défense" before a name, and the role text;
    None in "l'avocat de Jean Martin" (the name is the title's domain, not its holder)."""
    k = rng[0] - 1
    if k >= 0 and is_role_link(lower(doc[k]), words):
        return None
    title_at: int | None = None
    honorific_at: int | None = None
    while k >= 0 and rng[0] - k <= 7:
        token = doc[k]
        if is_title(token, words):
            title_at = k
        elif lower(token) in words.honorifics:
            honorific_at = k
        elif is_role_link(lower(token), words) and k + 1 in (
            title_at,
            honorific_at,
        ):
            break  # "aide to Senator Smith": "Senator" is his, "aide" someone else's
        elif not (token.pos_ in ("ADJ", "PROPN", "NOUN") or lower(token) in words.role_links):
            break
        if token.is_punct or token.is_space:
            break
        k -= 1
    first = title_at if title_at is not None else honorific_at
    if first is None:
        return None
    role = _tokens_text(doc, (first, rng[0])) if title_at is not None else None
    start = first - 1 if first > 0 and lower(doc[first - 1]) in words.determiners else first
    return start, role


def _apposed_to_role(doc: Doc, rng: TokenRange, words: QuoteWords) -> TokenRange | None:
    """ "Le gouverneur de la Banque de France, François Villeroy de Galhau, juge": the role
    phrase opening the clause, a name in apposition to it (not "Selon le ministre, Jean …")."""
    comma = rng[0] - 1
    while comma > 0 and lower(doc[comma]) in words.honorifics:
        comma -= 1  # "Son avocat, Me Paul Durand,"
    if comma < 1 or doc[comma].text != "," or rng[1] >= len(doc):
        return None
    if not (doc[rng[1]].text in (",", ".") or doc[rng[1]].pos_ in ("VERB", "AUX")):
        return None
    k = comma
    while k > 0 and not (doc[k - 1].is_punct or doc[k - 1].is_space or doc[k - 1].is_sent_end):
        token = doc[k - 1]
        if _object_role_at(doc, k - 1, words):
            return k - 1, comma  # "a annoncé le départ de son entraîneur, Luis Fernández,"
        if (
            token.pos_ not in ("NOUN", "PROPN", "ADJ", "DET")
            and lower(token) not in words.role_links
        ):
            return None
        k -= 1
    head = k + 1 if lower(doc[k]) in words.determiners else k
    if head >= comma or not is_title(doc[head], words):
        return None
    return k, comma


def _object_role_at(doc: Doc, k: int, words: QuoteWords) -> bool:
    """A determiner and a title at token k, after a verb or a role link: a role phrase
    inside the clause, not opening it."""
    if k < 1 or k + 1 >= len(doc) or lower(doc[k]) not in words.determiners:
        return False
    before = doc[k - 1]
    linked = lower(before) in words.role_links or before.pos_ in ("VERB", "AUX")
    return linked and is_title(doc[k + 1], words)


def _record_phrase(entity: _Entity, doc: Doc, rng: TokenRange, kind: MentionKind) -> None:
    entity.add(doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text), kind)


def _apposition_after(doc: Doc, rng: TokenRange, words: QuoteWords) -> TokenRange | None:
    """ ", vice-président de la Commission militaire centrale," after a name."""
    k = _title_after_comma(doc, rng, words)
    if k is None:
        return None
    end = k + 1
    while end < len(doc) and not (
        doc[end].is_punct or doc[end].is_space or doc[end].pos_ in ("VERB", "AUX")
    ):
        if lower(doc[end]) in words.complementizers and doc[end].pos_ == "SCONJ":
            return None  # "…, juge pour sa part qu'une baisse …": a verb, not a role
        end += 1
    return k, end


def _learn(entity: _Entity, doc: Doc, rng: TokenRange, words: QuoteWords) -> None:
    """Titles and gender a title phrase tells about a person."""
    for k in range(*rng):
        word = lower(doc[k])
        gender = words.titles.get(word) or words.honorifics.get(word)
        if is_title(doc[k], words):
            entity.titles.add(doc[k].lemma_.lower())
            entity.titles.add(word)
        if gender in ("m", "f") and entity.gender is None:
            entity.gender = gender
    entity.domains |= _domains(doc, rng, words)


def _domains(doc: Doc, rng: TokenRange, words: QuoteWords) -> set[str]:
    """What sets a title apart: the nouns completing it through "de"/"of" ("le ministre
    de l'Intérieur" -> {"intérieur"}) and a rank word just before it ("le Premier
    ministre" -> {"premier"}); none in "le président russe"."""
    out: set[str] = set()
    titled = linked = False
    for k in range(*rng):
        token = doc[k]
        if is_title(token, words):
            if k > rng[0] and doc[k - 1].lemma_.lower() in words.rank_words:
                out.add(doc[k - 1].lemma_.lower())
            titled = True
        elif titled and lower(token) in words.role_links:
            linked = True
        elif linked and token.pos_ in ("NOUN", "PROPN"):
            out.add(lower(token))
        elif token.is_punct:
            break
    return out


# -- walking the text: pronouns, role phrases, speakers ---------------------------------


def _walk(state: _State, found: list[FoundQuote]) -> dict[int, tuple[TokenRange, _Entity | None]]:
    """Visit name mentions, subject pronouns and speaker phrases in text order; returns,
    per quote index, its speaker tokens and entity."""
    doc, words = state.doc, state.words
    speaker_at = {_referent(q): n for n, q in enumerate(found) if q.speaker is not None}
    sentence = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    speakers: dict[int, tuple[TokenRange, _Entity | None]] = {}
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
                state.history.append(_Event(rng[0], entity, subject, sentence.get(rng[0], -1)))
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
        if _is_plural(head) and lower(head) not in words.pronouns:
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
    state: _State, contents: list[tuple[int, int]], speakers: dict[TokenRange, int]
) -> list[TokenRange]:
    """Singular role phrases that are subjects outside reported words and speaker phrases
    ("Le chef de l'État a promis …"): the person they stand for, known or new, is who a
    later "il" most likely means."""
    doc, words = state.doc, state.words
    taken = {*state.names, *speakers}
    out: list[TokenRange] = []
    for sent in doc.sents:
        for t in sent:
            if not (is_subject(t) and t.pos_ == "NOUN" and is_title(t, words)) or _is_plural(t):
                continue
            if any(s <= t.idx < e for s, e in contents):
                continue
            rng = noun_phrase(doc, t.i, words, (sent.start, sent.end))
            overlaps = any(r[0] < rng[1] and rng[0] < r[1] for r in taken | set(out))
            if not overlaps and not _untagged_name_in(doc, rng, words):
                out.append(rng)
    return out


def _one_unnamed_person(state: _State, rng: TokenRange) -> bool:
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


def _plural_subjects(state: _State, contents: list[tuple[int, int]]) -> list[TokenRange]:
    """Plural noun subjects outside reported words ("Les syndicats … estiment"), as
    antecedents of a plural pronoun."""
    doc, words = state.doc, state.words
    out: list[TokenRange] = []
    for sent in doc.sents:
        for t in sent:
            if not (is_subject(t) and t.pos_ in ("NOUN", "PROPN") and _is_plural(t)):
                continue
            if any(s <= t.idx < e for s, e in contents):
                continue
            out.append(noun_phrase(doc, t.i, words, (sent.start, sent.end)))
    return out


def _is_plural(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", []) or token.tag_ in ("NNS", "NNPS")


def _plural_antecedent(state: _State, position: int, sentence: dict[int, int]) -> _Entity | None:
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
    k = _title_after_comma(doc, rng, words)
    return k is not None and is_subject(doc[k])


def _title_after_comma(doc: Doc, rng: TokenRange, words: QuoteWords) -> int | None:
    """The title opening an apposition after a name (", l'avocat de …"), if any."""
    k = rng[1]
    if k >= len(doc) or doc[k].text != ",":
        return None
    k += 1
    while k < len(doc) and lower(doc[k]) in words.determiners:
        k += 1
    return k if k < len(doc) and is_title(doc[k], words) else None


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


def _speaker_entity(state: _State, rng: TokenRange, sentence: dict[int, int]) -> _Entity | None:
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
            apposed.role = _without_determiners(doc, rng, words)
        _learn(apposed, doc, rng, words)
        return apposed
    proper = [doc[k].text for k in range(*rng) if doc[k].pos_ == "PROPN" and k not in for_whom]
    if not named and proper:  # a surname the model did not tag this time
        person = _person_named(state, " ".join(proper))
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
            _learn(entity, doc, before, words)
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
    state: _State, position: int, gender: str, sentence: dict[int, int]
) -> tuple[int, _Entity] | None:
    """The body quoted in this sentence or the one before, and where, if its noun has the
    pronoun's gender ("la préfecture … Selon elle")."""
    here = sentence.get(position, -1)
    before = [b for b in state.bodies if b[0] < position and here - b[3] <= 1]
    if before and before[-1][2] == gender:
        return before[-1][0], before[-1][1]
    return None


def _last_seen(state: _State, entity: _Entity, position: int) -> int:
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
    return _tokens_text(doc, (start, end))


def _apposed_person(state: _State, rng: TokenRange) -> _Entity | None:
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


def _names_someone(state: _State, rng: TokenRange, name: TokenRange) -> bool:
    """A bare proper name in apposition to a phrase that is no organisation ("Sa voisine,
    Fatima," but not "Son parti, Renaissance,")."""
    doc = state.doc
    head = doc[phrase_head(doc, rng)]
    if head.pos_ != "NOUN" or head.lemma_.lower() in state.words.organisation_nouns:
        return False
    return all(doc[k].pos_ == "PROPN" for k in range(*name))


def _without_determiners(doc: Doc, rng: TokenRange, words: QuoteWords) -> str:
    start = rng[0]
    while start < rng[1] - 1 and lower(doc[start]) in words.determiners | words.indefinite_articles:
        if lower(doc[start + 1]) in words.role_links:
            break  # "Un des avocats": one of them
        start += 1
    return _tokens_text(doc, (start, rng[1]))


def _antecedent(
    state: _State, position: int, gender: str | None, sentence: dict[int, int]
) -> _Entity | None:
    """The last person who was a subject, of a compatible gender; persons named earlier in
    the same sentence as objects are passed over ("En recevant Zhang Youxia, il …")."""
    here = sentence.get(position, -1)
    before = [e for e in state.history if e.position < position][-HISTORY:]
    compatible = [e for e in before if e.entity.gender in (None, gender)]
    for event in reversed(compatible):
        if event.subject:
            return event.entity
    return compatible[-1].entity if compatible and compatible[-1].sentence != here else None


def _role_entity(state: _State, rng: TokenRange, sentence: dict[int, int]) -> _Entity:
    """ "Le président russe": the last person known by that title, or a new person."""
    known = _epithet_for(state, rng, sentence) or _known_role(state, rng, sentence)
    return known if known is not None else _new_role_entity(state, rng, sentence)


def _epithet_for(
    state: _State, rng: TokenRange, sentence: dict[int, int], ages: set[int] | None = None
) -> _Entity | None:
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


def _age_fits(state: _State, entity: _Entity, decades: set[int]) -> bool:
    """No age stated after the person's name says otherwise ("Jean Martin, 25 ans")."""
    for rng, named in state.names.items():
        age = _stated_age(state.doc, rng[1], state.words) if named is entity else None
        if age is not None:
            return age // 10 * 10 in decades
    return True


def _paragraph(state: _State, token: int) -> int:
    """The rank of the paragraph holding `token`."""
    return bisect.bisect(state.breaks, state.doc[token].idx)


def _new_role_entity(state: _State, rng: TokenRange, sentence: dict[int, int]) -> _Entity:
    """A person known so far by role phrase `rng` only."""
    titles, domains, gender = _role_terms(state.doc, rng, state.words)
    entity = _new_entity(state, rng, "person", "role", sentence)
    entity.titles |= titles
    entity.domains |= domains
    entity.gender = gender  # "les pompiers" are not "il", "l'élue" not "l'élu"
    return entity


def _known_role(
    state: _State, rng: TokenRange, sentence: dict[int, int], silent: bool = False
) -> _Entity | None:
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
                name = _without_determiners(doc, rng, words)
                if name not in entity.names:
                    entity.names.append(name)
            _record(state, entity, rng, "role", sentence)
            return entity
    return None


def _said_of(doc: Doc, rng: TokenRange, words: QuoteWords) -> set[str]:
    """The words of a role phrase that tell something of the person (not its articles and
    links); a periphrasis tells its title ("le chef de l'État": président)."""
    periphrasis = words.periphrases.get(_without_determiners(doc, rng, words).lower())
    if periphrasis:
        return set(periphrasis)
    return {
        doc[k].lemma_.lower()
        for k in range(*rng)
        if doc[k].pos_ in ("NOUN", "PROPN", "ADJ")
        and lower(doc[k]) not in words.role_links | words.determiners
    }


def _known_words(entity: _Entity) -> set[str]:
    roles = " ".join(r for r in (entity.role, entity.appositive_role) if r)
    return entity.titles | entity.domains | set(_key(roles))


def _role_terms(
    doc: Doc, rng: TokenRange, words: QuoteWords
) -> tuple[set[str], set[str], str | None]:
    """The titles, domains and gender ("p" plural) a role phrase tells; titles after a
    link are someone else's ("aide to Senator Smith")."""
    head = phrase_head(doc, rng)
    end = next((k for k in range(head + 1, rng[1]) if is_role_link(lower(doc[k]), words)), rng[1])
    own = [doc[k] for k in range(rng[0], end) if is_title(doc[k], words)]
    titles = {lower(token) for token in own} | {token.lemma_.lower() for token in own}
    domains = _domains(doc, rng, words)
    periphrasis = words.periphrases.get(_without_determiners(doc, rng, words).lower())
    if periphrasis:  # "le chef de l'État" is known as "le président"
        titles, domains = {periphrasis[0]}, set(periphrasis[1:])
    plural = _is_plural(doc[phrase_head(doc, rng)])
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
    state: _State, rng: TokenRange, kind: EntityKind, mention: MentionKind, sentence: dict[int, int]
) -> _Entity:
    name = _without_determiners(state.doc, rng, state.words)
    same = next(
        (
            e
            for e in state.entities
            if e.kind == kind and name.lower() in (n.lower() for n in e.names)
        ),
        None,
    )
    entity = same or _Entity(kind, names=[name])
    if same is None:
        state.entities.append(entity)
    _record(state, entity, rng, mention, sentence)
    return entity


def _record(
    state: _State, entity: _Entity, rng: TokenRange, kind: MentionKind, sentence: dict[int, int]
) -> None:
    doc = state.doc
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    if kind == "pronoun" and doc[rng[0]].text.startswith("-"):
        start += len(doc[rng[0]].text) - len(doc[rng[0]].text.lstrip("-t").lstrip("-"))
    entity.add(start, end, kind)
    if entity.kind == "person":
        state.history.append(_Event(rng[0], entity, True, sentence.get(rng[0], -1)))


def _merge_forward_roles(state: _State) -> dict[int, _Entity]:
    """A person known by role phrases only in the headline and lead, before anyone is named
    with that title ("Le PDG de Cyclo France promet …" in the headline, "son PDG, Antoine
    Berthier" further on): the one person named later with that title, if only one is;
    returns who went where. In the body a role phrase before a name is as often someone
    else ("Le président a promulgué la loi. Le président du Sénat, Gérard Larcher, …")."""
    named = [e for e in state.entities if e.kind == "person" and "name" in e.mentions.values()]
    # the headline and lead end at the second paragraph break (a short text: nowhere)
    opening = state.breaks[1] if len(state.breaks) > 1 else None
    merged: dict[int, _Entity] = {}
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


def _definite(state: _State, entity: _Entity) -> bool:
    """Whether a mention of `entity` opens with a definite or possessive determiner."""
    text = state.doc.text
    return any(
        text[start:end].split(maxsplit=1)[0].lower().replace("’", "'") in state.words.determiners
        or text[start:end].lower().startswith(("l'", "l’"))
        for start, end in entity.mentions
    )


def _may_be(state: _State, role: _Entity, person: _Entity) -> bool:
    """Whether the titles, domains and gender of a person known by role phrases fit a
    named one (a generic title, "le dirigeant", fits any title it stands for)."""
    cover = set().union(*(state.words.generic_roles.get(t, ()) for t in role.titles))
    if not (role.titles | cover) & person.titles or role.gender == "p":
        return False
    if person.domains and not role.domains & person.domains:
        return False  # "le président" is not "le président du Sénat" named later
    return _same_number_and_gender(person.gender, role.gender)


def _check_person(entity: _Entity, speakers: dict[int, tuple[TokenRange, _Entity | None]]) -> None:
    """News introduces a person by full name, title or honorific; a "person" known only by
    one bare word and never quoted is more often a place or an institution the model
    misread ("Washington tentait …"): keep it, but not as a person."""
    if entity.kind != "person" or any(e is entity for _, e in speakers.values()):
        return
    bare = all(len(name.split()) == 1 for name in entity.names)
    if bare and set(entity.mentions.values()) <= {"name", "surname"}:
        entity.kind = "other"


# -- records ----------------------------------------------------------------------------


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _entity(text: str, entity: _Entity, entity_id: str) -> Entity:
    names = sorted(entity.names, key=lambda n: (-len(n.split()), -len(n)))
    spans = [(e - len(_unbulleted(text[s:e])), e, kind) for (s, e), kind in entity.mentions.items()]
    mentions = [Mention(start=s, end=e, text=text[s:e], kind=kind) for s, e, kind in sorted(spans)]
    role = entity.appositive_role or entity.role
    return Entity(
        id=entity_id,
        kind=entity.kind,
        name=names[0] if names else mentions[0].text,
        role=role,
        mentions=mentions,
    )


def _quote(
    doc: Doc,
    text: str,
    quote: FoundQuote,
    speaker: tuple[TokenRange, _Entity | None] | None,
    ids: dict[int, str],
) -> Quote:
    speaker_span = None
    entity_id = name = None
    if speaker is not None:
        rng, entity = speaker
        start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
        written = text[start:end]  # "-t-il": the pronoun only; "-Nate Cohn" (a list item)
        bare = written[3:] if written.startswith("-t-") else written.lstrip("-")
        start += len(written) - len(bare)
        speaker_span = _span(text, start, end)
        if entity is not None and id(entity) in ids:
            entity_id = ids[id(entity)]
            name = (
                sorted(entity.names, key=lambda n: (-len(n.split()), -len(n)))[0]
                if entity.names
                else speaker_span.text
            )
        elif quote.referent is not None:  # the name inside a longer mention, say
            first, last = doc[quote.referent[0]], doc[quote.referent[1] - 1]
            name = text[first.idx : last.idx + len(last.text)]
        else:
            name = speaker_span.text
    cue = _span(text, *quote.cue) if quote.cue else None
    return Quote(
        kind=quote.kind,
        content=_span(text, *quote.content),
        cue=cue,
        speaker=speaker_span,
        speaker_entity=entity_id,
        speaker_name=name,
    )
