"""The couple view: two partners, each from a link, a pasted code, this session's result
or the quiz taken in the same browser; both on one plane, with real differences only."""

from __future__ import annotations

from functools import partial
from typing import Literal

import streamlit as st

from hechting import AnswerError, decode_answers, load_content, load_questionnaire
from hechting.codes import code_from_link, code_from_pasted
from hechting.couple import compare
from hechting.text import clean_name, escape_markdown, fmt, strip_markdown
from hechting.ui import quiz
from hechting.ui.components import plane, plane_points, plane_spec_for
from hechting.ui.share import download_row, pdf_footer, safety_sections, summary_lines
from hechting.ui.state import Scored, content, lang, questionnaire, scored_from_code, submitted, t

Slot = Literal["a", "b"]


def _code_key(slot: Slot) -> str:
    return f"couple_code_{slot}"


def name(slot: Slot) -> str:
    fallback = t(f"couple.default_{slot}")
    return clean_name(st.session_state.get(f"couple_name_{slot}"), fallback)


def _from_query(slot: Slot) -> None:
    """Take ``?a=`` / ``?b=`` once; a bad value gets a message and changes nothing."""
    done = st.session_state.setdefault("couple_query_done", set())
    if slot not in st.query_params or slot in done:
        return
    done.add(slot)
    try:
        st.session_state[_code_key(slot)] = code_from_link(st.query_params.get_all(slot))
    except AnswerError as exc:
        st.session_state[f"couple_error_{slot}"] = exc.key


def _paste(slot: Slot) -> None:
    raw = st.session_state.get(f"couple_paste_{slot}", "")
    try:
        st.session_state[_code_key(slot)] = code_from_pasted(raw)
        st.session_state.pop(f"couple_error_{slot}", None)
    except AnswerError as exc:
        st.session_state[f"couple_error_{slot}"] = exc.key


def _clear(slot: Slot) -> None:
    st.session_state.pop(_code_key(slot), None)
    st.session_state.pop(f"couple_error_{slot}", None)
    quiz.reset(prefix=f"{slot}_")


def slot(slot: Slot) -> Scored | None:
    """One partner's panel: name, where the result comes from, and its state."""
    _from_query(slot)
    st.text_input(
        t("couple.name_label"),
        key=f"couple_name_{slot}",
        max_chars=40,
        placeholder=t(f"couple.default_{slot}"),
        persist_state="session",
    )
    if err := st.session_state.get(f"couple_error_{slot}"):
        st.warning(t(f"error.{err}"), icon=":material/link_off:")
    code = st.session_state.get(_code_key(slot))
    if code:
        try:
            scored = scored_from_code(code)
        except AnswerError as exc:
            st.warning(t(f"error.{exc.key}"), icon=":material/link_off:")
            return None
        st.success(
            t("couple.ready", style=content().styles[scored.result.style].name),
            icon=":material/check_circle:",
        )
        st.button(t("couple.change"), key=f"couple_clear_{slot}", on_click=_clear, args=(slot,), icon=":material/edit:")
        return scored

    own = submitted() if slot == "a" else None
    options = (["own"] if own else []) + ["paste", "quiz"]
    how = st.segmented_control(
        t("couple.source_label"),
        options=options,
        format_func=lambda o: t(f"couple.source_{o}"),
        key=f"couple_source_{slot}",
        default=options[0],
        required=True,
    )
    if how == "own" and own:
        st.button(
            t("couple.use_own"), key=f"couple_use_own_{slot}", type="primary",
            on_click=lambda: st.session_state.update({_code_key(slot): own.code}),
        )
    elif how == "paste":
        st.text_input(
            t("couple.paste_label"),
            key=f"couple_paste_{slot}",
            max_chars=2000,
            on_change=_paste,
            args=(slot,),
            help=t("couple.paste_help"),
        )
    else:
        with st.expander(t("couple.quiz_title", name=escape_markdown(name(slot))), expanded=True):
            form = st.segmented_control(
                t("quiz.form_label"),
                options=("short", "full"),
                format_func=lambda f: t(f"quiz.form_{f}"),
                key=f"couple_form_{slot}",
                default="short",
                required=True,
            )
            q = questionnaire(form)

            def done(answers: dict[str, int]) -> None:
                from hechting import encode_answers

                st.session_state[_code_key(slot)] = encode_answers(q, answers)

            quiz.render(q, done, prefix=f"{slot}_", submit_label=t("couple.quiz_submit"))
    return None


