"""Theory: Bowlby, the two dimensions, the four styles side by side, and a plane demo."""

import streamlit as st

from hechting import STYLE_ORDER, quadrant
from hechting.ui.boot import ensure_entrypoint
from hechting.ui.components import plane_demo, style_details
from hechting.ui.state import content, t

ensure_entrypoint()
c = content()
st.title(t("theory.title"), anchor=False)
st.markdown(t("theory.lead"))

for section in c.theory:
    st.subheader(section.title, anchor=False)
    st.markdown(section.body)
    if section.id == "plane":
        st.markdown(f"**{t('theory.demo_title')}**")
        st.caption(t("theory.demo_body"))
        anxiety = st.slider(t("dim.anxiety"), 1.0, 7.0, 4.0, 0.1, key="demo_anxiety")
        avoidance = st.slider(t("dim.avoidance"), 1.0, 7.0, 4.0, 0.1, key="demo_avoidance")
        style = quadrant(anxiety, avoidance)
        plane_demo(anxiety, avoidance)
        st.markdown(t("theory.demo_quadrant", style=c.styles[style].name))
        st.markdown(c.styles[style].short)

st.subheader(t("theory.compare_title"), anchor=False)
st.caption(t("theory.compare_hint"))
rows = ("self_view", "other_view", "anxiety_level", "avoidance_level", "longs_for", "fears", "under_stress", "in_conflict")
# Side by side on a wide screen; stacked on a phone (columns stack below 640 px).
for col, s in zip(st.columns(len(STYLE_ORDER), gap="small"), STYLE_ORDER, strict=True):
    text = c.styles[s]
    with col, st.container(border=True, key=f"compare_{s}", height="stretch"):
        st.markdown(f"**{text.name}**")
        st.markdown("\n".join(f"- *{t(f'theory.row_{r}')}:* {getattr(text, r)}" for r in rows))

st.subheader(t("theory.naming_title"), anchor=False)
st.markdown(c.naming_note)

st.subheader(t("theory.styles_title"), anchor=False)
for s in STYLE_ORDER:
    text = c.styles[s]
    with st.expander(f"{text.name} · {text.adult_name}", icon=":material/person:"):
        style_details(text)

st.page_link("pages/quiz.py", label=t("start.to_quiz"), icon=":material/tune:")
