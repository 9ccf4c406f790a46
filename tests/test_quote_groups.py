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
