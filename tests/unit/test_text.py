"""Text helpers: numbers per language, inert user text, clean display names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hechting.text import clean_name, escape_markdown, fmt, strip_markdown

SETTINGS = settings(max_examples=200, deadline=None)

# characters that would give markdown or HTML meaning to user text
ACTIVE = set("[]()<>*_`#!|~\\")


# --------------------------------------------------------------------------- fmt


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (4.3, "nl", 1, "4,3"),
        (4.3, "en", 1, "4.3"),
        (4, "nl", 1, "4,0"),
        (4, "en", 2, "4.00"),
        (6.25, "nl", 2, "6,25"),
        (1.96, "nl", 0, "2"),
        (-0.5, "nl", 1, "-0,5"),
        (53.0, "en", 0, "53"),
    ],
)
def test_fmt_examples(value, lang, digits, expected):
    assert fmt(value, lang, digits) == expected


@SETTINGS
@given(value=st.floats(-1e6, 1e6, allow_nan=False), digits=st.integers(1, 4))
def test_fmt_decimal_comma_in_dutch_point_in_english(value, digits):
    nl, en = fmt(value, "nl", digits), fmt(value, "en", digits)
    assert "." not in nl
    assert nl.count(",") == 1
    assert "," not in en
    assert en.count(".") == 1
    assert nl == en.replace(".", ",")
    assert float(en) == pytest.approx(value, abs=10 ** -digits)
    assert len(en.split(".")[1]) == digits


# --------------------------------------------------------------------------- escape_markdown


def tokens_of_escaped(text: str) -> list[str]:
    """Split escaped text into ``\\X`` pairs and plain characters; fail on a bare active
    character or a dangling backslash."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            assert i + 1 < len(text), f"dangling backslash in {text!r}"
            out.append(text[i : i + 2])
            i += 2
        else:
            assert ch not in ACTIVE, f"unescaped {ch!r} at {i} in {text!r}"
            out.append(ch)
            i += 1
    return out


def unescape(text: str) -> str:
    return "".join(t[-1] for t in tokens_of_escaped(text))


@pytest.mark.parametrize(
    "raw",
    [
        "[x](http://e)",
        "<b>hi</b>",
        "**bold**",
        "![img](http://e/x.png)",
        "<script>alert(1)</script>",
        "__under__ `code` # heading",
        "\\[x\\](http://e)",  # already-escaped input must not become active again
    ],
)
def test_escape_markdown_makes_examples_inert(raw):
    escaped = escape_markdown(raw)
    tokens_of_escaped(escaped)  # no bare [ ] ( ) < > * ...
    assert unescape(escaped) == raw


def test_escape_markdown_flattens_newlines():
    escaped = escape_markdown("a\n# heading\r\n- item")
    assert "\n" not in escaped and "\r" not in escaped
    tokens_of_escaped(escaped)


@SETTINGS
@given(raw=st.text())
def test_escape_markdown_is_inert_and_lossless(raw):
    escaped = escape_markdown(raw)
    assert "\n" not in escaped and "\r" not in escaped
    assert unescape(escaped) == raw.replace("\r", " ").replace("\n", " ")


def test_strip_markdown():
    assert strip_markdown("**bold** and *it* and `code`") == "bold and it and code"
    assert strip_markdown("  plain  ") == "plain"


# --------------------------------------------------------------------------- clean_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Zoë", "Zoë"),
        ("  Sam  ", "Sam"),
        ("Sa\x00m", "Sam"),
        ("A\nB\tC", "ABC"),
        ("\x1b[31mRed", "[31mRed"),
        ("evil\u202eeman", "evileman"),  # right-to-left override
        ("", "Jij"),
        ("   ", "Jij"),
        ("\x00\x01\x7f", "Jij"),
        (None, "Jij"),
        (42, "Jij"),
        (["Sam"], "Jij"),
    ],
)
def test_clean_name_examples(raw, expected):
    assert clean_name(raw, "Jij") == expected


def test_clean_name_caps_length():
    assert clean_name("x" * 1000, "Jij") == "x" * 40
    assert clean_name("abcdef", "Jij", max_len=3) == "abc"


@SETTINGS
@given(raw=st.text(), max_len=st.integers(1, 60))
def test_clean_name_is_printable_and_short(raw, max_len):
    name = clean_name(raw, "Jij", max_len=max_len)
    assert name
    assert all(ch.isprintable() for ch in name)
    assert name == "Jij" or len(name) <= max_len
    assert name == name.strip() or len(name) == max_len
