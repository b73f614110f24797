"""Learned attribution tagging: a linear-chain CRF over parsed tokens, on top of the rules.

Where a language ships a trained model (`Language.attribution_model`, trained by
`quotidien.nlp.train` on an annotated corpus such as PolNeAR), every token of a parsed Doc
is tagged as part of a source, a cue or a content (BIO), and the tagged spans are grouped
into attributions (`FoundQuote`). The rule-based quotes of `quotes.py` are one of the
model's inputs (a hybrid): the model learns where the corpus's conventions differ from the
rules (thoughts and evidence as attributions, noun cues, span edges) and keeps what they get
right. Token features are syntactic (lemma, part of speech, dependency, the path to the
nearest cue-like ancestor) and typographic (inside quotation marks), so they read any
language the same way; only the trained weights are per language.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quotidien.errors import ModelUnavailableError
from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.marks import Segment, find_segments
from quotidien.nlp.quotes import RELATIVE, FoundQuote, find_quotes, relative_antecedent
from quotidien.nlp.tokens import TokenRange, is_cue_verb, is_subject, noun_phrase

if TYPE_CHECKING:
    import pycrfsuite
    from spacy.tokens import Doc, Token

#: Where trained models ship (package data).
MODELS = Path(__file__).resolve().parents[1] / "models"
#: Ancestors climbed when looking for a cue-like head.
MAX_HOPS = 6
#: Tokens around each token whose own features are copied in (the CRF's window).
WINDOW = (-2, -1, 1, 2)
#: A quoted stretch this short, with no cue or speaker, is a scare quote or a title.
SCARE_WORDS = 3
SENTENCE_ENDS = frozenset(".!?…")
#: Heads climbed from a cue to find the subject of a participle or coordinated verb.
CLIMB = 3


@dataclass(frozen=True)
class Lexicon:
    """Lemmas the training corpus marks as cues, with how often (smoothed rate)."""

    rates: dict[str, float]

    def level(self, lemma: str) -> str:
        rate = self.rates.get(lemma, 0.0)
        return "hi" if rate >= 0.5 else "mid" if rate >= 0.2 else "lo" if rate >= 0.05 else ""


@dataclass(frozen=True)
class Model:
    tagger: pycrfsuite.Tagger
    lexicon: Lexicon
    #: Second stage, reading the first stage's labels of the whole sentence (stacking).
    second: pycrfsuite.Tagger | None = None

    def tag(self, doc: Doc, words: QuoteWords, by_rules: list[FoundQuote]) -> list[str]:
        features = doc_features(doc, words, self.lexicon, by_rules)
        labels: list[str] = self.tagger.tag(features)
        if self.second is not None:
            labels = self.second.tag(stacked_features(doc, features, labels))
        return labels


@cache
def load(name: str) -> Model:
    """The model shipped as `quotidien/models/NAME.crfsuite`, once per process."""
    return read_model(MODELS / f"{name}.crfsuite")


def read_model(path: Path) -> Model:
    """A trained tagger and, beside it with the suffix `.json`, its cue lexicon."""
    import pycrfsuite

    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise ModelUnavailableError(f"attribution model {path} (and its .json) not found")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    rates = json.loads(meta_path.read_text(encoding="utf-8"))["cue_rates"]
    second = None
    if (second_path := second_stage(path)).is_file():
        second = pycrfsuite.Tagger()
        second.open(str(second_path))
    return Model(tagger, Lexicon(rates), second)


def second_stage(path: Path) -> Path:
    """Where the second stage of the model at `path` lives."""
    return path.with_name(f"{path.stem}-stack{path.suffix}")


# -- features ---------------------------------------------------------------------------


def rule_labels(doc: Doc, found: list[FoundQuote]) -> list[str]:
    """The rules' attributions as one BIO label per token."""
    labels = ["O"] * len(doc)
    starts = [token.idx for token in doc]
    for quote in found:
        _paint(labels, starts, doc, [quote.content], "CON")
        if quote.cue is not None:
            _paint(labels, starts, doc, [quote.cue], "CUE")
        if quote.speaker is not None:
            _paint_tokens(labels, quote.speaker, "SRC")
    return labels


