"""The type of per-language date knowledge.

Everything a language contributes to reading dates is plain data here: words and short
phrases. `extract/dates.py` turns the words into regular expressions; it never asks which
language it is reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Zone names every language's pages use. Values are IANA zone names, or fixed offsets
#: written "+HH:MM" when the abbreviation names an offset rather than a place.
COMMON_ZONES: dict[str, str] = {
    "UTC": "UTC",
    "GMT": "UTC",
    "CET": "+01:00",
    "CEST": "+02:00",
    "MET": "+01:00",
    "MEST": "+02:00",
}


@dataclass(frozen=True)
class DateWords:
    #: Month names and abbreviations (lower case, without trailing dot) -> month number.
    months: dict[str, int] = field(default_factory=dict)
    #: Whether month names are always written with a capital ("May", never "may"), so a
    #: lower-case "may" is another word.
    capital_months: bool = False
    #: Weekday names and abbreviations (lower case, without trailing dot) -> weekday number,
    #: 0 Monday … 6 Sunday (`date.weekday()`): part of a date, and a clue to its year.
    weekdays: dict[str, int] = field(default_factory=dict)
    #: Extra relative-time patterns, for phrasings `ago_before`/`ago_after` cannot say;
    #: groups "n" (digits or a word of `numbers`) and "unit" (a key of `units`). They are
    #: matched against the lower-cased text.
    relative: tuple[re.Pattern[str], ...] = ()
    #: Unit words -> seconds per unit (a month counts 30 days, a year 365).
    units: dict[str, int] = field(default_factory=dict)
    #: Words for today / yesterday -> days back.
    days_back: dict[str, int] = field(default_factory=dict)
    #: Words for the time of retrieval itself ("à l'instant", "just now").
    now: tuple[str, ...] = ()
    #: Day-first (08/11/2023 is 8 November) or month-first (11/08/2023).
    day_first: bool = True
    #: Whether the language writes "November 8" (month, then day) as well as "8 November".
    month_day: bool = False
    #: Suffixes written after a day number ("1er", "8th"), lower case.
    ordinals: tuple[str, ...] = ()
    #: Number words used in relative phrases ("une heure", "an hour ago") -> value.
    numbers: dict[str, int] = field(default_factory=dict)
    #: Phrases before an amount of time that make it a time in the past ("il y a").
    ago_before: tuple[str, ...] = ()
    #: Words joining the parts of an amount of time ("2 heures et 20 minutes").
    and_words: tuple[str, ...] = ()
    #: Phrases after an amount of time that make it a time in the past ("ago").
    ago_after: tuple[str, ...] = ()
    #: Words between a date and its time ("à", "at"); punctuation is handled by the reader.
    time_connectors: tuple[str, ...] = ()
    #: Words between a time and the date after it ("on": "2:05 PM on Nov 8").
    date_connectors: tuple[str, ...] = ()
    #: Marks between hours and minutes besides ":" ("h" in "15h35"); alone they end an
    #: hour ("18h").
    hour_marks: tuple[str, ...] = ()
    #: Words for before noon / after noon, lower case ("am", "a.m.").
    am: tuple[str, ...] = ()
    pm: tuple[str, ...] = ()
    #: Marks written after the year, the month and the day of a numeric date ("年", "月",
    #: "日" in "2023年11月8日"); empty: none.
    year_month_day_marks: tuple[str, ...] = ()
    #: Zone names written after a time -> IANA zone or "+HH:MM". All-capital names
    #: ("ET", "EST") match only in capitals, so the French "et" is never a zone.
    zones: dict[str, str] = field(default_factory=dict)
