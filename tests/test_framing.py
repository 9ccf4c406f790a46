"""Framing on short constructed articles: own voice vs quoted words, hedges,
insertions, questions, naming, sources and sentence slant."""

import pytest

from parallax.api import analyze
from parallax.article.framing.voice import transcript_turns
from parallax.model import Article
from parallax.story.framing import naming_differs, spelling_variant


def framing_of(text: str, title: str | None = None, outlet: str = "Test"):
    article = Article(id="a1", text=text, title=title, outlet=outlet, word_count=len(text.split()))
    report = analyze([article])
    return report.framing[0], report


def check_spans(framing, text):
    items = [*framing.hedges, *framing.loaded_terms, *framing.insertions, *framing.rhetorical_questions,
             *framing.sentences, *framing.slant_sentences, *(s for c in framing.cited_source_evidence for s in c.evidence)]
    for item in items:
        assert text[item.start:item.end] == item.text


def test_loaded_terms_in_own_voice_vs_in_a_quote():
    text = ('The corrupt regime in Tarsk staged another sham vote on Sunday, a disgraceful farce. '
            '"This is a terrorist regime of thugs," opposition leader Mara Vell said.')
    framing, _ = framing_of(text)
    own = " | ".join(t.text.lower() for t in framing.loaded_terms if t.voice == "own")
    quoted = " | ".join(t.text.lower() for t in framing.loaded_terms if t.voice == "quoted")
    assert "sham" in own or "farce" in own or "corrupt" in own
    assert "thugs" in quoted or "terrorist regime" in quoted
    assert "thugs" not in own and "terrorist" not in own
    assert all(0.0 <= t.score <= 1.0 and t.technique for t in framing.loaded_terms)
    check_spans(framing, text)


def test_neutral_report_has_no_own_voice_loaded_terms():
    text = ("The city council met on Monday and approved the budget for next year. "
            "The plan includes funds for road repairs and two new libraries, the mayor's office said.")
    framing, _ = framing_of(text)
    assert [t.text for t in framing.loaded_terms if t.voice == "own"] == []


def test_hedges_and_question_headline():
    text = ('Explosion at depot: sabotage?\n\n'
            'The alleged sabotage at the fuel depot could not be independently verified. '
            'Officials said, without providing evidence, that saboteurs were responsible.')
    framing, _ = framing_of(text, title="Explosion at depot: sabotage?")
    hedges = " | ".join(h.text.lower() for h in framing.hedges)
    assert "alleged" in hedges and "could not be independently verified" in hedges
    assert "without providing evidence" in hedges and "sabotage?" in hedges
    assert {h.kind for h in framing.hedges} >= {"evidential", "question"}


def test_perhaps_and_maybe_are_the_outlets_own_doubt():
    text = ("The speed with which the minister denied the report perhaps gives the game away. "
            "Maybe the depot was never guarded at all.")
    framing, _ = framing_of(text)
    hedges = {h.text.lower() for h in framing.hedges}
    assert {"perhaps", "maybe"} <= hedges


def test_a_hedge_inside_a_quote_does_not_hedge_the_outlet():
    text = ('"The attack may have been staged, possibly by the army itself," the analyst Tom Reed said. '
            'The drone attack hit the depot on Tuesday.')
    framing, _ = framing_of(text)
    assert framing.hedges == []
    assert framing.stance == "fact"


def test_reported_speech_keeps_the_outlets_evidential_hedge_but_not_the_speakers_doubt():
    text = ('Reed said the alleged attack may have been a provocation. '
            'The ministry said the strike was possibly ordered abroad.')
    framing, _ = framing_of(text)
    hedges = [h.text.lower() for h in framing.hedges]
    assert "alleged" in hedges
    assert not any(h.startswith("may") or h.startswith("possibl") for h in hedges)