def _paint(
    labels: list[str], starts: list[int], doc: Doc, ranges: list[tuple[int, int]], role: str
) -> None:
    for start, end in ranges:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        if first < len(doc) and doc[first].idx + len(doc[first].text) <= start:
            first += 1
        last = bisect.bisect_left(starts, end)
        _paint_tokens(labels, (first, last), role)


def _paint_tokens(labels: list[str], tokens: TokenRange, role: str) -> None:
    for k in range(tokens[0], min(tokens[1], len(labels))):
        labels[k] = ("B-" if k == tokens[0] else "I-") + role


def _quote_states(doc: Doc, segments: list[Segment]) -> list[str]:
    """Per token: 'in' inside a quoted stretch, 'mark' a quotation mark of one, else 'out'."""
    states = ["out"] * len(doc)
    starts = [seg.start for seg in segments]
    for token in doc:
        k = bisect.bisect_right(starts, token.idx) - 1
        if k >= 0 and token.idx < segments[k].end:
            seg = segments[k]
            inner = seg.inner_start <= token.idx < seg.inner_end
            states[token.i] = "in" if inner else "mark"
    return states


def _cue_ancestor(token: Token, words: QuoteWords, lexicon: Lexicon) -> tuple[str, str, str]:
    """(dependency of the child under it, hops, lemma) of the nearest cue-like ancestor;
    hops is prefixed "w" when the ancestor is only weakly cue-like."""
    child, head, hops = token, token.head, 1
    weak: tuple[str, str, str] | None = None
    while head is not child and hops <= MAX_HOPS:
        level = lexicon.level(head.lemma_.lower())
        if is_cue_verb(head, words) or level in ("hi", "mid"):
            return child.dep_, str(min(hops, 3)), head.lemma_.lower()
        if level == "lo" and weak is None:
            weak = (child.dep_, f"w{min(hops, 3)}", head.lemma_.lower())
        child, head, hops = head, head.head, hops + 1
    return weak or ("", "", "")


def _governor(token: Token) -> str:
    """Lemma of the nearest verb at or above the token."""
    for _ in range(MAX_HOPS):
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower()
        if token.head is token:
            break
        token = token.head
    return ""


def doc_features(
    doc: Doc, words: QuoteWords, lexicon: Lexicon, by_rules: list[FoundQuote] | None = None
) -> list[list[str]]:
    """The CRF's features for every token of a parsed Doc (`by_rules`: the rules' quotes,
    found here when not given)."""
    if by_rules is None:
        by_rules = find_quotes(doc, words)
    rules = rule_labels(doc, by_rules)
    states = _quote_states(doc, find_segments(doc.text))
    sentence_cue = _sentence_flags(doc, words, lexicon)
    near = _nearest_cues(doc, words, lexicon)
    own = [_own(token, words, lexicon, states, rules) for token in doc]
    out = []
    for token in doc:
        features = list(own[token.i])
        features.extend(_parse_features(token, lexicon))
        features.append(f"scue={sentence_cue[token.i]}")
        features.append(f"near={near[token.i]}")
        features.append(f"near|q={near[token.i]}|{states[token.i]}")
        for offset in WINDOW:
            k = token.i + offset
            if 0 <= k < len(doc):
                features.extend(f"{offset}:{f}" for f in own[k][:6])
            else:
                features.append(f"{offset}:edge")
        out.append(features)
    return out


def _own(
    token: Token, words: QuoteWords, lexicon: Lexicon, states: list[str], rules: list[str]
) -> list[str]:
    """The token's own features; the first six are also given to its neighbours."""
    lemma = token.lemma_.lower()
    text = token.text
    shape = "nl" if "\n" in text else token.shape_[:4]
    dep, hops, cue = _cue_ancestor(token, words, lexicon)
    return [
        f"w={text.lower()}",
        f"pos={token.pos_}",
        f"q={states[token.i]}",
        f"r={rules[token.i]}",
        f"dep={token.dep_}",
        f"acue={dep}|{hops}",
        f"lex={lexicon.level(lemma)}",
        f"l={lemma}",
        f"tag={token.tag_}",
        f"sh={shape}",
        f"ent={token.ent_iob_}{token.ent_type_}",
        f"cv={is_cue_verb(token, words)}",
        f"ss={token.is_sent_start}",
        f"acuel={cue}",
        f"acue|q={dep}|{hops}|{states[token.i]}",
    ]


