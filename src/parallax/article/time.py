"""Temporal expressions resolved against the article's publication date.

News dates events relative to the day of writing: "on Tuesday", "Wednesday
night", "yesterday", "last night", "earlier on Thursday", "around 2 a.m.".
Weekdays resolve to the latest such day on or before publication (the next
one when the sentence speaks of the future); explicit dates ("May 3",
"March 11, 2026") go through dateparser with the publication date as base.
Expressions that name no day ("earlier this week", "in early April") stay
undated rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from parallax.article import TimeExpression
from parallax.model import Article

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
EXPRESSION = re.compile(
    r"\b(?:(?P<modifier>last|next|this|early|late|earlier\s+on|later\s+on)\s+)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
    rf"(?:,?\s+(?P<wd_date>{MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    rf"|\b(?P<date>{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTHS}(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})\b"
    r"|\b(?P<relative>yesterday|today|tonight|last\s+night|overnight|this\s+morning|this\s+evening|earlier\s+today)\b",
    re.I,
)
CLOCK = re.compile(
    r"\b(?:around|about|at|shortly\s+(?:before|after)|just\s+(?:before|after)|by)?\s*"
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])",
    re.I,
)
FUTURE = re.compile(r"\b(?:will|would|is\s+due|are\s+due|plans?\s+to|is\s+expected|next)\b", re.I)


@lru_cache(maxsize=512)
def parse_date(expression: str, published: str) -> date | None:
    import dateparser

    base = date.fromisoformat(published)
    from datetime import datetime

    parsed = dateparser.parse(
        expression,
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "current_period",
                  "REQUIRE_PARTS": ["day", "month"]},
    )
    if not parsed:
        return None
    result = parsed.date()
    # a yearless date well after publication is last year's ("December 30" in a January article)
    if not re.search(r"\d{4}", expression) and (result - base).days > 60:
        result = result.replace(year=result.year - 1)
    return result


def resolve_weekday(name: str, modifier: str | None, published: date, future: bool) -> date:
    target = WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    if modifier and modifier.lower() == "last":
        return published - timedelta(days=back or 7)
    if future or (modifier and modifier.lower() == "next"):
        ahead = (target - published.weekday()) % 7
        return published + timedelta(days=ahead or 7)
    return published - timedelta(days=back)


def resolve(match: re.Match, published: date, sentence: str) -> date | None:
    if match.group("weekday"):
        if match.group("wd_date"):
            return parse_date(match.group("wd_date"), published.isoformat())
        future = bool(FUTURE.search(sentence)) and not re.search(r"\b(?:said|told|announced)\b", sentence)
        return resolve_weekday(match.group("weekday"), match.group("modifier"), published, future)
    if match.group("date"):
        return parse_date(match.group("date"), published.isoformat())
    relative = re.sub(r"\s+", " ", match.group("relative").lower())
    if relative in ("yesterday", "last night", "overnight"):
        return published - timedelta(days=1)
    return published


def clock_of(sentence: str, start: int, end: int) -> str | None:
    """An hour in the same sentence ("around 2 a.m.", "11 p.m.", "8am")."""
    match = CLOCK.search(sentence)
    if not match:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if hour > 12 or minute > 59:
        return None
    if match.group("ampm").lower().startswith("p") and hour != 12:
        hour += 12
    if match.group("ampm").lower().startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def extract_times(article: Article, doc) -> list[TimeExpression]:
    if not article.published:
        return []
    try:
        published = date.fromisoformat(article.published[:10])
    except ValueError:
        return []
    text = article.text
    found = []
    for sent in doc.sents:
        sentence = sent.text
        for match in EXPRESSION.finditer(sentence):
            start, end = sent.start_char + match.start(), sent.start_char + match.end()
            when = resolve(match, published, sentence)
            if when is None or abs((when - published).days) > 3660:
                continue
            found.append(TimeExpression(
                text=text[start:end], start=start, end=end, date=when.isoformat(),
                time=clock_of(sentence, start, end), sentence_start=sent.start_char, sentence_end=sent.end_char,
            ))
    return found
