"""Quiz: choose the short or full form, answer with sliders, then see the result."""

import streamlit as st

from hechting.ui import quiz
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.state import FORM_KEY, questionnaire, submit, t

ensure_entrypoint()
if st.session_state.pop("quiz_show_result", False):
    # query_params={}: the default (None) would clear the URL, and ?lang= is bound to a widget
    st.switch_page("pages/resultaat.py", query_params={})
st.title(t("quiz.title"), anchor=False)
st.markdown(t("quiz.lead"))

with st.container(horizontal=True, vertical_alignment="bottom"):
    form = st.segmented_control(
        t("quiz.form_label"),
        options=("short", "full"),
        format_func=lambda f: t(f"quiz.form_{f}"),
        key=FORM_KEY,
        required=True,
        persist_state="session",
    )
    st.button(t("quiz.restart"), icon=":material/restart_alt:", on_click=quiz.reset, key="quiz_restart")

q = questionnaire(form)


def _done(answers: dict[str, int]) -> None:
    """Runs in the submit button's callback, before the next run."""
    submit(q, answers)
    st.session_state["quiz_show_result"] = True


quiz.render(q, _done)
