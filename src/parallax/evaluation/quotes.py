"""Scorers for "who said what": quotes (found, kind, speaker) and entities
(which names are one entity, which are not, and roles).

Gold quotes name a distinctive snippet of each quote; a predicted quote
matches when its span overlaps the snippet (one-to-one, same kind first).
When a file's quote list is exhaustive, unmatched predictions count as false
positives; otherwise only recall and speaker accuracy are scored.
"""

from __future__ import annotations

from itertools import combinations

from parallax.evaluation import GoldContext, scorer
from parallax.model import Entity, Quote
from parallax.story.entities import names_match, normalize


def _same_name(gold: str, predicted: str | None, entity: Entity | None) -> bool:
    if not predicted:
        return False
    gold_name = normalize(gold).lower()
    candidates = {predicted, *(entity.variants if entity else [])}
    for name in candidates:
        name = normalize(name).lower()
        # "RIA" and "RIA news agency" name the same source
        if name == gold_name or names_match(name, gold_name) or name.split()[: len(gold_name.split())] == gold_name.split():
            return True
    return False


def _match(gold_items: list[dict], quotes: list[Quote], text: str) -> list[tuple[dict, Quote | None]]:
    """Pair each gold snippet with the best overlapping predicted quote, one-to-one."""
    used: set[str] = set()
    pairs = []
    for item in gold_items:
        start = text.find(item["text"])
        end = start + len(item["text"])
        overlapping = [q for q in quotes if q.id not in used and start >= 0 and q.start < end and start < q.end]
        # same kind first, then the most overlap, then the tightest span (a quote inside a post before the post)
        overlapping.sort(key=lambda q: (q.kind != item.get("kind"), -min(q.end, end) + max(q.start, start), q.end - q.start, q.start))
        best = overlapping[0] if overlapping else None
        if best:
            used.add(best.id)
        pairs.append((item, best))
    return pairs


@scorer("quotes")
def score_quotes(gold: dict, context: GoldContext) -> dict[str, dict[str, int]]:
    found = {"tp": 0, "fp": 0, "fn": 0}
    speaker = {"correct": 0, "total": 0}
    kind = {"correct": 0, "total": 0}
    entities = {e.id: e for e in context.report.entities}
    for name, items in gold["articles"].items():
        article = context.article(name)
        if article is None:
            found["fn"] += len(items)
            continue
        quotes = [q for q in context.report.quotes if q.article_id == article.id]
        pairs = _match(items, quotes, article.text)
        for item, quote in pairs:
            if quote is None:
                found["fn"] += 1
                continue
            found["tp"] += 1
            kind["total"] += 1
            kind["correct"] += quote.kind == item.get("kind")
            speaker["total"] += 1
            ref = quote.speaker
            speaker["correct"] += _same_name(item["speaker"], ref.name if ref else None, entities.get(ref.entity_id) if ref and ref.entity_id else None)
        if gold.get("exhaustive"):
            matched = {q.id for _, q in pairs if q}
            # a prediction inside a gold quote's span (a split or partial piece) is not a false alarm
            spans = [(article.text.find(i["text"]), article.text.find(i["text"]) + len(i["text"])) for i in items]
            for q in quotes:
                if q.id not in matched and not any(s < q.end and q.start < e for s, e in spans):
                    found["fp"] += 1
    return {"quotes.found": found, "quotes.speaker (matched)": speaker, "quotes.kind (matched)": kind}


def _entity_of(name: str, entities: list[Entity]) -> Entity | None:
    wanted = normalize(name).lower()
    for entity in entities:
        if any(normalize(v).lower() == wanted for v in entity.variants):
            return entity
    return None


@scorer("entities")
def score_entities(gold: dict, context: GoldContext) -> dict[str, dict[str, int]]:
    """Pairwise: names in one gold group should share an entity (tp/fn); names of
    different groups should not (fp when merged). A name never found is a miss."""
    entities = context.report.entities
    merge = {"tp": 0, "fp": 0, "fn": 0}
    groups = [[(n, _entity_of(n, entities)) for n in group] for group in gold.get("same", [])]
    for group in groups:
        for (_, a), (_, b) in combinations(group, 2):
            if a is not None and a is b:
                merge["tp"] += 1
            else:
                merge["fn"] += 1
        if len(group) == 1 and group[0][1] is None:
            merge["fn"] += 1
    for first, second in combinations(groups, 2):
        if any(a is not None and a is b for _, a in first for _, b in second):
            merge["fp"] += 1
    roles = {"correct": 0, "total": 0}
    for name, role in gold.get("roles", {}).items():
        roles["total"] += 1
        entity = _entity_of(name, entities)
        roles["correct"] += bool(entity and entity.role and role.lower() in entity.role.lower())
    return {"entities.merge (pairwise)": merge, "entities.role": roles}
