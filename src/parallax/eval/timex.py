"""Evaluate the temporal tagger on TimeML (TempEval-3) files.

``evaluate(path)`` reads every ``.tml`` file under ``path``, runs
:func:`parallax.analyze.timex.tag` on each document's raw text (the content of ``<TEXT>``
with the markup removed) against the document creation time (the ``TIMEX3`` whose
``functionInDocument`` is ``CREATION_TIME``), and scores it the way TempEval-3 does
(UzZaman et al., 2013):

- extraction precision / recall / F1, *strict* (same start and end) and *relaxed*
  (any overlap, each gold and system expression matched at most once);
- attribute F1 for ``type`` and ``value``: relaxed F1 times the attribute's accuracy over
  the relaxed matches.

The DCT expression itself is not scored (neither as gold nor as system output). This
is the official TempEval-3 scorer's definition (``evaluate_entities.py``: relaxed match by
overlap, attribute accuracy over the relaxed matches, so value F1 = 2 * correct values /
(gold + system)).

A file whose bytes repeat an earlier file's (the shared copy of TempEval-3 has
``testpipeline/AP900815-0044.tml``, a copy of ``TimeBank/AP900815-0044.tml``) is read once,
so no document counts twice. When the folder has subfolders (TimeBank, AQUAINT), the table
also gives the figures of each.
"""

from __future__ import annotations

import hashlib
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Timex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    path: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]
    excluded: tuple[tuple[int, int], ...] = ()  # CREATION_TIME spans inside the text


def _dct_value(value: str | None) -> str | None:
    if not value:
        return None
    # DCT values are ISO dates, sometimes with a time part: keep the date.
    return value[:10] if len(value) >= 10 else value


