"""Shared fixtures: the real documents, parsed once; one full build into a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from rdflib import Graph

from graph.build import build, load_corpus
from graph.project import project
from graph.resources import data_dir

# Hypothesis keeps caches in ./.hypothesis: every test that uses it (the fuzz suite and property
# tests) keeps them in the system's temporary folder instead, with no example database, so no
# test writes into the checkout.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "tsgraph-hypothesis")
settings.register_profile("tsgraph", database=None)
settings.load_profile("tsgraph")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots", action="store_true", default=False,
        help="Rewrite tests/expected/*.json (the query library's answers on the real graph) from the "
             "current build and print each diff; review the diff before committing.",
    )


@pytest.fixture(scope="session")
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-snapshots")


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def projection(corpus):
    return project(corpus)


@pytest.fixture(scope="session")
def rdf_graph(projection) -> Graph:
    """The graph as rdflib reads it: an independent reader of the build's N-Triples."""
    return Graph().parse(data=projection.ntriples, format="nt")


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
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return target
