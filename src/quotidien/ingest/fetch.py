"""Fetching a page over HTTP(S), with a timeout and a size cap."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from quotidien.errors import InputError
from quotidien.model import Page, Source
from quotidien.settings import DEFAULT, Settings

_ACCEPTED = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
USER_AGENT = "quotidien/0.1 (+https://pypi.org/project/quotidien/)"


def fetch(url: str, settings: Settings = DEFAULT, client: httpx.Client | None = None) -> Page:
    """GET `url`; the page's bytes with its source (final URL, retrieval time, charset)."""
    own = client is None
    client = client or httpx.Client(
        follow_redirects=True, timeout=settings.fetch_timeout, headers={"User-Agent": USER_AGENT}
    )
    try:
        return _get(client, url, settings)
    except httpx.HTTPError as exc:
        raise InputError(url, f"could not fetch: {exc}") from None
    finally:
        if own:
            client.close()


def _get(client: httpx.Client, url: str, settings: Settings) -> Page:
    with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise InputError(url, f"HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in _ACCEPTED:
            raise InputError(url, f"not a web page: content type {content_type}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > settings.fetch_max_bytes:
                raise InputError(url, f"larger than {settings.fetch_max_bytes} bytes")
            chunks.append(chunk)
        source = Source(
            url=str(response.url),
            retrieved=datetime.now(UTC),
            kind="text" if content_type == "text/plain" else "html",
            encoding=response.charset_encoding,
        )
    return Page(data=b"".join(chunks), source=source)
