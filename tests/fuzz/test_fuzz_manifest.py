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
from hypothesis import strategies as st

from fuzzkit import FUZZ_SETTINGS, CaseLog, PropertyViolation, check_error, finish
from graph.errors import TsgraphError
from graph.resolve import build_corpus
from graph.sources import load_documents
from sample_data import REPORT_FILE, STRATEGY_FILE, manifest
from strategies import SPECIALS, apply_json_edits, json_bytes, json_file, snippet

BASE = json.dumps(manifest(), indent=1)

# Edits that keep the manifest's shape (the schema's types and patterns), so that most cases go
# past validation into reading, parsing and resolving: a manifest built from odd but well-typed
# values, two strategies, a report listed twice, sources in any order, a file listed under
# another path or missing.
month = st.builds("{:04d}-{:02d}{}".format, st.integers(0, 9999), st.integers(0, 99),
                  st.sampled_from(["", "-01", "-31", "-99"]))
text = st.one_of(snippet.map(str.strip).filter(bool), st.sampled_from(SPECIALS).map(lambda c: f"a{c}b"))
source_id = st.one_of(st.sampled_from(["plan-2011", "report-2012", "report-2013", "rspb-é", "x", "a1-b2"]),
                      st.from_regex(r"[a-zß-ÿ0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True))
plausible_values = {
    "id": source_id, "title": text, "publisher": text, "licence": text, "date": month,
    "kind": st.sampled_from(["strategy", "progress-report"]),
    "file": st.sampled_from([STRATEGY_FILE, REPORT_FILE, f"./{REPORT_FILE}", "sources/./plan.txt", "sources/none.txt",
                             "sources", "organisations.json", "sources/é.txt"]),
    "url": st.one_of(st.just("https://example.org/x"), st.from_regex(r"https?://[!-~]{1,30}", fullmatch=True)),
}
field_edit = st.one_of(*(st.tuples(st.just("field"), st.integers(0, 9), st.just(key), value)
                         for key, value in plausible_values.items()))
new_source = st.fixed_dictionaries({key: value for key, value in plausible_values.items() if key != "url"},
                                   optional={"url": plausible_values["url"]})
shape_edit = st.one_of(
    field_edit, field_edit, field_edit,
    st.tuples(st.just("add"), st.just([0]), st.just(""), new_source),  # one more source
    st.tuples(st.just("delete"), st.tuples(st.just(0), st.integers(0, 9)).map(list), st.just(""), st.none()),
    st.tuples(st.just("delete"), st.tuples(st.just(0), st.integers(0, 9), st.integers(0, 9)).map(list),
              st.just(""), st.none()),  # a field removed (required ones are refused)
)
plausible = st.tuples(st.just("plausible"), st.lists(shape_edit, min_size=1, max_size=4))


def manifest_bytes(spec: tuple) -> bytes:
    if spec[0] == "plausible":
        return json.dumps(apply_json_edits(json.loads(BASE), spec[1]), ensure_ascii=False, indent=1).encode("utf-8")
    return json_bytes(BASE, spec)


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
        raw = manifest_bytes(spec)
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
    @given(st.one_of(json_file(), plausible))
    def run(spec):
        log.run(lambda: case(spec), lambda: spec)

    run()
    finish(log)
