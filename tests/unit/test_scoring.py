"""Behaviour of ``hechting.scoring``: bounds, keying, quadrants, uncertainty, flags."""

from __future__ import annotations

import math
from statistics import fmean

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hechting import (
    AnswerError,
    load_content,
    load_questionnaire,
    quadrant,
    score,
    top_contributions,
)
from hechting.models import AREA_IDS, Style

SETTINGS = settings(max_examples=120, deadline=None)

LANGS = ("nl", "en")
FORMS = ("short", "full")
QS = {(lang, form): load_questionnaire(lang, form) for lang in LANGS for form in FORMS}
ALL_Q = list(QS.values())
Q_IDS = [f"{q.lang}-{q.form}" for q in ALL_Q]
BY_FORM = {form: QS[("nl", form)] for form in FORMS}

# the expected style for (anxiety high?, avoidance high?), written out from the theory
QUADRANT_TABLE = {
    (False, False): Style.SECURE,
    (True, False): Style.ANXIOUS,
    (False, True): Style.AVOIDANT,
    (True, True): Style.FEARFUL,
}


def answers_strategy(q):
    ids = q.item_ids
    return st.lists(st.integers(1, 7), min_size=len(ids), max_size=len(ids)).map(
        lambda xs: dict(zip(ids, xs, strict=True))
    )


def keyed_value(item, answer):
    return 8 - answer if item.reverse else answer


def expected_dim_mean(q, answers, dim, area=None):
    values = [
        keyed_value(i, answers[i.id])
        for i in q.items
        if i.dimension == dim and (area is None or i.area == area)
    ]
    return sum(values) / len(values)


def constant(q, value=4):
    return {i: value for i in q.item_ids}


def prototype(q, high_anx: bool, high_avo: bool, strong: int = 7):
    """Answers that express a style: agree with the items of a high dimension (disagree
    with its reversed items), and the other way round for a low dimension."""
    weak = 8 - strong
    out = {}
    for item in q.items:
        high = high_anx if item.dimension == "anxiety" else high_avo
        agree = high != item.reverse
        out[item.id] = strong if agree else weak
    return out


def crosses(dim_score):
    return dim_score.band.low <= 4 <= dim_score.band.high


# --------------------------------------------------------------------------- bounds


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_bounds_and_probabilities(q, data):
    answers = data.draw(answers_strategy(q))
    r = score(q, answers)
    for d in (r.anxiety_score, r.avoidance_score):
        assert 1 <= d.mean <= 7
        assert 1 <= d.band.low <= d.mean <= d.band.high <= 7
        assert d.se > 0  # never falsely certain
    assert set(r.style_probabilities) == set(Style)
    for p in r.style_probabilities.values():
        assert 0.0 <= p <= 1.0
    assert math.isclose(sum(r.style_probabilities.values()), 1.0, abs_tol=1e-9)
    for area in r.areas.values():
        assert 1 <= area.anxiety <= 7
        assert 1 <= area.avoidance <= 7


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_scores_are_means_of_keyed_answers(q, data):
    answers = data.draw(answers_strategy(q))
    r = score(q, answers)
    assert r.form == q.form
    assert r.anxiety == pytest.approx(expected_dim_mean(q, answers, "anxiety"))
    assert r.avoidance == pytest.approx(expected_dim_mean(q, answers, "avoidance"))
    n_per_dim = len(q.items) // 2
    assert r.anxiety_score.n == n_per_dim
    assert r.avoidance_score.n == n_per_dim
    assert list(r.areas) == list(AREA_IDS)
    for area_id, a in r.areas.items():
        assert a.id == area_id
        assert a.anxiety == pytest.approx(expected_dim_mean(q, answers, "anxiety", area_id))
        assert a.avoidance == pytest.approx(expected_dim_mean(q, answers, "avoidance", area_id))
        assert a.style == QUADRANT_TABLE[(a.anxiety > 4, a.avoidance > 4)]


