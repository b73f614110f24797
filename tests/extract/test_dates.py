"""Reading dates: every form, zones stated and assumed, DST, year-less and relative dates."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta
from datetime import time as datetime_time

import pytest

from quotidien.extract.dates import DateMatch, find_date, find_dates, parse_date, time_at
from quotidien.lang import Language, get
from quotidien.lang.dates import DateWords

FR = get("fr")
EN = get("en")
PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"
# Retrieval time of the pages below: 8 November 2023, 18:00 UTC.
REFERENCE = datetime(2023, 11, 8, 18, 0, tzinfo=UTC)


def iso(text: str, *, language: Language | None = None, zone: str | None = None) -> str | None:
    found = parse_date(text, language=language, reference=REFERENCE, zone=zone)
    return None if found is None else found.value.isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Publié le 08/11/2023 à 15:35", "2023-11-08T15:35:00+01:00"),
        ("08/11/2023 15h35", "2023-11-08T15:35:00+01:00"),
        ("08/11/2023 15 h 35", "2023-11-08T15:35:00+01:00"),
        ("8 novembre 2023", "2023-11-08T00:00:00+01:00"),
        ("mercredi 8 novembre 2023 à 15h35", "2023-11-08T15:35:00+01:00"),
        ("Mercredi 8 Novembre 2023, 15:35", "2023-11-08T15:35:00+01:00"),
        ("MERCREDI 8 NOVEMBRE 2023", "2023-11-08T00:00:00+01:00"),
        ("le 1er juillet 2025", "2025-07-01T00:00:00+02:00"),
        ("information fournie par AFP 01.07.2025 06:24", "2025-07-01T06:24:00+02:00"),
        ("8 nov. 2023", "2023-11-08T00:00:00+01:00"),
        ("8 févr. 2024 à 9h", "2024-02-08T09:00:00+01:00"),
        ("15 aout 2023", "2023-08-15T00:00:00+02:00"),
        (
            "Publié le 08/11/2023 à 15:35 Mis à jour le 08/11/2023 à 17:02",
            "2023-11-08T15:35:00+01:00",
        ),
        ("Mis à jour le 08/11/2023 à 17:02", "2023-11-08T17:02:00+01:00"),
        ("08/11/2023 a 15:35", "2023-11-08T15:35:00+01:00"),
        ("08-11-2023 - 15:35", "2023-11-08T15:35:00+01:00"),
        ("08/11/23 à 15:35", "2023-11-08T15:35:00+01:00"),
        ("8 novembre 2023 à 15h35 (heure de Paris)", "2023-11-08T15:35:00+01:00"),
        ("Publié à 15h35 le 8 novembre 2023", "2023-11-08T15:35:00+01:00"),
    ],
)
def test_french_forms(text: str, expected: str) -> None:
    assert iso(text, language=FR, zone=PARIS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated: Nov. 8, 2023 3:35 p.m. ET", "2023-11-08T15:35:00-05:00"),
        ("November 8, 2023", "2023-11-08T00:00:00+00:00"),
        ("8 November 2023 15:35 GMT", "2023-11-08T15:35:00+00:00"),
        ("Wednesday 8 November 2023", "2023-11-08T00:00:00+00:00"),
        ("Wednesday, November 8th, 2023", "2023-11-08T00:00:00+00:00"),
        ("11/08/2023", "2023-11-08T00:00:00+00:00"),
        ("13/08/2023", "2023-08-13T00:00:00+00:00"),  # no 13th month: day first after all
        ("Updated 2:05 PM EST, Wed November 8, 2023", "2023-11-08T14:05:00-05:00"),
        ("Published 12:30 a.m. ET on Nov 8, 2023", "2023-11-08T00:30:00-05:00"),
        ("Nov 8, 2023 12:00 pm PT", "2023-11-08T12:00:00-08:00"),
        ("Posted Wed 8 Nov 2023 09.05", "2023-11-08T09:05:00+00:00"),
        ("Tuesday 13 December 2011 16.03 GMT", "2011-12-13T16:03:00+00:00"),
        ("Mariya KarimjeeJanuary 17, 2012 11:18", "2012-01-17T11:18:00+00:00"),
        ("PTI | 03:01 PM,Jan 12,2012", "2012-01-12T15:01:00+00:00"),
        ("Wednesday January 11,2012", "2012-01-11T00:00:00+00:00"),
        ("Tue Jan 17 17:51:37 SAST 2012", "2012-01-17T17:51:37+02:00"),
        ("Submitted by Anna on 2012, January 17 - 12:54", "2012-01-17T12:54:00+00:00"),
        ("Last updated at 1:24 AM on 17th January 2012", "2012-01-17T01:24:00+00:00"),
        ("Online Edition | Wednesday, 18 January 2012 | 01:58:01", "2012-01-18T01:58:01+00:00"),
        ("01/17/2012, 7:29 a.m.", "2012-01-17T07:29:00+00:00"),
        ("11.01.12, 10:03pm", "2012-01-11T22:03:00+00:00"),  # dotted: day first anywhere
        ("July 4, 2023 10:00 a.m. EDT", "2023-07-04T10:00:00-04:00"),
        ("Nov. 8, 2023 3:35 p.m (ET)", "2023-11-08T15:35:00-05:00"),
        ("Nov. 8, 2023, 3:35 PM (EST)", "2023-11-08T15:35:00-05:00"),
        ("8 November 2023 15:35 BST", "2023-11-08T15:35:00+01:00"),
        ("November 8, 2023 at 3:35 pm UTC+5:30", "2023-11-08T15:35:00+05:30"),
    ],
)
def test_english_forms(text: str, expected: str) -> None:
    assert iso(text, language=EN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-08T15:35:00+01:00", "2023-11-08T15:35:00+01:00"),
        ("2023-11-08T15:35:00.123Z", "2023-11-08T15:35:00+00:00"),
        ("2023-11-08T15:35:00+0100", "2023-11-08T15:35:00+01:00"),
        ("2023-11-08T15:35", "2023-11-08T15:35:00+01:00"),
        ("2023-11-08", "2023-11-08T00:00:00+01:00"),
        ("2023-11-08 15:35:00", "2023-11-08T15:35:00+01:00"),
        ("Wed, 08 Nov 2023 15:35:00 +0100", "2023-11-08T15:35:00+01:00"),
        ("Wed, 08 Nov 2023 14:35:00 GMT", "2023-11-08T14:35:00+00:00"),
        ("Mon, 08 May 2023 15:35:00 -0400", "2023-05-08T15:35:00-04:00"),
        ("2023-11-08T15:35:00 +01:00", "2023-11-08T15:35:00+01:00"),
        ("2023-11-08T15:35:00.000000-05:00", "2023-11-08T15:35:00-05:00"),
        ("2023-11-08T153500Z", "2023-11-08T15:35:00+00:00"),
        ("2023/11/08 15:35", "2023-11-08T15:35:00+01:00"),
        ("Wednesday, 08-Nov-23 15:35:00 GMT", "2023-11-08T15:35:00+00:00"),
    ],
)
@pytest.mark.parametrize("language", [None, FR, EN])
def test_machine_forms(text: str, expected: str, language: Language | None) -> None:
    assert iso(text, language=language, zone=PARIS) == expected


def test_month_first_only_in_english() -> None:
    assert iso("11/08/2023", language=FR) == "2023-08-11T00:00:00+00:00"
    assert iso("11/08/2023", language=EN) == "2023-11-08T00:00:00+00:00"


def test_without_language_every_language_is_tried() -> None:
    assert iso("8 novembre 2023 à 15h35", zone=PARIS) == "2023-11-08T15:35:00+01:00"
    assert iso("Nov. 8, 2023 3:35 p.m. ET") == "2023-11-08T15:35:00-05:00"
    assert iso("il y a 2 heures") == "2023-11-08T16:00:00+00:00"
    assert iso("2 hours ago") == "2023-11-08T16:00:00+00:00"


# --- zones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/11/2023 à 15:35", "2023-11-08T15:35:00+01:00"),  # winter time
        ("01.07.2025 06:24", "2025-07-01T06:24:00+02:00"),  # summer time
        ("26/03/2023 à 01:30", "2023-03-26T01:30:00+01:00"),  # just before the change
        ("26/03/2023 à 03:30", "2023-03-26T03:30:00+02:00"),  # just after
        ("29/10/2023 à 04:00", "2023-10-29T04:00:00+01:00"),
    ],
)
def test_assumed_zone_follows_daylight_saving(text: str, expected: str) -> None:
    found = parse_date(text, language=FR, zone=PARIS)
    assert found is not None
    assert found.value.isoformat() == expected
    assert found.zone_assumed == PARIS


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("8 November 2023 15:35 GMT", timedelta(0)),
        ("8 November 2023 15:35 UTC", timedelta(0)),
        ("Nov. 8, 2023 3:35 p.m. ET", timedelta(hours=-5)),
        ("July 4, 2023 3:35 p.m. ET", timedelta(hours=-4)),  # ET is New York, DST included
        ("Nov. 8, 2023 3:35 p.m. EST", timedelta(hours=-5)),
        ("8 November 2023 15:35 CET", timedelta(hours=1)),
        ("8 July 2023 15:35 CEST", timedelta(hours=2)),
        ("8 November 2023 15:35 +02:00", timedelta(hours=2)),
        ("8 November 2023 15:35 GMT+3", timedelta(hours=3)),
        ("8 November 2023 15:35 IST", timedelta(hours=5, minutes=30)),
    ],
)
def test_stated_zone_wins_over_assumed_zone(text: str, offset: timedelta) -> None:
    found = parse_date(text, language=EN, zone=PARIS)
    assert found is not None
    assert found.value.utcoffset() == offset
    assert found.zone_assumed is None


def test_french_zone_names() -> None:
    found = parse_date("8 novembre 2023 à 15h35 HNE", language=FR, zone=PARIS)
    assert found is not None
    assert found.value.isoformat() == "2023-11-08T15:35:00-05:00"
    assert found.zone_assumed is None


def test_et_in_french_is_a_word_not_a_zone() -> None:
    found = find_date("le 8 novembre 2023 à 15h35 et le 9", language=FR, zone=PARIS)
    assert found is not None
    assert found.timestamp.zone_assumed == PARIS
    assert found.timestamp.raw == "8 novembre 2023 à 15h35"


def test_no_zone_anywhere_means_utc_assumed() -> None:
    found = parse_date("08/11/2023 à 15:35", language=FR)
    assert found is not None
    assert found.value.isoformat() == "2023-11-08T15:35:00+00:00"
    assert found.zone_assumed == "UTC"


def test_unknown_zone_name_falls_back_to_utc() -> None:
    found = parse_date("08/11/2023 à 15:35", language=FR, zone="Mars/Olympus_Mons")
    assert found is not None
    assert found.zone_assumed == "UTC"


def test_value_is_always_aware() -> None:
    for text in ("8 novembre 2023", "2023-11-08T15:35", "hier", "il y a 3 heures"):
        found = parse_date(text, reference=REFERENCE)
        assert found is not None
        assert found.value.utcoffset() is not None


# --- without a year ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("08 novembre 18:25", REFERENCE, "2023-11-08T18:25:00+01:00"),
        ("28 décembre", datetime(2024, 1, 3, tzinfo=UTC), "2023-12-28T00:00:00+01:00"),
        ("3 janvier à 10h", datetime(2023, 12, 30, tzinfo=UTC), "2023-01-03T10:00:00+01:00"),
        (
            "31 décembre à 23h30",
            datetime(2023, 12, 31, 20, tzinfo=UTC),
            "2023-12-31T23:30:00+01:00",
        ),
        ("mercredi 8 novembre", datetime(2025, 7, 1, tzinfo=UTC), "2023-11-08T00:00:00+01:00"),
        ("Wed, Nov. 8", datetime(2026, 1, 1, tzinfo=UTC), "2023-11-08T00:00:00+01:00"),
        ("vendredi 8 novembre", datetime(2025, 7, 1, tzinfo=UTC), "2024-11-08T00:00:00+01:00"),
        ("29 février", datetime(2024, 3, 5, tzinfo=UTC), "2024-02-29T00:00:00+01:00"),
        ("Nov 8 at 6:25pm", REFERENCE, "2023-11-08T18:25:00+01:00"),
        ("Dec. 31", datetime(2024, 1, 1, 12, tzinfo=UTC), "2023-12-31T00:00:00+01:00"),
    ],
)
def test_year_from_reference(text: str, reference: datetime, expected: str) -> None:
    found = parse_date(text, reference=reference, zone=PARIS)
    assert found is not None
    assert found.value.isoformat() == expected


def test_no_year_and_no_reference_is_no_date() -> None:
    assert parse_date("08 novembre 18:25", language=FR) is None
    assert parse_date("Nov 8 at 6:25pm", language=EN) is None


def test_29_february_far_from_any_leap_year_is_no_date() -> None:
    reference = datetime(2025, 6, 1, tzinfo=UTC)
    assert parse_date("29 février", language=FR, reference=reference) is None


# --- relative ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("il y a 3 heures", FR, REFERENCE - timedelta(hours=3)),
        ("Il y a 2 jours", FR, REFERENCE - timedelta(days=2)),
        ("il y a une heure", FR, REFERENCE - timedelta(hours=1)),
        ("il y a 5 min", FR, REFERENCE - timedelta(minutes=5)),
        ("il y a 3h", FR, REFERENCE - timedelta(hours=3)),
        ("Publié il y a 2 semaines", FR, REFERENCE - timedelta(weeks=2)),
        ("2 hours ago", EN, REFERENCE - timedelta(hours=2)),
        ("5 min ago", EN, REFERENCE - timedelta(minutes=5)),
        ("5m ago", EN, REFERENCE - timedelta(minutes=5)),
        ("an hour ago", EN, REFERENCE - timedelta(hours=1)),
        ("Updated three days ago", EN, REFERENCE - timedelta(days=3)),
        ("about 1 hour, 52 minutes ago", EN, REFERENCE - timedelta(hours=1, minutes=52)),
        ("- 2 hrs 16 mins ago", EN, REFERENCE - timedelta(hours=2, minutes=16)),
        ("1 hour and 5 minutes ago", EN, REFERENCE - timedelta(hours=1, minutes=5)),
        ("il y a 2 heures et 20 minutes", FR, REFERENCE - timedelta(hours=2, minutes=20)),
        ("il y a 1 j 3 h", FR, REFERENCE - timedelta(days=1, hours=3)),
    ],
)
def test_time_ago(text: str, language: Language, expected: datetime) -> None:
    found = parse_date(text, language=language, reference=REFERENCE, zone=PARIS)
    assert found is not None
    assert found.value == expected
    assert str(found.value.tzinfo) == PARIS  # shown in the zone asked for
    assert found.zone_assumed is None  # an exact instant: nothing was assumed


@pytest.mark.parametrize(
    ("text", "language", "zone", "expected"),
    [
        ("hier à 18h", FR, PARIS, "2023-11-07T18:00:00+01:00"),
        ("aujourd'hui à 10:05", FR, PARIS, "2023-11-08T10:05:00+01:00"),
        ("Aujourd’hui à 10h05", FR, PARIS, "2023-11-08T10:05:00+01:00"),
        ("avant-hier", FR, PARIS, "2023-11-06T00:00:00+01:00"),
        ("yesterday at 6:25 pm", EN, NEW_YORK, "2023-11-07T18:25:00-05:00"),
        ("Today at 9:00 AM", EN, NEW_YORK, "2023-11-08T09:00:00-05:00"),
    ],
)
def test_day_words(text: str, language: Language, zone: str, expected: str) -> None:
    found = parse_date(text, language=language, reference=REFERENCE, zone=zone)
    assert found is not None
    assert found.value.isoformat() == expected
    assert found.zone_assumed == zone


def test_today_is_the_day_in_the_assumed_zone() -> None:
    # 23:30 UTC on 8 November is already 9 November in Paris.
    late = datetime(2023, 11, 8, 23, 30, tzinfo=UTC)
    found = parse_date("aujourd'hui à 00:10", language=FR, reference=late, zone=PARIS)
    assert found is not None
    assert found.value.isoformat() == "2023-11-09T00:10:00+01:00"


def test_naive_reference_is_utc() -> None:
    found = parse_date("il y a 1 heure", language=FR, reference=datetime(2023, 11, 8, 18))
    assert found is not None
    assert found.value == datetime(2023, 11, 8, 17, tzinfo=UTC)


@pytest.mark.parametrize("text", ["il y a 3 heures", "hier à 18h", "2 hours ago", "yesterday"])
def test_relative_without_reference_is_no_date(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


# --- nonsense ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "30 février 2024",
        "2023-02-30",
        "2023-13-01",
        "2023",
        "En 2023, 15 000 personnes",
        "15,35 €",
        "3 commentaires",
        "01 23 45 67 89",
        "06.12.34.56.78",
        "+33 1 23 45 67 89",
        "Version 1.2.3",
        "8 novembre 1845",
        "8 novembre 2345",
        "le 12 mars 1989",
        "Score: 10-12-14",
        "il y a près de deux ans",
        "hello world",
        "2023-W45",
        "2023-11-08T24:00:00Z",
        "",
    ],
)
def test_nonsense_is_no_date(text: str) -> None:
    assert parse_date(text, reference=REFERENCE) is None
    assert find_dates(text, reference=REFERENCE) == []


def test_hour_25_is_not_a_time() -> None:
    found = find_date("08/11/2023 à 25:00", language=FR, zone=PARIS)
    assert found is not None
    assert found.timestamp.raw == "08/11/2023"
    assert found.timestamp.value.hour == 0


def test_thirteen_pm_is_not_a_time() -> None:
    found = find_date("Nov 8, 2023 13:00 pm", language=EN)
    assert found is not None
    assert found.timestamp.raw == "Nov 8, 2023"


# --- offsets in longer text ----------------------------------------------------------


def _at(text: str, found: DateMatch) -> str:
    return text[found.start : found.end]


def test_find_date_offsets() -> None:
    text = "information fournie par AFP 01.07.2025 06:24 "
    found = find_date(text, language=FR, zone=PARIS)
    assert found is not None
    assert _at(text, found) == "01.07.2025 06:24"
    assert found.timestamp.raw == "01.07.2025 06:24"


def test_find_dates_in_order_without_overlap() -> None:
    text = "Publié le 08/11/2023 à 15:35 Mis à jour le 09/11/2023 à 07:02, vu 3 fois"
    found = find_dates(text, language=FR, zone=PARIS)
    assert [_at(text, f) for f in found] == ["08/11/2023 à 15:35", "09/11/2023 à 07:02"]
    assert [f.timestamp.value.isoformat() for f in found] == [
        "2023-11-08T15:35:00+01:00",
        "2023-11-09T07:02:00+01:00",
    ]


def test_time_between_two_dates_goes_to_the_first() -> None:
    text = "08/11/2023 à 15:35 09/11/2023"
    found = find_dates(text, language=FR, zone=PARIS)
    assert [_at(text, f) for f in found] == ["08/11/2023 à 15:35", "09/11/2023"]


def test_time_before_the_date_is_part_of_the_match() -> None:
    text = "CNN — Updated 2:05 PM EST, Wed November 8, 2023"
    found = find_date(text, language=EN)
    assert found is not None
    assert _at(text, found) == "2:05 PM EST, Wed November 8, 2023"


def test_dates_inside_a_caption() -> None:
    text = "Vladimir Poutine, à Novo-Ogaryovo, le 8 novembre 2023 ( POOL / Gavriil GRIGOROV )"
    found = find_dates(text, language=FR, zone=PARIS)
    assert [_at(text, f) for f in found] == ["8 novembre 2023"]


def test_relative_match_offsets() -> None:
    text = "Jean D. - il y a 3 heures - Répondre"
    found = find_date(text, language=FR, reference=REFERENCE)
    assert found is not None
    assert _at(text, found) == "il y a 3 heures"


def test_non_breaking_spaces() -> None:
    text = "Publié le 8\u00a0novembre\u00a02023 à\u00a015h35"
    found = find_date(text, language=FR, zone=PARIS)
    assert found is not None
    assert found.timestamp.value.isoformat() == "2023-11-08T15:35:00+01:00"


def test_parse_date_with_no_date_in_a_long_line() -> None:
    assert parse_date("Lire aussi : la Chine et la Russie renforcent leurs liens") is None


# --- lines as pages write them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Publié le 08 novembre 2023 à 15h35, modifié le 08 novembre 2023 à 17h02",
            ["08 novembre 2023 à 15h35", "08 novembre 2023 à 17h02"],
        ),
        (
            "Publié le mercredi 8 novembre 2023 à 15h35 • Mis à jour le jeudi 9 novembre 2023"
            " à 8h12",
            ["mercredi 8 novembre 2023 à 15h35", "jeudi 9 novembre 2023 à 8h12"],
        ),
        ("Le Monde avec AFP Publié aujourd’hui à 10h05, modifié à 11h30", ["aujourd’hui à 10h05"]),
        ("Lundi 6 novembre 2023, 7h00", ["Lundi 6 novembre 2023, 7h00"]),
        ("Publié le 08/11/2023 à 15h35 | Lecture 3 min.", ["08/11/2023 à 15h35"]),
        ("8 novembre 2023 à 15:35 (mis à jour à 17:02)", ["8 novembre 2023 à 15:35"]),
        ("Du 3 au 5 mars 2024", ["5 mars 2024"]),
        ("Tél. : 01 42 12 34 56 - 12.50 € - 3 commentaires - 2023", []),
        ("Le 8 novembre 2023 12.50 € par mois", ["8 novembre 2023"]),
        ("Mars 2023 : la réforme des retraites", []),
        ("Published 3:35 PM ET Nov. 8, 2023", ["3:35 PM ET Nov. 8, 2023"]),
        ("Mon 6 Nov 2023 12.39 GMT", ["Mon 6 Nov 2023 12.39 GMT"]),
        ("He may 2 times", []),  # a lower-case "may" is not the month in English
        ("Page 2 of 10 - 3/4 cup sugar", []),
        ("Call 555-123-4567 or 1-800-555-0199", []),
        ("In 2019 - 2020 season 12/20 games", []),
        ("10:30 am", []),  # a time alone is no date
        ("It was announced today that the three trusts would merge", []),
        ("The study was published yesterday in Circulation.", []),
        ("Publié hier", ["hier"]),
        ("Jean D. · à l'instant", ["à l'instant"]),
        ("Il vient à l'instant d'annoncer sa démission devant les députés", []),
        ("Nov. 8, 2023 3:35 p.m (ET)", ["Nov. 8, 2023 3:35 p.m (ET)"]),
        ("Today's video", []),
        ("Midulster Today", []),
        ("FEMAIL TODAY", []),
        ("1/10/2012 @ 12:31PM", ["1/10/2012 @ 12:31PM"]),
        ("Mis à jour hier à 18h05 par la rédaction", ["hier à 18h05"]),
        ("Ceny mieszkań zaczynają rosnąć2013-04-08 15:29RPP", ["2013-04-08 15:29"]),
        ("发布者：陈鑫 时间：2012-01-12 17:04:50 来源：解放牛网", ["2012-01-12 17:04:50"]),
        ("Российский баскетболист набрал 11 очков 05.01.12 13:00", ["05.01.12 13:00"]),
    ],
)
def test_page_lines(text: str, expected: list[str]) -> None:
    found = find_dates(text, reference=REFERENCE, zone=PARIS)
    assert [_at(text, f) for f in found] == expected


def test_day_first_override() -> None:
    assert iso("11/08/2023", language=EN) == "2023-11-08T00:00:00+00:00"
    found = parse_date("11/08/2023", language=EN, day_first=True)  # a .co.uk page
    assert found is not None
    assert found.value.isoformat() == "2023-08-11T00:00:00+00:00"


def test_year_less_date_is_never_after_the_reference() -> None:
    # Dates on a page are in the past: "3 mars" read in November is this year's March,
    # though next March is nearer.
    assert iso("Le 3 mars", language=FR, zone=PARIS) == "2023-03-03T00:00:00+01:00"
    assert iso("Le 3 juin", language=FR, zone=PARIS) == "2023-06-03T00:00:00+02:00"
    assert iso("Le 9 novembre", language=FR, zone=PARIS) == "2023-11-09T00:00:00+01:00"  # a day
    assert iso("Le 10 novembre", language=FR, zone=PARIS) == "2022-11-10T00:00:00+01:00"


def test_language_without_date_words_still_reads_numbers() -> None:
    assert FR is not None
    bare = dataclasses.replace(FR, code="xx", dates=DateWords())
    assert iso("08/11/2023 15:35", language=bare) == "2023-11-08T15:35:00+00:00"
    assert iso("2023-11-08", language=bare) == "2023-11-08T00:00:00+00:00"
    assert iso("8 novembre 2023", language=bare) is None
    assert iso("il y a 3 heures", language=bare) is None


def test_offsets_survive_letters_that_grow_when_lowered() -> None:
    text = "İİ İstanbul, 08/11/2023 à 15:35"  # "İ".lower() is two characters
    found = find_date(text, language=FR)
    assert found is not None
    assert _at(text, found) == "08/11/2023 à 15:35"


def test_ctime_dates_need_no_reference() -> None:
    found = parse_date("Wed Dec 14 12:07:17 GMT 2011")
    assert found is not None
    assert found.value.isoformat() == "2011-12-14T12:07:17+00:00"


def test_two_digit_year_after_a_month_name_only_before_a_time() -> None:
    # email.utils alone would read this as 03:47.
    assert iso("11 Jan 12 3:47 PM", language=EN) == "2012-01-11T15:47:00+00:00"
    assert parse_date("le 8 novembre 12 personnes", language=FR) is None


def test_just_now_is_the_reference() -> None:
    found = parse_date("just now", reference=REFERENCE)
    assert found is not None
    assert found.value == REFERENCE
    assert parse_date("just now") is None


def test_a_language_may_add_its_own_relative_patterns() -> None:
    assert FR is not None
    words = dataclasses.replace(
        FR.dates, relative=(re.compile(r"(?P<n>\d+) (?P<unit>heures) plus tôt"),)
    )
    custom = dataclasses.replace(FR, code="xx", dates=words)
    found = parse_date("3 heures plus tôt", language=custom, reference=REFERENCE)
    assert found is not None
    assert found.value == REFERENCE - timedelta(hours=3)


def test_a_time_of_day_alone_right_at_a_position() -> None:
    fr, en = get("fr"), get("en")
    assert time_at("Mis à jour à 19h30", 10, fr) == (datetime_time(19, 30), "à 19h30")
    assert time_at("Updated 7:30 p.m.", 7, en) == (datetime_time(19, 30), "7:30 p.m.")
    assert time_at("Mis à jour il y a 14 heures", 10, fr) is None
    assert time_at("Mis à jour le 3 décembre à 19h", 10, fr) is None


REFERENCE_2023 = datetime(2023, 11, 9, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Опубликовано: 8 ноября 2023 г., 15:35", "ru", "2023-11-08T15:35:00+03:00"),
        ("среда, 8 ноября 2023", "ru", "2023-11-08T00:00:00+03:00"),
        ("3 часа назад", "ru", "2023-11-09T09:00:00+00:00"),
        ("8 Νοεμβρίου 2023, 15:35", "el", "2023-11-08T15:35:00+02:00"),
        ("ΤΕΤΑΡΤΗ 8 ΝΟΕΜΒΡΙΟΥ 2023", "el", "2023-11-08T00:00:00+02:00"),
        ("πριν από 2 ώρες", "el", "2023-11-09T10:00:00+00:00"),
        ("Opublikowano: 8 listopada 2023 o 15:35", "pl", "2023-11-08T15:35:00+01:00"),
        ("3 godziny temu", "pl", "2023-11-09T09:00:00+00:00"),
        ("发布时间：2023年11月8日 15:35", "zh", "2023-11-08T15:35:00+08:00"),
        ("2023 年 1 月 18 日 星期三", "zh", "2023-01-18T00:00:00+08:00"),
    ],
)
def test_dates_of_languages_with_dates_only(text: str, code: str, expected: str) -> None:
    language = get(code)
    assert language is not None
    assert language.quotes.cue_verbs == frozenset()  # dates only, no quotation data
    found = find_date(text, language=language, reference=REFERENCE_2023, zone=language.default_zone)
    assert found is not None, text
    assert found.timestamp.value == datetime.fromisoformat(expected)  # the same instant


def test_marked_dates_are_read_whatever_the_page_language() -> None:
    found = find_date("更新于2023年11月8日", reference=REFERENCE_2023)
    assert found is not None
    assert found.timestamp.value.date().isoformat() == "2023-11-08"
    assert find_date("2023年13月8日", reference=REFERENCE_2023) is None
