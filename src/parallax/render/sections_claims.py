"""Terminal report: "Summary", "Agreed" (the claim matrix, outlets as columns),
"Disputed" (who asserts, who denies, who carries which side) and "Timeline"."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from parallax.model import StoryReport
from parallax.render.sections_who import outlet_names
from parallax.render.terminal import safe, section
from parallax.story.align import UNSURE_OMISSION

MAX_GROUPS = 15
MAX_POSSIBLE = 8
CELL = {"reported": ("●", "green"), "hedged": ("◐", "yellow"), "disputed": ("✕", "red"), "omitted": ("·", "dim")}


def sources_line(spans, names: dict[str, str]) -> str:
    outlets = []
    for span in spans:
        name = names.get(span.article_id, span.article_id)
        if name not in outlets:
            outlets.append(name)
    return ", ".join(outlets)


@section("Summary", 10, needs="summary")
def summary_section(report: StoryReport):
    names = outlet_names(report)
    lines = []
    for sentence in report.summary:
        line = Text("• ")
        line.append(safe(sentence.text))
        line.append(f"  [{safe(sources_line(sentence.sources, names))}]", style="cyan")
        lines.append(line)
    return Group(*lines)


def cell_of(group, article_id: str) -> tuple[str, str]:
    state = group.coverage.get(article_id, "omitted")
    if state == "omitted" and group.coverage_confidence.get(article_id, 1.0) <= UNSURE_OMISSION:
        return "?", "dim"  # not found, but the article may say it in other words
    return CELL.get(state, ("·", "dim"))


def coverage_table(report: StoryReport, groups, caption: str) -> Table:
    names = outlet_names(report)
    table = Table(expand=True, caption=caption)
    table.add_column("claim", ratio=5, overflow="fold")
    table.add_column("sure", justify="right", no_wrap=True)
    article_ids = [a.id for a in report.articles]
    for article_id in article_ids:
        table.add_column(safe(names[article_id]), justify="center", ratio=1, overflow="fold")
    for group in groups:
        label = safe(group.label)
        if group.conflicts:
            label += "\n[red]figures differ: " + safe("; ".join(group.conflicts)) + "[/red]"
        cells = [f"[{style}]{symbol}[/{style}]" for symbol, style in (cell_of(group, a) for a in article_ids)]
        table.add_row(label, f"{group.confidence:.2f}", *cells)
    return table


@section("Agreed", 20)
def matrix_section(report: StoryReport):
    confident = [g for g in report.claim_groups if g.confidence_level == "confident"]
    possible = [g for g in report.claim_groups if g.confidence_level == "possible"]
    if not confident and not possible:
        return None
    parts = []
    if confident:
        parts.append(coverage_table(report, confident[:MAX_GROUPS], "● reported  ◐ hedged  ✕ disputed  · omitted  ? not found (may be worded otherwise)"))
        if len(confident) > MAX_GROUPS:
            parts.append(Text(f"{len(confident) - MAX_GROUPS} more confident groups in --format json/html", style="dim"))
    if possible:
        parts.append(Text(f"Possible ({len(possible)}, less sure):", style="bold"))
        parts.append(coverage_table(report, possible[:MAX_POSSIBLE], ""))
    return Group(*parts)


@section("Disputed", 30, needs="disputes")
def disputes_section(report: StoryReport):
    names = outlet_names(report)
    table = Table(expand=True, show_lines=True)
    for column, ratio in (("claim", 4), ("asserted by", 2), ("denied by", 2), ("carries the claim", 2), ("carries the denial", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for dispute in report.disputes:
        only_claim = set(dispute.assertion_reported_in) - set(dispute.denial_reported_in)
        carries = ", ".join(names.get(a, a) + (" (only this side)" if a in only_claim else "") for a in dispute.assertion_reported_in)
        label = safe(dispute.label) + (" [dim](disputed by the outlet)[/dim]" if dispute.kind == "outlet" else "")
        table.add_row(label, safe(", ".join(dispute.asserted_by)), safe(", ".join(dispute.denied_by)),
                      safe(carries), safe(", ".join(names.get(a, a) for a in dispute.denial_reported_in)))
    return table


@section("Timeline", 60)
def timeline_section(report: StoryReport):
    if not report.timeline:
        why = [w for w in report.warnings if w.startswith("timeline: empty")]
        return Text(safe(why[0].removeprefix("timeline: ")), style="dim") if why else None
    names = outlet_names(report)
    table = Table(expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("what", ratio=5, overflow="fold")
    table.add_column("reported by", ratio=2, overflow="fold")
    for event in report.timeline:
        what = safe(event.text)
        dated_by = sorted({e.text for e in event.expressions})
        if dated_by:
            what += "\n[dim]dated by: " + safe(", ".join(f"'{t}'" for t in dated_by[:4])) + "[/dim]"
        if event.conflicts:
            what += "\n[red]dates differ: " + safe("; ".join(event.conflicts)) + "[/red]"
        table.add_row(event.date + (f" {event.time}" if event.time else ""), what, safe(sources_line(event.sources, names)))
    return table
