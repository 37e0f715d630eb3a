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

WATCH_SECONDS = 1.0  # how often the store is compared with the one the workers opened, between queries


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
    """The current pool of workers, swapped for a new one when the store is rebuilt."""

    def __init__(self, options: ServeOptions, on_event: Callable[[str], None]) -> None:
        self.options = options
        self.on_event = on_event
        self.lock = threading.Lock()
        self.watching = threading.Lock()  # one look at a time: the loop's and a request's
        self.refused: tuple[int, int] | None = None  # a new store that would not open: not retried
        self.missing_said = False
        self.closed = False
        try:
            self.pool = BackendPool(options.spec(), options.limits.workers, on_event)
        except ServerError as exc:
            raise ServerError(f"the oxigraph server could not serve {options.store} on "
                              f"{options.host}:{options.port}: {exc}") from None
        self.retired: list[BackendPool] = []

    def current(self) -> BackendPool:
        """The pool to ask. A query that arrives after a rebuild's swap waits for the pool on the
        new store rather than being answered from the old build (a stat per query is cheap)."""
        if store_identity(self.options.store) not in (self.pool.opened, self.refused, None):
            self.watch()
        with self.lock:
            return self.pool

    def watch(self) -> None:
        """One look at the store: on a rebuild, move new queries onto a pool on the new store."""
        with self.watching:
            self._look()

    def _look(self) -> None:
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
            self.refused = now
            self.on_event(f"the rebuilt store {store} cannot be opened ({exc}); still serving the build of {self.served_at()}")
            return
        with self.lock:
            if self.closed:  # stopped while the new pool started (a request thread's look)
                fresh.close()
                return
            old, self.pool = self.pool, fresh
            self.retired.append(old)
        drain = self.options.limits.timeout + 1  # queries in flight on the old store may finish
        threading.Thread(target=old.close, args=(drain,), name="tsgraph-retire", daemon=True).start()
        self.on_event(f"store rebuilt: now serving the build of {self.served_at()}")

    def served_at(self) -> str:
        when = datetime.fromtimestamp(self.pool.opened_at, tz=timezone.utc)
        return when.strftime("%Y-%m-%d %H:%M:%S UTC")

    def close(self) -> None:
        """Stop every worker now, those of old pools still draining included."""
        with self.lock:
            self.closed = True
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
                time.sleep(WATCH_SECONDS)
                serving.watch()
    except (KeyboardInterrupt, Stopped):
        return
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        if serving is not None:
            serving.close()
