import sqlite3

import pytest

from parallax.errors import StoreError
from parallax.model import Article, Mention, Quote, Rejection, Timex
from parallax.store import open_store


def _article(text="The council met in Oslo on Monday.", **kw):
    return Article(id=kw.pop("id", "a1"), text=text, **kw)


def test_round_trip_keeps_every_field(tmp_path):
    a = _article(source="Nordpress", title="Council meets", published="2025-03-14", published_from="header",
                 removed=("Share this",), sentences=((0, 34),), mentions=(Mention(16, 20, "GPE"),),
                 timexes=(Timex(24, 33, "DATE", "2025-03-10", "dct"),),
                 quotes=(Quote(0, 10, "indirect", (11, 14), None),))
    with open_store(tmp_path / "s.db") as store:
        assert store.add_articles([a]) == 1
        (back,) = store.get_articles([a.key])
    assert back == a


def test_same_text_twice_adds_nothing(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert store.add_articles([_article()]) == 1
        assert store.add_articles([_article(id="other-name")]) == 0
        assert store.count_articles() == 1


def test_key_ignores_whitespace_differences():
    assert _article("A  b\nc.").key == _article("A b c.").key
    assert _article("A b c.").key != _article("A b d.").key


def test_failed_batch_leaves_nothing_half_written(tmp_path, monkeypatch):
    import parallax.store.sqlite as backend

    store = open_store(tmp_path / "s.db")
    store.add_articles([_article("First one.", id="x")])
    real = backend.article_to_dict

    def failing(a):  # the process dies in the middle of the batch's transaction
        if a.id == "z":
            raise RuntimeError("disk pulled")
        return real(a)

    monkeypatch.setattr(backend, "article_to_dict", failing)
    with pytest.raises(RuntimeError):
        store.add_articles([_article("Second one.", id="y"), _article("Third one.", id="z")])
    assert store.count_articles() == 1
    store.close()
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_rejections_and_story_assignments_persist(tmp_path):
    path = tmp_path / "s.db"
    with open_store(f"sqlite:///{path}") as store:
        a = _article()
        store.add_articles([a])
        store.add_rejections([Rejection("bad.txt", "ingest", "empty file")])
        store.assign({a.key: "s-1"}, {"s-1": "Council meets"}, [("new", "s-1", "a1 started a story")])
    with open_store(path) as store:
        assert store.rejections() == [Rejection("bad.txt", "ingest", "empty file")]
        assert store.story_of() == {a.key: "s-1"}
        assert store.story_members(["s-1"]) == {"s-1": [a.key]}
        assert store.story_log() == [("new", "s-1", "a1 started a story")]


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_store(bad)


def test_unknown_scheme_is_named():
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        open_store("mongodb://localhost/x")


def test_story_state_round_trip_and_migrations_recorded(tmp_path):
    from parallax.link.stories import StoryClusterer

    path = tmp_path / "s.db"
    arts = [_article("The Ferrola harbour wall collapsed in a storm on Monday, harbour master Ansel Brook said.",
                     id="h1", published="2025-03-10"),
            _article("Harbour master Ansel Brook said the Ferrola harbour wall would be rebuilt by summer.",
                     id="h2", published="2025-03-11")]
    with open_store(path) as store:
        store.add_articles(arts)
        c = StoryClusterer().partial_fit(arts)
        state = c.export_state()
        store.assign(state["assigned"], {s: "Harbour" for s in set(state["assigned"].values())}, c.events_, state=state)
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names[:4] == ["0001_initial", "0002_story_state", "0003_story_index", "0004_story_index_by_date"]
    with open_store(path) as store:
        loaded = store.load_story_state()
        assert loaded["meta"]["n_docs"] == 2
        assert set(loaded["stories"]) == set(c.stories_)
        assert loaded["story_of"] == c.story_of_
        # through the index: a text sharing no word with the story loads nothing
        day = 739320
        none = store.load_story_state((day, day), window=30, keys=["x"], terms=["t:budget", "n:oslo"])
        assert none["stories"] == {} and none["story_of"] == {}
        some = store.load_story_state((day, day), window=30, keys=["x"], terms=["t:harbour", "n:brook"])
        assert set(some["stories"]) == set(c.stories_)


def test_a_story_left_without_articles_is_removed_and_others_stay(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        a, b, c = _article("One.", id="a"), _article("Two.", id="b"), _article("Three.", id="c")
        store.add_articles([a, b, c])
        store.assign({a.key: "s-1", b.key: "s-2", c.key: "s-3"}, {"s-1": "One", "s-2": "Two", "s-3": "Three"})
        # s-2 merged into s-1; s-3 untouched
        store.assign({b.key: "s-1"}, {"s-1": "One"}, [("merge", "s-1", "s-2 merged in")])
        ids = [r[0] for r in store.db.execute("SELECT id FROM stories ORDER BY id")]
        assert ids == ["s-1", "s-3"]
        assert store.story_members(["s-1"]) == {"s-1": [a.key, b.key]}
