"""Flattened text pages -> article records (extract/text.py, segment.py, text_sections.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

import quotidien
from quotidien.errors import InputError, NoArticleError
from quotidien.model import Article

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
EXAMPLE = SHARED / "examples" / "boursorama-chine-russie.txt"
FIXTURES = ROOT / "data" / "text"
EXAMPLES = ROOT / "examples"
SCHEMA = json.loads((ROOT / "src" / "quotidien" / "schema" / "article.schema.json").read_text())


def extract_text(text: str, retrieved: datetime | None = None) -> Article:
    return quotidien.extract(text, kind="text", retrieved=retrieved)


def extract(path: Path, retrieved: datetime | None = None) -> Article:
    article = extract_text(path.read_text(encoding="utf-8"), retrieved)
    jsonschema.validate(article.model_dump(mode="json"), SCHEMA)
    return article


def iso(stamp: object) -> str:
    assert stamp is not None
    return stamp.value.isoformat()  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------
# The acceptance test: every field of the expected reading of the shared example


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    if not EXAMPLE.exists():
        pytest.skip(f"shared example not found at {EXAMPLE} (it lives in ../shared/)")
    loaded: dict[str, object] = yaml.safe_load(EXAMPLE.with_suffix(".expected.yaml").read_text())
    return loaded


@pytest.fixture(scope="module")
def example(expected: dict[str, object]) -> Article:
    return extract(EXAMPLE)


def test_example_title_published_provider_lead(example: Article, expected: dict) -> None:
    assert example.language == expected["language"]
    assert example.title == expected["title"]
    assert example.published is not None
    assert example.published.value == expected["published"]
    assert example.provider == expected["provider"].split("#")[0].strip()
    assert example.lead == expected["lead"]
    assert "no-date" not in {w.code for w in example.warnings}


def test_example_images_once_with_credit(example: Article, expected: dict) -> None:
    got = [(image.caption, image.credit) for image in example.images]
    assert got == [(image["caption"], image["credit"]) for image in expected["images"]]


def test_example_body(example: Article, expected: dict) -> None:
    body = expected["body"]
    paragraphs = [b.text for b in example.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == body["paragraphs"]
    assert len(example.blocks) == body["paragraphs"]
    assert paragraphs[0].startswith(body["first_paragraph_starts"])
    assert paragraphs[-1].endswith(body["last_paragraph_ends"])


def test_example_furniture_in_no_field(example: Article, expected: dict) -> None:
    texts = [example.title or "", example.lead or "", example.provider or "", *example.authors]
    texts += [b.text for b in example.blocks]
    texts += [c.text for c in example.comments.items]
    texts += [t.text or "" for t in example.teasers] + [t.title or "" for t in example.teasers]
    for banned in expected["body"]["must_not_contain"]:
        in_body = [t for t in texts[:5] + [b.text for b in example.blocks] if banned in t]
        assert not in_body, banned
        if banned != "Gavriil GRIGOROV":  # the credit belongs in images, as it is
            assert not [t for t in texts if banned in t], banned


def test_example_comments(example: Article, expected: dict) -> None:
    want = expected["comments"]
    assert example.comments.declared_count == want["declared_count"]
    assert len(example.comments.items) == len(want["items"])
    for got, item in zip(example.comments.items, want["items"], strict=True):
        assert got.posted is not None
        assert got.posted.value == item["posted"]
        assert got.text.startswith(item["text_starts"])
        assert "Signaler" not in got.text
        assert "Fermer" not in got.text


def test_example_teasers(example: Article, expected: dict) -> None:
    want = expected["related"]
    assert len(example.teasers) == len(want)
    for got, item in zip(example.teasers, want, strict=True):
        assert got.provider == item["provider"]
        assert got.published is not None
        assert got.published.value == item["published"]
        assert got.image is not None
        assert got.image.credit == item["image_credit"]
        if "image_caption" in item:
            assert got.image.caption == item["image_caption"]
        assert got.text is not None
        assert got.text.startswith(item["teaser_starts"])
        assert "Lire la suite" not in got.text


# ---------------------------------------------------------------------------------------
# Own fixtures: varied layouts


def test_lemonde_like_page() -> None:
    article = extract(FIXTURES / "lemonde-like-fr.txt")
    assert article.title == (
        "Réforme des retraites : le gouvernement maintient le cap malgré la mobilisation"
    )
    assert article.lead is not None
    assert article.lead.startswith("Au lendemain d’une journée de grève")
    assert article.authors == ["Camille Rivière", "Antoine Lefort"]
    assert iso(article.published) == "2023-03-08T10:15:00+01:00"
    assert iso(article.updated) == "2023-03-08T18:42:00+01:00"
    assert [(i.caption, i.credit) for i in article.images] == [
        (
            "La première ministre, Élisabeth Borne, à l’Hôtel de Matignon, à Paris, le 7 mars 2023",
            "LUDOVIC MARIN / AFP",
        )
    ]
    body = article.body_text()
    assert body.startswith("La première ministre, Élisabeth Borne, a réaffirmé")
    assert body.endswith("risquerait d’attiser la colère.")
    # Inline "Lire aussi" teasers inside the body are teasers, and the body goes on after them.
    assert "Lire aussi" not in body
    assert "Plusieurs ministres redoutent" in body
    titles = [t.title for t in article.teasers]
    assert "Retraites : ce que contient la réforme, mesure par mesure" in titles
    assert "Ce que change le report de l’âge légal pour les carrières longues" in titles
    assert ("heading", "Un calendrier serré au Sénat") in [(b.kind, b.text) for b in article.blocks]
    for furniture in ("Partager", "Temps de Lecture", "Newsletters", "Contribuer", "Services"):
        assert furniture not in article.text()
        assert all(furniture not in (t.title or "") for t in article.teasers)


def test_reuters_wire_story() -> None:
    article = extract(FIXTURES / "reuters-wire-en.txt")
    assert article.language == "en"
    assert article.title == "U.S. sanctions network supplying drone parts to Russia"
    assert article.provider == "Reuters"
    assert article.authors == ["Jane Doe", "John Smith"]
    assert iso(article.published) == "2023-11-08T15:35:00+01:00"
    assert iso(article.updated) == "2023-11-08T18:10:00+01:00"
    assert article.blocks[0].text.startswith("WASHINGTON, Nov 8 (Reuters) - The United States")
    assert article.blocks[-1].text.startswith("Moscow has denied")
    # The wire trailer is not the article's text.
    for trailer in ("Reporting by", "Editing by", "Our Standards", "Read Next", "Site Index"):
        assert trailer not in article.text()
    assert [t.title for t in article.teasers] == [
        "Ukraine says it downed 18 of 20 Russian drones overnight",
        "EU agrees to start talks on 12th sanctions package",
    ]
    assert all(t.text is None for t in article.teasers)
    assert iso(article.teasers[1].published).startswith("2023-11-07")


def test_bbc_like_page_relative_date_resolved_with_retrieval_time() -> None:
    retrieved = datetime(2024, 1, 9, 12, 0, tzinfo=UTC)
    article = extract(FIXTURES / "bbc-like-en.txt", retrieved=retrieved)
    assert article.title == "Flooding: Hundreds evacuated as river bursts its banks in York"
    assert article.published is not None
    assert article.published.value == datetime(2024, 1, 9, 9, 0, tzinfo=UTC)
    assert article.authors == ["Laura Smith"]
    assert [(i.caption, i.credit) for i in article.images] == [
        ("Residents were taken to safety by boat on Tuesday morning", "Getty Images")
    ]
    assert ("heading", "'The water came up so fast'") in [(b.kind, b.text) for b in article.blocks]
    assert article.blocks[-1].text.startswith("The city council has opened")
    for furniture in ("Image caption", "Related Topics", "Share", "Top Stories", "Weather"):
        assert furniture not in article.text()
    assert [t.title for t in article.teasers] == [
        "River levels to peak on Wednesday, agency warns",
        "York residents count the cost of last winter's floods",
    ]


def test_relative_date_without_retrieval_time_is_a_warning() -> None:
    article = extract(FIXTURES / "bbc-like-en.txt")
    codes = {w.code for w in article.warnings}
    assert article.published is None
    assert {"relative-date-unresolved", "no-date"} <= codes


def test_comments_with_authors() -> None:
    article = extract(FIXTURES / "comments-fr.txt")
    assert article.authors == ["Yann Le Goff"]
    assert iso(article.published) == "2024-03-12T07:45:00+01:00"
    assert len(article.blocks) == 5
    assert "Encore un projet" not in article.body_text()
    assert article.comments.declared_count == 4
    got = [(c.author, iso(c.posted), c.text[:20]) for c in article.comments.items]
    assert got == [
        ("jeanmi29", "2024-03-12T09:12:00+01:00", "Encore un projet qui"),
        ("Brestoise", "2024-03-12T10:40:00+01:00", "Le premier téléphéri"),
    ]
    for comment in article.comments.items:
        assert "Répondre" not in comment.text
        assert "Signaler" not in comment.text


def test_homepage_has_no_article() -> None:
    with pytest.raises(NoArticleError):
        extract(FIXTURES / "homepage-fr.txt")


def test_demo_page_french() -> None:
    article = extract(EXAMPLES / "orages-sud-ouest-fr.txt")
    assert article.provider == "Le Figaro avec AFP"
    assert iso(article.published) == "2024-06-14T11:02:00+02:00"
    assert iso(article.updated) == "2024-06-14T16:47:00+02:00"
    assert len(article.images) == 1  # the caption is shown twice
    assert article.images[0].credit == "Thibaud Moritz / AFP"
    assert article.comments.declared_count == 2
    assert [c.author for c in article.comments.items] == ["Pierrot33", "marie.l"]
    assert "Mérignac le ciel" not in article.body_text()
    assert (article.teasers[0].title or "").startswith("Canicule, orages, grêle")
    assert iso(article.teasers[-1].published) == "2024-06-12T09:05:00+02:00"


def test_demo_page_english() -> None:
    article = extract(EXAMPLES / "wildfire-ap-en.txt")
    assert article.authors == ["Jane Doe"]
    assert article.provider == "Associated Press"
    assert article.images[0].credit == "Noah Berger/Getty Images"
    assert article.images[0].caption == (
        "Firefighters watch flames spread near Paradise, California, on Wednesday"
    )
    assert "contributed to this report" not in article.text()
    assert article.comments.declared_count == 12
    assert [c.author for c in article.comments.items] == ["firewatcher88", "sacramom"]
    assert all("Reply" not in c.text for c in article.comments.items)
    assert [t.provider for t in article.teasers] == ["AP", "AP"]


def test_hard_wrapped_dump_is_unwrapped() -> None:
    first = (
        "The council voted on Tuesday to close the old bridge to cars after engineers found "
        "deep cracks in two of its piers during a routine inspection last month, and said "
        "repairs would take at least a year and cost more than was first planned."
    )
    second = (
        "Buses will be diverted through the town centre while the work goes on, and the "
        "council said it would review the timetable in the spring once traffic counts from "
        "the new route are known to the planners and to the bus operators."
    )
    page = "\n\n".join(
        [
            "Home",
            "Bridge to close to traffic after inspection",
            "March 3, 2024",
            _wrap(first, 72),
            _wrap(second, 72),
        ]
    )
    assert len(page.splitlines()) > 10
    article = extract_text(page)
    assert article.title == "Bridge to close to traffic after inspection"
    assert [b.text for b in article.blocks] == [first, second]


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def test_language_without_data_uses_structure() -> None:
    paragraphs = [
        "Rada miasta zdecydowała we wtorek o zamknięciu starego mostu dla samochodów po "
        "tym, jak inżynierowie znaleźli pęknięcia w jego konstrukcji.",
        "Objazd poprowadzi przez centrum, a kierowcy muszą liczyć się z utrudnieniami "
        "przez co najmniej dwa miesiące, poinformował urząd miasta.",
        "Mieszkańcy okolicznych ulic obawiają się korków i hałasu, ale władze zapewniają, "
        "że remont jest konieczny dla bezpieczeństwa.",
    ]
    page = "\n\n".join(["Strona główna", "Wiadomości", "Most zamknięty dla ruchu", *paragraphs])
    article = extract_text(page)
    assert article.language == "pl"
    assert article.title == "Most zamknięty dla ruchu"
    assert [b.text for b in article.blocks] == paragraphs
    assert "no-language-data" in {w.code for w in article.warnings}


# ---------------------------------------------------------------------------------------
# Bad input


def test_empty_text_is_an_input_error() -> None:
    with pytest.raises(InputError):
        extract_text("")
    with pytest.raises(InputError):
        extract_text(" \n\n \t\n")


def test_only_furniture_is_no_article() -> None:
    with pytest.raises(NoArticleError):
        extract_text("Menu\nRechercher\nSe connecter\nFermer\n")


def test_one_giant_line() -> None:
    sentence = "The committee met again on Thursday and adjourned without a decision. "
    article = extract_text(sentence * 20_000)
    jsonschema.validate(article.model_dump(mode="json"), SCHEMA)
    assert len(article.blocks) == 1
    assert article.blocks[0].text.startswith("The committee met")


def test_binary_junk_decoded_as_text() -> None:
    junk = bytes(range(256)) * 200
    with pytest.raises(NoArticleError, match="no article"):
        extract_text(junk.decode("latin-1"))


PARAGRAPHS = [
    "The regional council approved the new tram line on Monday after two years of public "
    "consultation and a heated debate over its route through the old town.",
    "Work on the eleven-kilometre line is due to start in the autumn and the first trams "
    "should carry passengers in 2027, the council said in a statement.",
    "Shopkeepers on the main street fear months of disruption, and their association has "
    "asked for compensation while the road is closed to traffic.",
]


def test_date_under_the_article() -> None:
    page = "\n\n".join(["Menu", "Council approves new tram line", *PARAGRAPHS])
    article = extract_text(page + "\n\nPublished: 12 March 2024 10:30\n\nShare\n")
    assert iso(article.published).startswith("2024-03-12T10:30")
    assert "no-date" not in {w.code for w in article.warnings}


def test_related_links_box_inside_the_article() -> None:
    box = "Related Stories\n\n  * Tram plan goes to vote\n  * Old town traffic to be cut\n"
    toolbar = "  * Comments (14)\n  * Share\n"
    page = "\n\n".join(
        ["Council approves new tram line", "12 March 2024", toolbar, box, *PARAGRAPHS]
    )
    article = extract_text(page)
    assert article.title == "Council approves new tram line"
    assert [b.text for b in article.blocks] == PARAGRAPHS
    assert "Tram plan goes to vote" not in article.text()


FARMERS = (FIXTURES / "agriculteurs-bretagne-fr.txt").read_text(encoding="utf-8")


def test_a_read_also_box_inside_the_article_does_not_end_it() -> None:
    article = extract_text(FARMERS)
    text = article.text()
    assert "450 tracteurs" in text  # the article after the box
    assert "notre survie" in text
    assert "négociations" not in text  # the box at the end, headlines and summaries, is not
    titles = [t.title for t in article.teasers]
    assert titles[0] == "Prix du lait : les industriels et les éleveurs toujours dans l'impasse"
    assert "Prix du lait" not in text


def test_with_agency_in_a_byline_and_an_update_given_as_a_time_of_day() -> None:
    article = extract_text(FARMERS)
    assert article.authors == ["Claire Moysan"]
    assert article.provider == "AFP"
    assert iso(article.published) == "2026-12-02T18:05:00+01:00"
    assert iso(article.updated) == "2026-12-02T19:30:00+01:00"
    english = extract_text(
        "Flood waters recede in Vermont towns after record rain\n\n"
        "By Jane Miller, with Reuters\n"
        "Published Dec. 2, 2026 at 6:05 p.m. | Updated 7:30 p.m.\n\n"
        "MONTPELIER, Vt. - Flood waters began to recede on Wednesday in central Vermont after "
        "two days of record rain, officials said, as residents returned to their homes.\n\n"
        "The National Weather Service said more rain was expected over the weekend, though in "
        "smaller amounts than earlier in the week, and warned that rivers could rise again.\n"
    )
    assert (english.authors, english.provider) == (["Jane Miller"], "Reuters")
    assert english.published is not None
    assert english.updated is not None
    assert (english.updated.value - english.published.value).seconds == 85 * 60


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 2 décembre 2025 à 8h05, mis à jour le 3 décembre à 19h",
        "Publié le 2 décembre 2025 à 8h05 · Mis à jour il y a 14 heures",
    ],
)
def test_an_update_time_is_not_read_past_a_date_or_from_a_delay(line: str) -> None:
    page = FARMERS.replace("Publié le 02/12/2026 à 18h05 · Mis à jour à 19h30", line)
    article = extract_text(page)
    assert iso(article.published) == "2025-12-02T08:05:00+01:00"
    assert article.updated is None or article.updated.value.day == 3
