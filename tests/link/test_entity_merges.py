"""Merges added for the seeds' kinds of variation, and their guards, on invented stories."""

import re

from parallax.analyze.roles import attach_descriptions
from parallax.link.entities import resolve
from parallax.model import Article, Mention


def article(aid, text, names):
    mentions = []
    for name, label in names:
        for m in re.finditer(re.escape(name), text):
            if not any(x.start < m.end() and m.start() < x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), label))
    mentions.sort(key=lambda m: m.start)
    return Article(id=aid, text=text, mentions=tuple(attach_descriptions(text, mentions)))


def aliases(entities):
    return {frozenset(e.aliases) for e in entities}


def test_same_words_in_another_order_is_one_body():
    a = article("a", "The Kovia-NATO Council met in Brussels.", [("Kovia-NATO Council", "OTHER"), ("Brussels", "GPE")])
    b = article("b", "A session of the NATO-Kovia Council ended.", [("NATO-Kovia Council", "ORG")])
    ents = resolve([a, b])
    council = [e for e in ents if "Kovia-NATO Council" in e.aliases][0]
    assert "NATO-Kovia Council" in council.aliases
    assert any("another order" in w for w in council.why)


def test_a_body_with_and_without_its_country():
    a = article("a", "The US State Department said so.", [("US State Department", "ORG")])
    b = article("b", "The State Department said so again.", [("State Department", "ORG")])
    c = article("c", "The Department of State agreed.", [("Department of State", "ORG")])
    assert frozenset({"US State Department", "State Department", "Department of State"}) in aliases(resolve([a, b, c]))


def test_a_bare_body_name_stays_apart_when_two_countries_have_one():
    a = article("a", "The Russian Foreign Ministry and the Ukrainian Foreign Ministry disagreed.",
                [("Russian Foreign Ministry", "ORG"), ("Ukrainian Foreign Ministry", "ORG")])
    b = article("b", "The Foreign Ministry said nothing.", [("Foreign Ministry", "ORG")])
    ents = resolve([a, b])
    bare = [e for e in ents if "Foreign Ministry" in e.aliases][0]
    assert bare.aliases == ("Foreign Ministry",)


def test_official_state_name_joins_the_short_name_under_the_short_name():
    a = article("a", "Russia and the Russian Federation; Russia again; Russia.",
                [("Russian Federation", "GPE"), ("Russia", "GPE")])
    ents = resolve([a])
    (russia,) = [e for e in ents if "Russia" in e.aliases]
    assert "Russian Federation" in russia.aliases and russia.name == "Russia"
    b = article("b", "Moscow and the Russian Federation.", [("Russian Federation", "GPE"), ("Moscow", "GPE")])
    assert not [e for e in resolve([b]) if {"Moscow", "Russian Federation"} <= set(e.aliases)]


def test_role_phrase_with_a_nationality_links_and_a_deputy_is_not_the_minister():
    text = ("Valdorian Foreign Minister Sergey Markov met Valdorian Deputy Foreign Minister Ivan Petrov. "
            "Later the Valdorian top diplomat spoke to reporters.")
    a = article("a", text, [("Sergey Markov", "PERSON"), ("Ivan Petrov", "PERSON"), ("Valdorian", "NORP")])
    ents = resolve([a])
    markov = [e for e in ents if "Sergey Markov" in e.aliases][0]
    start = text.index("Valdorian top diplomat")
    assert any(m.start == start for m in markov.mentions)
