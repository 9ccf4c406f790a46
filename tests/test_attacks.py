"""Attacks on a named party and the defences that answer them, as stated disagreements.

The finder is called directly on small parsed texts; one story test checks the dispute it makes."""

import pytest

from parallax.article.attacks import find_answered_attacks
from parallax.article.quotes import extract_quotes
from parallax.model import Article


@pytest.fixture(scope="module")
def found(nlp):
    def run(text: str) -> list[tuple[str, str, str, bool]]:
        doc = nlp(text)
        article = Article(id="t", outlet="Wire", text=text, word_count=len(text.split()))
        out = []
        for d in find_answered_attacks("t", text, list(doc.sents), doc.ents, extract_quotes(article, doc, {})):
            for span in (d.sentence, d.cue, d.answers, d.asserting.mention, d.denying.mention):
                assert span is None or text[span.start:span.end] == span.text
            out.append((d.asserting.mention.text.removesuffix("'s"), d.denying.mention.text, d.cue.text, d.answers is not None))
        return out
    return run


def test_a_defence_answers_the_latest_attack_on_the_party_it_defends(found):
    assert found("The Green Party assailed Mayor Maria Lopez for closing the library. The council met on Monday. "
                 "Senator Paul Brandt later came to Lopez's defense.") == [("The Green Party", "Paul Brandt", "defense", True)]
    assert found("Governor Lena Marsh criticized Judge Omar Haddad on Monday. "
                 "Attorney General Rita Cole defended Omar Haddad.") == [("Lena Marsh", "Rita Cole", "defended", True)]


def test_a_rejected_line_of_attack_answers_the_attack_just_before_it(found):
    assert found("Some activists, including blogger Kim Dale, sought to attack Dr. Rao's integrity. "
                 "But the line of attack was rejected by some Democrats, including Senator Mia Torres.") == [
        ("Kim Dale", "Mia Torres", "rejected", True)]
    assert found("Commentator Ray Stone mocked Colonel Dana Fisk. Senator Joe Park, however, praised her, "
                 "calling the attacks on the officer's record \u201cdisgraceful.\u201d") == [("Ray Stone", "Joe Park", "calling", True)]


def test_an_attack_on_someones_credibility_disputes_what_they_say(found):
    assert found("Governor Hal Green lashed out about the report and Ellen Voss's credibility.") == [
        ("Ellen Voss", "Hal Green", "lashed", False)]


def test_no_dispute_without_a_matching_attack_or_with_an_undone_one(found):
    # the defence names someone nobody attacked; the attack is negated; the defence comes too late;
    # defending a decision is no answer to an attack on a person; a question attacks nobody
    assert found("Governor Lena Marsh criticized Judge Omar Haddad. Attorney General Rita Cole defended Mayor Tim Ray.") == []
    assert found("Governor Lena Marsh did not criticize Judge Omar Haddad. Attorney General Rita Cole defended Omar Haddad.") == []
    assert found("Governor Lena Marsh criticized Judge Omar Haddad. The court met. It sat until noon. Lawyers arrived. "
                 "Clerks left. Rain fell. Attorney General Rita Cole defended Omar Haddad.") == []
    assert found("Governor Lena Marsh criticized Judge Omar Haddad. Omar Haddad defended his decision.") == []
    assert found("Detectives questioned Omar Haddad for six hours. Rita Cole defended Omar Haddad.") == []
    # "it was shameful to criticize him": the one who says so attacks nobody
    assert found("Senator Mia Torres said it was shameful to criticize Colonel Dana Fisk. "
                 "Colonel Dana Fisk defended herself.") == []


def test_a_defence_becomes_a_dispute_with_the_attack_as_evidence(analyzed):
    texts = [("Wire", "The Harbor Alliance blasted Mayor Maria Lopez for closing the old library on Monday. "
                      "Senator Paul Brandt jumped to Lopez's defense, saying the building was unsafe."),
             ("Daily", "Mayor Maria Lopez closed the old library on Monday. Readers were sent to the branch on Elm Street.")]
    report = analyzed(texts, "s")
    dispute = next(d for d in report.disputes if d.stated_in)
    assert dispute.asserted_by == ["Harbor Alliance"] and dispute.denied_by == ["Paul Brandt"]
    assert [s.text.split()[0] for s in dispute.stated_in] == ["The", "Senator"]


def test_a_spokesman_and_the_body_he_speaks_for_are_one_side_against_the_one_whose_claim_they_deny(analyzed):
    texts = [("Wire", "Former analyst Brian Moss filed a complaint with the inspector general on Tuesday. "
                      "\u201cWe flatly deny that there is any truth to the merits of Mr. Moss\u2019s claim,\u201d said Alex Varga, "
                      "a DHS spokesman. \u201cDHS looks forward to the results of any investigation,\u201d Varga said."),
             ("Daily", "The Department of Homeland Security denied the allegations. Brian Moss says he was demoted "
                       "after refusing to change a report on Tuesday.")]
    report = analyzed(texts, "s")
    sides = [(d.asserted_by, d.denied_by) for d in report.disputes if d.kind == "parties"]
    assert (["Brian Moss"], ["Alex Varga"]) in sides
    assert not any("Alex Varga" in a and any("Homeland" in n for n in b) for a, b in sides)
