"""Time expressions in an article, resolved like TimeML's TIMEX3.

    vocab.py    month, weekday and number words (from dateparser and spaCy)
    grammar.py  finding expressions: regular-expression rules, longest match wins
    tense.py    which way the clause points, from the article's spaCy parse
    resolve.py  type and value: DATE / TIME / DURATION / SET, "2010-12-08", "P3D", ...
    named.py    holidays and dates that name one event ("the Sept. 11 attacks")
    values.py   calendar periods and their TimeML value strings

``tag`` works on any parsed text with a document date (the TimeBank scorer
uses it directly); ``extract_times`` runs it on an article after its
quotes are known, so a date inside a quoted statement counts from the day
the statement was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from parallax.article.parsed import ParsedArticle
from parallax.article.time.grammar import Candidate, find_candidates, select
from parallax.article.time.resolve import Context, Resolved, resolve, weekday_date
from parallax.article.time.tense import tense_at
from parallax.article.time.values import Period

__all__ = ["Timex", "QuoteSpan", "tag", "extract_times", "resolve_weekday"]


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    period: Period | None  # the calendar period a DATE or TIME names, if any
    tense: str
    anchor: str  # what it counts from: publication | quote | reference | absolute | none


@dataclass(frozen=True)
class QuoteSpan:
    """Words said or posted on another day than the report: a direct quote with its reporting verb,
    or an embedded post with its own date."""

    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    spoken: date | None = None  # the day the words were said or posted, when known


# a clock time next to its day is one expression: "10 p.m. Wednesday", "Friday, 5 p.m."
DAY_KINDS = {"weekday", "deictic", "month_day", "day_month", "iso"}
JOINER = re.compile(r"(?:\s+|\s*,\s*)$")
# kinds placed in a year by the tense; as a noun's modifier they go to the nearest year instead
YEARLESS = {"month_day", "day_month", "month", "holiday"}
# kinds whose value is written out in full and counts from nothing
ABSOLUTE = {"month_year", "iso", "numeric", "named_numeric", "fiscal", "year_period", "half_of", "decade", "century", "year", "spoken_year"}


def _provisional(cand: Candidate, text: str, published: date | None) -> Resolved | None:
    return resolve(cand, Context(published, None, "unknown", text, cand.start, cand.end))


def _merge_clocks(cands: list[Candidate], text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and JOINER.match(text[prev.end:cand.start] + "") and text[prev.end:cand.start].count("\n") == 0:
            pair = (prev, cand) if prev.kind == "clock" else (cand, prev) if cand.kind == "clock" else None
            if pair and pair[1].kind in DAY_KINDS and len(text[prev.end:cand.start]) <= 3:
                out[-1] = Candidate("clock_day", prev.start, cand.end, {"clock": pair[0], "day": pair[1]})
                continue
        out.append(cand)
    return out


def tag(text: str, doc, published: date | None, quotes: Iterable[QuoteSpan] = (), *,
        parsed: ParsedArticle | None = None) -> list[Timex]:
    """Every time expression in ``text`` (parsed as ``doc``, indexed as ``parsed`` when the caller has it),
    resolved against ``published``."""
    cands = [c for c in find_candidates(text, doc, parsed=parsed) if _provisional(c, text, published) is not None]
    cands = _merge_clocks(select(cands), text)
    quotes = sorted(quotes, key=lambda q: q.start)

    def quote_of(cand: Candidate) -> QuoteSpan | None:
        return next((q for q in quotes if q.start <= cand.start and cand.end <= q.end), None)

    # clock times last in each pass, so they can take the day written beside them
    order = sorted(cands, key=lambda c: (c.kind == "clock", c.start))
    outside = [c for c in order if quote_of(c) is None]
    inside = [c for c in order if quote_of(c) is not None]
    results: dict[int, Timex] = {}
    reference: Period | None = None
    for cand in outside:
        timex = _resolve_one(cand, text, doc, published, reference, cands, results, quoted=False)
        if timex is not None:
            results[cand.start] = timex
            if cand.kind != "clock":
                reference = _next_reference(reference, timex, cand)
    for cand in inside:
        quote = quote_of(cand)
        spoken = quote.spoken or _speech_day(quote, doc, results, published)
        anchor = spoken or published
        if spoken is None and _counts_days(cand) and _reported_in_past(quote, doc):
            # '"Today we informed Congress," she said.' was said on some day before the report: which
            # day "today" is, nobody has told us
            anchor = None
        before = [t for s, t in sorted(results.items()) if s < cand.start and t.period is not None and t.type in ("DATE", "TIME")]
        timex = _resolve_one(cand, text, doc, anchor, before[-1].period if before else None, cands, results, quoted=spoken is not None)
        if timex is not None:
            results[cand.start] = timex
    return [results[s] for s in sorted(results)]


def _next_reference(reference: Period | None, timex: Timex, cand: Candidate) -> Period | None:
    # "a year earlier" is counted from the reference and does not move it: the next "a year ago"
    # in the same results story is the same year-back quarter, not one more year back
    if timex.period is None or timex.type not in ("DATE", "TIME") or cand.kind == "ago":
        return reference
    return timex.period


def _resolve_one(cand, text, doc, anchor, reference, cands, results, quoted: bool) -> Timex | None:
    tense = tense_at(doc, cand.start, cand.end, modifier_unknown=cand.kind in YEARLESS,
                     arrangement=cand.kind in ("weekday", "part_weekday")) if doc is not None else "unknown"
    ctx = Context(anchor, reference, tense, text, cand.start, cand.end)
    if cand.kind == "clock_day":
        clock, day = cand.groups["clock"], cand.groups["day"]
        day_ctx = Context(anchor, reference, tense, text, cand.start, day.end)  # the words before the whole expression
        day_res = resolve(day, day_ctx)
        ctx.extra_day = day_res.period.day if day_res and day_res.period and day_res.period.day else None
        res = resolve(clock, ctx)
        if res is not None and ctx.extra_day is None and day_res is not None and res.period is None:
            res = Resolved("TIME", day_res.value + "T" + res.value.split("T")[-1])
    else:
        if cand.kind == "clock":
            ctx.extra_day = _day_nearby(cand, text, results)
        res = resolve(cand, ctx)
    if res is None or not res.value:
        return None
    if res.period is None:
        how = "none"
    elif ctx.used_reference:
        how = "reference"
    elif cand.kind in ABSOLUTE or ctx.named_event or (cand.kind in ("month_day", "day_month", "season", "holiday", "quarter") and "year" in cand.groups):
        how = "absolute"
    else:
        how = "quote" if quoted else "publication"
    return Timex(cand.start, cand.end, text[cand.start:cand.end], res.type, res.value, res.period, tense, how)


def _day_nearby(cand: Candidate, text: str, results: dict[int, Timex]) -> date | None:
    """The day a lone clock time belongs to: "at 11 p.m. on Tuesday", "on Tuesday at around 11 p.m."."""
    best = None
    for timex in results.values():
        if timex.period is None or timex.period.day is None:
            continue
        gap = text[timex.end:cand.start] if timex.end <= cand.start else text[cand.end:timex.start]
        if len(gap) <= 30 and not re.search(r"[.;!?\n]", gap):
            distance = len(gap)
            if best is None or distance < best[0]:
                best = (distance, timex.period.day)
    return best[1] if best else None


DAY_COUNTING = {"weekday", "part_weekday", "deictic", "deictic_part", "overnight", "clock", "clock_day"}


def _counts_days(cand: Candidate) -> bool:
    """Whether the expression counts days from the speech time ("today", "Tuesday", "last week")."""
    if cand.kind in DAY_COUNTING:
        return True
    unit = cand.groups.get("unit", "").lower()
    return cand.kind in ("relative", "ago") and unit.rstrip("s") in ("day", "night", "week", "weekend")


def _reported_in_past(quote: QuoteSpan, doc) -> bool:
    """A quote whose reporting verb is in the past ("she said"): it may have been said before the report's day."""
    if quote.cue_start is None or doc is None:
        return False
    cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    if cue is None:
        return False
    verbs = [t for t in cue if t.pos_ in ("VERB", "AUX")] or [cue.root]
    return any(t.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in t.children) for t in verbs)


