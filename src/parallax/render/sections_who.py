"""Terminal report: "Who said what" — speakers by prominence, their statements
grouped across outlets, and how each outlet worded them."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group
from rich.table import Table
from rich.text import Text

from parallax.model import StoryReport
from parallax.outlets import outlet_labels
from parallax.render.terminal import safe, section

MAX_SPEAKERS = 12
MAX_STATEMENTS = 4


def outlet_names(report: StoryReport) -> dict[str, str]:
    """The one outlet label per article that every section uses (``parallax.outlets``)."""
    return outlet_labels(report.articles)


def plain_diff(diff, escape=lambda text: text) -> str:
    """The word diff as plain text: "the [-accident-]{+attack+}. Our …" (wdiff's marks)."""
    out = []
    for op, ref, var in diff:
        if op == "equal":
            out.append(escape(var))  # the variant's own spacing
            continue
        trailing = ""
        for text, (left, right) in ((ref, ("[-", "-]")), (var, ("{+", "+}"))):
            if text:
                body = text.rstrip()
                out.append(left + escape(body) + right)
                trailing = text[len(body):]
        out.append(trailing)
    return "".join(out)


def diff_text(diff) -> Text:
    """A word diff readable without colour: [-deleted-] and {+inserted+} marks, original spacing;
    long unchanged runs are shortened to their first and last words."""
    out = Text()
    for op, ref, var in diff:
        if op == "equal":
            words = var.split(" ")
            shown = var if len(words) <= 8 else " ".join(words[:3]) + " … " + " ".join(words[-3:])
            out.append(shown)
            continue
        trailing = ""
        for text, mark, style in ((ref, ("[-", "-]"), "strike red"), (var, ("{+", "+}"), "underline green")):
            if text:
                body = text.rstrip()
                out.append(mark[0] + body + mark[1], style=style)
                trailing = text[len(body):]
        out.append(trailing)
    return out


def single_outlet_quotes(report: StoryReport) -> list:
    """Quotes with a speaker that no quote group shares with another outlet, in report order."""
    grouped = {q for g in report.quote_groups for q in g.quote_ids}
    return [q for q in report.quotes if q.id not in grouped and q.speaker is not None]


@section("Who said what", 40)
def who_said_what(report: StoryReport):
    speech = [q for q in report.quotes if q.speaker is not None]
    if not speech:
        return None
    outlets = outlet_names(report)
    entities = {e.id: e for e in report.entities}
    by_speaker: dict[str, list] = defaultdict(list)
    for quote in speech:
        by_speaker[quote.speaker.entity_id or quote.speaker.name].append(quote)
    ranked = sorted(by_speaker.items(), key=lambda item: (-len({q.article_id for q in item[1]}), -len(item[1]), item[0]))
    groups = {g.id: g for g in report.quote_groups}
    parts = []
    for key, quotes in ranked[:MAX_SPEAKERS]:
        entity = entities.get(key)
        name = entity.name if entity else quotes[0].speaker.name
        about = ", ".join(x for x in ((entity.role if entity else None), (entity.affiliation if entity else None)) if x)
        carried = sorted({outlets[q.article_id] for q in quotes})
        header = Text.assemble((safe(name), "bold"), (f" — {safe(about)}" if about else "", "italic"),
                               (f"  ({len(quotes)} statements; {', '.join(safe(c) for c in carried)})", "dim"))
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column("outlet", style="cyan", no_wrap=True, max_width=22)
        table.add_column("wording", overflow="fold")
        shown_groups = set()
        rows = 0
        for quote in sorted(quotes, key=lambda q: (q.group_id is None, q.article_id, q.start)):
            if rows >= MAX_STATEMENTS:
                break
            if quote.group_id and quote.group_id in groups:
                if quote.group_id in shown_groups:
                    continue
                shown_groups.add(quote.group_id)
                group = groups[quote.group_id]
                for variant in group.variants:
                    wording = diff_text(variant.diff) if variant.diff else Text(safe(variant.text))
                    flags = variant.insertions + variant.meaning_changes
                    if flags:
                        wording.append("  ⚑ " + "; ".join(safe(f) for f in flags), style="yellow")
                    table.add_row(safe(outlets.get(variant.article_id, variant.outlet or "")), wording)
            else:
                label = f"[{quote.kind}] " if quote.kind != "direct" else ""
                table.add_row(safe(outlets[quote.article_id]), Text(label + safe(quote.text[:300]), style="dim" if quote.kind == "indirect" else ""))
            rows += 1
        parts.append(Group(header, table))
    return Group(*parts)
