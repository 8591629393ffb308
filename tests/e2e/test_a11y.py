"""Accessibility (axe-core, WCAG 2.1 A/AA) and phone-size checks in the system Chromium.

Every page is audited at desktop and phone size in Dutch, a few also in English. Only
violations with impact "serious" or "critical" fail a test; the failure message lists each
rule with its impact, help text, first target selectors and an HTML snippet to fix it by.
One browser context per viewport size is shared by all tests in this module.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DESKTOP, PHONE, goto, no_horizontal_scroll, wait_idle
from playwright.sync_api import expect

from hechting import load_content, load_questionnaire

pytestmark = pytest.mark.e2e

CODE_A = "7156715671567156"
CODE_B = "1111222233334444"
SIZES = {"desktop": DESKTOP, "phone": PHONE}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}

# name -> (path with query, extra selector that must be there before auditing, charts expected)
PAGES: dict[str, tuple[str, str | None, bool]] = {
    "home": ("/", None, False),
    "theorie": ("/theorie", None, True),
    "quiz": ("/quiz", "input[type=range]", False),
    "resultaat": (f"/resultaat?a={CODE_A}", None, True),
    "resultaat-leeg": ("/resultaat", None, False),
    "bronnen": ("/bronnen", None, False),
    "samen": (f"/samen?a={CODE_A}&b={CODE_B}", None, True),
    "workshop": ("/workshop", None, False),
    "meedoen": ("/meedoen", None, False),
}
ENGLISH_TOO = ("home", "quiz", "resultaat", "samen")

AUDITS = [(name, size, "nl") for name in PAGES for size in SIZES] + [
    (name, size, "en") for name in ENGLISH_TOO for size in SIZES
]

_axe = Axe()


@pytest.fixture(scope="module")
def sized_pages(browser):
    """One context (and page) per viewport size, created on first use, reused afterwards."""
    contexts = {}
    pages = {}

    def get(size: str):
        if size not in pages:
            contexts[size] = browser.new_context(viewport=SIZES[size], reduced_motion="reduce")
            pages[size] = contexts[size].new_page()
        return pages[size]

    yield get
    for context in contexts.values():
        context.close()


def _url(server: str, name: str, lang: str) -> str:
    path = PAGES[name][0]
    return f"{server}{path}{'&' if '?' in path else '?'}lang={lang}"


def _open(page, server: str, name: str, lang: str) -> None:
    """Navigate and wait until the page, its lazy widgets and its charts are fully drawn."""
    _path, extra, charts = PAGES[name]
    goto(page, _url(server, name, lang))
    # goto can return before the first script run has started: wait for the page title.
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30_000)
    wait_idle(page)
    if extra:
        page.locator(extra).first.wait_for(timeout=30_000)
    if charts:
        page.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=30_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.vega-embed')].every(e => e.querySelector('svg, canvas'))",
            timeout=30_000,
        )
    wait_idle(page)


def _language_problem(page, lang: str) -> str | None:
    """None if the page is in ``lang``, judged by the sidebar navigation's link texts."""
    expected = load_content(lang).ui("nav.workshop")
    links = page.locator('[data-testid="stSidebarNav"] a').all_text_contents()
    if any(expected in text for text in links):
        return None
    return f"page is not in {lang!r}: no nav link {expected!r} (links: {links}); URL now {page.url}"


def _targets(node: dict) -> list[str]:
    out = []
    for target in node.get("target", []):
        out.append(" >>> ".join(target) if isinstance(target, list) else str(target))
    return out


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        targets = [t for node in nodes[:3] for t in _targets(node)][:3]
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({len(nodes)} node(s)) {v.get('helpUrl', '')}")
        for target in targets:
            lines.append(f"    target: {target}")
        if nodes:
            snippet = " ".join(nodes[0].get("html", "").split())[:300]
            lines.append(f"    html:   {snippet}")
            summary = " ".join(nodes[0].get("failureSummary", "").split())[:300]
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "size", "lang"), AUDITS, ids=[f"{n}-{s}-{lang}" for n, s, lang in AUDITS])
def test_no_serious_axe_violations(server, sized_pages, name, size, lang):
    page = sized_pages(size)
    _open(page, server, name, lang)
    wrong_language = _language_problem(page, lang)
    results = _axe.run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    problems = []
    if wrong_language:
        problems.append(f"- language: {wrong_language}")
    if blocking:
        problems.append(f"{len(blocking)} serious/critical axe violation(s):\n{_report(blocking)}")
    if problems:
        report = f"{_url(server, name, lang)} at {size}:\n" + "\n".join(problems)
        print(report)
        pytest.fail(report, pytrace=False)


@pytest.mark.parametrize("name", PAGES)
def test_phone_has_no_horizontal_scroll(server, sized_pages, artifacts, name):
    page = sized_pages("phone")
    _open(page, server, name, "nl")
    page.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert no_horizontal_scroll(page), f"{name}: scrollWidth {widths[0]} > innerWidth {widths[1]}"


def test_keyboard_reaches_first_slider_with_visible_focus(server, sized_pages, artifacts):
    page = sized_pages("desktop")
    _open(page, server, "quiz", "nl")
    first_text = load_questionnaire("nl", "short").items[0].text
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator("body").focus()
    reached = False
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.matches('input[type=range]') ?? false"):
            reached = True
            break
    assert reached, "Tab never reached a slider (input[type=range]) within 40 presses"
    assert page.evaluate("document.activeElement === document.querySelector('input[type=range]')"), (
        "the first slider reached by Tab is not the first slider on the page"
    )
    focused = page.locator("input[type=range]:focus")
    expect(focused).to_have_count(1)
    assert page.evaluate("document.activeElement.matches(':focus-visible')"), "slider focus is not :focus-visible"
    # The native input is visually hidden; the focus ring is drawn on the slider thumb.
    ring = page.evaluate(
        """() => {
            const thumb = document.activeElement.closest('[data-focus-visible="true"]');
            if (!thumb) return null;
            const cs = getComputedStyle(thumb);
            return {shadow: cs.boxShadow, outline: cs.outlineStyle, width: thumb.getBoundingClientRect().width};
        }"""
    )
    assert ring is not None, "no element marks the keyboard focus (data-focus-visible) on the slider"
    assert ring["width"] > 0, f"focused slider thumb is not drawn: {ring}"
    assert ring["shadow"] != "none" or ring["outline"] != "none", f"no visible focus ring on the thumb: {ring}"
    page.screenshot(path=str(artifacts / "quiz-keyboard-focus.png"))
    # The slider is named by its statement. Streamlit's slider (react-aria) labels the input
    # by itself and by its group, both carrying that label, so browsers announce it twice;
    # the name must still consist of the statement and nothing else.
    expect(focused).to_have_attribute("aria-label", first_text)
    expect(focused).to_have_accessible_name(re.compile(rf"^({re.escape(first_text)}\s*)+$"))
