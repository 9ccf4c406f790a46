"""Terminal report: "Framing" — one column per outlet, one row per measure,
with the strongest evidence phrases; then the naming-choice table."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table

from parallax.model import Framing, StoryReport
from parallax.render.sections_who import outlet_names
from parallax.render.terminal import safe, section
from parallax.story.framing import naming_differs, ranked_hedges

MAX_NAMING_ROWS = 14


def distinct(texts, limit: int) -> str:
    seen = []
    for text in texts:
        text = " ".join(text.split())
        if text.lower() not in (s.lower() for s in seen):
            seen.append(text)
    shown = ", ".join(f"“{t[:40]}”" for t in seen[:limit])
    return shown + (f" +{len(seen) - limit}" if len(seen) > limit else "")


def strongest_own(f: Framing) -> list:
    """Own-voice loaded terms, strongest first."""
    return sorted((t for t in f.loaded_terms if t.voice == "own"), key=lambda t: (-t.score, t.start))


def slant_lines(f: Framing, limit: int) -> str:
    shown = [f"“{' '.join(s.text.split())[:90]}” ({s.score:.2f})" for s in f.slant_sentences[:limit]]
    more = len(f.slant_sentences) - limit
    return "\n".join(shown) + (f"\n+{more}" if more > 0 else "")


def measures(f: Framing) -> list[str]:
    own = strongest_own(f)
    quoted = [t for t in f.loaded_terms if t.voice == "quoted"]
    voices = ", ".join(f"{name[:22]} {share:.0%}" for name, share in list(f.voices.items())[:3])
    return [
        f.stance or "—",
        f"{len(f.hedges)}: {distinct((h.text for h in ranked_hedges(f)), 3)}" if f.hedges else "0",
        f"{len(own)}: {distinct((t.text for t in own), 5)}" if own else "0",
        f"{len(f.slant_sentences)} of {len(f.sentences)}\n{slant_lines(f, 2)}" if f.slant_sentences else f"0 of {len(f.sentences)}",
        f"{len(quoted)}: {distinct((t.text for t in quoted), 2)}" if quoted else "0",
        distinct((i.text for i in f.insertions), 3) or "—",
        f"{len(f.rhetorical_questions)}: {distinct((q.text for q in f.rhetorical_questions), 1)}" if f.rhetorical_questions else "0",
        distinct((s.text for s in f.scare_quotes), 3) or "—",
        f"{f.opinion_share:.0%}",
        ", ".join(f.cited_sources[:5]) + (f" +{len(f.cited_sources) - 5}" if len(f.cited_sources) > 5 else "") or "—",
        voices or "—",
        str(len(f.omitted_claim_groups)) if f.omitted_claim_groups else "0",
    ]


ROWS = ["stance", "hedges", "loaded, own voice", "slant sentences", "loaded, in quotes", "insertions", "rhetorical questions",
        "scare quotes", "opinion share", "sources cited", "voices quoted", "omitted claims"]


def naming_table(report: StoryReport, names: dict[str, str]) -> Table | None:
    """Concepts that at least two outlets name, and name differently."""
    framings = [f for f in report.framing if f.naming]
    rows = []
    concepts = Counter(c for f in framings for c in f.naming)
    for concept, count in concepts.items():
        terms = [f.naming.get(concept, []) for f in framings]
        if count >= 2 and naming_differs(terms):
            rows.append((-len({t[0].lower() for t in terms if t}), concept))
    if not rows:
        return None
    table = Table(title="Naming choices (own voice)", expand=True, show_lines=True)
    table.add_column("concept", style="bold", ratio=2, overflow="fold")
    for f in framings:
        table.add_column(safe(names[f.article_id]), ratio=3, overflow="fold")
    for _, concept in sorted(rows)[:MAX_NAMING_ROWS]:
        cells = [safe(", ".join(f.naming.get(concept, [])[:3]) or "—") for f in framings]
        table.add_row(safe(concept), *cells)
    return table


@section("Framing", 50, needs="framing")
def framing_section(report: StoryReport):
    names = outlet_names(report)
    table = Table(expand=True, show_lines=True)
    table.add_column("measure", style="bold", no_wrap=True)
    for f in report.framing:
        table.add_column(safe(names.get(f.article_id, f.article_id)), ratio=1, overflow="fold")
    columns = [measures(f) for f in report.framing]
    for i, row in enumerate(ROWS):
        table.add_row(row, *[safe(c[i]) for c in columns])
    naming = naming_table(report, names)
    return Group(table, naming) if naming is not None else table
