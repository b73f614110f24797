import pytest

import quotidien
from quotidien import InputError, NoArticleError


def test_public_surface() -> None:
    assert sorted(quotidien.__all__) == [
        "Article",
        "Corpus",
        "InputError",
        "NoArticleError",
        "Page",
        "QuotidienError",
        "Settings",
        "Source",
        "analyze",
        "extract",
    ]
    for name in quotidien.__all__:
        assert getattr(quotidien, name) is not None


HTML = """<!doctype html><html lang="en"><head><title>Council votes new budget</title></head>
<body><article><h1>Council votes new budget</h1>
<p>The city council approved on Tuesday a budget of 40 million dollars for the coming year,
after a debate that lasted most of the evening and drew a large crowd of residents.</p>
<p>Members of the opposition voted against the plan, saying it cut too deeply into the
money set aside for libraries, parks and the maintenance of public buildings.</p>
</article></body></html>"""


def test_extract_html_from_str_and_bytes_agree() -> None:
    from_str = quotidien.extract(HTML, url="https://example.org/budget")
    from_bytes = quotidien.extract(HTML.encode("utf-8"), url="https://example.org/budget")
    assert from_str.title == from_bytes.title == "Council votes new budget"
    assert from_str.body_text() == from_bytes.body_text()
    assert "40 million dollars" in from_str.body_text()
    assert from_str.source.url == "https://example.org/budget"
    assert from_str.source.kind == "html"
    assert from_str.language == "en"


def test_kind_is_sniffed_for_text() -> None:
    text = (
        "Council votes new budget\n\n"
        "The city council approved on Tuesday a budget of 40 million dollars for the coming "
        "year, after a debate that lasted most of the evening and drew a large crowd.\n\n"
        "Members of the opposition voted against the plan, saying it cut too deeply into the "
        "money set aside for libraries, parks and the maintenance of public buildings.\n"
    )
    article = quotidien.extract(text)
    assert article.source.kind == "text"
    assert "libraries, parks" in article.body_text()


@pytest.mark.parametrize("data", [b"", b"   \n  ", ""])
def test_empty_input_is_an_error_naming_the_input(data: bytes | str) -> None:
    with pytest.raises(InputError, match=r"page\.html: empty input"):
        quotidien.extract(data, path="page.html")


def test_pdf_given_as_html_is_refused() -> None:
    with pytest.raises(InputError, match="looks like a PDF"):
        quotidien.extract(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", path="report.html")


def test_page_without_article_is_an_error() -> None:
    with pytest.raises(NoArticleError):
        quotidien.extract("<html><body><nav><a href='/'>Accueil</a></nav></body></html>")
