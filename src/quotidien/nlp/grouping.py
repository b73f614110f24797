"""From BIO labels to attributions: grouping the tagged sources, cues and contents.

Each source and content goes to the cue it hangs from in the parse, else to the nearest cue
of its sentence; what the tagger leaves out is filled from the rules (a speaker they found
for the same content, the cue of a content it tagged without one, the name inside a source
it tagged with an apposition, a quote with cue and speaker it did not touch) and from the
parse (the subject of a participle cue). The output is the rules' `FoundQuote`, so entities and the
record are built the same way whichever found the quote.

This module is the decoding itself (`decode`: assigning sources and contents to cues,
speakers from the parse, building the `FoundQuote`s). The steps by which the rules' own
quotes fill or correct it are in `grouping_rules.py`; the tagged spans and character ranges
both read are in `tagged.py` (`Tagged` and `spans` are re-exported here, where callers
import them).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import interviews
from quotidien.nlp.features import Lexicon
from quotidien.nlp.grouping_rules import (
    inner_report,
    rule_quote,
    rule_speaker,
    rules_around,
    rules_name,
    split_by_rules,
    untagged_rule_cues,
    with_missed,
)
from quotidien.nlp.interviews import Interview
from quotidien.nlp.marks import CLOSERS, PARAGRAPH, Segment, find_segments
from quotidien.nlp.quotes import CREDIT_DASHES, RELATIVE, FoundQuote, relative_antecedent
from quotidien.nlp.tagged import Disjoint, Tagged, char_range, spans, token_span, within
from quotidien.nlp.tokens import is_present_participle, is_subject, noun_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Tagged", "decode", "spans"]

#: A quoted stretch this short, with no cue or speaker, is a scare quote or a title.
SCARE_WORDS = 3
SENTENCE_ENDS = frozenset(".!?…")
#: Tokens around a span searched for its cue, per sentence of reach (a sentence longer than
#: this loses the link to a far cue, which the parse usually gives anyway).
NEAR_TOKENS = 150
#: Heads climbed from a cue to find the subject of a participle or coordinated verb.
CLIMB = 3
#: Words between an auxiliary tagged as a cue and its verb ("a d'ailleurs appelé").
AUXILIARY_GAP = 3
#: Dependencies by which a cue hangs from the verb whose subject is its source.
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep"})


@dataclass
class _Marks:
    """The quoted stretches of the text, sorted, for lookups by position."""

    segments: list[Segment]

    def __post_init__(self) -> None:
        self.starts = [seg.start for seg in self.segments]

    def opening(self, position: int) -> Segment | None:
        """The last stretch starting no later than one character after `position` (the
        one a content starting there would open or lie in)."""
        k = bisect.bisect_right(self.starts, position + 1) - 1
        return self.segments[k] if k >= 0 else None

    def within(self, start: int, end: int) -> list[Segment]:
        """The stretches inside [start, end], one character of slack each side."""
        low = bisect.bisect_left(self.starts, start - 1)
        high = bisect.bisect_right(self.starts, end + 1)
        return [seg for seg in self.segments[low:high] if seg.end <= end + 1]


def decode(
    doc: Doc,
    labels: list[str],
    words: QuoteWords,
    by_rules: list[FoundQuote] | None = None,
    lexicon: Lexicon | None = None,
) -> list[FoundQuote]:
    """Group tagged spans into attributions: each source and content goes to the cue it
    hangs from in the parse, else to the nearest cue of its sentence (a content also of the
    sentence before or after, as in '"…," she said. "…"'); a content without any cue is an
    attribution of its own, carrying on the speaker of a quote just before it."""
    rules = by_rules or []
    labels = _whole_verb_cues(doc, labels)
    found = sorted(spans(labels) + untagged_rule_cues(doc, labels, rules), key=lambda s: s.start)
    cues = [s for s in found if s.role == "CUE"]
    places = _Places.of(doc)
    sources, contents, orphans = _assign(doc, found, cues, places, words)
    text = doc.text  # spaCy builds it anew on every access: read it once
    marks = _Marks(find_segments(text))
    tagged = {k: span for span in found for k in range(span.start, span.end)}
    out: list[FoundQuote] = []
    nested: list[FoundQuote] = []  # reports inside the content of another, kept beside it
    for index, cue in enumerate(cues):
        speaker = _nearest(sources.get(index, []), cue)
        for content in contents.get(index, []):
            content = _without_coordinated(doc, content, cue, marks)
            if _prepositional(doc, cue, words) and (inner := inner_report(doc, content, rules)):
                nested.append(inner)  # "He argued that …, according to a statement": both
            if speaker is None and (split := split_by_rules(doc, content, rules)):
                out.extend(split)  # '"…, said X, …"': the rules saw the incise
                continue
            # no source tagged (or an unnamed "on"): the rules' speaker of the same
            # content, else the parse's
            chosen = (
                _named(doc, speaker, words)
                or rule_speaker(doc, content, rules)
                or speaker
                or _parse_subject(doc, cue, tagged)
                or _sentence_speaker(index, cues, sources, tagged, places)
            )
            content, then = _participle_split(doc, content, cue, marks, words, lexicon)
            out.append(_found(doc, content, cue, chosen, marks, words, rules))
            if then is not None:  # "…, arguing that …": a second report, same speaker
                out.append(_found(doc, then[1], then[0], chosen, marks, words, rules))
    for content in orphans:
        carried: tuple[Tagged | None, Tagged | None] = (None, None)
        if _quoted(doc, content, marks):  # '"…," she said. "…"': the same speaker goes on
            carried = _previous(out, doc, text, content, cues)
        if split := split_by_rules(doc, content, rules):
            out.extend(split)  # its own incise, which the rules saw
            continue
        orphan_cue, orphan_speaker = carried
        if (ruled := rule_quote(doc, content, rules)) is not None:
            # the rules' own attribution of these words (a credit after a dash, a transcript
            # turn, a speaker after the quote) before one carried on from the quote before
            orphan_cue = token_span(doc, ruled.cue, "CUE") if ruled.cue else None
            orphan_speaker = Tagged("SRC", *ruled.speaker) if ruled.speaker else None
        if (
            orphan_speaker is None
            and orphan_cue is None
            and _scare_quote(doc, text, content, marks)
        ):
            continue  # a quoted term or title that nobody is said to say
        out.append(_found(doc, content, orphan_cue, orphan_speaker, marks, words, rules))
    out = _not_asked(out, interviews.interview(text, words))
    kept = with_missed(_without_overlaps(out, doc, words), rules)  # the rules' share of the hybrid
    kept += [q for q in nested if all(k.content != q.content for k in kept)]
    return sorted((_whole_source(q, tagged) for q in kept), key=lambda q: q.content)


def _whole_verb_cues(doc: Doc, labels: list[str]) -> list[str]:
    """The labels with a cue tagged on auxiliaries alone moved to their verb, a few words
    on ("le G7 a d'ailleurs appelé Pékin à …" tagged cue "a", content from "d'ailleurs"):
    an auxiliary says nothing by itself. The cue is the verb with its auxiliaries when
    nothing else comes between them, else the verb alone ("appelé")."""
    out = list(labels)
    for span in spans(labels):
        tokens = doc[span.start : span.end]
        if span.role != "CUE" or not all(t.dep_.startswith("aux") for t in tokens):
            continue
        verb = tokens[-1].head.i
        if not span.end <= verb <= span.end + AUXILIARY_GAP:
            continue
        between = doc[span.end : verb]
        first = span.start if all(t.dep_.startswith("aux") for t in between) else verb
        for k in range(span.start, verb + 1):  # words between: the verb alone (the guide)
            if out[k].endswith("SRC"):
                continue  # "a-t-il ajouté" with "a" tagged as the cue: "il" stays the source
            out[k] = "O" if k < first else "B-CUE" if k == first else "I-CUE"
        if verb + 1 < len(out) and out[verb + 1] == "I-CON":
            out[verb + 1] = "B-CON"
    return out


def _not_asked(found: list[FoundQuote], asked: Interview | None) -> list[FoundQuote]:
    """The quotes outside an interview's question lines ("Avez-vous demandé l'aide de
    l'État ?" is the interviewer's line, not a report of what "vous" asked)."""
    if asked is None:
        return found
    return [
        q
        for q in found
        if not any(
            _overlap(q.content, line) or (q.cue is not None and _overlap(q.cue, line))
            for line in asked.questions
        )
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _assign(
    doc: Doc, found: list[Tagged], cues: list[Tagged], places: _Places, words: QuoteWords
) -> tuple[dict[int, list[Tagged]], dict[int, list[Tagged]], list[Tagged]]:
    """Sources and contents per cue index, and the contents left without a cue."""
    starts = [cue.start for cue in cues]
    owner = {k: index for index, cue in enumerate(cues) for k in range(cue.start, cue.end)}
    sources: dict[int, list[Tagged]] = {}
    contents: dict[int, list[Tagged]] = {}
    orphans: list[Tagged] = []
    for span in found:
        if span.role == "CUE":
            continue
        reach = 0 if span.role == "SRC" else 1  # a content may sit in the next sentence
        cue = _cue_for(doc, span, cues, starts, owner, places, reach, words)
        if cue is not None:
            (sources if span.role == "SRC" else contents).setdefault(cue, []).append(span)
        elif span.role == "CON":
            orphans.append(span)
    return sources, contents, orphans


def _scare_quote(doc: Doc, text: str, content: Tagged, marks: _Marks) -> bool:
    """A few quoted words that do not make a sentence ("a “boondoggle”", a title)."""
    start, end = char_range(doc, content)
    seg = marks.opening(start)
    return (
        seg is not None
        and seg.end >= end - 1
        and seg.words(text) <= SCARE_WORDS
        and text[seg.inner_end - 1] not in SENTENCE_ENDS
    )


def _without_overlaps(found: list[FoundQuote], doc: Doc, words: QuoteWords) -> list[FoundQuote]:
    """In text order, dropping any content overlapping a longer one, and contents of one
    word unless a name, noun or personal pronoun with its cue and speaker ("Christie
    endorsed Trump", "the company declared bankruptcy", "Brown endorsed her"; not "which",
    "it" or "Hopefully", which say nothing without the sentence)."""
    taken = Disjoint()
    kept: list[FoundQuote] = []
    for quote in sorted(found, key=lambda q: q.content[0] - q.content[1]):
        if _enough(doc, quote, words) and not taken.overlaps(quote.content):
            taken.add(quote.content)
            kept.append(quote)
    return sorted(kept, key=lambda q: q.content)


def _enough(doc: Doc, quote: FoundQuote, words: QuoteWords) -> bool:
    """Two words or more, or one noun, name or person (after the cue) reported by a speaker
    through a cue."""
    span = doc.char_span(*quote.content, alignment_mode="expand")
    if span is None or len([t for t in span if not t.is_punct]) >= 2:
        return span is not None
    if quote.cue is None or quote.speaker is None:
        return False
    cue = doc.char_span(*quote.cue, alignment_mode="expand")
    if cue is not None and any(t.lemma_.lower() in words.object_infinitive_cues for t in cue):
        return False  # "told them", "asked her": whom it was said to, not what
    # a pronoun only as the object ("endorsed her"), not a passive's subject ("He was …")
    after = quote.content[0] >= quote.cue[1]
    return any(
        (t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME"))
        or (after and t.lower_ in words.pronouns)
        for t in span
    )


def _without_coordinated(doc: Doc, content: Tagged, cue: Tagged, marks: _Marks) -> Tagged:
    """The content cut where it runs into a clause coordinated with its cue verb ("called
    the plan X, and a documentary screened …"): the words before it when the content
    follows its cue, else the longest stretch outside it. Only a finite verb makes such a
    clause: a noun or gerund the parser hangs there is more of the object ("emphasizing
    economic fairness, and a need to …", "mentioned refinancing loans and forcing
    universities …"); nor is a quotation cut ("continued “When …, and she's still saying
    it …”")."""
    if _quoted(doc, content, marks):
        return content
    outside: set[int] = set()
    for k in range(cue.start, cue.end):
        clauses = [
            child
            for child in doc[k].children
            if child.dep_ == "conj" and child.i >= content.start and _finite(child)
        ]
        for child in doc[k].children if clauses else ():
            if child.dep_ in ("conj", "cc") and child.i >= content.start:
                outside.update(t.i for t in child.subtree)
    if not outside.intersection(range(content.start, content.end)):
        return content
    stretches, start = [], None
    for k in range(content.start, content.end + 1):
        if k < content.end and k not in outside:
            start = k if start is None else start
        elif start is not None:
            stretches.append((start, k))
            start = None
    if not stretches:
        return content
    # after the cue, the words right after it (not a later sentence the content ran into)
    after = content.start >= cue.end
    first, end = stretches[0] if after else max(stretches, key=lambda r: r[1] - r[0])
    while end > first + 1 and doc[end - 1].is_punct:  # "the plan a failure," before "and"
        end -= 1
    return Tagged(content.role, first, end) if end > first else content


def _whole_source(quote: FoundQuote, tagged: dict[int, Tagged]) -> FoundQuote:
    """The quote with its speaker widened to the source the tagger marked around it: the
    rules and the parse give a name's head ("Rendell"), the tagger the mention with its
    apposition ("Rendell, a Clinton surrogate,"), which a second cue of the same subject
    shares ("… said …, and called it …")."""
    if quote.speaker is None:
        return quote
    start, end = quote.speaker
    around = tagged.get(start)
    if around is None or around.role != "SRC" or end > around.end:
        return quote
    if (around.start, around.end) == (start, end):
        return quote
    # the name the rules or the parse found stays what the speaker is resolved by
    return replace(
        quote, speaker=(around.start, around.end), referent=quote.referent or (start, end)
    )


def _participle_split(
    doc: Doc,
    content: Tagged,
    cue: Tagged,
    marks: _Marks,
    words: QuoteWords,
    lexicon: Lexicon | None,
) -> tuple[Tagged, tuple[Tagged, Tagged] | None]:
    """The content cut before a participle after a comma that the corpus mostly marks as a
    cue, hangs from the cue or from a verb whose subject is a personal pronoun, and runs to
    the content's end ("said he did not believe it, arguing that …"): the words before,
    and the participle as a cue with the words after it, a report of its own by the same
    speaker. Not a participle of the reported clause ("said the company, citing rising
    costs, would close", "said a man ran onto the highway, warning drivers"), not inside
    quotation marks (the speaker's own words), and only where a lexicon of the corpus's
    cues is known."""
    if lexicon is None:
        return content, None
    for k in range(content.start + 2, content.end - 2):
        token = doc[k]
        if not (
            is_present_participle(token)
            and doc[k - 1].text == ","
            and lexicon.level(token.lemma_.lower()) == "hi"
            and _hangs_on_speaker(token, cue, words)
            and token.right_edge.i >= content.end - 2
        ):
            continue
        seg = marks.opening(token.idx)
        if seg is not None and seg.start < token.idx < seg.end:
            continue
        before = Tagged(content.role, content.start, k - 1)
        return before, (Tagged("CUE", k, k + 1), Tagged(content.role, k + 1, content.end))
    return content, None


def _hangs_on_speaker(participle: Token, cue: Tagged, words: QuoteWords) -> bool:
    """The participle hangs from the cue, or from a verb whose subject is a personal
    pronoun (the speaker again, as a rule: "said he did not believe it, arguing …"), not
    from a verb of someone else ("a man ran onto the highway, warning drivers")."""
    head = participle.head
    if cue.start <= head.i < cue.end:
        return True
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(c.lower_ in words.pronouns for c in subjects)


def _finite(token: Token) -> bool:
    """A verb with a tense or its own subject (not a noun, a gerund or a participle)."""
    if "Fin" in token.morph.get("VerbForm", []):
        return True
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)


def _speaker_phrase(doc: Doc, speaker: Tagged, words: QuoteWords) -> Tagged:
    """The speaker as the record wants it: a relative pronoun replaced by the noun it stands
    for ("the Weather Service, which said"), a relative clause after the name left out
    ("Maria Ortega, who spoke to reporters")."""
    first = doc[speaker.start]
    sentence = (first.sent.start, first.sent.end)
    if speaker.end - speaker.start == 1 and first.tag_ in ("WP", "WDT"):
        verb = first.head
        if verb.dep_ in RELATIVE and verb.head.i < first.i:
            noun = relative_antecedent(doc, first.i, verb.head.i, words, sentence)
            return Tagged("SRC", *noun_phrase(doc, noun, words, sentence))
    for k in range(speaker.start + 1, speaker.end):
        token = doc[k]
        if token.dep_ in RELATIVE and speaker.start <= token.head.i < speaker.end:
            end = token.left_edge.i
            while end > speaker.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return Tagged("SRC", speaker.start, max(end, speaker.start + 1))
    return speaker


def _prepositional(doc: Doc, cue: Tagged, words: QuoteWords) -> bool:
    """A cue such as "according to", "selon" (`cue_prepositions`)."""
    tokens = tuple(doc[k].text.lower() for k in range(cue.start, cue.end))
    return tokens in words.cue_prepositions


def _named(doc: Doc, speaker: Tagged | None, words: QuoteWords) -> Tagged | None:
    """The tagged speaker, unless it is an unnamed subject ("À Matignon, on assure que …"),
    for which the rules name the place or body that speaks."""
    if speaker is None:
        return None
    alone = speaker.end - speaker.start == 1
    return None if alone and doc[speaker.start].lower_ in words.unnamed_subjects else speaker


def _parse_subject(doc: Doc, cue: Tagged, tagged: dict[int, Tagged]) -> Tagged | None:
    """The cue's grammatical subject when the tagger marked no source: the subject of a cue
    verb, or of the verb it hangs from as a participle or coordinated verb ("…, saying",
    "promised … and said"), or the object of a cue preposition ("according to X"). A
    source tagged for another cue is shared ("Sanders said, suggesting …": both are his);
    a subject inside a tagged cue or content is not a source, and a verb with a subject of
    its own takes none from the verb it hangs on ("… and the accord is expected to …")."""
    heads = [doc[k] for k in range(cue.start, cue.end)]
    head = _cue_head(doc, cue)
    for _ in range(CLIMB):
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            # "officials speaking on condition of anonymity": the noun speaks
            return _noun_source(head.head, tagged)
        # the parser often hangs "…, saying" from the reported clause: climb out of it
        in_content = head.i in tagged and tagged[head.i].role == "CON"
        if head.head is head or not (head.dep_ in CLIMB_DEPS or in_content):
            break
        head = head.head
        heads.append(head)
    # "according to X": the object; "said Thursday on Fox": a verb cue's object is not it
    verbal = any(doc[k].pos_ in ("VERB", "AUX") for k in range(cue.start, cue.end))
    for token in heads:
        own = False  # a verb with a subject of its own takes none from the verb it hangs on
        for child in token.children:
            if not (is_subject(child) or (child.dep_ == "pobj" and not verbal)):
                continue
            own = own or child.dep_ in ("nsubj", "nsubjpass")
            if (span := tagged.get(child.i)) is not None:
                if span.role == "SRC":
                    return span
                continue
            start, end = child.left_edge.i, child.right_edge.i + 1
            if not any(j in tagged for j in range(start, end)):
                return Tagged("SRC", start, end)
        if own:
            return None
    return None


def _sentence_speaker(
    index: int,
    cues: list[Tagged],
    sources: dict[int, list[Tagged]],
    tagged: dict[int, Tagged],
    places: _Places,
) -> Tagged | None:
    """For a cue whose subject neither the tagger nor the parse gives, the source of the
    nearest cue of its sentence: the one doing the telling ("Bemoaning the system, Trump
    accused …", "Trump is questioning …, encouraging his supporters to …", "He pledged …,
    cast doubt on …, suggested that …"). The parser loses that subject when it runs a
    headline or the paragraph before into the sentence, or makes a verb of a list its
    root. Not for a cue inside another's report ("said Jones was wrong to claim …")."""
    cue = cues[index]
    before = tagged.get(cue.start - 1) if cue.start > 0 else None
    if before is not None and before.role == "CON":
        return None  # a cue within another's report: "said Jones was wrong to claim …"
    sentence = places.sentence[cue.start]
    near = [
        (min(abs(cue.start - other.end), abs(other.start - cue.end)), j)
        for j, other in enumerate(cues)
        if j != index and j in sources and places.sentence[other.start] == sentence
    ]
    if not near:
        return None
    nearest = min(near)[1]
    return _nearest(sources[nearest], cues[nearest])


def _noun_source(noun: Token, tagged: dict[int, Tagged]) -> Tagged | None:
    """The phrase of a noun a cue hangs from, up to the noun (a tagged source as tagged)."""
    span = tagged.get(noun.i)
    if span is not None:
        return span if span.role == "SRC" else None
    start = noun.left_edge.i
    if any(j in tagged for j in range(start, noun.i + 1)):
        return None
    return Tagged("SRC", start, noun.i + 1)


def _cue_head(doc: Doc, cue: Tagged) -> Token:
    """The cue's syntactic head: its token hanging from outside it ("pointing" of "pointing
    out")."""
    for k in range(cue.start, cue.end):
        if not cue.start <= doc[k].head.i < cue.end or doc[k].head.i == k:
            return doc[k]
    return doc[cue.end - 1]


def _quoted(doc: Doc, content: Tagged, marks: _Marks) -> bool:
    """The content opens a quoted stretch and lies mostly inside it."""
    start, end = char_range(doc, content)
    seg = marks.opening(start)
    return seg is not None and seg.end >= start + (end - start) // 2


def _previous(
    out: list[FoundQuote], doc: Doc, text: str, content: Tagged, cues: list[Tagged]
) -> tuple[Tagged | None, Tagged | None]:
    """For a content with no cue of its own, the cue and speaker of the attribution just
    before it when nothing but its own paragraph or the one before separates them."""
    start = doc[content.start].idx
    before = [q for q in out if q.content[1] <= start]
    if not before:
        return None, None
    last = max(before, key=lambda q: q.content[1])
    paragraphs = len(PARAGRAPH.findall(text, last.content[1], start))
    own = last.cue or (-1, -1)  # '"…," Espinoza said.¶¶"…"': its own cue is no break
    between = any(
        last.content[1] <= doc[c.start].idx < start and not own[0] <= doc[c.start].idx < own[1]
        for c in cues
    )
    if paragraphs > 1 or between:
        return None, None
    cue = token_span(doc, last.cue, "CUE") if last.cue else None
    speaker = Tagged("SRC", *last.speaker) if last.speaker else None
    return cue, speaker


@dataclass
class _Places:
    """Per token, the number of its sentence and of its paragraph (computed once)."""

    sentence: list[int]
    paragraph: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Places:
        sentence, paragraph = [0] * len(doc), [0] * len(doc)
        number = 0
        for token in doc:
            paragraph[token.i] = number
            if token.is_space and PARAGRAPH.search(token.text):
                number += 1
        for n, sent in enumerate(doc.sents):
            for k in range(sent.start, sent.end):
                sentence[k] = n
        return cls(sentence, paragraph)


def _cue_for(
    doc: Doc,
    span: Tagged,
    cues: list[Tagged],
    starts: list[int],
    owner: dict[int, int],
    places: _Places,
    reach: int,
    words: QuoteWords,
) -> int | None:
    """The index of the cue `span` belongs to: for a content, a cue right before it; the one
    it hangs from in the parse; else the nearest within `reach` sentences of the same
    paragraph (any cue of the span's own sentence comes before one of a neighbouring
    sentence, hence the weight on the gap)."""
    paragraph = places.paragraph[span.start]
    if (
        span.role == "CON"
        and (index := _cue_right_before(doc, span, cues, owner, words)) is not None
    ):
        return index
    for k in range(span.start, span.end):  # the parse: the span hangs from a cue
        if doc[k].is_punct:
            continue  # the parser hangs quotation marks anywhere, even in the last sentence
        for ancestor in doc[k].ancestors:
            index = owner.get(ancestor.i)
            if (
                index is not None
                and not span.start <= ancestor.i < span.end
                and places.paragraph[cues[index].start] == paragraph
                and not _credit_before(doc, cues[index], span)
            ):
                return index
    here = places.sentence[span.start]
    best: tuple[int, int] | None = None  # (distance key, cue index)
    window = NEAR_TOKENS * (reach + 1)  # cues farther off cannot be within `reach` sentences
    low = bisect.bisect_left(starts, span.start - window)
    for index in range(low, bisect.bisect_right(starts, span.end + window)):
        cue = cues[index]
        gap = abs(places.sentence[cue.start] - here)
        if gap > reach or places.paragraph[cue.start] != paragraph:
            continue
        if _credit_before(doc, cue, span):
            continue
        key = gap * len(doc) + min(abs(cue.start - span.end), abs(span.start - cue.end))
        if best is None or key < best[0]:
            best = (key, index)
    return None if best is None else best[1]


def _cue_right_before(
    doc: Doc, span: Tagged, cues: list[Tagged], owner: dict[int, int], words: QuoteWords
) -> int | None:
    """The cue that ends right before a content, but for a complementizer or a colon ("he
    acknowledged [that] funding was …"): its own, whatever the parse says (it may hang
    the clause on the next verb, "While he acknowledged funding was …, Ham noted …")."""
    k = span.start
    while k > 0 and (doc[k - 1].lower_ in words.complementizers or doc[k - 1].text == ":"):
        k -= 1
    index = owner.get(k - 1)
    if index is None or _credit_before(doc, cues[index], span):
        return None
    return index


def _credit_before(doc: Doc, cue: Tagged, span: Tagged) -> bool:
    """A dash right after a quotation, crediting it to the name after it ('"…" ― Carla
    Sanchez'), before a content: it credits the quotation before it, not this one (but
    "Tom Hale — “…”" credits what follows)."""
    dash = all(doc[k].text in CREDIT_DASHES for k in range(cue.start, cue.end))
    if not (dash and span.role == "CON" and cue.end <= span.start and cue.start > 0):
        return False
    before = doc[cue.start - 1]
    return before.text[-1:] in CLOSERS or before.text[-1:] in SENTENCE_ENDS


def _nearest(candidates: list[Tagged], cue: Tagged) -> Tagged | None:
    if not candidates:
        return None
    return min(candidates, key=lambda s: min(abs(cue.start - s.end), abs(s.start - cue.end)))


def _found(
    doc: Doc,
    content: Tagged,
    cue: Tagged | None,
    speaker: Tagged | None,
    marks: _Marks,
    words: QuoteWords,
    rules: list[FoundQuote],
) -> FoundQuote:
    start, end = char_range(doc, content)
    found = FoundQuote("indirect", (start, end), char_range(doc, cue) if cue else None, None)
    if speaker is not None:
        found.speaker = (speaker.start, speaker.end)
        found.speaker_is_pronoun = speaker.end - speaker.start == 1 and (
            doc[speaker.start].text.lower() in words.pronouns
        )
        referent = _speaker_phrase(doc, speaker, words)
        if referent == speaker:
            referent = rules_name(doc, speaker, content, rules) or speaker
        if referent != speaker:
            found.referent = (referent.start, referent.end)
    inside = marks.within(start, end)
    if len(inside) == 1 and inside[0].start <= start + 1 and inside[0].end >= end - 1:
        found.kind = "direct"
        found.content = (inside[0].inner_start, inside[0].inner_end)
    elif (quoted := _one_quotation(marks, start, end)) is not None:
        found.kind = "direct"  # the words of a quotation with one of its marks, or none
        found.content = (quoted.inner_start, quoted.inner_end)
    elif inside:
        found.kind = "mixed"
    elif (around := rules_around(start, end, rules)) is not None:
        # A transcript turn, a paragraph after "added:", a quotation mark's stretch: the
        # page's typography gives the extent, which the tagger may cut short, and a cue
        # inside it is the speaker's own words. "The museum, Mr. Obama said, would …": the
        # rules keep the sentence whole where the tagger gives half of it.
        cue_inside = found.cue is not None and within(found.cue, around.content)
        if around.kind != "direct" or found.cue is None or cue_inside:
            return replace(around)
        found.kind, found.content = "direct", around.content
    return found


def _one_quotation(marks: _Marks, start: int, end: int) -> Segment | None:
    """The quoted stretch whose words `start`-`end` cover, no more, with or without its
    marks ('« une situation tendue' tagged from "une" to "»")."""
    seg = marks.opening(start)
    if seg is None or seg.inner_start == seg.inner_end:
        return None
    starts_right = seg.start <= start <= seg.inner_start
    return seg if starts_right and seg.inner_end <= end <= seg.end else None
