"""Token features of the attribution tagger (`attribution.py`), from a parsed Doc.

Syntactic (lemma, part of speech, dependency, the path to the nearest cue-like ancestor,
the governing verb), typographic (inside quotation marks, paragraph starts) and the rules'
own labels, so the model reads any language the same way; only the trained weights and the
cue lexicon learned from the corpus are per language.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.encoder import LABELS
from quotidien.nlp.marks import Segment, find_segments
from quotidien.nlp.quotes import FoundQuote, find_quotes
from quotidien.nlp.tokens import TokenRange, is_cue_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Ancestors climbed when looking for a cue-like head.
MAX_HOPS = 6
#: Tokens around each token whose own features are copied in (the CRF's window).
WINDOW = (-2, -1, 1, 2)
#: How many of a token's own features (the first ones `_own` lists) its neighbours see.
SHARED_WITH_NEIGHBOURS = 6
#: The encoder's probability for its best label above which it is "sure", "likely".
ENCODER_SURE = 0.9
ENCODER_LIKELY = 0.6


@dataclass(frozen=True)
class Lexicon:
    """Lemmas the training corpus marks as cues, with how often (smoothed rate)."""

    rates: dict[str, float]

    def level(self, lemma: str) -> str:
        rate = self.rates.get(lemma, 0.0)
        return "hi" if rate >= 0.5 else "mid" if rate >= 0.2 else "lo" if rate >= 0.05 else ""


def rule_labels(doc: Doc, found: list[FoundQuote]) -> list[str]:
    """The rules' attributions as one BIO label per token."""
    labels = ["O"] * len(doc)
    starts = [token.idx for token in doc]
    for quote in found:
        paint(labels, starts, doc, [quote.content], "CON")
        if quote.cue is not None:
            paint(labels, starts, doc, [quote.cue], "CUE")
        if quote.speaker is not None:
            paint_tokens(labels, quote.speaker, "SRC")
    return labels


def paint(
    labels: list[str], starts: list[int], doc: Doc, ranges: list[tuple[int, int]], role: str
) -> None:
    """Label (BIO, in place) the tokens that character `ranges` touch; `starts` holds each
    token's character offset."""
    for start, end in ranges:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        if first < len(doc) and doc[first].idx + len(doc[first].text) <= start:
            first += 1
        last = bisect.bisect_left(starts, end)
        paint_tokens(labels, (first, last), role)


def paint_tokens(labels: list[str], tokens: TokenRange, role: str) -> None:
    """Label (BIO, in place) the tokens of one span."""
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


@dataclass(frozen=True)
class _Cues:
    """Per token of a Doc: whether it is a cue verb, and its lemma's level in the lexicon
    (read once per token: every feature below asks again for heads and neighbours)."""

    verb: list[bool]
    level: list[str]

    @classmethod
    def of(cls, doc: Doc, words: QuoteWords, lexicon: Lexicon) -> _Cues:
        return cls(
            [is_cue_verb(token, words) for token in doc],
            [lexicon.level(token.lemma_.lower()) for token in doc],
        )

    def strong(self, i: int) -> bool:
        return self.verb[i] or self.level[i] in ("hi", "mid")


@dataclass(frozen=True)
class _Parse:
    """Per token of a Doc, what the features climb the tree for: its head's index, its
    dependency, part of speech and lowercased lemma (read once: every `Token.head` makes a
    new Python object, which was most of this module's time)."""

    head: list[int]
    dep: list[str]
    pos: list[str]
    lemma: list[str]
    line_after: list[bool]  # a line break right after the token

    @classmethod
    def of(cls, doc: Doc) -> _Parse:
        tokens = list(doc)
        return cls(
            [t.head.i for t in tokens],
            [t.dep_ for t in tokens],
            [t.pos_ for t in tokens],
            [t.lemma_.lower() for t in tokens],
            ["\n" in t.text_with_ws for t in tokens],
        )


def _cue_ancestor(i: int, parse: _Parse, cues: _Cues) -> tuple[str, str, str]:
    """(dependency of the child under it, hops, lemma) of the nearest cue-like ancestor of
    token `i`; hops is prefixed "w" when the ancestor is only weakly cue-like. The root
    counts as its own head, up to `MAX_HOPS`: a quirk of the code the shipped models were
    trained with (it compared Token objects by identity, which spaCy makes anew at every
    access), kept so that they get the features they learnt; to drop at the next retraining."""
    child, head, hops = i, parse.head[i], 1
    weak: tuple[str, str, str] | None = None
    while hops <= MAX_HOPS:
        level = cues.level[head]
        if cues.strong(head):
            return parse.dep[child], str(min(hops, 3)), parse.lemma[head]
        if level == "lo" and weak is None:
            weak = (parse.dep[child], f"w{min(hops, 3)}", parse.lemma[head])
        child, head, hops = head, parse.head[head], hops + 1
    return weak or ("", "", "")


def _governor(i: int, parse: _Parse) -> str:
    """Lemma of the nearest verb at or above token `i`."""
    for _ in range(MAX_HOPS):
        if parse.pos[i] in ("VERB", "AUX"):
            return parse.lemma[i]
        i = parse.head[i]
    return ""


