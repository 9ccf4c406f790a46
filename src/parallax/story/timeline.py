"""The story's timeline: dated sentences from every article, merged when they
report the same thing (the same claim group, or the same day and wording),
each with the articles that report it; differing dates for one event are flagged."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from parallax.model import Span, StoryReport, TimelineEvent

MAX_TEXT = 200


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(articles, analyses, report: StoryReport) -> list[TimelineEvent]:
    by_id = {a.id: a for a in articles}
    outlet = {a.id: a.outlet or a.id for a in articles}
    claims_by_article = defaultdict(list)
    for claim in report.claims:
        claims_by_article[claim.article_id].append(claim)
    # one entry per dated sentence: (key, date, time, text, span)
    entries = []
    for analysis in analyses:
        article = by_id[analysis.article_id]
        done = set()
        for expression in analysis.times:
            sentence = (expression.sentence_start, expression.sentence_end)
            if sentence in done or expression.date is None:
                continue
            done.add(sentence)
            text = article.text[sentence[0]:sentence[1]].strip()
            rest = text.replace(expression.text, " ")
            if len(re.findall(r"[A-Za-z]{2,}", rest)) < 5 or text.startswith(("—", "–", "-", ",")):
                continue  # datelines and post signatures date nothing
            claim = next((c for c in claims_by_article[article.id] if c.group_id and c.start < sentence[1] and sentence[0] < c.end), None)
            key = ("group", claim.group_id) if claim else ("sentence", article.id, sentence[0])
            span = Span(article_id=article.id, start=expression.sentence_start, end=expression.sentence_end, text=text)
            entries.append((key, expression.date, expression.time, text, span))
    # sentences without a shared claim join an event of the same day with much the same words
    events: list[dict] = []
    by_key: dict[tuple, dict] = {}
    for key, day, clock, text, span in sorted(entries, key=lambda e: (e[1], e[4].article_id, e[4].start)):
        event = by_key.get(key)
        if event is None and key[0] == "sentence":
            event = next((e for e in events if day in e["dates"] and fuzz.token_set_ratio(text, e["text"]) >= 80), None)
        if event is None:
            event = {"dates": Counter(), "times": Counter(), "text": text, "sources": [], "by_article": {}}
            events.append(event)
        by_key[key] = event
        event["dates"][day] += 1
        if clock:
            event["times"][clock] += 1
        event["sources"].append(span)
        event["by_article"].setdefault(span.article_id, day)  # an article's first date for the event
        if len(text) < len(event["text"]):
            event["text"] = text
    timeline = []
    for event in events:
        day = min(event["dates"], key=lambda d: (-event["dates"][d], d))
        clock = min(event["times"], key=lambda t: (-event["times"][t], t)) if event["times"] else None
        conflicts = []
        by_date = defaultdict(set)
        for article_id, d in event["by_article"].items():
            by_date[d].add(outlet[article_id])
        if len(by_date) > 1:
            conflicts = ["; ".join(f"{d} by {', '.join(sorted(o))}" for d, o in sorted(by_date.items()))]
        timeline.append(TimelineEvent(date=day, time=clock, text=short(event["text"]),
                                      sources=sorted(event["sources"], key=lambda s: (s.article_id, s.start)), conflicts=conflicts))
    timeline.sort(key=lambda e: (e.date, e.time or "99:99", e.text))
    return timeline