def _parse_features(token: Token, lexicon: Lexicon) -> list[str]:
    head = token.head
    governor = _governor(token)
    return [
        "bias",
        f"hl={head.lemma_.lower()}",
        f"hpos={head.pos_}",
        f"dep|hpos={token.dep_}|{head.pos_}",
        f"dep|hdep={token.dep_}|{head.dep_}",
        f"hlex={lexicon.level(head.lemma_.lower())}",
        f"gov={governor}",
        f"govlex={lexicon.level(governor)}",
        f"side={'before' if head.i > token.i else 'after'}",
        f"para={_after_break(token)}",
        f"path={_path(token)}",
    ]


def _path(token: Token) -> str:
    """The dependency labels from the token up, three at most."""
    labels = []
    for _ in range(3):
        labels.append(token.dep_)
        if token.head is token:
            break
        token = token.head
    return ">".join(labels)


def _nearest_cues(doc: Doc, words: QuoteWords, lexicon: Lexicon) -> list[str]:
    """Per token: how far the nearest cue-like word of its sentence is on each side (two
    sweeps, so a sentence of any length costs linear time)."""
    out = [""] * len(doc)
    for sentence in doc.sents:
        cue = [
            is_cue_verb(t, words) or lexicon.level(t.lemma_.lower()) in ("hi", "mid")
            for t in sentence
        ]
        left = _distances(cue)
        right = _distances(cue[::-1])[::-1]
        for k, token in enumerate(sentence):
            out[token.i] = f"{_bucket(left[k])}|{_bucket(right[k])}"
    return out


def _distances(marks: list[bool]) -> list[int]:
    """For each position, the distance to the nearest marked position before it (0: none)."""
    out, last = [], None
    for k, marked in enumerate(marks):
        out.append(0 if last is None else k - last)
        if marked:
            last = k
    return out


def _bucket(distance: int) -> str:
    if distance == 0:
        return "-"
    return "1" if distance == 1 else "2-3" if distance <= 3 else "4-10" if distance <= 10 else "far"


def _after_break(token: Token) -> bool:
    return token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws


def _sentence_flags(doc: Doc, words: QuoteWords, lexicon: Lexicon) -> list[str]:
    """Per token: whether its sentence has a cue verb, a cue-like word, or neither."""
    flags = [""] * len(doc)
    for sentence in doc.sents:
        flag = "none"
        for token in sentence:
            if is_cue_verb(token, words):
                flag = "verb"
                break
            if lexicon.level(token.lemma_.lower()) == "hi":
                flag = "lex"
        for token in sentence:
            flags[token.i] = flag
    return flags


def stacked_features(doc: Doc, features: list[list[str]], first: list[str]) -> list[list[str]]:
    """The first stage's features plus what it labelled around each token: its neighbours
    up to three away, its head, its sentence, the nearest cue it found on each side."""
    roles = [label.rpartition("-")[2] for label in first]
    in_sentence = [""] * len(doc)
    for sentence in doc.sents:
        found = "+".join(sorted({roles[t.i] for t in sentence} - {"O"})) or "none"
        for token in sentence:
            in_sentence[token.i] = found
    cue = [role == "CUE" for role in roles]
    left, right = _distances(cue), _distances(cue[::-1])[::-1]
    out = []
    for token in doc:
        i = token.i
        extra = [
            f"p1={first[i]}",
            f"p1h={roles[token.head.i]}",
            f"p1s={in_sentence[i]}",
            f"p1cue={_bucket(left[i])}|{_bucket(right[i])}",
            f"p1dep={roles[i]}|{token.dep_}|{roles[token.head.i]}",
        ]
        for offset in (-3, -2, -1, 1, 2, 3):
            k = i + offset
            extra.append(f"p1{offset}={roles[k] if 0 <= k < len(doc) else 'edge'}")
        out.append(features[i] + extra)
    return out


