from datetime import datetime
from zoneinfo import ZoneInfo

from quotidien import render
from quotidien.model import Article, Block, Comment, Comments, Image, Teaser, Timestamp


def _article() -> Article:
    when = Timestamp(
        value=datetime(2023, 11, 8, 15, 35, tzinfo=ZoneInfo("Europe/Paris")),
        zone_assumed="Europe/Paris",
    )
    return Article(
        title="Titre",
        lead="Le chapeau.",
        provider="AFP",
        published=when,
        blocks=[
            Block(text="Premier paragraphe."),
            Block(kind="heading", text="Intertitre"),
            Block(kind="list_item", text="point"),
        ],
        images=[Image(caption="Une photo", credit="AFP / X")],
        comments=Comments(declared_count=3, items=[Comment(author="Léa", text="Bravo")]),
        teasers=[Teaser(title="Autre histoire", provider="AFP")],
    )


def test_markdown_keeps_structure_and_page_parts_apart() -> None:
    md = render.to_markdown(_article())
    assert md.startswith("# Titre\n")
    assert "provider AFP" in md
    assert "zone assumed: Europe/Paris" in md
    assert "## Intertitre" in md
    assert "- point" in md
    assert "*Image: Une photo (AFP / X)*" in md
    assert md.index("## Comments (3)") > md.index("Premier paragraphe.")
    assert "- Léa: Bravo" in md
    assert "- Autre histoire (AFP)" in md


def test_text_is_title_byline_lead_and_body() -> None:
    text = render.to_text(_article())
    assert text.splitlines()[0] == "Titre"
    assert "Bravo" not in text
    assert "Autre histoire" not in text
