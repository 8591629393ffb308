"""Shared pieces: figures, statistics, servers on 127.0.0.1, memory readings, the agent API.

Every server started here is registered and killed at the end of the run, also when a
figure fails or the run is interrupted (see ``stop_all_servers``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address any benchmark ever talks to
CHROMIUM = os.environ.get("HECHTING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Flags both the app and the baselines run with, so only the script differs.
COMMON_FLAGS = [
    f"--server.address={HOST}",
    "--server.headless=true",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
]
HELLO_WORLD = 'import streamlit as st\n\nst.title("Hello world")\n'


# --------------------------------------------------------------------------- figures


@dataclass
class Figure:
    """One line of the table; ``details`` goes to latest.json as it is."""

    id: int
    name: str
    value: str = ""
    baseline: str = ""
    ratio: float | None = None
    budget: str = ""
    passed: bool | None = None  # None: the figure could not be measured
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    # extra table rows under this one: (label, value, budget, passed)
    checks: list[tuple[str, str, str, bool]] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.error:
            return "ERROR"
        return "PASS" if self.passed else "MISS"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["verdict"] = self.verdict
        return out


# --------------------------------------------------------------------------- statistics


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (``p`` in 0..100)."""
    if not values:
        return math.nan
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary(values: list[float], scale: float = 1.0, digits: int = 3) -> dict[str, float | int]:
    """n, median, p95, min, max of ``values`` times ``scale``."""
    xs = [v * scale for v in values]
    if not xs:
        return {"n": 0}
    return {
        "n": len(xs),
        "median": round(median(xs), digits),
        "p95": round(percentile(xs, 95), digits),
        "min": round(min(xs), digits),
        "max": round(max(xs), digits),
    }


def ratio(app: float, base: float) -> float:
    return app / base if base > 0 else math.inf


def interleaved(
    reps: int, runs: dict[str, Callable[[], float]], *, collect: bool = True
) -> dict[str, list[float]]:
    """Call each of ``runs`` once per repetition, alternating which goes first.

    Interleaving spreads slow phases of a noisy machine over all contenders instead of
    charging them to whichever ran during them. A ``gc.collect()`` before each call keeps
    garbage of one contender from being collected on the other's clock.
    """
    names = list(runs)
    out: dict[str, list[float]] = {n: [] for n in names}
    for rep in range(reps):
        order = names if rep % 2 == 0 else names[::-1]
        for name in order:
            if collect:
                gc.collect()
            out[name].append(runs[name]())
    return out


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def passed(self) -> bool:
        return self.left() <= 0


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


_SERVERS: list[Server] = []


class Server:
    """``python -m streamlit run <script>`` on 127.0.0.1, in its own process group.

    The Popen pid is the Streamlit server itself (no shell in between), so its RSS is
    the server's.
    """

    def __init__(
        self,
        script: Path,
        *,
        cwd: Path,
        log_dir: Path,
        name: str,
        env: dict[str, str] | None = None,
        flags: list[str] | None = None,
    ) -> None:
        self.script, self.cwd, self.name = script, cwd, name
        self.log_path = log_dir / f"{name}.log"
        self.env = {**os.environ, **(env or {})}
        self.flags = flags or []
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.started_at = 0.0  # perf_counter just before Popen

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> Server:
        """Start the process (does not wait for it to be healthy)."""
        self.port = free_port()
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            f"--server.port={self.port}", *COMMON_FLAGS, *self.flags,
        ]
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        _SERVERS.append(self)
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()
        return self

    def wait_healthy(self, timeout: float = 60.0, interval: float = 0.02) -> float:
        """Poll ``/_stcore/health``; the perf_counter time it first answered ``ok``."""
        deadline = Deadline(timeout)
        while not deadline.passed():
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"{self.name}: streamlit exited early; see {self.log_path}\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return time.perf_counter()
            except OSError:
                pass
            time.sleep(interval)  # polling interval while waiting for the server
        raise RuntimeError(f"{self.name}: not healthy within {timeout:.0f} s\n{self.log_tail()}")

    def start_healthy(self, timeout: float = 60.0, tries: int = 3) -> Server:
        """Start and wait; retry on another port if the chosen one was taken meanwhile."""
        for attempt in range(tries):
            self.start()
            try:
                self.wait_healthy(timeout)
                return self
            except RuntimeError:
                self.stop()
                if attempt == tries - 1:
                    raise
        return self

    def rss_mib(self) -> float:
        return rss_mib(self.pid)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if self in _SERVERS:
            _SERVERS.remove(self)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def stop_all_servers() -> None:
    for server in list(_SERVERS):
        with contextlib.suppress(Exception):
            server.stop()


@contextlib.contextmanager
def scratch_dir(prefix: str = "hechting-bench-") -> Iterator[Path]:
    """A temporary folder outside the repository, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def write_hello_world(folder: Path) -> Path:
    path = folder / "hello_world.py"
    path.write_text(HELLO_WORLD)
    return path


def app_env(db_path: Path) -> dict[str, str]:
    """Environment for the app: a throwaway workshop database (never .data/ in the repo)."""
    return {"HECHTING_DATABASE_URL": f"sqlite:///{db_path}"}


# --------------------------------------------------------------------------- memory


def rss_mib(pid: int) -> float:
    """Resident set size of ``pid`` in MiB (psutil; /proc/<pid>/status VmRSS as fallback)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for pid {pid}") from None


def settled_rss(pid: int, *, timeout: float = 10.0, interval: float = 0.25, tolerance: float = 0.25) -> float:
    """RSS once two readings ``interval`` apart differ by at most ``tolerance`` MiB."""
    deadline = Deadline(timeout)
    last = rss_mib(pid)
    while not deadline.passed():
        time.sleep(interval)  # sampling interval while memory settles
        now = rss_mib(pid)
        if abs(now - last) <= tolerance:
            return now
        last = now
    return last


# --------------------------------------------------------------------------- agent API


class AgentError(Exception):
    def __init__(self, status: int, body: dict[str, Any] | str) -> None:
        super().__init__(f"{status}: {body}")
        self.status, self.body = status, body

    @property
    def code(self) -> str:
        if isinstance(self.body, dict):
            return str(self.body.get("error", {}).get("code", ""))
        return ""


def agent_post(base_url: str, body: dict[str, Any], timeout: float = 30.0) -> tuple[dict[str, Any], float]:
    """POST /_stcore/agent/interact; the JSON response and the round trip in seconds.

    Raises ``AgentError`` on a non-200 answer (202 ``wait_timed_out`` included).
    """
    assert base_url.startswith(f"http://{HOST}:"), base_url
    req = urllib.request.Request(
        f"{base_url}/_stcore/agent/interact",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    dt = time.perf_counter() - t0
    try:
        data = json.loads(raw)
    except ValueError:
        data = {"raw": raw[:200].decode(errors="replace")}
    if status != 200:
        raise AgentError(status, data)
    return data, dt


def agent_openapi(base_url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base_url}/_stcore/agent/openapi.json", timeout=10) as r:
        return json.load(r)


def nodes(tree: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    """Every node of ``type_`` in an agent snapshot tree, in page order."""
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.get("type") == type_:
            out.append(node)
        stack.extend(reversed(node.get("children", [])))
    return out


def action_keys(snapshot: dict[str, Any]) -> set[str]:
    return {a["key"] for a in snapshot.get("actions", [])}


# --------------------------------------------------------------------------- formatting


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s"
