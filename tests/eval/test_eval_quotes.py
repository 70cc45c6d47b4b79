"""The PolNeAR quote scorer on a tiny hand-written BRAT split (invented text)."""

import json

import pytest

from parallax.errors import ParallaxError
from parallax.eval.quotes import evaluate, read_brat

TEXT = (
    "“The bridge is safe,” the engineer said.\n"
    "The mayor said that repairs would start in May.\n"
    "Residents fear the road will stay closed.\n"
)


def _offsets(text, needle, start=0):
    i = text.index(needle, start)
    return i, i + len(needle)


def _ann(text):
    """Three gold attributions: a direct quote, an indirect one, and one (with a cue the
    extractor does not know) that it must miss."""
    rows = []
    t = 0
    e = 0

    def add(content, cue, source):
        nonlocal t, e
        ids = []
        at = text.rfind("\n", 0, text.index(source)) + 1  # roles are looked up in the source's line
        for label, needle in (("Content", content), ("Cue", cue), ("Source", source)):
            t += 1
            a, b = _offsets(text, needle, at)
            rows.append(f"T{t}\t{label} {a} {b}\t{needle}")
            ids.append(f"{label}:T{t}")
        t += 1
        a, b = _offsets(text, cue, at)
        rows.append(f"T{t}\tAttribution {a} {b}\t{cue}")
        e += 1
        rows.append(f"E{e}\tAttribution:T{t} " + " ".join(ids))

    add("“The bridge is safe,”", "said", "the engineer")
    add("that repairs would start in May", "said", "The mayor")
    add("the road will stay closed", "fear", "Residents")
    return "\n".join(rows) + "\n"


@pytest.fixture
def split(tmp_path):
    ann = _ann(TEXT)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "demo_article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "demo_article_ab12.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_read_brat_joins_roles_by_event(split):
    gold = read_brat((split / "attributions" / "demo_article_ab12.ann").read_text())
    assert len(gold) == 3
    texts = [(TEXT[g.content[0][0]:g.content[0][1]], TEXT[g.cue[0][0]:g.cue[0][1]],
              TEXT[g.source[0][0]:g.source[0][1]]) for g in gold]
    assert texts[1] == ("that repairs would start in May", "said", "The mayor")
    assert TEXT.index("mayor") < gold[1].cue[0][0]


def test_read_brat_discontinuous_and_missing_content():
    ann = ("T1\tContent 0 5;10 15\tabcde fghij\nT2\tCue 6 9\tsay\nT3\tAttribution 6 9\tsay\n"
           "E1\tAttribution:T3 Content:T1 Cue:T2\n"
           "T4\tCue 20 24\tsaid\nT5\tAttribution 20 24\tsaid\nE2\tAttribution:T5 Cue:T4\n")
    gold = read_brat(ann)
    assert len(gold) == 1  # an attribution without content is not scored
    assert gold[0].content == [(0, 5), (10, 15)]
    assert gold[0].source == []


def test_scores_two_of_three(split):
    lines, fig = evaluate(split)
    assert fig["articles"] == 1
    # Two gold contents found, the belief verb "fear" with a plain subject may or may not be
    # found; whatever is predicted must be right (no false positives in this text).
    assert fig["content_overlap_precision"] == 1.0
    assert fig["content_overlap_recall"] >= 2 / 3
    assert fig["speaker_accuracy"] == 1.0
    assert fig["speaker_n"] >= 2
    # Exact matching ignores the quote marks and punctuation PolNeAR keeps in a direct content.
    assert fig["content_exact_recall"] >= 2 / 3
    assert json.loads(json.dumps(fig)) == fig
    assert lines[0].startswith("PolNeAR quotes:")


def test_missing_gold_lowers_recall_not_precision(split):
    ann = split / "attributions" / "demo_article_ab12.ann"
    extra = ("T90\tContent 0 3\tThe\nT91\tCue 4 5\tx\nT92\tAttribution 4 5\tx\n"
             "E90\tAttribution:T92 Content:T90 Cue:T91\n")
    ann.write_text(ann.read_text() + extra)
    _, fig = evaluate(split)
    assert fig["content_overlap_precision"] == 1.0
    assert fig["content_overlap_recall"] <= 3 / 4


def test_wrong_speaker_counts_against_speaker_accuracy(tmp_path):
    text = "“The bridge is safe,” the engineer said.\n"
    a, b = _offsets(text, "“The bridge is safe,”")
    c, d = _offsets(text, "said")
    ann = (f"T1\tContent {a} {b}\tx\nT2\tCue {c} {d}\tsaid\nT3\tSource 0 4\tx\n"
           f"T4\tAttribution {c} {d}\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "x.txt").write_text(text)
    (tmp_path / "attributions" / "x_ab12.ann").write_text(ann)
    _, fig = evaluate(tmp_path)
    assert fig["content_overlap_f1"] == 1.0
    assert fig["speaker_accuracy"] == 0.0  # gold source is the opening words, not "the engineer"


def test_not_a_split_folder(tmp_path):
    with pytest.raises(ParallaxError, match="text/"):
        evaluate(tmp_path)


def test_equal_overlaps_match_the_closest_extent():
    from parallax.eval.quotes import _match

    pred = [frozenset({3, 4, 5})]
    outer = frozenset(range(0, 12))  # an attribution whose content holds a nested one
    nested = frozenset({3, 4, 5, 6})
    assert _match(pred, [outer, nested], exact=False) == [(0, 1)]
    assert _match(pred, [nested, outer], exact=False) == [(0, 0)]


def test_a_larger_overlap_still_wins_over_a_closer_extent():
    from parallax.eval.quotes import _match

    pred = [frozenset({3, 4, 5, 6, 7})]
    assert _match(pred, [frozenset({3, 4}), frozenset(range(0, 20))], exact=False) == [(0, 1)]


def test_breakdown_leaves_out_attributions_on_an_event(split):
    """An attribution PolNeAR annotates on an act ("voted for") is missed by design; the
    breakdown scores the others apart, and the headline figures still count it."""
    text = TEXT + "The council voted for a new bridge.\n"
    (split / "text" / "demo_article.txt").write_text(text, encoding="utf-8")
    ann = split / "attributions" / "demo_article_ab12.ann"
    a, b = _offsets(text, "a new bridge")
    c, d = _offsets(text, "voted for")
    s0, s1 = _offsets(text, "The council")
    ann.write_text(ann.read_text() + (
        f"T80\tContent {a} {b}\tx\nT81\tCue {c} {d}\tx\nT82\tSource {s0} {s1}\tx\n"
        f"T83\tAttribution {c} {d}\tx\nE80\tAttribution:T83 Content:T80 Cue:T81 Source:T82\n"))
    _, fig = evaluate(split)
    assert fig["reporting_cue_gold_share"] == 0.75
    assert fig["content_overlap_recall"] <= 3 / 4
    assert fig["reporting_cue_content_overlap_recall"] >= 2 / 3
    assert fig["reporting_cue_content_overlap_recall"] > fig["content_overlap_recall"]