def read_tml(path: str | Path) -> TimeMLDoc:
    """Parse one TimeML file into its raw text, DCT and gold TIMEX3 spans."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"not a readable TimeML file ({exc}); expected XML with a <TEXT> element") from exc
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_value(t.get("value"))
            break
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(str(path), "no <TEXT> element; expected a TimeML document")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    excluded: list[tuple[int, int]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            if el.get("functionInDocument") == "CREATION_TIME":
                excluded.append((start, pos))
            else:
                gold.append(GoldTimex(start, pos, el.get("type", ""), el.get("value")))

    if text_el.text:
        parts.append(text_el.text)
        pos += len(text_el.text)
    for child in text_el:
        walk(child)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return TimeMLDoc(str(path), "".join(parts), dct, tuple(gold), tuple(excluded))


def read_folder(path: str | Path) -> list[TimeMLDoc]:
    """All ``.tml`` documents under ``path`` (recursively), sorted by path; a file identical
    to one already read is skipped (logged), so a copied document is not scored twice."""
    root = Path(path)
    if not root.exists():
        raise InputError(str(root), "no such folder; expected a folder of TimeML .tml files")
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    if not files:
        raise InputError(str(root), "no .tml files found; expected TempEval-3 TimeML files")
    docs, seen = [], {}
    for f in files:
        try:
            digest = hashlib.sha1(f.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(str(f), f"not a readable TimeML file ({exc})") from exc
        if digest in seen:
            log.info("skipping %s: the same file as %s", f, seen[digest])
            continue
        seen[digest] = f
        docs.append(read_tml(f))
    return docs


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class _Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: Iterable[GoldTimex], system: Iterable[Timex]) -> list[tuple[GoldTimex, Timex]]:
        gold = sorted(gold, key=lambda g: g.start)
        system = sorted(system, key=lambda s: s.start)
        self.gold += len(gold)
        self.system += len(system)
        gold_exact = {(g.start, g.end) for g in gold}
        self.strict += sum(1 for s in system if (s.start, s.end) in gold_exact)
        # One-to-one overlap matching, in text order: both lists are sorted and spans
        # within one list rarely overlap, so a greedy sweep finds the maximum matching.
        used: set[int] = set()
        pairs: list[tuple[GoldTimex, Timex]] = []
        for s in system:
            for i, g in enumerate(gold):
                if i in used:
                    continue
                if g.start >= s.end:
                    break
                if _overlaps((g.start, g.end), (s.start, s.end)):
                    used.add(i)
                    pairs.append((g, s))
                    break
        self.relaxed += len(pairs)
        self.type_ok += sum(1 for g, s in pairs if g.type == s.type)
        self.value_ok += sum(1 for g, s in pairs if g.value is not None and g.value == s.value)
        return pairs

    def scores(self) -> dict:
        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, _f1(p, r)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "gold": self.gold, "system": self.system, "strict_matches": self.strict,
            "relaxed_matches": self.relaxed,
            "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "type_f1": rf * type_acc,
            "value_accuracy": value_acc, "value_f1": rf * value_acc,
        }


TagFn = Callable[[str, str | None], list[Timex]]


def score(docs: Iterable[TimeMLDoc], tagger: TagFn | None = None, errors: list | None = None) -> dict:
    """TempEval-3 measures of ``tagger`` (default: Parallax's ``tag``) over ``docs``.

    When ``errors`` is a list, (doc path, kind, gold or None, system or None, text) tuples are
    appended to it for misses, spurious expressions and wrong values, for error analysis.
    """
    if tagger is None:
        from ..analyze.timex import tag as tagger  # noqa: N813
    counts = _Counts()
    ndocs = 0
    for doc in docs:
        ndocs += 1
        system = [t for t in tagger(doc.text, doc.dct)
                  if not any(_overlaps((t.start, t.end), ex) for ex in doc.excluded)]
        pairs = counts.add(doc.timexes, system)
        if errors is not None:
            matched_g = {id(g) for g, _ in pairs}
            matched_s = {id(s) for _, s in pairs}
            for g in doc.timexes:
                if id(g) not in matched_g:
                    errors.append((doc.path, "missed", g, None, doc.text[g.start:g.end]))
            for s in system:
                if id(s) not in matched_s:
                    errors.append((doc.path, "spurious", None, s, doc.text[s.start:s.end]))
            for g, s in pairs:
                if g.value != s.value or g.type != s.type:
                    errors.append((doc.path, "value", g, s,
                                   doc.text[g.start:g.end] + " | " + doc.text[s.start:s.end]))
    result = counts.scores()
    result["documents"] = ndocs
    return result


def _shape(value: str | None) -> str:
    return re.sub(r"\d", "9", value or "")


def gold_disagreements(docs: list[TimeMLDoc], errors: list) -> tuple[int, int]:
    """(wrong values, wrong values whose system form the gold uses for the same phrase elsewhere).

    A measure of how much of the value error is the annotation's own inconsistency: "last
    week" is 1989-W43 in one file and 1989-WXX in the next; "Friday night" a TIME with TNI in
    one, a plain DATE in another; the 1990s are "199" in TimeBank and "199X" in AQUAINT. The
    form compared is the type and the value with digits masked, so a wrong day is never
    counted as a convention.
    """
    forms: dict[str, set[tuple[str, str]]] = {}
    for d in docs:
        for g in d.timexes:
            forms.setdefault(d.text[g.start:g.end].lower(), set()).add((g.type, _shape(g.value)))
    wrong = disputed = 0
    for _path, kind, g, s, text in errors:
        if kind != "value" or g.value == s.value:
            continue
        wrong += 1
        form = (s.type, _shape(s.value))
        if form != (g.type, _shape(g.value)) and form in forms.get(text.split(" | ")[0].lower(), ()):
            disputed += 1
    return wrong, disputed


def format_table(result: dict, title: str = "timex") -> list[str]:
    """A small human-readable table of the measures."""
    lines = [
        f"{title}: {result['documents']} documents, {result['gold']} gold, {result['system']} system expressions",
        f"{'':<10}{'precision':>10}{'recall':>10}{'F1':>8}",
        f"{'strict':<10}{result['strict_precision']:>10.3f}{result['strict_recall']:>10.3f}{result['strict_f1']:>8.3f}",
        f"{'relaxed':<10}{result['relaxed_precision']:>10.3f}{result['relaxed_recall']:>10.3f}{result['relaxed_f1']:>8.3f}",
        f"{'':<10}{'accuracy':>10}{'':>10}{'F1':>8}",
        f"{'type':<10}{result['type_accuracy']:>10.3f}{'':>10}{result['type_f1']:>8.3f}",
        f"{'value':<10}{result['value_accuracy']:>10.3f}{'':>10}{result['value_f1']:>8.3f}",
    ]
    return lines


def _by_folder(root: Path, docs: list[TimeMLDoc]) -> dict[str, list[TimeMLDoc]]:
    """Documents grouped by the first folder under ``root`` they sit in (TimeBank, AQUAINT)."""
    groups: dict[str, list[TimeMLDoc]] = {}
    for d in docs:
        rel = Path(d.path).relative_to(root) if root.is_dir() else Path(d.path).name
        parts = Path(rel).parts
        if len(parts) > 1:
            groups.setdefault(parts[0], []).append(d)
    return groups


def evaluate(path: str | Path) -> tuple[list[str], dict]:
    """Score the tagger on every TimeML file under ``path``; returns (table lines, measures).

    The measures dict has ``strict_f1``, ``relaxed_f1``, ``type_f1``, ``value_f1`` and the
    precision / recall / accuracy figures behind them; with subfolders, ``by_folder`` holds
    the same four F1 figures for each.
    """
    from ..analyze.timex import tag

    root = Path(path)
    docs = read_folder(root)
    log.info("scoring the temporal tagger on %d TimeML documents from %s", len(docs), path)
    memo: dict[str, list[Timex]] = {}

    def tagger(text: str, dct: str | None) -> list[Timex]:
        if (text, dct) not in memo:
            memo[text, dct] = tag(text, dct)
        return memo[text, dct]

    errors: list = []
    result = score(docs, tagger, errors)
    lines = format_table(result, title=f"timex ({path})")
    wrong, disputed = gold_disagreements(docs, errors)
    result["value_errors"], result["value_errors_gold_elsewhere"] = wrong, disputed
    lines.append(f"value errors {wrong}; in {disputed} of them the tagger's form is one the gold "
                 f"itself uses for the same phrase elsewhere in this data")
    groups = _by_folder(root, docs)
    if len(groups) > 1:
        result["by_folder"] = {}
        lines.append(f"{'by folder':<12}{'docs':>6}{'strict':>8}{'relaxed':>9}{'type':>7}{'value':>7}")
        for name, part in sorted(groups.items()):
            r = score(part, tagger)
            result["by_folder"][name] = {k: r[k] for k in ("documents", "strict_f1", "relaxed_f1", "type_f1", "value_f1")}
            lines.append(f"{name:<12}{r['documents']:>6}{r['strict_f1']:>8.3f}{r['relaxed_f1']:>9.3f}"
                         f"{r['type_f1']:>7.3f}{r['value_f1']:>7.3f}")
    return lines, result


__all__ = ["evaluate", "score", "read_tml", "read_folder", "format_table", "TimeMLDoc", "GoldTimex"]
