"""Which time zone to assume for a local time a page writes without one.

The site's country decides (its top-level domain: a .fr site writes Paris time), else the
language's `default_zone`, else UTC. Countries spanning several zones get the zone where
most of their press is (Toronto for .ca, Sydney for .au, Moscow for .ru).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from quotidien.lang import Language

#: Country-code top-level domain -> IANA zone of the country's main newsrooms.
COUNTRY_ZONES: dict[str, str] = {
    # Europe
    "fr": "Europe/Paris", "be": "Europe/Brussels", "ch": "Europe/Zurich",
    "lu": "Europe/Luxembourg", "mc": "Europe/Monaco", "uk": "Europe/London",
    "ie": "Europe/Dublin", "de": "Europe/Berlin", "at": "Europe/Vienna",
    "nl": "Europe/Amsterdam", "es": "Europe/Madrid", "pt": "Europe/Lisbon",
    "it": "Europe/Rome", "gr": "Europe/Athens", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "dk": "Europe/Copenhagen",
    "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki",
    "ee": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius",
    "ua": "Europe/Kyiv", "by": "Europe/Minsk", "ru": "Europe/Moscow",
    "tr": "Europe/Istanbul", "rs": "Europe/Belgrade", "hr": "Europe/Zagreb",
    "si": "Europe/Ljubljana", "is": "Atlantic/Reykjavik", "mt": "Europe/Malta",
    "cy": "Asia/Nicosia",
    # Americas
    "ca": "America/Toronto", "us": "America/New_York", "mx": "America/Mexico_City",
    "br": "America/Sao_Paulo", "ar": "America/Argentina/Buenos_Aires",
    "cl": "America/Santiago", "co": "America/Bogota", "pe": "America/Lima",
    "ve": "America/Caracas", "ht": "America/Port-au-Prince",
    # Africa and the Middle East
    "ma": "Africa/Casablanca", "dz": "Africa/Algiers", "tn": "Africa/Tunis",
    "sn": "Africa/Dakar", "ci": "Africa/Abidjan", "cm": "Africa/Douala",
    "cd": "Africa/Kinshasa", "ml": "Africa/Bamako", "bf": "Africa/Ouagadougou",
    "mg": "Indian/Antananarivo", "re": "Indian/Reunion", "mu": "Indian/Mauritius",
    "eg": "Africa/Cairo", "ng": "Africa/Lagos", "ke": "Africa/Nairobi",
    "za": "Africa/Johannesburg", "gh": "Africa/Accra",
    "il": "Asia/Jerusalem", "lb": "Asia/Beirut", "ae": "Asia/Dubai",
    "sa": "Asia/Riyadh", "qa": "Asia/Qatar", "ir": "Asia/Tehran",
    # Asia and Oceania
    "in": "Asia/Kolkata", "pk": "Asia/Karachi", "bd": "Asia/Dhaka",
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei",
    "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "sg": "Asia/Singapore",
    "my": "Asia/Kuala_Lumpur", "ph": "Asia/Manila", "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh", "id": "Asia/Jakarta",
    "au": "Australia/Sydney", "nz": "Pacific/Auckland",
    "nc": "Pacific/Noumea", "pf": "Pacific/Tahiti",
}  # fmt: skip

#: The zone assumed when neither the domain nor the language tells.
_DEFAULT = "UTC"


def _tld(url: str) -> str | None:
    """The last label of the host name of `url` ("www.bbc.co.uk" -> "uk"), or None."""
    text = url.strip()
    if not text:
        return None
    if "//" not in text:
        text = "//" + text  # a bare host name ("lemonde.fr/...")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    label = host.rstrip(".").rsplit(".", 1)[-1]
    return None if label.isdigit() else label  # an IP address has no country


def assumed_zone(url: str | None, language: Language | None) -> str:
    """IANA zone to assume for local times on a page: from the site's country-code TLD,
    else the language's `default_zone`, else "UTC"."""
    tld = _tld(url) if url else None
    if tld and tld in COUNTRY_ZONES:
        return COUNTRY_ZONES[tld]
    if language is not None and language.default_zone:
        return language.default_zone
    return _DEFAULT


#: Countries whose numeric dates put the month first (11/08/2023 is 8 November).
MONTH_FIRST_COUNTRIES = frozenset({"us", "ph", "fm", "mh", "pw"})


def day_first(url: str | None) -> bool | None:
    """How the site's country writes numeric dates: True for 08/11/2023 = 8 November,
    False for month first (.us), None when the domain names no country (.com, .org):
    then the language's `DateWords.day_first` decides."""
    tld = _tld(url) if url else None
    if not tld or tld not in COUNTRY_ZONES:
        return None
    return tld not in MONTH_FIRST_COUNTRIES
