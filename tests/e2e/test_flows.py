"""User flows in the system Chromium against a real ``streamlit run`` on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from conftest import DESKTOP, PHONE, answer_quiz, goto, no_horizontal_scroll, start_server, stop_server, wait_idle
from playwright.sync_api import expect

from hechting import encode_answers, load_content, load_questionnaire, score

pytestmark = pytest.mark.e2e

NL = load_content("nl")
SIZES = {"desktop": DESKTOP, "phone": PHONE}


def _anxious_answers(form: str) -> dict[str, int]:
    q = load_questionnaire("nl", form)
    out = {}
    for item in q.items:
        high = item.dimension == "anxiety"
        out[item.id] = (1 if item.reverse else 7) if high else (7 if item.reverse else 1)
    return out


def _result_ready(page) -> None:
    page.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=30_000)


@pytest.mark.parametrize("size", SIZES)
def test_short_quiz_with_keyboard_only_on_the_sliders(server, browser, artifacts, size):
    context = browser.new_context(viewport=SIZES[size], locale="nl-NL")
    page = context.new_page()
    goto(page, f"{server}/quiz?lang=nl")
    target = _anxious_answers("short")
    answer_quiz(page, NL, load_questionnaire("nl", "short"), target)
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name=NL.ui("quiz.submit"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/resultaat"), timeout=30_000)
    wait_idle(page)
    _result_ready(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(NL.styles["anxious"].name)
    for area in NL.areas:
        expect(page.get_by_role("heading", name=area.title, exact=True)).to_be_attached()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"result-{size}.png"), full_page=True)
    context.close()


def test_unmoved_sliders_ask_before_scoring(server, page):
    goto(page, f"{server}/quiz?lang=nl")
    for area in NL.areas[:-1]:
        expect(page.get_by_role("heading", name=area.title)).to_be_visible()
        page.get_by_role("button", name=NL.ui("quiz.next"), exact=True).click()
        wait_idle(page)
    expect(page.get_by_role("heading", name=NL.areas[-1].title)).to_be_visible()
    page.get_by_role("button", name=NL.ui("quiz.submit"), exact=True).click()
    wait_idle(page)
    expect(page.get_by_text(NL.ui("quiz.unmoved_title"))).to_be_visible()
    page.get_by_role("button", name=NL.ui("quiz.confirm_neutral"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/resultaat"), timeout=30_000)
    _result_ready(page)


@pytest.mark.parametrize("size", SIZES)
def test_result_link_shows_the_right_style(server, browser, artifacts, size):
    q = load_questionnaire("nl", "full")
    answers = _anxious_answers("full")
    code = encode_answers(q, answers)
    expected = NL.styles[score(q, answers).style].name
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    goto(page, f"{server}/resultaat?a={code}&lang=nl")
    _result_ready(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(expected)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"result-link-{size}.png"))
    context.close()


@pytest.mark.parametrize(
    "bad",
    ["123", "12345678abcdefgh", "8888888888888888", "%3Cb%3Ex%3C%2Fb%3E1234567812345678", "1" * 5000],
)
def test_tampered_link_gets_a_message(server, page, bad):
    goto(page, f"{server}/resultaat?a={bad}&lang=nl")
    expect(page.get_by_role("heading", name=NL.ui("link.bad_title"))).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator("b", has_text="x")).to_have_count(0)  # never rendered as HTML
    expect(page.get_by_role("link", name=NL.ui("result.to_quiz"))).to_be_visible()


def test_repeated_parameter_gets_a_message(server, page):
    goto(page, f"{server}/resultaat?a={'1' * 16}&a={'2' * 16}&lang=nl")
    expect(page.get_by_text(NL.ui("error.code_repeated"))).to_be_visible()


def test_first_visit_to_a_page_url_after_a_restart_goes_through_the_app(tmp_path, browser):
    """A QR link is often the first request a fresh server gets."""
    proc, url = start_server({"HECHTING_DATABASE_URL": f"sqlite:///{tmp_path}/w.sqlite3"})
    try:
        page = browser.new_page()
        goto(page, f"{url}/meedoen?lang=nl&code=ABC234")
        expect(page.get_by_role("heading", name=NL.ui("join.title"))).to_be_visible()
        expect(page.get_by_role("textbox", name=NL.ui("workshop.code_label"))).to_have_value("ABC234")
        expect(page.get_by_role("link", name=NL.ui("nav.workshop"))).to_be_attached()  # app.py navigation
    finally:
        stop_server(proc)
