"""The front of `tsgraph serve`: a small HTTP proxy with fixed limits in front of the workers.

A fixed set of handler threads (workers + queue) serves connections; a connection that finds
them all busy, and the queue of waiting connections full, is answered 503 with Retry-After by
one refusing thread. Idle keep-alive connections time out; bodies over a size limit get 413.
A query gets a worker for at most --timeout seconds: past that the client gets 504 and the
worker is killed and replaced, so a runaway query stops using CPU and memory at once.
"""

from __future__ import annotations

import http.client
import queue
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from collections.abc import Callable

from .backends import Backend, BackendPool
from .protocol import Forward, Refusal, route

CHUNK = 64 * 1024
DISCARD_BYTES = 16 << 20  # a refused body read and dropped, at most


@dataclass(frozen=True)
class Limits:
    """What the proxy promises: at most ``workers`` queries at once, ``queue`` more waiting."""

    workers: int = 4
    queue: int = 32
    timeout: float = 30.0
    memory_mb: int | None = 1024
    allow_service: bool = False
    body_bytes: int = 1 << 20  # a SPARQL query of a megabyte is already absurd
    response_bytes: int = 64 << 20  # buffered whole, so the timeout can still answer 504
    idle_seconds: float = 10.0  # a keep-alive connection that sends nothing is closed


class Answer(Exception):
    """An error answer the proxy gives instead of the worker's (status, one-line text)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def _read_all(response: http.client.HTTPResponse, sock: socket.socket, deadline: float, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        part = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > limit:
            raise OverflowError
        parts.append(part)


def ask_worker(backend: Backend, request: Forward, timeout: float, limit: int) -> tuple[int, str | None, bytes]:
    """(status, content type, body) from the worker, all of it within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=timeout)
    try:
        connection.request(request.method, request.target, body=request.body,
                           headers={k: v for k, v in request.headers.items() if v})
        connection.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        response = connection.getresponse()
        body = b"" if request.method == "HEAD" else _read_all(response, connection.sock, deadline, limit)
        return response.status, response.getheader("Content-Type"), body
    finally:
        connection.close()


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tsgraph"
    server: ProxyServer

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_seconds
        super().setup()

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's signature
        pass  # no access log on stderr: tsgraph's own lines stay readable

    def do_GET(self) -> None:
        self.handle_request()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise Refusal(411, "send the query with a Content-Length, not chunked")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refusal(400, "Content-Length is not a number") from None
        if length < 0:
            raise Refusal(400, "Content-Length is negative")
        if length > self.server.limits.body_bytes:
            self.discard(length)
            raise Refusal(413, f"the request body is over {self.server.limits.body_bytes} bytes")
        body = self.rfile.read(length)
        self.body_read = True
        return body

    def discard(self, length: int) -> None:
        """Read (and drop) a refused body up to a bound, so that the client, still sending, gets
        the 413 rather than a broken pipe; a larger one is cut off with the connection."""
        left = min(length, DISCARD_BYTES)
        try:
            while left > 0:
                part = self.rfile.read(min(left, CHUNK))
                if not part:
                    break
                left -= len(part)
        except OSError:
            pass

    def handle_request(self) -> None:
        limits = self.server.limits
        self.body_read = False
        sent_body = (self.headers.get("Content-Length") or "0").strip() != "0" or self.headers.get("Transfer-Encoding")
        try:
            request = route(self.command, self.path, self.headers, self.read_body, allow_service=limits.allow_service)
            status, kind, body = self.server.answer(request)
        except (Refusal, Answer) as exc:
            if sent_body and not self.body_read:
                self.close_connection = True  # its body is unread: it must not be taken for a request
            self.send_text(exc.status, exc.message, exc.headers)
            return
        except Exception as exc:  # noqa: BLE001 - the server must answer and live on, whatever went wrong
            self.close_connection = True
            self.send_text(500, f"internal error in tsgraph serve: {type(exc).__name__}: {exc}")
            return
        if sent_body and not self.body_read:
            self.close_connection = True
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


BUSY = b"server busy: every worker and queue place is taken; retry shortly\n"


