"""Finding time expressions: a small grammar of regular expressions over the text.

Each rule names the kind of expression it finds ("month_day", "weekday",
"ago", "duration", ...); the resolver turns a kind and its named groups into
a TimeML type and value. Spans follow the TimeML conventions: determiners
and modifiers are in ("the third quarter", "early next year", "nearly two
years"), prepositions are out ("on Tuesday" → "Tuesday").

All matches of all rules are collected and the longest win, so "Friday Oct.
13" is one expression and not a weekday plus a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parallax.article.time.vocab import (
    PARTS_OF_DAY, SEASONS, alternation, full_month_names, month_names, number_words, ordinal_words, weekday_names,
)


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    groups: dict

    @property
    def length(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def rules() -> list[tuple[str, re.Pattern]]:
    B = r"(?<![\w-])"  # a word starts here
    E = r"(?![\w])"  # a word ends here
    full = full_month_names()
    # an abbreviation may carry its period ("Sept."); a full name never does ("in March." ends a sentence)
    MON = rf"(?:{alternation(full)}(?![\w])|{alternation(set(month_names()) - full)}(?:\.(?!\w)|(?![\w])))"
    WD = alternation(weekday_names()) + E
    ORD = alternation(ordinal_words())
    NUMW = alternation(number_words())
    NUM = (rf"(?:(?!(?:1[1-9]|20)\d\d\b)\d+(?:\.\d+)?(?:\s+\d/\d)?|(?:{NUMW})(?:[\s-]+(?:and\s+)?(?:{NUMW})){{0,3}}"
           rf"(?:\s+and\s+an?\s+half)?|an?(?:\s+(?:hundred|thousand))?(?:\s+and\s+an?\s+half)?|half\s+an?|a\s+half)")
    VAGUE = r"(?:several|a\s+few|few|a\s+couple\s+of|a\s+couple|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of|thousands\s+of)"
    UNIT = r"(?:second|minute|hour|day|night|week(?:end)?|fortnight|month|quarter|year|decade|century|centuries|millenni(?:um|a))"
    UNITS = rf"{UNIT}s?"
    DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    YEAR = r"(?:1[1-9]\d\d|20\d\d)"
    PART = alternation(p for p in PARTS_OF_DAY if p not in ("overnight", "tonight"))
    SEASON = alternation(SEASONS)
    APPROX = r"(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|within|only|just|barely|well\s+over|no\s+more\s+than|the\s+better\s+part\s+of)"
    EDGE = r"(?:early|late|mid-?|the\s+(?:end|beginning|start|middle|close|turn)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:week|quarter)\s+of)"
    CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am(?![\w])|pm(?![\w])|a\.m(?![\w])|p\.m(?![\w]))"
             r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:GMT|UTC|hours|hrs))?|(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|hours|hrs)|noon|midnight|midday)")
    ZONE = r"(?:\s+(?:local\s+time|GMT|UTC|[ECMP][SD]T|BST|CET|CEST|MSK|IST|JST))?"
    SPOKEN_YEAR = rf"(?:nineteen|twenty)[\s-]+(?:{NUMW})(?:[\s-]+(?:{NUMW}))?"
    out = [
        # dates: "Friday, Oct. 13, 1989", "Oct. 13", "13 October 2023", "March eighth"
        ("month_day", rf"{B}(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s+(?P<day>{DAY}|{ORD}){E}(?:,?\s+(?P<year>{YEAR}){E})?"),
        ("day_month", rf"{B}(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<year>{YEAR}){E})?"),
        ("month_year", rf"{B}(?:{EDGE}\s*)?(?P<mon>{MON})(?:,?\s+|\s+of\s+)(?P<year>{YEAR}|{SPOKEN_YEAR}){E}"),
        ("month_rel", rf"{B}(?:{EDGE}\s*)?(?P<mon>{MON})\s+(?P<rel>this|last|next)\s+year{E}"),
        ("iso", rf"{B}(?P<year>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<clock>\d\d:\d\d))?{E}"),
        ("numeric", rf"{B}(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d){E}"),
        ("named_numeric", rf"(?<![\w/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}}){E}(?!/)"),  # "9/11", also in "post-9/11"
        # weekdays: "Tuesday", "last Friday", "early Tuesday", "Saturday night", "this coming Sunday"
        ("weekday", rf"{B}(?:(?P<edge>early|late|earlier|later)\s+(?:on\s+)?|(?P<rel>last|next|this(?:\s+coming|\s+past)?|coming|past|the\s+(?:previous|following|next|same|past))\s+)?"
                    rf"(?P<wd>{WD})(?:'s)?(?:\s+(?P<part>{PART})|\s+(?P<edge2>morning|afternoon|evening|night))?"),
        ("part_weekday", rf"{B}(?:(?:early|late)\s+)?(?P<part>{PART})\s+(?:of\s+)?(?P<wd>{WD})"),
        ("weekday_set", rf"{B}(?:(?:every|each)\s+(?P<wd>{WD})|(?P<wds>{alternation(weekday_names())})s{E}(?:\s+(?P<part>{PART}s?))?)"),
        # today, yesterday, tonight, last night, this morning, the day before yesterday
        ("deictic", rf"{B}(?:(?P<edge>early|late|earlier|later)\s+)?(?P<word>yesterday|today|tomorrow|tonight)(?:'s)?(?:\s+(?P<part>{PART}))?{E}"),
        ("deictic", rf"{B}the\s+day\s+(?P<word>before\s+yesterday|after\s+tomorrow){E}"),
        ("deictic_part", rf"{B}(?:(?P<edge>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART}){E}"),
        ("overnight", rf"{B}overnight{E}"),
        # this week, last month, next year, the coming weeks, earlier this year, the current quarter
        ("relative", rf"{B}(?:(?P<edge>{EDGE}|earlier|later)\s*)?(?P<rel>this|last|next|the\s+coming|coming|this\s+past|the\s+past|past|the\s+previous|previous|the\s+preceding|preceding|the\s+following|following|the\s+next|that|the\s+same|the\s+current|current|the\s+latest|latest|the\s+most\s+recent|the\s+prior|prior|the\s+last|its\s+latest|its\s+current)"
                     rf"\s+(?:fiscal\s+|calendar\s+)?(?P<unit>day|night|week(?:end)?|month|year|quarter|period|decade|century|(?P<season>{SEASON})|(?P<mon>{MON})){E}"),
        # 3 days ago, a year earlier, two weeks later, nearly four years ago
        ("ago", rf"{B}(?:{APPROX}\s+)?(?P<num>{NUM}|{VAGUE})\s+(?:more\s+)?(?P<unit>{UNITS})\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously){E}"),
        ("ago", rf"{B}(?:a\s+)?(?P<unit>week|month|year|day)\s+or\s+so\s+(?P<dir>ago|earlier|later){E}"),
        ("ago", rf"{B}(?P<unit>year|month|week|day)-(?P<dir>ago|earlier){E}(?:\s+(?P<what>quarter|period|month|year|week|level|figure|results?|nine\s+months|six\s+months))?"),
        ("ago", rf"{B}the\s+(?P<unit>year|month|week|day)-(?P<dir>ago|earlier)\s+(?P<what>quarter|period|month|year|week|nine\s+months|six\s+months){E}"),
        # "the day before" standing alone; "the day before the vote" counts from an event, not a date
        ("ago", rf"{B}the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after){E}(?=\s*[,.;:)—–-]|\s*$)"),
        ("ago_vague", rf"{B}(?P<unit>years|months|weeks|days|decades|centuries)\s+(?:ago|earlier|later){E}"),
        # quarters and halves: the third quarter, third-quarter, this year's first quarter, the first half of 1990
        ("quarter", rf"{B}(?:(?:the|its|their|this|last|next)\s+)?(?:(?P<rel>this|last|next|that)\s+year's\s+)?(?:(?:the|its|their)\s+)?(?:(?P<shift>year-earlier|year-ago|prior-year|previous-year)\s+)?(?:fiscal\s+)?(?:(?P<edge>early|late)\s+)?"
                    rf"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)(?:-|\s+)(?:fiscal\s+|calendar\s+)?(?P<unit>quarter|half|period){E}(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{YEAR}){E}|\s+of\s+(?P<yrel>this|last|next)\s+year)?"),
        ("year_period", rf"{B}the\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth|final)[\s-]+)?(?P<what>quarter|period|half|nine\s+months|six\s+months|fiscal\s+year|season){E}"),
        ("half_of", rf"{B}(?:(?:at\s+least|through)\s+)?the\s+(?P<which>first|second|last|latter|final|back)\s+half\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}){E}"),
        ("half_of", rf"{B}(?:(?:at\s+least|through)\s+)?(?:the\s+)?(?P<which>first|last)\s+two\s+quarters\s+of\s+(?P<year>{YEAR}){E}"),
        ("quarter_bare", rf"{B}the\s+(?P<unit>quarter){E}"),
        ("quarters_of", rf"{B}(?:the\s+)?(?:first|last)\s+three\s+quarters\s+of\s+(?P<year>{YEAR}){E}"),
        ("fiscal", rf"{B}(?:(?:the\s+)?(?:early|late)\s+)?fiscal\s+(?:year\s+)?(?P<year>{YEAR}|'\d\d|\d{{2}}){E}"),
        ("year_end", rf"{B}(?:(?:around|by)\s+)?(?:the\s+)?year(?:'s)?[\s-]end{E}"),
        ("year_end", rf"{B}the\s+end\s+of\s+the\s+year{E}"),
        ("the_unit", rf"{B}the\s+(?P<unit>year|month|week|day|weekend|(?:fiscal|full|calendar)\s+year){E}"),
        # decades and centuries: the 1990s, the '80s, the early eighties, the 20th century
        ("decade", rf"{B}(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:(?P<dec>\d{{3}}0)'?s|'(?P<short>\d0)s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){E}"),
        ("decade", rf"{B}the\s+last\s+half\s+of\s+the\s+'(?P<short>\d0)s{E}"),
        ("century", rf"{B}(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?P<ord>{ORD}))[\s-]+century{E}"),
        # seasons: this summer, last fall, the summer of 1990, early spring
        ("season", rf"{B}(?:(?P<edge>early|late|mid-?)\s*)?(?:(?P<rel>this|last|next|this\s+past|the\s+past|the\s+coming|that)\s+)?(?:the\s+)?(?:(?P<edge2>early|late)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR})){E}"),
        ("season", rf"{B}(?:(?P<edge>early|late|mid-?)\s*)?(?P<rel>this|last|next|this\s+past|the\s+coming|the)\s+(?:(?P<edge2>early|late)\s+)?(?P<season>{SEASON}){E}"),
        ("season", rf"{B}(?P<year>{YEAR})\s+(?P<season>{SEASON}){E}"),
        # a month alone: "in January", "last April", "early next month" is relative; "mid-November"
        ("month", rf"{B}(?:(?P<edge>{EDGE})\s*)?(?:(?P<rel>last|next|this(?:\s+past|\s+coming)?|coming)\s+)?(?P<mon>{MON})(?!\s*\d)"),
        ("year", rf"{B}(?:(?P<edge>{EDGE})\s*)?(?:the\s+year\s+)?(?P<year>{YEAR}){E}(?![,.]?\d|%|-\d|\s*(?:percent|per\s+cent))"),
        ("year", rf"{B}(?:the\s+year\s+)(?P<spoken>two\s+thousand(?:\s+and\s+(?:{NUMW}))?|{SPOKEN_YEAR}){E}"),
        ("spoken_year", rf"{B}(?P<spoken>{SPOKEN_YEAR}){E}(?!\s+(?:{NUMW}|point|percent|per\s+cent|dollars|people|years?|months?|days?))"),
        # clock times: 10 p.m., around 7:15 p.m., noon, 5 p.m. EST
        ("clock", rf"{B}(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)|some\s+time\s+after)\s+)?(?P<clock>{CLOCK}){ZONE}{E}"),
        # general references: now, currently, recently, soon, the future
        ("ref", rf"{B}(?P<present>now|nowadays|at\s+present|these\s+days|at\s+the\s+moment)(?![\w-])"),
        ("ref", rf"{B}(?P<past>recently|lately|formerly|in\s+the\s+past|the\s+past|in\s+recent\s+(?:days|weeks|months|years|times)|recent\s+days|the\s+old\s+days|long\s+ago)(?![\w-])(?!\s+(?:than|this|that|last|today|yesterday|in\s+the))"),
        ("ref", rf"{B}(?<!as\s)(?P<future>soon(?!\s+(?:as|after|before|afterwards?)\b)|the\s+future|the\s+near\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|a\s+later\s+date|as\s+soon\s+as\s+possible|coming\s+(?:days|weeks|months|years|quarters)|the\s+coming\s+(?:days|weeks|months|years|quarters)|in\s+the\s+(?:days|weeks|months|years)\s+ahead|someday){E}"),
        # durations: three years, the past two months, a few days, five-year, 52-week, 2 1/2 years
        ("duration", rf"{B}(?:{APPROX}\s+)?(?:(?:each\s+of\s+)?the\s+(?P<rel>past|last|next|first|final|previous|coming|following|latest|same|remaining|initial|year-earlier)\s+)?(?:the\s+)?"
                     rf"(?P<num>{NUM}|{VAGUE})\s+(?:more\s+|additional\s+|straight\s+|consecutive\s+|trading\s+|business\s+|working\s+|full\s+|long\s+|successive\s+|further\s+)?(?P<unit>{UNITS})(?:\s+(?P<old>old|long|running|in\s+a\s+row))?{E}"),
        ("duration", rf"{B}(?:{APPROX}\s+)?(?:the\s+(?P<rel>past|last|next|first|coming|latest|previous)\s+)(?P<unit>year|month|week|day|decade|century|quarter|hour|minute){E}"),
        ("duration", rf"{B}(?P<num>\d+(?:\.\d+)?|{NUMW}(?:-{NUMW})?|several|half)[\s-](?P<unit>{UNIT})(?:-(?P<old>old|long))?(?=[\s-]+[a-z])"),
        ("duration_vague", rf"{B}(?:(?P<rel>recent|coming|the\s+coming|the\s+past|past|the\s+next|the\s+last|the\s+early|the\s+following|the|for|over|within|in)\s+)?(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|seasons){E}"),
        ("duration_vague", rf"{B}(?P<unit>a\s+(?:long\s+|short\s+)?while|a\s+(?:long|short)\s+time|some\s+time|a\s+(?:fairly\s+)?(?:lengthy|long)\s+period){E}"),
        # sets: every month, each year, daily, twice a year, Tuesdays
        ("set", rf"{B}(?:every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNITS}|(?P<mon>{MON})|(?P<season>{SEASON})){E}"),
        ("set_rate", rf"{B}(?:(?P<times>once|twice|three\s+times|four\s+times|\d+\s+times)\s+)?an?\s+(?P<unit>year|month|week|day|quarter|hour|night){E}"),
    ]
    # one rule per holiday (the lexicon's names are patterns), so the longest wins: "Christmas Eve" over "Christmas"
    out += [("holiday", rf"{B}(?:(?P<rel>this|last|next)\s+)?(?P<name>{name}){E}(?:,?\s+(?P<year>{YEAR}){E})?") for name in holiday_names()]
    return [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in out if pattern]


@lru_cache(maxsize=1)
def holiday_names() -> list[str]:
    from parallax.article.time.named import holidays

    return list(holidays())


CAPITALISED = ("mon", "wd", "wds", "name")


def find_candidates(text: str, doc=None, *, parsed=None) -> list[Candidate]:
    """Every match of every rule, before overlaps are settled.

    With the article's parse, a rule runs only over the sentences holding one
    of its trigger words (a month name, a unit, "ago", a digit...): most
    sentences name no time, and scanning them with every rule would cost more
    than the rest of the stage together. ``parsed``: the doc's ``ParsedArticle``, whose sentences are
    read when given.
    """
    regions = [(0, len(text), None)]
    if doc is not None:
        sentences = parsed.sentences if parsed is not None else doc.sents
        regions = [(sent.start_char, sent.end_char, sentence_words(sent)) for sent in sentences]
    found = []
    for kind, pattern in rules():
        needs = triggers().get(kind)
        for start, end, words in regions:
            if words is not None and needs is not None and not (needs & words):
                continue
            for match in pattern.finditer(text, start, end):
                if match.end() <= match.start():
                    continue
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                # month and weekday names are proper nouns: "may", "march", "sun" in lower case are words
                if any(k in groups and not groups[k][:1].isupper() for k in CAPITALISED):
                    continue
                found.append(Candidate(kind, match.start(), match.end(), groups))
    return found


DIGIT = "<digit>"


def sentence_words(sent) -> frozenset[str]:
    words = set()
    for token in sent:
        word = token.lower_.rstrip(".")
        words.add(word)
        if any(ch.isdigit() for ch in word):
            words.add(DIGIT)
        if "-" in word:
            words.update(word.split("-"))
    return frozenset(words)


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    """kind → the words one of which a sentence must hold for the rule to run there."""
    months = frozenset(month_names())
    weekdays = frozenset(weekday_names()) | {w + "s" for w in weekday_names()}
    units = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "hrs", "day", "days", "night", "nights",
                       "week", "weeks", "weekend", "weekends", "fortnight", "fortnights", "month", "months", "quarter",
                       "quarters", "year", "years", "decade", "decades", "century", "centuries", "millennium", "millennia",
                       "period", "while", "time", "half", "seasons"})
    seasons = frozenset(SEASONS)
    holidays_first = frozenset(re.match(r"[A-Za-z]+", name).group().lower() for name in holiday_names())
    refs = frozenset({"now", "nowadays", "present", "these", "moment", "current", "recently", "lately", "formerly", "past",
                      "recent", "old", "long", "soon", "future", "near", "short", "term", "later", "possible", "coming",
                      "ahead", "someday", "days", "weeks", "months", "years", "quarters", "times"})
    parts = frozenset(p for p in PARTS_OF_DAY)
    return {
        "month_day": months, "day_month": months, "month_year": months, "month_rel": months, "month": months,
        "iso": frozenset({DIGIT}), "numeric": frozenset({DIGIT}), "named_numeric": frozenset({DIGIT}),
        "weekday": weekdays, "part_weekday": weekdays, "weekday_set": weekdays,
        "deictic": frozenset({"yesterday", "today", "tomorrow", "tonight"}), "deictic_part": parts, "overnight": frozenset({"overnight"}),
        "relative": units | seasons | months, "ago": frozenset({"ago", "earlier", "later", "before", "after", "hence", "previously", "now", "so"}),
        "ago_vague": frozenset({"ago", "earlier", "later"}),
        "year_period": frozenset({DIGIT}), "half_of": frozenset({"half", "quarters"}), "quarter": frozenset({"quarter", "half", "period"}),
        "quarter_bare": frozenset({"quarter"}), "quarters_of": frozenset({"quarters"}), "fiscal": frozenset({"fiscal"}),
        "year_end": frozenset({"end"}), "the_unit": units,
        "decade": frozenset({DIGIT, "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "'80s"}),
        "century": frozenset({"century"}), "season": seasons,
        "year": frozenset({DIGIT, "two", "nineteen", "twenty"}), "spoken_year": frozenset({"nineteen", "twenty"}),
        "clock": frozenset({DIGIT, "noon", "midnight", "midday"}), "ref": refs,
        "duration": units, "duration_vague": units | {"years", "months", "weeks", "days"}, "set": frozenset({"every", "each", "per"}),
        "set_rate": units, "holiday": holidays_first,
    }


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first; a shorter one overlapping a kept one is dropped."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, c.start, RANK.get(c.kind, 50))):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        kept.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


# when two rules find the same span, the more specific one wins
RANK = {"half_of": 0, "year_period": 0, "named_numeric": 0, "holiday": 1, "month_day": 2, "day_month": 2, "iso": 2, "numeric": 2, "month_year": 3,
        "quarter": 4, "fiscal": 4, "ago": 5, "relative": 6, "weekday": 7, "deictic": 7, "deictic_part": 7,
        "season": 8, "decade": 8, "century": 8, "month": 9, "year": 9, "clock": 10, "set": 11, "set_rate": 12,
        "duration": 20, "duration_vague": 30, "the_unit": 31, "ref": 40}
