"""Claims (propositions with a holder and a polarity) in one article."""

from __future__ import annotations

from parallax.model import Article, Claim, Quote


def extract_claims(article: Article, doc, quotes: list[Quote]) -> list[Claim]:
    return []
