"""What `quotidien ingest SOURCE…` reads: every source argument turned into pages.

A source is a page file, a folder (walked for pages, archives and JSON Lines), a glob, "-"
for standard input, a URL, a WARC/WET archive (gzip or not), or a JSON Lines file of pages.
Lists of URLs are fetched only when named as such (`url_lists`, `--urls FILE`): a crawled
text page that happens to hold URLs is a page, never a list of requests to make. Each page
comes with a key naming the input it came from and its content, so an interrupted ingest
can skip what it already did.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from quotidien.errors import InputError
from quotidien.ingest import files
from quotidien.ingest.jsonl import is_jsonl, read_jsonl
from quotidien.ingest.warc import is_archive, read_warc
from quotidien.model import Page, PageKind
from quotidien.settings import DEFAULT, Settings

_Reader = Callable[[BinaryIO], Iterator[Page | InputError]]


@dataclass(frozen=True)
class Input:
    """A page to ingest: its resume key and the kind its reader knows (None: sniff)."""

    key: str
    page: Page
    kind: PageKind | None


def reader_key(error: InputError) -> str:
    """The key of an input that could not be read at all."""
    return f"error|{error.name}|{error.reason}"


def input_key(page: Page) -> str:
    """Where the page came from and a hash of its bytes: the same input gives the same key."""
    data = page.data.encode() if isinstance(page.data, str) else page.data
    where = page.source.path or page.source.url or "<input>"
    return f"{where}|{hashlib.sha1(data).hexdigest()}"


class Sources:
    """The pages of a list of source arguments, read lazily, with progress in bytes."""

    def __init__(
        self, inputs: Sequence[str], settings: Settings = DEFAULT, url_lists: Sequence[str] = ()
    ) -> None:
        self.inputs = list(inputs)
        self.url_lists = list(url_lists)
        self.settings = settings
        self.read = 0  # bytes of local files read so far

    def total(self) -> int | None:
        """Bytes of all local inputs, None when some size cannot be known (URLs, stdin)."""
        total = 0
        for item in expand(self.inputs):
            if isinstance(item, InputError):
                continue
            if item == files.STDIN or files.is_url(item) or self.url_lists:
                return None
            total += Path(item).stat().st_size
        return total

    def __iter__(self) -> Iterator[Input | InputError]:
        for path in self.url_lists:
            try:
                urls = read_url_list(path)
            except OSError as error:
                yield InputError(path, f"cannot read the URL list: {error.strerror or error}")
                continue
            for url in urls:
                if not files.is_url(url):  # never a local path: the list came from elsewhere
                    yield InputError(path, f"{url[:80]!r} is not an http(s) URL")
                    continue
                for page in files.iter_pages([url], self.settings):
                    yield page if isinstance(page, InputError) else _input(page, False)
        for item in expand(self.inputs):
            if isinstance(item, InputError):
                yield item
                continue
            stated = is_archive(item) or is_jsonl(item)  # their readers state each page's kind
            for page in self._pages(item):
                yield page if isinstance(page, InputError) else _input(page, stated)

    def _pages(self, item: str) -> Iterator[Page | InputError]:
        if item == files.STDIN or files.is_url(item):
            yield from files.iter_pages([item], self.settings)
        elif is_archive(item):
            limit = self.settings.max_page_bytes
            yield from self._from_file(item, lambda raw: read_warc(raw, item, limit=limit))
        elif is_jsonl(item):
            yield from self._from_file(item, lambda raw: read_jsonl(_maybe_gunzip(raw, item), item))
        elif item.lower().endswith(".urls"):
            yield InputError(item, "a list of URLs: name it with --urls to fetch them")
        else:
            yield from files.iter_pages([item], self.settings)
            self.read += _size(item)

    def _from_file(self, path: str, reader: _Reader) -> Iterator[Page | InputError]:
        start = self.read
        try:
            with open(path, "rb") as raw:
                for page in reader(raw):
                    self.read = start + raw.tell()
                    yield page
        except (OSError, EOFError) as error:  # unreadable, or a damaged .jsonl.gz
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            yield InputError(path, f"read stopped: {reason}")
        self.read = start + _size(path)


def _input(page: Page, stated: bool) -> Input:
    kind = page.source.kind if stated else files.declared_kind(page)
    return Input(key=input_key(page), page=page, kind=kind)


def _maybe_gunzip(raw: BinaryIO, name: str) -> BinaryIO:
    if name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def expand(inputs: Sequence[str]) -> Iterator[str | InputError]:
    """Source arguments as paths, URLs or "-": folders walked for everything we can read."""
    return files.expand(inputs, _readable)


def _readable(path: Path) -> bool:
    return bool(files.kind_of(path)) or is_archive(path.name) or is_jsonl(path.name)


def is_url_list(path: str) -> bool:
    """A `.urls` file, or a text file whose first lines are all URLs (such a file is read as
    a page unless named as a URL list; the server refuses it as an upload)."""
    if path.lower().endswith(".urls"):
        return True
    if files.kind_of(Path(path)) != "text" or path.lower().endswith(".gz"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    lines = [line.strip() for line in head.splitlines()[:-1] or head.splitlines()]
    lines = [line for line in lines if line and not line.startswith(b"#")]
    return bool(lines) and all(
        line.startswith((b"http://", b"https://")) and b" " not in line for line in lines
    )


def read_url_list(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [
            line.strip() for line in handle if line.strip() and not line.strip().startswith("#")
        ]
