"""NER evaluation: reading CoNLL files, entity-level scoring, and the score on the dev split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from parallax.errors import InputError
from parallax.eval import ner
from parallax.eval.ner import evaluate, gold_entities, read_conll

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "conll2003"


@pytest.mark.parametrize(
    "tags, expected",
    [
        (["B-PER", "I-PER", "O"], {(0, 2, "PER")}),
        (["I-LOC", "B-LOC", "I-LOC"], {(0, 1, "LOC"), (1, 3, "LOC")}),
        (["I-ORG", "I-MISC"], {(0, 1, "ORG"), (1, 2, "MISC")}),
        (["O"], set()),
    ],
)
def test_gold_entities(tags, expected):
    assert gold_entities(tags) == expected


def test_score_counts_exact_matches():
    s = ner.score(Counter(PER=4, LOC=1), Counter(PER=2, ORG=2), Counter(PER=2))
    assert s["precision"] == 0.5
    assert s["recall"] == 0.4
    assert s["f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9, abs=1e-4)
    assert s["per_type"]["PER"]["precision"] == 1.0
    assert s["per_type"]["ORG"]["f1"] == 0.0


def test_read_conll_skips_docstart_and_splits_sentences(tmp_path):
    f = tmp_path / "x.conllu"
    f.write_text("0\t-DOCSTART-\tO\n\n0\tAnna\tB-PER\n1\tran\tO\n\n0\tOslo\tB-LOC\n")
    assert read_conll(f) == [(["Anna", "ran"], ["B-PER", "O"]), (["Oslo"], ["B-LOC"])]


def test_read_conll_bad_input(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_conll(tmp_path / "missing.conllu")
    bad = tmp_path / "bad.conllu"
    bad.write_text("just-one-column\n")
    with pytest.raises(InputError, match="line 1"):
        read_conll(bad)


def _model_or_skip():
    from parallax.analyze import entities

    try:
        entities._load()
    except entities.NERModelMissing as exc:
        pytest.skip(str(exc))


def test_evaluate_invented_file(tmp_path):
    _model_or_skip()
    rows = [("Greta", "B-PER"), ("Lind", "I-PER"), ("visited", "O"), ("Stockholm", "B-LOC"),
            ("and", "O"), ("met", "O"), ("Volvo", "B-ORG"), ("managers", "O"), (".", "O")]
    f = tmp_path / "mini.conllu"
    f.write_text("".join(f"{i}\t{t}\t{g}\n" for i, (t, g) in enumerate(rows)) + "\n"
                 + "0\tnothing\tO\n1\there\tO\n")
    lines, result = evaluate(f)
    assert result["gold"] == 3
    assert result["sentences"] == 2 and result["tokens"] == 11
    assert {"f1", "precision", "recall", "per_type"} <= set(result)
    assert result["per_type"]["PER"]["recall"] == 1.0
    assert result["per_type"]["LOC"]["recall"] == 1.0
    assert lines[-1].startswith("all")


@pytest.mark.data
@pytest.mark.slow
def test_dev_split_f1():
    _model_or_skip()
    dev = DATA / "val.conllu"
    if not dev.is_file():
        pytest.skip(f"CoNLL-2003 validation split not found at {dev}")
    _, result = evaluate(dev)
    assert result["f1"] >= 0.88, result
    assert result["per_type"]["PER"]["f1"] >= 0.88, result
