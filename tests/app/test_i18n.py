"""English pages carry no Dutch interface text.

Collects every Dutch ui text (content/nl/ui.yaml) that differs from its English
counterpart, splits it at its {placeholders}, and checks no text element of any page,
rendered in English, contains one of those Dutch fragments.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from apptools import ROOT, all_texts, goto, ok, profile_code, start, ui_fragments
from streamlit.testing.v1 import AppTest

MIN_LEN = 12


def _ui(lang: str) -> dict[str, str]:
    return yaml.safe_load((ROOT / "content" / lang / "ui.yaml").read_text(encoding="utf-8"))


def dutch_fragments() -> dict[str, str]:
    """Dutch fragment -> the ui key it comes from."""
    nl, en = _ui("nl"), _ui("en")
    english = "\n".join(en.values())
    out = {}
    for key, text in nl.items():
        if len(text) <= MIN_LEN or en.get(key) == text:
            continue
        for frag in ui_fragments(text, MIN_LEN + 1):
            if frag not in english:  # a fragment both languages share is not "Dutch"
                out[frag] = key
    return out


DUTCH = dutch_fragments()


def test_there_are_dutch_strings_to_look_for() -> None:
    assert len(DUTCH) > 100


# --------------------------------------------------------------------------- page states


def _start(at: AppTest) -> None:
    pass


def _page(name: str, **params: str) -> Callable[[AppTest], None]:
    def go(at: AppTest) -> None:
        for k, v in params.items():
            at.query_params[k] = v
        goto(at, name)

    return go


def _workshop_dashboard(at: AppTest) -> None:
    goto(at, "workshop")
    at.number_input(key="ws_sim_n").set_value(8)
    at.button(key="ws_practice_create").click()
    ok(at.run())
    at.toggle(key="ws_ctl_reveal").set_value(True)
    ok(at.run())


def _meedoen_joined(at: AppTest) -> None:
    _workshop_dashboard(at)
    code = at.session_state["ws_code"]
    at.button(key="ws_leave").click()
    ok(at.run())
    at.query_params["code"] = code
    goto(at, "meedoen")
    at.button(key="join_btn").click()
    ok(at.run())
    assert at.select_slider


def _quiz_confirm(at: AppTest) -> None:
    goto(at, "quiz")
    while [b for b in at.button if b.key == "quiz_next"]:
        at.button(key="quiz_next").click()
        ok(at.run())
    at.button(key="quiz_submit").click()
    ok(at.run())
    assert at.get_by_key("quiz_confirm_box")


CODE = profile_code("short", anxiety="high", avoidance="high")
CODE_B = profile_code("full", anxiety="low", avoidance="low")

STATES: dict[str, Callable[[AppTest], None]] = {
    "start": _start,
    "theorie": _page("theorie"),
    "quiz": _page("quiz"),
    "quiz-confirm": _quiz_confirm,
    "resultaat": _page("resultaat", a=CODE),
    "resultaat-empty": _page("resultaat"),
    "resultaat-bad-link": _page("resultaat", a="123"),
    "bronnen": _page("bronnen"),
    "samen": _page("samen"),
    "samen-pair": _page("samen", a=CODE, b=CODE_B),
    "workshop": _page("workshop"),
    "workshop-dashboard": _workshop_dashboard,
    "meedoen": _page("meedoen"),
    "meedoen-joined": _meedoen_joined,
}

VIA = [
    pytest.param("locale", id="browser-locale"),
    pytest.param("query", id="lang-param"),
]


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize("state", STATES)
def test_english_page_has_no_dutch_interface_text(state: str, via: str) -> None:
    at = start("en", via)
    STATES[state](at)
    ok(at)

    shown = all_texts(at)
    assert shown
    found = _dutch_in(shown)
    assert not found, "Dutch interface text on an English page:\n" + "\n".join(found)


def _dutch_in(shown: list[str]) -> list[str]:
    return sorted({f"{key}: {frag!r}" for text in shown for frag, key in DUTCH.items() if frag in text})


@pytest.mark.parametrize("state", ["start", "resultaat", "samen-pair", "workshop-dashboard"])
def test_the_check_catches_dutch(state: str) -> None:
    """The same pages in Dutch: the check must find Dutch (so it is not vacuous)."""
    at = start("nl")
    STATES[state](at)
    assert len(_dutch_in(all_texts(ok(at)))) >= 5


def test_language_picker_switches_the_current_page() -> None:
    at = start("nl")
    goto(at, "theorie")
    at.button_group(key="lang").set_value("en")
    ok(at.run())
    shown = all_texts(at)
    assert _ui("en")["theory.title"] in shown
    assert not _dutch_in(shown)

    at.button_group(key="lang").set_value("nl")
    ok(at.run())
    assert _ui("nl")["theory.title"] in all_texts(at)
