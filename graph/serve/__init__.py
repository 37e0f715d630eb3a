"""`tsgraph serve`: a read-only SPARQL 1.1 server that holds under load, hostile queries and rebuilds.

tsgraph listens itself (graph.serve.proxy) and passes each query to one of a fixed pool of
`oxigraph serve-read-only` processes on the built store (graph.serve.backends), one query per
process at a time. It enforces the timeout by killing and replacing the process that runs
over, refuses updates and (unless allowed) SERVICE, and moves onto a rebuilt store while
serving. Ctrl-C, SIGTERM and SIGHUP stop it and every worker; on Linux the kernel stops the
workers too if tsgraph itself is killed.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .backends import MIN_MEMORY_MB, BackendPool, BackendSpec, ServerError, oxigraph_binary, store_identity
from .proxy import Limits, ProxyServer

__all__ = ["MIN_MEMORY_MB", "Limits", "ServeOptions", "ServerError", "Stopped", "check_free", "oxigraph_binary", "serve"]

WATCH_SECONDS = 1.0  # how often the store is compared with the one the workers opened (a query also looks)


class Stopped(Exception):
    """tsgraph was asked to stop (SIGTERM or SIGHUP): stop the server, as Ctrl-C does."""


@dataclass(frozen=True)
class ServeOptions:
    """Where to listen, which store to serve, and the limits every query runs under."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    limits: Limits = Limits()
    binary: str = ""

    def spec(self) -> BackendSpec:
        return BackendSpec(self.binary or oxigraph_binary(), self.store, self.limits.memory_mb)


def address_of(host: str, port: int) -> tuple[int, tuple]:
    """The socket family and address to listen on (an unknown host is a one-line error)."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as exc:
        raise ServerError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    return family, address


def check_free(host: str, port: int) -> None:
    """Fail before starting workers if nothing can listen there (a port in use, an unknown host)."""
    family, address = address_of(host, port)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as exc:
        raise ServerError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` while serving; restore the handlers after."""

    def stop(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise Stopped(signal.Signals(signum).name)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class Serving:
    """The current pool of workers, swapped for a new one when the store is rebuilt.

    Only the watch loop (tsgraph's main thread) starts pools. A query that finds the store
    changed wakes the loop and waits, until its own deadline, for the pool on the new store: no
    query sent after a rebuild's swap is answered from the old build unless the new workers take
    longer to start than the query may wait.
    """

    def __init__(self, options: ServeOptions, on_event: Callable[[str], None]) -> None:
        self.options = options
        self.on_event = on_event
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # notified when the loop has looked at a new store
        self.wake = threading.Event()  # a query saw the store change: look now, not within the second
        self.refused: tuple[int, int] | None = None  # a new store that would not open: not retried
        self.missing_said = False
        try:
            self.pool = BackendPool(options.spec(), options.limits.workers, on_event)
        except ServerError as exc:
            raise ServerError(f"the oxigraph server could not serve {options.store} on "
                              f"{options.host}:{options.port}: {exc}") from None
        self.retired: list[BackendPool] = []

    def settled(self) -> bool:
        """The workers serve the store there is (or the new one was refused, or there is none)."""
        return store_identity(self.options.store) in (self.pool.opened, self.refused, None)

    def current(self, deadline: float | None = None) -> BackendPool:
        """The pool to ask; after a swap, the new store's, waited for until ``deadline``
        (time.monotonic()) at most. A stat per query is cheap."""
        with self.changed:
            if deadline is not None and not self.settled():
                self.wake.set()
                self.changed.wait_for(self.settled, timeout=max(0.0, deadline - time.monotonic()))
            return self.pool

    def watch(self, seconds: float = 0.0) -> None:
        """Wait up to ``seconds`` (less if a query wakes us), then look at the store once: on a
        rebuild, start a pool on the new store and move new queries onto it."""
        self.wake.wait(seconds)
        self.wake.clear()
        store = self.options.store
        now = store_identity(store)
        if now is None:
            if not self.missing_said:
                self.on_event(f"the store {store} is missing; still serving the build of {self.served_at()}")
                self.missing_said = True
            return
        self.missing_said = False
        if now == self.pool.opened or now == self.refused:
            return
        try:
            fresh = BackendPool(self.options.spec(), self.options.limits.workers, self.on_event)
        except ServerError as exc:
            with self.changed:
                self.refused = now
                self.changed.notify_all()
            self.on_event(f"the rebuilt store {store} cannot be opened ({exc}); still serving the build of {self.served_at()}")
            return
        with self.changed:
            old, self.pool = self.pool, fresh
            self.retired.append(old)
            self.changed.notify_all()
        drain = self.options.limits.timeout + 1  # queries in flight on the old store may finish
        threading.Thread(target=old.close, args=(drain,), name="tsgraph-retire", daemon=True).start()
        self.on_event(f"store rebuilt: now serving the build of {self.served_at()}")

    def served_at(self) -> str:
        when = datetime.fromtimestamp(self.pool.opened_at, tz=timezone.utc)
        return when.strftime("%Y-%m-%d %H:%M:%S UTC")

    def close(self) -> None:
        """Stop every worker now, those of old pools still draining included."""
        with self.lock:
            pools = [self.pool, *self.retired]
        for pool in pools:
            pool.close()


def serve(options: ServeOptions, on_ready: Callable[[], None], on_event: Callable[[str], None]) -> None:
    """Serve until Ctrl-C, SIGTERM or SIGHUP (returns) or until it cannot start (ServerError)."""
    family, address = address_of(options.host, options.port)
    check_free(options.host, options.port)
    serving: Serving | None = None
    proxy: ProxyServer | None = None
    try:
        with stop_on_signals():
            serving = Serving(options, on_event)
            try:
                proxy = ProxyServer(address, family, options.limits, serving.current)
            except OSError as exc:
                raise ServerError(f"cannot serve on {options.host}:{options.port}: {exc.strerror or exc}") from None
            threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.2}, name="tsgraph-accept",
                             daemon=True).start()
            on_ready()
            while True:
                serving.watch(WATCH_SECONDS)
    except (KeyboardInterrupt, Stopped):
        return
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        if serving is not None:
            serving.close()
