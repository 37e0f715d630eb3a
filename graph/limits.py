"""The memory cap a child process puts on itself before it runs the query engine: the forked
child of `tsgraph query` and each oxigraph worker of `tsgraph serve` alike. Standard library only.

RLIMIT_DATA bounds the heap and every private anonymous mapping, which is where the engine's
sorts and joins grow; the store's files, mapped read-only, do not count. A query that reaches it
fails to allocate and its process dies, and the parent reports the limit in one line.
"""

from __future__ import annotations

import resource

# Measured on the real store (2 cores): oxigraph 0.5.13 cannot start its threads under an
# RLIMIT_DATA of 150 MiB and answers from 175 MiB; every library query peaks near 40 MiB.
MIN_MEMORY_MIB = 256
DEFAULT_MEMORY_MIB = 1024  # twenty times the library's need; stops a runaway sort below 1 GiB


def cap_data_memory(mib: int) -> None:
    """Cap this process's data memory at ``mib`` MiB; a lower ceiling the system set stays.

    Everything is computed before the one system call that sets the cap, so it may run between
    fork and exec, where the child is still a copy of its parent and already over the cap."""
    size = mib << 20
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (size, hard))
