"""A real ``streamlit run app.py`` on 127.0.0.1 and the system Chromium, for user flows.

No sleeps: the server fixture waits for ``/_stcore/health``, pages wait for Streamlit's
``data-test-script-state="notRunning"``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HECHTING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start the app; its log goes to test-artifacts/server-<port>.log."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    log = open(ARTIFACTS / f"server-{port}.log", "wb")  # noqa: SIM115 - the server process owns it
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.address=127.0.0.1", f"--server.port={port}",
            "--server.headless=true", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    log.close()  # the child keeps its own handle
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited before it became healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return proc, url
        except OSError:
            pass
        time.sleep(0.1)  # polling interval while waiting for a condition, not a fixed wait
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("db") / "workshop.sqlite3"
    proc, url = start_server({"HECHTING_DATABASE_URL": f"sqlite:///{db}"})
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished its current run."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', state="attached", timeout=timeout)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)


def goto(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    wait_idle(page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def answer_quiz(page, content, questionnaire, target: dict[str, int]) -> None:
    """Answer every statement with the keyboard only (Home = 1, End = 7, arrows step by
    one), area by area, clicking "Volgende" between steps; stops before submitting."""
    from playwright.sync_api import expect

    by_area: dict[str, list] = {}
    for item in questionnaire.items:
        by_area.setdefault(item.area, []).append(item)
    for step, area in enumerate(content.areas):
        expect(page.get_by_role("heading", name=area.title)).to_be_visible()
        for item in by_area[area.id]:
            slider = page.get_by_role("slider", name=item.text)
            slider.focus()
            value = target[item.id]
            if value in (1, 7):
                slider.press("Home" if value == 1 else "End")
            else:
                for _ in range(abs(value - 4)):
                    slider.press("ArrowRight" if value > 4 else "ArrowLeft")
            wait_idle(page)
            expect(slider).to_have_attribute("aria-valuetext", re.compile(rf"^{value} "))
        if step < len(content.areas) - 1:
            page.get_by_role("button", name=content.ui("quiz.next"), exact=True).click()
            wait_idle(page)
