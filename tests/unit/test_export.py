"""Downloads: answers as JSON, the plane as PNG/SVG, the one-page PDF report."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import struct
import subprocess

import pytest

from hechting import load_content, load_questionnaire, score
from hechting.charts import PlaneTexts, plane_chart, point_from_result
from hechting.export import (
    ReportSection,
    answers_json,
    chart_png,
    chart_svg,
    pdf_report,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def answers_for(q, offset=0):
    return {item_id: (n + offset) % 7 + 1 for n, item_id in enumerate(q.item_ids)}


@pytest.fixture(scope="module")
def spec():
    c = load_content("nl")
    q = load_questionnaire("nl", "short")
    r = score(q, answers_for(q))
    texts = PlaneTexts(
        anxiety=c.ui["dim.anxiety"],
        avoidance=c.ui["dim.avoidance"],
        styles={s: st.name for s, st in c.styles.items()},
    )
    return plane_chart([point_from_result(r, "Zoë")], texts).to_dict()


@pytest.fixture(scope="module")
def png(spec):
    return chart_png(spec)


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_answers_json_round_trips(lang, form):
    q = load_questionnaire(lang, form)
    a1, a2 = answers_for(q), answers_for(q, offset=3)
    r1, r2 = score(q, a1), score(q, a2)
    text = answers_json([("Zoë", q, a1, r1), ("Daan", q, a2, r2)])
    assert "Zoë" in text  # readable, not \u-escaped
    data = json.loads(text)
    people = data["people"]
    assert [p["label"] for p in people] == ["Zoë", "Daan"]
    for person, answers, r in zip(people, (a1, a2), (r1, r2), strict=True):
        assert person["form"] == form
        assert person["language"] == lang
        assert [row["item_id"] for row in person["answers"]] == list(q.item_ids)
        assert {row["item_id"]: row["answer"] for row in person["answers"]} == answers
        by_id = {i.id: i for i in q.items}
        for row in person["answers"]:
            item = by_id[row["item_id"]]
            assert (row["area"], row["dimension"], row["reverse"], row["text"]) == (
                item.area, item.dimension, item.reverse, item.text,
            )
        scores = person["scores"]
        assert scores["style"] == r.style.value
        assert scores["anxiety"] == pytest.approx(r.anxiety, abs=1e-3)
        assert scores["avoidance"] == pytest.approx(r.avoidance, abs=1e-3)
        lo, hi = scores["anxiety_band"]
        assert lo <= scores["anxiety"] <= hi
        assert sum(scores["style_probabilities"].values()) == pytest.approx(1, abs=1e-3)
        assert set(scores["areas"]) == set(r.areas)


def test_answers_json_of_nobody():
    assert json.loads(answers_json([])) == {"people": []}


# --------------------------------------------------------------------------- charts


def test_chart_png_is_a_png(png):
    assert png.startswith(PNG_SIGNATURE)
    # IHDR: a real image with a size
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 100 and height > 100


def test_chart_png_scale_changes_size(spec, png):
    small = chart_png(spec, scale=1.0)
    w_small = struct.unpack(">I", small[16:20])[0]
    w_big = struct.unpack(">I", png[16:20])[0]
    assert w_big > w_small


def test_chart_svg_is_an_svg(spec):
    svg = chart_svg(spec)
    assert isinstance(svg, str)
    assert svg.lstrip().startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "Zoë" in svg or "Zo&#235;" in svg or "Angst" in svg


def test_container_width_is_not_changed_in_place(spec):
    assert spec.get("width") == "container"
    chart_svg(spec)
    assert spec.get("width") == "container"


# --------------------------------------------------------------------------- PDF


def report(png, style_name="Gedesorganiseerd", body_repeat=1):
    return pdf_report(
        title="Jouw hechtingsstijl: Zoë",
        subtitle="Dit is geen diagnose; een spiegel, geen oordeel.",
        chart_png_bytes=png,
        summary=[f"Stijl: {style_name}", "Angst 4,3 · vermijding 2,1"],
        sections=[
            ReportSection(title=f"Wat {style_name} vaak betekent", body="Een tekst over één ding. " * body_repeat),
            ReportSection(title="Vertrouwen en veiligheid", body="Je gaat er meestal van uit dat het goed zit."),
        ],
        footer="Gemaakt met Hechting. Er is niets opgeslagen.",
    )


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_pdf_report_is_a_one_page_pdf(png):
    pdf = report(png)
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == 1


def test_pdf_report_stays_one_page_with_long_sections(png):
    pdf = report(png, body_repeat=400)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1


def pdf_text(pdf: bytes, tmp_path) -> str:
    if importlib.util.find_spec("pypdf") is not None:
        import io

        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(pdf))
        return "\n".join(page.extract_text() for page in reader.pages)
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True, capture_output=True, timeout=60,
        ).stdout.decode("utf-8")
    pytest.skip("no PDF text extraction available (neither pypdf nor pdftotext installed)")


def test_pdf_report_keeps_dutch_characters(png, tmp_path):
    pdf = report(png, style_name="Gedesoriënteerd")
    text = pdf_text(pdf, tmp_path)
    assert "Gedesoriënteerd" in text
    assert "Zoë" in text
