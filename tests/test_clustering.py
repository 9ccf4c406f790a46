"""Greedy agglomeration: strongest pairs first, joins only where the caller allows."""

from parallax.clustering import agglomerate


def test_strongest_pairs_join_first_and_a_refused_join_stops_chaining():
    side = {"a1": "x", "b1": "y", "b2": "y", "c1": "z"}
    # one article per group: b1 and b2 (same article) may never end up together
    may_join = lambda left, right: not {side[k] for k in left} & {side[k] for k in right}  # noqa: E731
    owner = agglomerate(side, [("a1", "b1"), ("a1", "b2"), ("b1", "c1"), ("b2", "c1")], may_join)
    assert owner["a1"] == owner["b1"] == owner["c1"] == "a1"  # a1+b1 first, then c1 joins through b1
    assert owner["b2"] == "b2"  # refused twice: its article is already in the group
    assert agglomerate(["p", "q"], [], may_join) == {"p": "p", "q": "q"}
