"""Quoted spans from quotation marks, paragraph by paragraph.

Handles straight and curly, double and single marks, guillemets, quotes that
run over several paragraphs (an opening mark left open at a paragraph's end
continues when the next paragraph opens with a mark), and apostrophes that
only look like single quotes ("don't", "Putin's", "the '90s").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.spans import paragraph_spans

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"


@dataclass
class MarkedSpan:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ends first
    double: bool
    close_width: int = 1  # two for a doubled apostrophe ('')

    @property
    def outer_end(self) -> int:
        return self.close_mark + self.close_width if self.close_mark is not None else self.end


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark_role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the quote-like character at ``text[i]``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in OPEN_DOUBLE:
        # a left mark typed where a right one belongs ('“It's unusual,“ said Larry Noble'): after the
        # quote's last word or stop and before a space, it closes
        if ch == "“" and (_is_word(before) or before in ".,!?…") and (after.isspace() or i + 1 == len(text)):
            return "close"
        return "open"
    if ch in CLOSE_DOUBLE:
        # a paragraph opened with a right mark by mistake ('”Mr. Trump embodies…”')
        if (i == 0 or before == "\n") and _is_word(after):
            return "open"
        return "close"
    if ch == '"':
        if before.isspace() and after.isspace() and text[:i].rstrip()[-1:] in "'’":
            # '"… the term 'African American outreach,' " he told': a spaced mark after a nested quote closes
            return "close"
        if before.isspace() or before in "([{—–-/:" or i == 0:
            if after.isspace() and before.isspace() and text[:i].rstrip()[-1:] in ".,!?…":
                # 'the history of our Country. " As it happened': a spaced mark after a sentence's end
                # closes a straight quote left open, and is nothing otherwise
                return "spaced"
            return "open" if not after.isspace() else None
        return "close"
    if ch in "'’‘":
        # An apostrophe inside a word or after a plural s is not a quotation mark.
        if _is_word(before) and _is_word(after):
            return None
        if ch == "‘" or (ch == "'" and (before.isspace() or before in "([{—–-\"“" or i == 0)):
            if _is_word(after) or after in "\"“…":
                # '90s, 'til: an elided number or word, not a quote
                if re.match(r"\d0s\b|til\b|em\b|cause\b", text[i + 1:i + 6]):
                    return None
                return "open"
            return None
        if ch in "’'" and not before.isspace():
            if after.isspace() or after in ".,;:!?)]}”\"—–-" or i + 1 == len(text):
                if before == "s" and after.isspace():
                    return "close-or-possessive"
                return "close"
        return None
    return None


def _doubled_role(text: str, i: int) -> str | None:
    if text[i] == "`":
        return "open"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    if before.isspace() or before in "([{—–-/:" or i == 0:
        if after.isspace() and before.isspace() and text[:i].rstrip()[-1:] in ".,!?…":
            # "coalitions, '' said Mr. Gunnels": a spaced mark right after the quote's last comma or stop closes
            return "close"
        return "open" if not after.isspace() else None
    return "close"


def find_marked_spans(text: str, *, paragraphs: list[tuple[int, int]] | None = None) -> list[MarkedSpan]:
    """Every span inside quotation marks, in order; nested marks stay inside their outer span.
    ``paragraphs``: the text's ``paragraph_spans`` when the caller has them."""
    spans: list[MarkedSpan] = []
    carry: MarkedSpan | None = None  # a double quote left open at the previous paragraph's end
    for p_start, p_end in paragraph_spans(text) if paragraphs is None else paragraphs:
        roles = []
        i = p_start
        while i < p_end:
            if text.startswith("''", i) or text.startswith("``", i):
                # typewriter double quotes: ``open'' or ''open'' (newspaper archives)
                role = _doubled_role(text, i)
                if role:
                    roles.append((i, role, True, 2))
                i += 2
                continue
            if text[i] in "\"“”„«»'’‘‹›":
                role = _mark_role(text, i)
                if role:
                    roles.append((i, role, text[i] in "\"“”„«»", 1))
            i += 1
        if carry is not None:
            # Continuation: the previous open quote goes on only if this paragraph opens with a mark.
            first = roles[0] if roles else None
            if first and first[0] == p_start and first[1] == "open" and first[2]:
                roles = roles[1:]
                carry = _close_in(text, carry, roles, p_start, p_end, spans)
                if carry is not None:
                    continue
                roles = [r for r in roles if r[0] > spans[-1].outer_end - 1]
            else:
                carry = None
        depth_open: MarkedSpan | None = None
        single_open: MarkedSpan | None = None
        nested = 0  # curly quotes opened inside a quote that a straight mark opened
        for i, role, double, width in roles:
            if double:
                if depth_open is None:
                    if role == "open":
                        depth_open = MarkedSpan(i + width, i + width, i, None, True)
                        nested = 0
                else:
                    straight = text[depth_open.open_mark] == '"'
                    if not straight and text[i] in "“„«" and role == "open" and lost_close(text, depth_open, i):
                        spans.append(depth_open)  # "“It is appalling, Schumer said. …“": the mark was lost
                        depth_open = MarkedSpan(i + width, i + width, i, None, True)
                        nested = 0
                        continue
                    if straight and text[i] in "“„«" and role == "open":
                        nested += 1  # '"… about “Equal Justice Under Law” anymore …"'
                        continue
                    if straight and text[i] in "”»" and nested:
                        nested -= 1
                        continue
                    if role == "spaced" and not straight:
                        continue
                    if role in ("close", "spaced") or (role == "open" and text[i] in "\"'" and i > depth_open.start):
                        depth_open.end, depth_open.close_mark, depth_open.close_width = i, i, width
                        if depth_open.end > depth_open.start:
                            spans.append(depth_open)
                        depth_open = None
                        single_open = None
            elif depth_open is None:
                if single_open is None:
                    if role == "open":
                        single_open = MarkedSpan(i + 1, i + 1, i, None, False)
                elif role in ("close", "close-or-possessive"):
                    single_open.end, single_open.close_mark = i, i
                    if single_open.end > single_open.start:
                        spans.append(single_open)
                    single_open = None
        if depth_open is not None:
            depth_open.end = p_end
            spans.append(depth_open)
            carry = depth_open
    return _trim(text, spans)


