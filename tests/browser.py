"""Headless Chromium for map tests: no network, a fresh profile, DOM and screenshots."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions",
    # No network at all: every host resolves nowhere, so a page that tried a CDN would fail visibly.
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--enable-logging=stderr", "--v=0", "--window-size=1400,900",
]


@dataclass
class Page:
    dom: str
    log: str

    def body_data(self) -> dict[str, str]:
        body = re.search(r"<body([^>]*)>", self.dom)
        return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1))) if body else {}

    def console_errors(self) -> list[str]:
        return [line for line in self.log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def run(url: str, *extra: str, budget_ms: int = 8000) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", *extra, url],
            capture_output=True, text=True, timeout=120,
        )


def open_page(path: Path, fragment: str = "") -> Page:
    result = run(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""), "--dump-dom")
    return Page(result.stdout, result.stderr)


def screenshot(path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    run(path.resolve().as_uri(), f"--screenshot={target}")
    return target
