"""Fixtures of the fuzz suite: the small data folder, its registry, and one small build."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build
from graph.registry import load_registry
from sample_data import write_data_folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/fuzz/" in str(item.path):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session")
def fuzz_data(tmp_path_factory) -> Path:
    """The valid folder, never changed: targets copy what they change into their own folder."""
    return write_data_folder(tmp_path_factory.mktemp("fuzz") / "data")


@pytest.fixture(scope="session")
def fuzz_registry(fuzz_data):
    return load_registry(fuzz_data)


@pytest.fixture(scope="session")
def fuzz_exports(fuzz_data, tmp_path_factory) -> Path:
    """One build of the small folder (index and store, no maps), shared by every CLI case."""
    out = tmp_path_factory.mktemp("fuzz-build") / "exports"
    build(out, fuzz_data, maps=False)
    return out
