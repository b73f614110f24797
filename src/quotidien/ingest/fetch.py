"""Fetching a page over HTTP(S), with a timeout, a size cap, and only from public hosts.

A URL whose host is (or resolves to) a loopback, private, link-local, multicast or other
non-public address is refused, and so is a redirect to one, unless the settings allow it
(`--allow-private`): a URL taken from a crawl must not reach the machine's own services or
a cloud's metadata endpoint.
"""

from __future__ import annotations

import ipaddress
import socket
from datetime import UTC, datetime
from urllib.parse import urlsplit

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
        follow_redirects=True,
        timeout=settings.fetch_timeout,
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [lambda request: check_host(str(request.url), settings)]},
    )
    try:
        check_host(url, settings)
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


def check_host(url: str, settings: Settings = DEFAULT) -> None:
    """Raise InputError(url) when its host is not a public address (unless allowed)."""
    if settings.fetch_private:
        return
    try:
        host = urlsplit(url).hostname
    except ValueError:
        raise InputError(url, "not a URL") from None
    if not host:
        raise InputError(url, "not a URL with a host")
    for address in _addresses(host):
        if not address.is_global or address.is_multicast:
            raise InputError(
                url,
                f"refused: {host} is a private or local address ({address}); "
                "--allow-private fetches it",
            )


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []  # not resolvable: the request itself will fail and say so
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
