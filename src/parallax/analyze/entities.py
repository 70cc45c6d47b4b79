"""Named-entity recognition that runs offline: a CRF trained on CoNLL-2003 (see
``src/parallax/models/ner/README.md``), plus rules that refine its four classes into Parallax's.

The CRF finds PER, ORG, LOC and MISC spans. Then:

- PER becomes PERSON, with leading titles ("President", "Mr.") moved out of the span; the
  title or role written just before the name ("US Secretary of State") becomes the mention's
  ``description``.
- LOC becomes GPE when the name is a country, US state or city in the GeoNames gazetteer
  shipped with the model (or a common country abbreviation), LOC otherwise.
- MISC becomes NORP for one-word nationality, religious or political-group words
  ("Russian", "Muslim", "Republicans"), EVENT when it ends in an event word ("War",
  "Olympics", "Cup", "Summit"), OTHER otherwise.

Then rules the CRF cannot learn from 1996 Reuters text: an entity never spans a quote mark, a
comma or two glued words ("UkraineBlinken"); government bodies ("Russian Foreign Ministry",
"US Department of State") are found whole; known regions ("Central Asia", "Donbass") are LOC;
a one-word name whose nationality adjective the article uses ("Ostravia" / "Ostravian") is a
GPE; hyphenated relation modifiers ("Russia-US talks") are not entities.

Limits: CoNLL-2003 is 1996 Reuters news, so names and kinds of organisations that were rare
then are found less often; GPE vs LOC only knows the gazetteer (a region such as "Donbass"
or a small town stays LOC); NORP vs OTHER is a suffix rule and misreads one-word MISC
adjectives such as "Olympic"; there is no document-level consistency (a name tagged in one
sentence may be missed in another).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import ParallaxError
from ..model import Article, Mention, Span
from . import crf
from .ner_features import Featurizer, Lexicon, normalize, tokenize
from .stage import Stage

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
TRAIN_COMMAND = ("python scripts/train_ner.py --train ../shared/data/conll2003/train.conllu "
                 "--dev ../shared/data/conll2003/val.conllu --out src/parallax/models/ner")


class NERModelMissing(ParallaxError):
    """The trained NER model is not where Parallax looks for it."""


class _Model:
    def __init__(self, directory: Path):
        self.tagger, lexicon = crf.open_model(directory, "NER model", NERModelMissing, TRAIN_COMMAND)
        self.lexicon = Lexicon.from_json(lexicon)
        self.featurizer = Featurizer(self.lexicon)
        self.places = _place_names(self.lexicon)


@lru_cache(maxsize=1)
def _load() -> _Model:
    return _Model(crf.model_dir("PARALLAX_NER_MODEL", MODEL_DIR))


def reload_model() -> None:
    """Forget the loaded model, so the next call reads it from disk again."""
    _load.cache_clear()


def _place_names(lexicon: Lexicon) -> dict[str, set[str]]:
    return {w: set(kinds) for w, kinds in lexicon.gazetteer.items()}


_GPE_KINDS = {"country", "state", "city", "city_alt"}
# Seats of government that CoNLL-2003 tags as places but readers list as the institution.
_SEATS = {"Kremlin", "White House", "Pentagon", "Elysee", "Élysée", "Downing Street"}
_GPE_EXTRA = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "Britain",
              "Russian Federation", "Soviet Union", "United States", "Great Britain",
              "United States of America", "United Kingdom", "European Union",
              "America", "Holland", "England", "Scotland", "Wales", "Hong Kong", "Taiwan",
              "Palestine", "Kosovo", "Crimea", "EU"}
_LOC_WORDS = {"River", "Sea", "Ocean", "Mountains", "Mount", "Lake", "Gulf", "Bay", "Valley",
              "Island", "Islands", "Peninsula", "Desert", "Strait", "Basin", "Coast"}

_EVENT_WORDS = {"war", "wars", "games", "olympics", "olympiad", "cup", "championship",
                "championships", "summit", "conference", "open", "festival", "election",
                "elections", "revolution", "crisis", "tournament", "grand", "prix", "rally",
                "forum", "congress", "talks", "agreement", "accords", "treaty", "series",
                "marathon", "trophy", "classic", "derby", "league", "expo", "biennale"}
_NORP_SUFFIX = re.compile(r"(?:[a-z](?:an|ans|ese|ish|i|is|ic|ics|ch|ks|ek|eks|ai|er|ers))$")
_NORP_WORDS = {"Greek", "Greeks", "Thai", "Czech", "Czechs", "Dutch", "French", "Swiss",
               "Muslim", "Muslims", "Jewish", "Jews", "Jew", "Catholic", "Catholics",
               "Protestant", "Protestants", "Sunni", "Sunnis", "Shia", "Shiite", "Shiites",
               "Hindu", "Hindus", "Buddhist", "Buddhists", "Democrat", "Democrats",
               "Republican", "Republicans", "Arab", "Arabs", "Turk", "Turks", "Serb", "Serbs",
               "Croat", "Croats", "Kurd", "Kurds", "Basque", "Welsh", "Irish", "Scots",
               "Sikh", "Sikhs", "Tory", "Tories", "Labour", "Communist", "Communists",
               "Socialist", "Socialists", "Nazi", "Nazis", "Christian", "Christians",
               "Orthodox", "Western", "Soviet", "Slav", "Slavs", "Uzbek", "Kazakh", "Tajik"}
_NOT_NORP = {"Olympic", "Internet", "Euro", "Dow"}

# Words that are a title when written right before a name; the CRF sometimes takes them in.
_TITLES = {"President", "Prime", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr",
           "Dr.", "Sir", "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Pope",
           "Chancellor", "Secretary", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "General",
           "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Judge", "Justice", "Ambassador",
           "Spokesman", "Spokeswoman", "Spokesperson", "Deputy", "Foreign", "Vice", "Chief",
           "Director", "Mayor", "Premier", "Sheikh", "Ayatollah", "Rev.", "Father", "Prof.",
           "Professor", "Coach", "Commissioner", "Chairman", "Chairwoman", "Minister-"}
# Role nouns that end a description ("Foreign Minister", "press secretary").
_ROLE_HEADS = {"president", "minister", "secretary", "chancellor", "spokesman", "spokeswoman",
               "spokesperson", "ambassador", "envoy", "senator", "governor", "general",
               "director", "chief", "mayor", "premier", "leader", "chairman", "chairwoman",
               "head", "deputy", "adviser", "advisor", "commissioner", "negotiator", "king",
               "queen", "prince", "judge", "lawyer", "official", "diplomat", "counterpart",
               "representative", "aide", "coach", "captain", "ceo", "officer", "mr.", "mrs.",
               "ms.", "dr.", "sir", "colleague", "analyst", "professor", "correspondent"}
_ROLE_GLUE = {"of", "for", "the", "state", "foreign", "press", "deputy", "vice",
              "prime", "former", "general", "national", "security", "defence", "defense",
              "affairs", "political", "assistant", "undersecretary", "under", "-", "'s", "s",
              "senior", "top", "acting"}


def _decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity token ranges from BIO tags (an I- after O or another type starts an entity,
    as conlleval reads it)."""
    out = []
    start, kind = None, None
    for i, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-") or (kind is not None and tag[2:] != kind):
            if start is not None:
                out.append((start, i, kind))
                start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, tag[2:]
    if start is not None:
        out.append((start, len(tags), kind))
    return out


