"""Metadata found in the text itself: title, publication date, byline, outlet.

When unsure, leave a field empty rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from parallax.dates import parse_date
from parallax.read.clean import Line

MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
DATE_CORE = (
    rf"(?:{WEEKDAY}\s+)?(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}/\d{1,2}/\d{4})"
)
TIME_TAIL = r"(?:\s*(?:[-–—|,@]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?"
# A line that is only a date, optionally labelled ("Published:", "date", "Updated on").
DATE_LINE_RE = re.compile(
    rf"^(?:(?P<label>published|posted|first published|updated|last updated|date|dated|modified)(?:\s+on)?\s*:?\s*)?"
    rf"(?P<date>{DATE_CORE}){TIME_TAIL}\s*$",
    re.I,
)
# "First published on May 3, Updated on May 4, 2023": the first publication wins.
FIRST_PUBLISHED_RE = re.compile(
    rf"first published(?: on)?\s*:?\s*(?P<first>{MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTHS}(?:\s+\d{{4}})?).*?"
    rf"(?:updated|modified)(?: on)?\s*:?\s*(?P<updated>{DATE_CORE})",
    re.I,
)
BYLINE_RE = re.compile(r"^(?:by|written by|author:?)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:\s*[,|/–—-].*)?$", re.I)
NAME_LINE_RE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+(?:van|de|von|der|da|di|le|al|bin)?\s*[A-Z][a-z'’-]+){1,2}$")
SELF_REFERENCE_RE = re.compile(r"\[(?:emphasis|h/t|via)\s+(?P<abbr>[A-Z]{2,5})\]")
WEB_DOMAIN_RE = re.compile(r"\b(?:www\.)?(?P<domain>[a-z0-9-]{3,}\.(?:com|org|net|ca|co\.uk|news|info|io))\b", re.I)


@dataclass
class TextMeta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None  # from a masthead line
    # line index → reason, for lines that are metadata rather than article text
    metadata_lines: dict[int, str] = field(default_factory=dict)


HEAD_LINES = 15


def is_headline_like(text: str) -> bool:
    words = text.split()
    if not 3 <= len(words) <= 30:
        return False
    return text.endswith(("?", "!")) or not text.endswith((".", ",", ";", ":"))


def is_name_like(text: str) -> bool:
    """A short Title Case phrase without a verb-like ending: a masthead or a person's name."""
    words = text.split()
    if not 1 <= len(words) <= 5 or text.endswith((".", ",", ";", ":", "?", "!")):
        return False
    small = {"the", "of", "for", "and", "a", "an", "on", "in", "to", "&", "de", "la"}
    return all(w[:1].isupper() or w.lower() in small for w in words) and words[0][:1].isupper()


