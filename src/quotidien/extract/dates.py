"""Where a date is read.

`parse_date` reads one date expression with a little noise around it ("Publié le 08/11/2023
à 15:35", "Updated: Nov. 8, 2023 3:35 p.m. ET", "il y a 3 heures", an ISO-8601 or RFC-2822
value from a meta tag or a feed); `find_date` / `find_dates` find dates inside longer lines
("information fournie par AFP 01.07.2025 06:24") and say where they are.

How: the words of each language are compiled once into a few regular expressions
(`date_grammar.py`); this module reads their matches. A time of day is read after a date
("à 15h35", "at 6:25 pm", "15:35 GMT") or, failing that, just before it ("2:05 PM EST, Wed
November 8, 2023"). The algorithm never asks which language it reads.

Zones: a zone or offset written in the text wins and `zone_assumed` stays None; otherwise
the local time is placed in the `zone` the caller assumes (DST-correct, via zoneinfo) and
`zone_assumed` names it; with neither, UTC is assumed and named.

Dates without a year, relative times and day words need `reference` (the retrieval time);
without it they are not dates. A naive `reference` is taken as UTC. A date without a year
takes the latest year that does not put it after the reference (dates on a page are in the
past), and that matches its weekday when one is written ("mercredi 8 novembre" -> 2023). A
day word without a time ("hier") is a date only in a short text ("Publié hier"), not in
prose ("It was announced today that…").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_tz
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from quotidien.extract.date_grammar import Grammar, Pattern, grammar_for, key
from quotidien.lang import Language
from quotidien.model import Timestamp

#: Years outside this range are not dates of news pages (a "1845" is a count, not a year).
MIN_YEAR, MAX_YEAR = 1990, 2100

#: A date without a year is read only this near the reference (further with a weekday).
_YEARLESS_REACH = timedelta(days=366)
#: A date on a page is not after the time the page was retrieved; this much slack covers
#: clocks and zones ahead of the reference.
_FUTURE_SLACK = timedelta(days=1)
#: How many years back a weekday may lead ("mercredi 8 novembre" -> the latest year where
#: 8 November is a Wednesday: at most 11 years back, mostly 5 or 6).
_WEEKDAY_YEARS = 11

#: A day word without a time ("hier", "today") is a date only with at most this many other
#: words around it ("Publié hier", "Jean D. · à l'instant"); with more, it is prose.
_BARE_DAY_WORDS = 4

#: How far before a date a weekday may stand ("mercredi, " is 10 characters).
_WEEKDAY_REACH = 14

#: How far before a date a time may stand ("2:05 PM EST, Wed " is 15 characters).
_TIME_BEFORE_REACH = 40

#: Characters a date with a month name may not follow ("1.8 novembre", "123 novembre").
#: Checked in `_word_start_ok`, not by a lookbehind: a pattern that starts with the month
#: or the day itself is scanned for twice as fast.
_NOT_BEFORE_DATE = frozenset("0123456789_.:/-")

_DIGIT = re.compile(r"\d")
#: What `email.utils` may read: RFC 2822/850 and ctime dates, never an "11 Jan 12 3:47 PM"
#: it would read as 03:47.
_RFC_LIKE = re.compile(
    r"(?:[a-z]{3,9},?\s+)?(?:\d{1,2}[\s\-][a-z]{3}|[a-z]{3}\s+\d{1,2})[\s\-]"
    r"(?:\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}:\d{2}(?::\d{2})?\s+\d{4})"
    r"(?:\s*(?:[+\-]\d{4}|(?!am\b|pm\b)[a-z]{1,5}))?(?:\s+\d{4})?",
    re.I,
)
_SHORT_YEAR = re.compile(r",?\s+(?P<year>\d{2})(?=,?\s+\d{1,2}:\d{2})")
_LATE_YEAR = re.compile(r"\s+(?P<year>\d{4})(?![\d:.,]\d)(?!\w)")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s?(?P<sign>[+\-−])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.I)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: `text[start:end]` is the date as written."""

    timestamp: Timestamp
    start: int
    end: int


#: What is left around a name once the date beside it is cut out ("Jane Doe, 08/11/2023").
SEPARATORS = " \t|•·,;:-–—/()"


