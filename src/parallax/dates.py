"""Calendar dates written in article metadata: one parser for page date lines,
post signatures and the ``published`` field of records.

Dates inside the article text (TimeML values, relative to publication) are a
different idea and live in ``parallax.article.time``.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser

_MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_QUICK_FORMS = [
    re.compile(r"^(?:\w+day,?\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$"),
    re.compile(r"^(?:\w+day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})$"),
]


def quick_date(text: str) -> str | None:
    """The common unambiguous forms ("May 5, 2023", "5 May 2023", "2023-05-05") without dateparser."""
    text = text.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        for form in _QUICK_FORMS:
            match = form.match(text)
            if match:
                month = _MONTH_NUMBERS.get(match.group("month")[:3].lower())
                if month is None or (len(match.group("month")) > 3 and not match.group("month").lower().startswith(
                        ("january", "february", "march", "april", "may", "june", "july", "august", "sept", "september", "october", "november", "december"))):
                    return None
                year, day = int(match.group("year")), int(match.group("day"))
                break
        else:
            return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A date line of a page ("Published: 3 May 2023, 10:04"): a month alone means its first day.
LENIENT = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["absolute-time", "custom-formats"]}
# A post's signature date ("May 3, 2023"): only what reads as a whole date.
STRICT = {"STRICT_PARSING": True, "PARSERS": ["absolute-time", "custom-formats"]}
# Never "relative-time": "yesterday" would be dated by the clock, and output must not depend on it.


def parse_date(text: str | None, strict: bool = False) -> str | None:
    """An absolute calendar date written in ``text``, as YYYY-MM-DD; None when there is none.

    ``strict`` wants day, month and year all written (an embedded post's
    signature); otherwise a page's date line may leave the day out."""
    if not text:
        return None
    quick = quick_date(text)
    if quick:
        return quick
    parsed = dateparser.parse(text, languages=["en"], settings=STRICT if strict else LENIENT)
    return parsed.date().isoformat() if parsed else None


def normalize_date(value: str | None) -> str | None:
    """A date given with a record (``published``): ISO ones are cut to the day, others parsed."""
    if not value:
        return None
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return value[:10]
    return parse_date(value)
