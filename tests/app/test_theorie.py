"""The theory page: every section, the comparison table and the move-the-point demo."""

from __future__ import annotations

import pytest
from apptools import ok, open_page, values

from hechting import STYLE_ORDER, load_content


def test_all_sections_and_comparison_table() -> None:
    c = load_content("nl")
    at = open_page("theorie")

    assert values(at, "title") == [c.ui("theory.title")]
    subheaders = values(at, "subheader")
    for section in c.theory:
        assert section.title in subheaders
    for key in ("theory.compare_title", "theory.naming_title", "theory.styles_title"):
        assert c.ui(key) in subheaders

    # the four styles side by side: one bordered card per style with the same eight rows
    for s in STYLE_ORDER:
        card = at.get_by_key(f"compare_{s}")
        md = [m.value for m in card.markdown]
        assert md[0] == f"**{c.styles[s].name}**"
        assert md[1].count("\n- ") == 7 and c.styles[s].fears in md[1]


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "style"),
    [(6.0, 2.0, "anxious"), (2.0, 6.0, "avoidant"), (6.0, 6.0, "fearful"), (2.0, 2.0, "secure")],
)
def test_demo_names_the_quadrant(anxiety: float, avoidance: float, style: str) -> None:
    c = load_content("nl")
    at = open_page("theorie")

    at.slider(key="demo_anxiety").set_value(anxiety)
    at.slider(key="demo_avoidance").set_value(avoidance)
    ok(at.run())

    expected = c.ui("theory.demo_quadrant", style=c.styles[style].name)
    assert expected in values(at, "markdown")
    # and no other quadrant is named by the demo sentence
    others = {c.ui("theory.demo_quadrant", style=c.styles[s].name) for s in STYLE_ORDER if s != style}
    assert not others & set(values(at, "markdown"))
