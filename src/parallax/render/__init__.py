"""Renderers: StoryReport → text (terminal), json, markdown, html.

Each format registers a function ``render(report) -> str``; the terminal
renderer prints through rich instead.
"""

from __future__ import annotations

from typing import Callable

from parallax.model import StoryReport

Renderer = Callable[[StoryReport], str]


def _json(report: StoryReport) -> str:
    return report.to_json()


def get_renderer(fmt: str) -> Renderer:
    if fmt == "json":
        return _json
    if fmt == "markdown":
        from parallax.render.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from parallax.render.html import render_html

        return render_html
    if fmt == "text":
        from parallax.render.terminal import render_text

        return render_text
    raise ValueError(f"unknown format {fmt!r} (text, json, markdown, html)")


FORMATS = ("text", "json", "markdown", "html")
