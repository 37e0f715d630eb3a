"""Write a folder atomically: into a staging folder beside it, swapped in only when complete.

A failed or interrupted write leaves the previous folder as it was; the build and `tsgraph map`
both write this way.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def replace_directory(staging: Path, output: Path) -> None:
    """Swap the staging folder in; the old output stays until the new one is in place."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged(output: Path) -> Iterator[Path]:
    """A fresh staging folder for ``output``: swapped in if the block succeeds, removed if not."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        replace_directory(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