def _is_gpe(words: list[str], places: dict[str, set[str]]) -> bool:
    name = " ".join(words)
    if name in _GPE_EXTRA:
        return True
    if any(w in _LOC_WORDS for w in words):
        return False
    kinds = places.get(name) or (places.get(name.title()) if name.isupper() else None)
    return bool(kinds and kinds & _GPE_KINDS)


def _misc_label(words: list[str]) -> str:
    if words[-1].lower() in _EVENT_WORDS or (len(words) > 1 and words[0].lower() in _EVENT_WORDS):
        return "EVENT"
    if len(words) == 1:
        w = words[0]
        last = w.split("-")[-1] if "-" in w else w
        if w in _NOT_NORP:
            return "OTHER"
        if last in _NORP_WORDS or w in _NORP_WORDS or _NORP_SUFFIX.search(last):
            return "NORP"
    return "OTHER"


def _description(words: list[str], start: int) -> int | None:
    """Index of the first token of a role phrase ending right before token ``start``."""
    i = start - 1
    first = None
    while i >= 0 and start - i <= 6:
        w = words[i]
        lw = w.lower()
        if lw in _ROLE_HEADS or w in _TITLES:
            first = i
        elif lw in _ROLE_GLUE or (w[:1].isupper() and w.isalpha()) or w in ("US", "U.S.", "UN", "EU"):
            pass
        else:
            break
        i -= 1
    if first is None:
        return None
    # A role phrase may begin with a place or nationality ("US", "Russian"): keep the
    # capitalised words just before the first role word, but not glue words.
    j = first
    while j - 1 > i and words[j - 1][:1].isupper():
        j -= 1
    return j


