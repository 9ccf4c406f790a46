"""Named days: holidays and the dates that name one historical event.

Both live in ``lexicons/named_dates.tsv``. A holiday is resolved to a year
like any yearless date; an event date ("the Sept. 11 attacks", "post-9/11",
"the Jan. 6 committee") is the day it names, whatever the article's year,
but only when a cue word says the name is meant: a bare "Sept. 11" in an
article about a September meeting stays a date of its own year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from parallax.lexicons import _rows

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class NamedEvent:
    month: int
    day: int
    year: int
    forms: frozenset[str]  # written forms that name the event with no cue ("9/11")
    cues: frozenset[str]


@lru_cache(maxsize=1)
def holidays() -> dict[str, str]:
    """name pattern → rule."""
    return {row[1]: row[2] for row in _rows("named_dates.tsv") if row[0] == "holiday"}


@lru_cache(maxsize=1)
def _holiday_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(rf"(?:{name})$", re.I), rule) for name, rule in holidays().items()]


@lru_cache(maxsize=1)
def events() -> list[NamedEvent]:
    out = []
    for row in _rows("named_dates.tsv"):
        if row[0] == "event":
            month, day = map(int, row[1].split("-"))
            forms = frozenset() if row[3] == "-" else frozenset(row[3].split())
            out.append(NamedEvent(month, day, int(row[2]), forms, frozenset(row[4].split())))
    return out


def holiday_rule(name: str) -> str | None:
    name = " ".join(name.split())
    return next((rule for pattern, rule in _holiday_patterns() if pattern.match(name)), None)


def holiday_in(rule: str, year: int) -> date:
    """The holiday's day in ``year``."""
    from dateutil.easter import easter

    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:]))
    month, rest = rule.split("-", 1)
    month = int(month)
    if rest.isdigit():
        return date(year, month, int(rest))
    weekday, n = WEEKDAY_CODES.index(rest[:2]), int(rest[2:])
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def event_for(month: int, day: int, text: str, before: str, after: str, published: date | None) -> NamedEvent | None:
    """The event that "Sept. 11" / "9/11" names here, judged by the words around it.

    ``text`` is the expression, ``before`` and ``after`` the text just before and after it.
    """
    nxt = re.match(r"[\s'’s-]*(?:terror(?:ist)?\s+)?([A-Za-z]+)", after)
    prev = re.search(r"([A-Za-z]+)\s+(?:of|on|since)\s+(?:the\s+)?$", before)
    post = re.search(r"(?:post|pre)-$", before)
    for event in events():
        if (event.month, event.day) != (month, day):
            continue
        if published is not None and published < date(event.year, month, day):
            continue
        words = {nxt.group(1).lower()} if nxt else set()
        if prev:
            words.add(prev.group(1).lower())
        if text in event.forms or ((words & event.cues or post) and not re.search(r"\d{4}", text)):
            return event
    return None
