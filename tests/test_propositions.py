"""Claims as propositions: splitting, kinds, predicates, arguments, rebuttals in narration.

Each test parses one small text and calls the claim stage directly."""

import pytest

from parallax.article.claims import extract_claims
from parallax.article.quotes import extract_quotes
from parallax.model import Article


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str, outlet: str = "Wire"):
        article = Article(id="t1", outlet=outlet, text=text, word_count=len(text.split()))
        doc = nlp(text)
        quotes = extract_quotes(article, doc, {})
        claims = extract_claims(article, doc, quotes)
        for claim in claims:
            assert text[claim.start:claim.end] == claim.text
            for argument in claim.arguments:
                assert text[argument.start:argument.end] == argument.text
            if claim.predicate and claim.predicate.subject:
                assert text[claim.predicate.subject.start:claim.predicate.subject.end] == claim.predicate.subject.text
        return claims
    return run


def test_coordinated_clauses_with_their_own_subjects_are_two_propositions(claims_of):
    claims = claims_of("The bridge over the river closed on Tuesday, and the city council opened an inquiry into the damage.")
    texts = [c.text for c in claims]
    assert any(t.startswith("The bridge over the river closed") for t in texts)
    assert any(t.startswith("the city council opened an inquiry") for t in texts)
    assert all(not t.startswith("and ") for t in texts)


def test_said_a_and_that_b_gives_both_reported_propositions(claims_of):
    claims = claims_of("Mayor Jan Brandt said the operator released too much water and that the dam had not been inspected for years.")
    quoted = [c for c in claims if c.voice == "quoted"]
    assert len(quoted) == 2
    assert all(c.holder.name == "Jan Brandt" and c.kind == "statement" and c.quote_id for c in quoted)
    assert quoted[1].text.startswith("the dam had not been inspected")
    assert quoted[1].predicate.negated


def test_questions_and_procedural_lines_stay_out_of_the_matrix(claims_of):
    claims = claims_of("Will the minister resign over the failed reform this year? "
                       "The ministry did not immediately respond to a request for comment on Friday.")
    kinds = {c.text[:10]: c.kind for c in claims}
    assert "question" in kinds.values()
    assert "procedural" in kinds.values()


def test_a_polls_method_is_procedural_and_its_findings_are_not(claims_of):
    kinds = {c.text[:12]: c.kind for c in claims_of(
        "The poll of 1,000 adults has a margin of error of plus or minus 3.1 percentage points. "
        "The survey was conducted April 23-27 by telephone. The poll found the mayor ahead by ten points.")}
    assert kinds["The poll of "] == "procedural" and kinds["The survey w"] == "procedural"
    assert kinds["the mayor ah"] == "statement"  # what the poll found, held by the poll


def test_a_question_that_lost_its_mark_is_still_a_question(claims_of):
    kinds = {c.text: c.kind for c in claims_of(
        "Was the drone attack meant to disrupt the parade. Did the embassy know of it in advance. "
        "Had the guards known, they would have closed the gates. The parade went ahead on Tuesday.")}
    assert kinds["Was the drone attack meant to disrupt the parade."] == "question"
    assert kinds["Did the embassy know of it in advance."] == "question"
    assert "question" not in {k for t, k in kinds.items() if "gates" in t or "parade went" in t}


def test_predicate_modality_and_numbers_with_units(claims_of):
    claims = claims_of("About 300 residents were evacuated from the flooded streets. The company will cut 1,200 jobs next year.")
    evacuated = next(c for c in claims if "evacuated" in c.text)
    number = next(a for a in evacuated.arguments if a.kind == "number")
    assert (number.value, number.unit) == ("300", "resident")
    cut = next(c for c in claims if "jobs" in c.text)
    assert cut.predicate.lemma == "cut" and cut.predicate.modality == "predicted"
    assert any(a.kind == "number" and a.value == "1200" and a.unit == "job" for a in cut.arguments)


def test_narrated_rebuttal_is_held_by_the_party_that_rebuts(claims_of):
    claims = claims_of("The Interior Ministry of Varnia on Friday disputed the report that its police had fired on protesters.")
    rebuttal = next(c for c in claims if c.polarity == "denies")
    assert rebuttal.voice == "quoted" and rebuttal.holder_span is not None
    assert "Ministry" in rebuttal.holder_span.text
    assert rebuttal.text.startswith("the report that its police")


def test_outlet_reporting_a_vote_to_reject_is_no_denial_by_the_outlet(claims_of):
    claims = claims_of("Congress voted to reject the emergency declaration, although only twelve senators joined the move.")
    assert all(c.polarity == "asserts" for c in claims if c.voice == "own")


def test_narration_reporting_someones_dismissal_is_no_denial_by_the_outlet(claims_of):
    reported = claims_of('Within minutes the mayor was retweeting supporters who called the Gazette fake news. '
                         'The ministry took the rare step of calling the Gazette\'s story "not accurate."')
    assert all(c.polarity == "asserts" for c in reported if c.voice == "own")
    own = claims_of("The false claim that the new vaccine alters human DNA spread quickly across social media in March.")
    assert any(c.polarity == "denies" and c.voice == "own" for c in own)


def test_rejection_is_held_by_the_subject_not_the_party_it_belongs_to(claims_of):
    claims = claims_of("Varnia's Interior Ministry rejected the Northern Herald's account that police fired on the crowd in Kessa.")
    rebuttal = next(c for c in claims if c.polarity == "denies")
    assert rebuttal.holder_span.text == "Interior Ministry"


def test_a_rebutted_person_is_no_proposition(claims_of):
    claims = claims_of("Governor Hale has directly contradicted Federal Aviation Administration Director Laura Quint "
                       "on an estimate for the reopening of the airport.")
    assert not [c for c in claims if c.text.endswith("Laura Quint")]


def test_a_that_which_is_the_subject_stays_with_its_clause(claims_of):
    texts = [c.text for c in claims_of("\u201cWe are a nation of laws. That\u2019s part of our tradition,\u201d Mayor Lena Brandt said. "
                                        "\u201cActually, I don\u2019t, and that\u2019s why we are here,\u201d she replied.")]
    assert "That\u2019s part of our tradition" in texts
    assert "that\u2019s why we are here" in texts
    assert not [t for t in texts if t.startswith("s ")]


def test_coordinated_relative_clauses_stay_inside_their_proposition(claims_of):
    texts = [c.text for c in claims_of("The mayor accused Sen. Ana Ruiz, the Democrat who chairs the transport committee "
                                        "and who led the inquiry, of leaking the report.")]
    assert any(t.endswith("of leaking the report") and "chairs the transport committee" in t for t in texts)


def test_a_clause_before_a_coordinated_one_does_not_end_on_its_conjunction(claims_of):
    texts = [c.text for c in claims_of("He was fined and was barred from office, and the council opened an inquiry into the vote.")]
    assert "He was fined and was barred from office" in texts
    assert not any(t.rstrip(" ,").endswith(" and") for t in texts)


def test_own_voice_words_in_the_first_person_are_a_statement_not_an_event(claims_of):
    claims = claims_of("The mayor spoke for ten minutes. If I could solve all these problems without the council, I would do so.")
    kinds = {c.text.split()[0]: c.kind for c in claims}
    assert kinds["The"] == "event"
    assert [c.kind for c in claims if "solve" in c.text] == ["statement"]
