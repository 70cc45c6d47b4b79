"""Facts aligned across outlets, the discrepancies between them, coverage and framing, on
invented articles run through the whole per-article pipeline and the story builder."""

from parallax.compare.facts import coverage, quantities, tidy
from parallax.compare.framing import cue_category
from parallax.compare.story import build_story
from parallax.model import Article
from parallax.run.local import analyze_articles


def story(*specs):
    """specs: (id, outlet, published, text)"""
    raw = [Article(id=i, text=t, source=o, published=p) for i, o, p, t in specs]
    done = [a for a in analyze_articles(raw) if isinstance(a, Article)]
    assert len(done) == len(raw)
    return build_story("s-test", done), {a.id: a for a in done}


MEETING_A = ("Foreign Minister Anna Berg met Defence Minister Tomas Vik in Oslo on March 12. "
             "Exactly 40 delegates from the northern ports attended the closing session of the harbour safety conference. "
             "The ministers insisted that the agreement would protect fishing crews.")
MEETING_B = ("Anna Berg and Tomas Vik held a meeting in Bergen on March 12. "
             "In all, 60 delegates from the northern ports attended the closing session of the harbour safety conference. "
             "Berg said the so-called reform package was allegedly drafted by the regime in Kovia.")
MEETING_C = "Berg met Vik on Wednesday to discuss the fishing quotas for the coming season, officials said."


def test_the_same_meeting_is_one_fact_with_every_outlet_and_its_slots():
    s, arts = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", MEETING_B))
    meetings = [f for f in s.facts if f.kind == "happening" and "Anna Berg" in f.label and "Tomas Vik" in f.label]
    assert len(meetings) == 1
    f = meetings[0]
    assert set(f.outlets) == {"Nordic Wire", "Harbour Post"}
    assert f.independent == 2
    assert {x.value for x in f.slots if x.name == "when"} == {"2025-03-12"}
    assert {x.value for x in f.slots if x.name == "where"} == {"Oslo", "Bergen"}
    for x in f.slots:  # every slot points at the words it came from
        assert x.evidence.article in arts
        assert x.evidence.start < x.evidence.end


def test_two_articles_of_one_outlet_are_one_independent_source():
    second = ("Fishing crews waited for news as Anna Berg and Tomas Vik held a meeting in Oslo on March 12. "
              "The two ministers spoke to nobody afterwards and left the harbour by car.")
    s, _ = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("a2", "Nordic Wire", "2025-03-15", second),
                 ("b", "Harbour Post", "2025-03-14", MEETING_B))
    meetings = [f for f in s.facts if f.kind == "happening" and "Anna Berg" in f.label and "Tomas Vik" in f.label]
    assert len(meetings) == 1
    f = meetings[0]
    assert {src.article for src in f.sources} >= {"a", "a2", "b"}
    assert f.independent == 2 == len(f.outlets)


def test_place_and_number_conflicts_are_found_with_their_evidence():
    s, arts = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", MEETING_B))
    kinds = {d.kind: d for d in s.discrepancies}
    assert "place" in kinds and "Oslo" in kinds["place"].explanation and "Bergen" in kinds["place"].explanation
    number = kinds["number"]
    assert "40" in number.explanation and "60" in number.explanation and "delegat" in number.about
    assert {arts[c.article].text[c.start:c.end] for c in number.claims} == {"40 delegates", "60 delegates"}
    # the facts point to the discrepancies about them
    disputed = {d for f in s.facts for d in f.discrepancies}
    assert number.id in disputed and kinds["place"].id in disputed


def test_a_later_count_is_an_update_not_a_conflict():
    s, _ = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-16", MEETING_B))
    assert not [d for d in s.discrepancies if d.kind == "number"]


def test_a_count_someone_is_reported_saying_is_not_the_outlets_claim():
    b = MEETING_B.replace("In all, 60 delegates", "Organisers said that 60 delegates")
    s, arts = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", b))
    assert any(q.article == "b" for q in s.quotes), "the organisers' claim is reported speech"
    assert not [d for d in s.discrepancies if d.kind == "number"]
    slots = [x for f in s.facts for x in f.slots if x.name == "how_many" and x.evidence.article == "b"]
    assert slots and all(x.attributed for x in slots)


def test_a_month_and_a_day_inside_it_do_not_conflict():
    a = "Foreign Minister Anna Berg met Defence Minister Tomas Vik in Oslo on March 12 to sign the accord."
    b = "Anna Berg and Tomas Vik held a meeting in Oslo in March to sign the accord."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-20", b))
    assert not [d for d in s.discrepancies if d.kind in ("date", "place")]


