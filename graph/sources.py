"""The source manifest (data/sources.json) and the documents it lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import SourceError
from .model import Document
from .resources import data_dir

REQUIRED_FIELDS = ("id", "title", "publisher", "date", "kind", "file", "licence")
KINDS = ("strategy", "progress-report")
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
URL = re.compile(r"^https?://\S+$")

DEFAULT_DATA_DIR = data_dir()


def load_json(path: Path) -> object:
    """Read a JSON data file, naming the file and line on any error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(path, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from exc


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read source document: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, f"not valid UTF-8 text (byte {exc.start})", line) from exc
    check_line_lengths(path, text)
    return text


# The longest line of the bundled sources is 2,005 characters (a row of the 2009 progress report;
# the strategy's longest is 1,525). Fifty times that leaves room for any real paragraph or table
# row and bounds what one hostile line can cost the parsers (see benchmarks/parse_scaling.py).
MAX_LINE_CHARACTERS = 100_000


def check_line_lengths(path: Path, text: str, limit: int = MAX_LINE_CHARACTERS) -> None:
    """Refuse a source text with a line longer than ``limit`` characters, naming the file and line."""
    start, number = 0, 1
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > limit:
            raise SourceError(path, f"line of {stop - start:,} characters; at most {limit:,} are allowed "
                                    "(one paragraph or table row per line)", number)
        if end < 0:
            return
        start, number = end + 1, number + 1


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def load_manifest(data_dir: Path = DEFAULT_DATA_DIR) -> list[dict]:
    path = data_dir / "sources.json"
    manifest = load_json(path)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("sources"), list):
        raise SourceError(path, 'expected an object with a "sources" list')
    seen: set[str] = set()
    entries = []
    for index, entry in enumerate(manifest["sources"]):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            raise SourceError(path, f"{where} is not an object")
        missing = [f for f in REQUIRED_FIELDS if not entry.get(f)]
        if missing:
            raise SourceError(path, f"{where} lacks {', '.join(missing)}")
        if entry["kind"] not in KINDS:
            raise SourceError(path, f"{where} has unknown kind {entry['kind']!r}; valid kinds: {', '.join(KINDS)}")
        if not DATE.match(entry["date"]):
            raise SourceError(path, f"{where} has date {entry['date']!r}; expected YYYY-MM or YYYY-MM-DD")
        if entry.get("url") is not None and not URL.match(str(entry["url"])):
            raise SourceError(path, f"{where} has url {entry['url']!r}; expected an http(s) address")
        if entry["id"] in seen:
            raise SourceError(path, f"{where} repeats source id {entry['id']!r}")
        seen.add(entry["id"])
        entries.append(entry)
    if sum(1 for e in entries if e["kind"] == "strategy") != 1:
        raise SourceError(path, "the manifest must list exactly one source of kind 'strategy'")
    return entries


def load_documents(data_dir: Path = DEFAULT_DATA_DIR) -> list[Document]:
    documents = []
    for entry in load_manifest(data_dir):
        path = data_dir / entry["file"]
        text = read_text(path)
        documents.append(
            Document(
                id=entry["id"],
                title=entry["title"],
                publisher=entry["publisher"],
                date=entry["date"],
                kind=entry["kind"],
                path=str(path),
                licence=entry["licence"],
                url=entry.get("url"),
                text=text,
                line_starts=line_starts(text),
            )
        )
    return documents
