"""Fuzzed registry files (organisations, people, programmes, status rules, curation), one file
a case, through the loader the build uses: success or a one-line TsgraphError naming the file;
never another exception, never a hang."""

from __future__ import annotations

import shutil

from hypothesis import given
from hypothesis import strategies as st

from fuzzkit import FUZZ_SETTINGS, CaseLog, check_error, finish
from graph.errors import TsgraphError
from graph.registry import REGISTRY_FILES, load_registry
from graph.resources import data_dir
from strategies import json_bytes, json_file

BASES = {name: (data_dir() / name).read_text(encoding="utf-8") for name in REGISTRY_FILES}


def test_fuzzed_registry_files_load_or_are_refused_in_one_line(fuzz_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fuzz_data, data)
    log = CaseLog("registry")

    def case(name: str, spec) -> str:
        (data / name).write_bytes(json_bytes(BASES[name], spec))
        try:
            load_registry(data)
        except TsgraphError as exc:
            check_error(exc, (name,))
            return "refused"
        finally:
            (data / name).write_text(BASES[name], encoding="utf-8")
        return "ok"

    # One file a case; the others stay valid, so an error must name the one that was changed.
    @FUZZ_SETTINGS
    @given(st.sampled_from(REGISTRY_FILES).flatmap(lambda name: st.tuples(st.just(name), json_file())))
    def run(name_and_spec):
        name, spec = name_and_spec
        log.run(lambda: case(name, spec), lambda: (name, spec))

    run()
    finish(log)
