"""What one claim does to another, on hand-written pairs: rules first, then the learned models."""

import pytest

from parallax.compare.claims import FEATURES, KINDS, ClaimRelation, features, probability, relate, shipped_models, train


@pytest.mark.parametrize("a, b, kind", [
    # the same statement, word for word and in other order
    ("The ministers met in Oslo on Friday to discuss the dam.",
     "The ministers met in Oslo on Friday to discuss the dam.", "same"),
    ("The foreign ministers met in Geneva on Friday for talks on the border.",
     "On Friday the foreign ministers held talks on the border in Geneva.", "same"),
    # different numbers, dates, days or years for the same thing
    ("Police said 40 people were arrested at the protest in the capital.",
     "Police said 65 people were arrested at the protest in the capital.", "contradicts"),
    ("Five people died in the warehouse fire.", "Seven people died in the warehouse fire.", "contradicts"),
    ("The talks took place on March 3 in the old palace.", "The talks took place on March 4 in the old palace.",
     "contradicts"),
    ("The senate approved the harbour budget on Tuesday.", "The senate approved the harbour budget on Wednesday.",
     "contradicts"),
    ("The two envoys met in Geneva on Friday.", "The two envoys met in Vienna on Friday.", "contradicts"),
    # negation and opposite words
    ("The treaty was signed by both delegations.", "The treaty was not signed by both delegations.", "contradicts"),
    ("Unemployment rose sharply in the northern regions last year.",
     "Unemployment fell sharply in the northern regions last year.", "contradicts"),
    # a denial, a hedge
    ("The ministry said the convoy carried food and medicine to the border town.",
     "The ministry denied that the convoy carried food and medicine to the border town.", "weakens"),
    ("The army shelled the village overnight.", "The army allegedly shelled the village overnight.", "weakens"),
    # added details
    ("The two ministers met on Friday to discuss security guarantees.",
     "The two ministers met on Friday in Vienna to discuss security guarantees.", "adds"),
    ("The two ministers met to discuss security guarantees.",
     "The two ministers met on May 12 to discuss security guarantees.", "adds"),
    ("The ministers met in Oslo to discuss the dam.",
     "The ministers met in Oslo to discuss the dam, the river commission and the fishing quotas for next season.",
     "adds"),
    ("The two envoys met in Geneva on Friday.", "The two envoys met in Geneva on Friday after talks in Vienna.",
     "adds"),
    # the same number written two ways
    ("Two people were hurt in the blast.", "2 people were hurt in the blast.", "same"),
    ("Over 1,000 people marched through the city.", "About 1000 people marched through the city.", "same"),
    # nothing in common
    ("The central bank raised interest rates again.", "A football match ended in a draw in the rain.", "unrelated"),
])
def test_kinds(a, b, kind):
    assert relate(a, b).kind == kind


def test_a_different_precision_is_not_a_conflict():
    r = relate("The talks took place in January in Geneva between the two delegations.",
               "The talks took place on January 21 in Geneva between the two delegations.")
    assert r.kind == "adds"
    assert "precise" in r.why and "January 21" in r.why


def test_the_same_date_written_two_ways_is_the_same():
    assert relate("The envoys met on 21 January in Geneva.", "The envoys met on January 21 in Geneva.").kind == "same"


def test_attribution_is_not_a_conflict():
    r = relate("Petrov said the negotiations were useful and frank.", "The negotiations were useful and frank.")
    assert r.kind == "same"
    assert "A attributes the claim to Petrov" in r.why
    r = relate("The negotiations were useful and frank.",
               "According to the ministry, the negotiations were useful and frank.")
    assert r.kind == "same" and "the ministry" in r.why


def test_the_source_is_named_from_the_words_before_the_verb():
    r = relate("The negotiations were useful and frank.",
               "The negotiations were useful and frank, foreign minister Ivan Petrov said.")
    assert r.kind == "same" and "foreign minister Ivan Petrov" in r.why


def test_a_different_place_names_both():
    r = relate("The two envoys met in Geneva on Friday.", "The two envoys met in Vienna on Friday.")
    assert "Vienna vs Geneva" in r.why


