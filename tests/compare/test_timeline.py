"""The story timeline on invented articles run through the per-article pipeline."""

from parallax.compare.story import build_story
from parallax.model import Article
from parallax.run.local import analyze_articles


def story(*specs):
    """specs: (id, outlet, published, text)"""
    raw = [Article(id=i, text=t, source=o, published=p) for i, o, p, t in specs]
    done = [a for a in analyze_articles(raw) if isinstance(a, Article)]
    assert len(done) == len(raw)
    return build_story("s-test", done)


# Friday 2025-03-14; the meeting is on that day, told four ways by four outlets
FOUR_WAYS = [
    ("a", "Nordic Wire", "2025-03-14",
     "Foreign Minister Anna Berg will meet Defence Minister Tomas Vik in Bergen on March 14, officials said."),
    ("b", "Harbour Post", "2025-03-14",
     "The negotiations are expected to begin on Friday at 10:00 local time, a spokesman said."),
    ("c", "Fjord Daily", "2025-03-14",
     "Vik said on Friday his meeting with his counterpart, Anna Berg, would help both fleets."),
    ("d", "Coast Radio", "2025-03-14",
     "The two ministers agreed to cooperate, declared Anna Berg after her meeting with Tomas Vik in the city of Bergen. this Friday."),
]


def test_one_meeting_told_four_ways_is_one_entry_with_four_sources():
    s = story(*FOUR_WAYS)
    day = [e for e in s.timeline if e.date == "2025-03-14"]
    assert len(day) == 1, [e.text for e in day]
    assert {ev.article for ev in day[0].sources} == {"a", "b", "c", "d"}
    assert "meet" in day[0].text


def test_a_clause_with_a_day_and_an_hour_is_one_source_of_its_entry():
    s = story(*FOUR_WAYS)
    for e in s.timeline:
        assert len(set(e.sources)) == len(e.sources), e


def test_statements_sharing_only_a_name_on_one_day_stay_apart():
    a = ("a", "Nordic Wire", "2025-03-20",
         "On March 18, Deputy Minister Lars Dahl noted that the conversation was long and difficult.")
    b = ("b", "Coast Radio", "2025-03-20",
         "On March 18, Bergen will host the Fisheries Council, at which Deputy Minister Lars Dahl will lead the delegation.")
    c = ("c", "Fjord Daily", "2025-03-20",
         "Deputy Minister Lars Dahl said the conversation on March 18 was long and difficult.")
    s = story(a, b, c)
    day = [e for e in s.timeline if e.date == "2025-03-18"]
    by_article = {ev.article: e for e in day for ev in e.sources}
    assert by_article["a"] is not by_article["b"]
    assert by_article["a"] is by_article["c"]  # the same words of what was said: one entry


def test_meetings_of_other_people_or_places_on_the_same_day_stay_apart():
    other = ("e", "Valley News", "2025-03-14",
             "Trade Minister Olga Lind met Finance Minister Per Holm in Tromso on March 14.")
    elsewhere = ("f", "Valley News", "2025-03-14",
                 "Talks were held in Narvik on Friday, the port authority said.")
    s = story(FOUR_WAYS[0], other, elsewhere, FOUR_WAYS[1])
    day = [e for e in s.timeline if e.date == "2025-03-14"]
    by_article = {ev.article: e for e in day for ev in e.sources}
    assert by_article["a"] is not by_article["e"]  # different people
    assert by_article["f"] is not by_article["a"]  # a different place
    # "the negotiations" name no one and no place, and two meetings are on that day: kept apart
    assert by_article["b"] is not by_article["a"] and by_article["b"] is not by_article["e"]


def test_a_list_is_not_cut_into_a_clause_of_its_own():
    from parallax.compare.events import clauses, tidy

    t = ("The envoy said the sides work together on fishing, shipping, the ice and weather, "
         "yet the other side rejected the offer in an interview on Tuesday.")
    got = [tidy(t[a:b]) for a, b in clauses(t, 0, len(t))]
    assert got == ["The envoy said the sides work together on fishing, shipping, the ice and weather",
                   "the other side rejected the offer in an interview on Tuesday."]


def test_an_undated_article_takes_the_year_of_its_month_dates_from_the_story():
    dated = ("a", "Nordic Wire", "2025-01-21",
             "The Harbour Council met in Bergen on January 12. On December 17, 2024, "
             "the ministry published the draft treaty.")
    undated = ("b", "Coast Radio", None,
               "On December 17, the ministry published the draft treaty. The Harbour Council will meet "
               "in Tromso on January 10. Delegates began to arrive in the city today.")
    s = story(dated, undated)
    dec17 = next(e for e in s.timeline if e.date == "2024-12-17")
    assert {ev.article for ev in dec17.sources} == {"a", "b"}
    # the two outlets date the council meeting differently, and the undated one can now say so
    assert any(d.kind == "date" and "2025-01-10" in d.explanation and "2025-01-12" in d.explanation
               for d in s.discrepancies)
    # "today" needs the article's own date: it stays out of the timeline
    assert all(ev.article != "b" or "today" not in e.text for e in s.timeline for ev in e.sources)


def test_month_and_week_statements_do_not_join_a_day_by_shared_words():
    a = ("a", "Nordic Wire", "2025-03-20",
         "Officials prepared the agenda of the upcoming ministerial meetings on March 18.")
    b = ("b", "Coast Radio", "2025-03-20",
         "Officials prepared the agenda of the upcoming ministerial meetings in early March.")
    s = story(a, b)
    dates = sorted(e.date for e in s.timeline)
    assert dates == ["2025-03", "2025-03-18"]


def test_a_date_that_starts_or_ends_a_stretch_dates_no_entry():
    text = ("Berg, who has defended the harbour plan since February, spoke calmly. "
            "The port will stay closed until May 2. The ferry resumed service on March 10.")
    s = story(("a", "Nordic Wire", "2025-03-14", text))
    assert [e.date for e in s.timeline] == ["2025-03-10"]
