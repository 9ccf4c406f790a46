"""From a matched expression to its TimeML type and value.

Three anchors, as a careful reader uses them:
- the *speech time*: the publication date, or, inside a direct quote, the
  day the quoted words were spoken ("Yesterday we were attacked," he said on
  Monday → Sunday); "today", "last week", "Tuesday", "three days ago" count
  from it;
- the *tense* of the clause, which says which way a weekday, a yearless
  date or a month points ("resigned Thursday" looks back, "will vote as
  early as Thursday" forward; the publication day itself counts either way);
- the *reference time*: the last date mentioned, which "a year earlier",
  "the following day" and "that month" count from.

What cannot be placed on the calendar keeps TimeML's unknown digits
("XXXX-12-25" without a publication date) or a reference word (PRESENT_REF,
PAST_REF, FUTURE_REF); nothing gets a made-up date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from parallax.article.time import named
from parallax.article.time.grammar import Candidate
from parallax.article.time.tense import Tense
from parallax.article.time.values import Period, duration, period
from parallax.article.time.vocab import (
    PARTS_OF_DAY, SEASONS, UNIT_CODES, full_month_names, month_names, number_words, ordinal_words, parse_number, weekday_names,
)


@dataclass(frozen=True)
class Resolved:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    period: Period | None = None  # the calendar period, when the value names one


FINER = ["time", "part", "day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"]
UNIT_GRAN = {"period": "quarter", "second": "time", "minute": "time", "hour": "time", "day": "day", "night": "day", "week": "week",
             "weekend": "weekend", "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
             "decade": "decade", "century": "century", "centuries": "century", "millennium": "century"}
BACK = {"last", "past", "this past", "the past", "previous", "the previous", "preceding", "the preceding", "prior", "the prior",
        "latest", "the latest", "the most recent", "its latest", "the last"}
AHEAD = {"next", "the next", "coming", "the coming", "following", "the following", "this coming"}
REFERENCE = {"previous", "the previous", "preceding", "the preceding", "following", "the following", "that", "the same", "prior", "the prior"}


def unit_of(word: str) -> str:
    word = word.lower()
    if word in ("centuries",):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") and word[:-1] in UNIT_GRAN else word


def norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


class Context:
    """Where an expression stands: the speech time, the reference time, the clause's tense."""

    def __init__(self, anchor: date | None, reference: Period | None, tense: Tense, text: str, start: int, end: int):
        self.anchor = anchor
        self.reference = reference
        self.tense = tense
        self.text = text  # the whole article text, for the words around the expression
        self.start = start
        self.end = end
        self.extra_day: date | None = None  # the day a clock time stands beside
        self.used_reference = False
        self.named_event = False  # the value is the day a named event fell on ("the Sept. 11 attacks")

    @property
    def before(self) -> str:
        return self.text[max(0, self.start - 40):self.start]

    @property
    def after(self) -> str:
        return self.text[self.end:self.end + 40]

    def base(self, gran: str) -> Period | None:
        return period(gran, self.anchor) if self.anchor else None

    def ref_base(self, gran: str, speech_fallback: bool = True) -> Period | None:
        """The reference time at ``gran`` (or, with ``speech_fallback``, the speech time when nothing
        was mentioned yet)."""
        if self.reference is not None and FINER.index(self.reference.gran) <= FINER.index(gran):
            ref = self.use_reference()
            return ref.coarsen(gran) if ref.gran != gran else ref
        return self.base(gran) if speech_fallback else None

    def use_reference(self) -> Period | None:
        """The reference time, noting that the value counts from it."""
        self.used_reference = self.reference is not None
        return self.reference


AGAINST_TENSE = 366  # days: a past clause looks back and a future one forward, whatever the distance


def nearest_day(options: list[date], anchor: date, tense: Tense) -> date:
    """Of candidate days, the nearest to the anchor on the side the tense points to.

    "Jan. 31" in a past clause of an October article is last January, not
    the nearer next one; with no tense to go by the nearest wins.
    """
    def cost(d: date) -> float:
        days = (d - anchor).days
        # the present says nothing either way: "the law takes effect on January 1"
        against = (tense == "future" and days < 0) or (tense == "past" and days > 0)
        return abs(days) + (AGAINST_TENSE if against else 0)

    return min(options, key=lambda d: (cost(d), d))


