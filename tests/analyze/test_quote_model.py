"""The learned attribution tagger and how its finds join the rules', on invented sentences."""

import importlib.util
from pathlib import Path

import pytest

from parallax.analyze import quote_model
from parallax.analyze.quotes import find_quotes
from parallax.analyze.sentences import SentenceStage

_SPLIT = SentenceStage()


def quotes(text, model=True):
    out = []
    for q in find_quotes(text, _SPLIT.split(text), [], model=model):
        out.append((text[q.start:q.end], text[q.cue[0]:q.cue[1]] if q.cue else None,
                    text[q.speaker[0]:q.speaker[1]] if q.speaker else None))
    return out


@pytest.mark.parametrize("tags,runs", [
    (["O", "B-SRC", "B-CUE", "B-CON", "I-CON", "O"], [(1, 2, "SRC"), (2, 3, "CUE"), (3, 5, "CON")]),
    # an I- tag after another role starts a run of its own, as does a B- after the same role
    (["I-CON", "I-CON", "B-CON", "I-CUE"], [(0, 2, "CON"), (2, 3, "CON"), (3, 4, "CUE")]),
    (["O", "O"], []),
])
def test_decode_bio_runs(tags, runs):
    assert quote_model.decode(tags) == runs


def test_shipped_model_loads():
    assert quote_model.available(), "src/parallax/models/quotes/ should hold the trained model"


@pytest.mark.parametrize("text,content,cue,speaker", [
    # a view with no quote marks and no "that", which the rules do not take
    ("Several economists doubt the plan will lower prices.",
     "the plan will lower prices", "doubt", "Several economists"),
    # two attributions in one sentence; the rules find only the second
    ("Opposition leaders accused the governor of hiding the figures, while his aides insisted "
     "the numbers were public.", "the governor of hiding the figures", "accused", "Opposition leaders"),
    # a speaker with a prepositional phrase
    ("Nurses at the hospital say the new shifts are too long.",
     "the new shifts are too long", "say", "Nurses at the hospital"),
])
def test_model_adds_unmarked_attributions(text, content, cue, speaker):
    assert (content, cue, speaker) not in quotes(text, model=False)
    assert (content, cue, speaker) in quotes(text)


def test_model_splits_a_rule_content_at_a_second_attribution():
    text = "The council denied the report, and residents hope the repairs will be quick."
    rules = quotes(text, model=False)
    assert rules == [("the report, and residents hope the repairs will be quick", "denied", "The council")]
    assert quotes(text) == [("the report", "denied", "The council"),
                            ("the repairs will be quick", "hope", "residents")]


def test_model_keeps_every_rule_quote():
    text = ("“We will reopen the school in May,” the mayor said. Several economists doubt the "
            "plan will lower prices.")
    rules = quotes(text, model=False)
    both = quotes(text)
    assert rules and set(rules) <= set(both)
    assert len(both) == len(rules) + 1


@pytest.mark.parametrize("text", [
    # events, not statements: the tagger may learn PolNeAR's broad scheme, the filter keeps
    # only what a reader counts as someone's words or views
    "The ministry published the draft treaty on its website on Monday.",
    "The two delegations discussed trade at a hotel near the lake.",
    # a passive names no speaker
    "Talks are expected to resume after the holiday.",
    # a negated saying says nothing
    "Investigators have not yet said what started the fire at the depot.",
    # a passive cue: the one it names did not say anything ("was asked about", "is aimed at")
    "The governor was asked about the closure of the hospital on Monday.",
    "Neither candidate is inclined to attack the other during the debate.",
    "The new ad is aimed at young voters in the northern districts.",
    "The mayor was first noted for her speeches at the harbour.",
    # "no mention of" says nothing
    "The city charter makes no mention of electric scooters.",
])
def test_no_quote_in_plain_reporting(text):
    assert quotes(text) == []


def test_missing_model_falls_back_to_rules(tmp_path, monkeypatch, caplog):
    text = "The council denied the report, and residents hope the repairs will be quick."
    monkeypatch.setenv("PARALLAX_QUOTE_MODEL", str(tmp_path))
    quote_model.reload_model()
    try:
        assert quotes(text) == quotes(text, model=False)
        assert "no quote model" in caplog.text and "train_quotes.py" in caplog.text
    finally:
        monkeypatch.delenv("PARALLAX_QUOTE_MODEL")
        quote_model.reload_model()


