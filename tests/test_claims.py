"""Claims, alignment across outlets, disputes, the timeline and the summary."""

from datetime import date

import pytest

from parallax import embed
from parallax.api import analyze
from parallax.article.claims import polarity_of
from parallax.article.time import resolve_weekday, tag
from parallax.model import Article

STORY = [
    ("Wire", "2026-06-04", "Flood closes Lindau bridge\n\nThe Lindau bridge was closed on Tuesday after floodwater damaged its supports, "
     "the city engineer Anna Pohl said on Wednesday. \"The bridge will stay closed for at least two weeks,\" Pohl told reporters. "
     "Mayor Jan Brandt said the upstream dam operator had released too much water on Monday night. "
     "The dam operator Hydra denied any responsibility. \"We followed every rule,\" Hydra spokesman Tom Eck said. "
     "About 300 residents were evacuated."),
    ("Daily", "2026-06-04", "Lindau bridge shut for weeks\n\nFloodwater damaged the supports of the Lindau bridge on Tuesday, "
     "the city engineer said, and the bridge will stay closed for at least two weeks. Mayor Jan Brandt blamed the dam operator, "
     "saying it had released too much water on Monday night. About 350 residents were evacuated from nearby streets."),
    ("Herald", "2026-06-04", "Dam operator rejects blame for Lindau flood\n\nThe dam operator Hydra rejected claims that it released too much water. "
     "\"We followed every rule,\" spokesman Tom Eck said on Wednesday. Mayor Jan Brandt has said the operator released too much water on Monday night."),
]


@pytest.fixture(scope="module")
def story():
    articles = [Article(id=f"a{i}", outlet=o, published=d, text=t, title=t.split("\n")[0], word_count=len(t.split()))
                for i, (o, d, t) in enumerate(STORY)]
    return analyze(articles)


def test_weekdays_resolve_against_publication():
    thursday = date(2026, 6, 4)
    assert resolve_weekday("Tuesday", None, thursday, future=False) == date(2026, 6, 2)
    assert resolve_weekday("Thursday", None, thursday, future=False) == thursday
    assert resolve_weekday("Tuesday", "last", thursday, future=False) == date(2026, 6, 2)
    assert resolve_weekday("Monday", None, thursday, future=True) == date(2026, 6, 8)
    # a month and day with no year fall in the year nearest to publication
    assert tag("May 3", None, thursday)[0].period.day == date(2026, 5, 3)
    assert tag("December 30", None, date(2026, 1, 4))[0].period.day == date(2025, 12, 30)


def test_denials_are_recognised():
    assert polarity_of("Ukraine had nothing to do with the attack", "said") == "denies"
    assert polarity_of("any responsibility", "denied") == "denies"
    assert polarity_of("the bridge will stay closed", "said") == "asserts"
    # the outlet dismisses a claim itself; it only reports a body's dismissal inside a that-clause of speech
    assert polarity_of("The false claim that the dam burst spread fast.", None, voice="own") == "denies"
    assert polarity_of("The agency issued a report that foreign media is spreading false allegations that "
                       "the dam burst.", None, voice="own") == "asserts"


def test_same_claim_across_outlets_is_one_group(story):
    claims = {c.id: c for c in story.claims}
    closed = [g for g in story.claim_groups if any("stay closed" in claims[c].text for c in g.claim_ids)]
    assert closed and sum(v != "omitted" for v in closed[0].coverage.values()) >= 2


def test_dispute_names_both_sides(story):
    assert story.disputes, "the operator denies what the mayor says"
    dispute = story.disputes[0]
    assert any("Brandt" in name for name in dispute.asserted_by)
    assert any("Hydra" in name or "Eck" in name for name in dispute.denied_by)


def test_figures_that_differ_are_flagged(story):
    assert any("300 resident" in c and "350 resident" in c for g in story.claim_groups for c in g.conflicts)


def test_timeline_dates_and_sources(story):
    days = {e.date for e in story.timeline}
    assert "2026-06-02" in days and "2026-06-01" in days
    assert all(e.sources for e in story.timeline)


def test_summary_sentences_name_sources_and_attribute_disputed_claims(story):
    assert story.summary
    assert all(s.sources for s in story.summary)
    disputed = {d.claim_group_id for d in story.disputes}
    claims = {c.id: c for c in story.claims}
    for sentence in story.summary:
        groups = {claims[c].group_id for c in claims if any(s.start == claims[c].start and s.article_id == claims[c].article_id for s in sentence.sources)}
        if groups & disputed:
            assert any(cue in sentence.text for cue in ("said", "told", "denied", "rejected", "says"))


def test_lexical_fallback_warns(monkeypatch):
    monkeypatch.setattr(embed, "_model", lambda: None)
    articles = [Article(id=f"b{i}", outlet=o, published=d, text=t, word_count=len(t.split())) for i, (o, d, t) in enumerate(STORY)]
    report = analyze(articles)
    assert embed.UNAVAILABLE in report.warnings
    assert report.claim_groups


def test_a_rejection_naming_whose_report_it_rejects_is_a_dispute_between_them(analyzed):
    texts = [("Wire", "The Interior Ministry of Varnia on Friday disputed a report by the Northern Herald that its police had "
                      "fired on protesters in Kessa. The ministry said officers had used only water cannon."),
             ("Daily", "Varnia's Interior Ministry rejected the Northern Herald's account that police fired on the crowd in "
                       "Kessa on Thursday. About 40 people were hurt, according to doctors at the city hospital.")]
    report = analyzed(texts, "r")
    dispute = next(d for d in report.disputes if d.kind == "parties")
    assert dispute.asserted_by == ["Northern Herald"]
    assert all("Interior Ministry" in name for name in dispute.denied_by)
    assert dispute.denial_reported_in == ["r0", "r1"]


