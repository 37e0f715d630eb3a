"""How `tsgraph serve` moves onto a rebuilt store, with stand-in worker pools (no oxigraph): a
query that finds the store swapped waits for the new pool, but never past its own deadline."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import graph.serve as serve_module
from servers import eventually
from graph.serve import Limits, ServeOptions
from graph.serve.backends import store_identity


class StandInPool:
    """What Serving asks of a pool: the store it opened, when, and close(). Starting one on a
    store listed in ``slow`` takes that many seconds (a large store opening)."""

    slow: dict[tuple[int, int], float] = {}
    started: list[StandInPool] = []

    def __init__(self, spec, size, on_event) -> None:
        self.opened = store_identity(spec.store)
        self.opened_at = time.time()
        time.sleep(self.slow.get(self.opened, 0.0))
        self.closed = False
        StandInPool.started.append(self)

    def close(self, drain_seconds: float = 0.0) -> None:
        self.closed = True


@pytest.fixture
def serving(tmp_path, monkeypatch):
    monkeypatch.setattr(serve_module, "BackendPool", StandInPool)
    StandInPool.slow, StandInPool.started = {}, []
    store = tmp_path / "exports" / "store"
    store.mkdir(parents=True)
    events: list[str] = []
    serving = serve_module.Serving(ServeOptions(store, limits=Limits(timeout=30), binary="oxigraph"), events.append)
    stop = threading.Event()

    def loop() -> None:  # the main thread's watch loop
        while not stop.is_set():
            serving.watch(0.2)

    watcher = threading.Thread(target=loop, daemon=True)
    watcher.start()
    yield serving, store, events
    stop.set()
    watcher.join(10)


def swap_in_new_store(store: Path, slow: float = 0.0) -> None:
    staged = store.with_name("store.new")
    staged.mkdir()
    StandInPool.slow[store_identity(staged)] = slow
    os.rename(store, store.with_name("store.old"))
    os.rename(staged, store)


def test_a_query_after_the_swap_gets_the_pool_on_the_new_store(serving):
    serving_, store, events = serving
    first = serving_.current(time.monotonic() + 5)
    swap_in_new_store(store)
    pool = serving_.current(time.monotonic() + 5)
    assert pool is not first and pool.opened == store_identity(store)
    assert serving_.retired == [first]
    assert eventually(lambda: first.closed and len(events) == 1)  # idle, so it drains at once
    assert events[0].startswith("store rebuilt: now serving the build of ")


def test_a_query_waits_for_new_workers_only_until_its_deadline(serving):
    serving_, store, events = serving
    first = serving_.current(time.monotonic() + 5)
    swap_in_new_store(store, slow=3.0)
    # The new pool takes 3 s to start; a query that may wait 0.5 s is answered by the old one.
    assert serving_.current(time.monotonic() + 0.5) is first
    # A query that may wait longer gets the new pool once it has started.
    pool = serving_.current(time.monotonic() + 30)
    assert pool is not first and pool.opened == store_identity(store)
    assert len(StandInPool.started) == 2  # one pool per store, however many queries asked


def test_without_a_deadline_the_current_pool_is_given_at_once(serving):
    serving_, store, _ = serving
    first = serving_.current()
    swap_in_new_store(store, slow=2.0)
    assert serving_.current() is first
