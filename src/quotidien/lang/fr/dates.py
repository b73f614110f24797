"""fr data: dates ("mercredi 8 novembre 2023 à 15h35", "il y a 3 heures", "hier à 18h")."""

from quotidien.lang.dates import COMMON_ZONES, DateWords

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3, "mar": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip

_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
}  # fmt: skip

_MINUTE, _HOUR, _DAY = 60, 3600, 86400

_UNITS = {
    "seconde": 1, "secondes": 1, "sec": 1, "s": 1,
    "minute": _MINUTE, "minutes": _MINUTE, "min": _MINUTE, "mn": _MINUTE,
    "heure": _HOUR, "heures": _HOUR, "h": _HOUR,
    "jour": _DAY, "jours": _DAY, "j": _DAY,
    "semaine": 7 * _DAY, "semaines": 7 * _DAY, "sem": 7 * _DAY,
    "mois": 30 * _DAY,
    "an": 365 * _DAY, "ans": 365 * _DAY, "année": 365 * _DAY, "années": 365 * _DAY,
}  # fmt: skip

_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
}  # fmt: skip

_ZONES = {
    **COMMON_ZONES,
    "TU": "UTC",  # temps universel
    "HEC": "+01:00",  # heure d'Europe centrale
    "HAEC": "+02:00",  # heure avancée d'Europe centrale
    "HNE": "America/Toronto",  # heure normale de l'Est (Québec)
    "HAE": "America/Toronto",  # heure avancée de l'Est
    "heure de Paris": "Europe/Paris",
    "heure de Montréal": "America/Toronto",
    "heure de Bruxelles": "Europe/Brussels",
    "heure de Genève": "Europe/Zurich",
}

WORDS = DateWords(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    units=_UNITS,
    days_back={"aujourd'hui": 0, "hier": 1, "avant-hier": 2},
    now=("à l'instant", "a l'instant"),
    day_first=True,
    month_day=False,
    ordinals=("er", "ère"),
    numbers=_NUMBERS,
    and_words=("et",),
    ago_before=("il y a",),
    time_connectors=("à", "a", "vers"),
    date_connectors=("le",),
    hour_marks=("h",),
    zones=_ZONES,
)
