"""Figures 1 and 2: server-side time of one rerun, in process with ``AppTest``.

Both go through app.py as a browser session does (``AppTest.from_file("app.py")`` then
``switch_page``), and both compare against a bare script that puts the same elements on
the screen, run by the same ``AppTest`` machinery in the same process, interleaved.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, Figure, fmt_ms, interleaved, median, ratio, summary

QUIZ_BUDGET = 1.3
RESULT_BUDGET = 1.5
TIMEOUT = 60
TEXT_TYPES = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "code")


class _Quiet(logging.Filter):
    """Drops Streamlit's warnings about running outside ``streamlit run`` (AppTest is)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


def prepare(db_dir: Path) -> None:
    """In-process setup shared by figures 1 and 2.

    * The workshop store never touches .data/ in the repository.
    * Runs go through app.py as in a warmed-up server. ``AppTest`` resets
      ``PagesManager.uses_pages_directory`` before every run; with a ``pages/`` folder next to
      app.py each run would then start in legacy multipage mode and run twice (see
      hechting/ui/boot.py and tests/app/conftest.py, which does the same). A running server
      leaves that mode once per process, so we keep it off here too.
    * Streamlit's "missing ScriptRunContext" chatter is silenced.
    """
    os.environ["HECHTING_DATABASE_URL"] = f"sqlite:///{db_dir / 'apptest.sqlite3'}"
    from streamlit import logger
    from streamlit.runtime.pages_manager import PagesManager

    logger.set_log_level("error")
    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.state.session_state_proxy"):
        log = logger.get_logger(name)
        if not any(isinstance(f, _Quiet) for f in log.filters):
            log.addFilter(_Quiet())
    if not getattr(PagesManager.__init__, "_bench_patched", False):
        original = PagesManager.__init__

        def init(self, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            PagesManager.uses_pages_directory = False

        init._bench_patched = True  # type: ignore[attr-defined]
        PagesManager.__init__ = init  # type: ignore[method-assign]


def _check(at: Any, what: str) -> Any:
    if at.exception:
        raise RuntimeError(f"{what} raised: {[e.value for e in at.exception]}")
    return at


def element_counts(at: Any) -> dict[str, int]:
    """How many elements of each type the last run put on the screen (sidebar included)."""
    from streamlit.testing.v1.element_tree import Block

    counts: Counter[str] = Counter()
    stack = [at._tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Block):
            stack.extend(node.children.values())
        else:
            counts[node.type] += 1
    return dict(sorted(counts.items()))


def page_texts(at: Any) -> list[str]:
    """The texts the page shows in text elements, in page order."""
    out = []
    for kind in TEXT_TYPES:
        out.extend(str(e.value) for e in at.get(kind))
    return out


def _timed_run(at: Any, what: str) -> float:
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    _check(at, what)
    return dt


def _app(locale: str = "nl-NL") -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.context = {"locale": locale}
    return at


# --------------------------------------------------------------------------- figure 1


def quiz_baseline(spec: dict) -> None:
    """Bare Streamlit with the quiz page's screen: the same widgets, texts and containers."""
    import streamlit as st

    st.set_page_config(page_title="Baseline", layout="centered")
    with st.sidebar:
        st.segmented_control(spec["lang_label"], options=spec["lang_options"], key="lang", required=True)
    st.title(spec["title"], anchor=False)
    st.markdown(spec["lead"])
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.segmented_control(spec["form_label"], options=spec["form_options"], key="form_choice", required=True)
        st.button(spec["restart"], key="quiz_restart")
    st.progress(spec["progress"], text=spec["progress_text"])
    scale = spec["scale"]
    with st.container(border=True, key="quiz_area"):
        st.subheader(spec["area"], anchor=False)
        st.caption(spec["hint"])
        for n, label in enumerate(spec["sliders"]):
            st.select_slider(
                label, options=(1, 2, 3, 4, 5, 6, 7), value=4,
                format_func=lambda v: f"{v} · {scale[v - 1]}", key=f"q_{n}",
            )
    with st.container(horizontal=True, key="quiz_nav"):
        for n, label in enumerate(spec["buttons"]):
            st.button(label, key=f"nav_{n}", disabled=n == 0)


def _quiz_spec(at: Any) -> dict:
    """What the app's quiz page shows, to mirror it in the baseline."""
    from hechting import load_questionnaire

    q = load_questionnaire("nl", "full")
    groups = at.get("button_group")
    nav = [b.label for b in at.button if b.key in ("quiz_prev", "quiz_next", "quiz_submit")]
    progress = at.get("progress")[0].proto
    return {
        "lang_label": groups[0].label,
        "lang_options": list(groups[0].options),
        "form_label": groups[1].label,
        "form_options": list(groups[1].options),
        "title": at.title[0].value,
        "lead": at.markdown[0].value,
        "restart": at.button(key="quiz_restart").label,
        "progress": progress.value / 100,
        "progress_text": progress.text,
        "area": at.subheader[0].value,
        "hint": at.caption[0].value,
        "scale": list(q.scale),
        "sliders": [s.label for s in at.select_slider],
        "buttons": nav,
    }


def quiz_rerun(reps: int, warmup: int = 5) -> Figure:
    from streamlit.testing.v1 import AppTest

    from hechting import load_questionnaire

    fig = Figure(1, "Quiz rerun (full form, one slider moved)", budget=f"<= {QUIZ_BUDGET}x")
    first_item = load_questionnaire("nl", "full").items[0].id
    key = f"q_{first_item}"

    app = _app()
    app.session_state["form_choice"] = "full"
    _check(app.run(), "app start")
    _check(app.switch_page("pages/quiz.py").run(), "quiz page")
    if len(app.select_slider) != 4:
        raise RuntimeError(f"expected 4 sliders on the full form's first step, got {len(app.select_slider)}")
    spec = _quiz_spec(app)
    base = AppTest.from_function(quiz_baseline, args=(spec,), default_timeout=TIMEOUT)
    _check(base.run(), "baseline")
    base_key = base.select_slider[0].key

    values = {"app": 4, "base": 4}

    def run_app() -> float:
        values["app"] = values["app"] % 7 + 1  # always a different value: a real change
        app.select_slider(key=key).set_value(values["app"])
        return _timed_run(app, "quiz rerun")

    def run_base() -> float:
        values["base"] = values["base"] % 7 + 1
        base.select_slider(key=base_key).set_value(values["base"])
        return _timed_run(base, "baseline rerun")

    interleaved(warmup, {"app": run_app, "baseline": run_base})
    times = interleaved(reps, {"app": run_app, "baseline": run_base})
    a, b = median(times["app"]), median(times["baseline"])
    fig.value, fig.baseline, fig.ratio = fmt_ms(a), fmt_ms(b), ratio(a, b)
    fig.passed = fig.ratio <= QUIZ_BUDGET
    fig.details = {
        "app_ms": summary(times["app"], 1000),
        "baseline_ms": summary(times["baseline"], 1000),
        "slider_key": key,
        "app_elements": element_counts(app),
        "baseline_elements": element_counts(base),
        "note": "AppTest.run() wall time after set_value on one select_slider; medians of interleaved runs",
    }
    return fig


# --------------------------------------------------------------------------- figure 2


def result_baseline(texts: list[str]) -> None:
    """Bare Streamlit: one layered Altair chart and the result page's amount of text."""
    import altair as alt
    import pandas as pd
    import streamlit as st

    st.set_page_config(page_title="Baseline", layout="centered")
    areas = [f"Area {n}" for n in range(1, 9)]
    df = pd.DataFrame(
        [{"area": a, "dimension": d, "score": 1 + (n * 7 + k * 3) % 7} for n, a in enumerate(areas)
         for k, d in enumerate(("anxiety", "avoidance"))]
    )
    rule = alt.Chart(pd.DataFrame({"m": [4.0]})).mark_rule(strokeDash=[4, 4]).encode(x="m:Q")
    dots = alt.Chart(df).mark_point(filled=True, size=90).encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[1, 7])), y=alt.Y("area:N", sort=areas),
        color="dimension:N", shape="dimension:N", tooltip=["area", "dimension", "score"],
    )
    st.altair_chart(alt.layer(rule, dots).properties(height=320, width="container"), key="chart")
    for text in texts:
        st.markdown(text)


