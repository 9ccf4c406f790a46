"""Temporal expressions resolved against the article's publication date."""

from __future__ import annotations

from parallax.article import TimeExpression
from parallax.model import Article


def extract_times(article: Article, doc) -> list[TimeExpression]:
    return []
