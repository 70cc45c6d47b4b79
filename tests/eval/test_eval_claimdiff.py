"""The ClaimDiff scorer on a hand-written file, and on the real train file where present."""

import json
from pathlib import Path

import pytest

from parallax.errors import ParallaxError
from parallax.eval.claimdiff import evaluate, score

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "claimdiff"


def test_score_arithmetic():
    s = score([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])
    assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (2, 1, 1, 1)
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(2 / 3)
    assert s["accuracy"] == pytest.approx(3 / 5)
    assert score([0, 0], [0, 0])["f1"] == 0.0


def _write(tmp_path, name, pairs):
    path = tmp_path / name
    path.write_text(json.dumps({"data": [
        {"topic": f"t{i}", "pair_id": str(i), "claim_a": a, "claim_b": b, "relation": r}
        for i, (a, b, r) in enumerate(pairs)]}))
    return path


def test_weak_file_scored_with_baselines(tmp_path):
    path = _write(tmp_path, "mine-weak-test.json", [
        ("Police said 40 people were arrested at the rally.", "Police said 65 people were arrested at the rally.", 1),
        ("The ministry said the convoy carried food to the town.",
         "The ministry denied that the convoy carried food to the town.", 1),
        ("The ministers met in Oslo on Friday to discuss the dam.",
         "The ministers met in Oslo on Friday to discuss the dam.", 0),
    ])
    lines, metrics = evaluate(path)
    assert metrics["relation"] == "weaken" and metrics["n"] == 3 and not metrics["cross_validated"]
    assert metrics["f1"] == 1.0 and metrics["accuracy"] == 1.0
    # the majority class here is "yes": two of three pairs weaken
    assert metrics["baseline_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["baseline_f1"] == pytest.approx(0.8, abs=1e-3)
    assert any("confusion" in line for line in lines)


def test_relation_from_name_or_flag(tmp_path):
    path = _write(tmp_path, "pairs.json", [("A claim here.", "A claim here.", 1)])
    with pytest.raises(ParallaxError, match="--relation"):
        evaluate(path)
    _, metrics = evaluate(path, relation="strengthen")
    assert metrics["relation"] == "strengthen" and metrics["f1"] == 1.0


def test_malformed_file_is_named(tmp_path):
    bad = tmp_path / "broken-weak.json"
    bad.write_text("{not json")
    with pytest.raises(ParallaxError, match="broken-weak.json"):
        evaluate(bad)


def test_real_weak_train_beats_the_majority_class():
    path = SHARED / "ClaimDiff-weak-train.json"
    if not path.exists():
        pytest.skip(f"ClaimDiff data not present at {path}")
    _, metrics = evaluate(path)
    assert metrics["cross_validated"]
    assert metrics["f1"] > metrics["baseline_f1"] + 0.15
    assert metrics["f1"] > metrics["always_yes_f1"]