# --------------------------------------------------------------------------- reversing


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_contributions_key_reversed_items_as_8_minus_answer(q, data):
    answers = data.draw(answers_strategy(q))
    r = score(q, answers)
    assert [c.item_id for c in r.contributions] == list(q.item_ids)
    for c, item in zip(r.contributions, q.items, strict=True):
        assert c.answer == answers[item.id]
        assert c.reverse == item.reverse
        assert c.dimension == item.dimension
        assert c.area == item.area
        assert c.keyed == (8 - c.answer if item.reverse else c.answer)


@pytest.mark.parametrize("form", FORMS)
def test_reversed_item_moves_score_the_other_way(form):
    q = BY_FORM[form]
    n = len(q.items) // 2
    for item in q.items:
        for answer in (1, 2, 6, 7):
            answers = constant(q, 4)
            answers[item.id] = answer
            r = score(q, answers)
            dim_score = r.anxiety if item.dimension == "anxiety" else r.avoidance
            other = r.avoidance if item.dimension == "anxiety" else r.anxiety
            keyed = 8 - answer if item.reverse else answer
            assert dim_score == pytest.approx(4 + (keyed - 4) / n), item.id
            assert other == 4.0, item.id
            if item.reverse:
                assert (dim_score < 4) == (answer > 4), item.id


# --------------------------------------------------------------------------- balanced keying


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", range(1, 8))
def test_constant_answers_give_the_midpoint_and_straight_lining(lang, form, value):
    q = QS[(lang, form)]
    r = score(q, constant(q, value))
    assert (r.anxiety, r.avoidance) == (4.0, 4.0)
    assert r.style == Style.SECURE  # exactly 4 counts as low
    assert r.borderline
    assert [f.kind for f in r.flags].count("straight_lining") == 1
    if form == "full":  # each area has a normal and a reversed item per dimension
        for a in r.areas.values():
            assert (a.anxiety, a.avoidance) == (4.0, 4.0)


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_straight_lining_flag_only_for_identical_answers(q, data):
    answers = data.draw(answers_strategy(q))
    r = score(q, answers)
    flagged = any(f.kind == "straight_lining" for f in r.flags)
    assert flagged == (len(set(answers.values())) == 1)


# --------------------------------------------------------------------------- prototypes

