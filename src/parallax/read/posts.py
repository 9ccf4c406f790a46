"""Embedded social posts pasted as text.

A tweet pasted from the web ends with a signature line such as
"— NEXTA (@nexta_tv) May 3, 2023", often after a "pic.twitter.com/…" link.
The post body is the run of lines just above the signature, back to the
previous paragraph of the article's own prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.dates import parse_date

SIGNATURE_RE = re.compile(
    r"^[—–-]{1,2}\s*(?P<author>[^()\n]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4})?\s*$"
)
PIC_RE = re.compile(r"(pic\.twitter\.com/\w+|https?://t\.co/\w+)")


@dataclass
class PostBlock:
    first_line: int  # index among the cleaner's kept lines
    last_line: int  # the signature line
    author: str | None
    handle: str | None
    date: str | None


def find_post_blocks(lines: list[str]) -> list[PostBlock]:
    """Find signature lines and walk up to the start of each post body.

    The body is the lines above the signature that belong to the post: those
    ending in a pic.twitter link or an ellipsis (a truncated post), plus the
    lines right above them that lack sentence-final article prose markers.
    A post without a link runs back one line (the typical pasted tweet).
    """
    blocks: list[PostBlock] = []
    taken = -1
    for index, line in enumerate(lines):
        match = SIGNATURE_RE.match(line.strip())
        if not match:
            continue
        start = index
        # Walk up: the line with the pic link / truncation closes the body.
        cursor = index - 1
        if cursor > taken:
            start = cursor
            body_has_link = bool(PIC_RE.search(lines[cursor])) or lines[cursor].rstrip().endswith(("…", "..."))
            if body_has_link:
                # Multi-line posts: keep going up while lines look like part of the post
                # (short, or opening with an emoji/marker) and stay after the previous post.
                while start - 1 > taken and _looks_like_post_line(lines[start - 1]):
                    start -= 1
                # A post that opens with an emoji marker a few lines up starts there.
                for back in range(start - 1, max(taken, start - 4), -1):
                    if _EMOJI_START.match(lines[back].strip()):
                        start = back
                        break
        blocks.append(
            PostBlock(start, index, match.group("author").strip() or None, match.group("handle"), parse_date(match.group("date"), strict=True))
        )
        taken = index
    return blocks


_EMOJI_START = re.compile(r"^[\u2600-\u27bf\U0001F000-\U0001FAFF\u2757\u26a1]")


def _looks_like_post_line(line: str) -> bool:
    text = line.strip()
    if _EMOJI_START.match(text):
        return True
    # A quoted line directly above a link line is the post's opening sentence.
    return text[:1] in "\"“" and len(text.split()) < 60
