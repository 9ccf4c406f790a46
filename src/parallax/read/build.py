"""RawDocument → Article: extraction, cleaning, posts, metadata, language, duplicates."""

from __future__ import annotations

from collections import Counter

from parallax.dates import normalize_date
from parallax.errors import InputError
from parallax.ids import article_id
from parallax.model import Article, EmbeddedPost
from parallax.read.clean import assemble, classify_lines, split_lines
from parallax.read.dedupe import find_duplicates
from parallax.read.html import extract_html
from parallax.read.lang import detect_language
from parallax.read.meta import author_from_bio, find_metadata, outlet_from_text, outlet_from_url
from parallax.read.posts import find_post_blocks
from parallax.read.sources import RawDocument, ReadFailure, ReadOptions, ReadResult

# A line must appear in this many articles of a batch to count as site furniture.
REPEAT_MIN_ARTICLES = 2
REPEAT_MAX_WORDS = 40


def raw_text_of(doc: RawDocument) -> str:
    if doc.html is not None:
        text, meta = extract_html(doc.html, doc.origin, doc.meta.get("url"))
        for key, value in meta.items():
            if value and not doc.meta.get(key):
                doc.meta[key] = value
        title = doc.meta.get("title")
        if title and not text.lstrip().startswith(title[:40]):
            text = f"{title}\n\n{text}"
        return text
    return doc.text or ""


def repeated_lines(texts: list[str]) -> set[str]:
    """Short lines that occur in several articles of the batch (site furniture)."""
    if len(texts) < 3:
        return set()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({line.text for line in split_lines(text) if 3 <= len(line.words) <= REPEAT_MAX_WORDS})
    return {line for line, n in counts.items() if n >= REPEAT_MIN_ARTICLES}


def build_article(doc: RawDocument, raw: str, repeated: set[str]) -> Article:
    if not raw.strip():
        raise InputError(doc.origin, "empty or whitespace-only input")
    lines = split_lines(raw, doc.meta.get("title"))
    blocks = find_post_blocks([line.text for line in lines])
    protected = {i for block in blocks for i in range(block.first_line, block.last_line + 1)}
    removals = classify_lines(lines, repeated, protected)
    found = find_metadata(lines, removals)
    for index, reason in found.metadata_lines.items():
        if index not in protected:
            removals[index] = reason
    cleaned = assemble(lines, removals)
    text = cleaned.text
    if not text.strip():
        raise InputError(doc.origin, "no article text left after removing boilerplate")

    span_of = {line.index: span for line, span in zip(cleaned.kept_lines, cleaned.kept_spans)}
    posts = []
    for block in blocks:
        body = [span_of[i] for i in range(block.first_line, block.last_line) if i in span_of]
        if block.last_line not in span_of:
            continue
        start = body[0][0] if body else span_of[block.last_line][0]
        end = span_of[block.last_line][1]
        body_text = text[start:body[-1][1]] if body else ""
        posts.append(
            EmbeddedPost(text=body_text, author=block.author, handle=block.handle, date=block.date, start=start, end=end)
        )

    meta = doc.meta
    language = detect_language(text)
    warnings = []
    if language and language != "en":
        warnings.append(f"{doc.origin}: text looks like '{language}', not English; analysis may be poor")
    return Article(
        id=article_id(text),
        path=doc.path,
        url=meta.get("url"),
        source_id=meta.get("source_id"),
        outlet=meta.get("outlet")
        or found.outlet
        or outlet_from_text(
            text,
            [line.text for line in cleaned.kept_lines[:3]],
            [r.text for r in cleaned.removed],
            [r.text for r in cleaned.removed if r.reason == "image credit or caption"],
        )
        or outlet_from_url(meta.get("url")),
        title=meta.get("title") or found.title,
        published=normalize_date(meta.get("published")) or found.published,
        author=meta.get("author") or found.author or author_from_bio([r.text for r in cleaned.removed if r.reason == "author bio"]),
        language=language,
        text=text,
        word_count=len(text.split()),
        removed=cleaned.removed,
        embedded_posts=posts,
        warnings=warnings,
        source_map=cleaned.source_map,
    )


def build_articles(raws: list[RawDocument], options: ReadOptions, result: ReadResult) -> None:
    """Build articles for a batch; failures and skips are recorded in ``result``."""
    texts: list[tuple[RawDocument, str]] = []
    for doc in raws:
        try:
            texts.append((doc, raw_text_of(doc)))
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
        except Exception as exc:  # a parser failing on malformed input: this input fails, the rest goes on
            result.failures.append(ReadFailure(doc.origin, f"could not read ({type(exc).__name__})"))
    repeated = repeated_lines([text for _, text in texts])
    built: list[tuple[RawDocument, Article]] = []
    for doc, raw in texts:
        try:
            built.append((doc, build_article(doc, raw, repeated)))
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
        except Exception as exc:
            result.failures.append(ReadFailure(doc.origin, f"could not read ({type(exc).__name__})"))
    duplicates = find_duplicates([article.text for _, article in built])
    for index, (doc, article) in enumerate(built):
        if index in duplicates and not options.keep_duplicates:
            original_doc, original = built[duplicates[index]]
            result.skipped.append(ReadFailure(doc.origin, f"duplicate of {original_doc.origin}; kept once"))
            continue
        if options.only_language and article.language and article.language != options.only_language:
            result.skipped.append(ReadFailure(doc.origin, f"language '{article.language}', not '{options.only_language}' (--lang)"))
            continue
        result.articles.append(article)
