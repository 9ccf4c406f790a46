"""Ids are part of the contract and of every stored corpus: the scheme must not drift."""

from parallax.ids import (article_id, claim_group_id, claim_id, dispute_id, entity_id, quote_group_id, quote_id,
                          report_key, story_id_for)


def test_ids_are_pinned_to_their_content():
    # Literal values: a change of scheme would orphan every stored story's cached report.
    assert article_id("The bridge closed on Tuesday.") == "af4329241272a"
    assert quote_id("a1", 3, 9) == "q6b9364d8865c"
    assert claim_id("a1", 3, 9) == "c6b9364d8865c"
    assert entity_id("PERSON", "Dmitry Peskov") == "ee1f977684573"
    assert dispute_id(["c1"], ["c2"]) == "dd6fe327a0e1e"
    assert report_key(["a2", "a1"]) == "1aee136a2760b471695f3c41414aa54ea8f4e245"


def test_group_ids_follow_membership_not_order_where_members_are_a_set():
    assert claim_group_id(["c2", "c1"]) == claim_group_id(["c1", "c2"]) == "ge0b5aa302627"
    assert dispute_id(["c3", "c1"], ["c2"]) == dispute_id(["c1", "c3"], ["c2"])
    assert dispute_id(["c1"], ["c2"]) != dispute_id(["c2"], ["c1"])  # who asserts and who denies matters
    # a quote group lists its quotes in text order, and its id follows that order
    assert quote_group_id(["q1", "q2"]) == "gc6e758104875" != quote_group_id(["q2", "q1"])


def test_story_named_after_its_opening_article():
    assert story_id_for("a1b2c3") == "s1b2c3"
    assert report_key(["a1", "a2"]) != report_key(["a1", "a2", "a3"])


def test_read_gives_equal_texts_one_id(tmp_path):
    from parallax.read import ReadOptions, read_inputs

    body = "Officials said the bridge would stay closed until engineers finish their inspection next week."
    (tmp_path / "one.txt").write_text(body, encoding="utf-8")
    (tmp_path / "two.txt").write_text(body + "\n", encoding="utf-8")
    result = read_inputs([str(tmp_path)], ReadOptions(keep_duplicates=True))
    assert [a.id for a in result.articles] == [article_id(result.articles[0].text)] * 2
