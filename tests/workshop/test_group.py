"""The group's picture: counts per style, cut points, jitter, the CSV summary, simulation."""

from __future__ import annotations

import math
from statistics import median

import pytest

from hechting.codes import decode_answers
from hechting.content import load_questionnaire
from hechting.models import AREA_IDS, STYLE_ORDER
from hechting.scoring import MIDPOINT
from hechting.workshop.group import JITTER, quadrant_at, results, simulate, summarise, summary_csv
from hechting.workshop.store import new_token, participants

FORMS = ("short", "full")
LENGTH = {"short": 16, "full": 32}
EPS = 1e-9


@pytest.fixture(params=FORMS)
def q(request):
    return load_questionnaire("nl", request.param)


def group_rows(q, n: int, seed: int = 1, first_id: int = 1) -> list[tuple[int, str]]:
    return list(enumerate(simulate(q, n, seed=seed), start=first_id))


# ------------------------------------------------------------------------- summarise


@pytest.mark.parametrize("cutoff", ["midpoint", "median"])
@pytest.mark.parametrize("n", [1, 2, 7, 40])
def test_counts_per_style_sum_to_n(q, n, cutoff):
    rows = group_rows(q, n, seed=n)
    s = summarise(q, rows, cutoff)
    assert s.n == n
    assert set(s.counts) == set(STYLE_ORDER)
    assert sum(s.counts.values()) == n
    assert len(s.points) == n
    assert list(s.points.columns) == ["anxiety", "avoidance", "style"]
    # the counts agree with the styles of the points and with quadrant_at on exact scores
    assert {st.value: c for st, c in s.counts.items() if c} == s.points["style"].value_counts().to_dict()
    expected = {st: 0 for st in STYLE_ORDER}
    for _, r in results(q, rows):
        expected[quadrant_at(r.anxiety, r.avoidance, s.cut_anxiety, s.cut_avoidance)] += 1
    assert s.counts == expected


def test_empty_group(q):
    s = summarise(q, [], "median")
    assert s.n == 0
    assert sum(s.counts.values()) == 0
    assert s.points.empty and s.area_means.empty
    assert s.cut_anxiety == s.cut_avoidance == MIDPOINT


def test_midpoint_cutoff_is_the_scale_midpoint(q):
    s = summarise(q, group_rows(q, 30), "midpoint")
    assert s.cut_anxiety == s.cut_avoidance == MIDPOINT


@pytest.mark.parametrize("n", [1, 2, 5, 30, 31])
def test_median_cut_points_are_the_medians(q, n):
    rows = group_rows(q, n, seed=100 + n)
    scored = results(q, rows)
    s = summarise(q, rows, "median")
    assert s.cut_anxiety == pytest.approx(median(r.anxiety for _, r in scored))
    assert s.cut_avoidance == pytest.approx(median(r.avoidance for _, r in scored))
    # high is strictly above the cut: at most half the group is high on each dimension
    high_anx = sum(r.anxiety > s.cut_anxiety for _, r in scored)
    high_avo = sum(r.avoidance > s.cut_avoidance for _, r in scored)
    assert high_anx <= n // 2 and high_avo <= n // 2


def test_area_means(q):
    rows = group_rows(q, 12)
    scored = results(q, rows)
    s = summarise(q, rows)
    assert list(s.area_means["area"]) == list(AREA_IDS)
    for rec in s.area_means.itertuples():
        assert rec.anxiety == pytest.approx(sum(r.areas[rec.area].anxiety for _, r in scored) / 12)
        assert rec.avoidance == pytest.approx(sum(r.areas[rec.area].avoidance for _, r in scored) / 12)


# ------------------------------------------------------------------------- jitter


def test_jitter_is_stable_for_the_same_row_ids(q):
    rows = group_rows(q, 25, first_id=1000)
    a = summarise(q, rows).points
    b = summarise(q, list(rows)).points
    assert a.equals(b)
    # the same participant keeps the same dot when others join (order by row id)
    more = rows + group_rows(q, 5, seed=99, first_id=5000)
    c = summarise(q, more).points.iloc[: len(rows)].reset_index(drop=True)
    assert c[["anxiety", "avoidance"]].equals(a[["anxiety", "avoidance"]])


def test_jitter_separates_identical_answers(q):
    code = simulate(q, 1, seed=5)[0]
    pts = summarise(q, [(i, code) for i in range(1, 11)]).points
    assert len(set(zip(pts["anxiety"], pts["avoidance"], strict=True))) == 10


