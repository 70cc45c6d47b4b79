from parallax.analyze.sentences import SentenceStage
from parallax.link.dedup import NearDuplicates, reused_passages
from parallax.link.stories import StoryClusterer
from parallax.model import Article

QUAKE = ("A magnitude 6.1 earthquake struck the coastal town of Ferrola on Tuesday, destroying the harbour "
         "wall and killing at least twelve people, the regional civil protection agency said. Rescue teams "
         "from Ferrola and the nearby city of Castelmare searched collapsed houses through the night. "
         "Mayor Ilaria Brandt said the town hall would shelter families whose homes were damaged.")
QUAKE_COPY = QUAKE.replace("at least twelve", "at least 12").replace("through the night", "overnight")
QUAKE_OTHER = ("Rescuers in Ferrola pulled two survivors from the rubble of a bakery on Wednesday, a day after "
               "the earthquake that flattened the harbour district. Mayor Ilaria Brandt thanked the civil "
               "protection teams and said twelve people had died in the quake.")
FINAL = ("Kestrel Rovers won the national cup final on Saturday, beating Dunmore City 3-1 at the Harbourside "
         "Stadium. Striker Tomas Varga scored twice before half-time and coach Elin Sund praised a young "
         "side that had not won a trophy in forty years.")
FINAL_OTHER = ("Dunmore City's coach blamed tired legs after the 3-1 cup final defeat to Kestrel Rovers. "
               "Tomas Varga's early double decided the final at the Harbourside Stadium, where Rovers "
               "lifted their first trophy in forty years.")


def _a(id, text, published="2025-03-11"):
    return SentenceStage()(Article(id=id, text=text, published=published))


def test_wire_copy_is_flagged_not_dropped():
    arts = [_a("orig", QUAKE), _a("copy", QUAKE_COPY), _a("other", QUAKE_OTHER)]
    d = NearDuplicates().fit(arts)
    assert d.duplicate_of_ == {"copy": "orig"}


def test_different_reports_are_not_duplicates():
    d = NearDuplicates().fit([_a("q", QUAKE), _a("f", FINAL)])
    assert d.duplicate_of_ == {}


def test_reused_background_paragraph_is_grouped():
    background = ("The harbour wall of Ferrola was built in 1871 and rebuilt twice after storms in the last century.")
    one = _a("one", "Divers inspected the damage on Thursday. " + background)
    two = _a("two", "The port reopened to fishing boats on Friday. " + background)
    groups = reused_passages([one, two])
    assert groups[("one", one.text.index("The harbour"))] == groups[("two", two.text.index("The harbour"))]
    assert ("one", 0) not in groups


def test_two_events_two_stories_and_ids_are_stable():
    arts = [_a("q1", QUAKE), _a("f1", FINAL, "2025-03-15"), _a("q2", QUAKE_OTHER, "2025-03-12"),
            _a("f2", FINAL_OTHER, "2025-03-16")]
    c = StoryClusterer().partial_fit(arts)
    story = c.story_of_
    assert story[arts[0].key] == story[arts[2].key]
    assert story[arts[1].key] == story[arts[3].key]
    assert story[arts[0].key] != story[arts[1].key]
    # a second run that knows the first assignments keeps every id, and a new article joins
    again = StoryClusterer().partial_fit(arts + [_a("q3", QUAKE_COPY, "2025-03-12")], known=dict(story))
    for a in arts:
        assert again.story_of_[a.key] == story[a.key]
    assert again.story_of_[_a("q3", QUAKE_COPY).key] == story[arts[0].key]


def test_wire_copy_flagged_through_a_run_and_kept_in_its_story(tmp_path):
    from parallax.run import analyze

    import json

    recs = [("orig", "Quake hits Ferrola", QUAKE, "2025-03-11"),
            ("final", "Rovers win the cup", FINAL, "2025-03-11"),
            # the copy comes a day later, under a name that sorts first
            ("copy", "Ferrola earthquake kills 12", QUAKE_COPY, "2025-03-12")]
    for name, title, text, day in recs:
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"title": title, "text": text, "published": day}) + "\n")
    result = analyze([tmp_path])
    by_id = {a.id: a for a in result.articles}
    assert set(by_id) == {"orig-1", "copy-1", "final-1"}  # never dropped (JSONL ids: <stem>-<line>)
    assert result.duplicate_of == {"copy-1": "orig-1"}
    sizes = sorted(len(s.articles) for s in result.stories)
    assert sizes == [1, 2]
