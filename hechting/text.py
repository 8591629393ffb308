"""Small text helpers: numbers in the reader's language and safe user text."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def fmt(value: float, lang: str, digits: int = 1) -> str:
    """A number as a person reads it: ``4,3`` in Dutch, ``4.3`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def escape_markdown(text: str) -> str:
    """User text made inert for ``st.markdown``: no links, images, HTML or formatting."""
    text = text.replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def clean_name(raw: object, fallback: str, max_len: int = 40) -> str:
    """A display name typed by a person: plain, printable, short."""
    if not isinstance(raw, str):
        return fallback
    name = "".join(ch for ch in raw if ch.isprintable()).strip()[:max_len]
    return name or fallback


_MD_MARKS = re.compile(r"(\*\*|__|\*|`)")


def strip_markdown(text: str) -> str:
    """Markdown emphasis removed, for plain-text outputs such as the PDF."""
    return _MD_MARKS.sub("", text).strip()
