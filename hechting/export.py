"""Downloads: the plane as PNG/SVG (rendered without a browser), a one-page PDF report,
and the answers as JSON. Pure functions; texts are passed in."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hechting.models import Questionnaire, Result

FONT_DIR = Path(__file__).resolve().parent / "fonts"


def chart_png(spec: Mapping, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(_static(spec), scale=scale)


def chart_svg(spec: Mapping) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_static(spec))


def _static(spec: Mapping) -> dict:
    """A spec with a fixed width (``container`` has no meaning outside a page)."""
    out = dict(spec)
    if out.get("width") == "container":
        out["width"] = 520
    return out


def answers_json(
    results: Sequence[tuple[str, Questionnaire, Mapping[str, int], Result]],
) -> str:
    """The answers and scores of one or more people, as readable JSON."""
    people = []
    for label, q, answers, r in results:
        people.append(
            {
                "label": label,
                "form": q.form,
                "language": q.lang,
                "answers": [
                    {
                        "item_id": i.id,
                        "area": i.area,
                        "dimension": i.dimension,
                        "reverse": i.reverse,
                        "text": i.text,
                        "answer": answers[i.id],
                    }
                    for i in q.items
                ],
                "scores": {
                    "anxiety": round(r.anxiety, 3),
                    "anxiety_band": [round(r.anxiety_score.band.low, 3), round(r.anxiety_score.band.high, 3)],
                    "avoidance": round(r.avoidance, 3),
                    "avoidance_band": [round(r.avoidance_score.band.low, 3), round(r.avoidance_score.band.high, 3)],
                    "style": r.style.value,
                    "style_probabilities": {s.value: round(p, 4) for s, p in r.style_probabilities.items()},
                    "borderline": r.borderline,
                    "areas": {
                        a: {"anxiety": round(s.anxiety, 3), "avoidance": round(s.avoidance, 3)}
                        for a, s in r.areas.items()
                    },
                },
            }
        )
    return json.dumps({"people": people}, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class ReportSection:
    title: str
    body: str  # plain text; paragraphs separated by blank lines


def pdf_report(
    title: str,
    subtitle: str,
    chart_png_bytes: bytes,
    summary: Sequence[str],
    sections: Sequence[ReportSection],
    footer: str,
) -> bytes:
    """A one-page A4 report: title, chart, summary lines, sections, footer note."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(12, 10, 12)
    pdf.add_page()
    pdf.set_title(title)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 4.2, subtitle, new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 1
    info = pdf.image(chart_png_bytes, x=12, y=top, w=78)
    chart_bottom = top + float(info.rendered_height)
    pdf.set_xy(94, top)
    pdf.set_font("DejaVu", "", 8.5)
    for line in summary:
        pdf.set_x(94)
        pdf.multi_cell(104, 4, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    pdf.set_y(max(pdf.get_y(), chart_bottom) + 2)
    # sections get the remaining height; shrink the font until they fit on one page
    size = 7.5
    while size >= 5:
        trial = FPDF(format="A4")
        trial.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        trial.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        trial.set_margins(12, 10, 12)
        trial.set_auto_page_break(auto=False)
        trial.add_page()
        trial.set_y(pdf.get_y())
        _sections(trial, sections, size)
        if trial.get_y() < 297 - 16:
            break
        size -= 0.5
    _sections(pdf, sections, size)
    pdf.set_y(297 - 14)
    pdf.set_font("DejaVu", "", 7)
    pdf.multi_cell(0, 3.2, _flow(footer))
    return bytes(pdf.output())


def _sections(pdf, sections: Sequence[ReportSection], size: float) -> None:
    for s in sections:
        pdf.set_font("DejaVu", "B", size + 0.5)
        pdf.multi_cell(0, size * 0.5, s.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", size)
        pdf.multi_cell(0, size * 0.45, _flow(s.body), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.15)


def _flow(text: str) -> str:
    """Join the hard-wrapped lines of a paragraph; keep blank-line paragraph breaks."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n".join(p for p in paragraphs if p)