def recognize(text: str, sentences: Sequence[Span]) -> list[Mention]:
    """Find PERSON, ORG, GPE, LOC, NORP, EVENT and OTHER mentions in ``text``.

    ``sentences`` are the article's sentence spans; when empty, each non-blank line is
    tagged as one sentence. Raises :class:`NERModelMissing` when the model is not installed.
    """
    model = _load()
    if not sentences:
        sentences = [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    abbrevs = model.lexicon.abbreviations
    mentions: list[Mention] = []
    for s, e in sentences:
        spans = tokenize(text, s, e, abbrevs)
        if not spans:
            continue
        toks = [text[a:b] for a, b in spans]
        tags = model.tagger.tag(model.featurizer.sentence(toks))
        words = [normalize(t) for t in toks]
        for a, b, kind in _split_at_quotes(_decode(tags), toks, spans):
            # "Secretary of State Jane Doe": the model often takes "State" (and the name
            # with it) for an organisation; the name after it is the person.
            if (b - a > 1 and words[a] == "State" and a >= 2
                    and words[a - 2] == "Secretary" and words[a - 1] == "of"):
                a += 1
                kind = "PER"
            label, desc = _label(kind, words, a, b, model)
            if label == "PERSON":
                while a < b - 1 and words[a] in _TITLES:
                    a += 1
                d = _description(words, a)
                if d is not None:
                    desc = (spans[d][0], spans[a - 1][1])
            if label in ("ORG", "OTHER", "LOC", "NORP") and b - a <= 3 and _region_or_place(words[a:b], model.places):
                label = _region_or_place(words[a:b], model.places)
            if label == "OTHER" and b - a == 1 and _relation_compound(words[a], model.places):
                continue
            mentions.append(Mention(spans[a][0], spans[b - 1][1], label, desc))
        mentions = _add_bodies(text, spans, words, mentions)
    return _places_by_demonym(text, mentions)


_QUOTE_TOKENS = {"\u201c", "\u201d", "\u201e", '"', "\u00ab", "\u00bb", "\u2018", "\u2019", "(", ")", ",", ";"}


def _split_at_quotes(ranges, toks, spans):
    """An entity never spans a quote mark or a comma: "Ukraine\u201dBlinken" (a closing mark
    glued to the next word) is two names, and so is "UkraineBlinken", which the tokenizer
    splits where a space was lost."""
    for a, b, kind in ranges:
        start = a
        for i in range(a, b):
            if i > start and spans[i - 1][1] == spans[i][0] and toks[i - 1].isalpha() and toks[i].isalpha():
                yield start, i, kind
                start = i
            if toks[i] in _QUOTE_TOKENS:
                if i > start:
                    yield start, i, kind
                start = i + 1
        if b > start:
            yield start, b, kind


def _relation_compound(word: str, places: dict[str, set[str]]) -> bool:
    """"Russia-US", "Russian-US", "Moscow-planned": a hyphenated modifier of two parties or a
    name and an adjective, not a name of its own ("Russia-US consultations")."""
    parts = word.split("-")
    if len(parts) < 2:
        return False
    if any(p[:1].islower() for p in parts[1:]):
        return True
    return all(p in places or p.isupper() or _NORP_SUFFIX.search(p) or p in _NORP_WORDS for p in parts)


_DIRECTIONS = {"Central", "Eastern", "Western", "Northern", "Southern", "North", "South", "East", "West",
               "Northeast", "Northwest", "Southeast", "Southwest", "Sub-Saharan"}


# Regions news names often that GeoNames' country and city lists lack.
_REGIONS = {"Donbass", "Donbas", "Transcaucasia", "Caucasus", "Balkans", "Baltics", "Middle East", "Sahel",
            "Kashmir", "Siberia", "Scandinavia", "Levant", "Gaza", "West Bank", "Golan Heights", "Darfur",
            "Kurdistan", "Patagonia", "Tibet", "Xinjiang", "Catalonia", "Flanders", "Transnistria",
            "Nagorno-Karabakh", "Horn of Africa", "Maghreb", "Sinai", "Arctic", "Antarctica", "Pacific",
            "Atlantic", "Mediterranean", "Black Sea", "Baltic", "Indo-Pacific", "Persian Gulf"}


def _region_or_place(words: list[str], places: dict[str, set[str]]) -> str | None:
    """"Central Asia", "Eastern Europe", "Donbass" are regions (LOC); a one-word country the
    CRF took for an organisation or a thing is a place (GPE)."""
    if " ".join(words) in _REGIONS:
        return "LOC"
    if len(words) == 2 and words[0] in _DIRECTIONS and "continent" in (places.get(words[1]) or set()):
        return "LOC"
    if len(words) == 1 and words[0] not in _SEATS and (places.get(words[0]) or set()) & {"country"}:
        return "GPE"
    return None


_BODY_HEADS = {"Ministry", "Department", "Council", "Commission", "Committee", "Agency", "Parliament",
               "Embassy", "Government", "Office", "Service", "Directorate", "Secretariat", "Court", "Army",
               "Navy", "Police", "Duma", "Senate", "Cabinet"}
_BODY_GLUE = {"Foreign", "Defence", "Defense", "Interior", "Justice", "Finance", "Health", "State", "Security",
              "Federal", "National", "Supreme", "Constitutional", "Armed", "Emergencies", "Economy",
              "Economic", "Trade", "Energy", "Education", "General", "Border", "Intelligence", "Press"}


def _add_bodies(text: str, spans: list[tuple[int, int]], words: list[str], mentions: list[Mention]) -> list[Mention]:
    """Government bodies the CRF misses or cuts: "[the] Russian Foreign Ministry", "US State
    Department", "Ministry of Foreign Affairs". A run of capitalised words made of a
    nationality or place, department words and a body word becomes one ORG mention, replacing
    the NORP or GPE mention inside it. Limits: English word order and a fixed list of body and
    department words; a body named without them ("the Kremlin") is the CRF's to find."""
    out = list(mentions)
    i = 0
    while i < len(words):
        if words[i] not in _BODY_HEADS:
            i += 1
            continue
        head = i
        j = head - 1
        while j >= 0 and words[j] in _BODY_GLUE:
            j -= 1
        # one nationality or place word may open it ("Russian", "US")
        if j >= 0 and words[j][:1].isupper() and any(
                m.label in ("NORP", "GPE") and m.start == spans[j][0] and m.end == spans[j][1] for m in mentions):
            j -= 1
        first = j + 1
        end = head + 1
        if end + 1 < len(words) and words[end] == "of" and words[end + 1][:1].isupper():
            end += 2
            while end < len(words) and (words[end][:1].isupper() or words[end] in ("and", "&")) and words[end] != "The":
                end += 1
            while words[end - 1] in ("and", "&"):
                end -= 1
        if end - first < 2 or first == head and end == head + 1:
            i += 1
            continue
        s0, s1 = spans[first][0], spans[end - 1][1]
        if any(m.label in ("ORG", "PERSON", "EVENT") and m.start <= s0 and s1 <= m.end for m in out):
            i = end
            continue  # already inside a longer name
        if any(m.label == "PERSON" and s0 < m.end and m.start < s1 for m in out):
            i = end
            continue
        # a partial name the CRF found ("US Department" of "US Department of State") joins it
        for m in out:
            if m.label in ("ORG", "GPE", "NORP") and m.start < s1 and s0 < m.end:
                s0, s1 = min(s0, m.start), max(s1, m.end)
        out = [m for m in out if not (s0 <= m.start and m.end <= s1)]
        out.append(Mention(s0, s1, "ORG"))
        i = end
    return sorted(out, key=lambda m: m.start)


_DEMONYM_ENDINGS = ("n", "an", "ian")


def _places_by_demonym(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word name whose nationality adjective the same article uses ("Ostravia" beside
    "Ostravian", "Russia" beside "Russian") is a place, whatever the CRF said: "Ostravia says"
    reads like a person speaking. Limits: adjectives formed by adding -n, -an or -ian only."""
    norp = {text[m.start:m.end] for m in mentions if m.label == "NORP"}
    out = []
    for m in mentions:
        name = text[m.start:m.end]
        if m.label in ("PERSON", "ORG", "OTHER", "LOC") and name.isalpha() and " " not in name and any(
                name + e in norp or (name[-1] in "ay" and name[:-1] + e in norp) for e in _DEMONYM_ENDINGS):
            m = Mention(m.start, m.end, "GPE", None)
        out.append(m)
    return out


def _label(kind: str, words: list[str], a: int, b: int, model: _Model):
    if kind == "PER":
        return "PERSON", None
    if kind == "ORG":
        return "ORG", None
    if kind == "LOC":
        if " ".join(words[a:b]) in _SEATS:
            return "ORG", None
        return ("GPE" if _is_gpe(words[a:b], model.places) else "LOC"), None
    return _misc_label(words[a:b]), None


class EntityStage(Stage):
    name = "entities"
    reads = ("text", "sentences")
    writes = ("mentions",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(mentions=tuple(recognize(a.text, a.sentences))) for a in articles]
