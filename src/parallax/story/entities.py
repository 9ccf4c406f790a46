"""entities across articles."""

from __future__ import annotations

from parallax.model import Entity


def resolve_entities(articles, analyses, report, options) -> list[Entity]:
    return []
