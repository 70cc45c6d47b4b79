"""Who said what: direct, mixed and indirect quotes with their cue and speaker spans.

Method (rule-based, after the PARC/PolNeAR attribution scheme of source, cue and content;
compare textacy's ``direct_quotations`` and BBC Citron's cue-centred rules):

1. :func:`parallax.analyze.quote_marks.find_segments` pairs quote marks, tolerating
   unbalanced, glued and multi-paragraph quotes and archive-style ``''...''`` marks.
2. Each quoted passage is attributed from the words after it (``..." he said``, ``...”
   said the Russian minister``, ``..." Mr. Graham continued``, a glued ``...UkraineBlinken
   stressed``), before it (``Lavrov said, "...``, ``the minister reiterated: “...``,
   ``According to him, “...``), or from a paragraph above that ends in a colon (``She went on
   to say:``). A quote that follows an attributed one in the same or the next paragraph with
   no attribution of its own continues that speaker's turn, and one that opens a sentence
   after a sentence holding an attribution is that attribution's (``Lund praised the plan.
   "It will save lives."``), as PolNeAR annotates it. A passage introduced by prose in
   the same sentence (``X noted that the talks were “...”``) becomes one *mixed* quote
   covering the reported clause.
3. The rest of each sentence is read for indirect speech, several attributions per sentence:
   ``X said (that) ...``, ``According to X, ...``, ``..., according to X``, ``As X noted,
   ...``, ``As reported by X, ...``, ``..., X said.``, ``..., said X.``, ``X's claim that
   ...``, a headline ``X: ...``, a title-case headline whose cue is capitalised like every
   other word (``Harbour Chief Just Said Something About The Dam``, :func:`_headlines`). An
   attribution closing the sentence (``He promised A, Berg said.``) and a trailing
   ``according to X`` after an attitude or act (``The council declined A, according to two
   officials``) report the whole clause before them, the verb
   inside it as nested speech; a verb of saying before ``according to`` keeps its own
   speaker (``The envoy told reporters that A, according to the broadcaster``). A content
   is cut where a second attribution starts after a clause boundary (``While X said A, Y
   insisted B``), a second verb of the same subject (``X says A but argues B``) or a
   participle (``..., adding that B``).
4. A first-person paragraph under a caption line naming a person is that person's statement.
5. A learned tagger (:mod:`parallax.analyze.quote_model`, a CRF trained on PolNeAR train)
   adds the unmarked attributions the rules miss ("Several economists doubt the plan will
   work", "X accused Y of A, while Z insisted B"), and cuts a rule's indirect content where
   it sees a second attribution start after a clause boundary; its own contents are cut as
   the rules cut theirs ("Strategists fear A and warn B" is two). What it adds must have a cue
   with a known reporting or attitude word (the events PolNeAR also counts, "published the
   drafts", "discussed trade", are left out), a speaker (the tagger's, the phrase next to
   the cue, the subject after a fronted participle or before a joined verb), no modal ("must
   pledge"), no negation ("have not said what ...": nothing was said), no passive ("was
   asked about", "is expected to": the one named said nothing) and no scare quotes (marks
   around a term or two after a verb that is not one of saying: "call the plan a
   “giveaway”").

Speakers are the noun phrase next to the cue as written: a name ("Sergey Lavrov"), a
pronoun ("he"), a role ("the Secretary of State"), an organisation ("the State
Department"), with an apposition when it describes the speaker ("Anna Berg, a nurse at the
city hospital,"; "Tom Hale, 30, of Salem, Ore., who was asked,"), as PolNeAR annotates the
source. Between a quote that opens a sentence and its cue, the words are taken whole as the
speaker ("former party speechwriter Noam Hale"). A time phrase between speaker and cue is
passed over ("Ames last year proposed"). A participle after a comma ("..., saying") goes on for
the subject of its clause, never for the object before it or after it ("telling reporters"); an
"I", "we" or "you" inside an open quotation is the quoted speaker's own words, not a speaker.
When entity mentions are given, a speaker that overlaps one is widened to cover it.

The cue lexicon (:mod:`parallax.analyze.quote_lexicon`) holds verbs of saying and, from
PolNeAR train, verbs of attitude and intention ("believes", "wants", "criticized"), because
PolNeAR counts them as attributions; verbs of saying are tried first in a sentence.

Limits: no parser, so a speaker phrase is found by walking words away from the cue until a
clause word (preposition other than "of", conjunction) or punctuation; relative clauses
longer than a few words between speaker and verb lose the speaker, and a lowercase word
left of a cue is taken for a speaker head unless it looks like an adjective or verb. Cue
words double as nouns ("attacks", "calls") and some false cues survive. Passives ("talks are
expected to") name no speaker and are dropped. Nested reported speech is reported once, at
its outer level, as in PolNeAR. Quotes with no attribution are kept only when they start a
sentence and are five words or longer (shorter ones are taken as scare quotes or titles).
Content spans follow PolNeAR: an indirect content keeps its leading "that"; a direct
content is the text inside the marks. A negation between speaker and cue is part of the cue
("does not expect"); a refusal to speak ("declined to say how many ...") or a negated verb
of saying ("did not say when ...") reports no statement and gives no quote.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence

from ..model import Article, Mention, Quote, Span
from . import quote_lexicon as lex
from . import quote_model
from .quote_marks import QuotedSegment, find_segments
from .stage import Stage

log = logging.getLogger(__name__)

__all__ = ["find_quotes", "QuoteStage"]

_TOKEN = re.compile(r"[^\W_](?:[\w’'&-]*[^\W_])?|[^\w\s]")
_CUE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c) for c in lex.MULTIWORD_CUES)
    + "|"
    + "|".join(sorted(lex.CUE_WORDS, key=len, reverse=True))
    + r")\b"
)
_AS_BY = re.compile(
    r"\b([Aa]s\s+(?:(?:first|previously|earlier|also)\s+)?(?:reported|noted|stated|announced|"
    r"explained|described|revealed|confirmed|suggested|detailed))\s+by\s+"
)
_ACCORDING = re.compile(r"\b([Aa]ccording to)\s+")
_OPINION = re.compile(
    r"\b([Ii]n)\s+(?:(his|her|their|its)|([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})[’']s?)"
    r"\s+(opinion|view|words|assessment|estimation)\b"
)
_ABBREV = frozenset({"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "jr", "sr", "lt", "col", "sgt", "prof", "u.s", "u.n"})
_SENT = re.compile(r"[^\n]+?(?:[.!?]+[\"”’»]*(?=\s+[\"“«A-Z0-9])|$)", re.M)
# What may follow the cue of a trailing attribution ("..., the diplomat said, adding").
_TAIL_FOLLOW = re.compile(
    r"\s*(?:[.,;)]|$)|\s+(?:following|after|in|on|at|during|before|when|while|as|late|earlier|"
    r"today|yesterday|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_WORD = re.compile(r"[^\W_][\w’'-]*")
# what may head a sentence-opening subject with its article: the lexicon's roles, and the
# groups and documents that speak in the news ("The survey found", "The team said")
_ROLE_SUBJECTS = lex.ROLE_HINTS | frozenset(
    "front-runner aides group report survey poll study statement letter team".split())
# The capitalised subject opening a sentence ("Fiorina was upfront about ..., saying"), or a
# role with its article ("The former senator told ..."); not a capitalised conjunction,
# preposition, adverb or participle ("When Mr. Rubio", "Despite", "Speaking", "Perhaps").
_NOT_SUBJECTS = (
    "When|While|Since|Although|Though|Because|If|As|After|Before|Despite|Besides|Throughout|"
    "Alongside|Perhaps|At|In|On|For|With|During|Until|Unlike|Like|Even|But|And|Yet|So|Then|Still|Also|"
    "However|Meanwhile|Instead|Amid|Among|From|By|To|Of|Under|Over|Without|Within|Asked|Once|Now|"
    "Here|There|This|That|These|Those|What|Why|How|Where|Whether|Only|Just|Not|No|Earlier|Later|"
    "Hours|Days|Weeks|Months|Years|Yesterday|Today|Last|Next|Whenever|Wherever"
)
_SUBJECT = re.compile(
    r"\s*(?!(?:" + _NOT_SUBJECTS + r")\b"
    r"|(?:It|There|That|What)[’']s\b|[A-Z][a-z]+(?:ing|ly)\b)"
    r"((?:The|A|An)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(sorted(_ROLE_SUBJECTS)) + r")\b"
    r"|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*[’']s\s+(?:" + "|".join(sorted(_ROLE_SUBJECTS)) + r")\b"
    r"|(?!(?:The|A|An)\s+[a-z])[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?=\s+[a-z])")
# "the union leader visited": a determiner and up to three words before a verb in -ed or -s.
_DET_SUBJECT = re.compile(
    r"\s*((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'.-]+\s+){0,2}?[\w’'.-]+)"
    r"(?=\s+(?:[a-z]+(?:ed|s)|said|told|thought|wrote|spoke|met|made|went|took|gave)\b)"
)
_PARTICIPLE_START = re.compile(r"[\s,]*(?:and\s+)?([a-z]+ing)\b")
_MARK = re.compile(r"[\"“”«»]|''")


def _clause_subject(text: str, pos: int, hi: int) -> Span | None:
    """The subject opening the clause at ``pos``: capitalised words before a lowercase one
    ("Anna Berg toured"), or a determiner and up to three words before a verb in -ed or -s
    ("the union leader visited"), after an opening phrase of time or linking ("In May, a
    federal judge sided ..."). Limits: no parser, so a subject before an irregular verb
    ("the mayor cut") is not found, and a bare capitalised determiner never is one."""
    lead = _LEAD.match(text, pos, hi)
    for at in (pos, lead.end()) if lead is not None else (pos,):
        m = _SUBJECT.match(text, at, hi)
        if m is not None and m.group(1).lower() not in lex.STOP and m.group(1).lower() not in lex.DETERMINERS:
            return m.span(1)
        m = _DET_SUBJECT.match(text, at, hi)
        if m is not None:
            return m.span(1)
    return None


# An opening phrase of time or linking before a clause's subject: "In May, ", "On Tuesday, ",
# "Earlier this week, ", "However, ".
_LEAD = re.compile(
    r"\s*(?:(?:On|In|At|During|After|Before|Earlier|Later|Last|This|Since|Meanwhile|However|Still|Then|"
    r"Yesterday|Today|Separately|Instead|Also)\b[^,;:.\"“”\n]{0,40},\s*)")


def _abbrev(w: str) -> bool:
    """A word that a period abbreviates: a title ("Sen."), or one or two capitals ("F.A.A.")."""
    return w.lower() in _ABBREV or (len(w) <= 2 and w.isupper())


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _pron(w: str) -> bool:
    """A pronoun, but not the all-caps country "US"."""
    return w.lower() in lex.PRONOUNS and (w == "I" or not w.isupper())


def _is_cap(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _skip_between(toks: list[tuple[int, int, str]], i: int, cue_lower: bool = False) -> int:
    """The index of the last token before ``i`` (a cue) that is not an adverb or auxiliary
    standing between a speaker and its verb ("has also said", "doesn’t think", "in
    particular noted"). A capitalised "Will" before a lowercase cue or right after a mark is
    the columnist's name ('..." Will wrote', "George Will wrote"), not the auxiliary of a
    title-case headline ("Trump Will Say")."""
    while i >= 0:
        w = toks[i][2]
        lw = w.lower()
        if w == "Will" and (cue_lower or i == 0 or not _is_cap(toks[i - 1][2])):
            break
        if lw in lex.BETWEEN or (w.islower() and lw.endswith("ly") and len(lw) > 4) or (
                w.islower() and (re.fullmatch(r"[a-z]+n[’']t", lw) or lw == "cannot")):
            i -= 1
            continue
        if lw == "particular" and i > 0 and toks[i - 1][2].lower() == "in":
            i -= 2
            continue
        break
    return i


_APPOSITION_START = frozenset(
    "a an the its his her their who whose which former then now one another".split()
)
# Person nouns that head a speaker phrase besides the lexicon's role words ("his wife",
# "campaign manager Lou Pike", "a delegate from Ohio").
_ROLES = lex.ROLE_HINTS | frozenset(
    """manager managers delegate delegates worker workers wife husband daughter son mother
    father brother sister widow spokespeople consultant consultants operative operatives
    organizer organizers activist volunteer volunteers pastor lawmaker legislator
    congressman congresswoman correspondent reporter anchor commentator coordinator
    executive executives officer officers counsel teacher student voter resident""".split()
)
_POSSESSIVE_DETS = frozenset("his her their its our my your".split())


def _speaker_with_apposition(text: str, lo: int, toks: list[tuple[int, int, str]], i: int,
                             depth: int = 0) -> Span | None:
    """``X, a cook at the Taj, said`` / ``X, who lost ..., said`` / ``X - in a line ... -
    declared``: the name before the first mark plus the apposition, as PolNeAR annotates the
    source. The apposition must open with a determiner or relative pronoun, be all
    capitalised words (a title), hold a role word, or be an age, a home town ("of Salem") or a
    participle, so that ``In Iowa, Trump won, said Jones`` is not read so. Appositions chain
    ("Tom Hale, 30, of Salem, Ore., who ..., said") back to a name that opens its clause."""
    mark = toks[i][2]
    pair = {",": ",", "—": "—", "–": "–", "-": "-", ")": "("}.get(mark)
    if pair is None:
        return None
    j = i - 1
    while j >= 0 and toks[j][2] != pair and toks[i][0] - toks[j][0] < 220:
        if toks[j][2] in ";:\"“”" or (toks[j][2] == "." and pair != "(" and not (j > 0 and len(toks[j - 1][2]) <= 3)):
            return None  # a sentence boundary, not an abbreviation ("R-S.C.", "Mass.")
        j -= 1
    if j < 0 or toks[j][2] != pair or j + 1 >= i:
        return None
    first = toks[j + 1][2]
    inner = [w for _s, _e, w in toks[j + 1:i] if w[0].isalnum()]
    if not inner:
        return None
    titled = all(_is_cap(w) or w.lower() in ("of", "and", "the", "for") for w in inner) and len(inner) <= 8
    last = inner[-1].lower()
    role = len(inner) <= 8 and (last in _ROLES or last.endswith(("man", "woman", "er", "or", "ist")))
    # A role word anywhere ("managing director and analyst at Grey Bank"), an age ("30"), a
    # home town ("of Salem") or a participle ("speaking on condition of anonymity").
    described = len(inner) <= 14 and (
        any(w.lower() in _ROLES for w in inner) or (len(inner) == 1 and inner[0].isdigit())
        or (first == "of" and len(inner) <= 6) or (first.islower() and first.endswith("ing")))
    if (first.lower() not in _APPOSITION_START and not titled and not role and not described
            and first.lower() not in _ROLES):
        return None
    # More appositions may stand before this one: "Lindsey Graham, R-S.C., a candidate, said",
    # "Tom Hale, 30, of Salem, Ore., who was asked, said".
    head = _speaker_before(text, lo, toks[j][0], allow_apposition=depth < 3, depth=depth + 1)
    if head is None or head[1] < toks[j - 1][1] if j > 0 else True:
        return None
    k = next((n for n in range(j) if toks[n][0] == head[0]), 0)
    if k > 1 and toks[k - 1][2] == "of":
        k -= 1
    if pair == "," and depth < 6 and k > 0 and toks[k - 1][2] == ",":
        # The head is itself set off by commas ("Tom Hale, 30, of Salem, ..."): the name
        # stands before the first of them, at the start of the clause ("In Iowa, Trump, a
        # senator, said" is Trump).
        longer = _speaker_with_apposition(text, lo, toks, j, depth + 1)
        n = next((n for n in range(j) if toks[n][0] == longer[0]), 0) if longer else 0
        if longer is not None and (n == 0 or not toks[n - 1][2][0].isalnum()):
            head = (longer[0], head[1])
    return (head[0], toks[i][0] if pair != "(" else toks[i][1])


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
_TIME_TAIL = re.compile(
    r"\s+(?:(?:on|late|early|last|this)\s+)?" + _DAYS + r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"(?:\s+(?:also|again|later))?\s*$|\s+(?:twice|again|already|often|also|finally)\s*$"
    # "Trump last year proposed", "Smith at the time said", "she on April 18, 1977, declared"
    r"|\s+(?:(?:earlier|later)\s+)?(?:this\s+past|last|this|past|that|next)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter|night)"
    r"(?:\s+(?:also|again|later))?\s*,?\s*$"
    r"|\s+(?:at the time|in the past|years ago|a year ago|months ago|weeks ago|days ago)\s*,?\s*$"
    r"|\s+(?:earlier|later)\s+(?:in\s+the\s+day|that\s+day|in\s+the\s+week)\s*,?\s*$"
    # "Jeb Bush in a Medium post said", "Ames on Twitter wrote": where it was said
    r"|\s+(?:in|on|via)\s+(?:(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:statement|post|interview|"
    r"tweet|letter|email|op-ed|column|speech|memo|filing|blog|release|video|ad|note|broadcast)"
    r"|Twitter|Facebook|Instagram|television|TV|radio)\s*,?\s*$"
    r"|\s+(?:on|in)\s+" + _MONTHS + r"(?:\s+\d{1,2})?(?:,\s+\d{4})?\s*,?\s*$"
    r"|,\s*(?:meanwhile|however|too|though|in turn|for (?:his|her|their|its) part),\s*$"
)
# Lowercase words that can end a speaker noun phrase besides role words.
_HEAD_NOUNS = frozenset(
    """campaign poll polls survey surveys report study statement group party court board panel
    network newspaper paper website analysis data people residents voters critics supporters
    officials aides advisers advisors staff team aide committee memo letter ad book post
    editorial article story organization administration government family friends allies
    rival rivals opponents members leaders lawmakers delegates donors republicans democrats
    conservatives liberals activists experts economists researchers observers pundits
    strategists insiders scientists students workers evidence research numbers figures
    results records documents emails polling sources candidate nominee speaker speech
    campaigns surveys studies reports ads filings lawsuit complaint indictment ruling""".split()
)


def _plausible_head(w: str) -> bool:
    """Whether ``w`` can end a speaker phrase: a name, a pronoun, a role or a person noun; not
    an adjective or a verb left of a cue word used as a noun ("several negative comments")."""
    lw = w.lower()
    if not w.islower():
        return True
    if lw in lex.PRONOUNS or lw in _ROLES or lw in _HEAD_NOUNS:
        return True
    if lw in _NOT_HEADS or "’" in lw or "'" in lw:
        return False
    return not lw.endswith(("ed", "ly", "ive", "ble", "ous", "ful", "ing", "est", "ic", "al"))


# Lowercase words that may open a title before a name ("former Florida governor Jeb Bush").
_TITLE_WORDS = frozenset("former then state veteran senior top acting longtime fellow retired current incoming outgoing".split())
# Cue words that are as often plural nouns; after them the "speaker" must look like one.
_NOUNISH = frozenset(
    """attacks states questions plan plans show shows comments calls claims reports notes
    charges hopes fears wants demands answers replies promises vows warns""".split()
)
_DEMONYM = re.compile(r"(?:ern|ian|an|ic|ish|ese|ed|al)$")


def _subject_like(phrase: str) -> bool:
    words = phrase.split()
    last = words[-1].strip(".,")
    if last.lower() in _ROLES or last.lower() in _HEAD_NOUNS:
        return True
    if not last[:1].isupper():
        return False
    return not (_DEMONYM.search(last) and len(words) <= 2)


_PRONOUN_LIKE = frozenset("another others some many most both few all several one".split())
_BE = frozenset("is are was were been being be".split())
_QUANTIFIERS = frozenset("several many some both few all most other his her their its our my your".split())
_NOT_HEADS = frozenset(
    """now past new long soon ago today half several various negative positive early late least
    recent final whole other same own more less much two three four five six seven eight
    nine ten dozen hundred thousand million""".split()
)


def _adjective_after_det(toks: list[tuple[int, int, str]], j: int) -> bool:
    """Whether the lowercase word ``toks[j]`` stands between "the" and a capitalised title:
    "the likely Green Party nominee", "the presumptive Republican nominee"."""
    w = toks[j][2]
    return (j > 0 and toks[j - 1][2].lower() in ("the", "a", "an") and w.lower() not in lex.STOP
            and w.lower() not in lex.DETERMINERS and not _pron(w))


# An aside between a speaker and its cue: "X, for one, noted", "X, for its part, said".
_ASIDE = re.compile(r",\s*(?:for one|too|in turn|for (?:his|her|its|their|our) part)\s*,\s*$", re.I)


_SPEAKER_REACH = 400  # characters before a cue read for its speaker


def _speaker_before(text: str, lo: int, pos: int, allow_apposition: bool = True, depth: int = 0) -> Span | None:
    """The speaker noun phrase ending just before ``pos`` (a cue), not reaching below ``lo``.

    A participle after a comma goes on for the subject of the clause, so the noun phrase
    before it is no speaker when the clause has words before it: in "Ames was upfront about
    her dislike of Dole, the front-runner, saying ..." Dole is an object (the callers then
    read the sentence's subject, or the previous speaker)."""
    if pos - lo > _SPEAKER_REACH:
        # A speaker phrase, apposition and all, stands within a few hundred characters of
        # its cue; reading back to the start of a sentence of thousands of characters for
        # every cue word would cost time quadratic in the sentence.
        space = text.find(" ", pos - _SPEAKER_REACH, pos)
        lo = space + 1 if space >= 0 else pos - _SPEAKER_REACH
    aside = _ASIDE.search(text, lo, pos)
    if aside is not None and aside.start() > lo:
        pos = aside.start()  # "Breitbart News, for one, noted ...": the aside is not the speaker
    sp = _noun_phrase_before(text, lo, pos, allow_apposition, depth)
    if sp is not None and depth == 0 and re.match(r"[a-z]+ing\b", text[pos:pos + 30]) and _WORD.search(text, lo, sp[0]):
        between = text[sp[1]:pos]
        t = _TIME_TAIL.search(text, lo, pos)
        if re.fullmatch(r"\s*,\s*", between) or (re.search(r",\s*$", between) and t is not None and t.start() == sp[1]):
            return None  # "..., saying", "... on Facebook last week, writing"
    if sp is not None and text[sp[0]:sp[1]].lower() in ("i", "we", "you") and _inside_quotation(text, sp[0]):
        return None  # '“... I believe it should never be used ...”': the quoted speaker's own words
    if sp is not None and depth == 0:
        sp = _relative_head(text, lo, sp) or sp
        head = _PP_HEAD.search(text, lo, sp[0]) or _PP_ROLE_HEAD.search(text, lo, sp[0])
        if head is not None and head.group(1).lower() not in lex.STOP:
            # "Farmers along the lower Lenna said", "A spokesman for the council said": the
            # farmers and the spokesman speak, not the river or the council
            sp = (head.start(1), sp[1])
    return sp


# a plural noun opening its clause, then a place or body after a preposition
_PP_HEAD = re.compile(r"(?:^|(?<=[\s,;:“\"]))((?:(?:[Tt]he|[Ss]ome|[Mm]any|[Ll]ocal)\s+)?[A-Za-z][a-z]+s)"
                      r"\s+(?:in|along|at|from|near|across|for|with)\s+$")
# a person's role with its article, then the body or place they speak for
_PP_ROLE_HEAD = re.compile(r"(?:^|(?<=[\s,;:“\"]))((?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?(?:"
                           + "|".join(sorted(_ROLES)) + r"))\s+(?:in|at|from|for|with|to)\s+$")


_RELATIVE = re.compile(r"\s(?:who|that)\s+(?:[\w’'.-]+\s+){1,9}$")


def _relative_head(text: str, lo: int, sp: Span) -> Span | None:
    """The subject a relative clause without commas describes when the phrase before the
    cue is the clause's object: "Officials who spoke with the Daily Star said ..." is the
    officials', not the paper's. Only when the relative clause is short (up to ten words)
    and the word before "who"/"that" ends a noun phrase, not a verb ("said that ...")."""
    if text[sp[0]:sp[1]].lower() in lex.PRONOUNS:
        return None  # "a president who hoped", "... that she thinks": the clause's own subject
    m = _RELATIVE.search(text, lo, sp[0])
    if m is None or re.search(r"[,;:—–()\"“”]", text[m.start():sp[0]]):
        return None
    head = _noun_phrase_before(text, lo, m.start(), allow_apposition=False)
    if head is None:
        return None
    words = _WORD.findall(text, head[0], head[1])
    last = words[-1] if words else ""
    if _CUE.fullmatch(last) or last.lower() in lex.STOP or not _subject_like(text[head[0]:head[1]]):
        return None
    return head


def _inside_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an open quotation in its paragraph (curly marks, or an odd
    number of straight ones before it)."""
    lo = text.rfind("\n", 0, pos) + 1
    before = text[lo:pos]
    if before.rfind("“") > before.rfind("”"):
        return True
    return before.count('"') % 2 == 1 or before.count("''") % 2 == 1


def _noun_phrase_before(text: str, lo: int, pos: int, allow_apposition: bool = True, depth: int = 0) -> Span | None:
    """The noun phrase ending just before ``pos``, not reaching below ``lo`` (see
    :func:`_speaker_before`)."""
    t = _TIME_TAIL.search(text, lo, pos)
    if t is not None and t.start() > lo:
        pos = t.start()  # "Trump on Tuesday said" / "Clinton twice said"
    toks = _tokens(text, lo, pos)
    i = _skip_between(toks, len(toks) - 1, text[pos:pos + 1].islower())
    if i < 0:
        return None
    if any(w.lower() in _BE for _s, _e, w in toks[i + 1:]) and re.match(r"(?:\w+ed|said|told|thought|known|seen)\b", text[pos:pos + 30]):
        return None  # a passive ("talks are expected to", "it is noted that") names no speaker
    if toks[i][2].lower() in ("both", "all", "each") and i > 0 and toks[i - 1][2].lower() in lex.BETWEEN:
        i = _skip_between(toks, i - 1)  # "X and Y have both argued": the quantifier floats
        if i < 0:
            return None
    stop = None
    if toks[i][2] == "." and i > 0 and toks[i - 1][2][:1].isupper() and (
            _abbrev(toks[i - 1][2]) or (len(toks[i - 1][2]) <= 5 and i > 1 and toks[i - 2][2] == ",")):
        # "Paul Dunn Jr. said", "Tom Hale, of Salem, Ore., said": the abbreviation's period
        # belongs to the name.
        stop = toks[i][1]
        i -= 1
    if allow_apposition and not toks[i][2][0].isalnum():
        return _speaker_with_apposition(text, lo, toks, i, depth)
    if not _plausible_head(toks[i][2]) or re.search(r"[’']s$", toks[i][2]) or _NOT_A_NAME.match(toks[i][2]):
        return None  # an adjective, a verb, a possessive ("Scalia's comments") or "Despite" is no subject
    if (i > 0 and toks[i - 1][2].lower() in _QUANTIFIERS and toks[i][2].islower() and not toks[i][2].endswith("s")
            and toks[i][2] not in _ROLES):
        return None  # "several angry comments": a cue word used as a noun
    s, e, w = toks[i]
    e = stop or e
    lw = w.lower()
    if _pron(w):
        return (s, e) if lw in lex.SUBJECT_PRONOUNS else None
    if lw in _PRONOUN_LIKE and (i == 0 or not toks[i - 1][2][0].isalnum() or toks[i - 1][2].lower() in lex.STOP):
        return (s, e)  # "another said", "some say", "most believe"
    if (lw in lex.STOP and w != "Will") or lw in lex.DETERMINERS or not w[0].isalnum():
        return None  # (a "Will" that _skip_between kept is a name)
    if w.islower() and lw.endswith("ing"):
        return None
    start = s
    last_cap = _is_cap(w)
    j = i - 1
    n = 1
    while j >= 0 and n < 12:
        s2, _e2, w2 = toks[j]
        lw2 = w2.lower()
        if w2 == "." and j > 0 and _abbrev(toks[j - 1][2]):
            start = toks[j - 1][0]
            j -= 2
            n += 1
            last_cap = True
            continue
        if w2 in ("’", "'") and j > 0 and toks[j - 1][1] == toks[j][0] and toks[j - 1][2].endswith("s") and (
                toks[j][1] < len(text) and text[toks[j][1]].isspace()):
            # "the farmers’ union said": a plural possessive goes on into the noun phrase
            start = toks[j - 1][0]
            last_cap = _is_cap(toks[j - 1][2])
            j -= 2
            n += 1
            continue
        if not w2[0].isalnum():
            break
        if lw2 in lex.DETERMINERS or (lw2 in _POSSESSIVE_DETS and not last_cap):
            start = s2  # "the minister", "his wife" (but not "told her Smith")
            if j > 0 and toks[j - 1][2].lower() == "of":
                j -= 1
                continue
            break
        if lw2 == "of":
            if j > 0 and toks[j - 1][2][0].isalnum() and toks[j - 1][2].lower() not in lex.STOP:
                j -= 1
                continue
            break
        if lw2 in ("and", "&") and last_cap and j > 0 and _is_cap(toks[j - 1][2]):
            j -= 1
            continue
        if lw2 in lex.STOP or _pron(w2):
            break
        if w2.islower():
            if last_cap and lw2 not in _ROLES and lw2 not in _TITLE_WORDS and not _adjective_after_det(toks, j):
                break
            last_cap = False
        else:
            last_cap = True
        start = s2
        j -= 1
        n += 1
    cue_word = re.match(r"\w+", text[pos:pos + 20])
    if cue_word and cue_word.group() in _NOUNISH and not _subject_like(text[start:e]):
        return None  # "the Paris terrorist attacks", "Southern states": a noun, not a verb
    return (start, e)


# Documents that stand for their author after "according to" ("a post from X").
_DOCUMENTS = frozenset(
    """post posts report reports analysis analyses tally count calculations calculation study
    interview interviews statement letter memo survey poll review estimate estimates account
    data figures records transcript article column editorial filing""".split()
)


def _speaker_after(text: str, pos: int, hi: int) -> Span | None:
    """The speaker noun phrase starting at ``pos`` (after an inverted cue or "according to").
    After a participle ("..., telling reporters, ...") the noun phrase is its object: None."""
    if re.search(r"\b[a-z]+ing\s*$", text[max(0, pos - 20):pos]):
        return None
    toks = _tokens(text, pos, min(hi, pos + 160))
    if not toks:
        return None
    s, e, w = toks[0]
    lw = w.lower()
    if _pron(w):
        return (s, e)
    name = w[:1].isupper() and len(toks) > 1 and toks[1][2][:1].isupper()  # "Will Dole", "May Lund"
    if not w[0].isalnum() or (lw in lex.STOP and lw not in lex.DETERMINERS and not name):
        return None
    end = None
    k = 0
    while k < len(toks) and k < 12:
        s2, e2, w2 = toks[k]
        lw2 = w2.lower()
        if w2 == "." and k > 0 and _abbrev(toks[k - 1][2]):
            k += 1
            continue
        if not w2[0].isalnum():
            break
        if w2.islower() and lw2 in lex.DETERMINERS and k > 0 and toks[k - 1][2].lower() != "of":
            break
        if lw2 == "of":
            if k + 1 < len(toks) and (_is_cap(toks[k + 1][2]) or toks[k + 1][2].lower() in lex.DETERMINERS):
                k += 1
                continue
            break
        if lw2 in lex.STOP and lw2 not in lex.DETERMINERS and not (k == 0 and name):
            break
        if lw2 not in lex.DETERMINERS:
            end = e2
        k += 1
    if end is None:
        return None
    by = re.match(r"\s+(?:from|by|with|of)\s+", text[end:hi])
    if by is not None and text[s:end].split()[-1].lower() in _DOCUMENTS:
        # "according to a recent report from Bloomberg", "an analysis by the Pew Research Center"
        author = _speaker_after(text, end + by.end(), hi)
        if author is not None:
            end = author[1]
    # An apposition naming the role's holder: "the Secretary of State, Antony Blinken,", or
    # describing the speaker: "Maria Olsen, the city engineer." (PolNeAR keeps it in the source).
    m = re.match(r",\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?=\s*[,.])", text[end:hi])
    if m is None:
        m = re.match(r",\s+((?:a|an|the|his|her|its|their|who|whose|former)\s[^,.;:\"“”\n]{2,90}?)(?=\s*(?:[.]\s|[.]$|$))",
                     text[end:hi])
        if m is not None and (len(m.group(1).split()) > 8 or any(
                w in lex.STOP and w not in ("of", "at", "for", "in", "who", "whose") for w in m.group(1).lower().split()[1:])):
            m = None  # a clause ("..., the candidate is leading"), not a description
    if m:
        end = end + m.end(1)
    return (s, end)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-\"“„«"):
        if text[end - 1] == '"' and text.count('"', start, end) % 2 == 0:
            break  # 'the talks had been "frank and useful"': the mark closes a quoted fragment
        end -= 1
    return end


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    return start


# Verbs of commitment whose "to"-clause is the content ("agreed in Oslo to create ..."), not
# "railed at the council's refusal to ...".
_AGREEING = frozenset("agreed agrees agree decided decides pledged promised vowed voted".split())


def _content_after_cue(text: str, cue: re.Match | Span, hi: int) -> int:
    """Where the reported content starts after a cue: past an object for "told"-like cues."""
    c_start, c_end = (cue.start(), cue.end()) if isinstance(cue, re.Match) else cue
    word = text[c_start:c_end]
    p = c_end
    if word in lex.OBJECT_CUES:
        m = re.match(r"\s+(?:(?:[A-Z][\w’'.-]*|the|a|his|her|their|reporters|him|her|them|us|me|"
                     r"supporters|voters|journalists|an?)\s+){1,5}?(?=that\b|[,:]|[a-z])", text[p:hi])
        if m:
            p += m.end()
    # "said on Friday his meeting ...": the time of saying is not what was said.
    t = re.match(r"\s+(?:(?:(?:on|late|early|last)\s+)?" + _DAYS + r"(?:\s+(?:night|morning|afternoon|evening))?"
                 r"|(?:(?:earlier|later)\s+)?(?:last|this|next)\s+(?:week|month|year|weekend))"
                 r"(?=\s*,?\s+(?:that\b|[a-z]+\b|[A-Z])|\s*[.;]|\s*$)", text[p:hi])
    if t:
        p += t.end()
    # "agreed in Oslo on Friday to create ...", "said in a statement that ...": where and how it
    # was said is not what was said.
    w = re.match(r"\s*(?<!\S)(?:in|at|on|during|after)\s+(?:[^\s,;:\"“”]+\s+){0,5}?[^\s,;:\"“”]+(?=\s+(?:that|to)\s)", text[p:hi])
    if w and (word in lex.SPEECH_CUES or word in _AGREEING) and not re.search(r"\b(?:that|to|and|or|who|which)\b", w.group()):
        p += w.end()
    return _trim_start(text, p, hi)


def _sentence_bounds(text: str, sentences: Sequence[Span]) -> list[Span]:
    if sentences:
        return list(sentences)
    return [(m.start(), _trim_end(text, m.start(), m.end()) or m.end())
            for m in _SENT.finditer(text) if m.group().strip()]


def _bounds_at(bounds: list[Span], offset: int) -> Span | None:
    for s, e in bounds:
        if s <= offset < e:
            return s, e
    return None


def _paragraph(text: str, offset: int) -> Span:
    lo = text.rfind("\n", 0, offset) + 1
    hi = text.find("\n", offset)
    return lo, (len(text) if hi < 0 else hi)


class _Cues:
    """Every cue word of a text, found once, for the many windows the quotation pass asks
    about: scanning each window anew costs time quadratic in the quote marks of a long
    sentence."""

    def __init__(self, text: str):
        self.matches = list(_CUE.finditer(text))
        self.starts = [m.start() for m in self.matches]

    def within(self, lo: int, hi: int) -> list[re.Match]:
        out = []
        for i in range(bisect.bisect_left(self.starts, lo), len(self.matches)):
            m = self.matches[i]
            if m.start() >= hi:
                break
            if m.end() <= hi:
                out.append(m)
        return out


def _first_cue(text: str, lo: int, hi: int, inherit: Span | None = None, cues: _Cues | None = None):
    """First cue in [lo, hi) with a speaker before it (or a participle inheriting one)."""
    for m in (cues.within(lo, hi) if cues is not None else _CUE.finditer(text, lo, hi)):
        sp = _speaker_before(text, lo, m.start())
        if sp is not None:
            return m, sp
        if inherit is not None and m.group().endswith("ing") and (
                re.search(r",\s*$", text[lo:m.start()])
                or (not text[lo:m.start()].strip() and re.search(r",[”\"’']+\s*$", text[max(0, lo - 4):m.start()]))):
            # '..., saying' or, after a quote closing on its comma, '... as “fantastic,” telling'
            return m, inherit
    return None


# "<speaker> <verb>" closing a quote: the verb must end the clause or take a preposition.
_ANY_VERB_AFTER = re.compile(
    r"(?:[^\W\d_][\w’'.-]*\s+){1,6}?((?:went on|[a-z]+(?:ed|s)|read|wrote|spoke|said|told))"
    r"(?=\s*[.,;:!?]|\s*$|\s+(?:in|at|on|to|during|after|of|about|before|while|when|as|from|with|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|later|again)\b)"
)


def _previous_paragraph(text: str, p_lo: int) -> Span | None:
    """The non-blank paragraph before the one starting at ``p_lo``."""
    end = p_lo
    while end > 0:
        hi = text.rfind("\n", 0, end - 1) + 1 if end > 1 else 0
        para = (hi, end - 1 if text[end - 1:end] == "\n" else end)
        if text[para[0]:para[1]].strip():
            return para
        if hi == 0:
            return None
        end = hi
    return None


def _colon_intro(text: str, bounds: list[Span], para: Span) -> tuple[Span, Span] | None:
    """(cue, speaker) of a paragraph that ends by introducing a quote: ``She went on to say:``,
    ``Stated Stone:``, ``The foundation describes itself this way:``."""
    end = para[1]
    while end > para[0] and text[end - 1].isspace():
        end -= 1
    if end <= para[0] or text[end - 1] != ":":
        return None
    colon = end - 1
    sent = _bounds_at(bounds, colon - 1) or para
    lo = max(sent[0], para[0])
    found = _first_cue(text, lo, colon)
    if found is not None:
        cue, sp = found
        return cue.span(), sp
    m = re.match(r"\s*([A-Z][a-z]+)\b", text[lo:colon])  # inverted: "Stated Stone:"
    if m is not None and m.group(1).lower() in lex.CUE_WORDS:
        sp = _speaker_after(text, lo + m.end(), colon + 1)
        if sp is not None and not text[sp[1]:colon].strip(" ,"):
            return (lo + m.start(1), lo + m.end(1)), sp
    subj = _SUBJECT.match(text, lo, colon)
    if subj is not None and subj.group(1).lower() not in lex.STOP and len(_WORD.findall(text, lo, colon)) <= 12:
        # "Ames issued the following statement:", "Berg fired back:": the subject introduces
        # the quotation with words the lexicon lacks.
        cue_lo = _trim_start(text, subj.end(1), colon)
        if cue_lo < colon:
            return (cue_lo, colon + 1), subj.span(1)
    return None


# Words that show the text after a quote goes on with a clause rather than naming a speaker.
_CLAUSE_WORDS = frozenset(
    """that when while because if but so than as though although whether where why how what
    said says told added is are was were has have had will would can could do does did""".split()
)


def _speaker_right_after_quote(text: str, p: int, cue: int) -> Span | None:
    """The words between a closing quote mark at ``p`` and a cue, taken whole as the speaker
    when :func:`_speaker_before` cannot parse them: a title or a long description of a name
    ("former party speechwriter Noam Hale", "Ann Roe, 67, a retired nurse in Salem, Ore.,").
    The phrase must open like a noun phrase (a capital, a determiner, a title or role word),
    hold a name or a role word, stay under 30 words in one sentence and hold no clause word
    ("that", "when", an auxiliary) or quote mark. Limits: a lowercase title the lists do not
    know ("screenwriter") must be followed by a capitalised word."""
    t = _TIME_TAIL.search(text, p, cue)
    end = t.start() if t is not None and t.start() > p else cue
    toks = _tokens(text, p, end)
    i = _skip_between(toks, len(toks) - 1)
    toks = toks[:i + 1]
    while toks and toks[-1][2] == ",":
        toks.pop()
    words = [w for _s, _e, w in toks if w[0].isalnum()]
    if not words or len(words) > 30:
        return None
    for n, (_s, _e, w) in enumerate(toks):
        if w in ";:!?\"“”«»()" or w.lower() in _CLAUSE_WORDS or _CUE.fullmatch(w):
            return None
        if w == "." and not (n > 0 and toks[n - 1][2][:1].isupper() and len(toks[n - 1][2]) <= 5):
            return None  # a sentence ends; the dots of "Jr.", "Pa." and "N.C." do not
    first, last = words[0], words[-1]
    lf = first.lower()
    opens = (first[:1].isupper() and lf not in lex.STOP) or lf in lex.DETERMINERS or lf in _ROLES or lf in _TITLE_WORDS or (
        first.islower() and lf not in lex.STOP and len(words) > 1 and words[1][:1].isupper())
    if not opens or (first[:1].isupper() and len(words) == 1 and not _plausible_head(first)):
        return None
    if not _plausible_head(last) or re.search(r"[’']s$", last):
        return None
    if not any(w[:1].isupper() or w.lower() in _ROLES for w in words):
        return None
    return (toks[0][0], toks[-1][1])


_CLOSING_RUN = re.compile(r"[\s,;:!?”\"’»']*")
_THAT_NEXT = re.compile(r"\s+that\b")
_STOP_NEXT = re.compile(r"\s*[.,]")


def _post_attribution(text: str, seg: QuotedSegment, hi: int):
    """``..." he said`` / ``...” said X`` right after the quote; returns (cue, speaker, end)."""
    p = seg.close
    p = _CLOSING_RUN.match(text, p, hi).end()
    if p >= hi:
        return None
    inner = text[seg.start:seg.end].rstrip("”\"’»' ")
    ends_sentence = inner.endswith(".")
    window_hi = min(hi, p + 120)
    cue = _CUE.search(text, p, window_hi)
    sp = None
    if cue is not None and cue.start() == p and cue.group().endswith("ing") and cue.group().islower():
        return None  # '...“fantastic,” telling reporters ...': a participle takes an object, not a speaker
    if cue is not None and cue.start() == p:
        sp = _speaker_after(text, cue.end(), hi)
        after = sp[1] if sp else 0
    elif cue is not None:
        # The first cue with a speaker phrase reaching back to the quote: a cue word inside
        # the apposition ("Tom Hale, who was asked, said") is passed over.
        for c in _CUE.finditer(text, p, window_hi):
            sp = _speaker_before(text, p, c.start())
            if sp is not None and sp[0] == p:
                cue = c
                break
            sp = None
        after = cue.end()
    if sp is None:
        # Right after a quote, any verb after the speaker is the reporting verb ("...,” an
        # angry Hollande retaliated. / ...," Mr. Graham continued / ..." the statement read).
        g = _ANY_VERB_AFTER.match(text, p, window_hi)
        g_sp = _speaker_before(text, p, g.start(1)) if g is not None else None
        line = max(text.rfind("\n", 0, seg.open) + 1, seg.open - _PREFIX_MAX)
        before = text[max([line] + [text.rfind(ch, line, seg.open) + 1 for ch in ".!?:;"]):seg.open]
        if (g_sp is None or g_sp[0] != p) and cue is not None and cue.start() > p and re.search(r"[,?!]$", inner) \
                and not _WORD.search(before):
            # '"...," former party speechwriter Noam Hale, 67, wrote': a speaker phrase the
            # word walk cannot parse, between a quote that opens a sentence and closes on a
            # comma, and a cue.
            for c in _CUE.finditer(text, p, window_hi):
                sp = _speaker_right_after_quote(text, p, c.start())
                if sp is not None:
                    cue, after = c, c.end()
                    break
    if sp is None:
        g = _ANY_VERB_AFTER.match(text, p, window_hi)
        inv = re.compile(r"([a-z]+ed)\s").match(text, p, window_hi) if g is None else None
        if inv is not None:
            # '...,” mused the co-host Stu Burr.': an inverted verb the lexicon lacks.
            sp = _speaker_after(text, inv.end(), hi)
            if sp is None or not re.match(r"\s*(?:[.,;]|$)", text[sp[1]:hi]):
                return None
            cue = re.compile(r".+").match(text, inv.start(1), inv.end(1))
            after = sp[1]
        else:
            if g is None:
                return None
            sp = _speaker_before(text, p, g.start(1))
            if sp is None or sp[0] != p:
                return None
            cue = re.compile(r".+").match(text, g.start(1), g.end(1))
            after = g.end(1)
    if _THAT_NEXT.match(text, after, hi):
        # '"This Week," Rubio said that ...': the quoted words are a title, not the statement.
        return None
    if ends_sentence and not _STOP_NEXT.match(text, after, hi):
        # "…today.” He added that …" starts a new sentence with its own statement.
        return None
    if ends_sentence and _is_cap(text[p]) and text[p:sp[1]].lower() not in lex.PRONOUNS and cue.start() != p:
        pass
    return (cue.start(), cue.end()), sp, max(after, cue.end())


def _mixed_end(text: str, seg_end: int, sent_hi: int) -> int:
    return max(seg_end, _trim_end(text, seg_end, sent_hi))


def _widen(span: Span | None, mentions: Sequence[Mention]) -> Span | None:
    if span is None or not mentions:
        return span
    s, e = span
    for m in mentions:
        if m.start < e and s < m.end:
            s, e = min(s, m.start), max(e, m.end)
    return (s, e)


def find_quotes(text: str, sentences: Sequence[Span], mentions: Sequence[Mention],
                model: bool = True) -> list[Quote]:
    """Find direct, mixed and indirect quotes with cue and speaker spans.

    ``sentences`` are used to bound reported clauses (a fallback splitter runs when empty);
    ``mentions`` only widen speaker spans. With ``model`` (and the trained model present),
    the attributions the learned tagger finds where the rules found none are added (see
    :func:`_model_quotes`). Never raises on unbalanced quote marks."""
    quotes = _rule_quotes(text, sentences, mentions)
    if model and quote_model.available():
        bounds = _sentence_bounds(text, sentences)
        tagged = quote_model.attributions(text, bounds)
        quotes = _model_speakers(text, quotes, tagged, mentions)
        quotes = _model_splits(text, bounds, quotes, tagged)
        quotes.extend(_model_quotes(text, bounds, quotes, tagged, mentions))
        quotes.sort(key=lambda q: q.start)
    # A quotation with no attribution of its own goes on for the speaker of the sentence before.
    return _carried_speakers(text, _sentence_bounds(text, sentences), quotes, mentions)


def _carried_speakers(text: str, bounds: list[Span], quotes: list[Quote], mentions: Sequence[Mention]) -> list[Quote]:
    """A quotation that opens a sentence with no attribution of its own takes the speaker of
    the sentence just before it: ``Lund praised the plan. "It will save lives."`` is Lund's,
    as PolNeAR annotates it (one attribution, its cue in the sentence before). The sentence
    before is the one ending where the quote opens in its paragraph, or the last sentence of
    the paragraph above when the quote opens its own. Limits: only when that sentence holds
    an attribution (or a cue with a speaker before it); a quote that answers another speaker
    named in passing there is given to the wrong one."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.kind == "direct" and q.speaker is None and q.cue is None:
            found = (_signed_below(text, q) or _speaker_later_in_sentence(text, bounds, out, q)
                     or _speaker_of_sentence_before(text, bounds, out, q))
            if found is not None:
                cue, sp = found
                out[i] = Quote(q.start, q.end, q.kind, cue, _widen(sp, mentions))
    return out


# A signature line under a quotation: "- Ann Berg." / "—President Lund, writing on the day."
_SIGNATURE = re.compile(r"[ \t]*([-–—])[ \t]*((?:[A-Z][\w’'.-]*)(?:[ \t]+[A-Z][\w’'.-]*){0,3})[ \t]*(?:[.,]|$)")


def _signed_below(text: str, q: Quote) -> tuple[Span, Span] | None:
    """(dash, name) of a signature line right under the paragraph that ``q`` ends, as
    fact-check pages lay out a quoted claim, or None."""
    _lo, p_hi = _paragraph(text, max(q.start, q.end - 1))
    if text[q.end:p_hi].strip(" \t\"”’'.") or p_hi >= len(text):
        return None
    nxt = p_hi
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    m = _SIGNATURE.match(text, nxt, _paragraph(text, nxt)[1])
    if m is None or m.group(2).lower() in lex.STOP:
        return None
    return m.span(1), (m.start(2), _trim_end(text, m.start(2), m.end(2)))


def _speaker_later_in_sentence(text: str, bounds: list[Span], quotes: list[Quote], q: Quote) -> tuple[Span, Span] | None:
    """(cue, speaker) of an attribution closing the sentence that the quotation ``q`` opens:
    ``"This will be a challenge" for the mayor, said Lund.``, or None."""
    sent = _bounds_at(bounds, q.end)
    if sent is None or _MARK.search(text, q.end + 1, sent[1]):
        return None
    later = [o for o in quotes if o is not q and o.cue and o.speaker and q.end < o.cue[0] < sent[1]]
    if later:
        o = min(later, key=lambda o: o.cue[0])
        return o.cue, o.speaker
    for cue in _CUE.finditer(text, q.end, sent[1]):
        if not re.search(r",\s*$", text[q.end:cue.start()]):
            continue
        sp = _speaker_after(text, cue.end(), sent[1])
        if sp is not None and re.match(r"\s*(?:[.,;]|$)", text[sp[1]:sent[1]]):
            return cue.span(), sp
        sp = None
    return None


def _speaker_of_sentence_before(text: str, bounds: list[Span], quotes: list[Quote], q: Quote) -> tuple[Span, Span] | None:
    """(cue, speaker) of the attribution in the sentence before the quotation ``q`` (see
    :func:`_carried_speakers`), or None. Not for a quote closing on a comma or followed by a
    cue ('"...," said Will Dole'): its own attribution follows, unread."""
    after = re.match(r"[\s\"”’'»]*", text[q.end:q.end + 10])
    if text[q.start:q.end].rstrip().endswith(",") or _CUE.match(text, q.end + after.end()):
        return None
    mark = text.rfind("\n", 0, q.start) + 1
    opened = q.start
    while opened > mark and (text[opened - 1] in "\"“«'" or text[opened - 1].isspace()):
        opened -= 1
    p_lo, _p_hi = _paragraph(text, q.start)
    if _WORD.search(text, p_lo, opened):
        before = [b for b in bounds if p_lo <= b[0] and b[1] <= opened]
        if not before or text[before[-1][1]:opened].strip():
            return None
        sent = before[-1]
    else:
        para = _previous_paragraph(text, p_lo)
        if para is None:
            return None
        inside = [b for b in bounds if para[0] <= b[0] < para[1]]
        sent = inside[-1] if inside else para
        if _MARK.search(text, sent[0], sent[1]) and not any(
                o.cue and sent[0] <= o.cue[0] < sent[1] and o.speaker for o in quotes):
            return None  # the paragraph above ends with a quotation of its own
    if re.search(r":\s*$", text[sent[0]:sent[1]]):
        return None  # "She went on to say:" is read by the rules themselves
    earlier = [o for o in quotes if o.cue and o.speaker and sent[0] <= o.cue[0] < sent[1] and o is not q]
    found = None
    if earlier:
        o = max(earlier, key=lambda o: o.cue[0])
        found = o.cue, o.speaker
    else:
        m = _first_cue(text, sent[0], sent[1])
        if m is not None:
            found = m[0].span(), m[1]
    if found is None or not _carries(text[found[1][0]:found[1][1]]):
        return None
    return found


def _carries(speaker: str) -> bool:
    """Whether a speaker phrase is one a following quotation can be given to: a personal
    pronoun, a name, or a noun phrase ending in a name, a role or a person noun ("Lund",
    "the Secretary of State", "his wife"); not "who", a capitalised opening word ("Despite
    polls") or a thing ("his rallying calls", "further consideration")."""
    words = speaker.replace(",", " ").split()
    if not words:
        return False
    first, lf, last = words[0], words[0].lower(), words[-1]
    if lf in ("who", "which", "that", "whom"):
        return False
    if len(words) == 1 and lf in ("he", "she", "they", "i", "we"):
        return True
    ends_well = last[:1].isupper() or last.lower() in _ROLES or last.lower() in _HEAD_NOUNS
    if lf in ("the", "a", "an") or lf in _POSSESSIVE_DETS:
        return ends_well
    if first[:1].isupper():
        return _SUBJECT.match(first + " x") is not None
    return any(w[:1].isupper() for w in words) or lf in _ROLES or lf in _TITLE_WORDS


def _model_speakers(text: str, quotes: list[Quote], tagged: list[quote_model.Attribution],
                    mentions: Sequence[Mention]) -> list[Quote]:
    """The tagger's source for a rule quote whose cue the rules gave to a thing: a participle
    after a lowercase noun phrase ("in a statement, saying ...", "in a tweet, calling ..."),
    or any cue after a lowercase phrase that does not end in a person, group or document
    noun ("won the state and tweeted", "cannot see"): on PolNeAR train the tagger was right
    in most of the cases where the two disagreed. And the tagger's cue and source for a
    direct quotation the rules left unattributed, when that cue stands next to it in its
    sentence ('“...,” read one of the signs.', '"...," Lund shot back.'). Limits: only then;
    a pronoun or "the mayor" from the rules stands."""
    out = []
    for q in quotes:
        sp = q.speaker
        phrase = text[sp[0]:sp[1]] if sp is not None else ""
        lowercase = phrase[:1].islower() or (re.match(r"(?:The|A|An)\s", phrase) is not None and phrase.split()[-1][:1].islower())
        if (q.cue is not None and sp is not None and lowercase and phrase.lower() not in lex.PRONOUNS
                and (text[q.cue[0]:q.cue[1]].endswith("ing") or not _subject_like(phrase))):
            m = next((a for a in tagged if a.source and _overlaps(a.cue, q.cue)), None)
            if m is not None and not _overlaps(m.source, sp) and not _overlaps(m.source, (q.start, q.end)):
                q = Quote(q.start, q.end, q.kind, q.cue, _widen(m.source, mentions))
        elif q.kind == "direct" and q.cue is None and sp is None:
            # '“...,” read one of the signs.' / '"...," Lund shot back.': a quotation the rules
            # could not attribute, next to a cue and source the tagger read for it.
            m = next((a for a in tagged if a.source and a.cue and any(_overlaps(c, (q.start, q.end)) for c in a.contents)
                      and not _overlaps(a.cue, (q.start, q.end)) and not _overlaps(a.source, (q.start, q.end))
                      and _paragraph(text, q.start) == _paragraph(text, a.cue[0])
                      and ((0 <= a.cue[0] - q.end < 80 and not re.search(r"[.!?]\s", text[q.end:a.cue[0]]))
                           or (0 <= q.start - a.cue[1] < 80 and not re.search(r"[.!?]", text[a.cue[1]:q.start])))),
                     None)
            if m is not None:
                q = Quote(q.start, q.end, q.kind, m.cue, _widen(m.source, mentions))
        out.append(q)
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_PASSIVE_CUE = re.compile(
    r"(?:is|are|was|were|be|been|being)\s+(?:(?:not|also|widely|still|now|often|never|first|later|"
    r"previously|reportedly|already)\s+)?"
    r"(?:[a-z]+ed|known|seen|shown|thought|said|told|given)\b", re.I)
_MODALS = frozenset("must should would could may might will can shall".split())
_NEGATED_CUE = re.compile(r"\b(?:not|never|no|declined|refused)\b|n[’']t\b", re.I)


# A phrase that opens a clause without being one: "At the same time", "On Monday", "However".
_OPENER = re.compile(r"(?i:that\s+)?(?i:at|in|on|for|by|with|after|before|meanwhile|however|still|now|then|also|"
                     r"instead|moreover|furthermore|nevertheless)\b[^,;:.]{0,40}")


def _model_splits(text: str, bounds: list[Span], quotes: list[Quote],
                  tagged: list[quote_model.Attribution]) -> list[Quote]:
    """Cut a rule's indirect or mixed content where the tagger sees a second attribution start
    after a clause boundary inside it ("The council denied the report, and residents hope
    ...", "X attacked the plan, calling it ..."); the second one is then added by
    :func:`_model_quotes`. Limits: a direct quotation is never cut; the text before the
    second attribution's source (without one, its cue) must end in a comma, semicolon or
    conjunction, and the second attribution must pass :func:`_accepted`."""
    out = []
    for q in quotes:
        if q.kind in ("indirect", "mixed"):
            for att in tagged:
                # where the second attribution starts: its source, else its cue (a second verb
                # of the same speaker, "X denied the report and promised ...", or a participle)
                first = att.source[0] if att.source is not None else att.cue[0]
                if not (q.start < first and q.start < att.cue[0] and att.cue[1] <= q.end):
                    continue
                b = _BOUNDARY.search(text, q.start, first)
                if b is None or len(_WORD.findall(text, q.start, b.start())) < 1:
                    continue
                if att.source is not None and re.fullmatch(r",\s*", b.group()) and (
                        re.match(r"\s*,", text[att.source[1]:]) or text[att.source[1] - 1:att.source[1]] == ","):
                    continue  # "that the president, Anna Berg, has urged ...": an apposition, not a clause
                if att.source is None and re.fullmatch(r",\s*", b.group()) and not re.match(
                        r"\w+ing\b", text[att.cue[0]:att.cue[1]]):
                    continue  # "that the president, Anna Berg, has urged ...", the tagger naming no source
                if _OPENER.fullmatch(text, q.start, b.start()):
                    continue  # "At the same time, the US remains ...": an opening phrase, not a clause
                if not _accepted(text, bounds, att, quotes, []):
                    continue  # cut only where the second attribution will be added
                end = _trim_end(text, q.start, b.start())
                kind = "mixed" if _MARK.search(text, q.start, end) else "indirect"
                q = Quote(q.start, end, kind, q.cue, q.speaker)
                break
        out.append(q)
    return out


def _model_quotes(text: str, bounds: list[Span], found: list[Quote], tagged: list[quote_model.Attribution],
                  mentions: Sequence[Mention]) -> list[Quote]:
    """Attributions of the learned tagger (:mod:`parallax.analyze.quote_model`) that share no
    token with what the rules found and pass :func:`_accepted`: the rules keep the
    quotations and their speakers, the model adds the unmarked attributions they miss.
    Limits: a model attribution whose cue or content touches a rule quote is dropped whole,
    even where it is a second statement."""
    taken = [(q.start, q.end) for q in found] + [q.cue for q in found if q.cue] + [
        q.speaker for q in found if q.speaker]
    out: list[Quote] = []
    for att in tagged:
        spans = [att.cue] + att.contents + ([att.source] if att.source else [])
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        got = _accepted(text, bounds, att, found + out, mentions)
        if len(got) == 1 and got[0].end > got[0].cue[1]:
            # "Strategists fear that A and warn that B": the rules' cut of a second verb of
            # the same subject, or of a second speaker's clause, applies to the tagger's too.
            sent = _bounds_at(bounds, got[0].start) or (0, len(text))
            got = _split(text, got[0], max(sent[1], got[0].end))
        if got:
            out.extend(got)
            taken.extend(spans)
    return out


def _accepted(text: str, bounds: list[Span], att: quote_model.Attribution, context: list[Quote],
              mentions: Sequence[Mention]) -> list[Quote]:
    """The quotes one tagged attribution gives a reader, or none: it needs a cue with a known
    reporting or attitude word, a speaker (the tagger's; else a name the tagger read into
    the cue; else the rules' phrase next to the cue; else the subject after a fronted
    participle or before a joined verb; else for a participle the sentence's last speaker in
    ``context`` or its subject), no modal, no negated or passive cue and no scare quotes
    (:func:`_scare_quoted`)."""
    if not _lexical_cue(text, att.cue):
        return []  # PolNeAR's events ("published the drafts") are not statements to a reader
    if text[att.cue[0]:att.cue[1]].split()[0].lower() in _MODALS:
        return []  # "NATO must pledge ...": an obligation or a prospect, not a statement
    if _states_noun(text[att.cue[0]:att.cue[1]].split()[-1].lower(), text[att.cue[1]:att.cue[1] + 40].lstrip()):
        return []  # "Rust Belt states Indiana, Michigan ...": the noun
    if _NEGATED_CUE.search(text, att.cue[0], att.cue[1]):
        return []  # "have not said what started the fire", "makes no mention of": nothing was said
    if _PASSIVE_CUE.match(text, att.cue[0], att.cue[1]):
        return []  # "is expected to", "was shown to": nobody in the sentence says so
    contents = [(_trim_start(text, a, b), _trim_end(text, a, b)) for a, b in att.contents]
    contents = [(a, b) for a, b in contents
                if b > a and _WORD.search(text, a, b) and not _EMPTY_CONTENT.match(text, a, b)]
    if sum(len(_WORD.findall(text, a, b)) for a, b in contents) < 2:
        return []  # "talks on security", "asked about immigration": a topic, not what was said
    if not contents or any(_scare_quoted(text, a, b, att.cue) for a, b in contents):
        # Marks the rules left unattributed around a term are scare quotes or titles
        # ("Critics call the plan a “giveaway”"), not the words of the speaker.
        return []
    source = att.source
    cue = att.cue
    if source is not None and _not_a_source(text, source):
        source = None  # the rules read the speaker instead
    if source is None:
        sent = _bounds_at(bounds, cue[0]) or (0, len(text))
        named = _NAME_IN_CUE.match(text, cue[0], cue[1])
        if named is not None and not quote_model.lexical(named.group(1).split()[-1]):
            # "Politifact deemed the claims false": the tagger read the name into the cue.
            source, cue = named.span(1), (named.start(2), cue[1])
        else:
            source = _speaker_before(text, sent[0], cue[0])
        opener = text[sent[0]:cue[0]].strip(" \"“'‘")
        if source is None and re.match(r"\w+ing\b", text[cue[0]:cue[1]]) and (not opener or _NOT_A_NAME.fullmatch(opener)):
            # "Noting that the polls had closed, Olsen said ...", "Despite criticizing the
            # plan, Olsen voted for it": a fronted participle reports for the subject of the
            # clause after it.
            after = re.match(r"\s*,\s*", text[max(b for _a, b in contents):sent[1]])
            if after is not None:
                source = _clause_subject(text, max(b for _a, b in contents) + after.end(), sent[1])
        elif source is None and re.search(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", text[sent[0]:cue[0]]):
            # "The mayor toured the site and promised a new bridge": a second verb of the subject.
            source = _clause_subject(text, sent[0], cue[0])
        if source is None and re.match(r"\w+ing\b", text[cue[0]:cue[1]]):
            # "..., calling him X": a participle goes on for the speaker of the sentence.
            earlier = [q for q in context if q.speaker and q.cue and sent[0] <= q.cue[0] < att.cue[0]]
            if earlier:
                source = max(earlier, key=lambda q: q.cue[0]).speaker
            else:
                subj = _SUBJECT.match(text, sent[0], att.cue[0])
                if subj is not None and subj.group(1).lower() not in lex.STOP:
                    source = subj.span(1)
        if source is not None and any(_overlaps(source, c) for c in contents):
            source = None
    if source is None:
        # A passive ("talks are expected to ...") or a verb whose subject the tagger could
        # not place ("it rained and said nothing"): without a speaker the rules' reading of
        # the sentence stands.
        return []
    words = _WORD.findall(text, source[0], source[1])
    if not words or words[-1].lower() in lex.DETERMINERS or words[-1].lower() in lex.STOP:
        return []  # "His several angry comments": a noun phrase cut in two, not a speaker
    if text[att.cue[0]:att.cue[1]].split()[0] in _NOUNISH and not _subject_like(text[source[0]:source[1]]):
        return []  # "The Paris terrorist attacks shocked ...": a noun, not a verb
    speaker = _widen(source, mentions)
    return [Quote(a, b, "indirect", cue, speaker) for a, b in contents]


# A capitalised word that opens a clause but never names anyone: "Despite", "Along",
# "Using", "Having", "Perhaps" (not every participle: "King", "Beijing").
_NOT_A_NAME = re.compile(
    r"(?:Despite|Besides|Throughout|Alongside|Along|Perhaps|Although|Though|Because|Unlike|Like|Amid|"
    r"Among|Without|Within|Instead|Meanwhile|However|During|Whenever|Wherever|Whether|Around|Toward|"
    r"Towards|Against|Beyond|Upon|Through|Using|Having|Utilizing|Following|Including|Regarding|"
    r"Considering)$")


def _not_a_source(text: str, source: Span) -> bool:
    """Whether a tagged source cannot be a speaker: it opens with a capitalised preposition,
    conjunction, adverb or participle ("Despite", "Along", "Using the remark, ..."), or it is
    a title without its name ("Mrs")."""
    words = _WORD.findall(text, source[0], source[1])
    if not words:
        return True
    if _NOT_A_NAME.match(words[0]):
        return True
    return len(words) == 1 and words[0].lower() in _ABBREV


_MARKED = re.compile(r"[\"“«]([^\"“”«»]*)[\"”»]")


def _scare_quoted(text: str, start: int, end: int, cue: Span) -> bool:
    """Whether a tagged content holds quote marks around a term rather than quoted words: a
    content with marks is kept when a verb of saying reports it ("acknowledged that he had
    “read the passages quickly”") or the marks hold three words or more; marks around one
    or two words after an attitude or naming verb ("call the plan a “giveaway”") are the
    narrator's. Limits: a short quoted reply after a verb of saying is kept either way."""
    if not _MARK.search(text, start, end):
        return False
    cue_words = {w.lower() for w in _WORD.findall(text, cue[0], cue[1])}
    if cue_words & lex.SPEECH_CUES:
        return False
    spans = [m.group(1) for m in _MARKED.finditer(text, start, end)]
    return not any(len(_WORD.findall(s)) >= 3 for s in spans)


# A cue that begins with the speaker's name: "Politifact deemed", "Will called for".
_NAME_IN_CUE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*)\s+([a-z])")


# A content that only points back ("stated this in an interview", "said so").
_EMPTY_CONTENT = re.compile(r"(?:this|it|so)\b\s*(?:$|[.,;]|in|on|at|to|after|during|with)\b|that\s*(?:$|[.,;])")


def _lexical_cue(text: str, cue: Span) -> bool:
    return any(quote_model.lexical(w) for w in _WORD.findall(text, cue[0], cue[1]))


_PREFIX_MAX = 1500  # characters before a quote mark read for its cue and reported clause


def _rule_quotes(text: str, sentences: Sequence[Span], mentions: Sequence[Mention]) -> list[Quote]:
    """The rule-based attributions (steps 1-4 of the module's method)."""
    bounds = _sentence_bounds(text, sentences)
    cues = _Cues(text)
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    consumed = 0  # text before this offset already belongs to an attribution

    def add(q: Quote) -> None:
        key = (q.start, q.end)
        if key in seen or q.end <= q.start:
            return
        for other in quotes:  # a mixed quote already covering this passage
            if other.start <= q.start and q.end <= other.end:
                return
        seen.add(key)
        quotes.append(q)

    for seg in find_segments(text):
        p_lo, p_hi = _paragraph(text, seg.open)
        sent = _bounds_at(bounds, seg.open) or (p_lo, p_hi)
        s_lo = max(sent[0], p_lo)
        s_hi = max(sent[1], seg.close)
        lo = max(s_lo, consumed)
        if seg.open - lo > _PREFIX_MAX:
            # A cue introduces its quotation from nearby: reading back to the start of a
            # sentence of thousands of characters (hostile or broken text) for every mark
            # would cost time quadratic in the marks.
            space = text.find(" ", seg.open - _PREFIX_MAX, seg.open)
            lo = space + 1 if space >= 0 else seg.open - _PREFIX_MAX
        prefix = text[lo:seg.open]
        prefix_has_prose = bool(_WORD.search(prefix))
        seg_end = seg.close if seg.closed else seg.end
        hi_para = _paragraph(text, max(seg.close - 1, seg.open))[1]

        post = _post_attribution(text, seg, hi_para)
        if post is not None:
            cue, sp, att_end = post
            pre = _first_cue(text, lo, seg.open, cues=cues) if prefix_has_prose else None
            if prefix_has_prose and pre is None and not re.search(r"[:]\s*$", prefix):
                # Reported clause in the narrator's words with a quoted tail, then "X stressed".
                start = _trim_start(text, lo, seg.open)
                add(Quote(start, seg.end, "mixed", cue, _widen(sp, mentions)))
            else:
                add(Quote(seg.start, seg.end, "direct", cue, _widen(sp, mentions)))
            consumed = att_end
            continue

        if prefix_has_prose:
            acc = None
            for m in _ACCORDING.finditer(text, lo, seg.open):
                acc = m
            if acc is not None:
                sp = _speaker_after(text, acc.end(), seg.open)
                if sp is not None:
                    after = re.match(r"\s*,\s*", text[sp[1]:seg.open])
                    start = sp[1] + after.end() if after else seg.start
                    kind = "direct" if start >= seg.open else "mixed"
                    if kind == "direct":
                        add(Quote(seg.start, seg.end, kind, acc.span(1), _widen(sp, mentions)))
                    else:
                        add(Quote(start, _mixed_end(text, seg_end, s_hi), kind, acc.span(1), _widen(sp, mentions)))
                    consumed = max(consumed, seg_end)
                    continue
            op = None
            for m in _OPINION.finditer(text, lo, seg.open):
                op = m
            if op is not None:
                sp = op.span(2) if op.group(2) else op.span(3)
                after = re.match(r"\s*,\s*", text[op.end():seg.open])
                start = op.end() + (after.end() if after else 0)
                cue = (op.start(1), op.end())
                if start >= seg.open:
                    add(Quote(seg.start, seg.end, "direct", cue, _widen(sp, mentions)))
                else:
                    add(Quote(start, _mixed_end(text, seg_end, s_hi), "mixed", cue, _widen(sp, mentions)))
                consumed = max(consumed, seg_end)
                continue
            inherit = quotes[-1].speaker if quotes and quotes[-1].end >= s_lo else None
            found = _first_cue(text, lo, seg.open, inherit, cues=cues)
            if found is not None:
                cue, sp = found
                between = text[cue.end():seg.open]
                start = _content_after_cue(text, cue, seg.open + 1)
                if re.fullmatch(r"[\s,:—–-]*", between) or start >= seg.open:
                    add(Quote(seg.start, seg.end, "direct", cue.span(), _widen(sp, mentions)))
                else:
                    add(Quote(start, _mixed_end(text, seg_end, s_hi), "mixed", cue.span(), _widen(sp, mentions)))
                consumed = max(consumed, seg_end)
                continue
        # No attribution: a whole quoted statement stands as direct speech with no speaker;
        # a few words inside a sentence are taken as a scare quote.
        starts_sentence = not prefix_has_prose
        prev = quotes[-1] if quotes else None
        before = _previous_paragraph(text, p_lo) if starts_sentence and not text[p_lo:seg.open].strip() else None
        intro = _colon_intro(text, bounds, before) if before else None
        if intro is not None:
            # "She went on to say:" closing the paragraph above the quote.
            add(Quote(seg.start, seg.end, "direct", intro[0], _widen(intro[1], mentions)))
            consumed = max(consumed, seg_end)
        elif starts_sentence and prev is not None and prev.speaker is not None and (
            prev.end >= p_lo or (before is not None and prev.end >= before[0] and prev.kind == "direct")
        ):
            # "“We are ready,” Olsen said. “The work starts on Monday.”": the speaker goes on,
            # in the same paragraph or in the next one.
            add(Quote(seg.start, seg.end, "direct", prev.cue, prev.speaker))
            consumed = max(consumed, seg_end)
        elif starts_sentence and len(_WORD.findall(text, seg.start, seg.end)) >= 5:
            add(Quote(seg.start, seg.end, "direct", None, None))
            consumed = max(consumed, seg_end)

    for q in _captioned(text):
        if not any(o.start < q.end and q.start < o.end for o in quotes):
            add(Quote(q.start, q.end, q.kind, q.cue, _widen(q.speaker, mentions)))
    for q in _headlines(text):
        if not any(o.start < q.end and q.start < o.end for o in quotes):
            add(Quote(q.start, q.end, q.kind, q.cue, _widen(q.speaker, mentions)))
    for i, q in enumerate(list(quotes)):
        if q.kind == "mixed" and q.cue is not None and q.start > q.cue[1]:
            # "X says she respects A's “hard work” but argues that B": two attributions.
            parts = _split(text, q, q.end)
            if len(parts) > 1:
                at = quotes.index(q)
                marked = [Quote(p.start, p.end, "mixed" if _MARK.search(text, p.start, p.end) else "indirect",
                                p.cue, p.speaker) for p in parts]
                quotes[at:at + 1] = [marked[0]]
                for p in marked[1:]:
                    add(p)
    covered = sorted([(q.start, q.end) for q in quotes] + [q.cue for q in quotes if q.cue] + [
        q.speaker for q in quotes if q.speaker
    ])
    for s_lo, s_hi in bounds:
        for lo, hi in _free_pieces(text, s_lo, s_hi, covered):
            found = _indirect_all(text, lo, hi)
            if not found:
                # '“...,” Jealous said, suggesting that ...': the participle goes on for the
                # speaker of the quote just before it in the sentence.
                before = [q for q in quotes if q.speaker and q.cue and s_lo <= q.cue[0] and q.cue[1] <= lo]
                m = _PARTICIPLE_START.match(text, lo, hi)
                if before and m is not None:
                    cue = _CUE.match(text, m.start(1))
                    if cue is not None and _not_a_cue(text, cue.start(), hi):
                        cue = None
                    if cue is not None and cue.end() == m.end(1):
                        start = _content_after_cue(text, cue, hi)
                        end = _trim_end(text, start, hi)
                        if len(_WORD.findall(text, start, end)) >= 3:
                            found = [Quote(start, end, "mixed" if _MARK.search(text, start, end) else "indirect",
                                           cue.span(), before[-1].speaker)]
            for q in found:
                add(Quote(q.start, q.end, q.kind, q.cue, _widen(q.speaker, mentions)))
    quotes.sort(key=lambda q: q.start)
    return quotes


_CAPTION = re.compile(
    r"[ \t]*((?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+)(?:,\s+[^\n.!?]{2,60})?\.?[ \t]*$"
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|me|us)\b")


def _captioned(text: str) -> list[Quote]:
    """A statement set off under a caption line naming its speaker, as web pages lay out
    pull quotes: ``Antonia Berg, Finance Minister`` then a first-person paragraph with no
    quote marks. Limits: only a caption of two to four capitalised words (plus an optional
    role after a comma) directly above the paragraph, and the paragraph must speak in the
    first person; an unmarked quote laid out any other way is not found."""
    out = []
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    for (a0, a1), (b0, b1) in zip(paras, paras[1:]):
        c = _CAPTION.match(text, a0, a1)
        if c is None or _CUE.search(text, a0, a1):
            continue
        body = text[b0:b1]
        if re.search(r"[\"“”«»]", body) or not _FIRST_PERSON.search(body) or len(_WORD.findall(body)) < 6:
            continue
        start = _trim_start(text, b0, b1)
        out.append(Quote(start, _trim_end(text, start, b1), "direct", None, c.span(1)))
    return out


# A headline tag before the headline proper ("Wow:", "BREAKING:", "Just Leaked:").
_HEADLINE_TAG = re.compile(r"[ \t]*((?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+):[ \t]+")
# Where a headline's clause ends: a dash between clauses, a colon, a semicolon, a comma.
_HEADLINE_BREAK = re.compile(r"\s+[–—]\s+|\s*--\s*|(?<=\w)-\s+|[:;,]\s+|(?<=[a-z])[.!?]+[\"”’']*\s+|\s*[.!?]+[\"”’']*\s*$")
# Capitalised words that open a headline's next clause ("Says No To The Plan As Rivals
# Gather"): the reported words end before them.
_HEADLINE_CLAUSE = frozenset(
    "as while but amid after before despite because though although when whereas unless".split())
_HEADLINE_PRONOUNS = frozenset("he she they it we i".split())
_NOT_A_NAME_WORD = lex.PRONOUNS | frozenset(
    "nobody nothing everyone everybody everything anyone anybody anything someone somebody something all".split())
_PLURAL_DETS = frozenset("some many most few both all several others".split())
_HEADLINE_AUX = frozenset("would will can could should may might must are is were was have has".split())
_HEADLINE_TOKEN = re.compile(r"[^\s]+")


def _headline_line(text: str, lo: int, hi: int) -> bool:
    """Whether the line [lo, hi) is a title-case headline: four to thirty words, nearly all
    of the longer ones capitalised ("Mayor Lund Just Said Something Unexpected About The
    Dam")."""
    words = _WORD.findall(text, lo, hi)
    if not 4 <= len(words) <= 30:
        return False
    long = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if len(long) < 3 or sum(w.isupper() for w in long) > len(long) / 2:
        return False  # all capitals: no word stands out as the cue
    return sum(w[0].isupper() for w in long) >= 0.85 * len(long)


def _headlines(text: str) -> list[Quote]:
    """Attributions in title-case headline lines, where the cue is capitalised like every
    other word and the rules for prose cannot tell it from a name: ``Mayor Lund Says No To
    The Bridge As Council Digs In`` (speaker "Mayor Lund", cue "Says", content "No To The
    Bridge"), ``Wow: Lund Just Revealed Who She Backs – It Might Surprise You`` (cue "Just
    Revealed"). Each clause between dashes, colons, semicolons and commas is read on its own:
    the cue is its first word that is a reporting or attitude word of the lexicon, the
    speaker every capitalised word before it (a possessive may stand in it, a clause word
    such as "After" may not), the content what follows up to the next clause word ("As",
    "While"); after "Tells", "Warns" and the like a pronoun opens the content ("Tells Critics
    They Need To Wait"). Limits: the cue must be a single word of the lexicon, optionally
    after "Just"; a content that runs into a trailing phrase ("... In One Debate Answer") is
    kept whole; an all-capitals headline is not read."""
    out: list[Quote] = []
    for line in re.finditer(r"[^\n]+", text):
        lo, hi = line.span()
        if not _headline_line(text, lo, hi) or _MARK.search(text, lo, hi):
            continue
        tag = _HEADLINE_TAG.match(text, lo, hi)
        if tag is not None:
            if not _is_tag(tag.group(1)):
                continue  # "Lund: The Dam Is Safe" names its speaker: the colon-line rule reads it
            lo = tag.end()
        pos = lo
        for brk in list(_HEADLINE_BREAK.finditer(text, lo, hi)) + [None]:
            c_hi = brk.start() if brk is not None else hi
            q = _headline_clause(text, pos, c_hi)
            if q is not None:
                out.append(q)
            if brk is None:
                break
            pos = brk.end()
    return out


def _headline_clause(text: str, lo: int, hi: int) -> Quote | None:
    toks = [(m.start(), m.end(), m.group()) for m in _HEADLINE_TOKEN.finditer(text, lo, hi)]
    for i, (c0, c1, w) in enumerate(toks):
        lw = w.lower()
        if i == 0 or not w[0].isupper() or not (lw in lex.CUE_WORDS or lw + "s" in lex.CUE_WORDS):
            continue  # (a bare form of a known cue: "Leaked Files Reveal")
        rest = toks[i + 1:]
        if lw in _NOUNISH and rest and rest[0][2].lower() in _HEADLINE_AUX:
            continue  # "Tax Plans Would Cost A Fortune": a noun before the verb
        if lw.endswith("ed") and rest and rest[0][2] in ("Of", "By"):
            return None  # "Mayor Accused Of Lying": the one named is spoken about
        if not lw.endswith(("s", "ed")) and lw not in ("said", "told", "thought", "wrote", "knew", "felt", "saw") and (
                toks[i - 1][2].lower() not in lex.BETWEEN and toks[i - 1][2].lower() not in _PLURAL_DETS
                and not toks[i - 1][2].endswith("s")):
            continue  # "The Daily Show Takes ...": a bare verb needs a plural subject ("Polls Show")
        cue_start = c0
        j = i - 1
        while j >= 0 and (toks[j][2].lower() in lex.BETWEEN or re.fullmatch(r"[A-Z][a-z]{3,}ly", toks[j][2])):
            # "Trump Finally Endorses", "Lund Is Now Calling", "Lund Just Said": the cue's.
            cue_start, j = toks[j][0], j - 1
        speaker = toks[:j + 1]
        if not speaker or len(speaker) > 6:
            return None
        first = speaker[0][2]
        if first.lower() in _HEADLINE_CLAUSE or re.fullmatch(_NOT_SUBJECTS, first):
            return None
        for _a, _b, sw in speaker:
            bare = re.sub(r"[’']s$", "", sw).lower()
            if not (sw[0].isupper() or sw[0] in "#@") or re.search(r"\d", sw) or bare in lex.STOP or (
                    bare in lex.PRONOUNS or re.match(r"i[’']", bare)):
                return None  # a clause ("If He Wants", "I’m Sure Voters Will Say"), not a name
        k = 0
        if lw in lex.OBJECT_CUES:
            # "Tells Critics They Need To Wait": the hearer, then the reported clause.
            k = next((n for n, t in enumerate(rest[:5]) if t[2].lower() in _HEADLINE_PRONOUNS), 0)
        end = next((n for n in range(k + 1, len(rest)) if rest[n][2].lower() in _HEADLINE_CLAUSE), len(rest))
        content = rest[k:end]
        if len(content) < 2 and not (content and lw not in lex.SPEECH_CUES and content[0][2][:1].isupper()
                                     and content[0][2].lower().rstrip(".") not in _NOT_A_NAME_WORD):
            return None  # (one name is enough after "Endorses", "Defends")
        c_start, c_end = content[0][0], _trim_end(text, content[0][0], content[-1][1])
        return Quote(c_start, c_end, "indirect", (cue_start, c1), (speaker[0][0], speaker[-1][1]))
    return None


def _free_pieces(text: str, lo: int, hi: int, covered: list[Span]) -> list[Span]:
    """The parts of the sentence [lo, hi) outside every span already attributed, long
    enough to hold a reported clause of their own."""
    pieces = []
    pos = lo
    for a, b in covered:
        if b <= pos or a >= hi:
            continue
        if a > pos:
            pieces.append((pos, a))
        pos = max(pos, b)
    if pos < hi:
        pieces.append((pos, hi))
    out = []
    for a, b in pieces:
        a = _trim_start(text, a, b)
        while a < b and text[a] in "\"“”'’»«. ":
            a += 1
        if len(_WORD.findall(text, a, b)) >= 4:
            out.append((a, b))
    return out


# Cue words in a sense that reports nothing: "adding to the confusion", "continues to grow".
_NOT_A_CUE = re.compile(r"(?:add|adds|added|adding|continue|continues|continued|continuing)\s+to\s+(\w+)")


def _not_a_cue(text: str, pos: int, hi: int) -> bool:
    """Whether the cue word at ``pos`` reports nothing; "continued to insist" still reports."""
    m = _NOT_A_CUE.match(text, pos, hi)
    return m is not None and m.group(1) not in lex.CUE_WORDS


def _states_noun(word: str, follow: str) -> bool:
    """Whether "states" is the noun ("battleground states in the Midwest"): in PolNeAR train
    it is a cue 5 times in 502; the verb opens a clause ("the report states that the ...") or
    a quotation."""
    return word == "states" and not re.match(
        r"(?:that\s+(?:the|a|an|it|he|she|they|we|his|her|its|their|this|there)\b|:|[\"“])", follow)


def _not_a_report(text: str, speaker: Span, cue: re.Match, follow: str) -> bool:
    """A cue word in a sense that reports nothing, read from what follows it: a passive
    participle ("fighters backed by the militia"), a phrasal verb ("showed up"), a byline
    ("reported from Rome"), a name ("a website called Hot News"), an adjective ("pledged
    delegates"), a presence ("appeared at the debate"), a plight ("found itself in debt"),
    a deliberation ("decided whether to rebuild")."""
    word = cue.group().lower()
    if re.match(r"(?:by(?!\s+\w+ing\b)|up)\b", follow):  # but "concluded by saying ..." reports
        return True
    if _states_noun(word, follow):
        return True
    if word == "called" and re.match(r"in(?:to)?\b", follow):
        return True  # "called into the programme": phoned, said nothing yet
    if word in ("reported", "reporting", "wrote", "writing") and re.match(r"from\b", follow):
        return True
    if word in ("called", "named", "dubbed", "titled") and re.match(r"(?:a|an)\s", text[speaker[0]:speaker[1]], re.I):
        return True
    if word in ("appear", "appears", "appeared") and re.match(r"(?:at|in|on|before|with|alongside)\b", follow):
        return True  # "appeared at the debate": a presence, not a view
    if word == "found" and re.match(r"(?:itself|himself|herself|themselves|ways)\b", follow):
        return True  # "found itself at the centre of ..."
    if word.startswith(("decid", "consider")) and re.match(r"(?:whether|if)\b", follow):
        return True  # "while it decided whether to rebuild": a deliberation states nothing
    return word == "pledged" and re.match(r"delegates?\b", follow) is not None


# Where one reported clause may end and the next attribution begin: "X said A, and Y said B",
# "While X pledged A, Y insisted B", "X said A; Y said B", "X said A but Y said B".
_BOUNDARY = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas|although|though|as|which|who|whom)?|\s(?:and|but|while|whereas|even\s+as|even\s+though|although))\s*$"
)


