"""Headless Chromium through Python playwright, with the network cut off.

Every request that is not a file:// URL is aborted and recorded, so a page that tried a CDN fails
the test that opened it. Debian's chromium is used (never `playwright install`).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # the test extra is not installed
    sync_playwright = None

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                 if p and Path(p).exists()), None)
SKIP_REASON = (
    "Debian's chromium is not installed (.ci/run installs it)" if CHROMIUM is None else
    "Python playwright is not installed (pip install -e '.[test]')" if sync_playwright is None else ""
)
AXE = Path(os.environ.get("TSGRAPH_AXE", Path.home() / ".cache" / "tsgraph-node" / "node_modules" / "axe-core" / "axe.min.js"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Tab:
    """A page and what it tried to do: requests that left file://, script errors, console errors."""

    page: "Page"
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def data(self) -> dict[str, str]:
        return self.page.evaluate("() => Object.assign({}, document.body.dataset)")

    def wait_ready(self) -> None:
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=15_000)


class Chromium:
    def __init__(self) -> None:
        self._playwright = sync_playwright().start()
        self.browser: Browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        self.tabs: list[Tab] = []

    def open(self, path: Path, fragment: str = "", width: int = 1600, height: int = 1000, init_script: str | None = None) -> Tab:
        context = self.browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        page = context.new_page()
        tab = Tab(page)
        self.tabs.append(tab)

        def route(route_request) -> None:
            url = route_request.request.url
            if url.startswith("file:"):
                route_request.continue_()
            else:
                tab.blocked.append(url)
                route_request.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: tab.errors.append(f"page error: {error}"))
        page.on("console", lambda message: tab.errors.append(f"console {message.type}: {message.text}")
                if message.type == "error" else None)
        if init_script:
            page.add_init_script(init_script)
        page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        return tab

    def close(self) -> None:
        for tab in self.tabs:
            tab.page.context.close()
        self.browser.close()
        self._playwright.stop()
