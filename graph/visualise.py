"""The maps are now the offline explorer in ``graph.explore``; this name stays only so that
``graph/build.py`` keeps working until it calls ``graph.explore.write_explorer`` itself."""

from __future__ import annotations

from .explore import write_explorer as write_maps

__all__ = ["write_maps"]
