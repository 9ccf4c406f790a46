"""Main text and metadata from HTML, via trafilatura (which dates pages with htmldate)."""

from __future__ import annotations

import json

import trafilatura

from parallax.errors import InputError


def extract_html(html: str, origin: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Return (main text, metadata) for an HTML page."""
    result = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
    )
    if not result:
        raise InputError(origin, "no article text found in the HTML")
    data = json.loads(result)
    text = data.get("text") or ""
    meta = {
        "title": data.get("title"),
        "author": data.get("author"),
        # trafilatura's JSON names the site "source-hostname" and the canonical URL "source"
        "outlet": data.get("source-hostname") or data.get("sitename") or None,
        "url": data.get("source") or data.get("url") or url,
        "published": data.get("date"),
    }
    # trafilatura already asked htmldate for the date; a page without one stays undated.
    return text, meta