def doc_features(
    doc: Doc,
    words: QuoteWords,
    lexicon: Lexicon,
    by_rules: list[FoundQuote] | None = None,
    encoded: np.ndarray | None = None,
) -> list[list[str]]:
    """The CRF's features for every token of a parsed Doc (`by_rules`: the rules' quotes,
    found here when not given; `encoded`: the encoder's distributions, one row per token,
    for a CRF trained to read them)."""
    if by_rules is None:
        by_rules = find_quotes(doc, words)
    rules = rule_labels(doc, by_rules)
    states = _quote_states(doc, find_segments(doc.text))
    cues = _Cues.of(doc, words, lexicon)
    parse = _Parse.of(doc)
    sentence_cue = _sentence_flags(doc, cues)
    near = _nearest_cues(doc, cues)
    own = [_own(token, parse, cues, states, rules) for token in doc]
    out = []
    for token in doc:
        features = list(own[token.i])
        features.extend(_parse_features(token.i, parse, lexicon, cues))
        features.append(f"scue={sentence_cue[token.i]}")
        features.append(f"near={near[token.i]}")
        features.append(f"near|q={near[token.i]}|{states[token.i]}")
        for offset in WINDOW:
            k = token.i + offset
            if 0 <= k < len(doc):
                features.extend(f"{offset}:{f}" for f in own[k][:SHARED_WITH_NEIGHBOURS])
            else:
                features.append(f"{offset}:edge")
        out.append(features)
    if encoded is not None:
        _add_encoded(out, encoded)
    return out


def _add_encoded(rows: list[list[str]], encoded: np.ndarray) -> None:
    """The encoder's label for each token, how sure it is, and its labels for the tokens on
    either side."""
    best = [LABELS[k] for k in encoded.argmax(axis=1)]
    for i, row in enumerate(rows):
        sure = float(encoded[i].max())
        level = "hi" if sure >= ENCODER_SURE else "mid" if sure >= ENCODER_LIKELY else "lo"
        row.extend((f"enc={best[i]}", f"enc={best[i]}:{level}"))
        if i > 0:
            row.append(f"enc-1={best[i - 1]}")
        if i + 1 < len(rows):
            row.append(f"enc+1={best[i + 1]}")


def _own(
    token: Token, parse: _Parse, cues: _Cues, states: list[str], rules: list[str]
) -> list[str]:
    """The token's own features; the first `SHARED_WITH_NEIGHBOURS` are also given to its
    neighbours (order matters)."""
    i = token.i
    text = token.text
    shape = "nl" if "\n" in text else token.shape_[:4]
    dep, hops, cue = _cue_ancestor(i, parse, cues)
    return [
        f"w={text.lower()}",
        f"pos={parse.pos[i]}",
        f"q={states[i]}",
        f"r={rules[i]}",
        f"dep={parse.dep[i]}",
        f"acue={dep}|{hops}",
        f"lex={cues.level[i]}",
        f"l={parse.lemma[i]}",
        f"tag={token.tag_}",
        f"sh={shape}",
        f"ent={token.ent_iob_}{token.ent_type_}",
        f"cv={cues.verb[i]}",
        f"ss={token.is_sent_start}",
        f"acuel={cue}",
        f"acue|q={dep}|{hops}|{states[i]}",
    ]


def _parse_features(i: int, parse: _Parse, lexicon: Lexicon, cues: _Cues) -> list[str]:
    head = parse.head[i]
    governor = _governor(i, parse)
    return [
        "bias",
        f"hl={parse.lemma[head]}",
        f"hpos={parse.pos[head]}",
        f"dep|hpos={parse.dep[i]}|{parse.pos[head]}",
        f"dep|hdep={parse.dep[i]}|{parse.dep[head]}",
        f"hlex={cues.level[head]}",
        f"gov={governor}",
        f"govlex={lexicon.level(governor)}",
        f"side={'before' if head > i else 'after'}",
        f"para={i == 0 or parse.line_after[i - 1]}",
        f"path={_path(i, parse)}",
    ]


def _path(i: int, parse: _Parse) -> str:
    """The dependency labels from token `i` up, three (the root repeats: the quirk of
    `_cue_ancestor`)."""
    labels = []
    for _ in range(3):
        labels.append(parse.dep[i])
        i = parse.head[i]
    return ">".join(labels)


def _nearest_cues(doc: Doc, cues: _Cues) -> list[str]:
    """Per token: how far the nearest cue-like word of its sentence is on each side (two
    sweeps, so a sentence of any length costs linear time)."""
    out = [""] * len(doc)
    for sentence in doc.sents:
        cue = [cues.strong(i) for i in range(sentence.start, sentence.end)]
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


def _sentence_flags(doc: Doc, cues: _Cues) -> list[str]:
    """Per token: whether its sentence has a cue verb, a cue-like word, or neither."""
    flags = [""] * len(doc)
    for sentence in doc.sents:
        flag = "none"
        for i in range(sentence.start, sentence.end):
            if cues.verb[i]:
                flag = "verb"
                break
            if cues.level[i] == "hi":
                flag = "lex"
        flags[sentence.start : sentence.end] = [flag] * (sentence.end - sentence.start)
    return flags