def _speech_day(quote: QuoteSpan, doc, results: dict[int, Timex], published: date | None) -> date | None:
    """The day a quoted statement was made: a dated expression beside its reporting verb, outside the quote."""
    if quote.cue_start is None or doc is None:
        return None
    cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    if cue is None:
        return None
    sent = cue.sent
    best = None
    for timex in results.values():
        if timex.period is None or timex.period.day is None or quote.start <= timex.start < quote.end:
            continue
        if not (sent.start_char <= timex.start < sent.end_char):
            continue
        if published is not None and timex.period.day > published:
            continue  # a statement reported is not made after the report
        distance = abs(timex.start - quote.cue_start)
        if best is None or distance < best[0]:
            best = (distance, timex.period.day)
    return best[1] if best else None


# --------------------------------------------------------------------------- the article stage


def extract_times(article, doc, quotes=(), *, parsed: ParsedArticle | None = None) -> list:
    """The article's time expressions, with the sentence each stands in (``parsed``: the article's
    index of ``doc``, built here when not given)."""
    from parallax.article import TimeExpression

    if parsed is None:
        parsed = ParsedArticle(doc)

    published = _iso_day(article.published)
    spans = [QuoteSpan(q.start, q.end, q.cue_span.start if q.cue_span else None, q.cue_span.end if q.cue_span else None)
             for q in quotes if q.kind == "direct" and not q.in_embedded_post]
    # an embedded post ("Today we struck back", a tweet of Monday's) counts from its own date
    for post in article.embedded_posts:
        posted = _iso_day(post.date)
        if post.start is not None and post.end is not None and posted is not None:
            spans.append(QuoteSpan(post.start, post.end, spoken=posted))
    found = []
    sentences = parsed.sentence_spans
    for timex in tag(article.text, doc, published, spans, parsed=parsed):
        sent = next(((s, e) for s, e in sentences if s <= timex.start < e), (timex.start, timex.end))
        day = timex.period.day if timex.period is not None else None
        clock = timex.period.clock if timex.period is not None and timex.period.gran == "time" else None
        found.append(TimeExpression(
            text=timex.text, start=timex.start, end=timex.end, date=day.isoformat() if day else None,
            time=clock if clock and clock != "24:00" else None, sentence_start=sent[0], sentence_end=sent[1],
            type=timex.type, value=timex.value, anchor=timex.anchor, granularity=timex.period.gran if timex.period else None,
            tense=timex.tense,
        ))
    return found


def _iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- small helpers kept for callers


def resolve_weekday(name: str, modifier: str | None, published: date, future: bool) -> date:
    """The day a weekday names, counted from ``published`` (the publication day itself counts)."""
    from parallax.article.time.vocab import weekday_names

    return weekday_date(weekday_names()[name.lower()], published, "future" if future else "past", (modifier or "").lower())
