"""Figure 5: server memory per idle session.

A session is opened the way the browser opens one: a websocket to ``/_stcore/stream``
(subprotocol ``streamlit``) and a ``rerun_script`` BackMsg carrying the browser's context
(locale, time zone, URL); we read ForwardMsgs until ``script_finished`` and then leave the
connection open and idle. The app and the hello-world baseline run side by side; sessions
are opened alternately, one at a time. Growth per session = (RSS after the last session
- RSS after a few warm-up sessions) / sessions, RSS from psutil once it has settled.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from benchmarks._common import (
    HOST,
    ROOT,
    Deadline,
    Figure,
    Server,
    app_env,
    median,
    ratio,
    settled_rss,
    summary,
    write_hello_world,
)

BUDGET_MIB = 1.0
WARMUP = 3
LOCALE = "nl-NL"
TIME_LIMIT_S = 240


def open_session(stack: contextlib.ExitStack, server: Server, timeout: float = 30.0) -> float:
    """Open one browser-like session on the default page; seconds until its run finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    t0 = time.perf_counter()
    ws = stack.enter_context(
        connect(f"ws://{HOST}:{server.port}/_stcore/stream", subprotocols=["streamlit"],
                open_timeout=timeout, close_timeout=2, max_size=None)
    )
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = ""
    state.page_script_hash = ""
    state.context_info.locale = LOCALE
    state.context_info.timezone = "Europe/Amsterdam"
    state.context_info.timezone_offset = -60
    state.context_info.url = f"{server.url}/"
    ws.send(msg.SerializeToString())
    deadline = Deadline(timeout)
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(ws.recv(timeout=max(deadline.left(), 0.1)))
        kind = fwd.WhichOneof("type")
        if kind == "script_finished":
            return time.perf_counter() - t0
        if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
            raise RuntimeError(f"{server.name}: the page raised: {fwd.delta.new_element.exception.message}")
        if kind == "session_event" and fwd.session_event.WhichOneof("type") == "script_compilation_exception":
            raise RuntimeError(f"{server.name}: the script did not compile")


def memory_per_session(sessions: int, tmp: Path) -> Figure:
    fig = Figure(5, f"Memory per idle session ({sessions} sessions)", budget=f"<= {BUDGET_MIB:g} MiB/session")
    hello_dir = tmp / "hello_mem"
    hello_dir.mkdir()
    servers = {
        "app": Server(ROOT / "app.py", cwd=ROOT, log_dir=tmp, name="memory-app", env=app_env(tmp / "memory.sqlite3")),
        "baseline": Server(write_hello_world(hello_dir), cwd=hello_dir, log_dir=tmp, name="memory-hello"),
    }
    opened: dict[str, list[float]] = {"app": [], "baseline": []}
    rss: dict[str, dict[str, Any]] = {"app": {}, "baseline": {}}
    deadline = Deadline(TIME_LIMIT_S)
    try:
        for server in servers.values():
            server.start_healthy()
        with contextlib.ExitStack() as stack:
            for name, server in servers.items():
                rss[name]["fresh"] = settled_rss(server.pid)
                for _ in range(WARMUP):
                    open_session(stack, server)
            for name, server in servers.items():
                rss[name]["before"] = settled_rss(server.pid)
            for n in range(sessions):
                if deadline.passed():
                    break
                order = ("app", "baseline") if n % 2 == 0 else ("baseline", "app")
                for name in order:
                    opened[name].append(open_session(stack, servers[name]))
            for name, server in servers.items():
                rss[name]["after"] = settled_rss(server.pid, timeout=15)
    finally:
        for server in servers.values():
            server.stop()

    n = min(len(opened["app"]), len(opened["baseline"]))
    if n == 0:
        raise RuntimeError("no session could be opened")
    per = {name: (rss[name]["after"] - rss[name]["before"]) / n for name in servers}
    fig.value = f"{per['app']:.3f} MiB/session"
    fig.baseline = f"{per['baseline']:.3f} MiB/session"
    fig.ratio = ratio(per["app"], per["baseline"]) if per["baseline"] > 0 else None
    fig.passed = per["app"] <= BUDGET_MIB and n == sessions
    fig.details = {
        "sessions": n,
        "warmup_sessions": WARMUP,
        "rss_mib": {k: {kk: round(vv, 2) for kk, vv in v.items()} for k, v in rss.items()},
        "per_session_mib": {k: round(v, 4) for k, v in per.items()},
        "session_open_ms": {k: summary(v, 1000) for k, v in opened.items()},
        "session_open_ratio": round(ratio(median(opened["app"]), median(opened["baseline"])), 3),
        "page": "default page (start), browser locale nl-NL, connections left open and idle",
    }
    return fig
