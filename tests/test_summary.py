"""The neutral summary on a small story: which sentences may stand alone."""

from parallax.api import analyze
from parallax.model import Article

STORY = [
    ("Wire", "The city of Lindau opened its new tram line on Monday after six years of building work. "
             "The mayor thanked the builders. All of whom, she said, had worked through two winters without a single serious accident."),
    ("Daily", "Lindau opened its new tram line on Monday, six years after building work began. "
              "All of whom, she said, had worked through two winters without a single serious accident."),
]


def test_a_sentence_that_leans_on_the_one_before_never_stands_alone_in_the_summary():
    articles = [Article(id=f"s{i}", outlet=o, text=t, word_count=len(t.split())) for i, (o, t) in enumerate(STORY)]
    report = analyze(articles)
    assert report.summary and any("tram line" in s.text for s in report.summary)
    assert not any(s.text.startswith("All of whom") for s in report.summary)


def test_a_quote_said_by_he_names_its_speaker_and_the_event_leads(analyzed):
    story = [
        ("Wire", "Mayor Tom Ekberg defended the port closure on Tuesday. Protesters blocked the harbour road for six hours on "
                 "Monday, demanding that the port reopen. \u201cThe harbour will stay closed until the cranes are inspected,\u201d "
                 "he said at a news conference in the town hall."),
        ("Daily", "Protesters blocked the harbour road for six hours on Monday, demanding that the port reopen. "
                  "\u201cThe harbour will stay closed until the cranes are inspected,\u201d Mayor Tom Ekberg said."),
    ]
    report = analyzed(story, "h")
    texts = [s.text for s in report.summary]
    assert texts and texts[0].startswith("Protesters blocked the harbour road")
    assert not any(" he said" in t for t in texts)
    assert any("cranes are inspected" in t and "Ekberg" in t for t in texts)


def test_a_sentence_naming_the_latter_of_two_leans_on_the_one_before():
    from parallax.story.summary import LEANS_ON_BEFORE
    assert LEANS_ON_BEFORE.match("The latter post, made with his name attached to it, was reported to the police.")
    assert not LEANS_ON_BEFORE.match("The former president spoke in Ohio on Monday.")