def refuse_busy(connection: socket.socket) -> None:
    """Answer 503 to a connection no handler can take; read its request head first so that
    closing does not reset the connection before the client reads the answer."""
    try:
        connection.settimeout(1.0)
        try:
            connection.recv(CHUNK)
        except OSError:
            pass
        connection.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
                           b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (len(BUSY), BUSY))
        connection.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    finally:
        connection.close()


class ProxyServer(socketserver.TCPServer):
    """A TCP server whose handler threads are a fixed pool fed from a bounded queue."""

    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple, family: int, limits: Limits, pool: Callable[[], BackendPool]) -> None:
        self.address_family = family
        super().__init__(address, ProxyHandler)
        self.limits = limits
        self.pool = pool  # the current pool: a rebuilt store swaps it while serving
        self.waiting: queue.Queue = queue.Queue(maxsize=limits.queue)
        self.refusing: queue.Queue = queue.Queue(maxsize=limits.queue)
        self.threads = [threading.Thread(target=self._handle_loop, name=f"tsgraph-handler-{n}", daemon=True)
                        for n in range(limits.workers + limits.queue)]
        self.threads.append(threading.Thread(target=self._refuse_loop, name="tsgraph-refuser", daemon=True))
        for thread in self.threads:
            thread.start()

    def process_request(self, request, client_address) -> None:
        try:
            self.waiting.put_nowait((request, client_address))
        except queue.Full:
            try:
                self.refusing.put_nowait(request)
            except queue.Full:
                self.shutdown_request(request)  # beyond every bound: close without a word

    def _handle_loop(self) -> None:
        while True:
            request, client_address = self.waiting.get()
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - a broken connection must not take a handler thread with it
                pass
            finally:
                self.shutdown_request(request)

    def _refuse_loop(self) -> None:
        while True:
            refuse_busy(self.refusing.get())

    def borrow(self) -> tuple[BackendPool, Backend]:
        """A live worker of the current pool, waiting at most --timeout; Answer 503 if none.
        Waits in short slices so that a rebuild's new pool is used as soon as it is there."""
        deadline = time.monotonic() + self.limits.timeout
        while (left := deadline - time.monotonic()) > 0:
            pool = self.pool(deadline)
            backend = pool.acquire(min(left, 0.25))
            if backend is None:
                continue
            if pool.closing:
                pool.release(backend)  # retires it: the store was rebuilt meanwhile
            elif not backend.alive():
                pool.replace(backend)  # died while idle; the query has not run, so try another
            else:
                return pool, backend
        raise Answer(503, f"server busy: {self.limits.workers} queries running and more waiting; retry shortly",
                     {"Retry-After": "1"})

    def answer(self, request: Forward) -> tuple[int, str | None, bytes]:
        """The worker's answer to ``request``, or an Answer (busy, timed out, worker died)."""
        limits = self.limits
        pool, backend = self.borrow()
        try:
            answer = ask_worker(backend, request, limits.timeout, limits.response_bytes)
        except TimeoutError:
            pool.replace(backend)
            raise Answer(504, f"query timed out after {limits.timeout:g} s") from None
        except OverflowError:
            pool.replace(backend)
            raise Answer(502, f"the answer is over {limits.response_bytes >> 20} MB; add a LIMIT") from None
        except (ConnectionError, http.client.HTTPException, OSError):
            reason = died(backend)
            pool.replace(backend)
            limit = f"; the limit is {limits.memory_mb} MB of memory per query" if limits.memory_mb else ""
            raise Answer(502, f"the query stopped its worker ({reason}){limit}") from None
        except BaseException:
            pool.replace(backend)  # in an unknown state: never hand it to another query
            raise
        pool.release(backend)
        return answer


def died(backend: Backend) -> str:
    """Why a worker stopped in mid-query, in a few words."""
    try:
        backend.process.wait(1)
    except Exception:  # noqa: BLE001 - still running: it closed the connection on its own
        return "it closed the connection"
    code = backend.process.returncode
    return f"it stopped with signal {-code}" if code < 0 else f"it exited with code {code}"
