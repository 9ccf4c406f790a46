"""Character ranges ``[start, end)`` within one article's text, and the clean→raw map.

Every extracted item carries ``article_id, start, end`` with ``text[start:end]``
exactly its text; these helpers are how two such ranges are compared, and how
a clean-text offset finds its place in the raw input (``Article.source_map``,
runs of ``(clean_start, raw_start, length)`` in text order).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# a paragraph is a run of non-empty lines: a blank line ends it
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    """How many characters the two ranges share (0 when they are apart or only touch)."""
    return max(0, min(end, other_end) - max(start, other_start))


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """True when the ranges share at least one character."""
    return start < other_end and other_start < end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` range of each paragraph, in text order."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def raw_offset(source_map: list[tuple[int, int, int]], offset: int) -> int:
    """The raw-input offset of a clean-text offset; an article without a map is its own raw text."""
    if not source_map:
        return offset
    index = bisect_right([run[0] for run in source_map], offset) - 1
    if index < 0:
        return source_map[0][1]
    clean_start, raw_start, length = source_map[index]
    return raw_start + min(offset - clean_start, length)
