"""`tsgraph serve`: run the Oxigraph SPARQL server as a child that lives and dies with tsgraph.

The server starts read-only on the built store. tsgraph checks first that the address is free
and announces it only once the server accepts connections; a server that cannot start (a store it
cannot open) or stops on its own is reported in one line from its own error message, without
the Rust backtrace it prints. Ctrl-C, SIGTERM and SIGHUP to tsgraph stop the server too, and on
Linux the kernel stops it if tsgraph itself is killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TsgraphError

DEFAULT_TIMEOUT = 30  # seconds a query may run
READY_SECONDS = 30.0  # opening a large store read-only can take a while
STOP_SECONDS = 10.0


class ServerError(TsgraphError):
    """The SPARQL server could not start or stopped on its own."""


class Stopped(Exception):
    """tsgraph was asked to stop (SIGTERM or SIGHUP): stop the server, as Ctrl-C does."""


@dataclass
class ServerCommand:
    """The oxigraph server invocation `tsgraph serve` runs (read-only: updates are refused)."""

    binary: str
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: int = DEFAULT_TIMEOUT
    extra: list[str] = field(default_factory=list)

    def argv(self) -> list[str]:
        return [self.binary, "serve-read-only", "--location", str(self.store), "--bind", f"{self.host}:{self.port}",
                "--timeout-s", str(int(self.timeout)), *self.extra]


def oxigraph_binary() -> str:
    """The oxigraph server installed beside this Python (the default install), or on PATH."""
    import shutil

    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise ServerError("the oxigraph server is missing (it comes with tsgraph's default install); "
                      "reinstall tsgraph, e.g. pip install --force-reinstall tsgraph, or pip install oxigraph")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to send the child SIGTERM when tsgraph dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def first_error(log: str, code: int | None) -> str:
    """The server's own error in one line ("Address already in use (os error 98)")."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error:"):
            return line.removeprefix("Error:").strip()
    meaningful = [line for line in lines if not line[0].isdigit() and not line.startswith(("at ", "Stack backtrace"))]
    if meaningful:
        return meaningful[0]
    return f"it exited with code {code}"


def check_free(host: str, port: int) -> None:
    """Fail before starting if nothing can listen there (a port in use, an unknown host): a
    server already listening would otherwise answer in the new server's place."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as exc:
        raise ServerError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def connect_address(host: str) -> str:
    """Where to knock to see the server listening: a wildcard address is reached on loopback."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


class OxigraphServer:
    """One oxigraph server process, its output kept in a temporary file for error messages."""

    def __init__(self, command: ServerCommand) -> None:
        self.command = command
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()

    def start(self) -> None:
        env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
        self.process = subprocess.Popen(
            self.command.argv(), stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, env=env,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )

    def failure(self) -> ServerError:
        self.log.seek(0)
        reason = first_error(self.log.read().decode("utf-8", "replace"), self.process.returncode)
        where = f"{self.command.host}:{self.command.port}"
        return ServerError(f"the oxigraph server could not serve {self.command.store} on {where}: {reason}")

    def wait_until_ready(self, seconds: float = READY_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        address = (connect_address(self.command.host), self.command.port)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self.failure()
            try:
                with socket.create_connection(address, timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise ServerError(f"the oxigraph server did not answer on {address[0]}:{address[1]} within {seconds:g} s")

    def wait(self) -> None:
        """Block until the server stops; a server that stops on its own is an error."""
        self.process.wait()
        raise self.failure()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


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


def serve(command: ServerCommand, on_ready: Callable[[], None]) -> None:
    """Run the server until Ctrl-C or SIGTERM (returns) or until it fails (raises ServerError)."""
    check_free(command.host, command.port)
    server = OxigraphServer(command)
    try:
        with stop_on_signals():
            server.start()
            server.wait_until_ready()
            on_ready()
            server.wait()
    except (KeyboardInterrupt, Stopped):
        return
    finally:
        server.stop()