def _indirect_all(text: str, lo: int, hi: int, depth: int = 0) -> list[Quote]:
    """Every indirect attribution in [lo, hi): the first found by :func:`_indirect`, its content
    cut where a second attribution starts after a clause boundary, and so on. A cue inside the
    content without such a boundary ("he said she thinks ...") is nested speech and stays
    inside the outer content, as PolNeAR annotates it."""
    q = _indirect(text, lo, hi)
    if q is None:
        return []
    if q.cue is not None and q.end > q.cue[1]:
        # "X insists that A, according to his interview": the source is named twice; the
        # trailing "according to" phrase is not part of what was said.
        acc = re.search(r",\s+according to\b", text[q.start:q.end])
        if acc is not None and len(_WORD.findall(text, q.start, q.start + acc.start())) >= 3:
            q = Quote(q.start, q.start + acc.start(), q.kind, q.cue, q.speaker)
    return _split(text, q, hi, depth)



def _split_second(text: str, q: Quote, cue: re.Match, b: re.Match | None, hi: int, min_before: int,
                  out: list[Quote]) -> bool:
    """Cut ``q`` (``out[0]``) at the joiner ``b`` when a second attribution by the same speaker
    starts at ``cue``; True when it did."""
    if b is None or len(_WORD.findall(text, q.start, q.start + b.start())) < min_before:
        return False
    start = _content_after_cue(text, cue, hi)
    end = _trim_end(text, start, q.end)
    if len(_WORD.findall(text, start, end)) < 3:
        return False
    out[0] = Quote(q.start, _trim_end(text, q.start, q.start + b.start()), q.kind, q.cue, q.speaker)
    out.append(Quote(start, end, "indirect", cue.span(), q.speaker))
    return True

