"""Names: the pipeline's named entities, cleaned, and each person gathered under one entity.

A tagged name is cleaned of what models get wrong on news pages (leading determiners,
honorifics and titles, verbs, page furniture, a heading the tagger ran into the paragraph
break after it, the "Défense" of "ministre de la Défense" taken for a place), given its kind
(a people the tagger calls a place is "other", a name followed by an age is a person), and
joined to the person whose name holds all its words ("Poutine" ⊂ "Vladimir Poutine"),
fullest names first. A person's full name written again where the tagger missed it is a
mention all the same. Kept apart because it runs first and on its own: the titles and the
walk through the text start from the name mentions it leaves in `State.names`, and ask it
for a person by name (`person_named`), for an age stated after a name (`stated_age`) and
for a name's text (`tokens_text`, `name_key`; `unbulleted` for the records).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.model import EntityKind
from quotidien.nlp.entity_state import Gathered, MentionKind, State, is_plural
from quotidien.nlp.tokens import TokenRange, is_subject, is_title, lower, opens_addressee

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

KINDS: dict[str, EntityKind] = {
    "PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place",
    "GPE": "place", "FAC": "place", "MISC": "other", "EVENT": "other",
    "WORK_OF_ART": "other", "LAW": "other", "PRODUCT": "other",
}  # fmt: skip


def collect_names(state: State) -> None:
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
        person = person_named(state, tokens_text(doc, rng))
        if person is not None:
            _name_mention(state, person, rng, "surname" if rng[1] - rng[0] == 1 else "name")
        elif rng[1] - rng[0] > 1 or not _inside_role(doc, rng, words):
            _add_other(state, rng, kind)
    for span, _ in spans:
        for part in _paragraph_parts(doc, span):
            rng = _clean(doc, part, words)
            person = person_named(state, tokens_text(doc, rng)) if rng else None
            if rng and person is not None:
                _name_mention(state, person, rng, "surname" if len(part) == 1 else "name")
    _untagged_full_names(state)


def _untagged_full_names(state: State) -> None:
    """A person's full name written again where the tagger did not see it (after a heading,
    say) is a mention all the same: the same words, token for token, outside any name."""
    doc = state.doc
    full: dict[str, list[tuple[tuple[str, ...], Gathered]]] = {}
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
        and is_plural(token)
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
    age = stated_age(doc, k, words)
    if age is None:
        return False
    closed = doc[k + 2].text == "," or k + 3 >= len(doc) or doc[k + 3].text in (",", ".")
    return 0 < age < 120 and closed


def stated_age(doc: Doc, k: int, words: QuoteWords) -> int | None:
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


def tokens_text(doc: Doc, rng: TokenRange) -> str:
    return unbulleted(doc[rng[0] : rng[1]].text)


def unbulleted(text: str) -> str:
    """A name without the list bullet the tokenizer left on it ("-Jean Dupont")."""
    return text[1:] if text[:1] == "-" and text[1:2].isupper() else text


def name_key(text: str) -> list[str]:
    return [part for part in text.lower().replace("’", "'").split() if part]


def person_named(state: State, text: str) -> Gathered | None:
    """The person whose name contains all of `text`'s words ("Poutine" ⊂ "Vladimir
    Poutine"), preferring one whose surname it is."""
    parts = name_key(text)
    if not parts:
        return None
    matches = [
        e
        for e in state.entities
        if e.kind == "person" and any(set(parts) <= set(name_key(n)) for n in e.names)
    ]
    surname = [e for e in matches if any(name_key(n)[-1] == parts[-1] for n in e.names)]
    best = surname or matches
    return best[0] if best else None


def _add_person(state: State, rng: TokenRange) -> None:
    text = tokens_text(state.doc, rng)
    entity = person_named(state, text)
    if entity is None:
        entity = Gathered("person")
        state.entities.append(entity)
    kind: MentionKind = (
        "surname"
        if rng[1] - rng[0] == 1 and entity.names and len(name_key(entity.names[0])) > 1
        else "name"
    )
    _name_mention(state, entity, rng, kind)


def _name_mention(state: State, entity: Gathered, rng: TokenRange, kind: MentionKind) -> None:
    doc = state.doc
    text = tokens_text(doc, rng)
    if text not in entity.names:
        entity.names.append(text)
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    entity.add(start, end, kind)
    state.names[rng] = entity


def _add_other(state: State, rng: TokenRange, kind: EntityKind) -> None:
    text = tokens_text(state.doc, rng)
    key = " ".join(name_key(text))
    entity = next(
        (
            e
            for e in state.entities
            if e.kind == kind and any(" ".join(name_key(n)) == key for n in e.names)
        ),
        None,
    )
    if entity is None:
        entity = Gathered(kind)
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
