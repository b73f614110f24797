"""en data: dates ("Nov. 8, 2023 3:35 p.m. ET", "2 hours ago", "yesterday at 6:25 pm")."""

from quotidien.lang.dates import COMMON_ZONES, DateWords

_MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip

_MINUTE, _HOUR, _DAY = 60, 3600, 86400

_UNITS = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
    "minute": _MINUTE, "minutes": _MINUTE, "min": _MINUTE, "mins": _MINUTE, "m": _MINUTE,
    "hour": _HOUR, "hours": _HOUR, "hr": _HOUR, "hrs": _HOUR, "h": _HOUR,
    "day": _DAY, "days": _DAY, "d": _DAY,
    "week": 7 * _DAY, "weeks": 7 * _DAY, "wk": 7 * _DAY, "wks": 7 * _DAY, "w": 7 * _DAY,
    "month": 30 * _DAY, "months": 30 * _DAY, "mo": 30 * _DAY,
    "year": 365 * _DAY, "years": 365 * _DAY, "yr": 365 * _DAY, "yrs": 365 * _DAY,
}  # fmt: skip

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip

_NEW_YORK = "America/New_York"
_CHICAGO = "America/Chicago"
_DENVER = "America/Denver"
_LOS_ANGELES = "America/Los_Angeles"

_ZONES = {
    **COMMON_ZONES,
    # North American zone names: the place, not the fixed offset, because pages write
    # "EST" all year round.
    "ET": _NEW_YORK, "EST": _NEW_YORK, "EDT": _NEW_YORK,
    "CT": _CHICAGO, "CST": _CHICAGO, "CDT": _CHICAGO,
    "MT": _DENVER, "MST": _DENVER, "MDT": _DENVER,
    "PT": _LOS_ANGELES, "PST": _LOS_ANGELES, "PDT": _LOS_ANGELES,
    "BST": "+01:00",  # British Summer Time
    "IST": "Asia/Kolkata",  # India: far more pages than Irish or Israel time
    "AEST": "+10:00", "AEDT": "+11:00",
    "NZST": "+12:00", "NZDT": "+13:00",
    "SGT": "+08:00", "HKT": "+08:00", "JST": "+09:00", "PKT": "+05:00",
    "SAST": "+02:00", "WAT": "+01:00", "CAT": "+02:00", "EAT": "+03:00",
    "MSK": "Europe/Moscow",
    "Eastern Time": _NEW_YORK,
    "Pacific Time": _LOS_ANGELES,
}  # fmt: skip

WORDS = DateWords(
    months=_MONTHS,
    capital_months=True,
    weekdays=_WEEKDAYS,
    units=_UNITS,
    days_back={"today": 0, "yesterday": 1},
    now=("just now",),
    day_first=False,
    month_day=True,
    ordinals=("st", "nd", "rd", "th"),
    numbers=_NUMBERS,
    and_words=("and",),
    ago_after=("ago",),
    time_connectors=("at",),
    date_connectors=("on",),
    am=("am", "a.m.", "a.m"),
    pm=("pm", "p.m.", "p.m"),
    zones=_ZONES,
)