def _split(text: str, q: Quote, hi: int, depth: int = 0) -> list[Quote]:
    """``q`` and the attributions that start inside its content (see :func:`_indirect_all`)."""
    out = [q]
    if depth > 6:
        return out
    if q.cue is not None and q.speaker is not None and q.end <= q.speaker[0]:
        # "A, the diplomat said, adding that B": the participle reports B by the same speaker.
        after = max(q.cue[1], q.speaker[1])
        m = re.match(r"\s*,\s*(?:and\s+)?", text[after:hi])
        cue = _CUE.match(text, after + m.end()) if m else None
        if cue is not None and _not_a_cue(text, cue.start(), hi):
            cue = None
        if cue is not None and cue.group().endswith("ing"):
            start = _content_after_cue(text, cue, hi)
            end = _trim_end(text, start, hi)
            if len(_WORD.findall(text, start, end)) >= 3:
                out.append(Quote(start, end, "indirect", cue.span(), q.speaker))
        return out
    for cue in _CUE.finditer(text, q.start, q.end):
        if _not_a_cue(text, cue.start(), q.end):
            continue
        sp = _speaker_before(text, q.start, cue.start())
        if sp is None and q.speaker is not None and not cue.group().endswith("ing"):
            # "X says A but argues that B": a second verb of the same subject.
            b = re.search(r"(?:,\s*|\s)(?:but|and|yet)\s+(?:(?:in|at|on|during|after|when)\s+(?:an?|the|his|her|their|its)\s+"
                          r"(?:[\w’'-]+\s+){0,3}?[\w’'-]+,?\s+)?(?:also\s+|then\s+|later\s+)?$", text[q.start:cue.start()])
            if _split_second(text, q, cue, b, hi, 1, out):
                break
            continue
        if sp is None and cue.group().endswith("ing") and q.speaker is not None:
            # "X said A, adding that B": the participle starts a second attribution by X.
            b = re.search(r",\s*(?:and\s+)?$", text[q.start:cue.start()])
            if _split_second(text, q, cue, b, hi, 3, out):
                break
            continue
        if sp is None or sp[0] <= q.start:
            continue
        b = _BOUNDARY.search(text, q.start, sp[0])
        if b is None or len(_WORD.findall(text, q.start, b.start())) < 3:
            continue
        if re.match(r"\s*,", text[cue.end():hi]):
            continue  # ", Y said," parenthetical inside the clause
        rest = _indirect_all(text, sp[0], hi, depth + 1)
        if not rest:
            continue
        end = _trim_end(text, q.start, b.start())
        out[0] = Quote(q.start, end, q.kind, q.cue, q.speaker)
        out.extend(r for r in rest if r.start >= sp[0])
        break
    return out


