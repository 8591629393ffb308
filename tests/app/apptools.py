"""Shared helpers for the AppTest suite: start the app, switch pages, collect texts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from hechting import encode_answers, load_content, load_questionnaire

ROOT = Path(__file__).resolve().parents[2]

ENTRYPOINT = str(ROOT / "app.py")
TIMEOUT = 60

# Element lists whose ``.value`` is text a reader sees.
TEXT_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "success",
    "error",
)


def ok(at: AppTest) -> AppTest:
    """Fail with the app's own traceback when a run raised."""
    assert not at.exception, [e.value for e in at.exception]
    return at


LOCALES = {"nl": "nl-NL", "en": "en-US"}


def start(lang: str = "nl", via: str = "locale", **params: object) -> AppTest:
    """A fresh session on the start page (always through the entrypoint).

    ``via="locale"`` picks the language through the browser locale (``st.context``);
    ``via="query"`` through ``?lang=<lang>`` with a Dutch browser, as a shared link would.
    """
    at = AppTest.from_file(ENTRYPOINT, default_timeout=TIMEOUT)
    if via == "locale":
        at.context = {"locale": LOCALES[lang]}
    elif via == "query":
        at.context = {"locale": LOCALES["nl"]}
        at.query_params["lang"] = lang
    else:
        raise ValueError(via)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    return ok(at)


def goto(at: AppTest, page: str) -> AppTest:
    """Switch to ``pages/<page>.py`` and run it."""
    at.switch_page(f"pages/{page}.py").run()
    return ok(at)


def open_page(page: str, lang: str = "nl", via: str = "locale", **params: object) -> AppTest:
    """A fresh session, then straight to ``page``; ``params`` become the page's query."""
    at = start(lang, via)
    for name, value in params.items():
        at.query_params[name] = value
    return goto(at, page)


def texts(at: AppTest, kinds: Iterable[str] = TEXT_ELEMENTS) -> list[str]:
    out = []
    for kind in kinds:
        out.extend(str(e.value) for e in getattr(at, kind))
    return out


def all_texts(at: AppTest) -> list[str]:
    """Every visible text: text elements, labels of buttons, inputs and metrics."""
    out = texts(at)
    for kind in ("button", "text_input", "metric", "toggle", "number_input", "select_slider", "slider"):
        out.extend(str(e.label) for e in getattr(at, kind))
    out.extend(str(e.value) for e in at.metric)
    for alert in (*at.info, *at.warning, *at.success, *at.error):
        title = getattr(alert.proto, "title", "")
        if title:
            out.append(title)
    return out


def values(at: AppTest, kind: str) -> list[str]:
    """The texts of one element kind, stripped as Streamlit strips them."""
    return [str(e.value).strip() for e in getattr(at, kind)]


def ui_fragments(template: str, min_len: int = 1) -> list[str]:
    """The literal parts of a ui text, split at its ``{placeholders}``."""
    parts = (p.strip() for p in re.split(r"\{[^}]*\}", template))
    return [p for p in parts if len(p) >= min_len]


def error_messages(lang: str = "nl") -> set[str]:
    ui = load_content(lang).ui
    return {v for k, v in ui.items() if k.startswith("error.")}


# --------------------------------------------------------------------------- answer codes


def profile_answers(lang: str, form: str, anxiety: str, avoidance: str) -> dict[str, int]:
    """Answers that push each dimension ``high`` or ``low`` (reversed items answered the other way)."""
    q = load_questionnaire(lang, form)
    want = {"anxiety": anxiety, "avoidance": avoidance}
    out = {}
    for item in q.items:
        high = want[item.dimension] == "high"
        out[item.id] = 7 if high != item.reverse else 1
    return out


def profile_code(form: str, anxiety: str, avoidance: str, lang: str = "nl") -> str:
    q = load_questionnaire(lang, form)
    return encode_answers(q, profile_answers(lang, form, anxiety, avoidance))


def walk_quiz(at: AppTest, answers: dict[str, int] | None = None, prefix: str = "") -> Iterator[int]:
    """Step through the quiz from its current step, moving sliders per ``answers``.

    Yields the step number before leaving each step; stops on the last step without
    submitting.
    """
    step = 0
    while True:
        if answers:
            for s in at.select_slider:
                item_id = s.key.removeprefix(f"{prefix}q_")
                s.set_value(answers[item_id])
            ok(at.run())
        yield step
        nxt = [b for b in at.button if b.key == f"{prefix}quiz_next"]
        if not nxt:
            return
        nxt[0].click()
        ok(at.run())
        step += 1
