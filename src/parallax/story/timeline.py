"""The story's timeline, built from the articles' resolved time expressions.

An expression dates the clause it stands in. Inside a claim's span it dates
that claim, and through the claim's (confident) group the proposition every
outlet reports: one event per proposition, with the articles that report it. When
outlets date the same proposition differently ("arrested Tuesday" against
"arrested Wednesday"), the event says so in ``conflicts``. An expression
outside every claim ("the minister said on Wednesday that …") dates its
sentence: the statement itself, one event per speaker and day across outlets
(other sentences join when they fall on the same day in much the same words).

Only expressions that name a day (or a time on one) make events: "last
month" or "in 2019" name no day, and nothing gets a made-up date. An empty
timeline says why in the report's warnings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from parallax.model import Span, StoryReport, TimeExpression, TimelineEvent

MAX_TEXT = 200
SAME_WORDING = 80  # two undated-claim sentences of one day are one event from this similarity
SAME_MINUTE_WORDING = 35  # ... and from this one when two outlets give the same minute of that day
SAME_PROPOSITION = 55  # claims of one group must be at least this alike for their dates to conflict
DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Za-z .'-]{1,40},?\s*$")
DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,60}\))?\s*[-–—]")


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"


def time_expressions(analyses) -> list[TimeExpression]:
    """Every article's time expressions, for the report's ``time_expressions``."""
    return [
        TimeExpression(article_id=a.article_id, start=t.start, end=t.end, text=t.text, type=t.type, value=t.value, anchor=t.anchor)
        for a in analyses for t in a.times if t.value
    ]


@dataclass
class Entry:
    """One article's dating of one clause."""

    key: tuple
    day: str
    clock: str | None
    text: str
    source: Span
    expressions: list[Span]
    group_id: str | None


def is_dateline(text: str, start: int, end: int) -> bool:
    """"TARVIK, March 12 (Meridian Wire) -": the date of the dispatch, not of an event."""
    return bool(DATELINE.search(text[max(0, start - 45):start]) and DATELINE_AFTER.match(text[end:end + 70]))


def speaker_of_sentence(quotes, start: int, end: int) -> str | None:
    """The speaker whose reporting verb stands in this sentence ("Varga said on Wednesday …")."""
    for quote in quotes:
        cue = quote.cue_span
        if cue is not None and start <= cue.start < end and quote.speaker is not None:
            return quote.speaker.entity_id or quote.speaker.name
    return None


def is_signature(article, start: int, end: int) -> bool:
    """"— Marta Kovic (@martakovic) March 11, 2026": the date an embedded post was posted, not an event."""
    text = article.text
    line_start = text.rfind("\n", 0, start) + 1
    if re.search(r"\(@\w+\)|^\s*[—–-]", text[line_start:start]):
        return True
    return any(p.start is not None and p.end is not None and p.start <= start < p.end and not text[end:p.end].strip()
               for p in article.embedded_posts)


def after_publication(article, expr) -> bool:
    """A day past the article's date told as past or present ("Clinton speaks … November 9, 2016" in a
    2015 article): a caption of later news pasted in, or a misread date; only plans can lie ahead."""
    if not article.published or expr.tense in ("future", "unknown"):
        return False
    try:
        published = date.fromisoformat(article.published[:10])
    except ValueError:
        return False
    return expr.date > (published + timedelta(days=1)).isoformat()


