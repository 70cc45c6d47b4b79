"""Entity resolution on the five seed articles (read at run time from ../shared/seeds).

The recogniser is stood in for by a finder of the names a reader would list, so this test
checks resolution, not recognition: every person is one entity with all its spellings and
no two people are merged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parallax.analyze.roles import RoleStage
from parallax.analyze.sentences import SentenceStage
from parallax.link.entities import resolve
from parallax.model import Article, Mention

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

# Given names and surnames of the people in the story; any "Given Surname" or lone surname
# found in the text becomes a PERSON mention.
GIVEN = "Antony|Anthony|Sergey|Sergei|Maria|Jens|Vladimir|Joe|Wendy|Dmitry"
SURNAMES = "Blinken|Lavrov|Zakharova|Stoltenberg|Biden|Putin|Peskov|Ryabkov|Sherman|Zelensky"
ORGS = "NATO|OSCE|Russian Foreign Ministry|State Department"
PLACES = "Geneva|Russia|Ukraine|United States|US|Moscow"


def _mentions(text: str) -> tuple[Mention, ...]:
    out: list[Mention] = []
    pattern = rf"\b(?:(?:{GIVEN})\s+)?(?:{SURNAMES})\b"
    for label, pat in (("PERSON", pattern), ("ORG", rf"\b(?:{ORGS})\b"), ("GPE", rf"\b(?:{PLACES})\b")):
        for m in re.finditer(pat, text):
            if not any(o.start < m.end() and m.start() < o.end for o in out):
                out.append(Mention(m.start(), m.end(), label))
    return tuple(sorted(out, key=lambda m: m.start))


@pytest.fixture(scope="module")
def entities():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    arts = []
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        arts.append(Article(id=f.stem, text=text, mentions=_mentions(text)))
    arts = list(RoleStage().pipe(SentenceStage().pipe(arts)))
    return resolve(arts)


def _by_surname(entities, surname):
    return [e for e in entities if e.type == "PERSON" and any(surname in a for a in e.aliases)]


@pytest.mark.parametrize("surname", SURNAMES.split("|"))
def test_each_person_is_one_entity(entities, surname):
    found = _by_surname(entities, surname)
    assert len(found) == 1, [e.aliases for e in found]
    # and it holds no other person's surname
    others = [s for s in SURNAMES.split("|") if s != surname]
    assert not any(o in a for o in others for a in found[0].aliases)


def test_spelling_variants_are_joined_with_reasons(entities):
    (blinken,) = _by_surname(entities, "Blinken")
    (lavrov,) = _by_surname(entities, "Lavrov")
    assert {"Antony Blinken", "Anthony Blinken"} <= set(blinken.aliases)
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= set(lavrov.aliases)
    assert any("Sergei Lavrov" in w or "Sergey Lavrov" in w for w in lavrov.why)
    assert {m.article for m in blinken.mentions} == {f.stem for f in SEEDS.glob("*.txt")}


def test_roles_become_descriptions(entities):
    (blinken,) = _by_surname(entities, "Blinken")
    (lavrov,) = _by_surname(entities, "Lavrov")
    assert any("Secretary of State" in d for d in blinken.descriptions)
    assert any("Foreign Minister" in d for d in lavrov.descriptions)
    # The ministry is an organisation of its own, not the minister.
    ministry = [e for e in entities if "Russian Foreign Ministry" in e.aliases]
    assert len(ministry) == 1 and ministry[0].type == "ORG" and ministry[0] is not lavrov