# ", Schumer said." right after a quote's words: where a quote whose closing mark was lost ends
_ATTRIBUTION = re.compile(r"[,.!?](?=\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|told|added|wrote|tweeted|asked)\b[^.“”]{0,80}[.])")


def lost_close(text: str, open_span: MarkedSpan, next_open: int) -> bool:
    """A curly quote opened again before the open one closed: its closing mark was lost. When an
    attribution follows its words, end it there (after the comma) and report that it was lost."""
    found = _ATTRIBUTION.search(text, open_span.start, next_open)
    if found is None:
        return False
    open_span.end = found.end()
    return True


def _close_in(text: str, carry: MarkedSpan, roles, p_start: int, p_end: int, spans: list[MarkedSpan]) -> MarkedSpan | None:
    """Extend an open quote into this paragraph; return it if still open at the end."""
    straight = text[carry.open_mark] == '"'
    nested = 0  # curly quotes opened inside a quote that a straight mark opened
    for i, role, double, width in roles:
        mark = text[i]
        if straight and double and mark in "“„«" and role == "open":
            nested += 1
            continue
        if straight and double and mark in "”»" and nested:
            nested -= 1
            continue
        if double and (role == "close" or role == "spaced" and straight):
            carry.end, carry.close_mark, carry.close_width = i, i, width
            return None
    carry.end = p_end
    return carry


def _trim(text: str, spans: list[MarkedSpan]) -> list[MarkedSpan]:
    out = []
    for span in spans:
        while span.start < span.end and text[span.start].isspace():
            span.start += 1
        while span.end > span.start and text[span.end - 1].isspace():
            span.end -= 1
        if span.end > span.start:
            out.append(span)
    return out


_OPENING = OPEN_DOUBLE + OPEN_SINGLE + "\"'`"
_CLOSING = CLOSE_DOUBLE + CLOSE_SINGLE + "\"'"


def fills_marks(text: str, start: int, end: int) -> bool:
    """The span is all that a pair of quotation marks holds (“Citizen Trump,” an independent
    film): a title, a slogan or a nickname written as words, never a mention of a person."""
    before = text[max(0, start - 2):start].lstrip("`")
    after = text[end:end + 3].lstrip(",.!?")
    return bool(before) and before[-1] in _OPENING and after[:1] in _CLOSING
