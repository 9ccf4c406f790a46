"""The ``timeline`` gold section: the day each listed passage is dated to.

Gold, a list of::

    {"article": "01-wire-report.txt", "text": "Power was restored by 8 a.m. on Wednesday", "date": "2026-03-11"}

The passage is found in the article's clean text; the timeline event whose
sources overlap it most (the earliest on a tie) must carry the gold date.
A passage no event covers counts as wrong: it should have been dated.
"""

from __future__ import annotations

from parallax.evaluation import GoldContext, scorer
from parallax.evaluation.claims import locate
from parallax.spans import overlap


@scorer("timeline")
def score_timeline(gold: list, context: GoldContext) -> dict[str, dict[str, int]]:
    correct = 0
    for item in gold:
        where = locate(context, item["article"], item["text"])
        best = None
        if where is not None:
            article_id, start, end = where
            for event in context.report.timeline:
                shared = max((overlap(start, end, s.start, s.end) for s in event.sources if s.article_id == article_id), default=0)
                if shared > 0 and (best is None or shared > best[0]):
                    best = (shared, event)
        correct += bool(best and best[1].date == item["date"])
    return {"timeline.date accuracy": {"correct": correct, "total": len(gold)}}
