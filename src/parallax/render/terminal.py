"""The terminal report, drawn with rich. Every article string is escaped."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from parallax.model import StoryReport


def safe(value: object) -> str:
    """Escape rich markup and drop terminal control characters from article text."""
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0))
    return escape(text)


def articles_table(report: StoryReport) -> Table:
    table = Table(title="Articles", expand=True)
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("title", ratio=5, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("author", ratio=2, overflow="fold")
    for column in ("words", "removed", "posts"):
        table.add_column(column, justify="right", no_wrap=True)
    for a in report.articles:
        table.add_row(
            safe(a.id[:9]), safe(a.outlet or "—"), safe(a.title or "—"), safe(a.published or "—"), safe(a.author or "—"),
            str(a.word_count), str(len(a.removed)), str(len(a.embedded_posts)),
        )
    return table


# Sections register themselves as the analysis stages land: (order, title, needs, builder).
# Order: Summary 10, Agreed 20, Disputed 30, Who said what 40, Framing 50, Timeline 60.
SECTIONS: list = []


def section(title: str, order: int, needs: str | None = None):
    """Register ``builder(report) -> renderable | None`` as a report section.

    ``needs`` names the report list the section shows: an empty one leaves
    the section out without calling the builder."""

    def register(builder):
        SECTIONS.append((order, title, needs, builder))
        SECTIONS.sort(key=lambda item: item[0])
        return builder

    return register


def renderables(report: StoryReport) -> list:
    parts: list = [articles_table(report)]
    _load_sections()
    for _, title, needs, builder in SECTIONS:
        body = builder(report) if needs is None or getattr(report, needs) else None
        if body is not None:
            parts.append(Panel(body, title=title, title_align="left"))
    if report.warnings:
        parts.append(Panel(Group(*[safe(w) for w in report.warnings]), title="Warnings", title_align="left", style="yellow"))
    return parts


def print_report(report: StoryReport, console: Console | None = None) -> None:
    console = console or Console()
    for part in renderables(report):
        console.print(part)


def render_text(report: StoryReport, width: int = 120) -> str:
    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=width, force_terminal=False, color_system=None))
    return buffer.getvalue()


def _load_sections() -> None:
    """Import the section modules (each registers its sections on import)."""
    from parallax.render import sections_claims, sections_framing, sections_who  # noqa: F401