def find_metadata(lines: list[Line], skip: dict[int, str] | None = None) -> TextMeta:
    """Title, date, byline and masthead from the head of the text.

    ``skip`` holds lines already known to be boilerplate (they are neither
    title nor metadata). Lines that are metadata are reported in
    ``metadata_lines`` so the cleaner removes them with a reason.
    """
    skip = skip or {}
    meta = TextMeta()
    head = [line for line in lines if line.index not in skip][:HEAD_LINES]
    updated: str | None = None
    for line in head:
        text = line.text
        first = FIRST_PUBLISHED_RE.search(text)
        if first:
            year = re.search(r"\d{4}", first.group("updated"))
            first_text = first.group("first")
            if not re.search(r"\d{4}", first_text) and year:
                first_text = f"{first_text}, {year.group()}"
            meta.published = meta.published or parse_date(first_text)
            meta.metadata_lines[line.index] = "publication date line"
            continue
        match = DATE_LINE_RE.match(text)
        if match:
            date = parse_date(match.group("date"))
            if date:
                label = (match.group("label") or "").lower()
                if label.startswith(("updated", "last updated", "modified")):
                    updated = updated or date
                elif not meta.published:
                    meta.published = date
                meta.metadata_lines[line.index] = "publication date line"
                continue
        byline = BYLINE_RE.match(text)
        if byline and not meta.author and len(text.split()) <= 10:
            meta.author = byline.group("name").strip()
            meta.metadata_lines[line.index] = "byline"
    meta.published = meta.published or updated

    anchor = min(meta.metadata_lines, default=None)
    title_line: Line | None = None
    if anchor is not None:
        # The headline sits just above the date/byline block; a bare name right
        # above the date is the author ("Jane Doe" / "Published: ...").
        above = [line for line in head if line.index < anchor and line.index not in meta.metadata_lines]
        for line in reversed(above):
            if not meta.author and is_name_like(line.text) and NAME_LINE_RE.match(line.text) and line is above[-1]:
                meta.author = line.text
                meta.metadata_lines[line.index] = "byline"
                continue
            if is_headline_like(line.text) and not (is_name_like(line.text) and len(line.text.split()) <= 4 and line is not above[-1]):
                title_line = line
                break
    if title_line is None and head and head[0].index not in meta.metadata_lines and is_headline_like(head[0].text):
        title_line = head[0]
    if title_line is not None:
        meta.title = title_line.text
        # Short lines above the headline are the masthead: the site's name and slogan.
        for line in head:
            if line.index >= title_line.index:
                break
            if line.index in meta.metadata_lines or len(line.words) > 10:
                continue
            if is_name_like(line.text) and meta.outlet is None:
                meta.outlet = line.text
                meta.metadata_lines[line.index] = "masthead (outlet name)"
            else:
                meta.metadata_lines[line.index] = "site slogan"
    # Author: a bare name line right after the headline, next to the date ("Victor Westerkamp").
    if not meta.author and title_line is not None:
        for line in head:
            if line.index <= title_line.index or line.index in meta.metadata_lines:
                continue
            if NAME_LINE_RE.match(line.text) and any(
                abs(line.index - i) <= 3 for i, r in meta.metadata_lines.items() if r == "publication date line"
            ):
                meta.author = line.text
                meta.metadata_lines[line.index] = "byline"
            break
    return meta


SOCIAL_HOSTS = re.compile(r"(^|\.)(twitter\.com|x\.com|t\.co|facebook\.com|instagram\.com|youtube\.com|youtu\.be|t\.me|telegram\.org|tiktok\.com|linkedin\.com|google\.com|wikipedia\.org)$", re.I)
DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40},\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\s+)?\((?P<outlet>[A-Z][\w .&'-]{1,40})\)\s*[-–—]")
COPYRIGHT_HOLDER_RE = re.compile(r"(?:©|\([cC]\)|[cC]opyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,4})")
TRAILER_NAME_RE = re.compile(r"^(?:discover more from|more from|this (?:story|article) (?:first )?appeared (?:on|in))\s+(?P<name>[A-Z][\w .&'’-]{1,50}?)\.?$", re.I)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


def outlet_from_text(text: str, kept_head: list[str], removed: list[str], credits: list[str] = ()) -> str | None:
    """An outlet the text names itself: a wire dateline "(Outlet) -", a copyright
    holder, a "Discover more from X" trailer, a self-reference such as
    "[emphasis ZH]", or the site's own domain in its footer. ``credits`` (image
    credits) are skipped: a photographer's copyright is not the outlet's."""
    for line in kept_head[:3]:
        match = DATELINE_RE.match(line)
        if match:
            return match.group("outlet").strip()
    for line in removed:
        match = TRAILER_NAME_RE.match(line)
        if match:
            return match.group("name").strip()
    for line in removed:
        if line in credits:
            continue
        match = COPYRIGHT_HOLDER_RE.search(line)
        if match and match.group("name").lower() not in ("the", "all", "copyright", "owner"):
            name = re.sub(r"\s+(All|Ltd|Inc|LLC)\b.*$", "", match.group("name")).strip()
            if name and not name.lower().startswith(("the copyright", "copyright")):
                return name
    match = SELF_REFERENCE_RE.search(text) or SELF_REFERENCE_RE.search("\n".join(removed))
    if match:
        return match.group("abbr")
    domains = [
        m.group("domain").lower() for line in removed for m in WEB_DOMAIN_RE.finditer(line)
        if not SOCIAL_HOSTS.search(m.group("domain"))
    ]
    if domains:
        return max(sorted(set(domains)), key=domains.count)
    return None


BIO_NAME_RE = re.compile(
    r"^(?:(?i:about the author)\s*:?\s*)?(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})\s+(?:is|was|has been)\b"
)


def author_from_bio(bio_lines: list[str]) -> str | None:
    """"About the author: Jane Doe is a ..." names the author."""
    for text in bio_lines:
        match = BIO_NAME_RE.match(text)
        if match:
            return match.group("name")
    return None
