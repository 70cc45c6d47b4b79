import re

from parallax.present import render_html, render_markdown, validate

TEXT = 'Mayor <script>alert(1)</script> Ana Ruiz said the bridge "will open on Monday". It did.'


def _report():
    s1 = (0, TEXT.index("It did."))
    return {
        "schema": "parallax.report/1",
        "articles": [{"id": "a1", "path": "a1.txt", "url": None, "source": "Town & Country <Gazette>",
                      "title": "<b>Bridge</b> opens", "published": "2025-05-01", "published_from": "header",
                      "language": "en", "text": TEXT, "removed": ["Share this"],
                      "sentences": [list(s1), [TEXT.index("It did."), len(TEXT)]]}],
        "rejected": [{"path": "bad.bin", "reason": "looks like binary data"}],
        "stories": [{
            "id": "s-1", "title": "Bridge", "articles": ["a1"],
            "entities": [{"id": "e1", "name": "Ana Ruiz", "type": "PERSON", "aliases": ["Ana Ruiz"],
                          "descriptions": ["Mayor"], "mentions": [{"article": "a1", "start": TEXT.index("Ana"),
                                                                   "end": TEXT.index("Ana") + 8}]}],
            "timeline": [{"date": "2025-05-05", "text": "the bridge will open on Monday", "disputed": True,
                          "sources": [{"article": "a1", "start": 0, "end": s1[1]}]}],
            "quotes": [{"id": "a1:q1", "article": "a1", "start": TEXT.index("will"), "end": TEXT.index("Monday") + 6,
                        "text": "will open on Monday", "speaker": "Ana Ruiz", "speaker_entity": "e1", "cue": "said",
                        "aligned_with": []}],
            "discrepancies": [{"id": "d1", "kind": "date", "about": "date of the opening",
                               "claims": [{"article": "a1", "start": 0, "end": s1[1], "text": TEXT[:s1[1]],
                                           "value": "2025-05-05"}],
                               "explanation": "Sources differ on the opening date."}],
            "summary": [{"text": "The bridge opens.", "sources": ["a1"]}]}],
    }


def test_fixture_is_a_valid_report():
    validate(_report())


def test_html_escapes_hostile_text_and_loads_nothing_external():
    page = render_html(_report())
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Bridge</b>" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_every_link_has_its_target_and_sentences_are_anchors():
    page = render_html(_report())
    targets = set(re.findall(r'id="([^"]+)"', page))
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in targets, href
    assert 's-a1-0' in targets


def test_marks_cover_exactly_the_evidence():
    page = render_html(_report())
    marked = "".join(re.findall(r"<mark>(.*?)</mark>", page))
    assert "will open on Monday" in marked and "It did." not in marked


def test_empty_report_renders():
    empty = {"schema": "parallax.report/1", "articles": [], "rejected": [], "stories": []}
    assert "Parallax report" in render_html(empty)
    assert "0 articles" in render_markdown(empty)


def test_markdown_shows_evidence_sources_and_rejections():
    md = render_markdown(_report())
    assert "Sources differ on the opening date." in md
    assert "`2025-05-05`" in md and "«Mayor &lt;script&gt;" in md  # evidence, with markup defused
    assert "<script>" not in md
    assert "The bridge opens. — *Town & Country &lt;Gazette&gt;*" in md
    assert "bad.bin" in md and "(disputed)" in md


def test_a_speaker_no_entity_names_is_shown_in_the_words_of_the_text():
    from parallax.present.report import who_spoke

    assert who_spoke({"speaker": "Ana Ruiz", "speaker_text": "the mayor"}) == "Ana Ruiz"
    assert who_spoke({"speaker": None, "speaker_text": "Hydrologists"}) == "Hydrologists"
    assert who_spoke({"speaker": None, "speaker_text": "they"}) == "unidentified speaker"
    assert who_spoke({"speaker": None, "speaker_text": None}) == "unidentified speaker"
    report = _report()
    q = report["stories"][0]["quotes"][0]
    q.update(speaker=None, speaker_entity=None, speaker_text="Local engineers")
    validate(report)
    assert "**Local engineers** (said)" in render_markdown(report)
    assert "Local engineers" in render_html(report)
