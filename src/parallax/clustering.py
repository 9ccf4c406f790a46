"""Greedy agglomeration: the strongest pairs first, two groups join only when
the caller allows it. Quote groups and claim groups (``story/align.py``, with
its constraints in ``may_join``) both use it."""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)


def agglomerate(items: Iterable[K], pairs: Iterable[tuple[K, K]],
                may_join: Callable[[list[K], list[K]], bool]) -> dict[K, K]:
    """Each item's group, named by one of its members.

    ``pairs`` come strongest first; each joins its two items' groups when they
    differ and ``may_join(members of one, members of the other)`` holds. A
    group's members stay in the order they joined."""
    owner = {item: item for item in items}
    members = {item: [item] for item in owner}
    for a, b in pairs:
        ga, gb = owner[a], owner[b]
        if ga == gb or not may_join(members[ga], members[gb]):
            continue
        for member in members[gb]:
            owner[member] = ga
        members[ga] += members.pop(gb)
    return owner