def entries_of(article, analysis, claims, quotes=(), unsure_groups=frozenset()) -> list[Entry]:
    text = article.text
    grouped: dict[tuple, dict] = {}
    for expr in analysis.times:
        if expr.date is None or expr.type not in ("DATE", "TIME") or is_dateline(text, expr.start, expr.end) \
                or is_signature(article, expr.start, expr.end) or after_publication(article, expr):
            continue
        sentence = text[expr.sentence_start:expr.sentence_end]
        rest = sentence.replace(expr.text, " ")
        if len(re.findall(r"[A-Za-z]{2,}", rest)) < 2 or sentence.lstrip().startswith(("—", "–", "-", ",")):
            continue  # post signatures and "Updated 3:45 p.m. March 12" lines date nothing ("He resigned Tuesday." does)
        claim = min((c for c in claims if c.start <= expr.start and expr.end <= c.end), key=lambda c: c.end - c.start, default=None)
        if claim is not None:
            # only a surely aligned proposition joins outlets (and can show their dates conflict)
            group_id = claim.group_id if claim.group_id not in unsure_groups else None
            key = ("group", group_id) if group_id else ("claim", claim.id)
            source = Span(article_id=article.id, start=claim.start, end=claim.end, text=claim.text)
        else:
            stripped = sentence.strip()
            offset = expr.sentence_start + (len(sentence) - len(sentence.lstrip()))
            speaker = speaker_of_sentence(quotes, expr.sentence_start, expr.sentence_end)
            # a dated statement: one event per speaker and day, whichever outlet reports it
            key = ("statement", speaker) if speaker else ("sentence", article.id, expr.sentence_start)
            source = Span(article_id=article.id, start=offset, end=offset + len(stripped), text=stripped)
            group_id = None
        slot = grouped.setdefault((key, expr.date), {"clock": None, "source": source, "group": group_id, "exprs": []})
        slot["exprs"].append(Span(article_id=article.id, start=expr.start, end=expr.end, text=expr.text))
        if expr.time and slot["clock"] is None:
            slot["clock"] = expr.time
    return [Entry(key, day, slot["clock"], slot["source"].text, slot["source"], slot["exprs"], slot["group"])
            for (key, day), slot in grouped.items()]


def build_timeline(articles, analyses, report: StoryReport) -> list[TimelineEvent]:
    by_id = {a.id: a for a in articles}
    outlet = {a.id: a.outlet or a.id for a in articles}
    claims_by_article = defaultdict(list)
    for claim in report.claims:
        claims_by_article[claim.article_id].append(claim)
    quotes_by_article = defaultdict(list)
    for quote in report.quotes:
        quotes_by_article[quote.article_id].append(quote)
    unsure = frozenset(g.id for g in report.claim_groups if g.confidence_level != "confident")
    entries = [e for analysis in analyses
               for e in entries_of(by_id[analysis.article_id], analysis, claims_by_article[analysis.article_id],
                                   quotes_by_article[analysis.article_id], unsure)]
    entries.sort(key=lambda e: (e.day, e.source.article_id, e.source.start))

    # a proposition's entries, then free sentences joining an event of their day in much the same words
    clusters: list[list[Entry]] = []
    by_group: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.key[0] == "group":
            if entry.key[1] not in by_group:
                by_group[entry.key[1]] = []
                clusters.append(by_group[entry.key[1]])
            by_group[entry.key[1]].append(entry)
    by_statement: dict[tuple, list[Entry]] = {}
    for entry in entries:
        if entry.key[0] == "statement":
            slot = (entry.key, entry.day)  # a speaker's statements of different days are different events
            if slot not in by_statement:
                by_statement[slot] = []
                clusters.append(by_statement[slot])
            by_statement[slot].append(entry)
    for entry in entries:
        if entry.key[0] in ("group", "statement"):
            continue
        home = next((c for c in clusters if any(same_event(entry, e) for e in c)), None)
        if home is None:
            home = []
            clusters.append(home)
        home.append(entry)

    timeline = [event for cluster in clusters for event in events_of(cluster, outlet)]
    timeline.sort(key=lambda e: (e.date, e.time or "99:99", e.text))
    report.warnings.extend(timeline_warnings(articles, analyses, timeline))
    return timeline