def test_a_rejected_accusation_about_it_names_the_accused_denier(analyzed):
    texts = [("Wire", "The United States on Friday dismissed Russia's accusations that it was behind the cyberattack on the "
                      "port of Ostra. Kremlin spokesman Dmitry Peskov said the hackers had worked from Latvia. "
                      "The attack shut the port for two days."),
             ("Daily", "The port of Ostra reopened on Sunday after a cyberattack shut it for two days.")]
    report = analyzed(texts, "u")
    dispute = next(d for d in report.disputes if d.kind == "parties")
    assert (dispute.asserted_by, dispute.denied_by) == (["Russia"], ["United States"])
    assert dispute.label == "Russia: The United States was behind the cyberattack on the port of Ostra"


def test_a_rejected_call_is_a_dispute_over_what_was_called_for(analyzed):
    texts = [("Wire", "Senate Republicans on Monday rejected Governor John Hale\u2019s call for an immediate closure of the "
                      "Ostra port, but continued to debate the budget. Hale said the port had failed three safety inspections."),
             ("Daily", "The Ostra port stayed open on Monday. Governor John Hale said the port had failed three safety inspections.")]
    report = analyzed(texts, "p")
    dispute = next(d for d in report.disputes if d.kind == "parties" and "closure" in d.label)
    assert (dispute.asserted_by, dispute.denied_by) == (["John Hale"], ["Republicans"])
    assert dispute.label == "John Hale: call for an immediate closure of the Ostra port"


def test_two_speakers_saying_the_same_words_are_two_statements_not_one_agreement(analyzed):
    texts = [("Wire", "The Lindau bridge was closed on Tuesday. Mayor Jan Brandt said the bridge will reopen in May after repairs."),
             ("Daily", "The Lindau bridge was closed on Tuesday. Engineer Anna Pohl said the bridge will reopen in May after repairs.")]
    report = analyzed(texts, "w")
    claims = {c.id: c for c in report.claims}
    for group in report.claim_groups:
        holders = {claims[c].holder.name for c in group.claim_ids if claims[c].voice == "quoted"}
        assert len(holders) <= 1, f"{holders} share a row: {group.label}"
    assert any(len(g.claim_ids) == 2 and "closed" in g.label for g in report.claim_groups)


def test_groups_sharing_members_of_two_articles_are_one_row():
    from types import SimpleNamespace

    import numpy as np

    from parallax.story.align import one_row_each
    table = SimpleNamespace(article_of=np.array([0, 1, 0, 1, 2]))
    # claims 1 and 2 (two articles) sit in both groups: one proposition, one row
    assert one_row_each(table, [[0, 1, 2], [1, 2, 3]]) == [[0, 1, 2, 3]]
    # a shared claim of one article only (a sentence stating two propositions) keeps two rows
    assert one_row_each(table, [[0, 1], [1, 4]]) == [[0, 1], [1, 4]]


def test_a_narrated_rebuttal_is_held_by_the_name_in_apposition_not_its_owner(nlp):
    from parallax.article.claims import extract_claims
    from parallax.article.quotes import extract_quotes

    text = "Mr. Pence’s chief of staff, Marc Short, dismissed the criticism of the trip on Sunday."
    article = Article(id="t", outlet="Wire", text=text, word_count=len(text.split()))
    doc = nlp(text)
    denials = [c for c in extract_claims(article, doc, extract_quotes(article, doc, {})) if c.polarity == "denies"]
    assert denials and all(c.holder.name == "Marc Short" for c in denials)



def test_a_denial_that_names_no_fact_answers_nothing_by_its_words(analyzed):
    texts = [("Wire", "\u201cThe president\u2019s remarks were morally frustrating and disappointing,\u201d former NAACP "
                      "president Cornell Brooks said of President Donald Trump on Monday."),
             ("Daily", "Globalists don\u2019t care about our country as much, President Donald Trump told rally-goers. "
                       "\u201cWe can\u2019t have that,\u201d the president said. \u201cThe remarks were frustrating.\u201d")]
    report = analyzed(texts, "s")
    assert not [d for d in report.disputes if d.kind == "parties"]


def test_short_quotes_sharing_one_word_are_no_dispute(analyzed):
    # two speakers' short quotes share only "people": the verifier finds them alike, but the negated
    # one contradicts nothing the other said
    texts = [("Wire", "The council voted 9-4 to close the shelter on Tuesday. \u201cThese people are there for us,\u201d "
                      "councillor Dan Moreno said. Councillor Ruth Alder backed the closure. "
                      "\u201cWe are not those people,\u201d Alder said."),
             ("Daily", "The city council voted on Tuesday to close the downtown shelter. Dan Moreno opposed the vote.")]
    report = analyzed(texts, "w")
    assert not [d for d in report.disputes if d.kind == "parties"]


def test_a_surname_denying_an_accusation_is_a_dispute_with_its_accuser(analyzed):
    # "Reyes" opens its sentence, where the tagger takes it for a common noun: it is the mayor named before
    texts = [("Wire", "District Attorney Ann Lee said Mayor Tom Reyes took bribes from the developer. "
                      "Reyes denied taking bribes from the developer."),
             ("Daily", "District Attorney Ann Lee accused Mayor Tom Reyes of taking bribes from a developer. "
                       "Reyes denied that he took bribes from the developer.")]
    report = analyzed(texts, "b")
    sides = [(d.asserted_by, d.denied_by) for d in report.disputes if d.kind == "parties"]
    assert sides == [(["Ann Lee"], ["Tom Reyes"])]
