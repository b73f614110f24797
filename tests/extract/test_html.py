"""HTML page -> Article: body, comments, teasers, captions, provider, times."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import quotidien
from conftest import DATA, EXAMPLES, assert_valid_record
from quotidien.model import Article

RETRIEVED = datetime(2023, 11, 9, 12, 0, tzinfo=UTC)

#: Words of page furniture that must reach no field of any record.
FURNITURE = (
    "Tout accepter",
    "Activer le contraste",
    "Aller au contenu",
    "Partager sur",
    "Signaler le commentaire",
    "Signaler un abus",
    "Répondre",
    "Je m'abonne",
    "Paramétrer les cookies",
    "Skip to main content",
    "Accept all",
    "Share on",
    "Load more",
    "Lire la suite",
    "Voir plus",
)


def read(path: Path, url: str | None = None) -> Article:
    article = quotidien.extract(path.read_bytes(), path=str(path), url=url, retrieved=RETRIEVED)
    assert_valid_record(article)
    return article


@pytest.fixture(scope="module")
def fr() -> Article:
    return read(EXAMPLES / "greve-sncf-fr.html")


@pytest.fixture(scope="module")
def en() -> Article:
    return read(EXAMPLES / "wildfire-evacuations-en.html")


@pytest.fixture(scope="module")
def bare() -> Article:
    return read(DATA / "html" / "fr-headings-only.html")


def all_pages() -> list[Path]:
    return sorted(EXAMPLES.glob("*.html")) + sorted((DATA / "html").glob("*.html"))


# --- the French example -----------------------------------------------------------------


def test_fr_title_lead_and_body_in_order(fr: Article) -> None:
    assert fr.title == (
        "Grève à la SNCF : le trafic fortement perturbé jeudi, la direction appelle au dialogue"
    )
    assert fr.lead is not None
    assert fr.lead.startswith("Sept TGV sur dix circuleront jeudi")
    kinds = [b.kind for b in fr.blocks]
    assert kinds[:3] == ["paragraph", "paragraph", "heading"]
    assert kinds.count("list_item") == 3
    assert kinds.count("blockquote") == 1
    assert fr.blocks[0].text.startswith("La direction de la SNCF a annoncé mercredi")
    assert fr.blocks[-1].text.startswith("Le ministre des Transports")
    assert fr.lead not in fr.body_text()


def test_fr_metadata(fr: Article) -> None:
    assert fr.authors == ["Claire Dubreuil"]
    assert fr.provider == "AFP"
    assert fr.section == "Économie"
    assert {"SNCF", "Grève", "Transports"} <= set(fr.tags)
    assert fr.site_name == "Le Courrier du Centre"
    assert fr.canonical_url
    assert fr.canonical_url.endswith("-2023-11-08")
    assert fr.language == "fr"


def test_fr_times_keep_their_offset(fr: Article) -> None:
    assert fr.published is not None
    assert fr.updated is not None
    assert fr.published.value.isoformat() == "2023-11-08T15:35:00+01:00"
    assert fr.published.zone_assumed is None
    assert fr.updated.value > fr.published.value


def test_one_image_when_the_caption_is_written_twice(fr: Article) -> None:
    # alt text and figcaption say the same: one image, credit apart from the caption
    assert len(fr.images) == 1
    image = fr.images[0]
    assert image.url == "https://www.courrier-centre.fr/images/2023/11/gare-lyon.jpg"
    assert image.caption == "Des voyageurs en gare de Lyon à Paris, le 7 novembre 2023"
    assert image.credit == "AFP / Thomas SAMSON"
    assert "Thomas SAMSON" not in fr.text()


def test_fr_comments(fr: Article) -> None:
    comments = fr.comments
    assert comments.declared_count == 3
    assert [c.author for c in comments.items] == ["Marcel45", "lectrice_du_centre", "J. Morel"]
    first = comments.items[0]
    assert first.text.startswith("Encore une grève juste avant les vacances")
    # "08 novembre 18:25" has no year: the article's year, the site's zone (assumed)
    assert first.posted is not None
    assert first.posted.value.isoformat() == "2023-11-08T18:25:00+01:00"
    assert first.posted.zone_assumed == "Europe/Paris"


def test_fr_teasers_with_provider_time_and_image(fr: Article) -> None:
    by_title = {t.title: t for t in fr.teasers}
    ratp = by_title["La RATP annonce un trafic normal pour jeudi malgré l'appel à la grève"]
    assert ratp.provider == "AFP"
    assert ratp.url == (
        "https://www.courrier-centre.fr/economie/la-ratp-annonce-un-trafic-normal-2023-11-08"
    )
    assert ratp.text == "Les lignes de métro et de RER fonctionneront normalement, assure la régie."
    assert ratp.published is not None
    assert ratp.published.value.hour == 13
    assert ratp.image is not None
    assert ratp.image.caption == "Une rame de métro à Paris"
    assert ratp.image.credit is None  # the teaser's source line is no photo credit
    inflation = next(t for t in fr.teasers if t.title and t.title.startswith("Inflation"))
    assert inflation.provider == "Reuters"


def test_inline_read_also_becomes_a_teaser(fr: Article) -> None:
    titles = [t.title for t in fr.teasers]
    assert "Salaires : les cheminots réclament une hausse de 6 %" in titles
    assert "Lire aussi" not in fr.text()


def test_provider_line_leaves_the_body(fr: Article) -> None:
    assert "information fournie par" not in fr.text()


# --- the English example ----------------------------------------------------------------


def test_en_byline_names_author_and_agency(en: Article) -> None:
    assert en.authors == ["Maria Lopez"]
    assert en.provider == "AP"
    assert en.blocks[0].text.startswith("GRASS VALLEY, Calif. (AP) — Firefighters")
    assert en.lead is not None
    assert en.lead.startswith("Firefighters say cooler weather")


def test_en_lazy_image_and_credit(en: Article) -> None:
    assert len(en.images) == 1
    image = en.images[0]
    assert image.url == "https://www.riversidecourier.com/img/fire-crews.jpg"
    assert image.caption is not None
    assert image.caption.startswith("Firefighters build")
    assert image.credit == "AP Photo/Noah Berger"


def test_en_comments_with_nested_replies(en: Article) -> None:
    assert en.comments.declared_count == 12
    assert [c.author for c in en.comments.items] == ["sierra_local", "Gwen R.", "dhall"]
    for comment in en.comments.items:
        assert "Reply" not in comment.text
        assert "Report" not in comment.text
        assert comment.posted is not None
        assert comment.posted.zone_assumed is None
    assert en.comments.items[1].text == (
        "Same here in Penn Valley. The smoke finally cleared this evening."
    )


def test_en_teasers(en: Article) -> None:
    by_title = {t.title: t for t in en.teasers}
    assert by_title["PG&E cuts power to 20,000 customers as winds pick up"].provider == "Reuters"
    longer = by_title["Why California's fire season keeps getting longer"]
    assert longer.provider == "AP"
    assert longer.image is not None
    assert longer.image.url
    assert longer.image.url.endswith("dry-brush.jpg")
    sponsored = by_title["Doctors stunned by this one simple morning habit"]
    assert sponsored.provider == "HealthDaily"
    assert "Evacuation orders expand as Sierra fire doubles in size" in by_title


# --- markup that names nothing ----------------------------------------------------------


def test_comments_and_teasers_found_by_their_headings(bare: Article) -> None:
    assert bare.comments.declared_count == 2
    assert [c.author for c in bare.comments.items] == ["breizh29", "Yannick"]
    assert bare.comments.items[0].text == (
        "Chez nous à Plougastel, plus de courant depuis 3 heures du matin."
    )
    posted = bare.comments.items[0].posted
    assert posted is not None
    assert posted.value.isoformat() == "2023-11-02T10:15:00+01:00"
    assert [t.title for t in bare.teasers] == [
        "Tempête Ciarán : les images impressionnantes de la nuit en Bretagne",
        "Vigilance rouge : ce qu'il faut savoir avant l'arrivée de la tempête",
    ]


def test_caption_credit_pattern_and_agency_from_meta(bare: Article) -> None:
    assert bare.images[0].credit == "Fred Tanneau/Reuters"
    assert bare.images[0].caption == "Un arbre arraché par le vent à Brest, le 2 novembre 2023"
    assert bare.provider == "AFP"
    assert bare.authors == []  # the agency is the provider, not an author
    assert bare.published is not None
    assert bare.published.zone_assumed == "Europe/Paris"


def test_relative_comment_time_against_retrieval() -> None:
    html = (
        "<html lang='fr'><body><article><h1>Un titre d'article</h1>"
        + "<p>Un paragraphe d'article assez long pour compter comme du texte.</p>" * 3
        + "</article><div class='comments'><div class='comment'><span class='author'>Léa"
        "</span><span class='date'>il y a 3 heures</span><p>Bien vu.</p></div></div>"
        "</body></html>"
    )
    article = quotidien.extract(html, retrieved=RETRIEVED)
    posted = article.comments.items[0].posted
    assert posted is not None
    assert posted.value == RETRIEVED - timedelta(hours=3)
    assert "Bien vu" not in article.text()


# --- every page -------------------------------------------------------------------------


@pytest.mark.parametrize("path", all_pages(), ids=lambda p: p.name)
def test_comments_and_teasers_never_in_the_body(path: Path) -> None:
    article = read(path)
    body = article.text()
    for comment in article.comments.items:
        assert comment.text not in body
    for teaser in article.teasers:
        assert not teaser.title or teaser.title not in body
        assert not teaser.text or teaser.text not in body


@pytest.mark.parametrize("path", all_pages(), ids=lambda p: p.name)
def test_no_furniture_in_any_field(path: Path) -> None:
    record = json.dumps(json.loads(read(path).to_json()), ensure_ascii=False)
    for words in FURNITURE:
        assert words not in record, words


OLD_LAYOUT = """<html lang="en"><head><title>Storm shuts the port - Coast Daily</title></head>
<body><div id="menu"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="story"><h1>Storm shuts the port</h1>
<div class="byline">By Dana Reyes</div>
<div class="text">Harbour officials closed the port on Friday as gusts reached ninety miles an
hour along the coast, stranding a dozen cargo ships at anchor offshore.<br><br>
Crews expect to reopen the main channel on Sunday once divers have checked the moorings and
the pilots have surveyed the approach, the harbour master said in a statement.
<h2>Ferries cancelled</h2>
<ul><li>The morning crossing to the islands was cancelled.</li>
<li>Evening services will run if the wind drops below forty miles an hour.</li></ul>
<blockquote><p>We will not take risks with the crews or the passengers.</p></blockquote>
</div></div></body></html>"""


def test_loose_text_and_line_breaks_make_blocks_in_order() -> None:
    article = quotidien.extract(OLD_LAYOUT.encode())
    kinds = [(b.kind, b.text.split()[0]) for b in article.blocks]
    assert kinds == [
        ("paragraph", "Harbour"),
        ("paragraph", "Crews"),
        ("heading", "Ferries"),
        ("list_item", "The"),
        ("list_item", "Evening"),
        ("blockquote", "We"),
    ]


def test_byline_never_in_the_body() -> None:
    article = quotidien.extract(OLD_LAYOUT.encode())
    assert article.authors == ["Dana Reyes"]
    assert all("Dana Reyes" not in b.text for b in article.blocks)


@pytest.mark.parametrize("depth", [300, 5000])
def test_markup_nested_past_the_parser_limit_keeps_its_text(depth: int) -> None:
    """libxml2 stops at 256 levels; the page is read again without its wrappers
    (issue 22, point 10)."""
    html = (
        "<html><body><article><h1>Titre</h1>" + "<div><span>" * depth
        + "<p>" + "Le texte de l'article, tout au fond de la page. " * 8 + "</p>"
        + "</span></div>" * depth + "</article></body></html>"
    )  # fmt: skip
    article = quotidien.extract(html.encode())
    assert "tout au fond" in article.body_text()
    assert "markup-too-deep" in [w.code for w in article.warnings]


def test_extreme_markup_is_cut_down_before_parsing() -> None:
    """A tag of 100,000 attributes (30 s in libxml2) and a million <br> (12 s, 570 MB) are
    cut down first; their text is kept (issue 22, point 4)."""
    from quotidien.extract.html_tree import MAX_ATTRIBUTES, _tame

    text = "<p>" + "Le texte de l'article, assez long pour être gardé tel quel. " * 8 + "</p>"
    attributes = " ".join(f"data-a{n}='v{n}'" for n in range(100_000))
    page = f"<html><body><article><h1 {attributes}>Titre</h1>{text}" + "<br>" * 1_000_000
    tamed = _tame(page + "</article></body></html>")
    assert len(tamed) < 20_000
    assert tamed.count("data-a") == MAX_ATTRIBUTES
    assert "<br><br>" in tamed
    assert "<br><br><br>" not in tamed
    start = time.monotonic()
    article = quotidien.extract(page.encode())
    assert time.monotonic() - start < 10  # a guard against the quadratic path, not a target
    assert article.title == "Titre"
    assert "assez long pour être gardé" in article.body_text()
    keep = "<p class='a' id=\"b\" data-x=1>ok</p><br/><br>"
    assert _tame(keep) == keep


def test_a_title_never_closed_is_closed_at_the_next_tag() -> None:
    """A <title> never closed holds the rest of the page as its text (HTML reads a title's
    content as text up to its end tag; seen on 2008 news sites, 14–58 kB of title and no
    body): it is closed at the next tag and the page read again, and the record says so."""
    script = "function zoom() { obj.style.fontSize = size + 'pt'; } " * 400
    page = (
        "<html><head><title>Golfer wins seventh title (The Daily Times)"
        f"<script>{script}</script></head><body><article><h1>Golfer wins seventh title</h1>"
        "<p>The golfer won his seventh title on Sunday after a final round of 66, two "
        "strokes ahead of the field, his coach said after the ceremony.</p></article>"
    )
    article = quotidien.extract(page.encode(), kind="html")
    assert article.title == "Golfer wins seventh title"
    assert article.body_text().startswith("The golfer won his seventh title on Sunday")
    assert "title-unclosed" in {w.code for w in article.warnings}
    tidy = page.replace("(The Daily Times)", "(The Daily Times)</title>")
    assert "title-unclosed" not in {w.code for w in quotidien.extract(tidy.encode()).warnings}


RULED_COMMENTS = """<html lang="en"><head><title>Premiers press Ottawa on the economy</title></head>
<body><a name="comments"></a><div id="nav"><a href="/">Home</a></div>
<div id="content"><h1>Premiers press Ottawa on the economy</h1>
<p>The economy dominated a working dinner between the premiers and the prime minister at his
Ottawa residence on Friday night, the third such meeting this year.</p>
<p>The premiers said the meeting offered a good opportunity to raise their concerns, but noted
that the federal aid package announced on Thursday fell short of what they had asked for.</p>
<p>"I hoped we had a strong and willing partner in the federal government," the Ontario premier
said after the meeting, adding that manufacturing towns would be left behind.</p>
<p>The finance minister said the timing of the package would not change before the budget.</p>
<hr><a name="commentSection"></a><b>Comments are now closed for this story</b><br><br>
<b>Stephen B</b><br>Time to cut the fat from government instead of begging for more money.<br>
<br>Stop spending my money!<br><br><hr>
<br><b>Lina</b><br>Industry should not live on taxpayers' money; that is for the private sector.
<br><br><hr>
<br><b>Ralph</b><br>What, the usual second and third helpings at dinner?<br><br><hr>
</div></body></html>"""


def test_a_named_anchor_opens_the_comments_of_an_old_layout() -> None:
    """`<a name="commentSection">` after the article, comments ruled off by `<hr>` in the
    article's own box (seen on a 2008 news site of L3S-GN1); the anchor at the top of the
    page, before the article, opens nothing."""
    article = quotidien.extract(RULED_COMMENTS.encode())
    body = article.body_text()
    assert "finance minister" in body
    assert "Ontario premier" in body
    for commenter_text in ("Stephen B", "cut the fat", "Lina", "Ralph", "helpings", "closed"):
        assert commenter_text not in body
    comments = [(c.author, c.text) for c in article.comments.items]
    assert ("Lina", "Industry should not live on taxpayers' money; that is for the private"
            " sector.") in comments  # fmt: skip
    assert ("Ralph", "What, the usual second and third helpings at dinner?") in comments
    assert any(c.text.endswith("Stop spending my money!") for c in article.comments.items)


def test_a_thousand_comments_in_the_article_box_leave_the_body() -> None:
    """readability takes the box holding the article and 1,000 comments (their text is most
    of the page's): every comment is found in the cut text, however long that is."""
    comments = "".join(
        f'<div class="comments-body"><b>{n}.</b> Reader number {n} thinks the council should'
        f" have listened to the residents of the valley long before the vote.</p>"
        f'<span class="comments-post">Posted by: reader{n}</span></div>'
        for n in range(1000)
    )
    paragraphs = "".join(
        f"<p>The council voted on the bypass plan for the {n}th time on Tuesday evening, and"
        " the residents of the valley came to the town hall to hear it.</p>"
        for n in range(12)
    )
    html = (
        "<html><head><title>Council votes on bypass</title></head><body><div id='main'>"
        f"<h1>Council votes on bypass</h1>{paragraphs}"
        f'<div class="comments-head">Comments</div>{comments}</div></body></html>'
    )
    article = quotidien.extract(html.encode())
    assert "Reader number" not in article.body_text()
    assert article.body_text().count("The council voted") == 12
    assert len(article.comments.items) == 1000


def test_a_hidden_copy_of_the_article_in_the_comments_box_keeps_the_body() -> None:
    """Disqus on blogs puts a hidden copy of the post in the comment section, which is
    cut: its hidden text must not make the article's paragraphs look like cut text."""
    paragraphs = [
        "The pumpkin grew by itself in the front yard this year, from a seed in the compost.",
        "We roasted it in wedges with a little olive oil, salt and pepper for about an hour.",
        "Then we made ravioli with it and served them with broccoli roasted the same way.",
    ]
    post = "".join(f"<p>{p}</p>" for p in paragraphs)
    archive = "".join(
        f"<div class='archive'><a href='/{n}'>Recipe {n}</a> A dinner of the week, cooked with"
        " what the garden gave, photographed before it was eaten.</div>"
        for n in range(12)
    )
    html = (
        "<html><head><title>Pumpkin Ravioli</title></head><body><div class='post'>"
        f"<h1>Pumpkin Ravioli</h1>{post}</div>"
        f"<div class='comments' id='comments'><div style='display:none'>{post}</div>"
        "<div class='comment'><cite>Jo</cite><p>Looks delicious, I will try it this weekend!"
        f"</p></div></div><div class='sidebar'>{archive}</div></body></html>"
    )
    article = quotidien.extract(html.encode())
    assert [b.text for b in article.blocks] == paragraphs
    assert [c.text for c in article.comments.items] == [
        "Looks delicious, I will try it this weekend!"
    ]


def titled(title: str, shown: str) -> str | None:
    body = "<p>" + "The council met on Tuesday and the vote went the residents' way. " * 6 + "</p>"
    html = (
        f"<html><head><title>{title}</title></head><body><div id='logo'><a href='/'>"
        f"<img alt='Valley News' src='/logo.png'></a></div><div class='story'>{shown}"
        f"{body}</div><footer>© The Valley News Company</footer></body></html>"
    )
    return quotidien.extract(html.encode()).title


def test_the_title_part_the_page_shows_is_the_headline() -> None:
    """A <title> holds the headline among the site's, the section's and other names, in
    any order; the page shows the headline (seldom the string of names), so the longest
    run of parts it shows is taken, unless it is the site's name or a longer part is left
    out."""
    headline = "<b>Bypass vote: residents win the day</b>"
    expected = "Bypass vote: residents win the day"
    for title in (
        "Valley News - Local - Bypass vote: residents win the day",
        "Bypass vote: residents win the day: Local: Politics: Valley News",
        "Valley News » Bypass vote: residents win the day",
        "Bypass vote: residents win the day| Local | Valley News",
    ):
        assert titled(title, headline) == expected, title
    # the site's name, shown in its footer and named by its logo, is not the headline
    assert titled("Valley News: About", "<b>About this site</b>") == "Valley News: About"
    # nothing of the title shown: its last short part is dropped as before
    assert titled("Bypass vote: residents win | Valley News", "") == "Bypass vote: residents win"


@pytest.mark.parametrize(
    "byline",
    [
        '<cite class="byline vcard"><span>By </span><span class="fn">GILLIAN MOHNEY</span>'
        "<abbr>March 11, 2015 3:46 PM</abbr></cite>",
        '<div class="FeatureByline"> By <b>Gillian Mohney</b><br>March 25, 2015</div>',
        '<p class="byline">By Gillian Mohney, 25/03/2015 à 15h46</p>',
    ],
)
def test_a_byline_with_its_date_names_its_author(byline: str) -> None:
    """The date beside the name is cut before the byline is read; a camel-cased class
    name ending in "Byline" marks a byline too."""
    html = (
        "<html><head><title>Snow closes the pass</title></head><body><article>"
        f"<h1>Snow closes the pass</h1>{byline}<p>"
        + "The mountain pass was closed on Tuesday after a night of heavy snow. " * 5
        + "</p></article></body></html>"
    )
    authors = quotidien.extract(html.encode()).authors
    assert [a.lower() for a in authors] == ["gillian mohney"]


def test_a_date_label_is_no_author() -> None:
    html = (
        "<html><head><title>Snow closes the pass</title></head><body><article>"
        '<h1>Snow closes the pass</h1><div class="author">Last Updated: January 7, 2025</div>'
        "<p>" + "The mountain pass was closed on Tuesday after a night of heavy snow. " * 5
        + "</p></article></body></html>"
    )  # fmt: skip
    assert quotidien.extract(html.encode()).authors == []


def test_a_comment_section_longer_than_the_article_is_read() -> None:
    """Thirty long comments hold most of the page's text, but not the article's longest
    paragraph: they are a comment section still (seen on a 2008 Guardian blog)."""
    article = "".join(
        f"<p>Free range and organic food cost more, and the column asks who can pay for it,"
        f" point {n}, with figures from the farms of the county and the shops of the town.</p>"
        for n in range(4)
    )
    comments = "".join(
        f'<div class="individualcomment"><p class="dateline">reader{n} January 7 17:00</p>'
        f"<p>{'I buy free range eggs but rarely free range meat, and I could afford it. ' * 4}"
        "</p></div>"
        for n in range(30)
    )
    html = (
        "<html><head><title>Cheap food</title></head><body><div id='main'>"
        f"<div class='story'><h1>Cheap food</h1>{article}</div>"
        f"<div id='comments'>{comments}</div></div></body></html>"
    )
    record = quotidien.extract(html.encode())
    assert record.body_text().count("Free range and organic") == 4
    assert "free range eggs" not in record.body_text()
    assert len(record.comments.items) == 30
