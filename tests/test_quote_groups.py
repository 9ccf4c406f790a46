"""Quote groups: the same utterance across outlets, with wording differences."""

from __future__ import annotations

from parallax.model import Article, EntityRef, Quote, StoryReport
from parallax.story.quote_groups import group_quotes, meaning_changes


def quote(article: str, text: str, speaker: str = "Jane Doe", n: int = 0) -> Quote:
    return Quote(id=f"q{article}{n}", article_id=article, start=0, end=len(text), text=text, kind="direct",
                 speaker=EntityRef(entity_id="e1" if speaker == "Jane Doe" else "e2", name=speaker))


def test_translations_and_trims_group_but_other_statements_do_not() -> None:
    articles = [Article(id=a, outlet=f"Outlet {a}", text="x") for a in "ABC"]
    quotes = [
        quote("A", "We are working to keep relations from falling into the abyss of an open conflict"),
        quote("B", "We are working to prevent relations from descending into the abyss of open conflict"),
        quote("C", "keep relations from falling into the abyss"),
        quote("A", "The bridge will reopen in May once the repairs are finished", n=1),
        quote("B", "Nobody was hurt and the damage is limited", n=1),
    ]
    report = StoryReport(articles=articles, quotes=quotes)
    groups = group_quotes(articles, report)
    assert len(groups) == 1
    assert sorted(groups[0].article_ids) == ["A", "B", "C"]
    assert all(q.group_id == groups[0].id for q in quotes[:3]) and quotes[3].group_id is None


def test_insertions_and_meaning_changes_are_flagged() -> None:
    articles = [Article(id=a, outlet=a, text="x") for a in "AB"]
    quotes = [
        quote("A", "We will demand the use of weapons capable of stopping the regime [Nukes.] right away"),
        quote("B", "We will demand the use of weapons capable of stopping the regime right away"),
    ]
    groups = group_quotes(articles, StoryReport(articles=articles, quotes=quotes))
    variants = {v.article_id: v for v in groups[0].variants}
    assert variants["A"].insertions == ["[Nukes.]"]
    assert meaning_changes("We did attack the base at 5 a.m. yesterday", "We did not attack the base at 6 a.m. yesterday")
    assert not meaning_changes("We did not attack the base today", "attack the base")


def test_word_diff_keeps_spacing_and_marks_changes_without_colour() -> None:
    from parallax.render.sections_who import diff_text, plain_diff
    from parallax.story.quote_groups import word_diff

    diff = word_diff("This was not an accident. Our grid was attacked.", "This was no accident. Our grid was hacked.")
    assert "".join(ref for op, ref, _ in diff if op != "insert") == "This was not an accident. Our grid was attacked."
    expected = "This was [-not an-]{+no+} accident. Our grid was [-attacked-]{+hacked+}."
    assert plain_diff(diff) == expected and diff_text(diff).plain == expected


def test_outlet_labels_never_a_title_or_a_file_hash() -> None:
    from parallax.outlets import outlet_labels

    articles = [
        Article(id="a", outlet="Reuters", title="Drone attack", path="x/000_bf04776adb3ee8e3.txt"),
        Article(id="b", url="https://www.globalresearch.ca/kremlin-drone/5818", title="The Kremlin under Drone Attack"),
        Article(id="c", title="Russia Accuses the US", path="x/003_0c93eca866b39257.txt"),
        Article(id="d", outlet="Reuters"),
    ]
    assert outlet_labels(articles) == {"a": "Reuters", "b": "globalresearch.ca", "c": "Article 3 (untitled)", "d": "Reuters (2)"}
