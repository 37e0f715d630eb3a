"""The files tsgraph ships inside its package, found through importlib.resources.

The curated data (``data/``), the ontology and shapes (``ontology/``) and the query library
(``queries/``) stand at the top of the repository, where curators edit them, and are mapped into
the package as ``graph.data``, ``graph.ontology`` and ``graph.queries`` (pyproject.toml), so an
installed wheel carries them and an editable install reads the checkout's own copies.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder(name: str) -> Path:
    """The folder of a resource package (``data``, ``ontology``, ``queries``) as a real path.

    Wheels install unzipped, so the resources are files on disk; a path lets a curator's
    ``--data DIR`` copy and the shipped data go through the same code.
    """
    folder = Path(str(files(f"graph.{name}")))
    if not folder.is_dir():  # a zipped install: nothing tsgraph supports
        raise FileNotFoundError(f"tsgraph's {name} folder is not on disk at {folder}")
    return folder


def data_dir() -> Path:
    return package_folder("data")


def ontology_dir() -> Path:
    return package_folder("ontology")


def queries_dir() -> Path:
    return package_folder("queries")
