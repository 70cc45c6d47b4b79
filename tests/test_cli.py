"""The user's path end to end: `parallax analyze` on folders, the store, bad input, the demo."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.present import validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PARALLAX = str(Path(sys.executable).parent / "parallax")


def run(*args, stdin=None, cwd=None):
    return subprocess.run([PARALLAX, *map(str, args)], capture_output=True, text=True, input=stdin, cwd=cwd)


def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent on this machine")
    return SEEDS


def test_help_has_an_example_on_every_command():
    for cmd in ("analyze", "ingest", "demo", "eval"):
        out = run(cmd, "--help")
        assert out.returncode == 0
        assert "Example" in out.stdout, cmd


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    proc = run("analyze", seeds(), "-o", out / "report.json", "--md", out / "brief.md", "--html", out / "report.html")
    assert proc.returncode == 0, proc.stderr
    return out, json.loads((out / "report.json").read_text())


def test_seeds_make_one_story_of_five_and_a_valid_report(seed_report):
    out, report = seed_report
    validate(report)
    assert len(report["articles"]) == 5
    assert [len(s["articles"]) for s in report["stories"]] == [5]
    assert (out / "brief.md").read_text().strip()
    assert "<html" in (out / "report.html").read_text().lower()


def test_seed_dates_are_right_or_honestly_null(seed_report):
    _, report = seed_report
    by = {a["id"][:3]: a for a in report["articles"]}
    assert (by["000"]["published"], by["000"]["published_from"]) == ("2022-01-21", "header")
    assert (by["001"]["published"], by["001"]["published_from"]) == ("2022-01-20", "header")
    assert (by["002"]["published"], by["002"]["published_from"]) == ("2022-01-21", "dateline")
    assert (by["004"]["published"], by["004"]["published_from"]) == ("2022-01-21", "dateline")
    # 003 carries no date: null, or an inference that says how it was made
    assert by["003"]["published"] is None or by["003"]["published_from"] == "inferred"
    assert by["003"]["published_reason"]


def test_seed_headlines_found_and_furniture_removed(seed_report):
    _, report = seed_report
    by = {a["id"][:3]: a for a in report["articles"]}
    assert by["000"]["title"] is None and by["001"]["title"] is None
    for k in ("002", "003", "004"):
        assert by[k]["title"] and by[k]["title"] not in by[k]["text"].split("\n")[0:1]
    assert "All news" in by["002"]["removed"] and "All news" not in by["002"]["text"]
    for furniture in ("Be the first to comment", "Leave a Reply"):
        assert furniture not in by["003"]["text"]
        assert any(furniture in r for r in by["003"]["removed"])


def test_store_rerun_adds_nothing(tmp_path):
    db = tmp_path / "news.db"
    first = run("analyze", seeds(), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "(5 new to the store)" in first.stderr
    again = run("analyze", seeds(), "--db", db, "-o", tmp_path / "r.json")
    assert again.returncode == 0
    assert "(0 new to the store)" in again.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert [len(s["articles"]) for s in report["stories"]] == [5]


def test_bad_input_is_named_and_the_rest_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (tmp_path / "good.txt").write_text(
        "Council approves harbour budget\n\nThe town council of Ferrola approved the harbour budget on Monday, "
        "the mayor said. The vote was nine to two.\n")
    proc = run("analyze", tmp_path, "-o", tmp_path / "r.json")
    assert proc.returncode == 0, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("parallax: rejected")]
    assert any("empty.txt" in l for l in lines) and any("binary.txt" in l for l in lines)
    report = json.loads((tmp_path / "r.json").read_text())
    validate(report)
    assert [a["id"] for a in report["articles"]] == ["good"]
    assert {Path(r["path"]).name for r in report["rejected"]} == {"empty.txt", "binary.txt"}


def test_nothing_usable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    proc = run("analyze", tmp_path)
    assert proc.returncode == 2
    assert "empty.txt" in proc.stderr


def test_missing_path_is_reported_not_a_traceback(tmp_path):
    proc = run("analyze", tmp_path / "nope")
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "Traceback" not in proc.stderr


def test_standard_input(tmp_path):
    text = ("Ferrola council approves harbour budget\n\nThe town council of Ferrola approved the harbour "
            "budget on Monday, the mayor said.\n")
    proc = run("analyze", "-", "-o", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    validate(report)
    assert len(report["articles"]) == 1