# -- from labels to attributions --------------------------------------------------------


@dataclass
class _Span:
    role: str
    start: int  # token indices, end exclusive
    end: int


def spans(labels: list[str]) -> list[_Span]:
    """The labelled spans of a BIO sequence (an I- after another role opens a span)."""
    out: list[_Span] = []
    for k, label in enumerate(labels):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        last = out[-1] if out else None
        if prefix == "I" and last is not None and last.role == role and last.end == k:
            last.end = k + 1
        else:
            out.append(_Span(role, k, k + 1))
    return out


def decode(
    doc: Doc, labels: list[str], words: QuoteWords, by_rules: list[FoundQuote] | None = None
) -> list[FoundQuote]:
    """Group tagged spans into attributions: each source and content goes to the cue it
    hangs from in the parse, else to the nearest cue of its sentence (a content also of the
    sentence before or after, as in '"…," she said. "…"'); a content without any cue is an
    attribution of its own, without speaker."""
    found = spans(labels)
    cues = [s for s in found if s.role == "CUE"]
    sentence = _sentence_index(doc)
    sources: dict[int, list[_Span]] = {}
    contents: dict[int, list[_Span]] = {}
    orphans: list[_Span] = []
    for span in found:
        if span.role == "CUE":
            continue
        reach = 0 if span.role == "SRC" else 1
        cue = _cue_for(doc, span, cues, sentence, reach)
        if cue is not None:
            (sources if span.role == "SRC" else contents).setdefault(cue, []).append(span)
        elif span.role == "CON":
            orphans.append(span)
    segments = find_segments(doc.text)
    out: list[FoundQuote] = []
    for index, cue_span in enumerate(cues):
        speaker = _nearest(sources.get(index, []), cue_span)
        for content in contents.get(index, []):
            content = _without_coordinated(doc, content, cue_span)
            # no source tagged: the rules' speaker of the same content, else the parse's
            chosen = (
                speaker
                or _rule_speaker(doc, content, by_rules or [])
                or _subject(doc, cue_span, found)
            )
            out.append(_found(doc, content, cue_span, chosen, segments, words))
    for content in orphans:
        carried: tuple[_Span | None, _Span | None] = (None, None)
        if _quoted(doc, content, segments):  # '"…," she said. "…"': the same speaker goes on
            carried = _previous(out, doc, content, cues)
        orphan_cue, orphan_speaker = carried
        orphan_speaker = orphan_speaker or _rule_speaker(doc, content, by_rules or [])
        if orphan_speaker is None and orphan_cue is None and _scare_quote(doc, content, segments):
            continue  # a quoted term or title that nobody is said to say
        out.append(_found(doc, content, orphan_cue, orphan_speaker, segments, words))
    out.extend(_missed_by_model(out, by_rules or []))  # the rules' share of the hybrid
    return _without_overlaps(out)


def _scare_quote(doc: Doc, content: _Span, segments: list[Segment]) -> bool:
    """A few quoted words that do not make a sentence ("a “boondoggle”", a title)."""
    start, end = _char_range(doc, content)
    return any(
        seg.start <= start + 1
        and seg.end >= end - 1
        and seg.words(doc.text) <= SCARE_WORDS
        and doc.text[seg.inner_end - 1] not in SENTENCE_ENDS
        for seg in segments
    )


