"""Descriptions attached to person names: titles before the name, appositions after it."""

from __future__ import annotations

import pytest

from parallax.analyze.roles import RoleStage, attach_descriptions
from parallax.analyze.stage import Pipeline
from parallax.model import Article, Mention


def _mention(text: str, name: str, label: str = "PERSON") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), label)


def _description(text: str, name: str, label: str = "PERSON") -> str | None:
    got = attach_descriptions(text, [_mention(text, name, label)])[0]
    return text[got.description[0] : got.description[1]] if got.description else None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Ruritanian Secretary of State Jana Novak met him.", "Jana Novak", "Ruritanian Secretary of State"),
        ("Yesterday Ruritanian Foreign Minister Ivo Kral left.", "Ivo Kral", "Ruritanian Foreign Minister"),
        ("He cited Borduria Foreign Ministry Spokeswoman Ana Lenz on Monday.", "Ana Lenz",
         "Borduria Foreign Ministry Spokeswoman"),
        ("Alliance Secretary General Per Olsen spoke.", "Per Olsen", "Alliance Secretary General"),
        ("Widget Corp chief executive Tom Berg resigned.", "Tom Berg", "Widget Corp chief executive"),
        ("They met Novak, the Ruritanian Secretary of State, in Bern.", "Novak", "Ruritanian Secretary of State"),
        ("They met Ivo Kral, Ruritania's top diplomat.", "Ivo Kral", "Ruritania's top diplomat"),
        ("Ivo Kral, the foreign minister - arrived late.", "Ivo Kral", "foreign minister"),
    ],
)
def test_titles_and_appositions_are_found(text, name, expected):
    assert _description(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On Monday Tom Berg arrived.", "Tom Berg"),  # a weekday is not a title
        ("They called Tom Berg, who is a lawyer.", "Tom Berg"),  # relative clause
        ("Tom Berg, Ana Lenz and Ivo Kral met.", "Tom Berg"),  # a list, not an apposition
        ("Tom Berg, the minister said, was away.", "Tom Berg"),  # reporting verb inside
        ("Tom Berg, after talks with the minister, left.", "Tom Berg"),  # adverbial, not apposition
        ("the meeting with Tom Berg ended.", "Tom Berg"),  # lowercase words only
    ],
)
def test_no_description_without_a_title(text, name):
    assert _description(text, name) is None


def test_only_people_get_descriptions():
    text = "Ruritanian Secretary of State Office Building closed."
    assert _description(text, "Office Building", label="ORG") is None


def test_a_title_keeps_places_but_not_other_people():
    text = "Tom Berg and Borduria Foreign Minister Ivo Kral met."
    mentions = [_mention(text, "Tom Berg"), _mention(text, "Borduria", "GPE"), _mention(text, "Ivo Kral")]
    out = attach_descriptions(text, mentions)
    assert out[0].description is None and out[1].description is None
    assert text[out[2].description[0] : out[2].description[1]] == "Borduria Foreign Minister"


def test_apposition_may_name_a_place():
    text = "Ivo Kral, Borduria's foreign minister, arrived."
    mentions = [_mention(text, "Ivo Kral"), _mention(text, "Borduria", "GPE")]
    out = attach_descriptions(text, mentions)
    assert text[out[0].description[0] : out[0].description[1]] == "Borduria's foreign minister"


def test_titles_do_not_cross_sentences():
    text = "He spoke to the Minister. Ivo Kral left."
    m = _mention(text, "Ivo Kral")
    out = attach_descriptions(text, [m], sentences=[(0, 25), (26, len(text))])
    assert out[0].description is None


def test_stage_fills_mentions_in_a_pipeline():
    from parallax.analyze.sentences import SentenceStage

    text = "Ruritanian Foreign Minister Ivo Kral arrived."

    class Fixed(SentenceStage):  # stands for the recogniser: hand-built mentions
        name = "fixed"
        reads = ("text", "sentences")
        writes = ("mentions",)

        def process_batch(self, articles):
            return [a.evolve(mentions=(_mention(a.text, "Ivo Kral"),)) for a in articles]

    pipe = Pipeline([SentenceStage(), Fixed(), RoleStage()])
    (art,) = pipe.process_batch([Article(id="a", text=text)])
    (m,) = art.mentions
    assert art.span(m.description) == "Ruritanian Foreign Minister"
