"""Framing on short constructed articles: own voice vs quoted words, hedges,
insertions, questions, naming and sources."""

from parallax.api import analyze
from parallax.model import Article


def framing_of(text: str, title: str | None = None, outlet: str = "Test"):
    article = Article(id="a1", text=text, title=title, outlet=outlet, word_count=len(text.split()))
    report = analyze([article])
    return report.framing[0], report


def test_loaded_term_in_own_voice_vs_in_a_quote():
    text = ('The regime in Tarsk staged another sham vote on Sunday. '
            '"This is a terrorist regime," opposition leader Mara Vell said.')
    framing, _ = framing_of(text)
    own = {t.text.lower() for t in framing.loaded_terms if t.voice == "own"}
    quoted = {t.text.lower() for t in framing.loaded_terms if t.voice == "quoted"}
    assert "regime" in own and any("sham" in t for t in own)
    assert "terrorist regime" in quoted


def test_hedges_and_question_headline():
    text = ('Explosion at depot: sabotage?\n\n'
            'The alleged sabotage at the fuel depot could not be independently verified. '
            'Officials said, without providing evidence, that saboteurs were responsible.')
    framing, _ = framing_of(text, title="Explosion at depot: sabotage?")
    hedges = " | ".join(h.text.lower() for h in framing.hedges)
    assert "alleged" in hedges and "could not be independently verified" in hedges
    assert "without providing evidence" in hedges and "sabotage?" in hedges


def test_editorial_insertions_and_emphasis():
    text = ('The minister said: "We will publish the evidence soon. [We are still waiting.]" '
            'Her aide added that the report was "nearly complete" (emphasis added).')
    framing, _ = framing_of(text)
    texts = [i.text for i in framing.insertions]
    assert "[We are still waiting.]" in texts and "(emphasis added)" in texts


def test_clarifying_brackets_are_not_insertions():
    text = '"[The mayor] will decide by Friday," the spokesman Ian Roe said on Tuesday.'
    framing, _ = framing_of(text)
    assert framing.insertions == []


def test_rhetorical_questions_in_own_voice_only():
    text = ('What happened?\n\nThe power went out at noon. Is this really an accident? '
            '"Who benefits?" the activist Dana Wu asked.')
    framing, _ = framing_of(text)
    questions = [q.text for q in framing.rhetorical_questions]
    assert questions == ["Is this really an accident?"]


def test_sources_and_naming():
    text = ('According to Reuters, the Kiev regime denied the report. '
            'The Kyiv government told CNN that it had nothing to do with the attack.')
    framing, _ = framing_of(text)
    assert {"Reuters", "CNN"} <= set(framing.cited_sources)
    terms = [t for terms in framing.naming.values() for t in terms]
    assert "Kiev regime" in terms


def test_opinion_share_between_zero_and_one():
    framing, _ = framing_of("The council met on Monday. It approved the budget. We think this was a disgraceful decision!")
    assert 0.0 < framing.opinion_share < 1.0