def test_attribution_hedges_about_the_event():
    text = ('Russia claimed that Ukraine launched the drone attack on the Kremlin. '
            'According to the Kremlin, two drones were shot down in the attack. '
            'Ryabkov spoke to Channel 1 about the attack, according to TASS. '
            'Blinken dismissed what Moscow called an assassination attempt. '
            'This does not say much for air defences, if we are to believe this account of the strike.')
    framing, _ = framing_of(text)
    hedges = [h.text for h in framing.hedges]
    assert "Russia claimed" in hedges
    assert any(h.startswith("According to the Kremlin") for h in hedges)
    assert not any("TASS" in h for h in hedges)
    assert any(h.startswith("what Moscow called") for h in hedges)
    assert any(h.startswith("if we are to believe") for h in hedges)
    assert {h.kind for h in framing.hedges if h.text == "Russia claimed"} == {"attribution"}
    check_spans(framing, text)


def test_scare_quoted_event_is_a_hedge():
    text = "Officials gathered after the 'assassination attempt' on the governor. The governor was unharmed."
    framing, _ = framing_of(text)
    assert any("assassination attempt" in h.text and h.kind == "scare quote" for h in framing.hedges)


def test_transcript_turns_are_the_speakers():
    text = ("The press secretary took questions on Tuesday.\n\n"
            "Q    Is the attack real? Could it have been staged?\n\n"
            "MS. JEAN-PIERRE:  We may never know. I want to be super mindful here.\n\n"
            "Go ahead, Mary.\n\n"
            "2:31 P.M. EDT\n\n"
            "Is this the hidden agenda? The briefing ended early.")
    turns = transcript_turns(text)
    assert len(turns) == 2
    assert "Could it have been staged?" in text[turns[0][0]:turns[0][1]]
    assert "Go ahead, Mary." in text[turns[1][0]:turns[1][1]] and "2:31" not in text[turns[1][0]:turns[1][1]]
    framing, _ = framing_of(text)
    assert [q.text for q in framing.rhetorical_questions] == ["Is this the hidden agenda?"]
    assert not any("may" in h.text.lower() for h in framing.hedges)
    assert not any(t.voice == "own" and "super" in t.text.lower() for t in framing.loaded_terms)


def test_a_colon_in_prose_is_not_a_transcript():
    assert transcript_turns("Note: the figures are provisional.\n\nThe council met on Monday.") == []


def test_editorial_insertions_and_emphasis():
    text = ('The minister said: "We will publish the evidence soon. [We are still waiting.]" '
            'Her aide added that the report was "nearly complete" (emphasis added).')
    framing, _ = framing_of(text)
    texts = [i.text for i in framing.insertions]
    assert "[We are still waiting.]" in texts and "(emphasis added)" in texts


def test_bracketed_clarifications_in_a_quote_are_insertions():
    text = ('"[The mayor] will decide by Friday," the spokesman Ian Roe said on Tuesday. '
            '"They could not have carried out (the attack) alone," he added.')
    framing, _ = framing_of(text)
    texts = [i.text for i in framing.insertions]
    assert "[The mayor]" in texts and "(the attack)" in texts


def test_footnote_brackets_are_not_insertions():
    framing, _ = framing_of("The council approved the plan [1]. Turnout was low [2].")
    assert framing.insertions == []


def test_rhetorical_questions_in_own_voice_only():
    text = ('What happened?\n\nThe power went out at noon. Is this really an accident? '
            '"Who benefits?" the activist Dana Wu asked.')
    framing, _ = framing_of(text)
    questions = [q.text for q in framing.rhetorical_questions]
    assert questions == ["Is this really an accident?"]


def test_sources_with_evidence():
    text = ('According to Interfax, the blast hit the depot at dawn. '
            'The governor told the BBC that nobody was hurt. '
            'Channel 4 reported that the fire burned for hours. '
            'In a piece for The Atlantic, a former official doubted the account. '
            'Photos of the site circulated via AFP. Reuters contributed to this report.')
    framing, _ = framing_of(text)
    names = set(framing.cited_sources)
    assert {"Interfax", "BBC", "Channel 4", "Atlantic", "AFP", "Reuters"} <= names, names
    by_name = {c.name: c for c in framing.cited_source_evidence}
    assert all(by_name[n].evidence for n in names)
    assert "Interfax" in by_name["Interfax"].evidence[0].text
    check_spans(framing, text)


