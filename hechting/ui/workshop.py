"""Workshop pieces: the store connection, the facilitator's dashboard and the join flow.

Only the facilitator's dashboard refreshes itself (``st.fragment(run_every=...)``);
participant pages never do. Controls need the facilitator key kept in the facilitator's
session; a URL parameter never grants control.
"""

from __future__ import annotations

import io
import os
import time
from functools import partial
from pathlib import Path

import streamlit as st

from hechting import STYLE_ORDER, load_questionnaire
from hechting.text import escape_markdown, fmt
from hechting.ui.components import plane_texts
from hechting.ui.state import content, lang, t
from hechting.workshop.store import Store, Workshop, WorkshopError, new_token

DEFAULT_SQLITE = Path(__file__).resolve().parents[2] / ".data" / "workshop.sqlite3"
REFRESH_SECONDS = 2.5
MAX_FAILED_JOINS = 8
FAILED_JOIN_WINDOW = 10 * 60
MAX_SIMULATED = 200


def database_url() -> str | None:
    """``HECHTING_DATABASE_URL``, else None when ``[connections.workshop]`` is in secrets."""
    url = os.environ.get("HECHTING_DATABASE_URL")
    if url:
        return url
    try:
        if "workshop" in st.secrets.get("connections", {}):
            return None
    except FileNotFoundError:  # no secrets.toml at all
        pass
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE}"


@st.cache_resource(show_spinner=False)
def _store_for(_engine, url_key: str) -> Store:
    return Store(_engine)


def store() -> Store:
    url = database_url()
    conn = st.connection("workshop", type="sql", url=url) if url else st.connection("workshop", type="sql")
    return _store_for(conn.engine, str(conn.engine.url))


def facilitator_password() -> str | None:
    try:
        value = st.secrets.get("workshop", {}).get("facilitator_password")
    except FileNotFoundError:
        return None
    return str(value) if value else None


def join_url(code: str) -> str:
    from hechting.ui.share import app_url

    return app_url("meedoen", code=code)


def qr_png(url: str) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=12, border=2)
    return buf.getvalue()


# --------------------------------------------------------------------------- facilitator


def _session_workshop() -> tuple[str, str] | None:
    code, key = st.session_state.get("ws_code"), st.session_state.get("ws_key")
    return (code, key) if code and key else None


def _create(simulated: bool) -> None:
    password = facilitator_password()
    if password and st.session_state.get("ws_password") != password:
        st.session_state["ws_error"] = "password"
        return
    title = st.session_state.get("ws_title", "") if not simulated else t("workshop.practice_title")
    form = st.session_state.get("ws_form", "short")
    try:
        created = store().create(title=title or "", form=form, simulated=simulated)
        if simulated:
            from hechting.workshop.group import simulate

            n = int(st.session_state.get("ws_sim_n", 24))
            n = min(max(n, 1), MAX_SIMULATED)
            q = load_questionnaire(lang(), created.workshop.form)
            store().add_simulated(created.workshop.code, created.key, simulate(q, n))
    except WorkshopError as exc:
        st.session_state["ws_error"] = exc.key
        return
    st.session_state.update(ws_code=created.workshop.code, ws_key=created.key, ws_show_key=True, ws_error=None)


def _open_existing() -> None:
    code, key = st.session_state.get("ws_open_code", ""), st.session_state.get("ws_open_key", "")
    try:
        ws = store().check_key(code, key)
    except WorkshopError as exc:
        st.session_state["ws_error"] = exc.key
        return
    st.session_state.update(ws_code=ws.code, ws_key=key, ws_show_key=False, ws_error=None)


def _leave() -> None:
    for k in ("ws_code", "ws_key", "ws_show_key", "ws_error", "projector"):
        st.session_state.pop(k, None)


