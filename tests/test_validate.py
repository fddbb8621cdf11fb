"""Validation: failing rows are quarantined with their reasons, never dropped silently."""

from __future__ import annotations

from pipeline.tables import build_frame
from pipeline.validate import validate_tables
from tests.test_schemas import AID, article, mention


def frames(*mentions: dict[str, object]) -> dict[str, object]:
    return {
        "articles": build_frame("articles", [article()]),
        "mentions": build_frame("mentions", list(mentions)),
    }


def test_good_rows_pass_untouched() -> None:
    result = validate_tables(frames(mention()))
    assert len(result.valid["mentions"]) == 1
    assert result.quarantine == {}


def test_span_text_mismatch_is_quarantined() -> None:
    result = validate_tables(frames(mention(), mention(start=6, end=11, text="World")))
    assert len(result.valid["mentions"]) == 1
    bad = result.quarantine["mentions"]
    assert len(bad) == 1
    assert "span_text_mismatch" in bad.loc[0, "failures"]


def test_span_outside_text_is_quarantined() -> None:
    result = validate_tables(frames(mention(start=6, end=99, text="world.")))
    assert len(result.valid["mentions"]) == 0
    assert "outside_text" in result.quarantine["mentions"].loc[0, "failures"]


def test_unknown_article_is_quarantined() -> None:
    result = validate_tables(frames(mention(article_id="1111111111111111")))
    assert "not_in_articles" in result.quarantine["mentions"].loc[0, "failures"]


def test_schema_failure_is_quarantined_with_check_name() -> None:
    result = validate_tables(frames(mention(kind="alias"), mention(start=6, end=11, text="world")))
    assert list(result.valid["mentions"]["start"]) == [6]
    assert "kind" in result.quarantine["mentions"].loc[0, "failures"]
    assert result.n_quarantined == {"mentions": 1}


def test_children_of_a_quarantined_article_are_quarantined_too() -> None:
    data = {
        "articles": build_frame("articles", [article(n_words=0)]),
        "mentions": build_frame("mentions", [mention()]),
    }
    result = validate_tables(data)
    assert len(result.valid["articles"]) == 0
    assert result.n_quarantined == {"articles": 1, "mentions": 1}
    assert result.quarantine["mentions"].loc[0, "article_id"] == AID
