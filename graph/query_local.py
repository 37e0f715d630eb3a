"""SPARQL on the embedded Oxigraph store, bounded in time and memory, read-only.

The query runs in a forked child process: Oxigraph evaluates in native code that a thread cannot
interrupt, so time is enforced by stopping the child, and memory by a limit the child sets on
itself (RLIMIT_DATA: the heap and every private anonymous mapping, which is where the engine's
sorts and joins grow; the store's files mapped read-only do not count). A query that reaches the
limit fails to allocate and the child dies (or raises MemoryError); either way the parent says
the query needed more memory than allowed, in one line.

Measured by benchmarks/query_memory.py: every library query on the real store peaks at about
40 MiB for the whole process tree; an ORDER BY over a cartesian product of the graph grows by
gigabytes until stopped. DEFAULT_MEMORY_MIB leaves twenty times the library's need and stops the
runaway below 1 GiB.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError, UsageError
from .limits import DEFAULT_MEMORY_MIB, MIN_MEMORY_MIB, cap_data_memory
from .sparql_guard import check_query

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 86_400.0  # a day: beyond it the wait overflows the system's clock arithmetic


class QueryLimitError(QueryError, UsageError):
    """A time or memory limit that cannot bound anything: not finite, not positive, too small."""


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, str | None]]
    truncated: bool = False
    boolean: bool | None = None

    def as_tuples(self) -> list[tuple]:
        return [tuple(row.get(c) for c in self.columns) for row in self.rows]


def check_timeout(timeout: float | None) -> None:
    """A timeout is a finite number of seconds above 0 and at most MAX_TIMEOUT (None: no timeout,
    which a caller asks for explicitly; the CLI never does)."""
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout) \
            or not 0 < timeout <= MAX_TIMEOUT:
        raise QueryLimitError(f"timeout {timeout!r} is not a finite number of seconds above 0 and at most {MAX_TIMEOUT:g}, e.g. 30")


def check_memory(memory_mib: int | None) -> None:
    """A memory limit is a whole number of MiB, at least MIN_MEMORY_MIB (None: no limit)."""
    if memory_mib is None:
        return
    if isinstance(memory_mib, bool) or not isinstance(memory_mib, int) or memory_mib < MIN_MEMORY_MIB:
        raise QueryLimitError(f"memory limit {memory_mib!r} is not a whole number of MiB of at least {MIN_MEMORY_MIB}")


def term_value(term) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def _evaluate(store_path: str, sparql: str, limit: int | None):
    import pyoxigraph

    store = pyoxigraph.Store.read_only(store_path)
    try:
        answer = store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc))) from None
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Result([], [], boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows, truncated = [], False
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append({c: term_value(solution[c]) for c in columns})
        return Result(columns, rows, truncated)
    triples = []
    for triple in answer:
        if limit is not None and len(triples) >= limit:
            return Result(["subject", "predicate", "object"], triples, True)
        triples.append({"subject": term_value(triple.subject), "predicate": term_value(triple.predicate), "object": term_value(triple.object)})
    return Result(["subject", "predicate", "object"], triples)


def syntax_message(message: str) -> str:
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if match:
        return f"SPARQL syntax error at line {match[1]}, column {match[2]}: {match[3].strip()}"
    return f"SPARQL syntax error: {message}"


def _limit_memory(memory_mib: int) -> None:
    import faulthandler

    cap_data_memory(memory_mib)
    # The engine reports a failed allocation on stderr before it aborts (and faulthandler, where a
    # test runner enabled it, dumps the stack on its own copy of stderr); the parent says it in one line.
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _child(connection, store_path: str, sparql: str, limit: int | None, memory_mib: int | None) -> None:
    try:
        if memory_mib is not None:
            _limit_memory(memory_mib)
        connection.send(("ok", _evaluate(store_path, sparql, limit)))
    except MemoryError:
        connection.send(("memory", None))
    except QueryError as exc:
        connection.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - any store failure is reported to the parent
        connection.send(("error", f"query failed: {exc}"))
    finally:
        connection.close()


def memory_message(memory_mib: int) -> str:
    return f"query stopped: it needed more than {memory_mib} MiB of memory (raise --memory to allow more)"


def run_local(
    store_path: Path, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = DEFAULT_LIMIT,
    memory_mib: int | None = DEFAULT_MEMORY_MIB, allow_service: bool = False,
) -> Result:
    """Run a read-only query on the embedded store, stopped after ``timeout`` seconds or when it
    needs more than ``memory_mib`` MiB. Updates, and SERVICE unless ``allow_service``, are refused
    (graph.sparql_guard) before anything runs."""
    check_timeout(timeout)
    check_memory(memory_mib)
    check_query(sparql, allow_service=allow_service)
    store_path = Path(store_path)
    if not store_path.exists():
        raise QueryError(f"no store at {store_path}; run `tsgraph build` first")
    if timeout is None and memory_mib is None:
        return _evaluate(str(store_path), sparql, limit)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, str(store_path), sparql, limit, memory_mib), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"query stopped after {timeout:g} s (raise --timeout to allow longer)")
        status, payload = parent.recv()
    except EOFError:
        process.join(5)
        if memory_mib is not None and process.exitcode in (-signal.SIGABRT, -signal.SIGKILL):
            raise QueryError(memory_message(memory_mib)) from None
        raise QueryError(f"the query process ended without an answer (exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        parent.close()
    if status == "memory":
        raise QueryError(memory_message(memory_mib))
    if status == "error":
        raise QueryError(payload)
    return payload
