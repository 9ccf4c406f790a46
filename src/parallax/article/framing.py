"""How the article frames the story in its own voice."""

from __future__ import annotations

from parallax.model import Article, Framing, Quote


def analyze_framing(article: Article, doc, quotes: list[Quote]) -> Framing:
    return Framing(article_id=article.id)
