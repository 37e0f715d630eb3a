"""Small helpers every writer shares: deterministic JSON, and the published document behind a span."""

from __future__ import annotations

import json
from pathlib import Path


def write_json(path: Path, data: object, indent: int | None = 1) -> Path:
    """JSON with sorted keys and UTF-8 text, so two builds give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")
    return path


def document_urls(index: dict) -> dict[str, str]:
    """Source document id -> the web address the document gives for itself (data/sources.json
    ``url``). Documents that state none are left out: no address is ever guessed."""
    return {source["id"]: source["url"] for source in index["sources"] if source.get("url")}


def document_dates(index: dict) -> dict[str, str]:
    """Source document id -> its publication date as the manifest gives it (YYYY-MM or YYYY-MM-DD)."""
    return {source["id"]: source["date"] for source in index["sources"]}
