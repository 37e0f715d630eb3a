"""Helpers for tests that start real servers: free loopback ports, waiting, stopping."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph(mode: str, location: Path) -> Iterator[str]:
    """A bare oxigraph server (``serve`` or ``serve-read-only``) on a free loopback port, stopped
    on leaving the block; yields its base URL once it answers."""
    from graph.serve import oxigraph_binary

    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        stop(process)


def children_of(pid: int) -> list[int]:
    """The process's live children, whichever of its threads started them."""
    children: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except (FileNotFoundError, ProcessLookupError):
        return []  # the process itself has gone
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children += [int(child) for child in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended meanwhile
    return sorted(child for child in children if not ended(child))


def threads_of(pid: int) -> int:
    """The process's thread count (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("Threads:"))
    except (FileNotFoundError, ProcessLookupError):
        return 0


def ended(pid: int) -> bool:
    """The process has ended: no such process, or a zombie whose threads have all exited."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
        threads = len(os.listdir(f"/proc/{pid}/task"))
    except (FileNotFoundError, ProcessLookupError):
        return True  # gone: a process reaped between lookup and read gives ESRCH, not ENOENT
    return state in ("Z", "X") and threads <= 1


def line_within(stream, seconds: float = 20) -> str:
    """The next line of a process's output, or TimeoutError after ``seconds`` (a test that waits
    for a line the process never prints fails instead of hanging)."""
    import threading

    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    if not lines:
        raise TimeoutError(f"no line within {seconds:g} s")
    return lines[0]


def eventually(check, seconds: float = 10) -> bool:
    """Whether ``check()`` holds within ``seconds`` (a process takes a moment to close its sockets)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_serve(exports, port: int, *options: str) -> subprocess.Popen:
    """`tsgraph serve` on 127.0.0.1:port, returned once it has announced itself (it announces
    only when its workers are ready); the caller stops it."""
    process = subprocess.Popen([sys.executable, "-m", "cli", "--exports", str(exports), "serve", "--port", str(port), *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    announced = line_within(process.stderr, 60)
    assert announced == (f"serving {exports / 'store'} read-only at http://127.0.0.1:{port}/ "
                         f"(query endpoint http://127.0.0.1:{port}/query); Ctrl-C stops\n"), announced
    return process


def ask(base: str, query: str, accept: str = "application/sparql-results+json", timeout: float = 30) -> tuple[int, str]:
    """(HTTP status, body) of a GET /query, errors included."""
    request = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    return send(request, timeout)


def send(request: urllib.request.Request, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


ACTION_FILTERS = [
    ["--org", "WRAP"], ["--org", "ENCAMS"], ["--chapter", "11", "--status", "no-progress"],
    ["--chapter", "2", "--timing", "longer term", "--org", "ACRE"], ["--programme", "Greener Living Fund"],
    ["--text", "payroll giving"], ["--status", "superseded"], ["--org", "WRAP", "--org", "OTS"],
]


def compare_actions(exports, endpoint: str, *extra: str) -> None:
    """`tsgraph actions --endpoint` gives the rows the local index gives, field for field: the
    same actions, statuses, dates, names in the text's order, and citations."""
    import json

    from click.testing import CliRunner

    from cli import cli

    runner = CliRunner()
    for filters in ACTION_FILTERS:
        local = json.loads(runner.invoke(cli, ["--exports", str(exports), "actions", *filters, "--json"]).output)
        result = runner.invoke(cli, ["--exports", str(exports), "actions", *filters, "--json", "--endpoint", endpoint, *extra])
        assert result.exit_code == 0, result.output
        remote = json.loads(result.output)
        assert [a["id"] for a in remote] == [a["id"] for a in local], filters
        for mine, theirs in zip(local, remote):
            assert theirs == mine, (filters, mine["id"], [k for k in mine if mine[k] != theirs.get(k)])