def setup() -> None:
    """Create a workshop, rehearse with a practice one, or reopen one with code + key."""
    if err := st.session_state.get("ws_error"):
        st.error(t(f"workshop.error_{err}"), icon=":material/error:")
    password = facilitator_password()
    with st.container(border=True, key="ws_new"):
        st.subheader(t("workshop.new_title"), anchor=False)
        st.text_input(t("workshop.title_label"), key="ws_title", max_chars=80)
        st.segmented_control(
            t("quiz.form_label"), ("short", "full"), format_func=lambda f: t(f"quiz.form_{f}"),
            key="ws_form", default="short", required=True,
        )
        if password:
            st.text_input(t("workshop.password_label"), key="ws_password", type="password", max_chars=200)
        st.button(t("workshop.create"), type="primary", icon=":material/add:", on_click=_create, args=(False,), key="ws_create")
    with st.container(border=True, key="ws_practice"):
        st.subheader(t("workshop.practice_heading"), anchor=False)
        st.caption(t("workshop.practice_body"))
        st.number_input(t("workshop.practice_n"), min_value=1, max_value=MAX_SIMULATED, value=24, step=1, key="ws_sim_n")
        st.button(t("workshop.practice_create"), icon=":material/science:", on_click=_create, args=(True,), key="ws_practice_create")
    with st.container(border=True, key="ws_reopen"):
        st.subheader(t("workshop.reopen_title"), anchor=False)
        st.text_input(t("workshop.code_label"), key="ws_open_code", max_chars=32)
        st.text_input(t("workshop.key_label"), key="ws_open_key", type="password", max_chars=128)
        st.button(t("workshop.reopen"), icon=":material/login:", on_click=_open_existing, key="ws_reopen_btn")


def _control(**flags) -> None:
    sw = _session_workshop()
    if not sw:
        return
    try:
        store().set_flags(sw[0], sw[1], **flags)
    except WorkshopError as exc:
        st.session_state["ws_error"] = exc.key


def _delete() -> None:
    sw = _session_workshop()
    if not sw:
        return
    try:
        store().delete(*sw)
    except WorkshopError as exc:
        st.session_state["ws_error"] = exc.key
        return
    _leave()
    st.session_state["ws_deleted"] = True


def dashboard() -> None:
    """The facilitator's screen for the workshop in this session."""
    sw = _session_workshop()
    try:
        ws = store().check_key(*sw)
    except WorkshopError as exc:
        st.error(t(f"workshop.error_{exc.key}"), icon=":material/error:")
        st.button(t("workshop.leave"), on_click=_leave, key="ws_leave_gone")
        return
    projector = st.session_state.get("projector", False)
    if ws.simulated:
        st.warning(t("workshop.simulated_banner"), icon=":material/science:")
    if ws.title:
        st.subheader(escape_markdown(ws.title), anchor=False)
    if st.session_state.get("ws_show_key"):
        st.warning(t("workshop.key_once"), title=t("workshop.key_title"), icon=":material/key:")
        st.code(st.session_state["ws_key"], language=None)
        st.button(t("workshop.key_saved"), on_click=lambda: st.session_state.update(ws_show_key=False), key="ws_key_ok")
    if err := st.session_state.pop("ws_error", None):
        st.error(t(f"workshop.error_{err}"), icon=":material/error:")

    url = join_url(ws.code)
    cols = st.columns([2, 1] if not projector else [1, 1], vertical_alignment="center")
    with cols[0]:
        st.markdown(t("workshop.join_at"))
        st.title(" ".join((ws.code[:3], ws.code[3:])), anchor=False)
        st.code(url, language=None, wrap_lines=True)
    with cols[1]:
        st.image(qr_png(url), caption=t("workshop.qr_caption"), width="stretch", alt=t("workshop.qr_caption"))

    if not projector:
        with st.container(border=True, key="ws_controls"):
            st.markdown(f"**{t('workshop.controls')}**")
            with st.container(horizontal=True, vertical_alignment="center"):
                st.toggle(t("workshop.open"), value=ws.open, key="ws_ctl_open", on_change=lambda: _control(open=st.session_state["ws_ctl_open"]))
                st.toggle(t("workshop.reveal"), value=ws.revealed, key="ws_ctl_reveal", on_change=lambda: _control(revealed=st.session_state["ws_ctl_reveal"]))
                st.segmented_control(
                    t("workshop.cutoff"), ("midpoint", "median"), format_func=lambda c: t(f"workshop.cutoff_{c}"),
                    default=ws.cutoff, required=True, key="ws_ctl_cutoff",
                    on_change=lambda: _control(cutoff=st.session_state["ws_ctl_cutoff"]),
                )
            st.caption(t("workshop.cutoff_help"))
            with st.container(horizontal=True):
                st.download_button(
                    t("workshop.export_csv"), partial(_csv, store(), *sw, lang()), f"workshop-{ws.code}.csv", "text/csv",
                    icon=":material/table:", on_click="ignore", key="ws_csv",
                )
                st.download_button(
                    t("workshop.export_png"), partial(_png, store(), *sw, lang()), f"workshop-{ws.code}.png", "image/png",
                    icon=":material/image:", on_click="ignore", key="ws_png",
                )
                with st.popover(t("workshop.delete"), icon=":material/delete:"):
                    st.markdown(t("workshop.delete_confirm"))
                    st.button(t("workshop.delete_yes"), type="primary", on_click=_delete, key="ws_delete")
                st.button(t("workshop.leave"), icon=":material/logout:", on_click=_leave, key="ws_leave")
    st.toggle(t("workshop.projector"), key="projector", help=t("workshop.projector_help"))
    live(ws.code, projector)


