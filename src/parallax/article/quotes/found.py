"""The working records of the quote stages: a resolved speaker and a found piece of speech."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(kw_only=True)
class Speaker:
    name: str  # the fullest name this article uses (or the description, when nobody is named)
    start: int  # the speaker as written at the cue (a name, a pronoun, a description)
    end: int
    label: str  # PERSON, ORG, GPE, NORP or NOUN (unresolved description)
    role: str | None = None
    # the named mention this speaker stands for (itself for a name; the antecedent's for "he"):
    # the entity stage links the quote to the entity holding that mention
    ref: tuple[int, int] | None = None

    def at(self, start: int, end: int) -> Speaker:
        """The same person, written at another place ("he", "the spokesman")."""
        return Speaker(name=self.name, start=start, end=end, label=self.label, role=self.role, ref=self.ref)


@dataclass(kw_only=True)
class Found:
    start: int
    end: int
    kind: str  # direct | unmarked | indirect
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: Speaker | None = None
    channel: str | None = None
    in_post: bool = False
    subject: object | None = None  # the cue's subject token, re-resolved in text order
    inherited: bool = False  # speaker taken from the quote before (split or running quotes)
    inverted: bool = False  # the words come before the cue ("..., Kirby said.")
    question: bool = False  # a question put to the speaker's counterpart (an interviewer's turn)
    turn: bool = False  # one speaker-labelled turn of a transcript or interview


class FoundList:
    """Found speech kept in text order, so "the quotes before this offset" is a bisect away."""

    def __init__(self, items=()):
        self.items: list[Found] = sorted(items, key=lambda f: (f.start, f.end))
        self._starts = [f.start for f in self.items]

    def add(self, found: Found) -> None:
        i = bisect_right(self._starts, found.start)
        self.items.insert(i, found)
        self._starts.insert(i, found.start)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def before(self, offset: int, limit: int | None = None):
        """Items that start before ``offset`` (and, with ``limit``, sit before that index), nearest first."""
        stop = bisect_left(self._starts, offset)
        if limit is not None:
            stop = min(stop, limit)
        for i in range(stop - 1, -1, -1):
            yield self.items[i]


class Before:
    """The first ``limit`` items of a FoundList: what was found before one quote."""

    def __init__(self, found: FoundList, limit: int):
        self.found, self.limit = found, limit

    def before(self, offset: int):
        return self.found.before(offset, self.limit)


def earlier(previous, offset: int):
    """Speech found before ``offset``, nearest first (``previous``: a FoundList or a list in text order)."""
    if isinstance(previous, (FoundList, Before)):
        yield from previous.before(offset)
        return
    for found in reversed(previous):
        if found.start < offset:
            yield found
