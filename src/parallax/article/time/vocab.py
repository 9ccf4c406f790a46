"""Words for times, taken from the libraries that already list them.

Month and weekday names (with their abbreviations, "Sept" included) come
from dateparser's English locale; number and ordinal words from spaCy's
English lexical attributes. Only the TimeML-specific codes (unit letters,
parts of the day, seasons) are ours, since no library carries them.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _locale() -> dict:
    from dateparser.languages.loader import default_loader

    return default_loader.get_locale("en").info


# the field names of dateparser's locale data, in calendar order (the names themselves come from the data)
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """'jan' / 'january' / 'sept' → 1..12 (lower case, no period)."""
    info = _locale()
    return {name.lower(): i for i, key in enumerate(MONTH_KEYS, 1) for name in info[key] if len(name) >= 3}


@lru_cache(maxsize=1)
def full_month_names() -> frozenset[str]:
    """The full name of each month: its longest form in the locale data ("september", not "sept")."""
    info = _locale()
    return frozenset(max(info[key], key=len).lower() for key in MONTH_KEYS)


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    """'monday' → 0 .. 'sunday' → 6; full names only ('sun', 'wed', 'sat' are ordinary words)."""
    info = _locale()
    return {name.lower(): i for i, key in enumerate(WEEKDAY_KEYS) for name in info[key] if len(name) >= 6}


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """'one' → 1 … 'twenty' → 20, 'thirty' → 30 … 'ninety' → 90, 'hundred', 'thousand'."""
    from spacy.lang.en.lex_attrs import _num_words

    values = {}
    for i, word in enumerate(_num_words[:28]):  # zero..nineteen, twenty, thirty..ninety
        values[word] = i if i <= 20 else (i - 18) * 10
    values["hundred"], values["thousand"] = 100, 1000
    return values


@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    """'first' → 1 … 'twentieth' → 20, 'thirtieth' → 30 …"""
    from spacy.lang.en.lex_attrs import _ordinal_words

    return {word: (i + 1 if i < 20 else (i - 17) * 10) for i, word in enumerate(_ordinal_words[:27])}


def alternation(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def parse_number(text: str) -> int | float | None:
    """'24', '2 1/2', 'twenty four', 'twenty-four', 'a', 'a hundred', 'one and a half' → a number."""
    text = text.lower().replace(",", "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", text)
    if match:
        value = float(match.group(1)) if "." in match.group(1) else int(match.group(1))
        if match.group(2):
            value += int(match.group(2)) / int(match.group(3))
        return value
    words = number_words()
    if text in ("half", "a half", "half a", "half an"):
        return 0.5
    text = re.sub(r"\s+and\s+an?\s+half$", " half", text)
    total, current, half = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in ("a", "an", "one") and not current and not total:
            current = 1
        elif word in ("and",):
            continue
        elif word == "half":
            half = True
        elif word in words:
            value = words[word]
            if value in (100, 1000):
                current = max(current, 1) * value
                if value == 1000:
                    total, current = total + current, 0
            else:
                current += value
        else:
            return None
    value = total + current
    if half:
        return value + 0.5 if value else 0.5
    return value or None


# TimeML unit letters; a vague amount ("several years") keeps the unit with X.
UNIT_CODES = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "millennium": ("ML", False),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
                "dawn": "MO", "dusk": "EV", "overnight": "NI", "tonight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
