"""Two people on one plane: which differences are beyond measurement noise.

A difference on a dimension (overall or per area) counts only when it exceeds
1.96 * sqrt(se1^2 + se2^2), with each person's standard error for that score.
Per area the standard error uses the person's own spread of answers on that dimension
and the number of statements in the area.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hechting.models import AREA_IDS, Result
from hechting.scoring import Z95


@dataclass(frozen=True)
class Difference:
    area: str | None  # None: the overall score
    dimension: str
    first: float
    second: float
    threshold: float

    @property
    def gap(self) -> float:
        return self.second - self.first

    @property
    def beyond_noise(self) -> bool:
        return abs(self.gap) > self.threshold


def _se(result: Result, dimension: str, area: str | None) -> float:
    dim = result.anxiety_score if dimension == "anxiety" else result.avoidance_score
    if area is None:
        return dim.se
    spread = dim.se * math.sqrt(dim.n)  # the (floored) spread of the person's answers
    per_area = max(1, dim.n // len(AREA_IDS))
    return spread / math.sqrt(per_area)


def _value(result: Result, dimension: str, area: str | None) -> float:
    if area is None:
        return result.anxiety if dimension == "anxiety" else result.avoidance
    a = result.areas[area]
    return a.anxiety if dimension == "anxiety" else a.avoidance


def compare(first: Result, second: Result) -> list[Difference]:
    """Overall and per-area differences on both dimensions, in a fixed order."""
    out: list[Difference] = []
    for area in (None, *AREA_IDS):
        for dimension in ("anxiety", "avoidance"):
            se1, se2 = _se(first, dimension, area), _se(second, dimension, area)
            out.append(
                Difference(
                    area=area,
                    dimension=dimension,
                    first=_value(first, dimension, area),
                    second=_value(second, dimension, area),
                    threshold=Z95 * math.hypot(se1, se2),
                )
            )
    return out
