"""The quiz: answer with sliders step by step, submit, and land on the result."""

from __future__ import annotations

from apptools import goto, ok, open_page, profile_answers, values, walk_quiz
from streamlit.testing.v1 import AppTest

from hechting import AREA_IDS, load_content, load_questionnaire

NEUTRAL = 4


def _slider_keys(at: AppTest) -> list[str]:
    return [s.key for s in at.select_slider]


def test_short_form_anxious_profile_reaches_result() -> None:
    c = load_content("nl")
    q = load_questionnaire("nl", "short")
    answers = profile_answers("nl", "short", anxiety="high", avoidance="low")
    # anxious profile, from the item keying: 7/1 on anxiety items, 1/7 on avoidance items
    for item in q.items:
        expected = {("anxiety", False): 7, ("anxiety", True): 1, ("avoidance", False): 1, ("avoidance", True): 7}
        assert answers[item.id] == expected[(item.dimension, item.reverse)]

    at = open_page("quiz")
    seen: list[str] = []
    for _ in walk_quiz(at, answers):
        seen += _slider_keys(at)
    assert seen == [f"q_{i.id}" for i in q.items]
    assert not at.warning

    at.button(key="quiz_submit").click()
    ok(at.run())
    # every slider was moved: no neutral-confirmation; the app switched to the result page
    assert c.ui("quiz.title") not in values(at, "title")

    title = values(at, "title")[0]
    assert c.styles["anxious"].name in title
    subheaders = values(at, "subheader")
    for area in c.areas:
        assert area.title in subheaders
    assert not at.error


def test_unmoved_sliders_ask_for_confirmation_then_show_result() -> None:
    c = load_content("nl")
    q = load_questionnaire("nl", "short")
    at = open_page("quiz")
    for _ in walk_quiz(at):
        pass

    at.button(key="quiz_submit").click()
    ok(at.run())
    # a warning lists every statement still on neutral; no result yet
    assert [w.proto.title for w in at.warning] == [c.ui("quiz.unmoved_title")]
    assert values(at, "warning") == [c.ui("quiz.unmoved_body", n=len(q.items))]
    markdown = "\n".join(values(at, "markdown"))
    for item in q.items:
        assert item.text in markdown
    assert values(at, "title") == [c.ui("quiz.title")]
    assert "submitted_code" not in at.session_state

    at.button(key="quiz_confirm_yes").click()
    ok(at.run())
    assert c.ui("quiz.title") not in values(at, "title")

    secure = c.styles["secure"].name
    assert values(at, "title")[0] == c.ui(
        "result.headline_borderline",
        style=secure,
        others=c.ui("result.or").join(c.styles[s].name for s in ("anxious", "avoidant", "fearful")),
    )
    assert c.ui("result.style_title", style=secure) in values(at, "header")
    assert at.session_state["submitted_code"] == "4" * len(q.items)


def test_confirm_no_goes_back_to_first_unmoved_step() -> None:
    c = load_content("nl")
    q = load_questionnaire("nl", "short")
    at = open_page("quiz")
    for _ in walk_quiz(at):
        pass
    at.button(key="quiz_submit").click()
    ok(at.run())

    at.button(key="quiz_confirm_no").click()
    ok(at.run())
    assert not at.warning
    assert values(at, "subheader")[0] == c.area(q.items[0].area).title
    assert "submitted_code" not in at.session_state


def test_answers_survive_switching_pages() -> None:
    q = load_questionnaire("nl", "short")
    at = open_page("quiz")
    first = [i for i in q.items if i.area == AREA_IDS[0]]
    for value, item in zip((2, 6), first, strict=True):
        at.select_slider(key=f"q_{item.id}").set_value(value)
    ok(at.run())

    goto(at, "theorie")
    goto(at, "quiz")
    assert [at.select_slider(key=f"q_{i.id}").value for i in first] == [2, 6]


def test_restart_clears_answers() -> None:
    q = load_questionnaire("nl", "short")
    at = open_page("quiz")
    first = [i for i in q.items if i.area == AREA_IDS[0]]
    for item in first:
        at.select_slider(key=f"q_{item.id}").set_value(7)
    ok(at.run())
    at.button(key="quiz_next").click()
    ok(at.run())

    at.button(key="quiz_restart").click()
    ok(at.run())
    # back on the first step, every slider on neutral again
    assert _slider_keys(at) == [f"q_{i.id}" for i in first]
    assert [s.value for s in at.select_slider] == [NEUTRAL] * len(first)
    assert at.button(key="quiz_prev").disabled


def test_full_form_has_32_sliders_over_8_steps() -> None:
    at = open_page("quiz")
    at.button_group(key="form_choice").set_value("full")
    ok(at.run())
    steps = 0
    keys: list[str] = []
    for _ in walk_quiz(at):
        steps += 1
        keys += _slider_keys(at)
    assert steps == 8
    assert len(keys) == len(set(keys)) == 32
    assert keys == [f"q_{i.id}" for i in load_questionnaire("nl", "full").items]