PROTOTYPES = [
    (False, False, Style.SECURE),
    (True, False, Style.ANXIOUS),
    (False, True, Style.AVOIDANT),
    (True, True, Style.FEARFUL),
]


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@pytest.mark.parametrize(("high_anx", "high_avo", "style"), PROTOTYPES)
def test_clear_prototypes_land_in_their_quadrant(q, high_anx, high_avo, style):
    r = score(q, prototype(q, high_anx, high_avo))
    assert r.style == style
    assert r.anxiety == (7.0 if high_anx else 1.0)
    assert r.avoidance == (7.0 if high_avo else 1.0)
    assert not r.borderline
    assert r.neighbours == ()
    assert max(r.style_probabilities, key=r.style_probabilities.get) == style
    assert r.style_probabilities[style] > 0.95
    for a in r.areas.values():
        assert a.style == style
        assert a.differs == {}
    # a clear but constant-per-item prototype is not straight-lining
    assert not any(f.kind == "straight_lining" for f in r.flags)
    assert not any(f.kind == "contradiction" for f in r.flags)


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@pytest.mark.parametrize(("high_anx", "high_avo", "style"), PROTOTYPES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_noisy_prototypes_land_in_their_quadrant(q, high_anx, high_avo, style, data):
    """Agreeing (5-7) with every item of a high dimension and disagreeing (1-3) with its
    reversed items -- and the mirror image for a low dimension -- gives that quadrant."""
    answers = {}
    for item in q.items:
        high = high_anx if item.dimension == "anxiety" else high_avo
        agree = high != item.reverse
        answers[item.id] = data.draw(st.integers(5, 7) if agree else st.integers(1, 3))
    r = score(q, answers)
    assert r.style == style


# --------------------------------------------------------------------------- monotonicity


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_monotonicity(q, data):
    answers = data.draw(answers_strategy(q))
    item = data.draw(st.sampled_from(q.items))
    new = data.draw(st.integers(answers[item.id], 7))
    before = score(q, answers)
    raised = dict(answers)
    raised[item.id] = new
    after = score(q, raised)
    if item.dimension == "anxiety":
        if item.reverse:
            assert after.anxiety <= before.anxiety
        else:
            assert after.anxiety >= before.anxiety
        assert after.avoidance == before.avoidance
        if new > answers[item.id]:
            assert after.anxiety != before.anxiety
    else:
        if item.reverse:
            assert after.avoidance <= before.avoidance
        else:
            assert after.avoidance >= before.avoidance
        assert after.anxiety == before.anxiety
        if new > answers[item.id]:
            assert after.avoidance != before.avoidance


# --------------------------------------------------------------------------- quadrant


def test_quadrant_midpoint_counts_as_low():
    assert quadrant(4, 4) == Style.SECURE
    assert quadrant(4.0, 4.0) == Style.SECURE
    assert quadrant(4.01, 4) == Style.ANXIOUS
    assert quadrant(4, 4.01) == Style.AVOIDANT
    assert quadrant(4.01, 4.01) == Style.FEARFUL
    assert quadrant(1, 1) == Style.SECURE
    assert quadrant(7, 1) == Style.ANXIOUS
    assert quadrant(1, 7) == Style.AVOIDANT
    assert quadrant(7, 7) == Style.FEARFUL


@settings(max_examples=200, deadline=None)
@given(
    anx=st.floats(1, 7, allow_nan=False),
    avo=st.floats(1, 7, allow_nan=False),
)
def test_quadrant_matches_table(anx, avo):
    assert quadrant(anx, avo) == QUADRANT_TABLE[(anx > 4, avo > 4)]


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_style_is_quadrant_of_scores_and_most_probable(q, data):
    r = score(q, data.draw(answers_strategy(q)))
    assert r.style == QUADRANT_TABLE[(r.anxiety > 4, r.avoidance > 4)]
    if r.anxiety != 4 and r.avoidance != 4:
        best = max(r.style_probabilities, key=r.style_probabilities.get)
        assert best == r.style


# --------------------------------------------------------------------------- borderline


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_borderline_and_neighbours(q, data):
    r = score(q, data.draw(answers_strategy(q)))
    ca, cv = crosses(r.anxiety_score), crosses(r.avoidance_score)
    assert r.borderline == (ca or cv)
    a_high, v_high = r.anxiety > 4, r.avoidance > 4
    expected = set()
    if ca:
        expected.add(QUADRANT_TABLE[(not a_high, v_high)])
    if cv:
        expected.add(QUADRANT_TABLE[(a_high, not v_high)])
    if ca and cv:
        expected.add(QUADRANT_TABLE[(not a_high, not v_high)])
    assert set(r.neighbours) == expected
    assert len(r.neighbours) == len(set(r.neighbours))
    assert r.style not in r.neighbours
    if not r.borderline:
        assert r.neighbours == ()


@pytest.mark.parametrize("form", FORMS)
def test_borderline_example_across_one_midline(form):
    """Slightly anxious, clearly not avoidant: the neighbour is secure only."""
    q = BY_FORM[form]
    answers = prototype(q, high_anx=False, high_avo=False)
    for item in q.items:
        if item.dimension == "anxiety":
            answers[item.id] = 5 if not item.reverse else 3  # keyed 5 everywhere
    r = score(q, answers)
    assert r.anxiety == 5.0
    assert r.style == Style.ANXIOUS
    assert r.borderline == crosses(r.anxiety_score)
    if r.borderline:
        assert r.neighbours == (Style.SECURE,)


# --------------------------------------------------------------------------- contradictions


def contradiction_cells(q, answers):
    if len(set(answers.values())) == 1:
        return set()
    cells = set()
    for area in AREA_IDS:
        for dim in ("anxiety", "avoidance"):
            cell = [i for i in q.items if i.area == area and i.dimension == dim]
            normal = [answers[i.id] for i in cell if not i.reverse]
            rev = [answers[i.id] for i in cell if i.reverse]
            for n in normal:
                for m in rev:
                    if (n >= 6 and m >= 6) or (n <= 2 and m <= 2):
                        cells.add((area, dim))
    return cells


def cell_items(q, area, dim):
    cell = [i for i in q.items if i.area == area and i.dimension == dim]
    normal = next(i for i in cell if not i.reverse)
    rev = next(i for i in cell if i.reverse)
    return normal, rev


@pytest.mark.parametrize("area", AREA_IDS)
@pytest.mark.parametrize("dim", ["anxiety", "avoidance"])
@pytest.mark.parametrize(("n", "m"), [(6, 6), (7, 6), (6, 7), (7, 7), (1, 1), (2, 1), (1, 2), (2, 2)])
def test_contradiction_flag_for_strong_agreement_with_both(area, dim, n, m):
    q = BY_FORM["full"]
    normal, rev = cell_items(q, area, dim)
    answers = constant(q, 4)
    answers[normal.id] = n
    answers[rev.id] = m
    r = score(q, answers)
    contradictions = [f for f in r.flags if f.kind == "contradiction"]
    assert [(f.area, f.dimension) for f in contradictions] == [(area, dim)]


@pytest.mark.parametrize("area", AREA_IDS)
@pytest.mark.parametrize("dim", ["anxiety", "avoidance"])
@pytest.mark.parametrize(("n", "m"), [(6, 2), (2, 6), (5, 5), (3, 3), (7, 1), (6, 5), (3, 2)])
def test_no_contradiction_flag_otherwise(area, dim, n, m):
    q = BY_FORM["full"]
    normal, rev = cell_items(q, area, dim)
    answers = constant(q, 4)
    answers[normal.id] = n
    answers[rev.id] = m
    r = score(q, answers)
    assert not [f for f in r.flags if f.kind == "contradiction"]


def test_contradiction_needs_same_area_and_dimension():
    q = BY_FORM["full"]
    n_item, _ = cell_items(q, AREA_IDS[0], "anxiety")
    _, r_item = cell_items(q, AREA_IDS[1], "anxiety")  # other area
    _, r_other_dim = cell_items(q, AREA_IDS[0], "avoidance")  # other dimension
    answers = constant(q, 4)
    answers[n_item.id] = 7
    answers[r_item.id] = 7
    answers[r_other_dim.id] = 7
    r = score(q, answers)
    assert not [f for f in r.flags if f.kind == "contradiction"]


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_contradiction_flags_match_definition(lang, data):
    q = QS[(lang, "full")]
    answers = data.draw(answers_strategy(q))
    r = score(q, answers)
    got = [(f.area, f.dimension) for f in r.flags if f.kind == "contradiction"]
    assert set(got) == contradiction_cells(q, answers)
    assert len(got) == len(set(got))


@pytest.mark.parametrize("lang", LANGS)
@SETTINGS
@given(data=st.data())
def test_short_form_never_flags_contradictions(lang, data):
    q = QS[(lang, "short")]
    r = score(q, data.draw(answers_strategy(q)))
    assert not [f for f in r.flags if f.kind == "contradiction"]


# --------------------------------------------------------------------------- contributions


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_pulls_sum_to_distance_from_midpoint(q, data):
    r = score(q, data.draw(answers_strategy(q)))
    for dim, mean in (("anxiety", r.anxiety), ("avoidance", r.avoidance)):
        total = math.fsum(c.pull for c in r.contributions if c.dimension == dim)
        assert total == pytest.approx(mean - 4, abs=1e-9)


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data(), n=st.integers(1, 5))
def test_top_contributions_point_the_way_the_score_went(q, data, n):
    r = score(q, data.draw(answers_strategy(q)))
    top = top_contributions(r, n)
    assert set(top) == {"anxiety", "avoidance"}
    for dim, mean in (("anxiety", r.anxiety), ("avoidance", r.avoidance)):
        chosen = top[dim]
        assert len(chosen) <= n
        sign = 1 if mean >= 4 else -1
        same_way = [c for c in r.contributions if c.dimension == dim and c.pull * sign > 0]
        assert len(chosen) == min(n, len(same_way))
        for c in chosen:
            assert c.dimension == dim
            assert c.pull * sign > 0
        pulls = [abs(c.pull) for c in chosen]
        assert pulls == sorted(pulls, reverse=True)
        if chosen:
            left_out = [c for c in same_way if c not in chosen]
            assert all(abs(c.pull) <= pulls[-1] for c in left_out)


