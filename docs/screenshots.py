"""Regenerate the README's pictures: docs/matrix.png and docs/who-carries-what.png.

Draws the explorer from a built index into a temporary folder and photographs it in headless
Chromium (Debian's /usr/bin/chromium, network cut off), 1600 × 1000. Run after `tsgraph build`:

    python docs/screenshots.py [--index exports/index.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from graph.explore import write_explorer  # noqa: E402

MATRIX_HEIGHT = 900


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("exports/index.json"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    index = json.loads(args.index.read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="tsgraph-shots-"))
    try:
        write_explorer(index, folder)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.goto((folder / "who-carries-what.html").as_uri())
            page.wait_for_function("document.body.dataset.ready === '1'")
            page.screenshot(path=str(DOCS / "who-carries-what.png"))
            page.goto((folder / "index.html").as_uri())
            box = page.locator("section[aria-labelledby=matrix-title]").bounding_box()
            page.set_viewport_size({"width": 1600, "height": int(box["y"] + MATRIX_HEIGHT)})
            page.screenshot(path=str(DOCS / "matrix.png"), clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": MATRIX_HEIGHT})
            browser.close()
        print(f"wrote {DOCS / 'matrix.png'} and {DOCS / 'who-carries-what.png'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
