"""The grammar of dates: the words of each language compiled into regular expressions.

The words of each language (`lang/<code>/dates.py`, a `DateWords`) are compiled once into a
few regular expressions: ISO dates, numeric dates (08/11/2023, 01.07.2025), dates with a
month name in either order ("8 novembre 2023", "Nov. 8, 2023"), amounts of time ago ("il y a
3 heures", "2 hours ago") and day words ("hier", "yesterday"), and a time of day with its
zone. `extract/dates.py` reads their matches; the algorithm never asks which language it
reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from quotidien.lang import Language, all_languages
from quotidien.lang.dates import DateWords


class Pattern(NamedTuple):
    kind: str  # which reader reads its matches
    regex: re.Pattern[str]  # matched against the lower-cased text
    #: Run only when the lower-cased text holds one of these (empty: always run).
    gate: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grammar:
    months: dict[str, int]
    #: Month words that are months only when written with a capital ("May", not "may").
    capital_months: frozenset[str]
    weekdays: dict[str, int]
    units: dict[str, int]
    numbers: dict[str, int]
    days_back: dict[str, int]
    zones: dict[str, str]
    am: frozenset[str]
    pm: frozenset[str]
    #: day_first values to try for numeric dates, in order.
    orders: tuple[bool, ...]
    #: Patterns that need a digit in the text: (kind, pattern).
    numeric: tuple[Pattern, ...]
    #: Patterns that may match without a digit.
    wordy: tuple[Pattern, ...]
    time_after: re.Pattern[str]
    time_before: re.Pattern[str]
    #: One part of an amount of time, on lower-cased text: groups "n" and "unit".
    amount: re.Pattern[str]
    #: A weekday just before a date ("mercredi 8 novembre", "Wed., Nov. 8"), or None.
    weekday_before: re.Pattern[str] | None


#: Compiled grammars by `id(language)` (0 for all languages). The language is kept beside
#: its grammar so that its id cannot be reused by another object.
_GRAMMARS: dict[int, tuple[Language | None, Grammar]] = {}


def grammar_for(language: Language | None) -> Grammar:
    key = 0 if language is None else id(language)
    cached = _GRAMMARS.get(key)
    if cached is None:
        languages = [language] if language is not None else all_languages()
        cached = (language, _compile([lang.dates for lang in languages]))
        _GRAMMARS[key] = cached
    return cached[1]


def key(word: str) -> str:
    """Lookup form of a word as written: lower case, straight apostrophe, single spaces."""
    return " ".join(word.lower().replace("’", "'").split())


_Trie: TypeAlias = dict[str, "_Trie"]


def _alt(words: Iterable[str]) -> str:
    """A regex matching any of `words`, longest first; spaces and apostrophes flexible.

    Written as a prefix tree ("j(?:an(?:v(?:ier)?)?|uin)"): tried at every position of
    every line, a flat list of fifty words costs several times more.
    """
    trie: _Trie = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a word
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    branches = [_char_regex(c) + _trie_regex(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"


def _char_regex(char: str) -> str:
    if char.isspace():
        return r"\s+"
    if char in "'’":
        return "['’]"
    return re.escape(char)


def _merged(dicts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Dicts merged with lookup keys; the first language wins a conflict."""
    out: dict[str, int] = {}
    for d in dicts:
        for word, value in d.items():
            out.setdefault(key(word), value)
    return out


