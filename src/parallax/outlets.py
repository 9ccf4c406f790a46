"""One label per article for every section of every report: the outlet.

The outlet given in the input (or found by the reader in the masthead) comes
first, then the site of the article's URL ("globalresearch.ca"); an article
with neither is "Article 3 (untitled)", its place in the story. A title
fragment or a file name never stands for an outlet (file names of scraped
pages are hashes). Two articles of one outlet stay apart: "Reuters (2)".
"""

from __future__ import annotations

from urllib.parse import urlsplit


def site_of(url: str | None) -> str | None:
    """"https://www.globalresearch.ca/x" → "globalresearch.ca"."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    host = host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or None


def outlet_labels(articles) -> dict[str, str]:
    """article id → its label, distinct within the story, in article order."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, article in enumerate(articles, start=1):
        name = (article.outlet or "").strip() or site_of(article.url) or f"Article {number} (untitled)"
        seen[name] = seen.get(name, 0) + 1
        labels[article.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return labels