def without_dates(text: str, found: list[DateMatch]) -> str:
    """`text` with the dates `found` in it cut out, its whitespace collapsed."""
    for match in sorted(found, key=lambda m: m.start, reverse=True):
        text = text[: match.start] + " " + text[match.end :]
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Public API


def parse_date(
    text: str,
    *,
    language: Language | None = None,
    reference: datetime | None = None,
    zone: str | None = None,
    day_first: bool | None = None,
) -> Timestamp | None:
    """One date expression, possibly with a little noise around it.

    Tries the date forms of `find_date`, then RFC-2822 and ISO-8601 as the standard
    libraries read them. None when the text holds no date.

    `language`: whose words to read (None: every language quotidien has). `reference`: the
    retrieval time, for relative dates and dates without a year. `zone`: IANA zone assumed
    for local times (see `zones.assumed_zone`). `day_first`: how to read 08/11/2023 when
    the site's country says (see `zones.day_first`); None lets the language decide.
    """
    found = find_date(text, language=language, reference=reference, zone=zone, day_first=day_first)
    if found is not None:
        return found.timestamp
    return _standard(text, zone)


def find_date(
    text: str,
    *,
    language: Language | None = None,
    reference: datetime | None = None,
    zone: str | None = None,
    day_first: bool | None = None,
) -> DateMatch | None:
    """The first date inside a longer line, or None."""
    for found in _find(text, language, reference, zone, day_first):
        return found
    return None


def find_dates(
    text: str,
    *,
    language: Language | None = None,
    reference: datetime | None = None,
    zone: str | None = None,
    day_first: bool | None = None,
) -> list[DateMatch]:
    """Every date inside `text`, in order, without overlaps."""
    return list(_find(text, language, reference, zone, day_first))


# ---------------------------------------------------------------------------------------
# Reading


@dataclass
class _Reading:
    """A date found in the text, before its zone and year are settled."""

    start: int
    end: int
    day: date | None = None  # year may be a placeholder when `yearless`
    yearless: bool = False
    #: The weekday the page wrote beside a date without a year (0 Monday … 6 Sunday).
    weekday: int | None = None
    clock: time | None = None
    stated: tzinfo | None = None
    #: An exact instant (an amount of time ago), already aware.
    moment: datetime | None = None
    #: Read from a day word ("hier", "today", "à l'instant"): prose unless the text is short
    #: or a time follows.
    day_word: bool = False


@dataclass(frozen=True)
class _Context:
    #: The text as given; patterns run on `_lower(text)`, which has the same offsets.
    text: str
    low: str
    grammar: Grammar
    reference: datetime | None
    zone_name: str
    local: tzinfo
    zone_given: bool
    #: day_first values to try for numeric dates, in order.
    orders: tuple[bool, ...]


def _find(
    text: str,
    language: Language | None,
    reference: datetime | None,
    zone: str | None,
    day_first: bool | None,
) -> Iterator[DateMatch]:
    if not text:
        return
    grammar = grammar_for(language)
    low = _lower(text)
    patterns = _patterns_to_run(grammar, text, low)
    if not patterns:
        return  # most lines of a page: no digit, no relative phrase
    zone_name, local = _local_zone(zone)
    if reference is not None and reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    orders = grammar.orders if day_first is None else (day_first, not day_first)
    ctx = _Context(text, low, grammar, reference, zone_name, local, zone_name == zone, orders)
    readings = _readings(ctx, patterns)
    previous_end = 0
    for reading in readings:
        if reading.clock is None and reading.moment is None:
            _time_before(text, reading, previous_end, ctx)
        previous_end = reading.end
        if reading.day_word and reading.clock is None and not _bare_day_word_ok(text, reading):
            continue
        stamp = _timestamp(text, reading, ctx)
        if stamp is not None:
            yield DateMatch(stamp, reading.start, reading.end)


def _bare_day_word_ok(text: str, reading: _Reading) -> bool:
    """Whether a day word without a time is a date: in a short text ("Publié hier") and not
    a capitalised name ("Midulster Today", "FEMAIL TODAY"); "It was announced today that…"
    is prose."""
    outside = len(text[: reading.start].split()) + len(text[reading.end :].split())
    if outside > _BARE_DAY_WORDS:
        return False
    return reading.start == 0 or not text[reading.start].isupper()


