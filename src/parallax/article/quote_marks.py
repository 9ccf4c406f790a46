"""Quotation marks, kept importable here for older callers.

The mark finder lives in ``parallax.article.quotes.marks``.
"""

from parallax.article.quotes.marks import MarkedSpan, find_marked_spans  # noqa: F401
