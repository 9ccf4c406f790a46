"""Main text and metadata from HTML, via trafilatura (which dates pages with htmldate)."""

from __future__ import annotations

from trafilatura import bare_extraction

from parallax.errors import InputError


def extract_html(html: str, origin: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Return (main text, metadata) for an HTML page."""
    # bare_extraction gives the same text and metadata as extract(output_format="json")
    # without serialising it and fingerprinting the content, which we do not use.
    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
    )
    text = (document.text if document else "") or ""
    if not text.strip():
        raise InputError(origin, "no article text found in the HTML")
    meta = {
        "title": document.title,
        "author": document.author,
        "outlet": document.sitename or document.hostname or None,
        "url": document.url or url,
        "published": document.date,
    }
    # trafilatura already asked htmldate for the date; a page without one stays undated.
    return text, meta