# Words that open a headline's tag, not a speaker's name: "Breaking: ...", "LOOK: ...".
_NOT_COLON_SPEAKERS = frozenset(
    """update note editor photo source related watch read video click image getty breaking
    revealed exclusive look listen wow shocking analysis opinion live alert busted boom just
    flashback latest notice correction bombshell ouch yikes whoa omg shocker huge unbelievable
    incredible amazing awesome""".split()
)
def _is_tag(words: str) -> bool:
    """Whether the words before a line's colon tag it ("The Latest", "Just Leaked") rather
    than name a speaker ("Clinton")."""
    return any(w.lower() in _NOT_COLON_SPEAKERS for w in words.split())


# "Clinton: I support D.C. statehood" -- a headline or transcript line naming its speaker.
_COLON_LINE = re.compile(
    r"((?:[A-Z][\w’'.-]*|of|the|and)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and)){0,4}):[ \t\xa0]+(?=\S)"
)


def _according_tail(text: str, m: re.Match, hi: int) -> bool:
    """Whether ``m`` ("according to") opens a trailing source other than the clause's own
    subject: ``The council declined to renew the lease, according to two officials.`` Then
    the clause before it, with an attitude or an act in it, is that source's report, as
    PolNeAR annotates it (a verb of saying before it keeps its own speaker, and a pronoun
    after it, "according to him", points back to one)."""
    return bool(re.search(r",\s*$", text[:m.start()])) and not re.match(
        r"(?:his|her|their|its|him|them|he|she|they)\b", text[m.end():hi])