def _lower(text: str) -> str:
    """`text` in lower case, letter for letter: the date patterns are matched against it
    (case-sensitive matching of lower-case words is ten times faster than re.IGNORECASE)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few letters grow when lowered ("İ" -> "i̇"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _patterns_to_run(grammar: Grammar, text: str, low: str) -> list[Pattern]:
    """The patterns worth running on `text`: those needing a digit only when it has one,
    those with a gate only when it holds one of their words."""
    candidates = grammar.numeric + grammar.wordy if _DIGIT.search(text) else grammar.wordy
    return [p for p in candidates if not p.gate or any(word in low for word in p.gate)]


def _readings(ctx: _Context, patterns: list[Pattern]) -> list[_Reading]:
    """Every valid reading, sorted, overlaps dropped (earliest, then longest, wins)."""
    text, low = ctx.text, ctx.low
    found: list[_Reading] = []
    for kind, regex, _gate in patterns:
        for m in regex.finditer(low):
            reading = _READERS[kind](m, ctx)
            if reading is not None:
                if reading.clock is None and reading.moment is None:
                    _time_after(text, reading, ctx)
                found.append(reading)
    found.sort(key=lambda r: (r.start, -r.end))
    kept: list[_Reading] = []
    for reading in found:
        if not kept or reading.start >= kept[-1].end:
            kept.append(reading)
    return kept


def _read_iso(m: re.Match[str], ctx: _Context) -> _Reading | None:
    day = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    if day is None:
        return None
    reading = _Reading(m.start(), m.end(), day)
    if m["hour"] is not None:
        reading.clock = time(int(m["hour"]), int(m["minute"]), int(m["second"] or 0))
        if m["zone"]:
            reading.stated = _offset(m["zone"])
    return reading


def _read_marked(m: re.Match[str], ctx: _Context) -> _Reading | None:
    day = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return None if day is None else _Reading(m.start(), m.end(), day)


def _read_numeric(m: re.Match[str], ctx: _Context) -> _Reading | None:
    year_text = m["year"]
    if len(year_text) == 2 and m["sep"] == "-":
        return None  # "10-12-14" is a score or a code far more often than a date
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    a, b = int(m["a"]), int(m["b"])
    # Dotted dates (01.07.2025) are day-first wherever they are written.
    orders = (True, False) if m["sep"] == "." else ctx.orders
    for day_first in orders:
        day, month = (a, b) if day_first else (b, a)
        found = _valid_date(year, month, day)
        if found is not None:
            return _Reading(m.start(), m.end(), found)
    return None


def _read_words(m: re.Match[str], ctx: _Context) -> _Reading | None:
    word = key(m["month"])
    month = ctx.grammar.months.get(word)
    written = ctx.text[m.start("month") : m.end("month")]
    if month is None or (word in ctx.grammar.capital_months and written[0].islower()):
        return None
    start, weekday = _with_weekday(m.start(), ctx)
    if not _word_start_ok(ctx.text, start):
        return None
    if m["year"] is None:
        # Placeholder leap year so that 29 February passes; the reference settles it.
        day = _valid_date(2000, month, int(m["day"]))
        if day is None:
            return None
        return _Reading(start, m.end(), day, yearless=True, weekday=weekday)
    day = _valid_date(int(m["year"]), month, int(m["day"]))
    return None if day is None else _Reading(start, m.end(), day)


def _with_weekday(start: int, ctx: _Context) -> tuple[int, int | None]:
    """Where the date starts, and which weekday, when a weekday stands just before it."""
    pattern = ctx.grammar.weekday_before
    if pattern is None or start == 0:
        return start, None
    m = pattern.search(ctx.low, max(0, start - _WEEKDAY_REACH), start)
    if m is None:
        return start, None
    return m.start(), ctx.grammar.weekdays.get(key(m["weekday"]))


def _word_start_ok(text: str, start: int) -> bool:
    """A date with a month name starts a word, or follows a lower-case letter while it starts
    with a capital: "KarimjeeJanuary 17" is text flattened without a space, "remar 8" is
    nothing, nor is "123 novembre"."""
    if start == 0:
        return True
    before = text[start - 1]
    if before in _NOT_BEFORE_DATE:
        return False
    if not before.isalpha():
        return True
    return before.islower() and text[start].isupper()


def _read_ago(m: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.reference is None:
        return None
    groups = m.groupdict()
    if groups.get("amounts") is not None:
        found = ctx.grammar.amount.finditer(groups["amounts"])
        parts = [(p["n"] or p.groupdict().get("word") or "", p["unit"]) for p in found]
    else:  # a language's own pattern, with one "n" and one "unit"
        parts = [(groups.get("n") or "", groups.get("unit") or "")]
    seconds = 0
    for n_text, unit in parts:
        n = int(n_text) if n_text.isdigit() else ctx.grammar.numbers.get(key(n_text))
        per = ctx.grammar.units.get(key(unit))
        if n is None or per is None:
            return None
        seconds += n * per
    try:
        moment = ctx.reference - timedelta(seconds=seconds)
    except OverflowError:
        return None
    return _Reading(m.start(), m.end(), moment=moment)


def _read_now(m: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.reference is None:
        return None
    return _Reading(m.start(), m.end(), moment=ctx.reference, day_word=True)


def _read_day_word(m: re.Match[str], ctx: _Context) -> _Reading | None:
    back = ctx.grammar.days_back.get(key(m["word"]))
    if ctx.reference is None or back is None:
        return None
    today = ctx.reference.astimezone(ctx.local).date()
    return _Reading(m.start(), m.end(), today - timedelta(days=back), day_word=True)


_READERS = {
    "iso": _read_iso,
    "numeric": _read_numeric,
    "marked": _read_marked,
    "day_month": _read_words,
    "month_day": _read_words,
    "year_month_day": _read_words,
    "ago": _read_ago,
    "day_word": _read_day_word,
    "now": _read_now,
}


def _time_after(text: str, reading: _Reading, ctx: _Context) -> None:
    if reading.yearless:
        _short_year(text, reading, ctx)
    m = ctx.grammar.time_after.match(text, reading.end)
    if m is not None and _set_time(m, reading, ctx):
        reading.end = m.end()
        if reading.yearless and reading.day is not None:
            _year_after_time(text, reading)


def _short_year(text: str, reading: _Reading, ctx: _Context) -> None:
    """The two-digit year of "11 Jan 12 3:47 PM", read only when a time follows it ("8
    novembre 12 personnes" has no year)."""
    m = _SHORT_YEAR.match(text, reading.end)
    if m is None or reading.day is None or not ctx.grammar.time_after.match(text, m.end()):
        return
    day = _valid_date(2000 + int(m["year"]), reading.day.month, reading.day.day)
    if day is not None:
        reading.day, reading.yearless, reading.end = day, False, m.end()


def _year_after_time(text: str, reading: _Reading) -> None:
    """The year of "Tue Jan 17 17:51:37 SAST 2012" (the C library's date format)."""
    m = _LATE_YEAR.match(text, reading.end)
    if m is None or reading.day is None:
        return
    day = _valid_date(int(m["year"]), reading.day.month, reading.day.day)
    if day is not None:
        reading.day, reading.yearless, reading.end = day, False, m.end()


def _time_before(text: str, reading: _Reading, floor: int, ctx: _Context) -> None:
    begin = max(floor, reading.start - _TIME_BEFORE_REACH)
    m = ctx.grammar.time_before.search(text, begin, reading.start)
    if m is not None and _set_time(m, reading, ctx):
        reading.start = m.start()


def _set_time(m: re.Match[str], reading: _Reading, ctx: _Context) -> bool:
    """Put the time of match `m` on `reading`; False when it is no valid time."""
    clock = _clock(m, ctx.grammar)
    if clock is None:
        return False
    stated = None
    if m["zone"]:
        stated = _zone_of(m["zone"], ctx.grammar)
        if stated is None:
            return False
    reading.clock = clock
    reading.stated = stated
    return True


def _clock(m: re.Match[str], grammar: Grammar) -> time | None:
    """The time of day of a match of the time pattern (am/pm read), None if invalid."""
    hour = int(m["hour"])
    ampm = m.groupdict().get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if key(ampm) in grammar.pm else 0)
    return time(hour, int(m["minute"] or 0), int(m["second"] or 0))


