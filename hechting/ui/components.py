"""Streamlit pieces that several pages share: the plane with its text alternative,
area cards, the safety note and the style probabilities."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from hechting import STYLE_ORDER, Content, Result, Style, load_content
from hechting.models import StyleText
from hechting.text import escape_markdown, fmt
from hechting.ui.state import content, lang, t


def plane_texts(language: str):
    from hechting.charts import PlaneTexts

    c = load_content(language)
    return PlaneTexts(
        anxiety=c.ui("dim.anxiety"),
        avoidance=c.ui("dim.avoidance"),
        styles={s: c.styles[s].name for s in STYLE_ORDER},
        person=c.ui("chart.person"),
        band=c.ui("chart.band"),
    )


@st.cache_data(max_entries=256, show_spinner=False)
def plane_spec_for(points: tuple, language: str, height: int) -> dict:
    """The plane's Vega-Lite spec, cached per set of points and language."""
    from hechting.charts import PlanePoint, plane_spec

    return plane_spec([PlanePoint(*p) for p in points], plane_texts(language), height=height)


def plane_points(labelled: Sequence[tuple[str, Result]]) -> tuple:
    from dataclasses import astuple

    from hechting.charts import point_from_result

    return tuple(astuple(point_from_result(r, label)) for label, r in labelled)


def plane(labelled: Sequence[tuple[str, Result]], *, key: str, height: int = 420) -> None:
    """The anxiety x avoidance plane with points, a caption in words and a data table."""
    spec = plane_spec_for(plane_points(labelled), lang(), height)
    words = " ".join(describe_position(label, r) for label, r in labelled)
    st.vega_lite_chart(spec=spec, key=key, alt=t("chart.plane_alt"))
    st.caption(words)
    with st.expander(t("chart.table"), icon=":material/table:"):
        st.table(position_table(labelled), alt=t("chart.table"))


def describe_position(label: str, r: Result) -> str:
    """The text alternative of a point: the numbers in words."""
    c = content()
    return t(
        "chart.caption",
        name=escape_markdown(label),
        anxiety=fmt(r.anxiety, lang()),
        anx_lo=fmt(r.anxiety_score.band.low, lang()),
        anx_hi=fmt(r.anxiety_score.band.high, lang()),
        avoidance=fmt(r.avoidance, lang()),
        avo_lo=fmt(r.avoidance_score.band.low, lang()),
        avo_hi=fmt(r.avoidance_score.band.high, lang()),
        style=c.styles[r.style].name,
    )


def position_table(labelled: Sequence[tuple[str, Result]]) -> pd.DataFrame:
    rows = []
    for label, r in labelled:
        rows.append(
            {
                t("chart.person"): label,
                t("dim.anxiety"): fmt(r.anxiety, lang()),
                t("chart.band_anxiety"): f"{fmt(r.anxiety_score.band.low, lang())} – {fmt(r.anxiety_score.band.high, lang())}",
                t("dim.avoidance"): fmt(r.avoidance, lang()),
                t("chart.band_avoidance"): f"{fmt(r.avoidance_score.band.low, lang())} – {fmt(r.avoidance_score.band.high, lang())}",
                t("chart.style"): content().styles[r.style].name,
            }
        )
    return pd.DataFrame(rows)


def probability_lines(r: Result, c: Content) -> list[str]:
    """One sentence per style, most likely first (not 'you are 60% secure')."""
    lines = []
    for s in sorted(STYLE_ORDER, key=lambda s: -r.style_probabilities[s]):
        pct = round(100 * r.style_probabilities[s])
        lines.append(c.ui("result.prob_line", style=c.styles[s].name, pct="< 1" if pct < 1 else pct))
    return lines


def probabilities(r: Result) -> None:
    st.markdown(t("result.prob_intro"))
    st.markdown("\n".join(f"- {line}" for line in probability_lines(r, content())))


def style_details(text: StyleText) -> None:
    """The long description of a style: inside, in a relationship, strengths, growth."""
    st.markdown(text.long)
    st.markdown(f"**{t('theory.inside')}** {text.inside}")
    st.markdown(f"**{t('theory.in_relationship')}** {text.in_relationship}")
    st.markdown(f"**{t('theory.strengths')}**\n" + "\n".join(f"- {x}" for x in text.strengths))
    st.markdown(f"**{t('theory.growth')}**\n" + "\n".join(f"- {x}" for x in text.growth))


def area_card(area_id: str, style: Style, note: str | None = None) -> None:
    c = content()
    area = c.area(area_id)
    text = area.styles[style]
    with st.container(border=True, key=f"area_{area_id}"):
        st.subheader(area.title, anchor=False)
        st.caption(area.about)
        if note:
            st.info(note, icon=":material/compare_arrows:")
        st.markdown(text.text)
        st.markdown(f"**{t('result.try_this')}** {text.try_this}")


def safety_note() -> None:
    c = content()
    s = c.safety
    with st.container(border=True, key="safety"):
        st.markdown(f"**{t('safety.title')}**")
        st.markdown(s.not_diagnosis)
        st.markdown(s.no_excuse)
        st.markdown(s.help_intro)
        st.markdown("\n".join(f"- **{h.name}**, {h.phone}: {h.when}" for h in s.help_lines))


def plane_demo(anxiety: float, avoidance: float) -> None:
    """The theory page's 'move the point' demo, on the same plane as the result."""
    point = (t("theory.demo_point"), anxiety, avoidance) + (None,) * 6
    spec = plane_spec_for((point,), lang(), 360)
    st.vega_lite_chart(spec=spec, key="demo_plane", alt=t("theory.demo_alt"))
