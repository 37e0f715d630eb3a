"""Fuzzed manifests (data/sources.json): wrong types, missing and unknown keys, odd ids, paths
outside the folder, NUL, wrong encodings, deep nests. Loading the documents, and on success
parsing and resolving them, ends in success or a one-line TsgraphError naming the manifest or the
file it lists; never another exception. A manifest that loads reads no file outside the folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import given

from fuzzkit import FUZZ_SETTINGS, CaseLog, PropertyViolation, check_error, finish
from graph.errors import TsgraphError
from graph.resolve import build_corpus
from graph.sources import load_documents
from sample_data import manifest
from strategies import json_bytes, json_file

BASE = json.dumps(manifest(), indent=1)


def listed_files(raw: bytes) -> list[str]:
    """The "file" values the manifest lists, as far as it can be read: an error may name them."""
    try:
        sources = json.loads(raw.decode("utf-8")).get("sources", [])
        return [str(entry.get("file")) for entry in sources if isinstance(entry, dict) and entry.get("file")]
    except Exception:  # noqa: BLE001 - an unreadable manifest lists nothing
        return []


def test_fuzzed_manifests_load_or_are_refused_in_one_line(fuzz_data, fuzz_registry, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fuzz_data, data)
    log = CaseLog("manifest")
    inside = os.path.realpath(data)

    def case(spec) -> str:
        raw = json_bytes(BASE, spec)
        (data / "sources.json").write_bytes(raw)
        listed = listed_files(raw)  # an error may name a listed file by its name or its whole path
        names = ("sources.json", *(Path(f).name for f in listed), *(os.path.normpath(data / f) for f in listed))
        try:
            documents = load_documents(data)
            for document in documents:
                if os.path.commonpath([inside, os.path.realpath(document.path)]) != inside:
                    raise PropertyViolation(f"read a file outside the data folder: {document.path}")
            build_corpus(documents, fuzz_registry)
        except TsgraphError as exc:
            check_error(exc, names)
            return "refused"
        return "ok"

    @FUZZ_SETTINGS
    @given(json_file())
    def run(spec):
        log.run(lambda: case(spec), lambda: spec)

    run()
    finish(log)
