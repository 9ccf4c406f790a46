"""Reading speed: plain-text cleaning and HTML reading, side by side with
trafilatura's own extract on the same HTML (the baseline).

Targets: plain-text cleaning >= 500 articles/s on one core; HTML reading
within 1.2x of trafilatura alone.

    .venv/bin/python benchmarks/read.py [--rounds N]
"""

from __future__ import annotations

import argparse
import html
import time
from pathlib import Path

import trafilatura

from parallax.read.build import build_article
from parallax.read.sources import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "harbor-blackout", ROOT.parent / "shared" / "stories" / "kremlin-drone-2023"]
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Example News"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>{paragraphs}</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm warning</a></li><li><a href="/b">Cup final</a></li></ul></aside>
<footer>&copy; 2026 Example News</footer></body></html>"""


def plain_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def html_pages(texts: list[str]) -> list[str]:
    pages = []
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        pages.append(PAGE.format(title=html.escape(lines[0]), paragraphs=paragraphs))
    return pages


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f} articles/s  ({seconds * 1000 / count:6.2f} ms each)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = plain_texts()
    pages = html_pages(texts)
    build_article(RawDocument(origin="warm", text=texts[0]), texts[0], set())  # warm caches (dateparser, lingua)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for i, text in enumerate(texts):
            build_article(RawDocument(origin=f"t{i}", text=text), text, set())
    plain_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(args.rounds):
        for page in pages:
            trafilatura.extract(page, output_format="json", with_metadata=True, deduplicate=False)
    baseline_seconds = time.perf_counter() - start

    from parallax.read.build import raw_text_of

    start = time.perf_counter()
    for _ in range(args.rounds):
        for i, page in enumerate(pages):
            doc = RawDocument(origin=f"h{i}", html=page)
            build_article(doc, raw_text_of(doc), set())
    html_seconds = time.perf_counter() - start

    n = len(texts) * args.rounds
    print(f"articles: {len(texts)} distinct x {args.rounds} rounds, one process")
    print(f"plain text, read + clean (Parallax)      {rate(n, plain_seconds)}   target >= 500/s")
    print(f"HTML, trafilatura.extract alone (base)   {rate(n, baseline_seconds)}")
    print(f"HTML, read + clean (Parallax)            {rate(n, html_seconds)}   ratio {html_seconds / baseline_seconds:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
