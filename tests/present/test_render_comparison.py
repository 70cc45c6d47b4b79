"""The comparison sections (facts x outlets, omissions, framing) in the JSON report, the brief
and the HTML page, on invented articles through the whole pipeline."""

import copy
import re

import pytest

from parallax.compare.story import build_story
from parallax.errors import SchemaError
from parallax.model import Article
from parallax.present import build_report, render_html, render_markdown, validate
from parallax.run.local import analyze_articles

A = ("Foreign Minister Anna Berg met Defence Minister Tomas Vik in Oslo on March 12. "
     "Exactly 40 delegates from the northern ports attended the closing session of the harbour safety conference. "
     "The ministers insisted that the agreement would protect fishing crews.")
B = ("Anna Berg and Tomas Vik held a meeting in Bergen on March 12. "
     "In all, 60 delegates from the northern ports attended the closing session of the harbour safety conference. "
     "Berg said the so-called <b>reform</b> package was allegedly drafted by the regime in Kovia.")
C = "Berg met Vik on Wednesday to discuss the fishing quotas for the coming season, officials said."


@pytest.fixture(scope="module")
def report():
    raw = [Article(id="a", text=A, source="Nordic Wire", published="2025-03-14"),
           Article(id="b", text=B, source="Harbour Post", published="2025-03-14"),
           Article(id="c", text=C, source="Fjord Daily", published="2025-03-14")]
    arts = [a for a in analyze_articles(raw) if isinstance(a, Article)]
    return build_report(arts, [], [build_story("s-1", arts)])


def test_report_with_facts_coverage_and_framing_is_valid(report):
    validate(report)
    s = report["stories"][0]
    assert s["facts"] and s["coverage"] and s["framing"]
    assert [c["outlet"] for c in s["coverage"]] == ["Nordic Wire", "Harbour Post", "Fjord Daily"]


def test_validate_catches_a_coverage_row_naming_an_unknown_fact(report):
    bad = copy.deepcopy(report)
    bad["stories"][0]["coverage"][0]["omitted"].append("f-nonexistent")
    with pytest.raises(SchemaError, match="unknown facts"):
        validate(bad)
    bad = copy.deepcopy(report)
    bad["stories"][0]["facts"][0]["slots"][0]["evidence"]["end"] = 10_000
    with pytest.raises(SchemaError, match="outside article"):
        validate(bad)


def test_brief_has_the_matrix_the_omissions_and_the_framing_table(report):
    md = render_markdown(report)
    header = next(line for line in md.splitlines() if line.startswith("| fact |"))
    assert header.count("|") == 3 + 3  # fact, independent and one column per outlet
    conference = next(line for line in md.splitlines() if "delegates" in line and line.startswith("| "))
    assert conference.count("✓") == 2 and conference.count("·") == 1
    assert re.search(r"\*\*Fjord Daily\*\* did not report: .*delegates", md)
    framing = next(line for line in md.splitlines() if line.startswith("| Harbour Post |"))
    assert "allegedly" in framing and "so-called" in framing and "regime" in framing
    assert "<b>" not in md


def test_html_matrix_ticks_link_to_the_reporting_sentence(report):
    page = render_html(report)
    assert "<b>reform</b>" not in page
    matrix = page[page.index("class=matrix"):]
    matrix = matrix[:matrix.index("</table>")]
    targets = set(re.findall(r'id="([^"]+)"', page))
    ticks = re.findall(r'<td class=yes><a href="#([^"]+)">', matrix)
    assert ticks and all(t in targets for t in ticks)
    assert "Framing by outlet" in page


def test_one_statement_in_two_outlets_is_shown_with_what_each_changed():
    a = ('Mayor Ana Ruiz said: "We will rebuild the northern bridge before the winter storms arrive, '
         'whatever the cost to the city budget."')
    b = ('"We will rebuild the northern bridge before the winter storms come," Mayor Ana Ruiz said.')
    raw = [Article(id="a", text=a, source="Town Gazette", published="2025-05-01"),
           Article(id="b", text=b, source="River News", published="2025-05-01")]
    arts = [x for x in analyze_articles(raw) if isinstance(x, Article)]
    report = build_report(arts, [], [build_story("s-1", arts)])
    validate(report)
    s = report["stories"][0]
    assert len(s["quote_variants"]) == 1
    changes = s["quote_variants"][0]["changes"]
    cut = " ".join(c["a"] for c in changes if c["op"] in ("delete", "replace"))
    assert "budget" in cut and "arrive" in cut
    md = render_markdown(report)
    assert "*differences:*" in md and "budget" in md.split("*differences:*")[1]
    assert "One statement, two renderings" in render_html(report)
