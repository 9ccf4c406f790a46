"""Scorer for framing: hedges, own-voice loaded terms, editorial insertions and
rhetorical questions (span overlap, one-to-one), and cited sources (names).

Gold snippets are located in the article text; every occurrence of a snippet
is one gold item. A key missing from an article's gold is not scored there.
"""

from __future__ import annotations

import re

from parallax.evaluation import GoldContext, scorer
from parallax.lexicons import valence
from parallax.spans import overlaps
from parallax.story.entities import names_match, normalize

SPAN_KEYS = {
    "hedges": lambda f: f.hedges,
    "loaded_own": lambda f: [t for t in f.loaded_terms if t.voice == "own"],
    "insertions": lambda f: f.insertions,
    "rhetorical_questions": lambda f: f.rhetorical_questions,
}


def occurrences(text: str, snippet: str) -> list[tuple[int, int]]:
    out, at = [], text.find(snippet)
    while at >= 0:
        out.append((at, at + len(snippet)))
        at = text.find(snippet, at + 1)
    return out


def match_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict[str, int]:
    used: set[int] = set()
    tp = 0
    for start, end in gold:
        hit = next((i for i, (s, e) in enumerate(predicted) if i not in used and overlaps(s, e, start, end)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    # several predictions inside one gold item ("so-called" and "so-called evidence") are not false alarms
    fp = sum(1 for i, (s, e) in enumerate(predicted) if i not in used and not any(overlaps(s, e, gs, ge) for gs, ge in gold))
    return {"tp": tp, "fp": fp, "fn": len(gold) - tp}


def vader_baseline(text: str) -> list[tuple[int, int]]:
    """The plain sentiment-lexicon baseline: every word VADER scores at |valence| >= 1.5."""
    lexicon = valence()
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", text) if abs(lexicon.get(m.group().lower(), 0.0)) >= 1.5]


def same_source(gold: str, predicted: str) -> bool:
    a, b = normalize(gold).lower(), normalize(predicted).lower()
    return a == b or names_match(a, b) or b.split()[: len(a.split())] == a.split() or a.split()[: len(b.split())] == b.split()


@scorer("framing")
def score_framing(gold: dict, context: GoldContext) -> dict[str, dict[str, int]]:
    totals = {key: {"tp": 0, "fp": 0, "fn": 0} for key in [*SPAN_KEYS, "cited_sources", "loaded_own (VADER baseline)"]}
    framing_of = {f.article_id: f for f in context.report.framing}
    for name, expected in gold["articles"].items():
        article = context.article(name)
        framing = framing_of.get(article.id) if article else None
        for key, pick in SPAN_KEYS.items():
            if key not in expected:
                continue
            spans = [span for snippet in expected[key] for span in occurrences(article.text, snippet)] if article else []
            predicted = [(s.start, s.end) for s in pick(framing)] if framing else []
            for k, v in match_spans(spans, predicted).items():
                totals[key][k] += v
            if key == "loaded_own" and article:
                for k, v in match_spans(spans, vader_baseline(article.text)).items():
                    totals["loaded_own (VADER baseline)"][k] += v
        if "cited_sources" in expected:
            predicted = list(framing.cited_sources) if framing else []
            used: set[int] = set()
            for source in expected["cited_sources"]:
                hit = next((i for i, p in enumerate(predicted) if i not in used and same_source(source, p)), None)
                if hit is None:
                    totals["cited_sources"]["fn"] += 1
                else:
                    used.add(hit)
                    totals["cited_sources"]["tp"] += 1
            totals["cited_sources"]["fp"] += len(predicted) - len(used)
    return {f"framing.{key}": counts for key, counts in totals.items()}
