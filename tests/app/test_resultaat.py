"""The result page: empty state, result links (?a=) and bad links that explain themselves."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from apptools import all_texts, error_messages, goto, ok, open_page, profile_code, start, values

from hechting import STYLE_ORDER, load_content

VALID = profile_code("short", anxiety="high", avoidance="low")  # an anxious short-form code


def test_empty_result_page_explains_and_links_to_quiz() -> None:
    c = load_content("nl")
    at = open_page("resultaat")

    assert values(at, "title") == [c.ui("result.empty_title")]
    assert c.ui("result.empty_body").strip() in values(at, "markdown")
    links = {link.value: link.proto.page for link in at.page_link}
    assert "quiz" in links[c.ui("result.to_quiz")]
    assert not at.error
    assert not at.warning


def test_result_link_shows_result_and_share_link() -> None:
    c = load_content("nl")
    at = open_page("resultaat", a=VALID)

    assert c.styles["anxious"].name in values(at, "title")[0]
    assert c.ui("result.style_title", style=c.styles["anxious"].name) in values(at, "header")
    subheaders = values(at, "subheader")
    for area in c.areas:
        assert area.title in subheaders
    codes = values(at, "code")
    assert any(f"resultaat?a={VALID}" in code for code in codes), codes
    assert not at.error
    assert not at.warning


def test_full_form_link_works_too() -> None:
    c = load_content("nl")
    code = profile_code("full", anxiety="low", avoidance="high")
    at = open_page("resultaat", a=code)
    assert c.styles["avoidant"].name in values(at, "title")[0]


BAD_LINKS = {
    "too_short": "123",
    "letters": "12345678abcdefgh",
    "digit_8": "8" * 16,
    "arabic_indic": "\u0661" * 16,
    "repeated": ["1" * 16, "2" * 16],
    "huge": "1234567" * 1429,  # 10_003 digits
    "script": "<script>alert(1)</script>",
    "empty": "",
    "whitespace": " " + "1" * 16,
}


@pytest.mark.parametrize("raw", BAD_LINKS.values(), ids=BAD_LINKS.keys())
def test_bad_link_warns_and_never_echoes_input(raw: str | list[str]) -> None:
    c = load_content("nl")
    at = open_page("resultaat", a=raw)

    assert not at.error
    assert values(at, "title") == [c.ui("link.bad_title")]
    assert len(at.warning) == 1
    assert values(at, "warning")[0] in error_messages("nl")
    assert c.ui("result.to_quiz") in [link.value for link in at.page_link]
    # no result is shown for a bad link
    assert not at.code
    shown = "\n".join(all_texts(at))
    for value in [raw] if isinstance(raw, str) else raw:
        if value.strip():
            assert value not in shown
            assert value.strip() not in shown


def test_specific_bad_link_messages() -> None:
    c = load_content("nl")
    cases = {
        "123": "error.code_length",
        "8" * 16: "error.code_chars",
        "\u0661" * 16: "error.code_chars",
        "1234567" * 1429: "error.code_length",
    }
    for raw, key in cases.items():
        at = open_page("resultaat", a=raw)
        assert values(at, "warning") == [c.ui(key)], raw[:20]
    at = open_page("resultaat", a=["1" * 16, "2" * 16])
    assert values(at, "warning") == [c.ui("error.code_repeated")]


VIA = [
    pytest.param("locale", id="browser-locale"),
    pytest.param("query", id="lang-param"),
]


@pytest.mark.parametrize("via", VIA)
def test_result_page_in_english(via: str) -> None:
    en, nl = load_content("en"), load_content("nl")
    at = open_page("resultaat", "en", via, a=VALID)

    title = values(at, "title")[0]
    assert en.styles["anxious"].name in title
    assert nl.styles["anxious"].name not in title
    assert en.ui("result.style_title", style=en.styles["anxious"].name) in values(at, "header")
    subheaders = values(at, "subheader")
    for area in en.areas:
        assert area.title in subheaders
    assert any("lang=en" in code for code in values(at, "code"))
    shown = "\n".join(values(at, "title") + values(at, "header"))
    for s in STYLE_ORDER:
        if nl.styles[s].name != en.styles[s].name:
            assert nl.styles[s].name not in shown


def test_shared_english_link_opens_in_english() -> None:
    """The share link made in English opens in English for whoever receives it."""
    en = load_content("en")
    sender = open_page("resultaat", "en", a=VALID)
    link = next(code for code in values(sender, "code") if "resultaat?" in code)
    query = parse_qs(urlsplit(link).query)
    assert query["lang"] == ["en"]

    # a Dutch browser opening the link: ?lang= from the link wins over the browser locale
    receiver = start(query["lang"][0], via="query", a=query["a"][0])
    goto(receiver, "resultaat")
    assert en.styles["anxious"].name in values(receiver, "title")[0]


@pytest.mark.parametrize("via", VIA)
def test_bad_link_in_english(via: str) -> None:
    en = load_content("en")
    at = ok(open_page("resultaat", "en", via, a="123"))
    assert values(at, "warning") == [en.ui("error.code_length")]
    assert values(at, "title") == [en.ui("link.bad_title")]
