"""Content files: validation, language parity, design rules and the copy guard."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
import yaml

from hechting.content import LANGUAGES, ContentError, load_content, load_questionnaire
from hechting.models import AREA_IDS, STYLE_ORDER

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
ARTICLE = ROOT.parent / "shared" / "seed" / "000_180c081fb1da9f2b.txt"
FORMS = ("short", "full")


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_loads(lang):
    c = load_content(lang)
    assert c.lang == lang
    assert set(c.styles) == set(STYLE_ORDER)
    assert [a.id for a in c.areas] == list(AREA_IDS)
    assert len(c.pairs) == 10
    for a in STYLE_ORDER:
        for b in STYLE_ORDER:
            assert c.pair(a, b) is c.pair(b, a)
    assert c.references and c.help_lines and c.theory and c.method
    for form in FORMS:
        q = load_questionnaire(lang, form)
        assert q.lang == lang and q.form == form


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_dir_holds_the_same_files(lang):
    names = {p.name for p in (CONTENT / lang).iterdir() if p.suffix == ".yaml"}
    reference = {p.name for p in (CONTENT / LANGUAGES[0]).iterdir() if p.suffix == ".yaml"}
    assert names == reference


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_area_has_text_and_try_this_for_every_style(lang):
    for area in load_content(lang).areas:
        assert area.title.strip() and area.about.strip()
        for style in STYLE_ORDER:
            assert style in area.styles, (area.id, style)
            assert area.styles[style].text.strip(), (area.id, style)
            assert area.styles[style].try_this.strip(), (area.id, style)


def test_unknown_language_and_form_are_content_errors():
    with pytest.raises(ContentError):
        load_content("de")
    with pytest.raises(ContentError):
        load_questionnaire("nl", "medium")


def test_missing_ui_key_names_itself():
    ui = load_content("nl").ui
    with pytest.raises(KeyError, match="no_such_key"):
        ui["no_such_key"]


# --------------------------------------------------------------------------- parity


def ui_file(lang):
    return read_yaml(CONTENT / lang / "ui.yaml")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_ui_keys_are_the_same_in_both_languages():
    nl, en = ui_file("nl"), ui_file("en")
    only_nl = sorted(set(nl) - set(en))
    only_en = sorted(set(en) - set(nl))
    assert not only_nl and not only_en, f"missing in en/ui.yaml: {only_nl}; missing in nl/ui.yaml: {only_en}"


def test_ui_placeholders_are_the_same_in_both_languages():
    nl, en = ui_file("nl"), ui_file("en")
    differ = {
        key: (sorted(placeholders(nl[key])), sorted(placeholders(en[key])))
        for key in set(nl) & set(en)
        if placeholders(nl[key]) != placeholders(en[key])
    }
    assert not differ, f"placeholders differ (nl, en): {differ}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ui_texts_format_with_their_own_placeholders(lang):
    ui = load_content(lang).ui
    for key, text in ui.items():
        values = {name: "x" for name in placeholders(text)}
        assert isinstance(ui(key, **values), str), key


def test_reference_ids_are_the_same_in_both_languages():
    nl = [r.id for r in load_content("nl").references]
    en = [r.id for r in load_content("en").references]
    assert len(nl) == len(set(nl)), "duplicate reference ids in nl"
    assert set(nl) == set(en), f"only nl: {sorted(set(nl) - set(en))}; only en: {sorted(set(en) - set(nl))}"
    groups_nl = {r.id: r.group for r in load_content("nl").references}
    groups_en = {r.id: r.group for r in load_content("en").references}
    assert groups_nl == groups_en


@pytest.mark.parametrize("part", ["theory", "method"])
def test_section_ids_are_the_same_in_both_languages(part):
    nl = [s.id for s in getattr(load_content("nl"), part)]
    en = [s.id for s in getattr(load_content("en"), part)]
    assert nl == en, f"{part} sections differ: nl {nl}, en {en}"


@pytest.mark.parametrize("form", FORMS)
def test_questionnaire_items_and_keying_are_the_same_in_both_languages(form):
    def shape(lang):
        return [
            (i.id, i.dimension, i.area, i.reverse, i.short)
            for i in load_questionnaire(lang, form).items
        ]

    assert shape("nl") == shape("en")


# --------------------------------------------------------------------------- broken files


@pytest.fixture
def broken_root(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def rewrite(path: Path, change):
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_copied_content_loads(broken_root):
    assert load_content("nl", root=broken_root).lang == "nl"
    assert len(load_questionnaire("nl", "full", root=broken_root).items) == 32


def test_missing_try_this_names_file_and_field(broken_root):
    rewrite(broken_root / "nl" / "areas.yaml", lambda d: d["areas"][2]["styles"]["anxious"].pop("try_this"))
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    msg = str(exc.value)
    assert "areas.yaml" in msg
    assert "try_this" in msg


def test_unknown_style_in_styles_file_names_file_and_field(broken_root):
    def change(d):
        d["styles"][1]["id"] = "happy"

    rewrite(broken_root / "nl" / "styles.yaml", change)
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    msg = str(exc.value)
    assert "styles.yaml" in msg
    assert "id" in msg


def test_unknown_style_in_areas_file_names_file_and_field(broken_root):
    def change(d):
        styles = d["areas"][0]["styles"]
        styles["happy"] = styles.pop("secure")

    rewrite(broken_root / "nl" / "areas.yaml", change)
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    msg = str(exc.value)
    assert "areas.yaml" in msg
    assert "happy" in msg


def test_area_out_of_order_names_file(broken_root):
    def change(d):
        d["areas"][0], d["areas"][1] = d["areas"][1], d["areas"][0]

    rewrite(broken_root / "nl" / "areas.yaml", change)
    with pytest.raises(ContentError, match="areas.yaml"):
        load_content("nl", root=broken_root)


def test_unknown_field_is_refused(broken_root):
    rewrite(broken_root / "nl" / "safety.yaml", lambda d: d.update(surprise="x"))
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    assert "safety.yaml" in str(exc.value)
    assert "surprise" in str(exc.value)


@pytest.mark.parametrize(
    "name", ["styles.yaml", "theory.yaml", "areas.yaml", "references.yaml", "safety.yaml", "pairs.yaml", "method.yaml", "ui.yaml"]
)
def test_missing_file_names_the_file(broken_root, name):
    (broken_root / "nl" / name).unlink()
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    assert name in str(exc.value)


def test_missing_questionnaire_names_the_file(broken_root):
    (broken_root / "en" / "questionnaire.yaml").unlink()
    with pytest.raises(ContentError, match="questionnaire.yaml"):
        load_questionnaire("en", "full", root=broken_root)


def test_invalid_yaml_names_the_file(broken_root):
    (broken_root / "nl" / "pairs.yaml").write_text("pairs: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match="pairs.yaml"):
        load_content("nl", root=broken_root)


def test_empty_ui_text_names_file_and_key(broken_root):
    path = broken_root / "nl" / "ui.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '\nextra.empty_key: "  "\n', encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    assert "ui.yaml" in str(exc.value)
    assert "extra.empty_key" in str(exc.value)


def test_missing_theory_section_names_file(broken_root):
    rewrite(broken_root / "nl" / "theory.yaml", lambda d: d.update(sections=[s for s in d["sections"] if s["id"] != "plane"]))
    with pytest.raises(ContentError) as exc:
        load_content("nl", root=broken_root)
    assert "theory.yaml" in str(exc.value)
    assert "plane" in str(exc.value)


def test_missing_pair_names_file(broken_root):
    rewrite(broken_root / "nl" / "pairs.yaml", lambda d: d["pairs"].pop())
    with pytest.raises(ContentError, match="pairs.yaml"):
        load_content("nl", root=broken_root)


QUESTIONNAIRE_BREAKS = {
    "flipped reverse": lambda items: items[0].update(reverse=not items[0]["reverse"]),
    "two short items in a cell": lambda items: [i.update(short=True) for i in items[:4]],
    "duplicate id": lambda items: items[1].update(id=items[0]["id"]),
    "unknown area": lambda items: items[0].update(area="money"),
    "unknown dimension": lambda items: items[0].update(dimension="jealousy"),
    "item removed": lambda items: items.pop(),
    "empty text": lambda items: items[3].update(text="   "),
}


@pytest.mark.parametrize("change", QUESTIONNAIRE_BREAKS.values(), ids=QUESTIONNAIRE_BREAKS.keys())
@pytest.mark.parametrize("form", FORMS)
def test_broken_questionnaire_names_the_file(broken_root, change, form):
    rewrite(broken_root / "nl" / "questionnaire.yaml", lambda d: change(d["items"]))
    with pytest.raises(ContentError) as exc:
        load_questionnaire("nl", form, root=broken_root)
    assert "questionnaire.yaml" in str(exc.value)
    assert "items" in str(exc.value)


# --------------------------------------------------------------------------- design


@pytest.mark.parametrize("lang", LANGUAGES)
def test_questionnaire_design(lang):
    full = load_questionnaire(lang, "full")
    short = load_questionnaire(lang, "short")
    assert len(full.items) == 32
    assert len(short.items) == 16
    for area in AREA_IDS:
        items = [i for i in full.items if i.area == area]
        assert len(items) == 4, area
        for dim in ("anxiety", "avoidance"):
            cell = [i for i in items if i.dimension == dim]
            assert sorted(i.reverse for i in cell) == [False, True], (area, dim)
            short_cell = [i for i in short.items if i.area == area and i.dimension == dim]
            assert len(short_cell) == 1, (area, dim)
    # the short form is a subset of the full form, items unchanged
    full_by_id = {i.id: i for i in full.items}
    for item in short.items:
        assert full_by_id[item.id] == item
    # the short form is in the same order as the full form
    assert list(short.item_ids) == [i for i in full.item_ids if i in set(short.item_ids)]
    for dim in ("anxiety", "avoidance"):
        assert sum(1 for i in short.items if i.dimension == dim and i.reverse) == 4, dim
        assert sum(1 for i in short.items if i.dimension == dim and not i.reverse) == 4, dim
    # items are grouped area by area, in the article's order
    seen = [i.area for i in full.items]
    assert seen == sorted(seen, key=AREA_IDS.index)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_item_texts_are_unique(lang):
    texts = [i.text.strip().lower() for i in load_questionnaire(lang, "full").items]
    assert len(texts) == len(set(texts))


# --------------------------------------------------------------------------- copy guard

WORD = re.compile(r"[\w’']+")
RUN = 8


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def article_body() -> str:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    body = []
    for line in lines:
        if re.match(r"^\s*1\. Simpson", line):
            break
        body.append(line)
    return "\n".join(body)


def test_copy_guard_no_eight_word_run_of_the_article():
    if not ARTICLE.is_file():
        pytest.skip(f"source article not found at {ARTICLE}")
    body = article_body()
    source = runs(words(body))
    assert len(source) > 100, "article body looks empty; is the reference-list cut right?"
    files = [
        p for p in sorted(CONTENT.rglob("*"))
        if p.is_file() and p.name != "references.yaml"
    ]
    assert len(files) >= 2 * 8
    copied = {}
    for path in files:
        found = runs(words(path.read_text(encoding="utf-8"))) & source
        if found:
            copied[str(path.relative_to(ROOT))] = sorted(" ".join(r) for r in found)[:5]
    assert not copied, f"runs of {RUN} words copied from the article: {copied}"


def test_copy_guard_detects_a_copied_sentence():
    """The guard itself works: a sentence from the article is caught."""
    if not ARTICLE.is_file():
        pytest.skip(f"source article not found at {ARTICLE}")
    source = runs(words(article_body()))
    sentence = "Het is een feit: relaties vereisen inzet en moeite. Een deel van die inzet"
    assert runs(words(f"intro: |\n  {sentence}\n")) & source


# --------------------------------------------------------------------------- ui keys used in code

UI_CALL = re.compile(r"\bt\(\s*['\"]([a-z_.]+)['\"]")


def code_files() -> list[Path]:
    files = sorted((ROOT / "hechting").rglob("*.py")) + sorted((ROOT / "pages").rglob("*.py"))
    if (ROOT / "app.py").is_file():
        files.append(ROOT / "app.py")
    return files


def test_every_ui_key_used_in_code_exists():
    used: dict[str, set[str]] = {}
    for path in code_files():
        for key in UI_CALL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    assert used, "no t('...') calls found; has the helper been renamed?"
    for lang in LANGUAGES:
        ui = ui_file(lang)
        missing = {key: sorted(where) for key, where in used.items() if key not in ui}
        assert not missing, f"keys used in code but missing in content/{lang}/ui.yaml: {missing}"
