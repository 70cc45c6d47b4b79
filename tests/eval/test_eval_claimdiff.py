"""The ClaimDiff scorer on hand-written files, and on the real train files where present."""

import json
from pathlib import Path

import pytest

from parallax.errors import ParallaxError
from parallax.eval.claimdiff import auc, evaluate, score

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "claimdiff"


def test_score_arithmetic():
    s = score([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])
    assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (2, 1, 1, 1)
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(2 / 3) and s["accuracy"] == pytest.approx(3 / 5)
    assert score([0, 0], [0, 0])["f1"] == 0.0


def test_auc_arithmetic():
    assert auc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert auc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]) == 0.0
    assert auc([1, 0, 1, 0], [0.5, 0.5, 0.7, 0.1]) == pytest.approx((1.5 + 2) / 4)  # a tie counts half
    assert auc([1, 1], [0.2, 0.3]) == 0.5


def _write(tmp_path, name, pairs):
    path = tmp_path / name
    path.write_text(json.dumps({"data": [
        {"topic": f"t{i}", "pair_id": f"p{i}", "claim_a": a, "claim_b": b, "relation": r}
        for i, (a, b, r) in enumerate(pairs)]}))
    return path


WEAK = [
    ("Police said 40 people were arrested at the rally.", "Police said 65 people were arrested at the rally.", 1),
    ("The ministry said the convoy carried food to the town.",
     "The ministry denied that the convoy carried food to the town.", 1),
    ("The ministers met in Oslo on Friday to discuss the dam.",
     "The ministers met in Oslo on Friday to discuss the dam.", 0),
]


def test_weak_file_scored_with_baselines_and_json(tmp_path, capsys):
    lines, metrics = evaluate(_write(tmp_path, "mine-weak-test.json", WEAK))
    assert metrics["relation"] == "weaken" and metrics["n"] == 3 and not metrics["cross_validated"]
    assert metrics["f1"] == 1.0 and metrics["accuracy"] == 1.0
    # the majority class here is "yes": two of three pairs weaken
    assert metrics["baseline_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["baseline_f1"] == pytest.approx(0.8, abs=1e-3)
    assert any("gold yes: predicted yes     2" in line for line in lines)
    assert json.loads(json.dumps(metrics)) == metrics


def test_the_same_pairs_as_a_strength_file(tmp_path):
    flipped = [(a, b, 1 - r) for a, b, r in WEAK]
    _, metrics = evaluate(_write(tmp_path, "mine-strength-test.json", flipped))
    assert metrics["relation"] == "strengthen"
    # the "same" pair counts as strengthening; the conflicting ones do not
    assert metrics["accuracy"] == 1.0 and metrics["f1"] == 1.0
    assert metrics["baseline_accuracy"] == pytest.approx(2 / 3, abs=1e-3) and metrics["baseline_f1"] == 0.0


def test_relation_from_name_or_flag(tmp_path):
    path = _write(tmp_path, "pairs.json", [("A claim here.", "A claim here.", 1)])
    with pytest.raises(ParallaxError, match="--relation"):
        evaluate(path)
    _, metrics = evaluate(path, relation="strengthen")
    assert metrics["relation"] == "strengthen" and metrics["f1"] == 1.0
    _, metrics = evaluate(_write(tmp_path, "x-weak.json", [("A claim here.", "A claim here.", 0)]),
                          relation="strengthen")
    assert metrics["relation"] == "strengthen"


def test_a_training_file_is_cross_validated(tmp_path):
    pairs = [(f"The council of town {i} approved the harbour budget.",
              f"However the council of town {i} never approved the harbour budget." if i % 3 == 0 else
              f"The council of town {i} approved the harbour budget and a new school.", int(i % 3 == 0))
             for i in range(30)]
    lines, metrics = evaluate(_write(tmp_path, "toy-weak-train.json", pairs))
    assert metrics["cross_validated"] and metrics["n"] == 30
    assert any("cross-validated" in line for line in lines)
    assert any("switched off" in line for line in lines)  # no strength file beside it


def test_malformed_file_is_named(tmp_path):
    bad = tmp_path / "broken-weak.json"
    bad.write_text("{not json")
    with pytest.raises(ParallaxError, match="broken-weak.json"):
        evaluate(bad)


def _real(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"ClaimDiff data not present at {path} (see ../shared/data/claimdiff/README.md)")
    return path


@pytest.mark.slow
@pytest.mark.data
def test_real_weak_train_beats_the_majority_class():
    _, metrics = evaluate(_real("ClaimDiff-weak-train.json"))
    assert metrics["cross_validated"]
    assert metrics["baseline_f1"] == 0.0
    assert metrics["f1"] > 0.15
    assert metrics["f1"] > metrics["always_yes_f1"]
    assert metrics["auc"] > 0.55


@pytest.mark.slow
@pytest.mark.data
def test_real_strength_train_ranks_better_than_chance():
    """Honest limit: on strengthening pairs the lexical models do not beat answering "yes"
    (F1 0.82, accuracy 0.69); what they do is rank pairs better than chance."""
    _, metrics = evaluate(_real("ClaimDiff-strength-train.json"))
    assert metrics["cross_validated"]
    assert metrics["auc"] > 0.6


@pytest.mark.slow
@pytest.mark.data
def test_real_train_file_is_recognised_under_another_name(tmp_path):
    renamed = tmp_path / "claims-weak.json"
    renamed.write_bytes(_real("ClaimDiff-weak-train.json").read_bytes())
    lines, metrics = evaluate(renamed)
    assert metrics["cross_validated"]


def test_cli_prints_the_scores_and_json_last(tmp_path):
    from click.testing import CliRunner

    from parallax.cli import main

    path = _write(tmp_path, "pairs.json", WEAK)
    result = CliRunner().invoke(main, ["eval", "claimdiff", str(path), "--relation", "weaken"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert last["relation"] == "weaken" and last["f1"] == 1.0 and last["n"] == 3
    result = CliRunner().invoke(main, ["eval", "claimdiff", str(path)])
    assert result.exit_code != 0 and "--relation" in result.output
    result = CliRunner().invoke(main, ["eval", "quotes", str(path), "--relation", "weaken"])
    assert result.exit_code != 0 and "claimdiff only" in result.output
