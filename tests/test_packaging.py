"""The package ships everything it reads: every subpackage, the data, the ontology, the queries.

.ci/wheel-check builds the real wheel and runs it outside the checkout; these checks catch a
missing entry in pyproject.toml within the quick suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.resources import data_dir, ontology_dir, queries_dir

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

REPO = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "graph").rglob("__init__.py")}
    mapped = {f"graph.{name}" for name in ("data", "ontology", "queries")}
    assert found | mapped == listed
    assert {k: v for k, v in config["package-dir"].items()} == {f"graph.{n}": n for n in ("data", "ontology", "queries")}


def test_resources_are_found_through_the_package():
    assert (data_dir() / "sources.json").is_file()
    assert (data_dir() / "sources" / "defra-third-sector-strategy-2008.txt").is_file()
    assert (ontology_dir() / "shapes.ttl").is_file() and (ontology_dir() / "tsgraph.ttl").is_file()
    assert len(list(queries_dir().glob("*.rq"))) >= 15