def test_different_titles_for_the_same_person_are_flagged_and_country_prefixes_are_not():
    a = "Deputy Foreign Minister Anna Berg opened the harbour safety conference in Oslo on Tuesday."
    b = "Foreign Minister Anna Berg opened the harbour safety conference in Oslo on Tuesday."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-14", b))
    titles = [d for d in s.discrepancies if d.kind == "title"]
    assert len(titles) == 1 and "Deputy Foreign Minister" in titles[0].explanation
    c = "Norwegian Foreign Minister Anna Berg opened the harbour safety conference in Oslo on Tuesday."
    s, _ = story(("b", "Harbour Post", "2025-03-14", b), ("c", "Fjord Daily", "2025-03-14", c))
    assert not [d for d in s.discrepancies if d.kind == "title"]


def test_coverage_says_what_each_outlet_left_out():
    s, _ = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", MEETING_B),
                 ("c", "Fjord Daily", "2025-03-14", MEETING_C))
    rows = {c.outlet: c for c in s.coverage}
    assert list(rows) == ["Nordic Wire", "Harbour Post", "Fjord Daily"]
    facts = {f.id: f for f in s.facts}
    conference = next(f for f in s.facts if "delegates" in f.text)
    assert conference.id in rows["Nordic Wire"].reported and conference.id in rows["Harbour Post"].reported
    assert conference.id in rows["Fjord Daily"].omitted
    for c in s.coverage:  # reported and omitted split the facts
        assert set(c.reported) | set(c.omitted) == set(facts)
        assert not set(c.reported) & set(c.omitted)


def test_outlets_of_the_same_name_are_one_column():
    s, _ = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Nordic Wire", "2025-03-14", MEETING_B))
    assert [c.outlet for c in s.coverage] == ["Nordic Wire"]
    assert [f.outlet for f in s.framing] == ["Nordic Wire"]
    assert s.coverage[0].articles == ("a", "b")


def test_framing_records_verbs_hedges_loaded_terms_and_voices():
    s, arts = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", MEETING_B))
    frames = {f.outlet: f for f in s.framing}
    a_cues = {u.text: u.about for u in frames["Nordic Wire"].cues}
    assert a_cues.get("insisted") == "emphatic"
    b = frames["Harbour Post"]
    assert {u.text for u in b.hedges} >= {"so-called", "allegedly"}
    assert not frames["Nordic Wire"].hedges
    assert "regime" in {u.text for u in b.labels if u.about == "loaded term"}
    for group in (b.hedges, b.labels, b.cues):
        for u in group:
            assert u.count == len(u.evidence)
            e = u.evidence[0]
            if group is not b.cues:
                assert arts[e.article].text[e.start:e.end].lower() == u.text.lower()
    assert any(v.speaker != "unidentified speaker" and v.words > 0 for v in b.voices)


def test_cue_categories():
    assert cue_category("said") == "neutral"
    assert cue_category("Stressed") == "emphatic"
    assert cue_category("claimed") == "doubting"
    assert cue_category("in his opinion") == "belief"
    assert cue_category("whispered") == "other"


def test_quantities_skip_dates_and_times_and_read_units():
    a = next(iter(analyze_articles([Article(
        id="q", published="2025-03-14",
        text="About 1,200 troops and 3 tanks crossed at 11:00 on March 12, 2025, after a 90-minute meeting.")])))
    found = {(q.value, q.unit, q.approximate) for q in quantities(a, 0, len(a.text))}
    assert (1200.0, "troop", True) in found
    assert (3.0, "tank", False) in found
    assert (90.0, "minute", False) in found
    assert not any(q.value in (11.0, 12.0, 2025.0) for q in quantities(a, 0, len(a.text)))


def test_tidy_drops_the_joiner_a_clause_was_cut_at():
    assert tidy("a meeting was held in Brussels, and") == "a meeting was held in Brussels"
    assert tidy("talks and") == "talks"
    assert tidy("bread and butter") == "bread and butter"


def test_no_facts_from_one_article_are_shared_facts():
    s, _ = story(("a", "Nordic Wire", "2025-03-14", MEETING_A))
    assert not [f for f in s.facts if f.kind == "shared"]
    assert coverage([], []) == []


def test_a_statement_two_outlets_share_is_a_fact_but_a_name_and_title_line_is_not():
    said = ("Harbour Minister Jane Roe of Kovia said the northern ferry routes would reopen "
            "after the storm damage to the piers was repaired.")
    a = "Jane Roe, Kovian Harbour Minister\nThe ferries will sail again once the piers are safe. " + said
    b = ("The storm closed three piers. Kovian Harbour Minister Jane Roe said the northern ferry "
         "routes would reopen after the storm damage to the piers had been repaired.")
    s, arts = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-14", b))
    shared = [f for f in s.facts if f.kind == "shared"]
    assert len(shared) == 1
    assert "ferry routes would reopen" in shared[0].text
    quoted = {arts[e.article].text[e.start:e.end].strip() for f in s.facts for e in f.sources}
    assert "Jane Roe, Kovian Harbour Minister" not in quoted


