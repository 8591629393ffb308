"""Downloads, the couple page and a workshop with a facilitator and six participants."""

from __future__ import annotations

import io
import json
import re

import pytest
from conftest import answer_quiz, goto, wait_idle
from playwright.sync_api import expect

from hechting import encode_answers, load_content, load_questionnaire, score

pytestmark = pytest.mark.e2e

NL = load_content("nl")


def _code(form: str, anx_high: bool, avo_high: bool) -> tuple[str, str]:
    q = load_questionnaire("nl", form)
    answers = {}
    for item in q.items:
        high = anx_high if item.dimension == "anxiety" else avo_high
        value = 7 if high else 1
        answers[item.id] = 8 - value if item.reverse else value
    return encode_answers(q, answers), NL.styles[score(q, answers).style].name


def _download(page, label: str):
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_result_downloads(server, page):
    code, style = _code("short", anx_high=True, avo_high=True)
    goto(page, f"{server}/resultaat?a={code}&lang=nl")
    name, png = _download(page, NL.ui("export.png"))
    assert name.endswith(".png") and png.startswith(b"\x89PNG\r\n\x1a\n")
    name, svg = _download(page, NL.ui("export.svg"))
    assert name.endswith(".svg") and b"<svg" in svg[:200]
    name, pdf = _download(page, NL.ui("export.pdf"))
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert style in text
    _, js = _download(page, NL.ui("export.json"))
    data = json.loads(js)
    assert data["people"][0]["scores"]["style"] == "fearful"
    assert len(data["people"][0]["answers"]) == 16


def test_couple_page_from_a_link_and_its_downloads(server, page):
    a, style_a = _code("full", anx_high=True, avo_high=False)
    b, style_b = _code("full", anx_high=False, avo_high=True)
    goto(page, f"{server}/samen?a={a}&b={b}&lang=nl")
    page.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=30_000)
    pair = NL.pair(NL.styles["anxious"].id, NL.styles["avoidant"].id)
    expect(page.get_by_role("heading", name=pair.title)).to_be_visible()
    _, pdf = _download(page, NL.ui("export.pdf"))
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert style_a in text and style_b in text
    _, png = _download(page, NL.ui("export.png"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def _take_short_quiz(page, anx_high: bool, avo_high: bool) -> None:
    q = load_questionnaire("nl", "short")
    target = {}
    for item in q.items:
        high = anx_high if item.dimension == "anxiety" else avo_high
        target[item.id] = 7 if high != item.reverse else 1
    answer_quiz(page, NL, q, target)
    page.get_by_role("button", name=NL.ui("workshop.submit"), exact=True).click()
    wait_idle(page)


def test_workshop_with_six_participants(server, browser):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    f = facilitator.new_page()
    goto(f, f"{server}/workshop?lang=nl")
    f.get_by_role("textbox", name=NL.ui("workshop.title_label")).fill("Avondcursus <b>test</b>")
    f.get_by_role("button", name=NL.ui("workshop.create"), exact=True).click()
    wait_idle(f)
    join_link = f.locator('[data-testid="stCode"]', has_text="/meedoen?").first.inner_text().strip()
    code = re.search(r"code=([A-Z0-9]{6})", join_link).group(1)
    expect(f.get_by_text("Avondcursus <b>test</b>")).to_be_visible()  # shown as text, not HTML
    expect(f.get_by_role("img", name=NL.ui("workshop.qr_caption"))).to_be_attached()

    profiles = [(True, False), (True, False), (False, True), (False, False), (False, False), (True, True)]
    for anx_high, avo_high in profiles:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
        p = ctx.new_page()
        goto(p, f"{server}/meedoen?code={code.lower()}&lang=nl")
        p.get_by_role("button", name=NL.ui("workshop.join"), exact=True).click()
        wait_idle(p)
        _take_short_quiz(p, anx_high, avo_high)
        expect(p.get_by_text(NL.ui("workshop.thanks"))).to_be_visible()
        ctx.close()

    expect(f.get_by_text(NL.ui("workshop.hidden"))).to_be_visible(timeout=15_000)
    f.get_by_text(NL.ui("workshop.reveal")).click()
    wait_idle(f)
    submitted = f.locator('[data-testid="stMetric"]', has_text=NL.ui("workshop.submitted"))
    expect(submitted.locator('[data-testid="stMetricValue"]')).to_have_text("6", timeout=15_000)
    f.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=30_000)
    expected = {"anxious": 2, "avoidant": 1, "secure": 2, "fearful": 1}
    for style_id, n in expected.items():
        metric = f.locator('[data-testid="stMetric"]', has_text=NL.styles[style_id].name)
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(n))
    plane = f.get_by_label(NL.ui("workshop.plane_alt", n=6))
    expect(plane.locator("g.mark-symbol path")).to_have_count(6)  # six points drawn
    facilitator.close()


def test_bad_workshop_code_gets_a_message(server, page):
    goto(page, f"{server}/meedoen?code=ZZZZZZ&lang=nl")
    page.get_by_role("button", name=NL.ui("workshop.join"), exact=True).click()
    wait_idle(page)
    expect(page.get_by_text(NL.ui("workshop.error_unknown"))).to_be_visible()
    page.get_by_role("textbox", name=NL.ui("workshop.code_label")).fill("<b>O0</b>")
    page.get_by_role("textbox", name=NL.ui("workshop.code_label")).press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=NL.ui("workshop.join"), exact=True).click()
    wait_idle(page)
    expect(page.get_by_text(NL.ui("workshop.error_code_format"))).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
