import httpx
import pytest

from quotidien.errors import InputError
from quotidien.ingest.fetch import fetch
from quotidien.settings import Settings


def _client(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler, follow_redirects=True)


def test_fetch_records_final_url_time_and_charset() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/new"})
        return httpx.Response(
            200,
            content="<p>Élysée</p>".encode("cp1252"),
            headers={"content-type": "text/html; charset=windows-1252"},
        )

    page = fetch("https://news.example/old", client=_client(httpx.MockTransport(handler)))
    assert page.source.url == "https://news.example/new"
    assert page.source.retrieved is not None
    assert page.source.retrieved.tzinfo is not None
    assert page.source.encoding == "windows-1252"


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (httpx.Response(404), "HTTP 404"),
        (
            httpx.Response(200, content=b"%PDF", headers={"content-type": "application/pdf"}),
            "content type application/pdf",
        ),
        (
            httpx.Response(200, content=b"x" * 2000, headers={"content-type": "text/html"}),
            "larger than 1000 bytes",
        ),
    ],
)
def test_fetch_failures_name_the_url(response: httpx.Response, reason: str) -> None:
    client = _client(httpx.MockTransport(lambda request: response))
    with pytest.raises(InputError, match=reason) as info:
        fetch("https://news.example/a", Settings(fetch_max_bytes=1000), client=client)
    assert info.value.name == "https://news.example/a"


def test_network_errors_become_input_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(InputError, match="could not fetch"):
        fetch("https://down.example/", client=_client(httpx.MockTransport(handler)))
