"""Answer codes in links: round trip and refusal of anything that is not a valid code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hechting import (
    AnswerError,
    decode_answers,
    encode_answers,
    form_of_code,
    load_content,
    load_questionnaire,
)
from hechting.codes import code_from_link

SETTINGS = settings(max_examples=200, deadline=None)

LANGS = ("nl", "en")
FORMS = ("short", "full")
QS = {(lang, form): load_questionnaire(lang, form) for lang in LANGS for form in FORMS}
ALL_Q = list(QS.values())
Q_IDS = [f"{q.lang}-{q.form}" for q in ALL_Q]
LENGTH = {"short": 16, "full": 32}
VALID_CODE = re.compile(r"[1-7]{16}|[1-7]{32}", re.ASCII)
UI_KEYS = set(load_content("nl").ui)


def answers_strategy(q):
    ids = q.item_ids
    return st.lists(st.integers(1, 7), min_size=len(ids), max_size=len(ids)).map(
        lambda xs: dict(zip(ids, xs, strict=True))
    )


def assert_valid_code(code):
    assert isinstance(code, str)
    assert code.isascii()
    assert VALID_CODE.fullmatch(code), code


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("q", ALL_Q, ids=Q_IDS)
@SETTINGS
@given(data=st.data())
def test_round_trip(q, data):
    answers = data.draw(answers_strategy(q))
    code = encode_answers(q, answers)
    assert len(code) == LENGTH[q.form]
    assert_valid_code(code)
    # one digit per item, in questionnaire order
    assert [int(ch) for ch in code] == [answers[i] for i in q.item_ids]
    assert decode_answers(q, code) == answers
    assert form_of_code(code) == q.form
    assert code_from_link([code]) == code
    assert code_from_link((code,)) == code


@pytest.mark.parametrize("form", FORMS)
@SETTINGS
@given(data=st.data())
def test_code_means_the_same_answers_in_both_languages(form, data):
    """A link made in one language and opened in the other scores the same answers."""
    nl, en = QS[("nl", form)], QS[("en", form)]
    answers = data.draw(answers_strategy(nl))
    code = encode_answers(nl, answers)
    assert decode_answers(en, code) == answers
    assert encode_answers(en, answers) == code


@SETTINGS
@given(code=st.text(alphabet="1234567", min_size=16, max_size=16) | st.text(alphabet="1234567", min_size=32, max_size=32))
def test_every_valid_code_decodes_and_re_encodes(code):
    q = QS[("nl", form_of_code(code))]
    answers = decode_answers(q, code)
    assert set(answers) == set(q.item_ids)
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in answers.values())
    assert encode_answers(q, answers) == code


def test_form_of_code_by_length():
    assert form_of_code("1" * 16) == "short"
    assert form_of_code("7" * 32) == "full"
    for n in (0, 1, 15, 17, 31, 33, 48, 64):
        with pytest.raises(AnswerError):
            form_of_code("4" * n)


@pytest.mark.parametrize("bad", [None, 1234567123456712, b"1111111111111111", ["1"] * 16])
def test_form_of_code_refuses_non_text(bad):
    with pytest.raises(AnswerError):
        form_of_code(bad)


def test_decode_refuses_code_of_the_other_form():
    with pytest.raises(AnswerError):
        decode_answers(QS[("nl", "full")], "4" * 16)
    with pytest.raises(AnswerError):
        decode_answers(QS[("nl", "short")], "4" * 32)


# --------------------------------------------------------------------------- refusals

REFUSED_CODES = {
    "empty string": "",
    "too short": "1" * 15,
    "between forms": "1" * 20,
    "too long": "1" * 33,
    "zero": "0" + "1" * 15,
    "eight": "1" * 15 + "8",
    "nine": "9" * 16,
    "letters": "abcdefghijklmnop",
    "letter among digits": "1234567a12345671",
    "hex digits": "1234567123456ABC",
    "arabic-indic digits": "\u0661" * 16,  # ١
    "one arabic-indic digit": "1" * 15 + "\u0663",
    "fullwidth digits": "\uff14" * 16,  # ４
    "superscript digits": "\u00b9" * 16,
    "devanagari digits": "\u0967" * 16,
    "leading space": " " + "1" * 15,
    "trailing space": "1" * 16 + " ",
    "trailing newline": "1" * 16 + "\n",
    "tab inside": "1" * 8 + "\t" + "1" * 7,
    "non-breaking space": "1" * 15 + "\u00a0",
    "negative sign": "-" + "1" * 15,
    "plus sign": "+" + "1" * 15,
    "decimal point": "1" * 7 + "." + "1" * 8,
    "markup": "<script>alert(1)</script>",
    "markup of 16 chars": "<b>1234567</b>12"[:16],
    "url-encoded": "%31" * 16,
    "huge": "1" * 10**6,
    "huge with junk": "x" * 10**6,
}


@pytest.mark.parametrize("code", REFUSED_CODES.values(), ids=REFUSED_CODES.keys())
def test_code_from_link_refuses(code):
    with pytest.raises(AnswerError) as exc:
        code_from_link([code])
    assert f"error.{exc.value.key}" in UI_KEYS
    with pytest.raises(AnswerError):
        form_of_code(code)
    for q in ALL_Q:
        with pytest.raises(AnswerError):
            decode_answers(q, code)


def test_code_from_link_refuses_missing_and_repeated():
    with pytest.raises(AnswerError) as exc:
        code_from_link([])
    missing_key = exc.value.key
    with pytest.raises(AnswerError) as exc:
        code_from_link(["1" * 16, "1" * 16])
    repeated_key = exc.value.key
    with pytest.raises(AnswerError):
        code_from_link(["1" * 16, "2" * 32])
    with pytest.raises(AnswerError):
        code_from_link(())
    for key in (missing_key, repeated_key):
        assert f"error.{key}" in UI_KEYS
    assert missing_key != repeated_key  # the person gets a message that fits


@pytest.mark.parametrize("value", [None, 1111111111111111, b"1111111111111111"])
def test_code_from_link_refuses_non_text_values(value):
    with pytest.raises(AnswerError):
        code_from_link([value])


@SETTINGS
@given(text=st.text())
def test_arbitrary_text_is_refused_or_a_valid_code(text):
    try:
        code = code_from_link([text])
    except AnswerError:
        assert not VALID_CODE.fullmatch(text)
    else:
        assert_valid_code(code)
        assert code == text


@SETTINGS
@given(values=st.lists(st.text(), max_size=4))
def test_arbitrary_lists_of_text_are_refused_or_a_valid_code(values):
    try:
        code = code_from_link(values)
    except AnswerError:
        pass
    else:
        assert len(values) == 1
        assert_valid_code(code)


@SETTINGS
@given(
    text=st.one_of(
        st.text(),
        st.text(alphabet="1234567", min_size=15, max_size=33),
        st.text(alphabet=st.characters(categories=["Nd"]), min_size=16, max_size=16),
        st.text(alphabet=st.characters(categories=["Nd"]), min_size=32, max_size=32),
    )
)
def test_decode_never_raises_anything_but_answer_error(text):
    for q in ALL_Q:
        try:
            answers = decode_answers(q, text)
        except AnswerError:
            continue
        assert_valid_code(text)
        assert len(text) == len(q.items)
        assert list(answers) == list(q.item_ids)
        assert all(type(v) is int and 1 <= v <= 7 for v in answers.values())


@SETTINGS
@given(
    data=st.data(),
    bad=st.characters().filter(lambda ch: ch not in "1234567"),
    form=st.sampled_from(FORMS),
)
def test_one_wrong_character_spoils_the_code(data, bad, form):
    code = data.draw(st.text(alphabet="1234567", min_size=LENGTH[form], max_size=LENGTH[form]))
    pos = data.draw(st.integers(0, len(code) - 1))
    spoiled = code[:pos] + bad + code[pos + 1 :]
    with pytest.raises(AnswerError):
        code_from_link([spoiled])
