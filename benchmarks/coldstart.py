"""Figure 4: cold start, from ``streamlit run`` to the first page drawn in Chromium.

Per repetition, for the app and for a hello-world app (interleaved, alternating which goes
first): start a fresh server on a free 127.0.0.1 port, poll its health endpoint, open the
page in a fresh browser context (no cache) and wait for the ``h1`` and for
``data-test-script-state="notRunning"``. The clock starts just before ``Popen`` and stops
when both are there. The browser is launched once, before any clock runs.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks._common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Figure,
    Server,
    app_env,
    fmt_s,
    median,
    ratio,
    summary,
    write_hello_world,
)

BUDGET = 1.3
LOCALE = "nl-NL"  # the app's main audience; the app picks its language from it
PAGE_TIMEOUT_MS = 60_000


def _one(browser, server: Server) -> dict[str, float]:
    server.start()
    t0 = server.started_at
    try:
        healthy = server.wait_healthy(timeout=60)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
        try:
            page = context.new_page()
            page.goto(server.url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_selector("h1", state="visible", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_selector('[data-test-script-state="notRunning"]', state="attached", timeout=PAGE_TIMEOUT_MS)
            drawn = time.perf_counter()
            heading = page.locator("h1").first.inner_text(timeout=5_000)
        finally:
            context.close()
    finally:
        server.stop()
    return {"total_s": drawn - t0, "server_s": healthy - t0, "page_s": drawn - healthy, "h1": heading}


def cold_start(reps: int, tmp: Path) -> Figure:
    from playwright.sync_api import sync_playwright

    fig = Figure(4, "Cold start to first page drawn", budget=f"<= {BUDGET}x")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found (Debian's chromium; set HECHTING_CHROMIUM)")
    hello_dir = tmp / "hello"
    hello_dir.mkdir()
    hello = write_hello_world(hello_dir)
    runs: dict[str, list[dict]] = {"app": [], "baseline": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for rep in range(reps):
                order = ("app", "baseline") if rep % 2 == 0 else ("baseline", "app")
                for which in order:
                    if which == "app":
                        server = Server(ROOT / "app.py", cwd=ROOT, log_dir=tmp, name="coldstart-app",
                                        env=app_env(tmp / "coldstart.sqlite3"))
                    else:
                        server = Server(hello, cwd=hello_dir, log_dir=tmp, name="coldstart-hello")
                    runs[which].append(_one(browser, server))
        finally:
            browser.close()
    a = median([r["total_s"] for r in runs["app"]])
    b = median([r["total_s"] for r in runs["baseline"]])
    fig.value, fig.baseline, fig.ratio = fmt_s(a), fmt_s(b), ratio(a, b)
    fig.passed = fig.ratio <= BUDGET
    fig.details = {
        "app_total_s": summary([r["total_s"] for r in runs["app"]]),
        "app_server_healthy_s": summary([r["server_s"] for r in runs["app"]]),
        "app_page_drawn_after_healthy_s": summary([r["page_s"] for r in runs["app"]]),
        "baseline_total_s": summary([r["total_s"] for r in runs["baseline"]]),
        "baseline_server_healthy_s": summary([r["server_s"] for r in runs["baseline"]]),
        "baseline_page_drawn_after_healthy_s": summary([r["page_s"] for r in runs["baseline"]]),
        "app_h1": runs["app"][0]["h1"],
        "baseline_h1": runs["baseline"][0]["h1"],
        "page_ratio": round(ratio(median([r["page_s"] for r in runs["app"]]),
                                  median([r["page_s"] for r in runs["baseline"]])), 3),
    }
    return fig
