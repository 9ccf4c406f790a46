"""timeline across articles."""

from __future__ import annotations

from parallax.model import TimelineEvent


def build_timeline(articles, analyses, report) -> list[TimelineEvent]:
    return []
