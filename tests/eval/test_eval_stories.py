"""`parallax eval stories`: ECB+ reading and the clustering scores, on hand-built files."""

import pytest

from parallax.eval.clustering import bcubed, pairwise
from parallax.eval.stories import evaluate, read_ecb


def _doc(path, sentences):
    toks = "".join(f'<token sentence="{i}" t_id="{i}_{j}">{w}</token>'
                   for i, s in enumerate(sentences) for j, w in enumerate(s.split()))
    path.write_text(f'<?xml version="1.0"?><Document doc_name="{path.name}">{toks}</Document>')


def test_pairwise_and_bcubed_scores():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert pairwise(gold, gold)["f1"] == 1.0
    lumped = {k: 0 for k in gold}
    p = pairwise(lumped, gold)
    assert p["recall"] == 1.0 and p["precision"] == pytest.approx(2 / 6)
    assert bcubed(lumped, gold)["precision"] == pytest.approx(0.5)
    single = {k: k for k in gold}
    assert pairwise(single, gold)["recall"] == 0.0


def test_two_events_of_one_topic_are_scored_apart(tmp_path):
    topic = tmp_path / "1"
    topic.mkdir()
    quake = "A magnitude 6.1 earthquake struck Ferrola on Tuesday killing twelve people , mayor Ilaria Brandt said in 2025 ."
    quake2 = "Twelve people died in Ferrola after the 6.1 earthquake , Ilaria Brandt said , and rescuers searched the harbour in 2025 ."
    other = "A magnitude 5.8 earthquake struck Salvanto on Sunday killing four people , mayor Dario Quell said in 2023 ."
    other2 = "Four people died in Salvanto after the 5.8 earthquake , Dario Quell said , as the bell tower fell in 2023 ."
    _doc(topic / "1_1ecb.xml", [quake])
    _doc(topic / "1_2ecb.xml", [quake2])
    _doc(topic / "1_1ecbplus.xml", [other])
    _doc(topic / "1_2ecbplus.xml", [other2])
    (topic / "notes.xml").write_text("<x/>")  # not an ECB+ document name: ignored
    docs = read_ecb(tmp_path)
    assert [(a.id, ev, t) for a, ev, t in docs][:2] == [("1_1ecb", "1/ecb", "1"), ("1_1ecbplus", "1/ecbplus", "1")]
    lines, m = evaluate(tmp_path)
    assert m["documents"] == 4 and m["stories"] == 2
    assert m["event_pairwise_f1"] == 1.0 and m["topic_pairwise_f1"] < 1.0
    assert lines[0].startswith("ECB+")


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no ECB"):
        evaluate(tmp_path)
