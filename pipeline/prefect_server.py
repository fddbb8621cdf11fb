"""A temporary Prefect API server for one ``pipeline run``, shared by its worker processes.

Prefect starts such a server by itself when no ``PREFECT_API_URL`` is set, but in every process
that needs one (each worker would start its own), and starting it from Python imports the whole
server application (about 80 MB) into the process that asks. Here the server runs as one
``uvicorn`` child process, found by URL through ``PREFECT_API_URL`` in this process's
environment, which worker processes inherit; this process never imports the server code.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

DEFAULT_STARTUP_TIMEOUT = 180.0

# The server runs uvicorn's command line behind a watch on its parent: when the process that
# started it is gone (even killed outright, when no exit handler runs), it stops itself.
_SERVE = """
import os, signal, sys, threading, time
parent = os.getppid()
def watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
threading.Thread(target=watch, daemon=True).start()
from uvicorn.main import main
sys.argv[0] = "uvicorn"
main()
"""
_STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


class ServerStartError(RuntimeError):
    """The temporary server did not answer its health check in time, or exited."""


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TemporaryServer:
    """``uvicorn`` serving Prefect's API app on a free loopback port, without the UI."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, timeout: float | None = None, *, port_retries: int = 2) -> None:
        """Start the server and wait until ``/api/health`` answers (or raise)."""
        if timeout is None:
            timeout = float(os.environ.get(_STARTUP_TIMEOUT_ENV) or DEFAULT_STARTUP_TIMEOUT)
        command = [
            sys.executable, "-c", _SERVE, "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error",
            "--lifespan", "on",
        ]
        env = dict(os.environ, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1",
                   PREFECT__SERVER_FINAL="1")
        env.pop("PREFECT_API_URL", None)
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)  # at exit, after Prefect has sent its last logs to it
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if self.process.returncode == 3 and port_retries > 0:  # port taken meanwhile
                    self.port = _free_port()
                    return self.start(timeout, port_retries=port_retries - 1)
                raise ServerStartError(
                    f"the temporary Prefect server exited with code {self.process.returncode}"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerStartError(
            f"the temporary Prefect server did not answer within {timeout:.0f} s "
            f"(raise {_STARTUP_TIMEOUT_ENV} on a slow machine)"
        )

    def stop(self) -> None:
        """Terminate the server (kill it if it does not stop within 5 s)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_SERVER: TemporaryServer | None = None


def ensure_api_server() -> str:
    """Return the Prefect API URL this process uses, starting one temporary server if
    ``PREFECT_API_URL`` is not set. The URL goes into this process's environment, which worker
    processes inherit, and stays for the life of the process: Prefect sends its last logs at
    exit, and the server stops after that.
    """
    global _SERVER
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url
    if _SERVER is None:
        server = TemporaryServer()
        print(f"starting a temporary Prefect server on {server.api_url} (set PREFECT_API_URL "
              "to use your own)", file=sys.stderr, flush=True)
        server.start()
        _SERVER = server
    os.environ["PREFECT_API_URL"] = _SERVER.api_url
    if "prefect.settings" in sys.modules:  # Prefect read its settings already: tell it too
        from prefect.settings import PREFECT_API_URL, temporary_settings

        temporary_settings(updates={PREFECT_API_URL: _SERVER.api_url}).__enter__()
    return _SERVER.api_url
