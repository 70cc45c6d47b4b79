"""Named-entity recognition: tokenizer, label rules, the trained model on invented prose, and
the clear error when the model is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.analyze import entities
from parallax.analyze.entities import EntityStage, NERModelMissing, recognize
from parallax.analyze.ner_features import tokenize
from parallax.model import Article

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def words(text, **kw):
    return [text[a:b] for a, b in tokenize(text, **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jane's cat.", ["Jane", "'s", "cat", "."]),
        ("Paris’s mayor", ["Paris", "’s", "mayor"]),
        ("They didn't go", ["They", "did", "n't", "go"]),
        ("the U.S. army", ["the", "U.S.", "army"]),
        ("a pro-Western deal", ["a", "pro-Western", "deal"]),
        ("(3.5%)", ["(", "3.5", "%", ")"]),
        ("O'Brien left.", ["O'Brien", "left", "."]),
        ("J. Doe", ["J.", "Doe"]),
        ("end. Next", ["end", ".", "Next"]),
    ],
)
def test_tokenize(text, expected):
    assert words(text) == expected


def test_tokenize_known_abbreviation_keeps_period():
    assert words("Mr. Doe", abbreviations=frozenset({"Mr"})) == ["Mr.", "Doe"]
    assert words("Mr. Doe") == ["Mr", ".", "Doe"]


def test_tokenize_respects_bounds():
    text = "xx Alpha Beta yy"
    assert [text[a:b] for a, b in tokenize(text, 3, 13)] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    "tags, expected",
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "I-LOC"], [(0, 2, "ORG"), (2, 3, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["O", "O"], []),
    ],
)
def test_decode(tags, expected):
    assert entities._decode(tags) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["Russian"], "NORP"), (["Chinese"], "NORP"), (["Muslims"], "NORP"),
        (["Dutch"], "NORP"), (["World", "Cup"], "EVENT"), (["Cold", "War"], "EVENT"),
        (["Olympic"], "OTHER"), (["Windows", "95"], "OTHER"), (["Internet"], "OTHER"),
    ],
)
def test_misc_label(words, expected):
    assert entities._misc_label(words) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["Springfield"], True), (["SPRINGFIELD"], True), (["New", "Haven"], True),
        (["U.S."], True), (["Rhine", "River"], False), (["Narnia"], False),
        (["New", "Rhine"], False),
    ],
)
def test_is_gpe(words, expected):
    places = {"Springfield": {"city"}, "New": {"city_part", "state_part"},
              "New Haven": {"city"}, "Haven": {"city_part"}, "Rhine": {"city_part"}}
    assert entities._is_gpe(words, places) is expected


def test_missing_model_names_training_command(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_NER_MODEL", str(tmp_path))
    entities.reload_model()
    try:
        with pytest.raises(NERModelMissing, match="scripts/train_ner.py"):
            recognize("Alice met Bob.", [(0, 14)])
    finally:
        monkeypatch.delenv("PARALLAX_NER_MODEL")
        entities.reload_model()


def _model_or_skip():
    try:
        entities._load()
    except NERModelMissing as exc:
        pytest.skip(str(exc))


def found(text):
    return {(text[m.start:m.end], m.label) for m in recognize(text, [(0, len(text))])}


# Invented sentences in ordinary news prose: (text, mentions that must be found).
PROSE = [
    ("Foreign Minister Helga Brandt flew to Madrid on Monday to meet officials of the "
     "European Union.",
     {("Helga Brandt", "PERSON"), ("Madrid", "GPE"), ("European Union", "ORG")}),
    ("The Kremlin said President Vladimir Putin would not attend the talks in Vienna.",
     {("Kremlin", "ORG"), ("Vladimir Putin", "PERSON"), ("Vienna", "GPE")}),
    ("Ukrainian and Polish officials met at the headquarters of NATO in Brussels.",
     {("Ukrainian", "NORP"), ("Polish", "NORP"), ("NATO", "ORG"), ("Brussels", "GPE")}),
    ("Microsoft hired Tom Keller, a former Google engineer, in Seattle last week.",
     {("Microsoft", "ORG"), ("Tom Keller", "PERSON"), ("Seattle", "GPE")}),
]


@pytest.mark.parametrize("text, expected", PROSE)
def test_recognize_prose(text, expected):
    _model_or_skip()
    got = found(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize(
    "text",
    ["the weather was mild and the market closed early on monday.",
     "It is what it is, she said."],
)
def test_no_entities_in_plain_lowercase_text(text):
    _model_or_skip()
    assert found(text) == set()


def test_title_not_in_person_span_and_kept_as_description():
    _model_or_skip()
    text = "US Secretary of State Marcus Hale spoke to reporters."
    ms = [m for m in recognize(text, [(0, len(text))]) if m.label == "PERSON"]
    assert [text[m.start:m.end] for m in ms] == ["Marcus Hale"]
    assert ms[0].description is not None
    d = ms[0].description
    assert text[d[0]:d[1]] == "US Secretary of State"


def test_offsets_point_into_text_with_several_sentences():
    _model_or_skip()
    text = "Anna Berg arrived.\nShe later met Omar Haddad in Cairo."
    sentences = [(0, 18), (19, len(text))]
    got = {(text[m.start:m.end], m.label) for m in recognize(text, sentences)}
    assert {("Anna Berg", "PERSON"), ("Omar Haddad", "PERSON"), ("Cairo", "GPE")} <= got
    # no sentences given: lines are used
    assert {(text[m.start:m.end], m.label) for m in recognize(text, [])} == got


def test_stage_writes_mentions():
    _model_or_skip()
    text = "Angela Novak visited Tokyo."
    art = Article(id="a", text=text, sentences=((0, len(text)),))
    out = EntityStage()(art)
    assert {(art.span((m.start, m.end)), m.label) for m in out.mentions} >= {
        ("Angela Novak", "PERSON"), ("Tokyo", "GPE")}


@pytest.mark.data
def test_seeds_people_organisations_places():
    _model_or_skip()
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    from parallax.analyze.sentences import SentenceStage

    names = set()
    splitter = SentenceStage()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in recognize(text, splitter.split(text)):
            names.add(text[m.start:m.end])
    wanted = {"Lavrov", "Blinken", "Maria Zakharova", "Jens Stoltenberg", "Vladimir Putin",
              "NATO", "Geneva", "Moscow", "Washington", "Ukraine", "Russia", "Kremlin"}
    hits = {w for w in wanted if any(w in n for n in names)}
    assert len(hits) >= len(wanted) - 1, f"missing {wanted - hits}"
