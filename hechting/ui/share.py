"""Result links, the share box and the downloads (PNG, SVG, PDF, JSON).

A result link carries the answers themselves (``?a=<code>``); nothing is stored on the
server. A bad link gets a message in the reader's language, never the raw input.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from hechting import AnswerError
from hechting.codes import code_from_link
from hechting.text import fmt, strip_markdown
from hechting.ui.components import _plane_spec, plane_points
from hechting.ui.state import Scored, content, lang, questionnaire, scored_from_code, t


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


def _report_sections(scored: Scored) -> list:
    from hechting.export import ReportSection

    c = content()
    r = scored.result
    style = c.styles[r.style]
    sections = [ReportSection(style.name, strip_markdown(style.long))]
    for area in c.areas:
        text = area.styles[r.style]
        sections.append(
            ReportSection(area.title, f"{strip_markdown(text.text)}\n{t('result.try_this')} {strip_markdown(text.try_this)}")
        )
    return sections


def summary_lines(scored: Scored, label: str | None = None) -> list[str]:
    from hechting.ui.result import headline

    r = scored.result
    lines = [f"{label}: " if label else ""]
    lines[0] += strip_markdown(headline(r))
    for dim, s in (("anxiety", r.anxiety_score), ("avoidance", r.avoidance_score)):
        lines.append(
            f"{t(f'dim.{dim}')}: {fmt(s.mean, lang())} "
            f"({t('result.band', lo=fmt(s.band.low, lang()), hi=fmt(s.band.high, lang()))})"
        )
    return lines


@st.cache_data(max_entries=64, show_spinner=False)
def _files(code: str, language: str) -> dict[str, bytes]:
    """PNG, SVG, PDF and JSON for one result; cached per code and language."""
    from hechting import decode_answers, form_of_code
    from hechting.export import answers_json, chart_png, chart_svg, pdf_report

    scored = scored_from_code(code)
    spec = _plane_spec(plane_points([(t("result.you"), scored.result)]), language, 420)
    png = chart_png(spec)
    c = content()
    lines = summary_lines(scored)
    for s in sorted(scored.result.style_probabilities, key=lambda s: -scored.result.style_probabilities[s]):
        pct = round(100 * scored.result.style_probabilities[s])
        lines.append(t("result.prob_line", style=c.styles[s].name, pct="< 1" if pct < 1 else pct))
    pdf = pdf_report(
        t("export.pdf_title"),
        t("export.pdf_subtitle"),
        png,
        lines,
        _report_sections(scored),
        strip_markdown(c.safety.not_diagnosis),
    )
    q = questionnaire(form_of_code(code))
    js = answers_json([(t("result.you"), q, decode_answers(q, code), scored.result)])
    return {"png": png, "svg": chart_svg(spec).encode(), "pdf": pdf, "json": js.encode()}


def downloads(scored: Scored, name: str = "hechting") -> None:
    st.header(t("export.title"), anchor=False)
    files = _files(scored.code, lang())
    with st.container(horizontal=True):
        st.download_button(t("export.png"), files["png"], f"{name}.png", "image/png", icon=":material/image:", on_click="ignore", key="dl_png")
        st.download_button(t("export.svg"), files["svg"], f"{name}.svg", "image/svg+xml", icon=":material/draw:", on_click="ignore", key="dl_svg")
        st.download_button(t("export.pdf"), files["pdf"], f"{name}.pdf", "application/pdf", icon=":material/picture_as_pdf:", on_click="ignore", key="dl_pdf")
        st.download_button(t("export.json"), files["json"], f"{name}.json", "application/json", icon=":material/data_object:", on_click="ignore", key="dl_json")
