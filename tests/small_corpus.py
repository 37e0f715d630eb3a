"""A small data folder for build tests: the registry as bundled, and the made-up strategy of
tests/sample_strategy.py as the only source (a build of it takes well under a second)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from graph.resources import data_dir
from sample_strategy import SAMPLE

SAMPLE_FILE = "sources/sample-2011.txt"


def small_data(folder: Path, text: str = SAMPLE) -> Path:
    """Write the small data folder into ``folder``/data and return its path."""
    target = Path(folder) / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__", "*.txt"))
    (target / SAMPLE_FILE).write_text(text, encoding="utf-8", newline="\n")
    manifest = {"sources": [{
        "date": "2011-03", "file": SAMPLE_FILE, "id": "sample-2011", "kind": "strategy",
        "licence": "made up for the tests", "publisher": "Department for Environment, Food and Rural Affairs",
        "title": "Rivers and Woodland Volunteering Plan",
    }]}
    (target / "sources.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes (to compare two states)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}
