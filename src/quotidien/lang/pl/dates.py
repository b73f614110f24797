"""pl data: dates ("8 listopada 2023, 15:35", "3 godziny temu", "wczoraj o 18:00")."""

from quotidien.lang.dates import COMMON_ZONES, DateWords

_MONTHS = {
    "stycznia": 1, "styczeń": 1, "styczen": 1, "sty": 1,
    "lutego": 2, "luty": 2, "lut": 2,
    "marca": 3, "marzec": 3, "mar": 3,
    "kwietnia": 4, "kwiecień": 4, "kwiecien": 4, "kwi": 4,
    "maja": 5, "maj": 5,
    "czerwca": 6, "czerwiec": 6, "cze": 6,
    "lipca": 7, "lipiec": 7, "lip": 7,
    "sierpnia": 8, "sierpień": 8, "sierpien": 8, "sie": 8,
    "września": 9, "wrzesnia": 9, "wrzesień": 9, "wrzesien": 9, "wrz": 9,
    "października": 10, "pazdziernika": 10, "październik": 10, "paź": 10, "paz": 10,
    "listopada": 11, "listopad": 11, "lis": 11,
    "grudnia": 12, "grudzień": 12, "grudzien": 12, "gru": 12,
}  # fmt: skip

_WEEKDAYS = {
    "poniedziałek": 0, "poniedzialek": 0, "wtorek": 1, "środa": 2, "sroda": 2, "środę": 2,
    "czwartek": 3, "piątek": 4, "piatek": 4, "sobota": 5, "sobotę": 5, "niedziela": 6,
    "niedzielę": 6,
}  # fmt: skip

_MINUTE, _HOUR, _DAY = 60, 3600, 86400

_UNITS = {
    "sekundę": 1, "sekundy": 1, "sekund": 1, "sek": 1,
    "minutę": _MINUTE, "minuty": _MINUTE, "minut": _MINUTE, "min": _MINUTE,
    "godzinę": _HOUR, "godziny": _HOUR, "godzin": _HOUR, "godz": _HOUR,
    "dzień": _DAY, "dni": _DAY,
    "tydzień": 7 * _DAY, "tygodnie": 7 * _DAY, "tygodni": 7 * _DAY,
    "miesiąc": 30 * _DAY, "miesiące": 30 * _DAY, "miesięcy": 30 * _DAY,
    "rok": 365 * _DAY, "lata": 365 * _DAY, "lat": 365 * _DAY,
}  # fmt: skip

WORDS = DateWords(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    units=_UNITS,
    days_back={"dzisiaj": 0, "dziś": 0, "wczoraj": 1, "przedwczoraj": 2},
    now=("przed chwilą",),
    day_first=True,
    numbers={"jedną": 1, "dwie": 2, "dwa": 2, "trzy": 3, "pięć": 5},
    ago_after=("temu",),
    time_connectors=("o", "godz.", "o godz."),
    zones=dict(COMMON_ZONES),
)
