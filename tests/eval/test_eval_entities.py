"""Entity-resolution evaluation: the coreference metrics on hand-checked cases, the MEANTIME
reader on a small invented CAT document, and the real figures when ../shared/data exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.eval.entities import align, b_cubed, ceaf_e, evaluate, muc, read_corpora, score

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "meantime" / "intra_cross-doc_annotation"

KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d", "e"}]


def test_muc_by_hand():
    p, r, f = muc(KEY, RESPONSE)
    assert (p, r) == pytest.approx((2 / 3, 2 / 3))


def test_b_cubed_by_hand():
    p, r, f = b_cubed(KEY, RESPONSE)
    assert (p, r) == pytest.approx((11 / 15, 11 / 15))


def test_ceaf_e_by_hand():
    # Best alignment: {a,b,c}-{a,b} (phi 0.8) and {d,e}-{c,d,e} (phi 0.8).
    p, r, f = ceaf_e(KEY, RESPONSE)
    assert (p, r) == pytest.approx((0.8, 0.8))


def test_perfect_and_merged_everything():
    gold = {"a": 1, "b": 1, "c": 2}
    assert score(gold, dict(gold))["conll_f1"] == pytest.approx(1.0)
    merged = score(gold, {"a": 0, "b": 0, "c": 0})
    assert merged["b3_r"] == pytest.approx(1.0) and merged["b3_p"] < 1.0


def test_align_needs_overlap_with_most_of_the_prediction():
    gold = [("d", 0, 20), ("d", 25, 30)]
    # Inside a longer gold mention: matched; mostly outside: not; one gold each.
    got = align([("d", 10, 20), ("d", 18, 40), ("d", 26, 30), ("x", 0, 5)], gold)
    assert got == {("d", 10, 20): ("d", 0, 20), ("d", 26, 30): ("d", 25, 30)}


CAT = """<?xml version="1.0" ?><Document doc_id="{doc}" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Gramold</token>
<token number="1" sentence="0" t_id="2">Aviation</token>
<token number="2" sentence="0" t_id="3">hired</token>
<token number="3" sentence="0" t_id="4">{person}</token>
<token number="4" sentence="0" t_id="5">.</token>
<token number="5" sentence="1" t_id="6">It</token>
<token number="6" sentence="1" t_id="7">grew</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="ORG" instance_id="ORG1"/>
<ENTITY m_id="11" ent_type="PER"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
</Relations>
</Document>
"""


@pytest.fixture
def tiny_corpus(tmp_path):
    folder = tmp_path / "corpus_tiny"
    folder.mkdir()
    (folder / "1_a.xml").write_text(CAT.format(doc="1", person="Berg"), encoding="utf-8")
    (folder / "2_b.xml").write_text(CAT.format(doc="2", person="Lenz"), encoding="utf-8")
    return tmp_path


def test_reader_rebuilds_text_and_clusters(tiny_corpus):
    (docs,) = read_corpora(tiny_corpus).values()
    first = docs[0]
    assert first.article.text == "Gramold Aviation hired Berg.\nIt grew"
    spans = {first.article.text[s:e]: c for (_, s, e), c in first.mentions.items()}
    # Cross-document instance for the company; the person has none, so stays local to its doc.
    assert spans == {"Gramold Aviation": "ORG1", "It": "ORG1", "Berg": "1:11"}
    assert {first.article.text[s:e] for _, s, e in first.names} == {"Gramold Aviation", "Berg"}


def test_gold_mentions_evaluation_on_invented_corpus(tiny_corpus):
    lines, metrics = evaluate(tiny_corpus, gold_mentions=True)
    # Four name mentions out of six gold ones; the two companies are one, the people two.
    assert metrics["mention_recall"] == pytest.approx(4 / 6)
    assert metrics["name_mention_recall"] == pytest.approx(1.0)
    assert metrics["b3_f1"] == pytest.approx(1.0)
    assert "tiny" in metrics["corpora"] and any("tiny" in line for line in lines)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no MEANTIME"):
        evaluate(tmp_path)


@pytest.mark.data
def test_meantime_resolution_with_gold_mentions():
    if not DATA.is_dir():
        pytest.skip(f"MEANTIME not found at {DATA}")
    lines, metrics = evaluate(DATA, gold_mentions=True)
    assert set(metrics["corpora"]) == {"airbus", "apple"}
    # The goal: cross-document B3 F1 of at least 0.75 on each corpus.
    for name, m in metrics["corpora"].items():
        assert m["b3_f1"] >= 0.75, (name, lines)


@pytest.mark.data
def test_meantime_end_to_end_runs():
    if not DATA.is_dir():
        pytest.skip(f"MEANTIME not found at {DATA}")
    from parallax.analyze import entities as ner

    missing = getattr(ner, "NERModelMissing", ())
    try:
        lines, metrics = evaluate(DATA)
    except missing as exc:  # the recogniser's model is trained separately
        pytest.skip(f"no NER model: {exc}")
    assert {"b3_f1", "conll_f1", "mention_recall"} <= set(metrics)
    assert 0.0 <= metrics["mention_recall"] <= 1.0
