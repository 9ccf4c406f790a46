"""The ``reading`` gold section: metadata found and boilerplate removed.

Gold, per article file name::

    "reading": {
      "001.txt": {
        "title": "...", "published": "YYYY-MM-DD", "author": "...",
        "outlet": ["Name", "alias"],          # any listed form counts as right
        "boilerplate": ["line that must go", ...],
        "content": ["tricky line that must stay", ...],
        "neutral": ["line either way", ...]
      }
    }

A field left out of the gold is not scored (the article does not state it);
``null`` means the article states nothing and Parallax must leave it empty.
Boilerplate counts: tp = gold boilerplate removed, fn = gold boilerplate kept,
fp = any other removed line unless listed as neutral (a content line removed
is the worst error, so every unexpected removal counts).
"""

from __future__ import annotations

from parallax.evaluation import GoldContext, scorer

FIELDS = ("title", "published", "author", "outlet")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@scorer("reading")
def score_reading(gold: dict, context: GoldContext) -> dict[str, dict[str, int]]:
    counts = {f"reading.{field}": {"correct": 0, "total": 0} for field in FIELDS}
    counts["reading.boilerplate lines"] = {"tp": 0, "fp": 0, "fn": 0}
    for name, expected in sorted(gold.items()):
        article = context.article(name)
        if article is None:
            for field in FIELDS:
                if field in expected:
                    counts[f"reading.{field}"]["total"] += 1
            counts["reading.boilerplate lines"]["fn"] += len(expected.get("boilerplate", []))
            continue
        for field in FIELDS:
            if field not in expected:
                continue
            want = expected[field]
            got = getattr(article, field)
            forms = want if isinstance(want, list) else [want]
            right = (got is None) if want is None else _norm(got) in {_norm(f) for f in forms}
            counts[f"reading.{field}"]["total"] += 1
            counts[f"reading.{field}"]["correct"] += int(right)
        removed = {_norm(r.text) for r in article.removed}
        boilerplate = {_norm(line) for line in expected.get("boilerplate", [])}
        neutral = {_norm(line) for line in expected.get("neutral", [])}
        bucket = counts["reading.boilerplate lines"]
        bucket["tp"] += len(removed & boilerplate)
        bucket["fn"] += len(boilerplate - removed)
        bucket["fp"] += len(removed - boilerplate - neutral)
        content = {_norm(line) for line in expected.get("content", [])}
        counts.setdefault("reading.content lines kept", {"correct": 0, "total": 0})
        counts["reading.content lines kept"]["total"] += len(content)
        counts["reading.content lines kept"]["correct"] += len(content - removed)
    return counts
