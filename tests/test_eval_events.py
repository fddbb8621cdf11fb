"""Scorer of ``pipeline evaluate events`` and the PLOVER dev floors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pipeline.evaluation.events import (
    GoldRecord,
    add_arguments,
    gold_triples,
    predict,
    read_gold,
    run,
    score,
)
from tests.conftest import shared_path


def _g(etype: str, *triples: tuple[str, str, str]) -> GoldRecord:
    return GoldRecord("x", "text", etype, frozenset(triples))


def test_gold_triples_product_and_reciprocal() -> None:
    record = {"source": [{"code": "AAA"}], "target": [{"code": "BBB"}, {"code": "CCC"}]}
    assert gold_triples(record, "ASSAULT") == {("AAA", "ASSAULT", "BBB"),
                                               ("AAA", "ASSAULT", "CCC")}
    recip = {"source": [{"code": "AAA"}, {"code": "BBB"}], "target": "",
             "textInfo": {"markup": "(SRC/TAR: A) and (SRC/TAR: B) met"}}
    assert gold_triples(recip, "CONSULT") == {("AAA", "CONSULT", "BBB"),
                                              ("BBB", "CONSULT", "AAA")}
    alone = {"source": [{"code": "AAA"}], "target": ""}
    assert gold_triples(alone, "PROTEST") == {("AAA", "PROTEST", "-")}


def test_read_gold_maps_old_labels(tmp_path: Path) -> None:
    data = [
        {"id": "d", "event": "DOCUMENT", "text": "doc"},
        {"id": "1", "event": "DEMAND", "text": "a", "source": [{"code": "AAA"}]},
        {"id": "2", "event": "FIGHT", "text": "b", "source": [{"code": "AAA"}]},
        {"id": "3", "event": "DISAPPROVE", "text": "c", "source": [{"code": "AAA"}]},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    gold = read_gold(path)
    assert [g.event_type for g in gold] == ["REQUEST", "ASSAULT", "ACCUSE"]
    assert len(read_gold(path, limit=1)) == 1


def test_score_perfect_and_empty() -> None:
    gold = [_g("AGREE", ("A", "AGREE", "B")), _g("ASSAULT", ("B", "ASSAULT", "A"))]
    perfect = score(gold, ["AGREE", "ASSAULT"], [[("A", "AGREE", "B")], [("B", "ASSAULT", "A")]])
    assert perfect.type_micro_f1 == 1.0 and perfect.type_macro_f1 == 1.0
    assert perfect.triple_f1 == 1.0
    empty = score(gold, [None, None], [[], []])
    assert empty.type_micro_f1 == 0.0 and empty.triple_f1 == 0.0
    assert empty.confusion == {("AGREE", "-"): 1, ("ASSAULT", "-"): 1}


def test_score_partial() -> None:
    gold = [_g("AGREE", ("A", "AGREE", "B")), _g("ASSAULT", ("B", "ASSAULT", "A")),
            _g("AGREE", ("C", "AGREE", "-"))]
    s = score(gold, ["AGREE", "AGREE", None],
              [[("A", "AGREE", "B"), ("A", "AGREE", "C")], [("B", "AGREE", "A")], []])
    assert s.type_precision == pytest.approx(1 / 2)
    assert s.type_recall == pytest.approx(1 / 3)
    assert s.per_type["AGREE"][:2] == (pytest.approx(0.5), pytest.approx(0.5))
    assert s.per_type["ASSAULT"][2] == 0.0
    assert s.triple_precision == pytest.approx(1 / 3)
    assert s.triple_recall == pytest.approx(1 / 3)
    assert s.confusion[("ASSAULT", "AGREE")] == 1


def test_cli_arguments() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--gold", "x.json", "--limit", "5"])
    assert args.gold == Path("x.json") and args.limit == 5


def test_run_prints_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = [{"id": "1", "event": "ASSAULT", "text": "Chadian troops attacked a rebel base.",
             "source": [{"code": "TCD"}], "target": [{"code": "TCD"}]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(argparse.Namespace(gold=path, limit=None, errors=False)) == 0
    out = capsys.readouterr().out
    assert "micro-F1=1.000" in out and "confusion" in out


@pytest.mark.slow
def test_plover_dev_floor() -> None:
    gold = read_gold(shared_path("eval", "plover_gsr_cameo", "dev.json"))
    types, triples, _ = predict([g.text for g in gold])
    s = score(gold, types, triples)
    # measured on dev.json: micro-F1 0.887, macro-F1 0.857, triple F1 0.622
    assert s.type_micro_f1 >= 0.87
    assert s.type_macro_f1 >= 0.84
    assert s.triple_f1 >= 0.60