def weekday_date(target: int, anchor: date, tense: Tense, rel: str) -> date:
    """The day a weekday (0 = Monday) names from ``anchor``: the anchor's own weekday is the anchor,
    "last"/"next" skip it, otherwise the tense says back (the default) or forward."""
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if rel == "next":
        return anchor + timedelta(days=ahead or 7)
    if rel in ("this coming", "coming"):
        return anchor + timedelta(days=ahead)
    if back == 0:
        return anchor  # the publication day itself
    if rel == "this":
        return anchor + timedelta(days=ahead) if tense != "past" else anchor - timedelta(days=back)
    return anchor + timedelta(days=ahead) if tense == "future" else anchor - timedelta(days=back)


RANGE_END = re.compile(r"\b(?:through|until|till|to|by|before|from|effective|payable|record|expire[sd]?|deadline\s+of)\s+(?:mid-?|early\s+|late\s+)?$", re.I)


def yearless(month: int, day: int | None, ctx: Context) -> date | None:
    """A day (or, with ``day`` None, the first of a month) without a year, placed by tense.

    The end or start of a span ("extended to Nov. 16", "loans through
    January", "payable Dec. 15") says nothing about which side of the
    publication it lies on, whatever the verb's tense: it goes to the nearest.
    """
    anchor = ctx.anchor
    if anchor is None:
        return None
    tense = "unknown" if RANGE_END.search(ctx.before) else ctx.tense
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day or 1))
        except ValueError:
            continue
    if not options:
        return None
    if day is None:
        # a month: measured from the anchor's own month, which counts as both past and future
        this_month = date(anchor.year, anchor.month, 1)
        return nearest_day(options, this_month, tense)
    return nearest_day(options, anchor, tense)


def month_of(word: str) -> int:
    return month_names()[word.lower().rstrip(".")]


