"""Boilerplate removal for text pasted from the web.

The cleaner works line by line. Every line is scored by general signals
(position in the article, length, imperative/marketing vocabulary, links and
handles, repetition across the batch) and removed only when a rule is sure;
each removed line keeps its reason. Quoted speech and ordinary sentences are
protected: a false removal is worse than a miss.

The clean text keeps a map back to the decoded raw input (``source_map``):
runs of ``(clean_start, raw_start, length)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from parallax.model import RemovedLine

# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    text: str  # stripped
    raw_start: int  # offset of text[0] in the raw input
    index: int  # position among non-blank lines
    total: int = 0

    @property
    def position(self) -> float:
        return self.index / max(1, self.total - 1)

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    source_map: list[tuple[int, int, int]] = field(default_factory=list)
    kept_lines: list[Line] = field(default_factory=list)
    kept_spans: list[tuple[int, int]] = field(default_factory=list)  # clean (start, end) of each kept line

    def to_raw(self, offset: int) -> int:
        """Map an offset in the clean text back to the raw input."""
        for clean_start, raw_start, length in reversed(self.source_map):
            if clean_start <= offset:
                return raw_start + min(offset - clean_start, length)
        return 0


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]+", raw):
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        lines.append(Line(stripped, match.start() + lead, len(lines)))
    for line in lines:
        line.total = len(lines)
    return lines


# --------------------------------------------------------------------------- signals

QUOTE_CHARS = "\"“”„«»"
SPEECH_RE = re.compile(r"[\"“”«»]|\b(said|says|told|added|according to|stated|tweeted|wrote)\b", re.I)
URL_RE = re.compile(r"(https?://|www\.)\S+|\b\S+\.(com|org|net|ca|co\.uk|io|info|news)\b(/\S*)?", re.I)
HANDLE_RE = re.compile(r"(?<!\w)@\w{2,}")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\[email[^\]]*protected\]", re.I)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){5,}(?:\.(?:jpe?g|png|webp|gif))?$")

# Calls to action: the imperative and marketing vocabulary of page furniture.
CTA_RE = re.compile(
    r"\b(subscribe|sign up|newsletter|follow us|like us|join us|click (here|the)|share (this|the|widely)|"
    r"repost|forward this|become a (member|patron|subscriber)|donate|support (us|our)|"
    r"download (our|the) app|get the latest|sent to your (e-?mail|inbox)|comment on|read more|"
    r"related( articles| stories| posts)?:?$|recommended|more from|discover more from|"
    r"all rights reserved|copyright|©|fair use|disclaimer|terms of (use|service)|privacy policy|"
    r"cookie|advertisement|sponsored|for media inquiries|contact us|reach(ed)? (him|her|them|us) at|"
    r"translate website|activating the translate|notifications?|continue reading|listen to (this|the) article)\b",
    re.I,
)
TRAILING_CTA_RE = re.compile(r"^(read more|related|see also|more|also read|watch|listen|advertisement)\s*:?\s*$", re.I)
CREDIT_RE = re.compile(
    r"^(\(?(image|photo|picture|featured image|file photo|credit|photograph|illustration|video|source)s?\b[^.]{0,40}[:©]|"
    r"©|\(?(photo|image) (by|credit|courtesy)\b|getty images|reuters/|ap photo|afp via)",
    re.I,
)
CAPTION_TAIL_RE = re.compile(r"\((image|photo|credit)s?:[^)]*\)\s*$", re.I)
BIO_RE = re.compile(
    r"^(about the author|\w+ (\w+ )?(is|was) (an? |the )?(award-winning |senior |staff |freelance |contributing )?"
    r"(author|writer|journalist|reporter|correspondent|editor|columnist|professor|contributor|analyst)\b|"
    r"\w+ (resides|lives|is based) in\b)",
    re.I,
)
DISCLAIMER_RE = re.compile(r"^(disclaimer|note to readers|editor'?s note|the views expressed|the contents of this article)", re.I)


def has_speech(line: Line) -> bool:
    return bool(SPEECH_RE.search(line.text))


def is_sentence_like(line: Line) -> bool:
    """A line that reads as article prose: long enough, ends like a sentence."""
    return len(line.words) >= 12 and line.text[-1:] in ".!?\"”’)…:"


# --------------------------------------------------------------------------- rules

Rule = Callable[[Line, "Context"], "str | None"]


@dataclass
class Context:
    lines: list[Line]
    repeated: set[str] = field(default_factory=set)  # lines seen in several articles of the batch
    title_index: int | None = None


def rule_repeated_across_batch(line: Line, ctx: Context) -> str | None:
    if line.text in ctx.repeated and not has_speech(line) and len(line.words) < 60:
        return "repeated across articles (site furniture)"
    return None


def rule_photo_slug(line: Line, ctx: Context) -> str | None:
    if SLUG_RE.match(line.text):
        return "photo URL slug"
    return None


def rule_image_credit(line: Line, ctx: Context) -> str | None:
    if CREDIT_RE.match(line.text) or (CAPTION_TAIL_RE.search(line.text) and len(line.words) < 80):
        return "image credit or caption"
    return None


def rule_bare_link_or_handle(line: Line, ctx: Context) -> str | None:
    stripped = URL_RE.sub("", HANDLE_RE.sub("", EMAIL_RE.sub("", line.text))).strip(" :-–—|•·")
    if stripped != line.text and len(stripped.split()) <= 3 and not has_speech(line):
        return "bare link, address or handle"
    return None


def rule_call_to_action(line: Line, ctx: Context) -> str | None:
    if TRAILING_CTA_RE.match(line.text):
        return "related-links prompt"
    if has_speech(line) and any(mark in line.text for mark in QUOTE_CHARS):
        return None
    if CTA_RE.search(line.text):
        # Long prose that merely mentions a newsletter is content; furniture is short,
        # imperative, or sits at the edges of the article.
        edge = line.position < 0.15 or line.position > 0.8
        if len(line.words) <= 25 or (edge and len(line.words) <= 80) or EMAIL_RE.search(line.text):
            if DISCLAIMER_RE.match(line.text) or re.search(r"copyright|fair use|©|rights reserved", line.text, re.I):
                return "disclaimer or copyright notice"
            if re.search(r"discover more from", line.text, re.I):
                return "site trailer"
            return "share/subscribe/follow prompt"
    return None


def rule_disclaimer(line: Line, ctx: Context) -> str | None:
    if DISCLAIMER_RE.match(line.text) and line.position > 0.5:
        return "disclaimer or copyright notice"
    return None


def rule_author_bio(line: Line, ctx: Context) -> str | None:
    if BIO_RE.match(line.text) and not has_speech(line) and (line.position < 0.2 or line.position > 0.7):
        return "author bio"
    return None


def rule_separator(line: Line, ctx: Context) -> str | None:
    if not re.search(r"\w", line.text):
        return "separator"
    return None


RULES: list[Rule] = [
    rule_separator,
    rule_photo_slug,
    rule_image_credit,
    rule_bare_link_or_handle,
    rule_call_to_action,
    rule_disclaimer,
    rule_author_bio,
    rule_repeated_across_batch,
]


def classify(line: Line, ctx: Context) -> str | None:
    for rule in RULES:
        reason = rule(line, ctx)
        if reason:
            return reason
    return None


# --------------------------------------------------------------------------- assembly

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(
    raw: str,
    repeated: set[str] | None = None,
    extra_removals: dict[int, str] | None = None,
    protected: set[int] | None = None,
    lines: list[Line] | None = None,
) -> CleanResult:
    """Remove boilerplate lines; return the clean text with its map back to ``raw``.

    ``extra_removals`` maps line indexes to reasons decided elsewhere (metadata lines);
    ``protected`` line indexes are never removed (embedded posts, for instance).
    Paragraphs are separated by one blank line; runs of spaces collapse to one.
    """
    lines = lines if lines is not None else split_lines(raw)
    protected = protected or set()
    ctx = Context(lines=lines, repeated=repeated or set())
    extra_removals = extra_removals or {}
    result = CleanResult(text="")
    pieces: list[str] = []
    cursor = 0
    for line in lines:
        reason = None if line.index in protected else (extra_removals.get(line.index) or classify(line, ctx))
        if reason:
            result.removed.append(
                RemovedLine(text=line.text, reason=reason, raw_start=line.raw_start, raw_end=line.raw_start + len(line.text))
            )
            continue
        if pieces:
            pieces.append("\n\n")
            cursor += 2
        line_start = cursor
        # Copy the line run by run so whitespace collapsing keeps the offset map exact.
        position = 0
        for match in _SPACES.finditer(line.text):
            if match.start() > position:
                segment = line.text[position:match.start()]
                result.source_map.append((cursor, line.raw_start + position, len(segment)))
                pieces.append(segment)
                cursor += len(segment)
            result.source_map.append((cursor, line.raw_start + match.start(), 1))
            pieces.append(" ")
            cursor += 1
            position = match.end()
        segment = line.text[position:]
        if segment:
            result.source_map.append((cursor, line.raw_start + position, len(segment)))
            pieces.append(segment)
            cursor += len(segment)
        result.kept_lines.append(line)
        result.kept_spans.append((line_start, cursor))
    result.text = "".join(pieces)
    return result
