"""The fast plane spec is the same chart as the Altair build, for any points."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from hechting import STYLE_ORDER, load_content
from hechting.charts import PlanePoint, PlaneTexts, plane_chart, plane_spec

C = load_content("nl")
TEXTS = PlaneTexts(anxiety="Angst", avoidance="Vermijding", styles={s: C.styles[s].name for s in STYLE_ORDER})


def _resolved(spec: dict) -> str:
    """The spec with every named dataset put in place (dataset names are content hashes)."""
    datasets = spec.get("datasets", {})
    spec = {k: v for k, v in spec.items() if k != "datasets"}

    def walk(o):
        if isinstance(o, dict):
            if set(o) == {"name"} and o["name"] in datasets:
                return {"values": datasets[o["name"]]}
            return {k: walk(v) for k, v in o.items()}
        if isinstance(o, list):
            return [walk(x) for x in o]
        return o

    return json.dumps(walk(spec), sort_keys=True)


score = st.floats(min_value=1, max_value=7, allow_nan=False)
se = st.floats(min_value=0.05, max_value=1.5, allow_nan=False)


@st.composite
def points(draw):
    n = draw(st.integers(min_value=1, max_value=3))
    labels = draw(st.lists(st.text(min_size=1, max_size=12), min_size=n, max_size=n, unique=True))
    out = []
    for label in labels:
        a, v = draw(score), draw(score)
        if draw(st.booleans()):
            sa, sv = draw(se), draw(se)
            out.append(PlanePoint(label, a, v, max(1, a - 2 * sa), min(7, a + 2 * sa), max(1, v - 2 * sv), min(7, v + 2 * sv), sa, sv))
        else:
            out.append(PlanePoint(label, a, v))
    return out


@settings(max_examples=40, deadline=None)
@given(points())
def test_plane_spec_equals_the_altair_chart(pts):
    assert _resolved(plane_spec(pts, TEXTS)) == _resolved(plane_chart(pts, TEXTS).to_dict(validate=False))


def test_plane_spec_moves_the_point():
    a = plane_spec([PlanePoint("Jij", 2.0, 6.0)], TEXTS)
    b = plane_spec([PlanePoint("Jij", 6.0, 2.0)], TEXTS)
    assert _resolved(a) != _resolved(b)
    rows = [next(r for r in ds if "anx_lo" in r) for ds in a["datasets"].values() if ds and "anx_lo" in ds[0]]
    assert rows[0]["anxiety"] == 2.0 and rows[0]["avoidance"] == 6.0
    rows = [next(r for r in ds if "anx_lo" in r) for ds in b["datasets"].values() if ds and "anx_lo" in ds[0]]
    assert rows[0]["anxiety"] == 6.0 and rows[0]["avoidance"] == 2.0


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(score, score), min_size=8, max_size=8))
def test_area_profile_spec_equals_the_altair_chart(pairs):
    from hechting import AREA_IDS
    from hechting.charts import area_profile_chart, area_profile_spec

    areas = dict(zip(AREA_IDS, pairs, strict=True))
    titles = {a.id: a.title for a in C.areas}
    dims = {"anxiety": "Angst", "avoidance": "Vermijding"}
    fast = area_profile_spec(areas, titles, dims)
    slow = area_profile_chart(areas, titles, dims).to_dict(validate=False)
    assert _resolved(fast) == _resolved(slow)
