"""``python -m benchmarks``: measure the six figures, print the table, write latest.json.

Options: ``--only 1,4`` runs some figures; ``--quick`` runs fewer repetitions and a smaller
load (a smoke run: its verdicts are not the budget's). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks._common import ROOT, Figure, scratch_dir, stop_all_servers

RESULTS = Path(__file__).resolve().parent / "results"
NAMES = {
    1: "Quiz rerun (full form, one slider moved)",
    2: "Result rerun (?a=<32-digit code>)",
    3: "Import + load all content (cold)",
    4: "Cold start to first page drawn",
    5: "Memory per idle session",
    6: "Workshop load",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="1,2,3,4,5,6", help="comma-separated figure numbers (default: all)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, smaller load (smoke run)")
    ap.add_argument("--reps", type=int, help="AppTest reruns per contender, figures 1-2 (default 60)")
    ap.add_argument("--import-reps", type=int, help="fresh interpreters per contender, figure 3 (default 9)")
    ap.add_argument("--cold-reps", type=int, help="cold starts per contender, figure 4 (default 7)")
    ap.add_argument("--sessions", type=int, help="idle sessions per server, figure 5 (default 100)")
    ap.add_argument("--participants", type=int, help="workshop participants, figure 6 (default 100)")
    ap.add_argument("--no-workshop-baseline", action="store_true", help="skip the bare-Streamlit load run of figure 6")
    ap.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="where to write the results")
    args = ap.parse_args(argv)
    quick = args.quick
    args.reps = args.reps or (15 if quick else 60)
    args.import_reps = args.import_reps or (3 if quick else 9)
    args.cold_reps = args.cold_reps or (2 if quick else 7)
    args.sessions = args.sessions or (20 if quick else 100)
    args.participants = args.participants or (20 if quick else 100)
    args.figures = sorted({int(x) for x in args.only.split(",") if x.strip()})
    if not set(args.figures) <= set(NAMES):
        ap.error(f"--only takes numbers from {sorted(NAMES)}")
    return args


def _runners(args: argparse.Namespace, tmp: Path) -> dict[int, Callable[[], Figure]]:
    def f1() -> Figure:
        from benchmarks import reruns

        reruns.prepare(tmp)
        return reruns.quiz_rerun(args.reps)

    def f2() -> Figure:
        from benchmarks import reruns

        reruns.prepare(tmp)
        return reruns.result_rerun(args.reps)

    def f3() -> Figure:
        from benchmarks.imports import import_and_content

        return import_and_content(args.import_reps, tmp)

    def f4() -> Figure:
        from benchmarks.coldstart import cold_start

        return cold_start(args.cold_reps, tmp)

    def f5() -> Figure:
        from benchmarks.memory import memory_per_session

        return memory_per_session(args.sessions, tmp)

    def f6() -> Figure:
        from benchmarks.workshop_load import workshop_load

        return workshop_load(args.participants, tmp, with_baseline=not args.no_workshop_baseline)

    return {1: f1, 2: f2, 3: f3, 4: f4, 5: f5, 6: f6}


def _ratio(fig: Figure) -> str:
    return f"{fig.ratio:.2f}x" if fig.ratio is not None else "-"


def table(figures: list[Figure]) -> str:
    head = ("#", "Figure", "App", "Baseline", "Ratio", "Budget", "Result")
    rows: list[tuple[str, ...]] = []
    for f in figures:
        if f.error:
            rows.append((str(f.id), f.name, f"error: {f.error.splitlines()[0][:60]}", "", "", f.budget, "ERROR"))
            continue
        if f.checks:
            rows.append((str(f.id), f.name, f.value, f.baseline, _ratio(f), "", f.verdict))
            for label, value, budget, ok in f.checks:
                rows.append(("", f"  {label}", value, "", "", budget, "PASS" if ok else "MISS"))
        else:
            rows.append((str(f.id), f.name, f.value, f.baseline, _ratio(f), f.budget, f.verdict))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(out)


def _git(*args: str) -> str | None:
    """Read-only git queries: which code was measured."""
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.rstrip() if out.returncode == 0 else None  # keep porcelain's leading columns
    except (OSError, subprocess.SubprocessError):
        return None


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("streamlit", "altair", "pandas", "pydantic", "PyYAML", "SQLAlchemy", "playwright", "psutil"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "missing"
    return out


def _on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop servers


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    atexit.register(stop_all_servers)
    signal.signal(signal.SIGTERM, _on_signal)
    started = time.perf_counter()
    meta = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        # files that differ from the commit (outside benchmarks/): the figures measure the work tree
        "uncommitted": [ln[3:] for ln in (_git("status", "--porcelain") or "").splitlines()
                        if not ln[3:].startswith("benchmarks/")],
        "cpus": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "versions": _versions(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "quick": args.quick,
    }
    print(f"Hechting benchmarks: figures {','.join(map(str, args.figures))}"
          f"{' (quick: not budget figures)' if args.quick else ''}; load average {meta['loadavg_start']}",
          flush=True)
    figures: list[Figure] = []
    with scratch_dir() as tmp:
        runners = _runners(args, tmp)
        try:
            for n in args.figures:
                print(f"[{n}] {NAMES[n]} ...", end=" ", flush=True)
                t0 = time.perf_counter()
                try:
                    fig = runners[n]()
                except (KeyboardInterrupt, SystemExit):
                    raise
                except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the others
                    fig = Figure(n, NAMES[n], error=f"{type(exc).__name__}: {exc}",
                                 details={"traceback": traceback.format_exc()})
                fig.seconds = round(time.perf_counter() - t0, 1)
                stop_all_servers()
                print(f"{fig.verdict} ({fig.seconds:.0f} s)", flush=True)
                figures.append(fig)
        finally:
            stop_all_servers()
    meta["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    meta["seconds"] = round(time.perf_counter() - started, 1)

    print()
    print(table(figures))
    print(f"\nload average {meta['loadavg_start']} -> {meta['loadavg_end']}; {meta['seconds']:.0f} s in all")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"meta": meta, "figures": [f.to_json() for f in figures]}, indent=2) + "\n")
    try:
        shown = args.json.relative_to(ROOT)
    except ValueError:
        shown = args.json
    print(f"details: {shown}")
    if any(f.error for f in figures):
        return 2
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