def time_at(text: str, position: int, language: Language | None = None) -> tuple[time, str] | None:
    """A time of day alone starting at `position` ("à 19h30", "at 7:30 p.m."), with the
    text it was read from; the zone, if written, is not read."""
    m = grammar_for(language).time_after.match(text, position)
    clock = None if m is None else _clock(m, grammar_for(language))
    return None if m is None or clock is None else (clock, m.group().strip())


def _timestamp(text: str, reading: _Reading, ctx: _Context) -> Timestamp | None:
    raw = text[reading.start : reading.end]
    if reading.moment is not None:
        # An exact instant: shown in the assumed zone when the caller named one.
        moment = reading.moment.astimezone(ctx.local) if ctx.zone_given else reading.moment
        return _stamp(moment, None, raw)
    if reading.day is None:
        return None
    clock = reading.clock or time(0, 0)
    tz = reading.stated or ctx.local
    assumed = None if reading.stated is not None else ctx.zone_name
    if not reading.yearless:
        return _stamp(datetime.combine(reading.day, clock, tzinfo=tz), assumed, raw)
    value = _year_for(reading.day, clock, tz, ctx.reference, reading.weekday)
    return None if value is None else _stamp(value, assumed, raw)


def _stamp(value: datetime, assumed: str | None, raw: str) -> Timestamp | None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return Timestamp(value=value, zone_assumed=assumed, raw=raw.strip())