def sample_code(seed: int = 7) -> str:
    """A fixed, valid 32-digit (full form) answer code."""
    from hechting import encode_answers, load_questionnaire

    q = load_questionnaire("nl", "full")
    rng = random.Random(seed)
    return encode_answers(q, {i.id: rng.randint(1, 7) for i in q.items})


def result_rerun(reps: int, warmup: int = 3) -> Figure:
    from streamlit.testing.v1 import AppTest

    fig = Figure(2, "Result rerun (?a=<32-digit code>)", budget=f"<= {RESULT_BUDGET}x")
    code = sample_code()
    app = _app()
    _check(app.run(), "app start")
    app.query_params["a"] = code
    _check(app.switch_page("pages/resultaat.py").run(), "result page")
    charts = app.get("vega_lite_chart")
    if len(charts) != 2 or len(app.subheader) < 8:
        raise RuntimeError(f"result page incomplete: {len(charts)} charts, {len(app.subheader)} subheaders")
    texts = page_texts(app)
    chars = sum(len(t) for t in texts)
    base = AppTest.from_function(result_baseline, args=(texts,), default_timeout=TIMEOUT)
    _check(base.run(), "baseline")

    runs = {"app": lambda: _timed_run(app, "result rerun"), "baseline": lambda: _timed_run(base, "baseline rerun")}
    interleaved(warmup, runs)
    times = interleaved(reps, runs)
    a, b = median(times["app"]), median(times["baseline"])
    fig.value, fig.baseline, fig.ratio = fmt_ms(a), fmt_ms(b), ratio(a, b)
    fig.passed = fig.ratio <= RESULT_BUDGET
    fig.details = {
        "app_ms": summary(times["app"], 1000),
        "baseline_ms": summary(times["baseline"], 1000),
        "code": code,
        "text_elements": len(texts),
        "text_chars": chars,
        "app_elements": element_counts(app),
        "baseline_elements": element_counts(base),
        "note": "AppTest.run() wall time of a rerun without changes; baseline renders the same texts as markdown",
    }
    return fig
