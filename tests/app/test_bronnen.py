"""The sources page: every reference and the method sections."""

from __future__ import annotations

from apptools import open_page, values

from hechting import load_content


def test_every_reference_and_method_section_is_shown() -> None:
    c = load_content("nl")
    at = open_page("bronnen")

    assert values(at, "title") == [c.ui("sources.title")]
    headers = values(at, "header")
    for key in ("sources.method_title", "sources.refs_article", "sources.refs_method"):
        assert c.ui(key) in headers

    subheaders = values(at, "subheader")
    for section in c.method:
        assert section.title in subheaders

    markdown = "\n".join(values(at, "markdown"))
    assert c.references
    for ref in c.references:
        assert ref.citation.strip() in markdown, ref.id
        if ref.note:
            assert ref.note.strip() in markdown, ref.id
    assert not at.error
