"""Records rendered for reading: Markdown and plain text."""

from __future__ import annotations

from quotidien.model import Article, Block, Timestamp

_MD_PREFIX = {"paragraph": "", "heading": "## ", "list_item": "- ", "blockquote": "> "}


def _when(ts: Timestamp | None) -> str | None:
    if ts is None:
        return None
    note = f" (zone assumed: {ts.zone_assumed})" if ts.zone_assumed else ""
    return ts.value.isoformat() + note


def byline(article: Article) -> str:
    """One line: published, updated, authors, provider, site."""
    bits = []
    if published := _when(article.published):
        bits.append(f"published {published}")
    if updated := _when(article.updated):
        bits.append(f"updated {updated}")
    if article.authors:
        bits.append("by " + ", ".join(article.authors))
    if article.provider:
        bits.append(f"provider {article.provider}")
    if article.site_name:
        bits.append(article.site_name)
    return " · ".join(bits)


def _block_md(block: Block) -> str:
    return _MD_PREFIX[block.kind] + block.text


def to_markdown(article: Article) -> str:
    out = [f"# {article.title or '(no title)'}", ""]
    if line := byline(article):
        out += [f"*{line}*", ""]
    out.append(f"Source: {article.source.name()}")
    out.append("")
    if article.lead:
        out += [f"**{article.lead}**", ""]
    for image in article.images:
        credit = f" ({image.credit})" if image.credit else ""
        out += [f"*Image: {image.caption or image.url or ''}{credit}*", ""]
    for block in article.blocks:
        out += [_block_md(block), ""]
    if article.quotes:
        out += ["## Quotes", ""]
        for quote in article.quotes:
            who = quote.speaker_name or (quote.speaker.text if quote.speaker else "?")
            cue = f" ({quote.cue.text})" if quote.cue else ""
            out.append(f"- **{who}**{cue}, {quote.kind}: {quote.content.text}")
        out.append("")
    if article.entities:
        out += ["## People, organisations, places", ""]
        for entity in article.entities:
            out.append(f"- {entity.name} ({entity.kind}, {len(entity.mentions)} mentions)")
        out.append("")
    comments = article.comments
    if comments.items or comments.declared_count:
        out += [f"## Comments ({comments.declared_count or len(comments.items)})", ""]
        for comment in comments.items:
            meta = " · ".join(x for x in (comment.author, _when(comment.posted)) if x)
            out.append(f"- {meta + ': ' if meta else ''}{comment.text}")
        out.append("")
    if article.teasers:
        out += ["## Related", ""]
        for teaser in article.teasers:
            head = teaser.title or teaser.text or teaser.url or ""
            meta = " · ".join(x for x in (teaser.provider, _when(teaser.published)) if x)
            out.append(f"- {head}{f' ({meta})' if meta else ''}")
        out.append("")
    if article.warnings:
        out += ["## Warnings", ""] + [f"- {w.code}: {w.message}" for w in article.warnings] + [""]
    return "\n".join(out)


def to_text(article: Article) -> str:
    parts = [article.title or "", byline(article), article.lead or ""]
    parts += [block.text for block in article.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"