def same_event(a: Entry, b: Entry) -> bool:
    """Two clauses no claim group joins: one event when of one day in much the same words, or when
    two outlets give the same minute of that day ("at around 11 p.m. on Tuesday") for related words."""
    if a.day != b.day:
        return False
    similarity = fuzz.token_set_ratio(a.text, b.text)
    if similarity >= SAME_WORDING:
        return True
    return bool(a.clock and a.clock == b.clock and a.source.article_id != b.source.article_id and similarity >= SAME_MINUTE_WORDING)


def events_of(cluster: list[Entry], outlet: dict[str, str]) -> list[TimelineEvent]:
    """One event for a cluster; several when its dates differ without being the same proposition."""
    days = sorted({e.day for e in cluster})
    if len(days) == 1:
        return [event(cluster, [])]
    # different days for one proposition conflict only where outlets disagree on wording that says the same
    by_day = {d: [e for e in cluster if e.day == d] for d in days}
    conflicting = all(
        any(fuzz.token_set_ratio(a.text, b.text) >= SAME_PROPOSITION for a in by_day[d1] for b in by_day[d2]
            if a.source.article_id != b.source.article_id)
        for i, d1 in enumerate(days) for d2 in days[i + 1:]
    )
    articles_by_day = {d: {e.source.article_id for e in by_day[d]} for d in days}
    every_article = set().union(*articles_by_day.values())
    disagree = conflicting and len(every_article) > 1 and not any(articles_by_day[d] == every_article for d in days)
    if not disagree:
        return [event(by_day[d], []) for d in days]
    note = "; ".join(f"{d} by {', '.join(sorted({outlet[a] for a in articles_by_day[d]}))}" for d in days)
    return [event(cluster, [note])]


def event(entries: list[Entry], conflicts: list[str]) -> TimelineEvent:
    days = Counter(e.day for e in entries)
    day = min(days, key=lambda d: (-days[d], d))
    clocks = Counter(e.clock for e in entries if e.clock and e.day == day)
    clock = min(clocks, key=lambda t: (-clocks[t], t)) if clocks else None
    text = min((e.text for e in entries), key=lambda t: (len(t), t))
    sources = {(s.article_id, s.start): s for s in (e.source for e in entries)}
    expressions = {(s.article_id, s.start): s for e in entries for s in e.expressions}
    groups = {e.group_id for e in entries if e.group_id}
    return TimelineEvent(
        date=day, time=clock, text=short(text), sources=[sources[k] for k in sorted(sources)],
        expressions=[expressions[k] for k in sorted(expressions)], conflicts=conflicts,
        claim_group_id=min(groups) if len(groups) == 1 else None,
    )


def timeline_warnings(articles, analyses, timeline: list[TimelineEvent]) -> list[str]:
    out = []
    names = {a.id: a.outlet or a.path or a.id for a in articles}
    undated = [a for a in articles if not a.published]
    for article in undated:
        analysis = next((x for x in analyses if x.article_id == article.id), None)
        relative = [t for t in (analysis.times if analysis else []) if t.value.startswith("XXXX")]
        if relative:
            out.append(f"timeline: {names[article.id]} has no publication date, so its {len(relative)} relative date(s) "
                       f"(e.g. '{relative[0].text}') are left unresolved")
    if timeline:
        return out
    times = [t for a in analyses for t in a.times]
    dated = [t for t in times if t.type in ("DATE", "TIME") and t.granularity and t.date is None]
    if not times:
        out.append("timeline: empty, no article mentions a date or a time")
    elif any(t.date for t in times):
        out.append("timeline: empty, the dates found are only in datelines or signatures")
    elif dated:
        sample = ", ".join(f"'{t.text}'" for t in dated[:3])
        out.append(f"timeline: empty, no time expression names a single day ({len(dated)} name a longer period: {sample})")
    elif undated and len(undated) == len(articles):
        out.append("timeline: empty, no article has a publication date to place its relative dates on")
    else:
        out.append(f"timeline: empty, the {len(times)} time expression(s) found are durations, repetitions or general references")
    return out