def _year_for(
    day: date, clock: time, tz: tzinfo, reference: datetime | None, weekday: int | None
) -> datetime | None:
    """The date, in the latest year that does not put it after `reference` (dates on a page
    are in the past: 28 December read on 3 January is last year's) and, when the page named
    the weekday, that falls on it."""
    if reference is None:
        return None
    latest = reference + _FUTURE_SLACK
    if weekday is not None:
        for year in range(reference.year + 1, reference.year - _WEEKDAY_YEARS - 1, -1):
            found = _valid_date(year, day.month, day.day)
            if found is not None and found.weekday() == weekday:
                value = datetime.combine(found, clock, tzinfo=tz)
                if value <= latest:
                    return value
    for year in (reference.year + 1, reference.year, reference.year - 1):
        found = _valid_date(year, day.month, day.day)
        if found is not None:
            value = datetime.combine(found, clock, tzinfo=tz)
            if value <= latest:
                return value if reference - value <= _YEARLESS_REACH else None
    return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Zones


@cache
def _zoneinfo(name: str) -> tzinfo | None:
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local_zone(zone: str | None) -> tuple[str, tzinfo]:
    """The zone to assume and its tzinfo; UTC when none is given or the name is unknown."""
    if zone:
        found = _zoneinfo(zone)
        if found is not None:
            return zone, found
    return "UTC", UTC


def _offset(text: str) -> tzinfo | None:
    """A fixed offset written "+02:00", "+0200", "-05", "UTC+2", "GMT-4", or "Z"."""
    if text.strip().upper() == "Z":
        return UTC
    m = _OFFSET.fullmatch(text.strip())
    if m is None:
        return None
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    if m["sign"] != "+":
        delta = -delta
    return UTC if not delta else timezone(delta)


def _zone_of(text: str, grammar: Grammar) -> tzinfo | None:
    """The tzinfo of a zone written after a time: a name of the language data, or an offset."""
    name = text.strip().strip("()")
    value = grammar.zones.get(name) or grammar.zones.get(key(name))
    if value is None:
        return _offset(name)
    return _offset(value) if value[0] in "+-" else _zoneinfo(value)


# ---------------------------------------------------------------------------------------
# Standard formats, for parse_date only


def _standard(text: str, zone: str | None) -> Timestamp | None:
    """RFC-2822 ("Wed, 08 Nov 2023 15:35:00 +0100") or ISO-8601 as the stdlib reads them."""
    raw = text.strip()
    if not raw or len(raw) > 100:
        return None
    zone_name, local = _local_zone(zone)
    parsed = parsedate_tz(raw) if _RFC_LIKE.fullmatch(raw) else None
    if parsed is not None:
        year, month, day, hour, minute, second = parsed[:6]
        offset = parsed[9]
        try:
            value = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
        if offset is None:
            return _stamp(value.replace(tzinfo=local), zone_name, raw)
        return _stamp(value.replace(tzinfo=timezone(timedelta(seconds=offset))), None, raw)
    if not raw[:1].isdigit() or "w" in raw.lower():
        return None  # not ISO-8601, or an ISO week ("2023-W45"), which is no day
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if value.tzinfo is None:
        return _stamp(value.replace(tzinfo=local), zone_name, raw)
    return _stamp(value, None, raw)