def _compile(words: Sequence[DateWords]) -> Grammar:
    months = _merged(w.months for w in words)
    lower_ok = {key(m) for w in words if not w.capital_months for m in w.months}
    capital_months = frozenset(months.keys() - lower_ok)
    units = _merged(w.units for w in words)
    numbers = _merged(w.numbers for w in words)
    days_back = _merged(w.days_back for w in words)
    zones: dict[str, str] = {}
    for w in words:
        for name, value in w.zones.items():
            zones.setdefault(name if name.isupper() else key(name), value)
    am = frozenset(key(a) for w in words for a in w.am)
    pm = frozenset(key(p) for w in words for p in w.pm)
    orders = tuple(dict.fromkeys([*(w.day_first for w in words), True, False]))

    time_re = _time_pattern(words, zones, am | pm)
    punct = r"(?:[,|•·–—\-/@]\s*)?"
    after_words = _alt(c for w in words for c in w.time_connectors)
    after_join = rf"\s*{punct}(?:(?:{after_words})\s+)?" if after_words else rf"\s*{punct}"
    before_words = _alt(c for w in words for c in w.date_connectors)
    before_join = rf"\s*{punct}(?:(?:{before_words})\s+)?" if before_words else rf"\s*{punct}"
    time_after = re.compile(after_join + time_re, re.I)
    time_before = re.compile(rf"(?<![\d:.]){time_re}{before_join}$", re.I)

    numeric = [Pattern("iso", _ISO), Pattern("numeric", _NUMERIC)]
    for marks in dict.fromkeys(w.year_month_day_marks for w in words if w.year_month_day_marks):
        numeric.append(Pattern("marked", _marked(marks), gate=(marks[0],)))
    month_alt = _alt(months)
    weekdays = _merged(w.weekdays for w in words)
    weekday_alt = _alt(weekdays)
    ordinal_alt = _alt(o for w in words for o in w.ordinals)
    if month_alt:
        numeric.append(Pattern("day_month", _day_month(month_alt, ordinal_alt)))
        if any(w.month_day for w in words):
            numeric.append(Pattern("month_day", _month_day(month_alt, ordinal_alt)))
        numeric.append(Pattern("year_month_day", _year_month_day(month_alt, ordinal_alt)))
    return Grammar(
        months=months,
        capital_months=capital_months,
        weekdays=weekdays,
        units=units,
        numbers=numbers,
        days_back=days_back,
        zones=zones,
        am=am,
        pm=pm,
        orders=orders,
        numeric=tuple(numeric),
        wordy=tuple(_wordy_patterns(words, units, numbers, days_back)),
        time_after=time_after,
        time_before=time_before,
        amount=_one_amount(units, numbers),
        weekday_before=_weekday_before(weekday_alt),
    )


def _time_pattern(words: Sequence[DateWords], zones: dict[str, str], ampm: Iterable[str]) -> str:
    """A time of day, with am/pm and zone: groups hour, minute, second, ampm, zone."""
    marks = _alt(m for w in words for m in w.hour_marks)
    ampm_alt = _alt(ampm)
    # "16.03" (British) takes no spaces around the dot, unlike "15 h 35".
    sep = rf"\s?(?::|{marks})\s?|\." if marks else r"\s?:\s?|\."
    forms = [rf"(?:{sep})(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:[.,]\d{{1,6}})?)?"]
    if marks:
        forms.append(rf"\s?(?:{marks})(?!\w)")  # "18h"
    if ampm_alt:
        forms.append(rf"(?=\s?(?:{ampm_alt})(?!\w))")  # "6pm"
    # Not a time: "12.50 €", "15.35%", or the start of another number "01.07.2025".
    pattern = rf"(?P<hour>[01]?\d|2[0-3])(?:{'|'.join(forms)})(?!\d|[.,]\d|\s?[€$£%])"
    if ampm_alt:
        pattern += rf"(?:\s?(?P<ampm>{ampm_alt})(?!\w))?"
    names = [r"(?:UTC|GMT)\s?[+\-−]\d{1,2}(?::?\d{2})?(?!\d)", r"[+\-−]\d{2}:?\d{2}(?!\d)"]
    capitals = _alt(z for z in zones if z.isupper())
    if capitals:
        names.append(rf"(?-i:{capitals})(?!\w)")
    spelled = _alt(z for z in zones if not z.isupper())
    if spelled:
        names.append(rf"(?:{spelled})(?!\w)")
    # "3:35 PM (EST)", "15h35 (heure de Paris)"
    return pattern + rf"(?:\s?(?P<zone>\(?(?:{'|'.join(names)})\)?))?"


_ISO = re.compile(
    r"(?<![\d.,/:\-])(?P<year>\d{4})(?P<sep>[\-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:t(?P<hour>[01]\d|2[0-3]):?(?P<minute>[0-5]\d)"
    r"(?::?(?P<second>[0-5]\d)(?:[.,]\d{1,9})?)?"
    r"(?P<zone>z|\s?[+\-]\d{2}(?::?\d{2})?)?)?"
    r"(?![\w])(?![.,/:\-]\d)"
)

_NUMERIC = re.compile(
    r"(?<![\w.,/:\-+])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?!\w)(?![.,/:\-]\d)"
)

#: A year after a day or a month: "8 novembre 2023", "Nov 8, 2023", "Jan 12,2012".
_YEAR_AFTER = r"(?:(?:,\s*|\s+)(?P<year>\d{4})(?!\d))?"


def _day_month(months: str, ordinals: str) -> re.Pattern[str]:
    ordinal = rf"(?:{ordinals})?" if ordinals else ""
    return re.compile(
        rf"(?P<day>\d{{1,2}}){ordinal}\.?\s+(?P<month>{months})"
        rf"(?:\.|(?!\w)){_YEAR_AFTER}"
    )


