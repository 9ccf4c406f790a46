"""Disagreements an outlet states between two named parties ("X was at odds with Y").

The finder is called directly on small parsed texts; one story test checks the dispute it makes."""

import pytest

from parallax.article.disagreements import find_disagreements
from parallax.article.quotes import extract_quotes
from parallax.model import Article


@pytest.fixture(scope="module")
def found(nlp):
    def run(text: str) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        out = []
        article = Article(id="t", outlet="Wire", text=text, word_count=len(text.split()))
        for d in find_disagreements("t", text, list(doc.sents), doc.ents, extract_quotes(article, doc, {})):
            for span in (d.sentence, d.cue, d.asserting.mention, d.denying.mention) + ((d.topic,) if d.topic else ()):
                assert span is None or text[span.start:span.end] == span.text
            out.append(tuple(p.mention.text if p.mention else f"speaker of {p.speaker_of}" for p in (d.asserting, d.denying)) + (d.cue.text,))
        return out
    return run


def test_at_odds_with_a_named_expert_puts_the_subject_on_the_asserting_side(found):
    assert found("Mr. Navarro was at odds with medical experts like Dr. Anthony S. Fauci, who had argued that "
                 "such travel bans only delay the eventual spread.") == [("Navarro", "Anthony S. Fauci", "odds")]


def test_despite_someones_warnings_sets_the_warner_against_the_subject(found):
    assert found("Despite the warnings from Peter Navarro, President Donald Trump has claimed that nobody could have "
                 "predicted the pandemic.") == [("Donald Trump", "Peter Navarro", "Despite")]


def test_disagreeing_with_someone_and_contradicting_their_account_deny_what_they_hold(found):
    assert found("Senator Elizabeth Warren disagreed with Treasury Secretary Steven Mnuchin on the tax cuts.") == [
        ("Steven Mnuchin", "Elizabeth Warren", "disagreed")]
    assert [(a.removesuffix("'s"), b, c) for a, b, c in found("Gordon Sondland's testimony was contradicted by Alexander Vindman on Tuesday.")] == [
        ("Gordon Sondland", "Alexander Vindman", "contradicted")]


def test_an_office_of_an_organisation_named_before_its_holder_puts_the_holder_on_the_side(found):
    assert found("Trump has directly contradicted Bureau for Flood Control and Prevention Director Laura Quint "
                 "on an estimate for the reopening of the bridge.") == [("Laura Quint", "Trump", "contradicted")]
    assert found("Senator Ruiz was at odds with Office of Management and Budget Director Mick Mulvaney "
                 "over the spending plan.") == [("Ruiz", "Mick Mulvaney", "odds")]


def test_no_disagreement_when_negated_asked_physical_or_an_interview(found):
    assert found("Chuck Schumer is not at odds with Nancy Pelosi on the budget.") == []
    assert found("Is Chuck Schumer at odds with Nancy Pelosi?") == []
    assert found("Russia clashed with Ukraine near the border on Sunday.") == []
    assert found("Detectives questioned John Smith for six hours on Monday.") == []


def test_a_stated_disagreement_is_a_dispute_between_the_two_entities(analyzed):
    texts = [("Wire", "Health adviser Maria Lunde warned in January that the virus could spread fast. "
                      "Governor Tom Ekdahl was at odds with Maria Lunde over whether schools should close."),
             ("Daily", "Governor Tom Ekdahl said schools would stay open. Schools reopened on Monday in the capital.")]
    report = analyzed(texts, "s")
    dispute = next(d for d in report.disputes if d.stated_in)
    assert dispute.asserted_by == ["Tom Ekdahl"] and dispute.denied_by == ["Maria Lunde"]
    assert dispute.label == "whether schools should close"
    assert [s.article_id for s in dispute.stated_in] == ["s0"] and dispute.denial_reported_in == ["s0"]


def test_a_pronoun_subject_of_reported_speech_is_the_reporting_subject(found):
    assert found("President Donald Trump said on Wednesday he disagreed with the CDC's recommendations for schools.") == [
        ("CDC", "Donald Trump", "disagreed")]


def test_pushing_back_against_a_party_doubts_what_it_holds(found):
    assert found("House Republicans pushed back against Adam Schiff on Tuesday.") == [("Adam Schiff", "Republicans", "pushed")]


def test_first_person_inside_a_quote_is_its_speaker(found):
    got = found('"I strongly disagree with Judge Andrew Hanen\'s decision," Homeland Security Secretary Jeh Johnson said.')
    assert len(got) == 1 and got[0][0].startswith("Andrew Hanen") and got[0][1].startswith("speaker of ")


def test_a_partys_claim_named_inside_anothers_quote_sets_them_against_each_other(found):
    got = found('"The State Department claims that the mere threat of sanctions will deter Russia. It just does not make '
                'sense," said Representative Eliot Engel.')
    assert len(got) == 1 and got[0][0] == "The State Department" and got[0][1].startswith("speaker of ")


def test_that_account_is_the_account_just_quoted(found):
    got = found('Alexander Vindman said he told Gordon Sondland that the request was inappropriate. '
                "That account differs from Gordon Sondland's testimony.")
    assert [g for g in got if g[2] == "differs"] and all(g[0].startswith("speaker of ") for g in got if g[2] == "differs")


def test_a_refutation_in_the_main_clause_counts_and_one_under_a_denial_does_not(found):
    # "refute" undoes a disagreement it governs ("refuted being at odds with …"), never itself
    assert [(a.removesuffix("'s"), b, c) for a, b, c in found(
        "Senator Elizabeth Warren refuted Steven Mnuchin's claim that the tax cuts pay for themselves.")] == [
        ("Steven Mnuchin", "Elizabeth Warren", "refuted")]
    assert found("Chuck Schumer denied being at odds with Nancy Pelosi on the budget.") == []
