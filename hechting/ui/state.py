"""Session state shared by pages: language, texts, quiz answers and the submitted result.

Everything a person enters lives in ``st.session_state`` (their own browser session);
nothing here is stored on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

from hechting import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    AnswerError,
    Content,
    Questionnaire,
    Result,
    decode_answers,
    encode_answers,
    form_of_code,
    load_content,
    load_questionnaire,
    score,
)

LANG_KEY = "lang"
FORM_KEY = "form_choice"
SUBMITTED_KEY = "submitted_code"


def lang() -> str:
    value = st.session_state.get(LANG_KEY)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def content() -> Content:
    return load_content(lang())


def t(key: str, /, **values: object) -> str:
    """The interface text ``key`` in the current language."""
    return content().ui(key, **values)


def questionnaire(form: Literal["short", "full"]) -> Questionnaire:
    return load_questionnaire(lang(), form)


def browser_language() -> str:
    """The language the browser prefers, if we have it; else the default."""
    locale = (st.context.locale or "").lower()
    return "en" if locale.startswith("en") else DEFAULT_LANGUAGE


def init_session() -> None:
    """Session defaults, set once per session (called from app.py)."""
    if LANG_KEY not in st.session_state and LANG_KEY not in st.query_params:
        st.session_state[LANG_KEY] = browser_language()
    st.session_state.setdefault(FORM_KEY, "short")


@dataclass(frozen=True)
class Scored:
    code: str
    form: Literal["short", "full"]
    result: Result


def scored_from_code(code: object, language: str | None = None) -> Scored:
    """Score an answer code (from a link or from this session); ``AnswerError`` if bad.

    With ``language`` it reads no session, so it also works off the script thread."""
    form = form_of_code(code)
    q = load_questionnaire(language or lang(), form)
    answers = decode_answers(q, code)
    return Scored(code=str(code), form=form, result=score(q, answers))


def submit(q: Questionnaire, answers: dict[str, int]) -> str:
    """Keep the person's submitted answers (as a code) in their session."""
    code = encode_answers(q, answers)
    st.session_state[SUBMITTED_KEY] = code
    return code


def submitted() -> Scored | None:
    code = st.session_state.get(SUBMITTED_KEY)
    if not code:
        return None
    try:
        return scored_from_code(code)
    except AnswerError:
        del st.session_state[SUBMITTED_KEY]
        return None
