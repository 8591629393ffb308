"""Answer codes for links: one digit 1-7 per item, in questionnaire order.

A 16-digit code is the short form, a 32-digit code the full form. Only the ASCII digits
1-7 are accepted; anything else (other lengths, other characters, other Unicode digits,
whitespace) is refused with ``AnswerError``. Nothing is stored server-side: the code is
the whole result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from hechting.models import Questionnaire
from hechting.scoring import AnswerError, validate_answers

DIGITS = frozenset("1234567")
FORM_BY_LENGTH: dict[int, Literal["short", "full"]] = {16: "short", 32: "full"}
MAX_CODE_LENGTH = max(FORM_BY_LENGTH)


def encode_answers(q: Questionnaire, answers: Mapping[str, object]) -> str:
    clean = validate_answers(q, answers)
    return "".join(str(clean[item_id]) for item_id in q.item_ids)


def _check_code(code: object) -> str:
    if not isinstance(code, str):
        raise AnswerError("De code in de link is geen tekst.", "code_invalid")
    if len(code) not in FORM_BY_LENGTH:
        raise AnswerError(
            "De code in de link heeft niet de juiste lengte (16 of 32 cijfers).", "code_length"
        )
    if not set(code) <= DIGITS:
        raise AnswerError(
            "De code in de link mag alleen de cijfers 1 tot en met 7 bevatten.", "code_chars"
        )
    return code


def form_of_code(code: object) -> Literal["short", "full"]:
    """Which form a code belongs to; ``AnswerError`` when it is not a valid code."""
    return FORM_BY_LENGTH[len(_check_code(code))]


def decode_answers(q: Questionnaire, code: object) -> dict[str, int]:
    checked = _check_code(code)
    if len(checked) != len(q.items):
        raise AnswerError(
            f"Deze code hoort niet bij deze vragenlijst ({len(q.items)} cijfers verwacht).",
            "code_length",
        )
    return {item_id: int(ch) for item_id, ch in zip(q.item_ids, checked, strict=True)}


def code_from_link(values: list[str] | tuple[str, ...]) -> str:
    """The answer code from a link's query values for one parameter (``?a=``).

    Refuses a missing or repeated parameter and anything that is not a valid code;
    the returned code is safe to score.
    """
    if len(values) == 0:
        raise AnswerError("De link bevat geen antwoordcode.", "code_missing")
    if len(values) > 1:
        raise AnswerError("De link bevat de code meer dan eens.", "code_repeated")
    code = values[0]
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        raise AnswerError(
            "De code in de link heeft niet de juiste lengte (16 of 32 cijfers).", "code_length"
        )
    form_of_code(code)
    return code


def code_from_pasted(text: object, params: tuple[str, ...] = ("a", "b")) -> str:
    """An answer code from what a person pasted: a bare code or a whole result link."""
    from urllib.parse import parse_qs, urlsplit

    if not isinstance(text, str) or len(text) > 2000:
        raise AnswerError("Dit is geen geldige code of link.", "code_invalid")
    text = text.strip()
    if "?" in text or "=" in text:
        query = parse_qs(urlsplit(text).query if "?" in text else text, keep_blank_values=True)
        for name in params:
            if name in query:
                return code_from_link(query[name])
        raise AnswerError("De link bevat geen antwoordcode.", "code_missing")
    return code_from_link([text])