def _csv(s: Store, code: str, key: str, language: str) -> str:
    """The group summary as CSV; made on a download click (no session access)."""
    from hechting.workshop.group import summary_csv

    ws = s.check_key(code, key)
    return summary_csv(load_questionnaire(language, ws.form), s.answer_codes(code, key), ws.cutoff)


def _png(s: Store, code: str, key: str, language: str) -> bytes:
    """The group plane as PNG; made on a download click (no session access)."""
    from hechting.charts import group_plane_chart
    from hechting.export import chart_png
    from hechting.workshop.group import summarise

    ws = s.check_key(code, key)
    g = summarise(load_questionnaire(language, ws.form), s.answer_codes(code, key), ws.cutoff)
    cut = g.cut_anxiety if ws.cutoff == "median" else 4.0
    return chart_png(group_plane_chart(g.points, plane_texts(language), cut=cut).to_dict())


@st.fragment(run_every=REFRESH_SECONDS)
def live(code: str, projector: bool) -> None:
    """Counts, the group plane and area averages; refreshes itself on this screen only."""
    from hechting.charts import group_plane_chart
    from hechting.workshop.group import summarise
    from hechting.workshop.store import MIN_SHOWN

    sw = _session_workshop()
    if not sw:
        return
    s = store()
    try:
        ws = s.check_key(*sw)
        joined, submitted = s.counts(code)
    except WorkshopError as exc:
        st.error(t(f"workshop.error_{exc.key}"), icon=":material/error:")
        return
    c = content()
    with st.container(horizontal=True):
        st.metric(t("workshop.joined"), joined, border=True)
        st.metric(t("workshop.submitted"), submitted, border=True)
        st.metric(t("workshop.status"), t("workshop.status_open") if ws.open else t("workshop.status_closed"), border=True)
    if not ws.revealed:
        st.info(t("workshop.hidden"), icon=":material/visibility_off:")
        return
    if submitted < MIN_SHOWN:
        st.info(t("workshop.too_few", n=MIN_SHOWN), icon=":material/group_add:")
        return
    g = summarise(load_questionnaire(lang(), ws.form), s.answer_codes(*sw), ws.cutoff)
    cut = g.cut_anxiety if ws.cutoff == "median" else 4.0
    chart = group_plane_chart(g.points, plane_texts(lang()), cut=cut, height=640 if projector else 480)
    st.altair_chart(chart, key="ws_plane", alt=t("workshop.plane_alt", n=g.n))
    if ws.cutoff == "median":
        st.caption(t("workshop.median_note", anx=fmt(g.cut_anxiety, lang()), avo=fmt(g.cut_avoidance, lang())))
    with st.container(horizontal=True):
        for style in STYLE_ORDER:
            st.metric(c.styles[style].name, g.counts[style], border=True)
    st.markdown(f"**{t('workshop.area_means')}**")
    table = g.area_means.assign(
        area=[c.area(a).title for a in g.area_means["area"]],
        anxiety=[fmt(v, lang()) for v in g.area_means["anxiety"]],
        avoidance=[fmt(v, lang()) for v in g.area_means["avoidance"]],
    ).rename(columns={"area": t("chart.area"), "anxiety": t("dim.anxiety"), "avoidance": t("dim.avoidance")})
    st.table(table, hide_index=True, alt=t("workshop.area_means"))


