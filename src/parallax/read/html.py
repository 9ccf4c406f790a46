"""Main text and metadata from HTML, via trafilatura (which dates pages with htmldate).

libxml2 stops building a tree 256 levels down, so a page nested deeper (a
broken template, or a page made to hide its text) comes out empty. Such a
page is parsed again without that limit and flattened to its text blocks in
document order, which trafilatura then reads as usual.
"""

from __future__ import annotations

import html as html_escape
from html.parser import HTMLParser

from parallax.errors import InputError

# libxml2's default depth limit; a page that reaches it has lost everything below.
LIBXML_MAX_DEPTH = 255
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td", "dd", "dt"}


def extract_html(html: str, origin: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Return (main text, metadata) for an HTML page."""
    document = _extract(html, url)
    if not (document and (document.text or "").strip()):
        flat = flatten_deep_html(html)
        if flat is not None:
            document = _extract(flat, url)
            if not (document and (document.text or "").strip()):
                raise InputError(origin, f"no article text found in the HTML (nested more than {LIBXML_MAX_DEPTH} levels deep)")
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


def _extract(html: str, url: str | None):
    # imported here, so reading plain text, JSON or CSV never loads trafilatura (and lxml, htmldate …)
    from trafilatura import bare_extraction

    # bare_extraction gives the same text and metadata as extract(output_format="json")
    # without serialising it and fingerprinting the content, which we do not use.
    return bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
    )


class _Flattener(HTMLParser):
    """One streaming pass (no tree, so no depth limit): text blocks, title, head metadata, depth."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    BREAKS = BLOCKS | {"div", "section", "article", "main", "br", "tr", "table", "ul", "ol", "header", "footer", "aside", "figure"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = self.skipping = 0
        self.in_title = False
        self.title: list[str] = []
        self.metas: list[dict[str, str]] = []
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        if tag == "meta":
            self.metas.append({k: v or "" for k, v in attrs if k in ("name", "property", "content", "itemprop")})
        elif tag in ("script", "style", "noscript", "template"):
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in self.BREAKS:
            self.flush()

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)
        if tag in ("script", "style", "noscript", "template"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in self.BREAKS:
            self.flush()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.current.append(data)


def flatten_deep_html(html: str) -> str | None:
    """A shallow page with the same title, metadata and text blocks, when ``html``
    is nested deeper than libxml2 builds; else None."""
    flattener = _Flattener()
    flattener.feed(html)
    flattener.close()
    flattener.flush()
    if flattener.deepest <= LIBXML_MAX_DEPTH:
        return None
    escape = html_escape.escape
    title = " ".join("".join(flattener.title).split())
    metas = "".join("<meta " + " ".join(f'{k}="{escape(v)}"' for k, v in meta.items()) + ">" for meta in flattener.metas if meta)
    body = "".join(f"<p>{escape(text)}</p>" for text in flattener.paragraphs)
    return f"<html><head><title>{escape(title)}</title>{metas}</head><body><article>{body}</article></body></html>"
