"""The couple page: two results from links or pasted codes, real differences only."""

from __future__ import annotations

from apptools import all_texts, error_messages, ok, open_page, profile_code, texts, ui_fragments, values

from hechting import decode_answers, load_content, load_questionnaire, score
from hechting.couple import compare

ANXIOUS = profile_code("full", anxiety="high", avoidance="low")
AVOIDANT = profile_code("full", anxiety="low", avoidance="high")


def _result(code: str):
    q = load_questionnaire("nl", "full" if len(code) == 32 else "short")
    return score(q, decode_answers(q, code))


def _diff_lines(at) -> list[str]:
    """The bullet lines of the 'where you really differ' list."""
    marker = max(ui_fragments(load_content("nl").ui("couple.diff_line")), key=len)
    lines = []
    for md in values(at, "markdown"):
        lines += [line for line in md.splitlines() if marker in line]
    return lines


def test_two_links_show_both_ready_pair_and_real_differences() -> None:
    c = load_content("nl")
    at = open_page("samen", a=ANXIOUS, b=AVOIDANT)

    assert values(at, "success") == [
        c.ui("couple.ready", style=c.styles["anxious"].name),
        c.ui("couple.ready", style=c.styles["avoidant"].name),
    ]
    assert c.ui("couple.waiting") not in values(at, "info")
    assert c.pair("anxious", "avoidant").title in values(at, "subheader")

    expected = sum(d.beyond_noise for d in compare(_result(ANXIOUS), _result(AVOIDANT)))
    lines = _diff_lines(at)
    assert expected >= 1
    assert len(lines) == expected
    assert c.ui("couple.no_diff").strip() not in values(at, "markdown")
    assert not at.error
    assert not at.warning


def test_identical_results_have_no_differences() -> None:
    c = load_content("nl")
    at = open_page("samen", a=ANXIOUS, b=ANXIOUS)

    assert _diff_lines(at) == []
    assert c.ui("couple.no_diff").strip() in values(at, "markdown")
    assert c.pair("anxious", "anxious").title in values(at, "subheader")


def test_default_names() -> None:
    c = load_content("nl")
    at = open_page("samen")
    subheaders = values(at, "subheader")
    assert subheaders[:2] == [c.ui("couple.default_a"), c.ui("couple.default_b")]
    assert c.ui("couple.default_a") == "Partner 1"
    assert c.ui("couple.default_b") == "Partner 2"
    # nothing to compare yet
    assert c.ui("couple.waiting") in values(at, "info")


RAW_NAME = "<b>x</b> [l](http://e)"
LIVE = ("<b>", "[l](http", "](http://e)")


def _with_raw_name():
    at = open_page("samen", a=ANXIOUS, b=AVOIDANT)
    at.text_input(key="couple_name_a").input(RAW_NAME)
    return ok(at.run())


def test_names_with_markdown_or_html_are_inert_in_body_text() -> None:
    at = _with_raw_name()
    # the name is used (the differences and the pair advice name both partners) ...
    assert any("x" in line for line in _diff_lines(at))
    # ... but never as live markdown or HTML in the body text
    for text in texts(at, ("markdown", "caption", "header", "info", "success", "warning")):
        for live in LIVE:
            assert live not in text, text


def test_names_with_markdown_are_inert_in_partner_heading() -> None:
    at = _with_raw_name()
    for text in values(at, "subheader") + values(at, "title"):
        for live in LIVE:
            assert live not in text, text


def test_bad_pasted_code_warns_and_gives_no_result() -> None:
    c = load_content("nl")
    at = open_page("samen", a=ANXIOUS)
    slot_b = at.get_by_key("couple_slot_b")
    assert slot_b.text_input(key="couple_paste_b")
    at.text_input(key="couple_paste_b").input("12345678abcdefgh")
    ok(at.run())

    slot_b = at.get_by_key("couple_slot_b")
    assert [w.value for w in slot_b.warning] == [c.ui("error.code_chars")]
    assert not slot_b.success
    assert [s.value for s in at.get_by_key("couple_slot_a").success] == [
        c.ui("couple.ready", style=c.styles["anxious"].name)
    ]
    assert c.ui("couple.waiting") in values(at, "info")
    assert c.ui("couple.plane_title") not in values(at, "header")
    assert "12345678abcdefgh" not in "\n".join(texts(at))


def test_good_pasted_link_gives_result() -> None:
    c = load_content("nl")
    at = open_page("samen", a=ANXIOUS)
    at.text_input(key="couple_paste_b").input(f"https://example.org/resultaat?a={AVOIDANT}&lang=nl")
    ok(at.run())
    assert [s.value for s in at.get_by_key("couple_slot_b").success] == [
        c.ui("couple.ready", style=c.styles["avoidant"].name)
    ]
    assert c.pair("anxious", "avoidant").title in values(at, "subheader")


def test_bad_link_parameter_warns_per_partner() -> None:
    at = open_page("samen", a=ANXIOUS, b="<script>alert(1)</script>")
    slot_b = at.get_by_key("couple_slot_b")
    assert len(slot_b.warning) == 1
    assert slot_b.warning[0].value in error_messages("nl")
    assert not slot_b.success
    assert not at.error
    assert "<script>" not in "\n".join(all_texts(at))
