"""The oxigraph processes behind `tsgraph serve`: one read-only server per worker, one query each.

oxigraph 0.5.13 starts a thread per query that sleeps for the whole `--timeout-s` (upstream issue
#1874), so tsgraph never passes that option: it enforces the timeout itself by killing the
process that runs too long and starting a fresh one. Each backend listens on its own ephemeral
loopback port and is handed one request at a time, so its threads stay few whatever the load.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import TsgraphError
from ..limits import MIN_MEMORY_MIB, cap_data_memory

READY_SECONDS = 30.0  # opening a large store read-only can take a while
STOP_SECONDS = 5.0
MIN_MEMORY_MB = MIN_MEMORY_MIB  # the option says MB; the cap counts MiB, as the query child's does


# Linux sends PR_SET_PDEATHSIG when the *thread* that forked the child ends, not the process:
# every backend is therefore started from this one thread, which lives as long as tsgraph.
_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tsgraph-spawner")


class ServerError(TsgraphError):
    """The SPARQL server could not start or stopped on its own."""


def oxigraph_binary() -> str:
    """The oxigraph server installed beside this Python (the default install), or on PATH."""
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise ServerError("the oxigraph server is missing (it comes with tsgraph's default install); "
                      "reinstall tsgraph, e.g. pip install --force-reinstall tsgraph, or pip install oxigraph")


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


def store_identity(store: Path) -> tuple[int, int] | None:
    """(device, inode) of the store folder, following symlinks; None while it is missing.
    Any swap of a rebuilt store (a renamed folder, a repointed symlink) changes it."""
    try:
        status = os.stat(store)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _libc_prctl():
    """prctl from the C library, looked up once in tsgraph: the child must not import or allocate."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _libc_prctl() if sys.platform.startswith("linux") else None
PR_SET_PDEATHSIG = 1


def child_setup(memory_mb: int | None) -> None:  # pragma: no cover - runs in the child between fork and exec
    """In the child: die with tsgraph (PR_SET_PDEATHSIG, even if tsgraph is SIGKILLed), leave
    tsgraph's process group so a terminal's Ctrl-C reaches tsgraph only (it stops the workers
    itself), and cap the memory the child may allocate. The cap comes last: until exec the child
    is a copy of tsgraph, already over the cap, so nothing may allocate after it."""
    os.setpgid(0, 0)
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
    if memory_mb is not None:
        cap_data_memory(memory_mb)


@dataclass(frozen=True)
class BackendSpec:
    """What every backend of one pool runs: the binary, the store and the memory cap."""

    binary: str
    store: Path
    memory_mb: int | None = None


class Backend:
    """One `oxigraph serve-read-only` process on an ephemeral loopback port."""

    def __init__(self, spec: BackendSpec) -> None:
        self.spec = spec
        self.port = free_loopback_port()
        self.log = tempfile.TemporaryFile()
        env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
        argv = [spec.binary, "serve-read-only", "--location", str(spec.store), "--bind", f"127.0.0.1:{self.port}"]
        self.process = _SPAWNER.submit(
            subprocess.Popen, argv, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, env=env,
            preexec_fn=(lambda: child_setup(spec.memory_mb)) if sys.platform.startswith("linux") else None,
        ).result()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def reason(self) -> str:
        """Why the process stopped, in one line, from its own output."""
        self.process.poll()
        self.log.seek(0)
        return first_error(self.log.read().decode("utf-8", "replace"), self.process.returncode)

    def wait_until_ready(self, seconds: float = READY_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise ServerError(self.reason())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.02)
        self.kill()
        raise ServerError(f"it did not answer within {seconds:g} s")

    def kill(self) -> None:
        """SIGKILL: a read-only store has nothing to flush, and a runaway query must stop now."""
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.log.close()


def start_backend(spec: BackendSpec, attempts: int = 3) -> Backend:
    """A ready backend; a port taken between choosing it and binding it is retried."""
    for attempt in range(attempts):
        backend = Backend(spec)
        try:
            backend.wait_until_ready()
            return backend
        except ServerError as exc:
            reason = str(exc)
            backend.kill()
            if "Address already in use" not in reason or attempt == attempts - 1:
                if spec.memory_mb is not None and "Resource temporarily unavailable" in reason:
                    reason += f" (too little memory under --memory {spec.memory_mb}?)"
                raise ServerError(reason) from None
    raise AssertionError("unreachable")


class BackendPool:
    """N backends on one store; a request borrows one, and a backend that timed out or died is
    killed and replaced in the background so the pool keeps its size."""

    def __init__(self, spec: BackendSpec, size: int, on_event=print) -> None:
        self.spec = spec
        self.size = size
        self.idle: queue.Queue[Backend] = queue.Queue()
        self.members: set[Backend] = set()
        self.lock = threading.Lock()
        self.closing = False
        self.on_event = on_event
        self.opened = store_identity(spec.store)
        self.opened_at = os.stat(spec.store).st_mtime if self.opened else time.time()  # when it was built
        started: list[Backend] = []
        try:
            for _ in range(size):
                started.append(start_backend(spec))
        except BaseException:  # a failure, or a stop signal while starting: leave no process behind
            for backend in started:
                backend.kill()
            raise
        for backend in started:
            self.members.add(backend)
            self.idle.put(backend)

    def pids(self) -> list[int]:
        with self.lock:
            return [backend.pid for backend in self.members]

    def acquire(self, seconds: float) -> Backend | None:
        """An idle backend, or None if none came free within ``seconds``."""
        try:
            return self.idle.get(timeout=seconds)
        except queue.Empty:
            return None

    def release(self, backend: Backend) -> None:
        if self.closing:
            self.retire(backend)
        else:
            self.idle.put(backend)

    def retire(self, backend: Backend) -> None:
        with self.lock:
            self.members.discard(backend)
        backend.kill()

    def replace(self, backend: Backend) -> None:
        """Kill ``backend`` at once and start its successor in the background."""
        self.retire(backend)
        if not self.closing:
            threading.Thread(target=self._restart, name="tsgraph-backend-restart", daemon=True).start()

    def _restart(self) -> None:
        while not self.closing:
            try:
                backend = start_backend(self.spec)
            except Exception as exc:  # noqa: BLE001 - the pool must refill, whatever failed
                self.on_event(f"a worker could not restart on {self.spec.store}: {exc}; retrying in 1 s")
                time.sleep(1)
                continue
            with self.lock:
                if self.closing:
                    backend.kill()
                    return
                self.members.add(backend)
            self.idle.put(backend)
            return

    def busy(self) -> int:
        with self.lock:
            return len(self.members) - self.idle.qsize()

    def close(self, drain_seconds: float = 0.0) -> None:
        """Stop taking requests; wait up to ``drain_seconds`` for those in flight, then kill all."""
        self.closing = True
        deadline = time.monotonic() + drain_seconds
        while self.busy() > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        with self.lock:
            members = list(self.members)
            self.members.clear()
        for backend in members:
            backend.kill()
