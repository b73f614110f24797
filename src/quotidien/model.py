"""The record types that flow through quotidien.

One record type flows through everything: readers produce `Page`s, extractors turn a page
into an `Article`, the nlp stage fills `entities` and `quotes`, stores keep articles.

The JSON Schema of `Article` is committed as `schema/article.schema.json` (regenerate with
`python -m quotidien.model > src/quotidien/schema/article.schema.json`); tests validate every
record they produce against it.

Offsets: every `Span` indexes into `Article.text()`, the title, lead and body blocks joined
by blank lines (see `Article.text` for the exact rule), so a page can highlight a quote or a
mention without knowing how it was found.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1

BlockKind = Literal["paragraph", "heading", "list_item", "blockquote"]
PageKind = Literal["html", "text"]
EntityKind = Literal["person", "organisation", "place", "other"]
QuoteKind = Literal["direct", "indirect", "mixed"]

#: Separator between the parts of `Article.text()`.
PART_SEPARATOR = "\n\n"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Source(_Record):
    """Where a page came from."""

    path: str | None = Field(None, description="Local path, or WARC path with #record offset.")
    url: str | None = Field(None, description="URL the page was retrieved from, when known.")
    retrieved: datetime | None = Field(None, description="Retrieval time, time-zone aware.")
    kind: PageKind = Field("html", description="How the page arrived: HTML or flattened text.")
    encoding: str | None = Field(None, description="Character encoding the bytes were read with.")

    def name(self) -> str:
        """A short human name for error messages and progress."""
        return self.url or self.path or "<input>"


class Page(_Record):
    """A raw page as a reader delivers it, before extraction."""

    data: bytes | str
    source: Source = Field(default_factory=Source)
    #: The reader stopped at the page size limit (`Settings.max_page_bytes`): more followed.
    truncated: bool = False


class Timestamp(_Record):
    """A point in time read from a page.

    `value` is always time-zone aware. When the page gave a local time without a zone,
    `zone_assumed` names the zone that was assumed (e.g. "Europe/Paris"); it is None when
    the page stated the zone or offset itself.
    """

    value: datetime
    zone_assumed: str | None = None
    raw: str | None = Field(None, description="The text the time was read from.")

    @field_validator("value")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("Timestamp.value must be time-zone aware")
        return value


class Block(_Record):
    """One unit of the article body, in reading order."""

    kind: BlockKind = "paragraph"
    text: str


class Image(_Record):
    url: str | None = None
    caption: str | None = None
    credit: str | None = None


class Comment(_Record):
    """A reader comment shown on the page (never part of the article)."""

    author: str | None = None
    posted: Timestamp | None = None
    text: str


class Comments(_Record):
    declared_count: int | None = Field(
        None, description='Count the page states ("3 commentaires").'
    )
    items: list[Comment] = Field(default_factory=list, description="Comments shown on the page.")


class Teaser(_Record):
    """A related-story teaser ("A lire aussi", "Read more"): another story, not this one."""

    title: str | None = None
    text: str | None = None
    url: str | None = None
    provider: str | None = None
    published: Timestamp | None = None
    image: Image | None = None


class Span(_Record):
    """A stretch of `Article.text()`: `text == article.text()[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    kind: Literal["name", "surname", "title", "role", "pronoun", "other"] = "name"


class Entity(_Record):
    id: str = Field(description='Stable within the record: "e1", "e2"...')
    kind: EntityKind
    name: str = Field(description="Canonical name: the fullest proper name among the mentions.")
    role: str | None = Field(None, description='Role phrase, e.g. "ministre russe de la Défense".')
    mentions: list[Mention] = Field(default_factory=list)


class Quote(_Record):
    kind: QuoteKind
    content: Span
    cue: Span | None = None
    speaker: Span | None = Field(None, description="The mention of the speaker in the text.")
    speaker_entity: str | None = Field(
        None, description="Id of the entity the speaker resolves to."
    )
    speaker_name: str | None = Field(None, description="Canonical name of the speaker entity.")


class RecordWarning(_Record):
    code: str = Field(description='Machine-readable, e.g. "no-date", "charset-guessed".')
    message: str


class Article(_Record):
    """The structured record of one news page."""

    schema_version: int = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    language: str | None = Field(None, description="ISO 639-1 code.")
    title: str | None = None
    lead: str | None = None
    blocks: list[Block] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    provider: str | None = Field(None, description='Agency or provider: "AFP", "Reuters".')
    published: Timestamp | None = None
    updated: Timestamp | None = None
    images: list[Image] = Field(default_factory=list)
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    canonical_url: str | None = None
    site_name: str | None = None
    comments: Comments = Field(default_factory=Comments)
    teasers: list[Teaser] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    warnings: list[RecordWarning] = Field(default_factory=list)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(RecordWarning(code=code, message=message))

    def parts(self) -> list[tuple[str, int | None, str]]:
        """The text parts in order: ("title", None, …), ("lead", None, …), ("block", i, …)."""
        out: list[tuple[str, int | None, str]] = []
        if self.title:
            out.append(("title", None, self.title))
        if self.lead:
            out.append(("lead", None, self.lead))
        out.extend(("block", i, block.text) for i, block in enumerate(self.blocks))
        return out

    def text(self) -> str:
        """Title, lead and body blocks joined by blank lines: what spans index into."""
        return PART_SEPARATOR.join(part for _, _, part in self.parts())

    def body_text(self) -> str:
        """The body blocks only, one per line."""
        return "\n".join(block.text for block in self.blocks)

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent, exclude_none=False)


def article_json_schema() -> dict[str, object]:
    return Article.model_json_schema()


if __name__ == "__main__":
    print(json.dumps(article_json_schema(), indent=2, ensure_ascii=False))
