"""Write a folder atomically: into a staging folder beside it, swapped in only when complete.

At every instant the output path holds a complete folder, the previous one or the new one:

- on Linux the staging folder and the output are exchanged in one system call
  (``renameat2(RENAME_EXCHANGE)``), and the previous tree, now under the staging name, is removed;
- where the system cannot exchange, the output becomes a symlink to a versioned folder beside it
  (``.exports.v-PID-N``), replaced by renaming a new symlink over it. Turning a real folder into
  that symlink is the one step that needs two renames; a stranded previous folder
  (``.exports.old-PID``) is put back by the next writer if the output is missing.

Writers of the same output queue on a lock file beside it (``.exports.lock``, ``fcntl.flock``);
staging and previous folders left by dead processes are removed once the lock is held. SIGTERM and
SIGHUP while the block runs raise ``Interrupted``: the staging folder is removed and the output
is left as it was. The build and `tsgraph map` both write this way.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .errors import TsgraphError

AT_FDCWD, RENAME_EXCHANGE = -100, 2  # from <fcntl.h> and <linux/fs.h>
STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
# Names this module gives the folders and links beside an output; the number after the kind is
# the writer's process id, so leftovers of dead writers can be told from a live writer's.
LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<kind>staging|old|v|link)-(?P<pid>\d+)(?:-\d+)?")


class Interrupted(TsgraphError):
    """A stopping signal arrived while a folder was being written; the output is unchanged."""


class LockedError(TsgraphError):
    """Another writer holds the output's lock and the caller asked not to wait."""


def after(step: str) -> None:
    """Called between the steps of a swap; a no-op the tests replace to kill the process there."""


@lru_cache(maxsize=1)
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # no such symbol (glibc before 2.28, other C libraries)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def exchange(first: Path, second: Path) -> bool:
    """Exchange two existing paths in one system call; False where the system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or filesystem without it
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def sibling(output: Path, kind: str, *suffix: object) -> Path:
    return output.with_name("-".join([f".{output.name}.{kind}", str(os.getpid()), *map(str, suffix)]))


def replace_directory(staging: Path, output: Path) -> None:
    """Swap the complete staging folder in; the output is never missing, not even for an instant."""
    if output.is_symlink():
        _relink(staging, output)
    elif not output.exists():
        os.rename(staging, output)
    elif exchange(staging, output):
        after("exchanged")
        shutil.rmtree(staging, ignore_errors=True)  # the previous build, under the staging name now
    else:
        _to_link_layout(staging, output)


def _new_link(staging: Path, output: Path) -> Path:
    """Move staging to a versioned folder and return a new symlink (beside output) pointing to it."""
    version = sibling(output, "v", time.time_ns())
    os.rename(staging, version)
    after("versioned")
    link = sibling(output, "link")
    if link.is_symlink():
        link.unlink()
    os.symlink(version.name, link)  # relative: the pair can be moved together
    after("linked")
    return link


def _relink(staging: Path, output: Path) -> None:
    previous = output.parent / os.readlink(output)
    os.replace(_new_link(staging, output), output)  # one rename: the link now names the new folder
    after("relinked")
    if previous.parent == output.parent and LEFTOVER.fullmatch(previous.name):
        shutil.rmtree(previous, ignore_errors=True)


def _to_link_layout(staging: Path, output: Path) -> None:
    """Without an exchange, a real folder becomes the symlink layout: two renames, this once."""
    link = _new_link(staging, output)
    old = sibling(output, "old")
    os.rename(output, old)
    after("moved aside")
    try:
        os.rename(link, output)
    except OSError:
        os.rename(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)  # what is left is removed by the next writer


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def remove_leftovers(output: Path) -> list[Path]:
    """Under the lock: put back a stranded previous folder if the output is missing, and remove
    the staging and previous folders of dead writers (or of this process's earlier attempts)."""
    current = (output.parent / os.readlink(output)).name if output.is_symlink() else None
    leftovers = []
    for path in sorted(output.parent.glob(f".{glob_escape(output.name)}.*-*")):
        found = LEFTOVER.fullmatch(path.name)
        if not found or found["name"] != output.name or path.name == current:
            continue
        pid = int(found["pid"])
        if pid != os.getpid() and pid_alive(pid):
            continue
        if found["kind"] == "old" and not output.exists() and not output.is_symlink():
            os.rename(path, output)  # killed between the two renames of _to_link_layout
            continue
        leftovers.append(path)
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)
    return leftovers


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def holder_of(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def locked(output: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output's lock file: writers of the same output queue here, one at a time."""
    lock_path = output.with_name(f".{output.name}.lock")
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = holder_of(lock_path)
            if not wait:
                raise LockedError(f"another build{holder} is writing {output}; try again when it has finished") from None
            (on_wait or (lambda message: None))(f"waiting for another build{holder} to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock; the file stays (removing it would race)


@contextmanager
def locked_if_inside(folder: Path, output: Path, *, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold ``output``'s lock while the block writes ``folder``, if ``folder`` lies inside it: a
    build must not swap in a new output between a writer's reading the old one and writing into it.
    Without an output there is nothing to read, and the writer fails on its own terms."""
    if Path(output).is_dir() and Path(folder).resolve().is_relative_to(Path(output).resolve()):
        with locked(Path(output), on_wait=on_wait):
            yield
    else:
        yield


@contextmanager
def swap_guard(output: Path) -> Iterator[Callable[[], None]]:
    """While the block runs, SIGTERM and SIGHUP raise ``Interrupted``. The block calls the function
    it is given before the swap, and before cleaning up: from then on the signals are held, and
    they get back their usual meaning when the block ends.

    Holding them makes the swap (or the cleanup) whole; restoring the previous handlers before a
    held signal is delivered means a signal that came during the swap stops the process as it
    would have without us, the new folder in place, rather than reporting an interruption that
    did not stop it.
    """
    if threading.current_thread() is not threading.main_thread():  # signals are the main thread's
        yield lambda: None
        return
    mask: list[set] = []

    def interrupt(number: int, frame) -> None:
        raise Interrupted(f"interrupted by {signal.Signals(number).name}; {output} was left as it was")

    previous = {number: signal.signal(number, interrupt) for number in STOPPING_SIGNALS}

    def hold() -> None:
        if not mask:
            mask.append(signal.pthread_sigmask(signal.SIG_BLOCK, {*STOPPING_SIGNALS, signal.SIGINT}))

    try:
        yield hold
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if mask:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask[0])


@contextmanager
def staged(output: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """A fresh staging folder for ``output``: swapped in if the block succeeds, removed if not."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with swap_guard(output) as hold, locked(output, wait=wait, on_wait=on_wait):
        remove_leftovers(output)
        staging = sibling(output, "staging")
        try:
            staging.mkdir()
            yield staging
            hold()
            replace_directory(staging, output)
        except BaseException:
            hold()
            shutil.rmtree(staging, ignore_errors=True)
            raise
