"""Scoring: pure functions from slider answers to a ``Result``.

- Reversed items are keyed as ``8 - answer``; a dimension's score is the mean of its
  keyed items (1..7); the same per area.
- Style is the quadrant at the scale midpoint 4; a dimension is high when strictly above 4.
- Uncertainty: the standard error of the person's item mean, with a floor on the spread
  so that identical answers do not look falsely certain; a 95% band; ``borderline`` when a
  band reaches the midpoint; per style the probability that the person's position lies in
  that quadrant (normal approximation, dimensions treated as independent).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist, fmean, stdev

from hechting.models import (
    AREA_IDS,
    AreaScore,
    Band,
    Contribution,
    DimensionScore,
    Flag,
    Item,
    Questionnaire,
    Result,
    Style,
)

SCALE_MIN = 1
SCALE_MAX = 7
MIDPOINT = 4.0
Z95 = 1.959963984540054
# Smallest within-person spread of item answers we assume (scale points). Without it, a
# person who gives identical answers would get a standard error of 0: false certainty.
SD_FLOOR = 1.0
# An area "differs clearly" from the overall picture when its mean on a dimension lies at
# least this far from the overall mean and on the other side of the midpoint.
AREA_DIFFERENCE = 1.5

_NORMAL = NormalDist()


class AnswerError(ValueError):
    """Answers or an answer code that cannot be scored.

    ``str(error)`` is a Dutch sentence a person can read; ``key`` names the matching
    interface text (``error.<key>`` in ``content/<lang>/ui.yaml``) for other languages.
    """

    def __init__(self, message: str, key: str = "answers_invalid") -> None:
        super().__init__(message)
        self.key = key


def quadrant(anxiety: float, avoidance: float, cut: float = MIDPOINT) -> Style:
    """The style of a position; a dimension is high when strictly above ``cut``."""
    high_anx = anxiety > cut
    high_avo = avoidance > cut
    if high_anx and high_avo:
        return Style.FEARFUL
    if high_anx:
        return Style.ANXIOUS
    if high_avo:
        return Style.AVOIDANT
    return Style.SECURE


def keyed(item: Item, answer: int) -> int:
    """The answer as it counts toward the item's dimension (reversed items: 8 - x)."""
    return (SCALE_MIN + SCALE_MAX - answer) if item.reverse else answer


def validate_answers(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, int]:
    """Return answers as ``{item id: int}`` or raise ``AnswerError`` with a readable message."""
    if not isinstance(answers, Mapping):
        raise AnswerError("De antwoorden hebben een onbekende vorm.", "answers_invalid")
    expected = set(q.item_ids)
    given = set(answers)
    missing = [i for i in q.item_ids if i not in given]
    if missing:
        raise AnswerError(
            f"Er ontbreken {len(missing)} antwoorden (bijvoorbeeld {missing[0]}).", "answers_missing"
        )
    extra = sorted(str(k) for k in given - expected)
    if extra:
        raise AnswerError(
            f"Onbekende vragen in de antwoorden: {', '.join(extra[:3])}.", "answers_extra"
        )
    out: dict[str, int] = {}
    for item_id in q.item_ids:
        value = answers[item_id]
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(
                f"Het antwoord op {item_id} is geen heel getal van 1 tot 7.", "answers_range"
            )
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise AnswerError(f"Het antwoord op {item_id} ligt buiten 1 tot 7.", "answers_range")
        out[item_id] = value
    return out


def _dimension(values: list[int]) -> DimensionScore:
    mean = fmean(values)
    spread = stdev(values) if len(values) > 1 else 0.0
    se = max(spread, SD_FLOOR) / math.sqrt(len(values))
    half = Z95 * se
    band = Band(low=max(SCALE_MIN, mean - half), high=min(SCALE_MAX, mean + half))
    return DimensionScore(mean=mean, se=se, band=band, n=len(values))


def prob_high(score: DimensionScore, cut: float = MIDPOINT) -> float:
    """Probability that the true position on this dimension lies above ``cut``."""
    return 1.0 - _NORMAL.cdf((cut - score.mean) / score.se)


def style_probabilities(anx: DimensionScore, avo: DimensionScore) -> dict[Style, float]:
    pa, pv = prob_high(anx), prob_high(avo)
    probs = {
        Style.SECURE: (1 - pa) * (1 - pv),
        Style.ANXIOUS: pa * (1 - pv),
        Style.AVOIDANT: (1 - pa) * pv,
        Style.FEARFUL: pa * pv,
    }
    total = sum(probs.values())
    return {s: p / total for s, p in probs.items()}