def together(first: Scored, second: Scored) -> None:
    """Both on one plane, the differences beyond noise, and the pair dynamic."""
    c = content()
    n1, n2 = name("a"), name("b")
    st.header(t("couple.plane_title"), anchor=False)
    plane([(n1, first.result), (n2, second.result)], key="couple_plane")

    st.header(t("couple.diff_title"), anchor=False)
    st.caption(t("couple.diff_body"))
    lines = []
    for d in compare(first.result, second.result):
        if not d.beyond_noise:
            continue
        where = c.area(d.area).title if d.area else t("couple.overall")
        higher, lower = (n2, n1) if d.gap > 0 else (n1, n2)
        lines.append(
            t(
                "couple.diff_line",
                where=where,
                dim=t(f"dim.{d.dimension}").lower(),
                higher=escape_markdown(higher),
                lower=escape_markdown(lower),
                hi=fmt(max(d.first, d.second), lang()),
                lo=fmt(min(d.first, d.second), lang()),
            )
        )
    if lines:
        st.markdown("\n".join(f"- {x}" for x in lines))
    else:
        st.markdown(t("couple.no_diff"))

    s1, s2 = first.result.style, second.result.style
    pair = c.pair(s1, s2)
    st.header(t("couple.dynamic_title"), anchor=False)
    st.caption(c.pairs_intro)
    st.subheader(pair.title, anchor=False)
    st.markdown(pair.dynamic)
    first_text, second_text = (pair.first_can, pair.second_can) if pair.styles[0] == s1 else (pair.second_can, pair.first_can)
    st.markdown(f"**{t('couple.can_do', name=escape_markdown(n1), style=c.styles[s1].name)}** {first_text}")
    st.markdown(f"**{t('couple.can_do', name=escape_markdown(n2), style=c.styles[s2].name)}** {second_text}")


@st.cache_data(max_entries=64, show_spinner=False)
def couple_files(code_a: str, code_b: str, name_a: str, name_b: str, language: str) -> dict[str, bytes]:
    """PNG, SVG, PDF and JSON for the pair; made on a download click, reads no session."""
    from hechting.export import ReportSection, answers_json, chart_png, chart_svg, pdf_report

    c = load_content(language)
    a, b = scored_from_code(code_a, language), scored_from_code(code_b, language)
    spec = plane_spec_for(plane_points([(name_a, a.result), (name_b, b.result)]), language, 420)
    png = chart_png(spec)
    pair = c.pair(a.result.style, b.result.style)
    sections = [ReportSection(pair.title, strip_markdown(pair.dynamic))]
    for label, s in ((name_a, a), (name_b, b)):
        style = c.styles[s.result.style]
        sections.append(ReportSection(f"{label}: {style.name}", strip_markdown(style.short)))
    for area in c.areas:
        body = "\n\n".join(
            f"{label}: {c.ui('result.try_this')} {strip_markdown(area.styles[s.result.style].try_this)}"
            for label, s in ((name_a, a), (name_b, b))
        )
        sections.append(ReportSection(area.title, body))
    sections += safety_sections(c)
    pdf = pdf_report(
        c.ui("export.pdf_title_couple"),
        c.ui("export.pdf_subtitle"),
        png,
        summary_lines(a, c, name_a)[:3] + summary_lines(b, c, name_b)[:3],
        sections,
        pdf_footer(c),
    )
    people = []
    for label, s in ((name_a, a), (name_b, b)):
        q = load_questionnaire(language, s.form)
        people.append((label, q, decode_answers(q, s.code), s.result))
    return {"png": png, "svg": chart_svg(spec).encode(), "pdf": pdf, "json": answers_json(people).encode()}


def downloads(first: Scored, second: Scored) -> None:
    files = partial(couple_files, first.code, second.code, name("a"), name("b"), lang())
    download_row(files, "hechting-samen", "dl_couple")
    st.caption(t("couple.privacy"))
