"""Helpers for tests that start real servers: free loopback ports, waiting, stopping."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request


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


ACTION_FILTERS = [
    ["--org", "WRAP"], ["--org", "ENCAMS"], ["--chapter", "11", "--status", "no-progress"],
    ["--chapter", "2", "--timing", "longer term", "--org", "ACRE"], ["--programme", "Greener Living Fund"],
    ["--text", "payroll giving"], ["--status", "superseded"], ["--org", "WRAP", "--org", "OTS"],
]


def compare_actions(exports, endpoint: str, *extra: str) -> None:
    """`tsgraph actions --endpoint` gives the same actions, statuses and partners as the local index."""
    import json

    from click.testing import CliRunner

    from cli import cli

    runner = CliRunner()
    for filters in ACTION_FILTERS:
        local = json.loads(runner.invoke(cli, ["--exports", str(exports), "actions", *filters, "--json"]).output)
        result = runner.invoke(cli, ["--exports", str(exports), "actions", *filters, "--json", "--endpoint", endpoint, *extra])
        assert result.exit_code == 0, result.output
        remote = json.loads(result.output)
        keep = ("id", "chapter", "timing", "status", "text")
        assert [{k: a[k] for k in keep} for a in remote] == [{k: a[k] for k in keep} for a in local], filters
        for role in ("organisations", "partners", "lead_units"):
            assert [a[role] for a in remote] == [sorted(a[role]) for a in local], (filters, role)
