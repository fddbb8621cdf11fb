"""The TempEval-3 scorer on tiny hand-made TimeML strings, and a floor over TBAQ."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from pipeline.evaluation.dates import (
    Counts,
    GoldTimex,
    SystemTimex,
    add_arguments,
    evaluate,
    parse_timeml,
    read_gold,
    run,
    score_document,
)
from tests.conftest import shared_path

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-07" '
    'functionInDocument="CREATION_TIME">20010307</TIMEX3></DCT>\n<TEXT>\n'
    'The board <EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2001-03-05" functionInDocument="NONE">Monday</TIMEX3>'
    " &amp; voted.\n"
    'It will <EVENT eid="e2" class="OCCURRENCE">meet</EVENT> again in '
    '<TIMEX3 tid="t2" type="DURATION" value="P2W" functionInDocument="NONE">two weeks</TIMEX3>'
    ".\n</TEXT>\n</TimeML>\n"
)


def test_parse_timeml_keeps_offsets_into_the_stripped_text() -> None:
    doc = parse_timeml(TML, name="t.tml", group="g")
    assert doc.published == dt.date(2001, 3, 7)
    assert "<" not in doc.text and "&amp;" not in doc.text and "& voted" in doc.text
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.timexes] == [
        ("Monday", "DATE", "2001-03-05"),
        ("two weeks", "DURATION", "P2W"),
    ]


def _gold(*spans: tuple[int, int, str]) -> list[GoldTimex]:
    return [GoldTimex(s, e, "DATE", v) for s, e, v in spans]


def _sys(*spans: tuple[int, int, str]) -> list[SystemTimex]:
    return [SystemTimex(s, e, "DATE", v) for s, e, v in spans]


def test_strict_relaxed_and_value_counts() -> None:
    gold = _gold((0, 6, "A"), (10, 20, "B"), (30, 35, "C"))
    system = _sys((0, 6, "A"), (12, 20, "X"), (40, 45, "D"))
    c = score_document(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed, c.value_ok) == (3, 3, 1, 2, 1)
    s = c.scores()
    assert s["strict_p"] == pytest.approx(1 / 3)
    assert s["relaxed_r"] == pytest.approx(2 / 3)
    assert s["value_acc"] == pytest.approx(0.5)
    assert s["value_f1"] == pytest.approx(s["relaxed_f1"] * 0.5)


def test_matching_is_one_to_one() -> None:
    # two system spans overlap one gold span: only one may match it
    c = score_document(_gold((0, 10, "A")), _sys((0, 4, "A"), (5, 10, "A")))
    assert (c.relaxed, c.system) == (1, 2)
    assert c.scores()["relaxed_p"] == pytest.approx(0.5)


def test_exact_match_is_preferred_over_larger_overlap() -> None:
    gold = _gold((0, 10, "A"), (2, 6, "B"))
    system = _sys((2, 6, "B"), (0, 9, "A"))
    c = score_document(gold, system)
    assert (c.strict, c.relaxed, c.value_ok) == (1, 2, 2)


def test_empty_scores_are_zero_not_errors() -> None:
    assert Counts().scores()["value_f1"] == 0.0


def test_evaluate_a_folder_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.tml").write_text(TML, encoding="utf-8")
    docs = read_gold(tmp_path)
    assert [d.group for d in docs] == ["sub"]
    groups = evaluate(docs)
    assert groups["all"].gold == 2
    assert groups["all"].value_ok == 2, groups["all"].errors
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert run(parser.parse_args(["--gold", str(tmp_path)])) == 0
    out = capsys.readouterr().out
    assert "sub" in out and "all" in out and "valueF1" in out


#: Value F1 measured over all of TBAQ on 2026-11-30: 0.805 (relaxed F1 0.933, value acc 0.863).
TBAQ_VALUE_F1_FLOOR = 0.785


@pytest.mark.slow
@pytest.mark.shared
def test_tbaq_value_f1_floor() -> None:
    root = shared_path("eval", "tempeval3_tbaq", "raw")
    groups = evaluate(read_gold(root))
    scores = groups["all"].scores()
    assert groups["all"].gold > 1500
    assert scores["value_f1"] >= TBAQ_VALUE_F1_FLOOR, scores
