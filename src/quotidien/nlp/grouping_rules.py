"""What the rules give the tagger: the steps by which the rules' own quotes fill or correct
the labels' attributions.

The cue of a content the tagger found without one (`untagged_rule_cues`), the rules' quote
and speaker covering a tagged content (`rule_quote`, `rule_speaker`), the name inside a
source tagged with an apposition (`rules_name`), the rules' split of a content at an incise
(`split_by_rules`), a report inside an "according to" (`inner_report`), the typography's
extent of a quote (`rules_around`), and the rules' quotes with cue and speaker whose content
the tagger left untouched (`with_missed`). `grouping.py` decodes the labels and calls these
where the rules have a say; they read only the rules' `FoundQuote`s and the shared basics of
`tagged.py`, not the decoding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.nlp.quotes import FoundQuote
from quotidien.nlp.tagged import Disjoint, Tagged, char_range, spans, token_span, within

if TYPE_CHECKING:
    from spacy.tokens import Doc


def untagged_rule_cues(doc: Doc, labels: list[str], rules: list[FoundQuote]) -> list[Tagged]:
    """The rules' cues of contents the tagger found but whose cue it left out ('"…", s'est
    réjoui le président, tout en assurant que …': without it, the content would go to the
    nearest tagged cue, "assurant")."""
    out = []
    contents = [s for s in spans(labels) if s.role == "CON"]
    for quote in rules:
        cue = token_span(doc, quote.cue, "CUE") if quote.cue else None
        if cue is None or any(labels[k] != "O" for k in range(cue.start, cue.end)):
            continue
        start, end = quote.content
        for content in contents:
            first, last = char_range(doc, content)
            if min(end, last) - max(start, first) > 0.5 * (last - first) and cue not in out:
                out.append(cue)  # once: two quotes around one incise share their cue
                break
    return out


def with_missed(kept: list[FoundQuote], by_rules: list[FoundQuote]) -> list[FoundQuote]:
    """`kept` (contents not overlapping) plus the rules' quotes with a cue and a speaker
    whose content the model left untouched."""
    taken = Disjoint()
    for quote in kept:
        taken.add(quote.content)
    added = []
    for quote in by_rules:
        if (
            quote.cue is not None
            and quote.speaker is not None
            and not taken.overlaps(quote.content)
        ):
            taken.add(quote.content)
            added.append(quote)
    return sorted(kept + added, key=lambda q: q.content)


def rules_name(
    doc: Doc, speaker: Tagged, content: Tagged, rules: list[FoundQuote]
) -> Tagged | None:
    """The rules' speaker of the same content where the tagged one is that and an apposition
    after a comma ("Pouria Amirshahi, député socialiste des Français de l'étranger, a
    annoncé …"): the name the record resolves the speaker by."""
    quote = rule_quote(doc, content, rules)
    if quote is None or quote.speaker is None:
        return None
    start, end = quote.speaker
    apposed = start == speaker.start and end < speaker.end and doc[end].text == ","
    named = any(token.pos_ == "PROPN" for token in doc[start:end])  # not "The mayor, Ann Lee"
    return Tagged("SRC", start, end) if apposed and named else None


def split_by_rules(doc: Doc, content: Tagged, by_rules: list[FoundQuote]) -> list[FoundQuote]:
    """The rules' quotes inside `content` when there are several with a speaker (the tagger
    took '"…, said Jane Doe, …"' as one content; the rules split it at the incise)."""
    start, end = char_range(doc, content)
    inside = [
        q
        for q in by_rules
        if q.speaker is not None and start - 1 <= q.content[0] and q.content[1] <= end + 1
    ]
    return inside if len(inside) >= 2 else []


def inner_report(doc: Doc, content: Tagged, by_rules: list[FoundQuote]) -> FoundQuote | None:
    """The rules' attribution by a verb and its speaker inside the content of an "according
    to" ("He argued that …, according to a statement from his office"): a report inside a
    report, his words as the statement gives them."""
    start, end = char_range(doc, content)
    for quote in by_rules:
        if quote.speaker is None or quote.cue is None:
            continue
        inside = start - 1 <= quote.content[0] and quote.content[1] <= end + 1
        if inside and doc[quote.speaker[0]].idx >= start:
            return quote
    return None


def rule_speaker(doc: Doc, content: Tagged, by_rules: list[FoundQuote]) -> Tagged | None:
    """The speaker the rules give to a quote covering most of `content`."""
    quote = rule_quote(doc, content, by_rules)
    return None if quote is None or quote.speaker is None else Tagged("SRC", *quote.speaker)


def rule_quote(doc: Doc, content: Tagged, by_rules: list[FoundQuote]) -> FoundQuote | None:
    """The rules' quote with a speaker covering most of `content`."""
    start, end = char_range(doc, content)
    for quote in by_rules:
        overlap = min(end, quote.content[1]) - max(start, quote.content[0])
        if quote.speaker is not None and overlap > 0.5 * (end - start):
            return quote
    return None


def rules_around(start: int, end: int, rules: list[FoundQuote]) -> FoundQuote | None:
    """The rules' direct quote, or quote with its cue inside (an incise), around
    `start`-`end`."""
    for quote in rules:
        if not within((start, end), quote.content):
            continue
        if quote.kind == "direct" or (quote.cue is not None and within(quote.cue, quote.content)):
            return quote
    return None