def test_two_people_named_to_one_office_by_two_outlets_is_an_actor_conflict():
    a = "Valdorian Foreign Minister Sergey Markov arrived in Oslo on Friday for the dam talks."
    b = "Valdorian Foreign Minister Pavel Orlov arrived in Oslo on Friday for the dam talks."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-14", b))
    actors = [d for d in s.discrepancies if d.kind == "actor"]
    assert len(actors) == 1
    assert "Sergey Markov" in actors[0].explanation and "Pavel Orlov" in actors[0].explanation
    # a deputy is one of many: no conflict
    c = "Valdorian Deputy Foreign Minister Pavel Orlov arrived in Oslo on Friday for the dam talks."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("c", "Harbour Post", "2025-03-14", c))
    assert not [d for d in s.discrepancies if d.kind == "actor"]


def test_only_the_timeline_entry_about_the_disputed_thing_is_disputed():
    a = ("Technical talks were held on March 10 in Tallinn, and a meeting of the Lenna River Council "
         "was held in Vienna on March 11.")
    b = "The dam dispute went on after technical talks held on March 10 in Riga."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-14", b))
    (place,) = [d for d in s.discrepancies if d.kind == "place"]
    entries = {e.date: e for e in s.timeline}
    assert entries["2025-03-10"].disputed and entries["2025-03-10"].discrepancy == place.id
    assert not entries["2025-03-11"].disputed


def test_a_denial_of_the_same_statement_is_a_conflict_and_a_dispute_noun_is_not():
    a = "The ministry confirmed that the aid convoy reached the border town of Kessel with food and medicine."
    b = "The ministry denied that the aid convoy reached the border town of Kessel with food and medicine."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("b", "Harbour Post", "2025-03-14", b))
    other = [d for d in s.discrepancies if d.kind == "other"]
    assert len(other) == 1 and "denied" in other[0].explanation and "Harbour Post" in other[0].explanation
    c = "The dispute began when the aid convoy reached the border town of Kessel with food and medicine."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", a), ("c", "Harbour Post", "2025-03-14", c))
    assert not [d for d in s.discrepancies if d.kind == "other"]


def test_the_same_words_from_two_different_speakers_are_not_one_statement():
    a = '"We will rebuild the northern bridge before the winter storms arrive," Mayor Ana Ruiz said.'
    b = '"We will rebuild the northern bridge before the winter storms arrive," Governor Tomas Vik said.'
    s, _ = story(("a", "Town Gazette", "2025-05-01", a), ("b", "River News", "2025-05-01", b))
    assert {q.speaker for q in s.quotes} == {"Ana Ruiz", "Tomas Vik"}
    assert not any(q.aligned_with for q in s.quotes)
    c = '"We will rebuild the northern bridge before the winter storms arrive," Ruiz said.'
    s, _ = story(("a", "Town Gazette", "2025-05-01", a), ("c", "River News", "2025-05-01", c))
    assert all(q.aligned_with for q in s.quotes)


def test_the_summary_never_states_a_disputed_claim_as_fact():
    s, arts = story(("a", "Nordic Wire", "2025-03-14", MEETING_A), ("b", "Harbour Post", "2025-03-14", MEETING_B),
                    ("c", "Fjord Daily", "2025-03-14", MEETING_A.replace("Exactly 40", "About 40")))
    claimed = {arts[c.article].text[c.start:c.end] for d in s.discrepancies for c in d.claims}
    for x in s.summary:
        if x.text.startswith("Disputed:") or "disputed:" in x.text:
            continue
        assert not any(c in x.text or x.text in c for c in claimed), x.text
    assert any(x.text.startswith("Disputed:") for x in s.summary)


def test_a_clause_that_tells_a_happening_is_not_listed_again_as_a_dated_fact():
    a = ("On March 5, it became known that Anna Berg would meet Tomas Vik on March 12 in Oslo. "
         "The harbour safety agenda was published by the ministry on the same afternoon.")
    s, _ = story(("a", "Nordic Wire", "2025-03-06", a))
    meeting = [f for f in s.facts if f.kind == "happening" and "Anna Berg" in f.label]
    assert len(meeting) == 1 and "became known" in meeting[0].text
    texts = [f.text for f in s.facts]
    assert len(texts) == len(set(texts)), texts
    # the date of the announcement stays on the timeline
    assert any(e.date == "2025-03-05" for e in s.timeline)


def test_a_voice_without_an_entity_is_named_as_the_text_names_it():
    text = "Hydrologists say the reservoir would take two years to fill after the dam is closed."
    s, _ = story(("a", "Nordic Wire", "2025-03-14", text), ("b", "Harbour Post", "2025-03-14", MEETING_B))
    voices = {v.speaker for f in s.framing if f.outlet == "Nordic Wire" for v in f.voices}
    assert voices == {"Hydrologists"}