def _crosses(score: DimensionScore) -> bool:
    return score.band.low <= MIDPOINT <= score.band.high


def _neighbours(style: Style, anx: DimensionScore, avo: DimensionScore) -> tuple[Style, ...]:
    """Styles on the other side of each midpoint that a band crosses."""
    out: list[Style] = []
    a_high = anx.mean > MIDPOINT
    v_high = avo.mean > MIDPOINT
    if _crosses(anx):
        out.append(quadrant(MIDPOINT + (-1 if a_high else 1), MIDPOINT + (1 if v_high else -1)))
    if _crosses(avo):
        out.append(quadrant(MIDPOINT + (1 if a_high else -1), MIDPOINT + (-1 if v_high else 1)))
    if _crosses(anx) and _crosses(avo):
        out.append(quadrant(MIDPOINT + (-1 if a_high else 1), MIDPOINT + (-1 if v_high else 1)))
    return tuple(s for s in out if s != style)


def _flags(q: Questionnaire, answers: dict[str, int]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if len(set(answers.values())) == 1:
        flags.append(Flag(kind="straight_lining"))
        return tuple(flags)  # contradictions would only repeat the same point
    for area, items in q.by_area().items():
        for dim in ("anxiety", "avoidance"):
            normal = [answers[i.id] for i in items if i.dimension == dim and not i.reverse]
            reverse = [answers[i.id] for i in items if i.dimension == dim and i.reverse]
            for n in normal:
                for r in reverse:
                    if (n >= 6 and r >= 6) or (n <= 2 and r <= 2):
                        flags.append(Flag(kind="contradiction", area=area, dimension=dim))
    return tuple(flags)


def score(q: Questionnaire, answers: Mapping[str, object]) -> Result:
    """Score a complete set of answers (``{item id: 1..7}``) on ``q``."""
    clean = validate_answers(q, answers)
    per_dim: dict[str, list[int]] = {"anxiety": [], "avoidance": []}
    per_area: dict[str, dict[str, list[int]]] = {
        a: {"anxiety": [], "avoidance": []} for a in AREA_IDS
    }
    for item in q.items:
        k = keyed(item, clean[item.id])
        per_dim[item.dimension].append(k)
        per_area[item.area][item.dimension].append(k)

    anx = _dimension(per_dim["anxiety"])
    avo = _dimension(per_dim["avoidance"])
    style = quadrant(anx.mean, avo.mean)

    areas: dict[str, AreaScore] = {}
    for area_id in AREA_IDS:
        a_anx = fmean(per_area[area_id]["anxiety"])
        a_avo = fmean(per_area[area_id]["avoidance"])
        differs: dict[str, str] = {}
        for dim, area_mean, overall in (("anxiety", a_anx, anx.mean), ("avoidance", a_avo, avo.mean)):
            other_side = (area_mean > MIDPOINT) != (overall > MIDPOINT)
            if other_side and abs(area_mean - overall) >= AREA_DIFFERENCE:
                differs[dim] = "higher" if area_mean > overall else "lower"
        areas[area_id] = AreaScore(
            id=area_id,
            anxiety=a_anx,
            avoidance=a_avo,
            style=quadrant(a_anx, a_avo),
            differs=differs,
        )

    counts = {"anxiety": anx.n, "avoidance": avo.n}
    contributions = tuple(
        Contribution(
            item_id=item.id,
            dimension=item.dimension,
            area=item.area,
            answer=clean[item.id],
            reverse=item.reverse,
            keyed=keyed(item, clean[item.id]),
            pull=(keyed(item, clean[item.id]) - MIDPOINT) / counts[item.dimension],
        )
        for item in q.items
    )

    return Result(
        form=q.form,
        anxiety_score=anx,
        avoidance_score=avo,
        style=style,
        style_probabilities=style_probabilities(anx, avo),
        borderline=_crosses(anx) or _crosses(avo),
        neighbours=_neighbours(style, anx, avo),
        areas=areas,
        flags=_flags(q, clean),
        contributions=contributions,
    )


def top_contributions(result: Result, n: int = 3) -> dict[str, tuple[Contribution, ...]]:
    """Per dimension, the ``n`` items that pulled the score furthest from the midpoint,
    in the direction the score went (ties keep questionnaire order)."""
    out: dict[str, tuple[Contribution, ...]] = {}
    for dim, mean in (("anxiety", result.anxiety), ("avoidance", result.avoidance)):
        sign = 1 if mean >= MIDPOINT else -1
        items = [c for c in result.contributions if c.dimension == dim and c.pull * sign > 0]
        items.sort(key=lambda c: -abs(c.pull))
        out[dim] = tuple(items[:n])
    return out