def _month_day(months: str, ordinals: str) -> re.Pattern[str]:
    ordinal = rf"(?:{ordinals})?" if ordinals else ""
    return re.compile(
        rf"(?P<month>{months})(?:\.\s*|\s+)(?P<day>\d{{1,2}}){ordinal}"
        rf"(?![\w:]){_YEAR_AFTER}"
    )


def _weekday_before(weekdays: str) -> re.Pattern[str] | None:
    # Read backwards from the date rather than inside its pattern: an optional word list at
    # the head of a pattern is tried at every position of every line, and costs.
    if not weekdays:
        return None
    return re.compile(rf"(?<!\w)(?P<weekday>{weekdays})\.?,?\s+$")


def _year_month_day(months: str, ordinals: str) -> re.Pattern[str]:
    """ "2012, January 17", "2012 January 17": the ISO order with a month name."""
    ordinal = rf"(?:{ordinals})?" if ordinals else ""
    return re.compile(
        rf"(?<![\w.,:/\-])(?P<year>\d{{4}}),?\s+(?P<month>{months})(?:\.\s*|\s+)"
        rf"(?P<day>\d{{1,2}}){ordinal}(?![\w:])"
    )


def _marked(marks: tuple[str, ...]) -> re.Pattern[str]:
    """A date written with a mark after each number ("2023年11月8日", "2023 年 11 月 8 日")."""
    year, month, day = (re.escape(mark) for mark in marks)
    return re.compile(
        rf"(?<!\d)(?P<year>\d{{4}})\s*{year}\s*(?P<month>\d{{1,2}})\s*{month}"
        rf"\s*(?P<day>\d{{1,2}})\s*{day}"
    )


def _one_amount(units: dict[str, int], numbers: dict[str, int]) -> re.Pattern[str]:
    return re.compile(rf"{_amount_number(_alt(numbers))}(?P<unit>{_alt(units) or '(?!)'})(?!\w)")


def _amount_number(numbers: str) -> str:
    """Digits, or a number word followed by a space ("an hour": the "an" of "and" is none)."""
    if not numbers:
        return r"(?P<n>\d{1,3})\s?"
    return rf"(?:(?P<n>\d{{1,3}})\s?|(?P<word>{numbers})\s+)"


def _amount_pattern(words: Sequence[DateWords], units: str, numbers: str) -> str:
    """An amount of time, maybe in several parts ("3 heures", "1 hour, 52 minutes",
    "2 hrs 16 mins", "2 heures et 20 minutes"): group "amounts"."""
    n = rf"(?:\d{{1,3}}\s?|(?:{numbers})\s+)" if numbers else r"\d{1,3}\s?"
    one = rf"{n}(?:{units})(?!\w)\.?"
    ands = _alt(a for w in words for a in w.and_words)
    join = rf"(?:,\s*|\s+)(?:(?:{ands})\s+)?" if ands else r"(?:,\s*|\s+)"
    return rf"(?P<amounts>{one}(?:{join}{one})*)"


def _wordy_patterns(
    words: Sequence[DateWords],
    units: dict[str, int],
    numbers: dict[str, int],
    days_back: dict[str, int],
) -> Iterator[Pattern]:
    unit_alt, number_alt = _alt(units), _alt(numbers)
    if unit_alt:
        amounts = _amount_pattern(words, unit_alt, number_alt)
        before = [b for w in words for b in w.ago_before]
        if before:
            yield Pattern(
                "ago", re.compile(rf"(?<!\w)(?:{_alt(before)})\s+{amounts}"), _gate(before)
            )
        after = [a for w in words for a in w.ago_after]
        if after:
            yield Pattern(
                "ago",
                re.compile(rf"(?<![\w.,]){amounts}\s+(?:{_alt(after)})(?!\w)"),
                _gate(after),
            )
    for w in words:
        for pattern in w.relative:
            yield Pattern("ago", pattern)
    now = [n for w in words for n in w.now]
    if now:
        yield Pattern("now", re.compile(rf"(?<![\w\-])(?:{_alt(now)})(?![\w\-])"), _gate(now))
    day_alt = _alt(days_back)
    if day_alt:
        yield Pattern(
            "day_word",
            re.compile(rf"(?<![\w\-])(?P<word>{day_alt})(?![\w\-]|['’]\w)"),
            _gate(days_back),
        )


def _gate(phrases: Iterable[str]) -> tuple[str, ...]:
    """Literal pieces one of which a text must hold for one of the phrases to be in it: the
    longest word of each ("à l'instant" -> "instant", not the "a" every line holds)."""
    longest = {max(re.split(r"[\s'’]+", key(p)), key=len) for p in phrases}
    return tuple(sorted(longest)) if all(longest) else ()
