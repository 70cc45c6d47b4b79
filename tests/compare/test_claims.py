"""What one claim does to another, on hand-written pairs (rules first, then the learned models)."""

import pytest

from parallax.compare.claims import FEATURES, features, probability, relate, shipped_models, train


@pytest.mark.parametrize("a, b, kind", [
    ("The ministers met in Oslo on Friday to discuss the dam.",
     "The ministers met in Oslo on Friday to discuss the dam.", "same"),
    ("Police said 40 people were arrested at the protest in the capital.",
     "Police said 65 people were arrested at the protest in the capital.", "contradicts"),
    ("The ministry said the convoy carried food and medicine to the border town.",
     "The ministry denied that the convoy carried food and medicine to the border town.", "weakens"),
    ("The ministers met in Oslo to discuss the dam.",
     "The ministers met in Oslo to discuss the dam, the river commission and the fishing quotas for next season.",
     "adds"),
])
def test_rules(a, b, kind):
    assert relate(a, b).kind == kind


def test_a_different_precision_is_not_a_contradiction():
    r = relate("The talks took place in January in Geneva between the two delegations.",
               "The talks took place on January 21 in Geneva between the two delegations.")
    assert r.kind != "contradicts"


def test_numbers_of_different_things_do_not_contradict():
    r = relate("Rescuers found 12 survivors in the flooded valley near the dam.",
               "Rescuers found 3 boats in the flooded valley near the dam.")
    assert r.kind != "contradicts"


def test_every_relation_explains_itself():
    r = relate("Police said 40 people were arrested.", "Police said 65 people were arrested.")
    assert "40" in r.why and "65" in r.why
    assert 0.0 <= r.strengthens <= 1.0 and 0.0 <= r.weakens <= 1.0


def test_shipped_models_match_the_feature_list():
    models = shipped_models()
    for name in ("strengthen", "weaken"):
        assert models[name]["features"] == list(FEATURES)
        assert len(models[name]["coef"]) == len(FEATURES)
    assert len(features("a b c", "d e f")) == len(FEATURES)


def test_training_learns_a_cue_it_is_shown():
    """A toy set where weakening pairs carry a contrast word: the model must rank them higher."""
    base = "The council approved the budget for the harbour after a long debate"
    pairs, labels = [], []
    for i in range(20):
        pairs.append((base, f"However the mayor voted against item {i} of the harbour budget"))
        labels.append(1)
        pairs.append((base, f"The council approved item {i} of the harbour budget"))
        labels.append(0)
    model = train(pairs, labels)
    assert probability(model, base, "But the mayor voted against the budget") > \
        probability(model, base, "The council approved the budget")
