"""disputes across articles."""

from __future__ import annotations

from parallax.model import Dispute


def find_disputes(articles, report) -> list[Dispute]:
    return []
