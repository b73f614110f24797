"""The zone assumed for local times: the site's country, else the language, else UTC."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from quotidien.extract.zones import COUNTRY_ZONES, assumed_zone, day_first
from quotidien.lang import Language, get

FR = get("fr")
EN = get("en")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.lemonde.fr/international/article/2023/11/08/x.html", "Europe/Paris"),
        ("https://www.lesoir.be/541234/article", "Europe/Brussels"),
        ("https://www.letemps.ch/monde", "Europe/Zurich"),
        ("https://www.lapresse.ca/actualites/", "America/Toronto"),
        ("https://www.bbc.co.uk/news/world-67345678", "Europe/London"),
        ("https://www.gov.uk/news", "Europe/London"),
        ("https://www.irishtimes.ie/news", "Europe/Dublin"),
        ("https://www.spiegel.de/politik", "Europe/Berlin"),
        ("https://www.thehindu.in/news", "Asia/Kolkata"),
        ("https://www.smh.com.au/world", "Australia/Sydney"),
        ("https://www.nzherald.co.nz/world/", "Pacific/Auckland"),
        ("https://www.kathimerini.gr/", "Europe/Athens"),
        ("https://www.rp.pl/", "Europe/Warsaw"),
        ("https://ria.ru/20231108/x.html", "Europe/Moscow"),
        ("http://www.xinhuanet.cn/", "Asia/Shanghai"),
        ("HTTPS://WWW.LEFIGARO.FR:443/path?q=1#top", "Europe/Paris"),
        ("lemonde.fr/international", "Europe/Paris"),
        ("https://www.lemonde.fr./x", "Europe/Paris"),
    ],
)
def test_country_domain_decides(url: str, expected: str) -> None:
    assert assumed_zone(url, EN) == expected


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("https://www.boursorama.com/actualite/x", FR, "Europe/Paris"),
        ("https://www.nytimes.com/2023/11/08/x.html", EN, "UTC"),
        ("https://www.example.org/x", None, "UTC"),
        (None, FR, "Europe/Paris"),
        (None, EN, "UTC"),
        (None, None, "UTC"),
        ("", FR, "Europe/Paris"),
        ("not a url at all", FR, "Europe/Paris"),
        ("http://192.168.0.1/page", FR, "Europe/Paris"),
        ("http://[::1]:8080/page", None, "UTC"),
        ("http://localhost/page", EN, "UTC"),
        ("http://[broken/page", FR, "Europe/Paris"),
    ],
)
def test_otherwise_language_then_utc(
    url: str | None, language: Language | None, expected: str
) -> None:
    assert assumed_zone(url, language) == expected


def test_every_country_zone_exists() -> None:
    for zone in COUNTRY_ZONES.values():
        ZoneInfo(zone)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.co.uk/news", True),
        ("https://www.lemonde.fr/x", True),
        ("https://www.smh.com.au/x", True),
        ("https://www.loc.us/x", False),
        ("https://www.nytimes.com/x", None),
        ("https://example.org/", None),
        (None, None),
    ],
)
def test_day_first_by_country(url: str | None, expected: bool | None) -> None:
    assert day_first(url) is expected