def test_attributed_and_with_a_place_added_is_an_addition():
    r = relate("Petrov said the negotiations were useful.",
               "The negotiations in Geneva were useful, foreign minister Ivan Petrov said on Friday.")
    assert r.kind == "adds"


def test_a_firm_statement_of_a_hedged_claim_adds_rather_than_weakens():
    r = relate("The army allegedly shelled the village overnight.", "The army shelled the village overnight.")
    assert r.kind == "adds" and "allegedly" in r.why


def test_numbers_of_different_things_do_not_contradict():
    r = relate("Rescuers found 12 survivors in the flooded valley near the dam.",
               "Rescuers found 3 boats in the flooded valley near the dam.")
    assert r.kind != "contradicts"


def test_rules_are_not_guesses_and_models_are():
    assert not relate("Five people died in the fire.", "Seven people died in the fire.").guess
    assert relate("The central bank raised interest rates again.", "A football match ended in a draw.").guess


def test_a_year_that_counts_nothing_is_not_a_count():
    r = relate("Five people died in the fire in 2020.", "Five people died in the fire in 2020, officials said.")
    assert r.kind not in ("contradicts", "weakens")


@pytest.mark.parametrize("a, b, needles", [
    ("Police said 40 people were arrested.", "Police said 65 people were arrested.", ("40", "65", "people")),
    ("The ministers met on Friday to discuss the dam.", "The ministers met on Friday in Vienna to discuss the dam.",
     ("place", "Vienna")),
    ("The ministers met to discuss the dam.", "The ministers met on May 12 to discuss the dam.", ("date", "May 12")),
])
def test_every_relation_explains_itself(a, b, needles):
    r = relate(a, b)
    assert isinstance(r, ClaimRelation) and r.kind in KINDS
    assert all(n in r.why for n in needles), r.why
    assert 0.0 <= r.strengthens <= 1.0 and 0.0 <= r.weakens <= 1.0 and 0.0 <= r.overlap <= 1.0


def test_relation_is_frozen():
    r = relate("A dam burst.", "A dam burst.")
    with pytest.raises(AttributeError):
        r.kind = "contradicts"


def test_models_can_be_switched_off():
    r = relate("The council met.", "Prices of grain went up in the spring.", {"strengthen": None, "weaken": None})
    assert (r.strengthens, r.weakens, r.kind) == (0.0, 0.0, "unrelated")


def test_shipped_models_match_the_feature_list():
    models = shipped_models()
    for name in ("strengthen", "weaken"):
        assert models[name]["features"] == list(FEATURES)
        assert len(models[name]["coef"]) == len(FEATURES)
    assert len(features("a b c", "d e f")) == len(FEATURES)


def test_a_model_for_other_features_is_refused():
    with pytest.raises(ValueError, match="retrain"):
        probability({"features": ["x"], "coef": [1.0], "mean": [0.0], "scale": [1.0], "intercept": 0.0}, "a", "b")


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


@pytest.mark.parametrize("a, b", [
    # the year added after a date is not a count of anything
    ("On March 3, 2021, the ministry published the draft treaty.", "On March 3, the ministry published the draft treaty."),
    # several dates on a side: which one is the event's is unknown
    ("Talks were held on March 2 in Oslo, and the council met on March 4 and March 5.",
     "On March 9 it emerged that the envoys would meet on March 11 in Oslo."),
    # a short headline sharing a few names with a long sentence that has a negation
    ("On the same day the American envoy told reporters in the capital that his government did not plan to send "
     "a written reply to the Russian proposals during the talks.",
     "Envoy says meeting will help send reply to proposals"),
    # different events on different days that share a name
    ("On March 10, Oslo hosted the consultations.", "The envoys will meet in Oslo on March 21, the spokeswoman said."),
])
def test_not_a_conflict(a, b):
    assert relate(a, b).kind not in ("contradicts", "weakens") or relate(a, b).guess


def test_words_that_begin_like_months_are_not_dates():
    r = relate("The ministers discussed the plan for the harbour.",
               "The ministers discussed the separate market plan for the harbour.")
    assert "March" not in r.why and "September" not in r.why
