"""The self-contained HTML report: one file, inline CSS and JS, no network.

Every article string reaches the page through Jinja2's autoescaping or, for
the evidence viewer, as JSON inside a ``<script type="application/json">``
block with ``<``, ``>``, ``&`` and line separators escaped, read by the page
script with ``textContent`` (never ``innerHTML``). Links are only ever
``http(s)`` URLs. Charts are plain SVG drawn here.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, select_autoescape

from parallax.model import StoryReport
from parallax.render.sections_who import outlet_names, single_outlet_quotes
from parallax.story.align import UNSURE_OMISSION
from parallax.story.framing import naming_differs, ranked_hedges

TEMPLATES = Path(__file__).parent / "templates"
STATE_TITLES = {"reported": "reported", "hedged": "reported with hedging", "disputed": "disputed",
                "omitted": "omitted: nothing in the article states it", "unsure": "not found, but the article may say it in other words"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: f"{v:.0%}"
    return env


def safe_url(url: str | None) -> str | None:
    """Only web links become links: no javascript:, data: or file: URLs from article metadata."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def script_json(data) -> str:
    """JSON that cannot close its <script> element or break out of it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def evidence(span) -> dict:
    return {"a": span.article_id, "s": span.start, "e": span.end}


def timeline_svg_points(report: StoryReport) -> dict | None:
    """Positions for the timeline chart: one dot per event on a day axis."""
    days = sorted({e.date for e in report.timeline})
    if not days:
        return None
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = max(1, (last - first).days)
    width, left, right = 900, 40, 40
    per_day: Counter = Counter()
    points = []
    for i, event in enumerate(report.timeline):
        offset = (date.fromisoformat(event.date) - first).days
        x = left + (width - left - right) * offset / span
        per_day[event.date] += 1
        y = 20 + 18 * per_day[event.date]
        points.append({"x": round(x, 1), "y": y, "i": i, "conflict": bool(event.conflicts)})
    ticks = [{"x": round(left + (width - left - right) * (date.fromisoformat(d) - first).days / span, 1), "label": d} for d in days]
    height = 40 + 18 * max(per_day.values())
    return {"width": width, "height": height, "points": points, "ticks": ticks, "axis": height - 20}


def build_view(report: StoryReport) -> dict:
    names = outlet_names(report)
    articles = report.articles
    claims = {c.id: c for c in report.claims}
    groups = {g.id: g for g in report.claim_groups}
    entities = {e.id: e for e in report.entities}
    quotes = {q.id: q for q in report.quotes}

    confident = [g for g in report.claim_groups if g.confidence_level == "confident"]
    agreement = {}
    for article in articles:
        values = [g.coverage.get(article.id, "omitted") for g in confident]
        agreement[article.id] = sum(v != "omitted" for v in values) / len(values) if values else 0.0

    def row_of(group):
        cells = []
        for article in articles:
            state = group.coverage.get(article.id, "omitted")
            sure = group.coverage_confidence.get(article.id, 1.0)
            example = next((claims[c] for c in group.claim_ids if c in claims and claims[c].article_id == article.id), None)
            # an omission the search could not confirm is shown as "not found", never as "omitted"
            shown = "unsure" if state == "omitted" and sure <= UNSURE_OMISSION else state
            cells.append({"state": shown, "evidence": evidence(example) if example else None,
                          "title": f"{STATE_TITLES[shown]} (confidence {sure:.2f})"})
        return {"id": group.id, "label": group.label, "cells": cells, "conflicts": group.conflicts,
                "confidence": group.confidence, "kind": group.kind}

    matrix = [row_of(g) for g in confident]
    possible = [row_of(g) for g in report.claim_groups if g.confidence_level == "possible"]

    disputes = []
    for dispute in report.disputes:
        only = set(dispute.assertion_reported_in) - set(dispute.denial_reported_in)
        # a disagreement an outlet states ("X was at odds with Y") has its sentence as evidence
        first_claim = next((claims[c] for c in dispute.assertion_claim_ids if c in claims), None) or next(iter(dispute.stated_in), None)
        first_denial = next((claims[c] for c in dispute.denial_claim_ids if c in claims), None)
        disputes.append({
            "label": dispute.label, "asserted_by": dispute.asserted_by, "denied_by": dispute.denied_by,
            "kind": dispute.kind, "confidence": dispute.confidence,
            "claim_outlets": [(names[a], a in only) for a in dispute.assertion_reported_in if a in names],
            "denial_outlets": [names[a] for a in dispute.denial_reported_in if a in names],
            "claim_evidence": evidence(first_claim) if first_claim else None,
            "denial_evidence": evidence(first_denial) if first_denial else None,
        })

    speakers = []
    for group in report.quote_groups:
        variants = []
        for variant in group.variants:
            quote = quotes.get(variant.quote_id)
            variants.append({"outlet": names.get(variant.article_id, variant.outlet or ""), "text": variant.text,
                             "diff": variant.diff, "insertions": variant.insertions, "changes": variant.meaning_changes,
                             "evidence": evidence(quote) if quote else None})
        speakers.append({"speaker": group.speaker or "unknown", "variants": variants})
    single_quotes = [
        {"speaker": q.speaker.name if q.speaker else "unknown", "outlet": names.get(q.article_id, ""), "text": q.text,
         "kind": q.kind, "cue": q.cue or "", "evidence": evidence(q)}
        for q in single_outlet_quotes(report)
    ]

    framing = []
    for f in report.framing:
        own = sorted((t for t in f.loaded_terms if t.voice == "own"), key=lambda t: (-t.score, t.start))
        framing.append({
            "outlet": names.get(f.article_id, f.article_id), "stance": f.stance or "—", "opinion": f.opinion_share,
            "hedges": [{"text": h.text, "kind": h.kind or "", "evidence": evidence(h)} for h in ranked_hedges(f)],
            "own": [{"text": t.text, "score": t.score, "technique": (t.technique or "").replace("_", " "), "evidence": evidence(t)}
                    for t in own],
            "slant": [{"text": x.text, "score": x.score, "evidence": evidence(x)} for x in f.slant_sentences],
            "sentence_count": len(f.sentences),
            "source_evidence": [{"name": c.name, "evidence": evidence(c.evidence[0]) if c.evidence else None}
                                for c in f.cited_source_evidence if c.name in f.cited_sources],
            "quoted": [{"text": t.text, "evidence": evidence(t)} for t in f.loaded_terms if t.voice == "quoted"],
            "insertions": [{"text": i.text, "evidence": evidence(i)} for i in f.insertions],
            "questions": [{"text": q.text, "evidence": evidence(q)} for q in f.rhetorical_questions],
            "sources": f.cited_sources,
            "voices": list(f.voices.items())[:6],
            "omitted": [groups[g].label for g in f.omitted_claim_groups if g in groups][:3],
            "omitted_count": len(f.omitted_claim_groups),
        })
    concepts = Counter(c for f in report.framing for c in f.naming)
    naming_rows = []
    for concept, count in sorted(concepts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < 2:
            continue
        terms = [f.naming.get(concept, []) for f in report.framing]
        if naming_differs(terms):
            naming_rows.append({"concept": concept, "cells": [", ".join(t[:3]) for t in terms]})

    summary = []
    for sentence in report.summary:
        first_span = {}
        for span in sentence.sources:
            first_span.setdefault(span.article_id, span)  # one chip per outlet
        summary.append({"text": sentence.text, "chips": [{"outlet": names.get(a, a), "evidence": evidence(sp)} for a, sp in first_span.items()]})
    timeline = [{"date": e.date, "time": e.time, "text": e.text, "conflicts": e.conflicts,
                 "outlets": sorted({names.get(s.article_id, s.article_id) for s in e.sources}),
                 "evidence": evidence(e.sources[0]) if e.sources else None,
                 "dated_by": [{"text": x.text, "outlet": names.get(x.article_id, x.article_id), "evidence": evidence(x)} for x in e.expressions[:6]]}
                for e in report.timeline]
    timeline_empty = next((w.removeprefix("timeline: ") for w in report.warnings if w.startswith("timeline: empty")), None)

    voice_colors = {}
    palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    for f in report.framing:
        for key, _ in list(f.voices.items())[:6]:
            voice_colors.setdefault(key, palette[len(voice_colors) % len(palette)])

    by_article_title = defaultdict(str)
    for article in articles:
        by_article_title[article.id] = article.title or ""
    data = {"articles": {a.id: {"outlet": names[a.id], "title": a.title or "", "text": a.text} for a in articles}}
    return {
        "title": next((a.title for a in articles if a.title), "Story comparison"),
        "articles": [{"id": a.id, "outlet": names[a.id], "title": a.title or "", "published": a.published or "—",
                      "words": a.word_count, "url": safe_url(a.url), "agreement": agreement[a.id],
                      "posts": len(a.embedded_posts), "removed": len(a.removed)} for a in articles],
        "outlets": [names[a.id] for a in articles],
        "matrix": matrix, "possible": possible, "disputes": disputes, "speakers": speakers, "single_quotes": single_quotes[:60],
        "framing": framing, "naming": naming_rows[:20], "summary": summary, "timeline": timeline,
        "chart": timeline_svg_points(report), "timeline_empty": timeline_empty, "voice_colors": voice_colors,
        "entities": [{"name": e.name, "type": e.type, "role": e.role or "", "variants": e.variants, "mentions": len(e.mentions)}
                     for e in report.entities[:40]],
        "warnings": report.warnings,
        "data_json": script_json(data),
        "quote_count": len(report.quotes), "entity_count": len(entities),
    }


def render_html(report: StoryReport) -> str:
    return environment().get_template("report.html.j2").render(**build_view(report))
