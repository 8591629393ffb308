"""The public API example from the package docs runs as written."""

from __future__ import annotations

import pytest

import hechting
from hechting import (
    AnswerError,
    decode_answers,
    encode_answers,
    load_content,
    load_questionnaire,
    score,
)

EXPECTED_AREAS = [
    "trust_safety",
    "expressing_needs",
    "independence_closeness",
    "relying_on_partner",
    "conflict",
    "vulnerability",
    "communication",
    "decisions_goals",
]


def test_all_names_in_dunder_all_are_importable():
    for name in hechting.__all__:
        assert hasattr(hechting, name), name


def test_load_content_nl_style_names_and_areas():
    c = load_content("nl")
    assert c.lang == "nl"
    assert c.styles["anxious"].name == "Angstig"
    assert c.styles["secure"].name == "Veilig"
    assert [a.id for a in c.areas] == EXPECTED_AREAS
    assert len(c.areas) == 8
    # every area is reachable by id
    for area_id in EXPECTED_AREAS:
        assert c.area(area_id).id == area_id
    with pytest.raises(KeyError):
        c.area("no_such_area")


def test_load_content_en_has_english_names():
    c = load_content("en")
    assert c.styles["anxious"].name == "Anxious"
    assert [a.id for a in c.areas] == EXPECTED_AREAS


def test_default_language_is_dutch():
    assert load_content().lang == "nl"
    assert load_questionnaire().lang == "nl"
    assert load_questionnaire().form == "full"


@pytest.mark.parametrize(("form", "n"), [("short", 16), ("full", 32)])
def test_questionnaire_items_have_the_documented_attributes(form, n):
    q = load_questionnaire("nl", form)
    assert q.form == form
    assert len(q.items) == n
    assert len(q.item_ids) == n
    assert len(set(q.item_ids)) == n
    assert len(q.scale) == 7
    for item in q.items:
        assert isinstance(item.id, str) and item.id
        assert isinstance(item.text, str) and item.text.strip()
        assert item.dimension in ("anxiety", "avoidance")
        assert item.area in EXPECTED_AREAS
        assert isinstance(item.reverse, bool)
        if form == "short":
            assert item.short is True
    # by_area groups every item exactly once
    grouped = q.by_area()
    assert list(grouped) == EXPECTED_AREAS
    assert sorted(i.id for items in grouped.values() for i in items) == sorted(q.item_ids)


def test_score_encode_decode_example():
    q = load_questionnaire("nl", "short")
    answers = {item_id: (n % 7) + 1 for n, item_id in enumerate(q.item_ids)}
    r = score(q, answers)
    assert r.form == "short"
    assert 1 <= r.anxiety <= 7
    assert 1 <= r.avoidance <= 7
    assert r.style in {"secure", "anxious", "avoidant", "fearful"}
    assert set(r.areas) == set(EXPECTED_AREAS)

    code = encode_answers(q, answers)
    assert len(code) == 16
    assert decode_answers(q, code) == answers
    # scoring the decoded answers gives the same result
    assert score(q, decode_answers(q, code)) == r


def test_answer_error_is_a_value_error():
    assert issubclass(AnswerError, ValueError)
    q = load_questionnaire("nl", "short")
    with pytest.raises(ValueError):
        score(q, {})
    with pytest.raises(ValueError):
        decode_answers(q, "not a code")