def _missed_by_model(out: list[FoundQuote], by_rules: list[FoundQuote]) -> list[FoundQuote]:
    """The rules' quotes with a cue and a speaker whose content the model left untouched."""
    return [
        quote
        for quote in by_rules
        if quote.cue is not None
        and quote.speaker is not None
        and not any(_overlap(quote.content, other.content) for other in out)
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _without_overlaps(found: list[FoundQuote]) -> list[FoundQuote]:
    """In text order, dropping empty contents and any content overlapping a longer one."""
    kept: list[FoundQuote] = []
    by_length = sorted(found, key=lambda q: q.content[0] - q.content[1])
    for quote in by_length:
        if quote.content[1] > quote.content[0] and not any(
            _overlap(quote.content, other.content) for other in kept
        ):
            kept.append(quote)
    return sorted(kept, key=lambda q: q.content)


def _without_coordinated(doc: Doc, content: _Span, cue: _Span) -> _Span:
    """The content cut where it runs into a clause coordinated with its cue verb ("called
    the plan X, and a documentary screened …"): the longest stretch outside it."""
    outside: set[int] = set()
    for k in range(cue.start, cue.end):
        for child in doc[k].children:
            if child.dep_ in ("conj", "cc") and child.i >= content.start:
                outside.update(t.i for t in child.subtree)
    if not outside.intersection(range(content.start, content.end)):
        return content
    best, start = (content.start, content.start), None
    for k in range(content.start, content.end + 1):
        if k < content.end and k not in outside:
            start = k if start is None else start
        elif start is not None:
            best = max(best, (start, k), key=lambda r: r[1] - r[0])
            start = None
    return _Span(content.role, *best)


def _speaker_phrase(doc: Doc, speaker: _Span, words: QuoteWords) -> _Span:
    """The speaker as the record wants it: a relative pronoun replaced by the noun it stands
    for ("the Weather Service, which said"), a relative clause after the name left out
    ("Maria Ortega, who spoke to reporters")."""
    first = doc[speaker.start]
    sentence = (first.sent.start, first.sent.end)
    if speaker.end - speaker.start == 1 and first.tag_ in ("WP", "WDT"):
        verb = first.head
        if verb.dep_ in RELATIVE and verb.head.i < first.i:
            noun = relative_antecedent(doc, first.i, verb.head.i, words, sentence)
            return _Span("SRC", *noun_phrase(doc, noun, words, sentence))
    for k in range(speaker.start + 1, speaker.end):
        token = doc[k]
        if token.dep_ in RELATIVE and speaker.start <= token.head.i < speaker.end:
            end = token.left_edge.i
            while end > speaker.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return _Span("SRC", speaker.start, max(end, speaker.start + 1))
    return speaker


def _rule_speaker(doc: Doc, content: _Span, by_rules: list[FoundQuote]) -> _Span | None:
    """The speaker the rules give to a quote covering most of `content`."""
    start, end = _char_range(doc, content)
    for quote in by_rules:
        overlap = min(end, quote.content[1]) - max(start, quote.content[0])
        if quote.speaker is not None and overlap > 0.5 * (end - start):
            return _Span("SRC", *quote.speaker)
    return None


def _subject(doc: Doc, cue: _Span, found: list[_Span]) -> _Span | None:
    """The cue's grammatical subject when the tagger marked no source: the subject of a cue
    verb, or of the verb it hangs from as a participle or coordinated verb ("…, saying",
    "promised … and said"), or the object of a cue preposition ("according to X")."""
    taken = {k for span in found for k in range(span.start, span.end)}
    heads = [doc[k] for k in range(cue.start, cue.end)]
    head = doc[cue.end - 1]
    for _ in range(CLIMB):
        if head.dep_ not in ("advcl", "conj", "xcomp", "acl", "pcomp", "prep") or head.head is head:
            break
        head = head.head
        heads.append(head)
    for token in heads:
        for child in token.children:
            if (is_subject(child) or child.dep_ == "pobj") and child.i not in taken:
                start, end = child.left_edge.i, child.right_edge.i + 1
                if not any(j in taken for j in range(start, end)):
                    return _Span("SRC", start, end)
    return None


def _quoted(doc: Doc, content: _Span, segments: list[Segment]) -> bool:
    """The content opens a quoted stretch and lies mostly inside it."""
    start, end = _char_range(doc, content)
    return any(seg.start <= start + 1 and seg.end >= start + (end - start) // 2 for seg in segments)


def _previous(
    out: list[FoundQuote], doc: Doc, content: _Span, cues: list[_Span]
) -> tuple[_Span | None, _Span | None]:
    """For a content with no cue of its own, the cue and speaker of the attribution just
    before it when nothing but its own paragraph or the one before separates them."""
    start = doc[content.start].idx
    before = [q for q in out if q.content[1] <= start]
    if not before:
        return None, None
    last = max(before, key=lambda q: q.content[1])
    gap = doc.text[last.content[1] : start]
    between = any(last.content[1] <= doc[c.start].idx < start for c in cues)
    if gap.count("\n\n") > 1 or between:
        return None, None
    cue = _token_span(doc, last.cue, "CUE") if last.cue else None
    speaker = _Span("SRC", *last.speaker) if last.speaker else None
    return cue, speaker


def _token_span(doc: Doc, chars: tuple[int, int], role: str) -> _Span | None:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    return None if span is None else _Span(role, span.start, span.end)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for k in range(sentence.start, sentence.end):
            index[k] = number
    return index


def _cue_for(
    doc: Doc, span: _Span, cues: list[_Span], sentence: list[int], reach: int
) -> int | None:
    owner = {k: index for index, cue in enumerate(cues) for k in range(cue.start, cue.end)}
    for k in range(span.start, span.end):  # the parse: the span hangs from a cue
        for ancestor in doc[k].ancestors:
            if (
                ancestor.i in owner
                and not span.start <= ancestor.i < span.end
                and _same_paragraph(doc, span, cues[owner[ancestor.i]])
            ):
                return owner[ancestor.i]
    here = sentence[span.start]
    best: tuple[int, int] | None = None  # (distance key, cue index)
    for index, cue in enumerate(cues):
        gap = abs(sentence[cue.start] - here)
        if gap > reach or (gap and not _same_paragraph(doc, span, cue)):
            continue
        key = gap * 10_000 + min(abs(cue.start - span.end), abs(span.start - cue.end))
        if best is None or key < best[0]:
            best = (key, index)
    return None if best is None else best[1]


def _same_paragraph(doc: Doc, left: _Span, right: _Span) -> bool:
    low, high = min(left.start, right.start), max(left.end, right.end)
    return "\n\n" not in doc.text[doc[low].idx : doc[high - 1].idx]


def _nearest(candidates: list[_Span], cue: _Span) -> _Span | None:
    if not candidates:
        return None
    return min(candidates, key=lambda s: min(abs(cue.start - s.end), abs(s.start - cue.end)))


def _found(
    doc: Doc,
    content: _Span,
    cue: _Span | None,
    speaker: _Span | None,
    segments: list[Segment],
    words: QuoteWords,
) -> FoundQuote:
    start, end = _char_range(doc, content)
    found = FoundQuote("indirect", (start, end), _char_range(doc, cue) if cue else None, None)
    if speaker is not None:
        found.speaker = (speaker.start, speaker.end)
        found.speaker_is_pronoun = speaker.end - speaker.start == 1 and (
            doc[speaker.start].text.lower() in words.pronouns
        )
        referent = _speaker_phrase(doc, speaker, words)
        if referent != speaker:
            found.referent = (referent.start, referent.end)
    inside = [seg for seg in segments if start <= seg.end and seg.start <= end]
    inside = [seg for seg in inside if seg.start >= start - 1 and seg.end <= end + 1]
    if len(inside) == 1 and inside[0].start <= start + 1 and inside[0].end >= end - 1:
        found.kind = "direct"
        found.content = (inside[0].inner_start, inside[0].inner_end)
    elif inside:
        found.kind = "mixed"
    return found


def _char_range(doc: Doc, span: _Span) -> tuple[int, int]:
    first, last = doc[span.start], doc[span.end - 1]
    return first.idx, last.idx + len(last.text)


def find_attributions(doc: Doc, words: QuoteWords, model: Model) -> list[FoundQuote]:
    """Every attribution in `doc` by a trained model (see `load`)."""
    by_rules = find_quotes(doc, words)
    return decode(doc, model.tag(doc, words, by_rules), words, by_rules)
