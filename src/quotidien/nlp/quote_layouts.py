"""Quotations the page's layout attributes rather than a cue word: a "Name: words" headline,
transcript turns ("WALLACE: …"), an interview's answers (`interviews.py`), a quotation
credited after a dash ("― Carla Sanchez"); and pattern 3 of `quotes.py`, a quoted sentence
right after a direct quote that goes on with the same speaker, with a narrative infinitive
("Et d'ajouter : « … »") that takes the speaker of the quote before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from quotidien.nlp import interviews
from quotidien.nlp import quote_contents as contents
from quotidien.nlp import quote_prepositions as prepositions
from quotidien.nlp.marks import OPENING_TOKENS, Segment
from quotidien.nlp.quote_context import (
    Context,
    FoundQuote,
    chars,
    make,
    opens_paragraph,
    paragraph_end,
    trimmed,
)
from quotidien.nlp.tokens import STOPS, TokenRange, lower

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The dashes that credit a quotation to a name after them (a horizontal bar, an em dash).
CREDIT_DASHES = frozenset("―—")
CREDIT_DASH = re.compile(rf"[^\S\n]*[{''.join(sorted(CREDIT_DASHES))}][^\S\n]*")
#: What may follow the credited name.
CREDIT_ENDS = OPENING_TOKENS | {".", ";"}
#: An initial inside a name ("Oscar P. Quintero").
INITIAL = re.compile(r"[A-ZÀ-Ý][a-z]?\.")


# -- colon headlines ----------------------------------------------------------------------


def colon_quotes(context: Context, unit: TokenRange) -> list[FoundQuote]:
    """A headline or lead in the form "Name: what they said" ("Graham: Trump's rhetoric
    destroys the party"): a short name, nothing but names, before a colon opening the unit."""
    doc = context.doc
    colon = _colon_at(doc, unit, 7)
    if colon is None:
        return []
    head = range(unit[0], colon)
    if not all(
        doc[k].pos_ in ("PROPN", "NOUN", "PART") or doc[k].text in ("'s", "’s") for k in head
    ):
        return []
    if not any(doc[k].ent_type_ in ("PER", "PERSON", "ORG") for k in head):
        return []
    end = contents.forward_end(context, unit, doc[colon + 1].idx)
    quote = make(
        context, doc[colon + 1].idx, end, chars(doc, (colon, colon + 1)), (unit[0], colon), False
    )
    if quote is None:
        return []
    context.taken.append(quote.content)
    return [quote]


def _colon_at(doc: Doc, unit: TokenRange, within: int) -> int | None:
    """A colon among the first `within` tokens of the unit, not first, with words after."""
    colon = next(
        (k for k in range(unit[0], min(unit[1], unit[0] + within)) if doc[k].text == ":"), None
    )
    return None if colon is None or colon == unit[0] or colon + 2 >= unit[1] else colon


def turns(context: Context) -> list[FoundQuote]:
    """A transcript: paragraphs opening with a name in capitals and a colon ("WALLACE: …",
    "MR. TRUMP: …", "Q: …"), one name at least twice, so that "US: …" and "UPDATE: …"
    headlines are not taken for one. Each turn is a direct quote of that name, to its
    paragraph's end."""
    doc, text = context.doc, context.text
    turns = []
    for start in _paragraph_starts(doc):
        # some pages open every turn with a stray quotation mark ('"WALLACE: …'), which
        # also makes the quotation-mark pairing run over paragraphs: go by paragraphs
        first = start + 1 if doc[start].text in OPENING_TOKENS else start
        colon = _colon_at(doc, (first, len(doc)), 5)
        if colon is not None and _is_turn(doc, first, colon):
            turns.append((first, colon))
    names = [doc[first:colon].text for first, colon in turns]
    if len(set(names)) == len(names):  # nobody speaks twice: headlines, not a conversation
        return []
    out = []
    for first, colon in turns:
        end = paragraph_end(text, doc[colon].idx)
        cue = chars(doc, (colon, colon + 1))
        quote = make(context, doc[colon + 1].idx, end, cue, (first, colon), False)
        if quote is not None:
            quote.kind = "direct"  # a transcript gives the speaker's own words
            context.taken.append(quote.content)
            out.append(quote)
    return out


def answers(context: Context, asked: interviews.Interview | None) -> list[FoundQuote]:
    """An interview's answers (`interviews.py`): each the interviewee's own words, with no
    cue or speaker in the text; an answer holding someone else's quotation is left to it."""
    out = []
    for start, end in asked.answers if asked else []:
        if context.free(start, end):
            out.append(FoundQuote("direct", (start, end), None, None))
            context.taken.append((start, end))
    return out


def credits(context: Context) -> list[FoundQuote]:
    """A quotation credited after a dash, as in epigraphs and readers' voices
    ('"Trump must stop portraying Latinos as gangsters." ― Carla Sanchez').
    The name must end its sentence or paragraph."""
    doc, text = context.doc, context.text
    out = []
    starts = [token.idx for token in doc]
    for seg in context.segments:
        dash = CREDIT_DASH.match(text, seg.end)
        if dash is None or seg.words(text) < 2 or not context.free(seg.start, seg.end):
            continue
        if not _is_sentence(context, seg):  # 'She called it "a disaster" — Trump, …'
            continue
        if not _says_something(doc, text, seg):  # '"The Road" — Cormac McCarthy': a title
            continue
        first = bisect.bisect_left(starts, dash.end())
        name = first
        while name < min(len(doc), first + 5) and (
            doc[name].pos_ == "PROPN" or INITIAL.fullmatch(doc[name].text)
        ):
            name += 1
        if name == first or doc[first].idx != dash.end() or not _credit_ends(doc, name):
            continue
        cue = trimmed(text, (dash.start(), dash.end()))
        quote = FoundQuote("direct", (seg.inner_start, seg.inner_end), cue, (first, name))
        context.taken.append((seg.start, seg.end))
        out.append(quote)
    return out


def _says_something(doc: Doc, text: str, seg: Segment) -> bool:
    """Quoted words that make a statement: a verb, or a sentence's final punctuation."""
    if text[seg.inner_start : seg.inner_end].rstrip()[-1:] in (".", "!", "?", "…"):
        return True
    return contents.has_verb(doc, (seg.inner_start, seg.inner_end))


def _credit_ends(doc: Doc, k: int) -> bool:
    """The credited name ends there: at the paragraph's end, a full stop, the next quote,
    or a short verbless addition ("― Oscar Quintero, Texas")."""
    if k == len(doc) or doc[k].is_space or doc[k].text in CREDIT_ENDS:
        return True
    if doc[k].text != ",":
        return False
    for j in range(k + 1, min(len(doc), k + 6)):
        if doc[j].pos_ in ("VERB", "AUX"):
            return False
        if doc[j].is_space or doc[j].text in STOPS:
            return True
    return k + 6 >= len(doc)


def _paragraph_starts(doc: Doc) -> list[int]:
    """The first token of every paragraph."""
    return [token.i for token in doc if not token.is_space and opens_paragraph(doc, token.i)]


def _is_turn(doc: Doc, start: int, colon: int) -> bool:
    """A speaker's name in capitals before a colon ("PENCE:", "MR. TRUMP:", "Q:"), or a
    person's name as the tagger finds it ("Agnès Pannier-Runacher :" in an interview)."""
    tokens = range(start, colon)
    if colon - start <= 3 and all(doc[k].text.isupper() or doc[k].text == "." for k in tokens):
        return True
    return colon - start <= 5 and all(
        doc[k].ent_type_ in ("PER", "PERSON") and doc[k].ent_iob_ != "O" for k in tokens
    )


# -- 3. continued direct quotes ---------------------------------------------------------


def continuations(context: Context, found: list[FoundQuote]) -> list[FoundQuote]:
    """A quoted sentence with no cue of its own right after a direct or mixed quote: the
    same speaker goes on. Short quoted words (scare quotes, titles) never qualify."""

    out: list[FoundQuote] = []
    ordered = sorted(found, key=lambda quote: quote.content)
    for seg in context.segments:
        if seg.words(context.text) < 4 or not context.free(seg.start, seg.end):
            continue
        previous = [q for q in ordered + out if q.content[1] <= seg.start and q.kind != "indirect"]
        if not previous or previous[-1].speaker is None:
            continue
        before = previous[-1]
        gap = context.text[before.content[1] : seg.start]
        if gap.count("\n\n") > 1 or _segments_between(context, before.content[1], seg.start):
            continue
        if not _is_sentence(context, seg):
            continue
        quote = FoundQuote(
            "direct",
            (seg.inner_start, seg.inner_end),
            None,
            before.speaker,
            before.speaker_is_pronoun,
        )
        context.taken.append((seg.start, seg.end))
        out.append(quote)
    return out


def narrative_speakers(context: Context, found: list[FoundQuote]) -> list[FoundQuote]:
    """ "Et d'ajouter : « … »": a narrative infinitive opening its sentence has the speaker
    of the quote before it, in the same or the previous paragraph."""
    out: list[FoundQuote] = []
    for quote in found:
        before = next((q for q in reversed(out) if q.speaker is not None), None)
        if quote.speaker is None and before is not None and _narrative_cue(context, quote):
            gap = context.text[before.content[1] : quote.content[0]]
            if gap.count("\n\n") <= 1:
                quote = replace(
                    quote,
                    speaker=before.speaker,
                    speaker_is_pronoun=before.speaker_is_pronoun,
                    referent=before.referent,
                )
        out.append(quote)
    return out


def _narrative_cue(context: Context, quote: FoundQuote) -> bool:
    doc, words = context.doc, context.words
    if quote.cue is None or not words.narrative_infinitive:
        return False
    cue = doc.char_span(*quote.cue, alignment_mode="expand")
    if cue is None or "Inf" not in cue[0].morph.get("VerbForm", []) or cue.start == 0:
        return False
    marker = doc[cue.start - 1]
    if lower(marker) not in words.narrative_infinitive:
        return False
    unit = (marker.sent.start, marker.i)
    return prepositions.only_openers_before(doc, unit, marker.i)


def _segments_between(context: Context, start: int, end: int) -> bool:
    return any(start < seg.start and seg.end < end for seg in context.segments)


def _is_sentence(context: Context, seg: Segment) -> bool:
    """The quote stands as a sentence: it opens its sentence/paragraph."""
    text = context.text
    before = text[max(0, seg.start - 3) : seg.start]
    if "\n" in before:  # it opens a paragraph (the last one may end without a stop)
        return True
    before = before.strip()
    return before == "" or before[-1] in ".!?:…"
