"""en data: page furniture, section headings, provider and byline lines, photo credits."""

# ruff: noqa: E501  (patterns read best unbroken)

from quotidien.lang.page import PageWords, patterns

# Whole lines (or runs of them glued on one line) that are furniture, lower case.
_FURNITURE = frozenset({
    "skip to main content", "skip to content", "skip to navigation", "skip navigation",
    "jump to content", "accessibility help", "accessibility", "close", "menu", "search",
    "home", "sign in", "log in", "login", "register", "my account", "subscribe",
    "subscribe now", "share", "share this", "share this article", "share this story",
    "share page", "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e-mail",
    "print", "copy link", "link copied", "tweet", "save", "save article", "bookmark",
    "listen", "listen to this article", "gift this article", "gift article", "comment",
    "report", "report abuse", "report comment", "reply", "like", "flag", "show more",
    "show less", "load more", "see more", "read more", "continue reading",
    "advertisement", "advert", "ad", "sponsored", "back to top", "previous", "next",
    "accept all", "reject all", "accept", "decline", "manage cookies", "cookie settings",
    "i accept", "i agree", "got it", "ok", "newsletter", "newsletters", "sign up",
    "sign up now", "learn more", "view comments", "show comments", "hide comments",
    "follow", "follow us", "download the app", "dark mode", "watch", "watch live",
    "live", "video", "audio", "podcasts", "top stories", "privacy policy",
    "terms of use", "terms and conditions", "contact us", "about us", "site map",
    "all rights reserved", "image", "image caption", "media caption",
})  # fmt: skip

_STOP_WORDS = frozenset({
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with",
        "he", "she", "as", "by", "at", "from", "his", "her", "said", "be", "have", "has",
})  # fmt: skip

WORDS = PageWords(
    furniture=_FURNITURE,
    furniture_patterns=patterns(
        r"^share (on|via|to|this)\b",
        r"^(follow|join) us\b",
        r"\bcookies?\b.*\b(accept|consent|browsing|privacy|preferences|partners)",
        r"^(sign up|subscribe|register)\b.*\b(newsletter|email|alerts?|updates|inbox)\b",
        r"^(this (article|content) is (for|only available to) subscribers)",
        r"^(you have|you've) (read|\d+ free)",
        r"^\d+\s*min(ute)?s? read$",
        r"^(reading time|read time)\s*:?\s*\d+",
        r"^(video|photo|gallery|audio|watch|listen)\s*:?$",
        r"^(advertisement|sponsored content|paid content)\b.{0,30}$",
        r"^(your browser does not support|please enable javascript)",
        r"^this video can not be played$",
        r"^(media caption|video caption)\s*,",
    ),
    comments_heading=patterns(
        r"^(?P<count>\d+)\s+(comments?|responses?|replies)\s*:?$",
        r"^(reader )?(comments?|responses?|discussion)\s*(\(\s*(?P<count>\d+)\s*\))?\s*:?$",
        r"^(view|show|read|see) (all )?(?P<count>\d+)?\s*comments?$",
        r"^(join the (conversation|discussion)|leave a (comment|reply)|have your say|add a comment)\b.{0,30}$",
    ),
    teasers_heading=patterns(
        r"^(read|see) (more|also|next)\s*:?$",
        r"^related( (stories|articles|content|coverage|links|news|reading))?\s*:?$",
        r"^more (on|about) (this|the) (story|topic|subject)\s*:?$",
        r"^more (from|stories from|in)\b.{0,40}$",
        r"^(you (may|might) also (like|be interested in|enjoy)|recommended( for you)?|editors['’] picks)\s*:?$",
        r"^(most (read|popular|viewed|shared|watched)|trending( now)?|popular now|what to read next)\s*:?$",
        r"^(latest (news|stories|headlines)|top stories|in other news|elsewhere on \w+)\s*:?$",
    ),
    provider_patterns=patterns(
        r"^(source|via)\s*:\s*(?P<provider>[\w '.&-]{2,60})$",
        r"^\(?(?P<provider>AFP|Reuters|AP|Associated Press|Bloomberg|PA Media|Press Association|UPI|The Canadian Press)\)?$",
        r"^(provided|supplied) by (?P<provider>.+)$",
    ),
    byline_patterns=patterns(
        r"^(by|written by|words by|reported by)\s+(?P<author>[^\d:;|]{3,120}?)$",
        r"^(author|authors)\s*:\s*(?P<author>[^\d:;|]{3,120}?)$",
    ),
    stop_words=_STOP_WORDS,
    credit_patterns=patterns(
        r"^image source,\s*(?P<credit>.+)$",
        r"^(?P<caption>.*?)[\s.,;]*\(?\s*(photo|picture|image|photograph|illustration)\s+(by|courtesy of)\s+(?P<credit>[^()]{2,80}?)\s*\)?$",
        r"^(?P<caption>.*?)[\s.,;]*\(?\s*(photo|picture|image|photograph|credit|image credit|photo credit)\s*:\s*(?P<credit>[^()]{2,80}?)\s*\)?$",
    ),
    caption_markers=patterns(r"^(image caption|caption|pictured|above|below)\s*[,:]\s*"),
    updated_labels=patterns(r"updated|last modified|modified|revised"),
    trailer_patterns=patterns(
        r"^\(?(additional )?(reporting|writing|editing|research|graphics|compiled) by\b.*$",
        r"^our standards\s*:.*$",
        r"^(©|copyright)\s*.{0,80}$",
        r"^all rights reserved\b.{0,60}$",
        r"^(this (story|article) (was|has been) (updated|corrected))\b.{0,120}$",
        r"^(associated press|ap) (writers?|reporters?) .{0,120} contributed( to this report)?\.?$",
    ),
    inline_teaser_patterns=patterns(
        r"^(?:read|see) (?:more|also)\s*(?:[:|–—-]\s*)(?P<title>\S.{8,})$",
        r"^related\s*(?:[:|–—-]\s*)(?P<title>\S.{8,})$",
        r"^(?:more|explore more)\s*:\s*(?P<title>\S.{8,})$",
    ),
    read_more=patterns(
        r"\s*(?:\.{3}|…)?\s*(read more|continue reading|read full (story|article))\s*[.…»›>]*$",
        r"\s*\bmore\s*[»›>]+$",
    ),
    end_headings=patterns(
        r"^(newsletters?|follow us|about us|contact us|site map|site index|more from \w+ news)$",
        r"^(related topics|topics|tags)\s*:?$",
        r"^(share this (page|story|article)|share on)\b.{0,20}$",
        r"^(sign up|subscribe) (for|to) .{0,60}$",
    ),
)