# --------------------------------------------------------------------------- participant


def _failures() -> list[float]:
    now = time.time()
    recent = [x for x in st.session_state.get("join_failures", []) if now - x < FAILED_JOIN_WINDOW]
    st.session_state["join_failures"] = recent
    return recent


def _join() -> None:
    if len(_failures()) >= MAX_FAILED_JOINS:
        st.session_state["join_error"] = "too_many"
        return
    token = st.session_state.setdefault("ws_token", new_token())
    try:
        ws = store().join(st.session_state.get("code", ""), token)
    except WorkshopError as exc:
        st.session_state["join_failures"].append(time.time())
        st.session_state["join_error"] = exc.key
        return
    st.session_state.update(joined_code=ws.code, join_error=None, ws_submitted=False)


def _leave_join() -> None:
    from hechting.ui import quiz

    quiz.reset(prefix="ws_")
    for k in ("joined_code", "join_error", "ws_submitted", "ws_answer_code"):
        st.session_state.pop(k, None)


def join_form() -> None:
    if err := st.session_state.get("join_error"):
        st.warning(t(f"workshop.error_{err}"), icon=":material/error:")
    with st.container(border=True, key="join_box"):
        st.text_input(
            t("workshop.code_label"), key="code", max_chars=32, bind="query-params",
            placeholder="ABC 234", help=t("workshop.code_help"),
        )
        st.button(t("workshop.join"), type="primary", icon=":material/login:", on_click=_join, key="join_btn")
    st.caption(t("workshop.participant_privacy"))


def joined_workshop() -> Workshop | None:
    code = st.session_state.get("joined_code")
    if not code:
        return None
    try:
        return store().get(code)
    except WorkshopError as exc:
        st.warning(t(f"workshop.error_{exc.key}"), icon=":material/error:")
        _leave_join()
        return None


def participate(ws: Workshop) -> None:
    """Take the workshop's form and submit anonymously; resubmitting replaces."""
    from hechting import encode_answers
    from hechting.ui import quiz, result
    from hechting.ui.state import scored_from_code

    if ws.title:
        st.subheader(escape_markdown(ws.title), anchor=False)
    if st.session_state.get("ws_submitted") and st.session_state.get("ws_answer_code"):
        st.success(t("workshop.thanks"), icon=":material/check_circle:")
        with st.container(horizontal=True):
            st.button(t("workshop.again"), icon=":material/replay:", key="ws_again",
                      on_click=lambda: st.session_state.update(ws_submitted=False))
            st.button(t("workshop.leave_join"), icon=":material/logout:", on_click=_leave_join, key="ws_leave_join")
        result.show(scored_from_code(st.session_state["ws_answer_code"]))
        return
    if not ws.open:
        st.warning(t("workshop.error_closed"), icon=":material/lock:")
        return
    q = load_questionnaire(lang(), ws.form)

    def done(answers: dict[str, int]) -> None:
        code = encode_answers(q, answers)
        try:
            store().submit(ws.code, st.session_state["ws_token"], code)
        except WorkshopError as exc:
            st.session_state["ws_submit_error"] = exc.key
            return
        st.session_state.update(ws_submitted=True, ws_answer_code=code)

    if err := st.session_state.pop("ws_submit_error", None):
        st.warning(t(f"workshop.error_{err}"), icon=":material/error:")
    quiz.render(q, done, prefix="ws_", submit_label=t("workshop.submit"))
