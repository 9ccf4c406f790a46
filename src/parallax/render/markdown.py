"""The report as Markdown, for pasting into a document. Article text is
escaped so it cannot open links, images, HTML or table cells."""

from __future__ import annotations

import re

from parallax.model import StoryReport
from parallax.render.sections_who import outlet_names, plain_diff, single_outlet_quotes
from parallax.story.align import UNSURE_OMISSION
from parallax.story.framing import ranked_hedges

SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # inline markup, links, HTML, table cells


def md(text: object) -> str:
    """One line of Markdown-inert text."""
    value = " ".join(str(text or "").split())
    return SPECIAL.sub(r"\\\1", value).replace("&", "&amp;")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def own_terms(f) -> list[str]:
    """Own-voice loaded terms, strongest first, each phrase once."""
    seen: list[str] = []
    for t in sorted((t for t in f.loaded_terms if t.voice == "own"), key=lambda t: (-t.score, t.start)):
        if t.text.lower() not in (x.lower() for x in seen):
            seen.append(t.text)
    return seen


def render_markdown(report: StoryReport) -> str:
    names = outlet_names(report)
    title = next((a.title for a in report.articles if a.title), "Story comparison")
    out = [f"# {md(title)}", "", f"{len(report.articles)} articles: " + ", ".join(md(names[a.id]) for a in report.articles), ""]
    out += ["## Articles", ""] + table(
        ["Outlet", "Title", "Date", "Words"],
        [[md(names[a.id]), md(a.title or "—"), md(a.published or "—"), str(a.word_count)] for a in report.articles],
    )
    if report.summary:
        out += ["## Neutral summary", ""]
        for sentence in report.summary:
            sources = []
            for span in sentence.sources:
                if names.get(span.article_id) not in sources:
                    sources.append(names.get(span.article_id, span.article_id))
            out.append(f"- {md(sentence.text)} *({', '.join(md(s) for s in sources)})*")
        out.append("")
    if report.claim_groups:
        symbol = {"reported": "●", "hedged": "◐", "disputed": "✕", "omitted": "·"}

        def cell(group, article_id: str) -> str:
            state = group.coverage.get(article_id, "omitted")
            if state == "omitted" and group.coverage_confidence.get(article_id, 1.0) <= UNSURE_OMISSION:
                return "?"
            return symbol[state]

        def rows(groups):
            return [[md(g.label) + ("<br>figures differ: " + md("; ".join(g.conflicts)) if g.conflicts else ""), f"{g.confidence:.2f}",
                     *[cell(g, a.id) for a in report.articles]] for g in groups]

        header = ["Claim", "Sure", *[md(names[a.id]) for a in report.articles]]
        confident = [g for g in report.claim_groups if g.confidence_level == "confident"]
        possible = [g for g in report.claim_groups if g.confidence_level == "possible"]
        out += ["## Agreement", "", "● reported · ◐ hedged · ✕ disputed · · omitted · ? not found (may be worded otherwise)", ""]
        out += table(header, rows(confident[:25])) if confident else ["No proposition is surely shared.", ""]
        if possible:
            out += ["### Possible (less sure)", ""] + table(header, rows(possible[:15]))
    if report.disputes:
        out += ["## Disputes", ""] + table(
            ["Claim", "Asserted by", "Denied by", "Carried by (claim)", "Carried by (denial)"],
            [[md(d.label) + (" *(disputed by the outlet)*" if d.kind == "outlet" else ""), md(", ".join(d.asserted_by)), md(", ".join(d.denied_by)),
              md(", ".join(names.get(a, a) for a in d.assertion_reported_in)), md(", ".join(names.get(a, a) for a in d.denial_reported_in))]
             for d in report.disputes])
    if report.quote_groups or report.quotes:
        out += ["## Who said what", ""]
        for group in report.quote_groups[:20]:
            out.append(f"**{md(group.speaker or 'unknown')}**")
            for variant in group.variants:
                out.append(f"- {md(names.get(variant.article_id, ''))}: “{md(variant.text)}”")
                if variant.diff:
                    # against the fullest wording: [-left out-] {+added+}
                    out.append(f"  - wording: {plain_diff(variant.diff, lambda t: md(t) + (' ' if t[-1:].isspace() else ''))}")
            out.append("")
        single = [q for q in single_outlet_quotes(report) if q.speaker.name]
        if single:
            # quotes only one outlet carries, by speaker in order of first appearance
            out += ["Quoted by one outlet only:", ""]
            for q in single[:30]:
                out.append(f"- **{md(q.speaker.name)}** ({md(names.get(q.article_id, ''))}): “{md(q.text)}”")
            if len(single) > 30:
                out.append(f"- … and {len(single) - 30} more")
            out.append("")
    if report.framing:
        out += ["## Framing", ""]
        header = ["Measure", *[md(names.get(f.article_id, f.article_id)) for f in report.framing]]
        rows = [
            ["Stance", *[md(f.stance or "—") for f in report.framing]],
            ["Hedges", *[md(", ".join(h.text for h in ranked_hedges(f)[:5])) or "—" for f in report.framing]],
            ["Loaded (own voice)", *[md(", ".join(own_terms(f))[:200]) or "—" for f in report.framing]],
            ["Slant sentences", *[f"{len(f.slant_sentences)} of {len(f.sentences)}" for f in report.framing]],
            ["Insertions", *[md(", ".join(i.text for i in f.insertions)) or "—" for f in report.framing]],
            ["Opinion share", *[f"{f.opinion_share:.0%}" for f in report.framing]],
            ["Sources cited", *[md(", ".join(f.cited_sources)) or "—" for f in report.framing]],
            ["Voices", *[md(", ".join(f"{k} {v:.0%}" for k, v in list(f.voices.items())[:4])) or "—" for f in report.framing]],
        ]
        out += table(header, rows)
        for f in report.framing:
            if f.slant_sentences:
                out += [f"**Slant sentences, {md(names.get(f.article_id, f.article_id))}** (strongest first)", ""]
                out += [f"- “{md(' '.join(s.text.split()))}” ({s.score:.2f})" for s in f.slant_sentences[:3]] + [""]
        from collections import Counter

        from parallax.story.framing import naming_differs

        concepts = Counter(c for f in report.framing for c in f.naming)
        naming = [c for c, n in sorted(concepts.items()) if n >= 2 and naming_differs([f.naming.get(c, []) for f in report.framing])]
        if naming:
            out += ["### Naming choices (own voice)", ""] + table(
                ["Concept", *header[1:]], [[md(c), *[md(", ".join(f.naming.get(c, [])[:3])) or "—" for f in report.framing]] for c in naming[:20]])
    if report.timeline:
        out += ["## Timeline", ""] + table(
            ["When", "What", "Reported by"],
            [[e.date + (f" {e.time}" if e.time else ""), md(e.text)
              + (" (dated by " + md(", ".join(sorted({f"'{x.text}'" for x in e.expressions})[:4])) + ")" if e.expressions else "")
              + (" — dates differ: " + md("; ".join(e.conflicts)) if e.conflicts else ""),
              md(", ".join(sorted({names.get(s.article_id, s.article_id) for s in e.sources})))] for e in report.timeline])
    if report.warnings:
        out += ["## Warnings", ""] + [f"- {md(w)}" for w in report.warnings] + [""]
    return "\n".join(out).rstrip() + "\n"