def _tail_attribution(text: str, lo: int, hi: int) -> Quote | None:
    """``A, X said.`` / ``A, said X.`` / ``A, the campaign told Reuters.`` closing the
    sentence [lo, hi): the whole clause before it is X's statement, with any verb of
    attitude or saying inside it ("He promised to run, Berg said") as nested speech, which is
    reported once, at its outer level. Only a verb of saying whose speaker (and, for "told",
    hearer) ends the sentence."""
    cues = [c for c in _CUE.finditer(text, lo, hi) if c.group() in lex.SPEECH_CUES]
    if not cues:
        return None
    cue = cues[-1]
    if _not_a_cue(text, cue.start(), hi) or cue.group().endswith("ing"):
        return None
    rest = text[cue.end():hi]
    sp = _speaker_before(text, lo, cue.start())
    if sp is not None:
        head_end = sp[0]
        ends = re.fullmatch(r"(?:\s+(?:[A-Z][\w’'.!-]*(?:\s+[A-Z][\w’'.!-]*){0,3}|reporters|him|her|them))?"
                            r"(?:\s+(?:on|in|at|late|last|this|earlier|later)\b[^,;:\"“”]{0,40})?\s*[.!?]?[\"”’']*\s*",
                            rest) if cue.group() in lex.OBJECT_CUES else re.fullmatch(
                            r"(?:\s+(?:on|in|at|late|last|this|earlier|later|during|after|Monday|Tuesday|Wednesday|"
                            r"Thursday|Friday|Saturday|Sunday|yesterday|today)\b[^,;:\"“”]{0,40})?\s*[.!?]?[\"”’']*\s*", rest)
    else:
        if not re.search(r",\s*$", text[lo:cue.start()]):
            return None
        sp = _speaker_after(text, cue.end(), hi)
        if sp is None:
            return None
        head_end = cue.start()
        ends = re.fullmatch(r"\s*[.!?]?[\"”’']*\s*", text[sp[1]:hi])
    if not ends or not re.search(r",\s*$", text[lo:head_end]) or len(_WORD.findall(text, lo, head_end)) < 4:
        return None
    if _adverbial(text, lo, head_end):
        return None  # "As the vote neared, Lund said.": a clause of time, not what was said
    if _MARK.search(text, lo, head_end):
        return None  # a quotation: the rules for quotations read it
    c_end = _trim_end(text, lo, head_end)
    return Quote(_trim_start(text, lo, c_end), c_end, "indirect", cue.span(), sp)


