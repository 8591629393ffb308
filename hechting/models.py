"""Pydantic models for content, the questionnaire and results.

Content files under ``content/<lang>/`` are validated against these models when
loaded; a missing or malformed field fails with an error naming file and field.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Style(StrEnum):
    """The four quadrants of the anxiety x avoidance plane."""

    SECURE = "secure"
    ANXIOUS = "anxious"
    AVOIDANT = "avoidant"
    FEARFUL = "fearful"


STYLE_ORDER: tuple[Style, ...] = (Style.SECURE, Style.ANXIOUS, Style.AVOIDANT, Style.FEARFUL)

AREA_IDS: tuple[str, ...] = (
    "trust_safety",
    "expressing_needs",
    "independence_closeness",
    "relying_on_partner",
    "conflict",
    "vulnerability",
    "communication",
    "decisions_goals",
)

Dimension = Literal["anxiety", "avoidance"]
DIMENSIONS: tuple[str, ...] = ("anxiety", "avoidance")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Deferred(_Strict):
    """Result models: their validators are built on first use, not at import, so that
    importing the package and loading content stays fast."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _non_empty(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("text must not be empty")
    return value.strip()


# --------------------------------------------------------------------------- content


class StyleText(_Strict):
    id: Style
    name: str
    adult_name: str  # the name adult research uses for this quadrant
    short: str
    long: str
    inside: str  # how it feels from the inside
    in_relationship: str
    strengths: list[str] = Field(min_length=1)
    growth: list[str] = Field(min_length=1)
    # rows of the comparison table on the theory page
    self_view: str
    other_view: str
    anxiety_level: str
    avoidance_level: str
    longs_for: str
    fears: str
    under_stress: str
    in_conflict: str

    _check_text = field_validator(
        "name", "short", "long", "inside", "in_relationship", "self_view", "other_view",
        "longs_for", "fears", "under_stress", "in_conflict",
    )(_non_empty)


class StylesFile(_Strict):
    naming_note: str
    styles: list[StyleText] = Field(min_length=4, max_length=4)

    @model_validator(mode="after")
    def _all_styles_once(self) -> StylesFile:
        ids = [s.id for s in self.styles]
        if sorted(ids) != sorted(STYLE_ORDER):
            raise ValueError(f"styles must be exactly {', '.join(STYLE_ORDER)} once each; got {ids}")
        return self


class Section(_Strict):
    id: str
    title: str
    body: str  # markdown

    _check = field_validator("title", "body")(_non_empty)


class TheoryFile(_Strict):
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _required_sections(self) -> TheoryFile:
        required = {"bowlby", "early_bonds", "dimensions", "plane", "self_report"}
        missing = required - {s.id for s in self.sections}
        if missing:
            raise ValueError(f"missing theory sections: {sorted(missing)}")
        return self


class AreaStyleText(_Strict):
    text: str
    try_this: str

    _check = field_validator("text", "try_this")(_non_empty)


class Area(_Strict):
    id: str
    title: str
    about: str
    styles: dict[Style, AreaStyleText]

    @model_validator(mode="after")
    def _every_style(self) -> Area:
        missing = set(STYLE_ORDER) - set(self.styles)
        if missing:
            raise ValueError(f"area {self.id!r} lacks text for styles {sorted(missing)}")
        return self


class AreasFile(_Strict):
    intro: str
    areas: list[Area]

    @model_validator(mode="after")
    def _the_eight_areas_in_order(self) -> AreasFile:
        ids = tuple(a.id for a in self.areas)
        if ids != AREA_IDS:
            raise ValueError(f"areas must be {list(AREA_IDS)} in that order; got {list(ids)}")
        return self


class Reference(_Strict):
    id: str
    citation: str
    group: Literal["article", "method"]
    note: str = ""
    url: str = ""


class ReferencesFile(_Strict):
    references: list[Reference] = Field(min_length=1)


class HelpLine(_Strict):
    name: str
    phone: str
    when: str


class SafetyFile(_Strict):
    not_diagnosis: str
    no_excuse: str
    help_intro: str
    help_lines: list[HelpLine] = Field(min_length=1)


class PairText(_Strict):
    styles: tuple[Style, Style]
    title: str
    dynamic: str
    first_can: str  # what the partner with the first style can do
    second_can: str  # what the partner with the second style can do


class MethodFile(_Strict):
    """How the scoring works, in plain words (sources page)."""

    sections: list[Section] = Field(min_length=1)


class PairsFile(_Strict):
    intro: str
    pairs: list[PairText]

    @model_validator(mode="after")
    def _all_ten_combinations(self) -> PairsFile:
        seen = [frozenset(p.styles) for p in self.pairs]
        expected = {
            frozenset((a, b)) for i, a in enumerate(STYLE_ORDER) for b in STYLE_ORDER[i:]
        }
        if len(seen) != len(set(seen)) or set(seen) != expected:
            raise ValueError("pairs must cover each of the 10 unordered style combinations once")
        return self


# --------------------------------------------------------------------------- questionnaire


class Item(_Strict):
    id: str
    text: str
    dimension: Dimension
    area: str
    reverse: bool
    short: bool = False  # part of the short form

    _check = field_validator("text")(_non_empty)


class QuestionnaireFile(_Strict):
    scale: list[str] = Field(min_length=7, max_length=7)  # anchor labels 1..7
    items: list[Item]


class Questionnaire(_Strict):
    """One form (short or full) of the questionnaire in one language."""

    lang: str
    form: Literal["short", "full"]
    scale: tuple[str, ...]
    items: tuple[Item, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def by_area(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {a: [] for a in AREA_IDS}
        for item in self.items:
            out[item.area].append(item)
        return out


# --------------------------------------------------------------------------- results


class Band(_Deferred):
    low: float
    high: float


class DimensionScore(_Deferred):
    mean: float
    se: float
    band: Band
    n: int


class AreaScore(_Deferred):
    id: str
    anxiety: float
    avoidance: float
    style: Style
    # dimensions on which this area differs clearly from the overall score, with sign
    differs: dict[str, Literal["higher", "lower"]] = Field(default_factory=dict)


class Contribution(_Deferred):
    item_id: str
    dimension: Dimension
    area: str
    answer: int
    reverse: bool
    keyed: int  # the answer after reversing
    pull: float  # this item's share of (score - midpoint)


class Flag(_Deferred):
    kind: Literal["straight_lining", "contradiction"]
    area: str | None = None
    dimension: Dimension | None = None


class Result(_Deferred):
    form: Literal["short", "full"]
    anxiety_score: DimensionScore
    avoidance_score: DimensionScore
    style: Style
    style_probabilities: dict[Style, float]
    borderline: bool
    neighbours: tuple[Style, ...]  # styles across a midpoint that the band crosses
    areas: dict[str, AreaScore]
    flags: tuple[Flag, ...]
    contributions: tuple[Contribution, ...]

    @property
    def anxiety(self) -> float:
        return self.anxiety_score.mean

    @property
    def avoidance(self) -> float:
        return self.avoidance_score.mean
