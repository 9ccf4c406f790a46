"""Scorers for agreement and dispute: claim-group alignment (pairwise precision
and recall over gold claims) and dispute recall (the timeline's scorer is in timeline.py).

Gold claims are snippets; each maps to the predicted claim that overlaps it
most. Two gold claims of one group should share a predicted group (tp, else
fn); two of different groups should not (fp when they do).
"""

from __future__ import annotations

from itertools import combinations

from parallax.evaluation import GoldContext, scorer
from parallax.spans import overlap
from parallax.story.entities import names_match, normalize


def locate(context: GoldContext, name: str, snippet: str) -> tuple[str, int, int] | None:
    article = context.article(name)
    if article is None:
        return None
    start = article.text.find(snippet)
    return (article.id, start, start + len(snippet)) if start >= 0 else None


def claim_at(context: GoldContext, where) -> object | None:
    if where is None:
        return None
    article_id, start, end = where
    best = None
    for claim in context.report.claims:
        if claim.article_id != article_id:
            continue
        shared = overlap(start, end, claim.start, claim.end)
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, claim)
    return best[1] if best else None


@scorer("claims")
def score_alignment(gold: dict, context: GoldContext) -> dict[str, dict[str, int]]:
    groups = [[claim_at(context, locate(context, name, snippet)) for name, snippet in group] for group in gold["groups"]]
    counts = {"tp": 0, "fp": 0, "fn": 0}

    def together(a, b) -> bool:
        return a is not None and b is not None and a.group_id is not None and a.group_id == b.group_id

    for group in groups:
        for a, b in combinations(group, 2):
            counts["tp" if together(a, b) else "fn"] += 1
    for first, second in combinations(groups, 2):
        counts["fp"] += sum(together(a, b) for a in first for b in second)
    return {"claims.alignment (pairwise)": counts}


def any_name(wanted: list[str], names: list[str]) -> bool:
    return any(normalize(w).lower() == normalize(n).lower() or names_match(normalize(w), normalize(n)) for w in wanted for n in names)


@scorer("disputes")
def score_disputes(gold: list, context: GoldContext) -> dict[str, dict[str, int]]:
    found = 0
    for dispute in gold:
        found += any(any_name(dispute["asserted_by"], d.asserted_by) and any_name(dispute["denied_by"], d.denied_by)
                     for d in context.report.disputes)
    return {"disputes.recall": {"correct": found, "total": len(gold)}}
