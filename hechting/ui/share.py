"""Result links, the share box and the downloads (PNG, SVG, PDF, JSON).

A result link carries the answers themselves (``?a=<code>``); nothing is stored on the
server. A bad link gets a message in the reader's language, never the raw input.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import urlencode, urlsplit

import streamlit as st

from hechting import AnswerError, Content, decode_answers, load_content, load_questionnaire
from hechting.codes import code_from_link
from hechting.text import fmt, strip_markdown
from hechting.ui.components import plane_points, plane_spec_for, probability_lines
from hechting.ui.state import Scored, lang, scored_from_code, t


def from_link(param: str) -> Scored | None:
    """The result in ``?param=``; on a bad link, a clear message and ``None``."""
    try:
        return scored_from_code(code_from_link(st.query_params.get_all(param)))
    except AnswerError as exc:
        st.title(t("link.bad_title"), anchor=False)
        st.warning(t(f"error.{exc.key}"), icon=":material/link_off:")
        st.markdown(t("link.bad_body"))
        return None


def app_url(path: str, **params: str) -> str:
    """An absolute link into this app (relative when the address is unknown)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    query = urlencode({**params, "lang": lang()})
    return f"{base}/{path}?{query}"


def share_box(scored: Scored) -> None:
    st.header(t("share.title"), anchor=False)
    st.markdown(t("share.body"))
    st.code(app_url("resultaat", a=scored.code), language=None, wrap_lines=True)
    st.caption(t("share.code", code=scored.code))


def _report_sections(scored: Scored, c: Content) -> list:
    from hechting.export import ReportSection

    r = scored.result
    style = c.styles[r.style]
    sections = [ReportSection(style.name, strip_markdown(style.long))]
    for area in c.areas:
        text = area.styles[r.style]
        body = f"{strip_markdown(text.text)}\n\n{c.ui('result.try_this')} {strip_markdown(text.try_this)}"
        sections.append(ReportSection(area.title, body))
    return sections + safety_sections(c)


def safety_sections(c: Content) -> list:
    from hechting.export import ReportSection

    return [ReportSection(c.ui("safety.title"), strip_markdown(c.safety.not_diagnosis))]


def pdf_footer(c: Content) -> str:
    return " · ".join(f"{h.name} {h.phone}" for h in c.safety.help_lines)


def summary_lines(scored: Scored, c: Content, label: str | None = None) -> list[str]:
    """Headline, both scores with bands and the style probabilities, as plain lines."""
    from hechting.ui.result import headline

    r = scored.result
    lines = [(f"{label}: " if label else "") + strip_markdown(headline(r, c))]
    for dim, s in (("anxiety", r.anxiety_score), ("avoidance", r.avoidance_score)):
        band = c.ui("result.band", lo=fmt(s.band.low, c.lang), hi=fmt(s.band.high, c.lang))
        lines.append(f"{c.ui(f'dim.{dim}')}: {fmt(s.mean, c.lang)} ({band})")
    return lines + probability_lines(r, c)


@st.cache_data(max_entries=64, show_spinner=False)
def result_files(code: str, language: str) -> dict[str, bytes]:
    """PNG, SVG, PDF and JSON for one result; cached per code and language.

    Called when a download button is clicked, on its own thread: it reads no session.
    """
    from hechting.export import answers_json, chart_png, chart_svg, pdf_report

    c = load_content(language)
    scored = scored_from_code(code, language)
    you = c.ui("result.you")
    spec = plane_spec_for(plane_points([(you, scored.result)]), language, 420)
    png = chart_png(spec)
    pdf = pdf_report(
        c.ui("export.pdf_title"),
        c.ui("export.pdf_subtitle"),
        png,
        summary_lines(scored, c),
        _report_sections(scored, c),
        pdf_footer(c),
    )
    q = load_questionnaire(language, scored.form)
    js = answers_json([(you, q, decode_answers(q, code), scored.result)])
    return {"png": png, "svg": chart_svg(spec).encode(), "pdf": pdf, "json": js.encode()}


DOWNLOADS = (
    ("png", "image/png", ":material/image:"),
    ("svg", "image/svg+xml", ":material/draw:"),
    ("pdf", "application/pdf", ":material/picture_as_pdf:"),
    ("json", "application/json", ":material/data_object:"),
)


def download_row(files: Callable[[], dict[str, bytes]], file_name: str, key: str) -> None:
    """The four download buttons; files are made only when one is clicked."""
    st.header(t("export.title"), anchor=False)
    with st.container(horizontal=True):
        for ext, mime, icon in DOWNLOADS:
            st.download_button(
                t(f"export.{ext}"),
                partial(_pick, files, ext),
                f"{file_name}.{ext}",
                mime,
                icon=icon,
                on_click="ignore",
                key=f"{key}_{ext}",
            )


def _pick(files: Callable[[], dict[str, bytes]], ext: str) -> bytes:
    return files()[ext]


def downloads(scored: Scored) -> None:
    download_row(partial(result_files, scored.code, lang()), "hechting", "dl")