def day_of(word: str) -> int | None:
    word = word.lower()
    if word in ordinal_words():
        return ordinal_words()[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def clock_value(text: str) -> str | None:
    text = text.lower().replace(" ", "")
    if text.startswith("noon") or text.startswith("midday"):
        return "12:00"
    if text.startswith("midnight"):
        return "24:00"
    military = re.match(r"([01]\d|2[0-3])([0-5]\d)(?:gmt|utc|hours|hrs)", text)
    if military:
        return f"{military.group(1)}:{military.group(2)}"
    match = re.match(r"(\d{1,2})(?::(\d{2}))?(a\.?m\.?|p\.?m\.?)?", text)
    if not match:
        return None
    hour, minute, ampm = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if ampm:
        if hour > 12 or hour == 0:
            return None
        if ampm.startswith("p") and hour != 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
    elif match.group(2) is None:
        return None
    return f"{hour:02d}:{minute:02d}"


def spoken_year(text: str) -> int | None:
    words = norm(text).replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    if len(words) >= 2 and words[0] in ("nineteen", "twenty"):
        century = number_words()[words[0]]
        rest = parse_number(" ".join(words[1:]))
        if rest is not None and 10 <= rest < 100:
            return century * 100 + int(rest)
    return None


def resolve(cand: Candidate, ctx: Context) -> Resolved | None:
    handler = HANDLERS.get(cand.kind)
    return handler(cand.groups, ctx, cand) if handler else None


def as_date(p: Period | None, unknown: str) -> Resolved:
    if p is None:
        return Resolved("DATE", unknown)
    return Resolved("TIME" if p.gran in ("time", "part") else "DATE", p.value, p)


# --------------------------------------------------------------------------- absolute and yearless dates


def h_month_day(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    month, day = month_of(g["mon"]), day_of(g["day"])
    if not day or day > 31:
        return None
    if "year" in g:
        try:
            return as_date(period("day", date(int(g["year"]), month, day)), "")
        except ValueError:
            return None
    event = named.event_for(month, day, ctx.text[ctx.start:ctx.end], ctx.before, ctx.after, ctx.anchor)
    if event is not None:
        ctx.named_event = True
        return as_date(period("day", date(event.year, month, day)), "")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
    if "wd" in g:
        # "Thursday, May 4": the weekday picks the year when the tense cannot
        target = weekday_names()[g["wd"].lower()]
        for year in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            try:
                if date(year, month, day).weekday() == target:
                    return as_date(period("day", date(year, month, day)), "")
            except ValueError:
                continue
    when = yearless(month, day, ctx)
    return as_date(period("day", when), f"XXXX-{month:02d}-{day:02d}") if when else None


def h_month_year(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    year = int(g["year"]) if g["year"].isdigit() else spoken_year(g["year"])
    if year is None:
        return None
    return as_date(period("month", date(year, month_of(g["mon"]), 1)), "")


def h_month_rel(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month_of(g['mon']):02d}")
    year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    return as_date(period("month", date(year, month_of(g["mon"]), 1)), "")


def h_iso(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    try:
        day = date(int(g["year"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    if "clock" in g:
        return as_date(period("time", day, g["clock"]), "")
    return as_date(period("day", day), "")


def h_numeric(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    month, day = (a, b) if a <= 12 else (b, a)
    try:
        return as_date(period("day", date(year, month, day)), "")
    except ValueError:
        return None


def h_named_numeric(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    """"9/11", "7/7": only as the name of an event; other slashed pairs are scores or fractions."""
    text = ctx.text[ctx.start:ctx.end]
    for month, day in ((int(g["a"]), int(g["b"])), (int(g["b"]), int(g["a"]))):
        event = named.event_for(month, day, text, ctx.before, ctx.after, ctx.anchor) if month <= 12 else None
        if event is not None and text in event.forms:
            ctx.named_event = True
            return as_date(period("day", date(event.year, month, day)), "")
    return None


def h_holiday(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    rule = named.holiday_rule(g["name"])
    if rule is None:
        return None
    if "year" in g:
        return as_date(period("day", named.holiday_in(rule, int(g["year"]))), "")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX")
    rel = norm(g.get("rel"))
    options = [named.holiday_in(rule, y) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
    if rel == "last":
        when = max(d for d in options if d < ctx.anchor)
    elif rel == "next":
        when = min(d for d in options if d > ctx.anchor)
    else:
        when = nearest_day(options, ctx.anchor, ctx.tense)
    return as_date(period("day", when), "")


# --------------------------------------------------------------------------- weekdays and deictic days


def with_part(day: Period | None, part: str | None) -> Period | None:
    if day is None or not part:
        return day
    return period("part", day.start, PARTS_OF_DAY[part.lower()])


# an indefinite article before a weekday, straight or with one word between after a preposition
GENERIC_DAY = re.compile(r"(?:(?<![\w'’])(?:an?|any)\s+|\b(?:on|of|for|like|in|during)\s+(?:an?|any)\s+[A-Za-z]+\s+)$", re.I)


def h_weekday(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    target = weekday_names()[g["wd"].lower()]
    rel = norm(g.get("rel"))
    part = g.get("part") or g.get("edge2")
    if rel in ("the previous", "the following", "the next", "the same", "the past"):
        # "the following Monday" counts from a day already told; with none told it has no date
        ref = ctx.ref_base("day", speech_fallback=False)
        if ref is None:
            return Resolved("DATE", f"XXXX-WXX-{target + 1}")
        anchor = ref.start
        back = (anchor.weekday() - target) % 7 or 7
        ahead = (target - anchor.weekday()) % 7 or 7
        when = anchor - timedelta(days=back) if rel in ("the previous", "the past") else anchor + timedelta(days=ahead)
        if rel == "the same":
            when = anchor
        return as_date(with_part(period("day", when), part), "")
    if ctx.anchor is None or (not rel and GENERIC_DAY.search(ctx.before)):
        # "on a sleepy Sunday night" is any Sunday, not one on the calendar
        return Resolved("TIME" if part else "DATE", f"XXXX-WXX-{target + 1}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else ""))
    when = weekday_date(target, ctx.anchor, ctx.tense, rel)
    return as_date(with_part(period("day", when), part), "")


def h_part_weekday(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    return h_weekday({"wd": g["wd"], "part": g["part"]}, ctx, cand)


def h_weekday_set(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    name = (g.get("wd") or g.get("wds")).lower()
    value = f"XXXX-WXX-{weekday_names()[name] + 1}"
    if g.get("part"):
        value += "T" + PARTS_OF_DAY[g["part"].lower().rstrip("s")]
    return Resolved("SET", value)


DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "before yesterday": -2, "after tomorrow": 2,
                "this": 0, "last": -1}


def h_deictic(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    word = norm(g.get("word") or g.get("rel"))
    part = g.get("part")
    if word == "tonight":
        part = "night"
    elif word == "last" and not part:
        return None
    if word == "last" and part and part.lower() != "night":
        word = "yesterday"  # "last evening"
    if ctx.anchor is None:
        return Resolved("DATE", "PRESENT_REF") if word == "today" and not part else None
    day = period("day", ctx.anchor + timedelta(days=DEICTIC_DAYS[word]))
    return as_date(with_part(day, part), "")


def h_overnight(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if ctx.anchor is None:
        return None
    return as_date(period("part", ctx.anchor - timedelta(days=1), "NI"), "")


# --------------------------------------------------------------------------- relative periods


def h_relative(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    rel = norm(g["rel"])
    unit = norm(g["unit"])
    if "season" in g:
        return h_season({"rel": rel, "season": g["season"]}, ctx, cand)
    if "mon" in g:
        return h_month({"rel": rel, "mon": g["mon"]}, ctx, cand)
    gran = UNIT_GRAN[unit]
    if unit in ("day", "night"):
        # "the next day", "that night", "the previous day" count from the last date; "last night" is deictic
        if rel not in REFERENCE | {"the next", "next"}:
            return None
        if re.match(r"\s+(?:of|as|that|when|on\s+which)\b", ctx.after, re.I):
            return as_date(None, "XXXX-XX-XX")  # "the same day that he named the task force": an event's day, not a date's
        # only a day already told: "the next day" in an article that named none is no date of ours to make up
        base = ctx.ref_base("day", speech_fallback=False)
        if base is None:
            return as_date(None, "XXXX-XX-XX")
        step = -1 if rel in ("previous", "the previous", "preceding", "the preceding", "prior", "the prior") else 1 if rel in ("following", "the following", "next", "the next") else 0
        day = base.coarsen("day").shift(step)
        return as_date(period("part", day.start, "NI") if unit == "night" else day, "")
    if rel in REFERENCE:
        base = ctx.ref_base(gran)
        step = {"previous": -1, "the previous": -1, "preceding": -1, "the preceding": -1, "prior": -1, "the prior": -1,
                "following": 1, "the following": 1}.get(rel, 0)
    else:
        base = ctx.base(gran)
        step = -1 if rel in BACK else 1 if rel in AHEAD else 0
    if base is None:
        return Resolved("DATE", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step])
    return as_date(base.shift(step), "")


def amount_of(text: str | None) -> float | None:
    if not text:
        return None
    text = norm(text)
    if text in ("several", "a few", "few", "a couple", "many", "some", "a number of", "dozens of", "hundreds of", "thousands of"):
        return None
    if text == "a couple of":
        return 2
    return parse_number(text)


def h_ago(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    unit = unit_of(g["unit"])
    gran = UNIT_GRAN.get(unit)
    if gran is None or gran == "time":
        return None
    amount = amount_of(g.get("num")) if "num" in g else 1
    dir_ = norm(g["dir"])
    if dir_ in ("before", "after") and "num" in g:
        # "two years after he was sworn in": counted from an event, not a date; only the stretch is known
        code, clock_unit = UNIT_CODES.get(unit, (None, None))
        return Resolved("DURATION", duration(amount_of(g["num"]), code, clock_unit)) if code else None
    sign = 1 if dir_ in ("later", "after", "from now", "hence") else -1
    if amount is None or amount != int(amount):
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    amount = int(amount)
    anaphoric = dir_ in ("earlier", "later", "before", "after", "previously")
    ref = ctx.reference
    # in results reporting "a year ago" means the same quarter a year back
    if "what" in g and norm(g["what"]) == "quarter":
        base = ctx.ref_base("quarter") if ref is not None and ref.gran == "quarter" else (ctx.base("quarter").shift(-1) if ctx.anchor else None)
    elif ref is not None and unit == "year" and (anaphoric or (amount == 1 and ref.gran in ("quarter", "half"))) and FINER.index(ref.gran) <= FINER.index("year"):
        base = ctx.use_reference()
    elif anaphoric and ref is not None and FINER.index(ref.gran) <= FINER.index(gran):
        ref = ctx.use_reference()
        base = ref.coarsen(gran) if FINER.index(ref.gran) < FINER.index("day") else ref
    else:
        base = ctx.base(gran)
    if base is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if FINER.index(base.gran) < FINER.index(gran):
        base = base.coarsen("day") if base.gran in ("time", "part") else base
    return as_date(base.shift(sign * amount, unit if unit not in ("night", "fortnight") else ("day" if unit == "night" else "week")), "")


def h_ago_vague(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    return Resolved("DATE", "FUTURE_REF" if "later" in cand_text(ctx).lower() else "PAST_REF")


def cand_text(ctx: Context) -> str:
    return ctx.text[ctx.start:ctx.end]


ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}


def h_quarter(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    unit = norm(g["unit"])
    n = ORD_Q[norm(g["ord"])]
    if unit == "half":
        if n > 2:
            return None
        gran, month = "half", 1 + 6 * (n - 1)
    elif unit == "quarter":
        gran, month = "quarter", 1 + 3 * (n - 1)
    else:
        return None
    if "year" in g:
        year = int(g["year"])
    elif "rel" in g or "yrel" in g:
        if ctx.anchor is None:
            return None
        year = ctx.anchor.year + {"this": 0, "that": 0, "last": -1, "next": 1}[norm(g.get("rel") or g.get("yrel"))]
        if norm(g.get("rel")) == "that" and ctx.reference is not None:
            year = ctx.use_reference().start.year
    elif ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{'Q' if gran == 'quarter' else 'H'}{n}")
    else:
        year = ctx.anchor.year
        if date(year, month, 1) > ctx.anchor and ctx.tense == "past":
            year -= 1
    if "shift" in g:
        year -= 1  # "the year-earlier third quarter"
    return as_date(period(gran, date(year, month, 1)), "")


def h_quarter_bare(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if ctx.reference is not None and ctx.reference.gran == "quarter":
        return as_date(ctx.use_reference(), "")
    base = ctx.base("quarter")
    return as_date(base.shift(-1) if base else None, "XXXX-QX")


def h_quarters_of(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    return Resolved("DURATION", "P9M")  # "the first three quarters of 1990"; two quarters are a half (half_of)


def h_fiscal(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    year = g["year"].lstrip("'")
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    return as_date(period("year", date(int(year), 1, 1)), "")


def h_year_end(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    base = ctx.ref_base("year") if ctx.reference is not None and ctx.reference.gran == "year" else ctx.base("year")
    return as_date(base, "XXXX")


def h_the_unit(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if g["unit"][:1].isupper():
        return None  # "Speaker of the Year" is a title
    unit = norm(g["unit"]).split()[-1]
    gran = UNIT_GRAN[unit]
    if gran == "weekend":
        if ctx.anchor is None:
            return None
        base = period("weekend", ctx.anchor)
        if ctx.tense != "future" and base.start > ctx.anchor:
            base = base.shift(-1)
        return as_date(base, "")
    if gran == "day":
        if ctx.reference is not None and ctx.reference.gran in ("day", "time", "part"):
            return as_date(ctx.use_reference().coarsen("day"), "")
        return None  # "the day" with nothing to point at is not a date
    # "the year", "the full year", "for the week": the one the article is written in
    return as_date(ctx.base(gran), "XXXX")


# --------------------------------------------------------------------------- decades, centuries, seasons, months, years


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def h_decade(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if "dec" in g:
        return Resolved("DATE", g["dec"][:3], period("decade", date(int(g["dec"]), 1, 1)))
    digit = int(g["short"][0]) if "short" in g else DECADE_WORDS[g["word"].lower()]
    now = (ctx.anchor or date(1999, 1, 1)).year
    century = now // 100
    year = century * 100 + digit * 10
    if year > now:
        year -= 100
    return Resolved("DATE", f"{year // 10:03d}", period("decade", date(year, 1, 1)))


def h_century(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    n = int(g["num"]) if "num" in g else ordinal_words().get(g["ord"].lower())
    if not n or n > 21:
        return None
    return Resolved("DATE", f"{n - 1:02d}", period("century", date(max(1, (n - 1) * 100), 1, 1)))


def h_season(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    code = SEASONS[g["season"].lower()]
    if "year" in g:
        year = int(g["year"]) if g["year"].isdigit() else spoken_year(g["year"])
        if year is None:
            return None
        return as_date(period("season", date(year, 1, 1), season=code), "")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{code}")
    rel = norm(g.get("rel"))
    options = [period("season", date(y, 1, 1), season=code) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    current = [p for p in options if p.start <= ctx.anchor <= p.end()]
    if rel in ("this", "the") and current:
        return as_date(current[0], "")
    if rel == "this":
        return as_date(next(p for p in options if p.start.year == ctx.anchor.year), "")  # "this spring" in August
    if rel in ("last", "this past", "the past") or (rel in ("the", "that", "") and ctx.tense == "past"):
        back = [p for p in options if p.end() < ctx.anchor]
        return as_date(max(back, key=lambda p: p.start), "")
    if rel in ("next", "the coming") or ctx.tense == "future":
        ahead = [p for p in options if p.start > ctx.anchor]
        return as_date(min(ahead, key=lambda p: p.start), "")
    return as_date(options[2], "")


MONTH_CUES = {"in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of", "last", "next", "this",
              "early", "late", "mid", "and", "or", "to", "between", "each", "every", "around", "since", "as", "on", "for", "that"}


def h_month(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    month = month_of(g["mon"])
    rel = norm(g.get("rel"))
    word = g["mon"].lower().rstrip(".")
    if not rel and not g.get("edge") and (word not in full_month_names() or word in ("may", "march")):
        # a bare abbreviation, or a "May" or "March" (also verbs), is a month only after a word that
        # takes one ("in May", "since March")
        prev = re.search(r"([A-Za-z]+)[\s-]*$", ctx.before)
        if not prev or prev.group(1).lower() not in MONTH_CUES:
            return None
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    this_month = date(ctx.anchor.year, ctx.anchor.month, 1)
    if rel in ("last", "this past"):
        # "last February" in March is a year back: the month just gone would be "last month"
        year = ctx.anchor.year if month < ctx.anchor.month - 1 else ctx.anchor.year - 1
    elif rel in ("next", "this coming", "coming"):
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        year = ctx.anchor.year
    else:
        when = yearless(month, None, ctx)
        year = when.year if when else this_month.year
    return as_date(period("month", date(year, month, 1)), "")


def h_year(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    year = int(g["year"]) if "year" in g else spoken_year(g["spoken"])
    if year is None:
        return None
    return as_date(period("year", date(year, 1, 1)), "")


def h_clock(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    clock = clock_value(g["clock"])
    if clock is None:
        return None
    if re.fullmatch(r"\d{1,2}:\d\d", g["clock"]) and not re.search(
            r"\b(?:at|around|about|by|from|until|till|to|before|after|since|between|and|shortly|just)\s+$", ctx.before, re.I):
        return None  # a bare "2:48" is as often a running time or a score as a time of day
    day = ctx.extra_day or ctx.anchor
    if day is None:
        return Resolved("TIME", f"XXXX-XX-XXT{clock}")
    return as_date(period("time", day, clock), "")


def h_ref(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if "present" in g:
        return Resolved("DATE", "PRESENT_REF")
    if "past" in g:
        return Resolved("DATE", "PAST_REF")
    return Resolved("DATE", "FUTURE_REF")


# --------------------------------------------------------------------------- durations and sets


def h_duration(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    unit = unit_of(g["unit"])
    if unit not in UNIT_CODES:
        return None
    code, clock_unit = UNIT_CODES[unit]
    if unit in ("second", "quarter") and norm(g.get("num")) in ("a", "an"):
        return None  # "a second group", "a quarter of the staff"
    if unit == "day" and norm(g.get("num")) == "one" and re.search(r"\b(?:will|would|could|may|might|can|shall|to)\s+$", ctx.before, re.I):
        return Resolved("DATE", "FUTURE_REF")  # "Islam will one day be ..."
    amount = amount_of(g.get("num")) if "num" in g else 1
    if "num" in g and amount is None and norm(g["num"]) not in ("several", "a few", "few", "a couple", "many", "some", "a number of", "dozens of", "hundreds of", "thousands of"):
        return None
    return Resolved("DURATION", duration(amount, code, clock_unit))


def h_duration_vague(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    unit = norm(g["unit"])
    if unit in ("years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes"):
        if not g.get("rel"):
            return None
        if norm(g["rel"]) in ("coming", "the coming") and unit in ("days", "weeks", "months", "years"):
            return Resolved("DATE", "FUTURE_REF")
        code, clock_unit = UNIT_CODES[unit_of(unit)]
        return Resolved("DURATION", duration(None, code, clock_unit))
    if unit == "seasons":
        return None
    return Resolved("DURATION", "PXX")


SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M", "quarterly": "P3M",
               "annually": "P1Y", "yearly": "P1Y", "biannually": "P6M", "semiannually": "P6M", "hourly": "PT1H"}


def h_set(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    if "mon" in g:
        return Resolved("SET", f"XXXX-{month_of(g['mon']):02d}")
    if "season" in g:
        return Resolved("SET", f"XXXX-{SEASONS[g['season'].lower()]}")
    unit = unit_of(g["unit"])
    if unit not in UNIT_CODES:
        return None
    code, clock_unit = UNIT_CODES[unit]
    amount = parse_number(g["num"]) if "num" in g else 1
    return Resolved("SET", duration(amount, code, clock_unit))


def h_set_adverb(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    return Resolved("SET", SET_ADVERBS[g["word"].lower()])


def h_set_rate(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    """"$5 a year", "twice a month": a rate, not "for a year"."""
    if "times" not in g and not re.search(r"(?:\d|%|percent|cents?|dollars?|times|hours|shifts?|meals?)\W*(?:\w+\W+){0,3}$", ctx.before, re.I):
        return None
    unit = unit_of(g["unit"])
    code, clock_unit = UNIT_CODES[unit]
    return Resolved("SET", duration(1, code, clock_unit))


def h_year_period(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    """"the 1988 period", "the 1988 second quarter", "the 1989 nine months": a year's reporting period."""
    year = int(g["year"])
    what = norm(g["what"])
    if "ord" in g:
        return h_quarter({"ord": g["ord"], "unit": what.split()[-1], "year": g["year"]}, ctx, cand)
    if what in ("quarter", "period") and ctx.reference is not None and ctx.reference.gran == "quarter":
        return as_date(period("quarter", date(year, ctx.use_reference().start.month, 1)), "")
    if what in ("nine months", "six months"):
        return Resolved("DURATION", "P9M" if what.startswith("nine") else "P6M")
    return as_date(period("year", date(year, 1, 1)), "")


def h_half_of(g: dict, ctx: Context, cand: Candidate) -> Resolved | None:
    first = norm(g["which"]) == "first"
    return as_date(period("half", date(int(g["year"]), 1 if first else 7, 1)), "")


HANDLERS = {
    "year_period": h_year_period, "half_of": h_half_of,
    "month_day": h_month_day, "day_month": h_month_day, "month_year": h_month_year, "month_rel": h_month_rel,
    "iso": h_iso, "numeric": h_numeric, "named_numeric": h_named_numeric, "holiday": h_holiday,
    "weekday": h_weekday, "part_weekday": h_part_weekday, "weekday_set": h_weekday_set,
    "deictic": h_deictic, "deictic_part": h_deictic, "overnight": h_overnight,
    "relative": h_relative, "ago": h_ago, "ago_vague": h_ago_vague,
    "quarter": h_quarter, "quarter_bare": h_quarter_bare, "quarters_of": h_quarters_of, "fiscal": h_fiscal,
    "year_end": h_year_end, "the_unit": h_the_unit,
    "decade": h_decade, "century": h_century, "season": h_season, "month": h_month, "year": h_year, "spoken_year": h_year,
    "clock": h_clock, "ref": h_ref,
    "duration": h_duration, "duration_vague": h_duration_vague,
    "set": h_set, "set_adverb": h_set_adverb, "set_rate": h_set_rate,
}
