"""Run in a fresh interpreter by benchmarks/imports.py; prints one JSON line.

``python benchmarks/_import_probe.py hechting`` times ``import hechting`` and the cold
load of every language's content and every questionnaire form, then the per-call cost
once cached. ``... streamlit`` times ``import streamlit`` (the baseline's own cost, for
context). Times exclude interpreter start-up.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHED_CALLS = 20_000


def probe_hechting() -> dict:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    import hechting

    t1 = time.perf_counter()
    per_lang = {}
    for lang in hechting.LANGUAGES:
        s = time.perf_counter()
        hechting.load_content(lang)
        per_lang[f"content_{lang}"] = time.perf_counter() - s
        for form in ("short", "full"):
            s = time.perf_counter()
            hechting.load_questionnaire(lang, form)
            per_lang[f"questionnaire_{lang}_{form}"] = time.perf_counter() - s
    t2 = time.perf_counter()

    calls = [(hechting.load_content, (lang,)) for lang in hechting.LANGUAGES]
    calls += [(hechting.load_questionnaire, (lang, form)) for lang in hechting.LANGUAGES for form in ("short", "full")]
    s = time.perf_counter()
    for _ in range(CACHED_CALLS // len(calls)):
        for fn, args in calls:
            fn(*args)
    n = (CACHED_CALLS // len(calls)) * len(calls)
    cached = (time.perf_counter() - s) / n
    return {
        "import_s": t1 - t0,
        "load_s": t2 - t1,
        "total_s": t2 - t0,
        "loads_s": per_lang,
        "cached_call_s": cached,
        "cached_calls": n,
        "streamlit_imported": "streamlit" in sys.modules,
        "modules": len(sys.modules),
    }


def probe_streamlit() -> dict:
    t0 = time.perf_counter()
    import streamlit  # noqa: F401

    return {"total_s": time.perf_counter() - t0, "modules": len(sys.modules)}


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "hechting"
    print(json.dumps(probe_hechting() if which == "hechting" else probe_streamlit()))
