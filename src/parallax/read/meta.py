"""Metadata found in the text itself: title, publication date, byline, outlet.

When unsure, leave a field empty rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import dateparser

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


def parse_date(text: str) -> str | None:
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["absolute-time", "custom-formats"]},
    )
    return parsed.date().isoformat() if parsed else None


@dataclass
class TextMeta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    # line index → reason, for lines that are metadata rather than article text
    metadata_lines: dict[int, str] = field(default_factory=dict)


def find_metadata(lines: list[Line], url: str | None = None) -> TextMeta:
    meta = TextMeta()
    head = lines[:12]
    updated: str | None = None
    for line in head:
        text = line.text
        first = FIRST_PUBLISHED_RE.search(text)
        if first and not meta.published:
            year = re.search(r"\d{4}", first.group("updated"))
            first_text = first.group("first")
            if not re.search(r"\d{4}", first_text) and year:
                first_text = f"{first_text}, {year.group()}"
            meta.published = parse_date(first_text)
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
    # Title: the first substantial line that is not metadata, short, and headline-like.
    for line in head:
        if line.index in meta.metadata_lines:
            continue
        words = line.text.split()
        if 3 <= len(words) <= 30 and not line.text.endswith((".", ",", ";")) or (
            3 <= len(words) <= 30 and line.text.endswith("?")
        ):
            meta.title = line.text.rstrip(":")
            break
        if len(words) > 30:
            break
    # Author: a bare name line near a date line in the header ("Victor Westerkamp").
    if not meta.author:
        for line in head:
            if line.index in meta.metadata_lines or line.text == meta.title:
                continue
            if NAME_LINE_RE.match(line.text) and any(
                abs(line.index - i) <= 3 for i, r in meta.metadata_lines.items() if r == "publication date line"
            ):
                meta.author = line.text
                meta.metadata_lines[line.index] = "byline"
                break
    meta.outlet = outlet_from_url(url)
    return meta


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


def outlet_from_text(text: str) -> str | None:
    """A self-reference such as "[emphasis ZH]" or a site domain in the footer."""
    match = SELF_REFERENCE_RE.search(text)
    if match:
        return match.group("abbr")
    domains = [m.group("domain").lower() for m in WEB_DOMAIN_RE.finditer(text[-3000:])]
    if domains:
        return max(set(domains), key=domains.count)
    return None
