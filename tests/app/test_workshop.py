"""Workshop: the facilitator's dashboard and the participant's join flow.

Every test has its own SQLite file (``workshop_db`` in conftest.py); two ``AppTest``
sessions in one test share it, as two browsers share the server.
"""

from __future__ import annotations

import pytest
from apptools import goto, ok, open_page, profile_answers, start, values, walk_quiz
from streamlit.testing.v1 import AppTest

from hechting import STYLE_ORDER, load_content, load_questionnaire

N_SIMULATED = 12


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _keys(widgets) -> set[str]:
    return {w.key for w in widgets}


def _practice_workshop(n: int = N_SIMULATED) -> AppTest:
    at = open_page("workshop")
    at.number_input(key="ws_sim_n").set_value(n)
    at.button(key="ws_practice_create").click()
    return ok(at.run())


def _participant(code: str | None = None) -> AppTest:
    at = start()
    if code is not None:
        at.query_params["code"] = code
    return goto(at, "meedoen")


def _join(at: AppTest, code: str | None = None) -> AppTest:
    if code is not None:
        at.text_input(key="code").input(code)
    at.button(key="join_btn").click()
    return ok(at.run())


def test_practice_workshop_counts_and_reveal() -> None:
    c = load_content("nl")
    at = _practice_workshop()

    code = at.session_state["ws_code"]
    assert len(code) == 6
    assert c.ui("workshop.simulated_banner") in values(at, "warning")
    assert " ".join((code[:3], code[3:])) in values(at, "title")
    # the key is shown once, with the warning to keep it
    assert at.session_state["ws_key"] in values(at, "code")
    metrics = _metrics(at)
    assert metrics[c.ui("workshop.joined")] == str(N_SIMULATED)
    assert metrics[c.ui("workshop.submitted")] == str(N_SIMULATED)
    assert metrics[c.ui("workshop.status")] == c.ui("workshop.status_open")

    # results are hidden until revealed
    assert c.ui("workshop.hidden") in values(at, "info")
    style_names = [c.styles[s].name for s in STYLE_ORDER]
    assert not set(style_names) & set(metrics)

    at.toggle(key="ws_ctl_reveal").set_value(True)
    ok(at.run())
    metrics = _metrics(at)
    assert c.ui("workshop.hidden") not in values(at, "info")
    assert set(style_names) <= set(metrics)
    assert sum(int(metrics[name]) for name in style_names) == N_SIMULATED
    assert at.table  # area means


def test_participant_joins_with_link_code_and_submits() -> None:
    c = load_content("nl")
    facilitator = _practice_workshop()
    code = facilitator.session_state["ws_code"]

    participant = _participant(code)
    assert participant.text_input(key="code").value == code
    _join(participant)
    q = load_questionnaire("nl", "short")
    assert [s.key for s in participant.select_slider] == [f"ws_q_{i.id}" for i in q.items[:2]]
    assert not participant.warning

    ok(facilitator.run())
    assert _metrics(facilitator)[c.ui("workshop.joined")] == str(N_SIMULATED + 1)
    assert _metrics(facilitator)[c.ui("workshop.submitted")] == str(N_SIMULATED)

    answers = profile_answers("nl", "short", anxiety="low", avoidance="high")
    for _ in walk_quiz(participant, answers, prefix="ws_"):
        pass
    participant.button(key="ws_quiz_submit").click()
    ok(participant.run())
    assert c.ui("workshop.thanks") in values(participant, "success")
    assert c.styles["avoidant"].name in values(participant, "title")[-1]

    ok(facilitator.run())
    assert _metrics(facilitator)[c.ui("workshop.submitted")] == str(N_SIMULATED + 1)


@pytest.mark.parametrize(
    ("raw", "error"),
    [("ZZZZZZ", "unknown"), ("O0O0O0", "code_format"), ("", "code_format"), ("ABC-23", "code_format")],
)
def test_bad_code_warns(raw: str, error: str) -> None:
    c = load_content("nl")
    _practice_workshop()  # a real workshop exists, but not with these codes
    at = _join(_participant(), raw)

    assert values(at, "warning") == [c.ui(f"workshop.error_{error}")]
    assert not at.select_slider
    assert "joined_code" not in at.session_state or not at.session_state["joined_code"]


def test_too_many_failed_joins_blocks_even_a_good_code() -> None:
    c = load_content("nl")
    code = _practice_workshop().session_state["ws_code"]
    at = _participant()
    for _ in range(8):
        _join(at, "ZZZZZZ")
        assert values(at, "warning") == [c.ui("workshop.error_unknown")]

    _join(at, code)
    assert values(at, "warning") == [c.ui("workshop.error_too_many")]
    assert not at.select_slider


def test_closed_workshop_refuses_joins() -> None:
    c = load_content("nl")
    facilitator = _practice_workshop()
    code = facilitator.session_state["ws_code"]
    facilitator.toggle(key="ws_ctl_open").set_value(False)
    ok(facilitator.run())
    assert _metrics(facilitator)[c.ui("workshop.status")] == c.ui("workshop.status_closed")

    at = _join(_participant(code))
    assert values(at, "warning") == [c.ui("workshop.error_closed")]
    assert not at.select_slider


def test_no_controls_without_the_key() -> None:
    c = load_content("nl")
    code = _practice_workshop().session_state["ws_code"]

    at = open_page("workshop", code=code)
    # a fresh session gets the setup, never the dashboard, whatever the URL says
    assert {"ws_create", "ws_practice_create", "ws_reopen_btn"} <= _keys(at.button)
    assert not {"ws_ctl_open", "ws_ctl_reveal"} & _keys(at.toggle)
    assert c.ui("workshop.joined") not in _metrics(at)
    assert "ws_code" not in at.session_state or not at.session_state["ws_code"]


def test_reopen_needs_the_right_key() -> None:
    c = load_content("nl")
    facilitator = _practice_workshop()
    code, key = facilitator.session_state["ws_code"], facilitator.session_state["ws_key"]

    at = open_page("workshop")
    at.text_input(key="ws_open_code").input(code)
    at.text_input(key="ws_open_key").input("not-the-key")
    at.button(key="ws_reopen_btn").click()
    ok(at.run())
    assert values(at, "error") == [c.ui("workshop.error_key_invalid")]
    assert not {"ws_ctl_open", "ws_ctl_reveal"} & _keys(at.toggle)

    at.text_input(key="ws_open_key").input(key)
    at.button(key="ws_reopen_btn").click()
    ok(at.run())
    assert not at.error
    assert {"ws_ctl_open", "ws_ctl_reveal"} <= _keys(at.toggle)
    assert _metrics(at)[c.ui("workshop.joined")] == str(N_SIMULATED)
    # the key is not shown again on another device
    assert key not in values(at, "code")