# --------------------------------------------------------------------------- areas


def test_area_that_differs_clearly_is_marked():
    q = BY_FORM["full"]
    answers = prototype(q, high_anx=False, high_avo=False)
    odd_area = "conflict"
    for item in q.items:
        if item.area == odd_area and item.dimension == "anxiety":
            answers[item.id] = 1 if item.reverse else 7  # keyed 7
    r = score(q, answers)
    assert r.areas[odd_area].anxiety == 7.0
    assert r.anxiety == pytest.approx(fmean([7, 7] + [1] * 14))
    assert r.style == Style.SECURE
    assert r.areas[odd_area].style == Style.ANXIOUS
    assert r.areas[odd_area].differs == {"anxiety": "higher"}
    for area_id, a in r.areas.items():
        if area_id != odd_area:
            assert a.differs == {}


# --------------------------------------------------------------------------- validation


def ui_keys():
    return set(load_content("nl").ui)


@pytest.mark.parametrize("form", FORMS)
def test_missing_answer_is_refused(form):
    q = BY_FORM[form]
    for item_id in q.item_ids:
        answers = constant(q)
        del answers[item_id]
        with pytest.raises(AnswerError) as exc:
            score(q, answers)
        assert f"error.{exc.value.key}" in ui_keys()
    with pytest.raises(AnswerError):
        score(q, {})


