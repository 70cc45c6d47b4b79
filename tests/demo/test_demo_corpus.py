"""The demo corpus through the whole flow: its stories exactly, its planted difficulties found."""

import json
from pathlib import Path

import pytest

import parallax
from parallax.demo import corpus_dir
from parallax.ingest import read_paths
from parallax.model import Rejection
from parallax.present import render_markdown

EXPECTED = json.loads((Path(parallax.__file__).parent / "demo" / "expected.json").read_text())


@pytest.fixture(scope="module")
def report():
    return parallax.report(parallax.analyze([corpus_dir()]))


def test_every_file_reads_without_rejection():
    items = list(read_paths([corpus_dir()]))
    assert not [i for i in items if isinstance(i, Rejection)]
    assert len(items) == sum(len(s) for s in EXPECTED["stories"])


def test_stories_exactly(report):
    got = sorted(sorted(s["articles"]) for s in report["stories"])
    assert got == sorted(sorted(s) for s in EXPECTED["stories"])


def test_dates_and_their_provenance(report):
    by = {a["id"]: a for a in report["articles"]}
    for aid, (value, origin) in EXPECTED["published"].items():
        assert (by[aid]["published"], by[aid]["published_from"]) == (value, origin), aid


def test_furniture_and_captions_removed_not_lost(report):
    by = {a["id"]: a for a in report["articles"]}
    for aid, lines in EXPECTED["furniture"].items():
        for line in lines:
            assert line not in by[aid]["text"] and line in by[aid]["removed"]
    for aid, caption in EXPECTED["caption"].items():
        assert caption not in by[aid]["text"] and caption in by[aid]["removed"]


def test_name_variants_are_one_entity(report):
    story = max(report["stories"], key=lambda s: len(s["articles"]))
    for names in EXPECTED["same_entity"]:
        holders = [e for e in story["entities"] if set(names) & set(e["aliases"] + [e["name"]])]
        assert len(holders) == 1, names
        assert set(names) <= set(holders[0]["aliases"]) | {holders[0]["name"]}


def test_planted_conflicts_found_and_no_false_alarm(report):
    story = max(report["stories"], key=lambda s: len(s["articles"]))
    cross = [d for d in story["discrepancies"] if len({c["article"] for c in d["claims"]}) > 1]
    for want in EXPECTED["conflicts"]:
        match = [d for d in cross if d["kind"] == want["kind"]
                 and set(want["values"]) <= {c["value"] for c in d["claims"]}]
        assert match, want
        odd = [c["article"] for c in match[0]["claims"] if c["value"] == want["values"][1]]
        assert odd == [want["odd_one_out"]]
    assert len(cross) == len(EXPECTED["conflicts"])
    weekday = [d for d in story["discrepancies"] if "Friday" in d["explanation"] and "Monday" in d["explanation"]]
    assert weekday and weekday[0]["claims"][0]["article"] == EXPECTED["weekday_mismatch"]["article"]


def test_quote_in_two_translations_is_aligned(report):
    story = max(report["stories"], key=lambda s: len(s["articles"]))
    want = EXPECTED["aligned_quote"]
    quotes = {q["id"]: q for q in story["quotes"]}
    hits = [q for q in story["quotes"] if q["article"] == want["articles"][0] and q["speaker"] == want["speaker"]
            and {quotes[o]["article"] for o in q["aligned_with"]} >= set(want["articles"][1:])]
    assert hits


def test_a_joint_agreement_is_both_ministers(report):
    """The two ministers agreed together: the quote names both, and no single one of them."""
    story = max(report["stories"], key=lambda s: len(s["articles"]))
    want = EXPECTED["joint_speaker"]
    names = {e["id"]: e["name"] for e in story["entities"]}
    hits = [q for q in story["quotes"] if q["article"] == want["article"] and q["cue"] == want["cue"]]
    assert hits
    assert [names[e] for e in hits[0]["speaker_entities"]] == want["speakers"]
    assert hits[0]["speaker_entity"] is None and hits[0]["speaker"] == " and ".join(want["speakers"])


def test_twin_events_of_one_kind_are_two_stories(report):
    got = {frozenset(s["articles"]) for s in report["stories"]}
    for twin in EXPECTED["twin_events"]["stories"]:
        assert frozenset(twin) in got


def test_a_dateline_without_a_year_takes_it_from_the_story(report):
    want = EXPECTED["inferred_dates"]
    by_article = {aid: s for s in report["stories"] for aid in s["articles"]}
    for aid, day in want["published"].items():
        inferred = {d["article"]: d for d in by_article[aid]["inferred_dates"]}
        assert inferred[aid]["date"] == day
        assert "no year" in inferred[aid]["reason"]
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for aid, phrase, day in want["resolved"]:
        entries = [t for t in by_article[aid]["timeline"] if t["date"] == day]
        assert any(phrase in texts[aid][e["start"]:e["end"]] for t in entries for e in t["sources"]
                   if e["article"] == aid), (aid, phrase, day)
    brief = render_markdown(report)
    assert f"{want['published']['nordpress-klaipeda-fire']} (year inferred)" in brief
