"""Hechting core: content, questionnaire, scoring, answer codes and charts.

Imports no Streamlit; ``hechting.ui`` holds the Streamlit pieces that pages share.
"""

from hechting.codes import decode_answers, encode_answers, form_of_code
from hechting.content import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Content,
    ContentError,
    load_content,
    load_questionnaire,
)
from hechting.models import AREA_IDS, STYLE_ORDER, Item, Questionnaire, Result, Style
from hechting.scoring import AnswerError, quadrant, score, top_contributions

__all__ = [
    "AREA_IDS",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "STYLE_ORDER",
    "AnswerError",
    "Content",
    "ContentError",
    "Item",
    "Questionnaire",
    "Result",
    "Style",
    "decode_answers",
    "encode_answers",
    "form_of_code",
    "load_content",
    "load_questionnaire",
    "quadrant",
    "score",
    "top_contributions",
]