@pytest.mark.parametrize("form", FORMS)
def test_extra_answer_is_refused(form):
    q = BY_FORM[form]
    answers = constant(q)
    answers["not_an_item"] = 4
    with pytest.raises(AnswerError) as exc:
        score(q, answers)
    assert f"error.{exc.value.key}" in ui_keys()


def test_answers_of_the_other_form_are_refused():
    short, full = BY_FORM["short"], BY_FORM["full"]
    with pytest.raises(AnswerError):
        score(full, constant(short))
    with pytest.raises(AnswerError):
        score(short, constant(full))


BAD_VALUES = [4.0, 4.5, "4", True, False, None, 0, 8, -1, 100, [4], float("nan")]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_non_integer_or_out_of_range_answers_are_refused(form, bad):
    q = BY_FORM[form]
    for item_id in (q.item_ids[0], q.item_ids[-1]):
        answers = constant(q)
        answers[item_id] = bad
        with pytest.raises(AnswerError) as exc:
            score(q, answers)
        assert f"error.{exc.value.key}" in ui_keys()


@pytest.mark.parametrize("bad", [None, [4] * 16, "4" * 16, 42])
def test_answers_that_are_not_a_mapping_are_refused(bad):
    with pytest.raises(AnswerError):
        score(BY_FORM["short"], bad)


@pytest.mark.parametrize("form", FORMS)
@SETTINGS
@given(
    data=st.data(),
    bad=st.one_of(
        st.integers().filter(lambda x: not 1 <= x <= 7),
        st.floats(),
        st.text(),
        st.booleans(),
        st.none(),
        st.lists(st.integers(1, 7), max_size=2),
    ),
)
def test_any_invalid_value_is_refused(form, data, bad):
    q = BY_FORM[form]
    answers = data.draw(answers_strategy(q))
    item_id = data.draw(st.sampled_from(q.item_ids))
    answers[item_id] = bad
    with pytest.raises(AnswerError):
        score(q, answers)
