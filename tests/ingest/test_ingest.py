import json

import pytest

from parallax.ingest import read_paths
from parallax.ingest.clean import clean_text
from parallax.ingest.readers import MAX_BYTES
from parallax.model import Article, Rejection

BODY = ("Ferrola council approves harbour budget\n\nThe town council of Ferrola approved the harbour budget on "
        "Monday, the mayor said. Пётр Иванов, the harbour master, welcomed the vote.\n")


def _one(path):
    (item,) = list(read_paths([path]))
    return item


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_encodings_come_out_right(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(BODY.encode(encoding))
    a = _one(f)
    assert isinstance(a, Article)
    assert "Пётр Иванов" in a.text if encoding != "cp1251" else "Иванов" in a.text
    assert a.title == "Ferrola council approves harbour budget"


def test_latin1(tmp_path):
    f = tmp_path / "b.txt"
    f.write_bytes("Café owners in Zürich protest\n\nThe café owners of Zürich marched on Tuesday, señor Núñez said.".encode("latin-1"))
    a = _one(f)
    assert "Zürich marched" in a.text and "Núñez" in a.text


@pytest.mark.parametrize("line,place,date,outlet", [
    ("GENEVA, January 21. /TASS/. The talks began.", "Geneva", "--01-21", "TASS"),
    ("OSLO, 14 March 2025 (Nordpress) - The talks began.", "Oslo", "2025-03-14", "Nordpress"),
    ("MADRID, 3 ene 2023. Las conversaciones empezaron.", "Madrid", "2023-01-03", None),
    ("PARIS, 5 févr. 2024. Les pourparlers ont commencé.", "Paris", "2024-02-05", None),
    ("BERLIN, 7 März 2024. Die Gespräche begannen.", "Berlin", "2024-03-07", None),
    ("MOSCOW, 21 января 2022. Переговоры начались.", "Moscow", "2022-01-21", None),
])
def test_datelines_in_several_languages(line, place, date, outlet):
    c = clean_text(line)
    assert c.dateline is not None
    assert (c.dateline.place, c.dateline.date, c.dateline.outlet) == (place, date, outlet)
    assert c.text.startswith(line[: c.dateline.end])


def test_missing_year_taken_from_the_texts_own_full_dates():
    c = clean_text("VIENNA, January 4. /APA/. The council met. On December 30, 2024, the plan was published.")
    assert c.published == "2025-01-04" and c.published_from == "dateline"
    assert "2024-12-30" in c.published_reason


def test_no_date_is_null_with_a_reason():
    c = clean_text("Council approves harbour budget\nThe council approved the budget on Monday.")
    assert c.published is None and "no date" in c.published_reason


def test_body_first_line_is_not_a_headline():
    c = clean_text("The council approved the budget on Monday, the mayor said.\nThe vote was nine to two.")
    assert c.title is None


def test_furniture_and_caption_removed_and_kept():
    c = clean_text("Big vote in Ferrola\nAll news\nThe council approved the budget on Monday.\n"
                   "Ana Ruiz, Mayor of Ferrola.\nShe called it a good day, she said.\nShare this article\n"
                   "Leave a Reply\nYour email address will not be published.")
    assert c.removed == ["All news", "Ana Ruiz, Mayor of Ferrola.", "Share this article", "Leave a Reply",
                         "Your email address will not be published."]
    assert "All news" not in c.text and "She called it a good day" in c.text


def test_caption_over_a_first_person_statement_names_its_speaker_and_stays():
    c = clean_text("The council met on Monday.\nAna Ruiz, Mayor of Ferrola.\n"
                   "We will open the bridge before the winter, whatever it costs.\nThe vote was close.")
    assert "Ana Ruiz, Mayor of Ferrola." in c.text and c.removed == []


def test_jsonl_news_please_fields_and_a_bad_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [json.dumps({"title": "Bridge opens", "maintext": "The bridge opened on Monday, the mayor said.",
                        "date_publish": "2025-05-05 10:00:00", "source_domain": "gazette.example",
                        "url": "https://gazette.example/bridge"}), "{not json", json.dumps([1, 2])]
    f.write_text("\n".join(rows) + "\n")
    items = list(read_paths([f]))
    a = items[0]
    assert isinstance(a, Article)
    assert (a.id, a.title, a.published, a.published_from, a.source) == (
        "feed-1", "Bridge opens", "2025-05-05", "metadata", "gazette.example")
    assert [type(i) for i in items[1:]] == [Rejection, Rejection]
    assert "line 2" in items[1].reason and "line 3" in items[2].reason


def test_html_keeps_metadata_and_drops_chrome(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>Bridge opens | Gazette</title><meta property='og:site_name' content='Gazette'>"
                 "<meta property='article:published_time' content='2025-05-05T10:00:00Z'>"
                 "<link rel='canonical' href='https://gazette.example/bridge'></head><body><nav>Home World Sport</nav>"
                 "<article><h1>Bridge opens</h1><p>The new bridge over the Lenna opened on Monday after three years of "
                 "work, the mayor said, and the first buses crossed it at noon.</p><p>Traffic on the old ferry fell by "
                 "half within hours, the operator said.</p></article><footer>© Gazette</footer></body></html>")
    a = _one(f)
    assert isinstance(a, Article)
    assert (a.source, a.published, a.published_from, a.url) == ("Gazette", "2025-05-05", "metadata",
                                                                "https://gazette.example/bridge")
    assert "Home World Sport" not in a.text and "first buses" in a.text


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n", "white space"),
    ("bin.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("scripts.html", b"<html><body><script>var x=1;</script></body></html>", "no extractable"),
    ("furniture.txt", b"All news\nShare this\nLeave a Reply\n", "furniture"),
])
def test_bad_input_is_a_named_rejection(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    r = _one(f)
    assert isinstance(r, Rejection) and r.path.endswith(name) and reason in r.reason


def test_huge_file_rejected_without_reading(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    r = _one(f)
    assert isinstance(r, Rejection) and "limit" in r.reason and MAX_BYTES < 50 * 1024 * 1024


def test_hostile_nesting_does_not_crash(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 20000 + "<p>Deep text that is long enough to be an article, the mayor "
                 "said on Monday in Ferrola.</p>" + "</div>" * 20000 + "</body></html>")
    assert isinstance(_one(f), (Article, Rejection))


def test_a_folder_goes_on_past_bad_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text(BODY)
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text(BODY)
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Rejection", "Article", "Rejection"]
    assert "no such file" in items[2].reason
