"""Stable ids: every id in a report is derived from what the thing is made of.

An id is a one-letter kind and the first 12 hex digits of the SHA-1 of the
thing's content, so the same inputs give the same ids in every run, process
and engine (the JSON contract promises byte-identical output). The kinds:

    a  article      its clean text
    q  quote        article id and character offsets
    c  claim        article id and character offsets
    e  entity       label and canonical name
    g  claim group  its member claim ids (sorted)
    g  quote group  its member quote ids (in text order); a separate list of the
                    report from claim groups, so the shared letter is harmless
    d  dispute      its asserting and denying claim ids
    s  story        named after the article that opened it (corpus mode)

The report cache key is a full digest of the story's article ids: any
change of membership changes it.
"""

from __future__ import annotations

import hashlib

ID_DIGITS = 12


def content_id(kind: str, content: str) -> str:
    """``kind`` followed by the first 12 hex digits of the SHA-1 of ``content``."""
    return kind + hashlib.sha1(content.encode("utf-8")).hexdigest()[:ID_DIGITS]


def article_id(text: str) -> str:
    """The same clean text always gets the same id (and two copies of it one article)."""
    return content_id("a", text)


def quote_id(article_id: str, start: int, end: int) -> str:
    return content_id("q", f"{article_id}:{start}:{end}")


def claim_id(article_id: str, start: int, end: int) -> str:
    return content_id("c", f"{article_id}:{start}:{end}")


def entity_id(label: str, name: str) -> str:
    return content_id("e", f"{label}:{name}")


def claim_group_id(claim_ids: list[str]) -> str:
    return content_id("g", ",".join(sorted(claim_ids)))


def quote_group_id(quote_ids: list[str]) -> str:
    return content_id("g", ",".join(quote_ids))


def dispute_id(assertion_ids: list[str], denial_ids: list[str]) -> str:
    return content_id("d", f"{','.join(sorted(assertion_ids))}|{','.join(sorted(denial_ids))}")


def story_id_for(article_id: str) -> str:
    """A story is named after the article that opened it: stable across runs and engines.

    (``lstrip`` drops every leading "a", hex digits included; stores already
    name their stories this way, so it stays.)"""
    return "s" + article_id.lstrip("a")


def report_key(article_ids: list[str]) -> str:
    """Which articles a cached report covers; any change of membership changes it."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()
