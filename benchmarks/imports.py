"""Figure 3: ``import hechting`` plus the cold load of all content, in fresh interpreters.

Each repetition starts two interpreters, interleaved: one for the app's core (import +
``load_content`` for every language + ``load_questionnaire`` for every language and form)
and one for ``import streamlit`` alone, the cost any Streamlit app pays, shown for context.
When the budget is missed, the figure also records where the time goes: the slowest
imports (``-X importtime``) and the hottest functions of the loads (cProfile).
"""

from __future__ import annotations

import io
import json
import pstats
import subprocess
import sys
from pathlib import Path

from benchmarks._common import ROOT, Figure, fmt_ms, median, summary

BUDGET_S = 0.150
PROBE = Path(__file__).with_name("_import_probe.py")


def _probe(which: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(PROBE), which], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def slowest_imports(top: int = 10) -> dict[str, list[dict]]:
    """``python -X importtime -c 'import hechting'``: the imports with the largest cumulative time."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import hechting"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, cum_us, raw = line.removeprefix("import time:").split("|")
        name = raw[1:]  # one separating space, then two spaces per nesting level
        rows.append({
            "module": name.strip(),
            "depth": (len(name) - len(name.lstrip(" "))) // 2,
            "self_ms": int(self_us) / 1000,
            "cumulative_ms": int(cum_us) / 1000,
        })
    # what `import hechting` pulls in directly (depth <= 1), and where the own time goes
    direct = [r for r in rows if r["depth"] <= 1]
    by_self = sorted(rows, key=lambda r: -r["self_ms"])[:top]
    return {"direct": sorted(direct, key=lambda r: -r["cumulative_ms"])[:top], "by_self": by_self}


_LOAD_PROFILE = """
import cProfile, pstats, sys
sys.path.insert(0, {root!r})
import hechting
pr = cProfile.Profile()
pr.enable()
for lang in hechting.LANGUAGES:
    hechting.load_content(lang)
    for form in ("short", "full"):
        hechting.load_questionnaire(lang, form)
pr.disable()
pr.dump_stats({out!r})
"""


def load_profile(tmp: Path, top: int = 12) -> list[dict]:
    """cProfile of the cold loads in a fresh interpreter: the top functions by own time."""
    out = tmp / "loads.prof"
    subprocess.run(
        [sys.executable, "-c", _LOAD_PROFILE.format(root=str(ROOT), out=str(out))],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    stats = pstats.Stats(str(out), stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(file).name}:{line}({func})", "calls": nc, "own_ms": tt * 1000,
                     "cumulative_ms": ct * 1000})
    return sorted(rows, key=lambda r: -r["own_ms"])[:top]


def import_and_content(reps: int, tmp: Path) -> Figure:
    fig = Figure(3, "Import + load all content (cold)", budget=f"<= {BUDGET_S * 1000:.0f} ms")
    app_runs, st_runs = [], []
    for rep in range(reps):
        order = ("hechting", "streamlit") if rep % 2 == 0 else ("streamlit", "hechting")
        for which in order:
            (app_runs if which == "hechting" else st_runs).append(_probe(which))
    total = median([r["total_s"] for r in app_runs])
    imp = median([r["import_s"] for r in app_runs])
    load = median([r["load_s"] for r in app_runs])
    cached = median([r["cached_call_s"] for r in app_runs])
    st_import = median([r["total_s"] for r in st_runs])
    fig.value = f"{fmt_ms(total)}; cached {cached * 1e6:.2f} us/call"
    fig.baseline = f"import streamlit {fmt_ms(st_import)}"
    fig.ratio = None  # absolute budget; the baseline is context only
    fig.passed = total <= BUDGET_S
    fig.details = {
        "total_ms": summary([r["total_s"] for r in app_runs], 1000),
        "import_hechting_ms": summary([r["import_s"] for r in app_runs], 1000),
        "load_all_ms": summary([r["load_s"] for r in app_runs], 1000),
        "per_load_ms_median": {
            k: round(median([r["loads_s"][k] for r in app_runs]) * 1000, 2) for k in app_runs[0]["loads_s"]
        },
        "cached_call_us": summary([r["cached_call_s"] for r in app_runs], 1e6, digits=4),
        "import_streamlit_ms": summary([r["total_s"] for r in st_runs], 1000),
        "import_share": round(imp / total, 3),
        "load_share": round(load / total, 3),
        "streamlit_imported_by_hechting": app_runs[0]["streamlit_imported"],
        "modules_after_hechting": app_runs[0]["modules"],
        "modules_after_streamlit": st_runs[0]["modules"],
    }
    if not fig.passed:
        fig.details["profile"] = {"imports": slowest_imports(), "loads_by_own_time": load_profile(tmp)}
    return fig


if __name__ == "__main__":  # pragma: no cover - handy for a quick look
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        print(json.dumps(import_and_content(3, Path(d)).to_json(), indent=1))
