"""Speakers resolved to entities, and one statement recognised across outlets: hand-written
pairs, then the seed articles (read at run time from ../shared/seeds) through the whole flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.analyze.quotes import find_quotes
from parallax.analyze.sentences import SentenceStage
from parallax.compare.quotes import align_quotes, diff_quotes, resolve_speakers
from parallax.model import Article, Mention

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
_SPLIT = SentenceStage()

# --- alignment -------------------------------------------------------------------------

GOODWILL_A = ("We have shown good will not only in recent months, but for years, reaching out to our "
              "neighbours again and again, wanting to work with them on trade, energy and transport.")
GOODWILL_B = ("We've shown goodwill not just in recent months but over many years, consistently reaching "
              "out to our neighbours, wanting to work with them on trade, on energy and on transport.")


def aligned(*texts):
    items = [(f"q{i}", f"a{i}", t) for i, t in enumerate(texts)]
    return align_quotes(items)


def test_two_translations_of_one_statement_are_aligned():
    assert aligned(GOODWILL_A, GOODWILL_B) == {"q0": ["q1"], "q1": ["q0"]}


def test_a_trimmed_quote_is_aligned_with_the_full_one():
    trimmed = "We have shown good will not only in recent months, but for years"
    assert aligned(GOODWILL_A, trimmed) == {"q0": ["q1"], "q1": ["q0"]}


def test_two_statements_on_one_topic_are_not_aligned():
    a = "We would like nothing more than to work with our neighbours on energy in all these areas."
    b = "We would like nothing better than to build a stable, predictable relationship with our neighbours."
    assert aligned(a, b) == {}


def test_different_quotes_are_not_aligned():
    a = "The harbour will reopen to container ships on Monday after the repairs."
    b = "Our farmers need rain more than they need subsidies this summer."
    assert aligned(a, b) == {}


def test_quotes_in_one_article_are_not_aligned_with_each_other():
    assert align_quotes([("q0", "a", GOODWILL_A), ("q1", "a", GOODWILL_B)]) == {}


def test_diff_says_what_was_cut_and_changed():
    full = "We will rebuild the northern bridge before winter, whatever the cost to the city."
    short = "We will rebuild the bridge before winter."
    changes = diff_quotes(full, short)
    cut = " ".join(a for op, a, _b in changes if op in ("delete", "replace"))
    assert "northern" in cut and "cost" in cut
    assert ("replace", "We’ve", "We have") in diff_quotes("We’ve won.", "We have won.")


def test_diff_ignores_punctuation_and_identical_texts():
    assert diff_quotes("We are ready, he said", "We are ready he said") == []
    assert diff_quotes("We are ready.", "“We are ready”") == []


# --- speakers --------------------------------------------------------------------------


def _article(text, names):
    """An article with its quotes found and PERSON/ORG mentions for each (surface, label)."""
    mentions = []
    for surface, label in names:
        i = text.find(surface)
        while i >= 0:
            mentions.append(Mention(i, i + len(surface), label))
            i = text.find(surface, i + 1)
    sents = tuple(_SPLIT.split(text))
    quotes = tuple(find_quotes(text, sents, mentions))
    return Article(id="a", text=text, sentences=sents, mentions=tuple(sorted(mentions, key=lambda m: m.start)),
                   quotes=quotes)


def _entity_of(article, entities):
    """entity_of_span stand-in: an entity id per surface form, for spans overlapping a mention."""
    def entity_of_span(_aid, s, e):
        for m in article.mentions:
            if m.start < e and s < m.end:
                return entities.get(article.text[m.start:m.end])
        return None
    return entity_of_span


def speakers(text, names, entities):
    art = _article(text, names)
    return [(art.text[q.start:q.end][:20], sid) for q, sid in zip(art.quotes, resolve_speakers(art, _entity_of(art, entities)))]


def test_pronoun_and_role_take_the_previous_speaker():
    text = ("“The harbour reopens on Monday,” Ida Holm said.\n"
            "“We have waited long enough,” she added.\n"
            "“Ships will queue for days,” the transport minister said.")
    got = speakers(text, [("Ida Holm", "PERSON")], {"Ida Holm": "e-holm"})
    assert [sid for _q, sid in got] == ["e-holm", "e-holm", "e-holm"]


def test_role_after_another_person_is_named_stays_unknown():
    text = ("“The harbour reopens on Monday,” Ida Holm said.\n"
            "Later Tom Berg visited the docks.\n"
            "“Ships will queue for days,” the transport minister said.")
    got = speakers(text, [("Ida Holm", "PERSON"), ("Tom Berg", "PERSON")],
                   {"Ida Holm": "e-holm", "Tom Berg": "e-berg"})
    assert got[-1][1] is None


def test_role_description_matched_to_the_person_it_describes():
    text = ("Valdoria wants a deal, declared the Valdorian Foreign Minister, Ivo Dran, after meeting "
            "the head of Ostravian diplomacy, Tom Berg.\n"
            "“Our farmers cannot wait another season,” said the Ostravian minister.\n"
            "“We came to build trust,” the Valdorian minister said.")
    got = speakers(text, [("Ivo Dran", "PERSON"), ("Tom Berg", "PERSON")],
                   {"Ivo Dran": "e-dran", "Tom Berg": "e-berg"})
    assert [sid for _q, sid in got] == ["e-dran", "e-berg", "e-dran"]


def test_head_of_an_organisation_is_not_the_organisation():
    text = ("“Talks will go on,” Ida Holm said.\n"
            "“We are not worried,” the head of the Port Authority said.")
    got = speakers(text, [("Ida Holm", "PERSON"), ("Port Authority", "ORG")],
                   {"Ida Holm": "e-holm", "Port Authority": "e-port"})
    assert got[1][1] == "e-holm"


def test_people_named_by_a_place_are_not_the_place():
    text = ("Farmers along the lower Lenna said on Saturday that they would believe the deal when they saw water.\n"
            "Officials in Kovia said the canal would reopen in May.")
    art = _article(text, [("Lenna", "LOC"), ("Kovia", "GPE")])
    assert [text[q.speaker[0]:q.speaker[1]] for q in art.quotes] == ["Farmers along the lower Lenna", "Officials in Kovia"]
    got = speakers(text, [("Lenna", "LOC"), ("Kovia", "GPE")], {"Lenna": "e-lenna", "Kovia": "e-kovia"})
    assert [sid for _q, sid in got] == [None, None]
    # a body named with its place is still that body
    got = speakers("The Port Authority of Kovia said the canal would reopen in May.",
                   [("Port Authority of Kovia", "ORG")], {"Port Authority of Kovia": "e-port"})
    assert [sid for _q, sid in got] == ["e-port"]


def test_organisation_as_speaker():
    text = "“The airport will reopen next week,” the Transport Ministry said."
    got = speakers(text, [("Transport Ministry", "ORG")], {"Transport Ministry": "e-min"})
    assert got == [("The airport will reo", "e-min")]


def test_glued_name_takes_the_entity_of_the_same_name():
    text = ("Ida Holm met the mayor on Friday.\n"
            "“We stand ready to help if the river floods the townHolm stressed after the talks.")
    art = _article(text, [("Ida Holm", "PERSON")])
    entity_of = _entity_of(art, {"Ida Holm": "e-holm"})
    got = resolve_speakers(art, entity_of)
    assert got == ["e-holm"]


def test_relative_pronoun_is_the_person_named_before_it():
    text = "The council met on Friday. Ida Holm, who has long argued that the harbour must reopen soon, met the board."
    art = _article(text, [("Ida Holm", "PERSON")])
    assert [art.text[q.speaker[0]:q.speaker[1]] for q in art.quotes] == ["who"]
    got = speakers(text, [("Ida Holm", "PERSON")], {"Ida Holm": "e-holm"})
    assert [sid for _q, sid in got] == ["e-holm"]


def test_relative_pronoun_after_no_name_stays_unknown():
    text = "The residents, who waited all night, said that nobody had told them anything about the flood."
    assert [sid for _q, sid in speakers(text, [], {})] == [None]


def test_unknown_speaker_is_none():
    text = "“Nobody told us anything,” a resident said."
    assert [sid for _q, sid in speakers(text, [], {})] == [None]


# --- the seeds through the whole flow --------------------------------------------------


@pytest.fixture(scope="module")
def seed_story():
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    import parallax

    report = parallax.report(parallax.analyze([SEEDS]))
    return max(report["stories"], key=lambda s: len(s["articles"]))


def test_seed_quotes_have_speakers(seed_story):
    """Every quote found in the seeds, direct or reported, names who said it: each outlet says
    who spoke, by name, pronoun or role."""
    quotes = seed_story["quotes"]
    assert len(quotes) >= 20
    assert [q for q in quotes if q["speaker"] is None] == []


def test_seed_goodwill_statement_aligned_across_outlets(seed_story):
    quotes = {q["id"]: q for q in seed_story["quotes"]}
    good = [q for q in quotes.values() if "goodwill" in q["text"].lower().replace("good will", "goodwill")
            and q["text"].lower().startswith("we")]
    articles = {q["article"] for q in good}
    assert len(articles) >= 2
    for q in good:
        assert {quotes[o]["article"] for o in q["aligned_with"]} >= articles - {q["article"]}
        assert q["speaker"] and "Blinken" in q["speaker"]


def test_seed_alignments_are_one_speaker(seed_story):
    quotes = {q["id"]: q for q in seed_story["quotes"]}
    pairs = [(q, quotes[o]) for q in quotes.values() for o in q["aligned_with"]]
    assert pairs
    assert all(a["speaker"] == b["speaker"] and a["article"] != b["article"] for a, b in pairs)


def test_a_short_statement_of_one_speaker_in_two_outlets_is_aligned():
    items = [("q0", "a0", "Our farmers cannot wait another season,"),
             ("q1", "a1", "Our farmers cannot wait another season,")]
    # three content words are too few for strangers ...
    assert align_quotes(items) == {}
    # ... but enough when the same speaker says all of them in both
    assert align_quotes(items, speakers=["e1", "e1"]) == {"q0": ["q1"], "q1": ["q0"]}
    assert align_quotes(items, speakers=["e1", "e2"]) == {}


def test_a_possessive_and_an_of_phrase_share_their_noun():
    items = [("q0", "a0", "that the river's summer flow was not negotiable"),
             ("q1", "a1", "that the summer flow of the river was not negotiable")]
    assert align_quotes(items) == {"q0": ["q1"], "q1": ["q0"]}


def test_a_joint_speaker_names_every_person_and_no_single_entity():
    from parallax.analyze.quotes import find_quotes
    from parallax.compare.quotes import joint_speakers

    text = ("Foreign Minister Sergey Markov and Foreign Minister Antony Hale agreed in Oslo to create "
            "a joint commission of engineers. Markov said the commission would meet next week.")
    names = ("Sergey Markov", "Antony Hale", "Markov")
    mentions = []
    for name in names:
        i = text.index(name, mentions[-1].end if mentions and name == "Markov" else 0)
        mentions.append(Mention(i, i + len(name), "PERSON"))
    quotes = find_quotes(text, _SPLIT.split(text), mentions)
    article = Article(id="a", text=text, mentions=tuple(mentions), quotes=tuple(quotes))
    ids = {(m.start, m.end): ("markov" if "Markov" in text[m.start:m.end] else "hale") for m in mentions}

    def entity_of_span(_aid, s, e):
        hits = [v for (a, b), v in ids.items() if a < e and s < b]
        return hits[0] if len(hits) == 1 else None

    joint = joint_speakers(article, entity_of_span)
    assert joint[0] == ("markov", "hale")
    assert joint[1] == ()  # "Markov said": one speaker


def test_a_pronoun_agrees_with_the_gender_the_article_gives():
    text = ("Ms. Ida Holm, the port director, met Mr. Tom Berg on Friday.\n"
            "“The harbour reopens on Monday,” Mr. Berg said.\n"
            "“We have waited long enough,” she added.")
    names = [("Ida Holm", "PERSON"), ("Tom Berg", "PERSON"), ("Berg", "PERSON")]
    ents = {"Ida Holm": "e-holm", "Tom Berg": "e-berg", "Berg": "e-berg"}
    assert [sid for _q, sid in speakers(text, names, ents)] == ["e-berg", "e-holm"]
    # "he" after Berg is still Berg
    assert [sid for _q, sid in speakers(text.replace("she added", "he added"), names, ents)] == ["e-berg", "e-berg"]


def test_a_pronoun_with_no_agreeing_person_stays_unknown():
    text = ("“The harbour reopens on Monday,” Mr. Tom Berg said.\n"
            "“We have waited long enough,” she added.")
    got = speakers(text, [("Tom Berg", "PERSON")], {"Tom Berg": "e-berg"})
    assert [sid for _q, sid in got] == ["e-berg", None]

