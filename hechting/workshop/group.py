"""The group's picture: anonymous points with a little jitter, counts per style under a
chosen cutoff, the average per area, a CSV summary and simulated participants."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import pandas as pd

from hechting.codes import decode_answers, encode_answers
from hechting.models import AREA_IDS, STYLE_ORDER, Questionnaire, Result, Style
from hechting.scoring import MIDPOINT, quadrant, score

JITTER = 0.12  # scale points; keeps identical answers from hiding behind one dot


@dataclass(frozen=True)
class GroupSummary:
    points: pd.DataFrame  # anxiety, avoidance (jittered for display), style
    counts: dict[Style, int]
    cut_anxiety: float
    cut_avoidance: float
    area_means: pd.DataFrame  # area, anxiety, avoidance
    n: int


def results(q: Questionnaire, rows: Sequence[tuple[int, str]]) -> list[tuple[int, Result]]:
    return [(row_id, score(q, decode_answers(q, code))) for row_id, code in rows]


def summarise(
    q: Questionnaire, rows: Sequence[tuple[int, str]], cutoff: str = "midpoint"
) -> GroupSummary:
    scored = results(q, rows)
    anx = [r.anxiety for _, r in scored]
    avo = [r.avoidance for _, r in scored]
    if cutoff == "median" and scored:
        cut_a, cut_v = median(anx), median(avo)
    else:
        cut_a = cut_v = MIDPOINT
    counts = {s: 0 for s in STYLE_ORDER}
    pts = []
    for row_id, r in scored:
        style = quadrant_at(r.anxiety, r.avoidance, cut_a, cut_v)
        counts[style] += 1
        rng = random.Random(row_id)
        pts.append(
            {
                "anxiety": min(7.0, max(1.0, r.anxiety + rng.uniform(-JITTER, JITTER))),
                "avoidance": min(7.0, max(1.0, r.avoidance + rng.uniform(-JITTER, JITTER))),
                "style": style.value,
            }
        )
    area_rows = []
    for area in AREA_IDS:
        if scored:
            area_rows.append(
                {
                    "area": area,
                    "anxiety": sum(r.areas[area].anxiety for _, r in scored) / len(scored),
                    "avoidance": sum(r.areas[area].avoidance for _, r in scored) / len(scored),
                }
            )
    return GroupSummary(
        points=pd.DataFrame(pts, columns=["anxiety", "avoidance", "style"]),
        counts=counts,
        cut_anxiety=cut_a,
        cut_avoidance=cut_v,
        area_means=pd.DataFrame(area_rows, columns=["area", "anxiety", "avoidance"]),
        n=len(scored),
    )


def quadrant_at(anxiety: float, avoidance: float, cut_anxiety: float, cut_avoidance: float) -> Style:
    """The quadrant with separate cut points per dimension (high is strictly above)."""
    return quadrant(
        MIDPOINT + (anxiety - cut_anxiety), MIDPOINT + (avoidance - cut_avoidance)
    )


def summary_csv(q: Questionnaire, rows: Sequence[tuple[int, str]], cutoff: str = "midpoint") -> str:
    """Points (exact, unjittered scores) and area means; no tokens, no row ids."""
    s = summarise(q, rows, cutoff)
    lines = ["kind,item,anxiety,avoidance,style"]
    for _, r in results(q, rows):
        style = quadrant_at(r.anxiety, r.avoidance, s.cut_anxiety, s.cut_avoidance)
        lines.append(f"point,,{r.anxiety:.3f},{r.avoidance:.3f},{style.value}")
    for rec in s.area_means.itertuples():
        lines.append(f"area_mean,{rec.area},{rec.anxiety:.3f},{rec.avoidance:.3f},")
    lines.append(f"cutoff,{cutoff},{s.cut_anxiety:.3f},{s.cut_avoidance:.3f},")
    return "\n".join(lines) + "\n"


def simulate(q: Questionnaire, n: int, seed: int | None = None) -> list[str]:
    """Answer codes of ``n`` simulated participants, spread over the four quadrants."""
    rng = random.Random(seed)
    centres = {
        Style.SECURE: (2.6, 2.6),
        Style.ANXIOUS: (5.3, 2.8),
        Style.AVOIDANT: (2.8, 5.2),
        Style.FEARFUL: (5.2, 5.2),
    }
    weights = [0.5, 0.2, 0.2, 0.1]
    codes = []
    for _ in range(n):
        style = rng.choices(STYLE_ORDER, weights)[0]
        target = dict(zip(("anxiety", "avoidance"), centres[style], strict=True))
        person = {d: target[d] + rng.gauss(0, 0.6) for d in target}
        answers = {}
        for item in q.items:
            raw = round(rng.gauss(person[item.dimension], 0.9))
            raw = min(7, max(1, raw))
            answers[item.id] = 8 - raw if item.reverse else raw
        codes.append(encode_answers(q, answers))
    return codes
