"""Profile one kind of rerun with cProfile, to find the hot spots behind a missed budget.

    python -m benchmarks.profile_runs submit      # workshop participant: the final submit
    python -m benchmarks.profile_runs result      # result page rerun (?a=<code>)
    python -m benchmarks.profile_runs quiz        # quiz rerun after one slider moved
    python -m benchmarks.profile_runs first       # first run in a fresh process (start page)

Streamlit runs the script in its own thread, so the profiler is switched on inside that
thread (around ``ScriptRunner._run_script``) and only for the runs of interest. Prints the
functions with the most cumulative time in the app's own code (hechting/, pages/, app.py)
and, overall, the functions with the most own time. Not part of ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import reruns
from benchmarks._common import ROOT

APP_MARKERS = (str(ROOT / "hechting"), str(ROOT / "pages"), str(ROOT / "app.py"))


class ScriptProfiler:
    """cProfile around every script run while ``active``; the profile is cumulative."""

    def __init__(self) -> None:
        self.profile = cProfile.Profile()
        self.active = False
        self.runs = 0

    def install(self) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        original = ScriptRunner._run_script
        profiler = self

        def run_script(runner: Any, *args: Any, **kwargs: Any) -> Any:
            if not profiler.active:
                return original(runner, *args, **kwargs)
            profiler.runs += 1
            profiler.profile.enable()
            try:
                return original(runner, *args, **kwargs)
            finally:
                profiler.profile.disable()

        ScriptRunner._run_script = run_script  # type: ignore[method-assign]


def report(profile: cProfile.Profile, runs: int, top: int = 25) -> str:
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((file, line, func, nc, tt, ct))
    total = max((r[5] for r in rows), default=0.0)
    out = [f"{runs} profiled run(s); the largest cumulative time is {total * 1000 / max(runs, 1):.1f} ms per run", ""]
    out.append(f"App code by cumulative time (ms per run)  [{ROOT}]")
    app = sorted((r for r in rows if r[0].startswith(APP_MARKERS)), key=lambda r: -r[5])[:top]
    for file, line, func, nc, tt, ct in app:
        rel = Path(file).relative_to(ROOT)
        out.append(f"  {ct * 1000 / runs:8.1f} cum {tt * 1000 / runs:7.1f} own {nc // max(runs, 1):6d}x  {rel}:{line} {func}")
    out.append("")
    out.append("Everything by own time (ms per run)")
    for file, line, func, nc, tt, ct in sorted(rows, key=lambda r: -r[4])[:top]:
        short = file.split("site-packages/")[-1] if "site-packages/" in file else file.replace(str(ROOT) + "/", "")
        out.append(f"  {tt * 1000 / runs:8.1f} own {ct * 1000 / runs:7.1f} cum {nc // max(runs, 1):6d}x  {short}:{line} {func}")
    return "\n".join(out)


def _app(tmp: Path) -> Any:
    reruns.prepare(tmp)
    return reruns._app()


def profile_submit(prof: ScriptProfiler, tmp: Path, reps: int) -> None:
    """Each repetition: a new participant joins, answers every step, and submits."""
    from sqlalchemy import create_engine

    from hechting.workshop.store import Store

    reruns.prepare(tmp)
    import os

    store = Store(create_engine(os.environ["HECHTING_DATABASE_URL"]))
    code = store.create(title="Profiel", form="full").workshop.code
    for rep in range(-1, reps):  # rep -1 warms up (imports, caches) and is not profiled
        rng = random.Random(rep)
        at = reruns._app()
        reruns._check(at.run(), "start")
        at.query_params["code"] = code
        reruns._check(at.switch_page("pages/meedoen.py").run(), "join page")
        at.button(key="join_btn").click()
        reruns._check(at.run(), "join")
        for _ in range(20):
            for s in at.select_slider:
                s.set_value(rng.choice([1, 2, 3, 5, 6, 7]))
            keys = {b.key for b in at.button}
            if "ws_quiz_next" in keys:
                at.button(key="ws_quiz_next").click()
                reruns._check(at.run(), "step")
                continue
            at.button(key="ws_quiz_submit").click()
            prof.active = rep >= 0
            reruns._check(at.run(), "submit")
            prof.active = False
            if not at.success:
                raise RuntimeError("no thank-you after submit")
            break


def profile_result(prof: ScriptProfiler, tmp: Path, reps: int) -> None:
    """Result pages for ``reps`` different codes (the plane's spec cache misses each time)."""
    from hechting import encode_answers, load_questionnaire

    q = load_questionnaire("nl", "full")
    for rep in range(-1, reps):  # rep -1 warms up (imports, caches) and is not profiled
        rng = random.Random(rep)
        at = _app(tmp)
        reruns._check(at.run(), "start")
        at.query_params["a"] = encode_answers(q, {i.id: rng.randint(1, 7) for i in q.items})
        prof.active = rep >= 0
        reruns._check(at.switch_page("pages/resultaat.py").run(), "result")
        prof.active = False


def profile_quiz(prof: ScriptProfiler, tmp: Path, reps: int) -> None:
    from hechting import load_questionnaire

    at = _app(tmp)
    at.session_state["form_choice"] = "full"
    reruns._check(at.run(), "start")
    reruns._check(at.switch_page("pages/quiz.py").run(), "quiz")
    key = f"q_{load_questionnaire('nl', 'full').items[0].id}"
    at.select_slider(key=key).set_value(7)
    reruns._check(at.run(), "warm-up")
    for rep in range(reps):
        at.select_slider(key=key).set_value(rep % 7 + 1)
        prof.active = True
        reruns._check(at.run(), "quiz rerun")
        prof.active = False


def profile_first(prof: ScriptProfiler, tmp: Path, reps: int) -> None:
    """The first run of the start page in this process: imports and content loading."""
    at = _app(tmp)
    prof.active = True
    reruns._check(at.run(), "start")
    prof.active = False


TARGETS = {"submit": profile_submit, "result": profile_result, "quiz": profile_quiz, "first": profile_first}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile_runs", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("target", choices=sorted(TARGETS))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    prof = ScriptProfiler()
    prof.install()
    with tempfile.TemporaryDirectory(prefix="hechting-profile-") as tmp:
        TARGETS[args.target](prof, Path(tmp), 1 if args.target == "first" else args.reps)
    print(report(prof.profile, prof.runs, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
