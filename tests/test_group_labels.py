"""The wording a claim group is shown with: a whole statement, without the wire's dateline."""

from parallax.model import Claim, EntityRef
from parallax.story.align import label_of, label_text


def claim(cid: str, text: str, voice: str = "own") -> Claim:
    return Claim(id=cid, article_id="a" + cid, start=0, end=len(text), text=text,
                 holder=EntityRef(entity_id=None, name="Ana Diaz" if voice == "quoted" else "Wire"), voice=voice, polarity="asserts")


def test_a_whole_statement_is_preferred_to_a_shorter_clause_cut_from_a_sentence():
    members = [claim("1", "who led much of the opposition to the recall."),
               claim("2", "Ana Diaz, a retired judge, led much of the opposition to the recall.")]
    assert label_of(members, {}).id == "2"


def test_the_label_drops_the_dateline_and_a_dangling_conjunction_and_marks_a_cut_start():
    assert label_text(claim("1", "LOS ANGELES (Reuters) - Californians voted to unseat a judge.")) == "Californians voted to unseat a judge."
    assert label_text(claim("1", "The maximum sentence was 14 years, and")) == "The maximum sentence was 14 years"
    assert label_text(claim("1", "who led the opposition.")) == "… who led the opposition."
    assert label_text(claim("1", "the recall is a mistake", voice="quoted")) == "Ana Diaz: the recall is a mistake"
    # capitalised words that are no dateline stay
    assert label_text(claim("1", "NATO and EU leaders met - briefly - in Brussels.")) == "NATO and EU leaders met - briefly - in Brussels."


def test_reported_words_read_on_from_the_verb_that_reports_them():
    assert label_text(claim("1", "the mayor of lying", voice="quoted"), "accusing") == "Ana Diaz accusing the mayor of lying"
    assert label_text(claim("1", "the council to act", voice="quoted"), "want") == "Ana Diaz want the council to act"
    assert label_text(claim("1", "the bridge will close", voice="quoted"), "told") == "Ana Diaz: the bridge will close"
