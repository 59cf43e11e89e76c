"""What the local Neo4j server needs from the operating system: Java, free ports, its processes, private
files. Split from :mod:`graph.store.local_server`, which re-exports the public names."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from graph.errors import InstgraphError

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
USERNAME = "neo4j"
JAVA_VERSION = 17


class LocalServerError(InstgraphError):
    """The local Neo4j server cannot be set up, started, reached or stopped."""


def hash_initial_password(password: str, salt: bytes | None = None, iterations: int = 1024) -> str:
    """One ``auth.ini`` line for user neo4j, in the format ``neo4j-admin dbms set-initial-password`` writes:
    ``neo4j:SHA-256,<hash>,<salt>,<iterations>:`` where the hash is SHA-256 over salt + password, then
    re-hashed ``iterations - 1`` times (all hex)."""
    salt = secrets.token_bytes(32) if salt is None else salt
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return f"{USERNAME}:SHA-256,{digest.hex()},{salt.hex()},{iterations}:\n"


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on ``host:port`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


# Popen objects of servers this process started, so their exit is reaped (no zombie, no ResourceWarning).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def _check_port(name: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise LocalServerError(f"{name} {port} is not a TCP port: use 1-65535")


def find_java(java: str) -> str:
    exe = shutil.which(java)
    if exe is None:
        raise LocalServerError(
            f"Java ({java}) is not installed: install Java 17 or newer "
            "(Debian: apt-get install openjdk-17-jre-headless), or set NEO4J_URI to a running Neo4j server"
        )
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LocalServerError(f"{exe} -version failed ({exc}): check the Java installation") from None
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if match and int(match.group(1)) < JAVA_VERSION:
        raise LocalServerError(f"{exe} is Java {match.group(1)}; Neo4j 5 needs Java {JAVA_VERSION} or newer")
    return exe


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    with contextlib.suppress(ChildProcessError, OSError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our child that already exited: reap it
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie still answers kill(0)
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_ours(pid: int, server_dir: Path) -> bool:
    """Whether ``pid`` is a Neo4j JVM for ``server_dir`` (a pid file can outlive its process)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid file
    return MAIN_CLASS.encode() in args and f"--home-dir={server_dir}".encode() in args


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return not _alive(pid)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[IO[Any]]:
    with path.open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield f
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _last_line(path: Path) -> str:
    try:
        lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    errors = [ln for ln in lines if "ERROR" in ln]
    return (errors or lines or [""])[-1][:300]


def _last_error(path: Path) -> str:
    """The most telling line of a failed start: the last ERROR, else the last exception, else the last."""
    try:
        lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    for marker in ("ERROR", "Exception", "Error"):
        hits = [ln for ln in lines if marker in ln]
        if hits:
            return hits[-1][:300]
    return lines[-1][:300] if lines else ""




def wait_for_bolt(uri: str, user: str, secret: str, deadline: float, check: Callable[[], None],
                  hints: dict[str, str]) -> None:  # fmt: skip
    """Wait until a starting server accepts a Bolt login; ``check`` raises if its process died, ``hints``
    finish the messages for a refused password (``refused``) and for no answer in time (``late``)."""
    import neo4j
    from neo4j.exceptions import AuthError, ServiceUnavailable

    with neo4j.GraphDatabase.driver(uri, auth=(user, secret)) as driver:
        while True:
            check()
            try:
                driver.verify_connectivity()
                return
            except AuthError:
                raise LocalServerError(hints["refused"]) from None
            except (ServiceUnavailable, OSError):
                pass
            if time.monotonic() > deadline:
                raise LocalServerError(f"Neo4j did not answer on {uri} in time: {hints['late']}")
            time.sleep(0.5)


def wait_for_http(url: str, deadline: float, check: Callable[[], None], log_file: Path) -> None:
    """Wait until a starting server's HTTP connector answers 200 on ``url``."""
    while True:
        check()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise LocalServerError(f"Neo4j's HTTP connector did not answer on {url}: see {log_file}")
        time.sleep(0.5)
