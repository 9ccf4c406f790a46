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
from functools import cached_property
from typing import Callable

from parallax.lexicons import boilerplate_patterns
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

    @cached_property
    def words(self) -> list[str]:
        return self.text.split()

    @cached_property
    def speech(self) -> bool:
        return bool(SPEECH_RE.search(self.text))

    @cached_property
    def quote_marks(self) -> bool:
        return any(mark in self.text for mark in QUOTE_CHARS)


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    source_map: list[tuple[int, int, int]] = field(default_factory=list)
    kept_lines: list[Line] = field(default_factory=list)
    kept_spans: list[tuple[int, int]] = field(default_factory=list)  # clean (start, end) of each kept line


def split_lines(raw: str, title: str | None = None) -> list[Line]:
    """The non-blank lines of the raw text; a first line that opens with the article's title and
    runs on into the body ("Trump Accuses FDA Of Playing Politics President Trump on Wednesday …",
    a feed that lost the line break) is two lines, so that the title stays out of the lead sentence."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]+", raw):
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = match.start() + lead
        heading = (title or "").strip()
        if not lines and heading and len(heading) < len(stripped) and stripped.startswith(heading) and stripped[len(heading)].isspace():
            rest = stripped[len(heading):]
            lines.append(Line(heading, start, 0))
            start, stripped = start + len(heading) + len(rest) - len(rest.lstrip()), rest.strip()
        for piece, offset in without_inline_furniture(stripped):
            lines.append(Line(piece, start + offset, len(lines)))
    for line in lines:
        line.total = len(lines)
    return lines


def without_inline_furniture(text: str) -> list[tuple[str, int]]:
    """The line cut around wire photo captions and story links pasted inside it, each a line of its
    own (which the credit and related-links rules then remove): (piece, offset in ``text``) for each
    non-blank piece."""
    found = sorted((m.start(), m.end()) for name in ("inline_caption", "inline_related") for m in FURNITURE[name].finditer(text))
    cuts = [0]
    for start, end in found:
        if start >= cuts[-1]:
            cuts += [start, end]
    cuts.append(len(text))
    out = []
    for begin, end in zip(cuts, cuts[1:]):
        piece = text[begin:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((piece.strip(), begin + lead))
    return out


# --------------------------------------------------------------------------- signals

QUOTE_CHARS = "\"“”„«»"
# Reporting verbs: a line that reports speech is content, whatever else it contains.
SPEECH_RE = re.compile(r"\b(said|says|told|tells|added|according to|stated|tweeted|wrote|asked|replied|declared|announced)\b", re.I)
URL_RE = re.compile(r"(https?://|www\.)\S+|\b\S+\.(com|org|net|ca|co\.uk|io|info|news)\b(/\S*)?", re.I)
HANDLE_RE = re.compile(r"(?<!\w)@\w{2,}")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\[email[^\]]*protected\]", re.I)
LINKISH_RE = re.compile(r"@|https?://|www\.|\.[a-z]{2,4}\b")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){5,}(?:\.(?:jpe?g|png|webp|gif))?$")

# Page furniture (the site talking: prompts, related links, credits, bios, notices) is data:
# lexicons/boilerplate.tsv, one named pattern a row.
FURNITURE = boilerplate_patterns()
# A quotation of four words or more: somebody's speech, not the site's.
QUOTED_WORDS_RE = re.compile(r"[\"“«](?:[^\"”»\s]+\s+){3,}[^\"”»]*[\"”»]")


def at_edge(line: Line, share: float = 0.15) -> bool:
    """Near the top or bottom of the article (a text of one or two lines has no edges)."""
    if line.total < 3:
        return False
    return line.position <= share or line.position >= 1 - share


# --------------------------------------------------------------------------- rules

Rule = Callable[[Line, "Context"], "str | None"]


@dataclass
class Context:
    lines: list[Line]
    repeated: set[str] = field(default_factory=set)  # lines seen in several articles of the batch


def rule_separator(line: Line, ctx: Context) -> str | None:
    if not re.search(r"\w", line.text):
        return "separator"
    return None


def rule_photo_slug(line: Line, ctx: Context) -> str | None:
    if len(line.words) == 1 and SLUG_RE.match(line.text):
        return "photo URL slug"
    return None


def rule_copyright(line: Line, ctx: Context) -> str | None:
    if not (len(line.words) <= 30 or at_edge(line, 0.25)) or not FURNITURE["copyright"].search(line.text):
        return None
    if line.speech and not re.search(r"©|all rights reserved", line.text, re.I):
        return None
    if not FURNITURE["credit"].match(line.text) or re.search(r"rights reserved|copyright", line.text, re.I):
        return "copyright or fair-use notice"
    return None


def rule_image_credit(line: Line, ctx: Context) -> str | None:
    if len(line.words) > 80:
        return None
    credit = ((len(line.words) <= 60 and FURNITURE["credit"].match(line.text))
              or (line.text.endswith(")") and FURNITURE["caption_tail"].search(line.text)))
    if credit and not (line.speech and line.quote_marks):
        return "image credit or caption"
    return None


def rule_bare_link_or_handle(line: Line, ctx: Context) -> str | None:
    if len(line.words) > 12 or not LINKISH_RE.search(line.text):
        return None
    without = URL_RE.sub("", HANDLE_RE.sub("", EMAIL_RE.sub("", line.text)))
    if without == line.text:
        return None
    if len(without.strip(" :-–—|•·()[]").split()) <= 3 and not line.speech:
        return "bare link, address or handle"
    return None


def rule_related_links(line: Line, ctx: Context) -> str | None:
    if len(line.words) > 25 or (len(line.words) > 12 and not FURNITURE["related_headline"].match(line.text)):
        return None
    if (FURNITURE["related"].match(line.text) or FURNITURE["related_headline"].match(line.text)
            or FURNITURE["inline_related"].fullmatch(line.text)):
        return "related-links prompt"
    if FURNITURE["trailer"].match(line.text) and len(line.words) <= 12:
        return "site trailer"
    return None


def rule_call_to_action(line: Line, ctx: Context) -> str | None:
    """Share/subscribe/follow prompts: addressed to the reader, about the site.

    A line that reports speech ("said", "according to") is news, not furniture."""
    # Long prose that merely mentions a newsletter is content; furniture is short or at the edges.
    if not (len(line.words) <= 30 or (at_edge(line, 0.2) and len(line.words) <= 80)):
        return None
    imperative = bool(FURNITURE["imperative_start"].search(line.text)) and bool(FURNITURE["marketing"].search(line.text))
    site_voice = bool(FURNITURE["site_voice"].search(line.text))
    # A short line needs one signal; a longer one at the edges needs both.
    if not (imperative and site_voice) and not (len(line.words) <= 30 and (imperative or site_voice)):
        return None
    if line.speech or QUOTED_WORDS_RE.search(line.text):
        return None
    return "share/subscribe/follow prompt"


def rule_disclaimer(line: Line, ctx: Context) -> str | None:
    if (len(line.words) <= 30 or at_edge(line, 0.3)) and FURNITURE["disclaimer"].match(line.text):
        return "disclaimer"
    if FURNITURE["contact"].match(line.text) and len(line.words) <= 15:
        return "contact line"
    return None


def rule_reporting_credits(line: Line, ctx: Context) -> str | None:
    if len(line.words) <= 25 and at_edge(line, 0.25) and FURNITURE["credits_line"].match(line.text):  # cheap gates first
        return "reporting credits"
    return None


def rule_author_bio(line: Line, ctx: Context) -> str | None:
    if at_edge(line, 0.25) and FURNITURE["bio"].match(line.text) and not line.quote_marks:
        return "author bio"
    return None


def rule_repeated_across_batch(line: Line, ctx: Context) -> str | None:
    """A line several articles share is furniture only if it does not read as a
    sentence: syndicated copies and live-blog updates share real sentences too."""
    if line.text not in ctx.repeated or line.speech or line.quote_marks:
        return None
    if line.text.endswith((".", "!", "?", "…")) and len(line.words) > 6:
        return None
    return "repeated across articles (site furniture)"


RULES: list[Rule] = [
    rule_separator,
    rule_photo_slug,
    rule_copyright,
    rule_image_credit,
    rule_bare_link_or_handle,
    rule_related_links,
    rule_call_to_action,
    rule_disclaimer,
    rule_reporting_credits,
    rule_author_bio,
    rule_repeated_across_batch,
]


# Page furniture is short; a line this long is article text (or a whole article
# pasted as one line), whatever words it contains.
MAX_BOILERPLATE_WORDS = 250


def classify(line: Line, ctx: Context) -> str | None:
    if len(line.words) > MAX_BOILERPLATE_WORDS:
        return None
    for rule in RULES:
        reason = rule(line, ctx)
        if reason:
            return reason
    return None


def classify_lines(lines: list[Line], repeated: set[str] | None = None, protected: set[int] | None = None) -> dict[int, str]:
    """Line index → removal reason, for every boilerplate line."""
    ctx = Context(lines=lines, repeated=repeated or set())
    protected = protected or set()
    removals: dict[int, str] = {}
    for line in lines:
        if line.index in protected:
            continue
        reason = classify(line, ctx)
        if reason:
            removals[line.index] = reason
    return removals


# --------------------------------------------------------------------------- assembly

# Whitespace that normalizes to one plain space: runs, tabs and exotic spaces.
# A single plain space is left alone so the offset map stays short (one run per line).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def clean_text(raw: str, repeated: set[str] | None = None) -> CleanResult:
    """Classify and remove boilerplate in one go (no metadata or post handling)."""
    lines = split_lines(raw)
    return assemble(lines, classify_lines(lines, repeated))


def assemble(lines: list[Line], removals: dict[int, str]) -> CleanResult:
    """Build the clean text from the kept lines, with its map back to the raw input (from each line's ``raw_start``).

    Paragraphs are separated by one blank line; runs of spaces collapse to one.
    """
    result = CleanResult(text="")
    pieces: list[str] = []
    cursor = 0
    for line in lines:
        reason = removals.get(line.index)
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