def _train_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "train_quotes.py"
    spec = importlib.util.spec_from_file_location("train_quotes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_training_labels_follow_the_gold_spans(tmp_path):
    text = "The mayor said that repairs would start in May. Nothing else happened."
    spans = {"Source": "The mayor", "Cue": "said", "Content": "that repairs would start in May"}
    rows = []
    for t, (label, needle) in enumerate(spans.items(), 1):
        a = text.index(needle)
        rows.append(f"T{t}\t{label} {a} {a + len(needle)}\t{needle}")
    rows.append("E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text)
    (tmp_path / "attributions" / "a_x1.ann").write_text("\n".join(rows) + "\n")
    sents = _train_script().labelled_sentences(tmp_path, _SPLIT)
    assert len(sents) == 2
    words, tags, open_quote = sents[0]
    assert list(zip(words, tags))[:5] == [("The", "B-SRC"), ("mayor", "I-SRC"), ("said", "B-CUE"),
                                          ("that", "B-CON"), ("repairs", "I-CON")]
    assert tags[-1] == "O"  # the final period is outside the content
    assert set(sents[1][1]) == {"O"}
    assert open_quote is False


@pytest.mark.parametrize("text,content,cue,speaker", [
    # quoted words inside a view the rules do not read: the tagger's attribution is kept
    ("Several economists doubt the plan will “bring prices down for anyone” this year.",
     "the plan will “bring prices down for anyone” this year", "doubt", "Several economists"),
    ("Local farmers fear the drought will be “the worst in living memory” for the valley.",
     "the drought will be “the worst in living memory” for the valley", "fear", "Local farmers"),
])
def test_model_keeps_quoted_words_inside_a_view(text, content, cue, speaker):
    assert quotes(text, model=False) == []
    assert quotes(text) == [(content, cue, speaker)]


@pytest.mark.parametrize("text,expected", [
    # a fronted participle reports for the subject of the clause after it
    ("Noting that the river had risen overnight, Olsen urged residents to leave their homes.",
     ("that the river had risen overnight", "Noting", "Olsen")),
    ("Acknowledging that the budget was tight, the mayor promised to keep the library open.",
     ("that the budget was tight", "Acknowledging", "the mayor")),
])
def test_model_attribution_finds_its_speaker_outside_the_tagged_source(text, expected):
    assert expected not in quotes(text, model=False)
    assert expected in quotes(text)


@pytest.mark.parametrize("text,first,second", [
    # a participle after a one-word content is a second attribution by the same speaker
    ("The minister attacked Berg, calling him a danger to the savings of ordinary families.",
     ("Berg", "attacked", "The minister"),
     ("him a danger to the savings of ordinary families", "calling", "The minister")),
    ("The coach praised Olsen, describing her as the best defender in the league.",
     ("Olsen", "praised", "The coach"), ("her as the best defender in the league", "describing", "The coach")),
])
def test_model_splits_a_participle_off_a_rule_content(text, first, second):
    assert quotes(text) == [first, second]


@pytest.mark.parametrize("text,expected", [
    # stance and criticism verbs PolNeAR train annotates as cues, now known to the filter
    ("Local farmers support the plan to build a second dam on the river.",
     ("the plan to build a second dam on the river", "support", "Local farmers")),
    ("The mayor credited the volunteers with saving the old library.",
     ("the volunteers with saving the old library", "credited", "The mayor")),
])
def test_model_adds_stance_verbs_from_the_lexicon(text, expected):
    assert quotes(text) == [expected]


def test_a_name_read_into_the_cue_becomes_the_speaker():
    from parallax.analyze.quotes import _accepted

    text = "Greenpeace deemed the new rules too weak to protect the coast."
    content = (text.index("the new"), text.index("."))
    att = quote_model.Attribution((0, text.index(" the new")), None, [content])
    (q,) = _accepted(text, _SPLIT.split(text), att, [], [])
    assert (text[q.cue[0]:q.cue[1]], text[q.speaker[0]:q.speaker[1]]) == ("deemed", "Greenpeace")
    assert text[q.start:q.end] == "the new rules too weak to protect the coast"


def test_model_does_not_cut_a_content_at_an_apposition():
    # nested speech in a rule's content: the named mayor is an apposition, not a new clause
    text = ("The minister recalled that the mayor, Anna Berg, had publicly urged residents to "
            "“stay calm and stay home” during the storm.")
    assert quotes(text) == [(text[text.index("that"):-1], "recalled", "The minister")]


def test_a_tagged_content_without_a_word_is_dropped():
    from parallax.analyze.quotes import _accepted

    text = "The mayor kept tweeting # all night."
    cue = (text.index("tweeting"), text.index(" #"))
    att = quote_model.Attribution(cue, (0, len("The mayor")), [(text.index("#"), text.index("#") + 1)])
    assert _accepted(text, _SPLIT.split(text), att, [], []) == []


def test_an_opening_phrase_is_not_a_clause_to_cut_at():
    text = ("The envoy stressed that at the same time, the allies remain supportive of the island's "
            "independence and stand ready to respond.")
    assert quotes(text) == [("that at the same time, the allies remain supportive of the island's "
                             "independence and stand ready to respond", "stressed", "The envoy")]


def test_a_one_word_topic_is_not_a_statement():
    from parallax.analyze.quotes import _accepted

    text = "The two sides held talks on security in the capital."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    att = quote_model.Attribution(span("talks on"), span("The two sides"), [span("security")])
    assert _accepted(text, [(0, len(text))], att, [], []) == []
    att = quote_model.Attribution(span("talks on"), span("The two sides"), [span("security in the capital")])
    assert _accepted(text, [(0, len(text))], att, [], []) != []
