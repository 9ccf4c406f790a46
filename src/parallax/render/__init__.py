"""Renderers: StoryReport → text (terminal), json, markdown, html.

Every output format is registered here once, with the words its help shows;
the CLI's ``--format`` choices (``Format``) and ``get_renderer`` both come from
this registry, so a new format is one ``register`` call. A renderer's module
is imported only when that format is asked for (rich and jinja2 load lazily).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import Callable

from parallax.model import StoryReport

Renderer = Callable[[StoryReport], str]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str  # for --help: "text (terminal report)"
    target: str  # "module:function" of the renderer

    def renderer(self) -> Renderer:
        module, function = self.target.split(":")
        return getattr(import_module(module), function)


REGISTRY: dict[str, OutputFormat] = {}


def register(name: str, target: str, description: str = "") -> None:
    REGISTRY[name] = OutputFormat(name, description or name, target)


def render_json(report: StoryReport) -> str:
    return report.to_json()


register("text", "parallax.render.terminal:render_text", "text (terminal report)")
register("json", "parallax.render:render_json")
register("markdown", "parallax.render.markdown:render_markdown")
register("html", "parallax.render.html:render_html")

FORMATS = tuple(REGISTRY)
# The --format choices of ``compare`` and ``report``, in registry order.
Format = StrEnum("Format", {name: name for name in REGISTRY})


def formats_help() -> str:
    """'text (terminal report), json, markdown or html.'"""
    names = [f.description for f in REGISTRY.values()]
    return (", ".join(names[:-1]) + " or " + names[-1] + ".") if len(names) > 1 else names[0] + "."


def get_renderer(fmt: str) -> Renderer:
    found = REGISTRY.get(getattr(fmt, "value", fmt))
    if found is None:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    return found.renderer()
