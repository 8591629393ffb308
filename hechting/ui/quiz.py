"""The quiz: one slider per statement, one intimacy area per step.

Used by the quiz page, by the couple page (partner 2 in the same browser) and by the
workshop participant page; ``prefix`` keeps their answers apart in the session.
Sliders start at the neutral 4; the quiz tracks which ones were moved and, before
scoring, asks once whether neutral was really meant for the others.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from hechting import AREA_IDS, AnswerError, Questionnaire
from hechting.ui.state import content, t

NEUTRAL = 4
OPTIONS = (1, 2, 3, 4, 5, 6, 7)


def _k(prefix: str, name: str) -> str:
    return f"{prefix}quiz_{name}"


def slider_key(prefix: str, item_id: str) -> str:
    return f"{prefix}q_{item_id}"


def _moved(prefix: str) -> set[str]:
    return st.session_state.setdefault(_k(prefix, "moved"), set())


def _mark_moved(prefix: str, item_id: str) -> None:
    _moved(prefix).add(item_id)
    st.session_state[_k(prefix, "confirm")] = False


def answers(q: Questionnaire, prefix: str = "") -> dict[str, int]:
    return {i.id: st.session_state.get(slider_key(prefix, i.id), NEUTRAL) for i in q.items}


def unmoved(q: Questionnaire, prefix: str = "") -> list[str]:
    moved = _moved(prefix)
    return [i.id for i in q.items if i.id not in moved]


def reset(prefix: str = "") -> None:
    """Forget every answer of this quiz (all forms) and start at the first step."""
    for key in list(st.session_state):
        if key.startswith(f"{prefix}q_") or key.startswith(f"{prefix}quiz_"):
            del st.session_state[key]


def _go(prefix: str, step: int) -> None:
    st.session_state[_k(prefix, "step")] = step
    st.session_state[_k(prefix, "confirm")] = False


def render(
    q: Questionnaire,
    on_submit: Callable[[dict[str, int]], None],
    *,
    prefix: str = "",
    submit_label: str | None = None,
) -> None:
    """Draw the current step of the quiz; ``on_submit(answers)`` is called from the submit
    button's callback (it may call ``st.switch_page``; it should not draw anything)."""
    c = content()
    steps = [a for a in AREA_IDS if q.by_area()[a]]
    step = min(max(st.session_state.get(_k(prefix, "step"), 0), 0), len(steps) - 1)
    area_id = steps[step]
    area = c.area(area_id)
    moved = _moved(prefix)

    n_moved = sum(1 for i in q.items if i.id in moved)
    st.progress(
        (step + 1) / len(steps),
        text=t("quiz.progress", step=step + 1, steps=len(steps), moved=n_moved, total=len(q.items)),
    )
    with st.container(border=True, key=f"{prefix}quiz_area"):
        st.subheader(area.title, anchor=False)
        st.caption(t("quiz.scale_hint", low=q.scale[0].lower(), high=q.scale[-1].lower()))
        for item in q.by_area()[area_id]:
            key = slider_key(prefix, item.id)
            st.session_state.setdefault(key, NEUTRAL)
            st.select_slider(
                item.text,
                options=OPTIONS,
                format_func=lambda v: f"{v} · {q.scale[v - 1]}",
                key=key,
                persist_state="session",
                on_change=_mark_moved,
                args=(prefix, item.id),
            )

    last = step == len(steps) - 1
    with st.container(horizontal=True, key=f"{prefix}quiz_nav"):
        st.button(
            t("quiz.previous"),
            icon=":material/arrow_back:",
            disabled=step == 0,
            on_click=_go,
            args=(prefix, step - 1),
            key=f"{prefix}quiz_prev",
        )
        if not last:
            st.button(
                t("quiz.next"),
                icon=":material/arrow_forward:",
                icon_position="right",
                type="primary",
                on_click=_go,
                args=(prefix, step + 1),
                key=f"{prefix}quiz_next",
            )
        else:
            st.button(
                submit_label or t("quiz.submit"),
                icon=":material/check:",
                type="primary",
                key=f"{prefix}quiz_submit",
                on_click=_submit,
                args=(q, on_submit, prefix, False),
            )

    if err := st.session_state.pop(_k(prefix, "error"), None):
        st.error(t(f"error.{err}"), icon=":material/error:")
    if last and st.session_state.get(_k(prefix, "confirm")):
        _confirm_neutral(q, on_submit, prefix, steps)


def _confirm_neutral(
    q: Questionnaire, on_submit: Callable[[dict[str, int]], None], prefix: str, steps: list[str]
) -> None:
    c = content()
    left = unmoved(q, prefix)
    if not left:
        return
    by_id = {i.id: i for i in q.items}
    with st.container(border=True, key=f"{prefix}quiz_confirm_box"):
        st.warning(t("quiz.unmoved_body", n=len(left)), title=t("quiz.unmoved_title"), icon=":material/help:")
        for item_id in left:
            item = by_id[item_id]
            st.markdown(f"- **{c.area(item.area).title}**: {item.text}")
        with st.container(horizontal=True):
            st.button(
                t("quiz.confirm_neutral"),
                type="primary",
                icon=":material/check:",
                key=f"{prefix}quiz_confirm_yes",
                on_click=_submit,
                args=(q, on_submit, prefix, True),
            )
            first = steps.index(by_id[left[0]].area)
            st.button(
                t("quiz.back_to_unmoved"),
                icon=":material/edit:",
                on_click=_go,
                args=(prefix, first),
                key=f"{prefix}quiz_confirm_no",
            )


def _submit(
    q: Questionnaire, on_submit: Callable[[dict[str, int]], None], prefix: str, confirmed: bool
) -> None:
    """Submit callback: runs before the rerun, so submitting costs one script run, not two.

    Asks once about sliders left on neutral; a refused answer set shows a message."""
    if not confirmed and unmoved(q, prefix):
        st.session_state[_k(prefix, "confirm")] = True
        return
    st.session_state[_k(prefix, "confirm")] = False
    try:
        on_submit(answers(q, prefix))
    except AnswerError as exc:
        st.session_state[_k(prefix, "error")] = exc.key