def test_jitter_is_small_and_inside_the_scale(q):
    rows = group_rows(q, 60, seed=11)
    s = summarise(q, rows)
    for (_, r), p in zip(results(q, rows), s.points.itertuples(), strict=True):
        assert abs(p.anxiety - r.anxiety) <= JITTER + EPS
        assert abs(p.avoidance - r.avoidance) <= JITTER + EPS
        assert 1.0 <= p.anxiety <= 7.0 and 1.0 <= p.avoidance <= 7.0


def test_jitter_is_clamped_at_the_scale_ends(q):
    lowest, highest = "1" * len(q.items), "7" * len(q.items)
    pts = summarise(q, [(i, c) for i, c in enumerate([lowest, highest] * 10, start=1)]).points
    assert pts["anxiety"].between(1.0, 7.0).all()
    assert pts["avoidance"].between(1.0, 7.0).all()


# ------------------------------------------------------------------------- CSV


def _csv_lines(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.splitlines()]


@pytest.mark.parametrize("cutoff", ["midpoint", "median"])
def test_summary_csv_shape(q, cutoff):
    n = 9
    rows = group_rows(q, n, first_id=424242)
    text = summary_csv(q, rows, cutoff)
    lines = _csv_lines(text)
    assert lines[0] == ["kind", "item", "anxiety", "avoidance", "style"]
    assert all(len(line) == 5 for line in lines)
    kinds = [line[0] for line in lines[1:]]
    assert kinds.count("point") == n
    assert kinds.count("area_mean") == len(AREA_IDS) == 8
    assert kinds.count("cutoff") == 1
    assert set(kinds) == {"point", "area_mean", "cutoff"}
    assert "424242" not in text  # row ids never appear
    s = summarise(q, rows, cutoff)
    points = [line for line in lines if line[0] == "point"]
    assert all(line[1] == "" for line in points)
    # exact (unjittered) scores, in the same order as the rows
    for line, (_, r) in zip(points, results(q, rows), strict=True):
        assert math.isclose(float(line[2]), r.anxiety, abs_tol=1e-3)
        assert math.isclose(float(line[3]), r.avoidance, abs_tol=1e-3)
    styles = [line[4] for line in points]
    assert {st: styles.count(st.value) for st in STYLE_ORDER} == s.counts
    assert [line[1] for line in lines if line[0] == "area_mean"] == list(AREA_IDS)
    (cut,) = [line for line in lines if line[0] == "cutoff"]
    assert cut[1] == cutoff
    assert math.isclose(float(cut[2]), s.cut_anxiety, abs_tol=1e-3)


def test_summary_csv_from_the_store_has_no_tokens(store, short_q):
    created = store.create(form="short")
    code, key = created.workshop.code, created.key
    tokens = [new_token() for _ in range(12)]
    for token, answers in zip(tokens, simulate(short_q, 12, seed=2), strict=True):
        store.submit(code, token, answers)
    store.join(code, new_token())  # joined, not submitted: not in the CSV
    rows = store.answer_codes(code, key)
    text = summary_csv(short_q, rows, "median")
    with store.engine.connect() as conn:
        hashes = list(conn.execute(participants.select().with_only_columns(participants.c.token_hash)).scalars())
    assert len(hashes) == 13
    for h in hashes:
        assert h not in text
        assert h[:16] not in text
    for token in tokens:
        assert token not in text
    assert code not in text and key not in text
    lines = _csv_lines(text)
    assert sum(line[0] == "point" for line in lines) == 12
    assert sum(line[0] == "area_mean" for line in lines) == 8


# ------------------------------------------------------------------------- simulate


@pytest.mark.parametrize("n", [0, 1, 50, 200])
def test_simulate_gives_n_valid_codes(q, n):
    codes = simulate(q, n, seed=42)
    assert len(codes) == n
    for code in codes:
        assert len(code) == LENGTH[q.form] == len(q.items)
        assert set(code) <= set("1234567")
        assert len(decode_answers(q, code)) == len(q.items)


def test_simulate_is_reproducible_with_a_seed(q):
    assert simulate(q, 30, seed=123) == simulate(q, 30, seed=123)
    assert simulate(q, 30, seed=123) != simulate(q, 30, seed=124)
    assert simulate(q, 10, seed=123) == simulate(q, 30, seed=123)[:10]


def test_simulate_spreads_over_the_quadrants(q):
    s = summarise(q, group_rows(q, 200, seed=9))
    assert all(s.counts[st] > 0 for st in STYLE_ORDER)