def test_sources_and_naming():
    text = ('According to Reuters, the Kiev regime denied the report. '
            'The Kyiv government told CNN that it had nothing to do with the attack.')
    framing, _ = framing_of(text)
    assert {"Reuters", "CNN"} <= set(framing.cited_sources)
    terms = [t for terms in framing.naming.values() for t in terms]
    assert "Kiev regime" in terms


def test_spelling_variants_are_not_naming_choices():
    assert spelling_variant("F.B.I.", "FBI")
    assert spelling_variant("Zelensky", "Zelenskyy")
    assert not spelling_variant("Kiev", "Kyiv")
    assert not spelling_variant("Kiev regime", "Kyiv regime")
    assert not naming_differs([["F.B.I."], ["FBI"]])
    assert naming_differs([["Kiev regime"], ["Ukraine"]])
    assert naming_differs([["Kiev"], ["Kyiv"]])


def test_sentence_scores_and_slant():
    text = ("The council met on Monday to discuss the budget. "
            "This disgraceful, corrupt gang of crooks is destroying our city with its insane lies! "
            '"We are proud of this budget," the mayor said.')
    framing, _ = framing_of(text)
    scores = {s.text[:12]: s.score for s in framing.sentences}
    assert "The council " in scores and "This disgrac" in scores
    assert not any(s.text.startswith('"We are') for s in framing.sentences)  # a quote is not the outlet's sentence
    assert scores["This disgrac"] > scores["The council "]
    assert [s.text[:12] for s in framing.slant_sentences][:1] == ["This disgrac"]
    assert framing.slant_sentences == sorted(framing.slant_sentences, key=lambda s: -s.score)
    assert 0.0 < framing.opinion_share < 1.0
    check_spans(framing, text)


def test_model_file_is_small_and_described():
    from parallax.article.framing.model import MODEL_PATH, get_model

    assert MODEL_PATH.stat().st_size < 3_000_000
    model = get_model()
    assert "PTC" in model.metadata["trained_on"] and model.metadata["spacy"]
    assert 0.0 < model.sentence_threshold < 1.0


def test_packaged_scoring_matches_the_training_scorer(nlp):
    """Parallax scores grouped features; training and the held-out figures use plain feature
    strings: both must give the same probabilities and lexicon flags."""
    import numpy as np

    from parallax.article.framing.features import TokenTable, token_features
    from parallax.article.framing.model import feature_flags, get_model

    text = ('The "so-called" reform is a shameless giveaway to corrupt cronies, critics said on Tuesday! '
            "Was it a false flag? Officials, however, said the plan may well pass.")
    doc = nlp(text)
    scores = get_model().token_scores(doc)
    rows, tensor = token_features(doc)
    assert scores.table.text == doc.text
    assert np.allclose(scores.probs, get_model().score_rows(rows, tensor), atol=1e-6)
    assert np.array_equal(scores.flags, feature_flags(rows))
    assert len(rows) == len(doc) and all("bias" in row for row in rows)


def test_feature_numbering_starts_again_when_full(nlp, monkeypatch):
    import numpy as np

    from parallax.article.framing import features
    from parallax.article.framing.model import get_model

    doc = nlp("Critics blasted the reckless plan. The mayor defended it on Monday.")
    before = get_model().token_scores(doc).probs
    monkeypatch.setattr(features, "MAX_GROUPS", 0)
    start = features.generation()
    after = get_model().token_scores(doc).probs
    assert features.generation() == start + 1
    assert np.allclose(before, after, atol=1e-6)


@pytest.mark.parametrize("text", ["", "   ", "?!", "[]", "Q: A:"])
def test_degenerate_texts(text):
    framing, report = framing_of(text or " ")
    # nothing to read: no findings, no opinion, the neutral stance, and no crash
    assert framing.opinion_share == 0.0 and framing.stance == "fact"
    assert not (framing.hedges or framing.loaded_terms or framing.sentences or framing.slant_sentences
                or framing.rhetorical_questions or framing.insertions or report.quotes or report.claims)
