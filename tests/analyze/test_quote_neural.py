"""The opt-in MiniLM attribution tagger: how it is chosen, what it says when it cannot load,
and (with the embed extra installed) what it adds to the rules, on invented sentences."""

import pytest

from parallax.analyze import minilm, quote_model, quote_neural
from parallax.analyze.quotes import find_quotes
from parallax.analyze.sentences import SentenceStage
from parallax.errors import ParallaxError

_SPLIT = SentenceStage()
needs_extra = pytest.mark.skipif(
    not minilm.installed(), reason="the MiniLM quote tagger needs the embed extra (torch==2.13.0, then .[embed])")


@pytest.fixture
def tagger(monkeypatch):
    """Set the quote_tagger setting for one test, and forget loaded models around it."""
    def use(name, weights=None):
        monkeypatch.setenv("PARALLAX_QUOTE_TAGGER", name)
        if weights is not None:
            monkeypatch.setenv("PARALLAX_QUOTE_MINILM", str(weights))
        quote_model.reload_model()
    yield use
    monkeypatch.delenv("PARALLAX_QUOTE_TAGGER", raising=False)
    monkeypatch.delenv("PARALLAX_QUOTE_MINILM", raising=False)
    quote_model.reload_model()


def quotes(text):
    return [(text[q.start:q.end], text[q.cue[0]:q.cue[1]] if q.cue else None,
             text[q.speaker[0]:q.speaker[1]] if q.speaker else None)
            for q in find_quotes(text, _SPLIT.split(text), [])]


def test_the_crf_is_the_default():
    quote_model.reload_model()
    assert quote_model.tagger_name() == "crf"


def test_an_unknown_tagger_is_refused_by_name(tagger):
    tagger("bert")
    with pytest.raises(ParallaxError, match="quote_tagger is 'bert'"):
        quote_model.available()


def test_missing_weights_say_how_to_train_them(tagger, tmp_path):
    tagger("minilm", tmp_path)
    with pytest.raises(quote_neural.QuoteTaggerMissing, match="train_quotes_minilm.py"):
        find_quotes("Several economists doubt the plan will lower prices.", [], [])


@needs_extra
def test_shipped_weights_cover_what_training_changed():
    info = quote_neural.load()
    assert info.model.n_frozen >= 1
    assert (quote_neural.MODEL_DIR / "tagger.safetensors").stat().st_size < 20_000_000


@needs_extra
@pytest.mark.parametrize("text,content,cue,speaker", [
    ("Several economists doubt the plan will lower prices.",
     "the plan will lower prices", "doubt", "Several economists"),
    ("Nurses at the hospital say the new shifts are too long.",
     "the new shifts are too long", "say", "Nurses at the hospital"),
    ("Opposition leaders accused the governor of hiding the figures, while his aides insisted "
     "the numbers were public.", "the governor of hiding the figures", "accused", "Opposition leaders"),
])
def test_minilm_adds_unmarked_attributions(tagger, text, content, cue, speaker):
    tagger("minilm")
    assert (content, cue, speaker) in quotes(text)


@needs_extra
@pytest.mark.parametrize("text", [
    "The ministry published the draft treaty on its website on Monday.",
    "Talks are expected to resume after the holiday.",
    "Investigators have not yet said what started the fire at the depot.",
    "The governor was asked about the closure of the hospital on Monday.",
])
def test_minilm_finds_are_filtered_like_the_crf_ones(tagger, text):
    tagger("minilm")
    assert quotes(text) == []


@needs_extra
def test_minilm_keeps_the_rule_quotations(tagger):
    text = "“We will reopen the school in May,” the mayor said. Several economists doubt the plan will lower prices."
    tagger("minilm")
    found = quotes(text)
    assert ("We will reopen the school in May,", "said", "the mayor") in found
    assert len(found) == 2
