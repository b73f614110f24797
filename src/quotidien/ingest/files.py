"""Local inputs: files, folders, globs and standard input, read as pages.

Readers never raise for one bad input: they yield an `InputError` in its place, so a batch
goes on past it and reports it.
"""

from __future__ import annotations

import glob
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from quotidien.errors import InputError
from quotidien.ingest.inflate import GZIP, inflate
from quotidien.model import Page, PageKind, Source
from quotidien.settings import DEFAULT, Settings

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
STDIN = "-"


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def kind_of(path: Path) -> PageKind | None:
    """html / text from the file name (".html.gz" counts as ".html"), None when unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    return None


def is_page_file(path: Path) -> bool:
    return kind_of(path) is not None


def expand(
    inputs: Sequence[str], wanted: Callable[[Path], bool] = is_page_file
) -> Iterator[str | InputError]:
    """Each input as a file path, URL or "-": folders walked for `wanted` files, globs matched."""
    for item in inputs:
        if item == STDIN or is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and wanted(p))
        elif path.exists():
            yield item
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError(item, "no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield InputError(item, "no such file or directory")


def read_file(
    path: str, stdin: BinaryIO | None = None, limit: int = DEFAULT.max_page_bytes
) -> Page:
    """One local file (or "-") as a page, read (and inflated, for .gz) up to `limit` bytes.
    Raises InputError naming the file."""
    if path == STDIN:
        data, cut = _bounded(stdin or sys.stdin.buffer, limit)
        return Page(data=data, source=Source(path="<stdin>"), truncated=cut)
    try:
        with open(path, "rb") as handle:
            if path.lower().endswith(".gz"):
                data, cut = inflate(iter(lambda: handle.read(1 << 16), b""), GZIP, limit)
            else:
                data, cut = _bounded(handle, limit)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, _reason(exc)) from None
    kind = kind_of(Path(path))
    return Page(data=data, source=Source(path=path, kind=kind or "html"), truncated=cut)


def _bounded(handle: BinaryIO, limit: int) -> tuple[bytes, bool]:
    data = handle.read(limit + 1)
    return data[:limit], len(data) > limit


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def iter_pages(
    inputs: Sequence[str], settings: Settings = DEFAULT, stdin: BinaryIO | None = None
) -> Iterator[Page | InputError]:
    """Pages from files, folders, globs, "-" and URLs, in order; errors in place of bad ones."""
    return read_expanded(expand(inputs), settings, stdin)


def read_expanded(
    items: Iterable[str | InputError], settings: Settings = DEFAULT, stdin: BinaryIO | None = None
) -> Iterator[Page | InputError]:
    """Pages from inputs `expand` already resolved (files, "-", URLs), errors passed through."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if is_url(item):
                from quotidien.ingest.fetch import fetch

                yield fetch(item, settings)
            else:
                yield read_file(item, stdin, settings.max_page_bytes)
        except InputError as exc:
            yield exc


def declared_kind(page: Page) -> PageKind | None:
    """The kind a reader knows for sure (from a file suffix), else None to sniff."""
    if page.source.path and page.source.path != "<stdin>":
        return kind_of(Path(page.source.path.split("#", 1)[0]))
    return None
