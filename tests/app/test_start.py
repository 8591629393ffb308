"""The start page: title, the two ways in, and the not-a-diagnosis note."""

from __future__ import annotations

from apptools import ok, start, values

from hechting import load_content


def test_start_page_renders_title_links_and_note() -> None:
    c = load_content("nl")
    at = ok(start())

    assert values(at, "title") == [c.ui("start.title")]
    links = {link.value: link.proto.page for link in at.page_link}
    assert c.ui("start.to_quiz") in links
    assert c.ui("start.to_theory") in links
    assert "quiz" in links[c.ui("start.to_quiz")]
    assert "theorie" in links[c.ui("start.to_theory")]
    assert c.safety.not_diagnosis.strip() in values(at, "caption")
    assert not at.error
