"""Shared fixtures: the real documents, parsed once; one full build into a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.build import build, load_corpus
from graph.rdf import corpus_to_graph
from graph.sources import DEFAULT_DATA_DIR

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def rdf_graph(corpus):
    return corpus_to_graph(corpus)


@pytest.fixture(scope="session")
def exports(tmp_path_factory) -> Path:
    """A complete build (graph, exports, store, maps) of the bundled sources."""
    out = tmp_path_factory.mktemp("build") / "exports"
    build(out)
    return out


@pytest.fixture(scope="session")
def index_data(exports) -> dict:
    return json.loads((exports / "index.json").read_text(encoding="utf-8"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that change sources or the registry."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target
