"""Altair chart builders: the anxiety x avoidance plane and the area profile.

The core builds the specs; pages only hand them to ``st.altair_chart``. Texts (axis
titles, quadrant names) are passed in so that charts follow the chosen language.
Colours are from the Okabe-Ito palette (safe for the common kinds of colour blindness);
quadrants are also labelled by name, so colour never carries meaning alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import pandas as pd

from hechting.models import AREA_IDS, STYLE_ORDER, Result, Style
from hechting.scoring import MIDPOINT, SCALE_MAX, SCALE_MIN, Z95

QUADRANT_COLOURS: dict[Style, str] = {
    Style.SECURE: "#009E73",  # bluish green
    Style.ANXIOUS: "#E69F00",  # orange
    Style.AVOIDANT: "#56B4E9",  # sky blue
    Style.FEARFUL: "#CC79A7",  # reddish purple
}
POINT_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#000000")  # blue, vermillion, black
DIMENSION_COLOURS: dict[str, str] = {"anxiety": "#D55E00", "avoidance": "#0072B2"}
TEXT_COLOUR = "#262730"

# (x0, x1, y0, y1) per quadrant, x = avoidance, y = anxiety
_QUADRANT_BOUNDS: dict[Style, tuple[float, float, float, float]] = {
    Style.SECURE: (SCALE_MIN, MIDPOINT, SCALE_MIN, MIDPOINT),
    Style.ANXIOUS: (SCALE_MIN, MIDPOINT, MIDPOINT, SCALE_MAX),
    Style.AVOIDANT: (MIDPOINT, SCALE_MAX, SCALE_MIN, MIDPOINT),
    Style.FEARFUL: (MIDPOINT, SCALE_MAX, MIDPOINT, SCALE_MAX),
}


@dataclass(frozen=True)
class PlanePoint:
    """One person on the plane, with 95% bands (or none)."""

    label: str
    anxiety: float
    avoidance: float
    anxiety_low: float | None = None
    anxiety_high: float | None = None
    avoidance_low: float | None = None
    avoidance_high: float | None = None
    anxiety_se: float | None = None
    avoidance_se: float | None = None


@dataclass(frozen=True)
class PlaneTexts:
    anxiety: str  # axis title
    avoidance: str  # axis title
    styles: Mapping[Style, str]  # quadrant names (kept as a tuple of pairs: hashable)
    person: str = "Person"  # tooltip field title
    band: str = "95%"

    def __post_init__(self) -> None:
        pairs = self.styles.items() if isinstance(self.styles, Mapping) else self.styles
        object.__setattr__(self, "styles", tuple((Style(k), str(v)) for k, v in pairs))

    def style_name(self, style: Style) -> str:
        return dict(self.styles)[style]


def point_from_result(result: Result, label: str) -> PlanePoint:
    a, v = result.anxiety_score, result.avoidance_score
    return PlanePoint(
        label=label,
        anxiety=a.mean,
        avoidance=v.mean,
        anxiety_low=a.band.low,
        anxiety_high=a.band.high,
        avoidance_low=v.band.low,
        avoidance_high=v.band.high,
        anxiety_se=a.se,
        avoidance_se=v.se,
    )


def _scale() -> alt.Scale:
    return alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False, zero=False)


def _axis() -> alt.Axis:
    return alt.Axis(values=list(range(1, 8)), format="d", grid=False)


def _quadrants(texts: PlaneTexts) -> alt.LayerChart:
    rows = []
    for style in STYLE_ORDER:
        x0, x1, y0, y1 = _QUADRANT_BOUNDS[style]
        high_y = y0 >= MIDPOINT
        rows.append(
            {
                "style": texts.style_name(style),
                "x0": x0,
                "x1": x1,
                "y0": y0,
                "y1": y1,
                "colour": QUADRANT_COLOURS[style],
                # labels sit in the outer corner of each quadrant
                "lx": x0 + 0.12 if x0 < MIDPOINT else x1 - 0.12,
                "ly": y1 - 0.25 if high_y else y0 + 0.25,
                "align": "left" if x0 < MIDPOINT else "right",
            }
        )
    df = pd.DataFrame(rows)
    base = alt.Chart(df)
    rects = base.mark_rect(opacity=0.16).encode(
        x=alt.X("x0:Q", scale=_scale()),
        x2="x1:Q",
        y=alt.Y("y0:Q", scale=_scale()),
        y2="y1:Q",
        color=alt.Color("colour:N", scale=None, legend=None),
        tooltip=alt.value(None),
    )
    left = base.transform_filter(alt.datum.align == "left").mark_text(
        align="left", baseline="middle", fontSize=13, fontWeight="bold", color=TEXT_COLOUR
    )
    right = base.transform_filter(alt.datum.align == "right").mark_text(
        align="right", baseline="middle", fontSize=13, fontWeight="bold", color=TEXT_COLOUR
    )
    enc = {"x": "lx:Q", "y": "ly:Q", "text": "style:N"}
    return alt.layer(rects, left.encode(**enc), right.encode(**enc))


def _midlines() -> alt.LayerChart:
    df = pd.DataFrame({"m": [MIDPOINT]})
    v = alt.Chart(df).mark_rule(color="#6b6b6b", strokeDash=[4, 4]).encode(x="m:Q")
    h = alt.Chart(df).mark_rule(color="#6b6b6b", strokeDash=[4, 4]).encode(y="m:Q")
    return alt.layer(v, h)


def _ellipse_rows(points: Sequence[PlanePoint], steps: int = 48) -> list[dict]:
    """A 95% region per point (independent dimensions: an axis-aligned ellipse)."""
    rows = []
    for p in points:
        if p.anxiety_se is None or p.avoidance_se is None:
            continue
        for k in range(steps + 1):
            t = 2 * math.pi * k / steps
            rows.append(
                {
                    "label": p.label,
                    "order": k,
                    "x": p.avoidance + Z95 * p.avoidance_se * math.cos(t),
                    "y": p.anxiety + Z95 * p.anxiety_se * math.sin(t),
                }
            )
    return rows


def _point_rows(points: Sequence[PlanePoint]) -> list[dict]:
    def either(value: float | None, fallback: float) -> float:
        return round(float(fallback if value is None else value), 2)

    return [
        {
            "label": p.label,
            "anxiety": either(None, p.anxiety),
            "avoidance": either(None, p.avoidance),
            "anx_lo": either(p.anxiety_low, p.anxiety),
            "anx_hi": either(p.anxiety_high, p.anxiety),
            "avo_lo": either(p.avoidance_low, p.avoidance),
            "avo_hi": either(p.avoidance_high, p.avoidance),
        }
        for p in points
    ]


@lru_cache(maxsize=128)
def _plane_template(
    labels: tuple[str, ...], with_bands: tuple[bool, ...], texts: PlaneTexts, height: int
) -> tuple[str, str, str | None]:
    """The plane's Vega-Lite spec for these labels, as JSON, and the names of the datasets
    that hold the points and the 95% regions (filled in per person by ``plane_spec``)."""
    dummy = [
        PlanePoint(label, 4.0, 4.0, *((3.0, 5.0, 3.0, 5.0, 0.5, 0.5) if band else ()))
        for label, band in zip(labels, with_bands, strict=True)
    ]
    spec = plane_chart(dummy, texts, height=height).to_dict(validate=False)
    points_name = ellipse_name = None
    for name, rows in spec["datasets"].items():
        if rows and "anx_lo" in rows[0]:
            points_name = name
        elif rows and "order" in rows[0]:
            ellipse_name = name
    assert points_name is not None
    return json.dumps(spec), points_name, ellipse_name


def plane_spec(points: Sequence[PlanePoint], texts: PlaneTexts, *, height: int = 420) -> dict:
    """``plane_chart(...).to_dict()``, fast: the layers are built once per set of labels,
    texts and height; only the data differ from person to person."""
    template, points_name, ellipse_name = _plane_template(
        tuple(p.label for p in points), tuple(p.anxiety_se is not None for p in points), texts, height
    )
    spec = json.loads(template)
    spec["datasets"][points_name] = _point_rows(points)
    if ellipse_name is not None:
        spec["datasets"][ellipse_name] = _ellipse_rows(points)
    return spec


def plane_chart(
    points: Sequence[PlanePoint],
    texts: PlaneTexts,
    *,
    height: int = 420,
    point_size: int = 160,
    show_labels: bool = True,
) -> alt.LayerChart:
    """The anxiety x avoidance plane with each point, its error bars and 95% region."""
    colours = {p.label: POINT_COLOURS[i % len(POINT_COLOURS)] for i, p in enumerate(points)}
    colour = alt.Color(
        "label:N",
        scale=alt.Scale(domain=list(colours), range=list(colours.values())),
        legend=alt.Legend(title=None, orient="bottom") if len(points) > 1 else None,
    )
    df = pd.DataFrame(_point_rows(points))
    x = alt.X("avoidance:Q", scale=_scale(), title=texts.avoidance, axis=_axis())
    y = alt.Y("anxiety:Q", scale=_scale(), title=texts.anxiety, axis=_axis())
    tooltip = [
        alt.Tooltip("label:N", title=texts.person),
        alt.Tooltip("anxiety:Q", title=texts.anxiety, format=".1f"),
        alt.Tooltip("anx_lo:Q", title=f"{texts.anxiety} {texts.band} min", format=".1f"),
        alt.Tooltip("anx_hi:Q", title=f"{texts.anxiety} {texts.band} max", format=".1f"),
        alt.Tooltip("avoidance:Q", title=texts.avoidance, format=".1f"),
        alt.Tooltip("avo_lo:Q", title=f"{texts.avoidance} {texts.band} min", format=".1f"),
        alt.Tooltip("avo_hi:Q", title=f"{texts.avoidance} {texts.band} max", format=".1f"),
    ]
    base = alt.Chart(df)
    layers: list[alt.Chart | alt.LayerChart] = [_quadrants(texts), _midlines()]
    ellipse = _ellipse_rows(points)
    if ellipse:
        layers.append(
            alt.Chart(pd.DataFrame(ellipse))
            .mark_line(strokeWidth=1, opacity=0.6, strokeDash=[2, 2], clip=True)
            .encode(x=alt.X("x:Q", scale=_scale()), y=alt.Y("y:Q", scale=_scale()), order="order:Q", color=colour, detail="label:N")
        )
    layers += [
        base.mark_rule(strokeWidth=2).encode(x=alt.X("avo_lo:Q", scale=_scale()), x2="avo_hi:Q", y="anxiety:Q", color=colour),
        base.mark_rule(strokeWidth=2).encode(y=alt.Y("anx_lo:Q", scale=_scale()), y2="anx_hi:Q", x="avoidance:Q", color=colour),
        base.mark_point(filled=True, size=point_size, opacity=1, stroke="white", strokeWidth=1.5).encode(
            x=x, y=y, color=colour, shape=alt.Shape("label:N", legend=None), tooltip=tooltip
        ),
    ]
    if show_labels and len(points) > 1:
        layers.append(
            base.mark_text(dy=-16, fontSize=12, fontWeight="bold", color=TEXT_COLOUR).encode(x=x, y=y, text="label:N")
        )
    return alt.layer(*layers).properties(height=height, width="container").configure_view(stroke=None)


def group_plane_chart(
    df: pd.DataFrame,
    texts: PlaneTexts,
    *,
    height: int = 560,
    point_size: int = 140,
    cut: float = MIDPOINT,
) -> alt.LayerChart:
    """Many anonymous points (columns ``anxiety``, ``avoidance``), jitter already applied.

    ``cut`` moves the midlines (the facilitator's cutoff switch: scale midpoint or the
    group's median); quadrant shading stays at the scale midpoint for comparison.
    """
    lines = pd.DataFrame({"m": [cut]})
    cut_v = alt.Chart(lines).mark_rule(color="#000000", strokeWidth=2).encode(x="m:Q")
    cut_h = alt.Chart(lines).mark_rule(color="#000000", strokeWidth=2).encode(y="m:Q")
    pts = (
        alt.Chart(df)
        .mark_circle(size=point_size, opacity=0.8, color=POINT_COLOURS[0], stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("avoidance:Q", scale=_scale(), title=texts.avoidance, axis=_axis()),
            y=alt.Y("anxiety:Q", scale=_scale(), title=texts.anxiety, axis=_axis()),
            tooltip=[
                alt.Tooltip("anxiety:Q", title=texts.anxiety, format=".1f"),
                alt.Tooltip("avoidance:Q", title=texts.avoidance, format=".1f"),
            ],
        )
    )
    return (
        alt.layer(_quadrants(texts), _midlines(), cut_v, cut_h, pts)
        .properties(height=height, width="container")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=16, titleFontSize=18)
    )


def area_profile_chart(
    result_areas: Mapping[str, tuple[float, float]],
    area_titles: Mapping[str, str],
    dimension_titles: Mapping[str, str],
    *,
    height: int = 320,
) -> alt.LayerChart:
    """Per area the person's anxiety and avoidance (dot plot, midline at 4).

    ``result_areas``: area id -> (anxiety, avoidance). Dimensions differ by colour and
    by shape, so colour is not the only carrier.
    """
    df = pd.DataFrame(_area_rows(result_areas, area_titles, dimension_titles))
    order = [area_titles[a] for a in AREA_IDS]
    dims = [dimension_titles["anxiety"], dimension_titles["avoidance"]]
    y = alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelLimit=180))
    colour = alt.Color(
        "dimension:N",
        scale=alt.Scale(domain=dims, range=[DIMENSION_COLOURS["anxiety"], DIMENSION_COLOURS["avoidance"]]),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    shape = alt.Shape("dimension:N", scale=alt.Scale(domain=dims, range=["circle", "square"]), legend=None)
    mid = alt.Chart(pd.DataFrame({"m": [MIDPOINT]})).mark_rule(color="#6b6b6b", strokeDash=[4, 4]).encode(x="m:Q")
    dots = (
        alt.Chart(df)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=alt.X("score:Q", scale=_scale(), title=None, axis=alt.Axis(values=list(range(1, 8)), format="d")),
            y=y,
            color=colour,
            shape=shape,
            yOffset=alt.YOffset("dimension:N", sort=dims),
            tooltip=[alt.Tooltip("area:N"), alt.Tooltip("dimension:N"), alt.Tooltip("score:Q", format=".1f")],
        )
    )
    return alt.layer(mid, dots).properties(height=height, width="container").configure_view(stroke=None)


def _area_rows(
    result_areas: Mapping[str, tuple[float, float]],
    area_titles: Mapping[str, str],
    dimension_titles: Mapping[str, str],
) -> list[dict]:
    rows = []
    for area_id in AREA_IDS:
        anx, avo = result_areas[area_id]
        for dim, value in (("anxiety", anx), ("avoidance", avo)):
            rows.append({"area": area_titles[area_id], "dimension": dimension_titles[dim], "score": round(float(value), 2)})
    return rows


@lru_cache(maxsize=16)
def _area_template(titles: tuple[tuple[str, str], ...], dims: tuple[tuple[str, str], ...], height: int) -> tuple[str, str]:
    dummy = {a: (4.0, 4.0) for a in AREA_IDS}
    spec = area_profile_chart(dummy, dict(titles), dict(dims), height=height).to_dict(validate=False)
    name = next(n for n, rows in spec["datasets"].items() if rows and "score" in rows[0])
    return json.dumps(spec), name


def area_profile_spec(
    result_areas: Mapping[str, tuple[float, float]],
    area_titles: Mapping[str, str],
    dimension_titles: Mapping[str, str],
    *,
    height: int = 320,
) -> dict:
    """``area_profile_chart(...).to_dict()``, fast: built once per language, data per person."""
    template, name = _area_template(tuple(area_titles.items()), tuple(dimension_titles.items()), height)
    spec = json.loads(template)
    spec["datasets"][name] = _area_rows(result_areas, area_titles, dimension_titles)
    return spec