# A subordinate clause opening a sentence: "As the speech went on, ...", "When the vote came, ...".
_SUBORDINATE = re.compile(
    r"\s*[\"“”']*\s*(?:As|When|While|After|Before|Since|If|Although|Though|Because|Once|Until|Whenever)\s")


def _adverbial(text: str, lo: int, hi: int) -> bool:
    """Whether [lo, hi), the words before a speaker, is one subordinate clause and its comma
    ("As the speech went on, "): a clause of time or reason, not a reported statement ("If
    A, B, " is one)."""
    return _SUBORDINATE.match(text, lo, hi) is not None and text.count(",", lo, hi) == 1


def _indirect(text: str, lo: int, hi: int) -> Quote | None:
    """Indirect speech in the sentence [lo, hi), or None."""
    end = _trim_end(text, lo, hi)
    a = re.match(r"\s*(Asked)\s+(?=(?:whether|if|about|what|how|why|who|when|to)\b)", text[lo:hi])
    if a is not None and len(_WORD.findall(text, lo + a.end(), end)) >= 3:
        # "Asked whether he would run, Smith said ...": the question put to an unnamed subject.
        return Quote(lo + a.end(), end, "indirect", (lo + a.start(1), lo + a.end(1)), None)
    line_start = lo == 0 or text[lo - 1] == "\n"
    c = _COLON_LINE.match(text, lo, hi) if line_start else None
    if c is not None and c.group(1)[0].isupper() and len(c.group(1)) > 1 and len(_WORD.findall(text, c.end(), end)) >= 3:
        first = c.group(1).split()[0]
        if first.lower() not in lex.STOP and not _is_tag(c.group(1)):
            return Quote(c.end(), end, "indirect", (c.end(1), c.end(1) + 1), c.span(1))
    m = _ACCORDING.search(text, lo, hi)
    inner = _first_cue(text, lo, m.start()) if m is not None else None
    if inner is not None and (inner[0].group() in lex.SPEECH_CUES or not _according_tail(text, m, hi)):
        m = None  # "X insists that A, according to his interview": X's cue is the attribution
    if m is not None:
        sp = _speaker_after(text, m.end(), hi)
        if sp is not None:
            rel = re.match(r",\s+(?:which|who|whose)\s[^,]{2,80}(?=,)", text[sp[1]:hi])
            if rel:  # "According to the ministry, which hosted the talks, ..."
                sp = (sp[0], sp[1] + rel.end())
            if m.start(1) <= _trim_start(text, lo, hi) + 0:
                after = re.match(r"\s*,\s*", text[sp[1]:hi])
                longer = re.match(r"[^,;:.\"“”]{1,150}?,\s*", text[sp[1]:hi]) if after is None else None
                if longer is not None:
                    # "According to early results of exit polls conducted for the networks, ..."
                    sp = (sp[0], _trim_end(text, sp[1], sp[1] + longer.end()))
                    after = re.match(r"\s*,\s*", text[sp[1]:hi])
                if after:
                    start = sp[1] + after.end()
                    if len(_WORD.findall(text, start, end)) >= 3:
                        return Quote(start, end, "indirect", m.span(1), sp)
            else:
                # "However, according to X, ..." or "..., according to X."
                before = _trim_end(text, lo, m.start(1))
                after = re.match(r"\s*,\s*", text[sp[1]:hi])
                if len(_WORD.findall(text, lo, before)) >= 4 and "," in text[before:m.start(1)]:
                    # "CONTENT, according to X, who ..." -- what follows X describes X.
                    return Quote(_trim_start(text, lo, before), before, "indirect", m.span(1), sp)
                if after and len(_WORD.findall(text, sp[1], end)) >= 3:
                    return Quote(sp[1] + after.end(), end, "indirect", m.span(1), sp)
                tail = re.match(r"\s*([.,;]|$)", text[sp[1]:hi])
                if tail and len(_WORD.findall(text, lo, before)) >= 3:
                    return Quote(_trim_start(text, lo, before), before, "indirect", m.span(1), sp)
    by = _AS_BY.search(text, lo, hi)
    if by is not None:
        # "As reported by the Daily Star, the mill will close" / "..., as first reported by X."
        sp = _speaker_after(text, by.end(), hi)
        if sp is not None:
            after = re.match(r"\s*,\s*", text[sp[1]:hi])
            before = _trim_end(text, lo, by.start())
            if by.start() <= _trim_start(text, lo, hi) and after is not None:
                start = sp[1] + after.end()
                if len(_WORD.findall(text, start, end)) >= 3:
                    return Quote(start, end, "indirect", by.span(1), sp)
            elif re.match(r"\s*(?:[.;]|$)", text[sp[1]:hi]) and "," in text[before:by.start()] \
                    and len(_WORD.findall(text, lo, before)) >= 3:
                return Quote(_trim_start(text, lo, before), before, "indirect", by.span(1), sp)
    op = _OPINION.search(text, lo, hi)
    if op is not None:
        sp = op.span(2) if op.group(2) else op.span(3)
        after = re.match(r"\s*,\s*", text[op.end():hi])
        if after:
            start = op.end() + after.end()
            return Quote(start, end, "indirect", (op.start(1), op.end()), sp)
    tail = _tail_attribution(text, lo, hi)
    if tail is not None:
        return tail
    # Speech verbs before attitude verbs: "xenophobic attacks on X, Y said" is Y's statement.
    for cue in sorted(_CUE.finditer(text, lo, hi), key=lambda c: (c.group() not in lex.SPEECH_CUES, c.start())):
        if _not_a_cue(text, cue.start(), hi):
            continue
        sp = _speaker_before(text, lo, cue.start())
        if sp is None:
            # Inverted tail: "..., said the minister." / "..., declared X, after ..."
            if re.search(r",\s*$", text[lo:cue.start()]) and len(_WORD.findall(text, lo, cue.start())) >= 4:
                sp2 = _speaker_after(text, cue.end(), hi)
                if sp2 is not None and re.match(r"\s*([.,;]|$)", text[sp2[1]:hi]):
                    c_end = _trim_end(text, lo, cue.start())
                    return Quote(_trim_start(text, lo, c_end), c_end, "indirect", cue.span(), sp2)
            continue
        head = text[lo:sp[0]]
        if re.search(r",\s*$", head) and len(_WORD.findall(text, lo, sp[0])) >= 4 and not _adverbial(text, lo, sp[0]):
            # (not "As the speech went on, Lund railed at ...": a clause of time or reason
            # before the speaker is no reported statement, "If A, B, Lund said" is)
            # "..., he said." / "..., the diplomat said, adding ..."
            if re.match(_TAIL_FOLLOW, text[cue.end():hi]):
                c_end = _trim_end(text, lo, sp[0])
                return Quote(_trim_start(text, lo, c_end), c_end, "indirect", cue.span(), sp)
            # else an opening phrase: "On the same day, Blinken said that ..."
        as_m = re.match(r"\s*As\s*$", head)
        if as_m:
            after = re.match(r"\s*,\s*", text[cue.end():hi])
            if after:
                return Quote(cue.end() + after.end(), end, "indirect", cue.span(), sp)
            continue
        if _WORD.search(head) and not re.match(
            r"\s*(?:[A-Z][\w’'-]*\s+){0,6}?(?:[\w’'-]+\s+){0,4}?[\w’'-]+\s*,\s*$", head
        ) and not re.search(r"(?:^|[,;:])\s*$", head):
            pass
        refusal = _REFUSAL.match(text, cue.end(), hi) if cue.group() in ("declined", "declines", "refused", "refuses") else None
        negation = _NEGATION.search(text, sp[1], cue.start())
        if refusal is not None or (negation is not None and cue.group().lower() in _SAYING):
            continue  # "declined to say how many ...", "did not say when ...": nothing was said
        start = _content_after_cue(text, cue, hi)
        follow = text[start:end]
        if re.match(r"(?:(?:this|it|so)\b\s*(?:$|[.,;]|in|on|at|to|after|during|with)\b|that\s*(?:$|[.,;]))", follow):
            continue
        if len(_WORD.findall(follow)) < 3 or _not_a_report(text, sp, cue, follow):
            continue
        if text[sp[0]:sp[1]].lower() in ("who", "which") and re.search(r",\s*$", text[lo:sp[0]]):
            # "Markov, who has defended the dam since May, struck a softer tone": the relative
            # clause closes at its comma, and what follows is the narrator's.
            comma = text.find(",", start, end)
            if comma > start and len(_WORD.findall(text, start, comma)) >= 2:
                end = _trim_end(text, start, comma)
        if cue.group() not in lex.SPEECH_CUES:
            # An attitude ("does not expect a breakthrough from the meeting, which will be
            # held on Friday") covers its own clause; what follows a comma is the narrator's.
            comma = re.search(r",\s+(?:which|who|where|when|whose)\b", text[start:end])
            if comma is not None and len(_WORD.findall(text, start, start + comma.start())) >= 2:
                end = _trim_end(text, start, start + comma.start())
        # "does not expect ...": the negation belongs to the cue, or the content's polarity is lost
        c_start = negation.start() if negation is not None else cue.start()
        return Quote(start, end, "indirect", (c_start, cue.end()), sp)
    subj = _clause_subject(text, lo, hi)
    if subj is not None:
        # "She cut the debt in half, but said she could not repay it": the sentence's subject
        # is the speaker of a verb joined by "and"/"but".
        for cue in _CUE.finditer(text, subj[1], hi):
            joined = re.search(r"(?:,\s*|\s)(?:but|and)\s+(?:also\s+|then\s+|later\s+)?$", text[subj[1]:cue.start()])
            # "She compared him to X, saying ...": a participle after the subject's own clause.
            participle = cue.group().endswith("ing") and re.search(r",\s*$", text[subj[1]:cue.start()])
            if cue.group() not in lex.SPEECH_CUES or not (joined or participle):
                continue
            start = _content_after_cue(text, cue, hi)
            if len(_WORD.findall(text, start, end)) >= 3:
                return Quote(start, end, "indirect", cue.span(), subj)
    n = _NOMINAL.search(text, lo, hi)
    if n is not None:
        # "Trump's claim that ...", "his warning that ...": the noun is the cue.
        c_end = _clause_end(text, n.end(), end)
        if len(_WORD.findall(text, n.start("that"), c_end)) >= 4:
            return Quote(n.start("that"), c_end, "indirect", n.span("cue"), n.span("who"))
    return None


