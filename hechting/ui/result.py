"""The result view: headline, scores, plane, areas, why, quality notes, safety.

Shared by the result page and the workshop participant page.
"""

from __future__ import annotations

import streamlit as st

from hechting import AREA_IDS, Content, Result, load_content, top_contributions
from hechting.text import fmt
from hechting.ui.components import area_card, plane, probabilities, safety_note, style_details
from hechting.ui.state import Scored, content, lang, questionnaire, t


def headline(r: Result, c: Content | None = None) -> str:
    c = c or content()
    name = c.styles[r.style].name
    if r.borderline and r.neighbours:
        others = c.ui("result.or").join(c.styles[s].name for s in r.neighbours)
        return c.ui("result.headline_borderline", style=name, others=others)
    return c.ui("result.headline_clear", style=name)


def scores(r: Result) -> None:
    cols = st.columns(2)
    for col, dim, s in ((cols[0], "anxiety", r.anxiety_score), (cols[1], "avoidance", r.avoidance_score)):
        with col:
            st.metric(
                t(f"dim.{dim}"),
                fmt(s.mean, lang()),
                help=t(f"dim.{dim}_help"),
                border=True,
            )
            st.caption(t("result.band", lo=fmt(s.band.low, lang()), hi=fmt(s.band.high, lang())))


def area_notes(r: Result) -> dict[str, str]:
    c = content()
    notes: dict[str, str] = {}
    for area_id, a in r.areas.items():
        if not a.differs:
            continue
        parts = [t(f"result.differs_{dim}_{way}") for dim, way in a.differs.items()]
        notes[area_id] = t(
            "result.area_differs", what=t("result.and").join(parts), style=c.styles[a.style].name
        )
    return notes


@st.cache_data(max_entries=256, show_spinner=False)
def _area_spec(scores: tuple[tuple[float, float], ...], language: str) -> dict:
    """The area profile's Vega-Lite spec, cached per set of area scores and language."""
    from hechting.charts import area_profile_spec

    c = load_content(language)
    return area_profile_spec(
        dict(zip(AREA_IDS, scores, strict=True)),
        {a.id: a.title for a in c.areas},
        {"anxiety": c.ui("dim.anxiety"), "avoidance": c.ui("dim.avoidance")},
    )


def areas(r: Result) -> None:
    c = content()
    st.header(t("result.areas_title"), anchor=False)
    st.markdown(c.areas_intro)
    titles = {a.id: a.title for a in c.areas}
    spec = _area_spec(tuple((r.areas[a].anxiety, r.areas[a].avoidance) for a in AREA_IDS), lang())
    st.vega_lite_chart(spec=spec, key="area_profile", alt=t("result.areas_alt"))
    with st.expander(t("chart.table"), icon=":material/table:"):
        rows = [
            {
                t("chart.area"): titles[a],
                t("dim.anxiety"): fmt(r.areas[a].anxiety, lang()),
                t("dim.avoidance"): fmt(r.areas[a].avoidance, lang()),
            }
            for a in AREA_IDS
        ]
        st.table(rows, hide_index=True, alt=t("result.areas_alt"))
    notes = area_notes(r)
    for area_id in AREA_IDS:
        area_card(area_id, r.style, notes.get(area_id))


def why(scored: Scored) -> None:
    r = scored.result
    q = questionnaire(scored.form)
    by_id = {i.id: i for i in q.items}
    st.header(t("result.why_title"), anchor=False)
    st.markdown(t("result.why_body"))
    for dim, items in top_contributions(r).items():
        st.markdown(f"**{t(f'dim.{dim}')}**")
        if not items:
            st.markdown(t("result.why_none"))
            continue
        lines = []
        for ctb in items:
            item = by_id[ctb.item_id]
            answer = f"{ctb.answer} ({q.scale[ctb.answer - 1].lower()})"
            if ctb.reverse:
                lines.append(t("result.why_reversed", text=item.text, answer=answer, keyed=ctb.keyed))
            else:
                lines.append(t("result.why_normal", text=item.text, answer=answer))
        st.markdown("\n".join(f"- {line}" for line in lines))


def quality(r: Result) -> None:
    c = content()
    if not r.flags:
        return
    lines = []
    for flag in r.flags:
        if flag.kind == "straight_lining":
            lines.append(t("result.flag_straight"))
        else:
            lines.append(
                t("result.flag_contradiction", area=c.area(flag.area).title, dim=t(f"dim.{flag.dimension}").lower())
            )
    st.info("\n".join(f"- {x}" for x in dict.fromkeys(lines)), title=t("result.flags_title"), icon=":material/lightbulb:")


def show(scored: Scored) -> None:
    """The whole result for one person."""
    c = content()
    r = scored.result
    style = c.styles[r.style]
    st.title(headline(r), anchor=False)
    st.markdown(style.short)
    scores(r)
    plane([(t("result.you"), r)], key="result_plane")
    probabilities(r)
    quality(r)
    st.header(t("result.style_title", style=style.name), anchor=False)
    style_details(style)
    areas(r)
    why(scored)
    safety_note()
