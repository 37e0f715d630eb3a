"""The source manifest (data/sources.json) and the documents it lists."""

from __future__ import annotations

import codecs
import json
import re
import stat
from pathlib import Path

from .errors import SourceError
from .model import Document
from .resources import data_dir

DEFAULT_DATA_DIR = data_dir()
FOREIGN_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def not_utf8(path: Path, raw: bytes, exc: UnicodeDecodeError | None) -> SourceError:
    """The one-line error for bytes that are not UTF-8 text: another encoding's mark, a NUL, a bad byte."""
    for bom, encoding in FOREIGN_BOMS:  # UTF-32 first: its little-endian mark starts like UTF-16's
        if raw.startswith(bom):
            return SourceError(path, f"not UTF-8 text: it starts with a {encoding} byte-order mark; save it as UTF-8")
    # utf-8-sig reports positions after the byte-order mark it dropped: count from the file's start
    at = exc.start + len(raw) - len(exc.object) if exc is not None else raw.find(b"\0")
    line = raw[:at].count(b"\n") + 1
    if exc is None:
        return SourceError(path, f"not UTF-8 text: a NUL byte (byte {at}; UTF-16 or a binary file?)", line)
    return SourceError(path, f"not valid UTF-8 text (byte {at})", line)


def read_json(path: Path) -> tuple[str, object]:
    """A JSON input file's text and content, naming the file (and line) on any error: unreadable,
    not UTF-8 (a UTF-8 byte-order mark is allowed and dropped), invalid JSON, nested too deeply."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if b"\0" in raw:
        raise not_utf8(path, raw, None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, raw, exc) from exc
    try:
        return text, json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from exc
    except RecursionError:
        raise SourceError(path, "invalid JSON: nested too deeply to read") from None


def load_json(path: Path) -> object:
    """Read a JSON data file, naming the file and line on any error."""
    return read_json(path)[1]


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read source document: {exc.strerror or exc}") from exc
    if b"\0" in raw:
        raise not_utf8(path, raw, None)
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 byte-order mark is dropped, as in the JSON files
    except UnicodeDecodeError as exc:
        raise not_utf8(path, raw, exc) from exc
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
    """The manifest's entries, checked against data/schema/sources.schema.json, then for what a
    schema cannot say (manifest_entries)."""
    from .schema import check_schema

    path = data_dir / "sources.json"
    manifest = load_json(path)
    check_schema(path, manifest)
    return manifest_entries(data_dir, manifest)  # type: ignore[arg-type]


def manifest_entries(data_dir: Path, manifest: dict) -> list[dict]:
    """The entries of a manifest that fits its schema: ids unique, exactly one strategy, every
    file inside the data folder."""
    path = data_dir / "sources.json"
    entries = manifest["sources"]
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            raise SourceError(path, f"sources[{index}] repeats source id {entry['id']!r}")
        seen.add(entry["id"])
        document_path(data_dir, entry["file"], f"sources[{index}].file")
    if sum(1 for e in entries if e["kind"] == "strategy") != 1:
        raise SourceError(path, "the manifest must list exactly one source of kind 'strategy'")
    return entries


def document_path(data_dir: Path, file: str, where: str) -> Path:
    """Where a listed document is: inside the data folder, also once symbolic links are followed."""
    path, manifest = data_dir / file, data_dir / "sources.json"

    def cannot_open(exc: Exception) -> SourceError:  # a name too long, a symbolic link loop
        return SourceError(manifest, f"{where}: {file!r} cannot be opened: {getattr(exc, 'strerror', None) or exc}")

    try:
        inside = not Path(file).is_absolute() and path.resolve().is_relative_to(data_dir.resolve())
    except (OSError, RuntimeError) as exc:  # resolve() raises RuntimeError on a loop before Python 3.13
        raise cannot_open(exc) from None
    if not inside:
        raise SourceError(manifest, f"{where}: {file!r} leads outside the data folder {data_dir}")
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None  # reading it says "No such file or directory", naming it
    except OSError as exc:
        raise cannot_open(exc) from None
    if status is not None and not stat.S_ISREG(status.st_mode):  # a folder, a device, a pipe that never ends
        raise SourceError(manifest, f"{where}: {file!r} is not a regular file")
    return path


def load_documents(data_dir: Path = DEFAULT_DATA_DIR) -> list[Document]:
    documents = []
    for entry in load_manifest(data_dir):
        path = document_path(data_dir, entry["file"], entry["id"])
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
