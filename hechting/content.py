"""Reading and validating ``content/<lang>/``.

Every sentence a user reads lives in YAML files there. Each file is validated by a
pydantic model when loaded; a missing or malformed file raises ``ContentError``
naming the file and the field. Loaded content is immutable and cached per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hechting.models import (
    AREA_IDS,
    Area,
    AreasFile,
    HelpLine,
    Item,
    MethodFile,
    PairsFile,
    PairText,
    Questionnaire,
    QuestionnaireFile,
    Reference,
    ReferencesFile,
    SafetyFile,
    Section,
    Style,
    StylesFile,
    StyleText,
    TheoryFile,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
# libyaml's C parser when present (about ten times faster than the pure-Python one)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is missing or does not match its model."""


def _read_yaml(path: Path) -> object:
    if not path.is_file():
        raise ContentError(f"{path}: file is missing")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc


def _load_model(path: Path, model: type[M]) -> M:
    data = _read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field {'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ContentError(f"{path}: {problems}") from exc


def _lang_dir(lang: str, root: Path | None = None) -> Path:
    if lang not in LANGUAGES:
        raise ContentError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return (root or CONTENT_DIR) / lang


def _load_ui(path: Path) -> dict[str, str]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping of keys to texts")
    out: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{path}: field {key}: must be a non-empty text")
        out[str(key)] = value
    return out


class UiText(dict[str, str]):
    """Interface strings of one language; a missing key names itself loudly."""

    lang: str = ""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"content/{self.lang}/ui.yaml has no text for key {key!r}")

    def __call__(self, key: str, /, **values: object) -> str:
        text = self[key]
        return text.format(**values) if values else text


@dataclass(frozen=True)
class Content:
    """All texts of one language."""

    lang: str
    naming_note: str
    styles: dict[Style, StyleText]
    theory: tuple[Section, ...]
    areas_intro: str
    areas: tuple[Area, ...]
    references: tuple[Reference, ...]
    safety: SafetyFile
    pairs_intro: str
    pairs: dict[frozenset[Style], PairText]
    method: tuple[Section, ...]
    ui: UiText

    @property
    def help_lines(self) -> tuple[HelpLine, ...]:
        return tuple(self.safety.help_lines)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def section(self, section_id: str) -> Section:
        for section in (*self.theory, *self.method):
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def pair(self, a: Style, b: Style) -> PairText:
        return self.pairs[frozenset((Style(a), Style(b)))]


@cache
def load_content(lang: str = DEFAULT_LANGUAGE, root: Path | None = None) -> Content:
    """Load and validate every content file of ``lang``; cached per language."""
    d = _lang_dir(lang, root)
    styles = _load_model(d / "styles.yaml", StylesFile)
    theory = _load_model(d / "theory.yaml", TheoryFile)
    areas = _load_model(d / "areas.yaml", AreasFile)
    refs = _load_model(d / "references.yaml", ReferencesFile)
    safety = _load_model(d / "safety.yaml", SafetyFile)
    pairs = _load_model(d / "pairs.yaml", PairsFile)
    method = _load_model(d / "method.yaml", MethodFile)
    ui = UiText(_load_ui(d / "ui.yaml"))
    ui.lang = lang
    return Content(
        lang=lang,
        naming_note=styles.naming_note,
        styles={s.id: s for s in styles.styles},
        theory=tuple(theory.sections),
        areas_intro=areas.intro,
        areas=tuple(areas.areas),
        references=tuple(refs.references),
        safety=safety,
        pairs_intro=pairs.intro,
        pairs={frozenset(p.styles): p for p in pairs.pairs},
        method=tuple(method.sections),
        ui=ui,
    )


def _check_design(path: Path, items: list[Item]) -> None:
    """The questionnaire's design rules: 4 items per area, balanced keying, short subset."""
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{path}: field items: item ids must be unique")
    if len(items) != 4 * len(AREA_IDS):
        raise ContentError(f"{path}: field items: expected {4 * len(AREA_IDS)} items, got {len(items)}")
    for area in AREA_IDS:
        for dim in ("anxiety", "avoidance"):
            cell = [i for i in items if i.area == area and i.dimension == dim]
            if sorted(i.reverse for i in cell) != [False, True]:
                raise ContentError(
                    f"{path}: field items: area {area} needs one normal and one reversed "
                    f"{dim} item"
                )
            if sum(i.short for i in cell) != 1:
                raise ContentError(
                    f"{path}: field items: area {area} needs exactly one short-form {dim} item"
                )
    for dim in ("anxiety", "avoidance"):
        short_reversed = sum(1 for i in items if i.short and i.dimension == dim and i.reverse)
        if short_reversed != len(AREA_IDS) // 2:
            raise ContentError(
                f"{path}: field items: the short form needs {len(AREA_IDS) // 2} reversed "
                f"{dim} items, has {short_reversed}"
            )


@cache
def load_questionnaire(
    lang: str = DEFAULT_LANGUAGE,
    form: Literal["short", "full"] = "full",
    root: Path | None = None,
) -> Questionnaire:
    """The short (16) or full (32) form in ``lang``, items in questionnaire order."""
    if form not in ("short", "full"):
        raise ContentError(f"unknown form {form!r}; choose 'short' or 'full'")
    full = _full_questionnaire(lang, root)
    if form == "full":
        return full
    return full.model_copy(update={"form": "short", "items": tuple(i for i in full.items if i.short)})


@cache
def _full_questionnaire(lang: str, root: Path | None) -> Questionnaire:
    """Read and check ``questionnaire.yaml`` once per language."""
    path = _lang_dir(lang, root) / "questionnaire.yaml"
    qf = _load_model(path, QuestionnaireFile)
    unknown = {i.area for i in qf.items} - set(AREA_IDS)
    if unknown:
        raise ContentError(f"{path}: field items.area: unknown areas {sorted(unknown)}")
    _check_design(path, qf.items)
    # questionnaire order: area by area, as the article lists them
    order = {a: n for n, a in enumerate(AREA_IDS)}
    items = sorted(qf.items, key=lambda i: order[i.area])
    return Questionnaire(lang=lang, form="full", scale=tuple(qf.scale), items=tuple(items))