# A negation between a speaker and its cue ("does not expect", "has never said", "didn't say",
# "cannot see").
_NEGATION = re.compile(
    r"\b(?:(?:do|does|did|has|have|had|is|are|was|were|would|will|could|can|should|may|might)\s+)?"
    r"(?:(?:also|still|yet|so\s+far)\s+)?(?:not|never)\b|\b[A-Za-z]+n[’']t\b|\bcannot\b"
)
# Verbs of saying that, negated, report nothing ("did not say when the bridge reopens").
_SAYING = frozenset(
    """say says said comment comments commented tell tells told disclose disclosed reveal
    revealed specify specified explain explained confirm confirmed elaborate elaborated""".split()
)
# "declined to say how many ...": a refusal to speak is not a statement.
_REFUSAL = re.compile(
    r"\s+to\s+(?:say|comment|disclose|reveal|specify|elaborate|discuss|confirm|answer|identify|"
    r"name|speculate|give|provide|explain|respond|talk)\b"
)


_NOMINAL = re.compile(
    r"(?P<who>\b(?:his|her|their|its|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s?))\s+(?:[a-z]+\s+)?"
    r"(?P<cue>claims?|statement|assertion|argument|belief|view|contention|suggestion|insistence|warning|"
    r"promise|pledge|allegation|accusation|charge|prediction|remark|comments?|admission|denial|assurance)"
    r"(?:\s+(?:on|in|at|last|this)\s+[\w-]+)?,?\s+(?P<that>that\b)"
)


def _clause_end(text: str, start: int, end: int) -> int:
    """End of a reported clause in a noun phrase: the sentence end, or the comma, dash or
    parenthesis that closes it."""
    m = re.search(r"\s+[—–(]|,\s+(?!(?:and|or)\b)(?=[a-z]+\s+(?:is|was|has|had|have|are|were|will|would)\b)", text[start:end])
    return _trim_end(text, start, start + m.start() if m else end)


class QuoteStage(Stage):
    """Adds :class:`~parallax.model.Quote` records to each article (see :func:`find_quotes`)."""

    name = "quotes"
    reads = ("text", "sentences", "mentions")
    writes = ("quotes",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        out = []
        for a in articles:
            try:
                quotes = find_quotes(a.text, a.sentences, a.mentions)
            except Exception:  # a bug in one heuristic must not drop the batch
                log.exception("quote extraction failed for article %s", a.id)
                quotes = []
            out.append(a.evolve(quotes=tuple(quotes)))
        return out
